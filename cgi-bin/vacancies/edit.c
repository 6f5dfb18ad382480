/* edit.c: creating a vacancy and editing one, with the checks the form makes */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "audit.h"
#include "db.h"
#include "util.h"
#include "vacancies.h"
#include "view.h"

/* Hours a week as the database keeps them (one decimal, 1–60), from
 * "32", "32.5" or "32,5"; 0 when the text is no such number. */
static int hours_of(const char *s, char *out, size_t len)
{
	int whole = 0, tenth = 0, digits = 0;

	for (; isdigit((unsigned char)*s) && digits < 3; s++, digits++)
		whole = whole * 10 + (*s - '0');
	if (!digits)
		return 0;
	if (*s == '.' || *s == ',') {
		s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		tenth = *s++ - '0';
	}
	if (*s)
		return 0;
	if (whole * 10 + tenth < 10 || whole * 10 + tenth > 600)
		return 0;
	snprintf(out, len, "%d.%d", whole, tenth);
	return 1;
}

/* The checks the parameter specs cannot make; the unit's path into path. */
static NEOERR *check_form(Request *r, char *hours, size_t hlen, char *path, size_t plen)
{
	const char *start = param_str(r, "start"), *end = param_str(r, "end");
	char *p = NULL;
	NEOERR *err;

	path[0] = '\0';
	if (!hdf_get_value(r->hdf, "Page.Errors.hours", NULL) &&
	    !hours_of(param_str(r, "hours"), hours, hlen))
		param_error(r, "hours", "hours_range");
	if (!hdf_get_value(r->hdf, "Page.Errors.positions", NULL) && param_int(r, "positions", 0) < 1)
		param_error(r, "positions", "positions_min");
	if (!hdf_get_value(r->hdf, "Page.Errors.start", NULL) &&
	    !hdf_get_value(r->hdf, "Page.Errors.end", NULL) && start && end && *end &&
	    strcmp(end, start) < 0)
		param_error(r, "end", "end_before_start");
	if (hdf_get_value(r->hdf, "Page.Errors.unit", NULL))
		return STATUS_OK;
	err = db_value(&p, "SELECT path FROM org_units WHERE id = ? AND archived_at IS NULL"
			   " AND kind <> 'agency'", "i", param_int(r, "unit", 0));
	if (err)
		return nerr_pass(err);
	snprintf(path, plen, "%s", p ? p : "");
	free(p);
	if (!path[0] || !acl_may_at(r, "vacancy.edit", path))
		param_error(r, "unit", "choice");
	return STATUS_OK;
}

static NEOERR *form_page(Request *r, long long id)
{
	NEOERR *err = page_units(r, "Units", "vacancy.edit");

	if (err)
		return nerr_pass(err);
	page_words(r, "Shifts", VAC_SHIFTS);
	if (id)
		hdf_set_int_value(r->hdf, "Page.Id", (int)id);
	return nerr_pass(view_render(r, "vacancies/form.cs"));
}

