/* progress.c: how far the back-office is with a week's contracts — contracted, refused, still waiting — shown on the week after publishing, and as JSON for the page's script to follow without a reload */
#include <jansson.h>

#include "db.h"
#include "planning.h"

NEOERR *plan_progress_counts(const Unit *u, Day monday, int counts[3])
{
	char from[20], to[20];
	DBQuery *q;
	NEOERR *err;

	plan_week_sql(u, monday, from, to);
	err = db_query(&q, "SELECT COALESCE(SUM(s.state = 'contracted'), 0), COALESCE(SUM(s.state = 'refused'), 0),"
			   " COALESCE(SUM(s.state = 'published'), 0)"
			   " FROM org_units o JOIN shifts s ON s.unit_id = o.id"
			   " WHERE o.path LIKE CONCAT(?, '%') AND s.state IN ('published', 'contracted', 'refused')"
			   " AND s.starts_at >= ? AND s.starts_at < ?",
		       "sss", u->path, from, to);
	if (err)
		return nerr_pass(err);
	counts[0] = counts[1] = counts[2] = 0;
	if (db_next(q))
		for (int i = 0; i < 3; i++)
			counts[i] = (int)db_int(q, i);
	db_end(&q);
	return STATUS_OK;
}

/* GET /planning/progress?unit=&week=: {"contracted", "refused",
 * "waiting"} of the week at the unit and below. */
NEOERR *plan_progress(Request *r)
{
	int counts[3], ok;
	Day day;
	Unit u;
	NEOERR *err = plan_unit(r, param_int(r, "unit", 0), "planning.view", &u, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "week"), &day))
		return http_fail(r, 400, "no week");
	err = plan_progress_counts(&u, plan_monday(day), counts);
	if (err)
		return nerr_pass(err);
	return nerr_pass(http_json(r, json_pack("{s:i, s:i, s:i}", "contracted", counts[0], "refused", counts[1],
						"waiting", counts[2])));
}
