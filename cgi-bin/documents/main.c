/* main.c: the documents binary — the list, upload, download and preview, retention and purge */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>

#include "acl.h"
#include "app.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "files.h"
#include "http.h"
#include "log.h"
#include "page.h"
#include "request.h"
#include "util.h"
#include "view.h"

#define PAGE 25

/* A document as the pages see one. */
typedef struct doc {
	long long id, unit_id, person_id, size;
	char type[33], title[201], filename[256], kind[17], path[800], file_id[40];
	unsigned char key[128];
	size_t key_len;
} Doc;

/* Who may see a document: document.view on its unit — CVs only for agency
 * staff (client users see a CV through the vacancy it was proposed to) —
 * or the person it is about. Anyone else gets 404. */
static int may_see(Request *r, const Doc *d)
{
	if (d->person_id && d->person_id == r->user->id)
		return 1;
	if (!strcmp(d->type, "cv") && strcmp(r->user->kind, "agency"))
		return 0;
	return acl_may_at(r, "document.view", d->path);
}

/* Loads the document of the :id parameter; ends with 404 when there is
 * none or the user may not see it (*ok 0). */
static NEOERR *doc_load(Request *r, Doc *d, int *ok)
{
	DBQuery *q;
	NEOERR *err;

	*ok = 0;
	memset(d, 0, sizeof(*d));
	err = db_query(&q,
		"SELECT d.id, d.unit_id, COALESCE(d.person_id, 0), d.size, d.doc_type, d.title,"
		" d.filename, d.kind, o.path, d.file_id, d.file_key FROM documents d"
		" JOIN org_units o ON o.id = d.unit_id WHERE d.id = ?",
		"i", param_int(r, "id", 0));
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		d->id = db_int(q, 0);
		d->unit_id = db_int(q, 1);
		d->person_id = db_int(q, 2);
		d->size = db_int(q, 3);
		snprintf(d->type, sizeof(d->type), "%s", db_str(q, 4));
		snprintf(d->title, sizeof(d->title), "%s", db_str(q, 5));
		snprintf(d->filename, sizeof(d->filename), "%s", db_str(q, 6));
		snprintf(d->kind, sizeof(d->kind), "%s", db_str(q, 7));
		snprintf(d->path, sizeof(d->path), "%s", db_str(q, 8));
		snprintf(d->file_id, sizeof(d->file_id), "%s", db_str(q, 9));
		d->key_len = db_len(q, 10) < sizeof(d->key) ? db_len(q, 10) : 0;
		memcpy(d->key, db_str(q, 10), d->key_len);
	}
	db_end(&q);
	if (!d->id || !may_see(r, d)) {
		http_fail(r, 404, "document %lld not visible", param_int(r, "id", 0));
		return STATUS_OK;
	}
	*ok = 1;
	return STATUS_OK;
}

static void types_into_page(Request *r)
{
	char *copy = xstrdup(documents_types()), *save = NULL, *t;
	int n = 0;

	for (t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char key[48];
		snprintf(key, sizeof(key), "Page.Types.%d", n++);
		hdf_set_value(r->hdf, key, t);
	}
	free(copy);
}

/* --- the list ------------------------------------------------------------ */

/* Documents the user may see and that match every filter given. */
#define DOCS_MATCHING \
	" FROM documents d JOIN org_units o ON o.id = d.unit_id" \
	" LEFT JOIN users p ON p.id = d.person_id" \
	" WHERE ((" ACL_IN_SCOPE("o.path") " AND (d.doc_type <> 'cv' OR ? = 'agency'))" \
	"   OR d.person_id = ?)" \
	" AND (? = '' OR d.doc_type = ?)" \
	" AND (? = '' OR LOCATE(?, d.title) > 0)" \
	" AND (? = 0 OR o.path LIKE CONCAT((SELECT u.path FROM org_units u WHERE u.id = ?), '%'))" \
	" AND (? = '' OR p.email = ?)" \
	" AND (? = '' OR d.created_at >= ?)" \
	" AND (? = '' OR d.created_at < ? + INTERVAL 1 DAY)" \
	" AND (? = 0 OR d.expires_at < UTC_DATE() + INTERVAL ? DAY)"
#define DOCS_TYPES "ssi" "ss" "ss" "ii" "ss" "ss" "ss" "ii"

