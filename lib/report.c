/* report.c: the summary tables the reports read — kept in the transaction of what changes them, a row per unit and month */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "report.h"

/* A year's months of report_presence side by side: m1 … m12. */
#define YEAR_BIT(k) " BIT_OR(IF(MONTH(month) = " #k ", days, 0)) AS m" #k
#define YEAR_BITS \
	YEAR_BIT(1) "," YEAR_BIT(2) "," YEAR_BIT(3) "," YEAR_BIT(4) "," YEAR_BIT(5) "," YEAR_BIT(6) "," \
	YEAR_BIT(7) "," YEAR_BIT(8) "," YEAR_BIT(9) "," YEAR_BIT(10) "," YEAR_BIT(11) "," YEAR_BIT(12)

/* The year of month ("YYYY-MM-01") of one worker at one unit in
 * report_presence_year again, from his rows of report_presence that year
 * (at most twelve a position, by the worker's index). */
static NEOERR *presence_year(long long worker, long long unit, const char *month)
{
	long long year = atoll(month);
	char first[11], last[11];
	NEOERR *err;

	snprintf(first, sizeof(first), "%04u-01-01", (unsigned)year % 10000u);
	snprintf(last, sizeof(last), "%04u-12-01", (unsigned)year % 10000u);
	err = db_exec(NULL, "DELETE FROM report_presence_year WHERE unit_id = ? AND year = ? AND worker_user_id = ?",
		      "iii", unit, year, worker);
	if (!err)
		err = db_exec(NULL, "INSERT INTO report_presence_year (unit_id, year, position, worker_user_id,"
				    " m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)"
				    " SELECT unit_id, ?, position, worker_user_id," YEAR_BITS
				    " FROM report_presence WHERE worker_user_id = ? AND month BETWEEN ? AND ? AND unit_id = ?"
				    " GROUP BY unit_id, position, worker_user_id",
			      "iissi", year, worker, first, last, unit);
	return nerr_pass(err);
}

/* The approved hours of one worker at one unit in one month, from the
 * approved weeks that touch the month: a month of one person, never a
 * year of anybody's. (Rows are replaced, not incremented: a correction
 * changes a week's hours, and a bitmap of days cannot be taken back.) */
static NEOERR *presence_month(long long worker, long long unit, const char *month)
{
	NEOERR *err;

	err = db_exec(NULL, "DELETE FROM report_presence WHERE unit_id = ? AND month = ? AND worker_user_id = ?",
		      "isi", unit, month, worker);
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO report_presence (unit_id, month, position, worker_user_id, days, minutes)"
			" SELECT t.unit_id, ?, e.position, t.worker_user_id, BIT_OR(1 << (DAYOFMONTH(e.day) - 1)),"
			"  SUM(e.minutes)"
			" FROM timesheets t JOIN timesheet_entries e ON e.timesheet_id = t.id"
			"  AND e.day BETWEEN ? AND LAST_DAY(?)"
			" WHERE t.worker_user_id = ? AND t.unit_id = ? AND t.state = 'approved'"
			"  AND t.week BETWEEN ? - INTERVAL 6 DAY AND LAST_DAY(?)"
			" GROUP BY t.unit_id, e.position, t.worker_user_id",
			"sssiiss", month, month, month, worker, unit, month, month);
	if (!err)
		err = presence_year(worker, unit, month);
	return nerr_pass(err);
}

NEOERR *report_hours_changed(long long sheet)
{
	char first[11], last[11];
	long long worker = 0, unit = 0;
	DBQuery *q;
	NEOERR *err;

	/* A week has its days in one month or two. */
	err = db_query(&q, "SELECT worker_user_id, unit_id, DATE_FORMAT(week, '%Y-%m-01'),"
			   " DATE_FORMAT(week + INTERVAL 6 DAY, '%Y-%m-01') FROM timesheets WHERE id = ?", "i", sheet);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		worker = db_int(q, 0);
		unit = db_int(q, 1);
		snprintf(first, sizeof(first), "%s", db_str(q, 2));
		snprintf(last, sizeof(last), "%s", db_str(q, 3));
	}
	db_end(&q);
	if (!worker)
		return nerr_raise(NERR_NOT_FOUND, "timesheet %lld for the reports", sheet);
	err = db_exec(NULL, "INSERT INTO report_worker_locks (worker_user_id) VALUES (?)"
			    " ON DUPLICATE KEY UPDATE worker_user_id = worker_user_id", "i", worker);
	if (!err)
		err = presence_month(worker, unit, first);
	if (!err && strcmp(first, last))
		err = presence_month(worker, unit, last);
	return nerr_pass(err);
}

NEOERR *report_invoice_line(long long unit, const char *invoice_date, const char *position,
			    long long minutes, long long amount_cents, long long vat_cents)
{
	return nerr_pass(db_exec(NULL,
		"INSERT INTO report_invoiced (unit_id, month, position, amount_cents, vat_cents, minutes, line_count)"
		" VALUES (?, DATE_FORMAT(?, '%Y-%m-01'), ?, ?, ?, ?, 1) ON DUPLICATE KEY UPDATE"
		" amount_cents = amount_cents + VALUES(amount_cents), vat_cents = vat_cents + VALUES(vat_cents),"
		" minutes = minutes + VALUES(minutes), line_count = line_count + 1",
		"issiii", unit, invoice_date, position, amount_cents, vat_cents, minutes));
}

