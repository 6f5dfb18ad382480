/* details.c: correcting a user's details and optional fields, and a temp worker's photo */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "admin.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "photo.h"
#include "profile.h"
#include "util.h"
#include "view.h"

/* A temp worker's details are the agency's to keep (worker.edit); staff's
 * and client users' are kept by who registers them there (user.edit). */
int user_may_correct(Request *r, const Person *p)
{
	return acl_may_at(r, strcmp(p->kind, "worker") ? "user.edit" : "worker.edit", p->home);
}

/* The user of :id when the viewer may correct his details; else the
 * request ends with 404 and p->id is 0. */
static NEOERR *correctable(Request *r, Person *p)
{
	NEOERR *err = user_load(param_int(r, "id", 0), p);

	if (err)
		return nerr_pass(err);
	if (!p->id || p->erased || !user_may_correct(r, p)) {
		http_fail(r, 404, "user %lld not correctable here", param_int(r, "id", 0));
		p->id = 0;
	}
	return STATUS_OK;
}

/* The stored names, for the heading whatever the form holds. */
static NEOERR *names(long long uid, HDF *h)
{
	DBQuery *q;
	NEOERR *err = db_query(&q, "SELECT first_name, last_name FROM users WHERE id = ?", "i", uid);

	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		page_put(h, "FirstName", db_str(q, 0));
		page_put(h, "LastName", db_str(q, 1));
	}
	db_end(&q);
	return STATUS_OK;
}

static NEOERR *edit_page(Request *r, const Person *p, int from_db)
{
	unsigned fields = profile_fields(p->kind);
	HDF *h = NULL;
	NEOERR *err;

	if (hdf_get_node(r->hdf, "Page.Person", &h) != STATUS_OK)
		abort();
	hdf_set_valuef(r->hdf, "Page.Person.Id=%lld", p->id);
	hdf_set_value(r->hdf, "Page.Person.Kind", p->kind);
	profile_flags(r, fields);
	err = profile_load(r, p->id, fields, h, from_db);
	if (!err)
		err = names(p->id, h);
	if (err)
		return nerr_pass(err);
	if (!from_db)
		param_keep_form(r);
	return nerr_pass(view_render(r, "admin/user_edit.cs"));
}

NEOERR *user_edit(Request *r)
{
	Person p;
	NEOERR *err = correctable(r, &p);

	if (err || !p.id)
		return nerr_pass(err);
	return nerr_pass(edit_page(r, &p, 1));
}

/* May the viewer change p's login address? Not his own here: another
 * administrator does, so that a change of a login is always someone
 * else's. Nor the address of anyone who holds a role the viewer could not
 * hand out where he holds it (grant_refusal: an agency role only with all
 * its rights there; client roles are the consultant's to give): whoever
 * sets the address can reset the password, and so would hold the roles.
 * *why is NULL when he may, else a key of Lang.Errors. */
static NEOERR *email_refusal(Request *r, const Person *p, const char **why)
{
	DBQuery *q;
	NEOERR *err;

	*why = NULL;
	if (p->id == r->user->id) {
		*why = "email_self";
		return STATUS_OK;
	}
	err = db_query(&q, "SELECT g.role, o.path FROM grants g JOIN org_units o ON o.id = g.unit_id"
			   " WHERE g.user_id = ?", "i", p->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q))
		if (!*why && grant_refusal(r, p, acl_role(db_str(q, 0)), db_str(q, 1)))
			*why = "email_above_own";
	db_end(&q);
	return STATUS_OK;
}

/* Is the form's address another than the stored one, and may the viewer
 * not make it so? Marks the field. */
static NEOERR *check_email(Request *r, const Person *p)
{
	char *stored = NULL, *taken = NULL;
	const char *why = NULL;
	NEOERR *err = db_value(&stored, "SELECT email FROM users WHERE id = ?", "i", p->id);

	if (!err && stored && strcmp(stored, param_str(r, "email")))
		err = email_refusal(r, p, &why);
	free(stored);
	if (err)
		return nerr_pass(err);
	if (why) {
		param_error(r, "email", why);
		return STATUS_OK;
	}
	err = db_value(&taken, "SELECT id FROM users WHERE email = ? AND id <> ?", "si", param_str(r, "email"),
		       p->id);
	if (!err && taken)
		param_error(r, "email", "email_taken");
	free(taken);
	return nerr_pass(err);
}

/* Names, e-mail address (unique: it is the login; changed as
 * check_email allows, with what profile_save does then), job title and
 * the optional fields that are on; a field switched off is refused with
 * 400, as the form never offers it. Audited with the names of the fields
 * that changed, never their values. */
