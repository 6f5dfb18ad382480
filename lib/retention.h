/* retention.h: how long a temp worker or a candidate is kept — the retention date, consent links, anonymising at the end */
#ifndef PORTAL_RETENTION_H
#define PORTAL_RETENTION_H

#include <time.h>
#include <ClearSilver.h>

/* The worker job: sets each person's retention date from his last
 * activity and his consents, mails a consent link to those whose date
 * comes within Privacy.ConsentLeadDays, and anonymises those whose date
 * has passed. Idempotent: run again at once, it does nothing more. */
NEOERR *retention_run(time_t now, int *asked, int *anonymised);

#endif
