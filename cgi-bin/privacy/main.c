/* main.c: the privacy binary — its route table, the privacy statement and the privacy officer's start page */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "conf.h"
#include "log.h"
#include "org.h"
#include "privacy.h"
#include "util.h"
#include "view.h"
#include "statement.h"

/* --- the start page ------------------------------------------------------ */

/* What the privacy officer (privacy.view on the agency's root) works
 * from: a tile per duty. */
NEOERR *privacy_index(Request *r)
{
	char root[800];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	if (err)
		return nerr_pass(err);
	if (strcmp(r->user->kind, "agency") || !acl_require(r, "privacy.view", root))
		return STATUS_OK;
	if (acl_may_at(r, "privacy.handle", root))
		hdf_set_value(r->hdf, "Page.May.Handle", "1");
	if (acl_may_at(r, "agreement.view", root))
		hdf_set_value(r->hdf, "Page.May.Agreements", "1");
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

static const Param p_me[] = {
	{ "done", P_ENUM, 0, 0, 0, "request_added" },
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

	/* dossier: access and portability */

	/* requests */

	/* retention and consent */

	/* erasure */

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
	return app_run("privacy", routes, argc, argv);
}
