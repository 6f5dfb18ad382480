/* sim.h: what the parts of the back-office simulator share */
#ifndef SIM_H
#define SIM_H

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

#endif
