/* test_util.c: encodings and UTF-8 checks the rest of lib builds on */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"

static void base64url_has_no_padding_and_no_plus_or_slash(void **s)
{
	char out[64];
	const unsigned char in[] = { 0xfb, 0xff, 0xbf, 0x00 };
	(void)s;
	util_b64url(in, 3, out);
	assert_string_equal(out, "-_-_");
	util_b64url(in, 4, out);
	assert_string_equal(out, "-_-_AA");
	util_b64url((const unsigned char *)"ab", 2, out);
	assert_string_equal(out, "YWI");
}

static void hex_is_lower_case(void **s)
{
	char out[8];
	const unsigned char in[] = { 0xab, 0x01, 0xf0 };
	(void)s;
	util_hex(in, 3, out);
	assert_string_equal(out, "ab01f0");
}

static void utf8_length_counts_characters(void **s)
{
	(void)s;
	assert_int_equal(util_utf8_len("Zoë"), 3);
	assert_int_equal(util_utf8_len("€"), 1);
	assert_true(util_utf8_ok("Français – ok", 0));
	assert_false(util_utf8_ok("\xc0\xaf", 0)); /* overlong '/' */
	assert_false(util_utf8_ok("a\x7f", 0));
	assert_true(util_utf8_ok("a\r\nb", 1));
	assert_false(util_utf8_ok("a\r\nb", 0));
}

static void constant_time_compare_compares(void **s)
{
	(void)s;
	assert_true(util_streq_ct("abc", "abc"));
	assert_false(util_streq_ct("abc", "abd"));
	assert_false(util_streq_ct("abc", "abcd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base64url_has_no_padding_and_no_plus_or_slash),
		cmocka_unit_test(hex_is_lower_case),
		cmocka_unit_test(utf8_length_counts_characters),
		cmocka_unit_test(constant_time_compare_compares),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
