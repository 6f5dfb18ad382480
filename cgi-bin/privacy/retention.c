/* retention.c: how long a person is kept — his retention date, contact moments that extend it, the public consent page */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "http.h"
#include "privacy.h"
#include "retention.h"
#include "statement.h"
#include "util.h"
#include "view.h"

/* --- a person's page ----------------------------------------------------- */

/* Page.Retention: his date and where it stands, the consent links he was
 * sent, the contact moments that extended it; the form to record one for
 * privacy.handle. Staff and client users are not kept by this clock: their
 * access ends by itself after long inactivity. */
NEOERR *retention_section(Request *r, const Subject *s)
{
	long long lead = conf_int("Privacy.ConsentLeadDays");
	HDF *h = NULL;
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	if (s->erased || (s->kind == 'u' && strcmp(s->user_kind, "worker")))
		return STATUS_OK;
	if (hdf_get_node(r->hdf, "Page.Retention", &h) != STATUS_OK)
		abort();
	hdf_set_value(h, "Shown", "1");
	hdf_set_int_value(h, "Months", conf_int("Privacy.RetentionMonths"));
	hdf_set_int_value(h, "ExtendMonths", conf_int("Privacy.ConsentExtendMonths"));
	if (acl_may_at(r, "privacy.handle", s->home))
		hdf_set_value(h, "MayRecord", "1");
	err = db_query(&q, s->kind == 'u'
		? "SELECT keep_until < UTC_DATE(), keep_until <= UTC_DATE() + INTERVAL ? DAY FROM users WHERE id = ?"
		: "SELECT keep_until < UTC_DATE(), keep_until <= UTC_DATE() + INTERVAL ? DAY FROM candidates WHERE id = ?",
		"ii", lead, s->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		if (db_int(q, 0))
			hdf_set_value(h, "Expired", "1");
		else if (db_int(q, 1))
			hdf_set_value(h, "Due", "1");
	}
	db_end(&q);
	err = db_query(&q, s->kind == 'u'
		? "SELECT DATE_FORMAT(created_at, '%Y-%m-%d'), DATE_FORMAT(for_until, '%Y-%m-%d'),"
		  " DATE_FORMAT(expires_at, '%Y-%m-%d'), DATE_FORMAT(used_at, '%Y-%m-%d %H:%i'),"
		  " used_at IS NULL AND expires_at < UTC_TIMESTAMP()"
		  " FROM consent_requests WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT 20"
		: "SELECT DATE_FORMAT(created_at, '%Y-%m-%d'), DATE_FORMAT(for_until, '%Y-%m-%d'),"
		  " DATE_FORMAT(expires_at, '%Y-%m-%d'), DATE_FORMAT(used_at, '%Y-%m-%d %H:%i'),"
		  " used_at IS NULL AND expires_at < UTC_TIMESTAMP()"
		  " FROM consent_requests WHERE candidate_id = ? ORDER BY created_at DESC, id DESC LIMIT 20",
		"i", s->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *a = page_item(r, "Retention.Asked", n++);
		page_put(a, "Sent", db_str(q, 0));
		page_put(a, "For", db_str(q, 1));
		page_put(a, "Expires", db_str(q, 2));
		page_put(a, "Used", db_str(q, 3));
		if (db_int(q, 4))
			page_put(a, "Lapsed", "1");
	}
	db_end(&q);
	n = 0;
	err = db_query(&q, s->kind == 'u'
		? "SELECT m.kind, DATE_FORMAT(m.at, '%Y-%m-%d %H:%i'), DATE_FORMAT(m.extended_to, '%Y-%m-%d'), m.text,"
		  " m.text_version, m.lang, COALESCE(CONCAT(b.first_name, ' ', b.last_name), '')"
		  " FROM contact_moments m LEFT JOIN users b ON b.id = m.recorded_by WHERE m.user_id = ?"
		  " ORDER BY m.at DESC, m.id DESC LIMIT 50"
		: "SELECT m.kind, DATE_FORMAT(m.at, '%Y-%m-%d %H:%i'), DATE_FORMAT(m.extended_to, '%Y-%m-%d'), m.text,"
		  " m.text_version, m.lang, COALESCE(CONCAT(b.first_name, ' ', b.last_name), '')"
		  " FROM contact_moments m LEFT JOIN users b ON b.id = m.recorded_by WHERE m.candidate_id = ?"
		  " ORDER BY m.at DESC, m.id DESC LIMIT 50",
		"i", s->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *m = page_item(r, "Retention.Moments", n++);
		page_put(m, "Kind", db_str(q, 0));
		page_put(m, "At", db_str(q, 1));
		page_put(m, "To", db_str(q, 2));
		page_put(m, "Text", db_str(q, 3));
		page_put(m, "Version", db_str(q, 4));
		page_put(m, "Lang", db_str(q, 5));
		page_put(m, "By", db_str(q, 6));
	}
	db_end(&q);
	return STATUS_OK;
}

