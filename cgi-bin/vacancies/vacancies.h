/* vacancies.h: the handlers of the vacancies binary, by file, and what its pages share */
#ifndef VACANCIES_H
#define VACANCIES_H

#include "app.h"
#include "page.h"

#define PAGE_SIZE 25
/* The most candidates a vacancy's page shows. */
#define CANDIDATES_SHOWN 500
/* The status of a page shown again with a refused form or state change. */
#define REFUSED 422
/* candidate_events.note holds this many characters. */
#define EVENT_NOTE_CHARS 1000

/* The states, in the order a vacancy usually goes through them. */
#define VAC_STATES "draft open on_hold filled closed"
#define VAC_SHIFTS "day two_shift three_shift night weekend flexible"

/* A vacancy as the pages see one. */
typedef struct vacancy {
	long long id, unit_id, openings;
	char state[16], path[800], title[801];
} Vacancy;

/* main.c: what the pages share */

/* Loads the vacancy of the :id parameter when the user holds perm on its
 * unit; else ends the request with 404 and *ok is 0. */
NEOERR *vac_load(Request *r, const char *perm, Vacancy *v, int *ok);
/* The active users holding a role with perm on the vacancy's unit or a
 * unit above it (who is mailed about it), into ids (≤ max). */
NEOERR *vac_holders(const Vacancy *v, const char *perm, long long *ids, int max, int *n);
/* A mail's Mail.Title, Mail.Client, Mail.Unit and Mail.URL (the local
 * path under the portal's address). *extra is the caller's to destroy. */
NEOERR *vac_mail_extra(const Vacancy *v, const char *path, HDF **extra);
/* Seconds as Days, Hours and Minutes under h, for a page to show. */
void vac_duration(HDF *h, long long secs);

/* list.c */
NEOERR *vac_list(Request *r);

/* overview.c */
NEOERR *vac_overview(Request *r);

/* edit.c */
NEOERR *vac_new(Request *r);
NEOERR *vac_create(Request *r);
NEOERR *vac_edit(Request *r);
NEOERR *vac_update(Request *r);

/* show.c */
NEOERR *vac_show(Request *r);
NEOERR *vac_state(Request *r);
/* Renders the vacancy page; status is 200, or 422 with Page.StateError. */
NEOERR *vac_show_page(Request *r, const Vacancy *v);

/* candidates.c */
NEOERR *cand_new(Request *r);
NEOERR *cand_create(Request *r);
NEOERR *cand_show(Request *r);
NEOERR *cand_cv(Request *r);
NEOERR *cand_interview(Request *r);
NEOERR *cand_confirm(Request *r);
NEOERR *cand_accept(Request *r);
NEOERR *cand_reject(Request *r);
NEOERR *cand_withdraw(Request *r);
NEOERR *cand_comment(Request *r);
/* Page.Candidates on the vacancy's page (names as the user may see
 * them) and Page.MayViewCandidates; *counted is 1 when
 * that was all of them and Page.Count.<state> is set. */
NEOERR *cand_into_page(Request *r, const Vacancy *v, int *counted);

#endif
