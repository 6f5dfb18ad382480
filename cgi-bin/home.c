/* home.c: the dashboard after login, the health check and security.txt */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "agreement.h"
#include "app.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "statement.h"
#include "timesheet.h"
#include "util.h"
#include "view.h"

/* What waits for the user on the hours tile, counted in SQL in his part
 * of the organisation: a temp worker's weeks to submit (those his
 * contracted shifts make, at each unit's clock, that are not submitted
 * or approved); for who approves, the weeks submitted. */
static NEOERR *waiting(Request *r)
{
	char *count = NULL;
	NEOERR *err = STATUS_OK;

	if (!view_module_on("timesheets"))
		return STATUS_OK;
	if (!strcmp(r->user->kind, "worker")) {
		int open = 0;
		err = timesheet_open_weeks(r->user->id, time(NULL), 0, &open);
		if (!err && open)
			hdf_set_int_value(r->hdf, "Page.Waiting.myhours", open);
	} else if (acl_may(r, "timesheet.approve")) {
		char *scope = acl_scope(r, "timesheet.approve");
		/* From the units in scope through (unit, state): never all the
		 * submitted weeks of every client. */
		err = db_value(&count, "SELECT COUNT(*) FROM org_units o JOIN timesheets t ON t.unit_id = o.id"
				       " AND t.state = 'submitted' WHERE" ACL_IN_SCOPE("o.path"), "s", scope);
		free(scope);
		if (!err && count && strcmp(count, "0"))
			hdf_set_value(r->hdf, "Page.Waiting.timesheets", count);
	}
	free(count);
	return nerr_pass(err);
}

/* The processing agreement (privacy/agreement.c): who signs for the
 * whole client (agreement.sign on its root) is asked to sign a version
 * his client has not signed — a new version asks again; whoever holds
 * the right on a part of the client, or agreement.view at the agency,
 * finds the page from here. One query on keys, and only for who holds
 * agreement.sign; nothing for anyone else. */
static NEOERR *agreement_notice(Request *r)
{
	const char *version = agreement_version();
	AgreementClient c;
	NEOERR *err;

	if (!*version || !view_module_on("privacy"))
		return STATUS_OK;
	if (!strcmp(r->user->kind, "agency")) {
		if (acl_may(r, "agreement.view"))
			hdf_set_value(r->hdf, "Page.Agreement.Agency", "1");
		return STATUS_OK;
	}
	if (strcmp(r->user->kind, "client") || !r->user->client_id || !acl_may(r, "agreement.sign"))
		return STATUS_OK;
	err = agreement_client(r->user->client_id, version, &c);
	if (err || !c.root[0])
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Agreement.Link", "1");
	if (!c.signed_it && acl_may_at(r, "agreement.sign", c.root)) {
		hdf_set_value(r->hdf, "Page.Agreement.Due", "1");
		hdf_set_value(r->hdf, "Page.Agreement.Version", version);
		hdf_set_value(r->hdf, "Page.Agreement.Client", c.name);
	}
	return STATUS_OK;
}

static NEOERR *dashboard(Request *r)
{
	NEOERR *err = waiting(r);

	if (!err)
		err = agreement_notice(r);

	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "home/home.cs"));
}

/* Database reachable, and the outbox's backlog and its oldest age: what a
 * load balancer and a monitoring probe need; nothing personal. */
static NEOERR *healthz(Request *r)
{
	DBQuery *q = NULL;
	NEOERR *err;
	json_t *o, *ob;
	char *text;

	o = json_object();
	err = db_connect();
	if (!err)
		err = db_query(&q,
			"SELECT COUNT(*),"
			" COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP()), 0),"
			" (SELECT COUNT(*) FROM outbox WHERE state = 'dead')"
			" FROM outbox WHERE state IN ('pending', 'retry', 'sending')", NULL);
	if (err) {
		nerr_log_error(err);
		nerr_ignore(&err);
		r->status = 503;
		json_object_set_new(o, "status", json_string("unavailable"));
		json_object_set_new(o, "database", json_string("down"));
	} else {
		db_next(q);
		ob = json_object();
		json_object_set_new(ob, "backlog", json_integer(db_int(q, 0)));
		json_object_set_new(ob, "oldest_age_seconds", json_integer(db_int(q, 1)));
		json_object_set_new(ob, "dead", json_integer(db_int(q, 2)));
		db_end(&q);
		json_object_set_new(o, "status", json_string("ok"));
		json_object_set_new(o, "database", json_string("up"));
		json_object_set_new(o, "outbox", ob);
	}
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	string_append(&r->body, text);
	string_append(&r->body, "\n");
	free(text);
	r->content_type = "application/json";
	return STATUS_OK;
}

/* /.well-known/security.txt (RFC 9116) from Security.*: where to report a
 * vulnerability, until when this holds (the end of the configured day,
 * UTC), in which languages, and the address it is valid at (Canonical:
 * Portal.BaseURL and Portal.Prefix). Policy, Acknowledgments and
 * Encryption only when set. portalctl check-config checks the values and
 * names an Expires that has passed. */
static NEOERR *security_txt(Request *r)
{
	static const struct {
		const char *field, *key;
	} optional[] = {
		{ "Encryption", "Security.Encryption" },
		{ "Acknowledgments", "Security.Acknowledgments" },
		{ "Policy", "Security.Policy" },
	};
	char *contacts = xstrdup(conf_str("Security.Contact")), *save = NULL, *canonical;

	/* One address or several, split by spaces or commas: a line each. */
	for (char *c = strtok_r(contacts, " ,\t", &save); c; c = strtok_r(NULL, " ,\t", &save))
		string_appendf(&r->body, "Contact: %s\n", c);
	free(contacts);
	string_appendf(&r->body, "Expires: %sT23:59:59Z\n", conf_str("Security.Expires"));
	for (size_t i = 0; i < ARRAY_SIZE(optional); i++)
		if (*conf_str(optional[i].key))
			string_appendf(&r->body, "%s: %s\n", optional[i].field, conf_str(optional[i].key));
	string_appendf(&r->body, "Preferred-Languages: %s\n", conf_str("Security.PreferredLanguages"));
	canonical = conf_url("/.well-known/security.txt");
	string_appendf(&r->body, "Canonical: %s\n", canonical);
	free(canonical);
	r->content_type = "text/plain; charset=utf-8";
	return STATUS_OK;
}

static const Route routes[] = {
	{ "GET", "/", dashboard, NULL, 0, NULL },
	{ "GET", "/healthz", healthz, NULL, R_PUBLIC | R_JSON | R_NOLOG, NULL },
	{ "GET", "/.well-known/security.txt", security_txt, NULL, R_PUBLIC, NULL },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	NEOERR *err = STATUS_OK;

	/* The processing agreement's version for the dashboard, from
	 * conf/privacy.hdf; without it the dashboard shows no notice (the
	 * reason goes to the log), and the rest works. */
	nerr_init();
	if (conf_load(NULL) == STATUS_OK)
		err = statement_init();
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
	}
	return app_run("home", routes, argc, argv);
}
