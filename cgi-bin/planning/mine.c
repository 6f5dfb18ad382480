/* mine.c: a temp worker's own planning — the shifts published for him at every client, and his availability: a week and the days that differ — and the same availability kept for him by the agency */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* Whose availability a request is about: the worker's own
 * (/planning/me…), or a temp worker's (/planning/workers/:worker…) for
 * agency staff who plan (a worker's availability is his, not a client's).
 * Everyone else gets 404. */
typedef struct whose {
	long long id;
	char base[64];
	int agency;
} Whose;

static NEOERR *whose(Request *r, Whose *w, int *ok)
{
	char *name = NULL;
	NEOERR *err;

	*ok = 0;
	memset(w, 0, sizeof(*w));
	if (!param_str(r, "worker")) {
		if (strcmp(r->user->kind, "worker")) {
			http_fail(r, 404, "not a temp worker");
			return STATUS_OK;
		}
		w->id = r->user->id;
		snprintf(w->base, sizeof(w->base), "/planning/me");
		*ok = 1;
		return STATUS_OK;
	}
	w->id = param_int(r, "worker", 0);
	w->agency = 1;
	snprintf(w->base, sizeof(w->base), "/planning/workers/%lld", w->id);
	if (strcmp(r->user->kind, "agency") || !acl_may(r, "planning.edit")) {
		http_fail(r, 404, "temp workers are kept by the agency");
		return STATUS_OK;
	}
	err = db_value(&name, "SELECT CONCAT_WS(' ', first_name, last_name) FROM users"
			      " WHERE id = ? AND kind = 'worker' AND status <> 'revoked'", "i", w->id);
	if (err)
		return nerr_pass(err);
	if (!name) {
		http_fail(r, 404, "no temp worker %lld", w->id);
		return STATUS_OK;
	}
	hdf_set_value(r->hdf, "Page.Worker.Name", name);
	hdf_set_valuef(r->hdf, "Page.Worker.Id=%lld", w->id);
	hdf_set_value(r->hdf, "Page.Agency", "1");
	free(name);
	*ok = 1;
	return STATUS_OK;
}

