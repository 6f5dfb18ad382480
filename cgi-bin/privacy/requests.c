/* requests.c: requests of data subjects — access, rectification, erasure — with their due dates */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "org.h"
#include "privacy.h"
#include "rights.h"
#include "statement.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* A request is due Privacy.RequestMonths after the day it came in (the
 * agency's calendar: rights_today), extendable once, with a reason, by
 * Privacy.RequestExtensionMonths from the first due date (GDPR art.
 * 12(3)). The privacy officer records one for anyone in his scope; every
 * user files his own from /privacy/me, which mails the privacy officers
 * at once. Reminders before the due date: rights_remind (lib/rights.c). */

/* Open requests a person may have filed himself at once: enough for any
 * real need, and a bound on the mails one account can make the privacy
 * officers receive. */
#define MAX_OPEN_OWN 5
#define LIST_MAX 100

typedef struct privacy_request {
	long long id;
	char kind[16], state[8], channel[8];
	char received[11], first_due[11], due[11];
	int extended, overdue, soon;
	Subject subject;
} PrivacyRequest;

/* --- shared pieces --------------------------------------------------------- */

/* The badge of an open request: overdue, or due within the reminder's lead. */
#define DUE_FLAGS "due_on < ?, due_on <= ? + INTERVAL ? DAY"

/* A UTC moment (DATETIME read as UNIX_TIMESTAMP) on the agency's clock. */
static void put_moment(HDF *h, const char *name, long long t)
{
	char at[20];
	struct tm tm;

	if (!t)
		return;
	tz_local(conf_str("Planning.TimeZone"), (time_t)t, &tm);
	strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm);
	hdf_set_value(h, name, at);
}

static void put_due(HDF *h, const char *state, int overdue, int soon)
{
	if (strcmp(state, "open"))
		return;
	if (overdue)
		hdf_set_value(h, "Overdue", "1");
	else if (soon)
		hdf_set_value(h, "Soon", "1");
}

/* Is a text nothing but spaces and line breaks? Such a reason or request
 * says nothing: refused like an empty one. */
static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

static void require_words(Request *r, const char *name)
{
	char key[64];

	snprintf(key, sizeof(key), "Page.Errors.%s", name);
	if (!hdf_get_value(r->hdf, key, NULL) && blank(param_str(r, name)))
		param_error(r, name, "required");
}

/* Loads request id when the viewer holds perm on the unit of its
 * person; otherwise the request ends with 404 and q->id is 0. */
static NEOERR *request_load(Request *r, long long id, const char *perm, PrivacyRequest *q)
{
	char today[11];
	long long uid = 0, cid = 0;
	DBQuery *rows;
	NEOERR *err;

	memset(q, 0, sizeof(*q));
	rights_today(time(NULL), today);
	err = db_query(&rows,
		"SELECT id, kind, state, channel, COALESCE(user_id, 0), COALESCE(candidate_id, 0),"
		" DATE_FORMAT(received_on, '%Y-%m-%d'), DATE_FORMAT(first_due_on, '%Y-%m-%d'),"
		" DATE_FORMAT(due_on, '%Y-%m-%d'), extended_at IS NOT NULL, " DUE_FLAGS
		" FROM privacy_requests WHERE id = ?",
		"ssii", today, today, (long long)conf_int("Privacy.RequestRemindDays"), id);
	if (err)
		return nerr_pass(err);
	if (db_next(rows)) {
		q->id = db_int(rows, 0);
		snprintf(q->kind, sizeof(q->kind), "%s", db_str(rows, 1));
		snprintf(q->state, sizeof(q->state), "%s", db_str(rows, 2));
		snprintf(q->channel, sizeof(q->channel), "%s", db_str(rows, 3));
		uid = db_int(rows, 4);
		cid = db_int(rows, 5);
		snprintf(q->received, sizeof(q->received), "%s", db_str(rows, 6));
		snprintf(q->first_due, sizeof(q->first_due), "%s", db_str(rows, 7));
		snprintf(q->due, sizeof(q->due), "%s", db_str(rows, 8));
		q->extended = (int)db_int(rows, 9);
		q->overdue = (int)db_int(rows, 10);
		q->soon = (int)db_int(rows, 11);
	}
	db_end(&rows);
	if (!q->id)
		return http_fail(r, 404, "no privacy request %lld", id);
	err = subject_load(r, uid ? 'u' : 'c', uid ? uid : cid, perm, &q->subject);
	if (!err && !q->subject.id)
		q->id = 0;
	return nerr_pass(err);
}

