/* claim.c: open shifts a temp worker may take (when Planning.WorkersClaim allows) — those of the coming four weeks at units whose pool he is in, for a position he is qualified for, at hours he is free — and taking one */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"

/* SQL: an open shift s (at unit o) that the worker (the two '?') may take:
 * in the pool of its unit or one above, qualified for its position (a
 * skill at the client, or taken on for it), not yet begun. */
#define MAY_TAKE \
	" s.worker_user_id IS NULL AND s.state = 'planned' AND s.starts_at > UTC_TIMESTAMP()" \
	" AND EXISTS (SELECT 1 FROM pool p JOIN org_units po ON po.id = p.unit_id" \
	"  WHERE p.worker_user_id = ? AND o.path LIKE CONCAT(po.path, '%'))" \
	" AND (EXISTS (SELECT 1 FROM worker_skills k WHERE k.worker_user_id = ? AND k.client_id = o.client_id" \
	"  AND k.position = s.position) OR EXISTS (SELECT 1 FROM pool p JOIN org_units po ON po.id = p.unit_id" \
	"  WHERE p.worker_user_id = ? AND po.client_id = o.client_id AND p.position = s.position))"

static const char *zone_of(const char *zone)
{
	return tz_known(zone) ? zone : conf_str("Planning.TimeZone");
}

/* "YYYY-MM-DD HH:MM–HH:MM" of a shift in its unit's zone. */
static void when_text(const char *zone, time_t s, time_t e, char *out, size_t len)
{
	struct tm ls, le;

	tz_local(zone, s, &ls);
	tz_local(zone, e, &le);
	snprintf(out, len, "%04d-%02d-%02d %02d:%02d–%02d:%02d", ls.tm_year + 1900, ls.tm_mon + 1, ls.tm_mday,
		 ls.tm_hour, ls.tm_min, le.tm_hour, le.tm_min);
}

NEOERR *claim_list(Request *r)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	if (!conf_int("Planning.WorkersClaim"))
		return STATUS_OK;
	hdf_set_value(r->hdf, "Page.MayClaim", "1");
	/* Free at those hours: no shift of his own overlaps. */
	err = db_query(&q, "SELECT s.id, s.position, UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at),"
			   " s.break_minutes, o.name, c.name, o.time_zone"
			   " FROM shifts s JOIN org_units o ON o.id = s.unit_id LEFT JOIN clients c ON c.id = o.client_id"
			   " WHERE" MAY_TAKE " AND s.starts_at < UTC_TIMESTAMP() + INTERVAL 28 DAY"
			   " AND o.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM shifts m WHERE m.worker_user_id = ?"
			   "  AND m.state <> 'cancelled' AND m.starts_at < s.ends_at AND m.ends_at > s.starts_at)"
			   " ORDER BY s.starts_at, s.id LIMIT 100",
		       "iiii", r->user->id, r->user->id, r->user->id, r->user->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Open", n++);
		char when[64];
		when_text(zone_of(db_str(q, 7)), (time_t)db_int(q, 2), (time_t)db_int(q, 3), when, sizeof(when));
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Position", db_str(q, 1));
		page_put(h, "When", when);
		{
			struct tm ls;
			tz_local(zone_of(db_str(q, 7)), (time_t)db_int(q, 2), &ls);
			page_put(h, "Day", plan_day_names[(ls.tm_wday + 6) % 7]);
			page_put_int(h, "D", ls.tm_mday);
			page_put_int(h, "M", ls.tm_mon + 1);
		}
		page_put(h, "Break", db_str(q, 4));
		page_put(h, "Unit", db_str(q, 5));
		page_put(h, "Client", db_str(q, 6));
	}
	db_end(&q);
	return STATUS_OK;
}

/* Takes an open shift: under the worker's row lock (as a planner's save
 * takes it) so that no two shifts of his overlap, and under the shift's,
 * so that two workers cannot both take it. The planner who made it is
 * mailed; the shift is planned, and goes to the back-office when he
 * publishes. */
