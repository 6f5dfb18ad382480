/* hours.h: the arithmetic of hours worked — an entry in a unit's zone and its night and weekend minutes */
#ifndef PORTAL_HOURS_H
#define PORTAL_HOURS_H

#include <time.h>

/* The rules of conf/portal.hdf (Timesheets.*), in minutes. */
typedef struct hours_rules {
	int night_from, night_to;   /* the night, after midnight: 22:00–06:00 is 1320, 360 */
	int overtime_after;         /* worked minutes of a day beyond which is overtime */
	int max_day, max_week;      /* the legal maxima of work */
	int min_rest;               /* the least rest between two days' work */
} HoursRules;

void hours_rules(HoursRules *rules);

/* One entry of a timesheet: a day's work from start to end, less its
 * break. The moments are UTC; the minutes count real time, so that a
 * night across the clock change lasts what it lasted. */
typedef struct hours_entry {
	time_t start, end;
	int break_minutes;
	int minutes;                /* worked: end - start - break */
	int night, weekend;         /* of the worked minutes, those at night and on Saturday or Sunday */
} HoursEntry;

/* "HH:MM" into minutes after midnight; -1 when it is not such a time. */
int hours_clock(const char *s);

/* An entry from the unit's wall clock: the day (y, m, d), start and end
 * as "HH:MM", whether it ends on the next day (overnight), the break in
 * minutes. NULL when it is good, else why not — a key of Lang.Errors:
 * "time_format" (not a time), "time_gap" (the hour the clocks skip),
 * "entry_end_before_start" (without the overnight mark),
 * "overnight_too_long" (with it, an end after the start: more than a
 * day), "break_too_long" (not shorter than the work). The minutes are
 * whole: times have no seconds. */
const char *hours_entry(const char *zone, int y, int m, int d, const char *start, const char *end,
			int overnight, int break_minutes, const HoursRules *rules, HoursEntry *out);

/* The worked minutes of an entry that fall at night and at the weekend
 * (out->night, out->weekend), for start, end and break_minutes already
 * set: the break is taken from each part in proportion. */
void hours_premiums(const char *zone, const HoursRules *rules, HoursEntry *e);

#endif
