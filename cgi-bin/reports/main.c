/* main.c: the reports binary — the client report against last year, the temp workers, the invoice reports — and what its pages share: the unit, the period, the position */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "db.h"
#include "page.h"
#include "reports.h"
#include "util.h"
#include "view.h"

/* A month number of "YYYY-MM" (checked by P_MONTH), or -1. */
static int month_of(const char *ym)
{
	if (!ym || strlen(ym) != 7 || ym[4] != '-')
		return -1;
	return atoi(ym) * 12 + atoi(ym + 5) - 1;
}

void rp_month_first(int month, char out[11])
{
	unsigned u = month > 0 ? (unsigned)month : 0;

	snprintf(out, 11, "%04u-%02u-01", u / 12 % 10000, u % 12 + 1);
}

void rp_month_last(int month, char out[11])
{
	static const unsigned char mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	unsigned u = month > 0 ? (unsigned)month : 0, y = u / 12 % 10000, m = u % 12, d = mdays[m];

	if (m == 1 && ((y % 4 == 0 && y % 100) || y % 400 == 0))
		d = 29;
	snprintf(out, 11, "%04u-%02u-%02u", y, m + 1, d % 100);
}

/* The unit of the report: the one asked for, when the user holds perm
 * there, else 404; without one, the topmost where he holds it (none: the
 * page that says there is nothing yet). */
static NEOERR *unit_of(Request *r, const char *perm, Scope *s, int *ok)
{
	DBQuery *q;
	NEOERR *err;

	*ok = 0;
	/* A client's or a part of one: the agency's root, where agency
	 * staff hold their rights, is the sum of every client and no
	 * client's report. */
	if (param_str(r, "unit") && *param_str(r, "unit")) {
		err = db_query(&q, "SELECT id, path, name, client_id FROM org_units WHERE id = ? AND kind <> 'agency'",
			       "i", param_int(r, "unit", 0));
	} else {
		char *scope = acl_scope(r, perm);
		err = db_query(&q, "SELECT id, path, name, client_id FROM org_units WHERE kind <> 'agency' AND archived_at IS NULL"
				   " AND" ACL_IN_SCOPE("path") " ORDER BY CHAR_LENGTH(path), name, id LIMIT 1", "s", scope);
		free(scope);
	}
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		s->unit = db_int(q, 0);
		snprintf(s->path, sizeof(s->path), "%s", db_str(q, 1));
		snprintf(s->name, sizeof(s->name), "%s", db_str(q, 2));
		s->client = db_int(q, 3);
	}
	db_end(&q);
	if (!s->unit && !(param_str(r, "unit") && *param_str(r, "unit")))
		return nerr_pass(view_empty(r, "reports", acl_may(r, "client.edit")));
	if (!s->unit || !acl_may_at(r, perm, s->path)) {
		http_fail(r, 404, "unit %lld outside the reports of the user", param_int(r, "unit", 0));
		return STATUS_OK;
	}
	*ok = 1;
	return STATUS_OK;
}

NEOERR *rp_scope(Request *r, const char *perm, Scope *s, int *ok)
{
	const char *from = param_str(r, "from"), *to = param_str(r, "to");

	/* A month field emptied is a month not given. */
	if (from && !*from)
		from = NULL;
	if (to && !*to)
		to = NULL;
	time_t now = time(NULL);
	struct tm tm;
	NEOERR *err;

	memset(s, 0, sizeof(*s));
	err = unit_of(r, perm, s, ok);
	if (err || !*ok)
		return nerr_pass(err);
	/* The last twelve months, this one included. */
	gmtime_r(&now, &tm);
	s->to = (tm.tm_year + 1900) * 12 + tm.tm_mon;
	s->from = s->to - 11;
	if (from && to && !r->form_errors) {
		int f = month_of(from), t = month_of(to);
		if (f < 0 || t < 0)
			param_error(r, f < 0 ? "from" : "to", "month");
		else if (f > t)
			param_error(r, "to", "period_order");
		else if (t - f + 1 > MONTHS_MAX)
			param_error(r, "to", "period_long");
		else {
			s->from = f;
			s->to = t;
		}
	} else if (!r->form_errors && (from || to)) {
		param_error(r, from ? "to" : "from", "required");
	}
	rp_month_first(s->from, s->first);
	rp_month_last(s->to, s->last);
	s->position = or_empty(param_str(r, "position"));
	return STATUS_OK;
}

