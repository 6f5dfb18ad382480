/* app.c: a portal binary's accept loop: parse, check, route, answer, log — one request at a time */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <fcgiapp.h>
#include <jansson.h>
#include <openssl/rand.h>

#include "acl.h"
#include "app.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "http.h"
#include "log.h"
#include "multipart.h"
#include "once.h"
#include "request.h"
#include "session.h"
#include "util.h"
#include "view.h"

extern char **environ;

/* --- the cgi kit over one FastCGI request ------------------------------ */

static int emu_read(void *data, char *buf, int len)
{
	return FCGX_GetStr(buf, len, ((FCGX_Request *)data)->in);
}

/* The kit takes any non-zero return as an error. */
static int emu_writef(void *data, const char *fmt, va_list ap)
{
	return FCGX_VFPrintF(((FCGX_Request *)data)->out, fmt, ap) < 0 ? -1 : 0;
}

static int emu_write(void *data, const char *buf, int len)
{
	return FCGX_PutStr(buf, len, ((FCGX_Request *)data)->out);
}

/* getenv and iterenv hand out malloc'd copies: the kit frees them. The
 * kit asks for some 80 names a request, most of them absent: compare the
 * first byte before anything else. */
static char *emu_getenv(void *data, const char *k)
{
	size_t kl = strlen(k);
	for (char **e = ((FCGX_Request *)data)->envp; *e; e++)
		if ((*e)[0] == k[0] && !strncmp(*e, k, kl) && (*e)[kl] == '=')
			return strdup(*e + kl + 1);
	return NULL;
}

static int emu_putenv(void *data, const char *k, const char *v)
{
	(void)data, (void)k, (void)v;
	return 1;
}

static int emu_iterenv(void *data, int n, char **k, char **v)
{
	char **envp = ((FCGX_Request *)data)->envp;
	const char *eq;

	*k = *v = NULL;
	for (int i = 0; i < n; i++)
		if (!envp[i])
			return 0;
	if (!envp[n] || !(eq = strchr(envp[n], '=')))
		return 0;
	*k = strndup(envp[n], (size_t)(eq - envp[n]));
	*v = strdup(eq + 1);
	return *k && *v ? 0 : 1;
}

/* --- errors ------------------------------------------------------------ */

static void error_page(Request *r)
{
	NEOERR *err;
	char code[8];

	string_clear(&r->body);
	if (r->route && (r->route->flags & R_JSON)) {
		string_appendf(&r->body, "{\"error\":%d,\"ref\":\"%s\"}\n", r->status, r->ref);
		r->content_type = "application/json";
		return;
	}
	snprintf(code, sizeof(code), "%d", r->status);
	hdf_set_value(r->hdf, "Page.Status", code);
	snprintf(code, sizeof(code), "S%d", r->status);
	hdf_set_value(r->hdf, "Page.StatusKey", code);
	err = view_render(r, "error.cs");
	if (err) {
		/* The error page itself failed: a plain text answer, logged. */
		log_nerr(r->ref, err);
		nerr_ignore(&err);
		string_clear(&r->body);
		string_appendf(&r->body, "Error %d. Reference: %s\n", r->status, r->ref);
		r->content_type = "text/plain; charset=utf-8";
	}
}

/* --- routing ----------------------------------------------------------- */

