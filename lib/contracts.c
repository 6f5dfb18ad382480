/* contracts.c: asking the back-office for the contract of a published shift, and keeping its answer */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "account.h"
#include "backoffice.h"
#include "conf.h"
#include "contracts.h"
#include "db.h"
#include "documents.h"
#include "log.h"
#include "tz.h"
#include "util.h"

NEOERR *contracts_request(long long shift_id)
{
	char key[96], *payload;
	json_t *j = NULL;
	DBQuery *q;
	NEOERR *err;
	long long version = 0;

	err = db_query(&q,
		"SELECT s.version, s.worker_user_id, CONCAT_WS(' ', u.first_name, u.last_name), c.id, c.name,"
		" s.position, DATE_FORMAT(s.starts_at, '%Y-%m-%dT%H:%i:%sZ'),"
		" DATE_FORMAT(s.ends_at, '%Y-%m-%dT%H:%i:%sZ'), s.break_minutes, o.name, s.state = 'cancelled'"
		" FROM shifts s JOIN users u ON u.id = s.worker_user_id JOIN org_units o ON o.id = s.unit_id"
		" JOIN clients c ON c.id = o.client_id WHERE s.id = ?", "i", shift_id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		char worker[32], client[32], shift[32];
		version = db_int(q, 0);
		snprintf(shift, sizeof(shift), "S%lld", shift_id);
		snprintf(worker, sizeof(worker), "W%lld", db_int(q, 1));
		snprintf(client, sizeof(client), "K%lld", db_int(q, 3));
		/* What the back-office needs, and no more: no BSN, no contact. */
		j = json_pack("{s:s, s:I, s:I, s:{s:s, s:I, s:{s:s, s:s}, s:{s:s, s:s, s:s}, s:s, s:s, s:s, s:I, s:b}}",
			      "path", "/v1/contracts", "shift", (json_int_t)shift_id, "version", (json_int_t)version,
			      "body", "shift", shift, "version", (json_int_t)version,
			      "worker", "ref", worker, "name", db_str(q, 2),
			      "client", "ref", client, "name", db_str(q, 4), "unit", db_str(q, 9),
			      "position", db_str(q, 5), "start", db_str(q, 6), "end", db_str(q, 7),
			      "break_minutes", (json_int_t)db_int(q, 8), "cancelled", (int)db_int(q, 10));
	}
	db_end(&q);
	if (!j)
		return nerr_raise(NERR_NOT_FOUND, "shift %lld has no worker to contract", shift_id);
	payload = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (!payload)
		return nerr_raise(NERR_NOMEM, "no memory for a contract request");
	snprintf(key, sizeof(key), "contract:%lld:%lld", shift_id, version);
	err = outbox_add("backoffice", key, payload, NULL);
	free(payload);
	return nerr_pass(err);
}

/* The shift the answer is for, locked, when it still waits for this
 * answer: published, at the version asked. */
typedef struct waiting {
	long long worker, unit, planner, version;
	char when[32];
	int ok;
} Waiting;

static NEOERR *lock_waiting(long long shift, long long version, Waiting *w)
{
	DBQuery *q;
	NEOERR *err;

	memset(w, 0, sizeof(*w));
	err = db_query(&q, "SELECT s.version, s.state, COALESCE(s.worker_user_id, 0), s.unit_id,"
			   " COALESCE(s.created_by, 0), UNIX_TIMESTAMP(s.starts_at), o.time_zone"
			   " FROM shifts s JOIN org_units o ON o.id = s.unit_id WHERE s.id = ? FOR UPDATE",
		       "i", shift);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		struct tm tm;
		w->version = db_int(q, 0);
		w->ok = w->version == version && !strcmp(db_str(q, 1), "published");
		w->worker = db_int(q, 2);
		w->unit = db_int(q, 3);
		w->planner = db_int(q, 4);
		/* The time as the people at the unit read it. */
		tz_local(tz_known(db_str(q, 6)) ? db_str(q, 6) : conf_str("Planning.TimeZone"),
			 (time_t)db_int(q, 5), &tm);
		strftime(w->when, sizeof(w->when), "%Y-%m-%d %H:%M", &tm);
	}
	db_end(&q);
	return STATUS_OK;
}

