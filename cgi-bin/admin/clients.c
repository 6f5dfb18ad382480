/* clients.c: the agency's clients — the list, a new client, a client's organisation, archiving */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "db.h"
#include "org.h"
#include "util.h"
#include "view.h"

NEOERR *client_list(Request *r)
{
	const char *q = param_str(r, "q");
	long long total = 0, page;
	char *scope, root[800];
	long long root_id;
	STRING qs;
	DBQuery *dq;
	NEOERR *err;
	int n = 0;

	param_keep_form(r);
	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	admin_may(r, "ClientEdit", "client.edit", root);
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "admin/client_list.cs"));
	}
	if (!q)
		q = "";
	scope = acl_scope(r, "admin.view");
	string_init(&qs);
	page_query_add(&qs, "q", q);
	err = db_query(&dq,
		"SELECT COUNT(*) FROM clients c JOIN org_units o ON o.id = c.unit_id"
		" WHERE" ACL_IN_SCOPE("o.path") " AND (? = '' OR LOCATE(?, c.name) > 0)",
		"sss", scope, q, q);
	if (!err) {
		if (db_next(dq))
			total = db_int(dq, 0);
		db_end(&dq);
		page = page_pager(r, total, param_int(r, "page", 1), PAGE_SIZE, &qs);
		err = db_query(&dq,
			"SELECT c.id, c.name, c.status, DATE_FORMAT(c.created_at, '%Y-%m-%d'),"
			" (SELECT COUNT(*) FROM org_units x WHERE x.path LIKE CONCAT(o.path, '%')"
			"   AND x.id <> o.id AND x.archived_at IS NULL),"
			" (SELECT COUNT(*) FROM users u WHERE u.client_id = c.id AND u.status <> 'disabled')"
			" FROM clients c JOIN org_units o ON o.id = c.unit_id"
			" WHERE" ACL_IN_SCOPE("o.path") " AND (? = '' OR LOCATE(?, c.name) > 0)"
			" ORDER BY c.status = 'archived', c.name, c.id LIMIT ? OFFSET ?",
			"sssii", scope, q, q, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	}
	free(scope);
	string_clear(&qs);
	if (err)
		return nerr_pass(err);
	while (db_next(dq)) {
		HDF *h = page_item(r, "Clients", n++);
		page_put(h, "Id", db_str(dq, 0));
		page_put(h, "Name", db_str(dq, 1));
		page_put(h, "Status", db_str(dq, 2));
		page_put(h, "Created", db_str(dq, 3));
		page_put(h, "Units", db_str(dq, 4));
		page_put(h, "Users", db_str(dq, 5));
	}
	db_end(&dq);
	return nerr_pass(view_render(r, "admin/client_list.cs"));
}

NEOERR *client_new(Request *r)
{
	char root[800];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	if (err)
		return nerr_pass(err);
	if (!acl_may_at(r, "client.edit", root))
		return http_fail(r, 404, "client.edit not held on the agency's root");
	return nerr_pass(view_render(r, "admin/client_new.cs"));
}

/* A client is a row of clients and a unit of kind 'client' below the
 * agency's root; the unit knows its client, so the row comes between. */
NEOERR *client_create(Request *r)
{
	const char *name = param_str(r, "name");
	char root[800], *taken = NULL;
	long long root_id, unit_id = 0, id;
	NEOERR *err;

	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	if (!root_id || !acl_may_at(r, "client.edit", root))
		return http_fail(r, 404, "client.edit not held on the agency's root");
	if (!r->form_errors) {
		err = db_value(&taken, "SELECT id FROM clients WHERE name = ?", "s", name);
		if (err)
			return nerr_pass(err);
		if (taken)
			param_error(r, "name", "name_taken");
		free(taken);
	}
	if (r->form_errors) {
		param_keep_form(r);
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "admin/client_new.cs"));
	}
	err = db_begin();
	if (!err)
		err = org_create(root_id, "client", name, 0, &unit_id);
	if (!err)
		err = db_exec(NULL, "INSERT INTO clients (unit_id, name, created_at)"
				    " VALUES (?, ?, UTC_TIMESTAMP())", "is", unit_id, name);
	id = (long long)db_insert_id();
	if (!err)
		err = db_exec(NULL, "UPDATE org_units SET client_id = ? WHERE id = ?", "ii", id,
			      unit_id);
	if (!err)
		err = audit_add(r, r->user->id, "client.create", "client", id, unit_id, name);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	{
		char loc[64];
		snprintf(loc, sizeof(loc), "/admin/clients/%lld?done=client_created", id);
		return http_redirect(r, loc);
	}
}