NEOERR *claim_take(Request *r)
{
	long long id = param_int(r, "id", 0), unit = 0, planner = 0;
	char when[64] = "", *qualified = NULL, loc[64];
	const char *done = NULL;
	int found = 0, open = 0, mine = 0, busy = 0;
	DBQuery *q;
	NEOERR *err;

	if (strcmp(r->user->kind, "worker") || !conf_int("Planning.WorkersClaim"))
		return http_fail(r, 404, "no claiming of open shifts here");
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", r->user->id);
	/* A shift of a unit whose pool he is in (or his already): is it
	 * still open, his, and would it overlap one of his? */
	if (!err)
		err = db_query(&q, "SELECT s.worker_user_id IS NULL AND s.state = 'planned'"
				   " AND s.starts_at > UTC_TIMESTAMP(), s.worker_user_id <=> ?,"
				   " UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), o.time_zone, o.id,"
				   " COALESCE(s.created_by, 0), EXISTS (SELECT 1 FROM shifts m WHERE m.worker_user_id = ?"
				   "  AND m.state <> 'cancelled' AND m.id <> s.id AND m.starts_at < s.ends_at"
				   "  AND m.ends_at > s.starts_at)"
				   " FROM shifts s JOIN org_units o ON o.id = s.unit_id"
				   " WHERE s.id = ? AND o.archived_at IS NULL AND (s.worker_user_id <=> ? OR"
				   " EXISTS (SELECT 1 FROM pool p JOIN org_units po ON po.id = p.unit_id"
				   "  WHERE p.worker_user_id = ? AND o.path LIKE CONCAT(po.path, '%')))"
				   " FOR UPDATE",
			       "iiiii", r->user->id, r->user->id, id, r->user->id, r->user->id);
	if (!err) {
		if (db_next(q)) {
			found = 1;
			open = (int)db_int(q, 0);
			mine = (int)db_int(q, 1);
			when_text(zone_of(db_str(q, 4)), (time_t)db_int(q, 2), (time_t)db_int(q, 3), when, sizeof(when));
			unit = db_int(q, 5);
			planner = db_int(q, 6);
			busy = (int)db_int(q, 7);
		}
		db_end(&q);
	}
	/* Qualified for the position, by the same rule as the list. */
	if (!err && found && open)
		err = db_value(&qualified, "SELECT 1 FROM shifts s JOIN org_units o ON o.id = s.unit_id"
					   " WHERE s.id = ? AND" MAY_TAKE,
			       "iiii", id, r->user->id, r->user->id, r->user->id);
	if (err)
		return nerr_pass(db_finish(err));
	free(qualified);
	if (!found || (open && !qualified)) {
		db_rollback();
		return http_fail(r, 404, "shift %lld is not one this worker may take", id);
	}
	if (mine)
		done = "claimed"; /* the same request again */
	else if (!open)
		done = "taken";
	else if (busy)
		done = "clash";
	if (done) {
		db_rollback();
		snprintf(loc, sizeof(loc), "/planning/me?done=%s", done);
		return http_redirect(r, loc);
	}
	err = db_exec(NULL, "UPDATE shifts SET worker_user_id = ?, updated_at = UTC_TIMESTAMP() WHERE id = ?", "ii",
		      r->user->id, id);
	if (!err)
		err = audit_add(r, r->user->id, "shift.claim", "shift", id, unit, when);
	if (!err && planner) {
		HDF *extra;
		char key[64], *url = conf_url("/planning/?unit=%lld", unit);
		hdf_init(&extra);
		hdf_set_value(extra, "When", when);
		hdf_set_value(extra, "Worker", r->user->name);
		hdf_set_value(extra, "URL", url);
		free(url);
		snprintf(key, sizeof(key), "mail:claimed:%lld:%lld", id, r->user->id);
		err = account_mail(planner, "ShiftClaimed", key, extra);
		hdf_destroy(&extra);
	}
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/planning/me?done=claimed");
}
