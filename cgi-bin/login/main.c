/* main.c: the login binary — login, logout, language, invitation and reset links, the account page */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "login.h"
#include "profile.h"
#include "util.h"
#include "http.h"
#include "session.h"
#include "view.h"

static const Param p_login_form[] = {
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_login[] = {
	{ "email", P_EMAIL, P_REQUIRED | P_FORM, 0, 254, NULL },
	{ "password", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_lang[] = {
	{ "lang", P_ENUM, P_REQUIRED, 0, 0, VIEW_LANGS },
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static NEOERR *login_form(Request *r)
{
	if (r->user)
		return http_redirect(r, param_str(r, "next") ? param_str(r, "next") : "/");
	if (param_str(r, "next"))
		hdf_set_value(r->hdf, "Page.Form.next", param_str(r, "next"));
	return nerr_pass(view_render(r, "login/login.cs"));
}

/* What comes after the password: "totp" when the user has a second
 * factor, "enrol" when a role the user holds requires one and there is
 * none yet, else "full". */
static NEOERR *second_factor(long long uid, const char **stage)
{
	const char *required = conf_str("Login.TwoFactorRoles");
	DBQuery *q;
	NEOERR *err;
	int need = 0, has = 0;

	err = db_query(&q, "SELECT g.role, COALESCE(c.totp_enabled, 0) FROM users u"
			   " LEFT JOIN credentials c ON c.user_id = u.id"
			   " LEFT JOIN grants g ON g.user_id = u.id WHERE u.id = ?", "i", uid);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		const char *role = db_str(q, 0);
		size_t l = role ? strlen(role) : 0;
		has = (int)db_int(q, 1);
		for (const char *p = required; l && (p = strstr(p, role)) != NULL; p += l)
			if ((p == required || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
				need = 1;
	}
	db_end(&q);
	*stage = has ? "totp" : need ? "enrol" : "full";
	return STATUS_OK;
}

/* One failed attempt: counted for the address and the account, the
 * account's delay grown, the audit log told. */
NEOERR *record_failure(Request *r, long long uid, const char *ip, const char *why)
{
	NEOERR *err;

	err = db_exec(NULL, "INSERT INTO login_attempts (user_id, ip, success, created_at)"
			    " VALUES (NULLIF(?, 0), ?, 0, UTC_TIMESTAMP())", "is", uid, ip);
	if (!err && uid)
		/* Assignments run left to right: the lock is reckoned from the
		 * count before this failure. */
		err = db_exec(NULL,
			"UPDATE credentials SET locked_until = IF(failed_logins + 1 >= ?, UTC_TIMESTAMP()"
			"   + INTERVAL LEAST(300, POW(2, failed_logins + 1 - ?)) SECOND, NULL),"
			" failed_logins = failed_logins + 1 WHERE user_id = ?",
			"iii", (long long)conf_int("Login.DelayAfterFailures"),
			(long long)conf_int("Login.DelayAfterFailures"), uid);
	if (!err)
		err = audit_add(r, uid, "login.failure", "user", uid, 0, why);
	return nerr_pass(err);
}

NEOERR *login_address_over(const char *ip, int *over)
{
	char *s = NULL;
	NEOERR *err = db_value(&s, "SELECT COUNT(*) FROM login_attempts WHERE ip = ? AND success = 0"
				   " AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "s", ip);

	*over = !err && s && atoll(s) >= conf_int("Login.MaxFailuresPerAddress");
	free(s);
	return nerr_pass(err);
}

/* The account's own state, in the query that finds it: locked after
 * failures in a row, or over its failures in the hour. */
#define ACCOUNT_WAITS \
	" c.locked_until > UTC_TIMESTAMP() OR (SELECT COUNT(*) FROM login_attempts a" \
	"   WHERE a.user_id = u.id AND a.success = 0" \
	"   AND a.created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR) >= ?"

NEOERR *login_account_waits(long long uid, int *waits)
{
	char *s = NULL;
	NEOERR *err = db_value(&s, "SELECT" ACCOUNT_WAITS " FROM users u JOIN credentials c"
				   " ON c.user_id = u.id WHERE u.id = ?",
			       "ii", (long long)conf_int("Login.MaxFailuresPerHour"), uid);

	*waits = !err && s && atoll(s);
	free(s);
	return nerr_pass(err);
}

NEOERR *login_succeeded(Request *r, long long uid, const char *ip)
{
	NEOERR *err;

	(void)r;
	err = db_exec(NULL, "INSERT INTO login_attempts (user_id, ip, success, created_at)"
			    " VALUES (?, ?, 1, UTC_TIMESTAMP())", "is", uid, ip);
	if (!err)
		err = db_exec(NULL, "UPDATE credentials SET failed_logins = 0, locked_until = NULL"
				    " WHERE user_id = ?", "i", uid);
	if (!err)
		err = db_exec(NULL, "UPDATE users SET last_login_at = UTC_TIMESTAMP(),"
				    " last_activity_at = UTC_TIMESTAMP(), inactivity_warned_at = NULL"
				    " WHERE id = ?", "i", uid);
	return nerr_pass(err);
}

NEOERR *login_refuse(Request *r, const char *flag)
{
	hdf_set_value(r->hdf, flag, "1");
	r->status = 422;
	return nerr_pass(view_render(r, "login/login.cs"));
}

static NEOERR *login_post(Request *r)
{
	const char *ip = http_env(r, "REMOTE_ADDR"), *email, *password;
	long long uid = 0;
	char *hash = NULL, *status = NULL;
	const char *stage = "full";
	int locked = 0, ok, over = 0;
	DBQuery *q;
	NEOERR *err;

	if (!ip)
		ip = "";
	param_keep_form(r);
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(view_render(r, "login/login.cs"));
	}
	email = param_str(r, "email");
	password = param_str(r, "password");

	/* Too many failures from this address, whatever the account. */
	err = login_address_over(ip, &over);
	if (err)
		return nerr_pass(err);
	if (over) {
		log_msg("warn", r->ref, "login refused: address over its failure limit");
		return login_refuse(r, "Page.Throttled");
	}

	err = db_query(&q,
		"SELECT u.id, u.status, c.password_hash, COALESCE(" ACCOUNT_WAITS ", 0)"
		" FROM users u LEFT JOIN credentials c ON c.user_id = u.id WHERE u.email = ?",
		"is", (long long)conf_int("Login.MaxFailuresPerHour"), email);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		uid = db_int(q, 0);
		status = xstrdup(db_str(q, 1));
		hash = db_str(q, 2) ? xstrdup(db_str(q, 2)) : NULL;
		locked = (int)db_int(q, 3);
	}
	db_end(&q);

	/* The same work and the same answer for an unknown address, a wrong
	 * password, an account that is not active or one that must wait. */
	ok = auth_verify(password, locked ? NULL : hash);
	if (!ok || !status || strcmp(status, "active")) {
		const char *why = !uid ? "unknown address" : locked ? "account waiting after failures"
				: !ok ? "wrong password" : "account not active";
		free(hash);
		free(status);
		err = record_failure(r, uid, ip, why);
		if (err)
			return nerr_pass(err);
		return login_refuse(r, "Page.Failed");
	}
	free(hash);
	free(status);

	/* The failures in a row count on until the second factor too is
	 * given: the password alone does not clear them. */
	err = db_begin();
	if (!err)
		err = second_factor(uid, &stage);
	if (!err && strcmp(stage, "totp"))
		err = login_succeeded(r, uid, ip);
	if (!err)
		err = session_start(r, uid, stage);
	if (!err)
		err = audit_add(r, uid, !strcmp(stage, "full") ? "login.success" : "login.password_ok",
				"user", uid, 0, stage);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (!strcmp(stage, "totp"))
		return http_redirect(r, "/login/totp");
	if (!strcmp(stage, "enrol"))
		return http_redirect(r, "/account/2fa");
	return http_redirect(r, param_str(r, "next") ? param_str(r, "next") : "/");
}

static NEOERR *logout(Request *r)
{
	NEOERR *err = STATUS_OK;

	if (r->user)
		err = audit_add(r, r->user->id, "logout", "user", r->user->id, 0, "");
	if (!err)
		err = session_end(r);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/login");
}

static NEOERR *set_lang(Request *r)
{
	/* A logged-in user's choice is kept in the profile too. */
	if (r->user) {
		NEOERR *err = db_exec(NULL, "UPDATE users SET lang = ? WHERE id = ?", "si",
				      param_str(r, "lang"), r->user->id);
		if (err)
			return nerr_pass(err);
	}
	http_cookie(r, COOKIE_LANG, param_str(r, "lang"), 365L * 24 * 3600);
	return http_redirect(r, param_str(r, "next") ? param_str(r, "next") : "/");
}

static const Param p_token[] = {
	{ "token", P_TOKEN, P_PATH | P_REQUIRED, 0, 64, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_choose[] = {
	{ "token", P_TOKEN, P_PATH | P_REQUIRED, 0, 64, NULL },
	{ "password", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ "password2", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_reset_request[] = {
	{ "email", P_EMAIL, P_REQUIRED | P_FORM, 0, 254, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_code[] = {
	{ "code", P_LINE, P_REQUIRED | P_FORM, 0, 20, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_disable[] = {
	{ "password", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_account[] = {
	{ "done", P_ENUM, 0, 0, 0, "password session lang profile" },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_password[] = {
	{ "current", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ "password", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ "password2", P_SECRET, P_REQUIRED | P_FORM, 0, 1024, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* One's own details: the names and job title, and the optional fields,
 * each accepted only while it is on and for one's kind of user
 * (lib/profile.c); the e-mail address is the login, changed by the agency. */
static const Param p_profile[] = {
	{ "first_name", P_LINE, P_REQUIRED | P_FORM, 0, 100, NULL },
	{ "last_name", P_LINE, P_REQUIRED | P_FORM, 0, 100, NULL },
	{ "job_title", P_LINE, P_FORM, 0, 100, NULL },
	{ "mobile", P_LINE, P_FORM, 0, 32, NULL },
	{ "birth_date", P_DATE, P_FORM, 0, 0, NULL },
	{ "street", P_LINE, P_FORM, 0, 200, NULL },
	{ "postcode", P_LINE, P_FORM, 0, 12, NULL },
	{ "city", P_LINE, P_FORM, 0, 100, NULL },
	{ "country", P_ENUM, P_FORM, 0, 0, PROFILE_COUNTRIES },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_session[] = {
	{ "id", P_INT, P_REQUIRED, 1, 9007199254740991LL, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Route routes[] = {
	{ "GET", "/login", login_form, NULL, R_PUBLIC, p_login_form },
	{ "POST", "/login", login_post, NULL, R_PUBLIC | R_CSRF, p_login },
	{ "POST", "/logout", logout, NULL, R_PUBLIC | R_CSRF | R_TOTP | R_ENROL, NULL },
	{ "GET", "/login/totp", totp_form, NULL, R_TOTP, NULL },
	{ "POST", "/login/totp", totp_post, NULL, R_TOTP | R_CSRF, p_code },
	{ "POST", "/lang", set_lang, NULL, R_PUBLIC | R_CSRF, p_lang },
	{ "GET", "/invite/:token", invite_form, NULL, R_PUBLIC, p_token },
	{ "POST", "/invite/:token", invite_post, NULL, R_PUBLIC | R_CSRF, p_choose },
	{ "GET", "/password/reset", reset_request_form, NULL, R_PUBLIC, NULL },
	{ "POST", "/password/reset", reset_request_post, NULL, R_PUBLIC | R_CSRF, p_reset_request },
	{ "GET", "/password/reset/:token", reset_form, NULL, R_PUBLIC, p_token },
	{ "POST", "/password/reset/:token", reset_post, NULL, R_PUBLIC | R_CSRF, p_choose },
	{ "GET", "/account", account_page, NULL, 0, p_account },
	{ "POST", "/account/profile", account_profile, NULL, R_CSRF, p_profile },
	{ "POST", "/account/password", account_password, NULL, R_CSRF, p_password },
	{ "POST", "/account/sessions/end", account_end_session, NULL, R_CSRF, p_session },
	{ "POST", "/account/lang", account_lang, NULL, R_CSRF, p_lang },
	{ "GET", "/account/2fa", twofa_page, NULL, R_ENROL, NULL },
	{ "POST", "/account/2fa/enable", twofa_enable, NULL, R_ENROL | R_CSRF, p_code },
	{ "POST", "/account/2fa/disable", twofa_disable, NULL, R_CSRF, p_disable },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	return app_run("login", routes, argc, argv);
}
