/* retention.c: how long a temp worker or a candidate is kept — the retention date, consent links, anonymising at the end */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "account.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "erasure.h"
#include "log.h"
#include "outbox.h"
#include "retention.h"
#include "util.h"
#include "view.h"

/* People looked at per statement, and the time one call may work. */
#define BATCH 200
#define RUN_US (5LL * 1000000)

/* --- consent links ------------------------------------------------------- */

/* The HMAC of a link, under a key of its own derived from the secrets'
 * CSRF key: a link names its request and its expiry, and only this portal
 * can make one. 16 bytes, as 32 hex digits. */
static void link_mac(long long id, long long expires, char hex[33])
{
	static const char label[] = "flexportal consent link";
	unsigned char key[32], mac[32];
	unsigned int len = sizeof(key);
	char msg[64];
	int n = snprintf(msg, sizeof(msg), "consent:%lld:%lld", id, expires);

	HMAC(EVP_sha256(), conf_secrets()->csrf_key, sizeof(conf_secrets()->csrf_key), (const unsigned char *)label,
	     sizeof(label) - 1, key, &len);
	len = sizeof(mac);
	HMAC(EVP_sha256(), key, sizeof(key), (const unsigned char *)msg, (size_t)n, mac, &len);
	util_hex(mac, 16, hex);
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(mac, sizeof(mac));
}

static void link_token(long long id, long long expires, char out[RETENTION_TOKEN_MAX + 1])
{
	char mac[33];

	link_mac(id, expires, mac);
	snprintf(out, RETENTION_TOKEN_MAX + 1, "%lld-%lld-%s", id, expires, mac);
}

long long retention_token_request(const char *token, time_t now)
{
	long long id = 0, expires = 0;
	char mac[40], want[33], again[RETENTION_TOKEN_MAX + 1];
	int used = 0;

	if (!token || strlen(token) > RETENTION_TOKEN_MAX ||
	    sscanf(token, "%18lld-%18lld-%32[0-9a-f]%n", &id, &expires, mac, &used) != 3 || token[used] || id <= 0 ||
	    expires <= 0 || strlen(mac) != 32)
		return 0;
	/* Written again from what it says: "007-…" is not "7-…". */
	link_token(id, expires, again);
	link_mac(id, expires, want);
	if (!util_streq_ct(mac, want) || strcmp(again, token))
		return 0;
	return expires > (long long)now ? id : 0;
}

/* --- the job ------------------------------------------------------------- */

/* A person's date as his activity and his consents make it, with where it
 * stands today: due (within the lead time), expired (passed). */
struct standing {
	int found, erased, due, expired;
	char keep[11], email[256], name[1024], lang[4];
};

static NEOERR *standing_of(char kind, long long id, struct standing *s)
{
	long long months = conf_int("Privacy.RetentionMonths"), lead = conf_int("Privacy.ConsentLeadDays");
	DBQuery *q;
	NEOERR *err;

	memset(s, 0, sizeof(*s));
	/* The last activity: a shift (its end, one to come too), a week of
	 * hours, a step of a proposal, a login, the registration; then the
	 * later of it plus the period and any consent's date. */
	if (kind == 'u')
		err = db_query(&q,
			"SELECT DATE_FORMAT(x.keep, '%Y-%m-%d'), x.keep <= UTC_DATE() + INTERVAL ? DAY,"
			" x.keep < UTC_DATE(), x.email, x.name, x.lang, x.erased FROM (SELECT GREATEST("
			"  DATE(GREATEST(u.created_at, COALESCE(u.last_login_at, u.created_at),"
			"   COALESCE((SELECT MAX(s.ends_at) FROM shifts s WHERE s.worker_user_id = u.id), u.created_at),"
			"   COALESCE((SELECT CAST(MAX(t.week) + INTERVAL 6 DAY AS DATETIME) FROM timesheets t"
			"     WHERE t.worker_user_id = u.id), u.created_at),"
			"   COALESCE((SELECT MAX(c.state_changed_at) FROM candidates c WHERE c.worker_id = u.id), u.created_at)))"
			"  + INTERVAL ? MONTH,"
			"  COALESCE((SELECT MAX(m.extended_to) FROM contact_moments m WHERE m.user_id = u.id), '1000-01-01'))"
			"  AS keep, u.email, u.first_name AS name, COALESCE(u.lang, '') AS lang,"
			"  u.erased_at IS NOT NULL AS erased FROM users u WHERE u.id = ? AND u.kind = 'worker') x",
			"iii", lead, months, id);
	else
		err = db_query(&q,
			"SELECT DATE_FORMAT(x.keep, '%Y-%m-%d'), x.keep <= UTC_DATE() + INTERVAL ? DAY,"
			" x.keep < UTC_DATE(), x.email, x.name, '', x.erased FROM (SELECT GREATEST("
			"  DATE(GREATEST(c.created_at, c.state_changed_at,"
			"   COALESCE((SELECT MAX(e.at) FROM candidate_events e WHERE e.candidate_id = c.id), c.created_at),"
			"   COALESCE((SELECT MAX(m.created_at) FROM candidate_comments m WHERE m.candidate_id = c.id),"
			"    c.created_at))) + INTERVAL ? MONTH,"
			"  COALESCE((SELECT MAX(m.extended_to) FROM contact_moments m WHERE m.candidate_id = c.id),"
			"   '1000-01-01')) AS keep, COALESCE(c.contact, '') AS email, COALESCE(c.name, '') AS name,"
			"  c.erased_at IS NOT NULL AS erased FROM candidates c WHERE c.id = ? AND c.worker_id IS NULL) x",
			"iii", lead, months, id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		s->found = 1;
		snprintf(s->keep, sizeof(s->keep), "%s", db_str(q, 0));
		s->due = (int)db_int(q, 1);
		s->expired = (int)db_int(q, 2);
		snprintf(s->email, sizeof(s->email), "%s", db_str(q, 3));
		snprintf(s->name, sizeof(s->name), "%s", db_str(q, 4));
		snprintf(s->lang, sizeof(s->lang), "%s", db_str(q, 5));
		s->erased = (int)db_int(q, 6);
	}
	db_end(&q);
	return STATUS_OK;
}

