/* mine.c: a temp worker's weeks and their hours — opened from his contracted shifts, kept as a private draft, submitted — and the same kept by the agency for a worker without a login */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "timesheets.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* --- the list of weeks --------------------------------------------------- */

/* Page.Sheets: the worker's timesheets of the weeks shown; Page.ToOpen:
 * the weeks and assignments his contracted shifts make that have none
 * yet — from Timesheets.WeeksShown weeks back to this week, never ahead. */
NEOERR *mine_list(Request *r)
{
	long long worker;
	char base[64];
	int ok, n = 0, m = 0;
	char *scope;
	DBQuery *q;
	NEOERR *err = ts_whose(r, &worker, base, &ok);
	STRING have;

	if (err || !ok)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Base", base);
	/* The agency sees a worker's weeks where it enters hours, no others;
	 * the worker all of his. */
	scope = worker == r->user->id ? xstrdup("") : acl_scope(r, "timesheet.enter");
	err = db_query(&q,
		"SELECT t.id, t.unit_id, t.position, DATE_FORMAT(t.week, '%Y-%m-%d'), t.state, t.minutes, t.reason,"
		" o.name, c.name FROM timesheets t JOIN org_units o ON o.id = t.unit_id"
		" LEFT JOIN clients c ON c.id = o.client_id"
		" WHERE t.worker_user_id = ? AND t.week >= UTC_DATE() - INTERVAL ? WEEK AND (? = '' OR o.path REGEXP ?)"
		" ORDER BY t.week DESC, o.name, t.position LIMIT 200",
		"iiss", worker, (long long)conf_int("Timesheets.WeeksShown"), scope, scope);
	if (err) {
		free(scope);
		return nerr_pass(err);
	}
	/* "\nunit\tposition\tweek\n" lines, to leave those out below. */
	string_init(&have);
	string_append(&have, "\n");
	while (db_next(q)) {
		HDF *h = page_item(r, "Sheets", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Position", db_str(q, 2));
		page_put(h, "Week", db_str(q, 3));
		page_put(h, "State", db_str(q, 4));
		page_put_int(h, "Hours", db_int(q, 5) / 60);
		hdf_set_valuef(h, "Minutes=%02lld", db_int(q, 5) % 60);
		page_put(h, "Reason", db_str(q, 6));
		page_put(h, "Unit", db_str(q, 7));
		page_put(h, "Client", db_str(q, 8));
		string_appendf(&have, "%s\t%s\t%s\n", db_str(q, 1), db_str(q, 2), db_str(q, 3));
	}
	db_end(&q);
	/* The contracted shifts of the weeks shown, each at its unit's time. */
	err = db_query(&q,
		"SELECT s.unit_id, s.position, UNIX_TIMESTAMP(s.starts_at), o.time_zone, o.name, c.name"
		" FROM shifts s JOIN org_units o ON o.id = s.unit_id LEFT JOIN clients c ON c.id = o.client_id"
		" WHERE s.worker_user_id = ? AND s.state = 'contracted'"
		" AND s.starts_at >= UTC_TIMESTAMP() - INTERVAL ? WEEK - INTERVAL 1 WEEK"
		" AND s.starts_at < UTC_TIMESTAMP() + INTERVAL 1 DAY AND (? = '' OR o.path REGEXP ?)"
		" ORDER BY s.starts_at DESC LIMIT 500",
		"iiss", worker, (long long)conf_int("Timesheets.WeeksShown"), scope, scope);
	free(scope);
	if (err) {
		string_clear(&have);
		return nerr_pass(err);
	}
	while (db_next(q)) {
		const char *zone = tz_known(db_str(q, 3)) ? db_str(q, 3) : conf_str("Planning.TimeZone");
		char week[11], now[11], line[1200];
		HDF *h;

		timesheet_week_of(zone, (time_t)db_int(q, 2), week);
		timesheet_week_of(zone, time(NULL), now);
		if (strcmp(week, now) > 0)
			continue;
		snprintf(line, sizeof(line), "\n%s\t%s\t%s\n", db_str(q, 0), db_str(q, 1), week);
		if (strstr(have.buf, line))
			continue;
		string_append(&have, line + 1);
		h = page_item(r, "ToOpen", m++);
		page_put(h, "Unit", db_str(q, 0));
		page_put(h, "Position", db_str(q, 1));
		page_put(h, "Week", week);
		page_put(h, "UnitName", db_str(q, 4));
		page_put(h, "Client", db_str(q, 5));
	}
	db_end(&q);
	string_clear(&have);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "timesheets/mine.cs"));
}

