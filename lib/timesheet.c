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
#include "log.h"
#include "timesheet.h"
#include "tz.h"
#include "util.h"

int timesheet_row(const OutboxRow *row)
{
	return !strncmp(row->key, "timesheet:", 10);
}

void timesheet_reasons(const char *answer, char *out, size_t len)
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
	/* A version that a newer one has replaced (a correction queued
	 * while this one waited for a retry) is not sent after it. */
	{
		char *current = NULL;
		err = db_value(&current, "SELECT version FROM timesheets WHERE id = ?", "i", (long long)sheet);
		if (!err && current && atoll(current) > version) {
			log_msg("info", row->key, "replaced by version %s: not sent", current);
			free(current);
			json_decref(p);
			return STATUS_OK;
		}
		free(current);
		if (err) {
			json_decref(p);
			return nerr_pass(err);
		}
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
		timesheet_reasons(text, why, sizeof(why));
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

void timesheet_week_of(const char *zone, time_t t, char out[11])
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
	long long unit;
	char position[801], week[11];
	int done;
} OpenWeek;
#define OPEN_WEEKS_MAX 64

NEOERR *timesheet_open_weeks(long long worker, time_t now, int ended_only, int *open)
{
	OpenWeek weeks[OPEN_WEEKS_MAX];
	char since[11];
	int n = 0;
	DBQuery *q;
	NEOERR *err;

	*open = 0;
	/* His contracted shifts of the weeks shown that have begun, each
	 * week found at its unit's clock. */
	err = db_query(&q, "SELECT s.unit_id, s.position, UNIX_TIMESTAMP(s.starts_at), o.time_zone"
			   " FROM shifts s JOIN org_units o ON o.id = s.unit_id WHERE s.worker_user_id = ?"
			   " AND s.starts_at >= FROM_UNIXTIME(?) - INTERVAL ? WEEK AND s.starts_at < FROM_UNIXTIME(?)"
			   " AND s.state = 'contracted' ORDER BY s.starts_at LIMIT 500",
		       "iiii", worker, (long long)now, (long long)conf_int("Timesheets.WeeksShown"), (long long)now);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		const char *zone = tz_known(db_str(q, 3)) ? db_str(q, 3) : conf_str("Planning.TimeZone");
		char week[11], current[11];
		int seen = 0;
		timesheet_week_of(zone, (time_t)db_int(q, 2), week);
		timesheet_week_of(zone, now, current);
		/* A reminder is of a week that has ended. */
		if (ended_only && strcmp(week, current) >= 0)
			continue;
		for (int i = 0; i < n && !seen; i++)
			seen = weeks[i].unit == db_int(q, 0) && !strcmp(weeks[i].position, db_str(q, 1)) &&
			       !strcmp(weeks[i].week, week);
		if (seen || n == OPEN_WEEKS_MAX)
			continue;
		weeks[n].unit = db_int(q, 0);
		snprintf(weeks[n].position, sizeof(weeks[n].position), "%s", db_str(q, 1));
		snprintf(weeks[n].week, sizeof(weeks[n].week), "%s", week);
		weeks[n++].done = 0;
	}
	db_end(&q);
	if (!n)
		return STATUS_OK;
	/* Those with a timesheet out of his hands. */
	snprintf(since, sizeof(since), "%s", weeks[0].week);
	for (int i = 1; i < n; i++)
		if (strcmp(weeks[i].week, since) < 0)
			snprintf(since, sizeof(since), "%s", weeks[i].week);
	err = db_query(&q, "SELECT unit_id, position, DATE_FORMAT(week, '%Y-%m-%d') FROM timesheets"
			   " WHERE worker_user_id = ? AND week >= ? AND state IN ('submitted', 'approved') LIMIT 500",
		       "is", worker, since);
	if (err)
		return nerr_pass(err);
	while (db_next(q))
		for (int i = 0; i < n; i++)
			if (weeks[i].unit == db_int(q, 0) && !strcmp(weeks[i].position, db_str(q, 1)) &&
			    !strcmp(weeks[i].week, db_str(q, 2)))
				weeks[i].done = 1;
	db_end(&q);
	for (int i = 0; i < n; i++)
		*open += !weeks[i].done;
	return STATUS_OK;
}

