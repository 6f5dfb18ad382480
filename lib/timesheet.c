/* timesheet.c: what the worker job does for timesheets — an approved version to the back-office, and the weekly reminders */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "account.h"
#include "acl.h"
#include "backoffice.h"
#include "conf.h"
#include "db.h"
#include "timesheet.h"
#include "tz.h"
#include "util.h"

int timesheet_row(const OutboxRow *row)
{
	return !strncmp(row->key, "timesheet:", 10);
}

/* The back-office's reasons as one line: "rule: message; …". */
static void reasons(const char *answer, char *out, size_t len)
{
	json_error_t jerr;
	json_t *j = answer ? json_loads(answer, 0, &jerr) : NULL, *v;
	size_t i;

	snprintf(out, len, "refused");
	json_array_foreach(json_object_get(j, "violations"), i, v) {
		const char *rule = json_string_value(json_object_get(v, "rule"));
		const char *msg = json_string_value(json_object_get(v, "message"));
		size_t at = i ? strlen(out) : 0;
		if (at + 3 >= len)
			break;
		snprintf(out + at, len - at, "%s%s: %s", i ? "; " : "", rule ? rule : "?", msg ? msg : "");
	}
	json_decref(j);
	util_utf8_cap(out, 2000);
}

NEOERR *timesheet_deliver(const OutboxRow *row, int *permanent)
{
	json_error_t jerr;
	json_t *p = json_loads(row->payload, 0, &jerr);
	json_int_t sheet = 0, version = 0;
	const char *path = NULL;
	char *body, *text = NULL, why[2048];
	long status = 0;
	NEOERR *err;

	*permanent = 0;
	if (!p || json_unpack(p, "{s:s, s:I, s:I}", "path", &path, "timesheet", &sheet, "version", &version) ||
	    !json_object_get(p, "body")) {
		json_decref(p);
		*permanent = 1;
		return nerr_raise(NERR_PARSE, "outbox %lld: not a timesheet call", row->id);
	}
	body = json_dumps(json_object_get(p, "body"), JSON_COMPACT);
	err = backoffice_post(path, row->key, body, &status, &text);
	free(body);
	json_decref(p);
	if (err) {
		free(text);
		return nerr_pass(err);
	}
	if (status == 200 || status == 201 || status == 202) {
		err = db_exec(NULL, "UPDATE timesheet_versions SET sent_at = UTC_TIMESTAMP(), refusal = NULL"
				    " WHERE timesheet_id = ? AND version = ?", "ii", (long long)sheet, (long long)version);
	} else if (status == 422) {
		/* Kept with the version for the agency, and the dead letter says it too. */
		reasons(text, why, sizeof(why));
		err = db_exec(NULL, "UPDATE timesheet_versions SET refusal = ? WHERE timesheet_id = ? AND version = ?",
			      "sii", why, (long long)sheet, (long long)version);
		if (!err)
			err = nerr_raise(NERR_ASSERT, "back-office 422: %s", why);
		*permanent = 1;
	} else {
		*permanent = status >= 400 && status < 500 && status != 408 && status != 429;
		err = nerr_raise(NERR_IO, "back-office %ld: %.300s", status, or_empty(text));
	}
	free(text);
	return nerr_pass(err);
}

/* --- reminders ----------------------------------------------------------- */

/* The day the reminders of now belong to: the last RemindDay, at or
 * before now, from RemindHour on (before it, the one a week earlier). */
