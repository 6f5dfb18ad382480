/* export.c: a week of a unit as CSV — a line per shift, times at the unit, for a spreadsheet */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "http.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

NEOERR *plan_export(Request *r)
{
	static const char *const heads[] = { "Date", "Start", "End", "Break", "Worker", "Position", "Unit", "State" };
	char from[20], to[20], name[96], week[11];
	Day monday;
	Unit u;
	DBQuery *q;
	NEOERR *err;
	int ok;

	err = plan_unit(r, param_int(r, "unit", 0), "planning.view", &u, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (!plan_day(param_str(r, "week"), &monday))
		monday = plan_today(&u);
	monday = plan_monday(monday);
	plan_week_sql(&u, monday, from, to);
	/* A byte order mark, so that spreadsheets read the file as UTF-8. */
	string_append(&r->body, "\xef\xbb\xbf");
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		char key[64];
		snprintf(key, sizeof(key), "Lang.Planning.Csv.%s", heads[i]);
		page_csv_cell(&r->body, view_text(r->lang, key), i + 1 == ARRAY_SIZE(heads));
	}
	err = db_query(&q, "SELECT UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), s.break_minutes,"
			   " COALESCE(CONCAT_WS(' ', w.first_name, w.last_name), ''), s.position, o.name, s.state"
			   " FROM shifts s JOIN org_units o ON o.id = s.unit_id LEFT JOIN users w ON w.id = s.worker_user_id"
			   " WHERE o.path LIKE CONCAT(?, '%') AND s.state <> 'cancelled' AND s.starts_at >= ?"
			   " AND s.starts_at < ? ORDER BY s.starts_at, w.last_name, s.id LIMIT 20000",
		       "sss", u.path, from, to);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		char d[16], a[8], b[8], key[64];
		struct tm ts, te;
		tz_local(u.zone, (time_t)db_int(q, 0), &ts);
		tz_local(u.zone, (time_t)db_int(q, 1), &te);
		strftime(d, sizeof(d), "%Y-%m-%d", &ts);
		strftime(a, sizeof(a), "%H:%M", &ts);
		strftime(b, sizeof(b), "%H:%M", &te);
		page_csv_cell(&r->body, d, 0);
		page_csv_cell(&r->body, a, 0);
		page_csv_cell(&r->body, b, 0);
		page_csv_cell(&r->body, db_str(q, 2), 0);
		page_csv_cell(&r->body, db_str(q, 3), 0);
		page_csv_cell(&r->body, db_str(q, 4), 0);
		page_csv_cell(&r->body, db_str(q, 5), 0);
		snprintf(key, sizeof(key), "Lang.Planning.States.%s", db_str(q, 6));
		page_csv_cell(&r->body, view_text(r->lang, key), 1);
	}
	db_end(&q);
	plan_day_text(monday, week);
	snprintf(name, sizeof(name), "attachment; filename=\"planning-%lld-%s.csv\"", u.id, week);
	r->content_type = "text/csv; charset=utf-8";
	http_header(r, "Content-Disposition", name);
	return STATUS_OK;
}