/* The contract's PDF into the documents store, once. */
static NEOERR *store_pdf(long long contract, const char *no, const Waiting *w, const char *b64)
{
	const char *problem = NULL;
	char title[300], name[300]; /* a number of 64 characters of up to 4 bytes */
	long long doc = 0;
	NEOERR *err;

	snprintf(title, sizeof(title), "Contract %s", no);
	snprintf(name, sizeof(name), "contract-%s.pdf", no);
	err = documents_add_base64("contract", title, name, w->unit, w->worker, b64, &doc, &problem);
	if (err)
		return nerr_pass(err);
	if (problem)
		return nerr_raise(NERR_ASSERT, "contract %s: the PDF was refused: %s", no, problem);
	return nerr_pass(db_exec(NULL, "UPDATE contracts SET document_id = ? WHERE id = ? AND document_id IS NULL",
				 "ii", doc, contract));
}

const char *contracts_answer(json_t *answer, ContractAnswer *a)
{
	double wage = 0, bill = 0, premium = 0;

	memset(a, 0, sizeof(*a));
	if (json_unpack(answer, "{s:s, s:F, s:F, s:F, s:{s:s}}", "contract_no", &a->no, "hourly_wage", &wage,
			"bill_rate", &bill, "premium_pct", &premium, "document", "content_base64", &a->pdf))
		return "incomplete";
	if (!util_utf8_ok(a->no, 0) || !*a->no || util_utf8_len(a->no) > 64)
		return "contract_no";
	/* What the columns hold (DECIMAL(8,2), DECIMAL(5,2)); NaN fails
	 * every comparison. */
	if (!(wage >= 0 && wage <= 999999.99) || !(bill >= 0 && bill <= 999999.99) ||
	    !(premium >= 0 && premium <= 999.99))
		return "amount";
	if (!*a->pdf)
		return "document";
	/* Money as decimal text: DECIMAL columns take it exactly. */
	snprintf(a->wage, sizeof(a->wage), "%.2f", wage);
	snprintf(a->bill, sizeof(a->bill), "%.2f", bill);
	snprintf(a->premium, sizeof(a->premium), "%.2f", premium);
	return NULL;
}

/* The back-office drew up the contract: the shift contracted and the
 * worker mailed in one transaction, then the PDF into the store. When
 * storing it failed (a full disk), the row is delivered again: the same
 * answer comes back, the shift is contracted by then, and the contract
 * that still has no document gets it now. */
static NEOERR *contracted(long long shift, long long version, json_t *answer)
{
	char key[96];
	long long id = 0, doc = 0;
	ContractAnswer c;
	const char *why;
	HDF *extra = NULL;
	DBQuery *q;
	Waiting w;
	NEOERR *err;

	if ((why = contracts_answer(answer, &c)) != NULL)
		return nerr_raise(NERR_PARSE, "the back-office's contract is wrong: %s", why);
	err = db_begin();
	if (!err)
		err = lock_waiting(shift, version, &w);
	/* Not waiting any more: contracted already (this is a repeat), or
	 * changed or cancelled since (a newer version asks again). */
	if (!err && w.ok)
		err = db_exec(NULL, "INSERT INTO contracts (shift_id, version, contract_no, hourly_wage, bill_rate,"
				    " premium_pct, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())"
				    " ON DUPLICATE KEY UPDATE id = id",
			      "iissss", shift, version, c.no, c.wage, c.bill, c.premium);
	if (!err)
		err = db_query(&q, "SELECT id, COALESCE(document_id, 0) FROM contracts"
				   " WHERE shift_id = ? AND version = ?", "ii", shift, version);
	if (!err) {
		if (db_next(q)) {
			id = db_int(q, 0);
			doc = db_int(q, 1);
		}
		db_end(&q);
	}
	if (!err && w.ok)
		err = db_exec(NULL, "UPDATE shifts SET state = 'contracted', contract_id = ?, violations = NULL"
				    " WHERE id = ?", "ii", id, shift);
	if (!err && w.ok) {
		hdf_init(&extra);
		hdf_set_value(extra, "When", w.when);
		hdf_set_value(extra, "Contract", c.no);
		hdf_set_value(extra, "Wage", c.wage);
		snprintf(key, sizeof(key), "mail:contract:%lld:%lld", shift, version);
		err = account_mail(w.worker, "ShiftContracted", key, extra);
		hdf_destroy(&extra);
	}
	err = db_finish(err);
	/* The contract stands; its PDF follows, once — for the shift as it
	 * is (a version changed since has its own contract, its worker may
	 * be another). */
	if (!err && id && !doc && w.version == version)
		err = store_pdf(id, c.no, &w, c.pdf);
	return nerr_pass(err);
}