NEOERR *user_update(Request *r)
{
	unsigned fields;
	char loc[80];
	const char *off;
	STRING changed;
	Person p;
	NEOERR *err = correctable(r, &p);

	if (err || !p.id)
		return nerr_pass(err);
	fields = profile_fields(p.kind);
	if ((off = profile_foreign(r, fields)) != NULL)
		return http_fail(r, 400, "%s is switched off or not kept for a user of kind %s", off, p.kind);
	profile_check(r, fields);
	if (!hdf_get_value(r->hdf, "Page.Errors.email", NULL)) {
		err = check_email(r, &p);
		if (err)
			return nerr_pass(err);
	}
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(edit_page(r, &p, 0));
	}
	string_init(&changed);
	err = db_begin();
	if (!err)
		err = profile_save(r, p.id, fields, PROFILE_WITH_EMAIL, &changed);
	if (!err && changed.len)
		err = audit_add(r, r->user->id, "user.update", "user", p.id, p.home_id, changed.buf);
	err = db_finish(err);
	string_clear(&changed);
	if (err && nerr_match(err, NERR_NOT_FOUND)) {
		/* Erased since the form was loaded: nothing was written. */
		nerr_ignore(&err);
		return http_fail(r, 404, "user %lld was erased meanwhile", p.id);
	}
	if (err) {
		if (!db_duplicate(err))
			return nerr_pass(err);
		/* Taken by someone else between the check and the write. */
		nerr_ignore(&err);
		param_error(r, "email", "email_taken");
		r->status = FORM_REFUSED;
		return nerr_pass(edit_page(r, &p, 0));
	}
	snprintf(loc, sizeof(loc), "/admin/users/%lld?done=details", p.id);
	return http_redirect(r, loc);
}

/* --- the photo ------------------------------------------------------------ */

NEOERR *photo_section(Request *r, const Person *p)
{
	int has;
	NEOERR *err = photo_exists(p->id, &has);

	if (err)
		return nerr_pass(err);
	hdf_set_value(r->hdf, "Page.Photo.Shown", "1");
	if (has)
		hdf_set_value(r->hdf, "Page.Photo.Has", "1");
	admin_may(r, "Photo", "worker.edit", p->home);
	return STATUS_OK;
}

/* A temp worker's photo while photos are on, to agency staff who see the
 * user (user.view), to the worker himself, and to client users who see
 * him in a week view; 404 to everyone else, as for a worker without one. */
NEOERR *user_photo(Request *r)
{
	Person p;
	int may = 0;
	NEOERR *err;

	if (!photo_on())
		return http_fail(r, 404, "photos are off (Privacy.Photos)");
	err = user_load(param_int(r, "id", 0), &p);
	if (err)
		return nerr_pass(err);
	if (!p.id || p.erased || strcmp(p.kind, "worker"))
		return http_fail(r, 404, "no temp worker %lld", param_int(r, "id", 0));
	may = p.id == r->user->id || acl_may_at(r, "user.view", p.home);
	if (!may) {
		err = photo_planner_sees(r, p.id, &may);
		if (err)
			return nerr_pass(err);
	}
	if (!may)
		return http_fail(r, 404, "temp worker %lld not seen by this user", p.id);
	return nerr_pass(photo_send(r, p.id));
}

/* The worker of :id for a change of his photo (worker.edit, photos on). */
static NEOERR *photo_worker(Request *r, Person *p)
{
	NEOERR *err;

	if (!photo_on()) {
		memset(p, 0, sizeof(*p));
		return http_fail(r, 404, "photos are off (Privacy.Photos)");
	}
	err = user_in_scope(r, "worker.edit", p);
	if (!err && p->id && strcmp(p->kind, "worker")) {
		http_fail(r, 404, "user %lld is no temp worker", p->id);
		p->id = 0;
	}
	return nerr_pass(err);
}

static NEOERR *photo_done(Request *r, const Person *p, const char *what)
{
	char loc[80];
	snprintf(loc, sizeof(loc), "/admin/users/%lld?done=%s", p->id, what);
	return http_redirect(r, loc);
}

/* PNG or JPEG by its content, at most 2 MiB and 16 megapixels, kept
 * without what only describes it (photo_put); replaces the one before. A
 * file that does not fit comes back with a message on the user's page. */
NEOERR *user_photo_upload(Request *r)
{
	const char *problem = NULL;
	Person p;
	NEOERR *err = photo_worker(r, &p);

	if (err || !p.id)
		return nerr_pass(err);
	if (!r->form_errors && !request_file(r, "file"))
		param_error(r, "file", "required");
	if (!r->form_errors) {
		err = photo_store(r, p.id, p.home_id, request_file(r, "file"), &problem);
		if (err && nerr_match(err, NERR_NOT_FOUND)) {
			/* Erased since the page was loaded: nothing was kept. */
			nerr_ignore(&err);
			return http_fail(r, 404, "user %lld was erased meanwhile", p.id);
		}
		if (err && nerr_match(err, NERR_IO)) {
			/* A full disk, say: nothing was kept, the user may retry. */
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			problem = "file_store";
		}
		if (err)
			return nerr_pass(err);
		if (problem)
			param_error(r, "file", problem);
	}
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(user_page(r, &p));
	}
	return photo_done(r, &p, "photo");
}

NEOERR *user_photo_delete(Request *r)
{
	int had;
	Person p;
	NEOERR *err = photo_worker(r, &p);

	if (err || !p.id)
		return nerr_pass(err);
	err = photo_remove(r, p.id, p.home_id, "removed by the agency", &had);
	return err ? nerr_pass(err) : photo_done(r, &p, "photo_removed");
}
