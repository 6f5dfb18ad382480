/* dossier.c: a person's file — every datum the portal keeps about him, as a page, a PDF and JSON (access and portability) */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "conf.h"
#include "dossier.h"
#include "http.h"
#include "page.h"
#include "pdf.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/*
 * One gathered tree (dossier_data.c: JSON), three forms. The JSON is the
 * file itself, for portability. The page and the PDF show the same tree
 * through one reading of it (Page.Dossier.Sections, below): each key of
 * the file a section, in the file's order — an object as a list of
 * facts, a list as a table (or as cards, where its texts are long), a
 * list inside a record (a week's days, a shift's contracts) as a table
 * of its own after its parent's, led by the parent's first column.
 * Labels come from Lang.Privacy.Dossier.Field.<key>, section titles from
 * .Section.<key>, coded values (states, kinds, who acted) from
 * .Value.<key>.<value>.
 *
 * Every view and download is audited as privacy.access with its format,
 * before it is sent; nothing of the person is in the detail.
 */

/* Keys the reader does not need (the row's own id, the zone its times are
 * shown in, the register's code). */
static const char *const hidden[] = { "id", "time_zone", "code" };
/* Lists shown as a card per record: long texts. */
static const char *const cards[] = { "register", "candidacies", "contact_moments", "privacy_requests" };
/* Keys whose values are codes to translate (Lang.Privacy.Dossier.Value.<key>),
 * and those that share another's codes. */
static const char *const coded[] = { "kind", "status", "state", "step", "end_reason", "source", "type",
				     "language", "invoice_kind", "action", "about", "weekday", "country" };
static const char *const by_keys[] = { "by", "decided_by", "made_by", "entered_by", "recorded_by", "added_by" };

static int in(const char *const *list, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(list[i], key))
			return 1;
	return 0;
}

#define IN(list, key) in(list, ARRAY_SIZE(list), key)

/* --- values as a reader sees them ------------------------------------------ */

/* A string of the language file, or NULL when it has none. */
static const char *lang_text(Request *r, const char *key)
{
	const char *t = view_text(r->lang, key);

	return t == key ? NULL : t;
}

static void set_text(Request *r, HDF *h, const char *name, const char *group, const char *key)
{
	char k[256];
	const char *t;

	snprintf(k, sizeof(k), "Lang.Privacy.Dossier.%s.%s", group, key);
	t = lang_text(r, k);
	hdf_set_value(h, name, t ? t : key);
}

static int ends_with(const char *s, const char *end)
{
	size_t a = strlen(s), b = strlen(end);

	return a >= b && !strcmp(s + a - b, end);
}

/* "YYYY-MM-DDThh:mm:ssZ" as the wall-clock time of zone. */
static int moment(const char *iso, const char *zone, char *out, size_t len)
{
	struct tm tm = { 0 };
	const char *end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
	time_t t;

	if (!end || *end)
		return 0;
	t = timegm(&tm);
	tz_local(zone, t, &tm);
	strftime(out, len, "%Y-%m-%d %H:%M", &tm);
	return 1;
}

/* The language file's key of a coded value; 0 when key holds no codes.
 * Roles and reasons of refusal are named where the portal names them. */
static int code_key(const char *key, const char *value, char *out, size_t len)
{
	if (!strcmp(key, "role"))
		snprintf(out, len, "Lang.Admin.Role.%s", value);
	else if (!strcmp(key, "reason_code"))
		snprintf(out, len, "Lang.Vacancies.RejectReason.%s", value);
	else if (IN(by_keys, key))
		snprintf(out, len, "Lang.Privacy.Dossier.Value.by.%s", value);
	else if (IN(coded, key))
		snprintf(out, len, "Lang.Privacy.Dossier.Value.%s.%s", key, value);
	else
		return 0;
	return 1;
}

static char *shown(Request *r, const char *key, json_t *v, const char *zone);

