/* candidates.c: the candidates of a vacancy — proposing one with a CV, its page and timeline, the CV, and the decisions on it */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "account.h"
#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "files.h"
#include "http.h"
#include "log.h"
#include "profile.h"
#include "request.h"
#include "util.h"
#include "vacancies.h"
#include "view.h"

/* A candidate as the pages see one. */
typedef struct candidate {
	long long id, worker_id, cv_id, created_by;
	int anonymised, revealed, confirmed;
	char state[16];
} Candidate;

/* Does a client user see this candidate's name and contact? Agency staff
 * always do; a client once an interview was asked, or when not anonymised. */
static int shows_person(Request *r, const Candidate *c)
{
	return !strcmp(r->user->kind, "agency") || !c->anonymised || c->revealed;
}

/* Loads the vacancy of :id (perm on its unit, else 404) and its candidate
 * :cid (404 when it is not one of the vacancy's). */
static NEOERR *cand_load(Request *r, const char *perm, Vacancy *v, Candidate *c, int *ok)
{
	DBQuery *q;
	NEOERR *err = vac_load(r, perm, v, ok);

	memset(c, 0, sizeof(*c));
	if (err || !*ok)
		return nerr_pass(err);
	*ok = 0;
	err = db_query(&q, "SELECT id, COALESCE(worker_id, 0), COALESCE(cv_document_id, 0),"
			   " COALESCE(created_by, 0), anonymised, revealed_at IS NOT NULL,"
			   " interview_at IS NOT NULL, state FROM candidates WHERE id = ? AND vacancy_id = ?",
		       "ii", param_int(r, "cid", 0), v->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		c->id = db_int(q, 0);
		c->worker_id = db_int(q, 1);
		c->cv_id = db_int(q, 2);
		c->created_by = db_int(q, 3);
		c->anonymised = (int)db_int(q, 4);
		c->revealed = (int)db_int(q, 5);
		c->confirmed = (int)db_int(q, 6);
		snprintf(c->state, sizeof(c->state), "%s", db_str(q, 7));
	}
	db_end(&q);
	if (!c->id)
		return http_fail(r, 404, "no candidate %lld on vacancy %lld", param_int(r, "cid", 0), v->id);
	*ok = 1;
	return STATUS_OK;
}

/* --- the list on the vacancy's page -------------------------------------- */

NEOERR *cand_into_page(Request *r, const Vacancy *v, int *counted)
{
	static const char *const states[] = { "proposed", "interview", "accepted", "rejected", "withdrawn" };
	int count[ARRAY_SIZE(states)] = { 0 };
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	*counted = 0;
	if (!acl_may_at(r, "candidate.view", v->path))
		return STATUS_OK;
	hdf_set_value(r->hdf, "Page.MayViewCandidates", "1");
	/* Longest in their state first: on the board, what waits longest
	 * heads its column. */
	err = db_query(&q,
		"SELECT c.id, c.state, c.anonymised, c.revealed_at IS NOT NULL,"
		" COALESCE(c.name, CONCAT_WS(' ', u.first_name, u.last_name)),"
		" DATE_FORMAT(c.created_at, '%Y-%m-%d'), TIMESTAMPDIFF(DAY, c.state_changed_at, UTC_TIMESTAMP()),"
		" DATE_FORMAT(c.interview_at, '%Y-%m-%d %H:%i'),"
		" (SELECT COUNT(*) FROM candidate_comments m WHERE m.candidate_id = c.id)"
		" FROM candidates c LEFT JOIN users u ON u.id = c.worker_id"
		" WHERE c.vacancy_id = ? ORDER BY c.state_changed_at, c.id LIMIT ?", "ii", v->id,
		(long long)CANDIDATES_SHOWN);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		Candidate c = { .anonymised = (int)db_int(q, 2), .revealed = (int)db_int(q, 3) };
		HDF *h = page_item(r, "Candidates", n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "State", db_str(q, 1));
		if (shows_person(r, &c))
			page_put(h, "Name", db_str(q, 4));
		page_put(h, "Created", db_str(q, 5));
		page_put(h, "Days", db_str(q, 6));
		page_put(h, "InterviewAt", db_str(q, 7));
		if (db_int(q, 8))
			page_put(h, "Comments", db_str(q, 8));
		for (size_t i = 0; i < ARRAY_SIZE(states); i++)
			count[i] += !strcmp(states[i], db_str(q, 1));
	}
	db_end(&q);
	/* All of them read: the counts per state are known. */
	if (n < CANDIDATES_SHOWN) {
		for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
			char key[64];
			snprintf(key, sizeof(key), "Page.Count.%s", states[i]);
			if (count[i])
				hdf_set_int_value(r->hdf, key, count[i]);
		}
		*counted = 1;
	}
	return STATUS_OK;
}

