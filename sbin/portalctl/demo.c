/* demo.c: portalctl seed-demo, and the demo data it loads */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/rand.h>

#include "acl.h"
#include "audit.h"
#include "auth.h"
#include "bsn.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "org.h"
#include "portalctl.h"
#include "report.h"
#include "totp.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* --- seed-demo --------------------------------------------------------- */

#define DEMO_PASSWORD "Flexportal-demo-2026"
/* Published in the README: agency staff of the demo use it as their TOTP. */
#define DEMO_TOTP "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

/* The demo organisation: the agency, Klant NV with a site, two
 * departments of two teams each, and Andere Klant BV. */
static const struct demo_unit {
	const char *key, *parent, *kind, *name;
} demo_units[] = {
	{ "agency", NULL, "agency", "Uitzendbureau Flex" },
	{ "klant", "agency", "client", "Klant NV" },
	{ "site", "klant", "site", "Vestiging Rotterdam" },
	{ "deptA", "site", "department", "Afdeling A — Productie" },
	{ "teamA1", "deptA", "team", "Team A1 — Inpak" },
	{ "teamA2", "deptA", "team", "Team A2 — Expeditie" },
	{ "deptB", "site", "department", "Afdeling B — Logistiek" },
	{ "teamB1", "deptB", "team", "Team B1 — Ontvangst" },
	{ "teamB2", "deptB", "team", "Team B2 — Magazijn" },
	{ "andere", "agency", "client", "Andere Klant BV" },
	{ "andereSite", "andere", "site", "Vestiging Gent" },
	{ "andereTeam", "andereSite", "team", "Team Gent 1" },
};

static const struct demo_user {
	const char *kind, *client, *email, *first, *last, *title, *role, *unit;
} demo_users[] = {
	{ "agency", NULL, "admin@uitzendbureau.example", "Anna", "de Vries", "Beheerder", "agency_admin", "agency" },
	{ "agency", NULL, "consultant@uitzendbureau.example", "Bram", "Jansen", "Intercedent", "consultant", "klant" },
	{ "agency", NULL, "privacy@uitzendbureau.example", "Carla", "Peeters", "Privacy officer", "privacy_officer", "agency" },
	{ "client", "klant", "hr.manager@klant.example", "Daan", "Bakker", "HR-manager", "hr_manager", "site" },
	{ "client", "klant", "planner@klant.example", "Eva", "Visser", "Planner", "planner", "deptA" },
	{ "client", "klant", "supervisor@klant.example", "Finn", "Smit", "Teamleider", "supervisor", "teamA1" },
	{ "client", "klant", "hiring.manager@klant.example", "Gijs", "Mulder", "Afdelingshoofd", "hiring_manager", "teamA1" },
	{ "client", "klant", "finance@klant.example", "Hanna", "de Boer", "Controller", "finance", "klant" },
	{ "client", "klant", "directie@klant.example", "Karin", "Hermans", "Algemeen directeur", "client_admin", "klant" },
	{ "client", "andere", "planner@andereklant.example", "Ilse", "Dubois", "Planner", "planner", "andere" },
	{ "worker", NULL, "worker@flex.example", "Jan", "Willems", "Productiemedewerker", NULL, NULL },
};

static long long unit_of(const char *key, const long long *ids)
{
	for (size_t i = 0; key && i < ARRAY_SIZE(demo_units); i++)
		if (!strcmp(demo_units[i].key, key))
			return ids[i];
	return 0;
}

/* Creates the demo units that are missing; ids[i] is the unit of
 * demo_units[i], client_of[i] the client it belongs to (0: the agency). */
static NEOERR *seed_units(long long *ids, long long *client_of)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < ARRAY_SIZE(demo_units) && !err; i++) {
		const struct demo_unit *u = &demo_units[i];
		long long parent = unit_of(u->parent, ids);
		char *found = NULL;

		client_of[i] = 0;
		for (size_t j = 0; j < i; j++)
			if (ids[j] == parent)
				client_of[i] = client_of[j];
		err = db_value(&found, "SELECT id FROM org_units WHERE name = ? AND kind = ?", "ss",
			       u->name, u->kind);
		if (err)
			break;
		if (found) {
			ids[i] = atoll(found);
			free(found);
			found = NULL;
		} else {
			err = org_create(parent, u->kind, u->name, client_of[i], &ids[i]);
		}
		if (err || strcmp(u->kind, "client"))
			continue;
		err = db_exec(NULL, "INSERT INTO clients (unit_id, name, created_at)"
				    " VALUES (?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = id",
			      "is", ids[i], u->name);
		if (!err)
			err = db_value(&found, "SELECT id FROM clients WHERE unit_id = ?", "i", ids[i]);
		if (!err && found) {
			client_of[i] = atoll(found);
			free(found);
			err = db_exec(NULL, "UPDATE org_units SET client_id = ? WHERE id = ?", "ii",
				      client_of[i], ids[i]);
		}
	}
	return nerr_pass(err);
}

static NEOERR *seed_documents(const long long *ids);
static NEOERR *seed_vacancies(const long long *ids);
static NEOERR *seed_planning(const long long *ids);
static NEOERR *seed_timesheets(const long long *ids);
static NEOERR *seed_reports(const long long *ids);
static NEOERR *demo_user_id(const char *email, long long *id);

/* Test numbers that pass the checks, one of each country (made up: the
 * 11-test's textbook example, a Belgian born on 30 July 1990). */
static const struct demo_bsn {
	const char *email, *country, *number;
} demo_bsns[] = {
	{ "worker@flex.example", "NL", "111222333" },
	{ "lisa.maes@flex.example", "BE", "90073003336" },
};

