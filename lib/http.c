/* http.c: the response: status, every header, cookies, body — written in one place */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcgiapp.h>
#include <jansson.h>

#include "conf.h"
#include "http.h"
#include "util.h"

/* Script only from our own origin, no inline script or style attribute
 * handlers, no framing, forms only to ourselves. */
static const char default_csp[] =
	"default-src 'self'; script-src 'self'; style-src 'self'; "
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
	"frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
static const char security_headers[] =
	"X-Content-Type-Options: nosniff\r\n"
	"X-Frame-Options: DENY\r\n"
	"Referrer-Policy: same-origin\r\n"
	"Cross-Origin-Opener-Policy: same-origin\r\n"
	"Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=()\r\n";

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

const char *http_env(Request *r, const char *name)
{
	if (r->fcgi)
		return FCGX_GetParam(name, r->fcgi->envp);
	return getenv(name);
}

void http_cookie(Request *r, const char *name, const char *value, long max_age)
{
	if (!util_word(name, 1, 64) || !util_word(value, 1, 512)) {
		/* Our own values only; anything else is a bug, never sent. */
		return;
	}
	string_appendf(&r->headers, "Set-Cookie: %s=%s; Path=/; Secure; HttpOnly; SameSite=Lax",
		       name, value);
	if (max_age >= 0)
		string_appendf(&r->headers, "; Max-Age=%ld", max_age);
	string_append(&r->headers, "\r\n");
}

static int header_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

void http_header(Request *r, const char *name, const char *value)
{
	if (!header_ok(name) || !header_ok(value))
		return;
	string_appendf(&r->headers, "%s: %s\r\n", name, value);
}

static NEOERR *head(Request *r, unsigned long long length)
{
	STRING h;
	NEOERR *err;

	string_init(&h);
	string_appendf(&h, "Status: %d %s\r\n", r->status, http_reason(r->status));
	if (length || r->status != 303)
		string_appendf(&h, "Content-Type: %s\r\nContent-Length: %llu\r\n",
			       r->content_type ? r->content_type : "text/html; charset=utf-8", length);
	string_appendf(&h, "Content-Security-Policy: %s\r\n", r->csp ? r->csp : default_csp);
	string_append(&h, security_headers);
	string_appendf(&h, "Cache-Control: %s\r\n", r->cache_control ? r->cache_control : "no-store");
	if (r->headers.len)
		string_append(&h, r->headers.buf);
	string_append(&h, "\r\n");
	err = cgiwrap_write(h.buf, h.len);
	string_clear(&h);
	return nerr_pass(err);
}

NEOERR *http_send_head(Request *r, unsigned long long length)
{
	r->sent = 1;
	return nerr_pass(head(r, length));
}

NEOERR *http_write(Request *r, const void *buf, size_t n)
{
	if (!strcmp(r->method, "HEAD"))
		return STATUS_OK;
	return nerr_pass(cgiwrap_write(buf, (int)n));
}

NEOERR *http_send(Request *r)
{
	NEOERR *err = head(r, (unsigned long long)r->body.len);

	if (err)
		return nerr_pass(err);
	if (strcmp(r->method, "HEAD") && r->body.len)
		return nerr_pass(cgiwrap_write(r->body.buf, r->body.len));
	return STATUS_OK;
}

NEOERR *http_fail(Request *r, int status, const char *fmt, ...)
{
	va_list ap;

	r->status = status;
	free(r->detail);
	va_start(ap, fmt);
	if (vasprintf(&r->detail, fmt, ap) < 0)
		r->detail = NULL;
	va_end(ap);
	string_clear(&r->body);
	return STATUS_OK;
}

NEOERR *http_redirect(Request *r, const char *local_path)
{
	char *loc;

	if (local_path[0] != '/' || local_path[1] == '/' || local_path[1] == '\\')
		local_path = "/";
	loc = xasprintf("%s%s", conf_str("Portal.Prefix"), local_path);
	http_header(r, "Location", loc);
	free(loc);
	r->status = 303;
	string_clear(&r->body);
	return STATUS_OK;
}

NEOERR *http_send_file(Request *r, const char *path)
{
	char buf[65536];
	FILE *f = fopen(path, "rb");
	long size;
	size_t n;
	NEOERR *err;

	/* Gone from the directory at once; the open file stays readable. */
	unlink(path);
	if (!f)
		return nerr_raise_errno(NERR_IO, "%s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	err = http_send_head(r, size > 0 ? (unsigned long long)size : 0);
	while (!err && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		err = http_write(r, buf, n);
	fclose(f);
	return nerr_pass(err);
}

NEOERR *http_json(Request *r, json_t *o)
{
	char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;

	json_decref(o);
	if (!text)
		return nerr_raise(NERR_NOMEM, "no memory for a JSON answer");
	string_append(&r->body, text);
	string_append(&r->body, "\n");
	free(text);
	r->content_type = "application/json";
	return STATUS_OK;
}
