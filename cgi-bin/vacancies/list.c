/* list.c: the vacancies a user may see, filtered, sorted and paged, with their candidates counted by state */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "cache.h"
#include "db.h"
#include "util.h"
#include "vacancies.h"
#include "view.h"

/* Vacancies in the user's scope, of a state and below a unit when given,
 * and, asked for (the dashboard's link), those whose candidates wait for
 * the client's decision. */
#define VACANCIES_IN_SCOPE VACANCIES_IN_SCOPE_BY("")
/* The same, read in the order of an index: the page's statements read the
 * vacancies in the order shown and stop after one page, rather than sort
 * all of the scope. */
#define VACANCIES_IN_SCOPE_BY(hint) \
	" FROM vacancies v " hint " JOIN org_units o ON o.id = v.unit_id" \
	" LEFT JOIN clients c ON c.id = o.client_id" \
	" WHERE" ACL_IN_SCOPE("o.path") \
	" AND (? = '' OR v.state = ?)" \
	" AND (? = 0 OR o.path LIKE CONCAT((SELECT u.path FROM org_units u WHERE u.id = ?), '%'))" \
	" AND (? = 0 OR (v.state IN ('open', 'on_hold') AND EXISTS (SELECT 1 FROM candidates k" \
	"  WHERE k.vacancy_id = v.id AND k.state = 'proposed')))"
#define IN_SCOPE_TYPES "s" "ss" "ii" "i"
/* ... and with the text in the title or the position. Apart, so that a
 * count without text reads the (unit, state) index alone. */
#define TEXT_MATCHES " AND (LOCATE(?, v.title) > 0 OR LOCATE(?, v.position) > 0)"

#define PAGE_SQL(index, order) \
	"SELECT STRAIGHT_JOIN v.id, v.title, v.position, v.state, o.name, c.name, v.start_date," \
	" v.end_date, v.positions, v.hours_per_week, DATE_FORMAT(v.created_at, '%Y-%m-%d')" \
	VACANCIES_IN_SCOPE_BY("FORCE INDEX FOR ORDER BY (" index ")") \
	" AND (? = '' OR LOCATE(?, v.title) > 0 OR LOCATE(?, v.position) > 0)" \
	" ORDER BY " order " LIMIT ? OFFSET ?"

/* The orders of the list (p_list's sort), each a statement of its own. */
static const struct order {
	const char *name, *sql;
} orders[] = {
	{ "newest", PAGE_SQL("vacancies_created", "v.created_at DESC, v.id DESC") },
	{ "start", PAGE_SQL("vacancies_start", "v.start_date, v.id") },
	{ "title", PAGE_SQL("vacancies_title", "v.title, v.id") },
};

/* Page.Vacancies.<n>.Count.<state>: the candidates of the vacancies on
 * the page, in one grouped query; the states come in their order (the
 * ENUM's), only those with candidates. */
static NEOERR *candidate_counts(Request *r, const long long *ids, int n)
{
	STRING list;
	DBQuery *q;
	NEOERR *err;

	if (!n)
		return STATUS_OK;
	string_init(&list);
	string_append(&list, "[");
	for (int i = 0; i < n; i++)
		string_appendf(&list, "%s%lld", i ? "," : "", ids[i]);
	string_append(&list, "]");
	err = db_query(&q, "SELECT c.vacancy_id, c.state, COUNT(*) FROM candidates c"
			   " WHERE c.vacancy_id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]'"
			   " COLUMNS (id BIGINT UNSIGNED PATH '$')) j)"
			   " GROUP BY c.vacancy_id, c.state", "s", list.buf);
	string_clear(&list);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		long long id = db_int(q, 0);
		for (int i = 0; i < n; i++) {
			char key[64];
			if (ids[i] != id)
				continue;
			snprintf(key, sizeof(key), "Count.%s", db_str(q, 1));
			page_put(page_item(r, "Vacancies", i), key, db_str(q, 2));
			break;
		}
	}
	db_end(&q);
	return STATUS_OK;
}

/* Page.Table: the list's table and pages, from the database — or, while
 * no vacancy, candidate or name changed, as this process made it before
 * for the same scope, filters, order, page and language. */
