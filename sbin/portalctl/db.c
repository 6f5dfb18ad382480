/* db.c: portalctl's commands on the database: migrate, audit-verify, the reports' summaries, the invoice import */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/sha.h>

#include "audit.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "invoice.h"
#include "report.h"
#include "portalctl.h"
#include "util.h"

/* --- migrate ----------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_migration(const char *n)
{
	size_t l = strlen(n);
	return l > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' &&
	       n[2] >= '0' && n[2] <= '9' && n[3] == '_' && !strcmp(n + l - 4, ".sql");
}

/* Runs the statements of a migration one by one: they are split at a ';'
 * that ends a line. Comment lines are dropped. */
static NEOERR *run_script(char *text)
{
	STRING stmt;
	char *line, *save = NULL;
	NEOERR *err = STATUS_OK;

	string_init(&stmt);
	for (line = strtok_r(text, "\n", &save); line && !err; line = strtok_r(NULL, "\n", &save)) {
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\r' || line[l - 1] == ' ' || line[l - 1] == '\t'))
			line[--l] = '\0';
		if (!strncmp(line, "--", 2) || !l)
			continue;
		string_append(&stmt, line);
		string_append(&stmt, "\n");
		if (line[l - 1] == ';') {
			err = db_run_fixed(stmt.buf);
			string_clear(&stmt);
			string_init(&stmt);
		}
	}
	if (!err && stmt.len)
		err = db_run_fixed(stmt.buf);
	string_clear(&stmt);
	return nerr_pass(err);
}

int cmd_migrate(char **arg)
{
	const char *dir;
	DIR *d;
	struct dirent *e;
	char **names = NULL, path[1024];
	int n = 0, applied = 0, rc = 0;
	NEOERR *err;

	(void)arg;
	if (load_conf())
		return 1;
	db_as_admin();
	err = db_run_fixed("CREATE TABLE IF NOT EXISTS schema_migrations ("
			   " name VARCHAR(200) NOT NULL PRIMARY KEY,"
			   " sha256 CHAR(64) NOT NULL,"
			   " applied_at DATETIME NOT NULL"
			   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
	if (err)
		return fail_nerr("migrate", err);
	dir = conf_str("Paths.Sql");
	d = opendir(dir);
	if (!d)
		return fail("migrate: cannot read %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		names = xrealloc(names, sizeof(*names) * (size_t)(n + 1));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), name_cmp);

	for (int i = 0; i < n && !rc; i++) {
		char *text = NULL, *known = NULL, hex[65];
		unsigned char h[32];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		err = ne_load_file(path, &text);
		if (err) {
			rc = fail_nerr(path, err);
			break;
		}
		SHA256((unsigned char *)text, strlen(text), h);
		util_hex(h, sizeof(h), hex);
		err = db_value(&known, "SELECT sha256 FROM schema_migrations WHERE name = ?", "s",
			       names[i]);
		if (err) {
			free(text);
			rc = fail_nerr("migrate", err);
			break;
		}
		if (known) {
			if (strcmp(known, hex))
				rc = fail("migrate: %s was changed after it was applied; "
					  "add a new migration instead", path);
			free(known);
			free(text);
			continue;
		}
		err = run_script(text);
		free(text);
		if (!err)
			err = db_exec(NULL, "INSERT INTO schema_migrations (name, sha256, applied_at)"
					    " VALUES (?, ?, UTC_TIMESTAMP())", "ss", names[i], hex);
		if (err) {
			rc = fail_nerr(path, err);
			break;
		}
		printf("applied %s\n", names[i]);
		applied++;
	}
	if (!rc)
		printf("migrations: %d applied, %d up to date\n", applied, n - applied);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* --- audit-verify ------------------------------------------------------ */

int cmd_audit_verify(char **arg)
{
	long long checked, bad;
	char why[256];
	NEOERR *err;

	(void)arg;
	if (load_conf())
		return 1;
	err = audit_verify(&checked, &bad, why, sizeof(why));
	if (err)
		return fail_nerr("audit-verify", err);
	if (bad)
		return fail("audit-verify: %s", why);
	printf("audit log intact: %lld rows\n", checked);
	return 0;
}

/* --- reports-verify, reports-rebuild -------------------------------------- */

int cmd_reports_verify(char **arg)
{
	long long invoiced, presence;
	NEOERR *err;

	(void)arg;
	if (load_conf())
		return 1;
	err = report_verify(&invoiced, &presence);
	if (err)
		return fail_nerr("reports-verify", err);
	if (invoiced || presence)
		return fail("reports-verify: %lld rows of invoiced amounts and %lld of hours differ from the raw rows"
			    " (portalctl reports-rebuild makes them again)", invoiced, presence);
	printf("report summaries agree with the invoices and the approved hours\n");
	return 0;
}

int cmd_reports_rebuild(char **arg)
{
	NEOERR *err;

	(void)arg;
	if (load_conf())
		return 1;
	err = report_rebuild();
	if (err)
		return fail_nerr("reports-rebuild", err);
	printf("report summaries made again from the invoices and the approved hours\n");
	return 0;
}

/* --- invoices-pull -------------------------------------------------------- */

int cmd_invoices_pull(char **arg)
{
	long long after = 0;
	int imported, failed;
	NEOERR *err;

	(void)arg;
	if (load_conf())
		return 1;
	/* The PDFs go to the documents store: its types first. */
	err = documents_init();
	if (!err)
		err = invoice_pull_some(&after, INT64_MAX, &imported, &failed);
	if (err)
		return fail_nerr("invoices-pull", err);
	printf("invoices: %d imported, %d clients failed (see the log)\n", imported, failed);
	return failed ? 1 : 0;
}