/* The summaries as a recomputation from the raw rows gives them. */
#define INVOICED_FROM_RAW \
	" SELECT l.unit_id, DATE_FORMAT(l.invoice_date, '%Y-%m-01') AS month, l.position,"              \
	"  SUM(l.amount_cents) AS amount_cents, SUM(l.vat_cents) AS vat_cents, SUM(l.minutes) AS minutes," \
	"  COUNT(*) AS line_count FROM invoice_lines l GROUP BY l.unit_id, month, l.position"
/* report_presence_year as report_presence gives it (itself checked
 * against the raw rows). */
#define YEAR_FROM_PRESENCE \
	" SELECT unit_id, YEAR(month) AS year, position, worker_user_id," YEAR_BITS \
	" FROM report_presence GROUP BY unit_id, year, position, worker_user_id"
#define YEAR_DIFFERS(a, b) \
	a ".m1 <> " b ".m1 OR " a ".m2 <> " b ".m2 OR " a ".m3 <> " b ".m3 OR " a ".m4 <> " b ".m4 OR "   \
	a ".m5 <> " b ".m5 OR " a ".m6 <> " b ".m6 OR " a ".m7 <> " b ".m7 OR " a ".m8 <> " b ".m8 OR "   \
	a ".m9 <> " b ".m9 OR " a ".m10 <> " b ".m10 OR " a ".m11 <> " b ".m11 OR " a ".m12 <> " b ".m12"
#define PRESENCE_FROM_RAW \
	" SELECT t.unit_id, DATE_FORMAT(e.day, '%Y-%m-01') AS month, e.position, t.worker_user_id,"       \
	"  BIT_OR(1 << (DAYOFMONTH(e.day) - 1)) AS days, SUM(e.minutes) AS minutes"                       \
	" FROM timesheets t JOIN timesheet_entries e ON e.timesheet_id = t.id WHERE t.state = 'approved'" \
	" GROUP BY t.unit_id, month, e.position, t.worker_user_id"

NEOERR *report_rebuild(void)
{
	NEOERR *err = db_begin();

	if (!err)
		err = db_exec(NULL, "DELETE FROM report_invoiced", NULL);
	if (!err)
		err = db_exec(NULL, "INSERT INTO report_invoiced (unit_id, month, position, amount_cents, vat_cents,"
				    " minutes, line_count)" INVOICED_FROM_RAW, NULL);
	if (!err)
		err = db_exec(NULL, "DELETE FROM report_presence", NULL);
	if (!err)
		err = db_exec(NULL, "INSERT INTO report_presence (unit_id, month, position, worker_user_id, days,"
				    " minutes)" PRESENCE_FROM_RAW, NULL);
	if (!err)
		err = db_exec(NULL, "DELETE FROM report_presence_year", NULL);
	if (!err)
		err = db_exec(NULL, "INSERT INTO report_presence_year (unit_id, year, position, worker_user_id,"
				    " m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)" YEAR_FROM_PRESENCE, NULL);
	return nerr_pass(db_finish(err));
}

NEOERR *report_verify(long long *invoiced, long long *presence)
{
	char *v = NULL;
	NEOERR *err;

	/* Rows that differ or are missing on either side. */
	err = db_value(&v,
		"SELECT (SELECT COUNT(*) FROM (" INVOICED_FROM_RAW ") x LEFT JOIN report_invoiced s"
		"  ON s.unit_id = x.unit_id AND s.month = x.month AND s.position = x.position"
		"  WHERE s.unit_id IS NULL OR s.amount_cents <> x.amount_cents OR s.vat_cents <> x.vat_cents"
		"  OR s.minutes <> x.minutes OR s.line_count <> x.line_count)"
		" + (SELECT COUNT(*) FROM report_invoiced s LEFT JOIN (" INVOICED_FROM_RAW ") x"
		"  ON s.unit_id = x.unit_id AND s.month = x.month AND s.position = x.position WHERE x.unit_id IS NULL)",
		NULL);
	*invoiced = v ? atoll(v) : 0;
	free(v);
	v = NULL;
	if (!err)
		err = db_value(&v,
			"SELECT (SELECT COUNT(*) FROM (" PRESENCE_FROM_RAW ") x LEFT JOIN report_presence s"
			"  ON s.unit_id = x.unit_id AND s.month = x.month AND s.position = x.position"
			"  AND s.worker_user_id = x.worker_user_id"
			"  WHERE s.unit_id IS NULL OR s.days <> x.days OR s.minutes <> x.minutes)"
			" + (SELECT COUNT(*) FROM report_presence s LEFT JOIN (" PRESENCE_FROM_RAW ") x"
			"  ON s.unit_id = x.unit_id AND s.month = x.month AND s.position = x.position"
			"  AND s.worker_user_id = x.worker_user_id WHERE x.unit_id IS NULL)"
			" + (SELECT COUNT(*) FROM (" YEAR_FROM_PRESENCE ") x LEFT JOIN report_presence_year s"
			"  ON s.unit_id = x.unit_id AND s.year = x.year AND s.position = x.position"
			"  AND s.worker_user_id = x.worker_user_id"
			"  WHERE s.unit_id IS NULL OR " YEAR_DIFFERS("s", "x") ")"
			" + (SELECT COUNT(*) FROM report_presence_year s LEFT JOIN (" YEAR_FROM_PRESENCE ") x"
			"  ON s.unit_id = x.unit_id AND s.year = x.year AND s.position = x.position"
			"  AND s.worker_user_id = x.worker_user_id WHERE x.unit_id IS NULL)",
			NULL);
	*presence = v ? atoll(v) : 0;
	free(v);
	return nerr_pass(err);
}
