/* erasure.c: erasing a person from every module — what goes, what stays under a pseudonym, the back-office told */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include <openssl/rand.h>

#include "audit.h"
#include "backoffice.h"
#include "db.h"
#include "erasure.h"
#include "files.h"
#include "log.h"
#include "util.h"

/* Where a person's data lives, table by table: each step counts its rows
 * (the dry run) and removes or empties them (the erasure), with the
 * person's id as the one '?' of both statements. What is not here is
 * handled in code below: the account row itself, documents and their
 * files, the outbox, the hours' versions. A table that gets a column of
 * personal data gets a step here. Kept (1): rows the law makes the agency
 * keep (wages, hours, invoices: seven years), which stay under the
 * pseudonym with their free text emptied. */
struct step {
	const char *code;
	int kept;
	const char *count; /* NULL: part of the step before (its rows counted there) */
	const char *act;   /* NULL: only counted (kept as it is, the name gone with the account) */
};

static const struct step user_steps[] = {
	{ "sessions", 0, "SELECT COUNT(*) FROM sessions WHERE user_id = ?",
	  "DELETE FROM sessions WHERE user_id = ?" },
	{ "credentials", 0, "SELECT COUNT(*) FROM credentials WHERE user_id = ?",
	  "DELETE FROM credentials WHERE user_id = ?" },
	{ "credentials", 0, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?",
	  "DELETE FROM recovery_codes WHERE user_id = ?" },
	{ "links", 0, "SELECT COUNT(*) FROM tokens WHERE user_id = ?", "DELETE FROM tokens WHERE user_id = ?" },
	{ "links", 0, "SELECT COUNT(*) FROM calendar_feeds WHERE user_id = ?",
	  "DELETE FROM calendar_feeds WHERE user_id = ?" },
	{ "logins", 0, "SELECT COUNT(*) FROM login_attempts WHERE user_id = ?",
	  "DELETE FROM login_attempts WHERE user_id = ?" },
	{ "logins", 0, "SELECT COUNT(*) FROM reset_requests WHERE user_id = ?",
	  "DELETE FROM reset_requests WHERE user_id = ?" },
	{ "grants", 0, "SELECT COUNT(*) FROM grants WHERE user_id = ?", "DELETE FROM grants WHERE user_id = ?" },
	{ "availability", 0, "SELECT COUNT(*) FROM availability_week WHERE worker_user_id = ?",
	  "DELETE FROM availability_week WHERE worker_user_id = ?" },
	{ "availability", 0, "SELECT COUNT(*) FROM availability_days WHERE worker_user_id = ?",
	  "DELETE FROM availability_days WHERE worker_user_id = ?" },
	{ "skills", 0, "SELECT COUNT(*) FROM worker_skills WHERE worker_user_id = ?",
	  "DELETE FROM worker_skills WHERE worker_user_id = ?" },
	{ "pools", 0, "SELECT COUNT(*) FROM pool WHERE worker_user_id = ?", "DELETE FROM pool WHERE worker_user_id = ?" },
	/* Shifts to come that no contract binds: open again, for someone
	 * else (a new version, so that an answer on its way is not taken). */
	{ "shifts_open", 0,
	  "SELECT COUNT(*) FROM shifts WHERE worker_user_id = ? AND starts_at > UTC_TIMESTAMP()"
	  " AND state IN ('planned', 'published', 'refused')",
	  "UPDATE shifts SET worker_user_id = NULL, state = 'planned', violations = NULL, published_at = NULL,"
	  " version = version + 1, note = '', updated_at = UTC_TIMESTAMP() WHERE worker_user_id = ?"
	  " AND starts_at > UTC_TIMESTAMP() AND state IN ('planned', 'published', 'refused')" },
	{ "shifts", 1,
	  "SELECT COUNT(*) FROM shifts WHERE worker_user_id = ? AND NOT (starts_at > UTC_TIMESTAMP()"
	  " AND state IN ('planned', 'published', 'refused'))",
	  "UPDATE shifts SET note = '' WHERE worker_user_id = ? AND note <> ''" },
	{ "contracts", 1, "SELECT COUNT(*) FROM contracts c JOIN shifts s ON s.id = c.shift_id WHERE s.worker_user_id = ?",
	  NULL },
	{ "timesheets", 1, "SELECT COUNT(*) FROM timesheets WHERE worker_user_id = ?",
	  "UPDATE timesheets SET reason = NULL WHERE worker_user_id = ? AND reason IS NOT NULL" },
	{ "timesheets", 1, NULL,
	  "UPDATE timesheet_entries e JOIN timesheets t ON t.id = e.timesheet_id SET e.remark = ''"
	  " WHERE t.worker_user_id = ? AND e.remark <> ''" },
	{ "invoice_lines", 1, "SELECT COUNT(*) FROM invoice_lines WHERE worker_user_id = ?", NULL },
	/* Proposals of a temp worker: the step in the vacancy's history stays,
	 * without his words, the decision's reasons and the remarks. */
	{ "candidacies", 1, "SELECT COUNT(*) FROM candidates WHERE worker_id = ?",
	  "UPDATE candidates SET name = NULL, contact = NULL, phone = NULL, proposal = '', reason_text = NULL,"
	  " keep_until = NULL, erased_at = UTC_TIMESTAMP() WHERE worker_id = ?" },
	{ "candidacies", 1, NULL,
	  "UPDATE candidate_events e JOIN candidates c ON c.id = e.candidate_id SET e.note = NULL"
	  " WHERE c.worker_id = ? AND e.note IS NOT NULL" },
	{ "remarks", 0,
	  "SELECT COUNT(*) FROM candidate_comments m JOIN candidates c ON c.id = m.candidate_id WHERE c.worker_id = ?",
	  "DELETE m FROM candidate_comments m JOIN candidates c ON c.id = m.candidate_id WHERE c.worker_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM contact_moments WHERE user_id = ?",
	  "DELETE FROM contact_moments WHERE user_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM consent_requests WHERE user_id = ?",
	  "DELETE FROM consent_requests WHERE user_id = ?" },
};

