/* page.c: filling Page.* for a template */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "db.h"
#include "page.h"
#include "util.h"
#include "view.h"

HDF *page_item(Request *r, const char *list, int n)
{
	char key[128];
	HDF *node = NULL;

	snprintf(key, sizeof(key), "Page.%s.%d", list, n);
	if (hdf_get_node(r->hdf, key, &node) != STATUS_OK)
		abort(); /* out of memory, as xmalloc */
	return node;
}

void page_put(HDF *node, const char *name, const char *value)
{
	if (value)
		hdf_set_value(node, name, value);
}

void page_put_int(HDF *node, const char *name, long long value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", value);
	hdf_set_value(node, name, buf);
}

void page_query_add(STRING *qs, const char *name, const char *value)
{
	char *esc = NULL;

	if (!value || !*value)
		return;
	if (cgi_url_escape(value, &esc) != STATUS_OK)
		abort(); /* out of memory, as xmalloc */
	string_appendf(qs, "%s%s=%s", qs->len ? "&" : "", name, esc);
	free(esc);
}

void page_csv_cell(STRING *out, const char *v, int last)
{
	if (!v)
		v = "";
	string_append_char(out, '"');
	if (v[0] && strchr("=+-@\t\r", v[0]))
		string_append_char(out, '\'');
	for (; *v; v++) {
		if (*v == '"')
			string_append_char(out, '"');
		string_append_char(out, *v);
	}
	string_append_char(out, '"');
	string_append(out, last ? "\r\n" : ",");
}

void page_ics_text(STRING *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\\' || c == ';' || c == ',')
			string_append_char(out, '\\');
		if (c == '\n') {
			string_append(out, "\\n");
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			continue;
		string_append_char(out, (char)c);
	}
}

void page_ics_line(STRING *out, const char *line)
{
	size_t len = strlen(line), col = 0;

	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)line[i];
		size_t clen = c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		/* A sequence cut short by the string's end is what is left. */
		if (clen > len - i)
			clen = len - i;
		if (col + clen > 75) {
			string_append(out, "\r\n ");
			col = 1;
		}
		string_appendn(out, line + i, (int)clen);
		col += clen;
		i += clen;
	}
	string_append(out, "\r\n");
}

void page_words(Request *r, const char *list, const char *words)
{
	char *copy = xstrdup(words), *save = NULL, *t;
	int n = 0;

	for (t = strtok_r(copy, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char key[96];
		snprintf(key, sizeof(key), "Page.%s.%d", list, n++);
		hdf_set_value(r->hdf, key, t);
	}
	free(copy);
}

/* How deep below its client a unit lies: 0 for the client itself. */
static int depth_of(const char *path)
{
	int n = 0;

	for (; *path; path++)
		n += *path == '/';
	return n > 2 ? n - 2 : 0;
}

/* The rows (id, name, path) of q as Page.<list>, then freed, each Depth
 * counted from the shallowest: the user's own top unit is not indented,
 * however deep in the client it lies. */
static void put_units(Request *r, const char *list, DBQuery *q)
{
	HDF *h;
	int n = 0, top = -1;

	while (db_next(q)) {
		int depth = depth_of(db_str(q, 2));
		h = page_item(r, list, n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Name", db_str(q, 1));
		hdf_set_int_value(h, "Depth", depth);
		top = top < 0 || depth < top ? depth : top;
	}
	db_end(&q);
	if (top > 0) {
		char key[96];
		snprintf(key, sizeof(key), "Page.%s", list);
		for (h = hdf_obj_child(hdf_get_obj(r->hdf, key)); h; h = hdf_obj_next(h))
			hdf_set_int_value(h, "Depth", hdf_get_int_value(h, "Depth", 0) - top);
	}
}

NEOERR *page_units(Request *r, const char *list, const char *perm)
{
	char *scope = acl_scope(r, perm);
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT o.id, o.name, o.path FROM org_units o"
			   " WHERE o.archived_at IS NULL AND" ACL_IN_SCOPE("o.path")
			   " AND o.kind <> 'agency' ORDER BY o.path LIMIT 500", "s", scope);
	free(scope);
	if (err)
		return nerr_pass(err);
	put_units(r, list, q);
	return STATUS_OK;
}

NEOERR *page_client_units(Request *r, const char *list, const char *perm, long long client_id)
{
	char *scope = acl_scope(r, perm);
	DBQuery *q;
	NEOERR *err;

	/* By the client's index: one client's units, never the tree's. */
	err = db_query(&q, "SELECT o.id, o.name, o.path FROM org_units o"
			   " WHERE o.client_id = ? AND o.archived_at IS NULL AND" ACL_IN_SCOPE("o.path")
			   " ORDER BY o.path LIMIT 500", "is", client_id, scope);
	free(scope);
	if (err)
		return nerr_pass(err);
	put_units(r, list, q);
	return STATUS_OK;
}

/* s escaped as ClearSilver's html escaping does (& < > " ' as entities,
 * carriage returns dropped), onto out. */
void page_html(STRING *out, const char *s)
{
	const char *run = s;

	for (; *s; s++) {
		const char *ent;
		switch (*s) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		case '\'': ent = "&#39;"; break;
		case '\r': ent = ""; break;
		default: continue;
		}
		if (s > run)
			string_appendn(out, run, (int)(s - run));
		string_append(out, ent);
		run = s + 1;
	}
	if (s > run)
		string_appendn(out, run, (int)(s - run));
}

/* Numbers and times written by hand: string_appendf (vsnprintf twice) was
 * a quarter of the page's time. */
void page_num(STRING *out, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	string_appendn(out, p, (int)(buf + sizeof(buf) - p));
}

long long page_pager(Request *r, long long total, long long page, long long size, const STRING *qs)
{
	long long pages = (total + size - 1) / size;
	HDF *h = NULL;

	if (pages < 1)
		pages = 1;
	if (page < 1)
		page = 1;
	if (page > pages)
		page = pages;
	if (hdf_get_node(r->hdf, "Page.Pager", &h) != STATUS_OK)
		abort();
	page_put_int(h, "Page", page);
	page_put_int(h, "Pages", pages);
	page_put_int(h, "Total", total);
	if (page > 1)
		page_put_int(h, "Prev", page - 1);
	if (page < pages)
		page_put_int(h, "Next", page + 1);
	hdf_set_value(h, "Query", qs->buf ? qs->buf : "");
	return page;
}

void page_months(const char *lang, const char *months[12])
{
	char key[32];

	for (int i = 0; i < 12; i++) {
		snprintf(key, sizeof(key), "Lang.Date.Month.%d", i + 1);
		months[i] = view_text(lang, key);
	}
}

void page_date(STRING *out, const char *const months[12], const char *iso)
{
	int m = 0;

	/* Digits where a date has them, or the text as it is, escaped. */
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? iso[i] != '-' : !isdigit((unsigned char)iso[i])) {
			page_html(out, iso);
			return;
		}
	if ((m = atoi(iso + 5)) < 1 || m > 12) {
		page_html(out, iso);
		return;
	}
	string_append(out, "<time datetime=\"");
	string_appendn(out, iso, 10);
	string_append(out, "\">");
	page_num(out, atoi(iso + 8));
	string_append(out, " ");
	page_html(out, months[m - 1]);
	string_append(out, " ");
	string_appendn(out, iso, 4);
	string_append(out, "</time>");
}
