/* erasure.c: erasing a person from every module — what goes, what stays under a pseudonym, the back-office told */
#include <ctype.h>
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
	/* Shifts to come that a contract binds stay his (under the pseudonym):
	 * the back-office, told of the erasure, ends the contract; the dry
	 * run warns the planner's side. */
	{ "shifts_bound", 1,
	  "SELECT COUNT(*) FROM shifts WHERE worker_user_id = ? AND starts_at > UTC_TIMESTAMP() AND state = 'contracted'",
	  NULL },
	{ "shifts", 1,
	  "SELECT COUNT(*) FROM shifts WHERE worker_user_id = ? AND NOT (starts_at > UTC_TIMESTAMP()"
	  " AND state IN ('planned', 'published', 'refused', 'contracted'))",
	  "UPDATE shifts SET note = '', violations = NULL WHERE worker_user_id = ?"
	  " AND (note <> '' OR violations IS NOT NULL)" },
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
	/* His requests (GDPR art. 15-17): the record of the duty stays, his
	 * words and what was written about him go (sql/028). */
	{ "requests", 1, "SELECT COUNT(*) FROM privacy_requests WHERE user_id = ?",
	  "UPDATE privacy_requests SET request_text = '', extension_reason = '', outcome = '' WHERE user_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM contact_moments WHERE user_id = ?",
	  "DELETE FROM contact_moments WHERE user_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM consent_requests WHERE user_id = ?",
	  "DELETE FROM consent_requests WHERE user_id = ?" },
};

/* A proposal of someone without a login (each of his, see
 * candidates_of). */
static const struct step candidate_steps[] = {
	{ "candidacies", 1, "SELECT COUNT(*) FROM candidates WHERE id = ?",
	  "UPDATE candidates SET name = NULL, contact = NULL, phone = NULL, proposal = '', reason_text = NULL,"
	  " anonymised = 1, keep_until = NULL, erased_at = UTC_TIMESTAMP() WHERE id = ?" },
	{ "candidacies", 1, NULL,
	  "UPDATE candidate_events SET note = NULL WHERE candidate_id = ? AND note IS NOT NULL" },
	{ "remarks", 0, "SELECT COUNT(*) FROM candidate_comments WHERE candidate_id = ?",
	  "DELETE FROM candidate_comments WHERE candidate_id = ?" },
	{ "requests", 1, "SELECT COUNT(*) FROM privacy_requests WHERE candidate_id = ?",
	  "UPDATE privacy_requests SET request_text = '', extension_reason = '', outcome = '' WHERE candidate_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM contact_moments WHERE candidate_id = ?",
	  "DELETE FROM contact_moments WHERE candidate_id = ?" },
	{ "consents", 0, "SELECT COUNT(*) FROM consent_requests WHERE candidate_id = ?",
	  "DELETE FROM consent_requests WHERE candidate_id = ?" },
};

/* The documents about the person: his own (his contracts' PDFs too: the
 * portal's copies — the back-office, told of the erasure, keeps the
 * originals the law asks for), and the CVs of his proposals. */
#define DOCUMENTS_OF_USER \
	" FROM documents WHERE person_id = ? OR id IN (SELECT cv_document_id FROM candidates WHERE worker_id = ?)"
#define DOCUMENTS_OF_CANDIDATE " FROM documents WHERE id IN (SELECT cv_document_id FROM candidates WHERE id = ?)"

/* The proposals of someone without a login: the one asked about and every
 * other with the same contact address — or, for a user, those made under
 * his address before he had a login. The same person, each time. */
#define MAX_CANDIDACIES 200

static NEOERR *candidates_of(char kind, long long id, const char *email, long long *ids, int *n)
{
	DBQuery *q;
	NEOERR *err;

	*n = 0;
	if (kind == 'u')
		err = db_query(&q, "SELECT id FROM candidates WHERE worker_id IS NULL AND erased_at IS NULL"
				   " AND ? <> '' AND contact = ? ORDER BY id LIMIT ?", "ssi", email, email,
			       (long long)MAX_CANDIDACIES);
	else
		err = db_query(&q, "SELECT id FROM candidates WHERE worker_id IS NULL AND erased_at IS NULL"
				   " AND (id = ? OR (? <> '' AND contact = ?)) ORDER BY id LIMIT ?", "issi", id, email,
			       email, (long long)MAX_CANDIDACIES);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && *n < MAX_CANDIDACIES)
		ids[(*n)++] = db_int(q, 0);
	db_end(&q);
	return STATUS_OK;
}