static NEOERR *seed_bsns(void)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < ARRAY_SIZE(demo_bsns) && !err; i++) {
		char digits[BSN_LEN];
		long long id = 0;
		if (!bsn_check(demo_bsns[i].country, demo_bsns[i].number, digits))
			return nerr_raise(NERR_ASSERT, "demo number %zu fails its check", i);
		err = demo_user_id(demo_bsns[i].email, &id);
		if (!err && !id)
			err = nerr_raise(NERR_ASSERT, "no demo worker %s", demo_bsns[i].email);
		if (!err)
			err = bsn_store(id, demo_bsns[i].country, digits);
	}
	return nerr_pass(err);
}

int cmd_seed_demo(char **arg)
{
	long long ids[ARRAY_SIZE(demo_units)] = { 0 }, client_ids[ARRAY_SIZE(demo_units)] = { 0 };
	char hash[AUTH_HASH_MAX];
	NEOERR *err;
	int added = 0;

	(void)arg;
	if (load_conf())
		return 1;
	err = acl_init();
	if (!err)
		err = db_begin();
	if (!err)
		err = seed_units(ids, client_ids);
	if (!err)
		err = auth_hash(DEMO_PASSWORD, hash);
	for (size_t i = 0; i < ARRAY_SIZE(demo_users) && !err; i++) {
		const struct demo_user *u = &demo_users[i];
		long long client = 0, uid;
		unsigned long long n = 0;
		char *found = NULL;

		for (size_t j = 0; u->client && j < ARRAY_SIZE(demo_units); j++)
			if (!strcmp(demo_units[j].key, u->client))
				client = client_ids[j];
		err = db_exec(&n,
			"INSERT INTO users (kind, client_id, email, first_name, last_name, job_title,"
			" status, created_at, last_activity_at)"
			" VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, 'active', UTC_TIMESTAMP(), UTC_TIMESTAMP())"
			" ON DUPLICATE KEY UPDATE client_id = VALUES(client_id), status = 'active'",
			"sissss", u->kind, client, u->email, u->first, u->last, u->title);
		if (err)
			break;
		added += n == 1;
		err = db_value(&found, "SELECT id FROM users WHERE email = ?", "s", u->email);
		if (err || !found)
			break;
		uid = atoll(found);
		free(found);
		err = db_exec(NULL,
			"INSERT INTO credentials (user_id, password_hash, password_changed_at)"
			" VALUES (?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE"
			" password_hash = VALUES(password_hash), failed_logins = 0, locked_until = NULL",
			"is", uid, hash);
		if (!err && !strcmp(u->kind, "agency")) {
			unsigned char secret[TOTP_SECRET];
			if (!totp_decode(DEMO_TOTP, secret))
				err = nerr_raise(NERR_ASSERT, "demo TOTP secret is not base32");
			else
				err = totp_store(uid, secret, 1);
		}
		if (!err && u->role)
			err = db_exec(NULL,
				"INSERT INTO grants (user_id, role, unit_id, created_at)"
				" VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = id",
				"isi", uid, u->role, unit_of(u->unit, ids));
	}
	if (!err)
		err = seed_documents(ids);
	if (!err)
		err = seed_vacancies(ids);
	if (!err)
		err = seed_planning(ids);
	if (!err)
		err = seed_timesheets(ids);
	if (!err)
		err = seed_bsns();
	if (!err)
		err = seed_reports(ids);
	if (!err)
		err = demo_privacy();
	if (!err)
		err = audit_add(NULL, 0, "demo.seed", "", 0, 0, "demo data loaded");
	if (!err)
		err = db_commit();
	/* The reports' summaries of what the demo wrote around the
	 * application. */
	if (!err)
		err = report_rebuild();
	if (!err)
		err = view_init();
	if (!err)
		err = demo_privacy_after();
	if (err) {
		db_rollback();
		return fail_nerr("seed-demo", err);
	}
	printf("demo data: %d users added, %zu present; password %s\n", added,
	       ARRAY_SIZE(demo_users), DEMO_PASSWORD);
	return 0;
}

/* --- demo vacancies ---------------------------------------------------- */

static const struct demo_vacancy {
	const char *unit, *title, *position, *description, *hours, *shift, *state, *creator;
	int start_days, positions;
} demo_vacancies[] = {
	{ "teamA1", "Inpakker dagdienst", "Productiemedewerker inpak",
	  "Dozen vullen, sealen en etiketteren aan de inpaklijn.", "38.0", "day", "open",
	  "hiring.manager@klant.example", 14, 3 },
	{ "teamA1", "Inpakker nachtdienst", "Productiemedewerker inpak",
	  "Inpakken in de nachtploeg; ervaring met een sealmachine is een pre.", "32.0", "night", "draft",
	  "hiring.manager@klant.example", 30, 2 },
	{ "teamA2", "Orderpicker expeditie", "Orderpicker",
	  "Orders verzamelen met een handscanner en klaarzetten voor transport.", "40.0", "two_shift", "open",
	  "hr.manager@klant.example", 7, 4 },
	{ "teamB1", "Medewerker ontvangst", "Logistiek medewerker",
	  "Goederen ontvangen, controleren en inboeken. Heftruckcertificaat vereist.", "36.0", "day", "on_hold",
	  "hr.manager@klant.example", 21, 1 },
	{ "andereTeam", "Magazijnmedewerker Gent", "Magazijnmedewerker",
	  "Magazijnwerk in de vestiging Gent.", "38.0", "day", "open", "planner@andereklant.example", 10, 2 },
};


static NEOERR *seed_candidates(const long long *ids);
static FILE *demo_pdf(const char *text);

