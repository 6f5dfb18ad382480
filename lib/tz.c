/* tz.c: wall-clock times of a zone to and from UTC, through the C library and tzdata
 *
 * The C library converts in the process's zone (TZ), so the process takes
 * on the zone it converts for; a FastCGI process serves one request at a
 * time, and nothing else in the portal reads the local clock. The zone is
 * only switched when it changes: glibc then reads its file again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tz.h"

static char current[64];

static void use(const char *zone)
{
	if (!strcmp(current, zone))
		return;
	snprintf(current, sizeof(current), "%s", zone);
	setenv("TZ", current, 1);
	tzset();
}

int tz_known(const char *zone)
{
	char path[128];
	size_t l = strlen(zone);

	/* Area/City names: letters, digits, _ + - and slashes, no "..". */
	if (!l || l >= sizeof(current) || zone[0] == '/' || strstr(zone, "..") ||
	    zone[strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-/")])
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	return access(path, R_OK) == 0;
}

/* The moment the wall-clock time has under summer time (isdst 1) or
 * standard time (0), when it reads back as that same wall-clock time. */
static int moment(int year, int month, int day, int hour, int minute, int isdst, time_t *out)
{
	struct tm tm = { .tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day,
			 .tm_hour = hour, .tm_min = minute, .tm_isdst = isdst };
	struct tm back;
	time_t t = mktime(&tm);

	if (t == (time_t)-1 || !localtime_r(&t, &back) || back.tm_year != year - 1900 ||
	    back.tm_mon != month - 1 || back.tm_mday != day || back.tm_hour != hour || back.tm_min != minute)
		return 0;
	*out = t;
	return 1;
}

int tz_utc(const char *zone, int year, int month, int day, int hour, int minute, time_t *out)
{
	use(zone);
	/* Summer time first: in the hour that comes twice, its reading is
	 * the earlier one. A time in the skipped hour reads back as neither. */
	return moment(year, month, day, hour, minute, 1, out) ||
	       moment(year, month, day, hour, minute, 0, out);
}

void tz_local(const char *zone, time_t t, struct tm *out)
{
	use(zone);
	localtime_r(&t, out);
}