/* --- proposing ----------------------------------------------------------- */

static NEOERR *propose_page(Request *r, const Vacancy *v)
{
	hdf_set_int_value(r->hdf, "Page.Vacancy.Id", (int)v->id);
	hdf_set_value(r->hdf, "Page.Vacancy.Title", v->title);
	hdf_set_value(r->hdf, "Page.Vacancy.State", v->state);
	/* A new person's phone number follows Fields.Mobile, as a user's. */
	profile_flags(r, profile_fields("candidate"));
	param_keep_form(r);
	return nerr_pass(view_render(r, "vacancies/propose.cs"));
}

NEOERR *cand_new(Request *r)
{
	Vacancy v;
	int ok;
	NEOERR *err = vac_load(r, "candidate.propose", &v, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!util_word_in("open on_hold", v.state)) {
		r->status = REFUSED;
		hdf_set_value(r->hdf, "Page.StateError", "not_open");
	}
	return nerr_pass(propose_page(r, &v));
}

/* The mail's Title, Client, Unit and URL: the candidate's page. */
static NEOERR *cand_mail_extra(const Vacancy *v, long long cid, HDF **extra)
{
	char path[96];

	snprintf(path, sizeof(path), "/vacancies/%lld/candidates/%lld", v->id, cid);
	return nerr_pass(vac_mail_extra(v, path, extra));
}

/* One mail to each decider. The mail names no candidate (it may be
 * anonymised); the key names the proposal, so it is queued once. */
static NEOERR *notify_proposed(const Vacancy *v, long long cid)
{
	long long ids[200];
	HDF *extra = NULL;
	int n;
	NEOERR *err = vac_holders(v, "candidate.decide", ids, (int)ARRAY_SIZE(ids), &n);

	if (err || !n)
		return nerr_pass(err);
	err = cand_mail_extra(v, cid, &extra);
	for (int i = 0; i < n && !err; i++) {
		char key[128];
		snprintf(key, sizeof(key), "mail:candidate-proposed:%lld:%lld", cid, ids[i]);
		err = account_mail(ids[i], "CandidateProposed", key, extra);
	}
	hdf_destroy(&extra);
	return nerr_pass(err);
}

/* Looks up the worker of the form and refuses a person already proposed
 * and still in the running for this vacancy. */
static NEOERR *check_person(Request *r, const Vacancy *v, long long *worker, char *name, size_t name_len)
{
	const char *wmail = param_str(r, "worker"), *email = param_str(r, "email");
	char *found = NULL;
	DBQuery *q;
	NEOERR *err;

	*worker = 0;
	if (wmail && *wmail) {
		err = db_query(&q, "SELECT id, CONCAT_WS(' ', first_name, last_name) FROM users"
				   " WHERE email = ? AND kind = 'worker' AND status <> 'revoked'", "s", wmail);
		if (err)
			return nerr_pass(err);
		if (db_next(q)) {
			*worker = db_int(q, 0);
			snprintf(name, name_len, "%s", db_str(q, 1));
		}
		db_end(&q);
		if (!*worker) {
			param_error(r, "worker", "worker_unknown");
			return STATUS_OK;
		}
	} else {
		const char *nm = param_str(r, "name"), *phone = param_str(r, "phone");
		if (!nm || !*nm)
			param_error(r, "name", "candidate_who");
		if (!email || !*email)
			param_error(r, "email", "candidate_who");
		if (phone && *phone && !profile_phone_ok(phone))
			param_error(r, "phone", "phone");
		if (r->form_errors)
			return STATUS_OK;
		snprintf(name, name_len, "%s", nm);
	}
	err = db_value(&found, "SELECT id FROM candidates WHERE vacancy_id = ?"
			       " AND state IN ('proposed', 'interview')"
			       " AND (worker_id = ? OR (worker_id IS NULL AND contact = ?)) LIMIT 1",
		       "iis", v->id, *worker, *worker ? "" : or_empty(email));
	if (err)
		return nerr_pass(err);
	if (found)
		param_error(r, *worker ? "worker" : "email", "candidate_exists");
	free(found);
	return STATUS_OK;
}

