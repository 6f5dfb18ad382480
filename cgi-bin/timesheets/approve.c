/* approve.c: the weeks submitted for approval, a timesheet against its planned shifts, approving (one or a selection) and rejecting — an approved week locked and sent to the back-office */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "account.h"
#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "outbox.h"
#include "report.h"
#include "timesheets.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* The last version the user made: a bulk approval's versions are those
 * of his after the one before it, up to the one after it — through the
 * index of made_by, which holds the id. */
#define LAST_MADE "SELECT COALESCE(MAX(id), 0) FROM timesheet_versions WHERE made_by = ?"
/* A version the back-office refused, or whose call died. */
#define TS_REFUSED "v.refusal IS NOT NULL OR ob.state = 'dead'"

/* --- the list ------------------------------------------------------------ */

/* Timesheets in the user's scope that have left the worker's hands (never
 * a draft: that is his alone), below a unit (its path; "" for all), in
 * states (three of them: a state given thrice for one), of weeks from and
 * to, of a worker whose name holds the text when given. Read from the
 * units in scope through (unit, state, week), never from all timesheets
 * of every client. */
#define SHEETS_OF_UNITS \
	" FROM org_units o STRAIGHT_JOIN timesheets t ON t.unit_id = o.id"
#define SHEETS_WHERE \
	" WHERE" ACL_IN_SCOPE("o.path") " AND o.path LIKE CONCAT(?, '%')" \
	" AND t.state IN (?, ?, ?) AND t.state <> 'draft' AND t.week BETWEEN ? AND ?"
#define WORKERS " JOIN users u ON u.id = t.worker_user_id"
#define NAMED " AND (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name)) > 0)"
#define SHEETS_IN_SCOPE SHEETS_OF_UNITS WORKERS SHEETS_WHERE NAMED
#define IN_SCOPE_TYPES "ss" "sss" "ss" "ss"

/* The words of the rows, looked up once. */
typedef struct words {
	const char *prefix, *select, *version, *states[4], *months[12];
} Words;

static const char *const states[] = { "draft", "submitted", "approved", "rejected" };

static const char *word(const char *lang, const char *key)
{
	const char *v = view_text(lang, key);
	return v == key ? "" : v;
}

/* The rows are written as HTML here, not through a template: up to 500
 * rows of six cells, which through ClearSilver were most of the page's
 * time (as the planning's week view found, grid.c). Every value is
 * escaped as the templates escape; the words come from the language
 * files. */
static void row_html(STRING *out, const Words *w, DBQuery *q, int may_approve)
{
	const char *state = db_str(q, 1);
	long long minutes = db_int(q, 3);
	int si = 0;

	for (int i = 0; i < 4; i++)
		if (!strcmp(state, states[i]))
			si = i;
	string_append(out, "<tr><td class=\"pick\">");
	if (may_approve && !strcmp(state, "submitted")) {
		string_append(out, "<input type=\"checkbox\" name=\"sheet\" value=\"");
		page_num(out, db_int(q, 0));
		string_append(out, "\" aria-label=\"");
		page_html(out, w->select);
		string_append(out, " ");
		page_html(out, db_str(q, 6));
		string_append(out, " ");
		page_html(out, db_str(q, 2));
		string_append(out, "\">");
	}
	string_append(out, "</td><td><a href=\"");
	page_html(out, w->prefix);
	string_append(out, "/timesheets/");
	page_num(out, db_int(q, 0));
	string_append(out, "\">");
	page_html(out, db_str(q, 6));
	string_append(out, "</a></td><td class=\"nowrap\">");
	page_date(out, w->months, db_str(q, 2));
	string_append(out, "</td><td>");
	page_html(out, db_str(q, 5));
	string_append(out, "<br><span class=\"muted small\">");
	page_html(out, db_str(q, 4));
	string_append(out, "</span></td><td class=\"num\">");
	page_num(out, minutes / 60);
	string_append(out, minutes % 60 < 10 ? ":0" : ":");
	page_num(out, minutes % 60);
	string_append(out, "</td><td><span class=\"badge state-");
	page_html(out, state);
	string_append(out, "\">");
	page_html(out, w->states[si]);
	string_append(out, "</span>");
	if (db_int(q, 7) > 1) {
		string_append(out, " <span class=\"muted small\">");
		page_html(out, w->version);
		string_append(out, " ");
		page_num(out, db_int(q, 7));
		string_append(out, "</span>");
	}
	string_append(out, "</td></tr>\n");
}

