/* shifts.c: planning a shift, changing and removing (or, once the back-office knows it, cancelling) one — with the checks before saving: refused (overlap, skill, pool, bad times), or warned and confirmed (availability, rest, hours in the week) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "account.h"
#include "audit.h"
#include "contracts.h"
#include "conf.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* A shift as the form gives it, or as it is stored. */
typedef struct shift {
	long long id, worker;
	Unit unit;
	char position[801], state[16];
	time_t start, end;
	int brk, has_contract;
} Shift;

/* The warnings a planner may confirm, as Page.Warnings.<code>. */
#define WARNINGS "avail_unknown avail_outside rest_short week_long"

/* A datetime-local value ("2026-11-23T08:00", seconds allowed) as a day
 * and minutes after midnight; 0 when it is none. */
static int parse_local(const char *s, Day *d, int *minutes)
{
	char date[11];
	int h, mi, sec = 0, used = 0;

	if (!s || strlen(s) < 16 || s[10] != 'T')
		return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!plan_day(date, d) || sscanf(s + 11, "%2d:%2d%n", &h, &mi, &used) != 2 || used != 5)
		return 0;
	if (s[16] && (sscanf(s + 16, ":%2d%n", &sec, &used) != 1 || used != 3 || s[19]))
		return 0;
	if (h > 23 || mi > 59 || sec > 59)
		return 0;
	*minutes = h * 60 + mi;
	return 1;
}

/* The datetime-local value of a moment at the unit. */
static void local_text(const Unit *u, time_t t, char out[17])
{
	struct tm tm;

	tz_local(u->zone, t, &tm);
	strftime(out, 17, "%Y-%m-%dT%H:%M", &tm);
}

static Day local_day(const Unit *u, time_t t, int *minutes)
{
	struct tm tm;

	tz_local(u->zone, t, &tm);
	if (minutes)
		*minutes = tm.tm_hour * 60 + tm.tm_min;
	return (Day){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* --- the form ------------------------------------------------------------ */

/* Page.Workers (the pool under the unit shown), Page.Positions (those the
 * client uses), Page.Units (where the user plans), and the form. */
static NEOERR *form_page(Request *r, const Unit *view, const Shift *s)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q, "SELECT u.id, CONCAT_WS(' ', MIN(u.first_name), MIN(u.last_name))" POOL_UNDER
			   " GROUP BY u.id ORDER BY MIN(u.last_name), MIN(u.first_name), u.id LIMIT ?",
		       "si", view->path, (long long)ROWS_MAX);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Workers", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
	}
	db_end(&q);
	n = 0;
	err = db_query(&q, "SELECT k.position FROM worker_skills k WHERE k.client_id = ?"
			   " UNION SELECT p.position FROM pool p JOIN org_units o ON o.id = p.unit_id"
			   " WHERE o.client_id = ?"
			   " UNION SELECT v.position FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
			   " WHERE o.client_id = ? ORDER BY 1 LIMIT 500",
		       "iii", view->client_id, view->client_id, view->client_id);
	if (err)
		return nerr_pass(err);
	while (db_next(q))
		page_put(page_item(r, "Positions", n++), "Name", db_str(q, 0));
	db_end(&q);
	err = page_units(r, "Units", "planning.edit");
	if (err)
		return nerr_pass(err);
	hdf_set_valuef(r->hdf, "Page.View=%lld", view->id);
	hdf_set_value(r->hdf, "Page.Zone", view->zone);
	if (s && s->id) {
		hdf_set_valuef(r->hdf, "Page.Shift.Id=%lld", s->id);
		hdf_set_value(r->hdf, "Page.Shift.State", s->state);
	}
	return nerr_pass(view_render(r, "planning/shift.cs"));
}

/* The form with what was sent, 422: refused, or warnings to confirm. */
static NEOERR *again(Request *r, const Unit *view, const Shift *s)
{
	r->status = REFUSED;
	param_keep_form(r);
	return nerr_pass(form_page(r, view, s));
}

/* The unit whose week the planner came from (view), or the shift's. */
static NEOERR *view_unit(Request *r, const Unit *fallback, Unit *view, int *ok)
{
	long long id = param_int(r, "view", 0);

	if (!id || id == fallback->id || hdf_get_value(r->hdf, "Page.Errors.view", NULL)) {
		*view = *fallback;
		*ok = 1;
		return STATUS_OK;
	}
	return nerr_pass(plan_unit(r, id, "planning.view", view, ok));
}

