/* rights.h: the requests of data subjects (access, rectification, erasure) — their due dates, and the reminders before them */
#ifndef PORTAL_RIGHTS_H
#define PORTAL_RIGHTS_H

#include <time.h>
#include <ClearSilver.h>

/* Mails the privacy officers about open requests due within
 * Privacy.RequestRemindDays of now, once per request; *reminded counts
 * the requests. (The worker job.) */
NEOERR *rights_remind(time_t now, int *reminded);

#endif
