/* rights.h: the requests of data subjects (access, rectification, erasure) — their due dates, and the reminders before them */
#ifndef PORTAL_RIGHTS_H
#define PORTAL_RIGHTS_H

#include <time.h>
#include <ClearSilver.h>

/* The privacy officers: at most RIGHTS_MAX_OFFICERS active users holding
 * a role with privacy.handle (conf/roles.hdf) on the agency's root,
 * whatever the role is called. */
#define RIGHTS_MAX_OFFICERS 64

/* The day of now on the agency's calendar (Planning.TimeZone), as
 * "YYYY-MM-DD": the day a request comes in, the day against which it is
 * due or overdue. */
void rights_today(time_t now, char out[11]);

/* The ids of the privacy officers into ids (RIGHTS_MAX_OFFICERS), by id;
 * *n is how many. */
NEOERR *rights_officers(long long *ids, int *n);

/* Mails every privacy officer that the person filed request id himself
 * (the kind, the due date, the link; nothing of his words), in the
 * caller's transaction. *mailed counts the officers (may be NULL). */
NEOERR *rights_filed(long long request_id, int *mailed);

/* Mails the person that his request id was extended or closed (what:
 * "extended" or "closed"): its kind, state and due date, and that the
 * reason or answer is on his own page — not the words themselves. Only a
 * user with a password (who can read that page) is mailed; in the
 * caller's transaction. */
NEOERR *rights_answered(long long request_id, const char *what);

/* Mails the privacy officers about open requests due within
 * Privacy.RequestRemindDays of now — or overdue — once per request and
 * due date (an extension asks again, for its new date); each request is
 * marked reminded in the transaction of its mails, in batches.
 * *reminded counts the requests. (The worker job.) */
NEOERR *rights_remind(time_t now, int *reminded);

#endif
