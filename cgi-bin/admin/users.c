/* users.c: the people who log in — the list, registering one, a user's page, disabling and inviting, a temp worker's national ID number */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>

#include "account.h"
#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "bsn.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "org.h"
#include "photo.h"
#include "profile.h"
#include "util.h"
#include "view.h"

NEOERR *user_load(long long id, Person *p)
{
	char root[800];
	long long root_id;
	DBQuery *q;
	NEOERR *err;

	memset(p, 0, sizeof(*p));
	err = org_root(&root_id, root, sizeof(root));
	if (!err)
		err = db_query(&q, "SELECT u.id, u.kind, u.status, COALESCE(u.client_id, 0), cu.id, cu.path,"
				   " u.erased_at IS NOT NULL FROM users u LEFT JOIN clients c ON c.id = u.client_id"
				   " LEFT JOIN org_units cu ON cu.id = c.unit_id WHERE u.id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		p->id = db_int(q, 0);
		snprintf(p->kind, sizeof(p->kind), "%s", db_str(q, 1));
		snprintf(p->status, sizeof(p->status), "%s", db_str(q, 2));
		p->client_id = db_int(q, 3);
		p->home_id = db_str(q, 5) ? db_int(q, 4) : root_id;
		snprintf(p->home, sizeof(p->home), "%s", db_str(q, 5) ? db_str(q, 5) : root);
		p->erased = (int)db_int(q, 6);
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *user_in_scope(Request *r, const char *perm, Person *p)
{
	NEOERR *err = user_load(param_int(r, "id", 0), p);

	if (err)
		return nerr_pass(err);
	if (!p->id || !acl_may_at(r, perm, p->home)) {
		http_fail(r, 404, "user %lld not in scope for %s", param_int(r, "id", 0), perm);
		p->id = 0;
	} else if (p->erased && strcmp(r->method, "GET")) {
		http_fail(r, 404, "user %lld was erased: nothing to change", p->id);
		p->id = 0;
	}
	return STATUS_OK;
}

/* --- the list ------------------------------------------------------------ */

/* The users whose unit (see Person) lies in the viewer's scope and who
 * match every filter given; an empty filter matches everyone. */
#define USERS_MATCHING \
	" FROM users u LEFT JOIN clients c ON c.id = u.client_id" \
	" LEFT JOIN org_units cu ON cu.id = c.unit_id" \
	" WHERE" ACL_IN_SCOPE("COALESCE(cu.path, ?)") \
	" AND (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name, u.email)) > 0)" \
	" AND (? = 0 OR u.client_id = ?)" \
	" AND (? = '' OR u.kind = ?)" \
	" AND (? = '' OR u.status = ?)" \
	" AND (? = '' OR (? = 'never' AND u.last_login_at IS NULL)" \
	"   OR (? = 'old' AND u.last_login_at < UTC_TIMESTAMP() - INTERVAL 90 DAY))" \
	" AND ((? = '' AND ? = '') OR EXISTS (SELECT 1 FROM grants g" \
	"   JOIN org_units go ON go.id = g.unit_id WHERE g.user_id = u.id" \
	"   AND (? = '' OR g.role = ?) AND (? = '' OR go.path LIKE CONCAT(?, '%'))))"

/* The values of its '?', in order; root, scope and f are the caller's. */
#define USERS_TYPES "ss" "ss" "ii" "ss" "ss" "sss" "ssssss"
#define USERS_ARGS \
	root, scope, f.q, f.q, f.client, f.client, f.kind, f.kind, f.status, f.status, f.login, \
	f.login, f.login, f.role, f.unit_path, f.role, f.role, f.unit_path, f.unit_path

static const char *const filter_names[] = {
	"q", "client", "unit", "role", "kind", "status", "login",
};

struct filters {
	const char *q, *kind, *status, *login, *role;
	long long client;
	char unit_path[800];
};

/* The choices of the filter form: clients in scope, the units of the
 * client chosen, every role. */
static NEOERR *filter_choices(Request *r, const char *scope, long long client)
{
	DBQuery *q;
	NEOERR *err;
	char *cpath = NULL;
	int n = 0;

	err = db_query(&q, "SELECT c.id, c.name, o.path FROM clients c JOIN org_units o"
			   " ON o.id = c.unit_id WHERE" ACL_IN_SCOPE("o.path") " ORDER BY c.name, c.id",
		       "s", scope);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "ClientChoices", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		if (db_int(q, 0) == client && !cpath)
			cpath = xstrdup(db_str(q, 2));
	}
	db_end(&q);
	if (cpath)
		err = admin_tree(r, "UnitChoices", cpath, NULL, 0, "team");
	free(cpath);
	for (int i = 0; i < acl_roles(); i++)
		page_put(page_item(r, "RoleChoices", i), "Name", acl_role_name(i));
	return nerr_pass(err);
}

NEOERR *user_list(Request *r)
{
	struct filters f;
	char root[800], *scope;
	long long root_id, total = 0, page;
	STRING qs;
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	param_keep_form(r);
	memset(&f, 0, sizeof(f));
	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	if (acl_may(r, "user.edit"))
		hdf_set_value(r->hdf, "Page.May.UserEdit", "1");
	scope = acl_scope(r, "user.view");
	f.client = r->form_errors ? 0 : param_int(r, "client", 0);
	err = filter_choices(r, scope, f.client);
	if (!err && !r->form_errors && param_str(r, "unit")) {
		char *path = NULL;
		err = db_value(&path, "SELECT path FROM org_units WHERE id = ?", "i",
			       param_int(r, "unit", 0));
		if (!err && (!path || !acl_may_at(r, "user.view", path)))
			param_error(r, "unit", "choice");
		else if (!err)
			snprintf(f.unit_path, sizeof(f.unit_path), "%s", path);
		free(path);
	}
	if (err || r->form_errors) {
		free(scope);
		if (err)
			return nerr_pass(err);
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "admin/user_list.cs"));
	}
	f.q = or_empty(param_str(r, "q"));
	f.kind = or_empty(param_str(r, "kind"));
	f.status = or_empty(param_str(r, "status"));
	f.login = or_empty(param_str(r, "login"));
	f.role = or_empty(param_str(r, "role"));

	string_init(&qs);
	for (size_t i = 0; i < ARRAY_SIZE(filter_names); i++)
		page_query_add(&qs, filter_names[i], param_str(r, filter_names[i]));
	err = db_query(&q, "SELECT COUNT(*)" USERS_MATCHING, USERS_TYPES, USERS_ARGS);
	if (!err) {
		if (db_next(q))
			total = db_int(q, 0);
		db_end(&q);
		page = page_pager(r, total, param_int(r, "page", 1), PAGE_SIZE, &qs);
		err = db_query(&q,
			"SELECT u.id, CONCAT(u.first_name, ' ', u.last_name), u.email, u.kind, c.name,"
			" u.status, DATE_FORMAT(u.last_login_at, '%Y-%m-%d'),"
			" u.last_login_at < UTC_TIMESTAMP() - INTERVAL 90 DAY" USERS_MATCHING
			" ORDER BY u.last_name, u.first_name, u.id LIMIT ? OFFSET ?",
			USERS_TYPES "ii", USERS_ARGS, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	}
	free(scope);
	string_clear(&qs);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Users", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		page_put(h, "Email", db_str(q, 2));
		page_put(h, "Kind", db_str(q, 3));
		page_put(h, "Client", db_str(q, 4));
		page_put(h, "Status", db_str(q, 5));
		page_put(h, "LastLogin", db_str(q, 6));
		if (db_int(q, 7))
			page_put(h, "LoginOld", "1");
	}
	db_end(&q);
	return nerr_pass(view_render(r, "admin/user_list.cs"));
}