/* A list inside a list (a version's days): one line of text. */
static char *compact(Request *r, json_t *v, const char *zone)
{
	STRING s;
	size_t i;
	json_t *e;
	char *out;

	string_init(&s);
	json_array_foreach(v, i, e) {
		const char *k;
		json_t *x;
		int first = 1;
		if (i)
			string_append(&s, "; ");
		if (!json_is_object(e)) {
			char *t = shown(r, "", e, zone);
			string_append(&s, t);
			free(t);
			continue;
		}
		json_object_foreach(e, k, x) {
			char *t;
			if (json_is_null(x) || IN(hidden, k))
				continue;
			t = shown(r, k, x, zone);
			string_appendf(&s, "%s%s", first ? "" : " ", t);
			free(t);
			first = 0;
		}
	}
	out = xstrdup(s.buf ? s.buf : "");
	string_clear(&s);
	return out;
}

/* The value of key as text for the page and the PDF. Given. */
static char *shown(Request *r, const char *key, json_t *v, const char *zone)
{
	char buf[64], k[256];
	const char *t;

	switch (json_typeof(v)) {
	case JSON_NULL:
		return xstrdup("—");
	case JSON_TRUE:
	case JSON_FALSE:
		return xstrdup(view_text(r->lang, json_is_true(v) ? "Lang.Privacy.Dossier.Yes" : "Lang.Privacy.Dossier.No"));
	case JSON_INTEGER: {
		long long n = json_integer_value(v);
		if (!strcmp(key, "minutes") || ends_with(key, "_minutes"))
			return xasprintf("%s%lld:%02lld", n < 0 ? "-" : "", llabs(n) / 60, llabs(n) % 60);
		if (!strcmp(key, "size"))
			return xasprintf("%lld kB", (n + 1023) / 1024);
		snprintf(buf, sizeof(buf), "%lld", n);
		if (code_key(key, buf, k, sizeof(k)) && (t = lang_text(r, k)))
			return xstrdup(t);
		return xstrdup(buf);
	}
	case JSON_STRING: {
		const char *s = json_string_value(v);
		if ((!strcmp(key, "at") || ends_with(key, "_at")) && moment(s, zone, buf, sizeof(buf)))
			return xstrdup(buf);
		if (strlen(s) < 100 && code_key(key, s, k, sizeof(k)) && (t = lang_text(r, k)))
			return xstrdup(t);
		/* A wall-clock time at a unit ("2026-03-02T09:30"). */
		if (strlen(s) == 16 && s[10] == 'T' && s[4] == '-' && s[13] == ':') {
			char *c = xstrdup(s);
			c[10] = ' ';
			return c;
		}
		return xstrdup(s);
	}
	case JSON_ARRAY:
		return compact(r, v, zone);
	default:
		return xstrdup("");
	}
}

static const char *zone_of(json_t *rec, const char *zone)
{
	const char *z = json_string_value(json_object_get(rec, "time_zone"));

	return z && tz_known(z) ? z : zone;
}

/* --- the reading of the tree ------------------------------------------------ */

/* The first shown value of a record: its head in a card's title and in
 * the first column of the lists inside it. Given. */
static char *head_of(Request *r, json_t *rec, const char *zone, const char **key)
{
	const char *k;
	json_t *x;

	json_object_foreach(rec, k, x) {
		if (IN(hidden, k) || json_is_array(x))
			continue;
		*key = k;
		return shown(r, k, x, zone);
	}
	*key = "";
	return xstrdup("");
}

/* A record as the next row of the table under h (Rows.<m>.<n>), after
 * lead (its parent's head) when there is one. At depth 0 the record's
 * own lists are left for tables of their own; deeper, they are a line of
 * text in their cell. */
static void table_row(Request *r, HDF *h, int *rows, json_t *rec, const char *zone, const char *lead, int depth)
{
	char key[32];
	HDF *row = NULL;
	const char *k;
	json_t *x;
	int c = 0;

	snprintf(key, sizeof(key), "Rows.%d", (*rows)++);
	if (hdf_get_node(h, key, &row) != STATUS_OK)
		abort();
	if (lead)
		hdf_set_value(row, "0", lead), c++;
	json_object_foreach(rec, k, x) {
		char *t;
		if (IN(hidden, k) || (json_is_array(x) && depth == 0))
			continue;
		t = shown(r, k, x, zone);
		snprintf(key, sizeof(key), "%d", c++);
		hdf_set_value(row, key, t);
		free(t);
	}
}