/* --- the start page's tile ------------------------------------------------- */

NEOERR *requests_tile(Request *r)
{
	char today[11];
	DBQuery *q;
	NEOERR *err;

	rights_today(time(NULL), today);
	err = db_query(&q, "SELECT COUNT(*), COALESCE(SUM(due_on < ?), 0) FROM privacy_requests WHERE state = 'open'",
		       "s", today);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		hdf_set_int_value(r->hdf, "Page.Requests.Open", (int)db_int(q, 0));
		hdf_set_int_value(r->hdf, "Page.Requests.Overdue", (int)db_int(q, 1));
	}
	db_end(&q);
	return STATUS_OK;
}

/* --- the queue --------------------------------------------------------------- */

/* The requests of the persons whose unit (Subject.home) lies in the
 * viewer's scope, by state and kind; "overdue" is an open one past its
 * due date. */
#define QUEUE \
	" FROM privacy_requests pr" \
	" LEFT JOIN users u ON u.id = pr.user_id LEFT JOIN clients c ON c.id = u.client_id" \
	" LEFT JOIN org_units cu ON cu.id = c.unit_id" \
	" LEFT JOIN candidates ca ON ca.id = pr.candidate_id LEFT JOIN vacancies v ON v.id = ca.vacancy_id" \
	" LEFT JOIN org_units vo ON vo.id = v.unit_id" \
	" WHERE (? = '' OR pr.state = ?) AND (? = 0 OR pr.due_on < ?) AND (? = '' OR pr.kind = ?)" \
	" AND" ACL_IN_SCOPE("COALESCE(cu.path, vo.path, ?)")
#define QUEUE_TYPES "ss" "is" "ss" "ss"
#define QUEUE_ARGS state, state, overdue, today, kind, kind, root, scope