static const struct step candidate_steps[] = {
	{ "candidacies", 1, "SELECT COUNT(*) FROM candidates WHERE id = ?",
	  "UPDATE candidates SET name = NULL, contact = NULL, phone = NULL, proposal = '', reason_text = NULL,"
	  " anonymised = 1, keep_until = NULL, erased_at = UTC_TIMESTAMP() WHERE id = ?" },
	{ "candidacies", 1, NULL,
	  "UPDATE candidate_events SET note = NULL WHERE candidate_id = ? AND note IS NOT NULL" },
	{ "remarks", 0, "SELECT COUNT(*) FROM candidate_comments WHERE candidate_id = ?",
	  "DELETE FROM candidate_comments WHERE candidate_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM contact_moments WHERE candidate_id = ?",
	  "DELETE FROM contact_moments WHERE candidate_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM consent_requests WHERE candidate_id = ?",
	  "DELETE FROM consent_requests WHERE candidate_id = ?" },
};

/* The documents about the person: his own, and the CVs of his proposals. */
#define DOCUMENTS_OF_USER \
	" FROM documents WHERE person_id = ? OR id IN (SELECT cv_document_id FROM candidates WHERE worker_id = ?)"
#define DOCUMENTS_OF_CANDIDATE " FROM documents WHERE id IN (SELECT cv_document_id FROM candidates WHERE id = ?)"

/* What names the person, to find him in the outbox's payloads (JSON):
 * his address, his name as JSON writes it, and a temp worker's reference
 * in the back-office calls ("ref":"W<id>"). */
struct person {
	char email[256];
	char name[420];    /* JSON-escaped, without the quotes */
	char ref[40];      /* "\"ref\":\"W42\"", or "" */
	char kind[16];
	int found, erased;
};

static void json_inner(const char *s, char *out, size_t len)
{
	json_t *j = json_string(s ? s : "");
	char *text = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
	size_t n = text ? strlen(text) : 0;

	snprintf(out, len, "%.*s", n >= 2 ? (int)(n - 2) : 0, n >= 2 ? text + 1 : "");
	free(text);
	json_decref(j);
}

