/* publish.c: publishing a week — every planned shift with a worker at the unit and below goes to the back-office for its contract */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "contracts.h"
#include "db.h"
#include "planning.h"

/* One transaction: the shifts published and their calls queued, or
 * neither. A shift published twice (a retried request) is published once:
 * only planned shifts are taken. */
NEOERR *plan_publish(Request *r)
{
	long long ids[2000];
	char from[20], to[20], loc[160], week[11], detail[64];
	int n = 0, ok;
	Day monday;
	Unit u;
	DBQuery *q;
	NEOERR *err = plan_unit(r, param_int(r, "unit", 0), "planning.edit", &u, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "week"), &monday))
		return app_fail(r, 400, "no week to publish");
	monday = plan_monday(monday);
	plan_week_sql(&u, monday, from, to);
	err = db_begin();
	if (!err)
		err = db_query(&q, "SELECT s.id FROM shifts s JOIN org_units o ON o.id = s.unit_id"
				   " WHERE o.path LIKE CONCAT(?, '%') AND s.state = 'planned'"
				   " AND s.worker_user_id IS NOT NULL AND s.starts_at >= ? AND s.starts_at < ?"
				   " ORDER BY s.starts_at, s.id LIMIT 2000 FOR UPDATE",
			       "sss", u.path, from, to);
	if (!err) {
		while (db_next(q) && n < (int)(sizeof(ids) / sizeof(ids[0])))
			ids[n++] = db_int(q, 0);
		db_end(&q);
	}
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
	plan_day_text(monday, week);
	snprintf(loc, sizeof(loc), "/planning/?unit=%lld&week=%s&done=published&count=%d", u.id, week, n);
	return app_redirect(r, loc);
}