/* A few vacancies in several states, once: only when there are none. */
static NEOERR *seed_vacancies(const long long *ids)
{
	char *have = NULL;
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM vacancies", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	for (size_t i = 0; i < ARRAY_SIZE(demo_vacancies) && !err; i++) {
		const struct demo_vacancy *v = &demo_vacancies[i];
		/* The states it went through to get where it is. */
		const char *path[3] = { "draft", NULL, NULL };
		long long id, creator = 0;
		int steps = 1;

		err = demo_user_id(v->creator, &creator);
		if (err)
			break;
		if (strcmp(v->state, "draft"))
			path[steps++] = "open";
		if (!strcmp(v->state, "on_hold"))
			path[steps++] = "on_hold";
		err = db_exec(NULL,
			"INSERT INTO vacancies (unit_id, title, position, description, work_location,"
			" hours_per_week, shift_pattern, start_date, positions, skills, languages, state,"
			" openings, created_by, created_at, updated_at, state_changed_at)"
			" VALUES (?, ?, ?, ?, '', ?, ?, UTC_DATE() + INTERVAL ? DAY, ?, '', 'Nederlands', ?, ?,"
			" NULLIF(?, 0), UTC_TIMESTAMP() - INTERVAL 10 DAY, UTC_TIMESTAMP(),"
			" UTC_TIMESTAMP() - INTERVAL ? DAY)",
			"isssssiisiii", unit_of(v->unit, ids), v->title, v->position, v->description, v->hours,
			v->shift, (long long)v->start_days, (long long)v->positions, v->state,
			(long long)(steps > 1), creator, (long long)(10 - 3 * (steps - 1)));
		id = (long long)db_insert_id();
		for (int s = 0; s < steps && !err; s++)
			err = db_exec(NULL, "INSERT INTO vacancy_events (vacancy_id, state, actor, at)"
					    " VALUES (?, ?, NULLIF(?, 0), UTC_TIMESTAMP() - INTERVAL ? DAY)",
				      "isii", id, path[s], creator, (long long)(10 - 3 * s));
	}
	if (!err)
		err = seed_candidates(ids);
	return nerr_pass(err);
}

/* --- demo candidates --------------------------------------------------- */

/* Candidates in every state, on the open vacancies of several teams: who,
 * for which vacancy, how far they got, and how many days ago they were
 * proposed. A worker is a temp worker's account; others are new people. */
static const struct demo_candidate {
	const char *vacancy, *name, *email, *worker, *state, *reason, *text;
	int anonymised, interview_confirmed, days;
} demo_candidates[] = {
	{ "Inpakker dagdienst", NULL, NULL, "worker@flex.example", "accepted", NULL, NULL, 0, 1, 9 },
	{ "Inpakker dagdienst", "Sophie Janssens", "sophie.janssens@example.net", NULL, "proposed", NULL, NULL, 1, 0, 2 },
	{ "Inpakker dagdienst", "Mohamed El Amrani", "m.elamrani@example.net", NULL, "interview", NULL, NULL, 0, 0, 5 },
	{ "Inpakker dagdienst", "Lotte Claes", "lotte.claes@example.net", NULL, "interview", NULL, NULL, 0, 1, 6 },
	{ "Orderpicker expeditie", "Kevin Maes", "kevin.maes@example.net", NULL, "rejected", "availability",
	  "Alleen beschikbaar in het weekend.", 0, 0, 7 },
	{ "Orderpicker expeditie", "Emma Wouters", "emma.wouters@example.net", NULL, "withdrawn", NULL, NULL, 0, 0, 6 },
	{ "Orderpicker expeditie", "Noah Peeters", "noah.peeters@example.net", NULL, "proposed", NULL, NULL, 0, 0, 1 },
	{ "Medewerker ontvangst", "Ruben De Smet", "ruben.desmet@example.net", NULL, "proposed", NULL, NULL, 0, 0, 4 },
};

static const struct demo_comment {
	const char *name, *author, *body;
	int days;
} demo_comments[] = {
	{ "Mohamed El Amrani", "hiring.manager@klant.example",
	  "Heeft hij ervaring met een sealmachine? Dat is voor deze lijn belangrijk.", 4 },
	{ "Mohamed El Amrani", "consultant@uitzendbureau.example",
	  "Ja, twee jaar bij een verpakkingsbedrijf in Breda. Zijn referentie is positief.", 3 },
};

static NEOERR *demo_user_id(const char *email, long long *id)
{
	char *found = NULL;
	NEOERR *err = db_value(&found, "SELECT id FROM users WHERE email = ?", "s", email);

	*id = found ? atoll(found) : 0;
	free(found);
	return nerr_pass(err);
}

/* One step of a demo candidate's timeline, at days ago. */
static NEOERR *demo_step(long long cid, const char *step, long long actor, long long days, const char *note)
{
	return nerr_pass(db_exec(NULL, "INSERT INTO candidate_events (candidate_id, step, actor, at, note)"
				       " VALUES (?, ?, ?, UTC_TIMESTAMP() - INTERVAL ? HOUR, ?)",
				 "isiis", cid, step, actor, days * 24, note));
}

