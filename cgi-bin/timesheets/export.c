/* export.c: the approved hours of a week, a line per entry, as CSV and as an XLSX workbook (libxlsxwriter) — never a draft, never what is waiting */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "timesheets.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* The columns, their words under Lang.Timesheets.Export and widths. */
static const struct column {
	const char *key;
	double width;
} columns[] = {
	{ "Week", 11 }, { "Date", 11 }, { "Worker", 26 }, { "Client", 22 }, { "Unit", 22 }, { "Position", 20 },
	{ "Start", 7 }, { "End", 7 }, { "Break", 8 }, { "Hours", 8 }, { "Night", 8 }, { "Weekend", 9 },
	{ "Version", 8 }, { "Wage", 10 },
};
#define COLS_NO_WAGE (ARRAY_SIZE(columns) - 1)

/* One entry of the export, as the query gives it. */
typedef struct line {
	const char *week, *date, *worker, *client, *unit, *position, *path;
	struct tm start, end;
	int brk, minutes, night, weekend, version;
	const char *wage;          /* NULL: not to be shown */
} Line;

typedef NEOERR *(*line_fn)(void *ctx, const Line *l);

/* Calls fn for each approved entry of the week in the user's scope (below
 * the unit when given), times at each unit's clock. */
static NEOERR *lines(Request *r, line_fn fn, void *ctx)
{
	char week[11], *scope = acl_scope(r, "timesheet.view");
	long long unit = param_int(r, "unit", 0);
	DBQuery *q;
	NEOERR *err;

	ts_monday(param_str(r, "week"), week);
	err = db_query(&q,
		"SELECT DATE_FORMAT(t.week, '%Y-%m-%d'), DATE_FORMAT(e.day, '%Y-%m-%d'),"
		" CONCAT_WS(' ', u.first_name, u.last_name), COALESCE(c.name, ''), o.name, e.position,"
		" UNIX_TIMESTAMP(e.starts_at), UNIX_TIMESTAMP(e.ends_at), e.break_minutes, e.minutes, e.night_minutes,"
		" e.weekend_minutes, t.version, o.time_zone, o.path,"
		" (SELECT k.hourly_wage FROM shifts sh JOIN contracts k ON k.id = sh.contract_id WHERE sh.id = e.shift_id)"
		" FROM org_units o STRAIGHT_JOIN timesheets t ON t.unit_id = o.id AND t.state = 'approved' AND t.week = ?"
		" JOIN users u ON u.id = t.worker_user_id LEFT JOIN clients c ON c.id = o.client_id"
		" JOIN timesheet_entries e ON e.timesheet_id = t.id"
		" WHERE" ACL_IN_SCOPE("o.path")
		" AND (? = 0 OR o.path LIKE CONCAT((SELECT p.path FROM org_units p WHERE p.id = ?), '%'))"
		" ORDER BY u.last_name, u.first_name, t.id, e.starts_at LIMIT 100000",
		"ssii", week, scope, unit, unit);
	free(scope);
	if (err)
		return nerr_pass(err);
	while (!err && db_next(q)) {
		const char *zone = tz_known(db_str(q, 13)) ? db_str(q, 13) : conf_str("Planning.TimeZone");
		Line l = { .week = db_str(q, 0), .date = db_str(q, 1), .worker = db_str(q, 2), .client = db_str(q, 3),
			   .unit = db_str(q, 4), .position = db_str(q, 5), .brk = (int)db_int(q, 8),
			   .minutes = (int)db_int(q, 9), .night = (int)db_int(q, 10), .weekend = (int)db_int(q, 11),
			   .version = (int)db_int(q, 12), .path = db_str(q, 14) };
		tz_local(zone, (time_t)db_int(q, 6), &l.start);
		tz_local(zone, (time_t)db_int(q, 7), &l.end);
		/* A wage only where the user may see the unit's wages. */
		if (db_str(q, 15) && acl_may_at(r, "wage.view", l.path))
			l.wage = db_str(q, 15);
		err = fn(ctx, &l);
	}
	db_end(&q);
	return nerr_pass(err);
}