NEOERR *cand_create(Request *r)
{
	const char *problem = NULL;
	char name[1024] = "", title[1100], loc[128], detail[128];
	long long worker = 0, doc = 0, cid = 0;
	Vacancy v;
	int ok;
	NEOERR *err = vac_load(r, "candidate.propose", &v, &ok);

	if (err || !ok)
		return nerr_pass(err);
	/* The form offers no phone number while Fields.Mobile is off. */
	if (param_str(r, "phone") && *param_str(r, "phone") && !(profile_fields("candidate") & PROFILE_MOBILE))
		return http_fail(r, 400, "phone numbers are switched off (Fields.Mobile)");
	if (!util_word_in("open on_hold", v.state)) {
		r->status = REFUSED;
		hdf_set_value(r->hdf, "Page.StateError", "not_open");
		return nerr_pass(propose_page(r, &v));
	}
	if (!r->form_errors) {
		err = check_person(r, &v, &worker, name, sizeof(name));
		if (err)
			return nerr_pass(err);
	}
	if (!r->form_errors) {
		snprintf(title, sizeof(title), "CV %s", name);
		err = documents_add(r, request_file(r, "file"), "cv", title, or_empty(param_str(r, "file")),
				    v.unit_id, worker, &doc, &problem);
		if (err && nerr_match(err, NERR_IO)) {
			/* A full disk, say: the user keeps the form and may retry. */
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			problem = "file_store";
		}
		if (err)
			return nerr_pass(err);
		if (problem)
			param_error(r, "file", problem);
	}
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(propose_page(r, &v));
	}
	/* The CV is stored (documents_add commits on its own); the proposal
	 * follows in one transaction with its event, audit and mail. */
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO candidates (vacancy_id, worker_id, name, contact, phone,"
				    " cv_document_id, proposal, anonymised, state, created_by, created_at,"
				    " state_changed_at) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, 'proposed', ?,"
				    " UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			      "iisssisii", v.id, worker, worker ? NULL : param_str(r, "name"),
			      worker ? NULL : param_str(r, "email"),
			      worker || !param_str(r, "phone") || !*param_str(r, "phone") ? NULL : param_str(r, "phone"),
			      doc, param_str(r, "proposal"), (long long)(param_str(r, "anonymised") != NULL),
			      r->user->id);
	if (!err) {
		cid = (long long)db_insert_id();
		err = db_exec(NULL, "INSERT INTO candidate_events (candidate_id, step, actor, at)"
				    " VALUES (?, 'proposed', ?, UTC_TIMESTAMP())", "ii", cid, r->user->id);
	}
	snprintf(detail, sizeof(detail), "vacancy %lld, %s%s", v.id, worker ? "temp worker" : "new person",
		 param_str(r, "anonymised") ? ", anonymised" : "");
	if (!err)
		err = audit_add(r, r->user->id, "candidate.propose", "candidate", cid, v.unit_id, detail);
	if (!err)
		err = notify_proposed(&v, cid);
	err = db_finish(err);
	if (err) {
		/* No proposal: no CV either. */
		NEOERR *rm = documents_purge(r, doc, "proposal not saved");
		nerr_ignore(&rm);
		return nerr_pass(err);
	}
	snprintf(loc, sizeof(loc), "/vacancies/%lld/candidates/%lld?done=proposed", v.id, cid);
	return http_redirect(r, loc);
}

/* --- the candidate's page ------------------------------------------------ */

/* Page.Comments: the thread, oldest first, each with its author and side;
 * Page.CommentKey: the key of the form for the next one (the one sent
 * again when the form comes back with a message). */
