/* health.c: how the portal is doing — database, outbox, store, certificate — against the thresholds of Monitor.*, for /healthz, /metrics, portalctl status and the worker's alert mails */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "conf.h"
#include "db.h"
#include "health.h"
#include "log.h"
#include "mail.h"
#include "util.h"
#include "view.h"

/* The kinds of problem, in the order they are told. */
static const char *const kinds[] = { "database", "outbox_backlog", "outbox_age", "dead_letters", "disk",
				     "certificate" };

static void problem(Health *h, const char *kind)
{
	size_t n = strlen(h->problems);
	snprintf(h->problems + n, sizeof(h->problems) - n, "%s%s", n ? " " : "", kind);
}

int health_has(const Health *h, const char *kind)
{
	size_t l = strlen(kind);
	for (const char *p = h->problems; (p = strstr(p, kind)) != NULL; p += l)
		if ((p == h->problems || p[-1] == ' ') && (p[l] == ' ' || !p[l]))
			return 1;
	return 0;
}

/* Days until the certificate's notAfter; -1 when none is configured, -2
 * when it cannot be read. Read again at most every ten minutes. */
static int cert_days(void)
{
	static time_t read_at;
	static int days = -1;
	const char *path = conf_str("Monitor.Certificate");
	time_t now = time(NULL);
	FILE *f;
	X509 *x;

	if (!*path)
		return -1;
	if (read_at && now - read_at < 600)
		return days;
	read_at = now;
	days = -2;
	f = fopen(path, "r");
	if (!f)
		return days;
	x = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (x) {
		int d = 0, s = 0;
		if (ASN1_TIME_diff(&d, &s, NULL, X509_get0_notAfter(x)))
			days = d < 0 || s < 0 ? 0 : d; /* expired: no day left */
		X509_free(x);
	}
	return days;
}

void health_read(Health *h)
{
	DBQuery *q = NULL;
	struct statvfs vfs;
	NEOERR *err;

	memset(h, 0, sizeof(*h));
	h->backlog = h->oldest_seconds = h->dead = h->store_free_mb = -1;
	h->store_free_percent = -1;
	err = db_connect();
	if (!err)
		err = db_query(&q,
			"SELECT COUNT(*),"
			" COALESCE(TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP()), 0),"
			" (SELECT COUNT(*) FROM outbox WHERE state = 'dead')"
			" FROM outbox WHERE state IN ('pending', 'retry', 'sending')", NULL);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		problem(h, "database");
	} else {
		h->database = 1;
		if (db_next(q)) {
			h->backlog = db_int(q, 0);
			h->oldest_seconds = db_int(q, 1);
			h->dead = db_int(q, 2);
		}
		db_end(&q);
		if (h->backlog >= conf_int("Monitor.OutboxBacklog"))
			problem(h, "outbox_backlog");
		if (h->oldest_seconds >= 60LL * conf_int("Monitor.OutboxAgeMinutes"))
			problem(h, "outbox_age");
		if (h->dead >= conf_int("Monitor.DeadLetters"))
			problem(h, "dead_letters");
	}
	if (statvfs(conf_str("Paths.Files"), &vfs) == 0 && vfs.f_blocks) {
		h->store_free_mb = (long long)((unsigned long long)vfs.f_bavail * vfs.f_frsize >> 20);
		h->store_free_percent = (int)(100ULL * vfs.f_bavail / vfs.f_blocks);
	}
	if (h->store_free_percent < conf_int("Monitor.DiskFreePercent"))
		problem(h, "disk");
	h->cert_days = cert_days();
	if (h->cert_days == -2 || (h->cert_days >= 0 && h->cert_days < conf_int("Monitor.CertificateDays")))
		problem(h, "certificate");
}

json_t *health_json(const Health *h, int detail)
{
	json_t *o = json_object(), *list = json_array();

	json_object_set_new(o, "status", json_string(!h->database ? "unavailable" : *h->problems ? "warning" : "ok"));
	json_object_set_new(o, "database", json_string(h->database ? "up" : "down"));
	if (!detail) {
		json_decref(list);
		return o;
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (health_has(h, kinds[i]))
			json_array_append_new(list, json_string(kinds[i]));
	json_object_set_new(o, "problems", list);
	if (h->database)
		json_object_set_new(o, "outbox", json_pack("{sI sI sI}", "backlog", (json_int_t)h->backlog,
							    "oldest_age_seconds", (json_int_t)h->oldest_seconds,
							    "dead", (json_int_t)h->dead));
	json_object_set_new(o, "store", json_pack("{sI si}", "free_mb", (json_int_t)h->store_free_mb,
						  "free_percent", h->store_free_percent));
	if (h->cert_days != -1)
		json_object_set_new(o, "certificate", h->cert_days >= 0 ? json_pack("{si}", "days_left", h->cert_days)
								       : json_pack("{ss}", "error", "unreadable"));
	return o;
}

void health_metrics(const Health *h, STRING *out)
{
	static const struct {
		const char *name, *help;
	} m[] = {
		{ "flexportal_database_up", "1 when the database answered" },
		{ "flexportal_outbox_backlog", "Outbox rows waiting to be delivered" },
		{ "flexportal_outbox_oldest_age_seconds", "How long the oldest waiting outbox row has waited" },
		{ "flexportal_outbox_dead", "Outbox rows given up on (dead letters)" },
		{ "flexportal_store_free_bytes", "Free space of the document store" },
		{ "flexportal_store_free_ratio", "Free part of the document store's file system" },
		{ "flexportal_certificate_days_left", "Days until the TLS certificate expires" },
	};
	double v[7] = { h->database, (double)h->backlog, (double)h->oldest_seconds, (double)h->dead,
			(double)h->store_free_mb * 1048576.0, h->store_free_percent / 100.0, h->cert_days };

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		if (v[i] < 0 || (i >= 1 && i <= 3 && !h->database))
			continue; /* not read: no sample, rather than a false one */
		string_appendf(out, "# HELP %s %s\n# TYPE %s gauge\n%s %.15g\n", m[i].name, m[i].help, m[i].name,
			       m[i].name, v[i]);
	}
	string_appendf(out, "# HELP flexportal_problem 1 for each threshold of Monitor.* crossed\n"
			    "# TYPE flexportal_problem gauge\n");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		string_appendf(out, "flexportal_problem{kind=\"%s\"} %d\n", kinds[i], health_has(h, kinds[i]));
}

