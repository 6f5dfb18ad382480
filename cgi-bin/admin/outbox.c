/* outbox.c: what the worker could not deliver — mail and back-office calls that failed for good (dead) or wait for their next try — and sending a dead one again */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "db.h"
#include "org.h"
#include "util.h"
#include "view.h"

/* The outbox is the agency's: staff holding outbox.view on its root. */
static NEOERR *may_see(Request *r, int *ok)
{
	char root[800];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	*ok = !err && !strcmp(r->user->kind, "agency") && acl_may_at(r, "outbox.view", root);
	if (!err && !*ok)
		http_fail(r, 404, "the outbox is for agency admins");
	return nerr_pass(err);
}

NEOERR *outbox_list(Request *r)
{
	DBQuery *q;
	NEOERR *err;
	int ok, n = 0;

	err = may_see(r, &ok);
	if (err || !ok)
		return nerr_pass(err);
	/* The counts of each state; done rows of the last day only. */
	err = db_query(&q, "SELECT state, COUNT(*) FROM outbox WHERE state <> 'done'"
			   " OR updated_at > UTC_TIMESTAMP() - INTERVAL 1 DAY GROUP BY state", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		char key[48];
		snprintf(key, sizeof(key), "Page.Count.%s", db_str(q, 0));
		hdf_set_value(r->hdf, key, db_str(q, 1));
	}
	db_end(&q);
	/* What a message holds stays in the outbox: the key names it. */
	err = db_query(&q, "SELECT id, kind, idempotency_key, state, attempts,"
			   " DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(next_attempt_at, '%Y-%m-%d %H:%i'),"
			   " LEFT(COALESCE(last_error, ''), 300) FROM outbox WHERE state IN ('dead', 'retry')"
			   " ORDER BY state = 'dead' DESC, updated_at DESC, id DESC LIMIT 200", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Rows", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Kind", db_str(q, 1));
		page_put(h, "Key", db_str(q, 2));
		page_put(h, "State", db_str(q, 3));
		page_put(h, "Attempts", db_str(q, 4));
		page_put(h, "Created", db_str(q, 5));
		page_put(h, "Next", db_str(q, 6));
		page_put(h, "Error", db_str(q, 7));
	}
	db_end(&q);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "admin/outbox.cs"));
}

/* A dead row goes out again, from its first attempt. */
NEOERR *outbox_retry(Request *r)
{
	unsigned long long n = 0;
	char detail[240], *key = NULL;
	long long id = param_int(r, "id", 0);
	NEOERR *err;
	int ok;

	err = may_see(r, &ok);
	if (err || !ok)
		return nerr_pass(err);
	err = db_begin();
	if (!err)
		err = db_value(&key, "SELECT idempotency_key FROM outbox WHERE id = ? AND state = 'dead' FOR UPDATE",
			       "i", id);
	if (!err && key)
		err = db_exec(&n, "UPDATE outbox SET state = 'pending', attempts = 0, last_error = NULL,"
				  " next_attempt_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3) WHERE id = ?",
			      "i", id);
	snprintf(detail, sizeof(detail), "%.200s", key ? key : "");
	if (!err && n)
		err = audit_add(r, r->user->id, "outbox.retry", "outbox", id, 0, detail);
	free(key);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (!n)
		return http_fail(r, 404, "no dead outbox row %lld", id);
	return http_redirect(r, "/admin/outbox?done=retried");
}
