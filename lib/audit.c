/* audit.c: the audit log — append-only, every row chained to the one before by its hash */
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "audit.h"
#include "db.h"
#include "http.h"
#include "util.h"

/* The width of audit_log.detail, in characters. */
#define AUDIT_DETAIL_CHARS 2000

/* hash = SHA-256(prev_hash ‖ the row's fields, '|'-separated) */
static void row_hash(const unsigned char prev[32], const char *text, unsigned char out[32])
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int len = 32;

	EVP_DigestInit_ex(c, EVP_sha256(), NULL);
	EVP_DigestUpdate(c, prev, 32);
	EVP_DigestUpdate(c, text, strlen(text));
	EVP_DigestFinal_ex(c, out, &len);
	EVP_MD_CTX_free(c);
}

static char *row_text(const char *at, long long actor, const char *action, const char *otype,
		      long long oid, long long unit, const char *ip, const char *detail)
{
	return xasprintf("%s|%lld|%s|%s|%lld|%lld|%s|%s", at, actor, action, otype, oid, unit, ip,
			 detail);
}

/* The chain of an action: the client of the unit it concerns; without a
 * unit, the client of who acted; the agency's (0) for the agency's own. */
static NEOERR *chain_of(Request *r, long long actor, long long unit, long long *chain)
{
	char *v = NULL;
	NEOERR *err = STATUS_OK;

	*chain = 0;
	if (unit > 0)
		err = db_value(&v, "SELECT COALESCE(client_id, 0) FROM org_units WHERE id = ?", "i", unit);
	else if (r && r->user && actor == r->user->id)
		*chain = r->user->client_id;
	else if (actor > 0)
		err = db_value(&v, "SELECT COALESCE(client_id, 0) FROM users WHERE id = ?", "i", actor);
	if (v)
		*chain = atoll(v);
	free(v);
	return nerr_pass(err);
}

NEOERR *audit_add(Request *r, long long actor, const char *action, const char *otype,
		  long long oid, long long unit, const char *detail)
{
	static const unsigned char zero[32];
	unsigned char prev[32], hash[32];
	char at[96], *text, *cut;
	const char *ip = r ? http_env(r, "REMOTE_ADDR") : NULL;
	long long chain = 0;
	struct timeval tv;
	struct tm tm;
	DBQuery *q;
	NEOERR *err;
	int own = !db_in_transaction();

	if (!ip)
		ip = "";
	/* A detail made with a user's text (a name, a title) fits its column. */
	detail = cut = xstrdup(detail ? detail : "");
	util_utf8_cap(cut, AUDIT_DETAIL_CHARS);
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	snprintf(at, sizeof(at), "%04d-%02d-%02d %02d:%02d:%02d.%06ld", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (long)tv.tv_usec);
	if (own && (err = db_begin()) != STATUS_OK) {
		free(cut);
		return nerr_pass(err);
	}
	err = chain_of(r, actor, unit, &chain);
	/* The chain's head, locked at once (never read first and locked
	 * after: two writers would each hold the read and wait for the
	 * other); made when a chain has none yet. */
	if (!err)
		err = db_exec(NULL, "INSERT INTO audit_head (chain, last_id, last_hash) VALUES (?, 0, ?)"
				    " ON DUPLICATE KEY UPDATE last_id = last_id",
			      "ib", chain, zero, sizeof(zero));
	if (!err)
		err = db_query(&q, "SELECT last_hash FROM audit_head WHERE chain = ? FOR UPDATE", "i", chain);
	if (err)
		goto fail;
	if (!db_next(q) || db_len(q, 0) != 32) {
		db_end(&q);
		err = nerr_raise(NERR_DB, "audit_head of chain %lld is missing", chain);
		goto fail;
	}
	memcpy(prev, db_str(q, 0), 32);
	db_end(&q);
	text = row_text(at, actor, action, otype ? otype : "", oid, unit, ip, detail);
	row_hash(prev, text, hash);
	free(text);
	err = db_exec(NULL,
		"INSERT INTO audit_log (chain, created_at, actor_id, action, object_type, object_id, unit_id,"
		" ip, detail, prev_hash, hash) VALUES (?, ?, NULLIF(?, 0), ?, ?, NULLIF(?, 0),"
		" NULLIF(?, 0), ?, ?, ?, ?)",
		"isissiissbb", chain, at, actor, action, otype ? otype : "", oid, unit, ip,
		detail, prev, (size_t)32, hash, (size_t)32);
	if (!err)
		err = db_exec(NULL, "UPDATE audit_head SET last_id = LAST_INSERT_ID(), last_hash = ?"
				    " WHERE chain = ?", "bi", hash, (size_t)32, chain);
	if (err)
		goto fail;
	free(cut);
	return own ? nerr_pass(db_commit()) : STATUS_OK;
fail:
	free(cut);
	if (own)
		db_rollback();
	return nerr_pass(err);
}

