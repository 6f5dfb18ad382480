/* sim.h: what the parts of the back-office simulator share */
#ifndef SIM_H
#define SIM_H

/* A position's hourly wage and bill rate in euro cents: the same every
 * time for the same name. */
long sim_wage_cents(const char *position);
long sim_rate_cents(const char *position);

/* A one-page PDF saying one line of text, in base64 (given, to free). */
char *sim_pdf_base64(const char *text);

/* POST /v1/contracts with its Idempotency-Key and JSON body: the status
 * and JSON to answer (given, to free). The same key gives the same answer
 * and never a second contract. */
void contracts_post(const char *key, const char *body, int *status, char **json);

/* GET /sim/contracts: how many contracts and requests there were. */
char *contracts_stats(void);

/* POST /v1/timesheets: an approved week (a version of a timesheet) → 202,
 * or 422 with the rules it breaks. The same key, the same answer. */
void timesheets_post(const char *key, const char *body, int *status, char **json);

/* GET /sim/timesheets: the versions taken, as they came. */
char *timesheets_stats(void);

/* The versions taken (202) in the order taken: how many, and the body of
 * the i-th as it came (lent, for the process's life). */
int timesheets_taken(void);
const char *timesheets_body(int i);

/* GET /v1/invoices with its query (client, since): the client's weeks
 * taken and not yet invoiced are invoiced first, then a page of its
 * invoices after the cursor is answered (given, to free). */
void invoices_get(const char *query, int *status, char **json);

/* POST /sim/invoices: an invoice or credit note a test puts in place →
 * 201 with its number, or 400. */
void invoices_post(const char *body, int *status, char **json);

/* GET /sim/invoices: how many invoices and GET /v1/invoices there were. */
char *invoices_stats(void);

/* POST /v1/erasure: a temp worker erased by the portal (worker.ref) → 202,
 * once per key (a repeated call is counted, not taken again). */
void erasure_post(const char *key, const char *body, int *status, char **json);

/* GET /sim/erasures: the erasures taken, with how often each key came. */
char *erasure_stats(void);

#endif
