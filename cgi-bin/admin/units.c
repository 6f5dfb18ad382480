/* units.c: a client's organisation — sites, departments and teams: create, rename, move, archive */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "db.h"
#include "org.h"
#include "util.h"
#include "view.h"

typedef struct unit {
	long long id;
	long long parent_id;
	long long client_id;
	char kind[16];
	char name[801];
	char path[800];
	int archived;
} Unit;

/* Loads unit id into *u; u->id is 0 when there is none. */
static NEOERR *unit_load(long long id, Unit *u)
{
	DBQuery *q;
	NEOERR *err;

	memset(u, 0, sizeof(*u));
	err = db_query(&q, "SELECT id, COALESCE(parent_id, 0), COALESCE(client_id, 0), kind, name,"
			   " path, archived_at IS NOT NULL FROM org_units WHERE id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		u->id = db_int(q, 0);
		u->parent_id = db_int(q, 1);
		u->client_id = db_int(q, 2);
		snprintf(u->kind, sizeof(u->kind), "%s", db_str(q, 3));
		snprintf(u->name, sizeof(u->name), "%s", db_str(q, 4));
		snprintf(u->path, sizeof(u->path), "%s", db_str(q, 5));
		u->archived = (int)db_int(q, 6);
	}
	db_end(&q);
	return STATUS_OK;
}

/* The level of a kind: a unit never sits below a unit of a lower level
 * (a site under a team), while a department may hold departments. */
static int level(const char *kind)
{
	static const char *const kinds[] = { "agency", "client", "site", "department", "team" };
	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
		if (!strcmp(kind, kinds[i]))
			return (int)i;
	return -1;
}

/* Starts the transaction of a change to the shape of a client's tree and
 * holds the client's row until it ends: changes to one tree queue up, so
 * that each is checked against paths no one else is changing (two moves
 * checked at once could close a loop). Read and check after this. */
static NEOERR *tree_lock(long long client_id)
{
	char *id = NULL;
	NEOERR *err = db_begin();

	if (!err)
		err = db_value(&id, "SELECT id FROM clients WHERE id = ? FOR UPDATE", "i", client_id);
	free(id);
	if (err)
		db_rollback();
	return nerr_pass(err);
}

/* A new unit goes below a live unit of the same client, not of a lower
 * level. Marks the fields. */
static void check_create(Request *r, const Unit *parent, long long client_id)
{
	if (!parent->id || parent->client_id != client_id)
		param_error(r, "parent", "choice");
	else if (parent->archived)
		param_error(r, "parent", "unit_archived");
	else if (level(param_str(r, "kind")) < level(parent->kind))
		param_error(r, "kind", "unit_level");
}

/* A unit moves below a live unit of the same client that is not in its
 * own subtree and not of a lower level; a client's own unit stays. */
static void check_move(Request *r, const Unit *u, const Unit *to)
{
	if (!strcmp(u->kind, "client") || !acl_may_at(r, "unit.edit", u->path))
		param_error(r, "parent", "choice");
	else if (u->archived)
		param_error(r, "parent", "unit_archived");
	else if (!to->id || to->client_id != u->client_id || !acl_may_at(r, "unit.edit", to->path))
		param_error(r, "parent", "choice");
	else if (!strncmp(to->path, u->path, strlen(u->path)))
		param_error(r, "parent", "unit_own_ancestor");
	else if (to->archived)
		param_error(r, "parent", "unit_archived");
	else if (level(u->kind) < level(to->kind))
		param_error(r, "parent", "unit_level");
}

