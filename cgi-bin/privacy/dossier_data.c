/* dossier_data.c: where the portal keeps personal data — every table that holds some, read for one person */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/crypto.h>

#include "bsn.h"
#include "db.h"
#include "dossier.h"
#include "log.h"
#include "page.h"
#include "statement.h"
#include "util.h"

/*
 * The map. A person is a user (users.id: a temp worker, a client user or
 * agency staff) or a candidate known by name only (candidates.id with
 * worker_id NULL). What the portal keeps about him, table by table, and
 * what of it his file shows:
 *
 *   users                 account: names, e-mail, job title, mobile, date of
 *                         birth, address, whether there is a photo, language,
 *                         kind, client, status, registered, last login and
 *                         activity, keep_until, erased_at; bsn_country and
 *                         bsn_sealed as the masked number (national_id)
 *   credentials           security: whether a password and 2FA are set, when
 *                         the password changed, failed logins, locked_until
 *                         (never the hash or the TOTP secret)
 *   recovery_codes        security: how many are left (never the codes)
 *   login_attempts        security: how many, how many failed, the last
 *   reset_requests        security: how many (forgotten after a day)
 *   calendar_feeds        security: since when he has a feed (never its token)
 *   tokens                links: invitation and reset links, their times
 *   grants                grants: role, unit, client, since
 *   sessions              sessions: times, end, IP address, browser
 *   worker_skills         skills (temp workers)
 *   pool                  pools (temp workers)
 *   availability_week     availability_week (temp workers)
 *   availability_days     availability_days (temp workers)
 *   shifts, contracts     shifts with every contract drawn up for them
 *                         (number, wage, premium; not the bill rate, the
 *                         client's price) and the rules
 *                         the back-office refused a shift for
 *   timesheets,           timesheets with their days (times, breaks,
 *   timesheet_entries,    premiums, remarks) and every approved version as
 *   timesheet_versions    it was sent to the back-office
 *   invoice_lines         invoice_lines: his hours as invoiced to the client
 *                         (not the amounts: the client's price)
 *   candidates,           candidacies: the vacancy, proposal, state, reasons,
 *   candidate_events,     interview time, the CV's title; every step, the
 *   candidate_slots,      interview times offered, the remarks about him
 *   candidate_comments
 *   documents             documents about him (person_id) and his CVs: type,
 *                         title, file name, dates (never the file itself)
 *   contact_moments,      contact_moments, consent_requests: when he agreed
 *   consent_requests      to be kept longer, and the links mailed to ask
 *   agreement_signatures  signatures: the processing agreements a client user
 *                         signed, with the name and title he signed with
 *   privacy_requests      privacy_requests: his requests of access,
 *                         rectification and erasure, his words, the
 *                         deadlines and the answers
 *   audit_log             audit: what was done about him (his account, his
 *                         weeks, shifts, candidacies, documents) — action,
 *                         time and by which side; own_actions: how often he
 *                         did what, without the objects (other people's)
 *
 * Kept about him but not in the file, and why:
 *   report_presence, report_presence_year  sums of his approved hours per
 *                         unit and month: made from the timesheets above,
 *                         which the file holds whole (erasure must go
 *                         through them as well)
 *   outbox                the mails sent to him (address, text) and the
 *                         back-office calls about him (name, hours): not
 *                         indexed by person, so reading them would mean
 *                         reading every message of every client; the texts
 *                         are those of the data above
 *   vacancy_events, shifts.created_by, pool.added_by and the like
 *                         what he did as a user to other people's data: in
 *                         own_actions as counts only
 *
 * Nothing of another person: who decided about him, entered his hours or
 * wrote a remark is named by his side only — "client", "agency", "self",
 * or "system" for the portal itself — not by name. The file shows what
 * was done with his data and by which party; the colleagues who did it
 * are persons too, and the audit log tells the agency who when that must
 * be known.
 *
 * Bounded: the GDPR (art. 15) asks for all of it, so no list is cut at a
 * size a person reaches within the retention periods (7 years of shifts
 * and weeks at full time is some 1,800 of each); the caps below only
 * keep a request's time and memory in bounds for data kept far beyond
 * those periods, and the file says where it was cut (notes), which is a
 * finding for the privacy officer in itself. Sessions and links, which
 * are never purged, keep their newest.
 *
 * Every query reads by an index from the person's id, or from his own rows
 * (the key is named beside it), so the file costs the same in a portal of
 * ten clients as in one of ten thousand.
 */
#define CAP_LIST   2000     /* grants, skills, pools, tokens, documents, … */
#define CAP_SHIFTS 5000
#define CAP_WEEKS  5000     /* timesheets */
#define CAP_DAYS   (CAP_WEEKS * 8)  /* their entries */
#define CAP_LINES  10000    /* invoice lines */
#define CAP_AUDIT  5000

/* A moment in UTC, a date, a wall-clock time at a unit, a time of day,
 * an amount in euros from a DECIMAL or from cents. */
#define ISO(x)   "DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i:%sZ')"
#define DAY(x)   "DATE_FORMAT(" x ", '%Y-%m-%d')"
#define LOCAL(x) "DATE_FORMAT(" x ", '%Y-%m-%dT%H:%i')"
#define HM(x)    "TIME_FORMAT(" x ", '%H:%i')"
#define EUR(x)   "CAST(" x " AS CHAR)"
#define CENTS(x) "CAST(CAST(" x " / 100 AS DECIMAL(16,2)) AS CHAR)"
/* Who acted, as his side (see above); its '?' binds the person's user id
 * (0 for a candidate). ENTERED: hours without an enterer are his own. */
#define BY(x) "CASE WHEN " x " IS NULL THEN 'system' WHEN " x " = ? THEN 'self'" \
	" ELSE (SELECT kind FROM users WHERE id = " x ") END"
#define ENTERED(x) "CASE WHEN " x " IS NULL OR " x " = ? THEN 'self'" \
	" ELSE (SELECT kind FROM users WHERE id = " x ") END"

/* A column of a row: its key in the file and its type — 's' text, 'i'
 * integer, 'b' yes/no, 'a' a JSON array kept as text (NULL: empty). SQL
 * NULL is null. */
typedef struct col {
	const char *key;
	char type;
} Col;