static void columns(Request *r, HDF *h, json_t *rec, const char *lead_label, int depth)
{
	const char *k;
	json_t *x;
	int c = 0;

	if (lead_label)
		hdf_set_valuef(h, "Columns.%d=%s", c++, lead_label);
	json_object_foreach(rec, k, x) {
		char name[32];
		if (IN(hidden, k) || (json_is_array(x) && depth == 0))
			continue;
		snprintf(name, sizeof(name), "Columns.%d", c++);
		set_text(r, h, name, "Field", k);
	}
}

/* A list inside each record of list (key), as one table under sub, each
 * row led by its record's head. */
static void sub_table(Request *r, HDF *sub, json_t *list, const char *key, const char *zone)
{
	json_t *rec, *first = NULL;
	size_t i;
	int rows = 0;
	const char *head_key = "";

	set_text(r, sub, "Title", "Section", key);
	hdf_set_value(sub, "Key", key);
	json_array_foreach(list, i, rec) {
		json_t *inner = json_object_get(rec, key), *e;
		const char *z = zone_of(rec, zone);
		size_t j;
		char *head;
		if (!json_array_size(inner))
			continue;
		head = head_of(r, rec, z, &head_key);
		if (!first) {
			char lk[256];
			const char *lab;
			first = json_array_get(inner, 0);
			snprintf(lk, sizeof(lk), "Lang.Privacy.Dossier.Field.%s", head_key);
			lab = lang_text(r, lk);
			columns(r, sub, first, lab ? lab : head_key, 1);
		}
		json_array_foreach(inner, j, e)
			table_row(r, sub, &rows, e, z, head, 1);
		free(head);
	}
	if (!rows)
		hdf_set_value(sub, "Empty", "1");
}

/* Which keys of the records of list hold lists of their own. */
static void inner_lists(json_t *list, json_t *keys)
{
	size_t i;
	json_t *rec;

	json_array_foreach(list, i, rec) {
		const char *k;
		json_t *x;
		json_object_foreach(rec, k, x)
			if (json_is_array(x) && !IN(hidden, k))
				json_object_set_new(keys, k, json_true());
	}
}

static void section_fields(Request *r, HDF *h, json_t *obj, const char *zone)
{
	const char *k;
	json_t *x;
	int n = 0;

	json_object_foreach(obj, k, x) {
		char name[32], *t;
		if (IN(hidden, k))
			continue;
		snprintf(name, sizeof(name), "Fields.%d.Label", n);
		set_text(r, h, name, "Field", k);
		t = shown(r, k, x, zone);
		snprintf(name, sizeof(name), "Fields.%d.Value", n++);
		hdf_set_value(h, name, t);
		free(t);
	}
}

static void section_cards(Request *r, HDF *h, json_t *list, const char *zone)
{
	size_t i;
	json_t *rec;

	json_array_foreach(list, i, rec) {
		HDF *card = NULL;
		char name[32], *title;
		const char *hk, *k;
		const char *z = zone_of(rec, zone);
		json_t *x;
		int n = 0, subs = 0;
		snprintf(name, sizeof(name), "Cards.%d", (int)i);
		if (hdf_get_node(h, name, &card) != STATUS_OK)
			abort();
		title = head_of(r, rec, z, &hk);
		hdf_set_value(card, "Title", title);
		set_text(r, card, "TitleLabel", "Field", hk);
		free(title);
		json_object_foreach(rec, k, x) {
			char *t;
			if (IN(hidden, k) || k == hk)
				continue;
			if (json_is_array(x)) {
				/* The card's own lists, as small tables. */
				HDF *sub = NULL;
				snprintf(name, sizeof(name), "Subs.%d", subs++);
				if (hdf_get_node(card, name, &sub) != STATUS_OK)
					abort();
				set_text(r, sub, "Title", "Section", k);
				hdf_set_value(sub, "Key", k);
				if (json_array_size(x)) {
					size_t j;
					json_t *e;
					int rows = 0;
					columns(r, sub, json_array_get(x, 0), NULL, 1);
					json_array_foreach(x, j, e)
						table_row(r, sub, &rows, e, z, NULL, 1);
				} else {
					hdf_set_value(sub, "Empty", "1");
				}
				continue;
			}
			snprintf(name, sizeof(name), "Fields.%d.Label", n);
			set_text(r, card, name, "Field", k);
			t = shown(r, k, x, z);
			snprintf(name, sizeof(name), "Fields.%d.Value", n++);
			hdf_set_value(card, name, t);
			free(t);
		}
	}
}

