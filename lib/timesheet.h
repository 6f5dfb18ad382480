/* timesheet.h: what the worker job does for timesheets — an approved version to the back-office, and the weekly reminders */
#ifndef PORTAL_TIMESHEET_H
#define PORTAL_TIMESHEET_H

#include <time.h>
#include <ClearSilver.h>

#include "outbox.h"

/* Delivers an outbox row of kind backoffice whose key is
 * timesheet:<id>:<version> (portal-worker): POST /v1/timesheets. 202 (or
 * 200, 201): the version is marked sent. 422: refused — the reasons are
 * kept with the version, for the agency, and the row ends as a dead
 * letter with them (*permanent). No answer or 5xx: an error to retry. */
NEOERR *timesheet_deliver(const OutboxRow *row, int *permanent);

/* The back-office's reasons for refusing hours (its 422 answer, or
 * NULL) as one line into out: "rule: message; …", at most 2000
 * characters and len bytes, or "refused" when it gave none. */
void timesheet_reasons(const char *answer, char *out, size_t len);
/* Is this outbox row a timesheet's? */
int timesheet_row(const OutboxRow *row);

/* The Monday ("YYYY-MM-DD") of the week of a moment at a zone: a
 * timesheet's week. */
void timesheet_week_of(const char *zone, time_t t, char out[11]);

/* Counts the weeks of an assignment (unit, position) in which the worker
 * has contracted shifts — of the last Timesheets.WeeksShown weeks, to
 * now, each week found at its unit's clock; with ended_only only weeks
 * that have ended — that have no timesheet submitted or approved. */
/* The first week the supervisors' list shows without a week chosen:
 * Timesheets.ListWeeks back from now, as "YYYY-MM-DD". */
void timesheet_list_from(time_t now, char out[11]);
NEOERR *timesheet_open_weeks(long long worker, time_t now, int ended_only, int *open);

/* Once Timesheets.RemindDay has come, from Timesheets.RemindHour at
 * Planning.TimeZone: mails every temp worker (with a login) who has a
 * contracted week that ended without his hours submitted, and every user
 * who approves hours (timesheet.approve) with submitted weeks waiting in
 * his part of the organisation — once that week per person (the outbox
 * key holds the person and the period), however often it runs: a whole
 * run marks the period done (timesheet_reminders). Counts the mails
 * queued now. */
NEOERR *timesheet_remind(time_t now, int *workers, int *supervisors);

#endif
