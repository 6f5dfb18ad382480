/* test_tz.c: wall-clock times of a zone to and from UTC — shifts across midnight and across the clock changes have their real length */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tz.h"

#define BXL "Europe/Brussels"

static time_t at(const char *zone, int y, int mo, int d, int h, int mi)
{
	time_t t = 0;
	assert_true(tz_utc(zone, y, mo, d, h, mi, &t));
	return t;
}

static void winter_and_summer_offsets(void **s)
{
	(void)s;
	/* 1 January 09:00 in Brussels is 08:00 UTC; 1 July 09:00 is 07:00 UTC. */
	assert_int_equal(at(BXL, 2026, 1, 1, 9, 0), 1767225600 + 8 * 3600);
	assert_int_equal(at(BXL, 2026, 7, 1, 9, 0), 1782864000 + 7 * 3600);
	assert_int_equal(at("UTC", 2026, 7, 1, 9, 0), 1782864000 + 9 * 3600);
}

static void a_night_shift_across_midnight_lasts_eight_hours(void **s)
{
	(void)s;
	assert_int_equal(at(BXL, 2026, 11, 24, 6, 0) - at(BXL, 2026, 11, 23, 22, 0), 8 * 3600);
}

static void across_the_clock_changes(void **s)
{
	(void)s;
	/* 29 March 2026: the clocks go from 02:00 to 03:00. 22:00 to 06:00 is 7 hours. */
	assert_int_equal(at(BXL, 2026, 3, 29, 6, 0) - at(BXL, 2026, 3, 28, 22, 0), 7 * 3600);
	/* 25 October 2026: from 03:00 back to 02:00. 22:00 to 06:00 is 9 hours. */
	assert_int_equal(at(BXL, 2026, 10, 25, 6, 0) - at(BXL, 2026, 10, 24, 22, 0), 9 * 3600);
}

static void the_skipped_hour_does_not_exist_and_the_double_hour_is_the_first(void **s)
{
	time_t t;
	struct tm tm;
	(void)s;
	assert_false(tz_utc(BXL, 2026, 3, 29, 2, 30, &t));
	/* 02:30 on 25 October comes twice: first at 00:30 UTC. */
	assert_int_equal(at(BXL, 2026, 10, 25, 2, 30), at("UTC", 2026, 10, 25, 0, 30));
	tz_local(BXL, at("UTC", 2026, 10, 25, 1, 30), &tm);
	assert_int_equal(tm.tm_hour, 2);
	assert_int_equal(tm.tm_min, 30);
}

static void dates_that_are_not_real_are_refused(void **s)
{
	time_t t;
	(void)s;
	assert_false(tz_utc(BXL, 2026, 2, 30, 9, 0, &t));
	assert_false(tz_utc(BXL, 2026, 13, 1, 9, 0, &t));
	assert_false(tz_utc(BXL, 2026, 1, 1, 24, 0, &t));
}

static void local_time_of_a_utc_moment(void **s)
{
	struct tm tm;
	(void)s;
	tz_local(BXL, at("UTC", 2026, 11, 23, 23, 30), &tm);
	assert_int_equal(tm.tm_mday, 24);
	assert_int_equal(tm.tm_hour, 0);
	assert_int_equal(tm.tm_wday, 2);
}

/* A span's conversions are the C library's, minute by minute, over the
 * weeks of both clock changes and a week without one, in two zones. */
static void a_span_converts_as_the_library_does(void **s)
{
	static const char *const zones[] = { "Europe/Brussels", "America/New_York" };
	static const int weeks[][3] = { { 2026, 3, 23 }, { 2026, 10, 19 }, { 2026, 6, 1 }, { 2026, 11, 2 } };
	(void)s;
	for (size_t z = 0; z < 2; z++)
		for (size_t w = 0; w < 4; w++) {
			time_t from, to;
			TzSpan span;
			assert_true(tz_utc(zones[z], weeks[w][0], weeks[w][1], weeks[w][2], 0, 0, &from));
			to = from + 8 * 86400;
			tz_span(zones[z], from - 86400, to, &span);
			for (time_t t = from - 86400; t <= to; t += 60) {
				struct tm a, b;
				tz_span_local(&span, t, &a);
				tz_local(zones[z], t, &b);
				if (a.tm_year != b.tm_year || a.tm_mon != b.tm_mon || a.tm_mday != b.tm_mday ||
				    a.tm_hour != b.tm_hour || a.tm_min != b.tm_min || a.tm_wday != b.tm_wday)
					fail_msg("%s at %lld: %02d:%02d, the library says %02d:%02d", zones[z],
						 (long long)t, a.tm_hour, a.tm_min, b.tm_hour, b.tm_min);
			}
		}
}

static void only_known_zones(void **s)
{
	(void)s;
	assert_true(tz_known(BXL));
	assert_true(tz_known("Europe/Amsterdam"));
	assert_true(tz_known("UTC"));
	assert_false(tz_known("Europe/Atlantis"));
	assert_false(tz_known("../../etc/passwd"));
	assert_false(tz_known("/etc/localtime"));
	assert_false(tz_known(""));
	assert_false(tz_known("Europe/Brussels; rm"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(winter_and_summer_offsets),
		cmocka_unit_test(a_night_shift_across_midnight_lasts_eight_hours),
		cmocka_unit_test(across_the_clock_changes),
		cmocka_unit_test(the_skipped_hour_does_not_exist_and_the_double_hour_is_the_first),
		cmocka_unit_test(dates_that_are_not_real_are_refused),
		cmocka_unit_test(local_time_of_a_utc_moment),
		cmocka_unit_test(a_span_converts_as_the_library_does),
		cmocka_unit_test(only_known_zones),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