NEOERR *requests_list(Request *r)
{
	const char *kind = or_empty(param_str(r, "kind")), *state = or_empty(param_str(r, "state"));
	long long overdue = !strcmp(state, "overdue"), root_id, page;
	long long days = conf_int("Privacy.RequestRemindDays");
	char root[ORG_PATH_LEN + 1], today[11], *scope, *count = NULL;
	STRING qs;
	DBQuery *rows;
	NEOERR *err;
	int n = 0;

	param_keep_form(r);
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "privacy/requests.cs"));
	}
	if (overdue)
		state = "open";
	rights_today(time(NULL), today);
	err = org_root(&root_id, root, sizeof(root));
	if (err)
		return nerr_pass(err);
	scope = acl_scope(r, "privacy.view");
	err = db_value(&count, "SELECT COUNT(*)" QUEUE, QUEUE_TYPES, QUEUE_ARGS);
	string_init(&qs);
	page_query_add(&qs, "state", param_str(r, "state"));
	page_query_add(&qs, "kind", param_str(r, "kind"));
	page = page_pager(r, count ? atoll(count) : 0, param_int(r, "page", 1), PAGE_SIZE, &qs);
	string_clear(&qs);
	free(count);
	/* Open ones first, the soonest due on top; then the handled ones,
	 * the last handled first. */
	if (!err)
		err = db_query(&rows,
			"SELECT pr.id, pr.kind, pr.state, pr.channel, COALESCE(pr.user_id, 0),"
			" COALESCE(pr.candidate_id, 0), COALESCE(CONCAT(u.first_name, ' ', u.last_name), ca.name, ''),"
			" DATE_FORMAT(pr.received_on, '%Y-%m-%d'), DATE_FORMAT(pr.due_on, '%Y-%m-%d'),"
			" pr.extended_at IS NOT NULL, pr.due_on < ?, pr.due_on <= ? + INTERVAL ? DAY,"
			" COALESCE(UNIX_TIMESTAMP(pr.closed_at), 0)" QUEUE
			" ORDER BY pr.state <> 'open', IF(pr.state = 'open', pr.due_on, NULL), pr.closed_at DESC,"
			" pr.id DESC LIMIT ? OFFSET ?",
			"ssi" QUEUE_TYPES "ii", today, today, days, QUEUE_ARGS, (long long)PAGE_SIZE,
			(page - 1) * PAGE_SIZE);
	free(scope);
	if (err)
		return nerr_pass(err);
	while (db_next(rows)) {
		HDF *h = page_item(r, "Rows", n++);
		page_put(h, "Id", db_str(rows, 0));
		page_put(h, "Kind", db_str(rows, 1));
		page_put(h, "State", db_str(rows, 2));
		page_put(h, "Channel", db_str(rows, 3));
		if (db_int(rows, 4))
			hdf_set_valuef(h, "PersonPath=/privacy/persons/%lld", db_int(rows, 4));
		else
			hdf_set_valuef(h, "PersonPath=/privacy/candidates/%lld", db_int(rows, 5));
		page_put(h, "Person", db_str(rows, 6));
		page_put(h, "Received", db_str(rows, 7));
		page_put(h, "Due", db_str(rows, 8));
		if (db_int(rows, 9))
			hdf_set_value(h, "Extended", "1");
		put_due(h, db_str(rows, 2), (int)db_int(rows, 10), (int)db_int(rows, 11));
		put_moment(h, "Closed", db_int(rows, 12));
	}
	db_end(&rows);
	hdf_set_value(r->hdf, "Page.Today", today);
	return nerr_pass(view_render(r, "privacy/requests.cs"));
}

/* --- a request ------------------------------------------------------------- */

/* One line of a request's history; by is CONCAT(first_name, ' ',
 * last_name): 201 characters of up to 4 bytes. */
typedef struct event {
	long long at;
	int seq;
	const char *what;
	char by[4 * 201 + 1], due[11];
	char *note;
} Event;

static int by_moment(const void *a, const void *b)
{
	const Event *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq - y->seq;
}

/* The request's page: the person, his words, what happened to it, and
 * for privacy.handle on his unit what can still be done. */
