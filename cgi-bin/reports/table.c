/* table.c: a report's table, kept once and written three ways — the page, CSV and an XLSX workbook (libxlsxwriter) — so that a figure is the same number in each */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "conf.h"
#include "http.h"
#include "page.h"
#include "reports.h"
#include "util.h"
#include "view.h"

void table_init(Table *t, const char *name, const Column *cols, int ncols)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->cols = cols;
	t->ncols = ncols;
}

Cell *table_row(Table *t)
{
	Cell *row;

	if (t->rows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, (size_t)t->cap * (size_t)t->ncols * sizeof(Cell));
	}
	row = t->cells + (size_t)t->rows++ * (size_t)t->ncols;
	memset(row, 0, (size_t)t->ncols * sizeof(Cell));
	return row;
}

Cell *table_totals(Table *t)
{
	if (!t->total)
		t->total = xcalloc((size_t)t->ncols, sizeof(Cell));
	return t->total;
}

void cell_text(Cell *c, const char *s)
{
	free(c->s);
	c->s = xstrdup(s ? s : "");
	c->null = 0;
}

void cell_num(Cell *c, long long n)
{
	c->n = n;
	c->null = 0;
}

void table_sum(Table *t)
{
	Cell *tot = table_totals(t);

	for (int c = 0; c < t->ncols; c++) {
		/* A rate has no total: nothing, rather than a 0. */
		if (!t->cols[c].sum) {
			tot[c].null = !tot[c].s;
			continue;
		}
		tot[c].n = 0;
		for (int i = 0; i < t->rows; i++)
			tot[c].n += t->cells[(size_t)i * (size_t)t->ncols + (size_t)c].n;
	}
}

void table_free(Table *t)
{
	for (size_t i = 0; i < (size_t)t->rows * (size_t)t->ncols; i++)
		free(t->cells[i].s);
	if (t->total)
		for (int c = 0; c < t->ncols; c++)
			free(t->total[c].s);
	free(t->cells);
	free(t->total);
	memset(t, 0, sizeof(*t));
}

static int decimals(enum kind k)
{
	return k == K_CENTS || k == K_HUNDREDTHS ? 2 : k == K_PERMILLE ? 1 : 0;
}

static int numeric(enum kind k)
{
	return k != K_TEXT && k != K_DATE && k != K_MONTH;
}

/* --- numbers ------------------------------------------------------------- */

/* v in units of 10^-d as text, with sep for the decimal point and group
 * for thousands (none when 0). */
static void number(long long v, int d, char sep, char group, char *out, size_t len)
{
	char digits[32], whole[48];
	unsigned long long a = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	unsigned long long scale = d == 2 ? 100 : d == 1 ? 10 : 1;
	int n, w = 0;

	n = snprintf(digits, sizeof(digits), "%llu", a / scale);
	for (int i = 0; i < n; i++) {
		if (group && i && (n - i) % 3 == 0)
			whole[w++] = group;
		whole[w++] = digits[i];
	}
	whole[w] = '\0';
	if (d)
		snprintf(out, len, "%s%s%c%0*llu", v < 0 ? "-" : "", whole, sep, d, a % scale);
	else
		snprintf(out, len, "%s%s", v < 0 ? "-" : "", whole);
}

void rp_number(const Request *r, long long v, int d, char *out, size_t len)
{
	int en = !strcmp(r->lang, "en");

	number(v, d, en ? '.' : ',', en ? ',' : '.', out, len);
}

/* A cell as the page shows it. */
static void shown(const Request *r, const Column *col, const Cell *c, char *out, size_t len)
{
	out[0] = '\0';
	if (c->null)
		return;
	switch (col->kind) {
	case K_MONTH: {
		char key[40];
		int m = c->s && strlen(c->s) == 7 ? atoi(c->s + 5) : 0;
		snprintf(key, sizeof(key), "Lang.Reports.Months.%d", m);
		snprintf(out, len, "%s %.4s", m ? view_text(r->lang, key) : "", c->s ? c->s : "");
		break;
	}
	case K_TEXT:
	case K_DATE:
		snprintf(out, len, "%s", c->s ? c->s : "");
		break;
	case K_PERMILLE: {
		char num[48];
		rp_number(r, c->n, 1, num, sizeof(num));
		snprintf(out, len, "%s%s %%", c->n > 0 ? "+" : "", num);
		break;
	}
	default:
		rp_number(r, c->n, decimals(col->kind), out, len);
	}
}

/* --- the page ------------------------------------------------------------ */

