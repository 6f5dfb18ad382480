/* timesheets.h: the handlers of the timesheets binary, by file, and what its pages share */
#ifndef TIMESHEETS_H
#define TIMESHEETS_H

#include "app.h"
#include "hours.h"
#include "page.h"
#include "timesheet.h"

/* The status of a form shown again with what is wrong with it. */
#define REFUSED 422
/* The most timesheets a list shows, and one bulk approval takes. */
#define LIST_MAX 500
/* The widths of the columns composed from a user's text. */
#define REASON_CHARS 1000

/* A timesheet as the pages see one. */
typedef struct sheet {
	long long id, worker, unit, client, entered_by;
	int version, minutes;
	long long revision;        /* of its entries: the form's rev */
	int worker_login;          /* the worker has a password: the draft is his */
	char state[16], week[11], position[801];
	char submitted[24];        /* when it was submitted last, seconds since the epoch */
	char path[ORG_PATH_LEN + 1], zone[65], unit_name[801], worker_name[802];
} Sheet;

/* How the user stands to a timesheet. */
enum sheet_access {
	SHEET_NONE,     /* not his to see: 404 */
	SHEET_OWN,      /* the worker's own, or the agency's for a worker without a login */
	SHEET_VIEW,     /* submitted or decided, in his part of the organisation */
};

/* main.c: what the pages share */

/* Loads the timesheet of the :id parameter; a request it is not the
 * user's to see (a draft not his above all) ends with 404 and *access is
 * SHEET_NONE. */
NEOERR *ts_load(Request *r, Sheet *s, enum sheet_access *access);
/* Loads timesheet id (for the worker of the request's :worker, or the
 * user himself) as its owner sees it; 404 else. */
NEOERR *ts_load_own(Request *r, long long id, Sheet *s, int *ok);

/* Whose hours a request keeps: the worker's own (/timesheets/me…), or, for
 * agency staff who enter hours (timesheet.enter), a temp worker's without
 * a login (/timesheets/workers/:worker…). Everyone else: 404, *ok 0.
 * base gets the pages' path. */
NEOERR *ts_whose(Request *r, long long *worker, char base[64], int *ok);

/* The UTC bounds of a week (its Monday "YYYY-MM-DD") at a zone: [from, to). */
void ts_week_bounds(const char *zone, const char *week, time_t *from, time_t *to);
/* The Monday of the week of a date "YYYY-MM-DD". */
void ts_monday(const char *date, char out[11]);
/* Minutes as "7:30" (with a sign when negative). */
void ts_hours(char out[16], int minutes);
/* Locks the timesheet for a save and reloads it (*s): *state_ok 0 when
 * it is not in one of the states (space-separated) any more; *stale 1
 * when the form's rev is not its revision — the form was made before
 * another save. */
NEOERR *ts_lock(Request *r, Sheet *s, const char *states, int *state_ok, int *stale);
/* A week's form: Page.Form as it came back (refused), or the timesheet's
 * entries (ts_rows_into_form); Page.WeekDays.0–6, the dates of its week;
 * Page.RowsShown, the rows shown — those filled and two more, a week's
 * worth at least — of Page.RowCount. */
NEOERR *ts_form(Request *r, const Sheet *s);
/* Sums the entries' minutes into the timesheet (its list column) and
 * counts the save in its revision. In the caller's transaction. */
NEOERR *ts_total(long long sheet);

/* sheet.c: Page.Sheet, Page.Days (each with its entries and planned shifts, the
 * differences and flags), Page.Totals, Page.History: a timesheet as its
 * pages show it; with_wage adds the wages of the contracts. */
NEOERR *ts_into_page(Request *r, const Sheet *s, int with_wage);

/* mine.c: the worker's own weeks, and the agency's for workers without a login */
NEOERR *mine_list(Request *r);
NEOERR *mine_open(Request *r);
NEOERR *mine_show(Request *r);
NEOERR *mine_save(Request *r);
NEOERR *mine_workers(Request *r);
/* The rows of a week's form (entry<n>, day<n>, start<n> … of ROWS) into
 * Page.Form, from the timesheet's entries. */
NEOERR *ts_rows_into_form(Request *r, const Sheet *s);
/* Checks the rows of the form against the timesheet and, when every one
 * is good, writes them in the caller's transaction (which holds
 * ts_lock's lock, the form's revision checked): the form is the whole
 * week — entries added and changed, those it does not keep removed — and
 * the timesheet's minutes summed; entries say who entered them when it
 * was not the worker. *refused 1: a field has its message, nothing is
 * written. */
NEOERR *ts_rows_save(Request *r, const Sheet *s, int *refused, int *entries);
#define ROWS 16

/* approve.c: the list of submitted weeks, a timesheet, approving and rejecting */
NEOERR *ts_index(Request *r);
NEOERR *ts_show(Request *r);
NEOERR *ts_approve(Request *r);
NEOERR *ts_reject(Request *r);
NEOERR *ts_approve_many(Request *r);
/* GET /timesheets/progress?after=&upto=: the user's versions of a bulk
 * approval, as the back-office took them, as JSON. */
NEOERR *ts_progress(Request *r);
/* Approves a submitted timesheet in the caller's transaction: locked,
 * its version kept and queued for the back-office. *done 0 when it was
 * not submitted any more (decided by someone else meanwhile). */
NEOERR *ts_approve_one(Request *r, long long id, long long unit, int *done);
/* Keeps the timesheet's version as it is now (its entries, and the
 * reason of a correction) and queues its call to the back-office:
 * POST /v1/timesheets, Idempotency-Key timesheet:<id>:<version>. In the
 * caller's transaction. */
NEOERR *ts_send_version(Request *r, long long id, const char *reason);

/* A decision on a week that is not (or no longer) in the state for it:
 * the timesheet's page again, 422, with what is wrong (a key of
 * Lang.Timesheets.Refused). */
NEOERR *ts_refused(Request *r, const char *why);

/* correct.c: the agency's correction of an approved week */
NEOERR *ts_correct_form(Request *r);
NEOERR *ts_correct(Request *r);

/* export.c: approved hours as CSV and XLSX */
NEOERR *ts_export_csv(Request *r);
NEOERR *ts_export_xlsx(Request *r);

#endif
