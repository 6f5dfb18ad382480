/* pdf.c: PDF documents the portal writes (an access report, a signed agreement) with cairo and pango */
#include <string.h>
#include <time.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <fontconfig/fontconfig.h>

#include "pdf.h"
#include "util.h"

/* A4 in points, and the frame text stays in. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.0
#define BOTTOM (PAGE_H - MARGIN - 18.0) /* room for the page number */
#define LABEL_W 150.0
#define FONT "DejaVu Sans"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	STRING bytes;
	double y;               /* where the next line starts */
	int page;
	int oom;                /* the byte buffer could not grow */
};

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	Pdf *p = closure;
	NEOERR *err = string_appendn(&p->bytes, (const char *)data, (int)len);

	if (err) {
		nerr_ignore(&err);
		p->oom = 1;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout(Pdf *p, const char *text, double size, int bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	/* set_text, never set_markup: the text is data. */
	pango_layout_set_text(l, text, -1);
	return l;
}

static void footer(Pdf *p)
{
	char num[16];
	PangoLayout *l;

	snprintf(num, sizeof(num), "%d", p->page);
	l = layout(p, num, 8, 0, PAGE_W - 2 * MARGIN);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	cairo_move_to(p->cr, MARGIN, PAGE_H - MARGIN);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void new_page(Pdf *p)
{
	footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Draws a layout at x, line by line, turning the page where a line would
 * cross the bottom; p->y ends below its last line. */
static void draw(Pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);

	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		int base = pango_layout_iter_get_baseline(it);
		int top;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		top = logical.y;
		if (p->y + (double)logical.height / PANGO_SCALE > BOTTOM && p->y > MARGIN)
			new_page(p);
		cairo_move_to(p->cr, x, p->y + (double)(base - top) / PANGO_SCALE);
		pango_cairo_show_layout_line(p->cr, line);
		p->y += (double)logical.height / PANGO_SCALE;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

NEOERR *pdf_begin(Pdf **out, const char *title, const char *subtitle)
{
	Pdf *p = xcalloc(1, sizeof(*p));
	char now[32];
	time_t t = time(NULL);
	struct tm tm;
	PangoLayout *l;

	string_init(&p->bytes);
	p->surface = cairo_pdf_surface_create_for_stream(write_cb, p, PAGE_W, PAGE_H);
	if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
		NEOERR *err = nerr_raise(NERR_SYSTEM, "cairo: %s",
					 cairo_status_to_string(cairo_surface_status(p->surface)));
		cairo_surface_destroy(p->surface);
		string_clear(&p->bytes);
		free(p);
		return err;
	}
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, now);
	p->cr = cairo_create(p->surface);
	p->page = 1;
	p->y = MARGIN;
	l = layout(p, title, 18, 1, PAGE_W - 2 * MARGIN);
	draw(p, l, MARGIN);
	g_object_unref(l);
	if (subtitle && *subtitle) {
		p->y += 2;
		l = layout(p, subtitle, 9, 0, PAGE_W - 2 * MARGIN);
		cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
		draw(p, l, MARGIN);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		g_object_unref(l);
	}
	p->y += 10;
	*out = p;
	return STATUS_OK;
}

void pdf_heading(Pdf *p, const char *text)
{
	PangoLayout *l = layout(p, text, 13, 1, PAGE_W - 2 * MARGIN);
	PangoRectangle ext;

	/* A heading never stands alone at the foot of a page. */
	pango_layout_get_extents(l, NULL, &ext);
	if (p->y + 12 + (double)ext.height / PANGO_SCALE + 40 > BOTTOM)
		new_page(p);
	else
		p->y += 12;
	draw(p, l, MARGIN);
	g_object_unref(l);
	p->y += 4;
}

void pdf_text(Pdf *p, const char *text)
{
	PangoLayout *l = layout(p, text && *text ? text : "—", 10, 0, PAGE_W - 2 * MARGIN);

	pango_layout_set_spacing(l, 2 * PANGO_SCALE);
	draw(p, l, MARGIN);
	g_object_unref(l);
	p->y += 6;
}

void pdf_field(Pdf *p, const char *label, const char *value)
{
	PangoLayout *lab = layout(p, label, 10, 1, LABEL_W - 8);
	PangoLayout *val = layout(p, value && *value ? value : "—", 10, 0, PAGE_W - 2 * MARGIN - LABEL_W);
	PangoRectangle le, ve;
	double y0, h;

	pango_layout_get_extents(lab, NULL, &le);
	pango_layout_get_extents(val, NULL, &ve);
	h = (double)(le.height > ve.height ? le.height : ve.height) / PANGO_SCALE;
	if (h < (BOTTOM - MARGIN) / 2) {
		/* A short field stays whole on one page. */
		if (p->y + h > BOTTOM)
			new_page(p);
		y0 = p->y;
		draw(p, lab, MARGIN);
		p->y = y0;
		draw(p, val, MARGIN + LABEL_W);
		if (p->y < y0 + h)
			p->y = y0 + h;
	} else {
		/* A long one: its label, then the value over the pages. */
		draw(p, lab, MARGIN);
		draw(p, val, MARGIN + LABEL_W);
	}
	g_object_unref(lab);
	g_object_unref(val);
	p->y += 3;
}

void pdf_gap(Pdf *p)
{
	p->y += 8;
}

static void destroy(Pdf *p)
{
	cairo_destroy(p->cr);
	cairo_surface_destroy(p->surface);
	string_clear(&p->bytes);
	free(p);
}

NEOERR *pdf_finish(Pdf **pp, STRING *out)
{
	Pdf *p = *pp;
	cairo_status_t st;
	NEOERR *err = STATUS_OK;

	*pp = NULL;
	footer(p);
	cairo_show_page(p->cr);
	cairo_surface_finish(p->surface);
	st = cairo_surface_status(p->surface);
	if (p->oom || st != CAIRO_STATUS_SUCCESS)
		err = nerr_raise(NERR_SYSTEM, "cairo: %s", p->oom ? "out of memory" : cairo_status_to_string(st));
	else
		err = string_appendn(out, p->bytes.buf, p->bytes.len);
	destroy(p);
	return nerr_pass(err);
}

void pdf_abort(Pdf **pp)
{
	if (*pp)
		destroy(*pp);
	*pp = NULL;
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