typedef struct gather {
	const Subject *s;
	long long uid;          /* the user's id; 0 for a candidate */
	json_t *d;              /* the file */
	json_t *notes;          /* what the reader must know of a list: cut, withheld */
} Gather;

static json_t *value(DBQuery *q, int i, char type)
{
	const char *v = db_str(q, i);
	json_t *x = NULL;

	if (type == 'a') {
		x = v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
		if (!json_is_array(x)) {
			json_decref(x);
			x = json_array();
		}
		return x;
	}
	if (!v)
		return json_null();
	if (type == 'i')
		x = json_integer(db_int(q, i));
	else if (type == 'b')
		x = json_boolean(db_int(q, i));
	else
		x = json_string(v); /* NULL for a text that is not UTF-8 */
	return x ? x : json_null();
}

/* The columns from+0 … of the current row, as an object. */
static json_t *row(DBQuery *q, const Col *cols, int from)
{
	json_t *o = json_object();

	for (int i = 0; cols[i].key; i++)
		json_object_set_new(o, cols[i].key, value(q, from + i, cols[i].type));
	return o;
}

static void note(Gather *g, const char *section, const char *what, long long n)
{
	json_array_append_new(g->notes, json_pack("{s:s, s:s, s:I}", "section", section, "note", what,
						  "count", (json_int_t)n));
}

/* The rows of q (at most cap; one more says the list was cut) as the
 * list key of the file. With index, each row is also kept there under
 * the id in its column 0, for its own lists (attach). Ends q. */
static json_t *list(Gather *g, const char *key, const Col *cols, DBQuery **q, long long cap, json_t *index)
{
	json_t *a = json_array();
	long long n = 0;

	while (db_next(*q)) {
		json_t *o;
		if (n == cap) {
			note(g, key, "cut", cap);
			break;
		}
		o = row(*q, cols, 0);
		if (index)
			json_object_set(index, db_str(*q, 0), o);
		json_array_append_new(a, o);
		n++;
	}
	db_end(q);
	json_object_set_new(g->d, key, a);
	return a;
}

/* One row of q as the object key of the file (null when there is none). */
static void one(Gather *g, const char *key, const Col *cols, DBQuery **q)
{
	json_object_set_new(g->d, key, db_next(*q) ? row(*q, cols, 0) : json_null());
	db_end(q);
}

/* Rows of q whose column 0 is the id of a record in index, appended to
 * that record's list key (each record has the list, empty or not). Rows
 * of records not in the file (beyond a cap) are left out. Ends q. */
static void attach(Gather *g, json_t *index, const char *key, const Col *cols, DBQuery **q, long long cap,
		   const char *section)
{
	const char *id;
	json_t *rec;
	long long n = 0;

	json_object_foreach(index, id, rec)
		json_object_set_new(rec, key, json_array());
	while (db_next(*q)) {
		json_t *parent = json_object_get(index, db_str(*q, 0));
		if (!parent)
			continue;
		if (n++ == cap) {
			note(g, section, "cut", cap);
			break;
		}
		json_array_append_new(json_object_get(parent, key), row(*q, cols, 1));
	}
	db_end(q);
}

/* --- the account ----------------------------------------------------------- */