/* A candidate's contact is an address to mail when it looks like one. */
static int mailable(const char *s)
{
	const char *at = strchr(s, '@');

	return at && at != s && strchr(at, '.') && !strpbrk(s, " \r\n\t<>\",;");
}

/* The link's mail, queued in the caller's transaction. */
static NEOERR *mail_link(char kind, long long person, long long request, const struct standing *s,
			 long long expires)
{
	char token[RETENTION_TOKEN_MAX + 1], key[64], *url;
	const char *lang = view_lang(s->lang[0] ? s->lang : NULL);
	HDF *extra = NULL;
	NEOERR *err;

	link_token(request, expires, token);
	url = conf_url("/privacy/consent/%s", token);
	OPENSSL_cleanse(token, sizeof(token));
	snprintf(key, sizeof(key), "mail:consent:%lld", request);
	hdf_init(&extra);
	hdf_set_value(extra, "Link", url);
	hdf_set_value(extra, "Until", s->keep);
	hdf_set_int_value(extra, "LinkDays", conf_int("Privacy.ConsentLinkDays"));
	hdf_set_int_value(extra, "Months", conf_int("Privacy.ConsentExtendMonths"));
	if (kind == 'u') {
		err = account_mail(person, "ConsentRequest", key, extra);
	} else {
		/* A candidate has no account: the same mail to his contact. */
		STRING body;
		char *home = conf_url("/");
		HDF *data = NULL;
		hdf_init(&data);
		hdf_set_value(data, "Mail.FirstName", s->name);
		hdf_set_value(data, "Mail.Portal", conf_str("Portal.Name"));
		hdf_set_value(data, "Mail.PortalURL", home);
		hdf_set_value(data, "Mail.Support", conf_str("Portal.SupportEmail"));
		hdf_set_value(data, "Mail.Link", url);
		hdf_set_value(data, "Mail.Until", s->keep);
		hdf_set_int_value(data, "Mail.LinkDays", conf_int("Privacy.ConsentLinkDays"));
		hdf_set_int_value(data, "Mail.Months", conf_int("Privacy.ConsentExtendMonths"));
		string_init(&body);
		err = view_render_text(data, lang, "mail/ConsentRequest.cs", &body);
		if (!err)
			err = outbox_mail(key, s->email, s->name, view_text(lang, "Lang.Mail.ConsentRequest.Subject"),
					  body.buf ? body.buf : "", NULL);
		string_clear(&body);
		hdf_destroy(&data);
		free(home);
	}
	hdf_destroy(&extra);
	free(url);
	return nerr_pass(err);
}

/* Asks the person to agree to a longer stay, once for this date: the
 * request and its mail in one transaction. *asked is 0 when he was asked
 * already (by another worker too). */
