/* test_hours.c: the arithmetic of hours worked — breaks, work past midnight, both clock-change nights, night and weekend minutes, whole minutes, and each way an entry is refused */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hours.h"

#define BXL "Europe/Brussels"

/* The shipped rules: night 22:00–06:00. */
static const HoursRules rules = { .night_from = 22 * 60, .night_to = 6 * 60, .overtime_after = 8 * 60,
				  .max_day = 12 * 60, .max_week = 60 * 60, .min_rest = 11 * 60 };

static HoursEntry entry(int y, int m, int d, const char *a, const char *b, int overnight, int brk)
{
	HoursEntry e;
	const char *why = hours_entry(BXL, y, m, d, a, b, overnight, brk, &rules, &e);
	if (why)
		fail_msg("refused: %s", why);
	return e;
}

static void a_day_with_a_break(void **s)
{
	HoursEntry e = entry(2026, 11, 24, "07:00", "15:30", 0, 30);
	(void)s;
	assert_int_equal(e.minutes, 8 * 60);
	assert_int_equal(e.end - e.start, 510 * 60);
	assert_int_equal(e.night, 0);
	assert_int_equal(e.weekend, 0);
}

static void the_break_comes_off_the_night_in_proportion(void **s)
{
	/* 18:00–02:00, 60 minutes' break: 4 of the 8 hours at night, so half
	 * the break comes off them: 3.5 h night of 7 h worked. */
	HoursEntry e = entry(2026, 11, 24, "18:00", "02:00", 1, 60);
	(void)s;
	assert_int_equal(e.minutes, 7 * 60);
	assert_int_equal(e.night, 210);
}

static void past_midnight_with_the_overnight_mark(void **s)
{
	HoursEntry e = entry(2026, 11, 23, "22:00", "06:00", 1, 0);
	(void)s;
	assert_int_equal(e.minutes, 8 * 60);
	assert_int_equal(e.night, 8 * 60);
}

static void the_night_the_clocks_go_forward_lasts_an_hour_less(void **s)
{
	/* 29 March 2026, 02:00 → 03:00: 22:00–06:00 is seven hours, all of them night. */
	HoursEntry e = entry(2026, 3, 28, "22:00", "06:00", 1, 0);
	(void)s;
	assert_int_equal(e.minutes, 7 * 60);
	assert_int_equal(e.night, 7 * 60);
	/* Saturday 22:00 to Sunday 06:00: all of it weekend. */
	assert_int_equal(e.weekend, 7 * 60);
}

static void the_night_the_clocks_go_back_lasts_an_hour_more(void **s)
{
	/* 25 October 2026, 03:00 → 02:00: nine hours. */
	HoursEntry e = entry(2026, 10, 24, "22:00", "06:00", 1, 30);
	(void)s;
	assert_int_equal(e.minutes, 9 * 60 - 30);
	assert_int_equal(e.night, 9 * 60 - 30);
}

static void the_weekend_starts_at_saturday_midnight(void **s)
{
	/* Friday 20:00 to Saturday 04:00: four hours of Saturday. */
	HoursEntry e = entry(2026, 11, 27, "20:00", "04:00", 1, 0);
	(void)s;
	assert_int_equal(e.minutes, 8 * 60);
	assert_int_equal(e.weekend, 4 * 60);
	assert_int_equal(e.night, 6 * 60);
}

static void minutes_are_whole_and_premiums_round_to_the_minute(void **s)
{
	/* 21:59–22:02 with no break: 3 minutes, 2 at night. */
	HoursEntry e = entry(2026, 11, 24, "21:59", "22:02", 0, 0);
	/* 21:00–23:00 less 1 minute: 1 of 2 hours at night, less half the
	 * break: 59.5 minutes, rounded to 60. */
	HoursEntry f = entry(2026, 11, 24, "21:00", "23:00", 0, 1);
	(void)s;
	assert_int_equal(e.minutes, 3);
	assert_int_equal(e.night, 2);
	assert_int_equal(f.minutes, 119);
	assert_int_equal(f.night, 60);
}

static void each_wrong_entry_says_why(void **s)
{
	HoursEntry e;
	(void)s;
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "25:00", "26:00", 0, 0, &rules, &e), "time_format");
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "8:00", "16:00", 0, 0, &rules, &e), "time_format");
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "08:00", "16:00x", 0, 0, &rules, &e), "time_format");
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "16:00", "08:00", 0, 0, &rules, &e),
			    "entry_end_before_start");
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "08:00", "08:00", 0, 0, &rules, &e),
			    "entry_end_before_start");
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "08:00", "09:00", 1, 0, &rules, &e),
			    "overnight_too_long");
	assert_string_equal(hours_entry(BXL, 2026, 11, 24, "08:00", "09:00", 0, 60, &rules, &e), "break_too_long");
	assert_string_equal(hours_entry(BXL, 2026, 3, 29, "02:30", "09:00", 0, 0, &rules, &e), "time_gap");
	assert_null(hours_entry(BXL, 2026, 11, 24, "08:00", "09:00", 0, 59, &rules, &e));
	assert_int_equal(e.minutes, 1);
}

static void the_end_of_the_month_and_the_year(void **s)
{
	HoursEntry e = entry(2026, 12, 31, "22:00", "06:00", 1, 0);
	(void)s;
	assert_int_equal(e.minutes, 8 * 60);
	assert_int_equal(e.end - e.start, 8 * 3600);
}

static void clock_text(void **s)
{
	(void)s;
	assert_int_equal(hours_clock("00:00"), 0);
	assert_int_equal(hours_clock("23:59"), 1439);
	assert_int_equal(hours_clock("24:00"), -1);
	assert_int_equal(hours_clock("12:60"), -1);
	assert_int_equal(hours_clock("1200"), -1);
	assert_int_equal(hours_clock(""), -1);
	assert_int_equal(hours_clock(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_day_with_a_break),
		cmocka_unit_test(the_break_comes_off_the_night_in_proportion),
		cmocka_unit_test(past_midnight_with_the_overnight_mark),
		cmocka_unit_test(the_night_the_clocks_go_forward_lasts_an_hour_less),
		cmocka_unit_test(the_night_the_clocks_go_back_lasts_an_hour_more),
		cmocka_unit_test(the_weekend_starts_at_saturday_midnight),
		cmocka_unit_test(minutes_are_whole_and_premiums_round_to_the_minute),
		cmocka_unit_test(each_wrong_entry_says_why),
		cmocka_unit_test(the_end_of_the_month_and_the_year),
		cmocka_unit_test(clock_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