/* What names the person, to find him in the outbox's payloads (JSON):
 * his address, his name as JSON writes it, and a temp worker's reference
 * in the back-office calls ("ref":"W<id>"). */
struct person {
	char email[256];
	char name[2048];   /* JSON-escaped, without the quotes: up to 801 bytes, doubled */
	char ref[40];      /* "\"ref\":\"W42\"", or "" */
	char kind[16];
	int found, erased;
};

static void json_inner(const char *s, char *out, size_t len)
{
	json_t *j = json_string(s ? s : "");
	char *text = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
	size_t n = text ? strlen(text) : 0;

	/* Whole or nothing: a name cut short would leave its end behind. */
	if (n < 2 || n - 2 >= len)
		n = 2;
	snprintf(out, len, "%.*s", (int)(n - 2), n > 2 ? text + 1 : "");
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

/* s as a literal of a regular expression (PCRE): every ASCII sign that
 * is not a letter or a digit escaped, which PCRE always takes as itself. */
static void re_quote(STRING *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80 && !isalnum(c))
			string_append_char(out, '\\');
		string_append_char(out, *s);
	}
}

/* Regular expressions (matched case-sensitively, on utf8mb4_bin) that find
 * the person in a payload: his name only as a whole (not inside a longer
 * one, nor another's in another case) and only when it is a full name (a
 * first name alone names many), his address in any case but not inside a
 * longer one, a temp worker's reference exactly. Given, to free; NULL for
 * a part he does not have. any is their alternation. */
struct patterns {
	char *name, *email, *any;
};

static void patterns_of(const struct person *p, struct patterns *re)
{
	STRING s;

	memset(re, 0, sizeof(*re));
	if (strchr(p->name, ' ') && strlen(p->name) >= 5) {
		string_init(&s);
		string_append(&s, "(?<![\\p{L}\\p{N}])");
		re_quote(&s, p->name);
		string_append(&s, "(?![\\p{L}\\p{N}])");
		re->name = s.buf;
	}
	if (strchr(p->email, '@')) {
		string_init(&s);
		string_append(&s, "(?i:(?<![A-Za-z0-9._%+-])");
		re_quote(&s, p->email);
		string_append(&s, "(?![A-Za-z0-9._-]))");
		re->email = s.buf;
	}
	string_init(&s);
	if (re->name)
		string_appendf(&s, "(?:%s)", re->name);
	if (re->email)
		string_appendf(&s, "%s(?:%s)", s.len ? "|" : "", re->email);
	if (p->ref[0]) {
		if (s.len)
			string_append(&s, "|");
		re_quote(&s, p->ref);
	}
	re->any = s.buf;
}

static void patterns_clear(struct patterns *re)
{
	free(re->name);
	free(re->email);
	free(re->any);
	memset(re, 0, sizeof(*re));
}