/* "HH:MM" into minutes after midnight; -1 when it is none. */
static int minutes_of(const char *s)
{
	int h, m, used = 0;

	if (!s || sscanf(s, "%2d:%2d%n", &h, &m, &used) != 2 || used != 5 || s[5] || h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

static NEOERR *mine_page(Request *r, const Whose *w)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	hdf_set_value(r->hdf, "Page.Base", w->base);
	/* Shifts from a week ago to four weeks ahead, in their unit's time. */
	err = db_query(&q, "SELECT UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), s.position, s.state,"
			   " o.name, c.name, o.time_zone, s.break_minutes FROM shifts s"
			   " JOIN org_units o ON o.id = s.unit_id LEFT JOIN clients c ON c.id = o.client_id"
			   " WHERE s.worker_user_id = ? AND s.state IN ('published', 'contracted')"
			   " AND s.starts_at >= UTC_TIMESTAMP() - INTERVAL 7 DAY"
			   " AND s.starts_at < UTC_TIMESTAMP() + INTERVAL 28 DAY ORDER BY s.starts_at LIMIT 200",
		       "i", w->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		const char *zone = tz_known(db_str(q, 6)) ? db_str(q, 6) : conf_str("Planning.TimeZone");
		time_t s = (time_t)db_int(q, 0), e = (time_t)db_int(q, 1);
		struct tm ls, le;
		char buf[32];
		HDF *h = page_item(r, "Shifts", n++);

		tz_local(zone, s, &ls);
		tz_local(zone, e, &le);
		strftime(buf, sizeof(buf), "%Y-%m-%d", &ls);
		page_put(h, "Date", buf);
		page_put(h, "Day", plan_day_names[(ls.tm_wday + 6) % 7]);
		page_put_int(h, "D", ls.tm_mday);
		page_put_int(h, "M", ls.tm_mon + 1);
		strftime(buf, sizeof(buf), "%H:%M", &ls);
		page_put(h, "Start", buf);
		strftime(buf, sizeof(buf), "%H:%M", &le);
		page_put(h, "End", buf);
		page_put(h, "Position", db_str(q, 2));
		page_put(h, "State", db_str(q, 3));
		page_put(h, "Unit", db_str(q, 4));
		page_put(h, "Client", db_str(q, 5));
		page_put(h, "Break", db_str(q, 7));
	}
	db_end(&q);
	/* The agency keeps his pools and skills; he takes open shifts. */
	err = w->agency ? workers_into_page(r, w->id) : claim_list(r);
	if (err)
		return nerr_pass(err);
	/* The week, into the form unless the form came back. */
	for (int d = 0; d < 7; d++) {
		HDF *h = page_item(r, "Week", d);
		page_put(h, "Name", plan_day_names[d]);
		page_put_int(h, "No", d + 1);
	}
	if (!r->form_errors) {
		err = db_query(&q, "SELECT weekday, TIME_FORMAT(starts, '%H:%i'), TIME_FORMAT(ends, '%H:%i')"
				   " FROM availability_week WHERE worker_user_id = ? ORDER BY weekday, starts",
			       "i", w->id);
		if (err)
			return nerr_pass(err);
		while (db_next(q)) {
			char key[32];
			snprintf(key, sizeof(key), "Page.Form.from%lld", db_int(q, 0));
			hdf_set_value(r->hdf, key, db_str(q, 1));
			snprintf(key, sizeof(key), "Page.Form.to%lld", db_int(q, 0));
			hdf_set_value(r->hdf, key, db_str(q, 2));
		}
		db_end(&q);
	}
	n = 0;
	err = db_query(&q, "SELECT id, day, available, TIME_FORMAT(starts, '%H:%i'), TIME_FORMAT(ends, '%H:%i')"
			   " FROM availability_days WHERE worker_user_id = ? AND day >= UTC_DATE() - INTERVAL 1 DAY"
			   " ORDER BY day, starts LIMIT 200", "i", w->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Days", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Date", db_str(q, 1));
		page_put(h, "Kind", !db_int(q, 2) ? "off" : *db_str(q, 3) ? "times" : "all");
		page_put(h, "From", db_str(q, 3));
		page_put(h, "To", db_str(q, 4));
	}
	db_end(&q);
	param_keep_form(r);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "planning/mine.cs"));
}

NEOERR *mine_show(Request *r)
{
	Whose w;
	int ok;
	NEOERR *err = whose(r, &w, &ok);

	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(mine_page(r, &w));
}

/* A change of a worker's availability by the agency is audited; his own
 * are his. */
static NEOERR *audited(Request *r, const Whose *w, const char *what)
{
	if (!w->agency)
		return STATUS_OK;
	return nerr_pass(audit_add(r, r->user->id, "availability.edit", "user", w->id, 0, what));
}

static NEOERR *done(Request *r, const Whose *w, const char *what)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "%s?done=%s", w->base, what);
	return http_redirect(r, loc);
}

/* The week: one time range a day, or none (not available that day). */
NEOERR *mine_week(Request *r)
{
	int from[8], to[8], ok;
	Whose w;
	NEOERR *err = whose(r, &w, &ok);

	if (err || !ok)
		return nerr_pass(err);
	for (int d = 1; d <= 7; d++) {
		char f[16], t[16];
		const char *a, *b;
		snprintf(f, sizeof(f), "from%d", d);
		snprintf(t, sizeof(t), "to%d", d);
		a = or_empty(param_str(r, f));
		b = or_empty(param_str(r, t));
		from[d] = minutes_of(a);
		to[d] = minutes_of(b);
		if (!*a && !*b)
			continue;
		if (!*a || !*b)
			param_error(r, *a ? t : f, "both_times");
		else if (from[d] < 0)
			param_error(r, f, "time_format");
		else if (to[d] < 0)
			param_error(r, t, "time_format");
		else if (to[d] <= from[d])
			param_error(r, t, "shift_end_before_start");
	}
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(mine_page(r, &w));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "DELETE FROM availability_week WHERE worker_user_id = ?", "i", w.id);
	for (int d = 1; d <= 7 && !err; d++) {
		char f[16], t[16];
		if (from[d] < 0)
			continue;
		snprintf(f, sizeof(f), "from%d", d);
		snprintf(t, sizeof(t), "to%d", d);
		err = db_exec(NULL, "INSERT INTO availability_week (worker_user_id, weekday, starts, ends)"
				    " VALUES (?, ?, ?, ?)", "iiss", w.id, (long long)d, param_str(r, f),
			      param_str(r, t));
	}
	if (!err)
		err = audited(r, &w, "week");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return nerr_pass(done(r, &w, "week"));
}

