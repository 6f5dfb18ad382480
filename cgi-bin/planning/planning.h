/* planning.h: the handlers of the planning binary, by file, and what its pages share */
#ifndef PLANNING_H
#define PLANNING_H

#include <time.h>

#include "app.h"
#include "page.h"

/* The status of a form shown again with what is wrong with it. */
#define REFUSED 422
/* The most workers a week view shows. */
#define ROWS_MAX 500

/* A unit as planning sees one: where it lies, its client, its clock. */
typedef struct unit {
	long long id, client_id;
	unsigned long long gen; /* its client's planning clock, read first (cache.h) */
	char path[800], name[801], zone[65];
} Unit;

/* A calendar date. */
typedef struct day {
	int y, m, d;
} Day;

/* SQL: the pool of the units at and below a path (its one '?'). */
#define POOL_UNDER \
	" FROM pool p JOIN org_units o ON o.id = p.unit_id JOIN users u ON u.id = p.worker_user_id" \
	" WHERE o.path LIKE CONCAT(?, '%') AND u.status <> 'revoked'"

/* main.c: what the pages share */

/* Loads unit id when the user holds perm on it; else ends the request
 * with 404 and *ok is 0. */
NEOERR *plan_unit(Request *r, long long id, const char *perm, Unit *u, int *ok);
/* The same without a permission: u->id 0 when there is no such unit. */
NEOERR *plan_unit_load(Request *r, long long id, Unit *u);
/* The first unit (in tree order) where the user holds perm; 0: none. */
NEOERR *plan_first_unit(Request *r, const char *perm, long long *id);
/* "YYYY-MM-DD" into a day; 0 when it is no such date. */
int plan_day(const char *s, Day *out);
/* The day n days after d (n may be negative), and its weekday (1 Monday
 * … 7 Sunday). */
Day plan_add_days(Day d, int n);
int plan_weekday(Day d);
/* The days' keys of Lang.Date.Day (date.cs), Monday first. */
extern const char *const plan_day_names[7];
/* The Monday of d's week. */
Day plan_monday(Day d);
/* Today at the unit. */
Day plan_today(const Unit *u);
/* The UTC moment of midnight that starts day d at the unit. */
time_t plan_midnight(const Unit *u, Day d);
/* A moment as SQL's DATETIME in UTC ("YYYY-MM-DD HH:MM:SS"). */
void plan_sql_time(time_t t, char out[20]);
/* The week from monday at the unit, as SQL's UTC bounds [from, to). */
void plan_week_sql(const Unit *u, Day monday, char from[20], char to[20]);
/* "YYYY-MM-DD" of a day. */
void plan_day_text(Day d, char out[11]);

/* week.c */
NEOERR *plan_week(Request *r);

/* grid.c: the rows of a week view, read into memory and written as HTML */
typedef struct grid Grid;
/* The pool under u with its availability and shifts of the week from
 * monday (the filters position and q of the request); given, to free. */
NEOERR *grid_load(Request *r, const Unit *u, Day monday, int may_edit, Grid **g);
int grid_rows(const Grid *g);     /* workers shown */
int grid_planned(const Grid *g);  /* shifts with a worker still to publish */
int grid_open(const Grid *g);     /* open shifts at the unit */
/* The <tr> of the open shifts and of every worker onto out, escaped. */
void grid_rows_html(Request *r, const Unit *u, const Grid *g, Day monday, int may_edit, int may_keep,
		    STRING *out);
void grid_free(Grid **g);

/* progress.c: a week's shifts at the unit and below sent to the
 * back-office — counts[0] contracted, [1] refused, [2] still waiting. */
NEOERR *plan_progress_counts(const Unit *u, Day monday, int counts[3]);
NEOERR *plan_progress(Request *r);

/* waiting.c */
NEOERR *plan_waiting(Request *r);

/* day.c */
NEOERR *plan_day_view(Request *r);

/* mine.c: a temp worker's own pages */
NEOERR *mine_show(Request *r);
NEOERR *mine_week(Request *r);
NEOERR *mine_day(Request *r);
NEOERR *mine_day_delete(Request *r);
NEOERR *mine_pool_add(Request *r);
NEOERR *mine_skill_add(Request *r);
NEOERR *mine_pool_remove(Request *r);
NEOERR *mine_skill_remove(Request *r);

/* workers.c: the agency's temp workers, their pools and skills */
NEOERR *workers_list(Request *r);
/* Page.Pools, Page.Skills of a worker (MayRemove where the user plans),
 * and Page.Units where he may add them. */
NEOERR *workers_into_page(Request *r, long long worker);
/* In the caller's transaction; *again 1: the form has a message. */
NEOERR *workers_pool_add(Request *r, long long worker, int *again);
NEOERR *workers_skill_add(Request *r, long long worker, int *again);
/* "pool" or "skill" of the :id parameter; *gone 0: none such where the
 * user plans. In the caller's transaction. */
NEOERR *workers_remove(Request *r, long long worker, const char *what, int *gone);

/* claim.c: open shifts a worker may take (Page.Open), and taking one */
NEOERR *claim_list(Request *r);
NEOERR *claim_take(Request *r);

/* feed.c */
NEOERR *mine_feed(Request *r);
NEOERR *plan_feed(Request *r);

/* export.c */
NEOERR *plan_export(Request *r);

/* copy.c */
NEOERR *plan_copy(Request *r);
/* What a copy of a shift takes from it. */
typedef struct shift_copy {
	long long unit, worker;
	char position[801];
	time_t start, end;
	int brk;
} ShiftCopy;
/* A planned copy of s weeks later at the same wall-clock times of unit u
 * (its zone), by user by; *made 0 when it would clash with the worker's
 * other shifts or the worker left the pool. In the caller's transaction. */
NEOERR *plan_copy_shift(const Unit *u, const ShiftCopy *s, int weeks, long long by, int *made);

/* publish.c */
NEOERR *plan_publish(Request *r);

/* shifts.c */
NEOERR *shift_new(Request *r);
NEOERR *shift_create(Request *r);
NEOERR *shift_edit(Request *r);
NEOERR *shift_update(Request *r);
NEOERR *shift_delete(Request *r);

#endif
