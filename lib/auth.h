/* auth.h: passwords — bcrypt over a peppered pre-hash, and the rules a new password must meet */
#ifndef PORTAL_AUTH_H
#define PORTAL_AUTH_H

#include <stddef.h>
#include <ClearSilver.h>

#define AUTH_HASH_MAX 128

/* bcrypt ($2b$, cost from Passwords.BcryptCost) of HMAC-SHA256(pepper,
 * password): bcrypt reads only 72 bytes, the pre-hash makes every byte of
 * a long password count. */
NEOERR *auth_hash(const char *password, char out[AUTH_HASH_MAX]);

/* Does password match hash? With hash NULL (no such account) the same
 * work is done against a dummy hash, so that an unknown address takes
 * about as long as a wrong password. */
int auth_verify(const char *password, const char *hash);

/* Why a new password is refused — a key of Lang.Errors — or NULL: 12 to
 * 128 printable characters, not weak by libpwquality's dictionary check,
 * not containing the person's name or e-mail address. */
const char *auth_password_problem(const char *password, const char *first_name,
				  const char *last_name, const char *email);

#endif