static NEOERR *refused(long long shift, long long version, json_t *answer)
{
	json_t *list = json_object_get(answer, "violations");
	char key[96], *text, *url;
	HDF *extra = NULL;
	Waiting w;
	NEOERR *err;
	size_t i;
	json_t *v;

	if (!json_is_array(list))
		return nerr_raise(NERR_PARSE, "the back-office refused without saying why");
	text = json_dumps(list, JSON_COMPACT);
	err = db_begin();
	if (!err)
		err = lock_waiting(shift, version, &w);
	if (!err && !w.ok) {
		free(text);
		db_rollback();
		return STATUS_OK;
	}
	if (!err)
		err = db_exec(NULL, "UPDATE shifts SET state = 'refused', violations = ? WHERE id = ?", "si",
			      text, shift);
	free(text);
	if (!err && w.planner) {
		hdf_init(&extra);
		hdf_set_value(extra, "When", w.when);
		json_array_foreach(list, i, v) {
			char name[32];
			snprintf(name, sizeof(name), "Rules.%zu", i);
			hdf_set_value(extra, name, json_string_value(json_object_get(v, "rule")) ?
					      json_string_value(json_object_get(v, "rule")) : "");
		}
		url = conf_url("/planning/?unit=%lld", w.unit);
		hdf_set_value(extra, "URL", url);
		free(url);
		snprintf(key, sizeof(key), "mail:refused:%lld:%lld", shift, version);
		err = account_mail(w.planner, "ShiftRefused", key, extra);
		hdf_destroy(&extra);
	}
	return nerr_pass(db_finish(err));
}

NEOERR *contracts_deliver(const OutboxRow *row, int *permanent)
{
	json_error_t jerr;
	json_t *p = json_loads(row->payload, 0, &jerr), *answer = NULL;
	json_int_t shift = 0, version = 0;
	const char *path = NULL;
	char *body = NULL, *text = NULL;
	long status = 0;
	NEOERR *err;

	*permanent = 0;
	if (!p || json_unpack(p, "{s:s, s:I, s:I}", "path", &path, "shift", &shift, "version", &version) ||
	    !json_object_get(p, "body")) {
		json_decref(p);
		*permanent = 1;
		return nerr_raise(NERR_PARSE, "outbox %lld: not a back-office call", row->id);
	}
	body = json_dumps(json_object_get(p, "body"), JSON_COMPACT);
	err = backoffice_post(path, row->key, body, &status, &text);
	free(body);
	if (err) {
		json_decref(p);
		return nerr_pass(err);
	}
	if (status == 201 || status == 422)
		answer = json_loads(text, 0, &jerr);
	if (json_is_true(json_object_get(json_object_get(p, "body"), "cancelled")) && (status == 200 || status == 404)) {
		/* A cancellation taken, or of a contract never drawn up. */
		err = STATUS_OK;
	} else if ((status == 201 || status == 422) && !answer) {
		err = nerr_raise(NERR_PARSE, "back-office %ld: not JSON", status);
	} else if (status == 201) {
		err = contracted(shift, version, answer);
	} else if (status == 422) {
		err = refused(shift, version, answer);
	} else {
		/* No answer, or the back-office's trouble: again later. A
		 * refusal of the call itself (token, form) will not heal. */
		*permanent = status >= 400 && status < 500 && status != 408 && status != 429;
		err = nerr_raise(NERR_IO, "back-office %ld: %.300s", status, text);
	}
	json_decref(answer);
	json_decref(p);
	free(text);
	return nerr_pass(err);
}