static NEOERR *comments_into_page(Request *r, const Candidate *c)
{
	unsigned char raw[16];
	char key[32];
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q, "SELECT CONCAT_WS(' ', u.first_name, u.last_name), u.kind, m.body,"
			   " DATE_FORMAT(m.created_at, '%Y-%m-%d %H:%i') FROM candidate_comments m"
			   " LEFT JOIN users u ON u.id = m.author WHERE m.candidate_id = ?"
			   " ORDER BY m.created_at, m.id LIMIT 500", "i", c->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Comments", n++);
		page_put(h, "Author", db_str(q, 0));
		page_put(h, "Agency", !strcmp(db_str(q, 1), "agency") ? "1" : NULL);
		page_put(h, "Body", db_str(q, 2));
		page_put(h, "At", db_str(q, 3));
	}
	db_end(&q);
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return nerr_raise(NERR_SYSTEM, "no random bytes for a form key");
	util_b64url(raw, sizeof(raw), key);
	hdf_set_value(r->hdf, "Page.CommentKey", key);
	return STATUS_OK;
}

static NEOERR *cand_page(Request *r, const Vacancy *v, const Candidate *c)
{
	HDF *h = NULL;
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	hdf_set_int_value(r->hdf, "Page.Vacancy.Id", (int)v->id);
	hdf_set_value(r->hdf, "Page.Vacancy.Title", v->title);
	hdf_set_value(r->hdf, "Page.Vacancy.State", v->state);
	hdf_get_node(r->hdf, "Page.Candidate", &h);
	/* Never a BSN or a wage: this page selects neither. */
	err = db_query(&q,
		"SELECT c.id, c.state, COALESCE(c.name, CONCAT_WS(' ', u.first_name, u.last_name)),"
		" COALESCE(u.email, c.contact), c.phone, c.proposal, c.anonymised,"
		" DATE_FORMAT(c.created_at, '%Y-%m-%d %H:%i'), c.reason_code, c.reason_text,"
		" DATE_FORMAT(c.interview_at, '%Y-%m-%d %H:%i'), c.worker_id IS NOT NULL"
		" FROM candidates c LEFT JOIN users u ON u.id = c.worker_id WHERE c.id = ?", "i", c->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "State", db_str(q, 1));
		if (shows_person(r, c)) {
			page_put(h, "Name", db_str(q, 2));
			page_put(h, "Email", db_str(q, 3));
			if (profile_fields("candidate") & PROFILE_MOBILE)
				page_put(h, "Phone", db_str(q, 4));
		}
		page_put(h, "Proposal", db_str(q, 5));
		page_put(h, "Anonymised", db_int(q, 6) ? "1" : NULL);
		page_put(h, "Created", db_str(q, 7));
		page_put(h, "ReasonCode", db_str(q, 8));
		page_put(h, "ReasonText", db_str(q, 9));
		page_put(h, "InterviewAt", db_str(q, 10));
		page_put(h, "Worker", db_int(q, 11) ? "1" : NULL);
	}
	db_end(&q);
	/* An anonymised CV waits for the reveal, as the name does. */
	if (c->cv_id)
		hdf_set_value(h, shows_person(r, c) ? "HasCv" : "CvWaits", "1");
	/* How long until the next step (or now): the time spent at each. */
	err = db_query(&q, "SELECT e.step, DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.note,"
			   " CONCAT_WS(' ', u.first_name, u.last_name), TIMESTAMPDIFF(SECOND, e.at,"
			   " COALESCE(LEAD(e.at) OVER (ORDER BY e.at, e.id), UTC_TIMESTAMP()))"
			   " FROM candidate_events e LEFT JOIN users u ON u.id = e.actor"
			   " WHERE e.candidate_id = ? ORDER BY e.at, e.id LIMIT 200", "i", c->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *e = page_item(r, "Events", n++);
		page_put(e, "Step", db_str(q, 0));
		page_put(e, "At", db_str(q, 1));
		page_put(e, "Note", db_str(q, 2));
		page_put(e, "Actor", db_str(q, 3));
		vac_duration(e, db_int(q, 4));
	}
	db_end(&q);
	n = 0;
	err = db_query(&q, "SELECT id, DATE_FORMAT(starts_at, '%Y-%m-%d %H:%i'), chosen FROM candidate_slots"
			   " WHERE candidate_id = ? ORDER BY starts_at, id", "i", c->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *s = page_item(r, "Slots", n++);
		page_put(s, "Id", db_str(q, 0));
		page_put(s, "At", db_str(q, 1));
		page_put(s, "Chosen", db_int(q, 2) ? "1" : NULL);
	}
	db_end(&q);
	if (!util_word_in("closed filled", v->state)) {
		if (acl_may_at(r, "candidate.decide", v->path) && util_word_in("proposed interview", c->state)) {
			hdf_set_value(r->hdf, "Page.MayDecide", "1");
			page_words(r, "RejectReasons", conf_str("Vacancies.RejectReasons"));
		}
		if (acl_may_at(r, "candidate.propose", v->path) && !strcmp(c->state, "interview") &&
		    !c->confirmed)
			hdf_set_value(r->hdf, "Page.MayConfirm", "1");
	}
	if (acl_may_at(r, "candidate.propose", v->path) && util_word_in("proposed interview", c->state))
		hdf_set_value(r->hdf, "Page.MayWithdraw", "1");
	err = comments_into_page(r, c);
	if (err)
		return nerr_pass(err);
	param_keep_form(r);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "vacancies/candidate.cs"));
}