static NEOERR *request_page(Request *r, const PrivacyRequest *q)
{
	Event ev[4];
	HDF *h = NULL;
	DBQuery *rows;
	NEOERR *err;
	int n = 0;

	subject_put(r, &q->subject);
	if (hdf_get_node(r->hdf, "Page.Request", &h) != STATUS_OK)
		abort();
	page_put_int(h, "Id", q->id);
	page_put(h, "Kind", q->kind);
	page_put(h, "State", q->state);
	page_put(h, "Channel", q->channel);
	page_put(h, "Received", q->received);
	page_put(h, "FirstDue", q->first_due);
	page_put(h, "Due", q->due);
	if (q->extended)
		hdf_set_value(h, "Extended", "1");
	put_due(h, q->state, q->overdue, q->soon);
	if (!strcmp(q->state, "open") && acl_may_at(r, "privacy.handle", q->subject.home))
		hdf_set_value(h, "MayHandle", "1");
	hdf_set_int_value(h, "ExtensionMonths", conf_int("Privacy.RequestExtensionMonths"));
	err = db_query(&rows,
		"SELECT pr.request_text, UNIX_TIMESTAMP(pr.recorded_at), CONCAT(rb.first_name, ' ', rb.last_name),"
		" COALESCE(UNIX_TIMESTAMP(pr.extended_at), 0), COALESCE(CONCAT(eb.first_name, ' ', eb.last_name), ''),"
		" pr.extension_reason, COALESCE(UNIX_TIMESTAMP(pr.closed_at), 0),"
		" COALESCE(CONCAT(cb.first_name, ' ', cb.last_name), ''), pr.outcome,"
		" COALESCE(UNIX_TIMESTAMP(pr.reminded_at), 0), COALESCE(DATE_FORMAT(pr.reminded_due, '%Y-%m-%d'), '')"
		" FROM privacy_requests pr JOIN users rb ON rb.id = pr.recorded_by"
		" LEFT JOIN users eb ON eb.id = pr.extended_by LEFT JOIN users cb ON cb.id = pr.closed_by"
		" WHERE pr.id = ?",
		"i", q->id);
	if (err)
		return nerr_pass(err);
	memset(ev, 0, sizeof(ev));
	if (db_next(rows)) {
		page_put(h, "Text", db_str(rows, 0));
		/* Recorded, extended, reminded (the last reminder), closed. */
		ev[n].at = db_int(rows, 1);
		ev[n].what = !strcmp(q->channel, "self") ? "filed" : "recorded";
		snprintf(ev[n++].by, sizeof(ev[0].by), "%s", db_str(rows, 2));
		if (db_int(rows, 3)) {
			ev[n].at = db_int(rows, 3);
			ev[n].what = "extended";
			snprintf(ev[n].by, sizeof(ev[0].by), "%s", db_str(rows, 4));
			snprintf(ev[n].due, sizeof(ev[0].due), "%s", q->due);
			ev[n++].note = xstrdup(db_str(rows, 5));
		}
		if (db_int(rows, 9)) {
			ev[n].at = db_int(rows, 9);
			ev[n].what = "reminded";
			snprintf(ev[n++].due, sizeof(ev[0].due), "%s", db_str(rows, 10));
		}
		if (db_int(rows, 6)) {
			ev[n].at = db_int(rows, 6);
			ev[n].what = q->state;
			snprintf(ev[n].by, sizeof(ev[0].by), "%s", db_str(rows, 7));
			ev[n++].note = xstrdup(db_str(rows, 8));
		}
	}
	db_end(&rows);
	for (int i = 0; i < n; i++)
		ev[i].seq = i;
	qsort(ev, (size_t)n, sizeof(ev[0]), by_moment);
	for (int i = 0; i < n; i++) {
		HDF *e = page_item(r, "History", i);
		hdf_set_value(e, "What", ev[i].what);
		put_moment(e, "At", ev[i].at);
		if (ev[i].by[0])
			page_put(e, "By", ev[i].by);
		if (ev[i].due[0])
			page_put(e, "Due", ev[i].due);
		if (ev[i].note && ev[i].note[0])
			page_put(e, "Note", ev[i].note);
		free(ev[i].note);
	}
	return nerr_pass(view_render(r, "privacy/request.cs"));
}

NEOERR *request_show(Request *r)
{
	PrivacyRequest q;
	NEOERR *err = request_load(r, param_int(r, "id", 0), "privacy.view", &q);

	if (err || !q.id)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(request_page(r, &q));
}

/* The request's page again, with why nothing was done. */
static NEOERR *not_done(Request *r, const PrivacyRequest *q, const char *why)
{
	hdf_set_value(r->hdf, "Page.Requests.Refused", why);
	r->status = FORM_REFUSED;
	return nerr_pass(request_page(r, q));
}

/* The same after another's change, found on the locked row, was rolled
 * back: the page shows the request as it is now. */
static NEOERR *not_done_now(Request *r, PrivacyRequest *q, const char *why)
{
	NEOERR *err;

	db_rollback();
	err = request_load(r, q->id, "privacy.handle", q);
	if (err || !q->id)
		return nerr_pass(err);
	return nerr_pass(not_done(r, q, why));
}

static NEOERR *done(Request *r, long long id, const char *what)
{
	char loc[96];

	snprintf(loc, sizeof(loc), "/privacy/requests/%lld?done=%s", id, what);
	return http_redirect(r, loc);
}