static NEOERR *seed_candidates(const long long *ids)
{
	long long consultant = 0, manager = 0;
	NEOERR *err = demo_user_id("consultant@uitzendbureau.example", &consultant);

	(void)ids;
	if (!err)
		err = demo_user_id("hiring.manager@klant.example", &manager);
	if (!err)
		err = documents_init();
	for (size_t i = 0; i < ARRAY_SIZE(demo_candidates) && !err; i++) {
		const struct demo_candidate *c = &demo_candidates[i];
		const char *problem = NULL;
		long long vid = 0, unit = 0, worker = 0, doc = 0, cid, days = c->days;
		char title[256], *name = NULL;
		int interview = strcmp(c->state, "interview") == 0 || strcmp(c->state, "accepted") == 0;
		int accepted = strcmp(c->state, "accepted") == 0;
		/* Days ago the candidate entered the current state; the times
		 * offered lie ahead, or behind for who was accepted since. */
		long long changed = !strcmp(c->state, "proposed") ? days : !strcmp(c->state, "interview")
			? days - 1 : accepted ? 1 : days - 2;
		long long slot_day = accepted ? -4 : 3;
		DBQuery *q;
		FILE *f;

		err = db_query(&q, "SELECT id, unit_id FROM vacancies WHERE title = ? ORDER BY id LIMIT 1", "s",
			       c->vacancy);
		if (err)
			break;
		if (db_next(q)) {
			vid = db_int(q, 0);
			unit = db_int(q, 1);
		}
		db_end(&q);
		if (c->worker)
			err = demo_user_id(c->worker, &worker);
		if (err || !vid)
			break;
		/* A temp worker's CV is on file already; a new person's comes
		 * with the proposal, uploaded the day they were proposed. */
		if (worker) {
			err = db_value(&name, "SELECT id FROM documents WHERE doc_type = 'cv' AND person_id = ?"
					      " ORDER BY id LIMIT 1", "i", worker);
			doc = name ? atoll(name) : 0;
			free(name);
		} else {
			snprintf(title, sizeof(title), "CV %s", c->name);
			f = demo_pdf(title);
			if (!f)
				err = nerr_raise(NERR_IO, "no temp file for a demo CV");
			if (!err)
				err = documents_add(NULL, f, "cv", title, "cv.pdf", unit, 0, &doc, &problem);
			if (f)
				fclose(f);
			if (!err && problem)
				err = nerr_raise(NERR_ASSERT, "demo CV refused: %s", problem);
			if (!err)
				err = db_exec(NULL, "UPDATE documents SET created_at = created_at - INTERVAL ? DAY,"
						    " clock_start = clock_start - INTERVAL ? DAY,"
						    " expires_at = expires_at - INTERVAL ? DAY WHERE id = ?",
					      "iiii", days, days, days, doc);
		}
		if (!err)
			err = db_exec(NULL,
				"INSERT INTO candidates (vacancy_id, worker_id, name, contact, cv_document_id, proposal,"
				" anonymised, revealed_at, state, reason_code, reason_text, decided_by, created_by,"
				" created_at, state_changed_at) VALUES (?, NULLIF(?, 0), ?, ?, ?,"
				" 'Betrouwbare kracht met ervaring in productie en logistiek; direct beschikbaar.',"
				" ?, IF(?, UTC_TIMESTAMP() - INTERVAL ? HOUR, NULL), ?, ?, ?,"
				" IF(? IN ('accepted', 'rejected'), ?, NULL), ?,"
				" UTC_TIMESTAMP() - INTERVAL ? HOUR, UTC_TIMESTAMP() - INTERVAL ? HOUR)",
				"iissiiiissssiiii", vid, worker, c->name, c->email, doc, (long long)c->anonymised, (long long)interview, (days - 1) * 24, c->state, c->reason,
				c->text, c->state, manager, consultant, days * 24,
				(days - (strcmp(c->state, "proposed") ? 2 : 0)) * 24);
		if (err)
			break;
		cid = (long long)db_insert_id();
		err = demo_step(cid, "proposed", consultant, days, NULL);
		if (!err && interview)
			err = demo_step(cid, "interview", manager, days - 1, NULL);
		/* Two times offered, at 10:00 and 14:00 local time; one confirmed or none yet. */
		for (int s = 0; interview && s < 2 && !err; s++)
			err = db_exec(NULL, "INSERT INTO candidate_slots (candidate_id, starts_at, chosen)"
					    " VALUES (?, UTC_DATE() + INTERVAL ? DAY + INTERVAL ? HOUR, ?)",
				      "iiii", cid, slot_day + s, (long long)(10 + 4 * s),
				      (long long)(s == 0 && c->interview_confirmed));
		if (!err && interview && c->interview_confirmed) {
			err = db_exec(NULL, "UPDATE candidates SET interview_at = (SELECT starts_at FROM"
					    " candidate_slots WHERE candidate_id = ? AND chosen = 1) WHERE id = ?",
				      "ii", cid, cid);
			if (!err)
				err = demo_step(cid, "confirmed", consultant, days - 2, NULL);
		}
		if (!err && strcmp(c->state, "proposed") && strcmp(c->state, "interview"))
			err = demo_step(cid, c->state, strcmp(c->state, "withdrawn") ? manager : consultant,
					changed, c->reason);
		if (!err && worker && !strcmp(c->state, "accepted"))
			err = db_exec(NULL, "INSERT INTO pool (worker_user_id, unit_id, position, source,"
					    " candidate_id, created_at) SELECT ?, unit_id, position, 'vacancy', ?,"
					    " UTC_TIMESTAMP() FROM vacancies WHERE id = ?"
					    " ON DUPLICATE KEY UPDATE candidate_id = candidate_id",
				      "iii", worker, cid, vid);
	}
	for (size_t i = 0; i < ARRAY_SIZE(demo_comments) && !err; i++) {
		const struct demo_comment *m = &demo_comments[i];
		unsigned char raw[16];
		char key[32];
		long long author = 0;

		util_random(raw, sizeof(raw));
		util_b64url(raw, sizeof(raw), key);
		err = demo_user_id(m->author, &author);
		if (!err)
			err = db_exec(NULL, "INSERT INTO candidate_comments (candidate_id, author, body, form_key,"
					    " created_at) SELECT id, ?, ?, ?, UTC_TIMESTAMP() - INTERVAL ? HOUR"
					    " FROM candidates WHERE name = ? ORDER BY id LIMIT 1",
				      "issis", author, m->body, key, (long long)m->days * 24, m->name);
	}
	return nerr_pass(err);
}

