/* report.h: the summary tables of the reports (sql/024), kept up to date in the caller's transaction */
#ifndef PORTAL_REPORT_H
#define PORTAL_REPORT_H

#include <ClearSilver.h>

/* A timesheet was approved or corrected: its worker's approved hours at
 * its unit in the months of its week, again. Within the caller's
 * transaction. */
NEOERR *report_hours_changed(long long sheet);

/* An imported invoice line, added to its unit's month (of the invoice's
 * date) and position. Within the caller's transaction. */
NEOERR *report_invoice_line(long long unit, const char *invoice_date, const char *position,
			    long long minutes, long long amount_cents, long long vat_cents);

/* Both summaries again from the raw rows (after a restore, or for data
 * loaded around the application), in one transaction. */
NEOERR *report_rebuild(void);

/* How many rows of each summary differ from a recomputation from the raw
 * rows (0 and 0: they are right); presence counts report_presence_year's
 * too. */
NEOERR *report_verify(long long *invoiced, long long *presence);

#endif
