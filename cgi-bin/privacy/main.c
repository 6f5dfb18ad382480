/* main.c: the privacy binary — its route table, the privacy statement and the privacy officer's start page */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "dossier.h"
#include "log.h"
#include "org.h"
#include "pdf.h"
#include "privacy.h"
#include "retention.h"
#include "util.h"
#include "view.h"
#include "statement.h"

/* --- the start page ------------------------------------------------------ */

/* What the privacy officer (privacy.view on the agency's root) works
 * from: a tile per duty. */
NEOERR *privacy_index(Request *r)
{
	long long lead = conf_int("Privacy.ConsentLeadDays");
	char root[800], *due = NULL;
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	if (err)
		return nerr_pass(err);
	if (strcmp(r->user->kind, "agency") || !acl_require(r, "privacy.view", root))
		return STATUS_OK;
	if (acl_may_at(r, "privacy.handle", root))
		hdf_set_value(r->hdf, "Page.May.Handle", "1");
	/* Those whose date comes within the lead time, or passed. */
	err = db_value(&due, "SELECT (SELECT COUNT(*) FROM users WHERE kind = 'worker' AND erased_at IS NULL"
			     " AND keep_until <= UTC_DATE() + INTERVAL ? DAY) + (SELECT COUNT(*) FROM candidates"
			     " WHERE erased_at IS NULL AND worker_id IS NULL AND keep_until <= UTC_DATE() + INTERVAL ? DAY)",
		       "ii", lead, lead);
	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Due", due ? due : "0");
	free(due);
	if (acl_may_at(r, "agreement.view", root))
		hdf_set_value(r->hdf, "Page.May.Agreements", "1");
	err = requests_tile(r);
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "privacy/index.cs"));
}

/* --- the privacy statement ----------------------------------------------- */

/* Public: who keeps which data, why, on what basis, how long and for
 * whom (conf/privacy.hdf), and the rights of the person. */
NEOERR *privacy_statement(Request *r)
{
	HDF *h = NULL;

	if (hdf_get_node(r->hdf, "Page", &h) != STATUS_OK)
		abort();
	statement_register(h, r->lang);
	hdf_set_int_value(h, "RetentionMonths", conf_int("Privacy.RetentionMonths"));
	hdf_set_int_value(h, "RequestMonths", conf_int("Privacy.RequestMonths"));
	return nerr_pass(view_render(r, "privacy/statement.cs"));
}

/* --- parameters ---------------------------------------------------------- */

#define P_END { NULL, 0, 0, 0, 0, NULL }
#define P_ID(name) { name, P_INT, P_PATH | P_REQUIRED, 1, ID_MAX, NULL }
#define P_PAGE { "page", P_INT, 0, 1, 1000000, NULL }

static const Param p_persons[] = {
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "kind", P_ENUM, P_FORM, 0, 0, "worker client agency candidate" },
	{ "due", P_ENUM, P_FORM, 0, 0, "1" },
	P_PAGE,
	P_END,
};

static const Param p_person[] = {
	P_ID("id"),
	{ "done", P_ENUM, 0, 0, 0, "extended erased request_added request_extended request_closed" },
	P_END,
};

/* A person's file: the person's id in the path, nothing else. */
static const Param p_dossier[] = {
	P_ID("id"),
	P_END,
};

static const Param p_me[] = {
	{ "done", P_ENUM, 0, 0, 0, "request_added" },
	P_END,
};

static const Param p_contact[] = {
	P_ID("id"),
	{ "note", P_TEXT, P_REQUIRED | P_FORM, 0, 1000, NULL },
	P_END,
};

static const Param p_erase[] = {
	P_ID("id"),
	{ "confirm", P_ENUM, P_FORM, 0, 0, "1" },
	P_END,
};

static const Param p_consent[] = {
	{ "token", P_TOKEN, P_PATH | P_REQUIRED, 0, RETENTION_TOKEN_MAX, NULL },
	P_END,
};