/* Is the outbox key there already (the person was reminded this period)? */
static NEOERR *queued(const char *key, int *yes)
{
	char *found = NULL;
	NEOERR *err = db_value(&found, "SELECT 1 FROM outbox WHERE idempotency_key = ?", "s", key);

	*yes = found != NULL;
	free(found);
	return nerr_pass(err);
}

/* Every temp worker with a login, a batch at a time by id: those not
 * reminded this period yet, with weeks that ended unsubmitted. */
static NEOERR *remind_workers(time_t now, const char *period, int *sent)
{
	long long last = 0;
	NEOERR *err = STATUS_OK;

	for (;;) {
		long long ids[500];
		int n = 0;
		DBQuery *q;
		err = db_query(&q, "SELECT u.id FROM users u WHERE u.kind = 'worker' AND u.status = 'active' AND u.id > ?"
				   " AND EXISTS (SELECT 1 FROM credentials c WHERE c.user_id = u.id AND c.password_hash IS NOT NULL)"
				   " ORDER BY u.id LIMIT 500", "i", last);
		if (err)
			return nerr_pass(err);
		while (db_next(q) && n < 500)
			ids[n++] = db_int(q, 0);
		db_end(&q);
		for (int i = 0; i < n && !err; i++) {
			char key[96];
			int open = 0, yes = 0;
			snprintf(key, sizeof(key), "mail:ts-remind:%lld:%s", ids[i], period);
			err = queued(key, &yes);
			if (!err && !yes)
				err = timesheet_open_weeks(ids[i], now, 1, &open);
			if (!err && !yes && open) {
				HDF *extra;
				char *url = conf_url("/timesheets/me");
				hdf_init(&extra);
				hdf_set_int_value(extra, "Weeks", open);
				hdf_set_value(extra, "URL", url);
				free(url);
				err = account_mail(ids[i], "TimesheetReminder", key, extra);
				*sent += !err;
				hdf_destroy(&extra);
			}
		}
		if (err || n < 500)
			return nerr_pass(err);
		last = ids[n - 1];
	}
}

/* The units with weeks waiting, by path. */
typedef struct waiting_unit {
	char *path;
	int count;
} WaitingUnit;

static int by_path(const void *a, const void *b)
{
	return strcmp(((const WaitingUnit *)a)->path, ((const WaitingUnit *)b)->path);
}

/* The weeks waiting below a path: the units whose path begins with it
 * lie together in the sorted list. */