/* --- registering a user -------------------------------------------------- */

/* The kinds and clients the user may register someone for. */
static NEOERR *new_choices(Request *r)
{
	char root[800], *scope;
	long long root_id;
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	admin_may(r, "StaffEdit", "user.edit", root);
	/* The worker's fields too, when staff may register temp workers:
	 * the form says they are for temp workers only. */
	profile_flags(r, profile_fields(acl_may_at(r, "user.edit", root) ? "worker" : "client"));
	scope = acl_scope(r, "user.edit");
	err = db_query(&q, "SELECT c.id, c.name FROM clients c JOIN org_units o ON o.id = c.unit_id"
			   " WHERE c.status = 'active' AND" ACL_IN_SCOPE("o.path")
			   " ORDER BY c.name, c.id", "s", scope);
	free(scope);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "ClientChoices", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *user_new(Request *r)
{
	NEOERR *err = new_choices(r);

	if (err)
		return nerr_pass(err);
	if (param_str(r, "kind"))
		hdf_set_value(r->hdf, "Page.Form.kind", param_str(r, "kind"));
	if (param_str(r, "client"))
		hdf_set_value(r->hdf, "Page.Form.client", param_str(r, "client"));
	return nerr_pass(view_render(r, "admin/user_new.cs"));
}

/* Checks what the form cannot: who may be registered where, a known
 * address. Marks the fields; sets *client_unit for the audit row. */
static NEOERR *check_new(Request *r, long long *client_unit)
{
	const char *kind = param_str(r, "kind");
	char root[800], *taken = NULL;
	long long root_id;
	DBQuery *q;
	NEOERR *err;

	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	*client_unit = root_id;
	if (!strcmp(kind, "client")) {
		int ok = 0;
		if (!param_str(r, "client")) {
			param_error(r, "client", "required");
		} else {
			err = db_query(&q, "SELECT o.id, o.path FROM clients c JOIN org_units o"
					   " ON o.id = c.unit_id WHERE c.id = ? AND c.status = 'active'",
				       "i", param_int(r, "client", 0));
			if (err)
				return nerr_pass(err);
			if (db_next(q) && acl_may_at(r, "user.edit", db_str(q, 1))) {
				*client_unit = db_int(q, 0);
				ok = 1;
			}
			db_end(&q);
			if (!ok)
				param_error(r, "client", "choice");
		}
	} else if (!acl_may_at(r, "user.edit", root)) {
		param_error(r, "kind", "choice");
	}
	profile_check(r, profile_fields(kind));
	err = db_value(&taken, "SELECT id FROM users WHERE email = ?", "s", param_str(r, "email"));
	if (err)
		return nerr_pass(err);
	if (taken)
		param_error(r, "email", "email_taken");
	free(taken);
	return STATUS_OK;
}

static NEOERR *new_refused(Request *r)
{
	NEOERR *err = new_choices(r);

	if (err)
		return nerr_pass(err);
	param_keep_form(r);
	r->status = FORM_REFUSED;
	return nerr_pass(view_render(r, "admin/user_new.cs"));
}

/* A new user is 'invited': the invitation mail carries a link to choose a
 * password, queued in the same transaction as the row. A field switched
 * off (Fields.*) is refused with 400, as the form never offers it; a
 * temp worker's field given for another kind of user is marked on the
 * form (it offers them to all, under a heading that says so). */
NEOERR *user_create(Request *r)
{
	const char *kind = or_empty(param_str(r, "kind")), *off;
	unsigned fields = profile_fields(kind);
	long long uid = 0, unit = 0;
	STRING changed;
	char loc[64];
	NEOERR *err;

	off = profile_foreign(r, profile_fields("worker"));
	if (off)
		return http_fail(r, 400, "%s is switched off (Fields.*)", off);
	if ((off = profile_foreign(r, fields)) != NULL)
		param_error(r, off, "worker_only");
	if (!r->form_errors) {
		err = check_new(r, &unit);
		if (err)
			return nerr_pass(err);
	}
	if (r->form_errors)
		return nerr_pass(new_refused(r));
	string_init(&changed);
	err = db_begin();
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO users (kind, client_id, email, first_name, last_name, job_title,"
			" status, created_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, 'invited', UTC_TIMESTAMP())",
			"sissss", kind, !strcmp(kind, "client") ? param_int(r, "client", 0) : 0LL,
			param_str(r, "email"), param_str(r, "first_name"), param_str(r, "last_name"),
			or_empty(param_str(r, "job_title")));
	if (!err) {
		uid = (long long)db_insert_id();
		/* The optional fields as a correction would write them. */
		err = profile_save(r, uid, fields, 0, &changed);
	}
	string_clear(&changed);
	if (!err)
		err = account_invite(r, uid, r->user->id);
	if (!err)
		err = audit_add(r, r->user->id, "user.create", "user", uid, unit, kind);
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		if (!db_duplicate(err))
			return nerr_pass(err);
		/* Registered by someone else between the check and the insert. */
		nerr_ignore(&err);
		param_error(r, "email", "email_taken");
		return nerr_pass(new_refused(r));
	}
	snprintf(loc, sizeof(loc), "/admin/users/%lld?done=user_created", uid);
	return http_redirect(r, loc);
}

