/* audit.h: the audit log — append-only, every row chained to the one before by its hash */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

#include "request.h"

/* Appends a row: who (actor 0 for none), what, on which object and unit,
 * with a short detail that holds no secret and no more personal data than
 * the record needs. Within the caller's transaction when there is one, so
 * the row and the change stand or fall together. r may be NULL (portalctl,
 * worker). */
NEOERR *audit_add(Request *r, long long actor_id, const char *action, const char *object_type,
		  long long object_id, long long unit_id, const char *detail);

/* Walks the chain: *bad_id is 0 when every row is intact, else the first
 * row that was changed, or after which rows were removed; why says which. */
NEOERR *audit_verify(long long *checked, long long *bad_id, char *why, size_t why_len);

#endif
