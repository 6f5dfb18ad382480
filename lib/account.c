/* account.c: what happens to an account — invitation, password, sessions ended — with its mail and audit */
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "outbox.h"
#include "token.h"
#include "util.h"
#include "view.h"

static void copy_tree(HDF *dst, const char *prefix, HDF *src)
{
	for (HDF *c = src ? hdf_obj_child(src) : NULL; c; c = hdf_obj_next(c)) {
		char key[128];
		snprintf(key, sizeof(key), "%s.%s", prefix, hdf_obj_name(c));
		if (hdf_obj_value(c))
			hdf_set_value(dst, key, hdf_obj_value(c));
		if (hdf_obj_child(c))
			copy_tree(dst, key, c);
	}
}

NEOERR *account_mail(long long uid, const char *name, const char *key, HDF *extra)
{
	char tpl[64], subject_key[96], *to = NULL, *first = NULL, *full = NULL, *lang = NULL, *home;
	const char *subject;
	STRING body;
	DBQuery *q;
	HDF *data = NULL;
	NEOERR *err;

	err = db_query(&q, "SELECT email, first_name, CONCAT(first_name, ' ', last_name), lang"
			   " FROM users WHERE id = ?", "i", uid);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		to = xstrdup(db_str(q, 0));
		first = xstrdup(db_str(q, 1));
		full = xstrdup(db_str(q, 2));
		lang = xstrdup(db_str(q, 3) ? db_str(q, 3) : "");
	}
	db_end(&q);
	if (!to)
		return nerr_raise(NERR_NOT_FOUND, "no user %lld", uid);
	hdf_init(&data);
	hdf_set_value(data, "Mail.FirstName", first);
	hdf_set_value(data, "Mail.Portal", conf_str("Portal.Name"));
	home = conf_url("/");
	hdf_set_value(data, "Mail.PortalURL", home);
	free(home);
	hdf_set_value(data, "Mail.Support", conf_str("Portal.SupportEmail"));
	copy_tree(data, "Mail", extra);
	snprintf(tpl, sizeof(tpl), "mail/%s.cs", name);
	string_init(&body);
	err = view_render_text(data, lang, tpl, &body);
	snprintf(subject_key, sizeof(subject_key), "Lang.Mail.%s.Subject", name);
	subject = view_text(lang, subject_key);
	if (!err)
		err = outbox_mail(key, to, full, subject, body.buf ? body.buf : "", NULL);
	string_clear(&body);
	hdf_destroy(&data);
	free(to);
	free(first);
	free(full);
	free(lang);
	return nerr_pass(err);
}

NEOERR *account_invite(Request *r, long long uid, long long actor)
{
	return nerr_pass(account_invite_url(r, uid, actor, NULL));
}

NEOERR *account_invite_url(Request *r, long long uid, long long actor, char **url)
{
	char token[TOKEN_LEN + 1], key[96], hours[16], *link;
	HDF *extra = NULL;
	NEOERR *err;

	err = token_create("invite", uid, 3600L * conf_int("Tokens.InviteHours"), token);
	if (err)
		return nerr_pass(err);
	link = conf_url("/invite/%s", token);
	hdf_init(&extra);
	hdf_set_value(extra, "Link", link);
	snprintf(hours, sizeof(hours), "%d", conf_int("Tokens.InviteHours"));
	hdf_set_value(extra, "Hours", hours);
	/* One mail per link: the key carries the token's first characters,
	 * which are not enough to use it. */
	snprintf(key, sizeof(key), "mail:invite:%lld:%.8s", uid, token);
	err = account_mail(uid, "Invite", key, extra);
	hdf_destroy(&extra);
	if (url && !err)
		*url = link;
	else
		free(link);
	if (!err)
		err = audit_add(r, actor, "user.invite", "user", uid, 0, "");
	return nerr_pass(err);
}