void health_text(const Health *h, STRING *out)
{
	string_appendf(out, "status       %s\n", !h->database ? "UNAVAILABLE" : *h->problems ? "WARNING" : "ok");
	string_appendf(out, "database     %s\n", h->database ? "up" : "DOWN");
	if (h->database)
		string_appendf(out, "outbox       %lld waiting, the oldest %lld s; %lld dead%s%s%s\n", h->backlog,
			       h->oldest_seconds, h->dead, health_has(h, "outbox_backlog") ? "  BACKLOG" : "",
			       health_has(h, "outbox_age") ? "  TOO OLD" : "",
			       health_has(h, "dead_letters") ? "  DEAD LETTERS" : "");
	string_appendf(out, "store        %s: %lld MiB free (%d %%)%s\n", conf_str("Paths.Files"), h->store_free_mb,
		       h->store_free_percent, health_has(h, "disk") ? "  LOW" : "");
	if (h->cert_days == -2)
		string_appendf(out, "certificate  %s: UNREADABLE\n", conf_str("Monitor.Certificate"));
	else if (h->cert_days >= 0)
		string_appendf(out, "certificate  %s: %d days left%s\n", conf_str("Monitor.Certificate"), h->cert_days,
			       health_has(h, "certificate") ? "  RENEW" : "");
	else
		string_appendf(out, "certificate  not watched (Monitor.Certificate)\n");
}

/* --- alerts ---------------------------------------------------------------- */

/* One line of what is wrong with a kind, for the mail. */
static void detail_of(const Health *h, const char *kind, char *out, size_t len)
{
	if (!strcmp(kind, "database"))
		snprintf(out, len, "the database does not answer");
	else if (!strcmp(kind, "outbox_backlog"))
		snprintf(out, len, "%lld outbox rows waiting (threshold %d)", h->backlog, conf_int("Monitor.OutboxBacklog"));
	else if (!strcmp(kind, "outbox_age"))
		snprintf(out, len, "the oldest outbox row has waited %lld minutes (threshold %d)", h->oldest_seconds / 60,
			 conf_int("Monitor.OutboxAgeMinutes"));
	else if (!strcmp(kind, "dead_letters"))
		snprintf(out, len, "%lld dead letters in the outbox (threshold %d)", h->dead, conf_int("Monitor.DeadLetters"));
	else if (!strcmp(kind, "disk"))
		snprintf(out, len, "%d %% free in the document store %s (threshold %d %%)", h->store_free_percent,
			 conf_str("Paths.Files"), conf_int("Monitor.DiskFreePercent"));
	else if (h->cert_days == -2)
		snprintf(out, len, "the certificate %s cannot be read", conf_str("Monitor.Certificate"));
	else
		snprintf(out, len, "the certificate %s expires in %d days (threshold %d)", conf_str("Monitor.Certificate"),
			 h->cert_days, conf_int("Monitor.CertificateDays"));
}

/* Mails the operations address of an incident's start (open) or end,
 * over SMTP now; the key makes the Message-ID, the same for a retry. */
