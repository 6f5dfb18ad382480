/* day.c: the day view of a unit — per position the shifts of the day, and their coverage: the shifts needed (every shift, open ones too) against those with a worker */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* Counts of a position or of one of its time slots. */
typedef struct cover {
	HDF *node;
	int needed, planned;
} Cover;

static void cover_put(Cover *c)
{
	if (!c->node)
		return;
	page_put_int(c->node, "Needed", c->needed);
	page_put_int(c->node, "Planned", c->planned);
	page_put_int(c->node, "Open", c->needed - c->planned);
}

/* "HH:MM" of a moment at the unit. */
static void hhmm(const Unit *u, time_t t, char out[16])
{
	struct tm tm;

	tz_local(u->zone, t, &tm);
	snprintf(out, 16, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* Page.Positions: the shifts that start on the day at the unit and below,
 * by position, each position with its time slots (the same start and end)
 * and their coverage. */
static NEOERR *positions(Request *r, const Unit *u, Day day, int may_edit, int *publishable)
{
	char from[20], to[20], pos[801] = "", slot[40] = "";
	Cover all = { 0 }, p = { 0 }, s = { 0 };
	int np = 0, ns = 0, nx = 0;
	DBQuery *q;
	NEOERR *err;

	plan_sql_time(plan_midnight(u, day), from);
	plan_sql_time(plan_midnight(u, plan_add_days(day, 1)), to);
	err = db_query(&q,
		"SELECT s.id, COALESCE(s.worker_user_id, 0), CONCAT_WS(' ', w.first_name, w.last_name),"
		" s.position, UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), s.break_minutes,"
		" s.state, o.name, o.id"
		" FROM org_units o STRAIGHT_JOIN shifts s ON s.unit_id = o.id"
		" LEFT JOIN users w ON w.id = s.worker_user_id"
		" WHERE o.path LIKE CONCAT(?, '%') AND s.starts_at >= ? AND s.starts_at < ?"
		" AND s.state <> 'cancelled'"
		" ORDER BY s.position, s.starts_at, s.ends_at, s.worker_user_id IS NULL, w.last_name, w.first_name, s.id"
		" LIMIT 2000",
		"sss", u->path, from, to);
	if (err)
		return nerr_pass(err);
	*publishable = 0;
	while (db_next(q)) {
		char a[16], b[16], key[40];
		int filled = db_int(q, 1) != 0;
		HDF *h;

		hhmm(u, (time_t)db_int(q, 4), a);
		hhmm(u, (time_t)db_int(q, 5), b);
		snprintf(key, sizeof(key), "%s-%s", a, b);
		if (!p.node || strcmp(pos, db_str(q, 3))) {
			cover_put(&s);
			cover_put(&p);
			p = (Cover){ page_item(r, "Positions", np++), 0, 0 };
			s = (Cover){ NULL, 0, 0 };
			snprintf(pos, sizeof(pos), "%s", db_str(q, 3));
			page_put(p.node, "Name", pos);
			slot[0] = '\0';
			ns = nx = 0;
		}
		if (!s.node || strcmp(slot, key)) {
			char path[32];
			cover_put(&s);
			snprintf(path, sizeof(path), "Slots.%d", ns++);
			hdf_get_node(p.node, path, &s.node);
			s.needed = s.planned = 0;
			snprintf(slot, sizeof(slot), "%s", key);
			page_put(s.node, "Start", a);
			page_put(s.node, "End", b);
		}
		p.needed++, s.needed++, all.needed++;
		p.planned += filled, s.planned += filled, all.planned += filled;
		{
			char path[32];
			snprintf(path, sizeof(path), "Shifts.%d", nx++);
			hdf_get_node(p.node, path, &h);
		}
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Start", a);
		page_put(h, "End", b);
		if (filled)
			page_put(h, "Worker", db_str(q, 2));
		if (db_int(q, 6))
			page_put(h, "Break", db_str(q, 6));
		page_put(h, "State", db_str(q, 7));
		if (db_int(q, 9) != u->id)
			page_put(h, "Unit", db_str(q, 8));
		if (may_edit && !strcmp(db_str(q, 7), "planned")) {
			page_put(h, "MayEdit", "1");
			if (filled) {
				page_put(h, "MayPublish", "1");
				(*publishable)++;
			}
		}
	}
	db_end(&q);
	cover_put(&s);
	cover_put(&p);
	hdf_get_node(r->hdf, "Page.Total", &all.node);
	cover_put(&all);
	return STATUS_OK;
}

NEOERR *plan_day_view(Request *r)
{
	long long unit_id = param_int(r, "unit", 0);
	Day day;
	Unit u;
	NEOERR *err;
	int ok, may_edit, publishable = 0;
	char text[11];

	err = plan_unit(r, unit_id, "planning.view", &u, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "date"), &day))
		day = plan_today(&u);
	may_edit = acl_may_at(r, "planning.edit", u.path);
	err = positions(r, &u, day, may_edit, &publishable);
	if (err)
		return nerr_pass(err);
	hdf_set_valuef(r->hdf, "Page.Unit.Id=%lld", u.id);
	hdf_set_value(r->hdf, "Page.Unit.Name", u.name);
	hdf_set_value(r->hdf, "Page.Unit.Zone", u.zone);
	plan_day_text(day, text);
	hdf_set_value(r->hdf, "Page.Date", text);
	hdf_set_value(r->hdf, "Page.DayName", plan_day_names[plan_weekday(day) - 1]);
	hdf_set_int_value(r->hdf, "Page.D", day.d);
	hdf_set_int_value(r->hdf, "Page.M", day.m);
	plan_day_text(plan_monday(day), text);
	hdf_set_value(r->hdf, "Page.Week", text);
	plan_day_text(plan_add_days(day, -1), text);
	hdf_set_value(r->hdf, "Page.PrevDay", text);
	plan_day_text(plan_add_days(day, 1), text);
	hdf_set_value(r->hdf, "Page.NextDay", text);
	if (may_edit)
		hdf_set_value(r->hdf, "Page.MayEdit", "1");
	page_put_int(hdf_get_obj(r->hdf, "Page"), "Publishable", publishable);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	hdf_set_valuef(r->hdf, "Page.Count=%lld", param_int(r, "count", 0));
	return nerr_pass(view_render(r, "planning/day.cs"));
}