/* --- what the back-office did with them ---------------------------------- */

/* Of the versions the user made after the version after and up to upto
 * (LAST_MADE): taken by the back-office (or replaced by a newer version
 * before they went), refused (its rules, or a dead letter for the
 * agency), still on their way. Each with its call in the outbox by its
 * key. */
static NEOERR *sent_counts(Request *r, long long after, long long upto, int counts[3])
{
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT COALESCE(SUM(" TS_REFUSED "), 0),"
			   " COALESCE(SUM(NOT (" TS_REFUSED ") AND ob.state IN ('pending', 'sending', 'retry')), 0),"
			   " COUNT(*)"
			   " FROM timesheet_versions v LEFT JOIN outbox ob"
			   "  ON ob.idempotency_key = CONCAT('timesheet:', v.timesheet_id, ':', v.version)"
			   " WHERE v.made_by = ? AND v.id > ? AND v.id <= ?",
		       "iii", r->user->id, after, upto);
	if (err)
		return nerr_pass(err);
	counts[0] = counts[1] = counts[2] = 0;
	if (db_next(q)) {
		counts[1] = (int)db_int(q, 0);
		counts[2] = (int)db_int(q, 1);
		counts[0] = (int)db_int(q, 2) - counts[1] - counts[2];
	}
	db_end(&q);
	return STATUS_OK;
}

/* GET /timesheets/progress?after=&upto=: {"delivered", "refused",
 * "waiting"}, for the list's script to follow after a bulk approval. */
NEOERR *ts_progress(Request *r)
{
	int counts[3];
	NEOERR *err = sent_counts(r, param_int(r, "after", 0), param_int(r, "upto", 0), counts);

	if (err)
		return nerr_pass(err);
	return nerr_pass(http_json(r, json_pack("{s:i, s:i, s:i}", "delivered", counts[0], "refused", counts[1],
						"waiting", counts[2])));
}

