/* retention.h: how long a temp worker or a candidate is kept — the retention date, consent links, anonymising at the end */
#ifndef PORTAL_RETENTION_H
#define PORTAL_RETENTION_H

#include <time.h>
#include <ClearSilver.h>

#include "request.h"

/* A consent link's token: "<request id>-<expiry>-<32 hex digits of its
 * HMAC>", at most this long. */
#define RETENTION_TOKEN_MAX 80

/* The worker job: sets each temp worker's and candidate's retention date
 * (keep_until) from his last activity (a shift, hours, a proposal, a
 * login) and his consents; mails a consent link to those whose date comes
 * within Privacy.ConsentLeadDays; anonymises (erasure.h) those whose date
 * has passed when the link they were sent has expired unused — or at once
 * when there is no address to ask. Idempotent: run again at once, it does
 * nothing more. Works for a few seconds at most a call, then goes on from
 * where it stopped the next time; *more says it stopped before the end. */
NEOERR *retention_run(time_t now, int *asked, int *anonymised, int *more);

/* The same for one person (kind 'u' a temp worker, 'c' a candidate known
 * by name only). */
NEOERR *retention_person(char kind, long long id, time_t now, int *asked, int *anonymised);

/* A consent link's request, when the token is one this portal made (its
 * HMAC) and has not expired: *request_id, else 0. Reads nothing. */
long long retention_token_request(const char *token, time_t now);

/* What a consent link offers, for its page: the person's first name (or
 * name), his date now and the date consent extends to (YYYY-MM-DD), and
 * whether it can still be used (unused, not expired, person not erased).
 * *found is 0 when there is no such request. */
typedef struct consent_offer {
	int found, usable;
	char kind;                 /* 'u' or 'c' */
	long long person;
	char name[1024];
	char until[11], extended[11];
	char lang[4];
} ConsentOffer;
NEOERR *retention_offer(long long request_id, ConsentOffer *o);

/* The person agrees (on the consent page): in one transaction the link is
 * used up, a contact moment records the time and the text agreed to
 * (version and language), keep_until moves to the extended date, and the
 * audit log is told. *ok is 0 when the link was used or expired meanwhile. */
NEOERR *retention_consent(Request *r, long long request_id, const char *version, const char *lang,
			  const char *text, int *ok, char extended[11]);

/* Agency staff record a contact moment (a call, a visit) in which the
 * person agreed to be kept longer: extends by Privacy.ConsentExtendMonths
 * from his date or today, whichever is later. note is what was agreed. */
NEOERR *retention_contact(Request *r, char kind, long long id, const char *note, char extended[11]);

#endif