static NEOERR *mail_incident(long long id, const char *kind, const char *detail, int open)
{
	const char *lang = conf_str("Portal.DefaultLang");
	char key[96], subject_key[64];
	STRING body;
	HDF *data = NULL;
	json_t *o;
	char *payload;
	int permanent;
	NEOERR *err;

	hdf_init(&data);
	hdf_set_value(data, "Mail.Portal", conf_str("Portal.Name"));
	hdf_set_value(data, "Mail.BaseURL", conf_str("Portal.BaseURL"));
	hdf_set_value(data, "Mail.Kind", kind);
	hdf_set_value(data, "Mail.Detail", detail);
	hdf_set_int_value(data, "Mail.Open", open);
	string_init(&body);
	err = view_render_text(data, lang, "mail/Incident.cs", &body);
	hdf_destroy(&data);
	if (err) {
		string_clear(&body);
		return nerr_pass(err);
	}
	snprintf(subject_key, sizeof(subject_key), "Lang.Mail.Incident.%s", open ? "Opened" : "Closed");
	{
		char subject[300];
		snprintf(subject, sizeof(subject), "%s: %s — %s", conf_str("Portal.Name"), view_text(lang, subject_key),
			 kind);
		o = json_pack("{ss ss ss ss}", "to", conf_str("Monitor.AlertEmail"), "to_name", "",
			      "subject", subject, "text", body.buf ? body.buf : "");
	}
	string_clear(&body);
	payload = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	snprintf(key, sizeof(key), "incident-%lld-%s-%s", id, kind, open ? "open" : "closed");
	err = mail_send(0, key, payload, &permanent);
	free(payload);
	return nerr_pass(err);
}

/* While the database is down, this worker keeps that incident itself:
 * 0 none, 1 open and mailed, 2 open and not mailed yet; since when (the
 * mails' key: each outage its own Message-ID). */
static int down;
static long long down_since;

static NEOERR *alert_down(const Health *h, int *opened, int *closed)
{
	NEOERR *err = STATUS_OK;

	if (!h->database && !down) {
		down = 2;
		down_since = (long long)time(NULL);
	}
	if (down == 2 && !h->database) {
		err = mail_incident(down_since, "database", "the database does not answer", 1);
		if (!err) {
			down = 1;
			(*opened)++;
		}
	} else if (down && h->database) {
		if (down == 1)
			err = mail_incident(down_since, "database", "the database answers again", 0);
		if (!err) {
			down = 0;
			(*closed)++;
		}
	}
	return nerr_pass(err);
}

NEOERR *health_alert(const Health *h, int *opened, int *closed)
{
	DBQuery *q;
	NEOERR *err;
	STRING todo;
	char *save = NULL, *line;

	*opened = *closed = 0;
	if (!*conf_str("Monitor.AlertEmail"))
		return STATUS_OK;
	err = alert_down(h, opened, closed);
	if (err || !h->database)
		return nerr_pass(err);

	/* Open an incident for each kind crossed that has none; close those
	 * that are over. A unique key holds one open incident per kind,
	 * whichever worker comes first. */
	for (size_t i = 1; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		char detail[300];
		if (health_has(h, kinds[i])) {
			detail_of(h, kinds[i], detail, sizeof(detail));
			err = db_exec(NULL, "INSERT IGNORE INTO incidents (kind, detail, opened_at)"
					    " VALUES (?, ?, UTC_TIMESTAMP(3))", "ss", kinds[i], detail);
		} else {
			err = db_exec(NULL, "UPDATE incidents SET closed_at = UTC_TIMESTAMP(3)"
					    " WHERE open_kind = ?", "s", kinds[i]);
		}
		if (err)
			return nerr_pass(err);
	}
	/* Then the mails not sent yet: each taken by one worker (the flag
	 * set first), and given back when the mail could not go. */
	err = db_query(&q, "SELECT id, kind, detail, closed_at IS NULL FROM incidents"
			   " WHERE open_mailed = 0 OR (closed_at IS NOT NULL AND close_mailed = 0)"
			   " ORDER BY id LIMIT 20", NULL);
	if (err)
		return nerr_pass(err);
	string_init(&todo);
	while (db_next(q))
		string_appendf(&todo, "%lld\t%s\t%s\t%lld\n", db_int(q, 0), db_str(q, 1), db_str(q, 2), db_int(q, 3));
	db_end(&q);
	for (line = todo.buf ? strtok_r(todo.buf, "\n", &save) : NULL; line && !err;
	     line = strtok_r(NULL, "\n", &save)) {
		char *kind = strchr(line, '\t'), *detail, *still;
		long long id = strtoll(line, NULL, 10);
		unsigned long long took = 0;
		int open;
		if (!kind || !(detail = strchr(kind + 1, '\t')) || !(still = strchr(detail + 1, '\t')))
			continue;
		*kind++ = *detail++ = *still++ = '\0';
		/* An incident already over before its first mail is told once:
		 * that it happened and is over. */
		open = atoi(still);
		err = db_exec(&took, open ? "UPDATE incidents SET open_mailed = 1 WHERE id = ? AND open_mailed = 0"
					  : "UPDATE incidents SET open_mailed = 1, close_mailed = 1"
					    " WHERE id = ? AND close_mailed = 0", "i", id);
		if (err || !took)
			continue;
		err = mail_incident(id, kind, detail, open);
		if (err) {
			NEOERR *back = db_exec(NULL, open ? "UPDATE incidents SET open_mailed = 0 WHERE id = ?"
							  : "UPDATE incidents SET close_mailed = 0 WHERE id = ?", "i", id);
			nerr_ignore(&back);
		} else if (open) {
			(*opened)++;
		} else {
			(*closed)++;
		}
	}
	string_clear(&todo);
	return nerr_pass(err);
}
