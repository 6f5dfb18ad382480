/* copy.c: copies of shifts weeks later at the same wall-clock times, as planned shifts — the previous week copied, or one shift repeated weekly; a copy that would clash is left out */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"

/* The same wall-clock time weeks later at the unit: across a clock
 * change a shift keeps its hours, not its distance in seconds. */
static int weeks_later(const Unit *u, time_t t, int weeks, time_t *out)
{
	struct tm tm;
	Day d;

	tz_local(u->zone, t, &tm);
	d = plan_add_days((Day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday }, 7 * weeks);
	return tz_utc(u->zone, d.y, d.m, d.d, tm.tm_hour, tm.tm_min, out);
}

NEOERR *plan_copy_shift(const Unit *u, const ShiftCopy *s, int weeks, long long by, int *made)
{
	char a[20], b[20], *clash = NULL;
	time_t start, end;
	NEOERR *err = STATUS_OK;

	*made = 0;
	if (!weeks_later(u, s->start, weeks, &start) || !weeks_later(u, s->end, weeks, &end) || end <= start)
		return STATUS_OK;
	plan_sql_time(start, a);
	plan_sql_time(end, b);
	/* Still in a pool above the unit, and free at that time: else the
	 * copy is left out. */
	if (s->worker)
		err = db_value(&clash, "SELECT 1 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM pool p"
				       " JOIN org_units o ON o.id = p.unit_id JOIN org_units su ON su.id = ?"
				       " WHERE p.worker_user_id = ? AND su.path LIKE CONCAT(o.path, '%'))"
				       " OR EXISTS (SELECT 1 FROM shifts WHERE worker_user_id = ? AND state <> 'cancelled'"
				       " AND starts_at < ? AND ends_at > ?)",
			       "iiiss", s->unit, s->worker, s->worker, b, a);
	if (err || clash) {
		free(clash);
		return nerr_pass(err);
	}
	err = db_exec(NULL, "INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at,"
			    " break_minutes, created_by, created_at, updated_at)"
			    " VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
		      "isissii", s->unit, s->position, s->worker, a, b, (long long)s->brk, by);
	*made = !err;
	return nerr_pass(err);
}

NEOERR *plan_copy(Request *r)
{
	ShiftCopy *shifts = NULL;
	char from[20], to[20], loc[160], week[11], detail[64];
	int n = 0, made = 0, skipped = 0, ok;
	Day monday;
	Unit u;
	DBQuery *q;
	NEOERR *err = plan_unit(r, param_int(r, "unit", 0), "planning.edit", &u, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "week"), &monday))
		return http_fail(r, 400, "no week to copy into");
	monday = plan_monday(monday);
	plan_week_sql(&u, plan_add_days(monday, -7), from, to);
	shifts = xcalloc(2000, sizeof(ShiftCopy));
	err = db_begin();
	if (!err)
		err = db_query(&q, "SELECT s.unit_id, COALESCE(s.worker_user_id, 0), s.position, UNIX_TIMESTAMP(s.starts_at),"
				   " UNIX_TIMESTAMP(s.ends_at), s.break_minutes FROM shifts s JOIN org_units o ON o.id = s.unit_id"
				   " WHERE o.path LIKE CONCAT(?, '%') AND s.state <> 'cancelled'"
				   " AND s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at, s.id LIMIT 2000",
			       "sss", u.path, from, to);
	if (!err) {
		while (db_next(q) && n < 2000) {
			ShiftCopy *s = &shifts[n++];
			s->unit = db_int(q, 0);
			s->worker = db_int(q, 1);
			snprintf(s->position, sizeof(s->position), "%s", db_str(q, 2));
			s->start = (time_t)db_int(q, 3);
			s->end = (time_t)db_int(q, 4);
			s->brk = (int)db_int(q, 5);
		}
		db_end(&q);
	}
	for (int i = 0; i < n && !err; i++) {
		int one = 0;
		err = plan_copy_shift(&u, &shifts[i], 1, r->user->id, &one);
		made += one;
		skipped += !one;
	}
	free(shifts);
	snprintf(detail, sizeof(detail), "%d shifts copied, %d left out", made, skipped);
	if (!err && made)
		err = audit_add(r, r->user->id, "shift.copy_week", "unit", u.id, u.id, detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	plan_day_text(monday, week);
	snprintf(loc, sizeof(loc), "/planning/?unit=%lld&week=%s&done=copied&count=%d&skipped=%d", u.id, week, made,
		 skipped);
	return http_redirect(r, loc);
}
