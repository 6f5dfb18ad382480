/* hours.c: the arithmetic of hours worked — an entry in a unit's zone and its night and weekend minutes */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "hours.h"
#include "tz.h"

void hours_rules(HoursRules *rules)
{
	rules->night_from = hours_clock(conf_str("Timesheets.NightFrom"));
	rules->night_to = hours_clock(conf_str("Timesheets.NightTo"));
	rules->overtime_after = 60 * conf_int("Timesheets.OvertimeAfterHours");
	rules->max_day = 60 * conf_int("Timesheets.MaxDayHours");
	rules->max_week = 60 * conf_int("Timesheets.MaxWeekHours");
	rules->min_rest = 60 * conf_int("Planning.MinRestHours");
}

int hours_clock(const char *s)
{
	int h, m, used = 0;

	if (!s || sscanf(s, "%2d:%2d%n", &h, &m, &used) != 2 || used != 5 || s[5] || s[2] != ':' ||
	    h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

static int at_night(const HoursRules *rules, int minute)
{
	if (rules->night_from == rules->night_to)
		return 0;
	if (rules->night_from < rules->night_to)
		return minute >= rules->night_from && minute < rules->night_to;
	return minute >= rules->night_from || minute < rules->night_to;
}

/* Minute by minute through the wall clock: exact at the clock changes and
 * across midnight, and an entry is a day's work at most (1,440 steps). */
void hours_premiums(const char *zone, const HoursRules *rules, HoursEntry *e)
{
	long night = 0, weekend = 0, span = (long)(e->end - e->start) / 60;
	TzSpan s;

	e->night = e->weekend = 0;
	if (span <= 0)
		return;
	tz_span(zone, e->start, e->end, &s);
	for (time_t t = e->start; t < e->end; t += 60) {
		struct tm tm;
		tz_span_local(&s, t, &tm);
		night += at_night(rules, tm.tm_hour * 60 + tm.tm_min);
		weekend += tm.tm_wday == 0 || tm.tm_wday == 6;
	}
	/* The break comes off each part as it comes off the whole. */
	e->night = (int)((night * e->minutes + span / 2) / span);
	e->weekend = (int)((weekend * e->minutes + span / 2) / span);
}

const char *hours_entry(const char *zone, int y, int m, int d, const char *start, const char *end,
			int overnight, int break_minutes, const HoursRules *rules, HoursEntry *out)
{
	int a = hours_clock(start), b = hours_clock(end);
	struct tm next = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + 1 };

	memset(out, 0, sizeof(*out));
	if (a < 0 || b < 0)
		return "time_format";
	if (!overnight && b <= a)
		return "entry_end_before_start";
	if (overnight && b > a)
		return "overnight_too_long";
	if (!tz_utc(zone, y, m, d, a / 60, a % 60, &out->start))
		return "time_gap";
	/* The next day's date, whatever the month. */
	timegm(&next);
	if (!tz_utc(zone, overnight ? next.tm_year + 1900 : y, overnight ? next.tm_mon + 1 : m,
		    overnight ? next.tm_mday : d, b / 60, b % 60, &out->end))
		return "time_gap";
	if (break_minutes < 0 || (out->end - out->start) / 60 <= break_minutes)
		return "break_too_long";
	out->break_minutes = break_minutes;
	out->minutes = (int)((out->end - out->start) / 60) - break_minutes;
	hours_premiums(zone, rules, out);
	return NULL;
}