NEOERR *shift_new(Request *r)
{
	long long id = param_int(r, "view", 0) ? param_int(r, "view", 0) : param_int(r, "unit", 0);
	char start[17], end[17], text[11];
	Day day;
	Unit u;
	int ok;
	NEOERR *err = STATUS_OK;

	if (!id)
		err = plan_first_unit(r, "planning.edit", &id);
	if (err)
		return nerr_pass(err);
	if (!id)
		return http_fail(r, 404, "no unit to plan");
	err = plan_unit(r, id, "planning.edit", &u, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "date"), &day))
		day = plan_today(&u);
	plan_day_text(day, text);
	/* A day shift as the first guess: the planner changes the times. */
	snprintf(start, sizeof(start), "%sT08:00", text);
	snprintf(end, sizeof(end), "%sT16:30", text);
	hdf_set_valuef(r->hdf, "Page.Form.unit=%lld", param_int(r, "unit", u.id));
	if (param_int(r, "worker", 0))
		hdf_set_valuef(r->hdf, "Page.Form.worker=%lld", param_int(r, "worker", 0));
	hdf_set_value(r->hdf, "Page.Form.start", start);
	hdf_set_value(r->hdf, "Page.Form.end", end);
	hdf_set_value(r->hdf, "Page.Form.break", "30");
	return nerr_pass(form_page(r, &u, NULL));
}

/* --- the checks ------------------------------------------------------------ */

/* Does the worker's availability cover minutes from..to of day d? 1 yes,
 * 0 no, -1 the worker entered none at all. */
static NEOERR *covered(long long worker, Day d, int from, int to, int *out)
{
	char text[11], *any = NULL;
	DBQuery *q;
	NEOERR *err;
	int exceptions = 0;

	*out = 0;
	plan_day_text(d, text);
	err = db_query(&q, "SELECT available, COALESCE(TIME_TO_SEC(starts) DIV 60, -1),"
			   " COALESCE(TIME_TO_SEC(ends) DIV 60, -1) FROM availability_days"
			   " WHERE worker_user_id = ? AND day = ?", "is", worker, text);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		long long s = db_int(q, 1), e = db_int(q, 2);
		exceptions = 1;
		if (db_int(q, 0) && (s < 0 || (s <= from && (e >= to || e == 1439))))
			*out = 1;
	}
	db_end(&q);
	if (exceptions)
		return STATUS_OK;
	err = db_query(&q, "SELECT TIME_TO_SEC(starts) DIV 60, TIME_TO_SEC(ends) DIV 60 FROM availability_week"
			   " WHERE worker_user_id = ? AND weekday = ?", "ii", worker, (long long)plan_weekday(d));
	if (err)
		return nerr_pass(err);
	while (db_next(q))
		if (db_int(q, 0) <= from && (db_int(q, 1) >= to || db_int(q, 1) == 1439))
			*out = 1;
	db_end(&q);
	if (*out)
		return STATUS_OK;
	err = db_value(&any, "SELECT 1 FROM availability_week WHERE worker_user_id = ? UNION ALL"
			     " SELECT 1 FROM availability_days WHERE worker_user_id = ? LIMIT 1", "ii", worker, worker);
	if (!err && !any)
		*out = -1;
	free(any);
	return nerr_pass(err);
}