/* --- a user's page ------------------------------------------------------- */

static NEOERR *person(Request *r, const Person *p)
{
	DBQuery *q;
	NEOERR *err;
	HDF *h = NULL;

	if (hdf_get_node(r->hdf, "Page.Person", &h) != STATUS_OK)
		abort();
	err = db_query(&q,
		"SELECT u.id, u.kind, u.email, u.first_name, u.last_name, u.job_title, u.status,"
		" DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i'),"
		" DATE_FORMAT(u.last_login_at, '%Y-%m-%d %H:%i'),"
		" u.last_login_at < UTC_TIMESTAMP() - INTERVAL 90 DAY, c.id, c.name"
		" FROM users u LEFT JOIN clients c ON c.id = u.client_id WHERE u.id = ?", "i", p->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Kind", db_str(q, 1));
		page_put(h, "Email", db_str(q, 2));
		page_put(h, "FirstName", db_str(q, 3));
		page_put(h, "LastName", db_str(q, 4));
		page_put(h, "JobTitle", db_str(q, 5));
		page_put(h, "Status", db_str(q, 6));
		page_put(h, "Created", db_str(q, 7));
		page_put(h, "LastLogin", db_str(q, 8));
		if (db_int(q, 9))
			page_put(h, "LoginOld", "1");
		page_put(h, "ClientId", db_str(q, 10));
		page_put(h, "Client", db_str(q, 11));
	}
	db_end(&q);
	/* The optional fields that are on, and nothing stored while one was. */
	return nerr_pass(profile_load(r, p->id, profile_fields(p->kind), h, 0));
}

