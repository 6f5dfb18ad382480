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
 * processes sharing a log file never interleave. The text of a line holds
 * at most TEXT_MAX bytes: the last byte of buf is the newline's, always. A
 * field too long for what is left is cut, never written past the end. */
struct line {
	char buf[8192];
	size_t len;
};

#define TEXT_MAX (sizeof(((struct line *)0)->buf) - 1)

static void add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= TEXT_MAX)
		return;
	va_start(ap, fmt);
	/* Room for TEXT_MAX - len bytes and vsnprintf's NUL (at most at
	 * buf[TEXT_MAX], the newline's place). */
	n = vsnprintf(l->buf + l->len, TEXT_MAX + 1 - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n;
	if (l->len > TEXT_MAX)
		l->len = TEXT_MAX;
}

/* Adds s quoted, with control characters (the newlines of a traceback among
 * them) turned into spaces, so that every entry stays one line. The closing
 * quote always has its room: a cut value still ends in '"'. */
static void add_quoted(struct line *l, const char *s)
{
	if (l->len + 2 > TEXT_MAX)
		return;
	l->buf[l->len++] = '"';
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t need = (c == '"' || c == '\\') ? 2 : 1;
		if (l->len + need + 1 > TEXT_MAX)
			break;
		if (need == 2)
			l->buf[l->len++] = '\\';
		l->buf[l->len++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	l->buf[l->len++] = '"';
}

/* Adds a word nginx passed on (the method): letters as they are, at most
 * 32 of them, anything else as '?', so that no value can fake a field. */
static void add_word(struct line *l, const char *s)
{
	size_t i;

	for (i = 0; s[i] && i < 32 && l->len < TEXT_MAX; i++)
		l->buf[l->len++] = (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ? s[i] : '?';
	if (s[i] && l->len < TEXT_MAX)
		l->buf[l->len++] = '+';
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

	l->buf[l->len++] = '\n'; /* len <= TEXT_MAX: the last byte of buf */
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
	add(&l, " method=");
	add_word(&l, method);
	add(&l, " route=");
	add_quoted(&l, route);
	add(&l, " status=%d ms=%.3f", status, (double)duration_us / 1000.0);
	if (user_id > 0)
		add(&l, " user=%lld", user_id);
	else
		add(&l, " user=-");
	finish(&l);
}
