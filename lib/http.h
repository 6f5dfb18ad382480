/* http.h: the response: status, every header, cookies, body — written in one place */
#ifndef PORTAL_HTTP_H
#define PORTAL_HTTP_H

#include "request.h"

#define COOKIE_SESSION "__Host-session"
#define COOKIE_PRE     "__Host-pre"
#define COOKIE_LANG    "__Host-lang"

/* Queues a Set-Cookie: Secure, Path=/, SameSite=Lax, HttpOnly unless
 * script_visible. max_age < 0: until the browser closes; 0: delete. The
 * value must be a token of our own ([A-Za-z0-9_-]). */
void http_cookie(Request *r, const char *name, const char *value, long max_age);

/* Queues one more header line; name and value are ours, never user text. */
void http_header(Request *r, const char *name, const char *value);

/* Writes status, headers and (unless HEAD) body to the client. */
NEOERR *http_send(Request *r);

/* For a response the handler streams itself (a download): writes status
 * and headers with this Content-Length, then the handler writes the body
 * with http_write and sets r->sent. */
NEOERR *http_send_head(Request *r, unsigned long long length);
NEOERR *http_write(Request *r, const void *buf, size_t n);
/* A file written for this answer (a workbook) sent as it is read back,
 * then removed: never whole in memory. r->content_type and the headers
 * are the caller's. */
NEOERR *http_send_file(Request *r, const char *path);

/* o (taken, may be NULL when building it failed) as the answer's body,
 * compact JSON and a newline, application/json. */
struct json_t;
NEOERR *http_json(Request *r, struct json_t *o);

/* Ends the request with an error page (or JSON error) of this status.
 * detail goes to the technical log only. Returns STATUS_OK so that a
 * handler can `return http_fail(r, 404, "...")`. */
NEOERR *http_fail(Request *r, int status, const char *detail_fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* 303 to a local path (the prefix is added). */
NEOERR *http_redirect(Request *r, const char *local_path);

const char *http_reason(int status);

/* The value of a request header or CGI variable, lent; NULL when absent. */
const char *http_env(Request *r, const char *name);

#endif
