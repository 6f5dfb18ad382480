/* contracts.h: contracts for published shifts — what the portal asks the back-office for, and what it keeps of the answer */
#ifndef PORTAL_CONTRACTS_H
#define PORTAL_CONTRACTS_H

#include <ClearSilver.h>

#include "outbox.h"

/* Queues the call that asks a contract for shift id as it is now (its
 * version) — or, for a cancelled shift, withdraws it: an outbox row of
 * kind backoffice, key contract:<id>:<version>, in the caller's
 * transaction. */
NEOERR *contracts_request(long long shift_id);

/* Delivers an outbox row of kind backoffice (portal-worker). 201: the
 * contract, its PDF in the documents store, the shift contracted and the
 * worker mailed. 422: the shift refused with the rules it broke, its
 * planner mailed. A cancellation: 200 (or 404, none was drawn up). All
 * are done; an answer for an older version of the shift is dropped. No answer, or 5xx: an error to retry; any other
 * status: *permanent. */
NEOERR *contracts_deliver(const OutboxRow *row, int *permanent);

#endif