/* Reads the request's state again on its locked row: *open, *extended. */
static NEOERR *lock_request(long long id, int *open, int *extended)
{
	DBQuery *q;
	NEOERR *err = db_query(&q, "SELECT state = 'open', extended_at IS NOT NULL FROM privacy_requests"
				   " WHERE id = ? FOR UPDATE", "i", id);

	*open = *extended = 0;
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		*open = (int)db_int(q, 0);
		*extended = (int)db_int(q, 1);
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *request_extend(Request *r)
{
	long long months = conf_int("Privacy.RequestExtensionMonths");
	char detail[64], *due = NULL;
	int open, extended;
	PrivacyRequest q;
	NEOERR *err = request_load(r, param_int(r, "id", 0), "privacy.handle", &q);

	if (err || !q.id)
		return nerr_pass(err);
	param_keep_form(r);
	if (strcmp(q.state, "open"))
		return nerr_pass(not_done(r, &q, "closed"));
	if (q.extended)
		return nerr_pass(not_done(r, &q, "extended_once"));
	require_words(r, "reason");
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(request_page(r, &q));
	}
	err = db_begin();
	if (!err)
		err = lock_request(q.id, &open, &extended);
	if (!err && (!open || extended))
		return nerr_pass(not_done_now(r, &q, open ? "extended_once" : "closed"));
	if (!err)
		err = db_exec(NULL, "UPDATE privacy_requests SET due_on = first_due_on + INTERVAL ? MONTH,"
				    " extended_at = UTC_TIMESTAMP(), extended_by = ?, extension_reason = ? WHERE id = ?",
			      "iisi", months, r->user->id, param_str(r, "reason"), q.id);
	if (!err)
		err = db_value(&due, "SELECT DATE_FORMAT(due_on, '%Y-%m-%d') FROM privacy_requests WHERE id = ?", "i",
			       q.id);
	snprintf(detail, sizeof(detail), "%s, due %s", q.kind, due ? due : "");
	free(due);
	if (!err)
		err = rights_answered(q.id, "extended");
	if (!err)
		err = audit_add(r, r->user->id, "privacy.request.extend", "privacy_request", q.id, q.subject.unit_id,
				detail);
	err = db_finish(err);
	return err ? nerr_pass(err) : done(r, q.id, "request_extended");
}

NEOERR *request_close(Request *r)
{
	const char *state = param_str(r, "state"), *outcome = or_empty(param_str(r, "outcome"));
	char detail[64];
	int open, extended;
	PrivacyRequest q;
	NEOERR *err = request_load(r, param_int(r, "id", 0), "privacy.handle", &q);

	if (err || !q.id)
		return nerr_pass(err);
	param_keep_form(r);
	if (strcmp(q.state, "open"))
		return nerr_pass(not_done(r, &q, "closed"));
	/* A refusal says why: the person is told (GDPR art. 12(4)). */
	if (!r->form_errors && !strcmp(state, "refused") && blank(outcome))
		param_error(r, "outcome", "refusal_reason");
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(request_page(r, &q));
	}
	err = db_begin();
	if (!err)
		err = lock_request(q.id, &open, &extended);
	if (!err && !open)
		return nerr_pass(not_done_now(r, &q, "closed"));
	if (!err)
		err = db_exec(NULL, "UPDATE privacy_requests SET state = ?, closed_at = UTC_TIMESTAMP(), closed_by = ?,"
				    " outcome = ? WHERE id = ?",
			      "sisi", state, r->user->id, outcome, q.id);
	snprintf(detail, sizeof(detail), "%s, %s", q.kind, state);
	if (!err)
		err = rights_answered(q.id, "closed");
	if (!err)
		err = audit_add(r, r->user->id, "privacy.request.close", "privacy_request", q.id, q.subject.unit_id,
				detail);
	err = db_finish(err);
	return err ? nerr_pass(err) : done(r, q.id, "request_closed");
}

/* --- recording and filing one ------------------------------------------- */

/* Inserts a request of the subject in the caller's transaction and
 * audits it; *id is the new request's. */
