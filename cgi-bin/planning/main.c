/* main.c: the planning binary — the week view of a unit's pool and its shifts, planning, changing and removing a shift, publishing a week for its contracts — and what its pages share */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "cache.h"
#include "conf.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"

/* --- what the pages share ------------------------------------------------ */

/* A unit is kept while its client's planning clock stands (the units move
 * it too); which client a unit belongs to never changes (a unit moves
 * within its client only), so that is kept for good. */
NEOERR *plan_unit_load(Request *r, long long id, Unit *u)
{
	char key[48];
	const char *kept;
	size_t len;
	DBQuery *q;
	NEOERR *err;

	memset(u, 0, sizeof(*u));
	if (cache_on()) {
		long long client = -1;
		snprintf(key, sizeof(key), "client of unit %lld", id);
		kept = cache_get(key, 0, &len);
		if (kept && len == sizeof(client)) {
			memcpy(&client, kept, sizeof(client));
		} else {
			char *v = NULL;
			err = db_value(&v, "SELECT COALESCE(client_id, 0) FROM org_units WHERE id = ?", "i", id);
			if (err)
				return nerr_pass(err);
			if (!v)
				return STATUS_OK;
			client = atoll(v);
			free(v);
			cache_put(key, 0, (const char *)&client, sizeof(client));
		}
		err = cache_clock(r, "planning", client, &u->gen);
		if (err)
			return nerr_pass(err);
		snprintf(key, sizeof(key), "unit %lld", id);
		kept = cache_get(key, u->gen, &len);
		if (kept && len == sizeof(*u)) {
			memcpy(u, kept, sizeof(*u));
			return STATUS_OK;
		}
	}
	err = db_query(&q, "SELECT id, COALESCE(client_id, 0), path, name, time_zone FROM org_units"
			   " WHERE id = ? AND archived_at IS NULL AND kind <> 'agency'", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		u->id = db_int(q, 0);
		u->client_id = db_int(q, 1);
		snprintf(u->path, sizeof(u->path), "%s", db_str(q, 2));
		snprintf(u->name, sizeof(u->name), "%s", db_str(q, 3));
		snprintf(u->zone, sizeof(u->zone), "%s", db_str(q, 4));
	}
	db_end(&q);
	if (!u->id)
		return STATUS_OK;
	/* A zone this machine does not know: the configured one, rather
	 * than times in UTC that nobody would recognise. */
	if (!tz_known(u->zone))
		snprintf(u->zone, sizeof(u->zone), "%s", conf_str("Planning.TimeZone"));
	snprintf(key, sizeof(key), "unit %lld", id);
	cache_put(key, u->gen, (const char *)u, sizeof(*u));
	return STATUS_OK;
}

NEOERR *plan_unit(Request *r, long long id, const char *perm, Unit *u, int *ok)
{
	NEOERR *err = plan_unit_load(r, id, u);

	*ok = 0;
	if (err)
		return nerr_pass(err);
	if (!u->id) {
		http_fail(r, 404, "no unit %lld", id);
		return STATUS_OK;
	}
	*ok = acl_require(r, perm, u->path);
	return STATUS_OK;
}

NEOERR *plan_first_unit(Request *r, const char *perm, long long *id)
{
	char *scope = acl_scope(r, perm), *found = NULL;
	NEOERR *err;

	err = db_value(&found, "SELECT o.id FROM org_units o WHERE o.archived_at IS NULL AND"
			       ACL_IN_SCOPE("o.path") " AND o.kind <> 'agency' ORDER BY o.path LIMIT 1",
		       "s", scope);
	free(scope);
	*id = found ? atoll(found) : 0;
	free(found);
	return nerr_pass(err);
}

/* Days are counted in UTC at noon: no clock change moves a date there. */
static time_t noon(Day d)
{
	struct tm tm = { .tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_hour = 12 };
	return timegm(&tm);
}