/* Does path match pattern ("/invite/:token")? Path parts go to r->params. */
static int path_match(Request *r, const char *pattern, const char *path, int capture)
{
	while (*pattern && *path) {
		if (*pattern == ':') {
			char name[64];
			const char *pe = strchr(pattern, '/'), *ve = strchr(path, '/');
			size_t nl = pe ? (size_t)(pe - pattern - 1) : strlen(pattern + 1);
			size_t vl = ve ? (size_t)(ve - path) : strlen(path);
			if (!vl || nl >= sizeof(name))
				return 0;
			if (capture) {
				char *v = xstrndup(path, vl);
				snprintf(name, sizeof(name), "%.*s", (int)nl, pattern + 1);
				hdf_set_value(r->params, name, v);
				free(v);
			}
			pattern += nl + 1;
			path += vl;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return !*pattern && !*path;
}

static const Route *route_find(Request *r, const Route *routes, const char *method, STRING *allow)
{
	const Route *found = NULL;

	for (const Route *rt = routes; rt->method; rt++) {
		if (!path_match(r, rt->path, r->path, 0))
			continue;
		if (!strstr(allow->buf ? allow->buf : "", rt->method)) {
			if (allow->len)
				string_append(allow, ", ");
			string_append(allow, rt->method);
			if (!strcmp(rt->method, "GET"))
				string_append(allow, ", HEAD");
		}
		if (!found && (!strcmp(rt->method, method) ||
			       (!strcmp(method, "HEAD") && !strcmp(rt->method, "GET"))))
			found = rt;
	}
	if (found)
		path_match(r, found->path, r->path, 1);
	return found;
}

/* Validates every parameter of the route; refuses unknown ones. Returns
 * 0 when the request must end with 400 (r->detail says which field). */
static int validate(Request *r)
{
	const Route *rt = r->route;
	HDF *q = hdf_get_obj(r->hdf, "Query");
	int n = 0;

	for (HDF *c = q ? hdf_obj_child(q) : NULL; c; c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		const Param *p = NULL;
		n++;
		if (!strcmp(name, "csrf") && !strcmp(r->method, "POST"))
			continue;
		for (const Param *s = rt->params; s && s->name; s++)
			if (!(s->flags & P_PATH) && !strcmp(s->name, name))
				p = s;
		if (!p || (hdf_obj_child(c) && p->type != P_FILE && p->type != P_IDS) ||
		    (p->type != P_FILE && hdf_get_obj(c, "FileHandle"))) {
			/* Unknown, given twice (the kit makes a list of it), or
			 * a file where a value was asked for. */
			http_fail(r, 400, "parameter %.60s not expected", name);
			hdf_set_value(r->hdf, "Page.Field", name);
			return 0;
		}
	}
	if (n > conf_int("Limits.MaxParams")) {
		http_fail(r, 400, "%d parameters", n);
		return 0;
	}
	for (const Param *p = rt->params; p && p->name; p++) {
		const char *v, *why;
		char key[128];
		if (p->flags & P_PATH) {
			v = hdf_get_value(r->params, p->name, NULL);
		} else {
			snprintf(key, sizeof(key), "Query.%s", p->name);
			v = hdf_get_value(r->hdf, key, NULL);
		}
		if (p->type == P_IDS && !(p->flags & P_PATH)) {
			/* One value, or the kit's list of them: each must be an id. */
			Param one = *p;
			HDF *q = hdf_get_obj(r->hdf, key);
			one.type = P_INT;
			why = param_check(&one, v);
			for (HDF *c = q ? hdf_obj_child(q) : NULL; c && !why; c = hdf_obj_next(c))
				why = param_check(&one, hdf_obj_value(c));
			if (!why && v)
				hdf_set_value(r->params, p->name, v);
			if (!why && q && hdf_obj_child(q))
				hdf_copy(r->params, p->name, q);
			if (why) {
				http_fail(r, 400, "parameter %s: %s", p->name, why);
				hdf_set_value(r->hdf, "Page.Field", p->name);
				return 0;
			}
			continue;
		}
		why = param_check(p, v);
		if (why && (p->flags & P_FORM)) {
			param_error(r, p->name, why);
		} else if (why) {
			http_fail(r, 400, "parameter %s: %s", p->name, why);
			hdf_set_value(r->hdf, "Page.Field", p->name);
			return 0;
		}
		if (v && !(p->flags & P_PATH))
			hdf_set_value(r->params, p->name, v);
	}
	return 1;
}

/* A reference id: unique enough to find a request in the log, not a
 * secret. A random seed per process, then a counter through splitmix64. */
static void make_ref(char *out)
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	static uint64_t state;
	uint64_t z;

	if (!state)
		util_random((unsigned char *)&state, sizeof(state));
	z = (state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	for (int i = 0; i < 8; i++, z >>= 5)
		out[i] = alphabet[z & 31];
	out[8] = '\0';
}

/* The path asked for, without the configured prefix: nginx's
 * DOCUMENT_URI; under a CGI server (Apache), SCRIPT_NAME and PATH_INFO
 * together, which is the whole path however the server split it; else
 * PATH_INFO. A binary started as CGI with no path at all
 * (REQUEST_METHOD=GET build/cgi-bin/login.fcgi) answers its first route. */
static const char *request_path(Request *r, const Route *routes)
{
	const char *p = http_env(r, "DOCUMENT_URI");
	const char *script = http_env(r, "SCRIPT_NAME");
	const char *info = http_env(r, "PATH_INFO");
	const char *prefix = conf_str("Portal.Prefix");
	size_t pl = strlen(prefix);

	if ((!p || !*p) && script && *script) {
		snprintf(r->cgi_path, sizeof(r->cgi_path), "%s%s", script, info ? info : "");
		p = r->cgi_path;
	}
	if (!p || !*p)
		p = info;
	if (!p || !*p)
		p = http_env(r, "REQUEST_URI") ? "/" : routes[0].path;
	if (pl && !strncmp(p, prefix, pl) && (p[pl] == '/' || !p[pl]))
		p += pl;
	return *p ? p : "/";
}

/* A form's body: urlencoded or multipart, that type exactly (the kit
 * takes any type that starts like one), then its attributes. */
static int content_type_ok(Request *r)
{
	const char *ct = http_env(r, "CONTENT_TYPE");
	size_t n;

	if (!ct)
		return 0;
	n = strcspn(ct, ";");
	while (n && ct[n - 1] == ' ')
		n--;
	return (n == 33 && !strncmp(ct, "application/x-www-form-urlencoded", 33)) ||
	       (n == 19 && !strncmp(ct, "multipart/form-data", 19));
}

/* A POST's body into Query.*: a multipart one by multipart.c, an
 * urlencoded one by the kit. *why says what was wrong with it (400). */
static NEOERR *body_parse(Request *r, const char **why)
{
	const char *type = hdf_get_value(r->hdf, "CGI.ContentType.Type", "");
	NEOERR *err;

	*why = NULL;
	if (!strncmp(hdf_get_value(r->hdf, "CGI.ContentType", ""), "multipart/", 10)) {
		if (strcspn(type, " ") != 19 || strncmp(type, "multipart/form-data", 19)) {
			*why = "a multipart type other than form-data";
			return STATUS_OK;
		}
		hdf_set_int_value(r->hdf, "Config.Upload.MaxParts", conf_int("Limits.MaxParams"));
		hdf_set_int_value(r->hdf, "Config.Upload.MaxFieldBytes", conf_int("Limits.MaxBodyBytes"));
		return nerr_pass(multipart_parse(r->cgi, why));
	}
	/* The kit parses only the bare type ("; charset=UTF-8" of a script's
	 * fetch() would leave the form empty). */
	if (!strncmp(type, "application/x-www-form-urlencoded", 33))
		hdf_set_value(r->hdf, "CGI.ContentType", "application/x-www-form-urlencoded");
	err = cgi_parse(r->cgi);
	if (!err) {
		/* The kit reads "a.b=1" as Query.a.b: below a field there
		 * may be only the list of its values given again (0, 1, …),
		 * never a node of its own (a file's FileHandle, say). */
		HDF *q = hdf_get_obj(r->hdf, "Query");
		for (HDF *c = q ? hdf_obj_child(q) : NULL; c && !*why; c = hdf_obj_next(c))
			for (HDF *g = hdf_obj_child(c); g && !*why; g = hdf_obj_next(g))
				if (hdf_obj_child(g) || strspn(hdf_obj_name(g), "0123456789") != strlen(hdf_obj_name(g)))
					*why = "a field name with a dot";
	}
	if (err && !nerr_match(err, NERR_NOMEM)) {
		char msg[256];
		util_nerr_msg(err, msg, sizeof(msg));
		log_msg("info", r->ref, "unparseable body: %s", msg);
		nerr_ignore(&err);
		*why = "unparseable";
	}
	return nerr_pass(err);
}

/* Percent-encodes all but unreserved characters and '/'. */
static void url_escape_path(STRING *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("/-._~", c))
			string_append_char(out, (char)c);
		else
			string_appendf(out, "%%%02X", c);
	}
}

