/* test_auth.c: password hashing and the rules a new password must meet */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "auth.h"
#include "conf.h"

static int setup(void **s)
{
	(void)s;
	nerr_init();
	return conf_load_public("conf/test.hdf") == STATUS_OK ? 0 : -1;
}

static void a_hash_is_bcrypt_2b_and_verifies(void **s)
{
	char h[AUTH_HASH_MAX];
	(void)s;
	assert_null(auth_hash("paarse olifant danst tango", h));
	assert_memory_equal(h, "$2b$04$", 7); /* the test configuration's cost */
	assert_true(auth_verify("paarse olifant danst tango", h));
	assert_false(auth_verify("paarse olifant danst tang", h));
	assert_false(auth_verify("paarse olifant danst tango", NULL));
}

static void bytes_after_the_72nd_count(void **s)
{
	char h[AUTH_HASH_MAX], a[100], b[100];
	(void)s;
	memset(a, 'x', 90);
	a[90] = '\0';
	memcpy(b, a, 91);
	b[89] = 'y';
	assert_null(auth_hash(a, h));
	assert_false(auth_verify(b, h));
}

static void two_hashes_of_one_password_differ(void **s)
{
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];
	(void)s;
	assert_null(auth_hash("paarse olifant danst tango", h1));
	assert_null(auth_hash("paarse olifant danst tango", h2));
	assert_string_not_equal(h1, h2);
}

static void the_rules_of_a_new_password(void **s)
{
	(void)s;
	assert_null(auth_password_problem("paarse olifant danst tango", "Eva", "Visser", "eva@klant.example"));
	assert_null(auth_password_problem("één twee drie vier vijf", "Eva", "Visser", "eva@klant.example"));
	assert_string_equal(auth_password_problem("kort maar", "Eva", "Visser", "e@k.example"), "password_short");
	/* A run of spaces counts once: eleven characters padded are short. */
	assert_string_equal(auth_password_problem("kort    maar", "Eva", "Visser", "e@k.example"), "password_short");
	assert_null(auth_password_problem("paarse  olifant", "Eva", "Visser", "e@k.example"));
	assert_string_equal(auth_password_problem("password1234", "Eva", "Visser", "e@k.example"), "password_weak");
	assert_string_equal(auth_password_problem("Password123!", "Eva", "Visser", "e@k.example"), "password_weak");
	assert_string_equal(auth_password_problem("123456789012", "Eva", "Visser", "e@k.example"), "password_weak");
	assert_string_equal(auth_password_problem("eva visser rocks 2026", "Eva", "Visser", "e@k.example"),
			    "password_personal");
	assert_string_equal(auth_password_problem("mijn adres planner.eva ok", "X", "Y", "planner.eva@klant.example"),
			    "password_personal");
	assert_string_equal(auth_password_problem("tab\there and more", "X", "Y", "e@k.example"), "characters");
	{
		char longpw[200];
		memset(longpw, 'a', 129);
		longpw[129] = '\0';
		assert_string_equal(auth_password_problem(longpw, "X", "Y", "e@k.example"), "password_long");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_hash_is_bcrypt_2b_and_verifies),
		cmocka_unit_test(bytes_after_the_72nd_count),
		cmocka_unit_test(two_hashes_of_one_password_differ),
		cmocka_unit_test(the_rules_of_a_new_password),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