NEOERR *ts_index(Request *r)
{
	const char *state = param_str(r, "state"), *text = or_empty(param_str(r, "q"));
	long long unit = param_int(r, "unit", 0), total = 0;
	char week[11] = "", from[11], to[11], path[ORG_PATH_LEN + 1] = "", last_path[ORG_PATH_LEN + 1] = "", *scope;
	int n = 0, may_approve = 0, may = 0;
	Words w;
	STRING rows, qs;
	DBQuery *q;
	NEOERR *err;

	/* A temp worker's timesheets are his own weeks. */
	if (!strcmp(r->user->kind, "worker"))
		return http_redirect(r, "/timesheets/me");
	if (!acl_may(r, "timesheet.view"))
		return http_fail(r, 404, "no timesheets to see");
	/* What waits is shown first; a filter that failed its check filters
	 * nothing, the form says why. */
	if (!state || hdf_get_value(r->hdf, "Page.Errors.state", NULL))
		state = "submitted";
	if (!strcmp(state, "all"))
		state = "";
	if (hdf_get_value(r->hdf, "Page.Errors.q", NULL))
		text = "";
	if (hdf_get_value(r->hdf, "Page.Errors.unit", NULL))
		unit = 0;
	if (unit) {
		char *found = NULL;
		err = db_value(&found, "SELECT path FROM org_units WHERE id = ?", "i", unit);
		if (err)
			return nerr_pass(err);
		if (!found || !acl_may_at(r, "timesheet.view", found)) {
			param_error(r, "unit", "unit_scope");
			unit = 0;
		}
		snprintf(path, sizeof(path), "%s", unit && found ? found : "");
		free(found);
	}
	/* A week chosen, or the weeks of Timesheets.ListWeeks back (and the
	 * current one). */
	if (param_str(r, "week") && !hdf_get_value(r->hdf, "Page.Errors.week", NULL)) {
		ts_monday(param_str(r, "week"), week);
		snprintf(from, sizeof(from), "%s", week);
		snprintf(to, sizeof(to), "%s", week);
	} else {
		timesheet_list_from(time(NULL), from);
		snprintf(to, sizeof(to), "9999-12-31");
		hdf_set_int_value(r->hdf, "Page.ListWeeks", conf_int("Timesheets.ListWeeks"));
	}
	scope = acl_scope(r, "timesheet.view");
	/* A count per state, for the same filters: without a name, from the
	 * (unit, state, week) index alone. */
	if (*text)
		err = db_query(&q, "SELECT t.state, COUNT(*)" SHEETS_IN_SCOPE " GROUP BY t.state", IN_SCOPE_TYPES,
			       scope, path, "submitted", "approved", "rejected", from, to, text, text);
	else
		err = db_query(&q, "SELECT t.state, COUNT(*)" SHEETS_OF_UNITS SHEETS_WHERE " GROUP BY t.state",
			       "ss" "sss" "ss", scope, path, "submitted", "approved", "rejected", from, to);
	if (err) {
		free(scope);
		return nerr_pass(err);
	}
	while (db_next(q)) {
		char key[64];
		snprintf(key, sizeof(key), "Page.Counts.%s", db_str(q, 0));
		hdf_set_value(r->hdf, key, db_str(q, 1));
		if (!*state || !strcmp(state, db_str(q, 0)))
			total += db_int(q, 1);
	}
	db_end(&q);
	err = db_query(&q, "SELECT t.id, t.state, DATE_FORMAT(t.week, '%Y-%m-%d'), t.minutes, t.position, o.name,"
			   " CONCAT_WS(' ', u.first_name, u.last_name), t.version, o.path" SHEETS_IN_SCOPE
			   " ORDER BY t.week DESC, u.last_name, u.first_name, t.id LIMIT ?",
		       IN_SCOPE_TYPES "i", scope, path, *state ? state : "submitted", *state ? state : "approved",
		       *state ? state : "rejected", from, to, text, text, (long long)LIST_MAX);
	free(scope);
	if (err)
		return nerr_pass(err);
	w.prefix = conf_str("Portal.Prefix");
	w.select = word(r->lang, "Lang.Timesheets.Select");
	w.version = word(r->lang, "Lang.Timesheets.History.Version");
	page_months(r->lang, w.months);
	for (int i = 0; i < 4; i++) {
		char key[64];
		snprintf(key, sizeof(key), "Lang.Timesheets.States.%s", states[i]);
		w.states[i] = word(r->lang, key);
	}
	string_init(&rows);
	while (db_next(q)) {
		/* The rows of a unit come together: its right looked up once. */
		if (strcmp(last_path, db_str(q, 8))) {
			snprintf(last_path, sizeof(last_path), "%s", db_str(q, 8));
			may = acl_may_at(r, "timesheet.approve", last_path);
		}
		row_html(&rows, &w, q, may);
		may_approve |= may && !strcmp(db_str(q, 1), "submitted");
		n++;
	}
	db_end(&q);
	hdf_set_buf(r->hdf, "Page.Rows", rows.buf ? rows.buf : xstrdup(""));
	hdf_set_int_value(r->hdf, "Page.Shown", n);
	hdf_set_int_value(r->hdf, "Page.Total", (int)total);
	if (may_approve)
		hdf_set_value(r->hdf, "Page.MayApprove", "1");
	if (acl_may(r, "timesheet.enter") && !strcmp(r->user->kind, "agency"))
		hdf_set_value(r->hdf, "Page.MayEnter", "1");
	if (acl_may(r, "timesheet.view") && *week)
		hdf_set_value(r->hdf, "Page.MayExport", "1");
	/* The list as it is, to come back to after a bulk approval. */
	string_init(&qs);
	page_query_add(&qs, "week", week);
	if (unit) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%lld", unit);
		page_query_add(&qs, "unit", buf);
		hdf_set_value(r->hdf, "Page.Unit", buf);
	}
	page_query_add(&qs, "state", *state ? state : "all");
	page_query_add(&qs, "q", text);
	hdf_set_value(r->hdf, "Page.Query", qs.buf ? qs.buf : "");
	string_clear(&qs);
	page_words(r, "States", "submitted approved rejected all");
	param_keep_form(r);
	hdf_set_value(r->hdf, "Page.Form.state", *state ? state : "all");
	hdf_set_value(r->hdf, "Page.Form.week", week);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	if (param_str(r, "count"))
		hdf_set_value(r->hdf, "Page.DoneCount", param_str(r, "count"));
	/* After a bulk approval, how far the back-office is with it: for
	 * who approves, as the script that follows it asks. */
	if (param_str(r, "upto") && param_str(r, "done") && !strcmp(param_str(r, "done"), "approved_many") &&
	    acl_may(r, "timesheet.approve")) {
		int counts[3];
		if ((err = sent_counts(r, param_int(r, "after", 0), param_int(r, "upto", 0), counts)) != STATUS_OK)
			return nerr_pass(err);
		hdf_set_value(r->hdf, "Page.After", or_empty(param_str(r, "after")));
		hdf_set_value(r->hdf, "Page.Upto", param_str(r, "upto"));
		hdf_set_int_value(r->hdf, "Page.Progress.Delivered", counts[0]);
		hdf_set_int_value(r->hdf, "Page.Progress.Refused", counts[1]);
		hdf_set_int_value(r->hdf, "Page.Progress.Waiting", counts[2]);
	}
	err = page_units(r, "Units", "timesheet.view");
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "timesheets/list.cs"));
}

