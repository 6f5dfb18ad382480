/* portal-worker.c: delivers the outbox — mail over SMTP, calls to the back-office — with retry and back-off */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>

#include "account.h"
#include "conf.h"
#include "contracts.h"
#include "db.h"
#include "documents.h"
#include "erasure.h"
#include "files.h"
#include "health.h"
#include "invoice.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"
#include "retention.h"
#include "rights.h"
#include "timesheet.h"
#include "util.h"

static volatile sig_atomic_t stopping;
/* A job (not a delivery) failed: portal-worker --jobs exits 1. */
static int job_failed;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static NEOERR *deliver(const OutboxRow *row, int *permanent)
{
	*permanent = 0;
	if (!strcmp(row->kind, "mail"))
		return nerr_pass(mail_send(row->id, row->key, row->payload, permanent));
	if (!strcmp(row->kind, "backoffice") && timesheet_row(row))
		return nerr_pass(timesheet_deliver(row, permanent));
	if (!strcmp(row->kind, "backoffice") && erasure_row(row))
		return nerr_pass(erasure_deliver(row, permanent));
	if (!strcmp(row->kind, "backoffice"))
		return nerr_pass(contracts_deliver(row, permanent));
	*permanent = 1;
	return nerr_raise(NERR_ASSERT, "no delivery for outbox kind %s", row->kind);
}

/* One round: up to Outbox.BatchSize rows, each leased just before its
 * delivery and its result written under its own claim. Returns the number
 * of rows handled, or -1 when the database could not be reached. */
static int round_once(void)
{
	int n = 0;

	while (n < conf_int("Outbox.BatchSize") && !stopping) {
		OutboxRow row;
		NEOERR *err;
		int got = 0, permanent, kept = 1;
		char ref[32];

		db_request_begin();
		err = outbox_claim(&row, &got);
		if (err) {
			log_nerr(NULL, err);
			nerr_ignore(&err);
			return n ? n : -1;
		}
		if (!got)
			break;
		n++;
		snprintf(ref, sizeof(ref), "outbox-%lld", row.id);
		err = deliver(&row, &permanent);
		if (err) {
			char msg[900];
			util_nerr_msg(err, msg, sizeof(msg));
			nerr_ignore(&err);
			log_msg("warn", ref, "attempt %d failed: %s", row.attempts, msg);
			err = outbox_failed(&row, msg, permanent, &kept);
		} else {
			log_msg("info", ref, "%s delivered (attempt %d)", row.kind, row.attempts);
			err = outbox_done(&row, &kept);
		}
		if (err) {
			/* The row stays 'sending' and is taken up again when its
			 * lease lapses. */
			log_nerr(ref, err);
			nerr_ignore(&err);
		} else if (!kept) {
			log_msg("warn", ref, "the lease lapsed during the delivery: another worker has the row");
		}
		outbox_row_clear(&row);
	}
	return n;
}

/* The jobs that are not deliveries: revoking inactive accounts, moving
 * retention clocks, reminding of hours. */
static void housekeeping(int once)
{
	static int64_t last;
	int64_t now = util_mono_us();
	int warned, revoked, moved, workers, supervisors;
	NEOERR *err;

	if (!once && last && now - last < 60LL * 1000000 * conf_int("Inactivity.CheckMinutes"))
		return;
	last = now;
	db_request_begin();
	err = account_inactivity(&warned, &revoked);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
		return;
	}
	if (warned || revoked)
		log_msg("info", NULL, "inactivity: %d warned, %d revoked", warned, revoked);
	/* Reset requests count for an hour (password.c); a day is plenty.
	 * So it is for the keys of forms done (once.c): a retry comes within
	 * minutes. */
	err = db_exec(NULL, "DELETE FROM reset_requests WHERE created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY"
			    " LIMIT 10000", NULL);
	if (!err)
		err = db_exec(NULL, "DELETE FROM posted WHERE created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY"
				    " LIMIT 10000", NULL);
	/* Incidents over and told: a year of them is history enough. */
	if (!err)
		err = db_exec(NULL, "DELETE FROM incidents WHERE closed_at < UTC_TIMESTAMP() - INTERVAL 1 YEAR"
				    " AND close_mailed = 1 LIMIT 10000", NULL);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
	}
	err = documents_clocks(&moved);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
	} else if (moved) {
		log_msg("info", NULL, "retention: %d documents follow their person's last activity", moved);
	}
	err = timesheet_remind(time(NULL), &workers, &supervisors);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
	} else if (workers || supervisors) {
		log_msg("info", NULL, "timesheets: %d workers and %d supervisors reminded", workers, supervisors);
	}
}

/* The privacy duties, every Privacy.CheckMinutes: the retention of temp
 * workers and candidates (consent links, anonymising), and the reminders
 * of requests coming due. Returns 1 when the retention job has more to
 * do now. */