static void section_table(Request *r, HDF *h, json_t *list, const char *zone)
{
	json_t *keys = json_object(), *rec;
	const char *k;
	json_t *x;
	size_t i;
	int rows = 0, subs = 0;

	columns(r, h, json_array_get(list, 0), NULL, 0);
	json_array_foreach(list, i, rec)
		table_row(r, h, &rows, rec, zone_of(rec, zone), NULL, 0);
	inner_lists(list, keys);
	json_object_foreach(keys, k, x) {
		HDF *sub = NULL;
		char name[32];
		snprintf(name, sizeof(name), "Subs.%d", subs++);
		if (hdf_get_node(h, name, &sub) != STATUS_OK)
			abort();
		sub_table(r, sub, list, k, zone);
	}
	json_decref(keys);
}

/* Page.Dossier: the file read for the page and the PDF. */
static void read_tree(Request *r, json_t *d)
{
	const char *zone = conf_str("Planning.TimeZone"), *k;
	json_t *x, *notes = json_object_get(d, "notes");
	char buf[64];
	int n = 0;

	hdf_set_value(r->hdf, "Page.Dossier.Zone", zone);
	if (moment(json_string_value(json_object_get(d, "generated_at")), zone, buf, sizeof(buf)))
		hdf_set_value(r->hdf, "Page.Dossier.Generated", buf);
	json_object_foreach(d, k, x) {
		HDF *h;
		size_t i;
		json_t *e;
		int nn = 0;
		if (!strcmp(k, "subject") || !strcmp(k, "notes") || !(json_is_object(x) || json_is_array(x)))
			continue;
		h = page_item(r, "Dossier.Sections", n++);
		hdf_set_value(h, "Key", k);
		set_text(r, h, "Title", "Section", k);
		json_array_foreach(notes, i, e) {
			const char *sec = json_string_value(json_object_get(e, "section"));
			char key[128];
			const char *t;
			if (!sec || strcmp(sec, k))
				continue;
			snprintf(key, sizeof(key), "Lang.Privacy.Dossier.Note.%s",
				 json_string_value(json_object_get(e, "note")));
			t = lang_text(r, key);
			/* A count only where the note has one (cut: how many shown). */
			if (json_integer_value(json_object_get(e, "count")) > 0)
				hdf_set_valuef(h, "Notes.%d=%s %lld", nn++, t ? t : key,
					       (long long)json_integer_value(json_object_get(e, "count")));
			else
				hdf_set_valuef(h, "Notes.%d=%s", nn++, t ? t : key);
		}
		if (json_is_object(x)) {
			hdf_set_value(h, "Kind", "fields");
			section_fields(r, h, x, zone);
		} else if (!json_array_size(x)) {
			hdf_set_value(h, "Kind", "empty");
		} else if (IN(cards, k)) {
			hdf_set_value(h, "Kind", "cards");
			section_cards(r, h, x, zone);
		} else {
			hdf_set_value(h, "Kind", "table");
			section_table(r, h, x, zone);
		}
	}
}

/* --- the PDF ----------------------------------------------------------------- */