/* --- a timesheet --------------------------------------------------------- */

/* The page of a timesheet for those who decide on it or see it. */
static NEOERR *show_page(Request *r, const Sheet *s)
{
	NEOERR *err = ts_into_page(r, s, acl_may_at(r, "wage.view", s->path));

	if (err)
		return nerr_pass(err);
	if (!strcmp(s->state, "submitted") && acl_may_at(r, "timesheet.approve", s->path))
		hdf_set_value(r->hdf, "Page.MayDecide", "1");
	if (!strcmp(s->state, "approved") && acl_may_at(r, "timesheet.correct", s->path))
		hdf_set_value(r->hdf, "Page.MayCorrect", "1");
	param_keep_form(r);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "timesheets/show.cs"));
}

/* A timesheet to decide on: seen by the user, not the worker's to keep. */
static NEOERR *load_seen(Request *r, Sheet *s, int *ok)
{
	enum sheet_access access;
	NEOERR *err = ts_load(r, s, &access);

	*ok = 0;
	if (err || access == SHEET_NONE)
		return nerr_pass(err);
	if (access == SHEET_OWN && !strcmp(s->state, "draft")) {
		/* His own draft, or one the agency keeps: its own page. */
		char loc[96];
		if (s->worker == r->user->id)
			snprintf(loc, sizeof(loc), "/timesheets/me/%lld", s->id);
		else
			snprintf(loc, sizeof(loc), "/timesheets/workers/%lld/%lld", s->worker, s->id);
		return http_redirect(r, loc);
	}
	*ok = 1;
	return STATUS_OK;
}

