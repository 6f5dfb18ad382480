/* home.c: the dashboard after login, the health check and security.txt */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "agreement.h"
#include "app.h"
#include "conf.h"
#include "db.h"
#include "health.h"
#include "http.h"
#include "log.h"
#include "org.h"
#include "page.h"
#include "rights.h"
#include "statement.h"
#include "timesheet.h"
#include "util.h"
#include "view.h"
#include "waiting.h"

/* What waits for the user, each a count in SQL — within his part of the
 * organisation where it has one (the scope of the right: its first '?')
 * — linking to the list it counts. One statement a line; a line only for
 * who holds its right (on the agency's root, for the privacy officers'),
 * in a module that is on; nothing shown for a count of 0. A line without
 * a statement is the next column of the statement above it, shown under
 * its module and right: the planning's three counts are one round trip. */
static const struct todo {
	const char *code, *module, *perm, *sql, *href;
	/* What the statement binds: 's' the scope; '3' the scope three
	 * times; 'w' the scope and the first week the supervisors' list
	 * shows; 't' the agency's day (rights_today), as the requests' queue
	 * reckons overdue; 0 nothing. */
	char bind;
	int at_root;
} todos[] = {
	{ "timesheets", "timesheets", "timesheet.approve",
	  /* From the units in scope through (unit, state): never all the
	   * submitted weeks of every client. */
	  "SELECT COUNT(*) FROM org_units o JOIN timesheets t ON t.unit_id = o.id AND t.state = 'submitted'"
	  " WHERE" ACL_IN_SCOPE("o.path") " AND t.week >= ?", "/timesheets/?state=submitted", 'w', 0 },
	{ "planned", "planning", "planning.edit",
	  "SELECT (" WAIT_COUNT(WAIT_PLANNED) "), (" WAIT_COUNT(WAIT_REFUSED) "), (" WAIT_COUNT(WAIT_OPEN) ")",
	  "/planning/waiting?show=planned", '3', 0 },
	{ "refused", "planning", "planning.edit", NULL, "/planning/waiting?show=refused", 0, 0 },
	{ "open", "planning", "planning.edit", NULL, "/planning/waiting?show=open", 0, 0 },
	{ "decide", "vacancies", "candidate.decide",
	  /* The vacancies, as the list filtered so shows them. */
	  "SELECT COUNT(DISTINCT v.id) FROM org_units o JOIN vacancies v ON v.unit_id = o.id"
	  " AND v.state IN ('open', 'on_hold') JOIN candidates c ON c.vacancy_id = v.id AND c.state = 'proposed'"
	  " WHERE" ACL_IN_SCOPE("o.path"), "/vacancies/?waiting=decision", 's', 0 },
	{ "confirm", "vacancies", "candidate.propose",
	  /* As the consultant's overview lists them (vacancies/overview.c). */
	  "SELECT COUNT(*) FROM candidates c FORCE INDEX (candidates_waiting)"
	  " STRAIGHT_JOIN vacancies v ON v.id = c.vacancy_id STRAIGHT_JOIN org_units o ON o.id = v.unit_id"
	  " WHERE c.state = 'interview' AND c.interview_at IS NULL AND v.state IN ('open', 'on_hold')"
	  " AND" ACL_IN_SCOPE("o.path"), "/vacancies/overview#to-confirm", 's', 0 },
	{ "expiring", "documents", "retention.edit",
	  /* The documents list's "within 30 days", expired ones included. */
	  "SELECT COUNT(*) FROM documents d JOIN org_units o ON o.id = d.unit_id"
	  " WHERE d.expires_at < UTC_DATE() + INTERVAL 30 DAY AND" ACL_IN_SCOPE("o.path"), "/documents/?within=30", 's', 0 },
	{ "dead", "admin", "outbox.view", "SELECT COUNT(*) FROM outbox WHERE state = 'dead'", "/admin/outbox", 0, 0 },
	/* The privacy officers, on the agency's root: all the requests are
	 * theirs. */
	{ "requests", "privacy", "privacy.handle", "SELECT COUNT(*) FROM privacy_requests WHERE state = 'open'",
	  "/privacy/requests?state=open", 0, 1 },
	{ "overdue", "privacy", "privacy.handle",
	  "SELECT COUNT(*) FROM privacy_requests WHERE state = 'open' AND due_on < ?", "/privacy/requests?state=overdue",
	  't', 1 },
};