/* The children of node (Columns, a row) from the from-th on, joined. */
static char *joined(HDF *node, int from)
{
	STRING s;
	char *out;
	int i = 0;

	string_init(&s);
	for (HDF *c = hdf_obj_child(node); c; c = hdf_obj_next(c), i++) {
		if (i < from)
			continue;
		if (i > from)
			string_append(&s, " · ");
		string_append(&s, hdf_obj_value(c) ? hdf_obj_value(c) : "");
	}
	out = xstrdup(s.buf ? s.buf : "");
	string_clear(&s);
	return out;
}

/* A table as lines: the first column as the label of a field, the rest
 * beside it — under a line of the column names. */
static void pdf_table(Pdf *p, HDF *t)
{
	HDF *cols = hdf_get_obj(t, "Columns");
	char *rest = joined(cols, 1);

	pdf_field(p, hdf_get_value(cols, "0", ""), rest);
	free(rest);
	for (HDF *row = hdf_get_child(t, "Rows"); row; row = hdf_obj_next(row)) {
		rest = joined(row, 1);
		pdf_field(p, hdf_get_value(row, "0", ""), rest);
		free(rest);
	}
}

static void pdf_fields(Pdf *p, HDF *h)
{
	for (HDF *f = hdf_get_child(h, "Fields"); f; f = hdf_obj_next(f))
		pdf_field(p, hdf_get_value(f, "Label", ""), hdf_get_value(f, "Value", ""));
}

static NEOERR *write_pdf(Request *r, const Subject *s, STRING *out)
{
	const char *none = view_text(r->lang, "Lang.Privacy.Dossier.None");
	char *sub = xasprintf("%s · %s (%s)", s->name, hdf_get_value(r->hdf, "Page.Dossier.Generated", ""),
			      hdf_get_value(r->hdf, "Page.Dossier.Zone", ""));
	Pdf *p = NULL;
	NEOERR *err = pdf_begin(&p, view_text(r->lang, "Lang.Privacy.Dossier.PdfTitle"), sub);

	free(sub);
	if (err)
		return nerr_pass(err);
	pdf_text(p, view_text(r->lang, s->self ? "Lang.Privacy.Dossier.IntroSelf" : "Lang.Privacy.Dossier.Intro"));
	for (HDF *sec = hdf_get_child(r->hdf, "Page.Dossier.Sections"); sec; sec = hdf_obj_next(sec)) {
		const char *kind = hdf_get_value(sec, "Kind", "");
		pdf_heading(p, hdf_get_value(sec, "Title", ""));
		for (HDF *n = hdf_get_child(sec, "Notes"); n; n = hdf_obj_next(n))
			pdf_text(p, hdf_obj_value(n));
		if (!strcmp(kind, "fields")) {
			pdf_fields(p, sec);
		} else if (!strcmp(kind, "cards")) {
			for (HDF *c = hdf_get_child(sec, "Cards"); c; c = hdf_obj_next(c)) {
				pdf_field(p, hdf_get_value(c, "TitleLabel", ""), hdf_get_value(c, "Title", ""));
				pdf_fields(p, c);
				for (HDF *t = hdf_get_child(c, "Subs"); t; t = hdf_obj_next(t)) {
					pdf_field(p, hdf_get_value(t, "Title", ""), hdf_get_value(t, "Empty", NULL) ? none : "");
					if (!hdf_get_value(t, "Empty", NULL))
						pdf_table(p, t);
				}
				pdf_gap(p);
			}
		} else if (!strcmp(kind, "table")) {
			pdf_table(p, sec);
			for (HDF *t = hdf_get_child(sec, "Subs"); t; t = hdf_obj_next(t)) {
				char *title;
				if (hdf_get_value(t, "Empty", NULL))
					continue;
				title = xasprintf("%s — %s", hdf_get_value(sec, "Title", ""), hdf_get_value(t, "Title", ""));
				pdf_heading(p, title);
				free(title);
				pdf_table(p, t);
			}
		} else {
			pdf_text(p, none);
		}
	}
	return nerr_pass(pdf_finish(&p, out));
}

/* --- the routes ---------------------------------------------------------------- */