/* The user's grants, each with the names of the units down to its own. */
static NEOERR *grants(Request *r, const Person *p)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0, may = acl_may_at(r, "grant.edit", p->home);

	err = db_query(&q,
		"SELECT g.id, g.role, o.id, o.archived_at IS NOT NULL, DATE_FORMAT(g.created_at,"
		" '%Y-%m-%d'), (SELECT GROUP_CONCAT(a.name ORDER BY LENGTH(a.path) SEPARATOR ' › ')"
		"   FROM org_units a WHERE o.path LIKE CONCAT(a.path, '%')"
		"   AND (a.kind <> 'agency' OR a.id = o.id)), o.path"
		" FROM grants g JOIN org_units o ON o.id = g.unit_id WHERE g.user_id = ?"
		" ORDER BY o.path, g.role", "i", p->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Grants", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Role", db_str(q, 1));
		page_put(h, "UnitId", db_str(q, 2));
		if (db_int(q, 3))
			page_put(h, "Archived", "1");
		page_put(h, "Since", db_str(q, 4));
		page_put(h, "Unit", db_str(q, 5));
		if (may && acl_may_at(r, "grant.edit", db_str(q, 6)) &&
		    !grant_refusal(r, p, acl_role(db_str(q, 1)), db_str(q, 6)))
			page_put(h, "MayRevoke", "1");
	}
	db_end(&q);
	return STATUS_OK;
}