static NEOERR *ask(char kind, long long id, const struct standing *s, time_t now, int *asked)
{
	long long expires = (long long)now + 86400LL * conf_int("Privacy.ConsentLinkDays");
	long long request;
	NEOERR *err;

	*asked = 0;
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO consent_requests (user_id, candidate_id, for_until, created_at, expires_at)"
				    " VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?))",
			      "iisii", kind == 'u' ? id : 0LL, kind == 'c' ? id : 0LL, s->keep, (long long)now, expires);
	if (err && db_duplicate(err)) {
		nerr_ignore(&err);
		db_rollback();
		return STATUS_OK;
	}
	request = err ? 0 : (long long)db_insert_id();
	if (!err)
		err = mail_link(kind, id, request, s, expires);
	if (!err)
		err = audit_add(NULL, 0, "privacy.consent_asked", kind == 'u' ? "user" : "candidate", id, 0, s->keep);
	err = db_finish(err);
	if (!err)
		*asked = 1;
	return nerr_pass(err);
}

/* What is to be done about a person whose date is near: ask him (no link
 * yet for this date, and an address), anonymise him (past his date, the
 * link unanswered, or no address to ask), or wait. */
enum verdict { WAIT, ASK, ANONYMISE };

static NEOERR *verdict_of(char kind, long long id, const struct standing *s, enum verdict *v)
{
	char *state = NULL;
	NEOERR *err;

	*v = WAIT;
	if (!s->found || s->erased || !s->due)
		return STATUS_OK;
	/* Whether he was asked for this date, and whether that link is spent. */
	err = db_value(&state, kind == 'u'
		? "SELECT IF(used_at IS NULL AND expires_at < UTC_TIMESTAMP(), 'lapsed', 'open') FROM consent_requests"
		  " WHERE user_id = ? AND for_until = ?"
		: "SELECT IF(used_at IS NULL AND expires_at < UTC_TIMESTAMP(), 'lapsed', 'open') FROM consent_requests"
		  " WHERE candidate_id = ? AND for_until = ?",
		"is", id, s->keep);
	if (!err && !state && mailable(s->email))
		*v = ASK;
	else if (!err && s->expired && (!state || !strcmp(state, "lapsed")))
		*v = ANONYMISE;
	free(state);
	/* Not while a request of his is open: it is answered first (and his
	 * words stay until then). */
	if (!err && *v == ANONYMISE) {
		char *open = NULL;
		err = db_value(&open, kind == 'u'
			? "SELECT id FROM privacy_requests WHERE user_id = ? AND state = 'open' LIMIT 1"
			: "SELECT id FROM privacy_requests WHERE candidate_id = ? AND state = 'open' LIMIT 1", "i", id);
		if (open)
			*v = WAIT;
		free(open);
	}
	return nerr_pass(err);
}

/* The same verdict again, on the person's row the erasure has locked: a
 * consent or a contact moment that came in meanwhile wins. */
static NEOERR *still_to_go(char kind, long long id, int *ok)
{
	struct standing s;
	enum verdict v = WAIT;
	NEOERR *err = standing_of(kind, id, &s);

	if (!err)
		err = verdict_of(kind, id, &s, &v);
	*ok = v == ANONYMISE;
	return nerr_pass(err);
}

NEOERR *retention_person(char kind, long long id, time_t now, int *asked, int *anonymised)
{
	struct standing s;
	enum verdict v;
	NEOERR *err;
	int done = 0;

	*asked = *anonymised = 0;
	err = standing_of(kind, id, &s);
	if (err || !s.found || s.erased)
		return nerr_pass(err);
	err = kind == 'u' ? db_exec(NULL, "UPDATE users SET keep_until = ? WHERE id = ? AND erased_at IS NULL"
					  " AND NOT keep_until <=> ?", "sis", s.keep, id, s.keep)
			  : db_exec(NULL, "UPDATE candidates SET keep_until = ? WHERE id = ? AND erased_at IS NULL"
					  " AND NOT keep_until <=> ?", "sis", s.keep, id, s.keep);
	if (!err)
		err = verdict_of(kind, id, &s, &v);
	if (!err && v == ASK) {
		err = ask(kind, id, &s, now, asked);
	} else if (!err && v == ANONYMISE) {
		ErasurePlan plan;
		err = erasure_run(NULL, kind, id, 0, "retention", still_to_go, &plan, &done);
		*anonymised = done;
	}
	return nerr_pass(err);
}