static NEOERR *table(Request *r, const char *state, const char *text, long long unit, long long waiting,
		     long long page, const char *sort)
{
	char *scope = acl_scope(r, "vacancy.view"), *total = NULL, *key, clients[CACHE_SCOPE];
	unsigned long long gen;
	long long pages, t, ids[PAGE_SIZE];
	const struct order *order = &orders[0];
	const char *kept;
	size_t len;
	STRING qs, out;
	DBQuery *rows;
	NEOERR *err = cache_clock_perm(r, "vacancies", "vacancy.view", &gen, clients);
	int n = 0;

	key = xasprintf("vacancies %s %s %s %lld %lld %lld %s %s\n%s", clients, scope, state, unit, waiting, page,
			sort, r->lang, text);
	kept = err ? NULL : cache_get(key, gen, &len);
	if (err || kept) {
		if (kept)
			hdf_set_value(r->hdf, "Page.Table", kept);
		free(scope);
		free(key);
		return nerr_pass(err);
	}
	if (*text)
		err = db_value(&total, "SELECT COUNT(*)" VACANCIES_IN_SCOPE TEXT_MATCHES, IN_SCOPE_TYPES "ss",
			       scope, state, state, unit, unit, waiting, text, text);
	else
		err = db_value(&total, "SELECT COUNT(*)" VACANCIES_IN_SCOPE, IN_SCOPE_TYPES, scope, state,
			       state, unit, unit, waiting);
	t = total ? atoll(total) : 0;
	free(total);
	pages = t ? (t + PAGE_SIZE - 1) / PAGE_SIZE : 1;
	if (page > pages)
		page = pages;
	for (size_t i = 0; i < ARRAY_SIZE(orders); i++)
		if (!strcmp(orders[i].name, sort))
			order = &orders[i];
	if (!err)
		err = db_query(&rows, order->sql, IN_SCOPE_TYPES "sss" "ii", scope, state, state, unit, unit,
			       waiting, text, text, text, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	free(scope);
	if (err) {
		free(key);
		return nerr_pass(err);
	}
	while (db_next(rows) && n < PAGE_SIZE) {
		HDF *h = page_item(r, "Vacancies", n);
		ids[n++] = db_int(rows, 0);
		page_put(h, "Id", db_str(rows, 0));
		page_put(h, "Title", db_str(rows, 1));
		page_put(h, "Position", db_str(rows, 2));
		page_put(h, "State", db_str(rows, 3));
		page_put(h, "Unit", db_str(rows, 4));
		page_put(h, "Client", db_str(rows, 5));
		page_put(h, "Start", db_str(rows, 6));
		page_put(h, "End", db_str(rows, 7));
		page_put(h, "Positions", db_str(rows, 8));
		page_put(h, "Hours", db_str(rows, 9));
		page_put(h, "Created", db_str(rows, 10));
	}
	db_end(&rows);
	err = candidate_counts(r, ids, n);
	if (err) {
		free(key);
		return nerr_pass(err);
	}
	string_init(&qs);
	page_query_add(&qs, "state", state);
	if (unit) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%lld", unit);
		page_query_add(&qs, "unit", buf);
	}
	if (waiting)
		page_query_add(&qs, "waiting", "decision");
	page_query_add(&qs, "q", text);
	page_query_add(&qs, "sort", sort);
	hdf_set_value(r->hdf, "Page.Query", qs.buf ? qs.buf : "");
	string_clear(&qs);
	hdf_set_int_value(r->hdf, "Page.Total", (int)t);
	hdf_set_int_value(r->hdf, "Page.PageNo", (int)page);
	hdf_set_int_value(r->hdf, "Page.Pages", (int)pages);
	string_init(&out);
	err = view_render_part(r, "vacancies/table.cs", &out);
	if (!err && out.buf) {
		cache_put(key, gen, out.buf, (size_t)out.len);
		hdf_set_value(r->hdf, "Page.Table", out.buf);
	}
	string_clear(&out);
	free(key);
	return nerr_pass(err);
}

NEOERR *vac_list(Request *r)
{
	const char *state = or_empty(param_str(r, "state")), *text = or_empty(param_str(r, "q"));
	long long unit = param_int(r, "unit", 0), waiting = *or_empty(param_str(r, "waiting")) != '\0';
	NEOERR *err;

	/* A filter that failed its check filters nothing; the form says why. */
	if (hdf_get_value(r->hdf, "Page.Errors.state", NULL))
		state = "";
	if (hdf_get_value(r->hdf, "Page.Errors.q", NULL))
		text = "";
	if (hdf_get_value(r->hdf, "Page.Errors.unit", NULL))
		unit = 0;
	if (hdf_get_value(r->hdf, "Page.Errors.waiting", NULL))
		waiting = 0;
	err = table(r, state, text, unit, waiting, param_int(r, "page", 1), or_empty(param_str(r, "sort")));
	if (err)
		return nerr_pass(err);
	page_words(r, "States", VAC_STATES);
	param_keep_form(r);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	err = page_units(r, "Units", "vacancy.view");
	if (err)
		return nerr_pass(err);
	if (acl_may(r, "vacancy.edit"))
		hdf_set_value(r->hdf, "Page.MayCreate", "1");
	if (acl_may(r, "candidate.propose"))
		hdf_set_value(r->hdf, "Page.MayOverview", "1");
	return nerr_pass(view_render(r, "vacancies/list.cs"));
}
