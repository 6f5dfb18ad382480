/* token.c: single-use links (invitation, password reset) — 256 random bits, only the hash kept */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "db.h"
#include "token.h"
#include "util.h"

NEOERR *token_create(const char *kind, long long user_id, long ttl, char *out)
{
	unsigned char raw[32], h[32];
	NEOERR *err;

	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return nerr_raise(NERR_SYSTEM, "no randomness");
	util_b64url(raw, sizeof(raw), out);
	OPENSSL_cleanse(raw, sizeof(raw));
	SHA256((const unsigned char *)out, strlen(out), h);
	err = db_exec(NULL, "UPDATE tokens SET used_at = UTC_TIMESTAMP()"
			    " WHERE user_id = ? AND kind = ? AND used_at IS NULL", "is", user_id, kind);
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO tokens (kind, user_id, token_hash, created_at, expires_at)"
			" VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL ? SECOND)",
			"sibi", kind, user_id, h, sizeof(h), (long long)ttl);
	return nerr_pass(err);
}

NEOERR *token_user(const char *kind, const char *token, long long *user_id)
{
	unsigned char h[32];
	char *v = NULL;
	NEOERR *err;

	*user_id = 0;
	if (!util_word(token, TOKEN_LEN, TOKEN_LEN))
		return STATUS_OK;
	SHA256((const unsigned char *)token, strlen(token), h);
	err = db_value(&v, "SELECT user_id FROM tokens WHERE token_hash = ? AND kind = ?"
			   " AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()",
		       "bs", h, sizeof(h), kind);
	if (v)
		*user_id = atoll(v);
	free(v);
	return nerr_pass(err);
}

NEOERR *token_use(const char *kind, const char *token, long long *user_id)
{
	unsigned char h[32];
	unsigned long long n = 0;
	NEOERR *err;

	err = token_user(kind, token, user_id);
	if (err || !*user_id)
		return nerr_pass(err);
	SHA256((const unsigned char *)token, strlen(token), h);
	/* The condition again, so that two requests racing for one token
	 * cannot both win. */
	err = db_exec(&n, "UPDATE tokens SET used_at = UTC_TIMESTAMP() WHERE token_hash = ?"
			  " AND used_at IS NULL AND expires_at > UTC_TIMESTAMP()",
		      "b", h, sizeof(h));
	if (!err && n != 1)
		*user_id = 0;
	return nerr_pass(err);
}
