/* erasure.c: erasing a person across every module — the dry run, the confirmation, the certificate */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "db.h"
#include "erasure.h"
#include "http.h"
#include "privacy.h"
#include "util.h"
#include "view.h"

/* Page.Erasure: for privacy.handle, the way to the dry run; once erased,
 * when and by what (the certificate in the audit log). */
NEOERR *erasure_section(Request *r, const Subject *s)
{
	char *at = NULL;
	NEOERR *err;

	if (s->erased) {
		err = db_value(&at, s->kind == 'u'
			? "SELECT DATE_FORMAT(erased_at, '%Y-%m-%d %H:%i') FROM users WHERE id = ?"
			: "SELECT DATE_FORMAT(erased_at, '%Y-%m-%d %H:%i') FROM candidates WHERE id = ?", "i", s->id);
		if (at)
			hdf_set_value(r->hdf, "Page.Erasure.At", at);
		free(at);
		return nerr_pass(err);
	}
	if (acl_may_at(r, "privacy.handle", s->home) && !(s->kind == 'u' && r->user && s->id == r->user->id))
		hdf_set_value(r->hdf, "Page.Erasure.May", "1");
	return STATUS_OK;
}

/* The person of the route, when the viewer may erase him: privacy.handle
 * on his unit, not erased yet, not the viewer himself. */
static NEOERR *erasable(Request *r, Subject *s)
{
	NEOERR *err = subject_of_route(r, "privacy.handle", s);

	if (err || !s->id)
		return nerr_pass(err);
	if (s->kind == 'u' && s->id == r->user->id) {
		s->id = 0;
		return nerr_pass(http_fail(r, 404, "nobody erases himself here"));
	}
	return STATUS_OK;
}

static void plan_put(Request *r, const ErasurePlan *p)
{
	for (int i = 0; i < p->n; i++) {
		HDF *h = page_item(r, "Erasure.Items", i);
		page_put(h, "Code", p->item[i].code);
		page_put_int(h, "Count", p->item[i].count);
		if (p->item[i].kept)
			page_put(h, "Kept", "1");
	}
	hdf_set_int_value(r->hdf, "Page.Erasure.Files", p->files);
	if (p->backoffice)
		hdf_set_value(r->hdf, "Page.Erasure.Backoffice", "1");
}

static NEOERR *preview_page(Request *r, const Subject *s)
{
	ErasurePlan p;
	NEOERR *err;

	subject_put(r, s);
	if (s->erased)
		return nerr_pass(view_render(r, "privacy/erase.cs"));
	err = erasure_plan(s->kind, s->id, &p);
	if (err)
		return nerr_pass(err);
	plan_put(r, &p);
	return nerr_pass(view_render(r, "privacy/erase.cs"));
}

/* The dry run: what would go and what would stay, module by module. */
NEOERR *erasure_preview(Request *r)
{
	Subject s;
	NEOERR *err = erasable(r, &s);

	if (err || !s.id)
		return nerr_pass(err);
	return nerr_pass(preview_page(r, &s));
}

NEOERR *erasure_confirm(Request *r)
{
	char loc[96];
	ErasurePlan p;
	Subject s;
	NEOERR *err = erasable(r, &s);
	int done;

	if (err || !s.id)
		return nerr_pass(err);
	param_keep_form(r);
	if (!r->form_errors && !param_str(r, "confirm"))
		param_error(r, "confirm", "required");
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(preview_page(r, &s));
	}
	err = erasure_run(r, s.kind, s.id, r->user->id, "request", NULL, &p, &done);
	if (err)
		return nerr_pass(err);
	snprintf(loc, sizeof(loc), "/privacy/%s/%lld?done=erased", s.kind == 'u' ? "persons" : "candidates", s.id);
	/* Erased by someone else meanwhile: the page says it is, either way. */
	return http_redirect(r, loc);
}