static int several_clients(Request *r, const char *perm);
static const char *report_key(const char *path);

void positions_add(Positions *p, const char *name)
{
	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->name[i], name))
			return;
	if (p->n < POSITIONS_MAX)
		p->name[p->n++] = xstrdup(name);
}

void positions_free(Positions *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->name[i]);
	p->n = 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcoll(*(char *const *)a, *(char *const *)b);
}

NEOERR *rp_filters(Request *r, const Scope *s, const char *perm, Positions *known)
{
	char from[11], to[11], unit[24];
	Positions read = { 0 };
	STRING qs;
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	param_keep_form(r);
	rp_month_first(s->from, from);
	rp_month_first(s->to, to);
	from[7] = to[7] = '\0';
	snprintf(unit, sizeof(unit), "%lld", s->unit);
	/* The period shown; when it was refused, what the user wrote. */
	if (!r->form_errors) {
		hdf_set_value(r->hdf, "Page.Form.from", from);
		hdf_set_value(r->hdf, "Page.Form.to", to);
	}
	hdf_set_value(r->hdf, "Page.Form.unit", unit);
	hdf_set_value(r->hdf, "Page.Form.position", s->position);
	hdf_set_value(r->hdf, "Page.UnitName", s->name);
	hdf_set_value(r->hdf, "Page.First", s->first);
	hdf_set_value(r->hdf, "Page.Last", s->last);
	/* The same report as a download. */
	string_init(&qs);
	page_query_add(&qs, "unit", unit);
	page_query_add(&qs, "from", from);
	page_query_add(&qs, "to", to);
	page_query_add(&qs, "position", s->position);
	hdf_set_value(r->hdf, "Page.Query", qs.buf ? qs.buf : "");
	if (param_str(r, "by"))
		page_query_add(&qs, "by", param_str(r, "by"));
	hdf_set_value(r->hdf, "Page.ExportQuery", qs.buf ? qs.buf : "");
	string_clear(&qs);
	/* Where the form goes and the downloads are, the reports to switch to. */
	hdf_set_value(r->hdf, "Page.Route", r->path);
	hdf_set_value(r->hdf, "Page.Export", strcmp(r->path, "/reports/") ? r->path : "/reports/client");
	page_words(r, "Bys", "month invoice worker");
	hdf_set_value(r->hdf, "Page.Form.by", param_str(r, "by") ? param_str(r, "by") : "month");
	if (acl_may(r, "report.view"))
		hdf_set_value(r->hdf, "Page.MayReport", "1");
	if (acl_may(r, "invoice.view"))
		hdf_set_value(r->hdf, "Page.MayInvoice", "1");
	/* The positions invoiced below the unit in the period and the year
	 * before it, for the filter; the one chosen stays a choice. */
	if (!known) {
		rp_month_first(s->from - 12, from);
		err = db_query(&q, "SELECT DISTINCT i.position FROM org_units o JOIN report_invoiced i ON i.unit_id = o.id"
				   " AND i.month BETWEEN ? AND ? WHERE o.path LIKE CONCAT(?, '%') LIMIT 200",
			       "sss", from, s->last, s->path);
		if (err)
			return nerr_pass(err);
		while (db_next(q))
			positions_add(&read, db_str(q, 0));
		db_end(&q);
		known = &read;
	}
	if (*s->position)
		positions_add(known, s->position);
	qsort(known->name, (size_t)known->n, sizeof(known->name[0]), cmp_name);
	for (int i = 0; i < known->n; i++) {
		char name[40];
		snprintf(name, sizeof(name), "Page.Positions.%d", n++);
		hdf_set_value(r->hdf, name, known->name[i]);
	}
	positions_free(&read);
	if (r->status == REFUSED || r->form_errors)
		r->status = REFUSED;
	/* The units of this client; another client is chosen on a page of
	 * its own (rp_clients), so that the page does not grow with the
	 * agency's clients. */
	if (several_clients(r, perm)) {
		rp_month_first(s->from, from);
		from[7] = '\0';
		string_init(&qs);
		page_query_add(&qs, "report", report_key(r->path));
		page_query_add(&qs, "from", from);
		page_query_add(&qs, "to", to);
		if (param_str(r, "by"))
			page_query_add(&qs, "by", param_str(r, "by"));
		hdf_set_value(r->hdf, "Page.OtherClients", "1");
		hdf_set_value(r->hdf, "Page.ChooseQuery", qs.buf);
		string_clear(&qs);
	}
	return nerr_pass(page_client_units(r, "Units", perm, s->client));
}

