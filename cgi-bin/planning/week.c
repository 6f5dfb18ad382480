/* week.c: the week view — a row per worker of a unit's pool, a column per day, each cell the worker's availability and shifts; open shifts on a row of their own */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "acl.h"
#include "cache.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

typedef struct row {
	long long worker;
	HDF *node;
	int avail_known;
} Row;

static int by_worker(const void *a, const void *b)
{
	long long x = ((const Row *)a)->worker, y = ((const Row *)b)->worker;
	return x < y ? -1 : x > y;
}

static Row *find(Row *rows, int n, long long worker)
{
	Row key = { .worker = worker };
	return bsearch(&key, rows, (size_t)n, sizeof(Row), by_worker);
}

/* Page.Rows: the workers of the pool under the unit that match the
 * filters — a position (of the pool, or a skill at the client) and a part
 * of the name — by name; rows[] sorted by worker for lookups. */
static NEOERR *pool_rows(Request *r, const Unit *u, Row *rows, int *n)
{
	const char *pos = or_empty(param_str(r, "position")), *text = or_empty(param_str(r, "q"));
	DBQuery *q;
	NEOERR *err;

	*n = 0;
	err = db_query(&q,
		"SELECT u.id, CONCAT_WS(' ', u.first_name, u.last_name),"
		" GROUP_CONCAT(DISTINCT p.position ORDER BY p.position SEPARATOR ', ')"
		POOL_UNDER
		" AND (? = '' OR p.position = ? OR EXISTS (SELECT 1 FROM worker_skills k"
		" WHERE k.worker_user_id = u.id AND k.client_id = ? AND k.position = ?))"
		" AND (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name)) > 0)"
		" GROUP BY u.id ORDER BY MIN(u.last_name), MIN(u.first_name), u.id LIMIT ?",
		"sssisssi", u->path, pos, pos, u->client_id, pos, text, text, (long long)ROWS_MAX);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && *n < ROWS_MAX) {
		HDF *h = page_item(r, "Rows", *n);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		page_put(h, "Positions", db_str(q, 2));
		rows[*n].worker = db_int(q, 0);
		rows[*n].node = h;
		rows[*n].avail_known = 0;
		(*n)++;
	}
	db_end(&q);
	qsort(rows, (size_t)*n, sizeof(Row), by_worker);
	return STATUS_OK;
}

/* Adds "HH:MM–HH:MM" (or a whole-day word) to a cell's availability. */
static void avail_add(HDF *cell, const char *kind, const char *from, const char *to)
{
	const char *now = hdf_get_value(cell, "Avail", NULL);
	char key[32];
	int n = hdf_get_int_value(cell, "Ranges.Count", 0);

	/* A day's exception replaces its week: set by the caller first. */
	if (!now)
		hdf_set_value(cell, "Avail", kind);
	if (from && to) {
		snprintf(key, sizeof(key), "Ranges.%d", n);
		hdf_set_valuef(cell, "%s=%s–%s", key, from, to);
		hdf_set_int_value(cell, "Ranges.Count", n + 1);
	}
}

static HDF *cell(HDF *row, int day)
{
	char key[24];
	HDF *h = NULL;

	snprintf(key, sizeof(key), "Days.%d", day);
	hdf_get_node(row, key, &h);
	return h;
}

/* The availability of every row on each day: the day's exceptions where
 * there are, else the week's pattern. */
