/* erasure.h: erasing a person from every module — what goes, what stays under a pseudonym, the back-office told */
#ifndef PORTAL_ERASURE_H
#define PORTAL_ERASURE_H

#include "outbox.h"
#include "request.h"

/* One part of the portal an erasure reaches: a row of the dry run and of
 * the certificate. code is a key of Lang.Privacy.Erasure.What. */
typedef struct erasure_item {
	const char *code;
	long long count;
	int kept;       /* kept under the pseudonym, as the law requires (wages, hours, invoices) */
} ErasureItem;

#define ERASURE_ITEMS 32

typedef struct erasure_plan {
	ErasureItem item[ERASURE_ITEMS];
	int n;
	int files;      /* files removed from the document store */
	int backoffice; /* the back-office is told (a temp worker) */
} ErasurePlan;

/* The dry run: what erasing the person would remove and what it would keep
 * — kind 'u' a user, 'c' a candidate known by name only. Reads only. */
NEOERR *erasure_plan(char kind, long long id, ErasurePlan *p);

/* Erases the person in one transaction of its own: his account and
 * everything that names him is removed or emptied; contracts, hours and
 * invoice lines stay, under a random pseudonym; his sessions end; his
 * documents' files leave the store after the commit; a temp worker's
 * erasure goes to the back-office through the outbox (POST /v1/erasure,
 * GDPR art. 19); the certificate — what, when, by whom (actor, 0 for the
 * retention job), why, and no personal data — goes into the audit log.
 * A candidate's other proposals under the same address, and a user's
 * proposals made under his address before he had a login, go with him.
 * still (may be NULL) decides again, on the person's locked row, whether
 * he is still to go (*ok). *done is 0 when he was erased already, is not
 * there or is no longer to go, and then nothing happens: the call is
 * idempotent. p gets what was done. */
NEOERR *erasure_run(Request *r, char kind, long long id, long long actor, const char *why,
		    NEOERR *(*still)(char kind, long long id, int *ok), ErasurePlan *p, int *done);

/* Is an outbox row an erasure for the back-office, and its delivery. */
int erasure_row(const OutboxRow *row);
NEOERR *erasure_deliver(const OutboxRow *row, int *permanent);

#endif