/* Where the last call stopped: the next person to look at. */
static long long after_user, after_candidate;

NEOERR *retention_run(time_t now, int *asked, int *anonymised, int *more)
{
	int64_t stop = util_mono_us() + RUN_US;
	long long lead = conf_int("Privacy.ConsentLeadDays");
	NEOERR *err = STATUS_OK;

	*asked = *anonymised = *more = 0;
	for (int phase = 0; phase < 2 && !err; phase++) {
		long long *after = phase ? &after_candidate : &after_user;
		for (;;) {
			long long ids[BATCH];
			int n = 0;
			DBQuery *q;
			/* Those without a date yet, and those whose date comes
			 * within the lead time: activity since may have moved it. */
			err = phase == 0
				? db_query(&q, "SELECT id FROM users WHERE kind = 'worker' AND erased_at IS NULL AND id > ?"
					       " AND (keep_until IS NULL OR keep_until <= UTC_DATE() + INTERVAL ? DAY)"
					       " ORDER BY id LIMIT ?", "iii", *after, lead, (long long)BATCH)
				: db_query(&q, "SELECT id FROM candidates WHERE worker_id IS NULL AND erased_at IS NULL"
					       " AND id > ? AND (keep_until IS NULL OR keep_until <= UTC_DATE() + INTERVAL ? DAY)"
					       " ORDER BY id LIMIT ?", "iii", *after, lead, (long long)BATCH);
			if (err)
				break;
			while (db_next(q) && n < BATCH)
				ids[n++] = db_int(q, 0);
			db_end(&q);
			for (int i = 0; i < n && !err; i++) {
				int a = 0, z = 0;
				err = retention_person(phase ? 'c' : 'u', ids[i], now, &a, &z);
				/* One person who cannot be done (logged) holds up
				 * nobody else; a database that is gone stops the run. */
				if (err && !nerr_match(err, PERR_DB_DOWN)) {
					char ref[32];
					snprintf(ref, sizeof(ref), "retention-%c%lld", phase ? 'c' : 'u', ids[i]);
					log_nerr(ref, err);
					nerr_ignore(&err);
				}
				*asked += a;
				*anonymised += z;
				*after = ids[i];
				if (util_mono_us() > stop) {
					*more = 1;
					return nerr_pass(err);
				}
			}
			if (n < BATCH)
				break;
		}
		if (!err)
			*after = 0;
	}
	return nerr_pass(err);
}

/* --- consent ------------------------------------------------------------- */

NEOERR *retention_offer(long long request_id, ConsentOffer *o)
{
	long long months = conf_int("Privacy.ConsentExtendMonths");
	DBQuery *q;
	NEOERR *err;

	memset(o, 0, sizeof(*o));
	err = db_query(&q,
		"SELECT IF(r.user_id IS NULL, 'c', 'u'), COALESCE(r.user_id, r.candidate_id),"
		" COALESCE(u.first_name, c.name, ''), DATE_FORMAT(COALESCE(u.keep_until, c.keep_until, r.for_until), '%Y-%m-%d'),"
		" DATE_FORMAT(GREATEST(COALESCE(u.keep_until, c.keep_until, r.for_until), UTC_DATE()) + INTERVAL ? MONTH,"
		"  '%Y-%m-%d'),"
		" r.used_at IS NULL AND r.expires_at > UTC_TIMESTAMP() AND COALESCE(u.erased_at, c.erased_at) IS NULL,"
		" COALESCE(u.lang, '')"
		" FROM consent_requests r LEFT JOIN users u ON u.id = r.user_id LEFT JOIN candidates c ON c.id = r.candidate_id"
		" WHERE r.id = ?", "ii", months, request_id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		o->found = 1;
		o->kind = db_str(q, 0)[0];
		o->person = db_int(q, 1);
		snprintf(o->name, sizeof(o->name), "%s", db_str(q, 2));
		snprintf(o->until, sizeof(o->until), "%s", or_empty(db_str(q, 3)));
		snprintf(o->extended, sizeof(o->extended), "%s", or_empty(db_str(q, 4)));
		o->usable = (int)db_int(q, 5);
		snprintf(o->lang, sizeof(o->lang), "%s", db_str(q, 6));
	}
	db_end(&q);
	return STATUS_OK;
}

/* Records a contact moment and moves the person's date to it, in the
 * caller's transaction; the person's row is locked first. */
