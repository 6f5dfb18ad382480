/* reports.h: what the parts of the reports binary share — a report's unit, period and position, and its table as HTML, CSV and XLSX */
#ifndef REPORTS_H
#define REPORTS_H

#include "app.h"

#define REFUSED 422

/* The most months a report spans. */
#define MONTHS_MAX 120

/* What a report is about: a unit and everything below it, the months from
 * from to to (inclusive), and a position or all. */
typedef struct scope {
	long long unit, client;     /* the unit, and its client (clients.id) */
	char path[ORG_PATH_LEN + 1], name[801];
	int from, to;               /* months since year 0: y * 12 + m - 1 */
	char first[11], last[11];   /* the period's first and last day */
	const char *position;       /* "" for every position */
} Scope;

/* The scope of the request's unit, from and to (defaults: the user's
 * topmost unit with perm, the last twelve months); *ok is 0 after an
 * answer was given (a unit outside the user's scope: 404). A period
 * that is not one leaves the defaults with a message on the form. */
NEOERR *rp_scope(Request *r, const char *perm, Scope *s, int *ok);
/* "YYYY-MM-01" of a month number, and the last day of it. */
void rp_month_first(int month, char out[11]);
void rp_month_last(int month, char out[11]);
/* The positions invoiced below a unit in a period and the year before it,
 * sorted: the choices of the position filter. */
#define POSITIONS_MAX 200
typedef struct positions {
	int n;
	char *name[POSITIONS_MAX];
} Positions;
void positions_add(Positions *p, const char *name);
void positions_free(Positions *p);

/* The filter form's values and lists, the page's query string; the
 * positions as known (NULL: read here). */
NEOERR *rp_filters(Request *r, const Scope *s, const char *perm, Positions *known);
/* The clients (or the units at other clients) whose reports the user may
 * open: where an agency user chooses the client of a report. */
NEOERR *rp_clients(Request *r);

/* --- tables ------------------------------------------------------------- */

enum kind {
	K_TEXT,      /* text */
	K_DATE,      /* "YYYY-MM-DD" text, a date in a workbook */
	K_MONTH,     /* "YYYY-MM" text, a month in a workbook */
	K_CENTS,     /* an amount in cents: 1.234,56 */
	K_MINUTES,   /* hours, kept in minutes: 12,50 */
	K_COUNT,     /* a whole number */
	K_HUNDREDTHS,/* a number with two decimals, kept × 100 */
	K_PERMILLE,  /* a difference in %, one decimal, kept × 10 */
};

typedef struct column {
	const char *key;   /* its words: Lang.Reports.Col.<key> */
	enum kind kind;
	double width;      /* in a workbook, in characters */
	int sum;           /* its total is the sum of the column */
} Column;

typedef struct cell {
	long long n;
	char *s;
	int null;          /* shown empty (a difference against nothing) */
} Cell;

typedef struct table {
	const Column *cols;
	int ncols, rows, cap;
	Cell *cells;       /* rows × ncols */
	Cell *total;       /* ncols, or NULL: no totals row */
	const char *name;  /* the file's and the sheet's name: Lang.Reports.<name>.Title */
} Table;

void table_init(Table *t, const char *name, const Column *cols, int ncols);
/* A new row's cells, set to nothing. */
Cell *table_row(Table *t);
/* The totals row's cells. */
Cell *table_totals(Table *t);
void cell_text(Cell *c, const char *s);
void cell_num(Cell *c, long long n);
void table_free(Table *t);
/* The sums of the columns that have one, into the totals row. */
void table_sum(Table *t);

/* The table as the page shows it: Page.Table (HTML, escaped), at most
 * max rows (Page.Shown, Page.Total). */
void table_html(Request *r, const Table *t, int max);
/* The same table as a download. */
NEOERR *table_csv(Request *r, const Table *t, const Scope *s);
NEOERR *table_xlsx(Request *r, const Table *t, const Scope *s);
/* A number as the user's language writes it: 1.234,56 or 1,234.56. */
void rp_number(const Request *r, long long v, int decimals, char *out, size_t len);

/* --- the reports --------------------------------------------------------- */

NEOERR *rp_client(Request *r);
NEOERR *rp_client_csv(Request *r);
NEOERR *rp_client_xlsx(Request *r);
NEOERR *rp_workers(Request *r);
NEOERR *rp_workers_csv(Request *r);
NEOERR *rp_workers_xlsx(Request *r);
NEOERR *rp_invoices(Request *r);
NEOERR *rp_invoices_csv(Request *r);
NEOERR *rp_invoices_xlsx(Request *r);
NEOERR *rp_hours(Request *r);
NEOERR *rp_hours_csv(Request *r);
NEOERR *rp_hours_xlsx(Request *r);

#endif
