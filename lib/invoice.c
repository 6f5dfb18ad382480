/* invoice.c: invoices and credit notes from the back-office — pulled per client from its cursor, each imported once with its lines and its PDF, the reports' sums in the same transaction */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "backoffice.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "invoice.h"
#include "log.h"
#include "param.h"
#include "report.h"
#include "util.h"

/* Pages of the back-office's answer asked for in one pull of a client:
 * a page is imported before the next is asked for. */
#define PAGES_PER_PULL 100
/* What an invoice may hold: far above any real one, and small enough
 * that no sum of its figures can overflow. */
#define LINES_MAX 10000
#define CENTS_MAX 10000000000000LL      /* 100 billion euro */
#define RATE_MAX 10000000LL             /* 100,000 euro an hour */
#define MINUTES_MAX 1000000LL

/* A date as the back-office writes one: YYYY-MM-DD, a real day. */
static int is_date(const char *v)
{
	static const Param date = { "date", P_DATE, 0, 0, 0, NULL };

	return v && !param_check(&date, v);
}

static int within(json_int_t v, long long max)
{
	return v >= -max && v <= max;
}

/* The id in a reference of the back-office ("U12" for unit 12), or 0. */
static long long ref_id(const char *ref, char letter)
{
	char *end;
	long long id;

	if (!ref || ref[0] != letter || ref[1] < '1' || ref[1] > '9')
		return 0;
	id = strtoll(ref + 1, &end, 10);
	return *end || id <= 0 ? 0 : id;
}

int invoice_line_parse(json_t *l, InvoiceLine *o)
{
	memset(o, 0, sizeof(*o));
	return !json_unpack(l, "{s?{s?s}, s:s, s:s, s:{s:s, s:s}, s:I, s:I, s:I, s:I}", "worker", "ref", &o->worker_ref,
			    "unit_ref", &o->unit_ref, "position", &o->position, "period", "start", &o->from, "end",
			    &o->to, "minutes", &o->minutes, "rate_cents", &o->rate, "amount_cents", &o->amount,
			    "vat_cents", &o->vat) &&
	       util_utf8_ok(o->position, 0) && util_utf8_len(o->position) <= 200 && within(o->minutes, MINUTES_MAX) &&
	       o->rate >= 0 && o->rate <= RATE_MAX && within(o->amount, CENTS_MAX) && within(o->vat, CENTS_MAX) &&
	       is_date(o->from) && is_date(o->to);
}

const char *invoice_parse(json_t *in, Invoice *o)
{
	json_int_t sum_amount = 0, sum_vat = 0;
	InvoiceLine line;
	json_t *l;
	size_t i;

	memset(o, 0, sizeof(*o));
	o->kind = "invoice";
	if (json_unpack(in, "{s:s, s?s, s?s, s:s, s:{s:s, s:s}, s:I, s:I, s:o}", "number", &o->number, "kind",
			&o->kind, "credits", &o->credits, "date", &o->date, "period", "start", &o->from, "end", &o->to,
			"amount_cents", &o->amount, "vat_cents", &o->vat, "lines", &o->lines) ||
	    !json_is_array(o->lines) || !json_array_size(o->lines) || json_array_size(o->lines) > LINES_MAX ||
	    !*o->number || strlen(o->number) > 64 || !util_utf8_ok(o->number, 0) ||
	    (strcmp(o->kind, "invoice") && strcmp(o->kind, "credit")) ||
	    (o->credits && (strlen(o->credits) > 64 || !util_utf8_ok(o->credits, 0))) || !is_date(o->date) ||
	    !is_date(o->from) || !is_date(o->to) || !within(o->amount, CENTS_MAX * LINES_MAX) ||
	    !within(o->vat, CENTS_MAX * LINES_MAX))
		return "it is incomplete or out of range";
	/* Each line is bounded: the sums cannot overflow. */
	json_array_foreach(o->lines, i, l) {
		if (!invoice_line_parse(l, &line))
			return "a line is incomplete or out of range";
		sum_amount += line.amount;
		sum_vat += line.vat;
	}
	return sum_amount == o->amount && sum_vat == o->vat ? NULL : "its lines do not add up to it";
}

