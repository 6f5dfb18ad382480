/* rights.c: the requests of data subjects (access, rectification, erasure) — their due dates, and the reminders before them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "acl.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "org.h"
#include "rights.h"
#include "tz.h"
#include "util.h"

/* Requests reminded in one transaction: their rows stay locked while
 * their mails are queued. */
#define REMIND_BATCH 100

void rights_today(time_t now, char out[11])
{
	struct tm tm;

	tz_local(conf_str("Planning.TimeZone"), now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

NEOERR *rights_officers(long long *ids, int *n)
{
	char root[ORG_PATH_LEN + 1];
	long long root_id;
	STRING roles;
	DBQuery *q;
	NEOERR *err;
	int k = 0;

	*n = 0;
	err = acl_init();
	if (!err)
		err = org_root(&root_id, root, sizeof(root));
	if (err || !root_id)
		return nerr_pass(err);
	/* The roles that handle requests, as the pattern of their names. */
	string_init(&roles);
	string_append(&roles, "^(");
	for (int i = 0; i < acl_roles(); i++)
		if (acl_role_has(i, "privacy.handle"))
			string_appendf(&roles, "%s%s", k++ ? "|" : "", acl_role_name(i));
	string_append(&roles, ")$");
	if (!k) {
		string_clear(&roles);
		return STATUS_OK;
	}
	err = db_query(&q, "SELECT DISTINCT g.user_id FROM grants g JOIN users u ON u.id = g.user_id"
			   " AND u.status = 'active' WHERE g.unit_id = ? AND g.role REGEXP ?"
			   " ORDER BY g.user_id LIMIT ?",
		       "isi", root_id, roles.buf, (long long)RIGHTS_MAX_OFFICERS);
	string_clear(&roles);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && *n < RIGHTS_MAX_OFFICERS)
		ids[(*n)++] = db_int(q, 0);
	db_end(&q);
	return STATUS_OK;
}

/* One mail to one officer about a request: its kind, due date and page. */
static NEOERR *mail_officer(long long officer, const char *tpl, const char *key, long long id,
			    const char *kind, const char *due, int overdue)
{
	char *url = conf_url("/privacy/requests/%lld", id);
	HDF *extra = NULL;
	NEOERR *err;

	hdf_init(&extra);
	hdf_set_value(extra, "Kind", kind);
	hdf_set_value(extra, "Due", due);
	hdf_set_value(extra, "URL", url);
	if (overdue)
		hdf_set_value(extra, "Overdue", "1");
	free(url);
	err = account_mail(officer, tpl, key, extra);
	hdf_destroy(&extra);
	return nerr_pass(err);
}

NEOERR *rights_filed(long long id, int *mailed)
{
	long long officers[RIGHTS_MAX_OFFICERS];
	char kind[16] = "", due[11] = "";
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	if (mailed)
		*mailed = 0;
	err = db_query(&q, "SELECT kind, DATE_FORMAT(due_on, '%Y-%m-%d') FROM privacy_requests WHERE id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(kind, sizeof(kind), "%s", db_str(q, 0));
		snprintf(due, sizeof(due), "%s", db_str(q, 1));
	}
	db_end(&q);
	if (!kind[0])
		return nerr_raise(NERR_NOT_FOUND, "no privacy request %lld", id);
	err = rights_officers(officers, &n);
	if (!err && !n)
		log_msg("warn", NULL, "privacy request %lld filed, and no privacy officer to mail", id);
	for (int i = 0; i < n && !err; i++) {
		char key[96];
		snprintf(key, sizeof(key), "mail:privacy-filed:%lld:%lld", id, officers[i]);
		err = mail_officer(officers[i], "PrivacyRequestFiled", key, id, kind, due, 0);
		if (!err && mailed)
			(*mailed)++;
	}
	return nerr_pass(err);
}

NEOERR *rights_answered(long long id, const char *what)
{
	char kind[16] = "", state[8] = "", due[11] = "", key[96], *url;
	long long user = 0;
	HDF *extra = NULL;
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT r.kind, r.state, DATE_FORMAT(r.due_on, '%Y-%m-%d'), u.id FROM privacy_requests r"
			   " JOIN users u ON u.id = r.user_id AND u.status = 'active' AND u.erased_at IS NULL"
			   " JOIN credentials c ON c.user_id = u.id AND c.password_hash IS NOT NULL WHERE r.id = ?",
		       "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(kind, sizeof(kind), "%s", db_str(q, 0));
		snprintf(state, sizeof(state), "%s", db_str(q, 1));
		snprintf(due, sizeof(due), "%s", db_str(q, 2));
		user = db_int(q, 3);
	}
	db_end(&q);
	if (!user)
		return STATUS_OK;
	url = conf_url("/privacy/me#requests");
	hdf_init(&extra);
	hdf_set_value(extra, "What", what);
	hdf_set_value(extra, "Kind", kind);
	hdf_set_value(extra, "State", state);
	hdf_set_value(extra, "Due", due);
	hdf_set_value(extra, "URL", url);
	free(url);
	snprintf(key, sizeof(key), "mail:privacy-answered:%lld:%s", id, what);
	err = account_mail(user, "PrivacyRequestAnswered", key, extra);
	hdf_destroy(&extra);
	return nerr_pass(err);
}

