/* cache.c: a process's pages kept per data generation, least recently used out first */
#include <stdlib.h>
#include <string.h>

#include "acl.h"
#include "cache.h"
#include "conf.h"
#include "db.h"
#include "util.h"

#define ENTRIES 256

static struct entry {
	char *key, *data;
	size_t len;
	unsigned long long gen, used;
} entries[ENTRIES];
static size_t total;
static unsigned long long tick;

NEOERR *cache_clock(Request *r, const char *name, long long scope, unsigned long long *gen)
{
	size_t l = strlen(name);
	const char *p = r->clocks;
	char *v = NULL;
	NEOERR *err;

	/* "planning 7 12 vacancies 7 5": name, scope, generation */
	while (*p) {
		char *end;
		const char *sp = strchr(p, ' ');
		long long s;
		if (!sp)
			break;
		s = strtoll(sp + 1, &end, 10);
		if (*end != ' ')
			break;
		if ((size_t)(sp - p) == l && !strncmp(p, name, l) && s == scope) {
			*gen = strtoull(end + 1, NULL, 10);
			return STATUS_OK;
		}
		p = strchr(end + 1, ' ');
		if (!p)
			break;
		p++;
	}
	err = db_value(&v, "SELECT gen FROM clocks WHERE name = ? AND scope = ?", "si", name, scope);
	*gen = v ? strtoull(v, NULL, 10) : 0;
	free(v);
	return nerr_pass(err);
}

NEOERR *cache_clock_perm(Request *r, const char *name, const char *perm, unsigned long long *gen,
			 char scope[CACHE_SCOPE])
{
	long long seen[MAX_GRANTS];
	int n = 0, all = 0;
	size_t used = 0;
	NEOERR *err = STATUS_OK;

	*gen = 0;
	scope[0] = '\0';
	for (int i = 0; r->user && i < r->user->ngrants && !all; i++) {
		const Grant *g = &r->user->grants[i];
		int dup = 0;
		if (!acl_role_has(g->role, perm))
			continue;
		if (!g->client_id) {
			all = 1; /* the agency's root, or a unit of the agency */
			break;
		}
		for (int j = 0; j < n; j++)
			dup |= seen[j] == g->client_id;
		if (!dup)
			seen[n++] = g->client_id;
	}
	if (all) {
		char *v = NULL;
		snprintf(scope, CACHE_SCOPE, "*");
		err = db_value(&v, "SELECT COALESCE(SUM(gen), 0) FROM clocks WHERE name = ?", "s", name);
		*gen = v ? strtoull(v, NULL, 10) : 0;
		free(v);
		return nerr_pass(err);
	}
	for (int j = 0; j < n && !err; j++) {
		unsigned long long one = 0;
		err = cache_clock(r, name, seen[j], &one);
		*gen += one;
		/* MAX_GRANTS ids of at most 20 digits and a comma fit whole. */
		used += (size_t)snprintf(scope + used, CACHE_SCOPE - used, "%s%lld", j ? "," : "", seen[j]);
	}
	return nerr_pass(err);
}

int cache_on(void)
{
	return conf_int("Cache.Bytes") > 0;
}

static void drop(struct entry *e)
{
	total -= e->len;
	free(e->key);
	free(e->data);
	memset(e, 0, sizeof(*e));
}

const char *cache_get(const char *key, unsigned long long gen, size_t *len)
{
	for (int i = 0; i < ENTRIES; i++) {
		struct entry *e = &entries[i];
		if (!e->key || strcmp(e->key, key))
			continue;
		if (e->gen != gen) {
			drop(e);
			return NULL;
		}
		e->used = ++tick;
		*len = e->len;
		return e->data;
	}
	return NULL;
}

void cache_put(const char *key, unsigned long long gen, const char *data, size_t len)
{
	size_t limit = (size_t)conf_int("Cache.Bytes");
	struct entry *slot = NULL;

	if (len > limit / 4)
		return; /* a page that would crowd out the rest */
	for (int i = 0; i < ENTRIES; i++)
		if (entries[i].key && !strcmp(entries[i].key, key))
			drop(&entries[i]);
	for (;;) {
		struct entry *oldest = NULL;
		slot = NULL;
		for (int i = 0; i < ENTRIES; i++) {
			struct entry *e = &entries[i];
			if (!e->key && !slot)
				slot = e;
			else if (e->key && (!oldest || e->used < oldest->used))
				oldest = e;
		}
		if (slot && total + len <= limit)
			break;
		if (!oldest)
			return;
		drop(oldest);
	}
	slot->key = xstrdup(key);
	slot->data = xmalloc(len + 1);
	memcpy(slot->data, data, len);
	slot->data[len] = '\0';
	slot->len = len;
	slot->gen = gen;
	slot->used = ++tick;
	total += len;
}
