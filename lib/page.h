/* page.h: filling Page.* for a template — items of a list, values that may be missing, the units a user may choose */
#ifndef PORTAL_PAGE_H
#define PORTAL_PAGE_H

#include "request.h"

/* The next item of a list under Page (Page.<list>.<n>), lent. */
HDF *page_item(Request *r, const char *list, int n);
/* Sets name under node; a NULL value sets nothing. */
void page_put(HDF *node, const char *name, const char *value);
void page_put_int(HDF *node, const char *name, long long value);
/* Appends name=value, URL-escaped, to a query string; empty values are
 * left out. */
void page_query_add(STRING *qs, const char *name, const char *value);
/* One CSV field onto out: always quoted, quotes doubled, and a leading
 * = + - @ (or tab, CR) neutralised with a quote so that a spreadsheet
 * shows the text instead of running it as a formula; then a comma, or the
 * line's end when last. */
void page_csv_cell(STRING *out, const char *v, int last);
/* iCalendar (RFC 5545): text with backslash, semicolon, comma and
 * newline escaped and other control characters but tab left out; and a
 * content line onto out, folded at 75 octets, never inside a UTF-8
 * character, ending in CRLF. */
void page_ics_text(STRING *out, const char *s);
void page_ics_line(STRING *out, const char *line);
/* Page.<list>.<n>: the space-separated words of a list. */
void page_words(Request *r, const char *list, const char *words);
/* Page.<list>: the units (Id, Name, Depth) where the user holds perm, in
 * tree order, archived ones left out; each Depth counted from the
 * shallowest listed, so that the user's own top unit is not indented. */
NEOERR *page_units(Request *r, const char *list, const char *perm);
/* The same for one client's units (client_id: clients.id): what a page
 * about one client offers, however many clients the user's scope holds. */
NEOERR *page_client_units(Request *r, const char *list, const char *perm, long long client_id);

/* Page.Pager.*: the page shown of size rows each, how many there are, and
 * the query string of the filters for the links (the pager() of
 * admin/select.cs). Returns the page, moved into range. */
long long page_pager(Request *r, long long total, long long page, long long size, const STRING *qs);

/* HTML written in C for a page's many rows (grid.c, the timesheets
 * list): s escaped as ClearSilver's html escaping does (& < > " ' as
 * entities, carriage returns dropped), and a number, onto out. */
void page_html(STRING *out, const char *s);
void page_num(STRING *out, long long v);
/* The short names of the months in a language (Lang.Date.Month.1–12),
 * and a date of a list ("YYYY-MM-DD") with them as date.cs's date()
 * writes it: <time datetime="2026-11-30">30 nov 2026</time>. */
void page_months(const char *lang, const char *months[12]);
void page_date(STRING *out, const char *const months[12], const char *iso);

#endif
