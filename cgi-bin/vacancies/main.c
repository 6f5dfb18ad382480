/* main.c: the vacancies binary — the list, the overview across clients, creating and editing a vacancy, its page and states, its candidates — and what its pages share */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "cache.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "log.h"
#include "util.h"
#include "vacancies.h"

/* --- what the pages share ------------------------------------------------ */

NEOERR *vac_load(Request *r, const char *perm, Vacancy *v, int *ok)
{
	unsigned long long gen = 0;
	const char *kept = NULL;
	char key[CACHE_SCOPE + 40], scope[CACHE_SCOPE];
	size_t len;
	DBQuery *q;
	NEOERR *err;

	*ok = 0;
	memset(v, 0, sizeof(*v));
	/* Kept while the vacancies clocks of the user's clients stand (the
	 * vacancy is one of theirs, or none of his business); a change
	 * (POST) reads the vacancy as it is. */
	if (!strcmp(r->method, "GET") && cache_on()) {
		err = cache_clock_perm(r, "vacancies", perm, &gen, scope);
		if (err)
			return nerr_pass(err);
		snprintf(key, sizeof(key), "vacancy %lld %s", param_int(r, "id", 0), scope);
		kept = cache_get(key, gen, &len);
	}
	if (kept && len == sizeof(*v)) {
		memcpy(v, kept, sizeof(*v));
		*ok = acl_require(r, perm, v->path);
		return STATUS_OK;
	}
	err = db_query(&q, "SELECT v.id, v.unit_id, v.openings, v.state, o.path, v.title"
			   " FROM vacancies v JOIN org_units o ON o.id = v.unit_id WHERE v.id = ?",
		       "i", param_int(r, "id", 0));
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		v->id = db_int(q, 0);
		v->unit_id = db_int(q, 1);
		v->openings = db_int(q, 2);
		snprintf(v->state, sizeof(v->state), "%s", db_str(q, 3));
		snprintf(v->path, sizeof(v->path), "%s", db_str(q, 4));
		snprintf(v->title, sizeof(v->title), "%s", db_str(q, 5));
	}
	db_end(&q);
	if (!v->id) {
		http_fail(r, 404, "no vacancy %lld", param_int(r, "id", 0));
		return STATUS_OK;
	}
	if (!strcmp(r->method, "GET") && cache_on())
		cache_put(key, gen, (const char *)v, sizeof(*v));
	/* The same 404 for a vacancy outside the user's units. */
	*ok = acl_require(r, perm, v->path);
	return STATUS_OK;
}

NEOERR *vac_holders(const Vacancy *v, const char *perm, long long *ids, int max, int *n)
{
	STRING roles;
	DBQuery *q;
	NEOERR *err;

	*n = 0;
	string_init(&roles);
	string_append(&roles, "[");
	for (int i = 0; i < acl_roles(); i++) {
		if (!acl_role_has(i, perm))
			continue;
		if (roles.len > 1)
			string_append(&roles, ",");
		/* Role names are words of conf/roles.hdf: no quoting needed. */
		string_append(&roles, "\"");
		string_append(&roles, acl_role_name(i));
		string_append(&roles, "\"");
	}
	string_append(&roles, "]");
	err = db_query(&q, "SELECT DISTINCT g.user_id FROM grants g"
			   " JOIN org_units o ON o.id = g.unit_id JOIN users u ON u.id = g.user_id"
			   " WHERE JSON_CONTAINS(?, JSON_QUOTE(g.role)) AND u.status = 'active'"
			   " AND ? LIKE CONCAT(o.path, '%') ORDER BY g.user_id LIMIT 200",
		       "ss", roles.buf, v->path);
	string_clear(&roles);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && *n < max)
		ids[(*n)++] = db_int(q, 0);
	db_end(&q);
	return STATUS_OK;
}

