/* lists.c: the reports that are lists — the temp workers of a period, every invoice line, and the invoiced hours per month, invoice or worker */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "reports.h"
#include "util.h"
#include "view.h"

/* Rows on the page; the downloads have them all (up to EXPORT_MAX). */
#define SHOWN_MAX 500
#define EXPORT_MAX 100000

/* Minutes as hours in hundredths, rounded half up (credit notes down):
 * what the page, the CSV and the workbook all show, and sum. */
static long long hours(long long minutes)
{
	return minutes >= 0 ? (minutes * 100 + 30) / 60 : -((-minutes * 100 + 30) / 60);
}

typedef NEOERR *(*build_fn)(Request *r, const Scope *s, Table *t, int max);
typedef NEOERR *(*out_fn)(Request *r, const Table *t, const Scope *s);

/* A list report: its scope, its table, and the page, CSV or workbook. */
static NEOERR *report(Request *r, const char *perm, const char *name, const Column *cols, int ncols, build_fn build,
		      out_fn out, const char *tpl)
{
	Scope s;
	Table t;
	int ok;
	NEOERR *err = rp_scope(r, perm, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (out && r->form_errors)
		return nerr_pass(http_fail(r, 400, "a report's filters are not valid"));
	table_init(&t, name, cols, ncols);
	err = build(r, &s, &t, out ? EXPORT_MAX + 1 : SHOWN_MAX + 1);
	/* A download has every row or none: over the most one file holds,
	 * the page says to choose a shorter period. */
	if (!err && out && t.rows > EXPORT_MAX) {
		hdf_set_value(r->hdf, "Page.TooMany", "1");
		r->status = REFUSED;
		out = NULL;
	}
	/* Totals of every row, or of none: the page that shows the first
	 * rows only has none. */
	if (!err && t.rows <= (out ? EXPORT_MAX : SHOWN_MAX))
		table_sum(&t);
	if (!err && out)
		err = out(r, &t, &s);
	if (!err && !out) {
		hdf_set_value(r->hdf, "Page.Report", name);
		table_html(r, &t, SHOWN_MAX);
		if (t.rows > SHOWN_MAX)
			hdf_set_value(r->hdf, "Page.More", "1");
		err = rp_filters(r, &s, perm, NULL);
		if (!err)
			err = view_render(r, tpl ? tpl : "reports/list.cs");
	}
	table_free(&t);
	return nerr_pass(err);
}

/* --- temp workers -------------------------------------------------------- */

static const Column worker_cols[] = {
	{ "Worker", K_TEXT, 26, 0 },
	{ "Position", K_TEXT, 20, 0 },
	{ "Unit", K_TEXT, 24, 0 },
	{ "FirstDay", K_DATE, 12, 0 },
	{ "LastDay", K_DATE, 12, 0 },
	{ "Days", K_COUNT, 8, 1 },
	{ "Hours", K_HUNDREDTHS, 10, 1 },
};

static void day_of(int month, int day, char out[11])
{
	rp_month_first(month, out);
	snprintf(out + 8, 3, "%02d", day);
}

/* From the monthly summary: a row per worker, unit and position, his
 * first and last day from the first and last month's days. */
static NEOERR *workers(Request *r, const Scope *s, Table *t, int max)
{
	long long key[3] = { 0, 0, 0 }, minutes = 0, days = 0;
	char first[11] = "", last[11] = "";
	Cell *row = NULL;
	DBQuery *q;
	NEOERR *err;

	(void)r;
	err = db_query(&q,
		"SELECT p.worker_user_id, CONCAT_WS(' ', u.first_name, u.last_name), p.position, o.name, p.unit_id,"
		" YEAR(p.month) * 12 + MONTH(p.month) - 1, p.days, p.minutes"
		" FROM org_units o JOIN report_presence p ON p.unit_id = o.id AND p.month BETWEEN ? AND ?"
		" JOIN users u ON u.id = p.worker_user_id"
		" WHERE o.path LIKE CONCAT(?, '%') AND (? = '' OR p.position = ?)"
		" ORDER BY u.last_name, u.first_name, p.worker_user_id, o.name, p.unit_id, p.position, p.month",
		"sssss", s->first, s->last, s->path, s->position, s->position);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		unsigned bits = (unsigned)db_int(q, 6);
		int month = (int)db_int(q, 5);
		if (!row || key[0] != db_int(q, 0) || key[1] != db_int(q, 4) || strcmp(row[1].s, db_str(q, 2))) {
			if (row) {
				cell_text(&row[4], last);
				cell_num(&row[5], days);
				cell_num(&row[6], hours(minutes));
			}
			if (t->rows >= max)
				break;
			row = table_row(t);
			key[0] = db_int(q, 0);
			key[1] = db_int(q, 4);
			cell_text(&row[0], db_str(q, 1));
			cell_text(&row[1], db_str(q, 2));
			cell_text(&row[2], db_str(q, 3));
			day_of(month, bits ? __builtin_ctz(bits) + 1 : 1, first);
			cell_text(&row[3], first);
			minutes = days = 0;
		}
		day_of(month, bits ? 32 - __builtin_clz(bits) : 1, last);
		minutes += db_int(q, 7);
		days += __builtin_popcount(bits);
	}
	if (row && !row[4].s) {
		cell_text(&row[4], last);
		cell_num(&row[5], days);
		cell_num(&row[6], hours(minutes));
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *rp_workers(Request *r)
{
	return nerr_pass(report(r, "report.view", "Workers", worker_cols, (int)ARRAY_SIZE(worker_cols), workers, NULL,
				"reports/list.cs"));
}

NEOERR *rp_workers_csv(Request *r)
{
	return nerr_pass(report(r, "report.view", "Workers", worker_cols, (int)ARRAY_SIZE(worker_cols), workers,
				table_csv, NULL));
}

NEOERR *rp_workers_xlsx(Request *r)
{
	return nerr_pass(report(r, "report.view", "Workers", worker_cols, (int)ARRAY_SIZE(worker_cols), workers,
				table_xlsx, NULL));
}

/* --- every invoice line -------------------------------------------------- */

static const Column line_cols[] = {
	{ "Invoice", K_TEXT, 12, 0 },
	{ "Date", K_DATE, 12, 0 },
	{ "Kind", K_TEXT, 12, 0 },
	{ "Worker", K_TEXT, 26, 0 },
	{ "Unit", K_TEXT, 24, 0 },
	{ "Position", K_TEXT, 20, 0 },
	{ "PeriodStart", K_DATE, 12, 0 },
	{ "PeriodEnd", K_DATE, 12, 0 },
	{ "Hours", K_HUNDREDTHS, 10, 1 },
	{ "Rate", K_CENTS, 10, 0 },
	{ "Amount", K_CENTS, 14, 1 },
	{ "Vat", K_CENTS, 12, 1 },
	{ "AmountVat", K_CENTS, 14, 1 },
};

static NEOERR *lines(Request *r, const Scope *s, Table *t, int max)
{
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q,
		"SELECT i.number, DATE_FORMAT(l.invoice_date, '%Y-%m-%d'), i.kind,"
		" COALESCE(CONCAT_WS(' ', u.first_name, u.last_name), ''), o.name, l.position,"
		" DATE_FORMAT(l.period_start, '%Y-%m-%d'), DATE_FORMAT(l.period_end, '%Y-%m-%d'), l.minutes,"
		" l.rate_cents, l.amount_cents, l.vat_cents"
		" FROM org_units o STRAIGHT_JOIN invoice_lines l ON l.unit_id = o.id AND l.invoice_date BETWEEN ? AND ?"
		" JOIN invoices i ON i.id = l.invoice_id LEFT JOIN users u ON u.id = l.worker_user_id"
		" WHERE o.path LIKE CONCAT(?, '%') AND (? = '' OR l.position = ?)"
		" ORDER BY l.invoice_date, i.number, l.line_no LIMIT ?",
		"sssssi", s->first, s->last, s->path, s->position, s->position, (long long)max);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		Cell *row = table_row(t);
		char key[48];
		snprintf(key, sizeof(key), "Lang.Reports.Kinds.%s", db_str(q, 2));
		for (int c = 0; c < 8; c++)
			cell_text(&row[c], c == 2 ? view_text(r->lang, key) : db_str(q, c));
		cell_num(&row[8], hours(db_int(q, 8)));
		cell_num(&row[9], db_int(q, 9));
		cell_num(&row[10], db_int(q, 10));
		cell_num(&row[11], db_int(q, 11));
		cell_num(&row[12], db_int(q, 10) + db_int(q, 11));
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *rp_invoices(Request *r)
{
	return nerr_pass(report(r, "invoice.view", "Invoices", line_cols, (int)ARRAY_SIZE(line_cols), lines, NULL,
				"reports/list.cs"));
}

NEOERR *rp_invoices_csv(Request *r)
{
	return nerr_pass(report(r, "invoice.view", "Invoices", line_cols, (int)ARRAY_SIZE(line_cols), lines, table_csv,
				NULL));
}

NEOERR *rp_invoices_xlsx(Request *r)
{
	return nerr_pass(report(r, "invoice.view", "Invoices", line_cols, (int)ARRAY_SIZE(line_cols), lines,
				table_xlsx, NULL));
}

/* --- invoiced hours per month, invoice or worker -------------------------- */

static const Column month_cols[] = {
	{ "Month", K_MONTH, 12, 0 },
	{ "Lines", K_COUNT, 8, 1 },
	{ "Hours", K_HUNDREDTHS, 10, 1 },
	{ "Amount", K_CENTS, 14, 1 },
	{ "Vat", K_CENTS, 12, 1 },
	{ "AmountVat", K_CENTS, 14, 1 },
};

static const Column invoice_cols[] = {
	{ "Invoice", K_TEXT, 12, 0 },
	{ "Date", K_DATE, 12, 0 },
	{ "Kind", K_TEXT, 12, 0 },
	{ "Hours", K_HUNDREDTHS, 10, 1 },
	{ "Amount", K_CENTS, 14, 1 },
	{ "Vat", K_CENTS, 12, 1 },
	{ "AmountVat", K_CENTS, 14, 1 },
};

static const Column per_worker_cols[] = {
	{ "Worker", K_TEXT, 26, 0 },
	{ "Lines", K_COUNT, 8, 1 },
	{ "Hours", K_HUNDREDTHS, 10, 1 },
	{ "Amount", K_CENTS, 14, 1 },
	{ "Vat", K_CENTS, 12, 1 },
	{ "AmountVat", K_CENTS, 14, 1 },
};

/* The figures of a group: hours, amount, VAT and both, from column at. */
static void sums(Cell *row, DBQuery *q, int at, int c)
{
	cell_num(&row[c], hours(db_int(q, at)));
	cell_num(&row[c + 1], db_int(q, at + 1));
	cell_num(&row[c + 2], db_int(q, at + 2));
	cell_num(&row[c + 3], db_int(q, at + 1) + db_int(q, at + 2));
}

static NEOERR *per_month(Request *r, const Scope *s, Table *t, int max)
{
	long long got[MONTHS_MAX][4];
	int n = s->to - s->from + 1;
	DBQuery *q;
	NEOERR *err;

	(void)r;
	(void)max;
	memset(got, 0, sizeof(got));
	err = db_query(&q,
		"SELECT YEAR(i.month) * 12 + MONTH(i.month) - 1, SUM(i.line_count), SUM(i.minutes), SUM(i.amount_cents),"
		" SUM(i.vat_cents) FROM org_units o JOIN report_invoiced i ON i.unit_id = o.id AND i.month BETWEEN ? AND ?"
		" WHERE o.path LIKE CONCAT(?, '%') AND (? = '' OR i.position = ?) GROUP BY i.month",
		"sssss", s->first, s->last, s->path, s->position, s->position);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		long long i = db_int(q, 0) - s->from;
		if (i < 0 || i >= n)
			continue;
		for (int k = 0; k < 4; k++)
			got[i][k] = db_int(q, k + 1);
	}
	db_end(&q);
	/* Every month of the period, one without invoices too. */
	for (int i = 0; i < n; i++) {
		Cell *row = table_row(t);
		char first[11];
		rp_month_first(s->from + i, first);
		first[7] = '\0';
		cell_text(&row[0], first);
		cell_num(&row[1], got[i][0]);
		cell_num(&row[2], hours(got[i][1]));
		cell_num(&row[3], got[i][2]);
		cell_num(&row[4], got[i][3]);
		cell_num(&row[5], got[i][2] + got[i][3]);
	}
	return STATUS_OK;
}

static NEOERR *per_invoice(Request *r, const Scope *s, Table *t, int max)
{
	DBQuery *q;
	NEOERR *err;

	/* The lines below the unit: an invoice that covers other units
	 * too shows its part here. */
	err = db_query(&q,
		"SELECT i.number, DATE_FORMAT(i.invoice_date, '%Y-%m-%d'), i.kind, SUM(l.minutes), SUM(l.amount_cents),"
		" SUM(l.vat_cents)"
		" FROM org_units o STRAIGHT_JOIN invoice_lines l ON l.unit_id = o.id AND l.invoice_date BETWEEN ? AND ?"
		" JOIN invoices i ON i.id = l.invoice_id"
		" WHERE o.path LIKE CONCAT(?, '%') AND (? = '' OR l.position = ?)"
		" GROUP BY i.id ORDER BY i.invoice_date, i.number LIMIT ?",
		"sssssi", s->first, s->last, s->path, s->position, s->position, (long long)max);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		Cell *row = table_row(t);
		char key[48];
		snprintf(key, sizeof(key), "Lang.Reports.Kinds.%s", db_str(q, 2));
		cell_text(&row[0], db_str(q, 0));
		cell_text(&row[1], db_str(q, 1));
		cell_text(&row[2], view_text(r->lang, key));
		sums(row, q, 3, 3);
	}
	db_end(&q);
	return STATUS_OK;
}