#define OUTBOX_NAMING " FROM outbox WHERE payload COLLATE utf8mb4_bin REGEXP ?"

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
	long long cands[MAX_CANDIDACIES], n;
	struct person who;
	NEOERR *err;
	int ncands = 0;

	memset(p, 0, sizeof(*p));
	err = person_load(kind, id, 0, &who);
	if (err || !who.found || who.erased)
		return nerr_pass(err);
	if (kind == 'u')
		add(p, "account", 1, 1);
	for (size_t i = 0; kind == 'u' && i < ARRAY_SIZE(user_steps) && !err; i++) {
		if (!user_steps[i].count)
			continue;
		err = count(user_steps[i].count, "i", id, 0, &n);
		add(p, user_steps[i].code, user_steps[i].kept, n);
	}
	if (!err)
		err = kind == 'u' ? count("SELECT COUNT(*)" DOCUMENTS_OF_USER, "ii", id, id, &n) : STATUS_OK;
	if (!err && kind == 'u') {
		add(p, "documents", 0, n);
		p->files = (int)n;
	}
	if (!err)
		err = candidates_of(kind, id, who.email, cands, &ncands);
	for (int c = 0; c < ncands && !err; c++) {
		for (size_t i = 0; i < ARRAY_SIZE(candidate_steps) && !err; i++) {
			if (!candidate_steps[i].count)
				continue;
			err = count(candidate_steps[i].count, "i", cands[c], 0, &n);
			add(p, candidate_steps[i].code, candidate_steps[i].kept, n);
		}
		if (!err)
			err = count("SELECT COUNT(*)" DOCUMENTS_OF_CANDIDATE, "i", cands[c], 0, &n);
		if (!err) {
			add(p, "documents", 0, n);
			p->files += (int)n;
		}
	}
	if (!err && kind == 'u') {
		char *set = NULL;
		err = db_value(&set, "SELECT bsn_sealed IS NOT NULL FROM users WHERE id = ?", "i", id);
		add(p, "bsn", 0, set ? atoll(set) : 0);
		free(set);
		set = NULL;
		if (!err)
			err = db_value(&set, "SELECT photo_file_id IS NOT NULL FROM users WHERE id = ?", "i", id);
		if (set && atoll(set)) {
			add(p, "photo", 0, 1);
			p->files++;
		}
		free(set);
		if (!err)
			err = count("SELECT COUNT(*) FROM agreement_signatures WHERE signer_id = ?", "i", id, 0, &n);
		if (!err && n)
			add(p, "signatures", 1, n);
	}
	if (!err) {
		struct patterns re;
		char *v = NULL;
		patterns_of(&who, &re);
		if (re.any)
			err = db_value(&v, "SELECT COUNT(*)" OUTBOX_NAMING, "s", re.any);
		add(p, "messages", 0, v ? atoll(v) : 0);
		free(v);
		patterns_clear(&re);
	}
	p->backoffice = who.ref[0] != '\0';
	return nerr_pass(err);
}

/* What a message that is done with keeps once its person is erased: the
 * row and its key (so that the event it was is never sent again), not
 * what it said. */
#define PAYLOAD_ERASED "{\"erased\":true}"

/* The outbox rows that name the person. Those done with (delivered, dead)
 * and mail to him still on its way keep their row and key without their
 * payload; those still on their way to someone else (a mail about him to a
 * planner, a back-office call of his kept hours) go on with the pseudonym
 * and an address that leads nowhere instead of his name and address.
 * Read first, then changed by key: no lock on rows of other clients'
 * messages. */
static NEOERR *scrub_outbox(const struct person *who, const char *pseudonym, const char *erased_email,
			    long long *gone)
{
	struct patterns re;
	long long *ids = NULL, *drop = NULL;
	int n = 0, cap = 0;
	DBQuery *q;
	NEOERR *err = STATUS_OK;

	*gone = 0;
	patterns_of(who, &re);
	if (!re.any) {
		patterns_clear(&re);
		return STATUS_OK;
	}
	err = db_query(&q, "SELECT id, state IN ('done', 'dead') OR (kind = 'mail'"
			   " AND JSON_VALUE(payload, '$.to') COLLATE utf8mb4_unicode_ci = ?)" OUTBOX_NAMING
			   " ORDER BY id", "ss", who->email[0] ? who->email : "\x01", re.any);
	if (!err) {
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
	}
	for (int i = 0; i < n && !err; i++) {
		if (drop[i])
			err = db_exec(NULL, "UPDATE outbox SET payload = '" PAYLOAD_ERASED "', last_error = NULL,"
					    " state = IF(state IN ('done', 'dead'), state, 'done'), claim = NULL,"
					    " updated_at = UTC_TIMESTAMP(3) WHERE id = ?", "i", ids[i]);
		else
			err = db_exec(NULL, "UPDATE outbox SET payload = REGEXP_REPLACE(REGEXP_REPLACE("
					    "payload COLLATE utf8mb4_bin, ?, ?), ?, ?), last_error = NULL WHERE id = ?",
				      "ssssi", re.name ? re.name : "(*FAIL)", pseudonym, re.email ? re.email : "(*FAIL)",
				      erased_email, ids[i]);
	}
	*gone = n;
	free(ids);
	free(drop);
	patterns_clear(&re);
	return nerr_pass(err);
}