static void todo_put(Request *r, int *n, const char *code, long long count, const char *href)
{
	HDF *h = page_item(r, "Todo", (*n)++);

	page_put(h, "Code", code);
	page_put_int(h, "Count", count);
	page_put(h, "Href", href);
}

static NEOERR *waiting(Request *r)
{
	NEOERR *err = STATUS_OK;
	char root[ORG_PATH_LEN + 1] = "";
	long long root_id = -1;
	DBQuery *q = NULL;
	int n = 0, any = 0;

	/* A temp worker's weeks to submit: those his contracted shifts make,
	 * at each unit's clock, that are not submitted or approved. */
	if (!strcmp(r->user->kind, "worker") && view_module_on("timesheets")) {
		int open = 0;
		any = 1;
		err = timesheet_open_weeks(r->user->id, time(NULL), 0, &open);
		if (!err && open)
			todo_put(r, &n, "myhours", open, "/timesheets/me");
	}
	for (size_t i = 0; !err && i < ARRAY_SIZE(todos); i++) {
		const struct todo *t = &todos[i];
		char *scope = NULL, today[11], from[11];
		long long count;

		if (!t->sql)
			continue; /* read with the statement above */
		if (!view_module_on(t->module) || !acl_may(r, t->perm))
			continue;
		if (t->at_root) {
			if (root_id < 0 && (err = org_root(&root_id, root, sizeof(root))) != STATUS_OK)
				break;
			if (!acl_may_at(r, t->perm, root))
				continue;
		}
		any = 1;
		if (t->bind == 's' || t->bind == '3' || t->bind == 'w')
			scope = acl_scope(r, t->perm);
		if (t->bind == 's') {
			err = db_query(&q, t->sql, "s", scope);
		} else if (t->bind == '3') {
			err = db_query(&q, t->sql, "sss", scope, scope, scope);
		} else if (t->bind == 'w') {
			timesheet_list_from(time(NULL), from);
			err = db_query(&q, t->sql, "ss", scope, from);
		} else if (t->bind == 't') {
			rights_today(time(NULL), today);
			err = db_query(&q, t->sql, "s", today);
		} else {
			err = db_query(&q, t->sql, NULL);
		}
		free(scope);
		if (err)
			break;
		if (db_next(q)) {
			/* This line, and those after it without a statement. */
			for (size_t j = i; j == i || (j < ARRAY_SIZE(todos) && !todos[j].sql); j++)
				if ((count = db_int(q, (int)(j - i))) > 0)
					todo_put(r, &n, todos[j].code, count, todos[j].href);
		}
		db_end(&q);
	}
	if (any)
		hdf_set_value(r->hdf, "Page.TodoShown", "1");
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

/* Is the request from an address of Monitor.Allow (the monitoring's
 * hosts)? Only those see more than whether the portal is up. */
static int monitor_allowed(Request *r)
{
	const char *ip = http_env(r, "REMOTE_ADDR");
	char *list, *save = NULL;
	int ok = 0;

	if (!ip)
		return 0;
	list = xstrdup(conf_str("Monitor.Allow"));
	for (char *a = strtok_r(list, " ,\t", &save); a && !ok; a = strtok_r(NULL, " ,\t", &save))
		ok = !strcmp(a, ip);
	free(list);
	return ok;
}

/* Up or not, for a load balancer (503 when the database does not answer);
 * to the monitoring's addresses also the outbox, the store, the
 * certificate and the thresholds of Monitor.* crossed. Nothing personal. */
static NEOERR *healthz(Request *r)
{
	Health h;

	health_read(&h);
	if (!h.database)
		r->status = 503;
	return nerr_pass(http_json(r, health_json(&h, monitor_allowed(r))));
}

/* The same as Prometheus gauges, to the monitoring's addresses only (a
 * 404 to anyone else). The requests themselves are counted from the
 * request log by mtail (conf/mtail/flexportal.mtail): no process keeps
 * counters of its own. */
static NEOERR *metrics(Request *r)
{
	Health h;

	if (!monitor_allowed(r))
		return nerr_pass(http_fail(r, 404, "metrics from %s", http_env(r, "REMOTE_ADDR")));
	health_read(&h);
	health_metrics(&h, &r->body);
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
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
	{ "GET", "/metrics", metrics, NULL, R_PUBLIC | R_NOLOG, NULL },
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