static NEOERR *per_worker(Request *r, const Scope *s, Table *t, int max)
{
	DBQuery *q;
	NEOERR *err;

	(void)r;
	err = db_query(&q,
		"SELECT COALESCE(CONCAT_WS(' ', MAX(u.first_name), MAX(u.last_name)), ''), COUNT(*), SUM(l.minutes),"
		" SUM(l.amount_cents), SUM(l.vat_cents)"
		" FROM org_units o STRAIGHT_JOIN invoice_lines l ON l.unit_id = o.id AND l.invoice_date BETWEEN ? AND ?"
		" LEFT JOIN users u ON u.id = l.worker_user_id"
		" WHERE o.path LIKE CONCAT(?, '%') AND (? = '' OR l.position = ?)"
		" GROUP BY l.worker_user_id ORDER BY MAX(u.last_name), MAX(u.first_name), l.worker_user_id LIMIT ?",
		"sssssi", s->first, s->last, s->path, s->position, s->position, (long long)max);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		Cell *row = table_row(t);
		cell_text(&row[0], db_str(q, 0));
		cell_num(&row[1], db_int(q, 1));
		sums(row, q, 2, 2);
	}
	db_end(&q);
	return STATUS_OK;
}

static NEOERR *hours_report(Request *r, out_fn out)
{
	const char *by = param_str(r, "by");

	if (by && !strcmp(by, "invoice"))
		return nerr_pass(report(r, "invoice.view", "ByInvoice", invoice_cols, (int)ARRAY_SIZE(invoice_cols),
					per_invoice, out, "reports/list.cs"));
	if (by && !strcmp(by, "worker"))
		return nerr_pass(report(r, "invoice.view", "ByWorker", per_worker_cols,
					(int)ARRAY_SIZE(per_worker_cols), per_worker, out, "reports/list.cs"));
	return nerr_pass(report(r, "invoice.view", "ByMonth", month_cols, (int)ARRAY_SIZE(month_cols), per_month, out,
				"reports/list.cs"));
}

NEOERR *rp_hours(Request *r)
{
	return nerr_pass(hours_report(r, NULL));
}

NEOERR *rp_hours_csv(Request *r)
{
	return nerr_pass(hours_report(r, table_csv));
}

NEOERR *rp_hours_xlsx(Request *r)
{
	return nerr_pass(hours_report(r, table_xlsx));
}
