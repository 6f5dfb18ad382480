/* main.c: the admin binary — clients and their organisation, users, grants, the audit log — and what its pages share */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "db.h"
#include "org.h"
#include "profile.h"
#include "util.h"
#include "view.h"

/* --- what the pages share ------------------------------------------------ */

void admin_may(Request *r, const char *flag, const char *perm, const char *path)
{
	char key[64];

	if (!acl_may_at(r, perm, path))
		return;
	snprintf(key, sizeof(key), "Page.May.%s", flag);
	hdf_set_value(r->hdf, key, "1");
}

struct unit_row {
	long long id, parent;
	char *kind, *name;
	int archived;
};

static void tree_emit(Request *r, const char *list, struct unit_row *u, int n, long long parent,
		      int depth, int *out)
{
	if (depth > 32)
		return; /* deeper than any organisation: a broken tree, not a loop */
	for (int i = 0; i < n; i++) {
		char indent[32 * 8 + 1];
		HDF *h;
		int k = 0;
		if (u[i].parent != parent)
			continue;
		/* Two no-break spaces a level: the tree reads in a select too. */
		for (int d = 0; d < depth && k + 4 < (int)sizeof(indent); d++, k += 4)
			memcpy(indent + k, "\xc2\xa0\xc2\xa0", 4);
		indent[k] = '\0';
		h = page_item(r, list, (*out)++);
		page_put_int(h, "Id", u[i].id);
		page_put_int(h, "Parent", u[i].parent);
		page_put(h, "Name", u[i].name);
		page_put(h, "Kind", u[i].kind);
		page_put_int(h, "Depth", depth);
		page_put(h, "Indent", indent);
		if (u[i].archived)
			page_put(h, "Archived", "1");
		tree_emit(r, list, u, n, u[i].id, depth + 1, out);
	}
}

NEOERR *admin_tree(Request *r, const char *list, const char *top_path, const char *skip_path,
		   int live_only, const char *max_kind)
{
	struct unit_row *u;
	long long top = 0;
	DBQuery *q;
	NEOERR *err;
	int n = 0, out = 0, cap;

	err = db_query(&q,
		"SELECT id, COALESCE(parent_id, 0), kind, name, archived_at IS NOT NULL, path = ?"
		" FROM org_units WHERE path LIKE CONCAT(?, '%')"
		" AND (? = '' OR path NOT LIKE CONCAT(?, '%'))"
		" AND (? = 0 OR archived_at IS NULL)"
		" AND FIELD(kind, 'agency', 'client', 'site', 'department', 'team')"
		"  <= FIELD(?, 'agency', 'client', 'site', 'department', 'team')"
		" ORDER BY name, id LIMIT 5000",
		"ssssis", top_path, top_path, skip_path ? skip_path : "", skip_path ? skip_path : "",
		(long long)live_only, max_kind);
	if (err)
		return nerr_pass(err);
	cap = db_rows(q);
	u = xcalloc(cap ? (size_t)cap : 1, sizeof(*u));
	while (db_next(q) && n < cap) {
		u[n].id = db_int(q, 0);
		u[n].parent = db_int(q, 1);
		u[n].kind = xstrdup(db_str(q, 2));
		u[n].name = xstrdup(db_str(q, 3));
		u[n].archived = (int)db_int(q, 4);
		if (db_int(q, 5)) {
			top = u[n].id;
			u[n].parent = -1;
		}
		n++;
	}
	db_end(&q);
	if (top)
		tree_emit(r, list, u, n, -1, 0, &out);
	for (int i = 0; i < n; i++) {
		free(u[i].kind);
		free(u[i].name);
	}
	free(u);
	return STATUS_OK;
}

/* --- the start page ------------------------------------------------------ */

static NEOERR *overview(Request *r)
{
	char root[800];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	if (err)
		return nerr_pass(err);
	if (acl_may(r, "user.view"))
		hdf_set_value(r->hdf, "Page.May.UserView", "1");
	if (acl_may(r, "user.edit"))
		hdf_set_value(r->hdf, "Page.May.UserEdit", "1");
	admin_may(r, "ClientEdit", "client.edit", root);
	if (!strcmp(r->user->kind, "agency")) {
		admin_may(r, "AuditView", "audit.view", root);
		admin_may(r, "OutboxView", "outbox.view", root);
		admin_may(r, "Announce", "announcement.edit", root);
	}
	return nerr_pass(view_render(r, "admin/overview.cs"));
}

/* --- parameters ---------------------------------------------------------- */

#define P_END { NULL, 0, 0, 0, 0, NULL }
#define P_ID(name) { name, P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL }
#define P_PAGE { "page", P_INT, 0, 1, 1000000, NULL }
#define NAME_MAX_CHARS 100

/* The optional personal fields, each accepted only while it is on
 * (Fields.*) and for the kind of user that has it (lib/profile.c); the
 * widths are their columns' (sql/030). */
