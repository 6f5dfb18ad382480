/* publish.c: publishing a week, or the shifts chosen in the day view — each planned shift with a worker at the unit and below goes to the back-office for its contract */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "contracts.h"
#include "db.h"
#include "planning.h"

#define PUBLISH_MAX 2000

/* The planned shifts with a worker of the week at the unit and below,
 * locked. */
static NEOERR *week_shifts(const Unit *u, Day monday, long long *ids, int *n)
{
	char from[20], to[20];
	DBQuery *q;
	NEOERR *err;

	plan_week_sql(u, monday, from, to);
	err = db_query(&q, "SELECT s.id FROM shifts s JOIN org_units o ON o.id = s.unit_id"
			   " WHERE o.path LIKE CONCAT(?, '%') AND s.state = 'planned'"
			   " AND s.worker_user_id IS NOT NULL AND s.starts_at >= ? AND s.starts_at < ?"
			   " ORDER BY s.starts_at, s.id LIMIT 2000 FOR UPDATE",
		       "sss", u->path, from, to);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && *n < PUBLISH_MAX)
		ids[(*n)++] = db_int(q, 0);
	db_end(&q);
	return STATUS_OK;
}

/* Of the chosen shifts, those at the unit and below that are planned with
 * a worker, locked; the others (published meanwhile, elsewhere) are left. */
static NEOERR *chosen_shifts(const Unit *u, const long long *chosen, int m, long long *ids, int *n)
{
	NEOERR *err = STATUS_OK;

	for (int i = 0; i < m && !err; i++) {
		char *found = NULL;
		int twice = 0;
		for (int j = 0; j < *n && !twice; j++)
			twice = ids[j] == chosen[i];
		if (twice)
			continue;
		err = db_value(&found, "SELECT s.id FROM shifts s JOIN org_units o ON o.id = s.unit_id"
				       " WHERE s.id = ? AND o.path LIKE CONCAT(?, '%') AND s.state = 'planned'"
				       " AND s.worker_user_id IS NOT NULL FOR UPDATE",
			       "is", chosen[i], u->path);
		if (found)
			ids[(*n)++] = chosen[i];
		free(found);
	}
	return nerr_pass(err);
}

/* One transaction: the shifts published and their calls queued, or
 * neither. A shift published twice (a retried request) is published once:
 * only planned shifts are taken. With shifts chosen (the day view's
 * ticks) only those; else the whole week. */
NEOERR *plan_publish(Request *r)
{
	static long long ids[PUBLISH_MAX], chosen[PUBLISH_MAX];
	char loc[160], week[11], detail[64];
	const char *back = param_str(r, "back");
	int n = 0, m, ok, by_day = back && !strcmp(back, "day");
	Day day;
	Unit u;
	NEOERR *err = plan_unit(r, param_int(r, "unit", 0), "planning.edit", &u, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "week"), &day))
		return http_fail(r, 400, "no week to publish");
	m = param_ids(r, "shift", chosen, PUBLISH_MAX);
	err = db_begin();
	if (!err)
		err = m || by_day ? chosen_shifts(&u, chosen, m, ids, &n) : week_shifts(&u, plan_monday(day), ids, &n);
	for (int i = 0; i < n && !err; i++) {
		err = db_exec(NULL, "UPDATE shifts SET state = 'published', published_at = UTC_TIMESTAMP(),"
				    " violations = NULL, updated_at = UTC_TIMESTAMP() WHERE id = ?", "i", ids[i]);
		if (!err)
			err = contracts_request(ids[i]);
	}
	snprintf(detail, sizeof(detail), "%d shifts", n);
	if (!err && n)
		err = audit_add(r, r->user->id, "shift.publish", "unit", u.id, u.id, detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	plan_day_text(by_day ? day : plan_monday(day), week);
	if (by_day)
		snprintf(loc, sizeof(loc), "/planning/day?unit=%lld&date=%s&done=%s&count=%d", u.id, week,
			 m ? "published" : "none_chosen", n);
	else
		snprintf(loc, sizeof(loc), "/planning/?unit=%lld&week=%s&done=published&count=%d", u.id, week, n);
	return http_redirect(r, loc);
}