static void disposition(Request *r, const char *ext)
{
	char week[11], name[96];

	ts_monday(param_str(r, "week"), week);
	snprintf(name, sizeof(name), "attachment; filename=\"hours-%s.%s\"", week, ext);
	http_header(r, "Content-Disposition", name);
}

/* --- CSV ----------------------------------------------------------------- */

static NEOERR *csv_line(void *ctx, const Line *l)
{
	Request *r = ctx;
	char t[16];
	int wages = hdf_get_int_value(r->hdf, "Page.Wages", 0);

	page_csv_cell(&r->body, l->week, 0);
	page_csv_cell(&r->body, l->date, 0);
	page_csv_cell(&r->body, l->worker, 0);
	page_csv_cell(&r->body, l->client, 0);
	page_csv_cell(&r->body, l->unit, 0);
	page_csv_cell(&r->body, l->position, 0);
	strftime(t, sizeof(t), "%H:%M", &l->start);
	page_csv_cell(&r->body, t, 0);
	strftime(t, sizeof(t), "%H:%M", &l->end);
	page_csv_cell(&r->body, t, 0);
	snprintf(t, sizeof(t), "%d", l->brk);
	page_csv_cell(&r->body, t, 0);
	/* Hours as decimals, as a spreadsheet sums them. */
	snprintf(t, sizeof(t), "%.2f", l->minutes / 60.0);
	page_csv_cell(&r->body, t, 0);
	snprintf(t, sizeof(t), "%.2f", l->night / 60.0);
	page_csv_cell(&r->body, t, 0);
	snprintf(t, sizeof(t), "%.2f", l->weekend / 60.0);
	page_csv_cell(&r->body, t, 0);
	snprintf(t, sizeof(t), "%d", l->version);
	page_csv_cell(&r->body, t, !wages);
	if (wages)
		page_csv_cell(&r->body, or_empty(l->wage), 1);
	return STATUS_OK;
}

NEOERR *ts_export_csv(Request *r)
{
	int wages = acl_may(r, "wage.view");
	size_t n = wages ? ARRAY_SIZE(columns) : COLS_NO_WAGE;
	NEOERR *err;

	/* A byte order mark, so that spreadsheets read the file as UTF-8. */
	string_append(&r->body, "\xef\xbb\xbf");
	for (size_t i = 0; i < n; i++) {
		char key[64];
		snprintf(key, sizeof(key), "Lang.Timesheets.Export.%s", columns[i].key);
		page_csv_cell(&r->body, view_text(r->lang, key), i + 1 == n);
	}
	hdf_set_int_value(r->hdf, "Page.Wages", wages);
	err = lines(r, csv_line, r);
	if (err) {
		string_clear(&r->body);
		return nerr_pass(err);
	}
	r->content_type = "text/csv; charset=utf-8";
	disposition(r, "csv");
	return STATUS_OK;
}

/* --- XLSX ---------------------------------------------------------------- */

typedef struct sheet_out {
	lxw_worksheet *ws;
	lxw_format *date, *time, *hours;
	lxw_row_t row;
	int wages;
} SheetOut;

static lxw_datetime date_of(const char *ymd)
{
	lxw_datetime d = { 0 };
	sscanf(ymd, "%4d-%2d-%2d", &d.year, &d.month, &d.day);
	return d;
}

