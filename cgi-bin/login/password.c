/* password.c: choosing a password — from an invitation link or a reset link */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>


#include "account.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "login.h"
#include "token.h"
#include "util.h"
#include "view.h"

/* The person a link is for: name and e-mail into Page.Person.*, for the
 * page and for the password rules. */
static NEOERR *person(Request *r, long long uid, char *first, char *last, char *email, size_t n)
{
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT first_name, last_name, email FROM users WHERE id = ?", "i", uid);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(first, n, "%s", db_str(q, 0));
		snprintf(last, n, "%s", db_str(q, 1));
		snprintf(email, n, "%s", db_str(q, 2));
		hdf_set_value(r->hdf, "Page.Person.Name", first);
		hdf_set_value(r->hdf, "Page.Person.Email", email);
	}
	db_end(&q);
	return STATUS_OK;
}

/* GET of a link: the form, or a page saying the link no longer works. */
static NEOERR *choose_form(Request *r, const char *kind)
{
	char first[128] = "", last[128] = "", email[256] = "";
	long long uid;
	NEOERR *err;

	hdf_set_value(r->hdf, "Page.Kind", kind);
	err = token_user(kind, param_str(r, "token"), &uid);
	if (!err && uid)
		err = person(r, uid, first, last, email, sizeof(first));
	if (err)
		return nerr_pass(err);
	if (!uid) {
		r->status = 404;
		hdf_set_value(r->hdf, "Page.Expired", "1");
	}
	hdf_set_value(r->hdf, "Page.Token", param_str(r, "token"));
	return nerr_pass(view_render(r, "login/password.cs"));
}

/* POST of a link: checks the password, uses the token up, sets it. */
static NEOERR *choose_post(Request *r, const char *kind)
{
	char first[128] = "", last[128] = "", email[256] = "";
	const char *pw = param_str(r, "password"), *pw2 = param_str(r, "password2"), *why;
	long long uid, used;
	NEOERR *err;

	hdf_set_value(r->hdf, "Page.Kind", kind);
	hdf_set_value(r->hdf, "Page.Token", param_str(r, "token"));
	err = token_user(kind, param_str(r, "token"), &uid);
	if (!err && uid)
		err = person(r, uid, first, last, email, sizeof(first));
	if (err)
		return nerr_pass(err);
	if (!uid) {
		r->status = 404;
		hdf_set_value(r->hdf, "Page.Expired", "1");
		return nerr_pass(view_render(r, "login/password.cs"));
	}
	if (!r->form_errors && (why = auth_password_problem(pw, first, last, email)) != NULL)
		param_error(r, "password", why);
	if (!r->form_errors && strcmp(pw, pw2))
		param_error(r, "password2", "password_mismatch");
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(view_render(r, "login/password.cs"));
	}
	err = db_begin();
	if (!err)
		err = token_use(kind, param_str(r, "token"), &used);
	if (!err && used != uid) {
		/* Used or expired between the check and now. */
		db_rollback();
		r->status = 404;
		hdf_set_value(r->hdf, "Page.Expired", "1");
		return nerr_pass(view_render(r, "login/password.cs"));
	}
	if (!err)
		err = account_set_password(r, uid, pw, 0, kind);
	if (!err && !strcmp(kind, "invite"))
		err = db_exec(NULL, "UPDATE users SET status = 'active', last_activity_at = UTC_TIMESTAMP()"
				    " WHERE id = ? AND status = 'invited'", "i", uid);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Done", "1");
	return nerr_pass(view_render(r, "login/password.cs"));
}

NEOERR *invite_form(Request *r)
{
	return nerr_pass(choose_form(r, "invite"));
}

NEOERR *invite_post(Request *r)
{
	return nerr_pass(choose_post(r, "invite"));
}

NEOERR *reset_form(Request *r)
{
	return nerr_pass(choose_form(r, "reset"));
}

NEOERR *reset_post(Request *r)
{
	return nerr_pass(choose_post(r, "reset"));
}

NEOERR *reset_request_form(Request *r)
{
	return nerr_pass(view_render(r, "login/reset_request.cs"));
}

/* Has the address or the account asked for links too often this hour?
 * The request counts too, whatever the answer. */
static NEOERR *reset_allowed(Request *r, long long uid, int *allowed)
{
	const char *ip = http_env(r, "REMOTE_ADDR");
	char *by_ip = NULL, *by_user = NULL;
	NEOERR *err;

	*allowed = 0;
	err = db_exec(NULL, "INSERT INTO reset_requests (user_id, ip, created_at)"
			    " VALUES (NULLIF(?, 0), ?, UTC_TIMESTAMP())", "is", uid, or_empty(ip));
	if (!err)
		err = db_value(&by_ip, "SELECT COUNT(*) FROM reset_requests WHERE ip = ?"
				       " AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "s", or_empty(ip));
	if (!err && uid)
		err = db_value(&by_user, "SELECT COUNT(*) FROM reset_requests WHERE user_id = ?"
					 " AND created_at > UTC_TIMESTAMP() - INTERVAL 1 HOUR", "i", uid);
	if (!err) {
		*allowed = atoll(or_empty(by_ip)) <= conf_int("Tokens.ResetsPerAddress") &&
			   (!uid || atoll(or_empty(by_user)) <= conf_int("Tokens.ResetsPerAccount"));
		if (!*allowed)
			log_msg("warn", r->ref, "reset link refused: %s over its requests of the hour",
				uid && atoll(or_empty(by_user)) > conf_int("Tokens.ResetsPerAccount") ?
					"account" : "address");
	}
	free(by_ip);
	free(by_user);
	return nerr_pass(err);
}

/* The same answer whether or not the address is known, and whether or not
 * it asked too often: only a known, active account gets a mail, and only
 * a few an hour. */
NEOERR *reset_request_post(Request *r)
{
	char token[TOKEN_LEN + 1], key[96], minutes[16], *uid_s = NULL, *link;
	long long uid = 0;
	HDF *extra = NULL;
	NEOERR *err;
	int allowed = 0;

	param_keep_form(r);
	if (r->form_errors) {
		r->status = 422;
		return nerr_pass(view_render(r, "login/reset_request.cs"));
	}
	err = db_value(&uid_s, "SELECT id FROM users WHERE email = ? AND status = 'active'", "s",
		       param_str(r, "email"));
	if (err)
		return nerr_pass(err);
	uid = uid_s ? atoll(uid_s) : 0;
	free(uid_s);
	err = db_begin();
	if (!err)
		err = reset_allowed(r, uid, &allowed);
	if (!err && uid && allowed) {
		err = token_create("reset", uid, 60L * conf_int("Tokens.ResetMinutes"), token);
		link = conf_url("/password/reset/%s", token);
		hdf_init(&extra);
		hdf_set_value(extra, "Link", link);
		snprintf(minutes, sizeof(minutes), "%d", conf_int("Tokens.ResetMinutes"));
		hdf_set_value(extra, "Minutes", minutes);
		snprintf(key, sizeof(key), "mail:reset:%lld:%.8s", uid, token);
		if (!err)
			err = account_mail(uid, "Reset", key, extra);
		if (!err)
			err = audit_add(r, uid, "password.reset_request", "user", uid, 0, "");
		hdf_destroy(&extra);
		OPENSSL_cleanse(link, strlen(link));
		free(link);
		OPENSSL_cleanse(token, sizeof(token));
	}
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Sent", "1");
	return nerr_pass(view_render(r, "login/reset_request.cs"));
}