/* --- choosing the client ------------------------------------------------- */

/* Does perm reach more than one client: held on one of the agency's own
 * units (its root: every client), or at units of two clients? */
static int several_clients(Request *r, const char *perm)
{
	long long first = 0;

	for (int i = 0; r->user && i < r->user->ngrants; i++) {
		const Grant *g = &r->user->grants[i];
		if (!acl_role_has(g->role, perm))
			continue;
		if (!g->client_id || (first && g->client_id != first))
			return 1;
		first = g->client_id;
	}
	return 0;
}

/* The reports by key and route, for the way back from the choice. */
static const char *const report_routes[][2] = {
	{ "client", "/reports/" }, { "workers", "/reports/workers" },
	{ "invoices", "/reports/invoices" }, { "hours", "/reports/hours" },
};

/* (A download refused for its size shows the report's page: its path is
 * "/reports/workers.csv", its report the workers'.) */
static const char *report_key(const char *path)
{
	for (size_t i = 1; i < ARRAY_SIZE(report_routes); i++) {
		size_t n = strlen(report_routes[i][1]);
		if (!strncmp(path, report_routes[i][1], n) && (!path[n] || path[n] == '.'))
			return report_routes[i][0];
	}
	return "client";
}

#define CHOICES_PAGE 50

NEOERR *rp_clients(Request *r)
{
	const char *key = param_str(r, "report") ? param_str(r, "report") : "client", *route = "/reports/";
	const char *perm = !strcmp(key, "invoices") || !strcmp(key, "hours") ? "invoice.view" : "report.view";
	const char *q = or_empty(param_str(r, "q")), *paths[MAX_GRANTS];
	long long page = param_int(r, "page", 1);
	char *scope;
	STRING qs;
	DBQuery *dq;
	NEOERR *err;
	int n = 0, ngrants;

	for (size_t i = 0; i < ARRAY_SIZE(report_routes); i++)
		if (!strcmp(key, report_routes[i][0]))
			route = report_routes[i][1];
	if (!acl_may(r, perm))
		return nerr_pass(http_fail(r, 404, "%s not held anywhere", perm));
	param_keep_form(r);
	/* Refused filters: the form with its message, and no list. */
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(view_render(r, "reports/clients.cs"));
	}
	/* Where each choice leads: the same report over the same period. */
	string_init(&qs);
	page_query_add(&qs, "from", param_str(r, "from"));
	page_query_add(&qs, "to", param_str(r, "to"));
	if (!strcmp(key, "hours"))
		page_query_add(&qs, "by", param_str(r, "by"));
	hdf_set_value(r->hdf, "Page.Route", route);
	hdf_set_value(r->hdf, "Page.ReportKey", key);
	hdf_set_value(r->hdf, "Page.Query", qs.buf ? qs.buf : "");
	/* And where the next and the previous page are. */
	page_query_add(&qs, "report", key);
	page_query_add(&qs, "q", q);
	hdf_set_value(r->hdf, "Page.PagerQuery", qs.buf);
	string_clear(&qs);
	/* The clients whose root lies in the scope, by name. */
	scope = acl_scope(r, perm);
	if (page < 1)
		page = 1;
	err = db_query(&dq, "SELECT o.id, c.name FROM clients c JOIN org_units o ON o.id = c.unit_id"
			    " WHERE o.archived_at IS NULL AND" ACL_IN_SCOPE("o.path") " AND LOCATE(?, c.name) > 0"
			    " ORDER BY c.name, o.id LIMIT ? OFFSET ?",
		       "ssii", scope, q, (long long)CHOICES_PAGE + 1, (page - 1) * CHOICES_PAGE);
	free(scope);
	if (err)
		return nerr_pass(err);
	while (db_next(dq)) {
		HDF *h;
		if (n == CHOICES_PAGE) {
			hdf_set_int_value(r->hdf, "Page.Next", (int)page + 1);
			break;
		}
		h = page_item(r, "Clients", n++);
		page_put(h, "Id", db_str(dq, 0));
		page_put(h, "Name", db_str(dq, 1));
	}
	db_end(&dq);
	if (page > 1)
		hdf_set_int_value(r->hdf, "Page.Prev", (int)page - 1);
	/* And the units below a client's root where the user holds perm
	 * (a site at one client, a department at another), unless a unit
	 * above them is in the scope already. */
	ngrants = acl_paths(r, perm, paths, MAX_GRANTS);
	n = 0;
	for (int i = 0; i < ngrants && page == 1; i++) {
		const char *p = paths[i], *id = p + strlen(p) - 1;
		int covered = 0;
		/* Below another of his units, or the same unit again (two
		 * roles with perm there). */
		for (int k = 0; k < ngrants; k++)
			covered |= k != i && strlen(paths[k]) <= strlen(p) && !strncmp(paths[k], p, strlen(paths[k]))
				   && (strlen(paths[k]) < strlen(p) || k < i);
		if (covered || !acl_path_ok(p))
			continue;
		while (id > p && id[-1] != '/')
			id--;
		err = db_query(&dq, "SELECT o.id, o.name, c.name FROM org_units o JOIN clients c ON c.id = o.client_id"
				    " WHERE o.id = ? AND o.kind NOT IN ('agency', 'client') AND o.archived_at IS NULL"
				    " AND LOCATE(?, c.name) > 0", "is", atoll(id), q);
		if (err)
			return nerr_pass(err);
		if (db_next(dq)) {
			HDF *h = page_item(r, "Units", n++);
			page_put(h, "Id", db_str(dq, 0));
			page_put(h, "Name", db_str(dq, 1));
			page_put(h, "Client", db_str(dq, 2));
		}
		db_end(&dq);
	}
	return nerr_pass(view_render(r, "reports/clients.cs"));
}

