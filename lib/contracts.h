/* contracts.h: contracts for published shifts — what the portal asks the back-office for, and what it keeps of the answer */
#ifndef PORTAL_CONTRACTS_H
#define PORTAL_CONTRACTS_H

#include <jansson.h>
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

/* What a 201 of the back-office says of a contract: its number and PDF
 * (lent from the answer) and its figures as decimal text. */
typedef struct contract_answer {
	const char *no, *pdf;
	char wage[16], bill[16], premium[16];
} ContractAnswer;

/* Reads a contract answer: NULL when it is whole and its figures fit
 * what is kept (a number of 1 to 64 characters, wage and bill rate from
 * 0 to 999999.99, premium from 0 to 999.99 per cent, a PDF), else a
 * static reason. */
const char *contracts_answer(json_t *answer, ContractAnswer *a);

#endif
