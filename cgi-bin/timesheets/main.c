/* main.c: the timesheets binary — a worker's weeks and their hours, their approval per team, the agency's corrections and exports — and what its pages share */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "timesheets.h"
#include "tz.h"
#include "util.h"

/* --- who sees a timesheet ------------------------------------------------ */

/* The draft is the worker's alone (privacy by design): no client user and
 * no agency user sees that one exists — but the agency keeps the hours of
 * a worker without a login himself, and so his drafts are the agency's. */
static NEOERR *load(long long id, Sheet *s)
{
	DBQuery *q;
	NEOERR *err;

	memset(s, 0, sizeof(*s));
	err = db_query(&q,
		"SELECT t.id, t.worker_user_id, t.unit_id, COALESCE(o.client_id, 0), COALESCE(t.entered_by, 0),"
		" t.version, t.minutes, COALESCE(UNIX_TIMESTAMP(t.submitted_at), 0), t.revision,"
		" EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = t.worker_user_id AND c.password_hash IS NOT NULL),"
		" t.state, DATE_FORMAT(t.week, '%Y-%m-%d'), t.position,"
		" o.path, o.time_zone, o.name, CONCAT_WS(' ', u.first_name, u.last_name)"
		" FROM timesheets t JOIN org_units o ON o.id = t.unit_id JOIN users u ON u.id = t.worker_user_id"
		" WHERE t.id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		s->id = db_int(q, 0);
		s->worker = db_int(q, 1);
		s->unit = db_int(q, 2);
		s->client = db_int(q, 3);
		s->entered_by = db_int(q, 4);
		s->version = (int)db_int(q, 5);
		s->minutes = (int)db_int(q, 6);
		snprintf(s->submitted, sizeof(s->submitted), "%s", db_str(q, 7));
		s->revision = db_int(q, 8);
		s->worker_login = (int)db_int(q, 9);
		snprintf(s->state, sizeof(s->state), "%s", db_str(q, 10));
		snprintf(s->week, sizeof(s->week), "%s", db_str(q, 11));
		snprintf(s->position, sizeof(s->position), "%s", db_str(q, 12));
		snprintf(s->path, sizeof(s->path), "%s", db_str(q, 13));
		snprintf(s->zone, sizeof(s->zone), "%s", tz_known(db_str(q, 14)) ? db_str(q, 14)
										 : conf_str("Planning.TimeZone"));
		snprintf(s->unit_name, sizeof(s->unit_name), "%s", db_str(q, 15));
		snprintf(s->worker_name, sizeof(s->worker_name), "%s", db_str(q, 16));
	}
	db_end(&q);
	return STATUS_OK;
}

/* Is the timesheet the user's to keep: his own, or, for agency staff who
 * enter hours there, that of a worker without a login? */
static int keeps(Request *r, const Sheet *s)
{
	if (!strcmp(r->user->kind, "worker"))
		return s->worker == r->user->id;
	return !strcmp(r->user->kind, "agency") && !s->worker_login &&
	       acl_may_at(r, "timesheet.enter", s->path);
}

NEOERR *ts_load(Request *r, Sheet *s, enum sheet_access *access)
{
	NEOERR *err = load(param_int(r, "id", 0), s);

	*access = SHEET_NONE;
	if (err)
		return nerr_pass(err);
	if (s->id && keeps(r, s))
		*access = SHEET_OWN;
	else if (s->id && strcmp(s->state, "draft") && acl_may_at(r, "timesheet.view", s->path))
		*access = SHEET_VIEW;
	if (*access == SHEET_NONE)
		http_fail(r, 404, "timesheet %lld not visible", param_int(r, "id", 0));
	return STATUS_OK;
}

