/* invoice.h: importing invoices and credit notes from the back-office (GET /v1/invoices) */
#ifndef PORTAL_INVOICE_H
#define PORTAL_INVOICE_H

#include <stdint.h>
#include <jansson.h>
#include <ClearSilver.h>

/* An invoice and a line of one as the back-office sends them; the
 * strings and the lines are lent from its JSON. */
typedef struct invoice {
	const char *number, *kind, *credits, *date, *from, *to;
	json_int_t amount, vat;
	json_t *lines;
} Invoice;
typedef struct invoice_line {
	const char *worker_ref, *unit_ref, *position, *from, *to;
	json_int_t minutes, rate, amount, vat;
} InvoiceLine;

/* Reads one invoice of the back-office's answer: NULL when it is whole,
 * of 1 to 10,000 lines each whole and within range (invoice_line_parse),
 * and its lines add up to it; else a static reason. */
const char *invoice_parse(json_t *in, Invoice *o);
/* One line: 1 when whole, its dates real days, its figures within range. */
int invoice_line_parse(json_t *l, InvoiceLine *o);

/* A client's invoices since its cursor, page after page: each imported
 * once (its lines, the reports' sums, its PDF), the cursor moved past a
 * page when all of it is in. Importing twice changes nothing. *imported
 * counts the invoices new here. */
NEOERR *invoice_pull(long long client, int *imported);

/* The same for the active clients after *after, in the order of their
 * ids, until util_mono_us() passes until_us: *after is the last client
 * pulled, or 0 when every client was. A client that fails is logged and
 * counted in *failed, and the others go on. */
NEOERR *invoice_pull_some(long long *after, int64_t until_us, int *imported, int *failed);

#endif
