/* test_bsn.c: the checks of the Dutch and the Belgian national ID number, and their masked form */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bsn.h"

static void dutch_numbers_pass_the_11_test(void **s)
{
	char out[BSN_LEN];

	(void)s;
	assert_true(bsn_check("NL", "111222333", out));
	assert_string_equal(out, "111222333");
	assert_true(bsn_check("NL", "1112.22-333 ", out));
	assert_string_equal(out, "111222333");
	assert_true(bsn_check("NL", "123456782", out));
	assert_false(bsn_check("NL", "123456789", out));      /* the check digit */
	assert_false(bsn_check("NL", "111222334", out));
	assert_false(bsn_check("NL", "000000000", out));      /* passes the sum, no number */
	assert_false(bsn_check("NL", "11122233", out));       /* eight digits */
	assert_false(bsn_check("NL", "1112223330", out));     /* ten */
	assert_false(bsn_check("NL", "11122233x", out));
	assert_false(bsn_check("NL", "", out));
	assert_false(bsn_check("NL", NULL, out));
	assert_false(bsn_check(NULL, "111222333", out));
	assert_false(bsn_check("DE", "111222333", out));
}

static void belgian_numbers_pass_modulo_97_before_and_after_2000(void **s)
{
	char out[BSN_LEN];

	(void)s;
	assert_true(bsn_check("BE", "90.07.30-033.36", out));   /* born 1990 */
	assert_string_equal(out, "90073003336");
	assert_false(bsn_check("BE", "90073003337", out));
	assert_true(bsn_check("BE", "05031512367", out));       /* born 2005: a 2 in front */
	assert_false(bsn_check("BE", "05031512368", out));
	assert_false(bsn_check("BE", "00000000097", out));      /* passes the sum, no number */
	assert_false(bsn_check("BE", "111222333", out));        /* a Dutch one */
	assert_false(bsn_check("BE", "123456789012", out));     /* twelve digits: over the buffer */
	assert_string_equal(out, "");
}

static void only_the_last_four_digits_show(void **s)
{
	char out[BSN_LEN], small[4];

	(void)s;
	bsn_mask("111222333", out, sizeof(out));
	assert_string_equal(out, "*****2333");
	bsn_mask("90073003336", out, sizeof(out));
	assert_string_equal(out, "*******3336");
	bsn_mask("123", out, sizeof(out));
	assert_string_equal(out, "123");
	bsn_mask("111222333", small, sizeof(small));
	assert_string_equal(small, "***");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dutch_numbers_pass_the_11_test),
		cmocka_unit_test(belgian_numbers_pass_modulo_97_before_and_after_2000),
		cmocka_unit_test(only_the_last_four_digits_show),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
