/* documents.c: portalctl's document store commands: import-document, files-sweep */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "documents.h"
#include "portalctl.h"
#include "util.h"

/* --- import-document --------------------------------------------------- */

/* A document from a file on the server (bulk imports, the benchmark),
 * checked like an upload. Prints the new document's id. */
int cmd_import_document(char **arg)
{
	const char *type = arg[0], *unit = arg[1], *title = arg[2], *path = arg[3];
	const char *problem = NULL, *name = strrchr(path, '/');
	long long doc = 0;
	char *found = NULL;
	NEOERR *err;
	FILE *f;

	if (load_conf())
		return 1;
	err = documents_init();
	if (!err)
		err = db_value(&found, "SELECT id FROM org_units WHERE id = ? AND archived_at IS NULL", "i",
			       atoll(unit));
	if (err)
		return fail_nerr("import-document", err);
	if (!found)
		return fail("import-document: no unit %s", unit);
	free(found);
	if (!util_utf8_ok(title, 0) || util_utf8_len(title) > 200)
		return fail("import-document: the title must be text of at most 200 characters");
	f = fopen(path, "rb");
	if (!f)
		return fail("import-document: %s: %s", path, strerror(errno));
	err = documents_add(NULL, f, type, title, name ? name + 1 : path, atoll(unit), 0, &doc, &problem);
	fclose(f);
	if (err)
		return fail_nerr("import-document", err);
	if (problem)
		return fail("import-document: %s refused: %s", path, problem);
	printf("%lld\n", doc);
	return 0;
}

/* --- files-sweep ------------------------------------------------------- */

int cmd_files_sweep(char **arg)
{
	STRING report;
	int delete = arg[0] != NULL, orphans, missing, files;
	NEOERR *err;

	if (arg[0] && strcmp(arg[0], "--delete"))
		return CTL_USAGE;
	if (load_conf())
		return 1;
	string_init(&report);
	err = documents_sweep(NULL, delete, &report, &files, &orphans, &missing);
	if (err) {
		string_clear(&report);
		return fail_nerr("files-sweep", err);
	}
	fputs(report.buf ? report.buf : "", stdout);
	string_clear(&report);
	printf("files-sweep: %d files in the store, %d orphan%s%s, %d document%s without a file%s\n",
	       files, orphans, orphans == 1 ? "" : "s", delete ? " removed" : "", missing,
	       missing == 1 ? "" : "s", delete ? "" : " (dry run: --delete removes the orphans)");
	return 0;
}