static void html_row(const Request *r, const Table *t, const Cell *row, STRING *out, const char *first)
{
	char buf[128];

	string_append(out, "<tr>");
	for (int c = 0; c < t->ncols; c++) {
		const Column *col = &t->cols[c];
		int head = c == 0;
		string_append(out, head ? "<th scope=\"row\"" : "<td");
		if (numeric(col->kind))
			string_append(out, " class=\"num\"");
		string_append(out, ">");
		if (head && first) {
			page_html(out, first);
		} else if (col->kind == K_TEXT || col->kind == K_DATE) {
			page_html(out, row[c].null ? "" : or_empty(row[c].s));
		} else {
			shown(r, col, &row[c], buf, sizeof(buf));
			page_html(out, buf);
		}
		string_append(out, head ? "</th>" : "</td>");
	}
	string_append(out, "</tr>\n");
}

void table_html(Request *r, const Table *t, int max)
{
	STRING out;
	int n = t->rows < max ? t->rows : max;

	string_init(&out);
	string_append(&out, "<thead><tr>");
	for (int c = 0; c < t->ncols; c++) {
		char key[80];
		snprintf(key, sizeof(key), "Lang.Reports.Col.%s", t->cols[c].key);
		string_append(&out, numeric(t->cols[c].kind) ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		page_html(&out, view_text(r->lang, key));
		string_append(&out, "</th>");
	}
	string_append(&out, "</tr></thead>\n<tbody>\n");
	for (int i = 0; i < n; i++)
		html_row(r, t, t->cells + (size_t)i * (size_t)t->ncols, &out, NULL);
	string_append(&out, "</tbody>\n");
	if (t->total) {
		string_append(&out, "<tfoot>");
		html_row(r, t, t->total, &out, view_text(r->lang, "Lang.Reports.Total"));
		string_append(&out, "</tfoot>\n");
	}
	hdf_set_buf(r->hdf, "Page.Table", out.buf ? out.buf : xstrdup(""));
	hdf_set_int_value(r->hdf, "Page.Shown", n);
	hdf_set_int_value(r->hdf, "Page.Total", t->rows);
}

/* --- downloads ----------------------------------------------------------- */

static void disposition(Request *r, const Table *t, const Scope *s, const char *ext)
{
	char name[160], from[11], to[11];

	rp_month_first(s->from, from);
	rp_month_first(s->to, to);
	snprintf(name, sizeof(name), "attachment; filename=\"%s-%.7s-%.7s.%s\"", t->name, from, to, ext);
	http_header(r, "Content-Disposition", name);
}

/* A number in a CSV file: plain, a point for the decimals, never quoted
 * (a leading minus is a number here, not a formula). */
static void csv_number(STRING *out, const Column *col, const Cell *c, int last)
{
	char buf[48];

	if (!c->null) {
		number(c->n, decimals(col->kind), '.', 0, buf, sizeof(buf));
		string_append(out, buf);
	}
	string_append(out, last ? "\r\n" : ",");
}

static void csv_row(const Table *t, const Cell *row, STRING *out, const char *first)
{
	for (int c = 0; c < t->ncols; c++) {
		int last = c + 1 == t->ncols;
		if (c == 0 && first)
			page_csv_cell(out, first, last);
		else if (numeric(t->cols[c].kind))
			csv_number(out, &t->cols[c], &row[c], last);
		else
			page_csv_cell(out, row[c].null ? "" : or_empty(row[c].s), last);
	}
}

NEOERR *table_csv(Request *r, const Table *t, const Scope *s)
{
	/* A byte order mark, so that spreadsheets read the file as UTF-8. */
	string_append(&r->body, "\xef\xbb\xbf");
	for (int c = 0; c < t->ncols; c++) {
		char key[80];
		snprintf(key, sizeof(key), "Lang.Reports.Col.%s", t->cols[c].key);
		page_csv_cell(&r->body, view_text(r->lang, key), c + 1 == t->ncols);
	}
	for (int i = 0; i < t->rows; i++)
		csv_row(t, t->cells + (size_t)i * (size_t)t->ncols, &r->body, NULL);
	if (t->total)
		csv_row(t, t->total, &r->body, view_text(r->lang, "Lang.Reports.Total"));
	r->content_type = "text/csv; charset=utf-8";
	disposition(r, t, s, "csv");
	return STATUS_OK;
}

typedef struct formats {
	lxw_format *head, *date, *month, *money, *dec2, *pct, *bold, *bold_money, *bold_dec2, *bold_pct;
} Formats;

static lxw_format *fmt_of(const Formats *f, enum kind k, int total)
{
	switch (k) {
	case K_DATE: return f->date;
	case K_MONTH: return f->month;
	case K_CENTS: return total ? f->bold_money : f->money;
	case K_HUNDREDTHS: return total ? f->bold_dec2 : f->dec2;
	case K_PERMILLE: return total ? f->bold_pct : f->pct;
	default: return total ? f->bold : NULL;
	}
}

static double value_of(enum kind k, long long n)
{
	return k == K_CENTS || k == K_HUNDREDTHS ? n / 100.0 : k == K_PERMILLE ? n / 1000.0 : (double)n;
}

static void xlsx_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const Column *c, const Cell *v,
		      const Formats *f)
{
	lxw_datetime d = { 0 };

	if (v->null)
		return;
	switch (c->kind) {
	case K_TEXT:
		worksheet_write_string(ws, row, col, or_empty(v->s), NULL);
		break;
	case K_DATE:
	case K_MONTH:
		if (v->s && sscanf(v->s, "%4d-%2d-%2d", &d.year, &d.month, &d.day) >= 2) {
			if (!d.day)
				d.day = 1;
			worksheet_write_datetime(ws, row, col, &d, fmt_of(f, c->kind, 0));
		}
		break;
	default:
		worksheet_write_number(ws, row, col, value_of(c->kind, v->n), fmt_of(f, c->kind, 0));
	}
}