static int count_char(const char *s, char c)
{
	int n = 0;
	for (; s && *s; s++)
		n += *s == c;
	return n;
}

/* The whole life of one request; everything it allocates is freed here. */
static void serve(Request *r, const Route *routes)
{
	const char *cl, *qs, *why;
	NEOERR *err = STATUS_OK;
	STRING allow;
	long long len;

	r->start_us = util_mono_us();
	make_ref(r->ref);
	r->status = 200;
	string_init(&r->body);
	string_init(&r->headers);
	string_init(&allow);
	hdf_init(&r->params);
	hdf_init(&r->hdf);
	db_request_begin();

	r->method = http_env(r, "REQUEST_METHOD");
	if (!r->method)
		r->method = "GET";
	r->path = request_path(r, routes);
	snprintf(r->lang, sizeof(r->lang), "%s", view_lang(NULL));

	/* Before the kit reads anything: method, size, type, counts. */
	r->route = route_find(r, routes, r->method, &allow);
	if (!r->route) {
		if (allow.len) {
			http_header(r, "Allow", allow.buf);
			http_fail(r, 405, "method not allowed here");
		} else {
			http_fail(r, 404, "no route");
		}
		goto answer;
	}
	cl = http_env(r, "CONTENT_LENGTH");
	len = cl && *cl ? strtoll(cl, NULL, 10) : 0;
	if (len < 0 || len > conf_int((r->route->flags & R_UPLOAD) ? "Limits.MaxUploadBytes"
								     : "Limits.MaxBodyBytes")) {
		http_fail(r, 413, "body of %lld bytes", len);
		goto answer;
	}
	if (!strcmp(r->method, "POST") && len > 0 && !content_type_ok(r)) {
		http_fail(r, 415, "content type");
		goto answer;
	}
	qs = http_env(r, "QUERY_STRING");
	if ((qs && strlen(qs) > 8192) || count_char(qs, '&') >= conf_int("Limits.MaxParams")) {
		http_fail(r, 400, "query string too long");
		goto answer;
	}

	err = request_start(r, &why);
	if (err)
		goto answer;
	if (why) {
		http_fail(r, 400, "query string: %s", why);
		hdf_set_value(r->hdf, "Page.Field", why);
		goto answer;
	}
	hdf_set_value(r->hdf, "Config.Upload.TmpDir", conf_str("Paths.Tmp"));
	if (!strcmp(r->method, "POST")) {
		err = body_parse(r, &why);
		if (err)
			goto answer;
		if (why) {
			http_fail(r, 400, "body: %s", why);
			goto answer;
		}
	}
	snprintf(r->lang, sizeof(r->lang), "%s",
		 view_lang(hdf_get_value(r->hdf, "Cookie." COOKIE_LANG, NULL)));

	err = session_load(r);
	if (err)
		goto answer;
	if (r->user && r->user->lang[0] && !hdf_get_value(r->hdf, "Cookie." COOKIE_LANG, NULL))
		snprintf(r->lang, sizeof(r->lang), "%s", view_lang(r->user->lang));
	if (r->user && strcmp(r->user->stage, "full")) {
		/* Password given, second factor not yet: only its own pages. */
		int totp = !strcmp(r->user->stage, "totp");
		if (!(r->route->flags & (totp ? R_TOTP : R_ENROL))) {
			if (!strcmp(r->method, "POST") || (r->route->flags & R_JSON))
				http_fail(r, 403, "second factor outstanding");
			else
				http_redirect(r, totp ? "/login/totp" : "/account/2fa");
			goto answer;
		}
	}
	if (!r->user && !(r->route->flags & R_PUBLIC)) {
		if (!strcmp(r->method, "POST") || (r->route->flags & R_JSON)) {
			http_fail(r, 403, "no session");
		} else {
			STRING loc;
			string_init(&loc);
			string_append(&loc, "/login?next=");
			url_escape_path(&loc, r->path);
			http_redirect(r, loc.buf);
			string_clear(&loc);
		}
		goto answer;
	}
	if (!strcmp(r->method, "POST")) {
		if ((why = session_csrf_check(r)) != NULL) {
			http_fail(r, 403, "CSRF: %s", why);
			goto answer;
		}
	}
	if (r->route->perm && !acl_may(r, r->route->perm)) {
		http_fail(r, 404, "permission %s not held", r->route->perm);
		goto answer;
	}
	if (!validate(r))
		goto answer;
	if (r->user && !strcmp(r->method, "POST")) {
		/* Done once, however often it is sent (once.c); done again
		 * from its start when the cluster refused its transaction or
		 * its node was lost (then on the next node). */
		for (int attempt = 1;; attempt++) {
			int replayed;
			err = once_begin(r, &replayed);
			if (!err && !replayed)
				err = once_end(r, r->route->handler(r));
			if (!err || attempt == 3 || r->sent || !db_retryable(err))
				break;
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			log_msg("warn", r->ref, "the transaction is done again (attempt %d)", attempt + 1);
			db_abort();
			files_forget();
			r->status = 200;
			r->form_errors = 0;
			r->content_type = NULL;
			r->cache_control = NULL;
			r->csp = NULL;
			string_clear(&r->body);
			string_clear(&r->headers);
			free(r->detail);
			r->detail = NULL;
			hdf_remove_tree(r->hdf, "Page.Errors");
			hdf_remove_tree(r->hdf, "Page.Form");
			/* The fields as sent, checked again: the handler meets
			 * them as it did the first time. */
			if (!validate(r))
				break;
		}
	} else {
		err = r->route->handler(r);
	}

answer:
	if (err) {
		int down = nerr_match(err, PERR_DB_DOWN);
		log_nerr(r->ref, err);
		nerr_ignore(&err);
		db_abort();
		files_forget();
		http_fail(r, down ? 503 : 500, down ? "database down" : "handler failed");
	}
	if (r->status >= 400 && !r->body.len)
		error_page(r);
	else if (r->status == 200 && !r->body.len)
		log_msg("warn", r->ref, "%s %s produced no body", r->method, r->path);
	err = r->sent ? STATUS_OK : http_send(r);
	if (err) {
		/* The client went away; nothing to tell it. */
		nerr_ignore(&err);
	}
	if (!(r->route && (r->route->flags & R_NOLOG)))
		log_request(r->ref, r->method, r->route ? r->route->path : r->path, r->status,
			    util_mono_us() - r->start_us, r->user ? r->user->id : 0);
	if (r->detail && r->status >= 400)
		log_msg("info", r->ref, "%d: %s", r->status, r->detail);

	db_abort();
	/* Removals a handler's own committed transaction left (once_end has
	 * done those of a form's). */
	files_after_commit();
	free(r->detail);
	string_clear(&r->body);
	string_clear(&r->headers);
	string_clear(&allow);
	hdf_destroy(&r->params);
	if (r->cgi)
		cgi_destroy(&r->cgi); /* destroys r->hdf too */
	else
		hdf_destroy(&r->hdf);
	r->hdf = NULL;
}