/* Loads the person; with lock, his row FOR UPDATE (in the caller's
 * transaction). */
static NEOERR *person_load(char kind, long long id, int lock, struct person *p)
{
	DBQuery *q;
	NEOERR *err;

	memset(p, 0, sizeof(*p));
	if (kind == 'u')
		err = db_query(&q, lock ? "SELECT email, CONCAT(first_name, ' ', last_name), kind, erased_at IS NOT NULL"
					  " FROM users WHERE id = ? FOR UPDATE"
					: "SELECT email, CONCAT(first_name, ' ', last_name), kind, erased_at IS NOT NULL"
					  " FROM users WHERE id = ?", "i", id);
	else
		err = db_query(&q, lock ? "SELECT COALESCE(contact, ''), COALESCE(name, ''), 'candidate',"
					  " erased_at IS NOT NULL FROM candidates WHERE id = ? AND worker_id IS NULL FOR UPDATE"
					: "SELECT COALESCE(contact, ''), COALESCE(name, ''), 'candidate',"
					  " erased_at IS NOT NULL FROM candidates WHERE id = ? AND worker_id IS NULL", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		p->found = 1;
		snprintf(p->email, sizeof(p->email), "%s", db_str(q, 0));
		json_inner(db_str(q, 1), p->name, sizeof(p->name));
		snprintf(p->kind, sizeof(p->kind), "%s", db_str(q, 2));
		p->erased = (int)db_int(q, 3);
	}
	db_end(&q);
	if (kind == 'u' && !strcmp(p->kind, "worker"))
		snprintf(p->ref, sizeof(p->ref), "\"ref\":\"W%lld\"", id);
	return STATUS_OK;
}

/* s as a LIKE pattern that finds it anywhere: %, _ and \ escaped. */
static char *like_of(const char *s)
{
	STRING out;

	string_init(&out);
	string_append_char(&out, '%');
	for (; s && *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			string_append_char(&out, '\\');
		string_append_char(&out, *s);
	}
	string_append_char(&out, '%');
	return out.buf;
}

/* The outbox's rows that name the person: a pattern that matches nothing
 * stands for a part he does not have (a candidate has no reference). */
#define OUTBOX_NAMING " FROM outbox WHERE payload LIKE ? OR payload LIKE ? OR payload LIKE ?"

static void patterns(const struct person *p, char **a, char **b, char **c)
{
	/* A part too short to name anyone (an empty name) matches nothing. */
	*a = strlen(p->email) > 3 ? like_of(p->email) : xstrdup("");
	*b = strlen(p->name) > 3 ? like_of(p->name) : xstrdup("");
	*c = p->ref[0] ? like_of(p->ref) : xstrdup("");
}

static void add(ErasurePlan *p, const char *code, int kept, long long n)
{
	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->item[i].code, code)) {
			p->item[i].count += n;
			return;
		}
	if (p->n < ERASURE_ITEMS) {
		p->item[p->n].code = code;
		p->item[p->n].kept = kept;
		p->item[p->n].count = n;
		p->n++;
	}
}

static NEOERR *count(const char *sql, const char *types, long long a, long long b, long long *n)
{
	char *v = NULL;
	NEOERR *err = types[1] ? db_value(&v, sql, types, a, b) : db_value(&v, sql, types, a);

	*n = v ? atoll(v) : 0;
	free(v);
	return nerr_pass(err);
}

