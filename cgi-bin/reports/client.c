/* client.c: the client report — invoiced amount, unique temp workers and the average number at work per working day, per month beside the same month a year earlier, from the summary tables */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "reports.h"
#include "util.h"
#include "view.h"

/* The columns: each figure, the same a year earlier, the difference. */
static const Column columns[] = {
	{ "Month", K_MONTH, 12, 0 },
	{ "Invoiced", K_CENTS, 14, 1 },
	{ "InvoicedBefore", K_CENTS, 14, 1 },
	{ "InvoicedDiff", K_PERMILLE, 10, 0 },
	{ "Workers", K_COUNT, 12, 0 },
	{ "WorkersBefore", K_COUNT, 12, 0 },
	{ "WorkersDiff", K_PERMILLE, 10, 0 },
	{ "AtWork", K_HUNDREDTHS, 12, 0 },
	{ "AtWorkBefore", K_HUNDREDTHS, 12, 0 },
	{ "AtWorkDiff", K_PERMILLE, 10, 0 },
};

/* A month of the report and of the year before. */
typedef struct month {
	long long cents;
	int workers;          /* unique temp workers */
	long long days;       /* worker-days on working days */
	int working;          /* working days (Monday to Friday) */
} Month;

static int weekday(int y, int m, int d) /* 0 = Sunday (Sakamoto) */
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

	if (m < 3)
		y--;
	return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/* The working days of a month up to day upto (its last: 31) as a bitmap
 * (bit d-1 for day d). */
static unsigned working_days(int month, int upto, int *count)
{
	char last[11];
	unsigned mask = 0;
	int y = month / 12, m = month % 12 + 1, days;

	rp_month_last(month, last);
	days = atoi(last + 8);
	if (days > upto)
		days = upto;
	*count = 0;
	for (int d = 1; d <= days; d++) {
		int w = weekday(y, m, d);
		if (w != 0 && w != 6) {
			mask |= 1u << (d - 1);
			(*count)++;
		}
	}
	return mask;
}

/* A row of report_presence_year: a worker's days at a unit and position,
 * month by month of a year. */
typedef struct presence {
	long long worker;
	int year;
	unsigned days[12];
} Presence;

static int cmp_presence(const void *a, const void *b)
{
	const Presence *x = a, *y = b;

	if (x->worker != y->worker)
		return (x->worker > y->worker) - (x->worker < y->worker);
	return (x->year > y->year) - (x->year < y->year);
}

/* now against before in tenths of a percent; nothing against nothing. */
static void diff(Cell *c, long long now, long long before)
{
	if (!before) {
		c->null = 1;
		return;
	}
	/* Against the size of before (a month of credit notes is below
	 * zero), rounded half away from zero. */
	long long d = (now - before) * 2000 / llabs(before);
	cell_num(c, d >= 0 ? (d + 1) / 2 : -((-d + 1) / 2));
}

static long long average(long long days, int working)
{
	return working ? (days * 200 + working) / (2 * working) : 0;
}

/* The report of s into t: every month of s and the year before it; the
 * totals of the whole period. Two statements, over the summaries. */