NEOERR *cand_show(Request *r)
{
	Vacancy v;
	Candidate c;
	int ok;
	NEOERR *err = cand_load(r, "candidate.view", &v, &c, &ok);

	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(cand_page(r, &v, &c));
}

/* --- the CV -------------------------------------------------------------- */

/* Streams the CV through the store, audited as a download of the document.
 * A client sees it only when he may see the person (the reveal rule), and
 * under a neutral name: the uploader's file name often names the person. */
NEOERR *cand_cv(Request *r)
{
	char name[96], *kind = NULL;
	Vacancy v;
	Candidate c;
	int ok;
	NEOERR *err = cand_load(r, "candidate.view", &v, &c, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!c.cv_id)
		return http_fail(r, 404, "candidate %lld has no CV", c.id);
	if (!strcmp(r->user->kind, "agency"))
		return nerr_pass(documents_send(r, c.cv_id, 0, NULL, "cv of a candidate"));
	if (!shows_person(r, &c))
		return http_fail(r, 404, "candidate %lld is anonymised", c.id);
	err = db_value(&kind, "SELECT kind FROM documents WHERE id = ?", "i", c.cv_id);
	if (err)
		return nerr_pass(err);
	/* The kind is a word of filekind.c (pdf, docx …): a plain extension. */
	snprintf(name, sizeof(name), "CV %lld %lld.%s", v.id, c.id, kind && util_word(kind, 1, 16) ? kind : "bin");
	free(kind);
	return nerr_pass(documents_send(r, c.cv_id, 0, name, "cv of a candidate"));
}

/* --- decisions ----------------------------------------------------------- */

/* Refuses a step: the candidate's page again with the reason, 422. */
static NEOERR *refuse(Request *r, const Vacancy *v, const Candidate *c, const char *code)
{
	r->status = REFUSED;
	hdf_set_value(r->hdf, "Page.StateError", code);
	return nerr_pass(cand_page(r, v, c));
}

/* A datetime-local value ("2026-09-01T09:30", seconds allowed) into SQL's
 * "2026-09-01 09:30:00" and a time_t of the local clock. 0 when it is not
 * a real time. */
static int parse_slot(const char *s, char *out, size_t out_len, time_t *when)
{
	int y, mo, d, h, mi, sec = 0, used = 0;
	struct tm tm;

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &used) != 5 || used != 16)
		return 0;
	if (s[used] && (sscanf(s + used, ":%2d%n", &sec, &used) != 1 || s[16 + used]))
		return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	*when = mktime(&tm);
	/* mktime moves 31 February on to March: a changed date was not real. */
	if (*when == (time_t)-1 || tm.tm_year != y - 1900 || tm.tm_mon != mo - 1 || tm.tm_mday != d ||
	    h > 23 || mi > 59 || sec > 59)
		return 0;
	snprintf(out, out_len, "%04d-%02d-%02d %02d:%02d:00", y, mo, d, h, mi);
	return 1;
}

/* The steps: which route, the states it starts from, the state it leads
 * to (NULL: stays), and whether it is the client's decision. */
