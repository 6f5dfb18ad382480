/* view.c: ClearSilver templates, parsed once per process, and the language files */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/rand.h>

#include "acl.h"
#include "announce.h"
#include "conf.h"
#include "session.h"
#include "view.h"
#include "util.h"

static const char *langs[] = { "nl", "en", "fr" };
static HDF *lang_hdf[ARRAY_SIZE(langs)];

/* A template is parsed once, against a process-wide HDF that holds the
 * parse-time settings (escaping, load path); each render points the parse
 * at the request's data and the language's strings. */
static HDF *parse_hdf;
static HDF *text_hdf;  /* the same for text templates: no escaping */
#define TPL_CACHE 64
static struct tpl {
	char *name;
	CSPARSE *cs;
} tpls[TPL_CACHE];
static int ntpls;

const char *view_lang(const char *want)
{
	for (size_t i = 0; want && i < ARRAY_SIZE(langs); i++)
		if (!strcmp(want, langs[i]))
			return langs[i];
	want = conf_str("Portal.DefaultLang");
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		if (!strcmp(want, langs[i]))
			return langs[i];
	return "nl";
}

static HDF *lang_of(const char *lang)
{
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		if (!strcmp(lang, langs[i]))
			return lang_hdf[i];
	return lang_hdf[0];
}

NEOERR *view_init(void)
{
	NEOERR *err;
	char path[1024];

	if (parse_hdf)
		return STATUS_OK;
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		err = hdf_init(&lang_hdf[i]);
		if (err)
			return nerr_pass(err);
		snprintf(path, sizeof(path), "%s/lang/%s.hdf", conf_str("Paths.Templates"), langs[i]);
		err = hdf_read_file(lang_hdf[i], path);
		if (err)
			return nerr_pass(err);
	}
	err = hdf_init(&parse_hdf);
	if (err)
		return nerr_pass(err);
	hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html");
	hdf_set_value(parse_hdf, "hdf.loadpaths.0", conf_str("Paths.Templates"));
	err = hdf_init(&text_hdf);
	if (err)
		return nerr_pass(err);
	hdf_set_value(text_hdf, "Config.VarEscapeMode", "none");
	hdf_set_value(text_hdf, "hdf.loadpaths.0", conf_str("Paths.Templates"));
	return STATUS_OK;
}

const char *view_text(const char *lang, const char *key)
{
	return hdf_get_value(lang_of(view_lang(lang)), key, key);
}

static NEOERR *parsed(const char *name, CSPARSE **out, HDF *settings)
{
	NEOERR *err;
	CSPARSE *cs = NULL;

	for (int i = 0; i < ntpls; i++)
		if (!strcmp(tpls[i].name, name)) {
			*out = tpls[i].cs;
			return STATUS_OK;
		}
	err = cs_init(&cs, settings);
	if (!err)
		err = cgi_register_strfuncs(cs);
	if (!err)
		err = cs_parse_file(cs, name);
	if (err) {
		cs_destroy(&cs);
		return nerr_pass(err);
	}
	if (ntpls < TPL_CACHE) {
		tpls[ntpls].name = xstrdup(name);
		tpls[ntpls].cs = cs;
		ntpls++;
	}
	*out = cs;
	return STATUS_OK;
}

/* The modules of the navigation, each shown to users who hold its
 * permission somewhere — or, for a temp worker's own pages, to workers —
 * when Portal.Modules offers the module (on). */
static const struct module {
	const char *code, *path, *perm, *on;
} modules[] = {
	{ "home", "/", NULL, NULL },
	{ "myplanning", "/planning/me", "worker", "planning" },
	{ "myhours", "/timesheets/me", "worker", "timesheets" },
	{ "vacancies", "/vacancies/", "vacancy.view", "vacancies" },
	{ "planning", "/planning/", "planning.view", "planning" },
	{ "timesheets", "/timesheets/", "timesheet.view", "timesheets" },
	{ "reports", "/reports/", "report.view", "reports" },
	{ "documents", "/documents/", "document.view", "documents" },
	{ "privacy", "/privacy/", "privacy.view", "privacy" },
	{ "admin", "/admin/", "admin.view", "admin" },
};