static int waiting_below(const WaitingUnit *units, int n, const char *path)
{
	size_t l = strlen(path);
	int lo = 0, hi = n, count = 0;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (strcmp(units[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < n && !strncmp(units[i].path, path, l); i++)
		count += units[i].count;
	return count;
}

/* Who approves hours and has weeks waiting in his part of the
 * organisation: the units with submitted weeks, once, against the grants
 * of the roles that approve — no join of every grant with every unit. */
static NEOERR *remind_supervisors(const char *period, int *sent)
{
	WaitingUnit *units = NULL;
	int nunits = 0, cap = 0;
	long long user = 0;
	int count = 0;
	char covered[ORG_PATH_LEN + 1] = "";
	STRING roles;
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT o.path, COUNT(*) FROM timesheets t FORCE INDEX (timesheets_state)"
			   " JOIN org_units o ON o.id = t.unit_id WHERE t.state = 'submitted' GROUP BY o.id, o.path", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		if (nunits == cap) {
			cap = cap ? cap * 2 : 64;
			units = xrealloc(units, (size_t)cap * sizeof(*units));
		}
		units[nunits].path = xstrdup(db_str(q, 0));
		units[nunits++].count = (int)db_int(q, 1);
	}
	db_end(&q);
	if (!nunits) {
		free(units);
		return STATUS_OK;
	}
	qsort(units, (size_t)nunits, sizeof(*units), by_path);
	/* The roles that approve hours, as the pattern of their names. */
	string_init(&roles);
	string_append(&roles, "^(");
	for (int i = 0, k = 0; i < acl_roles(); i++)
		if (acl_role_has(i, "timesheet.approve"))
			string_appendf(&roles, "%s%s", k++ ? "|" : "", acl_role_name(i));
	string_append(&roles, ")$");
	/* A user's grants by path: one below another of his counts once. */
	err = db_query(&q, "SELECT g.user_id, gu.path FROM grants g JOIN org_units gu ON gu.id = g.unit_id"
			   " JOIN users u ON u.id = g.user_id AND u.status = 'active' WHERE g.role REGEXP ?"
			   " ORDER BY g.user_id, gu.path", "s", roles.buf);
	string_clear(&roles);
	if (err) {
		for (int i = 0; i < nunits; i++)
			free(units[i].path);
		free(units);
		return nerr_pass(err);
	}
	{
		struct person { long long user; int count; } *people = NULL;
		int npeople = 0, pcap = 0;
		for (int more = db_next(q);; more = db_next(q)) {
			long long u = more ? db_int(q, 0) : 0;
			if (user && u != user && count) {
				if (npeople == pcap) {
					pcap = pcap ? pcap * 2 : 64;
					people = xrealloc(people, (size_t)pcap * sizeof(*people));
				}
				people[npeople].user = user;
				people[npeople++].count = count;
			}
			if (!more)
				break;
			if (u != user) {
				user = u;
				count = 0;
				covered[0] = '\0';
			}
			if (*covered && !strncmp(db_str(q, 1), covered, strlen(covered)))
				continue;
			snprintf(covered, sizeof(covered), "%s", db_str(q, 1));
			count += waiting_below(units, nunits, covered);
		}
		db_end(&q);
		for (int i = 0; i < npeople && !err; i++) {
			char key[96], *url;
			int yes = 0;
			snprintf(key, sizeof(key), "mail:ts-approve:%lld:%s", people[i].user, period);
			err = queued(key, &yes);
			if (err || yes)
				continue;
			HDF *extra;
			url = conf_url("/timesheets/");
			hdf_init(&extra);
			hdf_set_int_value(extra, "Weeks", people[i].count);
			hdf_set_value(extra, "URL", url);
			free(url);
			err = account_mail(people[i].user, "ApprovalReminder", key, extra);
			*sent += !err;
			hdf_destroy(&extra);
		}
		free(people);
	}
	for (int i = 0; i < nunits; i++)
		free(units[i].path);
	free(units);
	return nerr_pass(err);
}

NEOERR *timesheet_remind(time_t now, int *workers, int *supervisors)
{
	char period[11], *done = NULL;
	NEOERR *err;

	*workers = *supervisors = 0;
	remind_period(now, period);
	/* Once a period: after a whole run, the period is marked. A second
	 * worker at the same moment finds the mails queued already. */
	err = db_value(&done, "SELECT 1 FROM timesheet_reminders WHERE period = ?", "s", period);
	if (err || done) {
		free(done);
		return nerr_pass(err);
	}
	err = acl_init();
	if (!err)
		err = remind_workers(now, period, workers);
	if (!err)
		err = remind_supervisors(period, supervisors);
	if (!err)
		err = db_exec(NULL, "INSERT INTO timesheet_reminders (period, done_at) VALUES (?, UTC_TIMESTAMP())"
				    " ON DUPLICATE KEY UPDATE done_at = done_at", "s", period);
	return nerr_pass(err);
}

void timesheet_list_from(time_t now, char out[11])
{
	time_t back = now - (time_t)conf_int("Timesheets.ListWeeks") * 7 * 86400;
	struct tm tm;

	gmtime_r(&back, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