NEOERR *ts_show(Request *r)
{
	Sheet s;
	int ok;
	NEOERR *err = load_seen(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(show_page(r, &s));
}

/* --- to the back-office -------------------------------------------------- */

NEOERR *ts_send_version(Request *r, long long id, const char *reason)
{
	json_t *entries = json_array(), *body = NULL, *call;
	char key[96], *payload, ref[32], wref[32], cref[32], uref[32];
	long long version = 0, minutes = 0;
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT DATE_FORMAT(e.day, '%Y-%m-%d'), DATE_FORMAT(e.starts_at, '%Y-%m-%dT%H:%i:%sZ'),"
			   " DATE_FORMAT(e.ends_at, '%Y-%m-%dT%H:%i:%sZ'), e.break_minutes, e.minutes, e.night_minutes,"
			   " e.weekend_minutes, e.position, e.remark, COALESCE(e.shift_id, 0)"
			   " FROM timesheet_entries e WHERE e.timesheet_id = ? ORDER BY e.day, e.starts_at, e.id",
		       "i", id);
	if (err) {
		json_decref(entries);
		return nerr_pass(err);
	}
	while (db_next(q)) {
		json_t *e = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:s, s:s}", "day", db_str(q, 0),
				      "start", db_str(q, 1), "end", db_str(q, 2), "break_minutes",
				      (json_int_t)db_int(q, 3), "minutes", (json_int_t)db_int(q, 4), "night_minutes",
				      (json_int_t)db_int(q, 5), "weekend_minutes", (json_int_t)db_int(q, 6),
				      "position", db_str(q, 7), "remark", db_str(q, 8));
		if (db_int(q, 9)) {
			char shift[32];
			snprintf(shift, sizeof(shift), "S%lld", db_int(q, 9));
			json_object_set_new(e, "shift", json_string(shift));
		}
		json_array_append_new(entries, e);
	}
	db_end(&q);
	err = db_query(&q, "SELECT t.version, t.minutes, t.worker_user_id, CONCAT_WS(' ', u.first_name, u.last_name),"
			   " c.id, c.name, o.name, t.position, DATE_FORMAT(t.week, '%Y-%m-%d'), t.unit_id"
			   " FROM timesheets t JOIN users u ON u.id = t.worker_user_id JOIN org_units o ON o.id = t.unit_id"
			   " JOIN clients c ON c.id = o.client_id WHERE t.id = ?", "i", id);
	if (err) {
		json_decref(entries);
		return nerr_pass(err);
	}
	if (db_next(q)) {
		version = db_int(q, 0);
		minutes = db_int(q, 1);
		snprintf(ref, sizeof(ref), "T%lld", id);
		snprintf(wref, sizeof(wref), "W%lld", db_int(q, 2));
		snprintf(cref, sizeof(cref), "K%lld", db_int(q, 4));
		/* What the back-office needs for wages and invoices: no BSN, no contact. */
		snprintf(uref, sizeof(uref), "U%lld", db_int(q, 9));
		body = json_pack("{s:s, s:I, s:{s:s, s:s}, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:I, s:O}", "timesheet",
				 ref, "version", (json_int_t)version, "worker", "ref", wref, "name", db_str(q, 3),
				 "client", "ref", cref, "name", db_str(q, 5), "unit", db_str(q, 6), "unit_ref", uref,
				 "position", db_str(q, 7), "week", db_str(q, 8), "minutes", (json_int_t)minutes,
				 "entries", entries);
		if (body && reason)
			json_object_set_new(body, "correction", json_string(reason));
	}
	db_end(&q);
	if (!body) {
		json_decref(entries);
		return nerr_raise(NERR_NOT_FOUND, "timesheet %lld to send", id);
	}
	/* The version as it was sent, for the history. */
	payload = json_dumps(entries, JSON_COMPACT);
	json_decref(entries);
	err = db_exec(NULL, "INSERT INTO timesheet_versions (timesheet_id, version, entries, minutes, reason, made_by,"
			    " made_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())", "iisisi", id, version,
		      payload ? payload : "[]", minutes, reason, r->user->id);
	free(payload);
	call = json_pack("{s:s, s:I, s:I, s:o}", "path", "/v1/timesheets", "timesheet", (json_int_t)id, "version",
			 (json_int_t)version, "body", body);
	payload = call ? json_dumps(call, JSON_COMPACT) : NULL;
	json_decref(call);
	if (!err && !payload)
		err = nerr_raise(NERR_NOMEM, "no memory for a timesheet call");
	/* One call a version, whatever retries the request or the worker make. */
	snprintf(key, sizeof(key), "timesheet:%lld:%lld", id, version);
	if (!err)
		err = outbox_add("backoffice", key, payload, NULL);
	free(payload);
	/* The reports' hours, in the same transaction. */
	if (!err)
		err = report_hours_changed(id);
	return nerr_pass(err);
}

