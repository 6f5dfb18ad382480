/* cache.h: pages (or parts of one) kept by a process for as long as the data they show is unchanged — each entry under a key and the generation of the data it was made from (a row of the clocks table, sql/013, that triggers move on every change, read with the session before any data, so that what an entry shows is never older than its generation); bounded in bytes (Cache.Bytes), the least recently used entry goes first */
#ifndef PORTAL_CACHE_H
#define PORTAL_CACHE_H

#include <stddef.h>

#include "request.h"

/* The generation of a clock of the clocks table ("planning"): as the
 * session's statement read it, before anything else of the request; else
 * read now. 0 when there is none. */
NEOERR *cache_clock(Request *r, const char *name, unsigned long long *gen);

/* The entry under key made at generation gen, lent until the next
 * cache_put; NULL when there is none (or an older one). len: its size. */
const char *cache_get(const char *key, unsigned long long gen, size_t *len);

/* Keeps data (len bytes) under key for generation gen, when it fits in
 * Cache.Bytes; older entries make room. */
void cache_put(const char *key, unsigned long long gen, const char *data, size_t len);

#endif
