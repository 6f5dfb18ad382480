/* overview.c: the consultant's overview across clients — interviews waiting for a time, open vacancies without candidates, and each client's pipeline */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "cache.h"
#include "db.h"
#include "util.h"
#include "vacancies.h"
#include "view.h"

/* Everything is scoped in SQL to the units where the user proposes. */

/* Page.ToConfirm: candidates whose interview the client asked for and
 * no time is confirmed yet, the longest waiting first. */
static NEOERR *to_confirm(Request *r, const char *scope)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT v.id, c.id, v.title, cl.name, o.name,"
		" COALESCE(c.name, CONCAT_WS(' ', u.first_name, u.last_name)),"
		" DATE_FORMAT(c.state_changed_at, '%Y-%m-%d %H:%i'),"
		" TIMESTAMPDIFF(DAY, c.state_changed_at, UTC_TIMESTAMP())"
		/* In the order shown, on (state, interview_at, changed): the
		 * first hundred in scope, not all of them sorted. */
		" FROM candidates c FORCE INDEX (candidates_waiting) STRAIGHT_JOIN vacancies v ON v.id = c.vacancy_id"
		" STRAIGHT_JOIN org_units o ON o.id = v.unit_id LEFT JOIN clients cl ON cl.id = o.client_id"
		" LEFT JOIN users u ON u.id = c.worker_id"
		" WHERE c.state = 'interview' AND c.interview_at IS NULL"
		" AND v.state IN ('open', 'on_hold') AND" ACL_IN_SCOPE("o.path")
		" ORDER BY c.state_changed_at, c.id LIMIT 100", "s", scope);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "ToConfirm", n++);
		page_put(h, "Vacancy", db_str(q, 0));
		page_put(h, "Id", db_str(q, 1));
		page_put(h, "Title", db_str(q, 2));
		page_put(h, "Client", db_str(q, 3));
		page_put(h, "Unit", db_str(q, 4));
		page_put(h, "Name", db_str(q, 5));
		page_put(h, "Asked", db_str(q, 6));
		page_put(h, "Days", db_str(q, 7));
	}
	db_end(&q);
	return STATUS_OK;
}

/* Page.Unstaffed: open vacancies nobody was proposed to (or all withdrawn),
 * the longest open first. */
static NEOERR *unstaffed(Request *r, const char *scope)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT v.id, v.title, v.position, cl.name, o.name, v.start_date,"
		" TIMESTAMPDIFF(DAY, v.state_changed_at, UTC_TIMESTAMP())"
		" FROM vacancies v FORCE INDEX (vacancies_state_changed) STRAIGHT_JOIN org_units o ON o.id = v.unit_id"
		" LEFT JOIN clients cl ON cl.id = o.client_id"
		" WHERE v.state = 'open' AND" ACL_IN_SCOPE("o.path")
		" AND NOT EXISTS (SELECT 1 FROM candidates c WHERE c.vacancy_id = v.id"
		" AND c.state <> 'withdrawn')"
		" ORDER BY v.state_changed_at, v.id LIMIT 100", "s", scope);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Unstaffed", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Title", db_str(q, 1));
		page_put(h, "Position", db_str(q, 2));
		page_put(h, "Client", db_str(q, 3));
		page_put(h, "Unit", db_str(q, 4));
		page_put(h, "Start", db_str(q, 5));
		page_put(h, "Days", db_str(q, 6));
	}
	db_end(&q);
	return STATUS_OK;
}

static int by_client(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

/* Page.Clients: per client, its open vacancies and their candidates
 * waiting for the client, in interview, and accepted in 30 days: the
 * vacancies counted in one pass, their candidates in another (each on
 * its index), put together by client here. */
static NEOERR *per_client(Request *r, const char *scope)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT cl.id, cl.unit_id, cl.name, SUM(v.state = 'open')"
		" FROM vacancies v JOIN org_units o ON o.id = v.unit_id JOIN clients cl ON cl.id = o.client_id"
		" WHERE v.state IN ('open', 'on_hold', 'filled') AND" ACL_IN_SCOPE("o.path")
		" GROUP BY cl.id ORDER BY cl.name, cl.id LIMIT 500", "s", scope);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Clients", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Unit", db_str(q, 1));
		page_put(h, "Name", db_str(q, 2));
		page_put(h, "Open", db_str(q, 3));
		page_put(h, "Proposed", "0");
		page_put(h, "Interview", "0");
		page_put(h, "Accepted", "0");
	}
	db_end(&q);
	if (!n)
		return STATUS_OK;
	err = db_query(&q,
		"SELECT o.client_id, SUM(c.state = 'proposed' AND v.state <> 'filled'),"
		" SUM(c.state = 'interview' AND v.state <> 'filled'),"
		" SUM(c.state = 'accepted' AND c.state_changed_at > UTC_TIMESTAMP() - INTERVAL 30 DAY)"
		" FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
		" JOIN candidates c ON c.vacancy_id = v.id AND c.state IN ('proposed', 'interview', 'accepted')"
		" WHERE v.state IN ('open', 'on_hold', 'filled') AND" ACL_IN_SCOPE("o.path")
		" GROUP BY o.client_id", "s", scope);
	if (err)
		return nerr_pass(err);
	/* The clients of the first pass by id, for the second's rows. */
	{
		struct at { long long id; HDF *h; } *by_id = xcalloc((size_t)n, sizeof(*by_id));
		int i = 0;
		for (HDF *c = hdf_obj_child(hdf_get_obj(r->hdf, "Page.Clients")); c && i < n; c = hdf_obj_next(c)) {
			by_id[i].id = atoll(hdf_get_value(c, "Id", "0"));
			by_id[i++].h = c;
		}
		qsort(by_id, (size_t)i, sizeof(*by_id), by_client);
		while (db_next(q)) {
			struct at key = { .id = db_int(q, 0) }, *hit = bsearch(&key, by_id, (size_t)i, sizeof(*by_id),
									 by_client);
			if (!hit)
				continue;
			page_put(hit->h, "Proposed", db_str(q, 1));
			page_put(hit->h, "Interview", db_str(q, 2));
			page_put(hit->h, "Accepted", db_str(q, 3));
		}
		free(by_id);
	}
	db_end(&q);
	return STATUS_OK;
}

/* The tables, from the database — or, while the vacancies clocks of the
 * consultant's clients stand and within the same minute (the days
 * waiting run on), as this process made them before for the same units
 * and language. */
NEOERR *vac_overview(Request *r)
{
	char *scope = acl_scope(r, "candidate.propose"), *key, clients[CACHE_SCOPE];
	unsigned long long gen = 0;
	const char *kept = NULL;
	size_t len;
	STRING out;
	NEOERR *err = cache_clock_perm(r, "vacancies", "candidate.propose", &gen, clients);

	key = xasprintf("overview %s %s %s %lld", clients, scope, r->lang, (long long)(time(NULL) / 60));
	if (!err)
		kept = cache_get(key, gen, &len);
	if (!err && kept) {
		hdf_set_value(r->hdf, "Page.Body", kept);
	} else if (!err) {
		err = to_confirm(r, scope);
		if (!err)
			err = unstaffed(r, scope);
		if (!err)
			err = per_client(r, scope);
		string_init(&out);
		if (!err)
			err = view_render_part(r, "vacancies/overview_tables.cs", &out);
		if (!err && out.buf) {
			cache_put(key, gen, out.buf, (size_t)out.len);
			err = hdf_set_buf(r->hdf, "Page.Body", out.buf);
		} else {
			string_clear(&out);
		}
	}
	free(scope);
	free(key);
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "vacancies/overview.cs"));
}
