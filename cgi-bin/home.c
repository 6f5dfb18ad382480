/* home.c: the dashboard after login, and the health check */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "app.h"
#include "db.h"
#include "view.h"

static NEOERR *dashboard(Request *r)
{
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

static const Route routes[] = {
	{ "GET", "/", dashboard, NULL, 0, NULL },
	{ "GET", "/healthz", healthz, NULL, R_PUBLIC | R_JSON | R_NOLOG, NULL },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};

int main(int argc, char **argv)
{
	return app_run("home", routes, argc, argv);
}