static void remind_period(time_t now, char out[11])
{
	static const char *const days = "sunday monday tuesday wednesday thursday friday saturday";
	const char *want = conf_str("Timesheets.RemindDay"), *p = strstr(days, want);
	int wday = 0, back;
	struct tm tm;
	time_t t;

	for (const char *c = days; p && c < p; c++)
		wday += *c == ' ';
	tz_local(conf_str("Planning.TimeZone"), now, &tm);
	back = (tm.tm_wday - wday + 7) % 7;
	if (!back && tm.tm_hour < conf_int("Timesheets.RemindHour"))
		back = 7;
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday - back, .tm_hour = 12 };
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The Monday of a moment's week at a zone. */
static void monday_of(const char *zone, time_t t, char out[11])
{
	struct tm tm;
	time_t mon;

	tz_local(zone, t, &tm);
	tm = (struct tm){ .tm_year = tm.tm_year, .tm_mon = tm.tm_mon, .tm_mday = tm.tm_mday - (tm.tm_wday + 6) % 7,
			  .tm_hour = 12 };
	mon = timegm(&tm);
	gmtime_r(&mon, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A week of an assignment a worker has contracted shifts in. */
typedef struct open_week {
	long long worker, unit;
	char position[801], week[11];
} OpenWeek;

static NEOERR *remind_workers(time_t now, const char *period, int *sent)
{
	long long weeks = conf_int("Timesheets.WeeksShown");
	OpenWeek *list = NULL;
	int n = 0, cap = 0;
	DBQuery *q;
	NEOERR *err;

	/* The contracted shifts of the weeks shown that have begun; the
	 * weeks they make are found at each unit's clock. */
	err = db_query(&q, "SELECT s.worker_user_id, s.unit_id, s.position, UNIX_TIMESTAMP(s.starts_at), o.time_zone"
			   " FROM shifts s JOIN org_units o ON o.id = s.unit_id JOIN users u ON u.id = s.worker_user_id"
			   " WHERE s.state = 'contracted' AND s.starts_at >= FROM_UNIXTIME(?) - INTERVAL ? WEEK"
			   " AND s.starts_at < FROM_UNIXTIME(?) AND u.status = 'active'"
			   " AND EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id AND c.password_hash IS NOT NULL)"
			   " ORDER BY s.worker_user_id, s.unit_id, s.position, s.starts_at LIMIT 50000",
		       "iii", (long long)now, weeks, (long long)now);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		const char *zone = tz_known(db_str(q, 4)) ? db_str(q, 4) : conf_str("Planning.TimeZone");
		char week[11], current[11];
		OpenWeek *w;
		monday_of(zone, (time_t)db_int(q, 3), week);
		monday_of(zone, now, current);
		/* A week ends before it is reminded of. */
		if (strcmp(week, current) >= 0)
			continue;
		if (n && list[n - 1].worker == db_int(q, 0) && list[n - 1].unit == db_int(q, 1) &&
		    !strcmp(list[n - 1].position, db_str(q, 2)) && !strcmp(list[n - 1].week, week))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			list = xrealloc(list, (size_t)cap * sizeof(*list));
		}
		w = &list[n++];
		w->worker = db_int(q, 0);
		w->unit = db_int(q, 1);
		snprintf(w->position, sizeof(w->position), "%s", db_str(q, 2));
		snprintf(w->week, sizeof(w->week), "%s", week);
	}
	db_end(&q);
	for (int i = 0; i < n && !err;) {
		long long worker = list[i].worker;
		int open = 0;
		for (; i < n && list[i].worker == worker && !err; i++) {
			char *done = NULL;
			err = db_value(&done, "SELECT 1 FROM timesheets WHERE worker_user_id = ? AND unit_id = ?"
					      " AND position = ? AND week = ? AND state IN ('submitted', 'approved')",
				       "iiss", worker, list[i].unit, list[i].position, list[i].week);
			open += !err && !done;
			free(done);
		}
		if (!err && open) {
			HDF *extra;
			char key[96], *url = conf_url("/timesheets/me");
			int added = 0;
			hdf_init(&extra);
			hdf_set_int_value(extra, "Weeks", open);
			hdf_set_value(extra, "URL", url);
			free(url);
			snprintf(key, sizeof(key), "mail:ts-remind:%lld:%s", worker, period);
			/* Once a period: the key is there after the first run. */
			{
				char *queued = NULL;
				err = db_value(&queued, "SELECT 1 FROM outbox WHERE idempotency_key = ?", "s", key);
				added = !err && !queued;
				free(queued);
			}
			if (!err && added)
				err = account_mail(worker, "TimesheetReminder", key, extra);
			*sent += added && !err;
			hdf_destroy(&extra);
		}
	}
	free(list);
	return nerr_pass(err);
}

static NEOERR *remind_supervisors(const char *period, int *sent)
{
	STRING roles;
	DBQuery *q;
	NEOERR *err;
	struct waiting { long long user; int count; } *list = NULL;
	int n = 0, cap = 0;

	/* The roles that approve hours, as the pattern of their names. */
	string_init(&roles);
	string_append(&roles, "^(");
	for (int i = 0, k = 0; i < acl_roles(); i++)
		if (acl_role_has(i, "timesheet.approve"))
			string_appendf(&roles, "%s%s", k++ ? "|" : "", acl_role_name(i));
	string_append(&roles, ")$");
	err = db_query(&q, "SELECT g.user_id, COUNT(DISTINCT t.id) FROM grants g"
			   " JOIN users u ON u.id = g.user_id AND u.status = 'active'"
			   " JOIN org_units gu ON gu.id = g.unit_id"
			   " JOIN org_units o ON o.path LIKE CONCAT(gu.path, '%')"
			   " JOIN timesheets t ON t.unit_id = o.id AND t.state = 'submitted'"
			   " WHERE g.role REGEXP ? GROUP BY g.user_id ORDER BY g.user_id LIMIT 100000",
		       "s", roles.buf);
	string_clear(&roles);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			list = xrealloc(list, (size_t)cap * sizeof(*list));
		}
		list[n].user = db_int(q, 0);
		list[n++].count = (int)db_int(q, 1);
	}
	db_end(&q);
	for (int i = 0; i < n && !err; i++) {
		HDF *extra;
		char key[96], *url = conf_url("/timesheets/"), *queued = NULL;
		snprintf(key, sizeof(key), "mail:ts-approve:%lld:%s", list[i].user, period);
		err = db_value(&queued, "SELECT 1 FROM outbox WHERE idempotency_key = ?", "s", key);
		if (!err && !queued) {
			hdf_init(&extra);
			hdf_set_int_value(extra, "Weeks", list[i].count);
			hdf_set_value(extra, "URL", url);
			err = account_mail(list[i].user, "ApprovalReminder", key, extra);
			*sent += !err;
			hdf_destroy(&extra);
		}
		free(queued);
		free(url);
	}
	free(list);
	return nerr_pass(err);
}

NEOERR *timesheet_remind(time_t now, int *workers, int *supervisors)
{
	char period[11];
	NEOERR *err;

	*workers = *supervisors = 0;
	remind_period(now, period);
	err = acl_init();
	if (!err)
		err = remind_workers(now, period, workers);
	if (!err)
		err = remind_supervisors(period, supervisors);
	return nerr_pass(err);
}