/* --- opening a week ------------------------------------------------------ */

/* The timesheet of an assignment and week, made from the worker's
 * contracted shifts of that week when it is not there yet. A week that has
 * not begun has no hours; an assignment without a contracted shift that
 * week is none of his: 404. */
NEOERR *mine_open(Request *r)
{
	const char *position = param_str(r, "position");
	long long worker, sheet = 0, unit = param_int(r, "unit", 0);
	char base[64], week[11], now[11], loc[128], *found = NULL, zone[65] = "", path[ORG_PATH_LEN + 1] = "";
	unsigned long long added = 0;
	time_t from, to;
	HoursRules rules;
	int ok, made = 0;
	DBQuery *q;
	NEOERR *err = ts_whose(r, &worker, base, &ok);

	if (err || !ok)
		return nerr_pass(err);
	err = db_query(&q, "SELECT time_zone, path FROM org_units WHERE id = ? AND archived_at IS NULL", "i", unit);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(zone, sizeof(zone), "%s", tz_known(db_str(q, 0)) ? db_str(q, 0) : conf_str("Planning.TimeZone"));
		snprintf(path, sizeof(path), "%s", db_str(q, 1));
	}
	db_end(&q);
	/* The agency enters hours where it holds timesheet.enter, nowhere else. */
	if (!*zone || (r->user->id != worker && !acl_may_at(r, "timesheet.enter", path)))
		return http_fail(r, 404, "no unit %lld to open a week at", unit);
	ts_monday(param_str(r, "week"), week);
	timesheet_week_of(zone, time(NULL), now);
	if (strcmp(week, now) > 0) {
		hdf_set_value(r->hdf, "Page.Refused", "week_future");
		r->status = REFUSED;
		return nerr_pass(mine_list(r));
	}
	ts_week_bounds(zone, week, &from, &to);
	hours_rules(&rules);
	err = db_begin();
	/* One timesheet an assignment a week, even when opened twice at once;
	 * prefilled when it is new. */
	if (!err)
		err = db_exec(&added, "INSERT INTO timesheets (worker_user_id, unit_id, position, week, entered_by,"
				      " created_at, updated_at) SELECT ?, ?, ?, ?, NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP()"
				      " FROM DUAL WHERE EXISTS (SELECT 1 FROM shifts s WHERE s.worker_user_id = ?"
				      "   AND s.unit_id = ? AND s.position = ? AND s.state = 'contracted'"
				      "   AND s.starts_at >= FROM_UNIXTIME(?) AND s.starts_at < FROM_UNIXTIME(?))"
				      " ON DUPLICATE KEY UPDATE id = id",
			      "iissiiisii", worker, unit, position, week,
			      r->user->id == worker ? 0LL : r->user->id, worker, unit, position,
			      (long long)from, (long long)to);
	if (!err)
		err = db_value(&found, "SELECT id FROM timesheets WHERE worker_user_id = ? AND unit_id = ?"
				       " AND position = ? AND week = ?", "iiss", worker, unit, position, week);
	if (!err && !found) {
		db_rollback();
		return http_fail(r, 404, "no contracted shift of worker %lld at unit %lld that week", worker, unit);
	}
	sheet = found ? atoll(found) : 0;
	free(found);
	made = !err && added == 1;
	if (!err && made)
		err = db_query(&q, "SELECT s.id, UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), s.break_minutes,"
				   " s.position FROM shifts s WHERE s.worker_user_id = ? AND s.unit_id = ? AND s.position = ?"
				   " AND s.state = 'contracted' AND s.starts_at >= FROM_UNIXTIME(?)"
				   " AND s.starts_at < FROM_UNIXTIME(?) ORDER BY s.starts_at LIMIT ?",
			       "iisiii", worker, unit, position, (long long)from, (long long)to, (long long)ROWS);
	if (!err && made) {
		struct prefill { long long shift; HoursEntry e; char day[11], position[801]; } rows[ROWS];
		int n = 0;
		while (db_next(q) && n < ROWS) {
			struct tm tm;
			rows[n].shift = db_int(q, 0);
			rows[n].e = (HoursEntry){ .start = (time_t)db_int(q, 1), .end = (time_t)db_int(q, 2),
						  .break_minutes = (int)db_int(q, 3) };
			rows[n].e.minutes = (int)((rows[n].e.end - rows[n].e.start) / 60) - rows[n].e.break_minutes;
			tz_local(zone, rows[n].e.start, &tm);
			strftime(rows[n].day, sizeof(rows[n].day), "%Y-%m-%d", &tm);
			snprintf(rows[n].position, sizeof(rows[n].position), "%s", db_str(q, 4));
			n++;
		}
		db_end(&q);
		for (int i = 0; i < n && !err; i++) {
			hours_premiums(zone, &rules, &rows[i].e);
			err = db_exec(NULL, "INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at,"
					    " break_minutes, minutes, night_minutes, weekend_minutes, position, shift_id,"
					    " entered_by, created_at, updated_at) VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?),"
					    " ?, ?, ?, ?, ?, ?, NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP())",
				      "isiiiiiisii", sheet, rows[i].day, (long long)rows[i].e.start,
				      (long long)rows[i].e.end, (long long)rows[i].e.break_minutes,
				      (long long)rows[i].e.minutes, (long long)rows[i].e.night,
				      (long long)rows[i].e.weekend, rows[i].position, rows[i].shift,
				      r->user->id == worker ? 0LL : r->user->id);
		}
		if (!err)
			err = ts_total(sheet);
	}
	/* The agency's entries for a worker are audited; a worker's own
	 * draft is his until he submits it. */
	if (!err && made && r->user->id != worker)
		err = audit_add(r, r->user->id, "timesheet.open", "timesheet", sheet, unit, "on behalf of the worker");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "%s/%lld?done=opened", base, sheet);
	return http_redirect(r, loc);
}