/* One line: its unit must be the client's, its worker one of ours (or
 * none: a worker the back-office knows and the portal does not). */
static NEOERR *add_line(long long client, long long invoice, const char *date, json_t *l, int no)
{
	InvoiceLine o;
	long long unit, worker;
	char *v = NULL;
	NEOERR *err;

	if (!invoice_line_parse(l, &o))
		return nerr_raise(NERR_PARSE, "line %d is incomplete or out of range", no);
	unit = ref_id(o.unit_ref, 'U');
	err = db_value(&v, "SELECT 1 FROM org_units WHERE id = ? AND client_id = ?", "ii", unit, client);
	if (err)
		return nerr_pass(err);
	if (!v)
		return nerr_raise(NERR_PARSE, "line %d: unit %.40s is not the client's", no, o.unit_ref);
	free(v);
	/* A worker the portal knows at this client (his hours or his pool
	 * there); another worker's name is not shown to this client. */
	worker = ref_id(o.worker_ref, 'W');
	v = NULL;
	if (worker && (err = db_value(&v, "SELECT 1 FROM users w WHERE w.id = ? AND w.kind = 'worker' AND"
					  " (EXISTS (SELECT 1 FROM timesheets t JOIN org_units o ON o.id = t.unit_id"
					  "   WHERE t.worker_user_id = w.id AND o.client_id = ?)"
					  "  OR EXISTS (SELECT 1 FROM pool p JOIN org_units o ON o.id = p.unit_id"
					  "   WHERE p.worker_user_id = w.id AND o.client_id = ?))",
				      "iii", worker, client, client)))
		return nerr_pass(err);
	if (!v)
		worker = 0;
	free(v);
	err = db_exec(NULL, "INSERT INTO invoice_lines (invoice_id, line_no, unit_id, invoice_date, worker_user_id,"
			    " position, period_start, period_end, minutes, rate_cents, amount_cents, vat_cents)"
			    " VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?)",
		      "iiisisssiiii", invoice, (long long)no, unit, date, worker, o.position, o.from, o.to,
		      (long long)o.minutes, (long long)o.rate, (long long)o.amount, (long long)o.vat);
	if (!err)
		err = report_invoice_line(unit, date, o.position, o.minutes, o.amount, o.vat);
	return nerr_pass(err);
}

/* The invoice, its lines and the reports' sums in one transaction; the
 * lines must add up to the invoice. *id is the invoice's, new or found;
 * *fresh says whether it is new. */