/* --- deciding ------------------------------------------------------------ */

NEOERR *ts_approve_one(Request *r, long long id, long long unit, int *done)
{
	unsigned long long changed = 0;
	NEOERR *err;

	*done = 0;
	/* Only a submitted week: two supervisors at once make one approval. */
	err = db_exec(&changed, "UPDATE timesheets SET state = 'approved', version = version + 1, reason = NULL,"
				" decided_at = UTC_TIMESTAMP(), decided_by = ?, updated_at = UTC_TIMESTAMP()"
				" WHERE id = ? AND state = 'submitted'", "ii", r->user->id, id);
	if (err || !changed)
		return nerr_pass(err);
	err = ts_send_version(r, id, NULL);
	if (!err)
		err = audit_add(r, r->user->id, "timesheet.approve", "timesheet", id, unit, NULL);
	*done = !err;
	return nerr_pass(err);
}

NEOERR *ts_refused(Request *r, const char *why)
{
	Sheet s;
	int ok;
	NEOERR *err;

	hdf_set_value(r->hdf, "Page.Refused", why);
	err = load_seen(r, &s, &ok);
	if (err || !ok)
		return nerr_pass(err);
	r->status = REFUSED;
	return nerr_pass(show_page(r, &s));
}

NEOERR *ts_approve(Request *r)
{
	Sheet s;
	int ok, done = 0;
	NEOERR *err = load_seen(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!acl_require(r, "timesheet.approve", s.path))
		return STATUS_OK;
	err = db_begin();
	if (!err)
		err = ts_approve_one(r, s.id, s.unit, &done);
	if (!err && !done)
		db_rollback();
	else
		err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (!done)
		return nerr_pass(ts_refused(r, "not_submitted"));
	return http_redirect(r, "/timesheets/?done=approved");
}

NEOERR *ts_reject(Request *r)
{
	const char *reason = param_str(r, "reason");
	unsigned long long changed = 0;
	char key[96], *url;
	Sheet s;
	int ok;
	NEOERR *err = load_seen(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (!acl_require(r, "timesheet.approve", s.path))
		return STATUS_OK;
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(show_page(r, &s));
	}
	err = db_begin();
	if (!err)
		err = db_exec(&changed, "UPDATE timesheets SET state = 'rejected', reason = ?, decided_at = UTC_TIMESTAMP(),"
					" decided_by = ?, updated_at = UTC_TIMESTAMP() WHERE id = ? AND state = 'submitted'",
			      "sii", reason, r->user->id, s.id);
	if (!err && !changed) {
		db_rollback();
		return nerr_pass(ts_refused(r, "not_submitted"));
	}
	/* The reason is the timesheet's (it may name people): not copied into
	 * the append-only log, which an erasure cannot reach. */
	if (!err)
		err = audit_add(r, r->user->id, "timesheet.reject", "timesheet", s.id, s.unit, "reason in the timesheet");
	/* Back to the worker, who corrects and submits again — or, for a
	 * worker without a login, to the agency's user who entered his hours. */
	if (!err && (s.worker_login || s.entered_by)) {
		HDF *extra;
		if (s.worker_login)
			url = conf_url("/timesheets/me/%lld", s.id);
		else
			url = conf_url("/timesheets/workers/%lld/%lld", s.worker, s.id);
		hdf_init(&extra);
		hdf_set_value(extra, "Week", s.week);
		hdf_set_value(extra, "Unit", s.unit_name);
		hdf_set_value(extra, "Reason", reason);
		hdf_set_value(extra, "By", r->user->name);
		hdf_set_value(extra, "URL", url);
		free(url);
		/* A key per submission: the same week rejected again after a
		 * new submission is a new mail. */
		snprintf(key, sizeof(key), "mail:ts-rejected:%lld:%s", s.id, s.submitted);
		err = account_mail(s.worker_login ? s.worker : s.entered_by, "TimesheetRejected", key, extra);
		hdf_destroy(&extra);
	}
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/timesheets/?done=rejected");
}