/* --- routes -------------------------------------------------------------- */

#define FILTERS \
	{ "unit", P_INT, P_FORM, 1, ID_MAX, NULL }, \
	{ "from", P_MONTH, P_FORM, 0, 0, NULL }, \
	{ "to", P_MONTH, P_FORM, 0, 0, NULL }, \
	{ "position", P_LINE, P_FORM, 0, 200, NULL }

static const Param p_report[] = {
	FILTERS,
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_clients[] = {
	{ "q", P_LINE, P_FORM, 0, 200, NULL },
	{ "report", P_ENUM, P_FORM, 0, 0, "client workers invoices hours" },
	{ "from", P_MONTH, P_FORM, 0, 0, NULL },
	{ "to", P_MONTH, P_FORM, 0, 0, NULL },
	{ "by", P_ENUM, P_FORM, 0, 0, "month invoice worker" },
	{ "page", P_INT, P_FORM, 1, 100000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_hours[] = {
	FILTERS,
	{ "by", P_ENUM, P_FORM, 0, 0, "month invoice worker" },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The table of contents. Every report asks for its permission somewhere;
 * the handler finds the unit and asks for it there. */
static const Route routes[] = {
	{ "GET", "/reports/", rp_client, "report.view", 0, p_report },
	{ "GET", "/reports/clients", rp_clients, NULL, 0, p_clients },
	{ "GET", "/reports/client.csv", rp_client_csv, "report.view", 0, p_report },
	{ "GET", "/reports/client.xlsx", rp_client_xlsx, "report.view", 0, p_report },
	{ "GET", "/reports/workers", rp_workers, "report.view", 0, p_report },
	{ "GET", "/reports/workers.csv", rp_workers_csv, "report.view", 0, p_report },
	{ "GET", "/reports/workers.xlsx", rp_workers_xlsx, "report.view", 0, p_report },
	{ "GET", "/reports/invoices", rp_invoices, "invoice.view", 0, p_report },
	{ "GET", "/reports/invoices.csv", rp_invoices_csv, "invoice.view", 0, p_report },
	{ "GET", "/reports/invoices.xlsx", rp_invoices_xlsx, "invoice.view", 0, p_report },
	{ "GET", "/reports/hours", rp_hours, "invoice.view", 0, p_hours },
	{ "GET", "/reports/hours.csv", rp_hours_csv, "invoice.view", 0, p_hours },
	{ "GET", "/reports/hours.xlsx", rp_hours_xlsx, "invoice.view", 0, p_hours },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	return app_run("reports", routes, argc, argv);
}