static NEOERR *add_invoice(long long client, json_t *in, long long *id, int *fresh)
{
	char *found = NULL;
	const char *why;
	Invoice o;
	json_t *l;
	size_t i;
	NEOERR *err;

	*id = 0;
	*fresh = 0;
	if ((why = invoice_parse(in, &o)) != NULL)
		return nerr_raise(NERR_PARSE, "invoice %s: %s",
				  o.number && strlen(o.number) <= 64 && util_utf8_ok(o.number, 0) ? o.number : "?", why);
	err = db_value(&found, "SELECT id FROM invoices WHERE client_id = ? AND number = ?", "is", client, o.number);
	if (err || found) {
		*id = found ? atoll(found) : 0;
		free(found);
		return nerr_pass(err);
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO invoices (client_id, number, kind, credits, invoice_date, period_start,"
				    " period_end, amount_cents, vat_cents, imported_at)"
				    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
			      "issssssii", client, o.number, o.kind, o.credits, o.date, o.from, o.to,
			      (long long)o.amount, (long long)o.vat);
	if (!err)
		err = db_value(&found, "SELECT LAST_INSERT_ID()", NULL);
	if (!err)
		*id = atoll(found);
	free(found);
	json_array_foreach(o.lines, i, l) {
		if (err)
			break;
		err = add_line(client, *id, o.date, l, (int)i + 1);
	}
	/* Another worker imported it meanwhile: it is there once. */
	if (db_duplicate(err)) {
		nerr_ignore(&err);
		db_rollback();
		*id = 0;
		return STATUS_OK;
	}
	err = db_finish(err);
	if (err) {
		*id = 0;
		return nerr_pass(err);
	}
	*fresh = 1;
	return STATUS_OK;
}

/* The PDF of an invoice that has none yet, into the documents store at
 * the client's root. */
static NEOERR *add_pdf(long long client, long long id, json_t *in)
{
	const char *number = json_string_value(json_object_get(in, "number"));
	const char *b64 = json_string_value(json_object_get(json_object_get(in, "document"), "content_base64"));
	const char *problem = NULL;
	char title[128], name[128], *root = NULL;
	long long doc = 0;
	NEOERR *err;

	unsigned long long claimed = 0;

	/* Claimed first: two workers importing the client at once store it
	 * once. A claim of a worker that died lapses after ten minutes. */
	if (!b64 || !*b64)
		return STATUS_OK;
	err = db_exec(&claimed, "UPDATE invoices SET pdf_claimed_at = UTC_TIMESTAMP() WHERE id = ? AND document_id IS NULL"
				" AND (pdf_claimed_at IS NULL OR pdf_claimed_at < UTC_TIMESTAMP() - INTERVAL 10 MINUTE)",
		      "i", id);
	if (err || !claimed)
		return nerr_pass(err);
	err = db_value(&root, "SELECT unit_id FROM clients WHERE id = ?", "i", client);
	if (err || !root) {
		free(root);
		return err ? nerr_pass(err) : nerr_raise(NERR_NOT_FOUND, "client %lld", client);
	}
	snprintf(title, sizeof(title), "%s %s", json_string_value(json_object_get(in, "kind")) &&
		 !strcmp(json_string_value(json_object_get(in, "kind")), "credit") ? "Credit note" : "Invoice",
		 number);
	snprintf(name, sizeof(name), "invoice-%s.pdf", number);
	err = documents_add_base64("invoice", title, name, atoll(root), 0, b64, &doc, &problem);
	free(root);
	if (err)
		return nerr_pass(err);
	if (problem)
		return nerr_raise(NERR_PARSE, "invoice %s: the PDF was refused: %s", number, problem);
	return nerr_pass(db_exec(NULL, "UPDATE invoices SET document_id = ?, pdf_claimed_at = NULL WHERE id = ?",
				 "ii", doc, id));
}

/* An invoice the import cannot take: kept aside with why (logged once,
 * and shown with the client's imports), so that the client's later
 * invoices come in. */
static NEOERR *reject(long long client, json_t *in, NEOERR *why)
{
	const char *number = json_string_value(json_object_get(in, "number"));
	char msg[500], ref[32];
	NEOERR *err;

	util_nerr_msg(why, msg, sizeof(msg));
	nerr_ignore(&why);
	util_utf8_cap(msg, 500);
	snprintf(ref, sizeof(ref), "client-%lld", client);
	log_msg("warn", ref, "invoice refused: %s", msg);
	err = db_exec(NULL, "INSERT INTO invoice_rejects (client_id, number, reason, seen_at) VALUES (?, ?, ?,"
			    " UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE reason = VALUES(reason), seen_at = VALUES(seen_at)",
		      "iss", client, number && *number && strlen(number) <= 64 ? number : "?", msg);
	return nerr_pass(err);
}

NEOERR *invoice_pull(long long client, int *imported)
{
	char cursor[80] = "0", path[256], *at = NULL;
	NEOERR *err;

	*imported = 0;
	err = db_value(&at, "SELECT since FROM invoice_cursors WHERE client_id = ?", "i", client);
	if (err)
		return nerr_pass(err);
	if (at)
		snprintf(cursor, sizeof(cursor), "%s", at);
	free(at);
	for (int page = 0; page < PAGES_PER_PULL; page++) {
		json_error_t jerr;
		json_t *answer, *list, *in;
		const char *next;
		char *text = NULL;
		long status = 0;
		size_t i;
		int more, moved;

		/* The cursor is the back-office's, as it gave it: only its
		 * characters that need no escaping go into the query. */
		if (!util_word(cursor, 1, 64))
			return nerr_raise(NERR_PARSE, "client %lld: the back-office's cursor is not a word", client);
		snprintf(path, sizeof(path), "/v1/invoices?client=K%lld&since=%s", client, cursor);
		err = backoffice_get(path, &status, &text);
		if (err)
			return nerr_pass(err);
		answer = status == 200 ? json_loads(text, 0, &jerr) : NULL;
		if (!answer) {
			err = nerr_raise(NERR_IO, "GET /v1/invoices for client %lld: %ld %.200s", client, status,
					 text ? text : "");
			free(text);
			return err;
		}
		free(text);
		list = json_object_get(answer, "invoices");
		next = json_string_value(json_object_get(answer, "next"));
		more = json_is_true(json_object_get(answer, "more"));
		if (!json_is_array(list) || !next) {
			json_decref(answer);
			return nerr_raise(NERR_PARSE, "client %lld: the invoices answer has no invoices or next", client);
		}
		if (!util_word(next, 1, 64)) {
			json_decref(answer);
			return nerr_raise(NERR_PARSE, "client %lld: the back-office's next cursor is not a word", client);
		}
		json_array_foreach(list, i, in) {
			long long id;
			int fresh;
			err = add_invoice(client, in, &id, &fresh);
			if (!err && id)
				err = add_pdf(client, id, in);
			if (err && nerr_match(err, NERR_PARSE)) {
				/* Wrong as it is: set aside with why, and the next. */
				err = reject(client, in, err);
			}
			if (err) {
				/* The cursor stays before it: the next pull tries it again. */
				json_decref(answer);
				return nerr_pass(err);
			}
			*imported += fresh;
		}
		/* Past this page only once all of it is in. */
		moved = strcmp(next, cursor) != 0;
		if (moved) {
			snprintf(cursor, sizeof(cursor), "%s", next);
			err = db_exec(NULL, "INSERT INTO invoice_cursors (client_id, since, pulled_at)"
					    " VALUES (?, ?, UTC_TIMESTAMP()) ON DUPLICATE KEY UPDATE"
					    " since = VALUES(since), pulled_at = VALUES(pulled_at)",
				      "is", client, cursor);
		}
		json_decref(answer);
		/* A back-office that says "more" and moves nowhere: stop. */
		if (err || !more || !moved)
			break;
	}
	return nerr_pass(err);
}

NEOERR *invoice_pull_some(long long *after, int64_t until_us, int *imported, int *failed)
{
	long long ids[64];
	NEOERR *err = STATUS_OK;

	*imported = 0;
	*failed = 0;
	/* In pages of clients, until the time is up; a client whose import
	 * fails does not stop the others'. */
	for (;;) {
		DBQuery *q;
		int n = 0;
		err = db_query(&q, "SELECT id FROM clients WHERE status = 'active' AND id > ? ORDER BY id LIMIT 64",
			       "i", *after);
		if (err)
			return nerr_pass(err);
		while (db_next(q) && n < 64)
			ids[n++] = db_int(q, 0);
		db_end(&q);
		for (int i = 0; i < n; i++) {
			int got = 0;
			char ref[32];
			err = invoice_pull(ids[i], &got);
			*imported += got;
			*after = ids[i];
			if (err) {
				snprintf(ref, sizeof(ref), "client-%lld", ids[i]);
				log_nerr(ref, err);
				nerr_ignore(&err);
				(*failed)++;
			}
			if (util_mono_us() >= until_us && (i + 1 < n || n == 64))
				return STATUS_OK;
		}
		if (n < 64)
			break;
	}
	*after = 0;
	return STATUS_OK;
}