int view_module_on(const char *code)
{
	const char *list = conf_str("Portal.Modules"), *p = list;
	size_t l = strlen(code);

	while ((p = strstr(p, code)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
			return 1;
		p += l;
	}
	return 0;
}

/* What every page shows: language, CSRF token, user, navigation. */
static void common(Request *r)
{
	HDF *h = r->hdf;
	int n = 0;

	if (!r->user)
		session_pre(r);
	hdf_set_value(h, "Page.Lang", r->lang);
	hdf_set_value(h, "Page.Prefix", conf_str("Portal.Prefix"));
	hdf_set_value(h, "Page.PortalName", conf_str("Portal.Name"));
	hdf_set_value(h, "Page.Announcement", conf_str("Portal.Announcement"));
	announce_page(r);
	{
		/* The session's token and a nonce of this page: a form sent
		 * again from the same page is the same form (once.c). */
		unsigned char raw[9];
		char nonce[16];
		util_random(raw, sizeof(raw));
		util_b64url(raw, sizeof(raw), nonce);
		hdf_set_valuef(h, "Page.Csrf=%s.%s", r->csrf, nonce);
	}
	hdf_set_value(h, "Page.Path", r->path);
	hdf_set_value(h, "Page.Ref", r->ref);
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		char key[32];
		snprintf(key, sizeof(key), "Page.Langs.%zu", i);
		hdf_set_value(h, key, langs[i]);
	}
	if (!r->user)
		return;
	if (strcmp(r->user->stage, "full")) {
		hdf_set_value(h, "Page.Pending", "1");
		return;
	}
	hdf_set_value(h, "Page.User.Name", r->user->name);
	hdf_set_value(h, "Page.User.Kind", r->user->kind);
	for (size_t i = 0; i < ARRAY_SIZE(modules); i++) {
		const struct module *m = &modules[i];
		char key[64];
		if (m->on && !view_module_on(m->on))
			continue;
		/* "worker": a temp worker's own pages, for no permission. */
		if (m->perm && (!strcmp(m->perm, "worker") ? strcmp(r->user->kind, "worker") : !acl_may(r, m->perm)))
			continue;
		snprintf(key, sizeof(key), "Page.Nav.%d.Code", n);
		hdf_set_value(h, key, m->code);
		snprintf(key, sizeof(key), "Page.Nav.%d.Href", n);
		hdf_set_value(h, key, m->path);
		if (!strcmp(r->path, m->path) ||
		    (strcmp(m->path, "/") && !strncmp(r->path, m->path, strlen(m->path)))) {
			snprintf(key, sizeof(key), "Page.Nav.%d.Active", n);
			hdf_set_value(h, key, "1");
		}
		n++;
	}
}

static NEOERR *append_cb(void *ctx, char *s)
{
	return nerr_pass(string_append((STRING *)ctx, s));
}

static int body_hint = 16384;

NEOERR *view_render(Request *r, const char *tpl)
{
	CSPARSE *cs;
	NEOERR *err;
	HDF *home;
	int cached;

	err = view_init();
	if (err)
		return nerr_pass(err);
	err = parsed(tpl, &cs, parse_hdf);
	if (err)
		return nerr_pass(err);
	cached = ntpls && tpls[ntpls - 1].cs == cs;
	for (int i = 0; i < ntpls && !cached; i++)
		cached = tpls[i].cs == cs;
	common(r);
	home = cs->hdf;
	cs->hdf = r->hdf;
	cs->global_hdf = lang_of(r->lang);
	string_clear(&r->body);
	/* One allocation for a whole page, most of the time: at least the
	 * largest page of this process so far (a week view is 100 KiB). */
	r->body.buf = xmalloc((size_t)body_hint);
	r->body.buf[0] = '\0';
	r->body.max = body_hint;
	err = cs_render(cs, &r->body, append_cb);
	if (r->body.len >= body_hint && r->body.len < (1 << 20))
		body_hint = r->body.len + 4096;
	cs->hdf = home;
	cs->global_hdf = NULL;
	if (!cached)
		cs_destroy(&cs);
	if (err)
		return nerr_pass(err);
	/* The def blocks before the layout leave blank lines: drop them. */
	{
		int i = 0;
		while (i < r->body.len && (r->body.buf[i] == '\n' || r->body.buf[i] == ' '))
			i++;
		if (i) {
			memmove(r->body.buf, r->body.buf + i, (size_t)(r->body.len - i) + 1);
			r->body.len -= i;
		}
	}
	r->content_type = "text/html; charset=utf-8";
	return STATUS_OK;
}

NEOERR *view_empty(Request *r, const char *module, int may_add)
{
	hdf_set_value(r->hdf, "Page.Empty.Module", module);
	hdf_set_int_value(r->hdf, "Page.Empty.MayAdd", may_add);
	return nerr_pass(view_render(r, "empty.cs"));
}

/* Renders tpl (HTML, escaped, or a text that is not) with data and the
 * strings of lang onto out. */
static NEOERR *render_onto(HDF *data, const char *lang, int html, const char *tpl, STRING *out)
{
	CSPARSE *cs;
	NEOERR *err;
	HDF *home;

	err = view_init();
	if (!err)
		err = parsed(tpl, &cs, html ? parse_hdf : text_hdf);
	if (err)
		return nerr_pass(err);
	home = cs->hdf;
	cs->hdf = data;
	cs->global_hdf = lang_of(lang);
	err = cs_render(cs, out, append_cb);
	cs->hdf = home;
	cs->global_hdf = NULL;
	return nerr_pass(err);
}

NEOERR *view_render_part(Request *r, const char *tpl, STRING *out)
{
	hdf_set_value(r->hdf, "Page.Prefix", conf_str("Portal.Prefix"));
	return nerr_pass(render_onto(r->hdf, r->lang, 1, tpl, out));
}

NEOERR *view_render_text(HDF *data, const char *lang, const char *tpl, STRING *out)
{
	return nerr_pass(render_onto(data, view_lang(lang), 0, tpl, out));
}

void view_shutdown(void)
{
	for (int i = 0; i < ntpls; i++) {
		free(tpls[i].name);
		cs_destroy(&tpls[i].cs);
	}
	ntpls = 0;
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		hdf_destroy(&lang_hdf[i]);
	hdf_destroy(&parse_hdf);
	hdf_destroy(&text_hdf);
}