static const struct step {
	const char *name, *from, *to;
	int decision;
} steps[] = {
	{ "interview", "proposed", "interview", 1 },
	{ "confirmed", "interview", NULL, 1 },
	{ "accepted", "proposed interview", "accepted", 1 },
	{ "rejected", "proposed interview", "rejected", 1 },
	{ "withdrawn", "proposed interview", "withdrawn", 0 },
};

/* The mail to the consultant who proposed: the client asks for an
 * interview. Once per candidate: an interview is asked once. */
static NEOERR *notify_interview(const Vacancy *v, const Candidate *c, char slots[3][64], int nslots)
{
	HDF *extra = NULL;
	char key[96];
	NEOERR *err;

	if (!c->created_by)
		return STATUS_OK;
	err = cand_mail_extra(v, c->id, &extra);
	for (int i = 0; i < nslots && !err; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Slots.%d", i);
		/* Minutes are enough: the seconds are always zero. */
		slots[i][16] = '\0';
		hdf_set_value(extra, name, slots[i]);
	}
	snprintf(key, sizeof(key), "mail:interview-requested:%lld", c->id);
	if (!err)
		err = account_mail(c->created_by, "InterviewRequested", key, extra);
	hdf_destroy(&extra);
	return nerr_pass(err);
}

/* The mail to who asked for the interview: the consultant confirmed a
 * time. Once per candidate: a time is confirmed once. */
static NEOERR *notify_confirmed(const Vacancy *v, const Candidate *c, const char *when)
{
	char key[96], *asker = NULL;
	HDF *extra = NULL;
	NEOERR *err;

	err = db_value(&asker, "SELECT actor FROM candidate_events WHERE candidate_id = ?"
			       " AND step = 'interview' AND actor IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1",
		       "i", c->id);
	if (err || !asker)
		return nerr_pass(err);
	err = cand_mail_extra(v, c->id, &extra);
	if (!err) {
		hdf_set_value(extra, "When", when);
		snprintf(key, sizeof(key), "mail:interview-confirmed:%lld", c->id);
		err = account_mail(atoll(asker), "InterviewConfirmed", key, extra);
	}
	hdf_destroy(&extra);
	free(asker);
	return nerr_pass(err);
}

/* Takes a step on the candidate: checks its input, then, with the
 * candidate's row locked, whether the step may be taken now. */
