/* show.c: a vacancy's page — everything about it, the time it spent in each state — and its state changes */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "acl.h"
#include "audit.h"
#include "cache.h"
#include "conf.h"
#include "db.h"
#include "util.h"
#include "vacancies.h"
#include "view.h"

/* The state changes a vacancy allows: from, then the states it may go to. */
static const struct transition {
	const char *from, *to;
} transitions[] = {
	{ "draft", "open closed" },
	{ "open", "on_hold filled closed" },
	{ "on_hold", "open filled closed" },
	{ "filled", "closed" },
	{ "closed", "" },
};

static const char *next_states(const char *from)
{
	for (size_t i = 0; i < ARRAY_SIZE(transitions); i++)
		if (!strcmp(transitions[i].from, from))
			return transitions[i].to;
	return "";
}

/* Page.Events: each state the vacancy entered, with who and how long it
 * stayed; Page.TimeIn.<state>: the time spent in each state in all. */
static NEOERR *events(Request *r, long long id)
{
	long long total[8] = { 0 };
	const char *states[] = { "draft", "open", "on_hold", "filled", "closed" };
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q,
		"SELECT e.state, DATE_FORMAT(e.at, '%Y-%m-%d %H:%i'), e.note,"
		" CONCAT_WS(' ', u.first_name, u.last_name),"
		" TIMESTAMPDIFF(SECOND, e.at, COALESCE(LEAD(e.at) OVER (ORDER BY e.at, e.id), UTC_TIMESTAMP()))"
		" FROM vacancy_events e LEFT JOIN users u ON u.id = e.actor"
		" WHERE e.vacancy_id = ? ORDER BY e.at, e.id LIMIT 1000", "i", id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Events", n++);
		page_put(h, "State", db_str(q, 0));
		page_put(h, "At", db_str(q, 1));
		page_put(h, "Note", db_str(q, 2));
		page_put(h, "Actor", db_str(q, 3));
		vac_duration(h, db_int(q, 4));
		for (size_t i = 0; i < ARRAY_SIZE(states); i++)
			if (!strcmp(states[i], db_str(q, 0)))
				total[i] += db_int(q, 4);
	}
	db_end(&q);
	for (size_t i = 0; i < ARRAY_SIZE(states); i++) {
		char key[48];
		HDF *h = NULL;
		if (!strcmp(states[i], "closed"))
			continue; /* a closed vacancy stays closed: no time to count */
		snprintf(key, sizeof(key), "Page.TimeIn.%s", states[i]);
		hdf_get_node(r->hdf, key, &h);
		vac_duration(h, total[i]);
	}
	return STATUS_OK;
}

/* Page.Count.<state>: the vacancy's candidates per state. */
static NEOERR *count_candidates(Request *r, long long id)
{
	DBQuery *q;
	NEOERR *err = db_query(&q, "SELECT state, COUNT(*) FROM candidates WHERE vacancy_id = ? GROUP BY state",
			       "i", id);

	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		char key[64];
		snprintf(key, sizeof(key), "Page.Count.%s", db_str(q, 0));
		hdf_set_value(r->hdf, key, db_str(q, 1));
	}
	db_end(&q);
	return STATUS_OK;
}

/* Page.Body: the vacancy's facts, its candidates (board or list) and its
 * time in each state, from the database — or, while the vacancies clock
 * stands and within the same minute (the times shown run on), as this
 * process made it before for the same view, language and side. */
