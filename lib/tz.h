/* tz.h: the wall clock of a place — an IANA zone such as Europe/Brussels — to and from UTC, daylight saving included */
#ifndef PORTAL_TZ_H
#define PORTAL_TZ_H

#include <time.h>

/* Is zone one this machine knows (tzdata: /usr/share/zoneinfo/<zone>)? */
int tz_known(const char *zone);

/* The UTC moment of a wall-clock time (year, month 1-12, day, hour,
 * minute) in zone. 0 when that time does not exist there — not a real
 * date, or the hour skipped when the clocks go forward. In the hour that
 * comes twice when they go back, the first. */
int tz_utc(const char *zone, int year, int month, int day, int hour, int minute, time_t *out);

/* The wall-clock time in zone of a UTC moment. */
void tz_local(const char *zone, time_t t, struct tm *out);

/* A zone's offset from UTC over a span of time, found once, for converting
 * many moments of a page (a week's shifts) without the C library's work
 * each time. Zones change their offset twice a year at most: a span of a
 * few weeks holds one change at most, found to the second. */
typedef struct tz_span {
	time_t from, to;    /* the span */
	time_t change;      /* the first moment with the offset after; to + 1 when none */
	long before, after; /* seconds east of UTC */
	char zone[64];
} TzSpan;

void tz_span(const char *zone, time_t from, time_t to, TzSpan *span);

/* The wall-clock time of t in the span's zone (as tz_local; tm_isdst and
 * tm_zone are not set). Outside the span, tz_local's answer. */
void tz_span_local(const TzSpan *span, time_t t, struct tm *out);

#endif
