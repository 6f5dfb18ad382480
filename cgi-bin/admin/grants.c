/* grants.c: a user's rights — a role held on a unit — added and revoked on the user's page */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "db.h"
#include "util.h"

/* The user of the request when the viewer may change the user's grants;
 * else the request ends with 404 and p->id is 0. */
static NEOERR *grantee(Request *r, Person *p)
{
	NEOERR *err = user_load(param_int(r, "id", 0), p);

	if (err)
		return nerr_pass(err);
	if (!p->id || p->erased || !acl_may_at(r, "grant.edit", p->home)) {
		http_fail(r, 404, "user %lld not in scope for grant.edit", param_int(r, "id", 0));
		p->id = 0;
	}
	return STATUS_OK;
}

/* Nobody hands out or takes away more than he holds: never his own roles,
 * and an agency role only when the viewer holds every permission of it at
 * the unit (in practice: the agency admin). Client roles are the
 * consultant's to give: he registers his clients' users and their rights.
 * NULL when the viewer may, else why not (a key of Lang.Errors). */
const char *grant_refusal(Request *r, const Person *p, int role, const char *unit_path)
{
	if (p->id == r->user->id)
		return "grant_self";
	if (!strcmp(acl_role_side(role), "agency") && !acl_may_role_at(r, role, unit_path))
		return "grant_above_own";
	return NULL;
}

/* Checks the role and the unit of a new grant against the user: a role of
 * the user's side, on a live unit the viewer holds grant.edit on, of the
 * user's own client for a client user, a role the viewer may hand out
 * there. Marks the fields. */
static NEOERR *check_grant(Request *r, const Person *p, int role, long long *unit_id)
{
	DBQuery *q;
	NEOERR *err;
	int found = 0;

	if (role < 0)
		param_error(r, "role", "choice");
	else if (strcmp(acl_role_side(role), p->kind))
		param_error(r, "role", "role_side");
	err = db_query(&q, "SELECT id, path, COALESCE(client_id, 0), archived_at IS NOT NULL"
			   " FROM org_units WHERE id = ?", "i", param_int(r, "unit", 0));
	if (err)
		return nerr_pass(err);
	if (db_next(q) && acl_may_at(r, "grant.edit", db_str(q, 1))) {
		found = 1;
		*unit_id = db_int(q, 0);
		if (!strcmp(p->kind, "client") && db_int(q, 2) != p->client_id)
			param_error(r, "unit", "unit_other_client");
		else if (strcmp(p->kind, "client") && strncmp(db_str(q, 1), p->home, strlen(p->home)))
			param_error(r, "unit", "choice");
		else if (db_int(q, 3))
			param_error(r, "unit", "unit_archived");
		else if (role >= 0 && !r->form_errors && grant_refusal(r, p, role, db_str(q, 1)))
			param_error(r, "role", grant_refusal(r, p, role, db_str(q, 1)));
	}
	db_end(&q);
	if (!found)
		param_error(r, "unit", "choice");
	return STATUS_OK;
}

static NEOERR *refused(Request *r, const Person *p)
{
	param_keep_form(r);
	r->status = FORM_REFUSED;
	return nerr_pass(user_page(r, p));
}

NEOERR *grant_add(Request *r)
{
	const char *role_name = param_str(r, "role");
	long long unit_id = 0;
	char loc[80];
	Person p;
	NEOERR *err = grantee(r, &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (p.id == r->user->id) {
		/* No form on one's own page: the page says why. */
		hdf_set_value(r->hdf, "Page.Refused", "grant_self");
		r->status = FORM_REFUSED;
		return nerr_pass(user_page(r, &p));
	}
	if (!r->form_errors) {
		err = check_grant(r, &p, acl_role(role_name), &unit_id);
		if (err)
			return nerr_pass(err);
	}
	if (r->form_errors)
		return nerr_pass(refused(r, &p));
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO grants (user_id, role, unit_id, granted_by, created_at)"
				    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			      "isii", p.id, role_name, unit_id, r->user->id);
	if (!err)
		err = audit_add(r, r->user->id, "grant.add", "user", p.id, unit_id, role_name);
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		if (!db_duplicate(err))
			return nerr_pass(err);
		/* The same role on the same unit (grants_once). */
		nerr_ignore(&err);
		param_error(r, "role", "grant_exists");
		return nerr_pass(refused(r, &p));
	}
	snprintf(loc, sizeof(loc), "/admin/users/%lld?done=grant_added", p.id);
	return http_redirect(r, loc);
}

NEOERR *grant_revoke(Request *r)
{
	long long gid = param_int(r, "grant", 0), unit_id = 0;
	const char *why = NULL;
	char *role = NULL, loc[80];
	DBQuery *q;
	Person p;
	NEOERR *err = grantee(r, &p);
	int ok = 0;

	if (err || !p.id)
		return nerr_pass(err);
	err = db_query(&q, "SELECT g.role, o.id, o.path FROM grants g JOIN org_units o"
			   " ON o.id = g.unit_id WHERE g.id = ? AND g.user_id = ?", "ii", gid, p.id);
	if (err)
		return nerr_pass(err);
	if (db_next(q) && acl_may_at(r, "grant.edit", db_str(q, 2))) {
		ok = 1;
		role = xstrdup(db_str(q, 0));
		unit_id = db_int(q, 1);
		why = grant_refusal(r, &p, acl_role(role), db_str(q, 2));
	}
	db_end(&q);
	if (!ok)
		return http_fail(r, 404, "grant %lld of user %lld not in scope", gid, p.id);
	if (why) {
		free(role);
		hdf_set_value(r->hdf, "Page.Refused", why);
		r->status = FORM_REFUSED;
		return nerr_pass(user_page(r, &p));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "DELETE FROM grants WHERE id = ?", "i", gid);
	if (!err)
		err = audit_add(r, r->user->id, "grant.revoke", "user", p.id, unit_id, role);
	if (!err)
		err = db_commit();
	free(role);
	if (err) {
		db_rollback();
		return nerr_pass(err);
	}
	snprintf(loc, sizeof(loc), "/admin/users/%lld?done=grant_revoked", p.id);
	return http_redirect(r, loc);
}