/* --- demo planning ----------------------------------------------------- */

/* Temp workers in the pools of two teams, with their skills, their weeks
 * and a few shifts this week; Jan Willems came in through a vacancy. */
static const struct demo_worker {
	const char *email, *first, *last, *unit, *position, *week;
} demo_workers[] = {
	{ "worker@flex.example", "Jan", "Willems", "teamA1", "Productiemedewerker inpak", "12345" },
	{ "sanne.peeters@flex.example", "Sanne", "Peeters", "teamA1", "Productiemedewerker inpak", "1234567" },
	{ "youssef.amrani@flex.example", "Youssef", "Amrani", "teamA1", "Heftruckchauffeur", "12345" },
	{ "lisa.maes@flex.example", "Lisa", "Maes", "teamA2", "Orderpicker", "3456" },
	{ "tom.jacobs@flex.example", "Tom", "Jacobs", "teamA2", "Orderpicker", "" },
};

/* The shifts: worker (index), day of this week (0 Monday), start and end
 * hours at the unit. -1: an open shift at team A1. Each again a week
 * later, so that the demo has a week ahead too. */
static const struct demo_shift {
	int worker, day, from, to;
} demo_shifts[] = {
	{ 0, 0, 7, 15 }, { 0, 1, 7, 15 }, { 1, 0, 14, 22 }, { 1, 2, 14, 22 }, { 2, 3, 6, 14 },
	{ 3, 1, 8, 17 }, { -1, 4, 7, 15 },
};

static NEOERR *seed_planning(const long long *ids)
{
	char *have = NULL, *client = NULL;
	long long worker_ids[ARRAY_SIZE(demo_workers)] = { 0 }, consultant = 0, planner = 0;
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM worker_skills", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	err = db_value(&client, "SELECT client_id FROM org_units WHERE id = ?", "i", unit_of("teamA1", ids));
	if (!err)
		err = demo_user_id("consultant@uitzendbureau.example", &consultant);
	if (!err)
		err = demo_user_id("planner@klant.example", &planner);
	for (size_t i = 0; i < ARRAY_SIZE(demo_workers) && !err; i++) {
		const struct demo_worker *w = &demo_workers[i];
		err = db_exec(NULL, "INSERT INTO users (kind, email, first_name, last_name, status, created_at,"
				    " last_activity_at) VALUES ('worker', ?, ?, ?, 'active', UTC_TIMESTAMP(),"
				    " UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = id", "sss", w->email, w->first, w->last);
		if (!err)
			err = demo_user_id(w->email, &worker_ids[i]);
		if (!err)
			err = db_exec(NULL, "INSERT INTO pool (worker_user_id, unit_id, position, source, added_by,"
					    " created_at) VALUES (?, ?, ?, 'agency', ?, UTC_TIMESTAMP())"
					    " ON DUPLICATE KEY UPDATE id = id",
				      "iisi", worker_ids[i], unit_of(w->unit, ids), w->position, consultant);
		if (!err)
			err = db_exec(NULL, "INSERT INTO worker_skills (worker_user_id, client_id, position, created_by,"
					    " created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
				      "iisi", worker_ids[i], atoll(client ? client : "0"), w->position, consultant);
		/* Available 06:00–22:00 on the weekdays listed (1 Monday). */
		for (const char *d = w->week; *d && !err; d++)
			err = db_exec(NULL, "INSERT INTO availability_week (worker_user_id, weekday, starts, ends)"
					    " VALUES (?, ?, '06:00', '22:00')", "ii", worker_ids[i], (long long)(*d - '0'));
	}
	for (size_t i = 0; i < 2 * ARRAY_SIZE(demo_shifts) && !err; i++) {
		const struct demo_shift *s = &demo_shifts[i % ARRAY_SIZE(demo_shifts)];
		int week = (int)(i / ARRAY_SIZE(demo_shifts));
		const struct demo_worker *w = s->worker < 0 ? &demo_workers[0] : &demo_workers[s->worker];
		const char *zone = conf_str("Planning.TimeZone");
		struct tm now, day;
		time_t noon, from, to;
		char a[20], b[20];

		/* This week's Monday at the units (the demo's zone), plus the day. */
		tz_local(zone, time(NULL), &now);
		noon = timegm(&(struct tm){ .tm_year = now.tm_year, .tm_mon = now.tm_mon,
					     .tm_mday = now.tm_mday - (now.tm_wday + 6) % 7 + 7 * week + s->day,
					     .tm_hour = 12 });
		gmtime_r(&noon, &day);
		if (!tz_utc(zone, day.tm_year + 1900, day.tm_mon + 1, day.tm_mday, s->from, 0, &from) ||
		    !tz_utc(zone, day.tm_year + 1900, day.tm_mon + 1, day.tm_mday, s->to, 0, &to))
			continue;
		strftime(a, sizeof(a), "%Y-%m-%d %H:%M:%S", gmtime_r(&from, &day));
		strftime(b, sizeof(b), "%Y-%m-%d %H:%M:%S", gmtime_r(&to, &day));
		err = db_exec(NULL, "INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at,"
				    " break_minutes, created_by, created_at, updated_at) VALUES (?, ?, NULLIF(?, 0),"
				    " ?, ?, 30, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			      "isissi", unit_of(w->unit, ids), w->position,
			      s->worker < 0 ? 0LL : worker_ids[s->worker], a, b, planner);
	}
	free(client);
	return nerr_pass(err);
}

/* --- demo timesheets --------------------------------------------------- */

