/* session.c: the session behind the __Host-session cookie, and the CSRF token bound to it */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "session.h"
#include "util.h"

#define TOKEN_BYTES 32
#define TOKEN_CHARS 43 /* base64url of 32 bytes, no padding */

static int token_shape(const char *s)
{
	return util_word(s, TOKEN_CHARS, TOKEN_CHARS);
}

/* token = base64url(HMAC-SHA256(csrf key, tag ":" data)). The keyed
 * context is made once per process and copied for each token. */
static void csrf_token(const char *tag, const unsigned char *data, size_t len, char *out)
{
	static EVP_MAC_CTX *keyed;
	unsigned char mac[32];
	size_t maclen = 0;
	EVP_MAC_CTX *c;

	if (!keyed) {
		EVP_MAC *hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
		OSSL_PARAM params[] = {
			OSSL_PARAM_construct_utf8_string("digest", (char *)"SHA256", 0),
			OSSL_PARAM_construct_end(),
		};
		keyed = EVP_MAC_CTX_new(hmac);
		EVP_MAC_free(hmac);
		if (!keyed || !EVP_MAC_init(keyed, conf_secrets()->csrf_key,
					    sizeof(conf_secrets()->csrf_key), params))
			abort();
	}
	c = EVP_MAC_CTX_dup(keyed);
	if (!c || !EVP_MAC_update(c, (const unsigned char *)tag, strlen(tag)) ||
	    !EVP_MAC_update(c, (const unsigned char *)":", 1) || !EVP_MAC_update(c, data, len) ||
	    !EVP_MAC_final(c, mac, &maclen, sizeof(mac)))
		abort();
	EVP_MAC_CTX_free(c);
	util_b64url(mac, maclen, out);
}

static void set_session_csrf(Request *r)
{
	csrf_token("session", r->session_hash, sizeof(r->session_hash), r->csrf);
}

void session_pre(Request *r)
{
	unsigned char raw[TOKEN_BYTES];

	if (r->user || r->pre_token[0])
		return;
	util_random(raw, sizeof(raw));
	util_b64url(raw, sizeof(raw), r->pre_token);
	http_cookie(r, COOKIE_PRE, r->pre_token, -1);
	csrf_token("pre", (unsigned char *)r->pre_token, strlen(r->pre_token), r->csrf);
}

/* The session, its user, the user's grants and the clocks of the user's
 * own client in one indexed query, so that a change of grants counts from
 * the next request on, and a kept page of one's own client costs nothing
 * more (cache.h). */
static const char sql_session[] =
	"SELECT s.id, s.user_id, UNIX_TIMESTAMP(s.created_at), UNIX_TIMESTAMP(s.last_seen_at),"
	" u.kind, u.first_name, u.last_name, u.lang, u.email, u.client_id, s.stage,"
	" (SELECT GROUP_CONCAT(g.role, ':', o.id, ':', COALESCE(o.client_id, 0), ':', o.path SEPARATOR ',')"
	"    FROM grants g JOIN org_units o ON o.id = g.unit_id"
	"   WHERE g.user_id = u.id AND o.archived_at IS NULL),"
	" (SELECT GROUP_CONCAT(k.name, ' ', k.scope, ' ', k.gen SEPARATOR ' ') FROM clocks k"
	"   WHERE k.scope = COALESCE(u.client_id, 0))"
	" FROM sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.token_hash = ? AND s.ended_at IS NULL AND u.status = 'active'";

NEOERR *session_load(Request *r)
{
	const char *pre = hdf_get_value(r->hdf, "Cookie." COOKIE_PRE, NULL);
	const char *tok = hdf_get_value(r->hdf, "Cookie." COOKIE_SESSION, NULL);
	DBQuery *q;
	NEOERR *err;
	long long now, created, seen, sid;

	r->user = NULL;
	if (token_shape(pre)) {
		snprintf(r->pre_token, sizeof(r->pre_token), "%s", pre);
		csrf_token("pre", (unsigned char *)r->pre_token, strlen(r->pre_token), r->csrf);
	}
	if (!token_shape(tok))
		return STATUS_OK;
	SHA256((const unsigned char *)tok, strlen(tok), r->session_hash);
	err = db_query(&q, sql_session, "b", r->session_hash, sizeof(r->session_hash));
	if (err)
		return nerr_pass(err);
	if (!db_next(q)) {
		db_end(&q);
		/* Unknown or ended: forget the cookie. */
		http_cookie(r, COOKIE_SESSION, "x", 0);
		return STATUS_OK;
	}
	sid = db_int(q, 0);
	created = db_int(q, 2);
	seen = db_int(q, 3);
	now = util_now_us() / 1000000;
	/* A session waiting for its second factor lives five minutes. */
	if (now - seen > 60LL * conf_int("Session.IdleMinutes") ||
	    now - created > 3600LL * conf_int("Session.AbsoluteHours") ||
	    (strcmp(db_str(q, 10), "full") && now - created > 300)) {
		db_end(&q);
		http_cookie(r, COOKIE_SESSION, "x", 0);
		return nerr_pass(db_exec(NULL,
			"UPDATE sessions SET ended_at = NOW(), end_reason = 'timeout'"
			" WHERE id = ? AND ended_at IS NULL", "i", sid));
	}
	r->user = &r->user_buf;
	r->user->session_id = sid;
	r->user->id = db_int(q, 1);
	snprintf(r->user->kind, sizeof(r->user->kind), "%s", db_str(q, 4));
	snprintf(r->user->name, sizeof(r->user->name), "%s %s", db_str(q, 5), db_str(q, 6));
	snprintf(r->user->lang, sizeof(r->user->lang), "%s", db_str(q, 7) ? db_str(q, 7) : "");
	snprintf(r->user->email, sizeof(r->user->email), "%s", db_str(q, 8));
	r->user->client_id = db_int(q, 9);
	snprintf(r->user->stage, sizeof(r->user->stage), "%s", db_str(q, 10));
	/* Before the second factor, the grants count for nothing. */
	if (!strcmp(r->user->stage, "full"))
		acl_parse_grants(r->user, db_str(q, 11));
	/* Read before any data a kept page shows (cache.h). */
	snprintf(r->clocks, sizeof(r->clocks), "%s", db_str(q, 12) ? db_str(q, 12) : "");
	db_end(&q);
	set_session_csrf(r);
	/* Keeps the idle clock going, at most one write a minute. */
	if (now - seen >= 60)
		return nerr_pass(db_exec(NULL, "UPDATE sessions SET last_seen_at = NOW() WHERE id = ?",
					 "i", sid));
	return STATUS_OK;
}

