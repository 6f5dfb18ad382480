/* crypto.h: personal data sealed at rest — AES-256-GCM under the data key, its id kept with each value */
#ifndef PORTAL_CRYPTO_H
#define PORTAL_CRYPTO_H

#include <stddef.h>
#include <ClearSilver.h>

/* The sealed form of n bytes is n + CRYPTO_OVERHEAD bytes: key id (1),
 * nonce (12), ciphertext, tag (16). */
#define CRYPTO_OVERHEAD 29

/* Seals in into out (n + CRYPTO_OVERHEAD bytes); aad binds the value to
 * its place (e.g. "totp:42"), so it cannot be moved to another row. */
NEOERR *crypto_seal(const unsigned char *in, size_t n, const char *aad, unsigned char *out);

/* Opens a sealed value into out (len - CRYPTO_OVERHEAD bytes); refuses a
 * changed one or one sealed for another place. */
NEOERR *crypto_open(const unsigned char *in, size_t len, const char *aad, unsigned char *out);

#endif