static lxw_format *format(lxw_workbook *wb, const char *num, int bold)
{
	lxw_format *f = workbook_add_format(wb);

	if (num)
		format_set_num_format(f, num);
	if (bold) {
		format_set_bold(f);
		format_set_top(f, LXW_BORDER_THIN);
	}
	return f;
}

/* The workbook, written row by row to a temporary file (constant memory)
 * and sent as it is read back. */
NEOERR *table_xlsx(Request *r, const Table *t, const Scope *s)
{
	char path[512], title[80];
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = (char *)conf_str("Paths.Tmp") };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	Formats f;
	lxw_row_t row = 1;
	int fd;

	snprintf(path, sizeof(path), "%s/report-XXXXXX", conf_str("Paths.Tmp"));
	fd = mkstemp(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "temporary file in %s", conf_str("Paths.Tmp"));
	close(fd);
	wb = workbook_new_opt(path, &opts);
	if (!wb) {
		unlink(path);
		return nerr_raise(NERR_IO, "no workbook");
	}
	snprintf(title, sizeof(title), "Lang.Reports.%s.Title", t->name);
	ws = workbook_add_worksheet(wb, view_text(r->lang, title));
	if (!ws)
		ws = workbook_add_worksheet(wb, NULL);
	f.head = format(wb, NULL, 0);
	format_set_bold(f.head);
	format_set_bottom(f.head, LXW_BORDER_THIN);
	f.date = format(wb, "yyyy-mm-dd", 0);
	f.month = format(wb, "mmm yyyy", 0);
	f.money = format(wb, "#,##0.00", 0);
	f.dec2 = format(wb, "#,##0.00", 0);
	f.pct = format(wb, "+0.0%;-0.0%;0.0%", 0);
	f.bold = format(wb, NULL, 1);
	f.bold_money = format(wb, "#,##0.00", 1);
	f.bold_dec2 = format(wb, "#,##0.00", 1);
	f.bold_pct = format(wb, "+0.0%;-0.0%;0.0%", 1);
	for (int c = 0; c < t->ncols; c++) {
		char key[80];
		snprintf(key, sizeof(key), "Lang.Reports.Col.%s", t->cols[c].key);
		worksheet_write_string(ws, 0, (lxw_col_t)c, view_text(r->lang, key), f.head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->cols[c].width, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (int i = 0; i < t->rows; i++, row++)
		for (int c = 0; c < t->ncols; c++)
			xlsx_cell(ws, row, (lxw_col_t)c, &t->cols[c], &t->cells[(size_t)i * (size_t)t->ncols + (size_t)c],
				  &f);
	if (t->total) {
		worksheet_write_string(ws, row, 0, view_text(r->lang, "Lang.Reports.Total"), f.bold);
		for (int c = 1; c < t->ncols; c++) {
			const Column *col = &t->cols[c];
			const Cell *v = &t->total[c];
			if (col->sum && t->rows) {
				/* The total as a formula, with its value for readers
				 * that do not calculate. */
				char range[32], formula[48];
				lxw_rowcol_to_range(range, 1, (lxw_col_t)c, row - 1, (lxw_col_t)c);
				snprintf(formula, sizeof(formula), "=SUM(%s)", range);
				worksheet_write_formula_num(ws, row, (lxw_col_t)c, formula, fmt_of(&f, col->kind, 1),
							    value_of(col->kind, v->n));
			} else if (!v->null && numeric(col->kind)) {
				worksheet_write_number(ws, row, (lxw_col_t)c, value_of(col->kind, v->n),
						       fmt_of(&f, col->kind, 1));
			} else if (!v->null && v->s) {
				worksheet_write_string(ws, row, (lxw_col_t)c, v->s, f.bold);
			}
		}
	}
	if (t->rows)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->rows, (lxw_col_t)(t->ncols - 1));
	if (workbook_close(wb) != LXW_NO_ERROR) {
		unlink(path);
		return nerr_raise(NERR_IO, "the workbook was not written");
	}
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	disposition(r, t, s, "xlsx");
	return nerr_pass(http_send_file(r, path));
}
