/* request.c: the request's head (query string, cookies, content type) into the cgi kit's HDF
 *
 * The kit's own cgi_init exports some eighty CGI, HTTP and SSL variables
 * into the HDF before anything is known about the request — one snprintf
 * and one environment scan each — which was 40 % of the cost of the login
 * page. The portal reads the environment through http_env() and needs only
 * the query string, the cookies and what cgi_parse reads to parse a body;
 * so the CGI struct is set up here, and the kit still parses bodies
 * (urlencoded and multipart), unescapes, and cleans up in cgi_destroy. */
#include <string.h>
#include <stdlib.h>

#include "http.h"
#include "request.h"
#include "util.h"

NEOERR *request_init(void)
{
	CGI *cgi = NULL;
	NEOERR *err = cgi_init(&cgi, NULL);
	cgi_destroy(&cgi);
	return nerr_pass(err);
}

/* A parameter or cookie name the portal could ever expect. */
static int plain_name(const char *s)
{
	return util_word(s, 1, 64);
}

static NEOERR *parse_query(Request *r, char *qs, const char **bad)
{
	char *save = NULL, *pair, key[80];

	for (pair = strtok_r(qs, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '='), *v = eq ? eq + 1 : pair + strlen(pair);
		if (eq)
			*eq = '\0';
		cgi_url_unescape(pair);
		if (!plain_name(pair)) {
			*bad = "query";
			return STATUS_OK;
		}
		snprintf(key, sizeof(key), "Query.%s", pair);
		if (hdf_get_value(r->hdf, key, NULL)) {
			*bad = hdf_obj_name(hdf_get_obj(r->hdf, key));
			return STATUS_OK;
		}
		cgi_url_unescape(v);
		NEOERR *err = hdf_set_value(r->hdf, key, v);
		if (err)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

static NEOERR *parse_cookies(Request *r, char *c)
{
	char *save = NULL, *part, key[80];

	for (part = strtok_r(c, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
		char *eq;
		while (*part == ' ')
			part++;
		eq = strchr(part, '=');
		if (!eq)
			continue;
		*eq = '\0';
		if (!plain_name(part))
			continue;
		snprintf(key, sizeof(key), "Cookie.%s", part);
		if (hdf_get_value(r->hdf, key, NULL))
			continue; /* the first, most specific one counts */
		NEOERR *err = hdf_set_value(r->hdf, key, eq + 1);
		if (err)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

/* Content type "type; attr=value; …" as the kit keeps it. */
static NEOERR *content_type(Request *r, const char *ct)
{
	char *copy = xstrdup(ct), *save = NULL, *part, key[96];
	NEOERR *err = hdf_set_value(r->hdf, "CGI.ContentType", ct);

	part = strtok_r(copy, ";", &save);
	if (!err && part)
		err = hdf_set_value(r->hdf, "CGI.ContentType.Type", part);
	while (!err && (part = strtok_r(NULL, ";", &save)) != NULL) {
		char *eq, *v;
		while (*part == ' ')
			part++;
		if (!(eq = strchr(part, '=')))
			continue;
		*eq = '\0';
		v = eq + 1;
		if (*v == '"') {
			char *end = strchr(++v, '"');
			if (end)
				*end = '\0';
		}
		if (!plain_name(part))
			continue;
		snprintf(key, sizeof(key), "CGI.ContentType.%s", part);
		err = hdf_set_value(r->hdf, key, v);
	}
	free(copy);
	return nerr_pass(err);
}

FILE *request_file(Request *r, const char *name)
{
	return r->cgi ? cgi_filehandle(r->cgi, name) : NULL;
}

NEOERR *request_start(Request *r, const char **bad)
{
	const char *v;
	NEOERR *err;
	char *copy;

	*bad = NULL;
	r->cgi = xcalloc(1, sizeof(CGI));
	r->cgi->hdf = r->hdf;
	err = hdf_set_value(r->hdf, "CGI.RequestMethod", r->method);
	if (!err && (v = http_env(r, "CONTENT_LENGTH")) && *v)
		err = hdf_set_value(r->hdf, "CGI.ContentLength", v);
	if (!err && (v = http_env(r, "CONTENT_TYPE")) && *v)
		err = content_type(r, v);
	if (!err && (v = http_env(r, "HTTP_COOKIE")) && *v) {
		copy = xstrdup(v);
		err = parse_cookies(r, copy);
		free(copy);
	}
	if (!err && (v = http_env(r, "QUERY_STRING")) && *v) {
		copy = xstrdup(v);
		err = parse_query(r, copy, bad);
		free(copy);
	}
	return nerr_pass(err);
}
