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

static long offset_at(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

void tz_span(const char *zone, time_t from, time_t to, TzSpan *span)
{
	time_t lo = from, hi = to;

	use(zone);
	snprintf(span->zone, sizeof(span->zone), "%s", zone);
	span->from = from;
	span->to = to;
	span->before = offset_at(from);
	span->after = offset_at(to);
	span->change = to + 1;
	if (span->before == span->after)
		return;
	/* Halving: lo has the offset before, hi the one after. */
	while (hi - lo > 1) {
		time_t mid = lo + (hi - lo) / 2;
		if (offset_at(mid) == span->before)
			lo = mid;
		else
			hi = mid;
	}
	span->change = hi;
}

void tz_span_local(const TzSpan *span, time_t t, struct tm *out)
{
	time_t local;

	if (t < span->from || t > span->to) {
		tz_local(span->zone, t, out);
		return;
	}
	local = t + (t < span->change ? span->before : span->after);
	gmtime_r(&local, out);
	out->tm_isdst = 0;
	out->tm_gmtoff = 0;
	out->tm_zone = NULL;
}