NEOERR *erasure_plan(char kind, long long id, ErasurePlan *p)
{
	const struct step *steps = kind == 'u' ? user_steps : candidate_steps;
	size_t nsteps = kind == 'u' ? ARRAY_SIZE(user_steps) : ARRAY_SIZE(candidate_steps);
	struct person who;
	char *pa, *pb, *pc;
	long long n;
	NEOERR *err;

	memset(p, 0, sizeof(*p));
	err = person_load(kind, id, 0, &who);
	if (err || !who.found || who.erased)
		return nerr_pass(err);
	if (kind == 'u')
		add(p, "account", 1, 1);
	for (size_t i = 0; i < nsteps && !err; i++) {
		if (!steps[i].count)
			continue;
		err = count(steps[i].count, "i", id, 0, &n);
		add(p, steps[i].code, steps[i].kept, n);
	}
	if (!err && kind == 'u')
		err = count("SELECT COUNT(*)" DOCUMENTS_OF_USER, "ii", id, id, &n);
	else if (!err)
		err = count("SELECT COUNT(*)" DOCUMENTS_OF_CANDIDATE, "i", id, 0, &n);
	if (!err) {
		add(p, "documents", 0, n);
		p->files = (int)n;
	}
	if (!err && kind == 'u') {
		char *set = NULL;
		err = db_value(&set, "SELECT bsn_sealed IS NOT NULL FROM users WHERE id = ?", "i", id);
		add(p, "bsn", 0, set ? atoll(set) : 0);
		free(set);
	}
	patterns(&who, &pa, &pb, &pc);
	if (!err) {
		char *v = NULL;
		err = db_value(&v, "SELECT COUNT(*)" OUTBOX_NAMING, "sss", pa, pb, pc);
		add(p, "messages", 0, v ? atoll(v) : 0);
		free(v);
	}
	free(pa);
	free(pb);
	free(pc);
	p->backoffice = who.ref[0] != '\0';
	return nerr_pass(err);
}

/* The outbox rows that name the person: delivered (or dead) ones and mail
 * to him go; those still on their way to someone else (a contract call, a
 * mail about him to a planner) go on with the pseudonym instead of his
 * name and address. Read first, then changed by key: no lock on rows of
 * other clients' messages. */
static NEOERR *scrub_outbox(const struct person *who, const char *pseudonym, const char *erased_email,
			    long long *gone)
{
	char *pa, *pb, *pc, to[300];
	long long *ids = NULL, *drop = NULL;
	int n = 0, cap = 0;
	DBQuery *q;
	NEOERR *err;

	*gone = 0;
	patterns(who, &pa, &pb, &pc);
	snprintf(to, sizeof(to), "\"to\":\"%s\"", who->email);
	err = db_query(&q, "SELECT id, state IN ('done', 'dead') OR (kind = 'mail' AND LOCATE(?, payload) > 0)"
			   OUTBOX_NAMING " ORDER BY id", "ssss", to, pa, pb, pc);
	free(pa);
	free(pb);
	free(pc);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			ids = xrealloc(ids, (size_t)cap * sizeof(*ids));
			drop = xrealloc(drop, (size_t)cap * sizeof(*drop));
		}
		ids[n] = db_int(q, 0);
		drop[n] = db_int(q, 1);
		n++;
	}
	db_end(&q);
	for (int i = 0; i < n && !err; i++) {
		if (drop[i])
			err = db_exec(NULL, "DELETE FROM outbox WHERE id = ?", "i", ids[i]);
		else
			err = db_exec(NULL, "UPDATE outbox SET payload = REPLACE(REPLACE(payload, ?, ?), ?, ?)"
					    " WHERE id = ?", "ssssi", who->name[0] ? who->name : "\x01", pseudonym,
				      who->email[0] ? who->email : "\x01", erased_email, ids[i]);
	}
	*gone = n;
	free(ids);
	free(drop);
	return nerr_pass(err);
}

/* A random pseudonym: derived from nothing about the person, so that no
 * one can find him by it. */
static void pseudonym_new(char *out, size_t len)
{
	unsigned char b[4];
	char hex[9];

	if (RAND_bytes(b, sizeof(b)) != 1)
		abort();
	util_hex(b, sizeof(b), hex);
	for (char *c = hex; *c; c++)
		if (*c >= 'a' && *c <= 'f')
			*c = (char)(*c - 'a' + 'A');
	snprintf(out, len, "P-%s", hex);
}