/* The person of the route: on /privacy/me/… the user himself, else the
 * one of :id in the privacy officer's scope (404 otherwise). */
static NEOERR *subject_of(Request *r, Subject *s)
{
	if (!strncmp(r->path, "/privacy/me/", 12))
		return nerr_pass(subject_load(r, 'u', r->user->id, NULL, s));
	return nerr_pass(subject_of_route(r, "privacy.view", s));
}

/* The view or download in the audit log, before anything of it is sent:
 * who (the actor), whose file (the object) and in which format. */
static NEOERR *accessed(Request *r, const Subject *s, const char *format)
{
	char detail[32];

	snprintf(detail, sizeof(detail), "format=%s", format);
	return nerr_pass(audit_add(r, r->user->id, "privacy.access", s->kind == 'c' ? "candidate" : "user", s->id,
				   s->unit_id, detail));
}

/* A file name without the person's name: the kind and id of the file, and
 * the day it was made. */
static void attachment(Request *r, const Subject *s, const char *ext)
{
	char name[128], day[16];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	snprintf(name, sizeof(name), "attachment; filename=\"dossier-%c%lld-%s.%s\"", s->kind, s->id, day, ext);
	http_header(r, "Content-Disposition", name);
}

static void page_base(Request *r, const Subject *s)
{
	if (s->self)
		hdf_set_value(r->hdf, "Page.Dossier.Base", "/privacy/me/dossier");
	else
		hdf_set_valuef(r->hdf, "Page.Dossier.Base=/privacy/%s/%lld/dossier",
			       s->kind == 'c' ? "candidates" : "persons", s->id);
}

NEOERR *dossier_page(Request *r)
{
	Subject s;
	json_t *d = NULL;
	NEOERR *err = subject_of(r, &s);

	if (err || !s.id)
		return nerr_pass(err);
	err = dossier_gather(&s, r->lang, &d);
	if (err)
		return nerr_pass(err);
	subject_put(r, &s);
	page_base(r, &s);
	read_tree(r, d);
	json_decref(d);
	err = accessed(r, &s, "html");
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "privacy/dossier.cs"));
}

NEOERR *dossier_pdf(Request *r)
{
	Subject s;
	json_t *d = NULL;
	STRING pdf;
	NEOERR *err = subject_of(r, &s);

	if (err || !s.id)
		return nerr_pass(err);
	err = dossier_gather(&s, r->lang, &d);
	if (err)
		return nerr_pass(err);
	read_tree(r, d);
	json_decref(d);
	string_init(&pdf);
	err = write_pdf(r, &s, &pdf);
	if (!err)
		err = accessed(r, &s, "pdf");
	if (!err)
		err = string_appendn(&r->body, pdf.buf, pdf.len);
	string_clear(&pdf);
	if (err)
		return nerr_pass(err);
	r->content_type = "application/pdf";
	attachment(r, &s, "pdf");
	return STATUS_OK;
}

NEOERR *dossier_json(Request *r)
{
	Subject s;
	json_t *d = NULL;
	char *text;
	NEOERR *err = subject_of(r, &s);

	if (err || !s.id)
		return nerr_pass(err);
	err = dossier_gather(&s, r->lang, &d);
	if (err)
		return nerr_pass(err);
	text = json_dumps(d, JSON_INDENT(2));
	json_decref(d);
	if (!text)
		return nerr_raise(NERR_NOMEM, "no memory for a person's file");
	err = accessed(r, &s, "json");
	if (!err)
		err = string_append(&r->body, text);
	if (!err)
		err = string_append(&r->body, "\n");
	free(text);
	if (err)
		return nerr_pass(err);
	r->content_type = "application/json; charset=utf-8";
	attachment(r, &s, "json");
	return STATUS_OK;
}

/* --- the section of the person's page ------------------------------------------ */

/* How much his file holds and where to read or take it. */
NEOERR *dossier_section(Request *r, const Subject *s)
{
	page_base(r, s);
	return nerr_pass(dossier_counts(r, s));
}