NEOERR *session_start(Request *r, long long user_id, const char *stage)
{
	unsigned char raw[TOKEN_BYTES];
	char tok[TOKEN_CHARS + 1];
	const char *ip = http_env(r, "REMOTE_ADDR");
	const char *ua = http_env(r, "HTTP_USER_AGENT");
	char uabuf[256];
	NEOERR *err;

	if (r->user) {
		/* The old session ends; its cookie is overwritten below. */
		err = db_exec(NULL, "UPDATE sessions SET ended_at = NOW(), end_reason = 'logout'"
				    " WHERE id = ? AND ended_at IS NULL", "i", r->user->session_id);
		if (err)
			return nerr_pass(err);
		r->user = NULL;
	}
	util_random(raw, sizeof(raw));
	util_b64url(raw, sizeof(raw), tok);
	OPENSSL_cleanse(raw, sizeof(raw));
	SHA256((const unsigned char *)tok, strlen(tok), r->session_hash);
	snprintf(uabuf, sizeof(uabuf), "%s", ua && util_utf8_ok(ua, 0) ? ua : "");
	err = db_exec(NULL,
		      "INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at, ip,"
		      " user_agent) VALUES (?, ?, ?, NOW(), NOW(), ?, ?)",
		      "bisss", r->session_hash, sizeof(r->session_hash), user_id, stage,
		      ip ? ip : "", uabuf);
	if (err)
		return nerr_pass(err);
	http_cookie(r, COOKIE_SESSION, tok, -1);
	OPENSSL_cleanse(tok, sizeof(tok));
	set_session_csrf(r);
	return STATUS_OK;
}

NEOERR *session_end(Request *r)
{
	NEOERR *err;

	http_cookie(r, COOKIE_SESSION, "x", 0);
	if (!r->user)
		return STATUS_OK;
	err = db_exec(NULL, "UPDATE sessions SET ended_at = NOW(), end_reason = 'logout'"
			    " WHERE id = ? AND ended_at IS NULL", "i", r->user->session_id);
	r->user = NULL;
	r->csrf[0] = '\0';
	return nerr_pass(err);
}

/* Origin "scheme://host[:port]" of a URL, into out. */
static void origin_of(const char *url, char *out, size_t len)
{
	const char *p = strstr(url, "://");
	const char *end = p ? strchr(p + 3, '/') : NULL;
	size_t n = end ? (size_t)(end - url) : strlen(url);
	snprintf(out, len, "%.*s", (int)n, url);
}

const char *session_csrf_check(Request *r)
{
	const char *origin = http_env(r, "HTTP_ORIGIN");
	const char *referer = http_env(r, "HTTP_REFERER");
	const char *sent = hdf_get_value(r->hdf, "Query.csrf", NULL);
	char mine[512], theirs[512];

	origin_of(conf_str("Portal.BaseURL"), mine, sizeof(mine));
	if (origin && *origin) {
		if (strcmp(origin, mine))
			return "Origin does not match";
	} else if (referer && *referer) {
		origin_of(referer, theirs, sizeof(theirs));
		if (strcmp(theirs, mine))
			return "Referer does not match";
	}
	if (!r->csrf[0])
		return "no session or pre-login token";
	/* Said apart in the log: a form without the field, and one whose
	 * token belongs to another session or to the pre-login one. */
	if (!sent || !*sent)
		return "CSRF token missing";
	/* The token, and the nonce of the page the form came from. */
	{
		const char *dot = strchr(sent, '.');
		size_t n = dot ? (size_t)(dot - sent) : strlen(sent);
		char token[sizeof(r->csrf)];
		if (n >= sizeof(token) || (dot && !util_word(dot + 1, 1, 32)))
			return r->user ? "CSRF token not this session's" : "CSRF token not this visitor's";
		memcpy(token, sent, n);
		token[n] = '\0';
		if (!util_streq_ct(token, r->csrf))
			return r->user ? "CSRF token not this session's" : "CSRF token not this visitor's";
	}
	return NULL;
}
