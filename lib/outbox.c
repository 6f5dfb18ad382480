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
	RAND_bytes((unsigned char *)&r, sizeof(r));
	/* 50–100 % of the delay, so that a burst of failures spreads out. */
	d = d / 2 + (long)(r % (unsigned int)(d / 2 + 1));
	return d < 1 ? 1 : d;
}

NEOERR *outbox_claim(OutboxRow **rows, int *n, int max, int lease)
{
	DBQuery *q;
	NEOERR *err;
	OutboxRow *out;
	int i = 0;

	*rows = NULL;
	*n = 0;
	err = db_begin();
	if (err)
		return nerr_pass(err);
	/* A row left 'sending' by a worker that died is due again when its
	 * claim lapses. */
	err = db_query(&q,
		"SELECT id, kind, idempotency_key, payload, attempts FROM outbox"
		" WHERE state IN ('pending', 'retry', 'sending') AND next_attempt_at <= UTC_TIMESTAMP(3)"
		" ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED",
		"i", (long long)max);
	if (err) {
		db_rollback();
		return nerr_pass(err);
	}
	out = xcalloc((size_t)db_rows(q) + 1, sizeof(*out));
	while (db_next(q)) {
		out[i].id = db_int(q, 0);
		snprintf(out[i].kind, sizeof(out[i].kind), "%s", db_str(q, 1));
		snprintf(out[i].key, sizeof(out[i].key), "%s", db_str(q, 2));
		out[i].payload = xstrdup(db_str(q, 3));
		out[i].attempts = (int)db_int(q, 4) + 1;
		i++;
	}
	db_end(&q);
	for (int j = 0; j < i && !err; j++)
		err = db_exec(NULL,
			"UPDATE outbox SET state = 'sending', attempts = attempts + 1,"
			" next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND,"
			" updated_at = UTC_TIMESTAMP(3) WHERE id = ?",
			"ii", (long long)lease, out[j].id);
	if (!err)
		err = db_commit();
	if (err) {
		db_rollback();
		outbox_rows_free(out, i);
		return nerr_pass(err);
	}
	*rows = out;
	*n = i;
	return STATUS_OK;
}

void outbox_rows_free(OutboxRow *rows, int n)
{
	for (int i = 0; i < n; i++)
		free(rows[i].payload);
	free(rows);
}

NEOERR *outbox_done(const OutboxRow *row)
{
	return nerr_pass(db_exec(NULL,
		"UPDATE outbox SET state = 'done', sent_at = UTC_TIMESTAMP(3), last_error = NULL,"
		" updated_at = UTC_TIMESTAMP(3) WHERE id = ?", "i", row->id));
}

NEOERR *outbox_failed(const OutboxRow *row, const char *error, int permanent)
{
	char msg[1000];

	snprintf(msg, sizeof(msg), "%s", error);
	if (permanent || row->attempts >= conf_int("Outbox.MaxAttempts"))
		return nerr_pass(db_exec(NULL,
			"UPDATE outbox SET state = 'dead', last_error = ?, updated_at = UTC_TIMESTAMP(3)"
			" WHERE id = ?", "si", msg, row->id));
	return nerr_pass(db_exec(NULL,
		"UPDATE outbox SET state = 'retry', last_error = ?,"
		" next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND,"
		" updated_at = UTC_TIMESTAMP(3) WHERE id = ?",
		"sii", msg, (long long)outbox_backoff(row->attempts), row->id));
}
