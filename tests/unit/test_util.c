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

static void a_cap_cuts_between_characters(void **s)
{
	char buf[64];
	(void)s;
	snprintf(buf, sizeof(buf), "%s", "a\xf0\x9f\x98\x80" "b\xc3\xab" "c");  /* a😀bëc */
	util_utf8_cap(buf, 10);
	assert_string_equal(buf, "a\xf0\x9f\x98\x80" "b\xc3\xab" "c");
	util_utf8_cap(buf, 4);
	assert_string_equal(buf, "a\xf0\x9f\x98\x80" "b\xc3\xab");
	util_utf8_cap(buf, 2);
	assert_string_equal(buf, "a\xf0\x9f\x98\x80");
	util_utf8_cap(buf, 0);
	assert_string_equal(buf, "");
	/* Half a character at the end (a cut at a byte count) goes. */
	snprintf(buf, sizeof(buf), "%s", "ab\xf0\x9f\x98");
	util_utf8_cap(buf, 10);
	assert_string_equal(buf, "ab");
	memcpy(buf, "x\xf0\x9f\x98\x80", 4);  /* a cut at 4 bytes */
	buf[4] = '\0';
	util_utf8_cap(buf, 100);
	assert_string_equal(buf, "x");
	assert_true(util_utf8_ok(buf, 0));
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
		cmocka_unit_test(a_cap_cuts_between_characters),
		cmocka_unit_test(constant_time_compare_compares),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
