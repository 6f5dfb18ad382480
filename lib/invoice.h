/* invoice.h: importing invoices and credit notes from the back-office (GET /v1/invoices) */
#ifndef PORTAL_INVOICE_H
#define PORTAL_INVOICE_H

#include <stdint.h>
#include <ClearSilver.h>

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
