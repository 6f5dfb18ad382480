/* persons.c: the people the portal keeps data about — the privacy officer's search and a person's page, and everyone's own page */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "org.h"
#include "privacy.h"
#include "util.h"
#include "view.h"

/* --- a subject ----------------------------------------------------------- */

NEOERR *subject_load(Request *r, char kind, long long id, const char *perm, Subject *s)
{
	char root[ORG_PATH_LEN + 1];
	long long root_id;
	DBQuery *q;
	NEOERR *err;

	memset(s, 0, sizeof(*s));
	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	if (kind == 'u')
		err = db_query(&q,
			"SELECT u.id, u.kind, CONCAT(u.first_name, ' ', u.last_name), u.email,"
			" COALESCE(u.client_id, 0), COALESCE(cu.id, ?), COALESCE(cu.path, ?),"
			" COALESCE(DATE_FORMAT(u.keep_until, '%Y-%m-%d'), ''), u.erased_at IS NOT NULL"
			" FROM users u LEFT JOIN clients c ON c.id = u.client_id"
			" LEFT JOIN org_units cu ON cu.id = c.unit_id WHERE u.id = ?",
			"isi", root_id, root, id);
	else
		err = db_query(&q,
			"SELECT ca.id, '', COALESCE(ca.name, ''), COALESCE(ca.contact, ''), 0, o.id, o.path,"
			" COALESCE(DATE_FORMAT(ca.keep_until, '%Y-%m-%d'), ''), ca.erased_at IS NOT NULL"
			" FROM candidates ca JOIN vacancies v ON v.id = ca.vacancy_id"
			" JOIN org_units o ON o.id = v.unit_id WHERE ca.id = ? AND ca.worker_id IS NULL",
			"i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		s->kind = kind;
		s->id = db_int(q, 0);
		snprintf(s->user_kind, sizeof(s->user_kind), "%s", db_str(q, 1));
		snprintf(s->name, sizeof(s->name), "%s", db_str(q, 2));
		snprintf(s->email, sizeof(s->email), "%s", db_str(q, 3));
		s->client_id = db_int(q, 4);
		s->unit_id = db_int(q, 5);
		snprintf(s->home, sizeof(s->home), "%s", db_str(q, 6));
		snprintf(s->keep_until, sizeof(s->keep_until), "%s", db_str(q, 7));
		s->erased = (int)db_int(q, 8);
	}
	db_end(&q);
	if (s->id && r->user && kind == 'u' && s->id == r->user->id && !perm) {
		s->self = 1;
		return STATUS_OK;
	}
	if (!s->id || !perm || !acl_may_at(r, perm, s->home)) {
		http_fail(r, 404, "person %c%lld not in scope for %s", kind, id, perm ? perm : "(self)");
		s->id = 0;
	}
	return STATUS_OK;
}

NEOERR *subject_of_route(Request *r, const char *perm, Subject *s)
{
	char kind = !strncmp(r->path, "/privacy/candidates/", 20) ? 'c' : 'u';

	return nerr_pass(subject_load(r, kind, param_int(r, "id", 0), perm, s));
}

void subject_put(Request *r, const Subject *s)
{
	HDF *h = NULL;

	if (hdf_get_node(r->hdf, "Page.Subject", &h) != STATUS_OK)
		abort();
	hdf_set_value(h, "Kind", s->kind == 'u' ? "user" : "candidate");
	page_put_int(h, "Id", s->id);
	page_put(h, "UserKind", s->user_kind);
	page_put(h, "Name", s->name);
	page_put(h, "Email", s->email);
	if (s->keep_until[0])
		page_put(h, "KeepUntil", s->keep_until);
	if (s->erased)
		hdf_set_value(h, "Erased", "1");
	if (s->self)
		hdf_set_value(h, "Self", "1");
	/* The address of his page, for the sections' forms. */
	hdf_set_valuef(h, "Path=/privacy/%s/%lld", s->kind == 'u' ? "persons" : "candidates", s->id);
}

/* --- the search ---------------------------------------------------------- */

/* Users and candidates known by name only, in one list: their unit (see
 * Subject.home) in the viewer's scope, matching the search and filters. */
#define PERSONS \
	" FROM (SELECT 'u' AS k, u.id, CONCAT(u.first_name, ' ', u.last_name) AS name, u.email AS email," \
	"   u.kind AS kind, c.name AS client, u.keep_until, u.erased_at, COALESCE(cu.path, ?) AS home" \
	"   FROM users u LEFT JOIN clients c ON c.id = u.client_id LEFT JOIN org_units cu ON cu.id = c.unit_id" \
	"   WHERE (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name, u.email)) > 0)" \
	"   AND (? = '' OR u.kind = ?)" \
	" UNION ALL SELECT 'c', ca.id, ca.name, ca.contact, 'candidate', cl.name, ca.keep_until, ca.erased_at," \
	"   o.path FROM candidates ca JOIN vacancies v ON v.id = ca.vacancy_id JOIN org_units o ON o.id = v.unit_id" \
	"   LEFT JOIN clients cl ON cl.id = o.client_id" \
	"   WHERE ca.worker_id IS NULL AND (? = '' OR LOCATE(?, CONCAT_WS(' ', ca.name, ca.contact)) > 0)" \
	"   AND (? = '' OR ? = 'candidate')) p" \
	" WHERE" ACL_IN_SCOPE("p.home") \
	" AND (? = 0 OR (p.erased_at IS NULL AND p.keep_until <= UTC_DATE() + INTERVAL ? DAY))"