NEOERR *ts_whose(Request *r, long long *worker, char base[64], int *ok)
{
	char *found = NULL;
	NEOERR *err;

	*ok = 0;
	*worker = 0;
	if (!param_str(r, "worker")) {
		if (strcmp(r->user->kind, "worker")) {
			http_fail(r, 404, "not a temp worker");
			return STATUS_OK;
		}
		*worker = r->user->id;
		snprintf(base, 64, "/timesheets/me");
		*ok = 1;
		return STATUS_OK;
	}
	if (strcmp(r->user->kind, "agency") || !acl_may(r, "timesheet.enter")) {
		http_fail(r, 404, "hours are entered for a worker by the agency");
		return STATUS_OK;
	}
	/* Only a worker without a login: one with a login keeps his own. */
	err = db_value(&found, "SELECT CONCAT_WS(' ', u.first_name, u.last_name) FROM users u"
			       " WHERE u.id = ? AND u.kind = 'worker' AND u.status <> 'revoked'"
			       " AND NOT EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id"
			       "   AND c.password_hash IS NOT NULL)", "i", param_int(r, "worker", 0));
	if (err)
		return nerr_pass(err);
	if (!found) {
		http_fail(r, 404, "no temp worker %lld without a login", param_int(r, "worker", 0));
		return STATUS_OK;
	}
	*worker = param_int(r, "worker", 0);
	snprintf(base, 64, "/timesheets/workers/%lld", *worker);
	hdf_set_value(r->hdf, "Page.Worker.Name", found);
	hdf_set_valuef(r->hdf, "Page.Worker.Id=%lld", *worker);
	hdf_set_value(r->hdf, "Page.OnBehalf", "1");
	free(found);
	*ok = 1;
	return STATUS_OK;
}

NEOERR *ts_load_own(Request *r, long long id, Sheet *s, int *ok)
{
	long long worker;
	char base[64];
	NEOERR *err = ts_whose(r, &worker, base, ok);

	if (err || !*ok)
		return nerr_pass(err);
	*ok = 0;
	err = load(id, s);
	if (err)
		return nerr_pass(err);
	if (!s->id || s->worker != worker || !keeps(r, s))
		return http_fail(r, 404, "timesheet %lld is not this worker's", id);
	hdf_set_value(r->hdf, "Page.Base", base);
	*ok = 1;
	return STATUS_OK;
}

/* --- weeks --------------------------------------------------------------- */

void ts_week_bounds(const char *zone, const char *week, time_t *from, time_t *to)
{
	int y = 0, m = 0, d = 0;
	struct tm next;

	sscanf(week, "%4d-%2d-%2d", &y, &m, &d);
	/* Midnight exists wherever the clocks change at night. */
	if (!tz_utc(zone, y, m, d, 0, 0, from))
		tz_utc(zone, y, m, d, 1, 0, from);
	next = (struct tm){ .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + 7 };
	timegm(&next);
	if (!tz_utc(zone, next.tm_year + 1900, next.tm_mon + 1, next.tm_mday, 0, 0, to))
		tz_utc(zone, next.tm_year + 1900, next.tm_mon + 1, next.tm_mday, 1, 0, to);
}

