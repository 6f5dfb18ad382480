/* pdf.h: PDF documents the portal writes (an access report, a signed agreement) with cairo and pango */
#ifndef PORTAL_PDF_H
#define PORTAL_PDF_H

#include <ClearSilver.h>

/* A document being written: A4 pages, text laid out by pango (any script,
 * wrapped at the margins, a new page when one is full). Every text is
 * plain UTF-8, never markup: a name with '<' or '&' prints as it is. */
typedef struct pdf Pdf;

/* Starts a document with its title (the PDF's metadata and the first
 * heading) and a line under it (a date, a reference; NULL for none).
 * Gives *p. */
NEOERR *pdf_begin(Pdf **p, const char *title, const char *subtitle);

/* A section's heading. */
void pdf_heading(Pdf *p, const char *text);
/* A paragraph; blank lines in text separate paragraphs. */
void pdf_text(Pdf *p, const char *text);
/* A line of a list of facts: the label in bold in a column of its own,
 * the value wrapped beside it. A NULL or empty value prints "—". */
void pdf_field(Pdf *p, const char *label, const char *value);
/* A small gap, as between two records of a list. */
void pdf_gap(Pdf *p);

/* Ends the document and appends its bytes to out (a PDF holds NUL bytes:
 * use out->len). Frees *p and sets it to NULL in every case. */
NEOERR *pdf_finish(Pdf **p, STRING *out);

/* Frees an unfinished document; NULL is fine. */
void pdf_abort(Pdf **p);

/* Lets go of the fonts a process loaded for its PDFs (pango's font map,
 * cairo's caches, fontconfig's configuration): at its end, so that a leak
 * checker finds only what a request left behind. */
void pdf_shutdown(void);

#endif