static NEOERR *availability(const Unit *u, Row *rows, int n, Day monday)
{
	char from[11], to[11];
	DBQuery *q;
	NEOERR *err;

	if (!n)
		return STATUS_OK;
	plan_day_text(monday, from);
	plan_day_text(plan_add_days(monday, 6), to);
	err = db_query(&q, "SELECT a.worker_user_id, DATEDIFF(a.day, ?), a.available,"
			   " TIME_FORMAT(a.starts, '%H:%i'), TIME_FORMAT(a.ends, '%H:%i')"
			   " FROM (SELECT DISTINCT p.worker_user_id" POOL_UNDER ") w"
			   " STRAIGHT_JOIN availability_days a ON a.worker_user_id = w.worker_user_id"
			   " WHERE a.day BETWEEN ? AND ? ORDER BY a.worker_user_id, a.day, a.starts",
		       "ssss", from, u->path, from, to);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		Row *w = find(rows, n, db_int(q, 0));
		int d = (int)db_int(q, 1);
		if (!w || d < 0 || d > 6)
			continue;
		w->avail_known = 1;
		if (!db_int(q, 2))
			hdf_set_value(cell(w->node, d), "Avail", "none");
		else if (*db_str(q, 3))
			avail_add(cell(w->node, d), "some", db_str(q, 3), db_str(q, 4));
		else
			hdf_set_value(cell(w->node, d), "Avail", "all");
		hdf_set_value(cell(w->node, d), "Exception", "1");
	}
	db_end(&q);
	err = db_query(&q, "SELECT a.worker_user_id, a.weekday, TIME_FORMAT(a.starts, '%H:%i'),"
			   " TIME_FORMAT(a.ends, '%H:%i') FROM (SELECT DISTINCT p.worker_user_id" POOL_UNDER ") w"
			   " STRAIGHT_JOIN availability_week a ON a.worker_user_id = w.worker_user_id"
			   " ORDER BY a.worker_user_id, a.weekday, a.starts",
		       "s", u->path);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		Row *w = find(rows, n, db_int(q, 0));
		int d = (int)db_int(q, 1) - 1;
		if (!w || d < 0 || d > 6)
			continue;
		w->avail_known = 1;
		if (hdf_get_value(cell(w->node, d), "Exception", NULL))
			continue;
		if (!strcmp(db_str(q, 2), "00:00") && !strcmp(db_str(q, 3), "23:59"))
			hdf_set_value(cell(w->node, d), "Avail", "all");
		else
			avail_add(cell(w->node, d), "some", db_str(q, 2), db_str(q, 3));
	}
	db_end(&q);
	/* A weekday without a time in a pattern that exists: not available. */
	for (int i = 0; i < n; i++)
		for (int d = 0; d < 7; d++)
			if (!hdf_get_value(cell(rows[i].node, d), "Avail", NULL))
				hdf_set_value(cell(rows[i].node, d), "Avail", rows[i].avail_known ? "none" : "unknown");
	return STATUS_OK;
}

/* Rules.<n>: the rules the back-office named for a refused shift. */
static void violations(HDF *h, const char *json)
{
	json_error_t jerr;
	json_t *list = json_loads(json, 0, &jerr), *v;
	size_t i;

	json_array_foreach(list, i, v) {
		const char *rule = json_string_value(json_object_get(v, "rule"));
		char key[32];
		snprintf(key, sizeof(key), "Rules.%zu", i);
		hdf_set_value(h, key, rule && util_word(rule, 1, 40) ? rule : "other");
	}
	json_decref(list);
}

/* Every shift of the week at the unit (open ones too), and those of its
 * workers elsewhere — shown as busy, without where. */