static NEOERR *insert_request(Request *r, const Subject *s, const char *channel, const char *kind,
			      const char *received, const char *text, long long *id)
{
	char detail[64];
	NEOERR *err;

	err = db_exec(NULL,
		"INSERT INTO privacy_requests (kind, user_id, candidate_id, channel, recorded_by, recorded_at,"
		" received_on, first_due_on, due_on, request_text)"
		" VALUES (?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, UTC_TIMESTAMP(), ?, ? + INTERVAL ? MONTH,"
		" ? + INTERVAL ? MONTH, ?)",
		"siisissisis", kind, s->kind == 'u' ? s->id : 0LL, s->kind == 'c' ? s->id : 0LL, channel,
		r->user->id, received, received, (long long)conf_int("Privacy.RequestMonths"), received,
		(long long)conf_int("Privacy.RequestMonths"), text);
	*id = err ? 0 : (long long)db_insert_id();
	snprintf(detail, sizeof(detail), "%s, %s", kind, channel);
	if (!err)
		err = audit_add(r, r->user->id, "privacy.request.add", "privacy_request", *id, s->unit_id, detail);
	return nerr_pass(err);
}

/* Locks the person's row (users, or candidates for a candidate) in the
 * caller's transaction and reads it again: *gone when he was erased, or
 * is no more, since the page was loaded — the erasure locks the same row,
 * so one of the two waits for the other. */
static NEOERR *lock_subject(const Subject *s, int *gone)
{
	char *erased = NULL;
	NEOERR *err = db_value(&erased, s->kind == 'u'
			       ? "SELECT erased_at IS NOT NULL FROM users WHERE id = ? FOR UPDATE"
			       : "SELECT erased_at IS NOT NULL FROM candidates WHERE id = ? FOR UPDATE", "i", s->id);

	*gone = !erased || strcmp(erased, "0");
	free(erased);
	return nerr_pass(err);
}

/* The privacy officer records a request that came in by letter, mail,
 * phone or at the desk: on the person's page, the day it came in. */
NEOERR *request_add(Request *r)
{
	const char *received = param_str(r, "request_received");
	char today[11], loc[96];
	long long id = 0;
	int gone = 0;
	Subject s;
	NEOERR *err = subject_of_route(r, "privacy.handle", &s);

	if (err || !s.id)
		return nerr_pass(err);
	param_keep_form(r);
	require_words(r, "request_text");
	rights_today(time(NULL), today);
	if (!hdf_get_value(r->hdf, "Page.Errors.request_received", NULL) && strcmp(received, today) > 0)
		param_error(r, "request_received", "received_future");
	if (!r->form_errors && s.erased) {
		hdf_set_value(r->hdf, "Page.Requests.Refused", "erased");
		r->status = FORM_REFUSED;
		return nerr_pass(s.kind == 'u' ? person_show(r) : candidate_show(r));
	}
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(s.kind == 'u' ? person_show(r) : candidate_show(r));
	}
	err = db_begin();
	if (!err)
		err = lock_subject(&s, &gone);
	if (!err && gone) {
		db_rollback();
		return http_fail(r, 404, "%s %lld was erased meanwhile", s.kind == 'u' ? "user" : "candidate", s.id);
	}
	if (!err)
		err = insert_request(r, &s, "officer", param_str(r, "request_kind"), received,
				     param_str(r, "request_text"), &id);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/privacy/%s/%lld?done=request_added#requests",
		 s.kind == 'u' ? "persons" : "candidates", s.id);
	return http_redirect(r, loc);
}

/* Anyone logged in files his own request from /privacy/me: it comes in
 * today, and the privacy officers are mailed at once. */
