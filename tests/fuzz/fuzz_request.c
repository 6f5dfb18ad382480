/* fuzz_request.c: a request's head and body as the portal reads them —
 * the path against a route table, the query string, cookies, the content
 * type, an urlencoded or multipart body through the cgi kit, and every
 * parameter through the route's validators (app.c's serve() up to the
 * session, which needs a database), the multipart parser (multipart.c)
 * among them.
 *
 * The input: a byte for the size of the pieces the body arrives in (0: as
 * much as is asked for), a byte for how far Content-Length is off, then
 * five lines and a body: method, path, query string, Cookie,
 * Content-Type, then the body as it comes. app.c is included whole: the
 * stages of serve() are its own (static), and a harness should not widen
 * its interface. */
#include "../../lib/app.c"

#include <stdint.h>

static const char *body_at;
static size_t body_left, piece;

static int fz_read(void *data, char *buf, int len)
{
	size_t n = (size_t)len < body_left ? (size_t)len : body_left;

	if (piece && n > piece)
		n = piece;
	(void)data;
	memcpy(buf, body_at, n);
	body_at += n;
	body_left -= n;
	return (int)n;
}

static int fz_writef(void *data, const char *fmt, va_list ap)
{
	(void)data, (void)fmt, (void)ap;
	return 0;
}

static int fz_write(void *data, const char *buf, int len)
{
	(void)data, (void)buf;
	return len;
}

static char *fz_getenv(void *data, const char *k)
{
	const char *v = getenv(k);

	(void)data;
	return v ? strdup(v) : NULL;
}

static int fz_putenv(void *data, const char *k, const char *v)
{
	(void)data, (void)k, (void)v;
	return 1;
}

static int fz_iterenv(void *data, int n, char **k, char **v)
{
	(void)data, (void)n;
	*k = *v = NULL;
	return 0;
}

static NEOERR *none(Request *r)
{
	(void)r;
	return STATUS_OK;
}

/* Every type of parameter, from the path, the query and a form. */
static const Param every[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "n", P_INT, 0, -5, 1000, NULL },
	{ "day", P_DATE, 0, 0, 0, NULL },
	{ "month", P_MONTH, P_FORM, 0, 0, NULL },
	{ "email", P_EMAIL, P_FORM, 0, 254, NULL },
	{ "state", P_ENUM, 0, 0, 0, "open closed filled" },
	{ "note", P_TEXT, P_FORM, 0, 2000, NULL },
	{ "name", P_LINE, P_FORM | P_REQUIRED, 1, 200, NULL },
	{ "token", P_TOKEN, 0, 43, 43, NULL },
	{ "next", P_LOCAL, 0, 0, 200, NULL },
	{ "password", P_SECRET, P_FORM, 0, 1024, NULL },
	{ "ids", P_IDS, 0, 1, ID_MAX, NULL },
	{ "file", P_FILE, 0, 0, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Route routes[] = {
	{ "GET", "/x/:id", none, NULL, 0, every },
	{ "POST", "/x/:id", none, NULL, R_CSRF, every },
	{ "POST", "/x/:id/upload", none, NULL, R_CSRF | R_UPLOAD, every },
	{ "GET", "/invite/:token", none, NULL, R_PUBLIC, every + 8 },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

static char tmpdir[] = "/tmp/fuzz-request-XXXXXX";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	NEOERR *err;

	(void)argc, (void)argv;
	nerr_init();
	err = conf_load_public(getenv("PORTAL_CONF") ? getenv("PORTAL_CONF") : "conf/test.hdf");
	if (!err)
		err = request_init();
	if (err || !mkdtemp(tmpdir)) {
		nerr_log_error(err);
		abort();
	}
	unsetenv("DOCUMENT_URI");
	unsetenv("SCRIPT_NAME");
	unsetenv("REQUEST_URI");
	return 0;
}

/* The next line of the input (without its LF) into out; its rest after it. */
static const uint8_t *line(const uint8_t *p, const uint8_t *end, char *out, size_t size)
{
	size_t n = 0;

	while (p < end && *p != '\n') {
		if (n + 1 < size && *p)
			out[n++] = (char)*p;
		p++;
	}
	out[n] = '\0';
	return p < end ? p + 1 : p;
}

static void set(const char *name, const char *v)
{
	if (*v)
		setenv(name, v, 1);
	else
		unsetenv(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char method[16], path[1024], qs[9000], cookie[4096], ctype[512], cl[32];
	const char *why = NULL, *v;
	STRING allow;
	Request req, *r = &req;
	long long ids[8];

	if (size < 2)
		return 0;
	piece = data[0] % 64;
	p = data + 2;
	p = line(p, end, method, sizeof(method));
	p = line(p, end, path, sizeof(path));
	p = line(p, end, qs, sizeof(qs));
	p = line(p, end, cookie, sizeof(cookie));
	p = line(p, end, ctype, sizeof(ctype));
	snprintf(cl, sizeof(cl), "%lld", (long long)(end - p) + data[1] % 7 - 3);
	set("REQUEST_METHOD", method);
	set("PATH_INFO", path);
	set("QUERY_STRING", qs);
	set("HTTP_COOKIE", cookie);
	set("CONTENT_TYPE", ctype);
	set("CONTENT_LENGTH", cl);
	body_at = (const char *)p;
	body_left = (size_t)(end - p);
	cgiwrap_init_emu(NULL, fz_read, fz_writef, fz_write, fz_getenv, fz_putenv, fz_iterenv);

	/* serve(), to the session. */
	memset(r, 0, sizeof(*r));
	string_init(&r->body);
	string_init(&r->headers);
	string_init(&allow);
	hdf_init(&r->params);
	hdf_init(&r->hdf);
	r->status = 200;
	r->method = http_env(r, "REQUEST_METHOD") ? http_env(r, "REQUEST_METHOD") : "GET";
	r->path = request_path(r, routes);
	r->route = route_find(r, routes, r->method, &allow);
	if (!r->route)
		goto done;
	if (atoll(cl) < 0)
		goto done; /* 413 */
	v = http_env(r, "QUERY_STRING");
	if (strlen(v ? v : "") > 8192 || count_char(v, '&') >= conf_int("Limits.MaxParams"))
		goto done;
	if (!strcmp(r->method, "POST") && body_left && !content_type_ok(r))
		goto done;
	if (request_start(r, &why) != STATUS_OK)
		abort(); /* only for memory */
	if (why)
		goto done;
	hdf_set_value(r->hdf, "Config.Upload.TmpDir", tmpdir);
	if (!strcmp(r->method, "POST")) {
		NEOERR *err = body_parse(r, &why);
		if (err) {
			/* Only for reading, writing or memory: none here. */
			nerr_log_error(err);
			abort();
		}
		if (why)
			goto done;
	}
	if (validate(r)) {
		/* What a handler reads. */
		FILE *f;
		param_str(r, "name");
		param_int(r, "n", 0);
		param_ids(r, "ids", ids, 8);
		if ((f = request_file(r, "file")) != NULL) {
			char buf[512];
			while (fread(buf, 1, sizeof(buf), f) > 0)
				;
		}
		if (r->form_errors)
			param_keep_form(r);
	}

done:
	free(r->detail);
	string_clear(&r->body);
	string_clear(&r->headers);
	string_clear(&allow);
	hdf_destroy(&r->params);
	if (r->cgi)
		cgi_destroy(&r->cgi);
	else
		hdf_destroy(&r->hdf);
	return 0;
}
