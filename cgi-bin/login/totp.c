/* totp.c: the second factor — the code after the password, enrolment, turning it off */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>

#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "login.h"
#include "session.h"
#include "totp.h"
#include "util.h"
#include "view.h"

NEOERR *totp_form(Request *r)
{
	if (!r->user || strcmp(r->user->stage, "totp"))
		return http_redirect(r, r->user ? "/" : "/login");
	return nerr_pass(view_render(r, "login/totp.cs"));
}

/* A wrong code counts against the pending session too: after
 * Login.MaxCodeFailures of them it ends, and the password must be given
 * again. *ended is 1 when it did. */
static NEOERR *code_failed(Request *r, int *ended)
{
	char *n = NULL;
	NEOERR *err;

	*ended = 0;
	err = db_exec(NULL, "UPDATE sessions SET code_failures = code_failures + 1 WHERE id = ?", "i",
		      r->user->session_id);
	if (!err)
		err = db_value(&n, "SELECT code_failures FROM sessions WHERE id = ?", "i",
			       r->user->session_id);
	if (!err && n && atoll(n) >= conf_int("Login.MaxCodeFailures")) {
		*ended = 1;
		err = db_exec(NULL, "UPDATE sessions SET ended_at = UTC_TIMESTAMP(),"
				    " end_reason = 'second_factor' WHERE id = ? AND ended_at IS NULL",
			      "i", r->user->session_id);
	}
	free(n);
	return nerr_pass(err);
}

/* The code of the authenticator app, or a recovery code. It is held to
 * the same limits as the password: the address's failures, the account's
 * lock and failures of the hour; a wrong one is a failure of the account,
 * audited. A code is taken once, even by two requests at the same moment:
 * the step is accepted by a conditional update that only one of them can
 * make (the other is a replay, refused and logged). */
NEOERR *totp_post(Request *r)
{
	const char *code = param_str(r, "code"), *ip = http_env(r, "REMOTE_ADDR");
	const char *why = "wrong totp code";
	long long uid = r->user->id, step = 0;
	TotpState t;
	NEOERR *err;
	int ok = 0, recovery = 0, over = 0, waits = 0, ended = 0;

	if (strcmp(r->user->stage, "totp"))
		return http_redirect(r, "/");
	if (!ip)
		ip = "";
	if (r->form_errors) {
		param_keep_form(r);
		r->status = 422;
		return nerr_pass(view_render(r, "login/totp.cs"));
	}
	err = login_address_over(ip, &over);
	if (!err && !over)
		err = login_account_waits(uid, &waits);
	if (!err && !over && !waits)
		err = totp_load(uid, &t);
	if (err) {
		OPENSSL_cleanse(&t, sizeof(t));
		return nerr_pass(err);
	}
	err = db_begin();
	if (!err && !over && !waits) {
		ok = totp_check(&t, code, &step);
		if (ok) {
			err = totp_accept(uid, step, 0, &ok);
			if (!err && !ok)
				step = -1;
		} else if (step == 0 && strlen(code) > 6) {
			err = totp_recovery_use(uid, code, &ok);
			recovery = ok;
			why = "wrong recovery code";
		}
		OPENSSL_cleanse(&t, sizeof(t));
	}
	if (step == -1)
		why = "totp replay";
	else if (over)
		why = "totp from an address over its failure limit";
	else if (waits)
		why = "totp while the account waits after failures";
	if (!err && ok)
		err = login_succeeded(r, uid, ip);
	if (!err && ok)
		err = session_start(r, uid, "full");
	if (!err && ok)
		err = audit_add(r, uid, "login.success", "user", uid, 0,
				recovery ? "recovery code" : "totp");
	if (!err && !ok)
		err = record_failure(r, uid, ip, why);
	if (!err && !ok)
		err = code_failed(r, &ended);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (ended) {
		/* Ended above, with its reason: here the cookie goes. The
		 * password again, from the start. */
		err = session_end(r);
		if (err)
			return nerr_pass(err);
		return nerr_pass(login_refuse(r, "Page.CodesExhausted"));
	}
	if (!ok) {
		param_error(r, "code", over ? "totp_throttled" : "totp_wrong");
		r->status = 422;
		return nerr_pass(view_render(r, "login/totp.cs"));
	}
	return http_redirect(r, "/");
}

/* The enrolment page: a new secret as QR code and as text, or the state
 * of a second factor already on. */
