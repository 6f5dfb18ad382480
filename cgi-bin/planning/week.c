/* week.c: the week view — a row per worker of a unit's pool, a column per day (grid.c), kept per process, with the week's navigation and actions */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "cache.h"
#include "db.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* Page.Grid: the filters (with the units the user plans) and the grid of
 * the week, made from the pool, its availability and the shifts — or,
 * while the planning is unchanged, as this process made it before for the
 * same units, unit, week, filters, language and rights. The planning of
 * every client where the user plans counts (the filters list their
 * units): for a client's user his own client's clock, which came with the
 * session. A form with a mistake in it is made afresh. */
static NEOERR *grid(Request *r, const Unit *u, Day monday, Day today, int may_edit)
{
	char text[11], when[11], *scope, *key = NULL, clients[CACHE_SCOPE];
	unsigned long long gen = 0;
	const char *kept = NULL;
	size_t len;
	int n = 0, open = 0, planned = 0, used = 0;
	HDF *errors = hdf_get_obj(r->hdf, "Page.Errors");
	Grid *g = NULL;
	STRING out, rows_html;
	NEOERR *err;

	if (cache_on() && (!errors || !hdf_obj_child(errors))) {
		err = cache_clock_perm(r, "planning", "planning.view", &gen, clients);
		if (err)
			return nerr_pass(err);
		plan_day_text(monday, text);
		plan_day_text(today, when);
		scope = acl_scope(r, "planning.view");
		key = xasprintf("week %lld %s %s %d %d %s %s %s\n%s\n%s", u->id, text, when, may_edit,
				hdf_get_value(r->hdf, "Page.MayKeepAvailability", NULL) != NULL, r->lang, clients,
				scope, or_empty(param_str(r, "position")), or_empty(param_str(r, "q")));
		free(scope);
		kept = cache_get(key, gen, &len);
	}
	/* Kept as "<planned> <open>\n" and the HTML. */
	if (kept && sscanf(kept, "%d %d\n%n", &planned, &open, &used) == 2 && used) {
		hdf_set_int_value(r->hdf, "Page.PlannedCount", planned);
		hdf_set_value(r->hdf, "Page.Grid", kept + used);
		free(key);
		return STATUS_OK;
	}
	err = grid_load(r, u, monday, may_edit, &g);
	if (!err)
		err = page_units(r, "Units", "planning.view");
	if (err) {
		grid_free(&g);
		free(key);
		return nerr_pass(err);
	}
	n = grid_rows(g);
	planned = grid_planned(g);
	open = grid_open(g);
	hdf_set_int_value(r->hdf, "Page.PlannedCount", planned);
	hdf_set_int_value(r->hdf, "Page.OpenCount", open);
	string_init(&rows_html);
	grid_rows_html(r, u, g, monday, may_edit, hdf_get_value(r->hdf, "Page.MayKeepAvailability", NULL) != NULL,
		       &rows_html);
	grid_free(&g);
	/* Handed over, not copied: the rows of a department are 400 KB. */
	if (rows_html.buf)
		err = hdf_set_buf(r->hdf, "Page.GridRows", rows_html.buf);
	else
		string_clear(&rows_html);
	if (err) {
		free(key);
		return nerr_pass(err);
	}
	hdf_set_int_value(r->hdf, "Page.RowCount", n);
	string_init(&out);
	err = view_render_part(r, "planning/grid.cs", &out);
	if (!err && key && out.buf) {
		char *kept_as = xasprintf("%d %d\n%s", planned, open, out.buf);
		cache_put(key, gen, kept_as, strlen(kept_as));
		free(kept_as);
	}
	if (!err && out.buf)
		err = hdf_set_buf(r->hdf, "Page.Grid", out.buf);
	else
		string_clear(&out);
	free(key);
	return nerr_pass(err);
}

NEOERR *plan_week(Request *r)
{
	long long unit_id = param_int(r, "unit", 0);
	Day monday, today;
	Unit u;
	NEOERR *err;
	int ok, may_edit;
	char text[11];

	if (!unit_id || hdf_get_value(r->hdf, "Page.Errors.unit", NULL)) {
		err = plan_first_unit(r, "planning.view", &unit_id);
		if (err)
			return nerr_pass(err);
		if (!unit_id)
			return nerr_pass(view_empty(r, "planning", acl_may(r, "client.edit")));
	}
	err = plan_unit(r, unit_id, "planning.view", &u, &ok);
	if (err || !ok)
		return nerr_pass(err);
	today = plan_today(&u);
	if (hdf_get_value(r->hdf, "Page.Errors.week", NULL) || !plan_day(param_str(r, "week"), &monday))
		monday = today;
	monday = plan_monday(monday);
	may_edit = acl_may_at(r, "planning.edit", u.path);

	hdf_set_valuef(r->hdf, "Page.Unit.Id=%lld", u.id);
	hdf_set_value(r->hdf, "Page.Unit.Name", u.name);
	hdf_set_value(r->hdf, "Page.Unit.Zone", u.zone);
	plan_day_text(monday, text);
	hdf_set_value(r->hdf, "Page.Week", text);
	plan_day_text(plan_add_days(monday, -7), text);
	hdf_set_value(r->hdf, "Page.PrevWeek", text);
	plan_day_text(plan_add_days(monday, 7), text);
	hdf_set_value(r->hdf, "Page.NextWeek", text);
	for (int d = 0; d < 7; d++) {
		Day day = plan_add_days(monday, d);
		HDF *h = page_item(r, "Days", d);
		plan_day_text(day, text);
		page_put(h, "Date", text);
		page_put(h, "Name", plan_day_names[d]);
		page_put_int(h, "D", day.d);
		page_put_int(h, "M", day.m);
		if (day.y == today.y && day.m == today.m && day.d == today.d)
			page_put(h, "Today", "1");
	}
	{
		struct tm tm = { .tm_year = monday.y - 1900, .tm_mon = monday.m - 1, .tm_mday = monday.d + 3 };
		char wk[8];
		time_t t = timegm(&tm);
		gmtime_r(&t, &tm);
		strftime(wk, sizeof(wk), "%V", &tm);
		hdf_set_value(r->hdf, "Page.WeekNo", wk);
	}
	if (may_edit)
		hdf_set_value(r->hdf, "Page.MayEdit", "1");
	/* Agency staff who plan here keep the availability of its pool. */
	if (may_edit && !strcmp(r->user->kind, "agency"))
		hdf_set_value(r->hdf, "Page.MayKeepAvailability", "1");
	param_keep_form(r);
	err = grid(r, &u, monday, today, may_edit);
	if (err)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	/* Just published: how far the back-office is, which the page's
	 * script follows (progress.c) until nothing waits. */
	if (param_str(r, "done") && !strcmp(param_str(r, "done"), "published")) {
		int counts[3];
		err = plan_progress_counts(&u, monday, counts);
		if (err)
			return nerr_pass(err);
		hdf_set_int_value(r->hdf, "Page.Progress.Contracted", counts[0]);
		hdf_set_int_value(r->hdf, "Page.Progress.Refused", counts[1]);
		hdf_set_int_value(r->hdf, "Page.Progress.Waiting", counts[2]);
	}
	hdf_set_valuef(r->hdf, "Page.Count=%lld", param_int(r, "count", 0));
	hdf_set_valuef(r->hdf, "Page.Skipped=%lld", param_int(r, "skipped", 0));
	return nerr_pass(view_render(r, "planning/week.cs"));
}