static NEOERR *xlsx_line(void *ctx, const Line *l)
{
	SheetOut *o = ctx;
	lxw_datetime d;
	lxw_col_t c = 0;

	d = date_of(l->week);
	worksheet_write_datetime(o->ws, o->row, c++, &d, o->date);
	d = date_of(l->date);
	worksheet_write_datetime(o->ws, o->row, c++, &d, o->date);
	worksheet_write_string(o->ws, o->row, c++, l->worker, NULL);
	worksheet_write_string(o->ws, o->row, c++, l->client, NULL);
	worksheet_write_string(o->ws, o->row, c++, l->unit, NULL);
	worksheet_write_string(o->ws, o->row, c++, l->position, NULL);
	/* Times of day alone: a fraction of a day, shown as hh:mm. */
	worksheet_write_number(o->ws, o->row, c++, (l->start.tm_hour * 60 + l->start.tm_min) / 1440.0, o->time);
	worksheet_write_number(o->ws, o->row, c++, (l->end.tm_hour * 60 + l->end.tm_min) / 1440.0, o->time);
	worksheet_write_number(o->ws, o->row, c++, l->brk, NULL);
	worksheet_write_number(o->ws, o->row, c++, l->minutes / 60.0, o->hours);
	worksheet_write_number(o->ws, o->row, c++, l->night / 60.0, o->hours);
	worksheet_write_number(o->ws, o->row, c++, l->weekend / 60.0, o->hours);
	worksheet_write_number(o->ws, o->row, c++, l->version, NULL);
	if (o->wages && l->wage)
		worksheet_write_number(o->ws, o->row, c, atof(l->wage), o->hours);
	o->row++;
	return STATUS_OK;
}

NEOERR *ts_export_xlsx(Request *r)
{
	char path[512];
	/* Row by row to its temporary file, as the rows come: a week of
	 * the whole agency is not built up in the process's memory. */
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = (char *)conf_str("Paths.Tmp") };
	lxw_workbook *wb;
	lxw_format *head;
	SheetOut o = { 0 };
	size_t cols;
	NEOERR *err;
	int fd;

	snprintf(path, sizeof(path), "%s/hours-XXXXXX", conf_str("Paths.Tmp"));
	fd = mkstemp(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "temporary file in %s", conf_str("Paths.Tmp"));
	close(fd);
	wb = workbook_new_opt(path, &opts);
	if (!wb) {
		unlink(path);
		return nerr_raise(NERR_IO, "no workbook");
	}
	o.ws = workbook_add_worksheet(wb, view_text(r->lang, "Lang.Timesheets.Export.Sheet"));
	if (!o.ws)
		o.ws = workbook_add_worksheet(wb, NULL);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bottom(head, LXW_BORDER_THIN);
	o.date = workbook_add_format(wb);
	format_set_num_format(o.date, "yyyy-mm-dd");
	o.time = workbook_add_format(wb);
	format_set_num_format(o.time, "hh:mm");
	o.hours = workbook_add_format(wb);
	format_set_num_format(o.hours, "0.00");
	o.wages = acl_may(r, "wage.view");
	cols = o.wages ? ARRAY_SIZE(columns) : COLS_NO_WAGE;
	for (size_t i = 0; i < cols; i++) {
		char key[64];
		snprintf(key, sizeof(key), "Lang.Timesheets.Export.%s", columns[i].key);
		worksheet_write_string(o.ws, 0, (lxw_col_t)i, view_text(r->lang, key), head);
		worksheet_set_column(o.ws, (lxw_col_t)i, (lxw_col_t)i, columns[i].width, NULL);
	}
	worksheet_freeze_panes(o.ws, 1, 0);
	o.row = 1;
	err = lines(r, xlsx_line, &o);
	if (o.row > 1)
		worksheet_autofilter(o.ws, 0, 0, o.row - 1, (lxw_col_t)(cols - 1));
	if (workbook_close(wb) != LXW_NO_ERROR && !err)
		err = nerr_raise(NERR_IO, "the workbook was not written");
	if (err) {
		unlink(path);
		return nerr_pass(err);
	}
	/* Written as it is read: a workbook is binary, the body a string. */
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	disposition(r, "xlsx");
	return nerr_pass(http_send_file(r, path));
}