static int privacy_jobs(int once)
{
	static int64_t last;
	int64_t now = util_mono_us();
	int asked, anonymised, more, reminded;
	NEOERR *err;

	if (!once && last && now - last < 60LL * 1000000 * conf_int("Privacy.CheckMinutes"))
		return 0;
	last = now;
	db_request_begin();
	err = retention_run(time(NULL), &asked, &anonymised, &more);
	if (more)
		last = 0; /* the rest in the next round, not in an hour */
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
		more = 0; /* again in the next round, not at once */
	} else if (asked || anonymised) {
		log_msg("info", NULL, "retention: %d asked to consent, %d anonymised", asked, anonymised);
	}
	err = rights_remind(time(NULL), &reminded);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
	} else if (reminded) {
		log_msg("info", NULL, "privacy requests: %d reminded", reminded);
	}
	return more;
}

/* Each client's new invoices from the back-office, a pass every
 * Invoices.PullMinutes; a round pulls for a few seconds at most, so that
 * mail and hours keep going out while a pass over thousands of clients
 * takes its rounds. */
#define PULL_ROUND_US (5LL * 1000000)

static void pull_invoices(int once)
{
	static int64_t pass;
	static long long after;
	int64_t now = util_mono_us();
	int imported, failed;
	NEOERR *err;

	if (!after && !once && pass && now - pass < 60LL * 1000000 * conf_int("Invoices.PullMinutes"))
		return;
	if (!after)
		pass = now;
	db_request_begin();
	err = invoice_pull_some(&after, once ? INT64_MAX : now + PULL_ROUND_US, &imported, &failed);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		job_failed = 1;
	} else if (imported || failed) {
		log_msg("info", NULL, "invoices: %d imported, %d clients failed", imported, failed);
	}
}

/* Every Monitor.CheckMinutes: the thresholds of Monitor.*, and a mail to
 * Monitor.AlertEmail when an incident starts and when it is over. In
 * every worker that delivers: the outbox may be what is wrong. */
static void monitor(void)
{
	static int64_t last;
	int64_t now = util_mono_us();
	int opened, closed;
	Health h;
	NEOERR *err;

	if (!*conf_str("Monitor.AlertEmail"))
		return;
	if (last && now - last < 60LL * 1000000 * conf_int("Monitor.CheckMinutes"))
		return;
	last = now;
	db_request_begin();
	health_read(&h);
	err = health_alert(&h, &opened, &closed);
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
	} else if (opened || closed) {
		log_msg("warn", NULL, "monitoring: %d incidents opened, %d over (now: %s)", opened, closed,
			*h.problems ? h.problems : "nothing wrong");
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: portal-worker [--once | --outbox | --jobs]\n"
			"  Delivers the outbox and runs the jobs (inactive accounts, retention,\n"
			"  reminders, invoices) until stopped (SIGTERM); --once does what is\n"
			"  due now and exits. --outbox only delivers, for when a timer runs\n"
			"  --jobs, which runs every job once and exits.\n");
}

/* portal-worker --jobs: every job once, the retention job until it has
 * nothing more to do now (it works in batches). */
static void jobs(void)
{
	housekeeping(1);
	while (privacy_jobs(1) && !stopping)
		;
	pull_invoices(1);
}

int main(int argc, char **argv)
{
	int once = 0, outbox_only = 0, jobs_only = 0;
	NEOERR *err;

	if (argc == 2 && !strcmp(argv[1], "--once")) {
		once = 1;
	} else if (argc == 2 && !strcmp(argv[1], "--outbox")) {
		outbox_only = 1;
	} else if (argc == 2 && !strcmp(argv[1], "--jobs")) {
		jobs_only = 1;
	} else if (argc != 1) {
		usage();
		return 2;
	}
	log_init("worker");
	nerr_init();
	err = conf_load(NULL);
	/* Contracts go to the documents store: its types are read first. */
	if (!err)
		err = files_dirs();
	if (!err)
		err = documents_init();
	if (err) {
		log_nerr(NULL, err);
		nerr_ignore(&err);
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	/* A full disk or a file size limit is an error to retry, not death. */
	signal(SIGXFSZ, SIG_IGN);
	if (jobs_only) {
		jobs();
		db_close();
		curl_global_cleanup();
		return job_failed;
	}
	log_msg("info", NULL, outbox_only ? "worker started (outbox only)" : "worker started");
	while (!stopping) {
		int n;
		if (!outbox_only) {
			housekeeping(once);
			privacy_jobs(once);
			pull_invoices(once);
		}
		monitor();
		n = round_once();
		if (once && n <= 0)
			break;
		if (n < conf_int("Outbox.BatchSize")) {
			/* Nothing more due: wait, waking early to stop. */
			for (int i = 0; i < conf_int("Outbox.PollSeconds") * 10 && !stopping; i++)
				usleep(100000);
		}
	}
	db_close();
	curl_global_cleanup();
	log_msg("info", NULL, "worker stopped");
	return 0;
}