static Day day_of(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return (Day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

int plan_day(const char *s, Day *out)
{
	Day d;
	int used = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", &d.y, &d.m, &d.d, &used) != 3 || used != 10 || s[10])
		return 0;
	if (d.y < 1970 || d.y > 9999 || d.m < 1 || d.m > 12 || d.d < 1 || d.d > 31)
		return 0;
	*out = day_of(noon(d));
	return out->d == d.d && out->m == d.m;
}

Day plan_add_days(Day d, int n)
{
	return day_of(noon(d) + (time_t)n * 86400);
}

const char *const plan_day_names[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

int plan_weekday(Day d)
{
	struct tm tm;
	time_t t = noon(d);

	gmtime_r(&t, &tm);
	return tm.tm_wday ? tm.tm_wday : 7;
}

Day plan_monday(Day d)
{
	return plan_add_days(d, 1 - plan_weekday(d));
}

Day plan_today(const Unit *u)
{
	struct tm tm;

	tz_local(u->zone, time(NULL), &tm);
	return (Day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

time_t plan_midnight(const Unit *u, Day d)
{
	time_t t;

	/* Midnight exists wherever the clocks change at night. */
	if (!tz_utc(u->zone, d.y, d.m, d.d, 0, 0, &t))
		tz_utc(u->zone, d.y, d.m, d.d, 1, 0, &t);
	return t;
}

void plan_sql_time(time_t t, char out[20])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void plan_week_sql(const Unit *u, Day monday, char from[20], char to[20])
{
	plan_sql_time(plan_midnight(u, monday), from);
	plan_sql_time(plan_midnight(u, plan_add_days(monday, 7)), to);
}

void plan_day_text(Day d, char out[11])
{
	struct tm tm = { .tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d };

	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* --- routes -------------------------------------------------------------- */

static const Param p_week[] = {
	{ "unit", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "week", P_DATE, P_FORM, 0, 0, NULL },
	{ "position", P_LINE, P_FORM, 0, 200, NULL },
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "done", P_ENUM, 0, 0, 0, "created saved deleted cancelled published copied" },
	{ "count", P_INT, 0, 0, 100000, NULL },
	{ "skipped", P_INT, 0, 0, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The fields of a shift. start and end are datetime-local values, checked
 * in shifts.c for messages of their own; worker is empty for an open shift. */
#define SHIFT_FIELDS \
	{ "unit", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL }, \
	{ "worker", P_INT, P_FORM, 1, ID_MAX, NULL }, \
	{ "position", P_LINE, P_REQUIRED | P_FORM, 0, 200, NULL }, \
	{ "start", P_LINE, P_REQUIRED | P_FORM, 0, 19, NULL }, \
	{ "end", P_LINE, P_REQUIRED | P_FORM, 0, 19, NULL }, \
	{ "break", P_INT, P_FORM, 0, 240, NULL }, \
	{ "note", P_LINE, P_FORM, 0, 500, NULL }, \
	{ "confirm", P_ENUM, P_FORM, 0, 0, "1" }, \
	{ "repeat", P_DATE, P_FORM, 0, 0, NULL }, \
	{ "view", P_INT, P_FORM, 1, ID_MAX, NULL }

static const Param p_new[] = {
	{ "unit", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "worker", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "date", P_DATE, P_FORM, 0, 0, NULL },
	{ "view", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_create[] = {
	SHIFT_FIELDS,
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_update[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	SHIFT_FIELDS,
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_id[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "view", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_export[] = {
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "week", P_DATE, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* Copying the week before into a week. */
static const Param p_copy[] = {
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "week", P_DATE, P_REQUIRED, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* Publishing a week, or the shifts ticked in a day (back=day: "week" is
 * that day). */
static const Param p_publish[] = {
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "week", P_DATE, P_REQUIRED, 0, 0, NULL },
	{ "shift", P_IDS, 0, 1, ID_MAX, NULL },
	{ "back", P_ENUM, 0, 0, 0, "week day" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_day[] = {
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "date", P_DATE, 0, 0, 0, NULL },
	{ "done", P_ENUM, 0, 0, 0, "published none_chosen" },
	{ "count", P_INT, 0, 0, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_mine[] = {
	{ "done", P_ENUM, 0, 0, 0, "week day day_deleted claimed taken clash" },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* Times ("HH:MM") are checked in mine.c, for messages of their own. */
#define DAY_TIMES(d) \
	{ "from" #d, P_LINE, P_FORM, 0, 5, NULL }, { "to" #d, P_LINE, P_FORM, 0, 5, NULL }

static const Param p_mine_week[] = {
	DAY_TIMES(1), DAY_TIMES(2), DAY_TIMES(3), DAY_TIMES(4), DAY_TIMES(5), DAY_TIMES(6), DAY_TIMES(7),
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_mine_day[] = {
	{ "date", P_DATE, P_REQUIRED | P_FORM, 0, 0, NULL },
	{ "kind", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "off all times" },
	{ "from", P_LINE, P_FORM, 0, 5, NULL },
	{ "to", P_LINE, P_FORM, 0, 5, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The same, kept for a temp worker by the agency. */
#define WORKER { "worker", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL }

static const Param p_worker[] = {
	WORKER,
	{ "done", P_ENUM, 0, 0, 0, "week day day_deleted pool skill removed" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_worker_week[] = {
	WORKER,
	DAY_TIMES(1), DAY_TIMES(2), DAY_TIMES(3), DAY_TIMES(4), DAY_TIMES(5), DAY_TIMES(6), DAY_TIMES(7),
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_worker_day[] = {
	WORKER,
	{ "date", P_DATE, P_REQUIRED | P_FORM, 0, 0, NULL },
	{ "kind", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "off all times" },
	{ "from", P_LINE, P_FORM, 0, 5, NULL },
	{ "to", P_LINE, P_FORM, 0, 5, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_workers[] = {
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "page", P_INT, 0, 1, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* A pool entry or a skill: where (a unit; a skill is the unit's
 * client's), and the position. */
static const Param p_worker_keep[] = {
	WORKER,
	{ "unit", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL },
	{ "position", P_LINE, P_REQUIRED | P_FORM, 1, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_worker_item[] = {
	WORKER,
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_none[] = {
	{ NULL, 0, 0, 0, 0, NULL },
};

/* "<token>.ics": the name calendar apps like; checked in feed.c. */
static const Param p_feed[] = {
	{ "feed", P_LINE, P_PATH | P_REQUIRED, 0, 64, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_progress[] = {
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "week", P_DATE, P_REQUIRED, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_waiting[] = {
	{ "show", P_ENUM, 0, 0, 0, "planned refused open" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_mine_id[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Route routes[] = {
	{ "GET", "/planning/me", mine_show, NULL, 0, p_mine },
	{ "POST", "/planning/me/week", mine_week, NULL, R_CSRF, p_mine_week },
	{ "POST", "/planning/me/days", mine_day, NULL, R_CSRF, p_mine_day },
	{ "POST", "/planning/me/days/:id/delete", mine_day_delete, NULL, R_CSRF, p_mine_id },
	{ "POST", "/planning/me/feed", mine_feed, NULL, R_CSRF, p_none },
	{ "POST", "/planning/me/open/:id/take", claim_take, NULL, R_CSRF, p_mine_id },
	{ "GET", "/planning/feed/:feed", plan_feed, NULL, R_PUBLIC, p_feed },
	{ "GET", "/planning/workers", workers_list, "planning.edit", 0, p_workers },
	{ "GET", "/planning/workers/:worker", mine_show, "planning.edit", 0, p_worker },
	{ "POST", "/planning/workers/:worker/pools", mine_pool_add, "planning.edit", R_CSRF, p_worker_keep },
	{ "POST", "/planning/workers/:worker/pools/:id/delete", mine_pool_remove, "planning.edit", R_CSRF, p_worker_item },
	{ "POST", "/planning/workers/:worker/skills", mine_skill_add, "planning.edit", R_CSRF, p_worker_keep },
	{ "POST", "/planning/workers/:worker/skills/:id/delete", mine_skill_remove, "planning.edit", R_CSRF, p_worker_item },
	{ "POST", "/planning/workers/:worker/week", mine_week, "planning.edit", R_CSRF, p_worker_week },
	{ "POST", "/planning/workers/:worker/days", mine_day, "planning.edit", R_CSRF, p_worker_day },
	{ "POST", "/planning/workers/:worker/days/:id/delete", mine_day_delete, "planning.edit", R_CSRF, p_worker_item },
	{ "GET", "/planning/", plan_week, "planning.view", 0, p_week },
	{ "GET", "/planning/shifts/new", shift_new, "planning.edit", 0, p_new },
	{ "POST", "/planning/shifts", shift_create, "planning.edit", R_CSRF, p_create },
	{ "GET", "/planning/shifts/:id/edit", shift_edit, "planning.edit", 0, p_id },
	{ "POST", "/planning/shifts/:id", shift_update, "planning.edit", R_CSRF, p_update },
	{ "POST", "/planning/shifts/:id/delete", shift_delete, "planning.edit", R_CSRF, p_id },
	{ "POST", "/planning/publish", plan_publish, "planning.edit", R_CSRF, p_publish },
	{ "POST", "/planning/copy", plan_copy, "planning.edit", R_CSRF, p_copy },
	{ "GET", "/planning/waiting", plan_waiting, "planning.edit", 0, p_waiting },
	{ "GET", "/planning/progress", plan_progress, "planning.view", R_JSON, p_progress },
	{ "GET", "/planning/day", plan_day_view, "planning.view", 0, p_day },
	{ "GET", "/planning/export.csv", plan_export, "planning.view", 0, p_export },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	return app_run("planning", routes, argc, argv);
}
