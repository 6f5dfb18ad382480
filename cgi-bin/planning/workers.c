/* workers.c: the agency's temp workers — found by name, and for each the pools of client units he may be planned in and the positions (skills) he is qualified for at a client, kept by agency staff where they plan */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "audit.h"
#include "db.h"
#include "planning.h"
#include "util.h"
#include "view.h"

#define LIST_SIZE 50

/* These pages are the agency's: staff who plan somewhere. */
static int is_agency(Request *r)
{
	if (strcmp(r->user->kind, "agency")) {
		http_fail(r, 404, "temp workers are kept by the agency");
		return 0;
	}
	return 1;
}

NEOERR *workers_list(Request *r)
{
	const char *text = or_empty(param_str(r, "q"));
	long long page = param_int(r, "page", 1);
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	if (!is_agency(r))
		return STATUS_OK;
	if (hdf_get_value(r->hdf, "Page.Errors.q", NULL))
		text = "";
	err = db_query(&q, "SELECT u.id, CONCAT_WS(' ', u.first_name, u.last_name), u.email, u.status,"
			   " (SELECT GROUP_CONCAT(DISTINCT o.name ORDER BY o.name SEPARATOR ', ')"
			   "  FROM pool p JOIN org_units o ON o.id = p.unit_id WHERE p.worker_user_id = u.id)"
			   " FROM users u WHERE u.kind = 'worker' AND u.status <> 'revoked'"
			   " AND (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name, u.email)) > 0)"
			   " ORDER BY u.last_name, u.first_name, u.id LIMIT ? OFFSET ?",
		       "ssii", text, text, (long long)LIST_SIZE + 1, (page - 1) * LIST_SIZE);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && n < LIST_SIZE) {
		HDF *h = page_item(r, "Workers", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		page_put(h, "Email", db_str(q, 2));
		page_put(h, "Status", db_str(q, 3));
		page_put(h, "Pools", db_str(q, 4));
	}
	if (db_next(q)) {
		STRING qs;
		string_init(&qs);
		page_query_add(&qs, "q", text);
		hdf_set_value(r->hdf, "Page.Query", qs.buf ? qs.buf : "");
		string_clear(&qs);
		hdf_set_int_value(r->hdf, "Page.NextPage", (int)page + 1);
	}
	db_end(&q);
	hdf_set_int_value(r->hdf, "Page.PageNo", (int)page);
	param_keep_form(r);
	return nerr_pass(view_render(r, "planning/workers.cs"));
}

NEOERR *workers_into_page(Request *r, long long worker)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q, "SELECT p.id, o.name, c.name, p.position, p.source, o.path FROM pool p"
			   " JOIN org_units o ON o.id = p.unit_id LEFT JOIN clients c ON c.id = o.client_id"
			   " WHERE p.worker_user_id = ? ORDER BY c.name, o.path, p.position", "i", worker);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Pools", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Unit", db_str(q, 1));
		page_put(h, "Client", db_str(q, 2));
		page_put(h, "Position", db_str(q, 3));
		page_put(h, "Source", db_str(q, 4));
		if (acl_may_at(r, "planning.edit", db_str(q, 5)))
			page_put(h, "MayRemove", "1");
	}
	db_end(&q);
	n = 0;
	err = db_query(&q, "SELECT k.id, c.name, k.position, o.path FROM worker_skills k"
			   " JOIN clients c ON c.id = k.client_id JOIN org_units o ON o.id = c.unit_id"
			   " WHERE k.worker_user_id = ? ORDER BY c.name, k.position", "i", worker);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Skills", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Client", db_str(q, 1));
		page_put(h, "Position", db_str(q, 2));
		if (acl_may_at(r, "planning.edit", db_str(q, 3)))
			page_put(h, "MayRemove", "1");
	}
	db_end(&q);
	return nerr_pass(page_units(r, "Units", "planning.edit"));
}

/* The unit of the form, where the user plans; else a message on the form
 * (*ok 0). */