static NEOERR *shifts(Request *r, const Unit *u, Row *rows, int n, Day monday, int may_edit)
{
	char from[20], to[20], early[20];
	time_t start = plan_midnight(u, monday);
	DBQuery *q;
	NEOERR *err;
	int open = 0, planned = 0;

	plan_week_sql(u, monday, from, to);
	/* Two index ranges rather than one scan: the shifts of the units
	 * (unit, start) and those of the pool's workers (worker, start). A
	 * shift lasts at most 24 h: it started at most a day before the week. */
	plan_sql_time(start - 86400, early);
	err = db_query(&q,
		"SELECT s.id, COALESCE(s.worker_user_id, 0), s.position, UNIX_TIMESTAMP(s.starts_at),"
		" UNIX_TIMESTAMP(s.ends_at), s.break_minutes, s.state, o.path LIKE CONCAT(?, '%'), o.name,"
		" COALESCE(s.violations, '')"
		" FROM (SELECT x.id FROM org_units ux STRAIGHT_JOIN shifts x ON x.unit_id = ux.id"
		"  WHERE ux.path LIKE CONCAT(?, '%') AND x.starts_at >= ? AND x.starts_at < ?"
		"  UNION SELECT y.id FROM pool p JOIN org_units o ON o.id = p.unit_id"
		"  STRAIGHT_JOIN shifts y ON y.worker_user_id = p.worker_user_id"
		"  WHERE o.path LIKE CONCAT(?, '%') AND y.starts_at >= ? AND y.starts_at < ?) k"
		" STRAIGHT_JOIN shifts s ON s.id = k.id JOIN org_units o ON o.id = s.unit_id"
		" WHERE s.state <> 'cancelled' AND s.ends_at > ?"
		" ORDER BY s.starts_at, s.id LIMIT 5000",
		"ssssssss", u->path, u->path, early, to, u->path, early, to, from);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		long long worker = db_int(q, 1);
		time_t s = (time_t)db_int(q, 3), e = (time_t)db_int(q, 4);
		int here = (int)db_int(q, 7), day, k;
		struct tm ls, le;
		HDF *c, *h = NULL;
		Row *w = NULL;
		char key[32];

		tz_local(u->zone, s, &ls);
		tz_local(u->zone, e, &le);
		day = (int)((plan_midnight(u, (Day){ ls.tm_year + 1900, ls.tm_mon + 1, ls.tm_mday }) - start + 43200) / 86400);
		if (day < 0)
			day = 0; /* began the Sunday before: shown on Monday */
		if (day > 6)
			continue;
		if (worker) {
			w = find(rows, n, worker);
			if (!w)
				continue; /* at the unit, but not of its pool any more */
			c = cell(w->node, day);
		} else {
			if (!here)
				continue;
			hdf_get_node(r->hdf, "Page.Open", &h);
			c = cell(h, day);
			open++;
		}
		k = hdf_get_int_value(c, "Shifts.Count", 0);
		snprintf(key, sizeof(key), "Shifts.%d", k);
		hdf_get_node(c, key, &h);
		hdf_set_int_value(c, "Shifts.Count", k + 1);
		hdf_set_valuef(h, "Start=%02d:%02d", ls.tm_hour, ls.tm_min);
		hdf_set_valuef(h, "End=%02d:%02d", le.tm_hour, le.tm_min);
		if (!here) {
			/* Another unit or client: when, never where or what. */
			hdf_set_value(h, "Elsewhere", "1");
			continue;
		}
		page_put(h, "Id", db_str(q, 0));
		/* The position when the row does not say it already. */
		if (!w || strcmp(db_str(q, 2), hdf_get_value(w->node, "Positions", "")))
			page_put(h, "Position", db_str(q, 2));
		page_put(h, "State", db_str(q, 6));
		page_put(h, "Unit", db_str(q, 8));
		if (db_int(q, 5))
			page_put(h, "Break", db_str(q, 5));
		if (may_edit && !strcmp(db_str(q, 6), "planned"))
			hdf_set_value(h, "MayEdit", "1");
		if (!strcmp(db_str(q, 6), "planned") && worker)
			planned++;
		if (*db_str(q, 9))
			violations(h, db_str(q, 9));
	}
	db_end(&q);
	hdf_set_int_value(r->hdf, "Page.OpenCount", open);
	hdf_set_int_value(r->hdf, "Page.PlannedCount", planned);
	return STATUS_OK;
}

/* Page.Grid: the filters (with the units the user plans) and the grid of
 * the week, made from the pool, its availability and the shifts — or,
 * while the planning is unchanged, as this process made it before for the
 * same units, unit, week, filters, language and rights. The planning of
 * every client where the user plans counts (the filters list their
 * units): for a client's user his own client's clock, which came with the
 * session. A form with a mistake in it is made afresh. */
static NEOERR *grid(Request *r, const Unit *u, Day monday, Day today, int may_edit)
{
	char text[11], when[11], *scope, *key = NULL, clients[CACHE_SCOPE];
	unsigned long long gen = 0;
	const char *kept = NULL;
	size_t len;
	int n = 0, open = 0, planned = 0, used = 0;
	HDF *errors = hdf_get_obj(r->hdf, "Page.Errors");
	Row *rows;
	STRING out;
	NEOERR *err;

	if (cache_on() && (!errors || !hdf_obj_child(errors))) {
		err = cache_clock_perm(r, "planning", "planning.view", &gen, clients);
		if (err)
			return nerr_pass(err);
		plan_day_text(monday, text);
		plan_day_text(today, when);
		scope = acl_scope(r, "planning.view");
		key = xasprintf("week %lld %s %s %d %d %s %s %s\n%s\n%s", u->id, text, when, may_edit,
				hdf_get_value(r->hdf, "Page.MayKeepAvailability", NULL) != NULL, r->lang, clients,
				scope, or_empty(param_str(r, "position")), or_empty(param_str(r, "q")));
		free(scope);
		kept = cache_get(key, gen, &len);
	}
	/* Kept as "<planned> <open>\n" and the HTML. */
	if (kept && sscanf(kept, "%d %d\n%n", &planned, &open, &used) == 2 && used) {
		hdf_set_int_value(r->hdf, "Page.PlannedCount", planned);
		hdf_set_value(r->hdf, "Page.Grid", kept + used);
		free(key);
		return STATUS_OK;
	}
	rows = xcalloc(ROWS_MAX, sizeof(Row));
	err = pool_rows(r, u, rows, &n);
	if (!err)
		err = availability(u, rows, n, monday);
	if (!err)
		err = shifts(r, u, rows, n, monday, may_edit);
	free(rows);
	if (!err)
		err = page_units(r, "Units", "planning.view");
	if (err) {
		free(key);
		return nerr_pass(err);
	}
	hdf_set_int_value(r->hdf, "Page.RowCount", n);
	string_init(&out);
	string_appendf(&out, "%d %d\n", hdf_get_int_value(r->hdf, "Page.PlannedCount", 0),
		       hdf_get_int_value(r->hdf, "Page.OpenCount", 0));
	used = out.len;
	err = view_render_part(r, "planning/grid.cs", &out);
	if (!err) {
		if (key)
			cache_put(key, gen, out.buf, (size_t)out.len);
		hdf_set_value(r->hdf, "Page.Grid", out.buf + used);
	}
	string_clear(&out);
	free(key);
	return nerr_pass(err);
}