/* Approves the ticked weeks in one transaction, in the order of their
 * ids (so that two selections at once lock in the same order): those not
 * submitted any more are left as they are and counted apart; one outside
 * the user's scope ends the request with 404, nothing approved. */
NEOERR *ts_approve_many(Request *r)
{
	long long ids[LIST_MAX];
	int n = param_ids(r, "sheet", ids, LIST_MAX), approved = 0, found = 0;
	const char *back = param_str(r, "back");
	char loc[640], *after = NULL, *upto = NULL;
	STRING list;
	DBQuery *q;
	NEOERR *err;
	struct pick { long long id, unit; int may; } *picks;

	if (!n)
		return http_redirect(r, "/timesheets/?done=none");
	string_init(&list);
	string_append(&list, "[");
	for (int i = 0; i < n; i++)
		string_appendf(&list, "%s%lld", i ? "," : "", ids[i]);
	string_append(&list, "]");
	picks = xcalloc((size_t)n, sizeof(*picks));
	err = db_query(&q, "SELECT t.id, t.unit_id, o.path FROM timesheets t JOIN org_units o ON o.id = t.unit_id"
			   " WHERE t.id IN (SELECT j.id FROM JSON_TABLE(?, '$[*]' COLUMNS (id BIGINT UNSIGNED PATH '$')) j)"
			   " AND t.state <> 'draft' ORDER BY t.id", "s", list.buf);
	string_clear(&list);
	if (err) {
		free(picks);
		return nerr_pass(err);
	}
	while (db_next(q) && found < n) {
		picks[found].id = db_int(q, 0);
		picks[found].unit = db_int(q, 1);
		picks[found].may = acl_may_at(r, "timesheet.approve", db_str(q, 2));
		found++;
	}
	db_end(&q);
	/* Every one must be there to see and decide on: the same ids twice are one. */
	for (int i = 0; i < found; i++)
		if (!picks[i].may) {
			long long id = picks[i].id;
			free(picks);
			return http_fail(r, 404, "timesheet %lld is not the user's to approve", id);
		}
	{
		int distinct = 0;
		for (int i = 0; i < n; i++) {
			int seen = 0;
			for (int j = 0; j < i && !seen; j++)
				seen = ids[j] == ids[i];
			distinct += !seen;
		}
		if (found < distinct) {
			free(picks);
			return http_fail(r, 404, "%d of the timesheets are not there to approve", distinct - found);
		}
	}
	/* The user's versions before and after: the list follows those
	 * between to the back-office. */
	err = db_value(&after, LAST_MADE, "i", r->user->id);
	if (!err)
		err = db_begin();
	for (int i = 0; i < found && !err; i++) {
		int done = 0;
		err = ts_approve_one(r, picks[i].id, picks[i].unit, &done);
		approved += done;
	}
	err = db_finish(err);
	free(picks);
	if (!err)
		err = db_value(&upto, LAST_MADE, "i", r->user->id);
	if (err) {
		free(after);
		free(upto);
		return nerr_pass(err);
	}
	/* Back to the list as it was. */
	if (!back || strncmp(back, "/timesheets/?", 13) || strpbrk(back, "\r\n#"))
		back = "/timesheets/?";
	snprintf(loc, sizeof(loc), "%s%sdone=approved_many&count=%d&after=%s&upto=%s", back,
		 back[strlen(back) - 1] == '?' ? "" : "&", approved, or_empty(after), or_empty(upto));
	free(after);
	free(upto);
	return http_redirect(r, loc);
}