/* The client's row and the path of its unit; *found is 0 when there is
 * no such client. */
static NEOERR *client_load(long long id, HDF *into, long long *unit_id, char *path, size_t len,
			   int *archived, int *found)
{
	DBQuery *q;
	NEOERR *err;

	*found = 0;
	err = db_query(&q, "SELECT c.id, c.name, c.status, DATE_FORMAT(c.created_at, '%Y-%m-%d'),"
			   " o.id, o.path FROM clients c JOIN org_units o ON o.id = c.unit_id"
			   " WHERE c.id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		*found = 1;
		if (into) {
			page_put(into, "Id", db_str(q, 0));
			page_put(into, "Name", db_str(q, 1));
			page_put(into, "Status", db_str(q, 2));
			page_put(into, "Created", db_str(q, 3));
			page_put(into, "UnitId", db_str(q, 4));
		}
		*archived = !strcmp(db_str(q, 2), "archived");
		*unit_id = db_int(q, 4);
		snprintf(path, len, "%s", db_str(q, 5));
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *client_page(Request *r, long long id)
{
	char path[800];
	long long unit_id;
	int archived, found;
	HDF *c = NULL;
	NEOERR *err;

	if (hdf_get_node(r->hdf, "Page.Client", &c) != STATUS_OK)
		abort();
	err = client_load(id, c, &unit_id, path, sizeof(path), &archived, &found);
	if (err)
		return nerr_pass(err);
	if (!found || !acl_may_at(r, "admin.view", path))
		return http_fail(r, 404, "client %lld not in scope", id);
	err = admin_tree(r, "Units", path, NULL, 0, "team");
	if (err)
		return nerr_pass(err);
	if (!archived) {
		admin_may(r, "ClientEdit", "client.edit", path);
		admin_may(r, "UnitEdit", "unit.edit", path);
	}
	admin_may(r, "UserView", "user.view", path);
	return nerr_pass(view_render(r, "admin/client_show.cs"));
}

NEOERR *client_show(Request *r)
{
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(client_page(r, param_int(r, "id", 0)));
}

/* Archives the client and every unit of its organisation: grants on them
 * stop counting at once (the session query reads live units only). */
NEOERR *client_archive(Request *r)
{
	long long id = param_int(r, "id", 0), unit_id;
	char path[800], loc[64];
	int archived, found;
	NEOERR *err;

	err = client_load(id, NULL, &unit_id, path, sizeof(path), &archived, &found);
	if (err)
		return nerr_pass(err);
	if (!found || !acl_may_at(r, "client.edit", path))
		return http_fail(r, 404, "client %lld not in scope", id);
	snprintf(loc, sizeof(loc), "/admin/clients/%lld?done=client_archived", id);
	if (archived)
		return http_redirect(r, loc);
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "UPDATE clients SET status = 'archived' WHERE id = ?", "i", id);
	if (!err)
		err = db_exec(NULL, "UPDATE org_units SET archived_at = UTC_TIMESTAMP()"
				    " WHERE path LIKE CONCAT(?, '%') AND archived_at IS NULL", "s", path);
	if (!err)
		err = audit_add(r, r->user->id, "client.archive", "client", id, unit_id, "");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, loc);
}