NEOERR *plan_week(Request *r)
{
	static const char *const names[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
	long long unit_id = param_int(r, "unit", 0);
	Day monday, today;
	Unit u;
	NEOERR *err;
	int ok, may_edit;
	char text[11];

	if (!unit_id || hdf_get_value(r->hdf, "Page.Errors.unit", NULL)) {
		err = plan_first_unit(r, "planning.view", &unit_id);
		if (err)
			return nerr_pass(err);
		if (!unit_id)
			return http_fail(r, 404, "no unit to plan");
	}
	err = plan_unit(r, unit_id, "planning.view", &u, &ok);
	if (err || !ok)
		return nerr_pass(err);
	today = plan_today(&u);
	if (hdf_get_value(r->hdf, "Page.Errors.week", NULL) || !plan_day(param_str(r, "week"), &monday))
		monday = today;
	monday = plan_monday(monday);
	may_edit = acl_may_at(r, "planning.edit", u.path);

	hdf_set_valuef(r->hdf, "Page.Unit.Id=%lld", u.id);
	hdf_set_value(r->hdf, "Page.Unit.Name", u.name);
	hdf_set_value(r->hdf, "Page.Unit.Zone", u.zone);
	plan_day_text(monday, text);
	hdf_set_value(r->hdf, "Page.Week", text);
	plan_day_text(plan_add_days(monday, -7), text);
	hdf_set_value(r->hdf, "Page.PrevWeek", text);
	plan_day_text(plan_add_days(monday, 7), text);
	hdf_set_value(r->hdf, "Page.NextWeek", text);
	for (int d = 0; d < 7; d++) {
		Day day = plan_add_days(monday, d);
		HDF *h = page_item(r, "Days", d);
		plan_day_text(day, text);
		page_put(h, "Date", text);
		page_put(h, "Name", names[d]);
		hdf_set_valuef(h, "Short=%d-%d", day.d, day.m);
		if (day.y == today.y && day.m == today.m && day.d == today.d)
			page_put(h, "Today", "1");
	}
	{
		struct tm tm = { .tm_year = monday.y - 1900, .tm_mon = monday.m - 1, .tm_mday = monday.d + 3 };
		char wk[8];
		time_t t = timegm(&tm);
		gmtime_r(&t, &tm);
		strftime(wk, sizeof(wk), "%V", &tm);
		hdf_set_value(r->hdf, "Page.WeekNo", wk);
	}
	if (may_edit)
		hdf_set_value(r->hdf, "Page.MayEdit", "1");
	/* Agency staff who plan here keep the availability of its pool. */
	if (may_edit && !strcmp(r->user->kind, "agency"))
		hdf_set_value(r->hdf, "Page.MayKeepAvailability", "1");
	param_keep_form(r);
	err = grid(r, &u, monday, today, may_edit);
	if (err)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	hdf_set_valuef(r->hdf, "Page.Count=%lld", param_int(r, "count", 0));
	hdf_set_valuef(r->hdf, "Page.Skipped=%lld", param_int(r, "skipped", 0));
	return nerr_pass(view_render(r, "planning/week.cs"));
}