/* Contracted shifts in the three weeks before this one (Monday to
 * Wednesday, 07:00–15:30 with half an hour's break, for every demo
 * worker), and timesheets of them in every state: Jan Willems (who has a
 * login) approved, rejected and a draft of his own that nobody else sees;
 * Sanne Peeters (hours kept by the agency) approved, corrected as a second
 * version and submitted; Youssef Amrani approved and submitted with an
 * evening more than planned; Lisa Maes submitted; Tom Jacobs's last week
 * still to be filled in. */
static const struct demo_sheet {
	int worker, week;          /* demo_workers index; weeks before this one */
	const char *state;
	int versions, extra;       /* versions sent; minutes added to the first day */
	const char *reason;
} demo_sheets[] = {
	{ 0, 3, "approved", 1, 0, NULL },
	{ 0, 2, "rejected", 0, 60, "Maandag klopt niet: volgens de prikklok begon je om 07:00, niet om 06:00." },
	{ 0, 1, "draft", 0, 0, NULL },
	{ 1, 3, "approved", 1, 0, NULL },
	{ 1, 2, "approved", 2, 30, "Een half uur overwerk op maandag stond niet op het urenbriefje." },
	{ 1, 1, "submitted", 0, 0, NULL },
	{ 2, 2, "approved", 1, 0, NULL },
	{ 2, 1, "submitted", 0, 150, NULL },
	{ 3, 1, "submitted", 0, 0, NULL },
};

static NEOERR *seed_timesheets(const long long *ids)
{
	const char *zone = conf_str("Planning.TimeZone");
	long long workers[ARRAY_SIZE(demo_workers)] = { 0 }, consultant = 0, supervisor = 0;
	char *have = NULL;
	struct tm now;
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM contracts WHERE contract_no LIKE 'DEMO-%'", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	err = demo_user_id("consultant@uitzendbureau.example", &consultant);
	if (!err)
		err = demo_user_id("supervisor@klant.example", &supervisor);
	for (size_t i = 0; i < ARRAY_SIZE(demo_workers) && !err; i++)
		err = demo_user_id(demo_workers[i].email, &workers[i]);
	tz_local(zone, time(NULL), &now);
	/* The shifts, each with its contract. */
	for (size_t w = 0; w < ARRAY_SIZE(demo_workers) && !err; w++)
		for (int week = 1; week <= 3 && !err; week++)
			for (int day = 0; day < 3 && !err; day++) {
				struct tm d;
				time_t noon = timegm(&(struct tm){ .tm_year = now.tm_year, .tm_mon = now.tm_mon,
					.tm_mday = now.tm_mday - (now.tm_wday + 6) % 7 - 7 * week + day, .tm_hour = 12 });
				time_t from, to;
				char a[20], b[20], no[32];
				gmtime_r(&noon, &d);
				if (!tz_utc(zone, d.tm_year + 1900, d.tm_mon + 1, d.tm_mday, 7, 0, &from) ||
				    !tz_utc(zone, d.tm_year + 1900, d.tm_mon + 1, d.tm_mday, 15, 30, &to))
					continue;
				strftime(a, sizeof(a), "%Y-%m-%d %H:%M:%S", gmtime_r(&from, &d));
				strftime(b, sizeof(b), "%Y-%m-%d %H:%M:%S", gmtime_r(&to, &d));
				err = db_exec(NULL, "INSERT INTO shifts (unit_id, position, worker_user_id, starts_at, ends_at,"
						    " break_minutes, state, created_by, created_at, updated_at, published_at)"
						    " VALUES (?, ?, ?, ?, ?, 30, 'contracted', ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(),"
						    " UTC_TIMESTAMP())",
					      "isissi", unit_of(demo_workers[w].unit, ids), demo_workers[w].position,
					      workers[w], a, b, consultant);
				snprintf(no, sizeof(no), "DEMO-%zu-%d-%d", w, week, day);
				if (!err)
					err = db_exec(NULL, "INSERT INTO contracts (shift_id, version, contract_no, hourly_wage,"
							    " bill_rate, created_at) VALUES (LAST_INSERT_ID(), 1, ?, 14.25, 23.50,"
							    " UTC_TIMESTAMP())", "s", no);
				if (!err)
					err = db_exec(NULL, "UPDATE shifts SET contract_id = LAST_INSERT_ID()"
							    " WHERE id = (SELECT shift_id FROM contracts WHERE id = LAST_INSERT_ID())",
						      NULL);
			}
	/* The timesheets, their entries as the shifts were, and their versions. */
	for (size_t i = 0; i < ARRAY_SIZE(demo_sheets) && !err; i++) {
		const struct demo_sheet *t = &demo_sheets[i];
		const struct demo_worker *w = &demo_workers[t->worker];
		int on_behalf = t->worker != 0;
		char week[11], *id = NULL;
		time_t noon = timegm(&(struct tm){ .tm_year = now.tm_year, .tm_mon = now.tm_mon,
			.tm_mday = now.tm_mday - (now.tm_wday + 6) % 7 - 7 * t->week, .tm_hour = 12 });
		struct tm d;
		time_t from, to;

		gmtime_r(&noon, &d);
		strftime(week, sizeof(week), "%Y-%m-%d", &d);
		tz_utc(zone, d.tm_year + 1900, d.tm_mon + 1, d.tm_mday, 0, 0, &from);
		to = from + 7 * 86400;
		err = db_exec(NULL, "INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version, reason,"
				    " entered_by, submitted_at, decided_at, decided_by, created_at, updated_at)"
				    " VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), IF(? = 'draft', NULL, UTC_TIMESTAMP()),"
				    " IF(? IN ('approved', 'rejected'), UTC_TIMESTAMP(), NULL),"
				    " IF(? IN ('approved', 'rejected'), ?, NULL), UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			      "iisssisisssi", workers[t->worker], unit_of(w->unit, ids), w->position, week, t->state,
			      (long long)t->versions, !strcmp(t->state, "rejected") ? t->reason : NULL,
			      on_behalf ? consultant : 0LL, t->state, t->state, t->state, supervisor);
		if (!err)
			err = db_value(&id, "SELECT LAST_INSERT_ID()", NULL);
		if (!err)
			err = db_exec(NULL, "INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes,"
					    " minutes, position, shift_id, entered_by, created_at, updated_at)"
					    " SELECT ?, DATE(s.starts_at), s.starts_at, s.ends_at, s.break_minutes,"
					    " TIMESTAMPDIFF(MINUTE, s.starts_at, s.ends_at) - s.break_minutes, s.position, s.id,"
					    " NULLIF(?, 0), UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM shifts s"
					    " WHERE s.worker_user_id = ? AND s.state = 'contracted' AND s.starts_at >= FROM_UNIXTIME(?)"
					    " AND s.starts_at < FROM_UNIXTIME(?) ORDER BY s.starts_at",
				      "siiii", id, on_behalf ? consultant : 0LL, workers[t->worker], (long long)from,
				      (long long)to);
		/* Worked longer than planned on the first day. */
		if (!err && t->extra)
			err = db_exec(NULL, "UPDATE timesheet_entries SET ends_at = ends_at + INTERVAL ? MINUTE,"
					    " minutes = minutes + ? WHERE timesheet_id = ? ORDER BY starts_at LIMIT 1",
				      "iis", (long long)t->extra, (long long)t->extra, id);
		if (!err)
			err = db_exec(NULL, "UPDATE timesheets SET minutes = (SELECT SUM(minutes) FROM timesheet_entries"
					    " WHERE timesheet_id = ?) WHERE id = ?", "ss", id, id);
		for (int v = 1; v <= t->versions && !err; v++)
			err = db_exec(NULL, "INSERT INTO timesheet_versions (timesheet_id, version, entries, minutes, reason,"
					    " made_by, made_at, sent_at) SELECT t.id, ?, '[]', t.minutes, ?, ?, UTC_TIMESTAMP(),"
					    " UTC_TIMESTAMP() FROM timesheets t WHERE t.id = ?",
				      "isis", (long long)v, v > 1 ? t->reason : NULL, v > 1 ? consultant : supervisor, id);
		free(id);
	}
	return nerr_pass(err);
}