/* The contract calls still on their way for shifts opened again: the
 * back-office is not to draw up a contract for someone erased. */
static NEOERR *stop_contract_calls(long long worker)
{
	long long ids[512];
	int n = 0;
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT id FROM shifts WHERE worker_user_id = ? AND starts_at > UTC_TIMESTAMP()"
			   " AND state IN ('planned', 'published', 'refused') LIMIT 512", "i", worker);
	if (err)
		return nerr_pass(err);
	while (db_next(q) && n < 512)
		ids[n++] = db_int(q, 0);
	db_end(&q);
	for (int i = 0; i < n && !err; i++) {
		char key[48];
		snprintf(key, sizeof(key), "contract:%lld:%%", ids[i]);
		err = db_exec(NULL, "UPDATE outbox SET state = 'done', payload = '" PAYLOAD_ERASED "', claim = NULL,"
				    " last_error = 'shift opened again: its worker was erased', updated_at = UTC_TIMESTAMP(3)"
				    " WHERE idempotency_key LIKE ? AND state IN ('pending', 'retry', 'sending')", "s", key);
	}
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

/* Removes the documents a query (SELECT id, file_id …) finds: the rows
 * now, their files' ids onto fileids for after the commit. */
static NEOERR *drop_documents(const char *sql, const char *types, long long a, long long b, STRING *fileids,
			      int *files)
{
	long long ids[256];
	int n = 0, more;
	DBQuery *q;
	NEOERR *err;

	do {
		n = 0;
		err = types[1] ? db_query(&q, sql, types, a, b) : db_query(&q, sql, types, a);
		if (err)
			return nerr_pass(err);
		while (db_next(q) && n < (int)ARRAY_SIZE(ids)) {
			ids[n++] = db_int(q, 0);
			string_appendf(fileids, "%s ", db_str(q, 1));
		}
		more = db_rows(q) > n;
		db_end(&q);
		for (int i = 0; i < n && !err; i++)
			err = db_exec(NULL, "DELETE FROM documents WHERE id = ?", "i", ids[i]);
		*files += n;
	} while (!err && more);
	return nerr_pass(err);
}

static void steps_run(const struct step *steps, size_t nsteps, long long id, ErasurePlan *p, NEOERR **err)
{
	/* What goes is counted as it goes; what stays, as it stays. */
	for (size_t i = 0; i < nsteps && !*err; i++) {
		unsigned long long n = 0;
		long long kept = 0;
		if (steps[i].kept && steps[i].count)
			*err = count(steps[i].count, "i", id, 0, &kept);
		if (!*err && steps[i].act)
			*err = db_exec(&n, steps[i].act, "i", id);
		add(p, steps[i].code, steps[i].kept, steps[i].kept ? kept : (long long)n);
	}
}