NEOERR *account_end_sessions(long long uid, long long keep, const char *reason)
{
	return nerr_pass(db_exec(NULL,
		"UPDATE sessions SET ended_at = UTC_TIMESTAMP(), end_reason = ?"
		" WHERE user_id = ? AND ended_at IS NULL AND id <> ?",
		"sii", reason, uid, keep));
}

NEOERR *account_set_password(Request *r, long long uid, const char *password, long long keep,
			     const char *why)
{
	char hash[AUTH_HASH_MAX], key[96];
	NEOERR *err;

	err = auth_hash(password, hash);
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO credentials (user_id, password_hash, password_changed_at)"
			" VALUES (?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE"
			" password_hash = VALUES(password_hash), password_changed_at = UTC_TIMESTAMP(),"
			" failed_logins = 0, locked_until = NULL",
			"is", uid, hash);
	if (!err)
		err = account_end_sessions(uid, keep, "password");
	snprintf(key, sizeof(key), "mail:password:%lld:%lld", uid, (long long)util_now_us());
	if (!err)
		err = account_mail(uid, "PasswordChanged", key, NULL);
	if (!err)
		err = audit_add(r, r && r->user ? r->user->id : uid, "password.change", "user", uid, 0,
				why);
	return nerr_pass(err);
}

NEOERR *account_inactivity(int *warned, int *revoked)
{
	long long revoke = conf_int("Inactivity.RevokeDays"), warn = conf_int("Inactivity.WarnDays");
	DBQuery *q;
	NEOERR *err;
	long long ids[200];
	char dates[200][16];
	int n = 0;

	*warned = *revoked = 0;
	/* The clock runs from the last login, or from the day access began. */
	err = db_query(&q,
		"SELECT id, DATE_FORMAT(COALESCE(last_login_at, created_at) + INTERVAL ? DAY, '%Y-%m-%d')"
		" FROM users WHERE status = 'active' AND inactivity_warned_at IS NULL"
		" AND COALESCE(last_login_at, created_at) < UTC_TIMESTAMP() - INTERVAL ? DAY LIMIT 200",
		"ii", revoke, revoke - warn);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && n < 200) {
		ids[n] = db_int(q, 0);
		snprintf(dates[n], sizeof(dates[n]), "%s", db_str(q, 1));
		n++;
	}
	db_end(&q);
	for (int i = 0; i < n && !err; i++) {
		HDF *extra = NULL;
		char key[96];
		hdf_init(&extra);
		hdf_set_value(extra, "Date", dates[i]);
		snprintf(key, sizeof(key), "mail:inactivity:%lld:%.15s", ids[i], dates[i]);
		err = db_begin();
		if (!err)
			err = account_mail(ids[i], "InactivityWarning", key, extra);
		if (!err)
			err = db_exec(NULL, "UPDATE users SET inactivity_warned_at = UTC_TIMESTAMP()"
					    " WHERE id = ?", "i", ids[i]);
		if (!err)
			err = db_commit();
		else
			db_rollback();
		hdf_destroy(&extra);
		(*warned)++;
	}
	if (err)
		return nerr_pass(err);

	n = 0;
	err = db_query(&q, "SELECT id FROM users WHERE status = 'active'"
			   " AND COALESCE(last_login_at, created_at) < UTC_TIMESTAMP() - INTERVAL ? DAY"
			   " LIMIT 200", "i", revoke);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && n < 200)
		ids[n++] = db_int(q, 0);
	db_end(&q);
	for (int i = 0; i < n && !err; i++) {
		err = db_begin();
		if (!err)
			err = db_exec(NULL, "UPDATE users SET status = 'revoked' WHERE id = ?", "i", ids[i]);
		if (!err)
			err = account_end_sessions(ids[i], 0, "revoked");
		if (!err)
			err = audit_add(NULL, 0, "user.revoke_inactive", "user", ids[i], 0, "");
		if (!err)
			err = db_commit();
		else
			db_rollback();
		(*revoked)++;
	}
	return nerr_pass(err);
}