/* --- a week's form ------------------------------------------------------- */

static void form_put(Request *r, const char *field, int n, const char *value)
{
	char key[48];
	snprintf(key, sizeof(key), "Page.Form.%s%d", field, n);
	hdf_set_value(r->hdf, key, value);
}

NEOERR *ts_rows_into_form(Request *r, const Sheet *s)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	hdf_set_valuef(r->hdf, "Page.Form.rev=%lld", s->revision);
	err = db_query(&q, "SELECT id, DATE_FORMAT(day, '%Y-%m-%d'), UNIX_TIMESTAMP(starts_at), UNIX_TIMESTAMP(ends_at),"
			   " break_minutes, position, remark FROM timesheet_entries WHERE timesheet_id = ?"
			   " ORDER BY day, starts_at, id LIMIT ?", "ii", s->id, (long long)ROWS);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && n < ROWS) {
		struct tm a, b;
		char t[8];
		n++;
		tz_local(s->zone, (time_t)db_int(q, 2), &a);
		tz_local(s->zone, (time_t)db_int(q, 3), &b);
		form_put(r, "entry", n, db_str(q, 0));
		form_put(r, "day", n, db_str(q, 1));
		strftime(t, sizeof(t), "%H:%M", &a);
		form_put(r, "start", n, t);
		strftime(t, sizeof(t), "%H:%M", &b);
		form_put(r, "end", n, t);
		/* Ends on another date than it began: past midnight. */
		if (a.tm_mday != b.tm_mday || a.tm_mon != b.tm_mon)
			form_put(r, "overnight", n, "1");
		form_put(r, "break", n, db_str(q, 4));
		form_put(r, "position", n, db_str(q, 5));
		form_put(r, "remark", n, db_str(q, 6));
	}
	db_end(&q);
	return STATUS_OK;
}

/* The positions an entry may have: the timesheet's, and the worker's at
 * the unit or above it (his pool there). */