NEOERR *vac_mail_extra(const Vacancy *v, const char *path, HDF **extra)
{
	char *url, *client = NULL, *unit = NULL;
	NEOERR *err;

	err = db_value(&unit, "SELECT name FROM org_units WHERE id = ?", "i", v->unit_id);
	if (!err)
		err = db_value(&client, "SELECT c.name FROM org_units o JOIN clients c ON c.id = o.client_id"
				       " WHERE o.id = ?", "i", v->unit_id);
	if (err) {
		free(unit);
		return nerr_pass(err);
	}
	url = conf_url("%s", path);
	hdf_init(extra);
	hdf_set_value(*extra, "Title", v->title);
	hdf_set_value(*extra, "Unit", or_empty(unit));
	hdf_set_value(*extra, "Client", or_empty(client));
	hdf_set_value(*extra, "URL", url);
	free(url);
	free(unit);
	free(client);
	return STATUS_OK;
}

void vac_duration(HDF *h, long long secs)
{
	hdf_set_int_value(h, "Days", (int)(secs / 86400));
	hdf_set_int_value(h, "Hours", (int)(secs % 86400 / 3600));
	hdf_set_int_value(h, "Minutes", (int)(secs % 3600 / 60));
}

/* --- routes -------------------------------------------------------------- */

static const Param p_list[] = {
	{ "state", P_ENUM, P_FORM, 0, 0, VAC_STATES },
	{ "unit", P_INT, P_FORM, 0, ID_MAX, NULL },
	{ "waiting", P_ENUM, P_FORM, 0, 0, "decision" },
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "sort", P_ENUM, P_FORM, 0, 0, "newest start title" },
	{ "page", P_INT, 0, 1, 100000, NULL },
	{ "done", P_ENUM, 0, 0, 0, "created" },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The fields of a vacancy. Hours are checked in edit.c (a decimal);
 * positions are checked there too, for a message of their own. */
#define VACANCY_FIELDS \
	{ "unit", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL }, \
	{ "title", P_LINE, P_REQUIRED | P_FORM, 0, 200, NULL }, \
	{ "position", P_LINE, P_REQUIRED | P_FORM, 0, 200, NULL }, \
	{ "description", P_TEXT, P_REQUIRED | P_FORM, 0, 5000, NULL }, \
	{ "work_location", P_LINE, P_FORM, 0, 200, NULL }, \
	{ "hours", P_LINE, P_REQUIRED | P_FORM, 0, 6, NULL }, \
	{ "shift", P_ENUM, P_REQUIRED | P_FORM, 0, 0, VAC_SHIFTS }, \
	{ "start", P_DATE, P_REQUIRED | P_FORM, 0, 0, NULL }, \
	{ "end", P_DATE, P_FORM, 0, 0, NULL }, \
	{ "positions", P_INT, P_REQUIRED | P_FORM, -1000000, 999, NULL }, \
	{ "skills", P_LINE, P_FORM, 0, 500, NULL }, \
	{ "languages", P_LINE, P_FORM, 0, 200, NULL }