/* Sessions not ended and not past their idle or absolute limit. */
static NEOERR *sessions(Request *r, const Person *p)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(last_seen_at,"
		" '%Y-%m-%d %H:%i'), ip, user_agent FROM sessions"
		" WHERE user_id = ? AND ended_at IS NULL"
		" AND last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE"
		" AND created_at > UTC_TIMESTAMP() - INTERVAL ? HOUR"
		" ORDER BY last_seen_at DESC LIMIT 50",
		"iii", p->id, (long long)conf_int("Session.IdleMinutes"),
		(long long)conf_int("Session.AbsoluteHours"));
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Sessions", n++);
		page_put(h, "Started", db_str(q, 0));
		page_put(h, "Seen", db_str(q, 1));
		page_put(h, "Ip", db_str(q, 2));
		page_put(h, "Agent", db_str(q, 3));
	}
	db_end(&q);
	return STATUS_OK;
}

/* What a grant may be: roles of the user's side, on live units of the
 * user's client (client users) or the agency and its clients (staff). */
static NEOERR *grant_choices(Request *r, const Person *p)
{
	int n = 0;

	if (strcmp(p->kind, "agency") && strcmp(p->kind, "client"))
		return STATUS_OK;
	/* One's own rights are changed by someone else. */
	if (p->id == r->user->id)
		return STATUS_OK;
	hdf_set_value(r->hdf, "Page.May.Grant", "1");
	/* The roles the viewer may hand out at the user's home; the unit
	 * chosen is checked again when the form comes back. */
	for (int i = 0; i < acl_roles(); i++)
		if (!strcmp(acl_role_side(i), p->kind) && !grant_refusal(r, p, i, p->home))
			page_put(page_item(r, "RoleChoices", n++), "Name", acl_role_name(i));
	return nerr_pass(admin_tree(r, "UnitChoices", p->home, NULL, 1,
				    !strcmp(p->kind, "agency") ? "client" : "team"));
}

/* A temp worker's national ID number: masked, or as the reveal put it in
 * Page.Bsn.Plain; who may enter it (worker.edit, while there is none) and
 * change it (bsn.edit). One that does not open (sealed under a key this
 * portal no longer has) is said to be so, for bsn.edit to enter again. */
static int may_enter_bsn(Request *r, const Person *p, int set)
{
	return acl_may_at(r, "bsn.edit", p->home) || (!set && acl_may_at(r, "worker.edit", p->home));
}

static NEOERR *bsn_section(Request *r, const Person *p)
{
	char country[3], digits[BSN_LEN], masked[BSN_LEN];
	int set;
	NEOERR *err = bsn_recorded(p->id, &set, 0);

	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Bsn.Shown", "1");
	if (set) {
		err = bsn_load(p->id, &set, country, digits);
		if (err) {
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			hdf_set_value(r->hdf, "Page.Bsn.Broken", "1");
			set = 1;
		} else {
			bsn_mask(digits, masked, sizeof(masked));
			OPENSSL_cleanse(digits, sizeof(digits));
			hdf_set_value(r->hdf, "Page.Bsn.Set", "1");
			hdf_set_value(r->hdf, "Page.Bsn.Country", country);
			hdf_set_value(r->hdf, "Page.Bsn.Masked", masked);
			admin_may(r, "BsnView", "bsn.view", p->home);
		}
	}
	if (may_enter_bsn(r, p, set))
		hdf_set_value(r->hdf, "Page.May.BsnEnter", "1");
	/* The form keeps what was typed, never what is stored. */
	if (!hdf_get_value(r->hdf, "Page.Form.country", NULL))
		hdf_set_value(r->hdf, "Page.Form.country", set && !hdf_get_value(r->hdf, "Page.Bsn.Broken", NULL)
			      ? country : "NL");
	return STATUS_OK;
}

