/* test_mail.c: messages built for SMTP — headers safe, encodings right, Message-ID stable */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "conf.h"
#include "mail.h"
#include "util.h"

static int setup(void **s)
{
	(void)s;
	nerr_init();
	return conf_load_public("conf/test.hdf") == STATUS_OK ? 0 : -1;
}

static char *build(const char *payload, long long id, const char *key, NEOERR **err)
{
	STRING out;
	char rcpt[256];
	char *copy;

	string_init(&out);
	*err = mail_build(&out, id, key, payload, rcpt, sizeof(rcpt));
	copy = out.buf ? xstrdup(out.buf) : NULL;
	string_clear(&out);
	return copy;
}

static void a_plain_mail_has_the_headers_a_client_expects(void **s)
{
	NEOERR *err;
	char *m = build("{\"to\":\"jan@klant.example\",\"to_name\":\"Jan\",\"subject\":\"Hallo\","
			"\"text\":\"Dag Jan\"}", 7, "k1", &err);
	(void)s;
	assert_null(err);
	assert_non_null(strstr(m, "\r\nTo: Jan <jan@klant.example>\r\n"));
	assert_non_null(strstr(m, "\r\nSubject: Hallo\r\n"));
	assert_non_null(strstr(m, "\r\nMessage-ID: <outbox-7-"));
	assert_non_null(strstr(m, "Content-Type: text/plain; charset=utf-8\r\n"));
	assert_non_null(strstr(m, "\r\n\r\nRGFnIEphbg==\r\n")); /* "Dag Jan" */
	free(m);
}

static void the_message_id_is_the_same_on_every_attempt(void **s)
{
	NEOERR *err;
	const char *p = "{\"to\":\"a@b.example\",\"subject\":\"x\",\"text\":\"y\"}";
	char *a = build(p, 9, "invite:42", &err), *b = build(p, 9, "invite:42", &err);
	char *ia = strstr(a, "Message-ID:"), *ib = strstr(b, "Message-ID:");
	(void)s;
	assert_non_null(ia);
	assert_memory_equal(ia, ib, strcspn(ia, "\r"));
	free(a);
	free(b);
}

static void a_subject_with_accents_is_encoded(void **s)
{
	NEOERR *err;
	char *m = build("{\"to\":\"a@b.example\",\"subject\":\"Réservé\",\"text\":\"y\"}", 1, "k",
			&err);
	(void)s;
	assert_null(err);
	assert_non_null(strstr(m, "Subject: =?UTF-8?B?UsOpc2VydsOp?="));
	free(m);
}

static void line_breaks_in_headers_are_refused(void **s)
{
	NEOERR *err;
	char *m;
	(void)s;
	m = build("{\"to\":\"a@b.example\",\"subject\":\"x\\r\\nBcc: e@evil.example\",\"text\":\"y\"}",
		  1, "k", &err);
	assert_non_null(err);
	nerr_ignore(&err);
	free(m);
	m = build("{\"to\":\"a@b.example\\nBcc: e@evil.example\",\"subject\":\"x\",\"text\":\"y\"}",
		  1, "k", &err);
	assert_non_null(err);
	nerr_ignore(&err);
	free(m);
	assert_false(mail_address_ok("a@b.example\r\n"));
	assert_false(mail_address_ok("Jan <a@b.example>"));
	assert_true(mail_address_ok("jan.de-vries+portal@klant.example"));
	assert_false(mail_header_ok("a\rb"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_plain_mail_has_the_headers_a_client_expects),
		cmocka_unit_test(the_message_id_is_the_same_on_every_attempt),
		cmocka_unit_test(a_subject_with_accents_is_encoded),
		cmocka_unit_test(line_breaks_in_headers_are_refused),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
