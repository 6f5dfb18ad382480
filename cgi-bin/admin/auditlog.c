/* auditlog.c: browsing the audit log, newest first, and exporting what a filter finds as CSV */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "db.h"
#include "org.h"
#include "http.h"
#include "util.h"
#include "view.h"

/* An export stops here: enough for any inquiry, not a way to copy the log. */
#define EXPORT_MAX_ROWS 100000
#define EXPORT_BATCH 1000

/* The log covers the whole agency: only staff who hold audit.view on the
 * agency's root read it, whatever a role file grants a client user. */
static NEOERR *may_read(Request *r, int *ok)
{
	char root[800];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	*ok = !err && !strcmp(r->user->kind, "agency") && acl_may_at(r, "audit.view", root);
	return nerr_pass(err);
}

struct filters {
	long long actor, object;
	const char *type, *action, *from, *to;
};

static void read_filters(Request *r, struct filters *f)
{
	const char *v;

	f->actor = param_int(r, "actor", 0);
	f->object = param_int(r, "object", 0);
	v = param_str(r, "type");
	f->type = v ? v : "";
	v = param_str(r, "action");
	f->action = v ? v : "";
	f->from = param_str(r, "from");
	f->to = param_str(r, "to");
}

/* The rows every filter given matches; the dates are whole UTC days. */
#define AUDIT_MATCHING \
	" FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id" \
	" WHERE (? = 0 OR a.actor_id = ?) AND (? = '' OR a.object_type = ?)" \
	" AND (? = 0 OR a.object_id = ?) AND (? = '' OR a.action = ?)" \
	" AND (? IS NULL OR a.created_at >= ?)" \
	" AND (? IS NULL OR a.created_at < DATE_ADD(?, INTERVAL 1 DAY))"
#define AUDIT_TYPES "iissiissssss"
#define AUDIT_ARGS(f) \
	(f).actor, (f).actor, (f).type, (f).type, (f).object, (f).object, (f).action, (f).action, \
	(f).from, (f).from, (f).to, (f).to

#define AUDIT_COLUMNS \
	"SELECT a.id, DATE_FORMAT(a.created_at, '%Y-%m-%d %H:%i:%s'), a.actor_id," \
	" CONCAT(u.first_name, ' ', u.last_name), u.email, a.action, a.object_type, a.object_id," \
	" a.unit_id, a.ip, a.detail"

static void keep_query(Request *r, STRING *qs)
{
	static const char *const names[] = { "actor", "type", "object", "action", "from", "to" };
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		page_query_add(qs, names[i], param_str(r, names[i]));
}

NEOERR *auditlog_list(Request *r)
{
	struct filters f;
	long long total = 0, page;
	STRING qs;
	DBQuery *q;
	NEOERR *err;
	int ok, n = 0;

	err = may_read(r, &ok);
	if (err)
		return nerr_pass(err);
	if (!ok)
		return http_fail(r, 404, "audit.view not held on the agency's root");
	param_keep_form(r);
	err = db_query(&q, "SELECT DISTINCT action FROM audit_log ORDER BY action", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q))
		page_put(page_item(r, "ActionChoices", n++), "Name", db_str(q, 0));
	db_end(&q);
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "admin/auditlog_list.cs"));
	}
	read_filters(r, &f);
	string_init(&qs);
	keep_query(r, &qs);
	hdf_set_value(r->hdf, "Page.Export", qs.buf ? qs.buf : "");
	err = db_query(&q, "SELECT COUNT(*)" AUDIT_MATCHING, AUDIT_TYPES, AUDIT_ARGS(f));
	if (!err) {
		if (db_next(q))
			total = db_int(q, 0);
		db_end(&q);
		page = page_pager(r, total, param_int(r, "page", 1), PAGE_SIZE, &qs);
		err = db_query(&q, AUDIT_COLUMNS AUDIT_MATCHING " ORDER BY a.id DESC LIMIT ? OFFSET ?",
			       AUDIT_TYPES "ii", AUDIT_ARGS(f), (long long)PAGE_SIZE,
			       (page - 1) * PAGE_SIZE);
	}
	string_clear(&qs);
	if (err)
		return nerr_pass(err);
	n = 0;
	while (db_next(q)) {
		HDF *h = page_item(r, "Rows", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "At", db_str(q, 1));
		page_put(h, "ActorId", db_str(q, 2));
		page_put(h, "Actor", db_str(q, 3));
		page_put(h, "ActorEmail", db_str(q, 4));
		page_put(h, "Action", db_str(q, 5));
		page_put(h, "Type", db_str(q, 6));
		page_put(h, "Object", db_str(q, 7));
		page_put(h, "Unit", db_str(q, 8));
		page_put(h, "Ip", db_str(q, 9));
		page_put(h, "Detail", db_str(q, 10));
	}
	db_end(&q);
	return nerr_pass(view_render(r, "admin/auditlog_list.cs"));
}

NEOERR *auditlog_csv(Request *r)
{
	static const char *const heads[] = { "Id", "At", "ActorId", "Actor", "ActorEmail",
					     "Action", "Type", "Object", "Unit", "Ip", "Detail" };
	long long before = ID_MAX, rows = 0;
	struct filters f;
	char *detail;
	DBQuery *q;
	NEOERR *err;
	int ok, more = 1;

	err = may_read(r, &ok);
	if (err)
		return nerr_pass(err);
	if (!ok)
		return http_fail(r, 404, "audit.view not held on the agency's root");
	if (r->form_errors)
		return http_fail(r, 400, "export with a refused filter");
	read_filters(r, &f);
	/* A byte order mark, so that spreadsheets read the file as UTF-8. */
	string_append(&r->body, "\xef\xbb\xbf");
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		char key[64];
		snprintf(key, sizeof(key), "Lang.Admin.Audit.Col.%s", heads[i]);
		page_csv_cell(&r->body, view_text(r->lang, key), i + 1 == ARRAY_SIZE(heads));
	}
	/* In batches down the ids, so that no result holds the whole log. */
	while (more && rows < EXPORT_MAX_ROWS) {
		err = db_query(&q, AUDIT_COLUMNS AUDIT_MATCHING " AND a.id < ? ORDER BY a.id DESC LIMIT ?",
			       AUDIT_TYPES "ii", AUDIT_ARGS(f), before, (long long)EXPORT_BATCH);
		if (err)
			return nerr_pass(err);
		more = db_rows(q) == EXPORT_BATCH;
		while (db_next(q) && rows < EXPORT_MAX_ROWS) {
			for (int c = 0; c < (int)ARRAY_SIZE(heads); c++)
				page_csv_cell(&r->body, db_str(q, c), c + 1 == (int)ARRAY_SIZE(heads));
			before = db_int(q, 0);
			rows++;
		}
		db_end(&q);
	}
	detail = xasprintf("rows=%lld actor=%lld type=%s object=%lld action=%s from=%s to=%s", rows,
			   f.actor, f.type, f.object, f.action, f.from ? f.from : "",
			   f.to ? f.to : "");
	err = audit_add(r, r->user->id, "audit.export", "audit", 0, 0, detail);
	free(detail);
	if (err)
		return nerr_pass(err);
	r->content_type = "text/csv; charset=utf-8";
	http_header(r, "Content-Disposition", "attachment; filename=\"audit.csv\"");
	return STATUS_OK;
}