static NEOERR *form_unit(Request *r, Unit *u, int *ok)
{
	NEOERR *err;

	*ok = 0;
	memset(u, 0, sizeof(*u));
	if (hdf_get_value(r->hdf, "Page.Errors.unit", NULL))
		return STATUS_OK;
	err = plan_unit_load(r, param_int(r, "unit", 0), u);
	if (err)
		return nerr_pass(err);
	if (!u->id || !u->client_id || !acl_may_at(r, "planning.edit", u->path))
		param_error(r, "unit", "choice");
	else
		*ok = 1;
	return STATUS_OK;
}

/* Adds a pool entry (what "pool") or a skill at the unit's client. A
 * duplicate is said on the form; nothing is stored twice. */
static NEOERR *add(Request *r, long long worker, const char *what, int *again)
{
	const char *position = param_str(r, "position");
	char detail[1800];
	unsigned long long added = 0;
	Unit u;
	int ok;
	NEOERR *err = form_unit(r, &u, &ok);

	*again = 1;
	if (err || !ok || r->form_errors)
		return nerr_pass(err);
	if (!strcmp(what, "pool"))
		err = db_exec(&added, "INSERT IGNORE INTO pool (worker_user_id, unit_id, position, source,"
				      " added_by, created_at) VALUES (?, ?, ?, 'agency', ?, UTC_TIMESTAMP())",
			      "iisi", worker, u.id, position, r->user->id);
	else
		err = db_exec(&added, "INSERT IGNORE INTO worker_skills (worker_user_id, client_id, position,"
				      " created_by, created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			      "iisi", worker, u.client_id, position, r->user->id);
	if (!err && !added) {
		param_error(r, "position", "already_there");
		return STATUS_OK;
	}
	snprintf(detail, sizeof(detail), "%s: %s", u.name, position);
	if (!err)
		err = audit_add(r, r->user->id, !strcmp(what, "pool") ? "pool.add" : "skill.add", "user", worker,
				u.id, detail);
	*again = 0;
	return nerr_pass(err);
}

NEOERR *workers_pool_add(Request *r, long long worker, int *again)
{
	return nerr_pass(add(r, worker, "pool", again));
}

NEOERR *workers_skill_add(Request *r, long long worker, int *again)
{
	return nerr_pass(add(r, worker, "skill", again));
}

/* Removes a pool entry or a skill of the worker where the user plans;
 * *gone 0 when there is none such. His shifts stay as planned. */
NEOERR *workers_remove(Request *r, long long worker, const char *what, int *gone)
{
	char *path = NULL, *detail = NULL;
	long long id = param_int(r, "id", 0);
	int pool = !strcmp(what, "pool");
	NEOERR *err;

	*gone = 0;
	if (pool)
		err = db_value(&path, "SELECT o.path FROM pool p JOIN org_units o ON o.id = p.unit_id"
				      " WHERE p.id = ? AND p.worker_user_id = ?", "ii", id, worker);
	else
		err = db_value(&path, "SELECT o.path FROM worker_skills k JOIN clients c ON c.id = k.client_id"
				      " JOIN org_units o ON o.id = c.unit_id WHERE k.id = ? AND k.worker_user_id = ?",
			       "ii", id, worker);
	if (err || !path || !acl_may_at(r, "planning.edit", path)) {
		free(path);
		return nerr_pass(err);
	}
	free(path);
	err = db_value(&detail, pool ? "SELECT position FROM pool WHERE id = ?"
				     : "SELECT position FROM worker_skills WHERE id = ?", "i", id);
	if (!err)
		err = db_exec(NULL, pool ? "DELETE FROM pool WHERE id = ?" : "DELETE FROM worker_skills WHERE id = ?",
			      "i", id);
	if (!err)
		err = audit_add(r, r->user->id, pool ? "pool.remove" : "skill.remove", "user", worker, 0,
				or_empty(detail));
	free(detail);
	*gone = !err;
	return nerr_pass(err);
}
