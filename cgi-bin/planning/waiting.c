/* waiting.c: the shifts that wait for a planner — planned and not yet published, refused by the back-office, or without a worker in the coming week — in his part of the organisation, each linking to its week */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "conf.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"
#include "waiting.h"

/* The most shifts the list shows; the count above it says how many. */
#define WAITING_MAX 200

/* As WAIT_COUNT, the first shifts in the order of their start. */
#define LIST_SQL(where) \
	"SELECT s.id, UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at), o.id, o.name, o.time_zone," \
	" COALESCE(c.name, ''), s.position, COALESCE(CONCAT_WS(' ', w.first_name, w.last_name), ''), s.state" \
	" FROM org_units o JOIN shifts s ON s.unit_id = o.id" \
	" LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN users w ON w.id = s.worker_user_id" \
	" WHERE" where " AND" WAIT_UNITS " ORDER BY s.starts_at, s.id LIMIT ?"

static const struct {
	const char *show, *count, *list;
} lists[] = {
	{ "planned", WAIT_COUNT(WAIT_PLANNED), LIST_SQL(WAIT_PLANNED) },
	{ "refused", WAIT_COUNT(WAIT_REFUSED), LIST_SQL(WAIT_REFUSED) },
	{ "open", WAIT_COUNT(WAIT_OPEN), LIST_SQL(WAIT_OPEN) },
};

NEOERR *plan_waiting(Request *r)
{
	const char *show = *or_empty(param_str(r, "show")) ? param_str(r, "show") : "planned";
	char *scope, *total = NULL;
	DBQuery *q = NULL;
	NEOERR *err;
	size_t i;
	int n = 0;

	/* p_waiting let only these through. */
	for (i = 0; i + 1 < ARRAY_SIZE(lists) && strcmp(show, lists[i].show); i++)
		;
	scope = acl_scope(r, "planning.edit");
	err = db_value(&total, lists[i].count, "s", scope);
	if (!err)
		err = db_query(&q, lists[i].list, "si", scope, (long long)WAITING_MAX);
	free(scope);
	if (err) {
		free(total);
		return nerr_pass(err);
	}
	while (db_next(q)) {
		HDF *h = page_item(r, "Shifts", n++);
		const char *zone = db_str(q, 5);
		char day[11], from[6], to[6];
		struct tm a, b;

		/* At the unit's clock, as its week shows it. */
		if (!tz_known(zone))
			zone = conf_str("Planning.TimeZone");
		tz_local(zone, (time_t)db_int(q, 1), &a);
		tz_local(zone, (time_t)db_int(q, 2), &b);
		strftime(day, sizeof(day), "%Y-%m-%d", &a);
		strftime(from, sizeof(from), "%H:%M", &a);
		strftime(to, sizeof(to), "%H:%M", &b);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Day", day);
		page_put(h, "Weekday", plan_day_names[(a.tm_wday + 6) % 7]);
		page_put_int(h, "D", a.tm_mday);
		page_put_int(h, "M", a.tm_mon + 1);
		page_put(h, "From", from);
		page_put(h, "To", to);
		page_put(h, "Unit", db_str(q, 3));
		page_put(h, "UnitName", db_str(q, 4));
		page_put(h, "Client", db_str(q, 6));
		page_put(h, "Position", db_str(q, 7));
		page_put(h, "Worker", db_str(q, 8));
		page_put(h, "State", db_str(q, 9));
	}
	db_end(&q);
	hdf_set_value(r->hdf, "Page.Show", show);
	hdf_set_value(r->hdf, "Page.Total", total ? total : "0");
	hdf_set_int_value(r->hdf, "Page.Max", WAITING_MAX);
	free(total);
	return nerr_pass(view_render(r, "planning/waiting.cs"));
}
