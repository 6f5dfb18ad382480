/* invoices.c: the simulator's invoices and credit notes, made when a client asks for them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>

#include "sim.h"
#include "util.h"

#define PAGE 50
#define PARAM_MAX 60
/* What a test may put on a line: enough for any week, and far from
 * overflowing the sums. */
#define MINUTES_MAX 10000000
#define CENTS_MAX 1000000000000LL
#define LINES_MAX 1000

/* An invoice or a credit note, as answered. */
typedef struct invoice {
	long long seq;
	char *client, *name; /* the client's ref, and what the PDF calls it */
	json_t *json;        /* the answer's object, document included */
} Invoice;

/* A version of a timesheet taken, as invoicing reads it. */
typedef struct version {
	json_t *body; /* the strings below are lent by it */
	const char *sheet, *client, *client_name, *worker, *worker_name, *unit_ref, *position;
	json_int_t version, minutes;
	char start[11], end[11]; /* its week, Monday to Sunday */
	int ok;                  /* has all an invoice line needs */
	int inv, line;           /* the invoice and line that bill it, or -1 */
	int credited;
} Version;

static Invoice *invoices;
static int ninvoices, icap, nf, nc, requests;
static long long seq;
static Version *versions;
static int nversions, vcap;

static void day_text(time_t t, char out[11])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* A calendar day, written YYYY-MM-DD (2026-02-30 is not one). */
static int parse_day(const char *s, time_t *t)
{
	struct tm tm;
	const char *end;
	char again[11];

	memset(&tm, 0, sizeof(tm));
	if (!s || strlen(s) != 10 || !(end = strptime(s, "%Y-%m-%d", &tm)) || *end)
		return 0;
	*t = timegm(&tm);
	day_text(*t, again);
	return !strcmp(again, s);
}

/* Rounded half away from zero, so that a negated amount rounds to the
 * negated integer. */
static json_int_t div_round(json_int_t n, json_int_t d)
{
	return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

static json_int_t amount_of(json_int_t minutes, json_int_t rate_cents)
{
	return div_round(minutes * rate_cents, 60);
}

static json_int_t vat_of(json_int_t amount_cents)
{
	return div_round(amount_cents * 21, 100);
}

static json_t *line_json(size_t no, const char *worker, const char *name, const char *unit_ref,
			 const char *position, const char *start, const char *end, json_int_t minutes,
			 json_int_t rate, json_int_t amount, json_int_t vat)
{
	return json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:{s:s, s:s}, s:I, s:I, s:I, s:I}", "line",
			 (json_int_t)no, "worker", "ref", worker, "name", name, "unit_ref", unit_ref, "position",
			 position, "period", "start", start, "end", end, "minutes", minutes, "rate_cents", rate,
			 "amount_cents", amount, "vat_cents", vat);
}

/* Numbers, the cursor's seq and the PDF for lines (taken); the index of
 * the new invoice. */
static int add_invoice(const char *client, const char *name, int credit, const char *credits,
		       const char *date, const char *start, const char *end, json_t *lines)
{
	json_int_t amount = 0, vat = 0, total;
	json_t *o = json_object(), *l;
	char number[16], text[256], *pdf;
	Invoice *inv;
	size_t i;

	json_array_foreach(lines, i, l) {
		amount += json_integer_value(json_object_get(l, "amount_cents"));
		vat += json_integer_value(json_object_get(l, "vat_cents"));
	}
	total = amount + vat;
	if (credit)
		snprintf(number, sizeof(number), "C%06d", ++nc);
	else
		snprintf(number, sizeof(number), "F%06d", ++nf);
	snprintf(text, sizeof(text), "Invoice %s - %.120s - EUR %s%lld.%02lld", number, name, total < 0 ? "-" : "",
		 (long long)llabs(total) / 100, (long long)llabs(total) % 100);
	pdf = sim_pdf_base64(text);
	json_object_set_new(o, "number", json_string(number));
	json_object_set_new(o, "kind", json_string(credit ? "credit" : "invoice"));
	if (credit && credits)
		json_object_set_new(o, "credits", json_string(credits));
	json_object_set_new(o, "date", json_string(date));
	json_object_set_new(o, "period", json_pack("{s:s, s:s}", "start", start, "end", end));
	json_object_set_new(o, "amount_cents", json_integer(amount));
	json_object_set_new(o, "vat_cents", json_integer(vat));
	json_object_set_new(o, "lines", lines);
	snprintf(text, sizeof(text), "%s.pdf", number);
	json_object_set_new(o, "document", json_pack("{s:s, s:s}", "filename", text, "content_base64", pdf));
	free(pdf);
	if (ninvoices == icap) {
		icap = icap ? icap * 2 : 64;
		invoices = xrealloc(invoices, (size_t)icap * sizeof(*invoices));
	}
	inv = &invoices[ninvoices];
	inv->seq = ++seq;
	inv->client = xstrdup(client);
	inv->name = xstrdup(name);
	inv->json = o;
	return ninvoices++;
}