NEOERR *vac_new(Request *r)
{
	hdf_set_value(r->hdf, "Page.Form.positions", "1");
	hdf_set_value(r->hdf, "Page.Form.shift", "day");
	return nerr_pass(form_page(r, 0));
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

NEOERR *vac_create(Request *r)
{
	char hours[8] = "", path[800], loc[64];
	long long id, unit = param_int(r, "unit", 0);
	NEOERR *err;

	param_keep_form(r);
	err = check_form(r, hours, sizeof(hours), path, sizeof(path));
	if (err)
		return nerr_pass(err);
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(form_page(r, 0));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO vacancies (unit_id, title, position, description, work_location,"
			" hours_per_week, shift_pattern, start_date, end_date, positions, skills, languages,"
			" state, created_by, created_at, updated_at, state_changed_at)"
			" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?,"
			" UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())",
			"issssssssissi", unit, param_str(r, "title"), param_str(r, "position"),
			param_str(r, "description"), param_str(r, "work_location") ? param_str(r, "work_location") : "",
			hours, param_str(r, "shift"), param_str(r, "start"), or_null(param_str(r, "end")),
			param_int(r, "positions", 1), param_str(r, "skills") ? param_str(r, "skills") : "",
			param_str(r, "languages") ? param_str(r, "languages") : "", r->user->id);
	id = (long long)db_insert_id();
	if (!err)
		err = db_exec(NULL, "INSERT INTO vacancy_events (vacancy_id, state, actor, at)"
				    " VALUES (?, 'draft', ?, UTC_TIMESTAMP())", "ii", id, r->user->id);
	if (!err)
		err = audit_add(r, r->user->id, "vacancy.create", "vacancy", id, unit, param_str(r, "title"));
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/vacancies/%lld?done=saved", id);
	return http_redirect(r, loc);
}

/* The form of an existing vacancy: only where the user may edit, and not
 * once it is closed. */
static NEOERR *load_editable(Request *r, Vacancy *v, int *ok)
{
	NEOERR *err = vac_load(r, "vacancy.edit", v, ok);

	if (err || !*ok)
		return nerr_pass(err);
	if (!strcmp(v->state, "closed")) {
		*ok = 0;
		r->status = REFUSED;
		hdf_set_value(r->hdf, "Page.StateError", "closed_readonly");
		return nerr_pass(vac_show_page(r, v));
	}
	return STATUS_OK;
}

NEOERR *vac_edit(Request *r)
{
	Vacancy v;
	DBQuery *q;
	NEOERR *err;
	int ok;

	err = load_editable(r, &v, &ok);
	if (err || !ok)
		return nerr_pass(err);
	err = db_query(&q, "SELECT unit_id, title, position, description, work_location,"
			   " hours_per_week, shift_pattern, start_date, end_date, positions, skills,"
			   " languages FROM vacancies WHERE id = ?", "i", v.id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		static const char *const fields[] = { "unit", "title", "position", "description",
			"work_location", "hours", "shift", "start", "end", "positions", "skills",
			"languages" };
		HDF *form = NULL;
		hdf_get_node(r->hdf, "Page.Form", &form);
		for (int i = 0; i < (int)ARRAY_SIZE(fields); i++)
			page_put(form, fields[i], db_str(q, i));
	}
	db_end(&q);
	return nerr_pass(form_page(r, v.id));
}

NEOERR *vac_update(Request *r)
{
	char hours[8] = "", path[800], loc[64];
	long long unit = param_int(r, "unit", 0);
	Vacancy v;
	NEOERR *err;
	int ok;

	err = load_editable(r, &v, &ok);
	if (err || !ok)
		return nerr_pass(err);
	param_keep_form(r);
	err = check_form(r, hours, sizeof(hours), path, sizeof(path));
	if (err)
		return nerr_pass(err);
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(form_page(r, v.id));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL,
			"UPDATE vacancies SET unit_id = ?, title = ?, position = ?, description = ?,"
			" work_location = ?, hours_per_week = ?, shift_pattern = ?, start_date = ?,"
			" end_date = ?, positions = ?, skills = ?, languages = ?, updated_at = UTC_TIMESTAMP()"
			" WHERE id = ?",
			"issssssssissi", unit, param_str(r, "title"), param_str(r, "position"),
			param_str(r, "description"), param_str(r, "work_location") ? param_str(r, "work_location") : "",
			hours, param_str(r, "shift"), param_str(r, "start"), or_null(param_str(r, "end")),
			param_int(r, "positions", 1), param_str(r, "skills") ? param_str(r, "skills") : "",
			param_str(r, "languages") ? param_str(r, "languages") : "", v.id);
	if (!err)
		err = audit_add(r, r->user->id, "vacancy.edit", "vacancy", v.id, unit, param_str(r, "title"));
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/vacancies/%lld?done=saved", v.id);
	return http_redirect(r, loc);
}