static NEOERR *list(Request *r)
{
	char *scope = acl_scope(r, "document.view"), *total = NULL;
	const char *type = or_empty(param_str(r, "type")), *q = or_empty(param_str(r, "q"));
	const char *from = or_empty(param_str(r, "from")), *to = or_empty(param_str(r, "to"));
	const char *person = or_empty(param_str(r, "person"));
	long long unit = param_int(r, "unit", 0), within = param_int(r, "within", 0);
	long long page = param_int(r, "page", 1);
	DBQuery *rows;
	NEOERR *err;
	int n = 0;

	err = db_value(&total, "SELECT COUNT(*)" DOCS_MATCHING, DOCS_TYPES, scope, r->user->kind,
		       r->user->id, type, type, q, q, unit, unit, person, person, from, from, to, to, within,
		       within);
	if (!err)
		err = db_query(&rows,
			"SELECT d.id, d.doc_type, d.title, d.filename, d.kind, d.size,"
			" DATE_FORMAT(d.created_at, '%Y-%m-%d'), d.expires_at, o.name,"
			" CONCAT_WS(' ', p.first_name, p.last_name), d.expires_at < UTC_DATE()"
			DOCS_MATCHING " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?",
			DOCS_TYPES "ii", scope, r->user->kind, r->user->id, type, type, q, q, unit, unit,
			person, person, from, from, to, to, within, within, (long long)PAGE,
			(page - 1) * PAGE);
	free(scope);
	if (err) {
		free(total);
		return nerr_pass(err);
	}
	while (db_next(rows)) {
		HDF *h = page_item(r, "Docs", n++);
		page_put(h, "Id", db_str(rows, 0));
		page_put(h, "Type", db_str(rows, 1));
		page_put(h, "Title", db_str(rows, 2));
		page_put(h, "Filename", db_str(rows, 3));
		page_put(h, "Kind", db_str(rows, 4));
		hdf_set_int_value(h, "KiB", (int)((db_int(rows, 5) + 1023) / 1024));
		page_put(h, "Date", db_str(rows, 6));
		page_put(h, "Expires", db_str(rows, 7));
		page_put(h, "Unit", db_str(rows, 8));
		page_put(h, "Person", db_str(rows, 9));
		if (db_int(rows, 10))
			hdf_set_value(h, "Expired", "1");
		if (!strcmp(db_str(rows, 4), "pdf") || !strcmp(db_str(rows, 4), "png") ||
		    !strcmp(db_str(rows, 4), "jpeg"))
			hdf_set_value(h, "Preview", "1");
	}
	db_end(&rows);
	hdf_set_value(r->hdf, "Page.Total", total ? total : "0");
	{
		long long t = total ? atoll(total) : 0;
		hdf_set_int_value(r->hdf, "Page.PageNo", (int)page);
		hdf_set_int_value(r->hdf, "Page.Pages", (int)((t + PAGE - 1) / PAGE));
	}
	free(total);
	types_into_page(r);
	param_keep_form(r);
	err = page_units(r, "Units", "document.view");
	if (err)
		return nerr_pass(err);
	if (acl_may(r, "document.upload"))
		hdf_set_value(r->hdf, "Page.MayUpload", "1");
	if (acl_may(r, "retention.edit"))
		hdf_set_value(r->hdf, "Page.MayPurge", "1");
	if (acl_may(r, "files.sweep"))
		hdf_set_value(r->hdf, "Page.MaySweep", "1");
	return nerr_pass(view_render(r, "documents/list.cs"));
}

/* --- upload -------------------------------------------------------------- */

static NEOERR *upload_form(Request *r)
{
	NEOERR *err = page_units(r, "Units", "document.upload");
	if (err)
		return nerr_pass(err);
	types_into_page(r);
	return nerr_pass(view_render(r, "documents/new.cs"));
}

static NEOERR *upload(Request *r)
{
	const char *problem = NULL, *email = param_str(r, "person");
	char path[800] = "", *pid = NULL;
	long long doc = 0, person = 0;
	NEOERR *err;

	param_keep_form(r);
	if (!r->form_errors) {
		err = db_value(&pid, "SELECT path FROM org_units WHERE id = ? AND archived_at IS NULL",
			       "i", param_int(r, "unit", 0));
		if (err)
			return nerr_pass(err);
		snprintf(path, sizeof(path), "%s", pid ? pid : "");
		free(pid);
		pid = NULL;
		if (!acl_may_at(r, "document.upload", path))
			param_error(r, "unit", "choice");
	}
	if (!r->form_errors && email && *email) {
		err = db_value(&pid, "SELECT id FROM users WHERE email = ?", "s", email);
		if (err)
			return nerr_pass(err);
		if (!pid)
			param_error(r, "person", "person_unknown");
		person = pid ? atoll(pid) : 0;
		free(pid);
	}
	if (!r->form_errors) {
		err = documents_add(r, request_file(r, "file"), param_str(r, "type"), param_str(r, "title"),
				    or_empty(param_str(r, "file")), param_int(r, "unit", 0), person, &doc,
				    &problem);
		if (err && nerr_match(err, NERR_IO)) {
			/* A full disk, say: the user keeps the form and may retry. */
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			problem = "file_store";
		}
		if (err)
			return nerr_pass(err);
		if (problem)
			param_error(r, strcmp(problem, "choice") ? "file" : "type", problem);
	}
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(upload_form(r));
	}
	return http_redirect(r, "/documents/?done=upload");
}