static NEOERR *build(const Scope *s, Table *t, Month **out_months, Positions *positions)
{
	int n = s->to - s->from + 1, before_from = s->from - 12, nall = n + 12, nrows;
	char first[11];
	Month *m = xcalloc((size_t)nall, sizeof(Month));
	long long tot_cents[2] = { 0, 0 }, tot_days[2] = { 0, 0 };
	int tot_working[2] = { 0, 0 }, tot_workers[2] = { 0, 0 };
	Presence *rows;
	unsigned masks[MONTHS_MAX + 12];
	time_t now = time(NULL);
	struct tm tm;
	int today;
	DBQuery *q;
	NEOERR *err;

	/* This month counts its working days until today, and the same
	 * month a year earlier as many: the average of the days so far. */
	gmtime_r(&now, &tm);
	today = (tm.tm_year + 1900) * 12 + tm.tm_mon;
	rp_month_first(before_from, first);
	for (int i = 0; i < nall; i++) {
		int month = before_from + i;
		int now_shown = today >= s->from && today <= s->to;
		int upto = (month == today && now_shown) || (month + 12 == today && now_shown) ? tm.tm_mday : 31;
		masks[i] = month > today ? 0 : working_days(month, upto, &m[i].working);
	}
	/* The invoiced amounts of every unit, month and position, summed
	 * here: a few hundred rows, and the positions for the filter from the
	 * same rows (the database's GROUP BY and DISTINCT cost more). */
	err = db_query(&q, "SELECT i.month, i.position, i.amount_cents"
			   " FROM org_units o JOIN report_invoiced i ON i.unit_id = o.id AND i.month BETWEEN ? AND ?"
			   " WHERE o.path LIKE CONCAT(?, '%')",
		       "sss", first, s->last, s->path);
	if (err) {
		free(m);
		return nerr_pass(err);
	}
	while (db_next(q)) {
		const char *ym = db_str(q, 0), *position = db_str(q, 1);
		long long i = atoi(ym) * 12 + atoi(ym + 5) - 1 - before_from;
		if (positions)
			positions_add(positions, position);
		if (i >= 0 && i < nall && (!*s->position || !strcmp(position, s->position)))
			m[i].cents += db_int(q, 2);
	}
	db_end(&q);
	/* A worker counted once a month however many units and positions
	 * he worked at: his days OR-ed together. The rows are a year of a
	 * worker at a unit and position (a big client's year and the year
	 * before: some 3,500 of them, where report_presence has 20,000),
	 * grouped by worker here, in C: the database's GROUP BY of the month
	 * rows took four times the reading of them. */
	err = db_query(&q, "SELECT y.year, y.worker_user_id, y.m1, y.m2, y.m3, y.m4, y.m5, y.m6, y.m7, y.m8, y.m9,"
			   " y.m10, y.m11, y.m12"
			   " FROM org_units o JOIN report_presence_year y ON y.unit_id = o.id AND y.year BETWEEN ? AND ?"
			   " WHERE o.path LIKE CONCAT(?, '%') AND (? = '' OR y.position = ?)",
		       "iisss", (long long)(before_from / 12), (long long)(s->to / 12), s->path, s->position,
		       s->position);
	if (err) {
		free(m);
		return nerr_pass(err);
	}
	nrows = db_rows(q);
	rows = xcalloc(nrows ? (size_t)nrows : 1, sizeof(*rows));
	for (int r = 0; r < nrows && db_next(q); r++) {
		rows[r].year = (int)db_int(q, 0);
		rows[r].worker = db_int(q, 1);
		for (int k = 0; k < 12; k++)
			rows[r].days[k] = (unsigned)db_int(q, 2 + k);
	}
	db_end(&q);
	/* By worker, then year: each worker's years one after the other,
	 * his units and positions of a year side by side. */
	if (nrows)
		qsort(rows, (size_t)nrows, sizeof(*rows), cmp_presence);
	for (int a = 0, b; a < nrows; a = b) {
		int in[2] = { 0, 0 };
		for (b = a; b < nrows && rows[b].worker == rows[a].worker; ) {
			int year = rows[b].year;
			unsigned days[12] = { 0 };
			for (; b < nrows && rows[b].worker == rows[a].worker && rows[b].year == year; b++)
				for (int k = 0; k < 12; k++)
					days[k] |= rows[b].days[k];
			for (int k = 0; k < 12; k++) {
				int i = year * 12 + k - before_from;
				if (i < 0 || i >= nall || !days[k])
					continue;
				m[i].workers++;
				m[i].days += __builtin_popcount(days[k] & masks[i]);
				/* Month i of the twelve before the period and
				 * the period itself; a month in both (a period
				 * over twelve months) counts in both. */
				in[0] |= i < n;
				in[1] |= i >= 12;
			}
		}
		tot_workers[0] += in[0];
		tot_workers[1] += in[1];
	}
	free(rows);
	for (int i = 0; i < n; i++) {
		const Month *now = &m[i + 12], *before = &m[i];
		char ym[11];
		Cell *row = table_row(t);
		rp_month_first(s->from + i, ym);
		ym[7] = '\0';
		cell_text(&row[0], ym);
		cell_num(&row[1], now->cents);
		cell_num(&row[2], before->cents);
		diff(&row[3], now->cents, before->cents);
		cell_num(&row[4], now->workers);
		cell_num(&row[5], before->workers);
		diff(&row[6], now->workers, before->workers);
		cell_num(&row[7], average(now->days, now->working));
		cell_num(&row[8], average(before->days, before->working));
		diff(&row[9], row[7].n, row[8].n);
		tot_cents[1] += now->cents;
		tot_cents[0] += before->cents;
		tot_days[1] += now->days;
		tot_days[0] += before->days;
		tot_working[1] += now->working;
		tot_working[0] += before->working;
	}
	{
		Cell *tot = table_totals(t);
		cell_num(&tot[1], tot_cents[1]);
		cell_num(&tot[2], tot_cents[0]);
		diff(&tot[3], tot_cents[1], tot_cents[0]);
		cell_num(&tot[4], tot_workers[1]);
		cell_num(&tot[5], tot_workers[0]);
		diff(&tot[6], tot_workers[1], tot_workers[0]);
		cell_num(&tot[7], average(tot_days[1], tot_working[1]));
		cell_num(&tot[8], average(tot_days[0], tot_working[0]));
		diff(&tot[9], tot[7].n, tot[8].n);
	}
	*out_months = m;
	return STATUS_OK;
}

