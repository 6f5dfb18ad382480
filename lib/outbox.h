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
	char *payload;
	int attempts;   /* including the one now claimed */
} OutboxRow;

/* Claims up to max due rows (SELECT … FOR UPDATE SKIP LOCKED, so that two
 * workers never take the same row) for lease seconds. Gives *rows; free
 * them with outbox_rows_free. */
NEOERR *outbox_claim(OutboxRow **rows, int *n, int max, int lease);
void outbox_rows_free(OutboxRow *rows, int n);

NEOERR *outbox_done(const OutboxRow *row);
/* A failed attempt: retried after a back-off, or dead after the configured
 * number of attempts, or at once when permanent. */
NEOERR *outbox_failed(const OutboxRow *row, const char *error, int permanent);

/* Seconds to wait after the given number of failed attempts: exponential
 * from Outbox.RetryBaseSeconds, capped, with jitter (50–100 %). */
long outbox_backoff(int attempts);

#endif