/* --- download and preview ------------------------------------------------ */

static NEOERR *download(Request *r)
{
	Doc d;
	int ok;
	NEOERR *err = doc_load(r, &d, &ok);
	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(documents_send(r, d.id, 0, NULL, ""));
}

static NEOERR *preview(Request *r)
{
	Doc d;
	int ok;
	NEOERR *err = doc_load(r, &d, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (strcmp(d.kind, "pdf") && strcmp(d.kind, "png") && strcmp(d.kind, "jpeg"))
		return http_fail(r, 404, "no preview of %s", d.kind);
	return nerr_pass(documents_send(r, d.id, 1, NULL, ""));
}

/* --- retention ----------------------------------------------------------- */

static NEOERR *extend_page(Request *r, const Doc *d)
{
	char *exp = NULL;
	NEOERR *err = db_value(&exp, "SELECT expires_at FROM documents WHERE id = ?", "i", d->id);

	if (err)
		return nerr_pass(err);
	hdf_set_int_value(r->hdf, "Page.Doc.Id", (int)d->id);
	hdf_set_value(r->hdf, "Page.Doc.Title", d->title);
	hdf_set_value(r->hdf, "Page.Doc.Expires", exp ? exp : "");
	free(exp);
	param_keep_form(r);
	return nerr_pass(view_render(r, "documents/extend.cs"));
}

static NEOERR *extend_form(Request *r)
{
	Doc d;
	int ok;
	NEOERR *err = doc_load(r, &d, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!acl_require(r, "retention.edit", d.path))
		return STATUS_OK;
	return nerr_pass(extend_page(r, &d));
}

/* Extends a document's retention by a year, with the reason (consent). */
static NEOERR *extend(Request *r)
{
	Doc d;
	int ok;
	NEOERR *err = doc_load(r, &d, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!acl_require(r, "retention.edit", d.path))
		return STATUS_OK;
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(extend_page(r, &d));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "UPDATE documents SET expires_at = expires_at + INTERVAL 1 YEAR,"
				    " extended_reason = ?, extended_by = ? WHERE id = ?",
			      "sii", param_str(r, "reason"), r->user->id, d.id);
	if (!err)
		err = audit_add(r, r->user->id, "document.extend", "document", d.id, d.unit_id,
				"reason in the document"); /* its words may name people: not in the log */
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/documents/?done=extend");
}

/* Purges the ticked documents: row and file, each audited. Only those the
 * user holds retention.edit on; the others are left and counted. */
static NEOERR *purge(Request *r)
{
	long long ids[200];
	int n = param_ids(r, "id", ids, 200), done = 0;
	NEOERR *err = STATUS_OK;

	for (int i = 0; i < n && !err; i++) {
		char *path = NULL;
		err = db_value(&path, "SELECT o.path FROM documents d JOIN org_units o ON o.id = d.unit_id"
				      " WHERE d.id = ?", "i", ids[i]);
		if (!err && path && acl_may_at(r, "retention.edit", path)) {
			err = documents_purge(r, ids[i], "purged from the retention overview");
			done++;
		}
		free(path);
	}
	if (err)
		return nerr_pass(err);
	{
		char loc[64];
		snprintf(loc, sizeof(loc), "/documents/?done=purge&purged=%d", done);
		return http_redirect(r, loc);
	}
}

/* --- retention types ---------------------------------------------------- */

static const char starts_values[] = "upload contract_end last_activity";

