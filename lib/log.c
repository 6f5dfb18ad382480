/* log.c: the technical log (stderr): one structured line per request, errors with their reference id */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>

#include "log.h"
#include "util.h"

static const char *prog = "portal";

void log_init(const char *program)
{
	prog = program;
}

/* A line is built in one buffer and written with one write(2), so lines of
 * processes sharing a log file never interleave. */
struct line {
	char buf[8192];
	size_t len;
};

static void add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n;
	if (l->len > sizeof(l->buf) - 1)
		l->len = sizeof(l->buf) - 1;
}

/* Adds s quoted, with control characters (the newlines of a traceback among
 * them) turned into spaces, so that every entry stays one line. */
static void add_quoted(struct line *l, const char *s)
{
	size_t room = sizeof(l->buf) - 3;

	if (l->len < room)
		l->buf[l->len++] = '"';
	for (; *s && l->len < room; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			l->buf[l->len++] = '\\';
			l->buf[l->len++] = (char)c;
		} else {
			l->buf[l->len++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
		}
	}
	l->buf[l->len++] = '"';
}

static void begin(struct line *l, const char *level, const char *ref)
{
	struct timeval tv;
	struct tm tm;

	l->len = 0;
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	add(l, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ level=%s prog=%s ref=%s",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (int)(tv.tv_usec / 1000), level, prog, ref ? ref : "-");
}

static void finish(struct line *l)
{
	ssize_t w;
	size_t off = 0;

	l->buf[l->len++] = '\n';
	while (off < l->len) {
		w = write(STDERR_FILENO, l->buf + off, l->len - off);
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

void log_msg(const char *level, const char *ref, const char *fmt, ...)
{
	struct line l;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	begin(&l, level, ref);
	add(&l, " msg=");
	add_quoted(&l, msg);
	finish(&l);
}

void log_nerr(const char *ref, NEOERR *err)
{
	struct line l;
	STRING str;

	string_init(&str);
	nerr_error_traceback(err, &str);
	begin(&l, "error", ref);
	add(&l, " msg=");
	add_quoted(&l, str.buf ? str.buf : "unknown error");
	finish(&l);
	string_clear(&str);
}

void log_request(const char *ref, const char *method, const char *route, int status,
		 int64_t duration_us, long long user_id)
{
	struct line l;

	begin(&l, "info", ref);
	add(&l, " method=%s route=", method);
	add_quoted(&l, route);
	add(&l, " status=%d ms=%.3f", status, (double)duration_us / 1000.0);
	if (user_id > 0)
		add(&l, " user=%lld", user_id);
	else
		add(&l, " user=-");
	finish(&l);
}
