/* contracts.c: the simulator's contracts — labour rules (11 h a day, the weekly maximum, 11 h rest, no night work under 18), wages by position, a small PDF, and one answer per idempotency key */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>

#include "sim.h"
#include "util.h"

#define DAY_MAX_MIN (11 * 60)
#define WEEK_MAX_MIN (50 * 60)
#define REST_MIN_S (11 * 3600)

/* A contract drawn up, or the answer to a key. */
typedef struct entry {
	char key[200], shift[40], worker[64];
	long long version;
	time_t start, end;
	int brk, status, active;
	char *json;
} Entry;

static Entry *entries;
static int nentries, cap, contracts, requests;

static time_t parse_time(const char *s)
{
	struct tm tm;
	const char *end;

	memset(&tm, 0, sizeof(tm));
	if (!s || !(end = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)) || (*end && strcmp(end, "Z")))
		return 0;
	return timegm(&tm);
}

static int minutes(const Entry *e)
{
	return (int)((e->end - e->start) / 60) - e->brk;
}

/* Monday 00:00 UTC of the week of t. */
static time_t week_of(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return t - ((tm.tm_wday + 6) % 7) * 86400 - tm.tm_hour * 3600 - tm.tm_min * 60 - tm.tm_sec;
}

static time_t day_of(time_t t)
{
	return t - t % 86400;
}

static void violation(json_t *list, const char *rule, const char *message)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "rule", rule, "message", message));
}

/* Does the shift touch the night (23:00–06:00, UTC here)? */
static int at_night(time_t s, time_t e)
{
	for (time_t t = s; t < e; t += 900) {
		struct tm tm;
		gmtime_r(&t, &tm);
		if (tm.tm_hour >= 23 || tm.tm_hour < 6)
			return 1;
	}
	return 0;
}

static int age_at(const char *birth, time_t t)
{
	struct tm b, now;
	int age;

	memset(&b, 0, sizeof(b));
	if (!birth || !strptime(birth, "%Y-%m-%d", &b))
		return 99;
	gmtime_r(&t, &now);
	age = now.tm_year - b.tm_year;
	if (now.tm_mon < b.tm_mon || (now.tm_mon == b.tm_mon && now.tm_mday < b.tm_mday))
		age--;
	return age;
}

/* Euros per hour of a position. Written as it always was, so that the
 * double (and the JSON of it) stays the same to the last bit. */
static double wage_of(const char *position)
{
	return 14.0 + (double)(sim_wage_cents(position) - 1400) / 100.0;
}

static char *pdf_of(const char *no, const char *worker, const char *position, const char *start,
		    const char *end, double wage)
{
	char text[512];

	snprintf(text, sizeof(text), "Contract %s - %s - %s - %s to %s - EUR %.2f per hour", no, worker,
		 position, start, end, wage);
	return sim_pdf_base64(text);
}

static Entry *add(void)
{
	if (nentries == cap) {
		cap = cap ? 2 * cap : 64;
		entries = xrealloc(entries, (size_t)cap * sizeof(Entry));
	}
	memset(&entries[nentries], 0, sizeof(Entry));
	return &entries[nentries++];
}