NEOERR *request_self(Request *r)
{
	char today[11], *open = NULL;
	long long id = 0;
	int gone = 0;
	Subject s;
	NEOERR *err = subject_load(r, 'u', r->user->id, NULL, &s);

	if (err || !s.id)
		return nerr_pass(err);
	param_keep_form(r);
	require_words(r, "request_text");
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(privacy_me(r));
	}
	rights_today(time(NULL), today);
	/* His own row, locked: two requests of his at once count each other,
	 * and an erasure in between is seen. */
	err = db_begin();
	if (!err)
		err = lock_subject(&s, &gone);
	if (!err && gone) {
		db_rollback();
		return http_fail(r, 404, "user %lld was erased meanwhile", s.id);
	}
	if (!err)
		err = db_value(&open, "SELECT COUNT(*) FROM privacy_requests WHERE user_id = ? AND channel = 'self'"
				      " AND state = 'open'", "i", s.id);
	if (!err && open && atoll(open) >= MAX_OPEN_OWN) {
		free(open);
		db_rollback();
		hdf_set_value(r->hdf, "Page.Requests.Refused", "too_many");
		r->status = FORM_REFUSED;
		return nerr_pass(privacy_me(r));
	}
	free(open);
	if (!err)
		err = insert_request(r, &s, "self", param_str(r, "request_kind"), today, param_str(r, "request_text"),
				     &id);
	if (!err)
		err = rights_filed(id, NULL);
	err = db_finish(err);
	return err ? nerr_pass(err) : http_redirect(r, "/privacy/me?done=request_added#requests");
}

/* --- the section of a person's page ------------------------------------- */

/* His requests: for the privacy officer with links to each and the form
 * to record one; on his own page (s->self) his own, with their state,
 * due date and answer, and the form to file one. */
NEOERR *requests_section(Request *r, const Subject *s)
{
	char today[11];
	DBQuery *rows;
	NEOERR *err;
	int n = 0;

	rights_today(time(NULL), today);
	hdf_set_value(r->hdf, "Page.Requests.Today", today);
	hdf_set_int_value(r->hdf, "Page.Requests.Months", conf_int("Privacy.RequestMonths"));
	if (s->self) {
		hdf_set_value(r->hdf, "Page.Requests.MayFile", "1");
		/* Where to complain about a refusal (GDPR art. 12(4)). */
		hdf_set_value(r->hdf, "Page.Requests.Authority", statement_text("Controller.Authority", r->lang));
	}
	else if (!s->erased && acl_may_at(r, "privacy.handle", s->home))
		hdf_set_value(r->hdf, "Page.Requests.MayRecord", "1");
	err = db_query(&rows,
		"SELECT id, kind, state, channel, DATE_FORMAT(received_on, '%Y-%m-%d'), DATE_FORMAT(due_on, '%Y-%m-%d'),"
		" extended_at IS NOT NULL, " DUE_FLAGS ", request_text, extension_reason, outcome,"
		" COALESCE(UNIX_TIMESTAMP(closed_at), 0)"
		" FROM privacy_requests WHERE (? = 'u' AND user_id = ?) OR (? = 'c' AND candidate_id = ?)"
		" ORDER BY received_on DESC, id DESC LIMIT ?",
		"ssisisii", today, today, (long long)conf_int("Privacy.RequestRemindDays"), s->kind == 'u' ? "u" : "c",
		s->id, s->kind == 'u' ? "u" : "c", s->id, (long long)LIST_MAX);
	if (err)
		return nerr_pass(err);
	while (db_next(rows)) {
		HDF *h = page_item(r, "Requests.Rows", n++);
		page_put(h, "Id", db_str(rows, 0));
		page_put(h, "Kind", db_str(rows, 1));
		page_put(h, "State", db_str(rows, 2));
		page_put(h, "Channel", db_str(rows, 3));
		page_put(h, "Received", db_str(rows, 4));
		page_put(h, "Due", db_str(rows, 5));
		if (db_int(rows, 6))
			hdf_set_value(h, "Extended", "1");
		put_due(h, db_str(rows, 2), (int)db_int(rows, 7), (int)db_int(rows, 8));
		/* His own words and the answers to him, on his own page. */
		if (s->self) {
			page_put(h, "Text", db_str(rows, 9));
			page_put(h, "ExtensionReason", db_str(rows, 10));
			page_put(h, "Outcome", db_str(rows, 11));
			put_moment(h, "Closed", db_int(rows, 12));
		}
	}
	db_end(&rows);
	return STATUS_OK;
}
