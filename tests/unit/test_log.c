/* test_log.c: the technical log's lines — one line each, within the buffer, whatever the fields */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "log.h"

#define LINE_MAX_BYTES 8192

static FILE *capture;
static int saved_stderr = -1;

/* The log writes to stderr: into a temporary file for the length of one
 * call, so that the test's own messages still reach the terminal. */
#define CAPTURED(call) do { \
		fflush(stderr); \
		saved_stderr = dup(STDERR_FILENO); \
		dup2(fileno(capture), STDERR_FILENO); \
		call; \
		dup2(saved_stderr, STDERR_FILENO); \
		close(saved_stderr); \
	} while (0)

static int setup(void **s)
{
	(void)s;
	capture = tmpfile();
	return capture ? 0 : -1;
}

static int teardown(void **s)
{
	(void)s;
	fclose(capture);
	return 0;
}

/* What was written since the last call, whole; given, to free. */
static char *taken(size_t *len)
{
	static long from;
	long end;
	char *buf;

	fflush(capture);
	end = lseek(fileno(capture), 0, SEEK_END);
	buf = calloc(1, (size_t)(end - from) + 1);
	assert_non_null(buf);
	assert_int_equal(pread(fileno(capture), buf, (size_t)(end - from), from), end - from);
	*len = (size_t)(end - from);
	from = end;
	return buf;
}

/* Exactly one line came: a newline at its end and nowhere else, at most
 * the buffer's size, and every quoted value closed. */
static void assert_one_line(const char *what, size_t n)
{
	size_t len;
	char *got = taken(&len);

	if (len == 0 || len > LINE_MAX_BYTES || got[len - 1] != '\n' || memchr(got, '\n', len - 1) ||
	    strlen(got) != len)
		fail_msg("%s of %zu bytes: a line of %zu bytes", what, n, len);
	if (len >= 2 && got[len - 2] != '"' && strstr(got, "msg=\""))
		fail_msg("%s of %zu bytes: the message is not closed", what, n);
	free(got);
}

static char *filled(size_t n, char c)
{
	char *s = malloc(n + 1);
	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

static void a_method_of_any_length_stays_one_line(void **s)
{
	(void)s;
	for (size_t n = 0; n <= 2 * LINE_MAX_BYTES; n += n < 300 ? 1 : 97) {
		char *m = filled(n, 'G');
		CAPTURED(log_request("REF", m, "/login", 405, 1234, 0));
		assert_one_line("method", n);
		free(m);
	}
}

static void a_method_cannot_fake_a_field(void **s)
{
	size_t len;
	char *got;

	(void)s;
	CAPTURED(log_request("REF", "GET status=200 user=1", "/", 405, 1, 0));
	got = taken(&len);
	assert_null(strstr(got, "status=200"));
	assert_non_null(strstr(got, "status=405"));
	free(got);
}

static void a_route_of_any_length_stays_one_line(void **s)
{
	(void)s;
	for (size_t n = 0; n <= 2 * LINE_MAX_BYTES; n += n < 300 ? 1 : 89) {
		char *route = filled(n, '/');
		CAPTURED(log_request("REF", "GET", route, 404, 1, 42));
		assert_one_line("route", n);
		/* Quotes and backslashes take two bytes each when escaped. */
		memset(route, n % 2 ? '"' : '\\', n);
		CAPTURED(log_request("REF", "GET", route, 404, 1, 42));
		assert_one_line("route of quotes", n);
		free(route);
	}
}

static void a_message_of_any_length_stays_one_line(void **s)
{
	(void)s;
	for (size_t n = 0; n <= 3000; n += n < 300 ? 1 : 53) {
		char *m = filled(n, 'x');
		for (size_t i = 0; i < n; i += 7)
			m[i] = i % 3 ? '\n' : '"';
		CAPTURED(log_msg("warn", "REF", "%s", m));
		assert_one_line("message", n);
		free(m);
	}
}

static void a_long_reference_stays_one_line(void **s)
{
	char *ref = filled(LINE_MAX_BYTES + 10, 'R');

	(void)s;
	CAPTURED(log_msg("info", ref, "%s", "hello"));
	assert_one_line("reference", LINE_MAX_BYTES + 10);
	CAPTURED(log_request(ref, "GET", "/", 200, 1, 0));
	assert_one_line("reference", LINE_MAX_BYTES + 10);
	free(ref);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_method_of_any_length_stays_one_line),
		cmocka_unit_test(a_method_cannot_fake_a_field),
		cmocka_unit_test(a_route_of_any_length_stays_one_line),
		cmocka_unit_test(a_message_of_any_length_stays_one_line),
		cmocka_unit_test(a_long_reference_stays_one_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