/* The versions taken since the last look, read once. */
static void read_versions(void)
{
	int n = timesheets_taken();

	while (nversions < n) {
		json_error_t jerr;
		const char *week = NULL;
		Version *v;
		time_t t;
		struct tm tm;

		if (nversions == vcap) {
			vcap = vcap ? vcap * 2 : 64;
			versions = xrealloc(versions, (size_t)vcap * sizeof(*versions));
		}
		v = &versions[nversions];
		memset(v, 0, sizeof(*v));
		v->inv = v->line = -1;
		v->worker_name = v->client_name = "";
		v->body = json_loads(timesheets_body(nversions), 0, &jerr);
		nversions++;
		/* Without unit_ref (from portals before it), not invoiced. */
		if (!v->body ||
		    json_unpack(v->body, "{s:s, s:I, s:{s:s, s?s}, s:{s:s, s?s}, s:s, s:s, s:s, s:I}", "timesheet",
				&v->sheet, "version", &v->version, "worker", "ref", &v->worker, "name", &v->worker_name,
				"client", "ref", &v->client, "name", &v->client_name, "unit_ref", &v->unit_ref,
				"position", &v->position, "week", &week, "minutes", &v->minutes) ||
		    !parse_day(week, &t))
			continue;
		gmtime_r(&t, &tm);
		t -= ((tm.tm_wday + 6) % 7) * 86400;
		day_text(t, v->start);
		day_text(t + 6 * 86400, v->end);
		v->ok = 1;
	}
}

/* The newest of its timesheet's versions that can be invoiced? */
static int newest(int i)
{
	for (int j = 0; j < nversions; j++)
		if (versions[j].ok && !strcmp(versions[j].sheet, versions[i].sheet) &&
		    versions[j].version > versions[i].version)
			return 0;
	return 1;
}

/* The version of the same timesheet invoiced and not credited yet, or -1. */
static int billed(int i)
{
	for (int j = 0; j < nversions; j++)
		if (j != i && versions[j].inv >= 0 && !versions[j].credited &&
		    !strcmp(versions[j].sheet, versions[i].sheet))
			return j;
	return -1;
}

static int by_week(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;
	int c = strcmp(versions[i].start, versions[j].start);

	return c ? c : i - j;
}

/* Credit notes for what the versions w[0..n) replace: one per invoice
 * credited, dated the Sunday of their week. */
static void credit(const int *w, int n)
{
	int *prev = xmalloc((size_t)n * sizeof(int));

	for (int k = 0; k < n; k++)
		prev[k] = billed(w[k]);
	for (int k = 0; k < n; k++) {
		json_t *lines, *o;
		int x;

		if (prev[k] < 0)
			continue;
		x = versions[prev[k]].inv;
		lines = json_array();
		for (int m = k; m < n; m++) {
			json_t *l;

			if (prev[m] < 0 || versions[prev[m]].inv != x)
				continue;
			o = json_object_get(invoices[x].json, "lines");
			l = json_deep_copy(json_array_get(o, (size_t)versions[prev[m]].line));
			json_object_set_new(l, "line", json_integer((json_int_t)json_array_size(lines) + 1));
			json_object_set_new(l, "minutes", json_integer(-json_integer_value(json_object_get(l, "minutes"))));
			json_object_set_new(l, "amount_cents",
					    json_integer(-json_integer_value(json_object_get(l, "amount_cents"))));
			json_object_set_new(l, "vat_cents", json_integer(-json_integer_value(json_object_get(l, "vat_cents"))));
			json_array_append_new(lines, l);
			versions[prev[m]].credited = 1;
			prev[m] = -1;
		}
		o = json_object_get(invoices[x].json, "period");
		add_invoice(invoices[x].client, invoices[x].name, 1,
			    json_string_value(json_object_get(invoices[x].json, "number")), versions[w[0]].end,
			    json_string_value(json_object_get(o, "start")), json_string_value(json_object_get(o, "end")),
			    lines);
	}
	free(prev);
}