NEOERR *rights_remind(time_t now, int *reminded)
{
	long long officers[RIGHTS_MAX_OFFICERS], days = conf_int("Privacy.RequestRemindDays");
	char today[11];
	NEOERR *err;
	int nofficers = 0;

	*reminded = 0;
	rights_today(now, today);
	err = rights_officers(officers, &nofficers);
	if (err)
		return nerr_pass(err);
	if (!nofficers) {
		/* Nobody to remind: the requests wait, unreminded, for one. */
		char *due = NULL;
		err = db_value(&due, "SELECT COUNT(*) FROM privacy_requests WHERE state = 'open'"
				     " AND due_on <= ? + INTERVAL ? DAY AND (reminded_due IS NULL OR reminded_due <> due_on)", "si", today, days);
		if (!err && due && atoll(due))
			log_msg("warn", NULL, "privacy requests: %s due, and no privacy officer to remind", due);
		free(due);
		return nerr_pass(err);
	}
	for (;;) {
		struct due_request {
			long long id;
			char kind[16], due[11];
			int overdue;
		} rows[REMIND_BATCH];
		DBQuery *q;
		int n = 0;

		/* Rows another worker (or an officer's extension) holds are left
		 * for the next run. */
		err = db_begin();
		if (!err)
			err = db_query(&q, "SELECT id, kind, DATE_FORMAT(due_on, '%Y-%m-%d'), due_on < ?"
					   " FROM privacy_requests WHERE state = 'open' AND due_on <= ? + INTERVAL ? DAY"
					   " AND (reminded_due IS NULL OR reminded_due <> due_on) ORDER BY state, due_on, id LIMIT ?"
					   " FOR UPDATE SKIP LOCKED",
				       "ssii", today, today, days, (long long)REMIND_BATCH);
		if (!err) {
			while (db_next(q) && n < REMIND_BATCH) {
				rows[n].id = db_int(q, 0);
				snprintf(rows[n].kind, sizeof(rows[n].kind), "%s", db_str(q, 1));
				snprintf(rows[n].due, sizeof(rows[n].due), "%s", db_str(q, 2));
				rows[n].overdue = (int)db_int(q, 3);
				n++;
			}
			db_end(&q);
		}
		for (int i = 0; i < n && !err; i++) {
			for (int j = 0; j < nofficers && !err; j++) {
				char key[96];
				snprintf(key, sizeof(key), "mail:privacy-remind:%lld:%lld:%s", rows[i].id, officers[j],
					 rows[i].due);
				err = mail_officer(officers[j], "PrivacyRequestReminder", key, rows[i].id, rows[i].kind,
						   rows[i].due, rows[i].overdue);
			}
			if (!err)
				err = db_exec(NULL, "UPDATE privacy_requests SET reminded_at = UTC_TIMESTAMP(), reminded_due = due_on"
					      " WHERE id = ?",
					      "i", rows[i].id);
		}
		err = db_finish(err);
		if (err)
			return nerr_pass(err);
		*reminded += n;
		if (n < REMIND_BATCH)
			return STATUS_OK;
	}
}
