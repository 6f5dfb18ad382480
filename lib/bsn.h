/* bsn.h: a temp worker's national ID number (NL: BSN, BE: national register number) — checked, sealed at rest, shown masked */
#ifndef PORTAL_BSN_H
#define PORTAL_BSN_H

#include <stddef.h>
#include <ClearSilver.h>

/* The longest number (BE: 11 digits) and its terminator. */
#define BSN_LEN 12

/* The digits of in for country ("NL" or "BE") into out when they are a
 * number of that country: spaces, dots and dashes are left out, the
 * check digits must hold (NL: the 11-test, BE: modulo 97). 0 when not. */
int bsn_check(const char *country, const char *in, char out[BSN_LEN]);

/* The number as those without bsn.view see it: all but the last four
 * digits as '*' ("*****6789"). */
void bsn_mask(const char *digits, char *out, size_t len);

/* user's number, sealed, in the caller's transaction. */
NEOERR *bsn_store(long long user, const char *country, const char *digits);

/* Whether user has a number, without opening it; lock: the user's row
 * FOR UPDATE (in the caller's transaction), so that two who enter one at
 * once are put in line. */
NEOERR *bsn_recorded(long long user, int *set, int lock);

/* user's number opened: *set is 0 when he has none (digits and country
 * empty then). A sealed value that does not open is an error. */
NEOERR *bsn_load(long long user, int *set, char country[3], char digits[BSN_LEN]);

#endif
