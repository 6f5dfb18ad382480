/* view.h: ClearSilver templates, parsed once per process, and the language files */
#ifndef PORTAL_VIEW_H
#define PORTAL_VIEW_H

#include "request.h"

#define VIEW_LANGS "nl en fr"

/* Loads the language files; once per process. */
NEOERR *view_init(void);

/* Renders templates/<tpl> with the request's data into r->body. */
NEOERR *view_render(Request *r, const char *tpl);

/* A module's page when it has nothing to show yet: no client with a unit
 * in the user's scope (a fresh installation). module is its key in
 * Lang.Nav; may_add: the user may add clients (a link to them). */
NEOERR *view_empty(Request *r, const char *module, int may_add);

/* Renders templates/<tpl> (HTML, escaped as pages are) with the request's
 * data into out: a part of a page, to keep (cache.h) and show again — the
 * one source of what a page prints with uvar. */
NEOERR *view_render_part(Request *r, const char *tpl, STRING *out);

/* Renders the text template templates/<tpl> (a mail body: nothing is
 * escaped) with data and the strings of lang into out. */
NEOERR *view_render_text(HDF *data, const char *lang, const char *tpl, STRING *out);

/* A string of the language file of lang (e.g. "Lang.Mail.TestSubject"),
 * lent; the key itself when missing. */
const char *view_text(const char *lang, const char *key);

/* The language a value names, or the configured default. */
const char *view_lang(const char *want);

/* Drops the parsed templates (tests, reload). */
void view_shutdown(void);

/* Is a module switched on in Portal.Modules? */
int view_module_on(const char *code);

#endif