static const Param p_consent_give[] = {
	{ "token", P_TOKEN, P_PATH | P_REQUIRED, 0, RETENTION_TOKEN_MAX, NULL },
	{ "agree", P_ENUM, P_FORM, 0, 0, "1" },
	P_END,
};

static const Param p_id[] = { P_ID("id"), P_END };

/* requests */
#define P_REQUEST_KIND(flags) { "request_kind", P_ENUM, flags, 0, 0, "access rectification erasure" }
#define P_REQUEST_TEXT { "request_text", P_TEXT, P_REQUIRED | P_FORM, 0, 4000, NULL }

static const Param p_requests[] = {
	{ "state", P_ENUM, P_FORM, 0, 0, "open overdue done refused" },
	{ "kind", P_ENUM, P_FORM, 0, 0, "access rectification erasure" },
	P_PAGE,
	P_END,
};

static const Param p_request[] = {
	P_ID("id"),
	{ "done", P_ENUM, 0, 0, 0, "request_extended request_closed" },
	P_END,
};

static const Param p_request_extend[] = {
	P_ID("id"),
	{ "reason", P_TEXT, P_REQUIRED | P_FORM, 0, 2000, NULL },
	P_END,
};

static const Param p_request_close[] = {
	P_ID("id"),
	{ "state", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "done refused" },
	{ "outcome", P_TEXT, P_FORM, 0, 4000, NULL },
	P_END,
};

static const Param p_request_add[] = {
	P_ID("id"),
	P_REQUEST_KIND(P_REQUIRED | P_FORM),
	{ "request_received", P_DATE, P_REQUIRED | P_FORM, 0, 0, NULL },
	P_REQUEST_TEXT,
	P_END,
};

static const Param p_request_self[] = {
	P_REQUEST_KIND(P_REQUIRED | P_FORM),
	P_REQUEST_TEXT,
	P_END,
};

/* The processing agreement: the client user's page (done: after a
 * signature), his signature (the text he read — its version, language and
 * SHA-256 — with his name, job title and the box he ticks), the agency's
 * list of clients. */
static const Param p_agreement[] = {
	{ "done", P_ENUM, 0, 0, 0, "signed already" },
	P_END,
};

static const Param p_agreement_sign[] = {
	{ "name", P_LINE, P_REQUIRED | P_FORM, 0, 100, NULL },
	{ "title", P_LINE, P_REQUIRED | P_FORM, 0, 100, NULL },
	{ "authorised", P_ENUM, P_REQUIRED | P_FORM, 0, 0, "1" },
	{ "version", P_TOKEN, P_REQUIRED, 0, 32, NULL },
	{ "sha256", P_TOKEN, P_REQUIRED, 0, 64, NULL },
	{ "text_lang", P_ENUM, P_REQUIRED, 0, 0, "nl en fr" },
	P_END,
};

static const Param p_agreements[] = {
	{ "q", P_LINE, P_FORM, 0, 100, NULL },
	{ "state", P_ENUM, P_FORM, 0, 0, "signed unsigned" },
	P_PAGE,
	P_END,
};

static const Param p_agreement_id[] = { P_ID("id"), P_END };

/* --- the routes ---------------------------------------------------------- */

/* Every route names the permission the user must hold somewhere; each
 * handler then checks it on the unit of the person it is about. The
 * pages about oneself (/privacy/me…) need no permission: everyone has
 * the rights of a data subject. */
