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

#endif