static NEOERR *show(Request *r, TotpState *t)
{
	char key[64], *qr = NULL;
	NEOERR *err;

	if (t->enabled) {
		hdf_set_value(r->hdf, "Page.Enabled", "1");
	} else {
		err = t->has_secret ? STATUS_OK : totp_begin(r->user->id, t);
		if (!err)
			err = totp_qr_data_uri(t, r->user->email, &qr);
		if (err)
			return nerr_pass(err);
		totp_key_text(t, key, sizeof(key));
		hdf_set_value(r->hdf, "Page.Key", key);
		/* A data: URI of an SVG made here from the key: an image, not markup. */
		hdf_set_value(r->hdf, "Page.Qr", qr);
		OPENSSL_cleanse(key, sizeof(key));
		free(qr);
	}
	if (!strcmp(r->user->stage, "enrol"))
		hdf_set_value(r->hdf, "Page.Required", "1");
	return nerr_pass(view_render(r, "login/twofa.cs"));
}

NEOERR *twofa_page(Request *r)
{
	TotpState t;
	NEOERR *err = totp_load(r->user->id, &t);
	if (!err)
		err = show(r, &t);
	OPENSSL_cleanse(&t, sizeof(t));
	return nerr_pass(err);
}

NEOERR *twofa_enable(Request *r)
{
	char codes[TOTP_CODES][16], key[32];
	long long step = 0;
	TotpState t;
	NEOERR *err;
	int ok = 0;

	err = totp_load(r->user->id, &t);
	if (err) {
		OPENSSL_cleanse(&t, sizeof(t));
		return nerr_pass(err);
	}
	if (t.enabled)
		return http_redirect(r, "/account/2fa");
	if (!r->form_errors)
		ok = totp_check(&t, param_str(r, "code"), &step);
	if (!ok) {
		if (!r->form_errors)
			param_error(r, "code", "totp_wrong");
		r->status = 422;
		err = show(r, &t);
		OPENSSL_cleanse(&t, sizeof(t));
		return nerr_pass(err);
	}
	OPENSSL_cleanse(&t, sizeof(t));
	err = db_begin();
	if (!err)
		err = totp_accept(r->user->id, step, 1, &ok);
	if (!err && !ok) {
		/* Another request took this code first. */
		db_rollback();
		param_error(r, "code", "totp_wrong");
		r->status = 422;
		err = totp_load(r->user->id, &t);
		if (!err)
			err = show(r, &t);
		OPENSSL_cleanse(&t, sizeof(t));
		return nerr_pass(err);
	}
	if (!err)
		err = totp_recovery_new(r->user->id, codes);
	if (!err && strcmp(r->user->stage, "full"))
		err = session_start(r, r->user->id, "full");
	if (!err)
		err = audit_add(r, r->user ? r->user->id : 0, "totp.enable", "user",
				r->user ? r->user->id : 0, 0, "");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	/* The recovery codes are shown this once and never again. */
	for (int i = 0; i < TOTP_CODES; i++) {
		snprintf(key, sizeof(key), "Page.Codes.%d", i);
		hdf_set_value(r->hdf, key, codes[i]);
	}
	OPENSSL_cleanse(codes, sizeof(codes));
	hdf_set_value(r->hdf, "Page.JustEnabled", "1");
	return nerr_pass(view_render(r, "login/twofa.cs"));
}

NEOERR *twofa_disable(Request *r)
{
	char *hash = NULL;
	TotpState t;
	NEOERR *err = totp_load(r->user->id, &t);

	if (err) {
		OPENSSL_cleanse(&t, sizeof(t));
		return nerr_pass(err);
	}
	/* Nothing to turn off: the page, which offers to turn it on. */
	if (!t.enabled) {
		OPENSSL_cleanse(&t, sizeof(t));
		return http_redirect(r, "/account/2fa");
	}
	err = db_value(&hash, "SELECT password_hash FROM credentials WHERE user_id = ?", "i",
		       r->user->id);
	if (!err && !r->form_errors && !auth_verify(param_str(r, "password"), hash))
		param_error(r, "password", "password_wrong");
	free(hash);
	if (!err && r->form_errors) {
		r->status = 422;
		err = show(r, &t);
	}
	OPENSSL_cleanse(&t, sizeof(t));
	if (err || r->form_errors)
		return nerr_pass(err);
	err = db_begin();
	if (!err)
		err = totp_disable(r->user->id);
	if (!err)
		err = audit_add(r, r->user->id, "totp.disable", "user", r->user->id, 0, "");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/account/2fa");
}
