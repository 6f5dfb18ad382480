/* token.h: single-use links (invitation, password reset) — 256 random bits, only the hash kept */
#ifndef PORTAL_TOKEN_H
#define PORTAL_TOKEN_H

#include <ClearSilver.h>

#define TOKEN_LEN 43  /* base64url of 32 bytes */

/* A new token for user and kind ("invite", "reset"), valid for ttl
 * seconds; earlier unused tokens of the kind for the user stop working.
 * In the caller's transaction. out gets TOKEN_LEN + 1 bytes. */
NEOERR *token_create(const char *kind, long long user_id, long ttl, char *out);

/* The user a valid (unused, unexpired) token belongs to, or 0. */
NEOERR *token_user(const char *kind, const char *token, long long *user_id);

/* Uses the token up: *user_id is 0 when it was not valid (any more). */
NEOERR *token_use(const char *kind, const char *token, long long *user_id);

#endif
