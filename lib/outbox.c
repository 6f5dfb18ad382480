/* outbox.c: mail and back-office calls queued with the change that causes them, for portal-worker */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/rand.h>

#include "conf.h"
#include "db.h"
#include "mail.h"
#include "outbox.h"
#include "util.h"

NEOERR *outbox_add(const char *kind, const char *key, const char *payload, int *added)
{
	unsigned long long n = 0;
	NEOERR *err;

	err = db_exec(&n,
		"INSERT INTO outbox (kind, idempotency_key, payload, state, next_attempt_at,"
		" created_at, updated_at)"
		" VALUES (?, ?, ?, 'pending', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))"
		" ON DUPLICATE KEY UPDATE id = id",
		"sss", kind, key, payload);
	if (err)
		return nerr_pass(err);
	if (added)
		*added = n == 1;
	return STATUS_OK;
}

NEOERR *outbox_mail(const char *key, const char *to, const char *to_name, const char *subject,
		    const char *text, int *added)
{
	json_t *o;
	char *payload;
	NEOERR *err;

	if (!mail_address_ok(to) || !mail_header_ok(to_name) || !mail_header_ok(subject))
		return nerr_raise(NERR_ASSERT, "mail refused: control character in address or header");
	o = json_pack("{s:s, s:s, s:s, s:s}", "to", to, "to_name", to_name, "subject", subject,
		      "text", text);
	if (!o)
		return nerr_raise(NERR_ASSERT, "mail refused: not UTF-8");
	payload = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	err = outbox_add("mail", key, payload, added);
	free(payload);
	return nerr_pass(err);
}

long outbox_backoff(int attempts)
{
	long base = conf_int("Outbox.RetryBaseSeconds"), max = conf_int("Outbox.RetryMaxSeconds");
	long d = base;
	unsigned int r;

	for (int i = 1; i < attempts && d < max; i++)
		d *= 2;
	if (d > max)
		d = max;
	util_random((unsigned char *)&r, sizeof(r));
	/* 50–100 % of the delay, so that a burst of failures spreads out. */
	d = d / 2 + (long)(r % (unsigned int)(d / 2 + 1));
	return d < 1 ? 1 : d;
}

int outbox_lease(const char *kind)
{
	int timeout = conf_int(!strcmp(kind, "mail") ? "Mail.TimeoutSeconds" : "Backoffice.TimeoutSeconds");

	/* curl gives up after its timeout, and the connection's own limit
	 * (10 s) comes within it. */
	return timeout + conf_int("Outbox.LeaseMarginSeconds");
}

NEOERR *outbox_claim(OutboxRow *row, int *got)
{
	unsigned char raw[16];
	DBQuery *q;
	NEOERR *err;

	memset(row, 0, sizeof(*row));
	*got = 0;
	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return nerr_raise(NERR_SYSTEM, "no random bytes for an outbox claim");
	util_hex(raw, sizeof(raw), row->claim);
	err = db_begin();
	if (err)
		return nerr_pass(err);
	/* New rows first, then those to try again, then those left 'sending'
	 * by a worker that died (due when their lease lapses). One state at
	 * a time, read in the order of (state, next_attempt_at): exactly one
	 * row is read and locked — over all three states the server would
	 * sort them, and lock every due row while this claim is open, so
	 * that another worker found none. */
	for (int i = 0; i < 3 && !err && !row->id; i++) {
		static const char *const states[] = { "pending", "retry", "sending" };
		err = db_query(&q,
			"SELECT id, kind, idempotency_key, payload, attempts FROM outbox FORCE INDEX (outbox_due)"
			" WHERE state = ? AND next_attempt_at <= UTC_TIMESTAMP(3)"
			" ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", "s", states[i]);
		if (err)
			break;
		if (db_next(q)) {
			row->id = db_int(q, 0);
			snprintf(row->kind, sizeof(row->kind), "%s", db_str(q, 1));
			snprintf(row->key, sizeof(row->key), "%s", db_str(q, 2));
			row->payload = xstrdup(db_str(q, 3));
			row->attempts = (int)db_int(q, 4) + 1;
		}
		db_end(&q);
	}
	if (!err && row->id)
		err = db_exec(NULL,
			"UPDATE outbox SET state = 'sending', claim = ?, attempts = attempts + 1,"
			" next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND,"
			" updated_at = UTC_TIMESTAMP(3) WHERE id = ?",
			"sii", row->claim, (long long)outbox_lease(row->kind), row->id);
	err = db_finish(err);
	if (err) {
		outbox_row_clear(row);
		return nerr_pass(err);
	}
	*got = row->id != 0;
	return STATUS_OK;
}

void outbox_row_clear(OutboxRow *row)
{
	free(row->payload);
	memset(row, 0, sizeof(*row));
}

NEOERR *outbox_done(const OutboxRow *row, int *kept)
{
	unsigned long long n = 0;
	NEOERR *err = db_exec(&n,
		"UPDATE outbox SET state = 'done', claim = NULL, sent_at = UTC_TIMESTAMP(3),"
		" last_error = NULL, updated_at = UTC_TIMESTAMP(3) WHERE id = ? AND claim = ?",
		"is", row->id, row->claim);

	if (kept)
		*kept = !err && n == 1;
	return nerr_pass(err);
}

NEOERR *outbox_failed(const OutboxRow *row, const char *error, int permanent, int *kept)
{
	unsigned long long n = 0;
	char msg[1000];
	NEOERR *err;

	snprintf(msg, sizeof(msg), "%s", error);
	util_utf8_cap(msg, sizeof(msg));
	if (permanent || row->attempts >= conf_int("Outbox.MaxAttempts"))
		err = db_exec(&n,
			"UPDATE outbox SET state = 'dead', claim = NULL, last_error = ?,"
			" updated_at = UTC_TIMESTAMP(3) WHERE id = ? AND claim = ?",
			"sis", msg, row->id, row->claim);
	else
		err = db_exec(&n,
			"UPDATE outbox SET state = 'retry', claim = NULL, last_error = ?,"
			" next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND,"
			" updated_at = UTC_TIMESTAMP(3) WHERE id = ? AND claim = ?",
			"siis", msg, (long long)outbox_backoff(row->attempts), row->id, row->claim);
	if (kept)
		*kept = !err && n == 1;
	return nerr_pass(err);
}