/* The warnings of a shift, as Page.Warnings.<code>; how many. */
static NEOERR *warnings(Request *r, const Shift *s, int *n)
{
	char a[20], b[20], *v = NULL;
	int from, to, cover = 1, c;
	Day d = local_day(&s->unit, s->start, &from), d2 = local_day(&s->unit, s->end, &to);
	Day monday = plan_monday(d);
	long long rest = conf_int("Planning.MinRestHours") * 3600;
	NEOERR *err;

	*n = 0;
	/* Availability, day by day when the shift runs past midnight. */
	if (d.y == d2.y && d.m == d2.m && d.d == d2.d) {
		err = covered(s->worker, d, from, to, &cover);
	} else {
		err = covered(s->worker, d, from, 1439, &cover);
		if (!err && cover == 1 && to > 0)
			err = covered(s->worker, d2, 0, to, &c), cover = c;
	}
	if (err)
		return nerr_pass(err);
	if (cover != 1) {
		hdf_set_value(r->hdf, cover < 0 ? "Page.Warnings.avail_unknown" : "Page.Warnings.avail_outside", "1");
		(*n)++;
	}
	/* Rest before and after. */
	plan_sql_time(s->start - rest, a);
	plan_sql_time(s->end + rest, b);
	err = db_value(&v, "SELECT 1 FROM shifts WHERE worker_user_id = ? AND id <> ? AND state <> 'cancelled'"
			   " AND ends_at > ? AND starts_at < ? LIMIT 1", "iiss", s->worker, s->id, a, b);
	if (err)
		return nerr_pass(err);
	if (v) {
		hdf_set_value(r->hdf, "Page.Warnings.rest_short", "1");
		(*n)++;
	}
	free(v);
	v = NULL;
	/* Hours in the week (Monday to Sunday at the unit) of its start. */
	plan_week_sql(&s->unit, monday, a, b);
	err = db_value(&v, "SELECT COALESCE(SUM(TIMESTAMPDIFF(MINUTE, starts_at, ends_at) - break_minutes), 0)"
			   " FROM shifts WHERE worker_user_id = ? AND id <> ? AND state <> 'cancelled'"
			   " AND starts_at >= ? AND starts_at < ?", "iiss", s->worker, s->id, a, b);
	if (err)
		return nerr_pass(err);
	if (v && atoll(v) + (s->end - s->start) / 60 - s->brk > conf_int("Planning.WeeklyMaxHours") * 60) {
		hdf_set_value(r->hdf, "Page.Warnings.week_long", "1");
		(*n)++;
	}
	free(v);
	return STATUS_OK;
}

/* Reads and checks the form into s: field errors on the form, the unit
 * in the planner's scope (else 404: *ok 0). */
static NEOERR *read_form(Request *r, Shift *s, int *ok)
{
	Day d1, d2;
	int m1, m2;
	char *found = NULL;
	NEOERR *err;

	err = plan_unit(r, param_int(r, "unit", 0), "planning.edit", &s->unit, ok);
	if (err || !*ok)
		return nerr_pass(err);
	s->worker = hdf_get_value(r->hdf, "Page.Errors.worker", NULL) ? 0 : param_int(r, "worker", 0);
	snprintf(s->position, sizeof(s->position), "%s", or_empty(param_str(r, "position")));
	s->brk = (int)param_int(r, "break", 0);
	if (param_str(r, "start") && *param_str(r, "start") && !hdf_get_value(r->hdf, "Page.Errors.start", NULL)) {
		if (!parse_local(param_str(r, "start"), &d1, &m1))
			param_error(r, "start", "datetime");
		else if (!tz_utc(s->unit.zone, d1.y, d1.m, d1.d, m1 / 60, m1 % 60, &s->start))
			param_error(r, "start", "time_gap");
	}
	if (param_str(r, "end") && *param_str(r, "end") && !hdf_get_value(r->hdf, "Page.Errors.end", NULL)) {
		if (!parse_local(param_str(r, "end"), &d2, &m2))
			param_error(r, "end", "datetime");
		else if (!tz_utc(s->unit.zone, d2.y, d2.m, d2.d, m2 / 60, m2 % 60, &s->end))
			param_error(r, "end", "time_gap");
	}
	if (r->form_errors)
		return STATUS_OK;
	if (s->end <= s->start)
		param_error(r, "end", "shift_end_before_start");
	else if (s->end - s->start > 24 * 3600)
		param_error(r, "end", "shift_too_long");
	else if (s->brk * 60 >= s->end - s->start)
		param_error(r, "break", "break_too_long");
	if (param_str(r, "repeat") && *param_str(r, "repeat") && !hdf_get_value(r->hdf, "Page.Errors.repeat", NULL)) {
		Day first = local_day(&s->unit, s->start, NULL), until, last = plan_add_days(first, 366);
		long a = first.y * 10000L + first.m * 100 + first.d, z = last.y * 10000L + last.m * 100 + last.d, u;
		plan_day(param_str(r, "repeat"), &until);
		u = until.y * 10000L + until.m * 100 + until.d;
		if (u <= a || u > z)
			param_error(r, "repeat", "repeat_range");
	}
	err = db_value(&found, "SELECT 1 FROM worker_skills k WHERE k.client_id = ? AND k.position = ?"
			       " UNION ALL SELECT 1 FROM pool p JOIN org_units o ON o.id = p.unit_id"
			       " WHERE o.client_id = ? AND p.position = ?"
			       " UNION ALL SELECT 1 FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
			       " WHERE o.client_id = ? AND v.position = ? LIMIT 1",
		       "isisis", s->unit.client_id, s->position, s->unit.client_id, s->position,
		       s->unit.client_id, s->position);
	if (err)
		return nerr_pass(err);
	if (!found)
		param_error(r, "position", "position_unknown");
	free(found);
	found = NULL;
	if (!s->worker)
		return STATUS_OK;
	/* In the pool of the shift's unit or a unit above it. */
	err = db_value(&found, "SELECT 1 FROM pool p JOIN org_units o ON o.id = p.unit_id"
			       " WHERE p.worker_user_id = ? AND ? LIKE CONCAT(o.path, '%') LIMIT 1",
		       "is", s->worker, s->unit.path);
	if (err)
		return nerr_pass(err);
	if (!found) {
		param_error(r, "worker", "not_in_pool");
		return STATUS_OK;
	}
	free(found);
	found = NULL;
	/* Qualified: a skill at the client, or taken on for this position. */
	err = db_value(&found, "SELECT 1 FROM worker_skills WHERE worker_user_id = ? AND client_id = ?"
			       " AND position = ? UNION ALL SELECT 1 FROM pool p JOIN org_units o"
			       " ON o.id = p.unit_id WHERE p.worker_user_id = ? AND o.client_id = ?"
			       " AND p.position = ? LIMIT 1",
		       "iisiis", s->worker, s->unit.client_id, s->position, s->worker, s->unit.client_id,
		       s->position);
	if (err)
		return nerr_pass(err);
	if (!found && !hdf_get_value(r->hdf, "Page.Errors.position", NULL))
		param_error(r, "worker", "skill_missing");
	free(found);
	return STATUS_OK;
}