static NEOERR *body(Request *r, const Vacancy *v)
{
	static const char *const fields[] = { "Id", "Title", "Position", "Description", "Location",
		"Hours", "Shift", "Start", "End", "Positions", "Skills", "Languages", "State",
		"CloseReason", "Created", "Updated", "Unit", "Client", "Creator" };
	unsigned long long gen;
	const char *kept;
	char key[CACHE_SCOPE + 160], clients[CACHE_SCOPE];
	size_t len;
	STRING out;
	HDF *h = NULL;
	DBQuery *q;
	NEOERR *err = cache_clock_perm(r, "vacancies", "vacancy.view", &gen, clients);
	int counted = 0;

	if (err)
		return nerr_pass(err);
	/* Who sees what: the names (agency side), the candidates at all, the
	 * proposing. */
	if (acl_may_at(r, "candidate.propose", v->path) && util_word_in("open on_hold", v->state))
		hdf_set_value(r->hdf, "Page.MayPropose", "1");
	snprintf(key, sizeof(key), "board %lld %s %s %s %lld %d %d %d", v->id, clients,
		 hdf_get_value(r->hdf, "Page.View", ""), r->lang, (long long)(time(NULL) / 60), !strcmp(r->user->kind, "agency"),
		 acl_may_at(r, "candidate.view", v->path), hdf_get_value(r->hdf, "Page.MayPropose", NULL) != NULL);
	kept = cache_get(key, gen, &len);
	if (kept) {
		hdf_set_value(r->hdf, "Page.Body", kept);
		return STATUS_OK;
	}
	err = db_query(&q,
		"SELECT v.id, v.title, v.position, v.description, v.work_location, v.hours_per_week,"
		" v.shift_pattern, v.start_date, v.end_date, v.positions, v.skills, v.languages, v.state,"
		" v.close_reason, DATE_FORMAT(v.created_at, '%Y-%m-%d %H:%i'),"
		" DATE_FORMAT(v.updated_at, '%Y-%m-%d %H:%i'), o.name, c.name,"
		" CONCAT_WS(' ', u.first_name, u.last_name)"
		" FROM vacancies v JOIN org_units o ON o.id = v.unit_id"
		" LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN users u ON u.id = v.created_by"
		" WHERE v.id = ?", "i", v->id);
	if (err)
		return nerr_pass(err);
	hdf_get_node(r->hdf, "Page.Vacancy", &h);
	if (db_next(q))
		for (int i = 0; i < (int)ARRAY_SIZE(fields); i++)
			page_put(h, fields[i], db_str(q, i));
	db_end(&q);
	err = events(r, v->id);
	if (!err)
		err = cand_into_page(r, v, &counted);
	if (!err && !counted)
		err = count_candidates(r, v->id);
	if (err)
		return nerr_pass(err);
	page_words(r, "CandidateStates", "proposed interview accepted rejected withdrawn");
	string_init(&out);
	err = view_render_part(r, "vacancies/board.cs", &out);
	if (!err && out.buf) {
		cache_put(key, gen, out.buf, (size_t)out.len);
		hdf_set_value(r->hdf, "Page.Body", out.buf);
	}
	string_clear(&out);
	return nerr_pass(err);
}

NEOERR *vac_show_page(Request *r, const Vacancy *v)
{
	NEOERR *err;

	hdf_set_value(r->hdf, "Page.View", param_str(r, "view") ? param_str(r, "view") : "board");
	err = body(r, v);
	if (err)
		return nerr_pass(err);
	/* The head of the page: from the vacancy as loaded. */
	hdf_set_int_value(r->hdf, "Page.Vacancy.Id", (int)v->id);
	hdf_set_value(r->hdf, "Page.Vacancy.Title", v->title);
	hdf_set_value(r->hdf, "Page.Vacancy.State", v->state);
	if (acl_may_at(r, "vacancy.edit", v->path)) {
		hdf_set_value(r->hdf, "Page.MayEdit", "1");
		page_words(r, "Next", next_states(v->state));
		page_words(r, "CloseReasons", conf_str("Vacancies.CloseReasons"));
	}
	param_keep_form(r);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(view_render(r, "vacancies/show.cs"));
}

NEOERR *vac_show(Request *r)
{
	Vacancy v;
	int ok;
	NEOERR *err = vac_load(r, "vacancy.view", &v, &ok);

	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(vac_show_page(r, &v));
}

/* One mail to each consultant who serves the vacancy's client (who
 * proposes candidates on its unit or one above it). The key names this opening, so a
 * retried request queues nothing twice. */
