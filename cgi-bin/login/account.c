/* account.c: the user's own account — sessions, password, language */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "login.h"
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

static NEOERR *show(Request *r)
{
	NEOERR *err = sessions(r);
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
