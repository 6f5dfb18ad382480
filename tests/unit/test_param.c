/* test_param.c: the parameter validators every route relies on */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"

static const Param p_int = { "n", P_INT, 0, 1, 100, NULL };
static const Param p_req = { "n", P_INT, P_REQUIRED, 1, 100, NULL };
static const Param p_date = { "d", P_DATE, 0, 0, 0, NULL };
static const Param p_month = { "m", P_MONTH, 0, 0, 0, NULL };
static const Param p_email = { "e", P_EMAIL, 0, 0, 254, NULL };
static const Param p_enum = { "l", P_ENUM, 0, 0, 0, "nl en fr" };
static const Param p_line = { "t", P_LINE, 0, 0, 5, NULL };
static const Param p_text = { "t", P_TEXT, 0, 0, 5, NULL };
static const Param p_token = { "k", P_TOKEN, 0, 0, 8, NULL };
static const Param p_local = { "next", P_LOCAL, 0, 0, 0, NULL };

static void integers_within_range_pass(void **s)
{
	(void)s;
	assert_null(param_check(&p_int, "1"));
	assert_null(param_check(&p_int, "100"));
	assert_string_equal(param_check(&p_int, "0"), "range");
	assert_string_equal(param_check(&p_int, "101"), "range");
	assert_string_equal(param_check(&p_int, "12a"), "integer");
	assert_string_equal(param_check(&p_int, " 5"), "integer");
	assert_string_equal(param_check(&p_int, "99999999999999999999"), "integer");
}

static void absent_is_fine_unless_required(void **s)
{
	(void)s;
	assert_null(param_check(&p_int, NULL));
	assert_null(param_check(&p_int, ""));
	assert_string_equal(param_check(&p_req, NULL), "required");
	assert_string_equal(param_check(&p_req, ""), "required");
}

static void dates_must_exist(void **s)
{
	(void)s;
	assert_null(param_check(&p_date, "2026-11-22"));
	assert_null(param_check(&p_date, "2028-02-29"));
	assert_string_equal(param_check(&p_date, "2026-02-29"), "date");
	assert_string_equal(param_check(&p_date, "2026-13-01"), "date");
	assert_string_equal(param_check(&p_date, "2026-1-01"), "date");
	assert_string_equal(param_check(&p_date, "22-11-2026"), "date");
	assert_null(param_check(&p_month, "2024-02"));
	assert_string_equal(param_check(&p_month, "2024-13"), "month");
	assert_string_equal(param_check(&p_month, "2024-02-01"), "month");
	assert_string_equal(param_check(&p_month, "24-02"), "month");
}

static void emails_refuse_line_breaks_and_missing_domains(void **s)
{
	(void)s;
	assert_null(param_check(&p_email, "jan@klant.example"));
	assert_string_equal(param_check(&p_email, "jan@klant"), "email");
	assert_string_equal(param_check(&p_email, "jan"), "email");
	assert_string_equal(param_check(&p_email, "@klant.example"), "email");
	assert_string_equal(param_check(&p_email, "jan@klant.example\r\nBcc: x@y.z"), "email");
	assert_string_equal(param_check(&p_email, "a@b@c.example"), "email");
	assert_string_equal(param_check(&p_email, "jan <jan@klant.example>"), "email");
}

static void enums_match_whole_words(void **s)
{
	(void)s;
	assert_null(param_check(&p_enum, "en"));
	assert_string_equal(param_check(&p_enum, "e"), "choice");
	assert_string_equal(param_check(&p_enum, "nl en"), "choice");
	assert_string_equal(param_check(&p_enum, "de"), "choice");
}

static void text_counts_characters_and_refuses_control_characters(void **s)
{
	(void)s;
	assert_null(param_check(&p_line, "héllo"));          /* 5 characters, 6 bytes */
	assert_string_equal(param_check(&p_line, "hello!"), "too_long");
	assert_string_equal(param_check(&p_line, "a\nb"), "characters");
	assert_null(param_check(&p_text, "a\nb"));
	assert_string_equal(param_check(&p_line, "a\x01"), "characters");
	assert_string_equal(param_check(&p_line, "\xc3("), "characters"); /* bad UTF-8 */
	assert_string_equal(param_check(&p_line, "\xed\xa0\x80"), "characters"); /* surrogate */
}

static void tokens_are_url_safe(void **s)
{
	(void)s;
	assert_null(param_check(&p_token, "aZ09-_"));
	assert_string_equal(param_check(&p_token, "a/b"), "characters");
	assert_string_equal(param_check(&p_token, "123456789"), "too_long");
}

static void local_paths_never_leave_the_site(void **s)
{
	(void)s;
	assert_null(param_check(&p_local, "/planning/week?d=1"));
	assert_string_equal(param_check(&p_local, "//evil.example/"), "path");
	assert_string_equal(param_check(&p_local, "/\\evil.example"), "path");
	assert_string_equal(param_check(&p_local, "https://evil.example/"), "path");
	assert_string_equal(param_check(&p_local, "/a b"), "path");
	assert_string_equal(param_check(&p_local, "/a\r\nSet-Cookie:x"), "path");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(integers_within_range_pass),
		cmocka_unit_test(absent_is_fine_unless_required),
		cmocka_unit_test(dates_must_exist),
		cmocka_unit_test(emails_refuse_line_breaks_and_missing_domains),
		cmocka_unit_test(enums_match_whole_words),
		cmocka_unit_test(text_counts_characters_and_refuses_control_characters),
		cmocka_unit_test(tokens_are_url_safe),
		cmocka_unit_test(local_paths_never_leave_the_site),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