static NEOERR *notify_opened(const Vacancy *v, long long opening)
{
	long long ids[200];
	char path[64];
	HDF *extra = NULL;
	int n = 0;
	NEOERR *err = vac_holders(v, "candidate.propose", ids, (int)ARRAY_SIZE(ids), &n);

	if (err || !n)
		return nerr_pass(err);
	snprintf(path, sizeof(path), "/vacancies/%lld", v->id);
	err = vac_mail_extra(v, path, &extra);
	for (int i = 0; i < n && !err; i++) {
		char key[128];
		snprintf(key, sizeof(key), "mail:vacancy-open:%lld:%lld:%lld", v->id, opening, ids[i]);
		err = account_mail(ids[i], "VacancyOpened", key, extra);
	}
	hdf_destroy(&extra);
	return nerr_pass(err);
}

/* Refuses a state change: the vacancy's page again, with the reason. */
static NEOERR *refuse(Request *r, const Vacancy *v, const char *code)
{
	r->status = REFUSED;
	hdf_set_value(r->hdf, "Page.StateError", code);
	return nerr_pass(vac_show_page(r, v));
}

NEOERR *vac_state(Request *r)
{
	const char *to = param_str(r, "to"), *reason = param_str(r, "reason");
	char loc[64], from[16] = "", detail[128];
	long long openings = 0;
	Vacancy v;
	DBQuery *q;
	NEOERR *err;
	int ok;

	err = vac_load(r, "vacancy.edit", &v, &ok);
	if (err || !ok)
		return nerr_pass(err);
	if (r->form_errors)
		return nerr_pass(refuse(r, &v, "state_form"));
	if (!strcmp(to, "closed") && (!reason || !*reason)) {
		param_error(r, "reason", "reason_required");
		return nerr_pass(refuse(r, &v, "state_form"));
	}
	if (!strcmp(to, "closed") && !util_word_in(conf_str("Vacancies.CloseReasons"), reason)) {
		param_error(r, "reason", "reason_unknown");
		return nerr_pass(refuse(r, &v, "state_form"));
	}
	if (strcmp(to, "closed"))
		reason = NULL;

	err = db_begin();
	/* The row is locked: two requests at once change it one after the other. */
	if (!err)
		err = db_query(&q, "SELECT state, openings FROM vacancies WHERE id = ? FOR UPDATE", "i", v.id);
	if (!err) {
		if (db_next(q)) {
			snprintf(from, sizeof(from), "%s", db_str(q, 0));
			openings = db_int(q, 1);
		}
		db_end(&q);
	}
	if (err)
		return nerr_pass(db_finish(err));
	if (!strcmp(from, to)) {
		/* The same request again (a double click, a retry): already done. */
		db_rollback();
		snprintf(loc, sizeof(loc), "/vacancies/%lld?done=state", v.id);
		return http_redirect(r, loc);
	}
	if (!util_word_in(next_states(from), to)) {
		db_rollback();
		snprintf(v.state, sizeof(v.state), "%s", from);
		return nerr_pass(refuse(r, &v, "transition"));
	}
	if (!strcmp(to, "open"))
		openings++;
	err = db_exec(NULL, "UPDATE vacancies SET state = ?, close_reason = ?, openings = ?,"
			    " state_changed_at = UTC_TIMESTAMP(), updated_at = UTC_TIMESTAMP() WHERE id = ?",
		      "ssii", to, reason, openings, v.id);
	if (!err)
		err = db_exec(NULL, "INSERT INTO vacancy_events (vacancy_id, state, actor, at, note)"
				    " VALUES (?, ?, ?, UTC_TIMESTAMP(), ?)",
			      "isis", v.id, to, r->user->id,
			      param_str(r, "note") && *param_str(r, "note") ? param_str(r, "note") : reason);
	snprintf(detail, sizeof(detail), "%s -> %s%s%s", from, to, reason ? ": " : "", reason ? reason : "");
	if (!err)
		err = audit_add(r, r->user->id, "vacancy.state", "vacancy", v.id, v.unit_id, detail);
	if (!err && !strcmp(to, "open"))
		err = notify_opened(&v, openings);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/vacancies/%lld?done=state", v.id);
	return http_redirect(r, loc);
}