static const Route routes[] = {
	{ "GET", "/privacy/", privacy_index, "privacy.view", 0, NULL },
	{ "GET", "/privacy/statement", privacy_statement, NULL, R_PUBLIC, NULL },

	/* persons */
	{ "GET", "/privacy/persons", persons_list, "privacy.view", 0, p_persons },
	{ "GET", "/privacy/persons/:id", person_show, "privacy.view", 0, p_person },
	{ "GET", "/privacy/candidates/:id", candidate_show, "privacy.view", 0, p_person },
	{ "GET", "/privacy/me", privacy_me, NULL, 0, p_me },

	/* dossier: access and portability — a person's file as a page, a PDF
	 * and JSON: the privacy officer's of anyone in his scope, everyone's
	 * own under /privacy/me (404 for anyone else's: there is no id). */
	{ "GET", "/privacy/persons/:id/dossier", dossier_page, "privacy.view", 0, p_dossier },
	{ "GET", "/privacy/persons/:id/dossier.pdf", dossier_pdf, "privacy.view", 0, p_dossier },
	{ "GET", "/privacy/persons/:id/dossier.json", dossier_json, "privacy.view", 0, p_dossier },
	{ "GET", "/privacy/candidates/:id/dossier", dossier_page, "privacy.view", 0, p_dossier },
	{ "GET", "/privacy/candidates/:id/dossier.pdf", dossier_pdf, "privacy.view", 0, p_dossier },
	{ "GET", "/privacy/candidates/:id/dossier.json", dossier_json, "privacy.view", 0, p_dossier },
	{ "GET", "/privacy/me/dossier", dossier_page, NULL, 0, NULL },
	{ "GET", "/privacy/me/dossier.pdf", dossier_pdf, NULL, 0, NULL },
	{ "GET", "/privacy/me/dossier.json", dossier_json, NULL, 0, NULL },

	/* requests */
	{ "GET", "/privacy/requests", requests_list, "privacy.view", 0, p_requests },
	{ "GET", "/privacy/requests/:id", request_show, "privacy.view", 0, p_request },
	{ "POST", "/privacy/requests/:id/extend", request_extend, "privacy.handle", R_CSRF, p_request_extend },
	{ "POST", "/privacy/requests/:id/close", request_close, "privacy.handle", R_CSRF, p_request_close },
	{ "POST", "/privacy/persons/:id/requests", request_add, "privacy.handle", R_CSRF, p_request_add },
	{ "POST", "/privacy/candidates/:id/requests", request_add, "privacy.handle", R_CSRF, p_request_add },
	{ "POST", "/privacy/me/requests", request_self, NULL, R_CSRF, p_request_self },

	/* retention and consent */
	{ "POST", "/privacy/persons/:id/contact", retention_record, "privacy.handle", R_CSRF, p_contact },
	{ "POST", "/privacy/candidates/:id/contact", retention_record, "privacy.handle", R_CSRF, p_contact },
	{ "GET", "/privacy/consent/:token", consent_form, NULL, R_PUBLIC, p_consent },
	{ "POST", "/privacy/consent/:token", consent_give, NULL, R_PUBLIC | R_CSRF, p_consent_give },

	/* erasure */
	{ "GET", "/privacy/persons/:id/erase", erasure_preview, "privacy.handle", 0, p_id },
	{ "POST", "/privacy/persons/:id/erase", erasure_confirm, "privacy.handle", R_CSRF, p_erase },
	{ "GET", "/privacy/candidates/:id/erase", erasure_preview, "privacy.handle", 0, p_id },
	{ "POST", "/privacy/candidates/:id/erase", erasure_confirm, "privacy.handle", R_CSRF, p_erase },

	/* processing agreement: the client's own (agreement.sign, signed on
	 * the client's root), a signed copy (the client's readers and the
	 * agency's agreement.view; checked in agreement.c), the agency's */
	{ "GET", "/privacy/agreement", agreement_show, "agreement.sign", 0, p_agreement },
	{ "POST", "/privacy/agreement", agreement_sign, "agreement.sign", R_CSRF, p_agreement_sign },
	{ "GET", "/privacy/agreement/:id/pdf", agreement_pdf, NULL, 0, p_agreement_id },
	{ "GET", "/privacy/agreements", agreements_list, "agreement.view", 0, p_agreements },
	{ "GET", "/privacy/agreements/:id", agreements_client, "agreement.view", 0, p_agreement_id },

	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	NEOERR *err = STATUS_OK;

	/* The register is read before the first request; a broken file stops
	 * the process with the reason in the log. */
	nerr_init();
	if (conf_load(NULL) == STATUS_OK)
		err = statement_init();
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		return 1;
	}
	/* The fonts of its PDFs are loaded once and kept: let go at the end. */
	atexit(pdf_shutdown);
	return app_run("privacy", routes, argc, argv);
}