static const Param p_create[] = {
	VACANCY_FIELDS,
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_update[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	VACANCY_FIELDS,
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_id[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_show[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "done", P_ENUM, 0, 0, 0, "saved state" },
	{ "view", P_ENUM, 0, 0, 0, "board list" },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The reason is checked against Vacancies.CloseReasons in show.c. */
static const Param p_state[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "to", P_ENUM, P_REQUIRED, 0, 0, "open on_hold filled closed" },
	{ "reason", P_TOKEN, P_FORM, 0, 32, NULL },
	{ "note", P_LINE, P_FORM, 0, 500, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_propose[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "worker", P_EMAIL, P_FORM, 0, 254, NULL },
	{ "name", P_LINE, P_FORM, 0, 200, NULL },
	{ "email", P_EMAIL, P_FORM, 0, 254, NULL },
	/* A new person's; accepted only while Fields.Mobile is on (candidates.c). */
	{ "phone", P_LINE, P_FORM, 0, 40, NULL },
	{ "proposal", P_TEXT, P_REQUIRED | P_FORM, 0, 4000, NULL },
	{ "anonymised", P_ENUM, P_FORM, 0, 0, "1" },
	{ "file", P_FILE, P_REQUIRED | P_FORM, 0, 255, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_cand[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "cid", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_cand_show[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "cid", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "done", P_ENUM, 0, 0, 0, "proposed interview confirmed accepted rejected withdrawn commented" },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* datetime-local values: their form and that they lie ahead are checked
 * in candidates.c, for messages of their own. */
static const Param p_interview[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "cid", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "slot1", P_LINE, P_FORM, 0, 19, NULL },
	{ "slot2", P_LINE, P_FORM, 0, 19, NULL },
	{ "slot3", P_LINE, P_FORM, 0, 19, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Param p_confirm[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "cid", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "slot", P_INT, P_REQUIRED | P_FORM, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* The reason is checked against Vacancies.RejectReasons in candidates.c. */
static const Param p_reject[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "cid", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "reason", P_TOKEN, P_FORM, 0, 32, NULL },
	{ "text", P_TEXT, P_FORM, 0, 1000, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* key: the random key of the comment form (22 base64url characters). */
static const Param p_comment[] = {
	{ "id", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "cid", P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL },
	{ "body", P_TEXT, P_REQUIRED | P_FORM, 0, 2000, NULL },
	{ "key", P_TOKEN, P_REQUIRED | P_FORM, 0, 22, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const Route routes[] = {
	{ "GET", "/vacancies/", vac_list, "vacancy.view", 0, p_list },
	{ "GET", "/vacancies/new", vac_new, "vacancy.edit", 0, NULL },
	{ "GET", "/vacancies/overview", vac_overview, "candidate.propose", 0, NULL },
	{ "POST", "/vacancies/", vac_create, "vacancy.edit", R_CSRF, p_create },
	{ "GET", "/vacancies/:id", vac_show, "vacancy.view", 0, p_show },
	{ "GET", "/vacancies/:id/edit", vac_edit, "vacancy.edit", 0, p_id },
	{ "POST", "/vacancies/:id/edit", vac_update, "vacancy.edit", R_CSRF, p_update },
	{ "POST", "/vacancies/:id/state", vac_state, "vacancy.edit", R_CSRF, p_state },
	{ "GET", "/vacancies/:id/candidates/new", cand_new, "candidate.propose", 0, p_id },
	{ "POST", "/vacancies/:id/candidates", cand_create, "candidate.propose", R_CSRF | R_UPLOAD, p_propose },
	{ "GET", "/vacancies/:id/candidates/:cid", cand_show, "candidate.view", 0, p_cand_show },
	{ "GET", "/vacancies/:id/candidates/:cid/cv", cand_cv, "candidate.view", 0, p_cand },
	{ "POST", "/vacancies/:id/candidates/:cid/interview", cand_interview, "candidate.decide", R_CSRF, p_interview },
	{ "POST", "/vacancies/:id/candidates/:cid/confirm", cand_confirm, "candidate.propose", R_CSRF, p_confirm },
	{ "POST", "/vacancies/:id/candidates/:cid/accept", cand_accept, "candidate.decide", R_CSRF, p_cand },
	{ "POST", "/vacancies/:id/candidates/:cid/reject", cand_reject, "candidate.decide", R_CSRF, p_reject },
	{ "POST", "/vacancies/:id/candidates/:cid/withdraw", cand_withdraw, "candidate.propose", R_CSRF, p_cand },
	{ "POST", "/vacancies/:id/candidates/:cid/comments", cand_comment, "candidate.view", R_CSRF, p_comment },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	NEOERR *err = STATUS_OK;

	/* The document types (a CV is one) are read before the first request;
	 * a broken file stops the process with the reason in the log. */
	nerr_init();
	if (conf_load(NULL) == STATUS_OK)
		err = documents_init();
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		return 1;
	}
	return app_run("vacancies", routes, argc, argv);
}