static NEOERR *retention_page(Request *r)
{
	DBQuery *q;
	NEOERR *err;
	char *copy, *save = NULL, *t;
	int n = 0;

	err = db_query(&q, "SELECT id, name, period_days, starts FROM retention_types ORDER BY name",
		       NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Retention", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		page_put(h, "Days", db_str(q, 2));
		page_put(h, "Starts", db_str(q, 3));
	}
	db_end(&q);
	n = 0;
	copy = xstrdup(documents_types());
	for (t = strtok_r(copy, " ", &save); t && !err; t = strtok_r(NULL, " ", &save)) {
		char *rid = NULL;
		HDF *h = page_item(r, "Mapping", n++);
		err = db_value(&rid, "SELECT retention_type_id FROM document_type_retention"
				     " WHERE doc_type = ?", "s", t);
		page_put(h, "Type", t);
		page_put(h, "Retention", rid);
		free(rid);
	}
	free(copy);
	copy = xstrdup(starts_values);
	n = 0;
	save = NULL;
	for (t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char key[32];
		snprintf(key, sizeof(key), "Page.Starts.%d", n++);
		hdf_set_value(r->hdf, key, t);
	}
	free(copy);
	if (err)
		return nerr_pass(err);
	param_keep_form(r);
	return nerr_pass(view_render(r, "documents/retention.cs"));
}

/* Documents follow a change of their retention at once, unless their
 * retention was extended by hand. */
static NEOERR *recompute(long long retention_id)
{
	return nerr_pass(db_exec(NULL,
		"UPDATE documents d JOIN retention_types rt ON rt.id = d.retention_type_id"
		" SET d.expires_at = d.clock_start + INTERVAL rt.period_days DAY"
		" WHERE rt.id = ? AND d.extended_reason IS NULL", "i", retention_id));
}