static int check_routes(const char *program, const Route *routes)
{
	for (const Route *rt = routes; rt->method; rt++) {
		if (!strcmp(rt->method, "POST") && !(rt->flags & R_CSRF)) {
			log_msg("error", NULL, "%s: POST %s without R_CSRF", program, rt->path);
			return 0;
		}
	}
	return 1;
}

/* SIGTERM ends the accept loop after the request in hand: the process
 * exits through its clean-up, so leak checkers see the whole life. */
static void on_term(int sig)
{
	(void)sig;
	FCGX_ShutdownPending();
}

static const char *const ptype_names[] = { "int", "date", "month", "email", "enum", "text", "line",
	"token", "local", "secret", "ids", "file" };

/* The route table as JSON on stdout: what the binary answers, for the
 * tests that walk every route and for anyone reading an installation. */
static int print_routes(const Route *routes)
{
	json_t *all = json_array();
	char *out;

	for (const Route *rt = routes; rt->method; rt++) {
		json_t *ps = json_array();
		for (const Param *p = rt->params; p && p->name; p++)
			json_array_append_new(ps, json_pack("{s:s, s:s, s:b, s:b, s:b, s:I, s:I, s:s?}",
				"name", p->name, "type", ptype_names[p->type], "required", !!(p->flags & P_REQUIRED),
				"form", !!(p->flags & P_FORM), "path", !!(p->flags & P_PATH), "min", (json_int_t)p->min,
				"max", (json_int_t)p->max, "values", p->values));
		json_array_append_new(all, json_pack("{s:s, s:s, s:s?, s:b, s:b, s:b, s:b, s:b, s:b, s:o}",
			"method", rt->method, "path", rt->path, "perm", rt->perm,
			"public", !!(rt->flags & R_PUBLIC), "csrf", !!(rt->flags & R_CSRF),
			"json", !!(rt->flags & R_JSON), "totp", !!(rt->flags & R_TOTP),
			"enrol", !!(rt->flags & R_ENROL), "upload", !!(rt->flags & R_UPLOAD), "params", ps));
	}
	out = json_dumps(all, JSON_INDENT(1));
	json_decref(all);
	if (!out)
		return 1;
	puts(out);
	free(out);
	return 0;
}