NEOERR *user_page(Request *r, const Person *p)
{
	char root[800];
	long long root_id;
	NEOERR *err;

	err = org_root(&root_id, root, sizeof(root));
	if (!err)
		err = person(r, p);
	if (!err)
		err = grants(r, p);
	if (!err)
		err = sessions(r, p);
	/* An erased person is shown under his pseudonym, with nothing more
	 * to change (the privacy officer's page says what was kept). */
	if (p->erased)
		hdf_set_value(r->hdf, "Page.Person.Erased", "1");
	if (!err && !p->erased && acl_may_at(r, "grant.edit", p->home))
		err = grant_choices(r, p);
	if (!err && !p->erased && !strcmp(p->kind, "worker"))
		err = bsn_section(r, p);
	if (!err && !p->erased && !strcmp(p->kind, "worker") && photo_on())
		err = photo_section(r, p);
	if (err)
		return nerr_pass(err);
	if (!p->erased)
		admin_may(r, "Edit", "user.edit", p->home);
	if (!p->erased && user_may_correct(r, p))
		hdf_set_value(r->hdf, "Page.May.Correct", "1");
	if (!strcmp(r->user->kind, "agency"))
		admin_may(r, "Audit", "audit.view", root);
	if (p->id == r->user->id)
		hdf_set_value(r->hdf, "Page.Self", "1");
	return nerr_pass(view_render(r, "admin/user_show.cs"));
}

