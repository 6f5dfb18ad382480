/* erasure.c: the simulator's erasures — a temp worker the portal erased (POST /v1/erasure), taken once per idempotency key, and listed for the tests */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "sim.h"
#include "util.h"

typedef struct erased {
	char key[200], ref[40];
	int times;                 /* calls with this key */
} Erased;

static Erased *erased;
static int nerased, cap;

void erasure_post(const char *key, const char *body, int *status, char **json)
{
	json_error_t jerr;
	json_t *in = json_loads(body, 0, &jerr);
	const char *ref = NULL;

	if (!in || json_unpack(in, "{s:{s:s}}", "worker", "ref", &ref) || !key || !*key ||
	    strlen(key) >= sizeof(erased[0].key) || strlen(ref) >= sizeof(erased[0].ref)) {
		json_decref(in);
		*status = 400;
		*json = xstrdup("{\"error\":\"an erasure needs worker.ref and an Idempotency-Key\"}");
		return;
	}
	for (int i = 0; i < nerased; i++)
		if (!strcmp(erased[i].key, key)) {
			erased[i].times++;
			json_decref(in);
			*status = 202;
			*json = xstrdup("{\"status\":\"accepted\"}");
			return;
		}
	if (nerased == cap) {
		cap = cap ? 2 * cap : 16;
		erased = xrealloc(erased, (size_t)cap * sizeof(*erased));
	}
	snprintf(erased[nerased].key, sizeof(erased[nerased].key), "%s", key);
	snprintf(erased[nerased].ref, sizeof(erased[nerased].ref), "%s", ref);
	erased[nerased].times = 1;
	nerased++;
	json_decref(in);
	*status = 202;
	*json = xstrdup("{\"status\":\"accepted\"}");
}

char *erasure_stats(void)
{
	json_t *o = json_object(), *list = json_array();
	char *out;

	for (int i = 0; i < nerased; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:i}", "key", erased[i].key, "ref", erased[i].ref,
						      "times", erased[i].times));
	json_object_set_new(o, "erasures", list);
	out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return out;
}
