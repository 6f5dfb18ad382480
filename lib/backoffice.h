/* backoffice.h: calls to the agency's back-office API (DESIGN §6) — JSON over HTTP(S), bearer token, an idempotency key on every POST */
#ifndef PORTAL_BACKOFFICE_H
#define PORTAL_BACKOFFICE_H

#include <ClearSilver.h>

/* POSTs body (JSON) to path under Backoffice.URL with the key as its
 * Idempotency-Key. *status is the HTTP status (0: no answer — refused,
 * timed out, dropped); *answer the body, given, to free. An error only
 * for what is wrong here (out of memory, no curl). */
NEOERR *backoffice_post(const char *path, const char *key, const char *body, long *status, char **answer);

/* GETs path (with its query) under Backoffice.URL; the same *status and
 * *answer. */
NEOERR *backoffice_get(const char *path, long *status, char **answer);

#endif
