/* account.c: the user's own account — his details, sessions, password, language */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "login.h"
#include "page.h"
#include "photo.h"
#include "profile.h"
#include "util.h"
#include "view.h"

static NEOERR *sessions(Request *r)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(last_seen_at,"
		" '%Y-%m-%d %H:%i'), ip, user_agent FROM sessions"
		" WHERE user_id = ? AND ended_at IS NULL ORDER BY last_seen_at DESC LIMIT 50",
		"i", r->user->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		char key[64];
		snprintf(key, sizeof(key), "Page.Sessions.%d", n++);
		HDF *s;
		hdf_get_node(r->hdf, key, &s);
		hdf_set_value(s, "Id", db_str(q, 0));
		hdf_set_value(s, "Started", db_str(q, 1));
		hdf_set_value(s, "Seen", db_str(q, 2));
		hdf_set_value(s, "Ip", db_str(q, 3));
		hdf_set_value(s, "Agent", db_str(q, 4));
		if (db_int(q, 0) == r->user->session_id)
			hdf_set_value(s, "Current", "1");
	}
	db_end(&q);
	return STATUS_OK;
}

/* A temp worker's first and last name are his payroll identity, on his
 * contracts and payslips: the agency corrects them (worker.edit), he does
 * not. Client users and staff correct their own. */
static int names_fixed(Request *r)
{
	return !strcmp(r->user->kind, "worker");
}

/* Page.Profile: what the portal keeps of the user — names, job title, the
 * optional fields that are on, a temp worker's photo while photos are on —
 * and the form to correct it, started from the stored values unless a
 * refused one comes back (kept; a temp worker's names always as stored,
 * shown read-only). The e-mail address is his login: the agency changes
 * it (the page says whom to ask). */
static NEOERR *profile(Request *r, int refused)
{
	unsigned fields = profile_fields(r->user->kind);
	HDF *h = NULL;
	DBQuery *q;
	NEOERR *err;

	if (hdf_get_node(r->hdf, "Page.Profile", &h) != STATUS_OK)
		abort();
	err = db_query(&q, "SELECT u.first_name, u.last_name, u.job_title, u.kind, c.name,"
			   " u.photo_file_id IS NOT NULL FROM users u LEFT JOIN clients c ON c.id = u.client_id"
			   " WHERE u.id = ?", "i", r->user->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		page_put(h, "FirstName", db_str(q, 0));
		page_put(h, "LastName", db_str(q, 1));
		page_put(h, "JobTitle", db_str(q, 2));
		page_put(h, "Kind", db_str(q, 3));
		page_put(h, "Client", db_str(q, 4));
		if (db_int(q, 5) && !strcmp(db_str(q, 3), "worker") && photo_on())
			page_put(h, "Photo", "1");
	}
	db_end(&q);
	hdf_set_valuef(h, "Id=%lld", r->user->id);
	hdf_set_value(r->hdf, "Page.SupportEmail", conf_str("Portal.SupportEmail"));
	profile_flags(r, fields);
	err = profile_load(r, r->user->id, fields, h, !refused);
	if (!err && refused)
		param_keep_form(r);
	if (names_fixed(r)) {
		hdf_set_value(h, "NamesFixed", "1");
		hdf_set_value(r->hdf, "Page.Form.first_name", hdf_get_value(h, "FirstName", ""));
		hdf_set_value(r->hdf, "Page.Form.last_name", hdf_get_value(h, "LastName", ""));
	}
	return nerr_pass(err);
}

static NEOERR *show(Request *r)
{
	NEOERR *err = sessions(r);
	if (!err)
		err = profile(r, hdf_get_value(r->hdf, "Page.ProfileRefused", NULL) != NULL);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.User.Email", r->user->email);
	hdf_set_value(r->hdf, "Page.User.Lang", r->user->lang[0] ? r->user->lang : r->lang);
	return nerr_pass(view_render(r, "login/account.cs"));
}

NEOERR *account_page(Request *r)
{
	const char *done = param_str(r, "done");
	if (done)
		hdf_set_value(r->hdf, "Page.Done", done);
	return nerr_pass(show(r));
}

