/* totp.h: the second factor — TOTP (RFC 6238) with liboath, its enrolment QR code, recovery codes */
#ifndef PORTAL_TOTP_H
#define PORTAL_TOTP_H

#include <stddef.h>
#include <ClearSilver.h>

#define TOTP_SECRET 20
#define TOTP_CODES 10

typedef struct totp_state {
	unsigned char secret[TOTP_SECRET];
	int has_secret;
	int enabled;
	long long last_step;  /* the newest time step accepted: never again */
} TotpState;

/* The user's secret (opened) and state. */
NEOERR *totp_load(long long user_id, TotpState *t);

/* A new secret, sealed and stored, not yet enabled (enrolment). */
NEOERR *totp_begin(long long user_id, TotpState *t);

/* Seals and stores a given secret (seed-demo's published one), enabled
 * or not. */
NEOERR *totp_store(long long user_id, const unsigned char *secret, int enabled);
/* A base32 key into its 20 bytes; 0 when it is not one. */
int totp_decode(const char *b32, unsigned char secret[TOTP_SECRET]);

/* Checks a 6-digit code within ±1 time step. *step is the step accepted,
 * 0 when the code is wrong, -1 when it was right but already used (a
 * replay). The caller then takes the step with totp_accept in its
 * transaction. */
int totp_check(const TotpState *t, const char *code, long long *step);
/* Takes the step, and turns the second factor on when enable: *ok is 1
 * when this call moved the account's last step up to it — one update that
 * only one of two requests with the same code can make (the other waits
 * for the row and then changes nothing: a replay). */
NEOERR *totp_accept(long long user_id, long long step, int enable, int *ok);

/* Turns the second factor off: secret and recovery codes gone. */
NEOERR *totp_disable(long long user_id);

/* The key as base32 in groups of four, for typing it in (out: 64 bytes). */
void totp_key_text(const TotpState *t, char *out, size_t len);

/* The otpauth:// URI as a QR code, an SVG image as a data: URI (given). */
NEOERR *totp_qr_data_uri(const TotpState *t, const char *account, char **out);

/* Ten new recovery codes (each "xxxxx-xxxxx"), only their hashes stored;
 * earlier ones stop working. */
NEOERR *totp_recovery_new(long long user_id, char codes[TOTP_CODES][16]);

/* Uses up a recovery code: *ok is 1 when it was valid and unused. */
NEOERR *totp_recovery_use(long long user_id, const char *code, int *ok);

#endif