static NEOERR *backoffice_told(long long id, const char *why)
{
	char key[64], at[32], ref[32];
	time_t now = time(NULL);
	struct tm tm;
	json_t *j;
	char *payload;
	NEOERR *err;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(ref, sizeof(ref), "W%lld", id);
	snprintf(key, sizeof(key), "erasure:W%lld", id);
	/* The reference only: the back-office knows whom it names. */
	j = json_pack("{s:s, s:{s:{s:s}, s:s, s:s}}", "path", "/v1/erasure", "body", "worker", "ref", ref,
		      "erased_at", at, "reason", why);
	payload = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!payload)
		return nerr_raise(NERR_NOMEM, "no memory for an erasure call");
	err = outbox_add("backoffice", key, payload, NULL);
	free(payload);
	return nerr_pass(err);
}

NEOERR *erasure_run(Request *r, char kind, long long id, long long actor, const char *why, ErasurePlan *p,
		    int *done)
{
	const struct step *steps = kind == 'u' ? user_steps : candidate_steps;
	size_t nsteps = kind == 'u' ? ARRAY_SIZE(user_steps) : ARRAY_SIZE(candidate_steps);
	char pseudonym[16], erased_email[64], *files = NULL, *unit = NULL;
	unsigned long long n;
	struct person who;
	STRING detail, fileids;
	long long gone, unit_id = 0;
	DBQuery *q;
	NEOERR *err;

	memset(p, 0, sizeof(*p));
	*done = 0;
	pseudonym_new(pseudonym, sizeof(pseudonym));
	snprintf(erased_email, sizeof(erased_email), "erased-%c%lld@erased.invalid", kind, id);
	string_init(&fileids);
	err = db_begin();
	if (!err)
		err = person_load(kind, id, 1, &who);
	if (err || !who.found || who.erased) {
		db_rollback();
		return nerr_pass(err);
	}
	/* The unit of the certificate: a client user's client, a candidate's
	 * vacancy; the agency's for the others (audit.c picks the chain). */
	if (kind == 'u')
		err = db_value(&unit, "SELECT c.unit_id FROM users u JOIN clients c ON c.id = u.client_id WHERE u.id = ?",
			       "i", id);
	else
		err = db_value(&unit, "SELECT v.unit_id FROM candidates c JOIN vacancies v ON v.id = c.vacancy_id"
				      " WHERE c.id = ?", "i", id);
	unit_id = unit ? atoll(unit) : 0;
	free(unit);

	/* The messages first, while his name and address are still his. */
	if (!err)
		err = scrub_outbox(&who, pseudonym, erased_email, &gone);
	if (!err)
		add(p, "messages", 0, gone);

	if (!err && kind == 'u') {
		err = db_exec(&n, "UPDATE users SET first_name = ?, last_name = '', email = ?, job_title = '',"
				  " mobile = NULL, lang = NULL, bsn_country = NULL, bsn_sealed = NULL, status = 'revoked',"
				  " last_login_at = NULL, last_activity_at = NULL, inactivity_warned_at = NULL,"
				  " keep_until = NULL, erased_at = UTC_TIMESTAMP() WHERE id = ?",
			      "ssi", pseudonym, erased_email, id);
		add(p, "account", 1, (long long)n);
	}
	/* What goes is counted as it goes; what stays, as it stays. */
	for (size_t i = 0; i < nsteps && !err; i++) {
		long long kept = 0;
		n = 0;
		if (steps[i].kept && steps[i].count)
			err = count(steps[i].count, "i", id, 0, &kept);
		if (!err && steps[i].act)
			err = db_exec(&n, steps[i].act, "i", id);
		add(p, steps[i].code, steps[i].kept, steps[i].kept ? kept : (long long)n);
	}
	/* The hours as each version went out: without the remarks. */
	if (!err && kind == 'u')
		err = db_exec(NULL, "UPDATE timesheet_versions v JOIN timesheets t ON t.id = v.timesheet_id"
				    " SET v.entries = REGEXP_REPLACE(v.entries, ?, '\"remark\":\"\"'), v.reason = NULL"
				    " WHERE t.worker_user_id = ?",
			      "si", "\"remark\": ?\"([^\"\\\\]|\\\\.)*\"", id);

	/* Documents: the rows now, the files once the rows are gone for good. */
	if (!err)
		err = kind == 'u' ? db_query(&q, "SELECT id, file_id" DOCUMENTS_OF_USER, "ii", id, id)
				  : db_query(&q, "SELECT id, file_id" DOCUMENTS_OF_CANDIDATE, "i", id);
	if (!err) {
		STRING docs;
		string_init(&docs);
		while (db_next(q)) {
			string_appendf(&docs, "%lld ", db_int(q, 0));
			string_appendf(&fileids, "%s ", db_str(q, 1));
			p->files++;
		}
		db_end(&q);
		for (char *s = docs.buf, *e; s && *s && !err; s = e) {
			long long doc = strtoll(s, &e, 10);
			while (*e == ' ')
				e++;
			err = db_exec(NULL, "DELETE FROM documents WHERE id = ?", "i", doc);
		}
		string_clear(&docs);
		add(p, "documents", 0, p->files);
	}
	if (!err && who.ref[0]) {
		err = backoffice_told(id, why);
		p->backoffice = 1;
	}

	/* The certificate: what, when (the row's time), by whom, why — counts
	 * only, no personal data. */
	string_init(&detail);
	string_appendf(&detail, "%s;", why);
	for (int i = 0; i < p->n; i++)
		string_appendf(&detail, " %s%s=%lld", p->item[i].code, p->item[i].kept ? "(kept)" : "", p->item[i].count);
	string_appendf(&detail, "; files=%d; back-office=%s", p->files, p->backoffice ? "told" : "no");
	if (!err)
		err = audit_add(r, actor, "privacy.erasure", kind == 'u' ? "user" : "candidate", id, unit_id,
				detail.buf);
	string_clear(&detail);
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		string_clear(&fileids);
		memset(p, 0, sizeof(*p));
		return nerr_pass(err);
	}
	*done = 1;
	/* A file that cannot go now is an orphan: `portalctl files-sweep`
	 * removes it (logged here). */
	files = fileids.buf;
	for (char *s = files, *e; s && *s; s = e) {
		char fid[FILES_ID_LEN + 1];
		NEOERR *rm;
		e = strchr(s, ' ');
		if (!e)
			break;
		snprintf(fid, sizeof(fid), "%.*s", (int)(e - s), s);
		e++;
		rm = files_remove(fid);
		if (rm && !nerr_match(rm, NERR_NOT_FOUND))
			log_nerr(r ? r->ref : NULL, rm);
		nerr_ignore(&rm);
	}
	string_clear(&fileids);
	return STATUS_OK;
}

/* --- telling the back-office --------------------------------------------- */

int erasure_row(const OutboxRow *row)
{
	return !strncmp(row->key, "erasure:", 8);
}

NEOERR *erasure_deliver(const OutboxRow *row, int *permanent)
{
	json_error_t jerr;
	json_t *p = json_loads(row->payload, 0, &jerr);
	const char *path = NULL;
	char *body, *text = NULL;
	long status = 0;
	NEOERR *err;

	*permanent = 0;
	if (!p || json_unpack(p, "{s:s}", "path", &path) || !json_object_get(p, "body")) {
		json_decref(p);
		*permanent = 1;
		return nerr_raise(NERR_PARSE, "outbox %lld: not an erasure call", row->id);
	}
	body = json_dumps(json_object_get(p, "body"), JSON_COMPACT);
	err = backoffice_post(path, row->key, body, &status, &text);
	free(body);
	json_decref(p);
	if (!err && status != 200 && status != 202 && status != 204 && status != 404) {
		/* 404: a worker the back-office never knew is erased there too. */
		*permanent = status >= 400 && status < 500 && status != 408 && status != 429;
		err = nerr_raise(NERR_IO, "back-office %ld: %.300s", status, text ? text : "");
	}
	free(text);
	return nerr_pass(err);
}
