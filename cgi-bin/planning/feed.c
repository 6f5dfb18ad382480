/* feed.c: a temp worker's shifts as an iCalendar feed at a secret address he can renew (RFC 5545) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "conf.h"
#include "db.h"
#include "page.h"
#include "planning.h"
#include "token.h"
#include "util.h"

/* A new address: the old one stops working. The page shows it once — only
 * its hash is kept. */
NEOERR *mine_feed(Request *r)
{
	unsigned char raw[32], h[32];
	char token[TOKEN_LEN + 1], url[1024];
	NEOERR *err;

	if (strcmp(r->user->kind, "worker"))
		return http_fail(r, 404, "not a temp worker");
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return nerr_raise(NERR_SYSTEM, "no randomness");
	util_b64url(raw, sizeof(raw), token);
	OPENSSL_cleanse(raw, sizeof(raw));
	SHA256((const unsigned char *)token, strlen(token), h);
	err = db_exec(NULL, "INSERT INTO calendar_feeds (user_id, token_hash, created_at)"
			    " VALUES (?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE"
			    " token_hash = VALUES(token_hash), created_at = VALUES(created_at)",
		      "ib", r->user->id, h, sizeof(h));
	if (err)
		return nerr_pass(err);
	snprintf(url, sizeof(url), "%s%s/planning/feed/%s.ics", conf_str("Portal.BaseURL"), conf_str("Portal.Prefix"),
		 token);
	hdf_set_value(r->hdf, "Page.FeedURL", url);
	OPENSSL_cleanse(token, sizeof(token));
	/* Not a redirect: the address must not travel in a URL of its own. */
	return nerr_pass(mine_show(r));
}

static void stamp(time_t t, char out[17])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

NEOERR *plan_feed(Request *r)
{
	const char *feed = param_str(r, "feed");
	unsigned char h[32];
	char *uid = NULL, now[17], a[17], b[17], host[256], token[TOKEN_LEN + 1];
	STRING line;
	DBQuery *q;
	NEOERR *err;

	if (!feed || strlen(feed) != TOKEN_LEN + 4 || strcmp(feed + TOKEN_LEN, ".ics"))
		return http_fail(r, 404, "not a feed");
	memcpy(token, feed, TOKEN_LEN);
	token[TOKEN_LEN] = '\0';
	if (!util_word(token, TOKEN_LEN, TOKEN_LEN))
		return http_fail(r, 404, "not a feed");
	SHA256((const unsigned char *)token, strlen(token), h);
	err = db_value(&uid, "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id"
			     " WHERE f.token_hash = ? AND u.status = 'active'", "b", h, sizeof(h));
	if (err)
		return nerr_pass(err);
	if (!uid)
		return http_fail(r, 404, "no such feed");
	snprintf(host, sizeof(host), "%s", conf_str("Portal.BaseURL"));
	{
		char *p = strstr(host, "://");
		memmove(host, p ? p + 3 : host, strlen(p ? p + 3 : host) + 1);
		host[strcspn(host, ":/")] = '\0';
	}
	stamp(time(NULL), now);
	string_append(&r->body, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Flexportal//Planning//NL\r\n"
				"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
	string_init(&line);
	string_append(&line, "X-WR-CALNAME:");
	page_ics_text(&line, conf_str("Portal.Name"));
	page_ics_line(&r->body, line.buf);
	string_clear(&line);
	/* Published and contracted shifts, a month back and three ahead. */
	err = db_query(&q, "SELECT s.id, s.version, UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), s.position,"
			   " o.name, COALESCE(c.name, ''), s.state FROM shifts s JOIN org_units o ON o.id = s.unit_id"
			   " LEFT JOIN clients c ON c.id = o.client_id WHERE s.worker_user_id = ?"
			   " AND s.state IN ('published', 'contracted')"
			   " AND s.starts_at BETWEEN UTC_TIMESTAMP() - INTERVAL 31 DAY AND UTC_TIMESTAMP() + INTERVAL 92 DAY"
			   " ORDER BY s.starts_at LIMIT 1000", "i", atoll(uid));
	free(uid);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		stamp((time_t)db_int(q, 2), a);
		stamp((time_t)db_int(q, 3), b);
		string_append(&r->body, "BEGIN:VEVENT\r\n");
		string_init(&line);
		string_appendf(&line, "UID:shift-%s@%s", db_str(q, 0), host);
		page_ics_line(&r->body, line.buf);
		string_clear(&line);
		string_appendf(&r->body, "SEQUENCE:%s\r\nDTSTAMP:%s\r\nDTSTART:%s\r\nDTEND:%s\r\nSTATUS:%s\r\n",
			       db_str(q, 1), now, a, b, !strcmp(db_str(q, 7), "contracted") ? "CONFIRMED" : "TENTATIVE");
		string_init(&line);
		string_append(&line, "SUMMARY:");
		page_ics_text(&line, db_str(q, 4));
		if (*db_str(q, 6)) {
			string_append(&line, " — ");
			page_ics_text(&line, db_str(q, 6));
		}
		page_ics_line(&r->body, line.buf);
		string_clear(&line);
		string_init(&line);
		string_append(&line, "LOCATION:");
		page_ics_text(&line, db_str(q, 5));
		page_ics_line(&r->body, line.buf);
		string_clear(&line);
		string_append(&r->body, "END:VEVENT\r\n");
	}
	db_end(&q);
	string_append(&r->body, "END:VCALENDAR\r\n");
	r->content_type = "text/calendar; charset=utf-8";
	return STATUS_OK;
}
