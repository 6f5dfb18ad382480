/* correct.c: the agency's correction of an approved week — its entries changed with a reason, a new version to the back-office, the earlier ones kept as its history */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "audit.h"
#include "db.h"
#include "timesheets.h"
#include "util.h"
#include "view.h"

/* An approved week of the user's scope, for the agency (timesheet.correct
 * there): another state is refused on the timesheet's page (422); what is
 * not the user's to correct is not there, 404. */
static NEOERR *load_approved(Request *r, Sheet *s, int *ok)
{
	enum sheet_access access;
	NEOERR *err = ts_load(r, s, &access);

	*ok = 0;
	if (err || access == SHEET_NONE)
		return nerr_pass(err);
	if (strcmp(r->user->kind, "agency") || !acl_require(r, "timesheet.correct", s->path))
		return http_fail(r, 404, "timesheet %lld is not the user's to correct", s->id);
	if (strcmp(s->state, "approved"))
		return nerr_pass(ts_refused(r, "not_approved"));
	*ok = 1;
	return STATUS_OK;
}

static NEOERR *form_page(Request *r, const Sheet *s)
{
	NEOERR *err;

	err = ts_form(r, s);
	if (!err)
		err = ts_into_page(r, s, acl_may_at(r, "wage.view", s->path));
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "timesheets/correct.cs"));
}

NEOERR *ts_correct_form(Request *r)
{
	Sheet s;
	int ok;
	NEOERR *err = load_approved(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	return nerr_pass(form_page(r, &s));
}

NEOERR *ts_correct(Request *r)
{
	const char *reason = param_str(r, "reason");
	char loc[64];
	int ok, refused = 0, entries = 0, state_ok, stale;
	Sheet s;
	NEOERR *err = load_approved(r, &s, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (r->form_errors) {
		r->status = REFUSED;
		return nerr_pass(form_page(r, &s));
	}
	err = db_begin();
	/* Locked: two corrections at once make two versions, one after the
	 * other — and the second from a form of before the first is refused. */
	if (!err)
		err = ts_lock(r, &s, "approved", &state_ok, &stale);
	if (!err && !state_ok) {
		db_rollback();
		return nerr_pass(ts_refused(r, "not_approved"));
	}
	if (!err && stale) {
		db_rollback();
		hdf_set_value(r->hdf, "Page.Refused", "stale");
		r->status = REFUSED;
		return nerr_pass(form_page(r, &s));
	}
	if (!err)
		err = ts_rows_save(r, &s, &refused, &entries);
	if (!err && (refused || !entries)) {
		db_rollback();
		if (!entries && !refused)
			hdf_set_value(r->hdf, "Page.Refused", "entries_none");
		r->status = REFUSED;
		return nerr_pass(form_page(r, &s));
	}
	if (!err)
		err = db_exec(NULL, "UPDATE timesheets SET version = version + 1, decided_at = UTC_TIMESTAMP(),"
					" decided_by = ?, updated_at = UTC_TIMESTAMP() WHERE id = ? AND state = 'approved'",
			      "ii", r->user->id, s.id);
	if (!err)
		err = ts_send_version(r, s.id, reason);
	if (!err)
		err = audit_add(r, r->user->id, "timesheet.correct", "timesheet", s.id, s.unit,
				"reason in the version history");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/timesheets/%lld?done=corrected", s.id);
	return http_redirect(r, loc);
}