#define PERSON_FIELDS \
	{ "mobile", P_LINE, P_FORM, 0, 32, NULL }, \
	{ "birth_date", P_DATE, P_FORM, 0, 0, NULL }, \
	{ "street", P_LINE, P_FORM, 0, 200, NULL }, \
	{ "postcode", P_LINE, P_FORM, 0, 12, NULL }, \
	{ "city", P_LINE, P_FORM, 0, 100, NULL }, \
	{ "country", P_ENUM, P_FORM, 0, 0, PROFILE_COUNTRIES }

static const Param p_id[] = { P_ID("id"), P_END };

static const Param p_announcements[] = {
	{ "done", P_ENUM, 0, 0, 0, "posted withdrawn" },
	P_END,
};

static const Param p_announce[] = {
	{ "kind", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "maintenance outage notice" },
	{ "text_nl", P_TEXT, P_REQUIRED | P_FORM, 0, 500, NULL },
	{ "text_en", P_TEXT, P_FORM, 0, 500, NULL },
	{ "text_fr", P_TEXT, P_FORM, 0, 500, NULL },
	{ "from_date", P_DATE, P_REQUIRED | P_FORM, 0, 0, NULL },
	{ "from_time", P_LINE, P_REQUIRED | P_FORM, 0, 5, NULL },
	{ "until_date", P_DATE, P_REQUIRED | P_FORM, 0, 0, NULL },
	{ "until_time", P_LINE, P_REQUIRED | P_FORM, 0, 5, NULL },
	P_END,
};

static const Param p_outbox[] = {
	{ "done", P_ENUM, 0, 0, 0, "retried" },
	P_END,
};

static const Param p_client_list[] = {
	{ "q", P_LINE, P_FORM, 0, NAME_MAX_CHARS, NULL },
	P_PAGE,
	P_END,
};