#define PERSONS_TYPES "s" "ss" "ss" "ss" "ss" "s" "ii"
#define PERSONS_ARGS root, q, q, kind, kind, q, q, kind, kind, scope, due, lead

NEOERR *persons_list(Request *r)
{
	const char *q = or_empty(param_str(r, "q")), *kind = or_empty(param_str(r, "kind"));
	long long due = param_str(r, "due") ? 1 : 0, lead = conf_int("Privacy.ConsentLeadDays");
	long long root_id, page;
	char root[ORG_PATH_LEN + 1], *scope, *count = NULL;
	STRING qs;
	DBQuery *rows;
	NEOERR *err;
	int n = 0;

	param_keep_form(r);
	hdf_set_int_value(r->hdf, "Page.LeadDays", (int)lead);
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "privacy/persons.cs"));
	}
	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	scope = acl_scope(r, "privacy.view");
	err = db_value(&count, "SELECT COUNT(*)" PERSONS, PERSONS_TYPES, PERSONS_ARGS);
	string_init(&qs);
	page_query_add(&qs, "q", param_str(r, "q"));
	page_query_add(&qs, "kind", param_str(r, "kind"));
	page_query_add(&qs, "due", param_str(r, "due"));
	page = page_pager(r, count ? atoll(count) : 0, param_int(r, "page", 1), PAGE_SIZE, &qs);
	string_clear(&qs);
	free(count);
	if (!err)
		err = db_query(&rows,
			"SELECT p.k, p.id, p.name, p.email, p.kind, p.client,"
			" COALESCE(DATE_FORMAT(p.keep_until, '%Y-%m-%d'), ''), p.erased_at IS NOT NULL,"
			" p.keep_until < UTC_DATE()" PERSONS
			" ORDER BY IF(? = 1, p.keep_until, NULL), p.name, p.k, p.id LIMIT ? OFFSET ?",
			PERSONS_TYPES "iii", PERSONS_ARGS, due, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	free(scope);
	if (err)
		return nerr_pass(err);
	while (db_next(rows)) {
		HDF *h = page_item(r, "Persons", n++);
		hdf_set_valuef(h, "Path=/privacy/%s/%lld", !strcmp(db_str(rows, 0), "u") ? "persons" : "candidates",
			       db_int(rows, 1));
		page_put(h, "Id", db_str(rows, 1));
		page_put(h, "Name", db_str(rows, 2));
		page_put(h, "Email", db_str(rows, 3));
		page_put(h, "Kind", db_str(rows, 4));
		page_put(h, "Client", db_str(rows, 5));
		page_put(h, "KeepUntil", db_str(rows, 6));
		if (db_int(rows, 7))
			page_put(h, "Erased", "1");
		else if (db_int(rows, 8))
			page_put(h, "Overdue", "1");
	}
	db_end(&rows);
	return nerr_pass(view_render(r, "privacy/persons.cs"));
}

/* --- a person's page ----------------------------------------------------- */

static NEOERR *person_page(Request *r, const Subject *s)
{
	NEOERR *err;

	subject_put(r, s);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	err = dossier_section(r, s);
	if (!err)
		err = requests_section(r, s);
	if (!err && !s->self)
		err = retention_section(r, s);
	if (!err && !s->self)
		err = erasure_section(r, s);
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, s->self ? "privacy/me.cs" : "privacy/person.cs"));
}

NEOERR *person_show(Request *r)
{
	Subject s;
	NEOERR *err = subject_of_route(r, "privacy.view", &s);

	if (err || !s.id)
		return nerr_pass(err);
	return nerr_pass(person_page(r, &s));
}

NEOERR *candidate_show(Request *r)
{
	Subject s;
	NEOERR *err = subject_of_route(r, "privacy.view", &s);

	if (err || !s.id)
		return nerr_pass(err);
	return nerr_pass(person_page(r, &s));
}

/* Everyone's own: what the portal keeps about him, his requests. */
NEOERR *privacy_me(Request *r)
{
	Subject s;
	NEOERR *err = subject_load(r, 'u', r->user->id, NULL, &s);

	if (err || !s.id)
		return nerr_pass(err);
	return nerr_pass(person_page(r, &s));
}