NEOERR *account_password(Request *r)
{
	const char *cur = param_str(r, "current"), *pw = param_str(r, "password");
	const char *pw2 = param_str(r, "password2"), *why;
	char *hash = NULL, first[128] = "", last[128] = "";
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT c.password_hash, u.first_name, u.last_name FROM users u"
			   " LEFT JOIN credentials c ON c.user_id = u.id WHERE u.id = ?",
		       "i", r->user->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		hash = db_str(q, 0) ? xstrdup(db_str(q, 0)) : NULL;
		snprintf(first, sizeof(first), "%s", db_str(q, 1));
		snprintf(last, sizeof(last), "%s", db_str(q, 2));
	}
	db_end(&q);
	if (!r->form_errors && !auth_verify(cur, hash))
		param_error(r, "current", "password_wrong");
	free(hash);
	if (!r->form_errors && (why = auth_password_problem(pw, first, last, r->user->email)))
		param_error(r, "password", why);
	if (!r->form_errors && strcmp(pw, pw2))
		param_error(r, "password2", "password_mismatch");
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(show(r));
	}
	err = db_begin();
	if (!err)
		err = account_set_password(r, r->user->id, pw, r->user->session_id, "own change");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/account?done=password");
}

/* A temp worker's form carries his names as stored (read-only); other
 * ones are refused on the field, and nothing is written. */
static NEOERR *names_kept(Request *r)
{
	static const char *const names[] = { "first_name", "last_name" };
	DBQuery *q;
	NEOERR *err = db_query(&q, "SELECT first_name, last_name FROM users WHERE id = ?", "i", r->user->id);

	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		for (int i = 0; i < 2; i++) {
			char key[64];
			snprintf(key, sizeof(key), "Page.Errors.%s", names[i]);
			if (!hdf_get_value(r->hdf, key, NULL) &&
			    strcmp(or_empty(param_str(r, names[i])), or_empty(db_str(q, i))))
				param_error(r, names[i], "name_agency");
		}
	}
	db_end(&q);
	return STATUS_OK;
}

/* The user corrects his names (a temp worker not his: names_fixed), job
 * title and the optional fields that are on; a field switched off is
 * refused with 400 (the form never offers it) and nothing is written.
 * Audited with the names of the fields that changed, never their values. */
NEOERR *account_profile(Request *r)
{
	unsigned fields = profile_fields(r->user->kind);
	const char *off = profile_foreign(r, fields);
	STRING changed;
	NEOERR *err;

	if (off)
		return http_fail(r, 400, "%s is switched off or not kept for a user of kind %s", off,
				 r->user->kind);
	if (names_fixed(r)) {
		err = names_kept(r);
		if (err)
			return nerr_pass(err);
	}
	profile_check(r, fields);
	if (r->form_errors) {
		r->status = 422;
		hdf_set_value(r->hdf, "Page.ProfileRefused", "1");
		return nerr_pass(show(r));
	}
	string_init(&changed);
	err = db_begin();
	if (!err)
		err = profile_save(r, r->user->id, fields, names_fixed(r) ? PROFILE_KEEP_NAMES : 0, &changed);
	if (!err && changed.len)
		err = audit_add(r, r->user->id, "profile.update", "user", r->user->id, 0, changed.buf);
	err = db_finish(err);
	string_clear(&changed);
	if (err && nerr_match(err, NERR_NOT_FOUND)) {
		/* Erased since the form was loaded: nothing was written. */
		nerr_ignore(&err);
		return http_fail(r, 404, "user %lld was erased meanwhile", r->user->id);
	}
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/account?done=profile");
}

NEOERR *account_end_session(Request *r)
{
	unsigned long long n = 0;
	NEOERR *err;

	err = db_exec(&n, "UPDATE sessions SET ended_at = UTC_TIMESTAMP(), end_reason = 'logout'"
			  " WHERE id = ? AND user_id = ? AND ended_at IS NULL",
		      "ii", param_int(r, "id", 0), r->user->id);
	if (err)
		return nerr_pass(err);
	if (!n)
		return http_fail(r, 404, "no open session %lld of this user", param_int(r, "id", 0));
	err = audit_add(r, r->user->id, "session.end", "session", param_int(r, "id", 0), 0, "");
	if (err)
		return nerr_pass(err);
	return http_redirect(r, param_int(r, "id", 0) == r->user->session_id ? "/login"
									   : "/account?done=session");
}

NEOERR *account_lang(Request *r)
{
	NEOERR *err = db_exec(NULL, "UPDATE users SET lang = ? WHERE id = ?", "si",
			      param_str(r, "lang"), r->user->id);
	if (err)
		return nerr_pass(err);
	http_cookie(r, COOKIE_LANG, param_str(r, "lang"), 365L * 24 * 3600);
	return http_redirect(r, "/account?done=lang");
}