static NEOERR *position_ok(const Sheet *s, const char *position, int *ok)
{
	char *found = NULL;
	NEOERR *err;

	*ok = !strcmp(position, s->position);
	if (*ok)
		return STATUS_OK;
	err = db_value(&found, "SELECT 1 FROM pool p JOIN org_units o ON o.id = p.unit_id"
			       " WHERE p.worker_user_id = ? AND p.position = ? AND ? LIKE CONCAT(o.path, '%') LIMIT 1",
		       "iss", s->worker, position, s->path);
	*ok = found != NULL;
	free(found);
	return nerr_pass(err);
}

/* One row of the form, checked. */
typedef struct row {
	int used;                 /* something was filled in */
	long long entry;          /* the entry it changes, 0: a new one */
	char day[11];
	const char *position, *remark;
	HoursEntry e;
} Row;

static const char *field(Request *r, const char *name, int n)
{
	char key[32];
	snprintf(key, sizeof(key), "%s%d", name, n);
	return param_str(r, key);
}

static void refuse(Request *r, const char *name, int n, const char *why)
{
	char key[32];
	snprintf(key, sizeof(key), "%s%d", name, n);
	param_error(r, key, why);
}

NEOERR *ts_rows_save(Request *r, const Sheet *s, int *refused, int *count)
{
	Row rows[ROWS + 1];
	HoursRules rules;
	int day_minutes[7] = { 0 }, day_first[7] = { 0 };
	NEOERR *err = STATUS_OK;

	*refused = *count = 0;
	hours_rules(&rules);
	memset(rows, 0, sizeof(rows));
	for (int n = 1; n <= ROWS && !err; n++) {
		Row *w = &rows[n];
		const char *day = field(r, "day", n), *start = field(r, "start", n), *end = field(r, "end", n);
		int y, m, d, wd;
		const char *why;
		struct tm tm;

		{
			char key[32];
			snprintf(key, sizeof(key), "entry%d", n);
			w->entry = param_int(r, key, 0);
		}
		w->used = (start && *start) || (end && *end);
		if (!w->used)
			continue;
		if (!day || !*day) {
			refuse(r, "day", n, "required");
			continue;
		}
		/* A day of the timesheet's week. */
		{
			int my, mm, md;
			struct tm mon;
			sscanf(day, "%4d-%2d-%2d", &y, &m, &d);
			sscanf(s->week, "%4d-%2d-%2d", &my, &mm, &md);
			tm = (struct tm){ .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
			mon = (struct tm){ .tm_year = my - 1900, .tm_mon = mm - 1, .tm_mday = md, .tm_hour = 12 };
			wd = (int)((timegm(&tm) - timegm(&mon)) / 86400);
		}
		if (wd < 0 || wd > 6) {
			refuse(r, "day", n, "day_outside_week");
			continue;
		}
		snprintf(w->day, sizeof(w->day), "%s", day);
		{
			char key[32];
			snprintf(key, sizeof(key), "break%d", n);
			why = hours_entry(s->zone, y, m, d, or_empty(start), or_empty(end),
					  field(r, "overnight", n) != NULL, (int)param_int(r, key, 0), &rules, &w->e);
		}
		if (why) {
			/* The field the message belongs next to. */
			int a = hours_clock(or_empty(start));
			time_t t;
			const char *where = "end";
			if (!strcmp(why, "break_too_long"))
				where = "break";
			else if (a < 0 || (!strcmp(why, "time_gap") && !tz_utc(s->zone, y, m, d, a / 60, a % 60, &t)))
				where = "start";
			refuse(r, where, n, why);
			continue;
		}
		w->position = field(r, "position", n) && *field(r, "position", n) ? field(r, "position", n) : s->position;
		w->remark = or_empty(field(r, "remark", n));
		{
			int known;
			err = position_ok(s, w->position, &known);
			if (!err && !known)
				refuse(r, "position", n, "position_unknown");
		}
		if (!day_first[wd])
			day_first[wd] = n;
		day_minutes[wd] += w->e.minutes;
	}
	if (err)
		return nerr_pass(err);
	/* A day has 24 hours (25 when the clocks go back: still no more). */
	for (int d = 0; d < 7; d++)
		if (day_minutes[d] > 24 * 60)
			refuse(r, "start", day_first[d], "day_over_24");
	/* Work does not overlap other work: the rows by start. */
	for (int n = 1; n <= ROWS; n++)
		for (int m = 1; m <= ROWS; m++)
			if (m != n && rows[n].used && rows[m].used && rows[n].e.start && rows[m].e.start &&
			    rows[m].e.start <= rows[n].e.start && rows[n].e.start < rows[m].e.end &&
			    (rows[m].e.start < rows[n].e.start || m < n)) {
				refuse(r, "start", n, "entry_overlap");
				break;
			}
	/* The entries named are the timesheet's, each once: a row of another is refused. */
	for (int n = 1; n <= ROWS && !err; n++) {
		char *found = NULL;
		if (!rows[n].entry)
			continue;
		for (int m = 1; m < n; m++)
			if (rows[m].entry == rows[n].entry)
				refuse(r, "start", n, "choice");
		err = db_value(&found, "SELECT 1 FROM timesheet_entries WHERE id = ? AND timesheet_id = ?", "ii",
			       rows[n].entry, s->id);
		if (!err && !found)
			refuse(r, "start", n, "choice");
		free(found);
	}
	if (err)
		return nerr_pass(err);
	if (r->form_errors) {
		*refused = 1;
		return STATUS_OK;
	}
	/* The form is the whole week (its revision is the timesheet's): an
	 * entry it does not keep is removed. */
	{
		STRING kept;
		string_init(&kept);
		string_append(&kept, "[0");
		for (int n = 1; n <= ROWS; n++)
			if (rows[n].used && rows[n].entry)
				string_appendf(&kept, ",%lld", rows[n].entry);
		string_append(&kept, "]");
		err = db_exec(NULL, "DELETE FROM timesheet_entries WHERE timesheet_id = ? AND id NOT IN"
				    " (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)",
			      "is", s->id, kept.buf);
		string_clear(&kept);
	}
	for (int n = 1; n <= ROWS && !err; n++) {
		const Row *w = &rows[n];
		long long by = r->user->id == s->worker ? 0 : r->user->id;
		if (w->used && w->entry) {
			err = db_exec(NULL, "UPDATE timesheet_entries SET day = ?, starts_at = FROM_UNIXTIME(?),"
					    " ends_at = FROM_UNIXTIME(?), break_minutes = ?, minutes = ?, night_minutes = ?,"
					    " weekend_minutes = ?, position = ?, remark = ?, entered_by = NULLIF(?, 0),"
					    " updated_at = UTC_TIMESTAMP() WHERE id = ? AND timesheet_id = ?",
				      "siiiiiissiii", w->day, (long long)w->e.start, (long long)w->e.end,
				      (long long)w->e.break_minutes, (long long)w->e.minutes, (long long)w->e.night,
				      (long long)w->e.weekend, w->position, w->remark, by, w->entry, s->id);
		} else if (w->used) {
			err = db_exec(NULL, "INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at,"
					    " break_minutes, minutes, night_minutes, weekend_minutes, position, remark,"
					    " entered_by, created_at, updated_at) VALUES (?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?),"
					    " ?, ?, ?, ?, ?, ?, NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP())",
				      "isiiiiiissi", s->id, w->day, (long long)w->e.start, (long long)w->e.end,
				      (long long)w->e.break_minutes, (long long)w->e.minutes, (long long)w->e.night,
				      (long long)w->e.weekend, w->position, w->remark, by);
		}
		*count += w->used;
	}
	if (!err)
		err = ts_total(s->id);
	return nerr_pass(err);
}

static NEOERR *sheet_page(Request *r, const Sheet *s)
{
	int editable = !strcmp(s->state, "draft") || !strcmp(s->state, "rejected");
	NEOERR *err;

	if (editable) {
		hdf_set_value(r->hdf, "Page.Editable", "1");
		err = ts_form(r, s);
		if (err)
			return nerr_pass(err);
	}
	err = ts_into_page(r, s, 0);
	if (err)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "timesheets/mine_sheet.cs"));
}