/* One chain, from its first row to its head: *bad_id and why when a row
 * does not follow the one before it, was changed, or rows are missing at
 * the end. */
static NEOERR *verify_chain(long long chain, long long head_id, const unsigned char head_hash[32],
			    long long *checked, long long *bad_id, char *why, size_t why_len)
{
	unsigned char prev[32] = { 0 }, hash[32];
	long long last = 0, after = 0;
	DBQuery *q;
	NEOERR *err;

	/* In pages, so that a long log never sits in memory at once. */
	for (;;) {
		int rows = 0;
		err = db_query(&q,
			"SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i:%s.%f'), COALESCE(actor_id, 0),"
			" action, object_type, COALESCE(object_id, 0), COALESCE(unit_id, 0), ip, detail,"
			" prev_hash, hash FROM audit_log WHERE chain = ? AND id > ? ORDER BY id LIMIT 1000",
			"ii", chain, after);
		if (err)
			return nerr_pass(err);
		while (db_next(q)) {
			char *text;
			long long id = db_int(q, 0);
			rows++;
			after = id;
			(*checked)++;
			if (db_len(q, 9) != 32 || memcmp(db_str(q, 9), prev, 32)) {
				*bad_id = id;
				snprintf(why, why_len, "row %lld does not follow row %lld of its chain (%lld): a row"
					 " between them was removed, changed or moved", id, last, chain);
				break;
			}
			text = row_text(db_str(q, 1), db_int(q, 2), db_str(q, 3), db_str(q, 4),
					db_int(q, 5), db_int(q, 6), db_str(q, 7), db_str(q, 8));
			row_hash(prev, text, hash);
			free(text);
			if (db_len(q, 10) != 32 || memcmp(hash, db_str(q, 10), 32)) {
				*bad_id = id;
				snprintf(why, why_len, "row %lld was changed after it was written", id);
				break;
			}
			memcpy(prev, hash, 32);
			last = id;
		}
		db_end(&q);
		if (*bad_id)
			return STATUS_OK;
		if (rows < 1000)
			break;
	}
	/* Rows removed from the end: the head remembers the last one. */
	if (head_id != last || memcmp(head_hash, prev, 32)) {
		*bad_id = last ? last : head_id;
		snprintf(why, why_len, "chain %lld ends at row %lld, but row %lld was written", chain, last,
			 head_id);
	}
	return STATUS_OK;
}

/* Every chain from its head, in pages of 256 chains, each walked whole. */
static NEOERR *verify_all(long long *checked, long long *bad_id, char *why, size_t why_len)
{
	long long chains[256], after = -1;
	unsigned char heads[256][32];
	long long head_ids[256];
	DBQuery *q;
	NEOERR *err;

	/* A row of a chain that has no head. */
	err = db_query(&q, "SELECT MIN(l.id), l.chain FROM audit_log l LEFT JOIN audit_head h ON h.chain = l.chain"
			   " WHERE h.chain IS NULL GROUP BY l.chain LIMIT 1", NULL);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		*bad_id = db_int(q, 0);
		snprintf(why, why_len, "row %lld is in chain %lld, which has no head: its head was removed",
			 db_int(q, 0), db_int(q, 1));
	}
	db_end(&q);
	while (!*bad_id) {
		int n = 0;
		err = db_query(&q, "SELECT chain, last_id, last_hash FROM audit_head WHERE chain > ?"
				   " ORDER BY chain LIMIT 256", "i", after);
		if (err)
			return nerr_pass(err);
		while (db_next(q) && n < 256) {
			chains[n] = db_int(q, 0);
			head_ids[n] = db_int(q, 1);
			memset(heads[n], 0, 32);
			if (db_len(q, 2) == 32)
				memcpy(heads[n], db_str(q, 2), 32);
			n++;
		}
		db_end(&q);
		for (int i = 0; i < n && !*bad_id; i++) {
			err = verify_chain(chains[i], head_ids[i], heads[i], checked, bad_id, why, why_len);
			if (err)
				return nerr_pass(err);
		}
		if (n < 256)
			break;
		after = chains[n - 1];
	}
	return STATUS_OK;
}

NEOERR *audit_verify(long long *checked, long long *bad_id, char *why, size_t why_len)
{
	NEOERR *err;

	*checked = 0;
	*bad_id = 0;
	why[0] = '\0';
	/* Heads and rows read at one moment: the portal runs at READ
	 * COMMITTED, where a row written between reading its chain's head
	 * and walking the chain would look like one the head never knew. */
	err = db_begin_snapshot();
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_finish(verify_all(checked, bad_id, why, why_len)));
}