NEOERR *user_show(Request *r)
{
	Person p;
	NEOERR *err = user_in_scope(r, "user.view", &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(user_page(r, &p));
}

/* --- what may be done to a user ------------------------------------------ */

static NEOERR *done(Request *r, const Person *p, const char *what)
{
	char loc[80];
	snprintf(loc, sizeof(loc), "/admin/users/%lld?done=%s", p->id, what);
	return http_redirect(r, loc);
}

/* The page again with a notice of why nothing was done. */
static NEOERR *not_done(Request *r, const Person *p, const char *why)
{
	hdf_set_value(r->hdf, "Page.Refused", why);
	r->status = FORM_REFUSED;
	return nerr_pass(user_page(r, p));
}

/* Runs sql (one '?': the user's id) and audits action, in one
 * transaction; ends the user's sessions too when end_sessions. */
static NEOERR *change(Request *r, const Person *p, const char *sql, int end_sessions,
		      const char *action)
{
	NEOERR *err = db_begin();

	if (!err && sql)
		err = db_exec(NULL, sql, "i", p->id);
	if (!err && end_sessions)
		err = account_end_sessions(p->id, p->id == r->user->id ? r->user->session_id : 0,
					   "revoked");
	if (!err)
		err = audit_add(r, r->user->id, action, "user", p->id, p->home_id, p->status);
	if (!err)
		err = db_commit();
	if (err)
		db_rollback();
	return nerr_pass(err);
}

NEOERR *user_disable(Request *r)
{
	Person p;
	NEOERR *err = user_in_scope(r, "user.edit", &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (p.id == r->user->id)
		return nerr_pass(not_done(r, &p, "self"));
	if (!strcmp(p.status, "disabled"))
		return done(r, &p, "disabled");
	err = change(r, &p, "UPDATE users SET status = 'disabled' WHERE id = ?", 1, "user.disable");
	return err ? nerr_pass(err) : done(r, &p, "disabled");
}

/* Back to 'active' with a password, else to 'invited'. The inactivity
 * clock starts again: the account was just looked at by a person. */
NEOERR *user_enable(Request *r)
{
	Person p;
	NEOERR *err = user_in_scope(r, "user.edit", &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (strcmp(p.status, "disabled"))
		return done(r, &p, "enabled");
	err = change(r, &p,
		"UPDATE users u SET u.status = IF(EXISTS (SELECT 1 FROM credentials c"
		" WHERE c.user_id = u.id AND c.password_hash IS NOT NULL), 'active', 'invited'),"
		" u.last_activity_at = UTC_TIMESTAMP(), u.inactivity_warned_at = NULL WHERE u.id = ?",
		0, "user.enable");
	return err ? nerr_pass(err) : done(r, &p, "enabled");
}

/* A new invitation link, for someone who has not chosen a password yet or
 * whose access was revoked after long inactivity. */
NEOERR *user_invite(Request *r)
{
	Person p;
	NEOERR *err = user_in_scope(r, "user.edit", &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (strcmp(p.status, "invited") && strcmp(p.status, "revoked"))
		return nerr_pass(not_done(r, &p, "invite"));
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "UPDATE users SET status = 'invited' WHERE id = ?", "i", p.id);
	if (!err)
		err = account_invite(r, p.id, r->user->id);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return done(r, &p, "invited");
}

NEOERR *user_end_sessions(Request *r)
{
	Person p;
	NEOERR *err = user_in_scope(r, "user.edit", &p);

	if (err || !p.id)
		return nerr_pass(err);
	err = change(r, &p, NULL, 1, "user.sessions_end");
	return err ? nerr_pass(err) : done(r, &p, "sessions");
}

/* --- the national ID number --------------------------------------------- */

/* Entered by worker.edit while there is none, changed by bsn.edit only
 * (decided again on the locked row: two who enter one at once are put in
 * line); a number whose check digits fail comes back with a message.
 * Neither the number nor a part of it goes into the audit log or a log
 * line. */
NEOERR *user_bsn(Request *r)
{
	const char *country = param_str(r, "country"), *number = param_str(r, "number");
	char digits[BSN_LEN];
	int set;
	Person p;
	NEOERR *err = user_in_scope(r, "user.view", &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (strcmp(p.kind, "worker"))
		return nerr_pass(http_fail(r, 404, "user %lld is no temp worker", p.id));
	err = bsn_recorded(p.id, &set, 0);
	if (err)
		return nerr_pass(err);
	if (!may_enter_bsn(r, &p, set))
		return nerr_pass(not_done(r, &p, "bsn_edit"));
	param_keep_form(r);
	if (!r->form_errors && !bsn_check(country, number, digits))
		param_error(r, "number", !strcmp(country, "BE") ? "bsn_be" : "bsn_nl");
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(user_page(r, &p));
	}
	err = db_begin();
	if (!err)
		err = bsn_recorded(p.id, &set, 1);
	if (!err && !may_enter_bsn(r, &p, set)) {
		OPENSSL_cleanse(digits, sizeof(digits));
		db_rollback();
		return nerr_pass(not_done(r, &p, "bsn_edit"));
	}
	if (!err)
		err = bsn_store(p.id, country, digits);
	if (!err)
		err = audit_add(r, r->user->id, set ? "bsn.change" : "bsn.enter", "user", p.id, p.home_id, country);
	OPENSSL_cleanse(digits, sizeof(digits));
	err = db_finish(err);
	return err ? nerr_pass(err) : done(r, &p, "bsn");
}

/* The whole number, once, on this answer (never kept, never cached),
 * with an audit row of who saw whose. */
NEOERR *user_bsn_reveal(Request *r)
{
	char country[3], digits[BSN_LEN];
	int set;
	Person p;
	NEOERR *err = user_in_scope(r, "bsn.view", &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (strcmp(p.kind, "worker"))
		return nerr_pass(http_fail(r, 404, "user %lld is no temp worker", p.id));
	err = bsn_load(p.id, &set, country, digits);
	if (err || !set)
		return err ? nerr_pass(err) : done(r, &p, "bsn_none");
	err = db_begin();
	if (!err)
		err = audit_add(r, r->user->id, "bsn.view", "user", p.id, p.home_id, country);
	err = db_finish(err);
	if (!err) {
		hdf_set_value(r->hdf, "Page.Bsn.Plain", digits);
		err = user_page(r, &p);
	}
	OPENSSL_cleanse(digits, sizeof(digits));
	return nerr_pass(err);
}