static NEOERR *retention_save(Request *r, long long id)
{
	char *detail;
	NEOERR *err;
	unsigned long long n = 0;

	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(retention_page(r));
	}
	err = db_begin();
	if (!err && id)
		err = db_exec(&n, "UPDATE retention_types SET name = ?, period_days = ?, starts = ?,"
				  " updated_at = UTC_TIMESTAMP() WHERE id = ?",
			      "sisi", param_str(r, "name"), param_int(r, "days", 1), param_str(r, "starts"), id);
	else if (!err)
		err = db_exec(&n, "INSERT INTO retention_types (name, period_days, starts, created_at,"
				  " updated_at) VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			      "sis", param_str(r, "name"), param_int(r, "days", 1), param_str(r, "starts"));
	if (db_duplicate(err)) {
		nerr_ignore(&err);
		db_rollback();
		param_error(r, "name", "name_taken");
		r->status = 422;
		return nerr_pass(retention_page(r));
	}
	if (!err && !n) {
		db_rollback();
		return http_fail(r, 404, "no retention type %lld", id);
	}
	if (!id)
		id = (long long)db_insert_id();
	if (!err)
		err = recompute(id);
	detail = xasprintf("%s: %lld days from %s", param_str(r, "name"), param_int(r, "days", 1),
			   param_str(r, "starts"));
	if (!err)
		err = audit_add(r, r->user->id, "retention.save", "retention_type", id, 0, detail);
	free(detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/documents/retention?done=1");
}

static NEOERR *retention_create(Request *r)
{
	return nerr_pass(retention_save(r, 0));
}

static NEOERR *retention_update(Request *r)
{
	return nerr_pass(retention_save(r, param_int(r, "id", 0)));
}

/* Which retention type each document type follows; the documents of a
 * type move with it. */
static NEOERR *retention_map(Request *r)
{
	char *copy = xstrdup(documents_types()), *save = NULL, *t;
	NEOERR *err = db_begin();

	for (t = strtok_r(copy, " ", &save); t && !err; t = strtok_r(NULL, " ", &save)) {
		long long rid = param_int(r, t, 0);
		char *have = NULL;
		if (!rid)
			continue;
		err = db_value(&have, "SELECT id FROM retention_types WHERE id = ?", "i", rid);
		if (!err && !have) {
			free(copy);
			db_rollback();
			return http_fail(r, 400, "no retention type %lld", rid);
		}
		free(have);
		if (!err)
			err = db_exec(NULL, "INSERT INTO document_type_retention (doc_type, retention_type_id)"
					    " VALUES (?, ?) ON DUPLICATE KEY UPDATE"
					    " retention_type_id = VALUES(retention_type_id)", "si", t, rid);
		if (!err)
			err = db_exec(NULL, "UPDATE documents SET retention_type_id = ? WHERE doc_type = ?",
				      "is", rid, t);
		if (!err)
			err = recompute(rid);
	}
	free(copy);
	if (!err)
		err = audit_add(r, r->user->id, "retention.map", "", 0, 0, "");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/documents/retention?done=1");
}

/* --- the orphan sweep ---------------------------------------------------- */

/* GET shows what a sweep would do; POST removes the orphan files. */
static NEOERR *sweep(Request *r)
{
	int post = !strcmp(r->method, "POST"), files, orphans, missing;
	STRING report;
	NEOERR *err;

	string_init(&report);
	err = documents_sweep(r, post, &report, &files, &orphans, &missing);
	if (!err) {
		hdf_set_value(r->hdf, "Page.Report", report.buf ? report.buf : "");
		hdf_set_int_value(r->hdf, "Page.Files", files);
		hdf_set_int_value(r->hdf, "Page.Orphans", orphans);
		hdf_set_int_value(r->hdf, "Page.Missing", missing);
		if (post)
			hdf_set_value(r->hdf, "Page.Done", "1");
		err = view_render(r, "documents/sweep.cs");
	}
	string_clear(&report);
	return nerr_pass(err);
}

/* --- routes -------------------------------------------------------------- */

static const Param p_list[] = {
	{ "type", P_TOKEN, P_FORM, 0, 32, NULL },
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "unit", P_INT, P_FORM, 0, ID_MAX, NULL },
	{ "person", P_EMAIL, P_FORM, 0, 254, NULL },
	{ "from", P_DATE, P_FORM, 0, 0, NULL },
	{ "to", P_DATE, P_FORM, 0, 0, NULL },
	{ "within", P_INT, P_FORM, 0, 3650, NULL },
	{ "page", P_INT, 0, 1, 100000, NULL },
	{ "done", P_ENUM, 0, 0, 0, "upload extend purge" },
	{ "purged", P_INT, 0, 0, 1000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_upload[] = {
	{ "type", P_TOKEN, P_REQUIRED | P_FORM, 0, 32, NULL },
	{ "title", P_LINE, P_REQUIRED | P_FORM, 0, 200, NULL },
	{ "unit", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL },
	{ "person", P_EMAIL, P_FORM, 0, 254, NULL },
	{ "file", P_FILE, P_REQUIRED | P_FORM, 0, 255, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_id[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_extend[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "reason", P_LINE, P_REQUIRED | P_FORM, 0, 500, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_retention_page[] = {
	{ "done", P_INT, P_FORM, 1, 1, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_retention[] = {
	{ "id", P_INT, P_PATH, 1, ID_MAX, NULL },
	{ "name", P_LINE, P_REQUIRED | P_FORM, 0, 100, NULL },
	{ "days", P_INT, P_REQUIRED | P_FORM, 1, 36500, NULL },
	{ "starts", P_ENUM, P_REQUIRED | P_FORM, 0, 0, starts_values },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* One field per document type, made when the types are read. */
static Param p_map[40];

static const Param p_purge[] = {
	{ "id", P_IDS, P_REQUIRED, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Route routes[] = {
	{ "GET", "/documents/", list, NULL, 0, p_list },
	{ "GET", "/documents/new", upload_form, "document.upload", 0, NULL },
	{ "POST", "/documents/", upload, "document.upload", R_CSRF | R_UPLOAD, p_upload },
	{ "GET", "/documents/:id/download", download, NULL, 0, p_id },
	{ "GET", "/documents/:id/preview", preview, NULL, 0, p_id },
	{ "GET", "/documents/:id/extend", extend_form, "retention.edit", 0, p_id },
	{ "POST", "/documents/:id/extend", extend, "retention.edit", R_CSRF, p_extend },
	{ "GET", "/documents/sweep", sweep, "files.sweep", 0, NULL },
	{ "POST", "/documents/sweep", sweep, "files.sweep", R_CSRF, NULL },
	{ "GET", "/documents/retention", retention_page, "retention.edit", 0, p_retention_page },
	{ "POST", "/documents/retention", retention_create, "retention.edit", R_CSRF, p_retention },
	{ "POST", "/documents/retention/types", retention_map, "retention.edit", R_CSRF, p_map },
	{ "POST", "/documents/retention/:id", retention_update, "retention.edit", R_CSRF, p_retention },
	{ "POST", "/documents/purge", purge, "retention.edit", R_CSRF, p_purge },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	NEOERR *err = STATUS_OK;

	/* The types are read before the first request; a broken file stops
	 * the process with the reason in the log. */
	nerr_init();
	if (conf_load(NULL) == STATUS_OK)
		err = documents_init();
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		return 1;
	}
	{
		char *copy = xstrdup(documents_types()), *save = NULL, *t;
		int n = 0;
		for (t = strtok_r(copy, " ", &save); t && n < (int)ARRAY_SIZE(p_map) - 1;
		     t = strtok_r(NULL, " ", &save))
			p_map[n++] = (Param){ t, P_INT, 0, 1, ID_MAX, NULL };
		/* The names stay: copy lives as long as the process. */
	}
	return app_run("documents", routes, argc, argv);
}