void contracts_post(const char *key, const char *body, int *status, char **json)
{
	json_error_t jerr;
	json_t *in, *list, *out;
	const char *shift = NULL, *worker = NULL, *name = "", *birth = NULL, *position = NULL,
		   *start = NULL, *end = NULL;
	json_int_t version = 0, brk = 0;
	Entry e, *saved;
	int day = 0, week = 0, short_rest = 0;
	char no[16];
	double wage;

	requests++;
	for (int i = 0; i < nentries; i++)
		if (!strcmp(entries[i].key, key)) {
			/* Asked before: the same answer, no second contract. */
			*status = entries[i].status;
			*json = xstrdup(entries[i].json);
			return;
		}
	in = json_loads(body, 0, &jerr);
	if (in && json_is_true(json_object_get(in, "cancelled")) && json_is_string(json_object_get(in, "shift"))) {
		/* The shift is off: its contract ends, once per key. */
		int found = 0;
		for (int i = 0; i < nentries; i++)
			if (entries[i].active && !strcmp(entries[i].shift, json_string_value(json_object_get(in, "shift")))) {
				entries[i].active = 0;
				found = 1;
			}
		saved = add();
		snprintf(saved->key, sizeof(saved->key), "%s", key);
		saved->status = found ? 200 : 404;
		saved->json = xstrdup(found ? "{\"cancelled\":true}" : "{\"error\":\"no contract for this shift\"}");
		json_decref(in);
		*status = saved->status;
		*json = xstrdup(saved->json);
		return;
	}
	if (!in || json_unpack(in, "{s:s, s:I, s:{s:s, s?s, s?s}, s:s, s:s, s:s, s?I}", "shift", &shift,
			       "version", &version, "worker", "ref", &worker, "name", &name, "birth_date",
			       &birth, "position", &position, "start", &start, "end", &end,
			       "break_minutes", &brk) ||
	    !*key || strlen(key) >= sizeof(e.key)) {
		json_decref(in);
		*status = 400;
		*json = xstrdup("{\"error\":\"a contract needs shift, version, worker.ref, position, start, end"
				" and an Idempotency-Key\"}");
		return;
	}
	memset(&e, 0, sizeof(e));
	snprintf(e.key, sizeof(e.key), "%s", key);
	snprintf(e.shift, sizeof(e.shift), "%s", shift);
	snprintf(e.worker, sizeof(e.worker), "%s", worker);
	e.version = version;
	e.start = parse_time(start);
	e.end = parse_time(end);
	e.brk = (int)brk;
	if (!e.start || e.end <= e.start) {
		json_decref(in);
		*status = 400;
		*json = xstrdup("{\"error\":\"start and end must be UTC times, the end after the start\"}");
		return;
	}
	/* A new version of a shift replaces its earlier contract. */
	for (int i = 0; i < nentries; i++)
		if (entries[i].active && !strcmp(entries[i].shift, e.shift) && entries[i].version < e.version)
			entries[i].active = 0;
	list = json_array();
	for (int i = 0; i < nentries; i++) {
		const Entry *o = &entries[i];
		if (!o->active || strcmp(o->worker, e.worker) || !strcmp(o->shift, e.shift))
			continue;
		if (day_of(o->start) == day_of(e.start))
			day += minutes(o);
		if (week_of(o->start) == week_of(e.start))
			week += minutes(o);
		if (o->start < e.end + REST_MIN_S && o->end > e.start - REST_MIN_S)
			short_rest = 1; /* or an overlap */
	}
	if (day + minutes(&e) > DAY_MAX_MIN)
		violation(list, "max_day", "More than 11 hours of work in a day.");
	if (week + minutes(&e) > WEEK_MAX_MIN)
		violation(list, "max_week", "More than 50 hours of work in a week.");
	if (short_rest)
		violation(list, "min_rest", "Less than 11 hours of rest between two shifts.");
	if (age_at(birth, e.start) < 18 && at_night(e.start, e.end))
		violation(list, "night_minor", "No night work under 18.");
	if (json_array_size(list)) {
		out = json_pack("{s:o}", "violations", list);
		e.status = 422;
	} else {
		char *pdf;
		json_decref(list);
		snprintf(no, sizeof(no), "C%06d", ++contracts);
		wage = wage_of(position);
		pdf = pdf_of(no, name, position, start, end, wage);
		out = json_pack("{s:s, s:f, s:f, s:i, s:{s:s, s:s}}", "contract_no", no, "hourly_wage", wage,
				"bill_rate", wage * 1.65, "premium_pct", at_night(e.start, e.end) ? 20 : 0,
				"document", "filename", "contract.pdf", "content_base64", pdf);
		free(pdf);
		e.status = 201;
		e.active = 1;
	}
	e.json = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	json_decref(in);
	saved = add();
	*saved = e;
	*status = e.status;
	*json = xstrdup(e.json);
}

char *contracts_stats(void)
{
	char buf[96];
	snprintf(buf, sizeof(buf), "{\"contracts\":%d,\"requests\":%d}", contracts, requests);
	return xstrdup(buf);
}