NEOERR *mine_show(Request *r)
{
	Sheet s;
	int ok;
	NEOERR *err = ts_load_own(r, param_int(r, "id", 0), &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(sheet_page(r, &s));
}

/* Saves the week's rows; with submit, submits the week too: it leaves the
 * worker's hands for his supervisor's. */
NEOERR *mine_save(Request *r)
{
	const char *base;
	char loc[128], detail[96];
	int ok, refused = 0, entries = 0, state_ok, stale, submit = param_str(r, "submit") != NULL;
	Sheet s;
	NEOERR *err = ts_load_own(r, param_int(r, "id", 0), &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	base = hdf_get_value(r->hdf, "Page.Base", "/timesheets/me");
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(sheet_page(r, &s));
	}
	err = db_begin();
	/* Locked against a second save or a decision at the same moment; a
	 * form made before another save is not saved over it. */
	if (!err)
		err = ts_lock(r, &s, "draft rejected", &state_ok, &stale);
	if (!err && (!state_ok || stale)) {
		db_rollback();
		hdf_set_value(r->hdf, "Page.Refused", state_ok ? "stale" : "week_locked");
		r->status = REFUSED;
		/* A locked week shows what was typed; a stale form the week as it is now. */
		if (!state_ok)
			param_keep_form(r);
		return nerr_pass(sheet_page(r, &s));
	}
	if (!err)
		err = ts_rows_save(r, &s, &refused, &entries);
	if (!err && refused) {
		db_rollback();
		r->status = REFUSED;
		return nerr_pass(sheet_page(r, &s));
	}
	if (!err && submit && !entries) {
		db_rollback();
		hdf_set_value(r->hdf, "Page.Refused", "entries_none");
		r->status = REFUSED;
		param_keep_form(r);
		hdf_set_value(r->hdf, "Page.Errors.none", "entries_none");
		return nerr_pass(sheet_page(r, &s));
	}
	if (!err && submit)
		err = db_exec(NULL, "UPDATE timesheets SET state = 'submitted', submitted_at = UTC_TIMESTAMP(),"
				    " entered_by = IF(? = worker_user_id, entered_by, ?), updated_at = UTC_TIMESTAMP()"
				    " WHERE id = ?", "iii", r->user->id, r->user->id, s.id);
	/* A rejected week the worker changes is his draft again: the
	 * supervisor sees what he rejected, or what comes back to him. */
	else if (!err)
		err = db_exec(NULL, "UPDATE timesheets SET state = 'draft', updated_at = UTC_TIMESTAMP()"
				    " WHERE id = ? AND state = 'rejected'", "i", s.id);
	snprintf(detail, sizeof(detail), "week %s, %d entries%s", s.week, entries,
		 r->user->id == s.worker ? "" : ", on behalf of the worker");
	if (!err && submit)
		err = audit_add(r, r->user->id, "timesheet.submit", "timesheet", s.id, s.unit, detail);
	else if (!err && r->user->id != s.worker)
		err = audit_add(r, r->user->id, "timesheet.enter", "timesheet", s.id, s.unit, detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (submit)
		snprintf(loc, sizeof(loc), "%s?done=submitted", base);
	else
		snprintf(loc, sizeof(loc), "%s/%lld?done=saved", base, s.id);
	return http_redirect(r, loc);
}

/* --- the agency's workers without a login -------------------------------- */

NEOERR *mine_workers(Request *r)
{
	const char *text = or_empty(param_str(r, "q"));
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	if (strcmp(r->user->kind, "agency"))
		return http_fail(r, 404, "the agency's page");
	err = db_query(&q, "SELECT u.id, CONCAT_WS(' ', u.first_name, u.last_name), u.email FROM users u"
			   " WHERE u.kind = 'worker' AND u.status <> 'revoked'"
			   " AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id AND c.password_hash IS NOT NULL)"
			   " AND (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name, u.email)) > 0)"
			   " ORDER BY u.last_name, u.first_name, u.id LIMIT 100", "ss", text, text);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Workers", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		page_put(h, "Email", db_str(q, 2));
	}
	db_end(&q);
	param_keep_form(r);
	return nerr_pass(view_render(r, "timesheets/workers.cs"));
}