static NEOERR *extend(Request *r, char kind, long long id, const char *moment, long long by, const char *version,
		      const char *lang, const char *text, char extended[11])
{
	long long months = conf_int("Privacy.ConsentExtendMonths");
	char *to = NULL;
	NEOERR *err;

	extended[0] = '\0';
	err = db_value(&to, kind == 'u'
		? "SELECT DATE_FORMAT(GREATEST(COALESCE(keep_until, UTC_DATE()), UTC_DATE()) + INTERVAL ? MONTH, '%Y-%m-%d')"
		  " FROM users WHERE id = ? AND erased_at IS NULL FOR UPDATE"
		: "SELECT DATE_FORMAT(GREATEST(COALESCE(keep_until, UTC_DATE()), UTC_DATE()) + INTERVAL ? MONTH, '%Y-%m-%d')"
		  " FROM candidates WHERE id = ? AND worker_id IS NULL AND erased_at IS NULL FOR UPDATE",
		"ii", months, id);
	if (err || !to) {
		free(to);
		return err ? nerr_pass(err) : nerr_raise(NERR_NOT_FOUND, "no person %c%lld to keep", kind, id);
	}
	err = db_exec(NULL, "INSERT INTO contact_moments (user_id, candidate_id, kind, at, recorded_by, text_version,"
			    " lang, text, extended_to) VALUES (NULLIF(?, 0), NULLIF(?, 0), ?, UTC_TIMESTAMP(),"
			    " NULLIF(?, 0), ?, ?, ?, ?)",
		      "iisissss", kind == 'u' ? id : 0LL, kind == 'c' ? id : 0LL, moment, by, version, lang, text, to);
	if (!err)
		err = kind == 'u' ? db_exec(NULL, "UPDATE users SET keep_until = ? WHERE id = ?", "si", to, id)
				  : db_exec(NULL, "UPDATE candidates SET keep_until = ? WHERE id = ?", "si", to, id);
	if (!err)
		err = audit_add(r, by, moment[0] == 'c' ? "privacy.consent" : "privacy.contact",
				kind == 'u' ? "user" : "candidate", id, 0, to);
	if (!err)
		snprintf(extended, 11, "%s", to);
	free(to);
	return nerr_pass(err);
}

NEOERR *retention_consent(Request *r, long long request_id, const char *version, const char *lang,
			  const char *text, int *ok, char extended[11])
{
	DBQuery *q;
	NEOERR *err;
	char kind = 0;
	long long person = 0;

	*ok = 0;
	extended[0] = '\0';
	/* The person's row first, then the link's: the order the erasure
	 * locks them in. */
	err = db_begin();
	if (!err)
		err = db_query(&q, "SELECT IF(user_id IS NULL, 'c', 'u'), COALESCE(user_id, candidate_id)"
				   " FROM consent_requests WHERE id = ?", "i", request_id);
	if (!err) {
		if (db_next(q)) {
			kind = db_str(q, 0)[0];
			person = db_int(q, 1);
		}
		db_end(&q);
	}
	if (!err && person) {
		char *locked = NULL;
		err = db_value(&locked, kind == 'u' ? "SELECT id FROM users WHERE id = ? FOR UPDATE"
						    : "SELECT id FROM candidates WHERE id = ? FOR UPDATE", "i", person);
		free(locked);
	}
	if (!err && person) {
		char *usable = NULL;
		err = db_value(&usable, "SELECT id FROM consent_requests WHERE id = ? AND used_at IS NULL"
					" AND expires_at > UTC_TIMESTAMP() FOR UPDATE", "i", request_id);
		if (!usable)
			person = 0;
		free(usable);
	}
	if (!err && person)
		err = db_exec(NULL, "UPDATE consent_requests SET used_at = UTC_TIMESTAMP() WHERE id = ?", "i", request_id);
	if (!err && person) {
		err = extend(r, kind, person, "consent", 0, version, lang, text, extended);
		if (err && nerr_match(err, NERR_NOT_FOUND)) {
			/* Erased meanwhile: nothing to keep. */
			nerr_ignore(&err);
			person = 0;
		}
	}
	if (!err && !person) {
		db_rollback();
		return STATUS_OK;
	}
	err = db_finish(err);
	*ok = !err;
	return nerr_pass(err);
}

NEOERR *retention_contact(Request *r, char kind, long long id, const char *note, char extended[11])
{
	NEOERR *err = db_begin();

	if (!err)
		err = extend(r, kind, id, "manual", r && r->user ? r->user->id : 0, "", r ? r->lang : "nl", note,
			     extended);
	return nerr_pass(db_finish(err));
}