/* Every version of the client's timesheets not invoiced yet, the newest of
 * each: one invoice a week, after the credit notes for what it replaces. */
static void invoice_client(const char *client)
{
	int *w, n = 0;

	read_versions();
	w = xmalloc((size_t)nversions * sizeof(int) + 1);
	for (int i = 0; i < nversions; i++)
		if (versions[i].ok && versions[i].inv < 0 && !strcmp(versions[i].client, client) && newest(i))
			w[n++] = i;
	qsort(w, (size_t)n, sizeof(int), by_week);
	for (int a = 0, b; a < n; a = b) {
		const Version *last;
		json_t *lines = json_array();
		int x;

		for (b = a; b < n && !strcmp(versions[w[b]].start, versions[w[a]].start); b++)
			;
		credit(w + a, b - a);
		for (int k = a; k < b; k++) {
			const Version *v = &versions[w[k]];
			json_int_t rate = sim_rate_cents(v->position), amount = amount_of(v->minutes, rate);

			json_array_append_new(lines, line_json((size_t)(k - a + 1), v->worker, v->worker_name,
							       v->unit_ref, v->position, v->start, v->end,
							       v->minutes, rate, amount, vat_of(amount)));
		}
		last = &versions[w[b - 1]];
		x = add_invoice(client, *last->client_name ? last->client_name : client, 0, NULL, last->end,
				last->start, last->end, lines);
		for (int k = a; k < b; k++) {
			versions[w[k]].inv = x;
			versions[w[k]].line = k - a;
		}
	}
	free(w);
}

/* The value of name in the query into out: 1, 0 when absent, -1 when
 * longer than PARAM_MAX. */
static int param(const char *query, const char *name, char *out, size_t len)
{
	size_t nlen = strlen(name);

	out[0] = '\0';
	for (const char *p = query; *p; p += strcspn(p, "&"), p += *p == '&') {
		size_t vlen;

		if (strncmp(p, name, nlen) || (p[nlen] != '=' && p[nlen] != '&' && p[nlen]))
			continue;
		p += nlen + (p[nlen] == '=');
		vlen = strcspn(p, "&");
		if (vlen > PARAM_MAX || vlen >= len)
			return -1;
		memcpy(out, p, vlen);
		out[vlen] = '\0';
		return 1;
	}
	return 0;
}

static char *error_json(const char *message)
{
	json_t *o = json_pack("{s:s}", "error", message);
	char *text = json_dumps(o, JSON_COMPACT);

	json_decref(o);
	return text;
}

void invoices_get(const char *query, int *status, char **json)
{
	char client[PARAM_MAX + 1], since[PARAM_MAX + 1], next[24];
	const char *err = NULL;
	long long after = 0, last;
	int has_client, has_since, count = 0, more = 0;
	json_t *list, *out;

	requests++;
	has_client = param(query, "client", client, sizeof(client));
	has_since = param(query, "since", since, sizeof(since));
	if (!has_since)
		snprintf(since, sizeof(since), "0");
	if (has_client < 0 || has_since < 0)
		err = "client and since take at most 60 characters";
	else if (!has_client || !*client)
		err = "client is required";
	else if (!*since || strspn(since, "0123456789") != strlen(since) || strlen(since) > 18)
		err = "since is a cursor: the digits of a next";
	if (err) {
		*status = 400;
		*json = error_json(err);
		fprintf(stderr, "backoffice-sim: GET /v1/invoices client=%s since=%s count=0 status=400\n", client, since);
		return;
	}
	after = last = strtoll(since, NULL, 10);
	invoice_client(client);
	list = json_array();
	for (int i = 0; i < ninvoices; i++) {
		if (invoices[i].seq <= after || strcmp(invoices[i].client, client))
			continue;
		if (count == PAGE) {
			more = 1;
			break;
		}
		json_array_append(list, invoices[i].json);
		last = invoices[i].seq;
		count++;
	}
	snprintf(next, sizeof(next), "%lld", last);
	out = json_pack("{s:o, s:s, s:b}", "invoices", list, "next", next, "more", more);
	*status = 200;
	*json = json_dumps(out, JSON_COMPACT);
	json_decref(out);
	fprintf(stderr, "backoffice-sim: GET /v1/invoices client=%s since=%s count=%d\n", client, since, count);
}