/* A day that differs from the week: not available, all day, or times. */
NEOERR *mine_day(Request *r)
{
	const char *kind = param_str(r, "kind"), *a = or_empty(param_str(r, "from")), *b = or_empty(param_str(r, "to"));
	int times = kind && !strcmp(kind, "times"), ok;
	Whose w;
	NEOERR *err = whose(r, &w, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (times && minutes_of(a) < 0)
		param_error(r, "from", *a ? "time_format" : "required");
	else if (times && minutes_of(b) < 0)
		param_error(r, "to", *b ? "time_format" : "required");
	else if (times && minutes_of(b) <= minutes_of(a))
		param_error(r, "to", "shift_end_before_start");
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(mine_page(r, &w));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "DELETE FROM availability_days WHERE worker_user_id = ? AND day = ?", "is",
			      w.id, param_str(r, "date"));
	if (!err)
		err = db_exec(NULL, "INSERT INTO availability_days (worker_user_id, day, available, starts, ends)"
				    " VALUES (?, ?, ?, NULLIF(?, ''), NULLIF(?, ''))",
			      "isiss", w.id, param_str(r, "date"), (long long)strcmp(kind, "off"),
			      times ? a : "", times ? b : "");
	if (!err)
		err = audited(r, &w, param_str(r, "date"));
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return nerr_pass(done(r, &w, "day"));
}

NEOERR *mine_day_delete(Request *r)
{
	unsigned long long gone = 0;
	int ok;
	Whose w;
	NEOERR *err = whose(r, &w, &ok);

	if (err || !ok)
		return nerr_pass(err);
	err = db_begin();
	if (!err)
		err = db_exec(&gone, "DELETE FROM availability_days WHERE id = ? AND worker_user_id = ?", "ii",
			      param_int(r, "id", 0), w.id);
	if (!err && gone)
		err = audited(r, &w, "day removed");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (!gone)
		return http_fail(r, 404, "no day %lld of this worker", param_int(r, "id", 0));
	return nerr_pass(done(r, &w, "day_deleted"));
}

/* --- the agency: a worker's pools and skills --------------------------- */

/* Adds (remove 0) or removes a pool entry or a skill (what): the form
 * again with a message when it is refused. */
static NEOERR *keep(Request *r, const char *what, int remove)
{
	int ok, again = 0, gone = 0;
	Whose w;
	NEOERR *err = whose(r, &w, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!w.agency)
		return http_fail(r, 404, "kept by the agency");
	err = db_begin();
	if (!err && remove)
		err = workers_remove(r, w.id, what, &gone);
	else if (!err)
		err = !strcmp(what, "pool") ? workers_pool_add(r, w.id, &again) : workers_skill_add(r, w.id, &again);
	if (err || again || (remove && !gone)) {
		db_rollback();
		if (err)
			return nerr_pass(err);
		if (remove)
			return http_fail(r, 404, "no %s %lld of worker %lld here", what, param_int(r, "id", 0), w.id);
		r->status = 422;
		hdf_set_value(r->hdf, "Page.FormOf", what);
		return nerr_pass(mine_page(r, &w));
	}
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return nerr_pass(done(r, &w, remove ? "removed" : what));
}

NEOERR *mine_pool_add(Request *r)
{
	return nerr_pass(keep(r, "pool", 0));
}

NEOERR *mine_skill_add(Request *r)
{
	return nerr_pass(keep(r, "skill", 0));
}

NEOERR *mine_pool_remove(Request *r)
{
	return nerr_pass(keep(r, "pool", 1));
}

NEOERR *mine_skill_remove(Request *r)
{
	return nerr_pass(keep(r, "skill", 1));
}