/* --- demo figures ------------------------------------------------------ */

/* Two years of approved weeks before the demo's own (Monday to Friday, 8
 * hours a day; now and then a week off; Tom Jacobs only this last year),
 * and the back-office's weekly invoices of them: a line per week at a
 * rate per position, 21 % VAT, dated the week's Sunday. */
static NEOERR *seed_reports(const long long *ids)
{
	long long workers[ARRAY_SIZE(demo_workers)] = { 0 }, supervisor = 0;
	char monday[11], *have = NULL;
	time_t now = time(NULL);
	struct tm t;
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM invoices WHERE number LIKE 'DEMO-%'", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	gmtime_r(&now, &t);
	now -= (time_t)((t.tm_wday + 6) % 7) * 86400;
	strftime(monday, sizeof(monday), "%Y-%m-%d", gmtime_r(&now, &t));
	err = demo_user_id("supervisor@klant.example", &supervisor);
	for (size_t i = 0; i < ARRAY_SIZE(demo_workers) && !err; i++)
		err = demo_user_id(demo_workers[i].email, &workers[i]);
	for (size_t w = 0; w < ARRAY_SIZE(demo_workers) && !err; w++) {
		err = db_exec(NULL, "INSERT INTO timesheets (worker_user_id, unit_id, position, week, state, version,"
				    " minutes, submitted_at, decided_at, decided_by, created_at, updated_at)"
				    " SELECT ?, ?, ?, ? - INTERVAL (seq * 7) DAY, 'approved', 1, 2400, UTC_TIMESTAMP(),"
				    " UTC_TIMESTAMP(), ?, UTC_TIMESTAMP(), UTC_TIMESTAMP() FROM seq_4_to_107"
				    " WHERE (seq + ?) % 11 <> 0 AND seq <= ?",
			      "iissiii", workers[w], unit_of(demo_workers[w].unit, ids), demo_workers[w].position, monday,
			      supervisor, (long long)w * 3, w == 4 ? 55LL : 107LL);
		if (!err)
			err = db_exec(NULL, "INSERT INTO timesheet_entries (timesheet_id, day, starts_at, ends_at, break_minutes,"
					    " minutes, position, created_at, updated_at)"
					    " SELECT t.id, t.week + INTERVAL d.seq DAY, t.week + INTERVAL d.seq DAY + INTERVAL 6 HOUR,"
					    " t.week + INTERVAL d.seq DAY + INTERVAL 870 MINUTE, 30, 480, t.position,"
					    " UTC_TIMESTAMP(), UTC_TIMESTAMP()"
					    " FROM timesheets t JOIN seq_0_to_4 d WHERE t.worker_user_id = ? AND t.week < ? - INTERVAL 3 WEEK",
				      "is", workers[w], monday);
	}
	/* An invoice a client a week; its lines, then its totals. */
	if (!err)
		err = db_exec(NULL, "INSERT INTO invoices (client_id, number, kind, invoice_date, period_start, period_end,"
				    " amount_cents, vat_cents, imported_at)"
				    " SELECT o.client_id, CONCAT('DEMO-', o.client_id, '-', DATE_FORMAT(t.week, '%x-%v')), 'invoice',"
				    " t.week + INTERVAL 6 DAY, t.week, t.week + INTERVAL 6 DAY, 0, 0, UTC_TIMESTAMP()"
				    " FROM timesheets t JOIN org_units o ON o.id = t.unit_id"
				    " WHERE t.state = 'approved' AND t.week < ? - INTERVAL 3 WEEK GROUP BY o.client_id, t.week",
			      "s", monday);
	if (!err)
		err = db_exec(NULL, "INSERT INTO invoice_lines (invoice_id, line_no, unit_id, invoice_date, worker_user_id,"
				    " position, period_start, period_end, minutes, rate_cents, amount_cents, vat_cents)"
				    " SELECT i.id, ROW_NUMBER() OVER (PARTITION BY i.id ORDER BY t.id), t.unit_id, i.invoice_date,"
				    " t.worker_user_id, t.position, t.week, t.week + INTERVAL 6 DAY, t.minutes, r.rate,"
				    " (t.minutes * r.rate + 30) DIV 60, ((t.minutes * r.rate + 30) DIV 60 * 21 + 50) DIV 100"
				    " FROM timesheets t JOIN org_units o ON o.id = t.unit_id"
				    " JOIN invoices i ON i.client_id = o.client_id AND i.period_start = t.week AND i.number LIKE 'DEMO-%'"
				    " JOIN (SELECT 'Productiemedewerker inpak' AS position, 3053 AS rate UNION ALL"
				    "  SELECT 'Heftruckchauffeur', 3225 UNION ALL SELECT 'Orderpicker', 2891) r ON r.position = t.position"
				    " WHERE t.state = 'approved' AND t.week < ? - INTERVAL 3 WEEK",
			      "s", monday);
	if (!err)
		err = db_exec(NULL, "UPDATE invoices i JOIN (SELECT invoice_id, SUM(amount_cents) a, SUM(vat_cents) v"
				    " FROM invoice_lines GROUP BY invoice_id) s ON s.invoice_id = i.id"
				    " SET i.amount_cents = s.a, i.vat_cents = s.v WHERE i.number LIKE 'DEMO-%'", NULL);
	return nerr_pass(err);
}

