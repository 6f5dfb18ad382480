/* outbox.h: mail and back-office calls queued with the change that causes them, for portal-worker */
#ifndef PORTAL_OUTBOX_H
#define PORTAL_OUTBOX_H

#include <ClearSilver.h>

/* Queues a row in the caller's transaction. The key names the event: a
 * second row with the same key is not added (*added = 0), so a retried
 * request queues nothing twice. added may be NULL. */
NEOERR *outbox_add(const char *kind, const char *key, const char *payload_json, int *added);

/* Queues a plain-text mail. Refuses (NERR_ASSERT) an address or subject
 * with a line break or other control character. */
NEOERR *outbox_mail(const char *key, const char *to, const char *to_name, const char *subject,
		    const char *text, int *added);

typedef struct outbox_row {
	long long id;
	char kind[16];
	char key[192];
	char claim[33];   /* the token of this delivery's lease */
	char *payload;
	int attempts;     /* including the one now claimed */
} OutboxRow;

/* Leases the next due row (SELECT … FOR UPDATE SKIP LOCKED, so that two
 * workers never take the same row) until the delivery of its kind can
 * have timed out (Mail.TimeoutSeconds or Backoffice.TimeoutSeconds, and
 * Outbox.LeaseMarginSeconds): one row at a time, just before its
 * delivery. *got is 0 when nothing is due. Free the row with
 * outbox_row_clear. */
NEOERR *outbox_claim(OutboxRow *row, int *got);
void outbox_row_clear(OutboxRow *row);

/* The seconds a row of the kind is leased for. */
int outbox_lease(const char *kind);

/* The delivery's result, written only while the row is still this
 * claim's: *kept is 0 when the lease had lapsed and another worker holds
 * the row now (kept may be NULL). */
NEOERR *outbox_done(const OutboxRow *row, int *kept);
/* A failed attempt: retried after a back-off, or dead after the configured
 * number of attempts, or at once when permanent. */
NEOERR *outbox_failed(const OutboxRow *row, const char *error, int permanent, int *kept);

/* Seconds to wait after the given number of failed attempts: exponential
 * from Outbox.RetryBaseSeconds, capped, with jitter (50–100 %). */
long outbox_backoff(int attempts);

#endif
