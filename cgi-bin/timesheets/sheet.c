/* sheet.c: a timesheet as its pages show it — each day's entries against the planned shifts, the differences, totals and flags, who entered what, and the versions sent */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "timesheets.h"
#include "tz.h"
#include "util.h"

/* A day of the week on the page. */
typedef struct day {
	int worked, planned, night, weekend, entries, shifts;
	int differs;               /* an entry without a planned shift of the same times, or the other way */
	HDF *node;
} Day;

static void put_hours(HDF *h, const char *name, int minutes)
{
	char t[16];
	ts_hours(t, minutes);
	hdf_set_value(h, name, t);
}

static void put_time(HDF *h, const char *name, const char *zone, time_t t)
{
	struct tm tm;
	char buf[8];
	tz_local(zone, t, &tm);
	strftime(buf, sizeof(buf), "%H:%M", &tm);
	hdf_set_value(h, name, buf);
}

/* The day of the week (0: Monday) of a local date, -1 outside the week. */
static int weekday(const char *week, const char *date)
{
	int y, m, d, wy, wm, wd;
	struct tm a, b;
	long diff;

	if (sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3 || sscanf(week, "%4d-%2d-%2d", &wy, &wm, &wd) != 3)
		return -1;
	a = (struct tm){ .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	b = (struct tm){ .tm_year = wy - 1900, .tm_mon = wm - 1, .tm_mday = wd, .tm_hour = 12 };
	diff = (long)((timegm(&a) - timegm(&b)) / 86400);
	return diff >= 0 && diff < 7 ? (int)diff : -1;
}

/* Page.Sheet: the timesheet, its state and who did what when. */
static NEOERR *head(Request *r, const Sheet *s)
{
	HDF *h = NULL;
	DBQuery *q;
	NEOERR *err;

	hdf_get_node(r->hdf, "Page.Sheet", &h);
	hdf_set_valuef(h, "Id=%lld", s->id);
	hdf_set_value(h, "State", s->state);
	hdf_set_value(h, "Week", s->week);
	hdf_set_value(h, "Position", s->position);
	hdf_set_value(h, "Unit", s->unit_name);
	hdf_set_value(h, "Worker", s->worker_name);
	hdf_set_valuef(h, "WorkerId=%lld", s->worker);
	hdf_set_int_value(h, "Version", s->version);
	if (!s->worker_login)
		hdf_set_value(h, "NoLogin", "1");
	err = db_query(&q, "SELECT t.reason, COALESCE(UNIX_TIMESTAMP(t.submitted_at), 0),"
			   " COALESCE(UNIX_TIMESTAMP(t.decided_at), 0), CONCAT_WS(' ', d.first_name, d.last_name),"
			   " CONCAT_WS(' ', e.first_name, e.last_name), c.name"
			   " FROM timesheets t JOIN org_units o ON o.id = t.unit_id LEFT JOIN clients c ON c.id = o.client_id"
			   " LEFT JOIN users d ON d.id = t.decided_by LEFT JOIN users e ON e.id = t.entered_by"
			   " WHERE t.id = ?", "i", s->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		const char *when[] = { "Submitted", "Decided" };
		page_put(h, "Reason", db_str(q, 0));
		for (int i = 0; i < 2; i++) {
			struct tm tm;
			char buf[20], key[32];
			if (!db_int(q, 1 + i))
				continue;
			tz_local(s->zone, (time_t)db_int(q, 1 + i), &tm);
			strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
			snprintf(key, sizeof(key), "%sAt", when[i]);
			hdf_set_value(h, key, buf);
		}
		if (db_str(q, 3) && *db_str(q, 3))
			hdf_set_value(h, "DecidedBy", db_str(q, 3));
		if (db_str(q, 4) && *db_str(q, 4))
			hdf_set_value(h, "EnteredBy", db_str(q, 4));
		page_put(h, "Client", db_str(q, 5));
	}
	db_end(&q);
	return STATUS_OK;
}

/* The planned shifts of the assignment that week, each under its day;
 * the wage of their contracts when it may be shown. */
static NEOERR *planned(const Sheet *s, Day days[7], int with_wage, double *wage)
{
	time_t from, to;
	DBQuery *q;
	NEOERR *err;

	*wage = 0;
	ts_week_bounds(s->zone, s->week, &from, &to);
	err = db_query(&q, "SELECT UNIX_TIMESTAMP(sh.starts_at), UNIX_TIMESTAMP(sh.ends_at), sh.break_minutes,"
			   " COALESCE(c.hourly_wage, 0) FROM shifts sh LEFT JOIN contracts c ON c.id = sh.contract_id"
			   " WHERE sh.worker_user_id = ? AND sh.unit_id = ? AND sh.position = ? AND sh.state = 'contracted'"
			   " AND sh.starts_at >= FROM_UNIXTIME(?) AND sh.starts_at < FROM_UNIXTIME(?)"
			   " ORDER BY sh.starts_at LIMIT 50",
		       "iisii", s->worker, s->unit, s->position, (long long)from, (long long)to);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		time_t a = (time_t)db_int(q, 0), b = (time_t)db_int(q, 1);
		struct tm tm;
		char date[11];
		int d, minutes = (int)((b - a) / 60) - (int)db_int(q, 2);
		HDF *h;

		tz_local(s->zone, a, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		d = weekday(s->week, date);
		if (d < 0)
			continue;
		{
			char key[32];
			snprintf(key, sizeof(key), "Planned.%d", days[d].shifts++);
			hdf_get_node(days[d].node, key, &h);
		}
		put_time(h, "Start", s->zone, a);
		put_time(h, "End", s->zone, b);
		hdf_set_int_value(h, "Break", (int)db_int(q, 2));
		put_hours(h, "Hours", minutes);
		hdf_set_valuef(h, "Key=%lld %lld %lld", (long long)a, (long long)b, db_int(q, 2));
		days[d].planned += minutes;
		if (with_wage && db_str(q, 3) && atof(db_str(q, 3)) > 0)
			*wage = atof(db_str(q, 3));
	}
	db_end(&q);
	return STATUS_OK;
}

/* Does a planned shift of the day have these times and break? */
static int matches(const Day *day, time_t a, time_t b, long long brk)
{
	char key[64];
	snprintf(key, sizeof(key), "%lld %lld %lld", (long long)a, (long long)b, brk);
	for (HDF *p = hdf_get_child(day->node, "Planned"); p; p = hdf_obj_next(p))
		if (!strcmp(hdf_get_value(p, "Key", ""), key))
			return 1;
	return 0;
}

NEOERR *ts_into_page(Request *r, const Sheet *s, int with_wage)
{
	Day days[7];
	HoursRules rules;
	DBQuery *q;
	NEOERR *err;
	double wage = 0;
	int total = 0, plan = 0, night = 0, weekend = 0, overtime = 0, flags = 0;
	time_t prev_end = 0;
	int prev_day = -1;

	memset(days, 0, sizeof(days));
	hours_rules(&rules);
	err = head(r, s);
	if (err)
		return nerr_pass(err);
	for (int d = 0; d < 7; d++) {
		int y, m, dd;
		struct tm tm;
		time_t t;
		char key[32], date[11];
		snprintf(key, sizeof(key), "Page.Days.%d", d);
		hdf_get_node(r->hdf, key, &days[d].node);
		sscanf(s->week, "%4d-%2d-%2d", &y, &m, &dd);
		tm = (struct tm){ .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = dd + d, .tm_hour = 12 };
		t = timegm(&tm);
		gmtime_r(&t, &tm);
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
		hdf_set_value(days[d].node, "Date", date);
		hdf_set_int_value(days[d].node, "Day", d);
	}
	err = planned(s, days, with_wage, &wage);
	if (err)
		return nerr_pass(err);
	err = db_query(&q, "SELECT DATE_FORMAT(e.day, '%Y-%m-%d'), UNIX_TIMESTAMP(e.starts_at), UNIX_TIMESTAMP(e.ends_at),"
			   " e.break_minutes, e.minutes, e.night_minutes, e.weekend_minutes, e.position, e.remark,"
			   " COALESCE(CONCAT_WS(' ', u.first_name, u.last_name), '')"
			   " FROM timesheet_entries e LEFT JOIN users u ON u.id = e.entered_by"
			   " WHERE e.timesheet_id = ? ORDER BY e.starts_at, e.id LIMIT ?", "ii", s->id, (long long)ROWS);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		int d = weekday(s->week, db_str(q, 0));
		time_t a = (time_t)db_int(q, 1), b = (time_t)db_int(q, 2);
		char key[32];
		HDF *h;

		if (d < 0)
			continue;
		snprintf(key, sizeof(key), "Entries.%d", days[d].entries++);
		hdf_get_node(days[d].node, key, &h);
		put_time(h, "Start", s->zone, a);
		put_time(h, "End", s->zone, b);
		{
			struct tm ta, tb;
			tz_local(s->zone, a, &ta);
			tz_local(s->zone, b, &tb);
			if (ta.tm_mday != tb.tm_mday)
				hdf_set_value(h, "Overnight", "1");
		}
		hdf_set_int_value(h, "Break", (int)db_int(q, 3));
		put_hours(h, "Hours", (int)db_int(q, 4));
		if (db_int(q, 5))
			put_hours(h, "Night", (int)db_int(q, 5));
		if (db_int(q, 6))
			put_hours(h, "Weekend", (int)db_int(q, 6));
		hdf_set_value(h, "Position", db_str(q, 7));
		if (strcmp(db_str(q, 7), s->position))
			hdf_set_value(h, "OtherPosition", "1");
		page_put(h, "Remark", db_str(q, 8));
		if (*db_str(q, 9))
			hdf_set_value(h, "EnteredBy", db_str(q, 9));
		if (!matches(&days[d], a, b, db_int(q, 3))) {
			hdf_set_value(h, "Differs", "1");
			days[d].differs = 1;
		}
		/* Rest between the work of two days, not a split shift's pause. */
		if (prev_day >= 0 && prev_day != d && a - prev_end < (time_t)rules.min_rest * 60 && a >= prev_end) {
			put_hours(days[d].node, "ShortRest", (int)((a - prev_end) / 60));
			flags++;
		}
		prev_end = b > prev_end ? b : prev_end;
		prev_day = d;
		days[d].worked += (int)db_int(q, 4);
		days[d].night += (int)db_int(q, 5);
		days[d].weekend += (int)db_int(q, 6);
	}
	db_end(&q);
	for (int d = 0; d < 7; d++) {
		Day *day = &days[d];
		int over = day->worked - rules.overtime_after;
		if (day->entries != day->shifts)
			day->differs = 1;
		if (day->worked || day->planned) {
			put_hours(day->node, "Worked", day->worked);
			put_hours(day->node, "PlannedHours", day->planned);
			if (day->worked != day->planned)
				put_hours(day->node, "Diff", day->worked - day->planned);
		}
		if (day->differs && (day->entries || day->shifts))
			hdf_set_value(day->node, "Differs", "1");
		if (over > 0) {
			put_hours(day->node, "Overtime", over);
			overtime += over;
		}
		if (day->worked > rules.max_day) {
			hdf_set_value(day->node, "OverMax", "1");
			flags++;
		}
		total += day->worked;
		plan += day->planned;
		night += day->night;
		weekend += day->weekend;
	}
	{
		HDF *t = NULL;
		hdf_get_node(r->hdf, "Page.Totals", &t);
		put_hours(t, "Worked", total);
		put_hours(t, "Planned", plan);
		put_hours(t, "Diff", total - plan);
		put_hours(t, "Night", night);
		put_hours(t, "Weekend", weekend);
		put_hours(t, "Overtime", overtime);
		if (total > plan) {
			hdf_set_value(r->hdf, "Page.Flags.over_contract", "1");
			flags++;
		}
		if (total > rules.max_week) {
			hdf_set_value(r->hdf, "Page.Flags.week_max", "1");
			flags++;
		}
		hdf_set_int_value(r->hdf, "Page.Rules.MaxDay", rules.max_day / 60);
		hdf_set_int_value(r->hdf, "Page.Rules.MaxWeek", rules.max_week / 60);
		hdf_set_int_value(r->hdf, "Page.Rules.MinRest", rules.min_rest / 60);
		if (flags)
			hdf_set_int_value(r->hdf, "Page.FlagCount", flags);
		/* An indication at the contract's wage: the back-office pays,
		 * premiums and all. */
		if (with_wage && wage > 0) {
			char buf[32];
			snprintf(buf, sizeof(buf), "%.2f", wage);
			hdf_set_value(r->hdf, "Page.Wage.Hourly", buf);
			snprintf(buf, sizeof(buf), "%.2f", wage * total / 60.0);
			hdf_set_value(r->hdf, "Page.Wage.Amount", buf);
		}
	}
	/* The versions sent, newest first. */
	err = db_query(&q, "SELECT v.version, v.minutes, v.reason, CONCAT_WS(' ', u.first_name, u.last_name),"
			   " UNIX_TIMESTAMP(v.made_at), v.sent_at IS NOT NULL, v.refusal FROM timesheet_versions v"
			   " LEFT JOIN users u ON u.id = v.made_by WHERE v.timesheet_id = ? ORDER BY v.version DESC LIMIT 50",
		       "i", s->id);
	if (err)
		return nerr_pass(err);
	for (int n = 0; db_next(q); n++) {
		HDF *h = page_item(r, "History", n);
		struct tm tm;
		char buf[20];
		page_put(h, "Version", db_str(q, 0));
		put_hours(h, "Hours", (int)db_int(q, 1));
		page_put(h, "Reason", db_str(q, 2));
		page_put(h, "By", db_str(q, 3));
		tz_local(s->zone, (time_t)db_int(q, 4), &tm);
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm);
		hdf_set_value(h, "At", buf);
		if (db_int(q, 5))
			hdf_set_value(h, "Sent", "1");
		page_put(h, "Refusal", db_str(q, 6));
	}
	db_end(&q);
	return STATUS_OK;
}