static NEOERR *account(Gather *g)
{
	static const Col cols[] = {
		{ "first_name", 's' }, { "last_name", 's' }, { "email", 's' }, { "job_title", 's' },
		{ "mobile", 's' }, { "birth_date", 's' }, { "address_street", 's' }, { "address_postcode", 's' },
		{ "address_city", 's' }, { "address_country", 's' }, { "photo", 'b' }, { "language", 's' },
		{ "kind", 's' }, { "client", 's' }, { "status", 's' }, { "registered_at", 's' }, { "last_login_at", 's' },
		{ "last_activity_at", 's' }, { "keep_until", 's' }, { "erased_at", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	/* users: PRIMARY. The optional fields as kept, whether or not Fields.*
	 * shows them now: the right of access is to what is kept. The photo
	 * as whether there is one (its file is sent by its own route). */
	NEOERR *err = db_query(&q,
		"SELECT u.first_name, u.last_name, u.email, NULLIF(u.job_title, ''), u.mobile, " DAY("u.birth_date") ","
		" u.address_street, u.address_postcode, u.address_city, u.address_country, u.photo_file_id IS NOT NULL,"
		" u.lang, u.kind, c.name, u.status, " ISO("u.created_at") ", " ISO("u.last_login_at") ","
		" " ISO("u.last_activity_at") ", " DAY("u.keep_until") ", " ISO("u.erased_at")
		" FROM users u LEFT JOIN clients c ON c.id = u.client_id WHERE u.id = ?", "i", g->uid);

	if (err)
		return nerr_pass(err);
	one(g, "account", cols, &q);
	return STATUS_OK;
}

static NEOERR *security(Gather *g)
{
	static const Col cols[] = {
		{ "password_set", 'b' }, { "password_changed_at", 's' }, { "two_factor", 'b' },
		{ "recovery_codes_left", 'i' }, { "failed_logins", 'i' }, { "locked_until_at", 's' },
		{ "login_attempts", 'i' }, { "failed_login_attempts", 'i' }, { "last_login_attempt_at", 's' },
		{ "password_reset_requests", 'i' }, { "calendar_feed_since_at", 's' },
		{ "inactivity_warned_at", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	/* credentials: PRIMARY; recovery_codes_user; login_attempts_user;
	 * reset_requests_user; calendar_feeds: PRIMARY */
	NEOERR *err = db_query(&q,
		"SELECT c.password_hash IS NOT NULL, " ISO("c.password_changed_at") ", COALESCE(c.totp_enabled, 0),"
		" (SELECT COUNT(*) FROM recovery_codes WHERE user_id = u.id AND used_at IS NULL),"
		" COALESCE(c.failed_logins, 0), " ISO("c.locked_until") ","
		" (SELECT COUNT(*) FROM login_attempts WHERE user_id = u.id),"
		" (SELECT COUNT(*) FROM login_attempts WHERE user_id = u.id AND success = 0),"
		" (SELECT " ISO("MAX(created_at)") " FROM login_attempts WHERE user_id = u.id),"
		" (SELECT COUNT(*) FROM reset_requests WHERE user_id = u.id),"
		" (SELECT " ISO("created_at") " FROM calendar_feeds WHERE user_id = u.id),"
		" " ISO("u.inactivity_warned_at")
		" FROM users u LEFT JOIN credentials c ON c.user_id = u.id WHERE u.id = ?", "i", g->uid);

	if (err)
		return nerr_pass(err);
	one(g, "security", cols, &q);
	return STATUS_OK;
}

/* The number, masked: the file never holds it whole, whoever asks (the
 * privacy group sees it whole, audited, on the user's page). */
static NEOERR *national_id(Gather *g)
{
	char country[3], digits[BSN_LEN], masked[BSN_LEN];
	int set = 0;
	NEOERR *err = bsn_load(g->uid, &set, country, digits);
	json_t *o;

	if (err) {
		/* Sealed under a key this portal no longer has: said so, no more. */
		log_nerr(NULL, err);
		nerr_ignore(&err);
		json_object_set_new(g->d, "national_id",
				    json_pack("{s:b, s:n, s:n}", "recorded", 1, "country", "number"));
		return STATUS_OK;
	}
	o = json_pack("{s:b}", "recorded", set);
	if (set) {
		bsn_mask(digits, masked, sizeof(masked));
		json_object_set_new(o, "country", json_string(country));
		json_object_set_new(o, "number", json_string(masked));
	} else {
		json_object_set_new(o, "country", json_null());
		json_object_set_new(o, "number", json_null());
	}
	OPENSSL_cleanse(digits, sizeof(digits));
	json_object_set_new(g->d, "national_id", o);
	return STATUS_OK;
}

static NEOERR *grants(Gather *g)
{
	static const Col cols[] = {
		{ "role", 's' }, { "unit", 's' }, { "client", 's' }, { "since_at", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	/* grants_once (user_id, …) */
	NEOERR *err = db_query(&q,
		"SELECT g.role, o.name, c.name, " ISO("g.created_at") " FROM grants g"
		" JOIN org_units o ON o.id = g.unit_id LEFT JOIN clients c ON c.id = o.client_id"
		" WHERE g.user_id = ? ORDER BY g.created_at, g.id LIMIT ?", "ii", g->uid, (long long)CAP_LIST + 1);

	if (err)
		return nerr_pass(err);
	list(g, "grants", cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

static NEOERR *sessions(Gather *g)
{
	static const Col cols[] = {
		{ "started_at", 's' }, { "last_seen_at", 's' }, { "ended_at", 's' }, { "end_reason", 's' },
		{ "ip", 's' }, { "browser", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	/* sessions_user (user_id, ended_at); the newest first */
	NEOERR *err = db_query(&q,
		"SELECT " ISO("created_at") ", " ISO("last_seen_at") ", " ISO("ended_at") ", end_reason,"
		" NULLIF(ip, ''), NULLIF(user_agent, '') FROM sessions WHERE user_id = ?"
		" ORDER BY created_at DESC, id DESC LIMIT ?", "ii", g->uid, (long long)CAP_LIST + 1);

	if (err)
		return nerr_pass(err);
	list(g, "sessions", cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

static NEOERR *links(Gather *g)
{
	static const Col cols[] = {
		{ "kind", 's' }, { "created_at", 's' }, { "expires_at", 's' }, { "used_at", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	/* tokens_user (user_id, kind) */
	NEOERR *err = db_query(&q,
		"SELECT kind, " ISO("created_at") ", " ISO("expires_at") ", " ISO("used_at")
		" FROM tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
		"ii", g->uid, (long long)CAP_LIST + 1);

	if (err)
		return nerr_pass(err);
	list(g, "links", cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

/* --- a temp worker's work -------------------------------------------------- */

static NEOERR *skills_and_pools(Gather *g)
{
	static const Col skill_cols[] = {
		{ "client", 's' }, { "position", 's' }, { "since_at", 's' }, { NULL, 0 },
	};
	static const Col pool_cols[] = {
		{ "client", 's' }, { "unit", 's' }, { "position", 's' }, { "source", 's' }, { "since_at", 's' },
		{ NULL, 0 },
	};
	DBQuery *q;
	/* worker_skills_one (worker_user_id, …) */
	NEOERR *err = db_query(&q,
		"SELECT c.name, s.position, " ISO("s.created_at") " FROM worker_skills s"
		" JOIN clients c ON c.id = s.client_id WHERE s.worker_user_id = ?"
		" ORDER BY c.name, s.position, s.id LIMIT ?", "ii", g->uid, (long long)CAP_LIST + 1);

	if (err)
		return nerr_pass(err);
	list(g, "skills", skill_cols, &q, CAP_LIST, NULL);
	/* pool_worker_unit_position (worker_user_id, …) */
	err = db_query(&q,
		"SELECT c.name, o.name, p.position, p.source, " ISO("p.created_at") " FROM pool p"
		" JOIN org_units o ON o.id = p.unit_id LEFT JOIN clients c ON c.id = o.client_id"
		" WHERE p.worker_user_id = ? ORDER BY c.name, o.name, p.position, p.id LIMIT ?",
		"ii", g->uid, (long long)CAP_LIST + 1);
	if (err)
		return nerr_pass(err);
	list(g, "pools", pool_cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

static NEOERR *availability(Gather *g)
{
	static const Col week_cols[] = {
		{ "weekday", 'i' }, { "starts", 's' }, { "ends", 's' }, { NULL, 0 },
	};
	static const Col day_cols[] = {
		{ "day", 's' }, { "available", 'b' }, { "starts", 's' }, { "ends", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	/* availability_week_times (worker_user_id, weekday, starts, ends) */
	NEOERR *err = db_query(&q,
		"SELECT weekday, " HM("starts") ", " HM("ends") " FROM availability_week"
		" WHERE worker_user_id = ? ORDER BY weekday, starts LIMIT ?", "ii", g->uid, (long long)CAP_LIST + 1);

	if (err)
		return nerr_pass(err);
	list(g, "availability_week", week_cols, &q, CAP_LIST, NULL);
	/* availability_days_times (worker_user_id, day, …); the latest first */
	err = db_query(&q,
		"SELECT " DAY("day") ", available, " HM("starts") ", " HM("ends") " FROM availability_days"
		" WHERE worker_user_id = ? ORDER BY day DESC, starts LIMIT ?", "ii", g->uid, (long long)CAP_LIST + 1);
	if (err)
		return nerr_pass(err);
	list(g, "availability_days", day_cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

/* Shifts, the newest first, each with the contracts of its versions and
 * the rules a refused one broke (shifts.violations: [{rule, message}]).
 * A contract is the shift's: one of a shift since given to another worker
 * goes with the shift. */
static NEOERR *shifts(Gather *g)
{
	static const Col cols[] = {
		{ "id", 'i' }, { "starts_at", 's' }, { "ends_at", 's' }, { "time_zone", 's' },
		{ "break_minutes", 'i' }, { "client", 's' }, { "unit", 's' }, { "position", 's' },
		{ "state", 's' }, { "note", 's' }, { "published_at", 's' }, { "refusals", 'a' }, { NULL, 0 },
	};
	/* His wage and premium, not the client's price (the bill rate): what
	 * the agency charges is the agency's and the client's business, not
	 * his personal data (GDPR art. 15(4)); a note says so. */
	static const Col contract_cols[] = {
		{ "contract_no", 's' }, { "version", 'i' }, { "hourly_wage", 's' }, { "premium_pct", 's' },
		{ "created_at", 's' }, { NULL, 0 },
	};
	json_t *index = json_object();
	DBQuery *q;
	/* shifts_worker_start (worker_user_id, starts_at) */
	NEOERR *err = db_query(&q,
		"SELECT s.id, " ISO("s.starts_at") ", " ISO("s.ends_at") ", o.time_zone, s.break_minutes, c.name,"
		" o.name, s.position, s.state, NULLIF(s.note, ''), " ISO("s.published_at") ", s.violations"
		" FROM shifts s JOIN org_units o ON o.id = s.unit_id LEFT JOIN clients c ON c.id = o.client_id"
		" WHERE s.worker_user_id = ? ORDER BY s.starts_at DESC, s.id DESC LIMIT ?",
		"ii", g->uid, (long long)CAP_SHIFTS + 1);

	if (!err) {
		list(g, "shifts", cols, &q, CAP_SHIFTS, index);
		/* contracts_shift_version (shift_id, version) */
		err = db_query(&q,
			"SELECT k.shift_id, k.contract_no, k.version, " EUR("k.hourly_wage") ","
			" " EUR("k.premium_pct") ", " ISO("k.created_at")
			" FROM shifts s JOIN contracts k ON k.shift_id = s.id WHERE s.worker_user_id = ?"
			" ORDER BY k.shift_id, k.version", "i", g->uid);
	}
	if (!err) {
		attach(g, index, "contracts", contract_cols, &q, CAP_SHIFTS * 4, "shifts");
		note(g, "shifts", "prices_withheld", 0);
	}
	json_decref(index);
	return nerr_pass(err);
}

/* Weeks of hours, the newest first, with their days and approved
 * versions. A draft is his alone until he submits it — no one at the
 * client or the agency sees that it exists — so the privacy officer's
 * copy leaves drafts out and says how many; the person's own has them. */
static NEOERR *timesheets(Gather *g)
{
	static const Col cols[] = {
		{ "id", 'i' }, { "week", 's' }, { "time_zone", 's' }, { "client", 's' }, { "unit", 's' },
		{ "position", 's' }, { "state", 's' }, { "minutes", 'i' }, { "version", 'i' }, { "reason", 's' },
		{ "entered_by", 's' }, { "submitted_at", 's' }, { "decided_at", 's' }, { "decided_by", 's' },
		{ NULL, 0 },
	};
	static const Col day_cols[] = {
		{ "day", 's' }, { "starts_at", 's' }, { "ends_at", 's' }, { "break_minutes", 'i' },
		{ "minutes", 'i' }, { "night_minutes", 'i' }, { "weekend_minutes", 'i' }, { "position", 's' },
		{ "remark", 's' }, { "entered_by", 's' }, { NULL, 0 },
	};
	static const Col version_cols[] = {
		{ "version", 'i' }, { "minutes", 'i' }, { "reason", 's' }, { "made_at", 's' }, { "made_by", 's' },
		{ "sent_at", 's' }, { "refusal", 's' }, { "days", 'a' }, { NULL, 0 },
	};
	long long self = g->s->self;
	json_t *index = json_object();
	DBQuery *q;
	char *drafts = NULL;
	/* timesheets_assignment (worker_user_id, …) */
	NEOERR *err = db_query(&q,
		"SELECT t.id, " DAY("t.week") ", o.time_zone, c.name, o.name, t.position, t.state, t.minutes,"
		" t.version, t.reason, " ENTERED("t.entered_by") ", " ISO("t.submitted_at") ", " ISO("t.decided_at") ","
		" " BY("t.decided_by")
		" FROM timesheets t JOIN org_units o ON o.id = t.unit_id LEFT JOIN clients c ON c.id = o.client_id"
		" WHERE t.worker_user_id = ? AND (t.state <> 'draft' OR ? = 1)"
		" ORDER BY t.week DESC, t.id DESC LIMIT ?",
		"iiiii", g->uid, g->uid, g->uid, self, (long long)CAP_WEEKS + 1);

	if (!err) {
		list(g, "timesheets", cols, &q, CAP_WEEKS, index);
		/* timesheet_entries_sheet (timesheet_id, day, starts_at) */
		err = db_query(&q,
			"SELECT e.timesheet_id, " DAY("e.day") ", " ISO("e.starts_at") ", " ISO("e.ends_at") ","
			" e.break_minutes, e.minutes, e.night_minutes, e.weekend_minutes, e.position,"
			" NULLIF(e.remark, ''), " ENTERED("e.entered_by")
			" FROM timesheets t JOIN timesheet_entries e ON e.timesheet_id = t.id"
			" WHERE t.worker_user_id = ? AND (t.state <> 'draft' OR ? = 1)"
			" ORDER BY t.week DESC, t.id DESC, e.day, e.starts_at, e.id LIMIT ?",
			"iiii", g->uid, g->uid, self, (long long)CAP_DAYS + 1);
	}
	if (!err) {
		attach(g, index, "days", day_cols, &q, CAP_DAYS, "timesheets");
		/* timesheet_versions_once (timesheet_id, version) */
		err = db_query(&q,
			"SELECT v.timesheet_id, v.version, v.minutes, v.reason, " ISO("v.made_at") ", " BY("v.made_by") ","
			" " ISO("v.sent_at") ", v.refusal, v.entries"
			" FROM timesheets t JOIN timesheet_versions v ON v.timesheet_id = t.id"
			" WHERE t.worker_user_id = ? ORDER BY t.week DESC, t.id DESC, v.version LIMIT ?",
			"iii", g->uid, g->uid, (long long)CAP_DAYS + 1);
	}
	if (!err)
		attach(g, index, "versions", version_cols, &q, CAP_DAYS, "timesheets");
	json_decref(index);
	if (!err && !self)
		err = db_value(&drafts, "SELECT COUNT(*) FROM timesheets WHERE worker_user_id = ? AND state = 'draft'",
			       "i", g->uid);
	if (drafts && atoll(drafts) > 0)
		note(g, "timesheets", "drafts_withheld", atoll(drafts));
	free(drafts);
	return nerr_pass(err);
}

static NEOERR *invoice_lines(Gather *g)
{
	static const Col cols[] = {
		{ "invoice", 's' }, { "invoice_kind", 's' }, { "invoice_date", 's' }, { "client", 's' },
		{ "unit", 's' }, { "position", 's' }, { "period_start", 's' }, { "period_end", 's' },
		{ "minutes", 'i' }, { NULL, 0 },
	};
	DBQuery *q;
	/* invoice_lines_worker (worker_user_id). His hours as invoiced, not
	 * the amounts: the client's price (see shifts). */
	NEOERR *err = db_query(&q,
		"SELECT i.number, i.kind, " DAY("l.invoice_date") ", c.name, o.name, l.position,"
		" " DAY("l.period_start") ", " DAY("l.period_end") ", l.minutes"
		" FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id JOIN org_units o ON o.id = l.unit_id"
		" LEFT JOIN clients c ON c.id = i.client_id WHERE l.worker_user_id = ?"
		" ORDER BY l.invoice_date DESC, i.number, l.line_no LIMIT ?", "ii", g->uid, (long long)CAP_LINES + 1);

	if (err)
		return nerr_pass(err);
	list(g, "invoice_lines", cols, &q, CAP_LINES, NULL);
	note(g, "invoice_lines", "prices_withheld", 0);
	return STATUS_OK;
}

/* --- candidacies, documents, consent -------------------------------------- */

/* The proposals of a temp worker (candidates.worker_id) or the one of a
 * candidate known by name only, each with its steps, the interview times
 * offered (the client's wall clock) and the remarks about him. Who took
 * a step or wrote a remark: his side (see the top). */
static NEOERR *candidacies(Gather *g)
{
	static const Col cols[] = {
		{ "id", 'i' }, { "vacancy", 's' }, { "client", 's' }, { "unit", 's' }, { "position", 's' },
		{ "proposal", 's' }, { "anonymised", 'b' }, { "state", 's' }, { "reason_code", 's' },
		{ "reason_text", 's' }, { "decided_by", 's' }, { "cv", 's' }, { "proposed_at", 's' },
		{ "revealed_at", 's' }, { "interview", 's' }, { "state_changed_at", 's' }, { NULL, 0 },
	};
	static const Col step_cols[] = {
		{ "step", 's' }, { "at", 's' }, { "by", 's' }, { "note", 's' }, { NULL, 0 },
	};
	static const Col slot_cols[] = {
		{ "time", 's' }, { "chosen", 'b' }, { NULL, 0 },
	};
	static const Col remark_cols[] = {
		{ "written_at", 's' }, { "by", 's' }, { "text", 's' }, { NULL, 0 },
	};
	/* candidates: PRIMARY (a candidate) or candidates_worker (worker_id) */
#define CANDIDACIES(where) \
	"SELECT ca.id, v.title, c.name, o.name, v.position, ca.proposal, ca.anonymised, ca.state," \
	" ca.reason_code, ca.reason_text, IF(ca.decided_by IS NULL, NULL, " BY("ca.decided_by") ")," \
	" d.title, " ISO("ca.created_at") ", " ISO("ca.revealed_at") ", " LOCAL("ca.interview_at") "," \
	" " ISO("ca.state_changed_at") \
	" FROM candidates ca JOIN vacancies v ON v.id = ca.vacancy_id JOIN org_units o ON o.id = v.unit_id" \
	" LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN documents d ON d.id = ca.cv_document_id" \
	" WHERE " where " ORDER BY ca.created_at DESC, ca.id DESC LIMIT ?"
	/* candidate_events_candidate (candidate_id, at, id) */
#define STEPS(where) \
	"SELECT e.candidate_id, e.step, " ISO("e.at") ", " BY("e.actor") ", e.note" \
	" FROM candidates ca JOIN candidate_events e ON e.candidate_id = ca.id" \
	" WHERE " where " ORDER BY e.candidate_id, e.at, e.id"
	/* candidate_slots_candidate (candidate_id, starts_at) */
#define SLOTS(where) \
	"SELECT s.candidate_id, " LOCAL("s.starts_at") ", s.chosen" \
	" FROM candidates ca JOIN candidate_slots s ON s.candidate_id = ca.id" \
	" WHERE " where " ORDER BY s.candidate_id, s.starts_at"
	/* candidate_comments_candidate (candidate_id, created_at, id) */
#define REMARKS(where) \
	"SELECT m.candidate_id, " ISO("m.created_at") ", " BY("m.author") ", m.body" \
	" FROM candidates ca JOIN candidate_comments m ON m.candidate_id = ca.id" \
	" WHERE " where " ORDER BY m.candidate_id, m.created_at, m.id"
	/* His own, and those made under his address by someone without a
	 * login — the same person (erasure.c takes them along too):
	 * candidates_contact (contact). */
#define EITHER(sql) (cand ? sql("(ca.id = ? OR (ca.worker_id IS NULL AND ? <> '' AND ca.contact = ?))") \
			  : sql("(ca.worker_id = ? OR (ca.worker_id IS NULL AND ? <> '' AND ca.contact = ?))"))
	int cand = g->s->kind == 'c';
	long long who = cand ? g->s->id : g->uid;
	const char *mail = g->s->email;
	json_t *index = json_object();
	DBQuery *q;
	NEOERR *err = db_query(&q, EITHER(CANDIDACIES), "iissi", g->uid, who, mail, mail, (long long)CAP_LIST + 1);

	if (!err) {
		list(g, "candidacies", cols, &q, CAP_LIST, index);
		err = db_query(&q, EITHER(STEPS), "iiss", g->uid, who, mail, mail);
	}
	if (!err) {
		attach(g, index, "steps", step_cols, &q, CAP_LIST * 10, "candidacies");
		err = db_query(&q, EITHER(SLOTS), "iss", who, mail, mail);
	}
	if (!err) {
		attach(g, index, "interview_times", slot_cols, &q, CAP_LIST * 10, "candidacies");
		err = db_query(&q, EITHER(REMARKS), "iiss", g->uid, who, mail, mail);
	}
	if (!err)
		attach(g, index, "remarks", remark_cols, &q, CAP_LIST * 10, "candidacies");
#undef CANDIDACIES
#undef STEPS
#undef SLOTS
#undef REMARKS
#undef EITHER
	json_decref(index);
	return nerr_pass(err);
}

/* Documents about him: those filed under him (documents.person_id) and
 * the CVs of his candidacies. What they are, never what they hold (the
 * files are his to ask for one by one, as documents). */
static NEOERR *documents(Gather *g)
{
	static const Col cols[] = {
		{ "id", 'i' }, { "type", 's' }, { "title", 's' }, { "file_name", 's' }, { "file_kind", 's' },
		{ "size", 'i' }, { "client", 's' }, { "unit", 's' }, { "added_at", 's' }, { "added_by", 's' },
		{ "expires", 's' }, { "kept_longer_because", 's' }, { NULL, 0 },
	};
#define DOC_COLUMNS \
	"SELECT d.id, d.doc_type, d.title, d.filename, d.kind, d.size, c.name, o.name, " ISO("d.created_at") "," \
	" " BY("d.uploaded_by") ", " DAY("d.expires_at") ", d.extended_reason, d.created_at AS sort_at" \
	" FROM documents d JOIN org_units o ON o.id = d.unit_id LEFT JOIN clients c ON c.id = o.client_id"
	DBQuery *q;
	NEOERR *err;

	/* documents_person (person_id, …); candidates: PRIMARY or candidates_worker */
	if (g->s->kind == 'c')
		err = db_query(&q, DOC_COLUMNS " JOIN candidates ca ON ca.cv_document_id = d.id WHERE (ca.id = ?"
				   " OR (ca.worker_id IS NULL AND ? <> '' AND ca.contact = ?))"
				   " ORDER BY sort_at DESC LIMIT ?", "iissi", 0LL, g->s->id, g->s->email, g->s->email,
			       (long long)CAP_LIST + 1);
	else
		err = db_query(&q, DOC_COLUMNS " WHERE d.person_id = ?"
				   " UNION " DOC_COLUMNS " JOIN candidates ca ON ca.cv_document_id = d.id"
				   " WHERE (ca.worker_id = ? OR (ca.worker_id IS NULL AND ? <> '' AND ca.contact = ?))"
				   " ORDER BY sort_at DESC, 1 DESC LIMIT ?",
			       "iiiissi", g->uid, g->uid, g->uid, g->uid, g->s->email, g->s->email,
			       (long long)CAP_LIST + 1);
#undef DOC_COLUMNS
	if (err)
		return nerr_pass(err);
	list(g, "documents", cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

/* When he agreed to be kept longer (the text he agreed to, or the note of
 * the agency's call), and the links mailed to ask him. */
static NEOERR *consent(Gather *g)
{
	static const Col moment_cols[] = {
		{ "kind", 's' }, { "at", 's' }, { "recorded_by", 's' }, { "extended_to", 's' },
		{ "text_version", 's' }, { "language", 's' }, { "text", 's' }, { NULL, 0 },
	};
	static const Col request_cols[] = {
		{ "for_until", 's' }, { "created_at", 's' }, { "expires_at", 's' }, { "used_at", 's' }, { NULL, 0 },
	};
	int cand = g->s->kind == 'c';
	long long id = cand ? g->s->id : g->uid;
	DBQuery *q;
	NEOERR *err;

	/* contact_moments_user (user_id, at) or contact_moments_candidate */
#define MOMENTS(who) \
	"SELECT kind, " ISO("at") ", " BY("recorded_by") ", " DAY("extended_to") "," \
	" NULLIF(text_version, ''), lang, text FROM contact_moments WHERE " who " = ?" \
	" ORDER BY at DESC, id DESC LIMIT ?"
	/* consent_requests_user (user_id, for_until) or …_candidate */
#define REQUESTS(who) \
	"SELECT " DAY("for_until") ", " ISO("created_at") ", " ISO("expires_at") ", " ISO("used_at") \
	" FROM consent_requests WHERE " who " = ? ORDER BY created_at DESC, id DESC LIMIT ?"
	err = db_query(&q, cand ? MOMENTS("candidate_id") : MOMENTS("user_id"), "iii", g->uid, id,
		       (long long)CAP_LIST + 1);
	if (err)
		return nerr_pass(err);
	list(g, "contact_moments", moment_cols, &q, CAP_LIST, NULL);
	err = db_query(&q, cand ? REQUESTS("candidate_id") : REQUESTS("user_id"), "ii", id, (long long)CAP_LIST + 1);
#undef MOMENTS
#undef REQUESTS
	if (err)
		return nerr_pass(err);
	list(g, "consent_requests", request_cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

/* The processing agreements he signed for his client: the version, when,
 * and the name and job title he signed with (agreement_signatures_signer). */
static NEOERR *signatures(Gather *g)
{
	static const Col cols[] = {
		{ "client", 's' }, { "version", 's' }, { "language", 's' }, { "signer_name", 's' },
		{ "signer_title", 's' }, { "signed_at", 's' }, { NULL, 0 },
	};
	DBQuery *q;
	NEOERR *err = db_query(&q,
		"SELECT c.name, s.version, s.lang, s.signer_name, s.signer_title, " ISO("s.signed_at")
		" FROM agreement_signatures s JOIN clients c ON c.id = s.client_id WHERE s.signer_id = ?"
		" ORDER BY s.signed_at DESC, s.id DESC LIMIT ?", "ii", g->uid, (long long)CAP_LIST + 1);

	if (err)
		return nerr_pass(err);
	list(g, "signatures", cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

/* His requests of access, rectification and erasure: when they came in,
 * their deadlines, his words and the answers (privacy_requests_user or
 * privacy_requests_candidate). */
static NEOERR *privacy_requests(Gather *g)
{
	static const Col cols[] = {
		{ "kind", 's' }, { "recorded_by", 's' }, { "received_on", 's' }, { "due_on", 's' }, { "state", 's' },
		{ "request_text", 's' }, { "extended_at", 's' }, { "extension_reason", 's' }, { "closed_at", 's' },
		{ "outcome", 's' }, { NULL, 0 },
	};
	int cand = g->s->kind == 'c';
	DBQuery *q;
	NEOERR *err;

#define PRIVACY_REQUESTS(who) \
	"SELECT kind, " BY("recorded_by") ", " DAY("received_on") ", " DAY("due_on") ", state, request_text," \
	" " ISO("extended_at") ", NULLIF(extension_reason, ''), " ISO("closed_at") ", NULLIF(outcome, '')" \
	" FROM privacy_requests WHERE " who " = ? ORDER BY received_on DESC, id DESC LIMIT ?"
	err = db_query(&q, cand ? PRIVACY_REQUESTS("candidate_id") : PRIVACY_REQUESTS("user_id"), "iii", g->uid,
		       cand ? g->s->id : g->uid, (long long)CAP_LIST + 1);
#undef PRIVACY_REQUESTS
	if (err)
		return nerr_pass(err);
	list(g, "privacy_requests", cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}

/* --- the audit log --------------------------------------------------------- */

/* What was done about him: rows about his account, his weeks, shifts,
 * candidacies and the documents about him — the action, when, by which
 * side, and the address it came from when it was he who acted (someone
 * else's address is that person's). The detail is left out: it may name
 * others. Each part reads audit_object (object_type, object_id). */
#define AUDIT_ROW \
	"SELECT " ISO("a.created_at") ", a.action, a.object_type, " BY("a.actor_id") "," \
	" IF(a.actor_id = ?, NULLIF(a.ip, ''), NULL), a.created_at AS sort_at, a.id AS sort_id FROM audit_log a"

static NEOERR *audit(Gather *g)
{
	static const Col cols[] = {
		{ "at", 's' }, { "action", 's' }, { "about", 's' }, { "by", 's' }, { "ip", 's' }, { NULL, 0 },
	};
	static const Col own_cols[] = {
		{ "action", 's' }, { "count", 'i' }, { "first_at", 's' }, { "last_at", 's' }, { NULL, 0 },
	};
	long long u = g->uid, cap = CAP_AUDIT + 1;
	DBQuery *q;
	NEOERR *err;

	if (g->s->kind == 'c')
		err = db_query(&q,
			AUDIT_ROW " WHERE a.object_type = 'candidate' AND a.object_id = ?"
			" UNION ALL " AUDIT_ROW " JOIN candidates ca ON a.object_type = 'document'"
			" AND a.object_id = ca.cv_document_id WHERE ca.id = ?"
			" ORDER BY sort_at DESC, sort_id DESC LIMIT ?",
			"iiiiiii", u, u, g->s->id, u, u, g->s->id, cap);
	else
		err = db_query(&q,
			AUDIT_ROW " WHERE a.object_type = 'user' AND a.object_id = ?"
			" UNION ALL " AUDIT_ROW " JOIN timesheets t ON a.object_type = 'timesheet' AND a.object_id = t.id"
			" WHERE t.worker_user_id = ? AND (t.state <> 'draft' OR ? = 1)"
			" UNION ALL " AUDIT_ROW " JOIN shifts s ON a.object_type = 'shift' AND a.object_id = s.id"
			" WHERE s.worker_user_id = ?"
			" UNION ALL " AUDIT_ROW " JOIN candidates ca ON a.object_type = 'candidate' AND a.object_id = ca.id"
			" WHERE ca.worker_id = ?"
			" UNION ALL " AUDIT_ROW " JOIN documents d ON a.object_type = 'document' AND a.object_id = d.id"
			" WHERE d.person_id = ?"
			" ORDER BY sort_at DESC, sort_id DESC LIMIT ?",
			"iii" "iiii" "iii" "iii" "iii" "i", u, u, u, u, u, u, (long long)g->s->self, u, u, u, u, u, u,
			u, u, u, cap);
	if (err)
		return nerr_pass(err);
	list(g, "audit", cols, &q, CAP_AUDIT, NULL);
	if (g->s->kind == 'c')
		return STATUS_OK;
	/* What he did as a user, as counts per action: the rows themselves
	 * are about other people. audit_actor (actor_id, created_at). */
	err = db_query(&q,
		"SELECT action, COUNT(*), " ISO("MIN(created_at)") ", " ISO("MAX(created_at)")
		" FROM audit_log WHERE actor_id = ? GROUP BY action ORDER BY action LIMIT ?",
		"ii", u, (long long)CAP_LIST + 1);
	if (err)
		return nerr_pass(err);
	list(g, "own_actions", own_cols, &q, CAP_LIST, NULL);
	return STATUS_OK;
}
#undef AUDIT_ROW

/* --- a candidate known by name only ------------------------------------- */

static NEOERR *candidate(Gather *g)
{
	static const Col cols[] = {
		{ "name", 's' }, { "email", 's' }, { "phone", 's' }, { "keep_until", 's' }, { "erased_at", 's' },
		{ NULL, 0 },
	};
	DBQuery *q;
	/* candidates: PRIMARY */
	NEOERR *err = db_query(&q,
		"SELECT name, contact, phone, " DAY("keep_until") ", " ISO("erased_at")
		" FROM candidates WHERE id = ?", "i", g->s->id);

	if (err)
		return nerr_pass(err);
	one(g, "candidate", cols, &q);
	return STATUS_OK;
}

/* --- what the agency tells everyone --------------------------------------- */

/* The register of processing and the controller (conf/privacy.hdf), in
 * the reader's language: why the data above is kept, on what basis, how
 * long and for whom. */
static void register_of(Gather *g, const char *lang)
{
	static const char *const fields[] = { "Code", "Name", "Purpose", "Basis", "Data", "Retention", "Recipients" };
	static const char *const keys[] = { "code", "name", "purpose", "legal_basis", "data", "retention",
					    "recipients" };
	static const char *const cfields[] = { "Name", "Address", "Email", "Officer", "Authority" };
	static const char *const ckeys[] = { "name", "address", "email", "officer", "supervisory_authority" };
	json_t *reg = json_array(), *ctl = json_object();
	HDF *h = NULL;

	if (hdf_init(&h) != STATUS_OK)
		abort();
	statement_register(h, lang);
	for (HDF *e = hdf_get_child(h, "Register"); e; e = hdf_obj_next(e)) {
		json_t *o = json_object();
		for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
			json_t *v = json_string(hdf_get_value(e, fields[i], ""));
			json_object_set_new(o, keys[i], v ? v : json_string(""));
		}
		json_array_append_new(reg, o);
	}
	for (size_t i = 0; i < ARRAY_SIZE(cfields); i++) {
		char k[64];
		json_t *v;
		snprintf(k, sizeof(k), "Controller.%s", cfields[i]);
		v = json_string(hdf_get_value(h, k, ""));
		json_object_set_new(ctl, ckeys[i], v ? v : json_string(""));
	}
	hdf_destroy(&h);
	json_object_set_new(g->d, "register", reg);
	json_object_set_new(g->d, "controller", ctl);
}

/* --- the whole file ------------------------------------------------------- */

static NEOERR *gather_all(Gather *g)
{
	const Subject *s = g->s;
	NEOERR *err;

	if (s->kind == 'c') {
		err = candidate(g);
		if (!err)
			err = candidacies(g);
		if (!err)
			err = documents(g);
		if (!err)
			err = consent(g);
		if (!err)
			err = privacy_requests(g);
		if (!err)
			err = audit(g);
		return nerr_pass(err);
	}
	err = account(g);
	if (!err)
		err = security(g);
	if (!err && !strcmp(s->user_kind, "worker"))
		err = national_id(g);
	if (!err)
		err = grants(g);
	if (!err)
		err = sessions(g);
	if (!err)
		err = links(g);
	if (!err && !strcmp(s->user_kind, "worker")) {
		err = skills_and_pools(g);
		if (!err)
			err = availability(g);
		if (!err)
			err = shifts(g);
		if (!err)
			err = timesheets(g);
		if (!err)
			err = invoice_lines(g);
		if (!err)
			err = candidacies(g);
	}
	if (!err)
		err = documents(g);
	if (!err && !strcmp(s->user_kind, "worker"))
		err = consent(g);
	if (!err && !strcmp(s->user_kind, "client"))
		err = signatures(g);
	if (!err)
		err = privacy_requests(g);
	if (!err)
		err = audit(g);
	return nerr_pass(err);
}

NEOERR *dossier_gather(const Subject *s, const char *lang, json_t **out)
{
	Gather g = { .s = s, .uid = s->kind == 'u' ? s->id : 0 };
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	NEOERR *err;

	*out = NULL;
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	g.d = json_pack("{s:s, s:i, s:s, s:s, s:{s:s, s:I, s:s?}}", "format", DOSSIER_FORMAT, "version",
			DOSSIER_VERSION, "generated_at", now, "language", lang, "subject", "type",
			s->kind == 'c' ? "candidate" : "user", "id", (json_int_t)s->id, "kind",
			s->kind == 'c' ? "candidate" : s->user_kind);
	g.notes = json_array();
	if (!g.d)
		abort();
	/* One moment of the database for every part: a week approved while
	 * the file is read is in it with its days, or not at all. */
	err = db_begin_snapshot();
	if (!err) {
		err = gather_all(&g);
		if (err)
			db_rollback();
		else
			err = db_commit();
	}
	if (err) {
		json_decref(g.d);
		json_decref(g.notes);
		return nerr_pass(err);
	}
	register_of(&g, lang);
	json_object_set_new(g.d, "notes", g.notes);
	*out = g.d;
	return STATUS_OK;
}

/* --- counts for the person's page ----------------------------------------- */

NEOERR *dossier_counts(Request *r, const Subject *s)
{
	static const char *const user_keys[] = { "shifts", "timesheets", "candidacies", "documents", "invoice_lines",
						  "sessions" };
	static const char *const candidate_keys[] = { "candidacies", "documents", "contact_moments" };
	const char *const *keys = s->kind == 'c' ? candidate_keys : user_keys;
	size_t nkeys = s->kind == 'c' ? ARRAY_SIZE(candidate_keys) : ARRAY_SIZE(user_keys);
	int worker = s->kind == 'u' && !strcmp(s->user_kind, "worker");
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	/* The same indexes as the file's queries. */
	if (s->kind == 'c')
		err = db_query(&q,
			"SELECT 1, (SELECT COUNT(*) FROM candidates WHERE id = ? AND cv_document_id IS NOT NULL),"
			" (SELECT COUNT(*) FROM contact_moments WHERE candidate_id = ?)", "ii", s->id, s->id);
	else
		err = db_query(&q,
			"SELECT (SELECT COUNT(*) FROM shifts WHERE worker_user_id = ?),"
			" (SELECT COUNT(*) FROM timesheets WHERE worker_user_id = ? AND (state <> 'draft' OR ? = 1)),"
			" (SELECT COUNT(*) FROM candidates WHERE worker_id = ?),"
			" (SELECT COUNT(*) FROM documents WHERE person_id = ?),"
			" (SELECT COUNT(*) FROM invoice_lines WHERE worker_user_id = ?),"
			" (SELECT COUNT(*) FROM sessions WHERE user_id = ?)",
			"iiiiiii", s->id, s->id, (long long)s->self, s->id, s->id, s->id, s->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		for (size_t i = 0; i < nkeys; i++) {
			HDF *h;
			/* A client user or agency staff has no work of a temp worker. */
			if (s->kind == 'u' && !worker && i < 5 && i != 3)
				continue;
			h = page_item(r, "Dossier.Counts", n++);
			hdf_set_value(h, "Key", keys[i]);
			page_put_int(h, "Count", db_int(q, (int)i));
		}
	}
	db_end(&q);
	return STATUS_OK;
}