static const Param p_client_create[] = {
	{ "name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	P_END,
};

static const Param p_client_show[] = {
	P_ID("id"),
	{ "done", P_ENUM, 0, 0, 0, "client_created client_archived unit_created" },
	P_END,
};

static const Param p_unit_create[] = {
	P_ID("id"),
	{ "parent", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL },
	{ "kind", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "site department team" },
	{ "name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	P_END,
};

static const Param p_unit_show[] = {
	P_ID("id"),
	{ "done", P_ENUM, 0, 0, 0, "renamed moved archived" },
	P_END,
};

static const Param p_unit_rename[] = {
	P_ID("id"),
	{ "name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	P_END,
};

static const Param p_unit_move[] = {
	P_ID("id"),
	{ "parent", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL },
	P_END,
};

static const Param p_user_list[] = {
	{ "q", P_LINE, P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "client", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "unit", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "role", P_TOKEN, P_FORM, 0, 40, NULL },
	{ "kind", P_ENUM, P_FORM, 0, 0, "agency client worker" },
	{ "status", P_ENUM, P_FORM, 0, 0, "invited active disabled revoked" },
	{ "login", P_ENUM, P_FORM, 0, 0, "never old" },
	P_PAGE,
	P_END,
};

static const Param p_user_new[] = {
	{ "kind", P_ENUM, 0, 0, 0, "agency client worker" },
	{ "client", P_INT, 0, 1, ID_MAX, NULL },
	P_END,
};

static const Param p_user_create[] = {
	{ "kind", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "agency client worker" },
	{ "client", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "first_name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "last_name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "job_title", P_LINE, P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "email", P_EMAIL, P_REQUIRED | P_FORM, 0, 254, NULL },
	PERSON_FIELDS,
	P_END,
};

/* Correcting a user's details: the names, e-mail address and job title,
 * and the optional fields (PERSON_FIELDS). */
static const Param p_user_update[] = {
	P_ID("id"),
	{ "first_name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "last_name", P_LINE, P_REQUIRED | P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "job_title", P_LINE, P_FORM, 0, NAME_MAX_CHARS, NULL },
	{ "email", P_EMAIL, P_REQUIRED | P_FORM, 0, 254, NULL },
	PERSON_FIELDS,
	P_END,
};

static const Param p_photo[] = {
	P_ID("id"),
	{ "file", P_FILE, P_REQUIRED | P_FORM, 0, 255, NULL },
	P_END,
};

static const Param p_user_show[] = {
	P_ID("id"),
	{ "done", P_ENUM, 0, 0, 0,
	  "user_created disabled enabled invited sessions grant_added grant_revoked bsn bsn_none details"
	  " photo photo_removed" },
	P_END,
};

static const Param p_bsn[] = {
	P_ID("id"),
	{ "country", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "NL BE" },
	{ "number", P_LINE, P_REQUIRED | P_FORM, 0, 40, NULL },
	P_END,
};

static const Param p_grant_add[] = {
	P_ID("id"),
	{ "role", P_TOKEN, P_REQUIRED | P_FORM, 0, 40, NULL },
	{ "unit", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL },
	P_END,
};

static const Param p_grant_revoke[] = { P_ID("id"), P_ID("grant"), P_END };

#define AUDIT_FILTERS \
	{ "actor", P_INT, P_FORM, 1, ID_MAX, NULL }, \
	{ "type", P_TOKEN, P_FORM, 0, 32, NULL }, \
	{ "object", P_INT, P_FORM, 1, ID_MAX, NULL }, \
	{ "action", P_LINE, P_FORM, 0, 64, NULL }, \
	{ "from", P_DATE, P_FORM, 0, 0, NULL }, \
	{ "to", P_DATE, P_FORM, 0, 0, NULL }

static const Param p_audit_list[] = { AUDIT_FILTERS, P_PAGE, P_END };
static const Param p_audit_csv[] = { AUDIT_FILTERS, P_END };

/* --- the routes ---------------------------------------------------------- */

/* Every route names the permission the user must hold somewhere; each
 * handler then checks it on the unit of the object it touches. */
static const Route routes[] = {
	{ "GET", "/admin/", overview, "admin.view", 0, NULL },

	{ "GET", "/admin/clients", client_list, "admin.view", 0, p_client_list },
	{ "GET", "/admin/clients/new", client_new, "client.edit", 0, NULL },
	{ "POST", "/admin/clients", client_create, "client.edit", R_CSRF, p_client_create },
	{ "GET", "/admin/clients/:id", client_show, "admin.view", 0, p_client_show },
	{ "POST", "/admin/clients/:id/archive", client_archive, "client.edit", R_CSRF, p_id },
	{ "POST", "/admin/clients/:id/units", unit_create, "unit.edit", R_CSRF, p_unit_create },

	{ "GET", "/admin/units/:id", unit_show, "admin.view", 0, p_unit_show },
	{ "POST", "/admin/units/:id/rename", unit_rename, "unit.edit", R_CSRF, p_unit_rename },
	{ "POST", "/admin/units/:id/move", unit_move, "unit.edit", R_CSRF, p_unit_move },
	{ "POST", "/admin/units/:id/archive", unit_archive, "unit.edit", R_CSRF, p_id },

	{ "GET", "/admin/users", user_list, "user.view", 0, p_user_list },
	{ "GET", "/admin/users/new", user_new, "user.edit", 0, p_user_new },
	{ "POST", "/admin/users", user_create, "user.edit", R_CSRF, p_user_create },
	{ "GET", "/admin/users/:id", user_show, "user.view", 0, p_user_show },
	{ "GET", "/admin/users/:id/edit", user_edit, "user.view", 0, p_id },
	{ "POST", "/admin/users/:id/edit", user_update, "user.view", R_CSRF, p_user_update },
	/* Client users who see the worker in a week view hold no user.view. */
	{ "GET", "/admin/users/:id/photo", user_photo, NULL, 0, p_id },
	{ "POST", "/admin/users/:id/photo", user_photo_upload, "worker.edit", R_CSRF | R_UPLOAD, p_photo },
	{ "POST", "/admin/users/:id/photo/delete", user_photo_delete, "worker.edit", R_CSRF, p_id },
	{ "POST", "/admin/users/:id/disable", user_disable, "user.edit", R_CSRF, p_id },
	{ "POST", "/admin/users/:id/enable", user_enable, "user.edit", R_CSRF, p_id },
	{ "POST", "/admin/users/:id/invite", user_invite, "user.edit", R_CSRF, p_id },
	{ "POST", "/admin/users/:id/sessions/end", user_end_sessions, "user.edit", R_CSRF, p_id },
	{ "POST", "/admin/users/:id/bsn", user_bsn, "user.view", R_CSRF, p_bsn },
	{ "POST", "/admin/users/:id/bsn/reveal", user_bsn_reveal, "bsn.view", R_CSRF, p_id },
	{ "POST", "/admin/users/:id/grants", grant_add, "grant.edit", R_CSRF, p_grant_add },
	{ "POST", "/admin/users/:id/grants/:grant/revoke", grant_revoke, "grant.edit", R_CSRF,
	  p_grant_revoke },

	{ "GET", "/admin/audit", auditlog_list, "audit.view", 0, p_audit_list },
	{ "GET", "/admin/announcements", announcement_list, "announcement.edit", 0, p_announcements },
	{ "POST", "/admin/announcements", announcement_create, "announcement.edit", R_CSRF, p_announce },
	{ "POST", "/admin/announcements/:id/withdraw", announcement_withdraw, "announcement.edit", R_CSRF, p_id },
	{ "GET", "/admin/outbox", outbox_list, "outbox.view", 0, p_outbox },
	{ "POST", "/admin/outbox/:id/retry", outbox_retry, "outbox.view", R_CSRF, p_id },
	{ "GET", "/admin/audit/export", auditlog_csv, "audit.view", 0, p_audit_csv },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	return app_run("admin", routes, argc, argv);
}
