/* announcements.c: notices of outages and maintenance for a period — the list, posting one, withdrawing one; lib/announce.c shows them on every page */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "org.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* Announcements are the agency's: staff holding announcement.edit on its root. */
static NEOERR *may_post(Request *r, int *ok)
{
	char root[800];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	*ok = !err && !strcmp(r->user->kind, "agency") && acl_may_at(r, "announcement.edit", root);
	if (!err && !*ok)
		http_fail(r, 404, "announcements are for agency staff with announcement.edit");
	return nerr_pass(err);
}

static NEOERR *list_page(Request *r)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	/* Those to come and those of now, then the last thirty gone. */
	err = db_query(&q, "SELECT id, kind, text_nl, text_en, text_fr,"
			   " UNIX_TIMESTAMP(starts_at), UNIX_TIMESTAMP(ends_at),"
			   " withdrawn_at IS NULL AND ends_at > UTC_TIMESTAMP(),"
			   " withdrawn_at IS NULL AND ends_at > UTC_TIMESTAMP() AND starts_at <= UTC_TIMESTAMP()"
			   " FROM announcements ORDER BY withdrawn_at IS NULL AND ends_at > UTC_TIMESTAMP() DESC,"
			   " starts_at DESC, id DESC LIMIT 50", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Rows", n++);
		const char *zone = conf_str("Planning.TimeZone");
		char at[20];
		struct tm tm;
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Kind", db_str(q, 1));
		page_put(h, "Nl", db_str(q, 2));
		page_put(h, "En", db_str(q, 3));
		page_put(h, "Fr", db_str(q, 4));
		tz_local(zone, (time_t)db_int(q, 5), &tm);
		strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm);
		page_put(h, "From", at);
		tz_local(zone, (time_t)db_int(q, 6), &tm);
		strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm);
		page_put(h, "Until", at);
		if (db_int(q, 7))
			page_put(h, "Open", "1");
		if (db_int(q, 8))
			page_put(h, "Now", "1");
	}
	db_end(&q);
	hdf_set_value(r->hdf, "Page.Zone", conf_str("Planning.TimeZone"));
	return nerr_pass(view_render(r, "admin/announcements.cs"));
}

NEOERR *announcement_list(Request *r)
{
	int ok;
	NEOERR *err = may_post(r, &ok);

	if (err || !ok)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	return nerr_pass(list_page(r));
}

/* "YYYY-MM-DD" and "HH:MM" on the agency's clock as a UTC moment; 0 when
 * the time is none or does not exist there. */
static int moment(const char *date, const char *hm, time_t *out)
{
	int y, mo, d, h, mi, used = 0;

	if (!date || !hm || sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		return 0;
	if (sscanf(hm, "%2d:%2d%n", &h, &mi, &used) != 2 || used != 5 || hm[5] || h > 23 || mi > 59)
		return 0;
	return tz_utc(conf_str("Planning.TimeZone"), y, mo, d, h, mi, out);
}

NEOERR *announcement_create(Request *r)
{
	time_t from = 0, until = 0;
	char detail[80];
	long long id = 0;
	NEOERR *err;
	int ok;

	err = may_post(r, &ok);
	if (err || !ok)
		return nerr_pass(err);
	param_keep_form(r);
	if (!r->form_errors) {
		if (!moment(param_str(r, "from_date"), param_str(r, "from_time"), &from))
			param_error(r, "from_time", "time");
		if (!moment(param_str(r, "until_date"), param_str(r, "until_time"), &until))
			param_error(r, "until_time", "time");
		else if (from && until <= from)
			param_error(r, "until_time", "until_order");
		else if (until <= time(NULL))
			param_error(r, "until_time", "until_past");
	}
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(list_page(r));
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO announcements (kind, text_nl, text_en, text_fr, starts_at, ends_at,"
				    " created_by, created_at) VALUES (?, ?, ?, ?, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?,"
				    " UTC_TIMESTAMP())",
			      "ssssiii", param_str(r, "kind"), param_str(r, "text_nl"), or_empty(param_str(r, "text_en")),
			      or_empty(param_str(r, "text_fr")), (long long)from, (long long)until, r->user->id);
	if (!err)
		id = db_insert_id();
	snprintf(detail, sizeof(detail), "%s", param_str(r, "kind"));
	if (!err)
		err = audit_add(r, r->user->id, "announcement.create", "announcement", id, 0, detail);
	err = db_finish(err);
	return err ? nerr_pass(err) : http_redirect(r, "/admin/announcements?done=posted");
}

NEOERR *announcement_withdraw(Request *r)
{
	unsigned long long n = 0;
	long long id = param_int(r, "id", 0);
	NEOERR *err;
	int ok;

	err = may_post(r, &ok);
	if (err || !ok)
		return nerr_pass(err);
	err = db_begin();
	if (!err)
		err = db_exec(&n, "UPDATE announcements SET withdrawn_at = UTC_TIMESTAMP()"
				  " WHERE id = ? AND withdrawn_at IS NULL AND ends_at > UTC_TIMESTAMP()", "i", id);
	if (!err && n)
		err = audit_add(r, r->user->id, "announcement.withdraw", "announcement", id, 0, "");
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	if (!n)
		return http_fail(r, 404, "no current announcement %lld", id);
	return http_redirect(r, "/admin/announcements?done=withdrawn");
}