void ts_monday(const char *date, char out[11])
{
	int y = 0, m = 0, d = 0;
	struct tm tm;
	time_t t;

	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	tm = (struct tm){ .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	tm.tm_mday -= (tm.tm_wday + 6) % 7;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void ts_hours(char out[16], int minutes)
{
	int a = minutes < 0 ? -minutes : minutes;
	snprintf(out, 16, "%s%d:%02d", minutes < 0 ? "-" : "", a / 60, a % 60);
}

NEOERR *ts_form(Request *r, const Sheet *s)
{
	const char *refused = hdf_get_value(r->hdf, "Page.Refused", NULL);
	int y, m, day, last = 0;

	hdf_set_int_value(r->hdf, "Page.RowCount", ROWS);
	/* The form as it came back, or the entries as they are (after a
	 * stale form, as they are now). */
	if (!r->form_errors && (!refused || !strcmp(refused, "stale"))) {
		NEOERR *err = ts_rows_into_form(r, s);
		if (err)
			return nerr_pass(err);
	} else {
		param_keep_form(r);
	}

	sscanf(s->week, "%4d-%2d-%2d", &y, &m, &day);
	for (int d = 0; d < 7; d++) {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = day + d, .tm_hour = 12 };
		char text[11], key[32];
		time_t t = timegm(&tm);
		gmtime_r(&t, &tm);
		strftime(text, sizeof(text), "%Y-%m-%d", &tm);
		snprintf(key, sizeof(key), "Page.WeekDays.%d", d);
		hdf_set_value(r->hdf, key, text);
	}
	for (int n = 1; n <= ROWS; n++) {
		static const char *const fields[] = { "entry", "day", "start", "end", "remark" };
		for (size_t f = 0; f < ARRAY_SIZE(fields); f++) {
			char key[48];
			snprintf(key, sizeof(key), "Page.Form.%s%d", fields[f], n);
			if (*hdf_get_value(r->hdf, key, ""))
				last = n;
		}
	}
	hdf_set_int_value(r->hdf, "Page.RowsShown", last + 2 < 7 ? 7 : last + 2 > ROWS ? ROWS : last + 2);
	return STATUS_OK;
}

NEOERR *ts_total(long long sheet)
{
	return nerr_pass(db_exec(NULL,
		"UPDATE timesheets SET minutes = (SELECT COALESCE(SUM(minutes), 0) FROM timesheet_entries"
		" WHERE timesheet_id = ?), revision = revision + 1, updated_at = UTC_TIMESTAMP() WHERE id = ?",
		"ii", sheet, sheet));
}

NEOERR *ts_lock(Request *r, Sheet *s, const char *states, int *state_ok, int *stale)
{
	char *state = NULL;
	NEOERR *err = db_value(&state, "SELECT state FROM timesheets WHERE id = ? FOR UPDATE", "i", s->id);

	*state_ok = *stale = 0;
	free(state);
	/* As it is now that it is locked. */
	if (!err)
		err = load(s->id, s);
	if (err || !s->id)
		return nerr_pass(err);
	*state_ok = util_word_in(states, s->state);
	*stale = param_int(r, "rev", -1) != s->revision;
	return STATUS_OK;
}

/* --- routes -------------------------------------------------------------- */

/* The rows of a week's form: an entry each, up to ROWS of them (a week
 * has rarely more than two a day). Times are checked in mine.c, for
 * messages of their own; an empty row is none, or the entry removed. */
#define ROW(n) \
	{ "entry" #n, P_INT, P_FORM, 1, ID_MAX, NULL }, \
	{ "day" #n, P_DATE, P_FORM, 0, 0, NULL }, \
	{ "start" #n, P_LINE, P_FORM, 0, 5, NULL }, \
	{ "end" #n, P_LINE, P_FORM, 0, 5, NULL }, \
	{ "overnight" #n, P_ENUM, P_FORM, 0, 0, "1" }, \
	{ "break" #n, P_INT, P_FORM, 0, 720, NULL }, \
	{ "position" #n, P_LINE, P_FORM, 0, 200, NULL }, \
	{ "remark" #n, P_LINE, P_FORM, 0, 500, NULL }
#define ROWS_FIELDS ROW(1), ROW(2), ROW(3), ROW(4), ROW(5), ROW(6), ROW(7), ROW(8), ROW(9), ROW(10), \
	ROW(11), ROW(12), ROW(13), ROW(14), ROW(15), ROW(16)

#define WORKER { "worker", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL }
#define ID { "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL }

static const Param p_mine[] = {
	{ "done", P_ENUM, 0, 0, 0, "submitted opened" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_mine_w[] = {
	WORKER,
	{ "done", P_ENUM, 0, 0, 0, "submitted opened" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_open[] = {
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "position", P_LINE, P_REQUIRED, 1, 200, NULL },
	{ "week", P_DATE, P_REQUIRED, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_open_w[] = {
	WORKER,
	{ "unit", P_INT, P_REQUIRED, 1, ID_MAX, NULL },
	{ "position", P_LINE, P_REQUIRED, 1, 200, NULL },
	{ "week", P_DATE, P_REQUIRED, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_sheet[] = {
	ID,
	{ "done", P_ENUM, 0, 0, 0, "saved submitted opened" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_sheet_w[] = {
	WORKER, ID,
	{ "done", P_ENUM, 0, 0, 0, "saved submitted opened" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_save[] = {
	ID, ROWS_FIELDS,
	{ "rev", P_INT, P_FORM, 0, 4294967295LL, NULL },
	{ "submit", P_ENUM, P_FORM, 0, 0, "1" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_save_w[] = {
	WORKER, ID, ROWS_FIELDS,
	{ "rev", P_INT, P_FORM, 0, 4294967295LL, NULL },
	{ "submit", P_ENUM, P_FORM, 0, 0, "1" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_workers[] = {
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_list[] = {
	{ "week", P_DATE, P_FORM, 0, 0, NULL },
	{ "unit", P_INT, P_FORM, 1, ID_MAX, NULL },
	{ "state", P_ENUM, P_FORM, 0, 0, "submitted approved rejected all" },
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "done", P_ENUM, 0, 0, 0, "approved rejected approved_many none" },
	{ "count", P_INT, 0, 0, 100000, NULL },
	{ "after", P_INT, 0, 0, ID_MAX, NULL },
	{ "upto", P_INT, 0, 0, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_progress[] = {
	{ "after", P_INT, P_REQUIRED, 0, ID_MAX, NULL },
	{ "upto", P_INT, P_REQUIRED, 0, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_show[] = {
	ID,
	{ "done", P_ENUM, 0, 0, 0, "approved rejected corrected decided" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_id[] = {
	ID,
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_reject[] = {
	ID,
	{ "reason", P_TEXT, P_REQUIRED | P_FORM, 1, REASON_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_many[] = {
	{ "sheet", P_IDS, 0, 1, ID_MAX, NULL },
	{ "back", P_LOCAL, 0, 0, 400, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_correct[] = {
	ID, ROWS_FIELDS,
	{ "rev", P_INT, P_FORM, 0, 4294967295LL, NULL },
	{ "reason", P_TEXT, P_REQUIRED | P_FORM, 1, REASON_CHARS, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_export[] = {
	{ "week", P_DATE, P_REQUIRED, 0, 0, NULL },
	{ "unit", P_INT, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The table of contents. A worker's own pages ask for no permission: the
 * handler finds his own weeks or none. The agency's pages for a worker
 * without a login ask for timesheet.enter. The exports come before
 * /timesheets/:id, which would take their names for an id. */
static const Route routes[] = {
	{ "GET", "/timesheets/", ts_index, NULL, 0, p_list },
	{ "GET", "/timesheets/export.csv", ts_export_csv, "timesheet.view", 0, p_export },
	{ "GET", "/timesheets/export.xlsx", ts_export_xlsx, "timesheet.view", 0, p_export },
	{ "POST", "/timesheets/approve", ts_approve_many, "timesheet.approve", R_CSRF, p_many },
	{ "GET", "/timesheets/progress", ts_progress, "timesheet.approve", R_JSON, p_progress },
	{ "GET", "/timesheets/me", mine_list, NULL, 0, p_mine },
	{ "POST", "/timesheets/me/open", mine_open, NULL, R_CSRF, p_open },
	{ "GET", "/timesheets/me/:id", mine_show, NULL, 0, p_sheet },
	{ "POST", "/timesheets/me/:id", mine_save, NULL, R_CSRF, p_save },
	{ "GET", "/timesheets/workers", mine_workers, "timesheet.enter", 0, p_workers },
	{ "GET", "/timesheets/workers/:worker", mine_list, "timesheet.enter", 0, p_mine_w },
	{ "POST", "/timesheets/workers/:worker/open", mine_open, "timesheet.enter", R_CSRF, p_open_w },
	{ "GET", "/timesheets/workers/:worker/:id", mine_show, "timesheet.enter", 0, p_sheet_w },
	{ "POST", "/timesheets/workers/:worker/:id", mine_save, "timesheet.enter", R_CSRF, p_save_w },
	{ "GET", "/timesheets/:id", ts_show, "timesheet.view", 0, p_show },
	{ "POST", "/timesheets/:id/approve", ts_approve, "timesheet.approve", R_CSRF, p_id },
	{ "POST", "/timesheets/:id/reject", ts_reject, "timesheet.approve", R_CSRF, p_reject },
	{ "GET", "/timesheets/:id/correct", ts_correct_form, "timesheet.correct", 0, p_id },
	{ "POST", "/timesheets/:id/correct", ts_correct, "timesheet.correct", R_CSRF, p_correct },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	return app_run("timesheets", routes, argc, argv);
}
