/* overview.c: the consultant's overview across clients — interviews waiting for a time, open vacancies without candidates, and each client's pipeline */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "db.h"
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
		" FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id"
		" JOIN org_units o ON o.id = v.unit_id LEFT JOIN clients cl ON cl.id = o.client_id"
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
		" FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
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

/* Page.Clients: per client, its open vacancies and their candidates
 * waiting for the client, in interview, and accepted in 30 days — each
 * counted on the (vacancy, state) index rather than by joining them all. */
static NEOERR *per_client(Request *r, const char *scope)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT (SELECT t.id FROM org_units t WHERE t.client_id = cl.id AND t.kind = 'client'"
		" ORDER BY t.id LIMIT 1), cl.name, SUM(v.state = 'open'),"
		" SUM(IF(v.state = 'filled', 0, (SELECT COUNT(*) FROM candidates c"
		" WHERE c.vacancy_id = v.id AND c.state = 'proposed'))),"
		" SUM(IF(v.state = 'filled', 0, (SELECT COUNT(*) FROM candidates c"
		" WHERE c.vacancy_id = v.id AND c.state = 'interview'))),"
		" SUM((SELECT COUNT(*) FROM candidates c WHERE c.vacancy_id = v.id AND c.state = 'accepted'"
		" AND c.state_changed_at > UTC_TIMESTAMP() - INTERVAL 30 DAY))"
		" FROM vacancies v JOIN org_units o ON o.id = v.unit_id JOIN clients cl ON cl.id = o.client_id"
		" WHERE v.state IN ('open', 'on_hold', 'filled') AND" ACL_IN_SCOPE("o.path")
		" GROUP BY cl.id, cl.name ORDER BY cl.name LIMIT 500", "s", scope);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Clients", n++);
		page_put(h, "Unit", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		page_put(h, "Open", db_str(q, 2));
		page_put(h, "Proposed", db_str(q, 3));
		page_put(h, "Interview", db_str(q, 4));
		page_put(h, "Accepted", db_str(q, 5));
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *vac_overview(Request *r)
{
	char *scope = acl_scope(r, "candidate.propose");
	NEOERR *err = to_confirm(r, scope);

	if (!err)
		err = unstaffed(r, scope);
	if (!err)
		err = per_client(r, scope);
	free(scope);
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "vacancies/overview.cs"));
}