/* The chart: a pair of bars a month (the period, the year before), their
 * heights out of 160 and places, for the template to draw. */
static void chart(Request *r, const Table *t)
{
	long long top = 0;
	int bar = t->rows > 24 ? 8 : 14, step = 2 * bar + 10;

	for (int i = 0; i < t->rows; i++) {
		const Cell *row = t->cells + (size_t)i * (size_t)t->ncols;
		top = row[1].n > top ? row[1].n : top;
		top = row[2].n > top ? row[2].n : top;
	}
	hdf_set_int_value(r->hdf, "Page.Chart.Width", 40 + step * t->rows);
	hdf_set_int_value(r->hdf, "Page.Chart.Bar", bar);
	for (int i = 0; i < t->rows; i++) {
		const Cell *row = t->cells + (size_t)i * (size_t)t->ncols;
		char key[64], num[48];
		int h = top > 0 ? (int)(row[1].n * 160 / top) : 0, hb = top > 0 ? (int)(row[2].n * 160 / top) : 0;
		int x = 40 + i * step;
#define PUT(name, v) do { snprintf(key, sizeof(key), "Page.Chart.Bars.%d." name, i); \
			  hdf_set_int_value(r->hdf, key, (v)); } while (0)
		PUT("X", x + bar);
		PUT("H", h < 0 ? 0 : h);
		PUT("Y", 180 - (h < 0 ? 0 : h));
		PUT("BX", x);
		PUT("BH", hb < 0 ? 0 : hb);
		PUT("BY", 180 - (hb < 0 ? 0 : hb));
		PUT("LX", x + bar);
		PUT("Label", atoi(row[0].s + 5));
#undef PUT
		snprintf(key, sizeof(key), "Page.Chart.Bars.%d.Value", i);
		rp_number(r, row[1].n, 2, num, sizeof(num));
		hdf_set_value(r->hdf, key, num);
	}
	{
		char num[48];
		rp_number(r, top, 2, num, sizeof(num));
		hdf_set_value(r->hdf, "Page.Chart.Top", num);
	}
}

typedef NEOERR *(*out_fn)(Request *r, const Table *t, const Scope *s);

static NEOERR *report(Request *r, out_fn out)
{
	Scope s;
	Table t;
	Positions positions = { 0 };
	Month *m = NULL;
	int ok;
	NEOERR *err = rp_scope(r, "report.view", &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (out && r->form_errors)
		return nerr_pass(http_fail(r, 400, "a report's filters are not valid"));
	table_init(&t, "Client", columns, (int)ARRAY_SIZE(columns));
	err = build(&s, &t, &m, out ? NULL : &positions);
	free(m);
	if (!err && out)
		err = out(r, &t, &s);
	if (!err && !out) {
		hdf_set_value(r->hdf, "Page.Report", "Client");
		table_html(r, &t, MONTHS_MAX);
		chart(r, &t);
		err = rp_filters(r, &s, "report.view", &positions);
		if (!err)
			err = view_render(r, "reports/client.cs");
	}
	positions_free(&positions);
	table_free(&t);
	return nerr_pass(err);
}

NEOERR *rp_client(Request *r)
{
	return nerr_pass(report(r, NULL));
}

NEOERR *rp_client_csv(Request *r)
{
	return nerr_pass(report(r, table_csv));
}

NEOERR *rp_client_xlsx(Request *r)
{
	return nerr_pass(report(r, table_xlsx));
}
