/* log.h: the technical log (stderr): one structured line per request, errors with their reference id */
#ifndef PORTAL_LOG_H
#define PORTAL_LOG_H

#include <stdint.h>
#include <ClearSilver.h>

/* Sets the program name written on every line. */
void log_init(const char *program);

/* A line "time level=... prog=... ref=... msg=..."; msg is a format of our
 * own, never user text. */
void log_msg(const char *level, const char *ref, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Logs err (with its traceback, on one line) under ref; does not free it. */
void log_nerr(const char *ref, NEOERR *err);

/* The per-request line: no query strings, no personal data. */
void log_request(const char *ref, const char *method, const char *route, int status,
		 int64_t duration_us, long long user_id);

#endif