/* A contact moment recorded by the privacy officer: what the person agreed
 * to, in his words or the officer's. */
NEOERR *retention_record(Request *r)
{
	char extended[11];
	Subject s;
	NEOERR *err = subject_of_route(r, "privacy.handle", &s);

	if (err || !s.id)
		return nerr_pass(err);
	if (s.erased || (s.kind == 'u' && strcmp(s.user_kind, "worker")))
		return nerr_pass(http_fail(r, 404, "person %c%lld is not kept by the retention clock", s.kind, s.id));
	param_keep_form(r);
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		subject_put(r, &s);
		err = dossier_section(r, &s);
		if (!err)
			err = requests_section(r, &s);
		if (!err)
			err = retention_section(r, &s);
		if (!err)
			err = erasure_section(r, &s);
		return err ? nerr_pass(err) : nerr_pass(view_render(r, "privacy/person.cs"));
	}
	err = retention_contact(r, s.kind, s.id, param_str(r, "note"), extended);
	if (err && nerr_match(err, NERR_NOT_FOUND)) {
		nerr_ignore(&err);
		return nerr_pass(http_fail(r, 404, "person %c%lld erased meanwhile", s.kind, s.id));
	}
	if (err)
		return nerr_pass(err);
	{
		char loc[96];
		snprintf(loc, sizeof(loc), "/privacy/%s/%lld?done=extended", s.kind == 'u' ? "persons" : "candidates", s.id);
		return http_redirect(r, loc);
	}
}

/* --- the public consent page --------------------------------------------- */

/* The request of the link in the path, and what it offers; the page that
 * says the link is no longer valid when it is not (404: nothing about the
 * person is shown). */
static NEOERR *offer_of(Request *r, ConsentOffer *o)
{
	long long id = retention_token_request(param_str(r, "token"), time(NULL));
	NEOERR *err;

	memset(o, 0, sizeof(*o));
	http_header(r, "Cache-Control", "no-store");
	if (id) {
		err = retention_offer(id, o);
		if (err)
			return nerr_pass(err);
	}
	if (!o->found || !o->usable) {
		r->status = 404;
		hdf_set_value(r->hdf, "Page.Consent.Gone", "1");
		o->found = 0;
		return nerr_pass(view_render(r, "privacy/consent.cs"));
	}
	hdf_set_value(r->hdf, "Page.Consent.Name", o->name);
	hdf_set_value(r->hdf, "Page.Consent.Until", o->until);
	hdf_set_value(r->hdf, "Page.Consent.Extended", o->extended);
	hdf_set_value(r->hdf, "Page.Consent.Text", statement_text("Consent.Text", r->lang));
	hdf_set_value(r->hdf, "Page.Consent.Controller", statement_text("Controller.Name", r->lang));
	hdf_set_value(r->hdf, "Page.Consent.Token", param_str(r, "token"));
	return STATUS_OK;
}

NEOERR *consent_form(Request *r)
{
	ConsentOffer o;
	NEOERR *err = offer_of(r, &o);

	if (err || !o.found)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "privacy/consent.cs"));
}

NEOERR *consent_give(Request *r)
{
	long long id = retention_token_request(param_str(r, "token"), time(NULL));
	char extended[11];
	ConsentOffer o;
	NEOERR *err;
	int ok = 0;

	err = offer_of(r, &o);
	if (err || !o.found)
		return nerr_pass(err);
	if (!param_str(r, "agree")) {
		param_error(r, "agree", "required");
		param_keep_form(r);
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "privacy/consent.cs"));
	}
	/* The text as the page showed it: what he agreed to, kept with the
	 * moment. */
	{
		char *text = xasprintf("%s (%s %s)", statement_text("Consent.Text", r->lang),
				       view_text(r->lang, "Lang.Privacy.Retention.KeepTo"), o.extended);
		err = retention_consent(r, id, statement_text("Consent.Version", r->lang), r->lang, text, &ok, extended);
		free(text);
	}
	if (err)
		return nerr_pass(err);
	if (!ok) {
		r->status = 404;
		hdf_set_value(r->hdf, "Page.Consent.Gone", "1");
		return nerr_pass(view_render(r, "privacy/consent.cs"));
	}
	hdf_set_value(r->hdf, "Page.Consent.Done", "1");
	hdf_set_value(r->hdf, "Page.Consent.Extended", extended);
	return nerr_pass(view_render(r, "privacy/consent.cs"));
}