/* Does the worker have another shift — here or at any client — in the
 * hours of s? */
static NEOERR *overlaps(const Shift *s, int *yes)
{
	char a[20], b[20], *clash = NULL;
	NEOERR *err;

	plan_sql_time(s->start, a);
	plan_sql_time(s->end, b);
	err = db_value(&clash, "SELECT 1 FROM shifts WHERE worker_user_id = ? AND id <> ?"
			       " AND state <> 'cancelled' AND starts_at < ? AND ends_at > ? LIMIT 1",
		       "iiss", s->worker, s->id, b, a);
	*yes = clash != NULL;
	free(clash);
	return nerr_pass(err);
}

/* Saves a checked shift (new when s->id is 0), the worker's row locked so
 * that two planners cannot book the same hours at once; refuses an overlap. */
static NEOERR *save(Request *r, Shift *s, const Unit *view)
{
	char a[20], b[20], loc[160], week[11], detail[200];
	NEOERR *err;
	int clash = 0, repeated = 0, skipped = 0;

	plan_sql_time(s->start, a);
	plan_sql_time(s->end, b);
	err = db_begin();
	if (!err && s->worker)
		err = db_exec(NULL, "SELECT id FROM users WHERE id = ? FOR UPDATE", "i", s->worker);
	if (!err && s->worker)
		err = overlaps(s, &clash);
	if (err)
		return nerr_pass(db_finish(err));
	if (clash) {
		/* Here or at another client: not said where. */
		db_rollback();
		param_error(r, "worker", "overlap");
		return nerr_pass(again(r, view, s));
	}
	if (!s->id) {
		err = db_exec(NULL, "INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at,"
				    " break_minutes, note, created_by, created_at, updated_at)"
				    " VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			      "isissisi", s->unit.id, s->position, s->worker, a, b, (long long)s->brk,
			      or_empty(param_str(r, "note")), r->user->id);
		if (!err)
			s->id = (long long)db_insert_id();
	} else {
		/* A published or contracted shift goes to the back-office again,
		 * as its new version; a refused one is planned again. */
		int resend = util_word_in("published contracted", s->state);
		err = db_exec(NULL, "UPDATE shifts SET unit_id = ?, position = ?, worker_user_id = NULLIF(?, 0),"
				    " starts_at = ?, ends_at = ?, break_minutes = ?, note = ?, version = version + 1,"
				    " state = ?, violations = NULL, updated_at = UTC_TIMESTAMP()"
				    " WHERE id = ? AND state <> 'cancelled'",
			      "isississi", s->unit.id, s->position, s->worker, a, b, (long long)s->brk,
			      or_empty(param_str(r, "note")), resend ? "published" : "planned", s->id);
		if (!err && resend)
			err = contracts_request(s->id);
	}
	/* Repeated weekly until a date: copies at the same wall-clock
	 * times, each left out when it would clash. */
	if (!err && !s->state[0] && param_str(r, "repeat") && *param_str(r, "repeat")) {
		ShiftCopy c = { .unit = s->unit.id, .worker = s->worker, .start = s->start, .end = s->end,
				.brk = s->brk };
		Day first = local_day(&s->unit, s->start, NULL), until;
		snprintf(c.position, sizeof(c.position), "%s", s->position);
		plan_day(param_str(r, "repeat"), &until);
		for (int w = 1; w <= 53 && !err; w++) {
			Day d = plan_add_days(first, 7 * w);
			int one = 0;
			if (d.y * 10000 + d.m * 100 + d.d > until.y * 10000 + until.m * 100 + until.d)
				break;
			err = plan_copy_shift(&s->unit, &c, w, r->user->id, &one);
			repeated += one;
			skipped += !one;
		}
	}
	snprintf(detail, sizeof(detail), "%s %s – %s, %s, %d repeats", s->worker ? "worker" : "open", a, b,
		 param_str(r, "confirm") ? "warnings confirmed" : "no warnings", repeated);
	if (!err)
		err = audit_add(r, r->user->id, s->state[0] ? "shift.update" : "shift.create", "shift", s->id,
				s->unit.id, detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	plan_day_text(plan_monday(local_day(&s->unit, s->start, NULL)), week);
	snprintf(loc, sizeof(loc), "/planning/?unit=%lld&week=%s&done=%s&count=%d&skipped=%d", view->id, week,
		 s->state[0] ? "saved" : "created", repeated, skipped);
	return http_redirect(r, loc);
}

/* The checks, then warnings to confirm, then the save. */
static NEOERR *check_and_save(Request *r, Shift *s)
{
	Unit view;
	int ok, nwarn = 0;
	NEOERR *err = read_form(r, s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	err = view_unit(r, &s->unit, &view, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (!r->form_errors && s->worker) {
		int clash = 0;
		err = overlaps(s, &clash);
		if (err)
			return nerr_pass(err);
		if (clash)
			param_error(r, "worker", "overlap");
	}
	if (r->form_errors)
		return nerr_pass(again(r, &view, s));
	if (s->worker)
		err = warnings(r, s, &nwarn);
	if (err)
		return nerr_pass(err);
	if (nwarn && !param_str(r, "confirm")) {
		hdf_set_value(r->hdf, "Page.Confirm", "1");
		return nerr_pass(again(r, &view, s));
	}
	return nerr_pass(save(r, s, &view));
}

NEOERR *shift_create(Request *r)
{
	Shift s;

	memset(&s, 0, sizeof(s));
	return nerr_pass(check_and_save(r, &s));
}

/* --- an existing shift ----------------------------------------------------- */

/* Loads shift :id when the user plans at its unit; else 404. */
static NEOERR *load(Request *r, Shift *s, int *ok)
{
	DBQuery *q;
	long long unit = 0;
	NEOERR *err;

	memset(s, 0, sizeof(*s));
	*ok = 0;
	err = db_query(&q, "SELECT id, unit_id, COALESCE(worker_user_id, 0), position, UNIX_TIMESTAMP(starts_at),"
			   " UNIX_TIMESTAMP(ends_at), break_minutes, state, contract_id IS NOT NULL FROM shifts WHERE id = ?",
		       "i", param_int(r, "id", 0));
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		s->id = db_int(q, 0);
		unit = db_int(q, 1);
		s->worker = db_int(q, 2);
		snprintf(s->position, sizeof(s->position), "%s", db_str(q, 3));
		s->start = (time_t)db_int(q, 4);
		s->end = (time_t)db_int(q, 5);
		s->brk = (int)db_int(q, 6);
		snprintf(s->state, sizeof(s->state), "%s", db_str(q, 7));
		s->has_contract = (int)db_int(q, 8);
	}
	db_end(&q);
	if (!s->id)
		return http_fail(r, 404, "no shift %lld", param_int(r, "id", 0));
	return nerr_pass(plan_unit(r, unit, "planning.edit", &s->unit, ok));
}

NEOERR *shift_edit(Request *r)
{
	char start[17], end[17];
	Shift s;
	Unit view;
	int ok;
	NEOERR *err = load(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	err = view_unit(r, &s.unit, &view, &ok);
	if (err || !ok)
		return nerr_pass(err);
	local_text(&s.unit, s.start, start);
	local_text(&s.unit, s.end, end);
	hdf_set_valuef(r->hdf, "Page.Form.unit=%lld", s.unit.id);
	if (s.worker)
		hdf_set_valuef(r->hdf, "Page.Form.worker=%lld", s.worker);
	hdf_set_value(r->hdf, "Page.Form.position", s.position);
	hdf_set_value(r->hdf, "Page.Form.start", start);
	hdf_set_value(r->hdf, "Page.Form.end", end);
	hdf_set_valuef(r->hdf, "Page.Form.break=%d", s.brk);
	if (!strcmp(s.state, "cancelled"))
		return http_fail(r, 404, "shift %lld is cancelled", s.id);
	return nerr_pass(form_page(r, &view, &s));
}

NEOERR *shift_update(Request *r)
{
	Shift old, s;
	int ok;
	NEOERR *err = load(r, &old, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!strcmp(old.state, "cancelled"))
		return http_fail(r, 404, "shift %lld is cancelled", old.id);
	memset(&s, 0, sizeof(s));
	s.id = old.id;
	snprintf(s.state, sizeof(s.state), "%s", old.state);
	/* Sent to the back-office before: it stays a worker's, or is cancelled. */
	if (util_word_in("published contracted", old.state) && !param_int(r, "worker", 0))
		param_error(r, "worker", "published_needs_worker");
	return nerr_pass(check_and_save(r, &s));
}

NEOERR *shift_delete(Request *r)
{
	char loc[128], week[11], detail[64];
	Shift s;
	Unit view;
	int ok, cancel;
	NEOERR *err = load(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	err = view_unit(r, &s.unit, &view, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (!strcmp(s.state, "cancelled"))
		return http_fail(r, 404, "shift %lld is cancelled already", s.id);
	cancel = util_word_in("published contracted", s.state) || s.has_contract;
	err = db_begin();
	if (!err && !cancel) {
		snprintf(detail, sizeof(detail), "%s shift removed", s.worker ? "a worker's" : "an open");
		err = db_exec(NULL, "DELETE FROM shifts WHERE id = ?", "i", s.id);
	} else if (!err) {
		/* The back-office heard of it: a cancellation, the same way as
		 * a change, and the worker is told. */
		char key[96], when[32];
		HDF *extra = NULL;
		struct tm tm;
		snprintf(detail, sizeof(detail), "cancelled (was %s)", s.state);
		err = db_exec(NULL, "UPDATE shifts SET state = 'cancelled', version = version + 1,"
				    " updated_at = UTC_TIMESTAMP() WHERE id = ?", "i", s.id);
		if (!err)
			err = contracts_request(s.id);
		tz_local(s.unit.zone, s.start, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
		snprintf(key, sizeof(key), "mail:cancel:%lld", s.id);
		hdf_init(&extra);
		hdf_set_value(extra, "When", when);
		hdf_set_value(extra, "Unit", s.unit.name);
		if (!err && s.worker)
			err = account_mail(s.worker, "ShiftCancelled", key, extra);
		hdf_destroy(&extra);
	}
	if (!err)
		err = audit_add(r, r->user->id, cancel ? "shift.cancel" : "shift.delete", "shift", s.id, s.unit.id,
				detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	plan_day_text(plan_monday(local_day(&s.unit, s.start, NULL)), week);
	snprintf(loc, sizeof(loc), "/planning/?unit=%lld&week=%s&done=%s", view.id, week,
		 cancel ? "cancelled" : "deleted");
	return http_redirect(r, loc);
}
