/* cache.h: pages (or parts of one) kept by a process while the data they show is unchanged */
#ifndef PORTAL_CACHE_H
#define PORTAL_CACHE_H

#include <stddef.h>

#include "request.h"

/* Each entry is kept under a key and the generation of the data it was
 * made from: a clock of the clocks table (sql/018) per client — "planning"
 * for what the planning pages show, "vacancies" for the vacancy pages —
 * that triggers move in the transaction of every change the client's
 * pages show. A clock is read before any data of the request (the clocks
 * of the user's own client come with the session's statement), so what an
 * entry shows is never older than its generation. Bounded in bytes
 * (Cache.Bytes); the least recently used entry goes first. */

/* The generation of clock name of one client (scope: its id; 0 for the
 * agency's own units): as the session's statement read it, else read
 * now. 0 when there is none. */
NEOERR *cache_clock(Request *r, const char *name, long long scope, unsigned long long *gen);

/* The generation of clock name over every client where the user holds
 * perm (a page that spans them: a list of all his vacancies): the sum of
 * theirs, which moves whenever one of them does (each only grows). A grant
 * on the agency's root spans every client. scope (CACHE_SCOPE bytes) gets
 * the set as text — "*" for every client, else their ids — for the key:
 * a generation is only comparable with one of the same set. */
#define CACHE_SCOPE (MAX_GRANTS * 21 + 2)
NEOERR *cache_clock_perm(Request *r, const char *name, const char *perm, unsigned long long *gen,
			 char scope[CACHE_SCOPE]);

/* Is anything kept at all (Cache.Bytes > 0)? When not, a page needs no
 * clock: nothing it makes outlives the request. */
int cache_on(void);

/* The entry under key made at generation gen, lent until the next
 * cache_put; NULL when there is none (or an older one). len: its size. */
const char *cache_get(const char *key, unsigned long long gen, size_t *len);

/* Keeps data (len bytes) under key for generation gen, when it fits in
 * Cache.Bytes; older entries make room. */
void cache_put(const char *key, unsigned long long gen, const char *data, size_t len);

#endif