/* POST /admin/clients/:id/units: a new unit below a unit of the client. */
NEOERR *unit_create(Request *r)
{
	long long client_id = param_int(r, "id", 0), id = 0;
	char *cpath = NULL, *detail, loc[80];
	Unit parent;
	NEOERR *err;

	err = db_value(&cpath, "SELECT o.path FROM clients c JOIN org_units o ON o.id = c.unit_id"
			       " WHERE c.id = ?", "i", client_id);
	if (err)
		return nerr_pass(err);
	if (!cpath || !acl_may_at(r, "unit.edit", cpath)) {
		free(cpath);
		return http_fail(r, 404, "client %lld not in scope for unit.edit", client_id);
	}
	free(cpath);
	memset(&parent, 0, sizeof(parent));
	err = r->form_errors ? STATUS_OK : tree_lock(client_id);
	if (!err && !r->form_errors)
		err = unit_load(param_int(r, "parent", 0), &parent);
	if (err) {
		db_rollback();
		return nerr_pass(err);
	}
	if (!r->form_errors)
		check_create(r, &parent, client_id);
	if (r->form_errors) {
		db_rollback();
		param_keep_form(r);
		r->status = FORM_REFUSED;
		return nerr_pass(client_page(r, client_id));
	}
	err = org_create(parent.id, param_str(r, "kind"), param_str(r, "name"), client_id, &id);
	detail = xasprintf("%s: %s", param_str(r, "kind"), param_str(r, "name"));
	if (!err)
		err = audit_add(r, r->user->id, "unit.create", "unit", id, id, detail);
	free(detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/admin/clients/%lld?done=unit_created", client_id);
	return http_redirect(r, loc);
}

static NEOERR *unit_page(Request *r, const Unit *u)
{
	char *cpath = NULL;
	DBQuery *q;
	NEOERR *err;
	HDF *h = NULL;
	int n = 0;

	if (hdf_get_node(r->hdf, "Page.Unit", &h) != STATUS_OK)
		abort();
	page_put_int(h, "Id", u->id);
	page_put(h, "Name", u->name);
	page_put(h, "Kind", u->kind);
	page_put_int(h, "ClientId", u->client_id);
	page_put_int(h, "ParentId", u->parent_id);
	if (u->archived)
		page_put(h, "Archived", "1");
	if (!hdf_get_value(r->hdf, "Page.Form.name", NULL))
		hdf_set_value(r->hdf, "Page.Form.name", u->name);

	/* The way down from the client, for the breadcrumbs. */
	err = db_query(&q, "SELECT id, name, kind, DATE_FORMAT(archived_at, '%Y-%m-%d'),"
			   " DATE_FORMAT(created_at, '%Y-%m-%d') FROM org_units"
			   " WHERE ? LIKE CONCAT(path, '%') AND kind <> 'agency' ORDER BY LENGTH(path)",
			   "s", u->path);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *t = page_item(r, "Trail", n++);
		page_put(t, "Id", db_str(q, 0));
		page_put(t, "Name", db_str(q, 1));
		page_put(t, "Kind", db_str(q, 2));
		if (db_int(q, 0) == u->id) {
			page_put(h, "ArchivedAt", db_str(q, 3));
			page_put(h, "Created", db_str(q, 4));
		}
	}
	db_end(&q);

	n = 0;
	err = db_query(&q, "SELECT id, name, kind, archived_at IS NOT NULL FROM org_units"
			   " WHERE parent_id = ? ORDER BY name, id", "i", u->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *c = page_item(r, "Children", n++);
		page_put(c, "Id", db_str(q, 0));
		page_put(c, "Name", db_str(q, 1));
		page_put(c, "Kind", db_str(q, 2));
		if (db_int(q, 3))
			page_put(c, "Archived", "1");
	}
	db_end(&q);

	if (u->archived || !acl_may_at(r, "unit.edit", u->path))
		return nerr_pass(view_render(r, "admin/unit_show.cs"));
	hdf_set_value(r->hdf, "Page.May.UnitEdit", "1");
	if (!strcmp(u->kind, "client"))
		return nerr_pass(view_render(r, "admin/unit_show.cs"));
	/* Where it may go: live units of the same client, outside its own
	 * subtree, not of a lower level. */
	err = db_value(&cpath, "SELECT o.path FROM clients c JOIN org_units o ON o.id = c.unit_id"
			       " WHERE c.id = ?", "i", u->client_id);
	if (!err && cpath)
		err = admin_tree(r, "Targets", cpath, u->path, 1, u->kind);
	free(cpath);
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "admin/unit_show.cs"));
}

/* The unit of the request, when it belongs to a client and the user holds
 * perm on it; else the request ends with 404 and *u is left empty. */
static NEOERR *unit_in_scope(Request *r, const char *perm, Unit *u)
{
	NEOERR *err = unit_load(param_int(r, "id", 0), u);

	if (err)
		return nerr_pass(err);
	if (!u->id || !u->client_id || !acl_may_at(r, perm, u->path)) {
		http_fail(r, 404, "unit %lld not in scope for %s", param_int(r, "id", 0), perm);
		u->id = 0;
	}
	return STATUS_OK;
}