static NEOERR *take_step(Request *r, const char *name, const char *perm)
{
	const struct step *st = NULL;
	char slots[3][64], note[4200] = "", detail[160], loc[128], vstate[16] = "", cstate[16] = "";
	long long slot_id = 0;
	int nslots = 0, confirmed = 0;
	Vacancy v;
	Candidate c;
	DBQuery *q;
	int ok;
	NEOERR *err = cand_load(r, perm, &v, &c, &ok);

	if (err || !ok)
		return nerr_pass(err);
	for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
		if (!strcmp(steps[i].name, name))
			st = &steps[i];
	if (r->form_errors)
		return nerr_pass(refuse(r, &v, &c, "decision_form"));
	if (!strcmp(name, "interview")) {
		time_t now = time(NULL);
		for (int i = 1; i <= 3; i++) {
			char field[16];
			const char *s;
			time_t when;
			snprintf(field, sizeof(field), "slot%d", i);
			s = param_str(r, field);
			if (!s || !*s)
				continue;
			if (!parse_slot(s, slots[nslots], sizeof(slots[nslots]), &when))
				param_error(r, field, "datetime");
			else if (when <= now)
				param_error(r, field, "slot_past");
			else
				nslots++;
		}
		if (!nslots && !r->form_errors)
			param_error(r, "slot1", "slot_none");
		for (int i = 0; i < nslots; i++) {
			size_t l = strlen(note);
			snprintf(note + l, sizeof(note) - l, "%s%.16s", i ? ", " : "", slots[i]);
		}
	} else if (!strcmp(name, "rejected")) {
		const char *reason = param_str(r, "reason");
		if (!reason || !*reason)
			param_error(r, "reason", "reason_required");
		else if (!util_word_in(conf_str("Vacancies.RejectReasons"), reason))
			param_error(r, "reason", "reason_unknown");
		snprintf(note, sizeof(note), "%s%s%s", or_empty(reason),
			 param_str(r, "text") && *param_str(r, "text") ? ": " : "", or_empty(param_str(r, "text")));
		/* The event's note holds the reason and as much of the text as
		 * fits; the candidate keeps the whole text. */
		util_utf8_cap(note, EVENT_NOTE_CHARS);
	} else if (!strcmp(name, "confirmed")) {
		slot_id = param_int(r, "slot", 0);
	}
	if (r->form_errors)
		return nerr_pass(refuse(r, &v, &c, "decision_form"));

	err = db_begin();
	/* The rows are locked: two decisions at once are taken one after the other. */
	if (!err)
		err = db_query(&q, "SELECT c.state, v.state, c.interview_at IS NOT NULL FROM candidates c"
				   " JOIN vacancies v ON v.id = c.vacancy_id WHERE c.id = ? FOR UPDATE",
			       "i", c.id);
	if (!err) {
		if (db_next(q)) {
			snprintf(cstate, sizeof(cstate), "%s", db_str(q, 0));
			snprintf(vstate, sizeof(vstate), "%s", db_str(q, 1));
			confirmed = (int)db_int(q, 2);
		}
		db_end(&q);
	}
	if (err)
		return nerr_pass(db_finish(err));
	snprintf(c.state, sizeof(c.state), "%s", cstate);
	snprintf(v.state, sizeof(v.state), "%s", vstate);
	if (st->decision && util_word_in("closed filled", vstate)) {
		db_rollback();
		return nerr_pass(refuse(r, &v, &c, "vacancy_closed"));
	}
	if (util_word_in("accepted rejected withdrawn", cstate)) {
		db_rollback();
		return nerr_pass(refuse(r, &v, &c, "decided"));
	}
	if (!util_word_in(st->from, cstate) || (!strcmp(name, "confirmed") && confirmed)) {
		db_rollback();
		return nerr_pass(refuse(r, &v, &c, "transition"));
	}
	if (!strcmp(name, "confirmed")) {
		char *at = NULL;
		err = db_value(&at, "SELECT DATE_FORMAT(starts_at, '%Y-%m-%d %H:%i') FROM candidate_slots"
				    " WHERE id = ? AND candidate_id = ?", "ii", slot_id, c.id);
		if (err)
			return nerr_pass(db_finish(err));
		if (!at) {
			db_rollback();
			param_error(r, "slot", "choice");
			return nerr_pass(refuse(r, &v, &c, "decision_form"));
		}
		snprintf(note, sizeof(note), "%s", at);
		free(at);
		err = db_exec(NULL, "UPDATE candidate_slots SET chosen = 1 WHERE id = ?", "i", slot_id);
		if (!err)
			err = db_exec(NULL, "UPDATE candidates SET interview_at ="
					    " (SELECT starts_at FROM candidate_slots WHERE id = ?) WHERE id = ?",
				      "ii", slot_id, c.id);
	} else if (!strcmp(name, "interview")) {
		err = db_exec(NULL, "UPDATE candidates SET state = 'interview', revealed_at = UTC_TIMESTAMP(),"
				    " state_changed_at = UTC_TIMESTAMP() WHERE id = ?", "i", c.id);
		for (int i = 0; i < nslots && !err; i++)
			err = db_exec(NULL, "INSERT INTO candidate_slots (candidate_id, starts_at) VALUES (?, ?)",
				      "is", c.id, slots[i]);
	} else {
		int decision = strcmp(name, "withdrawn") != 0;
		err = db_exec(NULL, "UPDATE candidates SET state = ?, reason_code = ?, reason_text = ?,"
				    " decided_by = NULLIF(?, 0), state_changed_at = UTC_TIMESTAMP() WHERE id = ?",
			      "sssii", st->to, !strcmp(name, "rejected") ? param_str(r, "reason") : NULL,
			      !strcmp(name, "rejected") && param_str(r, "text") && *param_str(r, "text")
				      ? param_str(r, "text") : NULL,
			      decision ? r->user->id : 0LL, c.id);
	}
	/* Accepted: the worker joins the client's pool for this unit and
	 * position. A new person has no worker account yet: no pool row. */
	if (!err && !strcmp(name, "accepted") && c.worker_id)
		err = db_exec(NULL, "INSERT INTO pool (worker_user_id, unit_id, position, source, candidate_id,"
				    " created_at) SELECT ?, v.unit_id, v.position, 'vacancy', ?, UTC_TIMESTAMP()"
				    " FROM vacancies v WHERE v.id = ?"
				    " ON DUPLICATE KEY UPDATE candidate_id = candidate_id",
			      "iii", c.worker_id, c.id, v.id);
	if (!err)
		err = db_exec(NULL, "INSERT INTO candidate_events (candidate_id, step, actor, at, note)"
				    " VALUES (?, ?, ?, UTC_TIMESTAMP(), NULLIF(?, ''))",
			      "isis", c.id, name, r->user->id, note);
	snprintf(detail, sizeof(detail), "vacancy %lld: %s -> %s", v.id, cstate, st->to ? st->to : cstate);
	if (!err)
		err = audit_add(r, r->user->id, "candidate.state", "candidate", c.id, v.unit_id, detail);
	if (!err && !strcmp(name, "interview"))
		err = notify_interview(&v, &c, slots, nslots);
	if (!err && !strcmp(name, "confirmed"))
		err = notify_confirmed(&v, &c, note);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/vacancies/%lld/candidates/%lld?done=%s", v.id, c.id, name);
	return http_redirect(r, loc);
}

