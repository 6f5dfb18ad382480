/* portalctl.c: the administrator's command line: migrate, check-config, seed-demo, send-test-mail … */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "account.h"
#include "acl.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "files.h"
#include "org.h"
#include "totp.h"
#include "tz.h"
#include "mail.h"
#include "outbox.h"
#include "util.h"
#include "view.h"

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line on stderr, exit status 1. */
static int fail(const char *fmt, ...)
{
	va_list ap;
	fputs("portalctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int fail_nerr(const char *what, NEOERR *err)
{
	char msg[1024];
	util_nerr_msg(err, msg, sizeof(msg));
	nerr_ignore(&err);
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return fail("%s: %s", what, msg);
}

static int load_conf(void)
{
	NEOERR *err = conf_load(NULL);
	if (err)
		return fail_nerr("configuration", err);
	return 0;
}

/* --- migrate ----------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_migration(const char *n)
{
	size_t l = strlen(n);
	return l > 8 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' && n[1] <= '9' &&
	       n[2] >= '0' && n[2] <= '9' && n[3] == '_' && !strcmp(n + l - 4, ".sql");
}

/* Runs the statements of a migration one by one: they are split at a ';'
 * that ends a line. Comment lines are dropped. */
static NEOERR *run_script(char *text)
{
	STRING stmt;
	char *line, *save = NULL;
	NEOERR *err = STATUS_OK;

	string_init(&stmt);
	for (line = strtok_r(text, "\n", &save); line && !err; line = strtok_r(NULL, "\n", &save)) {
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\r' || line[l - 1] == ' ' || line[l - 1] == '\t'))
			line[--l] = '\0';
		if (!strncmp(line, "--", 2) || !l)
			continue;
		string_append(&stmt, line);
		string_append(&stmt, "\n");
		if (line[l - 1] == ';') {
			err = db_run_fixed(stmt.buf);
			string_clear(&stmt);
			string_init(&stmt);
		}
	}
	if (!err && stmt.len)
		err = db_run_fixed(stmt.buf);
	string_clear(&stmt);
	return nerr_pass(err);
}

static int cmd_migrate(void)
{
	const char *dir;
	DIR *d;
	struct dirent *e;
	char **names = NULL, path[1024];
	int n = 0, applied = 0, rc = 0;
	NEOERR *err;

	if (load_conf())
		return 1;
	err = db_run_fixed("CREATE TABLE IF NOT EXISTS schema_migrations ("
			   " name VARCHAR(200) NOT NULL PRIMARY KEY,"
			   " sha256 CHAR(64) NOT NULL,"
			   " applied_at DATETIME NOT NULL"
			   ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
	if (err)
		return fail_nerr("migrate", err);
	dir = conf_str("Paths.Sql");
	d = opendir(dir);
	if (!d)
		return fail("migrate: cannot read %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL) {
		if (!is_migration(e->d_name))
			continue;
		names = xrealloc(names, sizeof(*names) * (size_t)(n + 1));
		names[n++] = xstrdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(*names), name_cmp);

	for (int i = 0; i < n && !rc; i++) {
		char *text = NULL, *known = NULL, hex[65];
		unsigned char h[32];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		err = ne_load_file(path, &text);
		if (err) {
			rc = fail_nerr(path, err);
			break;
		}
		SHA256((unsigned char *)text, strlen(text), h);
		util_hex(h, sizeof(h), hex);
		err = db_value(&known, "SELECT sha256 FROM schema_migrations WHERE name = ?", "s",
			       names[i]);
		if (err) {
			free(text);
			rc = fail_nerr("migrate", err);
			break;
		}
		if (known) {
			if (strcmp(known, hex))
				rc = fail("migrate: %s was changed after it was applied; "
					  "add a new migration instead", path);
			free(known);
			free(text);
			continue;
		}
		err = run_script(text);
		free(text);
		if (!err)
			err = db_exec(NULL, "INSERT INTO schema_migrations (name, sha256, applied_at)"
					    " VALUES (?, ?, UTC_TIMESTAMP())", "ss", names[i], hex);
		if (err) {
			rc = fail_nerr(path, err);
			break;
		}
		printf("applied %s\n", names[i]);
		applied++;
	}
	if (!rc)
		printf("migrations: %d applied, %d up to date\n", applied, n - applied);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

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

static int cmd_seed_demo(void)
{
	long long ids[ARRAY_SIZE(demo_units)] = { 0 }, client_ids[ARRAY_SIZE(demo_units)] = { 0 };
	char hash[AUTH_HASH_MAX];
	NEOERR *err;
	int added = 0;

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
		err = audit_add(NULL, 0, "demo.seed", "", 0, 0, "demo data loaded");
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		return fail_nerr("seed-demo", err);
	}
	printf("demo data: %d users added, %zu present; password %s\n", added,
	       ARRAY_SIZE(demo_users), DEMO_PASSWORD);
	return 0;
}

/* --- create-agency-admin ---------------------------------------------- */

/* The first agency admin of a new installation: an account with the role
 * agency_admin on the agency's root unit (made if there is none), and an
 * invitation link printed for the operator to hand over. */
static int cmd_create_agency_admin(const char *email, const char *first, const char *last)
{
	char *root = NULL, *found = NULL, *url = NULL;
	long long root_id, uid;
	NEOERR *err;

	if (load_conf())
		return 1;
	if (!mail_address_ok(email))
		return fail("create-agency-admin: not a plain e-mail address: %s", email);
	if (!util_utf8_ok(first, 0) || !util_utf8_ok(last, 0) || strlen(first) > 100 ||
	    strlen(last) > 100)
		return fail("create-agency-admin: the name must be text of at most 100 bytes");
	err = db_value(&found, "SELECT id FROM users WHERE email = ?", "s", email);
	if (err)
		return fail_nerr("create-agency-admin", err);
	if (found) {
		free(found);
		return fail("create-agency-admin: %s already has an account", email);
	}
	err = db_begin();
	if (!err)
		err = db_value(&root, "SELECT id FROM org_units WHERE kind = 'agency' AND parent_id IS NULL"
				      " ORDER BY id LIMIT 1", NULL);
	if (!err && !root)
		err = org_create(0, "agency", conf_str("Portal.Name"), 0, &root_id);
	else if (!err)
		root_id = atoll(root);
	free(root);
	if (!err)
		err = db_exec(NULL, "INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
				    " VALUES ('agency', ?, ?, ?, 'invited', UTC_TIMESTAMP())",
			      "sss", email, first, last);
	uid = (long long)db_insert_id();
	if (!err)
		err = db_exec(NULL, "INSERT INTO grants (user_id, role, unit_id, created_at)"
				    " VALUES (?, 'agency_admin', ?, UTC_TIMESTAMP())", "ii", uid, root_id);
	if (!err)
		err = audit_add(NULL, 0, "user.create", "user", uid, root_id, "portalctl create-agency-admin");
	if (!err)
		err = account_invite_url(NULL, uid, 0, &url);
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		free(url);
		return fail_nerr("create-agency-admin", err);
	}
	printf("%s\n", url);
	free(url);
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

static NEOERR *demo_user_id(const char *email, long long *id);

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

		RAND_bytes(raw, sizeof(raw));
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

/* --- import-document --------------------------------------------------- */

/* A document from a file on the server (bulk imports, the benchmark),
 * checked like an upload. Prints the new document's id. */
static int cmd_import_document(const char *type, const char *unit, const char *title,
			       const char *path)
{
	const char *problem = NULL, *name = strrchr(path, '/');
	long long doc = 0;
	char *found = NULL;
	NEOERR *err;
	FILE *f;

	if (load_conf())
		return 1;
	err = documents_init();
	if (!err)
		err = db_value(&found, "SELECT id FROM org_units WHERE id = ? AND archived_at IS NULL", "i",
			       atoll(unit));
	if (err)
		return fail_nerr("import-document", err);
	if (!found)
		return fail("import-document: no unit %s", unit);
	free(found);
	if (!util_utf8_ok(title, 0) || util_utf8_len(title) > 200)
		return fail("import-document: the title must be text of at most 200 characters");
	f = fopen(path, "rb");
	if (!f)
		return fail("import-document: %s: %s", path, strerror(errno));
	err = documents_add(NULL, f, type, title, name ? name + 1 : path, atoll(unit), 0, &doc, &problem);
	fclose(f);
	if (err)
		return fail_nerr("import-document", err);
	if (problem)
		return fail("import-document: %s refused: %s", path, problem);
	printf("%lld\n", doc);
	return 0;
}

/* --- files-sweep ------------------------------------------------------- */

static int cmd_files_sweep(int delete)
{
	STRING report;
	int orphans, missing, files;
	NEOERR *err;

	if (load_conf())
		return 1;
	string_init(&report);
	err = documents_sweep(NULL, delete, &report, &files, &orphans, &missing);
	if (err) {
		string_clear(&report);
		return fail_nerr("files-sweep", err);
	}
	fputs(report.buf ? report.buf : "", stdout);
	string_clear(&report);
	printf("files-sweep: %d files in the store, %d orphan%s%s, %d document%s without a file%s\n",
	       files, orphans, orphans == 1 ? "" : "s", delete ? " removed" : "", missing,
	       missing == 1 ? "" : "s", delete ? "" : " (dry run: --delete removes the orphans)");
	return 0;
}

/* --- audit-verify ------------------------------------------------------ */

static int cmd_audit_verify(void)
{
	long long checked, bad;
	char why[256];
	NEOERR *err;

	if (load_conf())
		return 1;
	err = audit_verify(&checked, &bad, why, sizeof(why));
	if (err)
		return fail_nerr("audit-verify", err);
	if (bad)
		return fail("audit-verify: %s", why);
	printf("audit log intact: %lld rows\n", checked);
	return 0;
}

/* --- send-test-mail ---------------------------------------------------- */

static int cmd_send_test_mail(const char *to)
{
	NEOERR *err;
	char key[128];
	const char *lang;

	if (load_conf())
		return 1;
	if (!mail_address_ok(to))
		return fail("send-test-mail: not a plain e-mail address: %s", to);
	err = view_init();
	if (err)
		return fail_nerr("send-test-mail", err);
	lang = view_lang(NULL);
	snprintf(key, sizeof(key), "test-mail:%lld", (long long)util_now_us());
	err = outbox_mail(key, to, "", view_text(lang, "Lang.Mail.TestSubject"),
			  view_text(lang, "Lang.Mail.TestBody"), NULL);
	if (err)
		return fail_nerr("send-test-mail", err);
	printf("queued outbox #%llu for %s; portal-worker delivers it\n", db_insert_id(), to);
	return 0;
}

/* --- init-secrets ------------------------------------------------------ */

/* Writes a secrets file with fresh random values where there is none, and
 * adds the keys a newer version needs to an existing one. */
static const char *secret_keys[][2] = {
	{ "Database.Password", "24" },
	{ "Keys.Csrf", "32" },
	{ "Keys.Pepper", "32" },
	{ "Keys.Data", "32" },
	{ "Backoffice.Token", "24" },
};

static int cmd_init_secrets(void)
{
	const char *path;
	NEOERR *err = conf_load_public(NULL);
	HDF *have = NULL;
	FILE *f;
	int fd, added = 0;

	if (err)
		return fail_nerr("configuration", err);
	path = conf_str("Paths.Secrets");
	hdf_init(&have);
	if (access(path, F_OK) == 0) {
		err = hdf_read_file(have, path);
		if (err) {
			hdf_destroy(&have);
			return fail_nerr(path, err);
		}
		f = fopen(path, "a");
	} else {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0640);
		f = fd < 0 ? NULL : fdopen(fd, "w");
		if (f)
			fputs("# The portal's secrets (see conf/secrets.hdf.example). Keep this file\n"
			      "# mode 0640, readable by the portal's group only.\n", f);
	}
	if (!f) {
		hdf_destroy(&have);
		return fail("init-secrets: cannot write %s: %s", path, strerror(errno));
	}
	for (size_t i = 0; i < ARRAY_SIZE(secret_keys); i++) {
		unsigned char raw[32];
		char hex[65];
		size_t n = (size_t)atoi(secret_keys[i][1]);
		if (hdf_get_value(have, secret_keys[i][0], NULL))
			continue;
		RAND_bytes(raw, (int)n);
		util_hex(raw, n, hex);
		fprintf(f, "%s = %s\n", secret_keys[i][0], hex);
		OPENSSL_cleanse(raw, sizeof(raw));
		OPENSSL_cleanse(hex, sizeof(hex));
		added++;
	}
	hdf_destroy(&have);
	if (fclose(f) != 0)
		return fail("init-secrets: cannot write %s: %s", path, strerror(errno));
	if (added)
		printf("%s: %d new secret%s written\n", path, added, added == 1 ? "" : "s");
	else
		printf("%s: complete; left as it is\n", path);
	return 0;
}

/* --- check-config, config-get ------------------------------------------ */

static int cmd_check_config(const char *path)
{
	int n = conf_check(path, stderr);
	if (n) {
		fprintf(stderr, "portalctl: %s: %d problem%s\n", conf_file(path), n, n == 1 ? "" : "s");
		return 1;
	}
	printf("%s: ok\n", conf_file(path));
	return 0;
}

/* An agency role on the agency's root, from the server: the roles nobody
 * may hand out in the portal because nobody there holds all their
 * permissions (the privacy officer's: not even the agency admin). */
static int cmd_grant(const char *email, const char *role)
{
	char *uid = NULL, *kind = NULL, *detail;
	long long root_id;
	char root[ORG_PATH_LEN + 1];
	unsigned long long n = 0;
	NEOERR *err;
	int r;

	if (load_conf())
		return 1;
	err = acl_init();
	if (err)
		return fail_nerr("grant", err);
	r = acl_role(role);
	if (r < 0 || strcmp(acl_role_side(r), "agency"))
		return fail("grant: %s is not an agency role of %s", role, conf_str("Paths.Roles"));
	err = db_value(&uid, "SELECT id FROM users WHERE email = ?", "s", email);
	if (!err)
		err = db_value(&kind, "SELECT kind FROM users WHERE email = ?", "s", email);
	if (!err)
		err = org_root(&root_id, root, sizeof(root));
	if (err) {
		free(uid);
		free(kind);
		return fail_nerr("grant", err);
	}
	if (!uid || strcmp(kind, "agency")) {
		free(uid);
		free(kind);
		return fail("grant: %s is not a member of the agency's staff", email);
	}
	free(kind);
	detail = xasprintf("%s (portalctl grant)", role);
	err = db_begin();
	if (!err)
		err = db_exec(&n, "INSERT INTO grants (user_id, role, unit_id, created_at)"
				  " VALUES (?, ?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE id = id",
			      "isi", atoll(uid), role, root_id);
	if (!err && n)
		err = audit_add(NULL, 0, "grant.add", "user", atoll(uid), root_id, detail);
	err = db_finish(err);
	free(detail);
	free(uid);
	if (err)
		return fail_nerr("grant", err);
	printf("%s %s %s on the agency\n", email, n ? "now holds" : "already held", role);
	return 0;
}

static int cmd_config_get(const char *key)
{
	NEOERR *err = conf_load_public(NULL);
	if (err)
		return fail_nerr("configuration", err);
	if (!conf_str(key)[0] && !hdf_get_value(conf_hdf(), key, NULL))
		return fail("config-get: %s is not set", key);
	printf("%s\n", conf_str(key));
	return 0;
}

static void usage(void)
{
	fputs("usage: portalctl COMMAND [ARG]\n"
	      "  migrate              apply the new sql/NNN_*.sql migrations\n"
	      "  check-config [FILE]  check the configuration, naming any bad line\n"
	      "  config-get KEY       print one configuration value\n"
	      "  init-secrets         write a secrets file with random keys, if none\n"
	      "  seed-demo            load the demo data (demo only)\n"
	      "  audit-verify         check that no audit log row was changed or removed\n"
	      "  files-sweep [--delete] report (and remove) files no document points to\n"
	      "  import-document TYPE UNIT_ID TITLE FILE\n"
	      "                       store a file as a document, checked like an upload\n"
	      "  create-agency-admin EMAIL [FIRST [LAST]]\n"
	      "                       the first agency admin: prints an invitation URL\n"
	      "  grant EMAIL ROLE     give a member of the agency's staff an agency role\n"
	      "                       (the privacy officer's, which nobody hands out in the portal)\n"
	      "  send-test-mail TO    queue a test mail through the outbox\n"
	      "The configuration is conf/portal.hdf, or $PORTAL_CONF.\n",
	      stderr);
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int rc;

	nerr_init();
	if (!strcmp(cmd, "migrate") && argc == 2)
		rc = cmd_migrate();
	else if (!strcmp(cmd, "check-config") && argc <= 3)
		rc = cmd_check_config(argc == 3 ? argv[2] : NULL);
	else if (!strcmp(cmd, "init-secrets") && argc == 2)
		rc = cmd_init_secrets();
	else if (!strcmp(cmd, "config-get") && argc == 3)
		rc = cmd_config_get(argv[2]);
	else if (!strcmp(cmd, "create-agency-admin") && argc >= 3 && argc <= 5)
		rc = cmd_create_agency_admin(argv[2], argc > 3 ? argv[3] : "Beheerder",
					     argc > 4 ? argv[4] : "");
	else if (!strcmp(cmd, "import-document") && argc == 6)
		rc = cmd_import_document(argv[2], argv[3], argv[4], argv[5]);
	else if (!strcmp(cmd, "files-sweep") && (argc == 2 || (argc == 3 && !strcmp(argv[2], "--delete"))))
		rc = cmd_files_sweep(argc == 3);
	else if (!strcmp(cmd, "audit-verify") && argc == 2)
		rc = cmd_audit_verify();
	else if (!strcmp(cmd, "seed-demo") && argc == 2)
		rc = cmd_seed_demo();
	else if (!strcmp(cmd, "grant") && argc == 4)
		rc = cmd_grant(argv[2], argv[3]);
	else if (!strcmp(cmd, "send-test-mail") && argc == 3)
		rc = cmd_send_test_mail(argv[2]);
	else {
		usage();
		return 2;
	}
	db_close();
	return rc;
}