/* --- demo documents ---------------------------------------------------- */

/* A one-page PDF saying text, in a temp file. */
static FILE *demo_pdf(const char *text)
{
	FILE *f = tmpfile();
	char content[512];
	long offs[6];
	int clen;

	if (!f)
		return NULL;
	clen = snprintf(content, sizeof(content), "BT /F1 16 Tf 72 770 Td (%s) Tj ET\n", text);
	fputs("%PDF-1.4\n", f);
	offs[1] = ftell(f);
	fputs("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n", f);
	offs[2] = ftell(f);
	fputs("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n", f);
	offs[3] = ftell(f);
	fputs("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
	      " /Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n", f);
	offs[4] = ftell(f);
	fprintf(f, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", clen, content);
	offs[5] = ftell(f);
	fputs("5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n", f);
	{
		long xref = ftell(f);
		fputs("xref\n0 6\n0000000000 65535 f \n", f);
		for (int i = 1; i <= 5; i++)
			fprintf(f, "%010ld 00000 n \n", offs[i]);
		fprintf(f, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", xref);
	}
	rewind(f);
	return f;
}

static const struct demo_doc {
	const char *type, *title, *filename, *unit, *person;
	int expired;
} demo_docs[] = {
	{ "contract", "Contract week 47 — Jan Willems", "contract-2026-47.pdf", "teamA1", "worker@flex.example", 0 },
	{ "contract", "Contract week 12 — Jan Willems", "contract-2019-12.pdf", "teamA1", "worker@flex.example", 1 },
	{ "invoice", "Factuur 2026-1147", "factuur-2026-1147.pdf", "klant", NULL, 0 },
	{ "invoice", "Factuur 2018-0042", "factuur-2018-0042.pdf", "klant", NULL, 1 },
	{ "contract", "Contract week 47 — Team A2", "contract-a2-2026-47.pdf", "teamA2", NULL, 0 },
	{ "cv", "CV Jan Willems", "cv-jan-willems.pdf", "teamA1", "worker@flex.example", 0 },
	{ "other", "Werkinstructie Gent", "werkinstructie-gent.pdf", "andereTeam", NULL, 0 },
};

static NEOERR *seed_documents(const long long *ids)
{
	char *have = NULL;
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM documents", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	err = documents_init();
	for (size_t i = 0; i < ARRAY_SIZE(demo_docs) && !err; i++) {
		const struct demo_doc *d = &demo_docs[i];
		long long person = 0, doc = 0;
		const char *problem = NULL;
		char *p = NULL;
		FILE *f;

		if (d->person) {
			err = db_value(&p, "SELECT id FROM users WHERE email = ?", "s", d->person);
			person = p ? atoll(p) : 0;
			free(p);
		}
		f = demo_pdf(d->title);
		if (!err && !f)
			err = nerr_raise(NERR_IO, "no temp file for a demo document");
		if (!err)
			err = documents_add(NULL, f, d->type, d->title, d->filename, unit_of(d->unit, ids),
					    person, &doc, &problem);
		if (f)
			fclose(f);
		if (!err && problem)
			err = nerr_raise(NERR_ASSERT, "demo document refused: %s", problem);
		if (!err && d->expired)
			err = db_exec(NULL, "UPDATE documents SET created_at = created_at - INTERVAL 8 YEAR,"
					    " clock_start = clock_start - INTERVAL 8 YEAR,"
					    " expires_at = UTC_DATE() - INTERVAL 30 DAY WHERE id = ?", "i", doc);
	}
	return nerr_pass(err);
}