NEOERR *cand_interview(Request *r)
{
	return nerr_pass(take_step(r, "interview", "candidate.decide"));
}

NEOERR *cand_confirm(Request *r)
{
	return nerr_pass(take_step(r, "confirmed", "candidate.propose"));
}

NEOERR *cand_accept(Request *r)
{
	return nerr_pass(take_step(r, "accepted", "candidate.decide"));
}

NEOERR *cand_reject(Request *r)
{
	return nerr_pass(take_step(r, "rejected", "candidate.decide"));
}

NEOERR *cand_withdraw(Request *r)
{
	return nerr_pass(take_step(r, "withdrawn", "candidate.propose"));
}

/* --- the comment thread -------------------------------------------------- */

/* The other side hears of a comment: the consultant who proposed of a
 * client's, the vacancy's deciders of the agency's. Never its author. */
static NEOERR *notify_comment(Request *r, const Vacancy *v, const Candidate *c, long long comment)
{
	long long ids[200];
	HDF *extra = NULL;
	int n = 0;
	NEOERR *err = STATUS_OK;

	if (strcmp(r->user->kind, "agency")) {
		if (c->created_by)
			ids[n++] = c->created_by;
	} else {
		err = vac_holders(v, "candidate.decide", ids, (int)ARRAY_SIZE(ids), &n);
	}
	if (!err && n)
		err = cand_mail_extra(v, c->id, &extra);
	for (int i = 0; i < n && !err; i++) {
		char key[128];
		if (ids[i] == r->user->id)
			continue;
		snprintf(key, sizeof(key), "mail:candidate-comment:%lld:%lld", comment, ids[i]);
		err = account_mail(ids[i], "CandidateComment", key, extra);
	}
	hdf_destroy(&extra);
	return nerr_pass(err);
}

/* A comment from either side. The form's key makes the same form sent
 * twice one comment and one mail. */
NEOERR *cand_comment(Request *r)
{
	const char *body = param_str(r, "body");
	char loc[128];
	Vacancy v;
	Candidate c;
	int ok;
	NEOERR *err = cand_load(r, "candidate.view", &v, &c, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!r->form_errors && !body[strspn(body, " \t\r\n")])
		param_error(r, "body", "required");
	if (r->form_errors)
		return nerr_pass(refuse(r, &v, &c, "comment_form"));
	snprintf(loc, sizeof(loc), "/vacancies/%lld/candidates/%lld?done=commented#comments", v.id, c.id);
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO candidate_comments (candidate_id, author, body, form_key,"
				    " created_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP())",
			      "iiss", c.id, r->user->id, body, param_str(r, "key"));
	if (db_duplicate(err)) {
		/* Sent before: it is there, and so is its mail. */
		nerr_ignore(&err);
		db_rollback();
		return http_redirect(r, loc);
	}
	if (!err)
		err = notify_comment(r, &v, &c, (long long)db_insert_id());
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, loc);
}