NEOERR *erasure_run(Request *r, char kind, long long id, long long actor, const char *why,
		    NEOERR *(*still)(char kind, long long id, int *ok), ErasurePlan *p, int *done)
{
	char pseudonym[16], erased_email[64], *unit = NULL;
	long long cands[MAX_CANDIDACIES], gone, unit_id = 0;
	unsigned long long n = 0;
	struct person who;
	STRING detail, fileids;
	NEOERR *err;
	int ncands = 0, ok = 1;

	memset(p, 0, sizeof(*p));
	*done = 0;
	pseudonym_new(pseudonym, sizeof(pseudonym));
	snprintf(erased_email, sizeof(erased_email), "erased-%c%lld@erased.invalid", kind, id);
	string_init(&fileids);
	err = db_begin();
	if (!err)
		err = person_load(kind, id, 1, &who);
	/* Decided again on the locked row: a consent recorded meanwhile wins. */
	if (!err && who.found && !who.erased && still)
		err = still(kind, id, &ok);
	if (err || !who.found || who.erased || !ok) {
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
	if (!err)
		err = candidates_of(kind, id, who.email, cands, &ncands);

	/* The messages first: found by his name and address as they are now. */
	if (!err && kind == 'u')
		err = stop_contract_calls(id);
	if (!err)
		err = scrub_outbox(&who, pseudonym, erased_email, &gone);
	if (!err)
		add(p, "messages", 0, gone);

	if (!err && kind == 'u') {
		char *photo = NULL;
		/* His photo's file goes with his documents' (after the commit). */
		err = db_value(&photo, "SELECT photo_file_id FROM users WHERE id = ?", "i", id);
		if (photo) {
			string_appendf(&fileids, "%s ", photo);
			p->files++;
			add(p, "photo", 0, 1);
		}
		free(photo);
		if (!err)
			err = db_exec(&n, "UPDATE users SET first_name = ?, last_name = '', email = ?, job_title = '',"
					  " mobile = NULL, birth_date = NULL, address_street = NULL, address_postcode = NULL,"
					  " address_city = NULL, address_country = NULL, photo_file_id = NULL, photo_key = NULL,"
					  " photo_key_id = NULL, lang = NULL, bsn_country = NULL, bsn_sealed = NULL,"
					  " status = 'revoked', last_login_at = NULL, last_activity_at = NULL,"
					  " inactivity_warned_at = NULL, keep_until = NULL, erased_at = UTC_TIMESTAMP()"
					  " WHERE id = ?", "ssi", pseudonym, erased_email, id);
		add(p, "account", 1, (long long)n);
		/* The processing agreements he signed for his client are a legal
		 * act of the client's: they stay, under the pseudonym (sql/029). */
		if (!err)
			err = db_exec(&n, "UPDATE agreement_signatures SET signer_name = ?, signer_title = ''"
					  " WHERE signer_id = ?", "si", pseudonym, id);
		if (n)
			add(p, "signatures", 1, (long long)n);
		steps_run(user_steps, ARRAY_SIZE(user_steps), id, p, &err);
		/* The hours as each version went out: without the remarks, the
		 * reasons and the back-office's words. */
		if (!err)
			err = db_exec(NULL, "UPDATE timesheet_versions v JOIN timesheets t ON t.id = v.timesheet_id"
					    " SET v.entries = REGEXP_REPLACE(v.entries, ?, '\"remark\":\"\"'), v.reason = NULL,"
					    " v.refusal = NULL WHERE t.worker_user_id = ?",
				      "si", "\"remark\": ?\"([^\"\\\\]|\\\\.)*\"", id);
		if (!err)
			err = drop_documents("SELECT id, file_id" DOCUMENTS_OF_USER, "ii", id, id, &fileids, &p->files);
	}
	for (int c = 0; c < ncands && !err; c++) {
		steps_run(candidate_steps, ARRAY_SIZE(candidate_steps), cands[c], p, &err);
		if (!err)
			err = drop_documents("SELECT id, file_id" DOCUMENTS_OF_CANDIDATE, "i", cands[c], 0, &fileids,
					     &p->files);
	}
	add(p, "documents", 0, p->files);
	/* His open erasure requests are answered by this erasure. */
	if (!err && kind == 'u')
		err = db_exec(&n, "UPDATE privacy_requests SET state = 'done', closed_at = UTC_TIMESTAMP(),"
				  " closed_by = NULLIF(?, 0) WHERE user_id = ? AND kind = 'erasure' AND state = 'open'",
			      "ii", actor, id);
	for (int c = 0; c < ncands && !err; c++)
		err = db_exec(&n, "UPDATE privacy_requests SET state = 'done', closed_at = UTC_TIMESTAMP(),"
				  " closed_by = NULLIF(?, 0) WHERE candidate_id = ? AND kind = 'erasure' AND state = 'open'",
			      "ii", actor, cands[c]);
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
	for (char *s = fileids.buf, *e; s && *s; s = e) {
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