static NEOERR *refused(Request *r, const Unit *u)
{
	param_keep_form(r);
	r->status = FORM_REFUSED;
	return nerr_pass(unit_page(r, u));
}

static NEOERR *back(Request *r, const Unit *u, const char *done)
{
	char loc[80];
	snprintf(loc, sizeof(loc), "/admin/units/%lld?done=%s", u->id, done);
	return http_redirect(r, loc);
}

NEOERR *unit_show(Request *r)
{
	Unit u;
	NEOERR *err = unit_in_scope(r, "admin.view", &u);

	if (err || !u.id)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(unit_page(r, &u));
}

/* A client's own unit carries the client's name: both change together. */
NEOERR *unit_rename(Request *r)
{
	const char *name = param_str(r, "name");
	Unit u;
	NEOERR *err = unit_in_scope(r, "unit.edit", &u);

	if (err || !u.id)
		return nerr_pass(err);
	if (!r->form_errors && u.archived)
		param_error(r, "name", "unit_archived");
	if (r->form_errors)
		return nerr_pass(refused(r, &u));
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "UPDATE org_units SET name = ? WHERE id = ?", "si", name, u.id);
	if (!err && !strcmp(u.kind, "client"))
		err = db_exec(NULL, "UPDATE clients SET name = ? WHERE unit_id = ?", "si", name, u.id);
	if (!err)
		err = audit_add(r, r->user->id, "unit.rename", "unit", u.id, u.id, name);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return back(r, &u, "renamed");
}

/* Moves a unit with everything below it to another parent of the same
 * client: the paths of the whole subtree change in one statement. */
NEOERR *unit_move(Request *r)
{
	char *detail;
	Unit u, to;
	NEOERR *err = unit_in_scope(r, "unit.edit", &u);

	if (err || !u.id)
		return nerr_pass(err);
	memset(&to, 0, sizeof(to));
	err = r->form_errors ? STATUS_OK : tree_lock(u.client_id);
	if (!err && !r->form_errors)
		err = unit_load(u.id, &u);
	if (!err && !r->form_errors)
		err = unit_load(param_int(r, "parent", 0), &to);
	if (err) {
		db_rollback();
		return nerr_pass(err);
	}
	if (!r->form_errors)
		check_move(r, &u, &to);
	if (r->form_errors || to.id == u.parent_id) {
		db_rollback();
		return r->form_errors ? nerr_pass(refused(r, &u)) : back(r, &u, "moved");
	}
	err = db_exec(NULL, "UPDATE org_units SET parent_id = ? WHERE id = ?", "ii", to.id, u.id);
	if (!err)
		err = db_exec(NULL, "UPDATE org_units SET path = CONCAT(?, ?, '/', SUBSTRING(path, ?))"
				    " WHERE path LIKE CONCAT(?, '%')",
			      "siis", to.path, u.id, (long long)strlen(u.path) + 1, u.path);
	detail = xasprintf("%s -> %s%lld/", u.path, to.path, u.id);
	if (!err)
		err = audit_add(r, r->user->id, "unit.move", "unit", u.id, u.id, detail);
	free(detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return back(r, &u, "moved");
}

/* Archives the unit and everything below it: no new grants there, and the
 * grants held there stop counting. */
NEOERR *unit_archive(Request *r)
{
	Unit u;
	NEOERR *err = unit_in_scope(r, "unit.edit", &u);

	if (err || !u.id)
		return nerr_pass(err);
	if (!strcmp(u.kind, "client"))
		return http_fail(r, 400, "a client's unit is archived with the client");
	if (u.archived)
		return back(r, &u, "archived");
	err = tree_lock(u.client_id);
	if (!err)
		err = unit_load(u.id, &u);
	if (!err && u.archived) {
		db_rollback();
		return back(r, &u, "archived");
	}
	if (!err)
		err = db_exec(NULL, "UPDATE org_units SET archived_at = UTC_TIMESTAMP()"
				    " WHERE path LIKE CONCAT(?, '%') AND archived_at IS NULL", "s", u.path);
	if (!err)
		err = audit_add(r, r->user->id, "unit.archive", "unit", u.id, u.id, "");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return back(r, &u, "archived");
}