int app_run(const char *program, const Route *routes, int argc, char **argv)
{
	NEOERR *err;
	Request r;

	/* From a shell only: a CGI server may pass words of a query string
	 * as arguments. */
	if (argc == 2 && !strcmp(argv[1], "--routes") && !getenv("GATEWAY_INTERFACE") &&
	    !getenv("REQUEST_METHOD"))
		return check_routes(program, routes) ? print_routes(routes) : 2;
	log_init(program);
	nerr_init();
	if (!check_routes(program, routes))
		return 2;
	err = conf_load(NULL);
	if (!err)
		err = files_dirs();
	if (!err)
		err = view_init();
	if (!err)
		err = request_init();
	if (!err)
		err = acl_init();
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		return 1;
	}
	/* A database that is down at start-up does not stop the process:
	 * requests answer 503 until it is back. */
	err = db_connect();
	if (err)
		nerr_ignore(&err);

	if (FCGX_IsCGI()) {
		memset(&r, 0, sizeof(r));
		cgiwrap_init_std(0, NULL, environ);
		serve(&r, routes);
		return 0;
	}
	{
		FCGX_Request fr;
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_term;
		sigaction(SIGTERM, &sa, NULL);
		signal(SIGPIPE, SIG_IGN);
		/* A file size limit makes an upload fail (NERR_IO), not the process. */
		signal(SIGXFSZ, SIG_IGN);
		if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
			log_msg("error", NULL, "FastCGI initialisation failed");
			return 1;
		}
		while (FCGX_Accept_r(&fr) >= 0) {
			memset(&r, 0, sizeof(r));
			r.fcgi = &fr;
			cgiwrap_init_emu(&fr, emu_read, emu_writef, emu_write, emu_getenv, emu_putenv,
					 emu_iterenv);
			serve(&r, routes);
			FCGX_Finish_r(&fr);
		}
		FCGX_Free(&fr, 1);
	}
	db_close();
	view_shutdown();
	return 0;
}