/* The lines of a test's invoice, what they leave out computed as for a
 * week invoiced: NULL and *err when one is not a line. */
static json_t *read_lines(json_t *in, const char *start, const char *end, const char **err)
{
	json_t *lines = json_array(), *l;
	size_t i;

	json_array_foreach(in, i, l) {
		const char *worker = NULL, *name = "", *unit_ref = NULL, *position = NULL, *ls = start, *le = end;
		json_int_t minutes = 0, rate, amount, vat;
		json_t *r = json_object_get(l, "rate_cents"), *a = json_object_get(l, "amount_cents"),
		       *v = json_object_get(l, "vat_cents");
		time_t t;

		if (json_unpack(l, "{s:{s:s, s?s}, s:s, s:s, s?{s:s, s:s}, s:I}", "worker", "ref", &worker, "name",
				&name, "unit_ref", &unit_ref, "position", &position, "period", "start", &ls, "end",
				&le, "minutes", &minutes)) {
			*err = "a line needs worker.ref, unit_ref, position and minutes";
			break;
		}
		if ((r && !json_is_integer(r)) || (a && !json_is_integer(a)) || (v && !json_is_integer(v))) {
			*err = "rate_cents, amount_cents and vat_cents are integers";
			break;
		}
		if (!parse_day(ls, &t) || !parse_day(le, &t)) {
			*err = "a line's period is two days, YYYY-MM-DD";
			break;
		}
		rate = r ? json_integer_value(r) : sim_rate_cents(position);
		amount = a ? json_integer_value(a) : 0;
		vat = v ? json_integer_value(v) : 0;
		if (minutes < -MINUTES_MAX || minutes > MINUTES_MAX || rate < 0 || rate > CENTS_MAX / MINUTES_MAX ||
		    amount < -CENTS_MAX || amount > CENTS_MAX || vat < -CENTS_MAX || vat > CENTS_MAX) {
			*err = "a line's minutes or cents are out of range";
			break;
		}
		if (!a)
			amount = amount_of(minutes, rate);
		if (!v)
			vat = vat_of(amount);
		json_array_append_new(lines, line_json(i + 1, worker, name, unit_ref, position, ls, le, minutes, rate,
						       amount, vat));
	}
	if (*err) {
		json_decref(lines);
		return NULL;
	}
	return lines;
}

void invoices_post(const char *body, int *status, char **json)
{
	json_error_t jerr;
	json_t *in = json_loads(body, 0, &jerr), *lines_in = NULL, *lines = NULL;
	const char *client = NULL, *kind = "invoice", *credits = NULL, *date = NULL, *start = NULL, *end = NULL;
	const char *err = NULL;
	time_t t;
	int x;

	if (!in || json_unpack(in, "{s:s, s?s, s?s, s:s, s?{s:s, s:s}, s:o}", "client", &client, "kind", &kind,
			       "credits", &credits, "date", &date, "period", "start", &start, "end", &end, "lines",
			       &lines_in))
		err = "an invoice needs client, date and lines";
	else if (!*client || strlen(client) > PARAM_MAX)
		err = "client is 1 to 60 characters";
	else if (strcmp(kind, "invoice") && strcmp(kind, "credit"))
		err = "kind is invoice or credit";
	else if (credits && strcmp(kind, "credit"))
		err = "credits is for a credit note";
	else if (credits && strlen(credits) > PARAM_MAX)
		err = "credits is at most 60 characters";
	else if (!parse_day(date, &t) || (start && (!parse_day(start, &t) || !parse_day(end, &t))))
		err = "date and period are days, YYYY-MM-DD";
	else if (!json_is_array(lines_in) || !json_array_size(lines_in) || json_array_size(lines_in) > LINES_MAX)
		err = "lines: 1 to 1000 of them";
	else
		lines = read_lines(lines_in, start ? start : date, end ? end : date, &err);
	if (err) {
		json_decref(in);
		*status = 400;
		*json = error_json(err);
		return;
	}
	x = add_invoice(client, client, !strcmp(kind, "credit"), credits, date, start ? start : date,
			end ? end : date, lines);
	json_decref(in);
	*status = 201;
	*json = xasprintf("{\"number\":\"%s\"}", json_string_value(json_object_get(invoices[x].json, "number")));
}

char *invoices_stats(void)
{
	return xasprintf("{\"invoices\":%d,\"requests\":%d}", ninvoices, requests);
}
