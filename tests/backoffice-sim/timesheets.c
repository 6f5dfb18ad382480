/* timesheets.c: the simulator's hours — approved weeks taken (202) and recorded per timesheet and version, one answer per idempotency key, and the rules that refuse a week */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "sim.h"
#include "util.h"

/* More than this in a week is refused (the portal flags 60 h; the
 * back-office refuses what no contract can pay). */
#define WEEK_REFUSE_MIN (70 * 60)

typedef struct held {
	char key[200], sheet[40];
	long long version, minutes;
	int status;
	char *json;                /* the answer */
	char *body;                /* the week as it came, for GET /sim/timesheets */
} Held;

static Held *held;
static int nheld, cap, requests;

static const Held *by_key(const char *key)
{
	for (int i = 0; i < nheld; i++)
		if (!strcmp(held[i].key, key))
			return &held[i];
	return NULL;
}

void timesheets_post(const char *key, const char *body, int *status, char **json)
{
	json_error_t jerr;
	json_t *in = json_loads(body, 0, &jerr), *entries, *list;
	const char *sheet = NULL;
	json_int_t version = 0, minutes = 0;
	const Held *seen;
	Held h;

	requests++;
	if (key && (seen = by_key(key)) != NULL) {
		json_decref(in);
		*status = seen->status;
		*json = xstrdup(seen->json);
		return;
	}
	if (!in || json_unpack(in, "{s:s, s:I, s:I, s:o}", "timesheet", &sheet, "version", &version, "minutes",
			       &minutes, "entries", &entries) ||
	    !json_is_array(entries) || !key || !*key || strlen(key) >= sizeof(h.key) || strlen(sheet) >= sizeof(h.sheet)) {
		json_decref(in);
		*status = 400;
		*json = xstrdup("{\"error\":\"hours need timesheet, version, minutes, entries and an Idempotency-Key\"}");
		return;
	}
	memset(&h, 0, sizeof(h));
	snprintf(h.key, sizeof(h.key), "%s", key);
	snprintf(h.sheet, sizeof(h.sheet), "%s", sheet);
	h.version = version;
	h.minutes = minutes;
	list = json_array();
	if (minutes > WEEK_REFUSE_MIN)
		json_array_append_new(list, json_pack("{s:s, s:s}", "rule", "max_week",
						      "message", "More than 70 hours in a week cannot be paid."));
	/* A version is newer than the ones taken before it. */
	for (int i = 0; i < nheld; i++)
		if (held[i].status == 202 && !strcmp(held[i].sheet, sheet) && held[i].version >= version)
			json_array_append_new(list, json_pack("{s:s, s:s}", "rule", "stale_version",
							      "message", "A newer version of these hours was taken already."));
	if (json_array_size(list)) {
		json_t *out = json_pack("{s:o}", "violations", list);
		h.status = 422;
		h.json = json_dumps(out, JSON_COMPACT);
		json_decref(out);
	} else {
		json_decref(list);
		h.status = 202;
		h.json = xstrdup("{\"status\":\"accepted\"}");
		h.body = json_dumps(in, JSON_COMPACT);
	}
	json_decref(in);
	if (nheld == cap) {
		cap = cap ? cap * 2 : 64;
		held = xrealloc(held, (size_t)cap * sizeof(*held));
	}
	held[nheld++] = h;
	*status = h.status;
	*json = xstrdup(h.json);
}

char *timesheets_stats(void)
{
	json_t *out = json_object(), *list = json_array();
	char *text;

	/* Every version taken, in the order taken. */
	for (int i = 0; i < nheld; i++) {
		json_error_t jerr;
		if (held[i].status != 202)
			continue;
		json_array_append_new(list, json_loads(held[i].body, 0, &jerr));
	}
	json_object_set_new(out, "requests", json_integer(requests));
	json_object_set_new(out, "timesheets", list);
	text = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	return text;
}

int timesheets_taken(void)
{
	int n = 0;

	for (int i = 0; i < nheld; i++)
		n += held[i].status == 202;
	return n;
}

const char *timesheets_body(int i)
{
	for (int k = 0; k < nheld; k++)
		if (held[k].status == 202 && i-- == 0)
			return held[k].body;
	return NULL;
}
