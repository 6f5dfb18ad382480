/* health.h: how the portal is doing — database, outbox, store, certificate — against the thresholds of Monitor.*, for /healthz, /metrics, portalctl status and the worker's alert mails */
#ifndef PORTAL_HEALTH_H
#define PORTAL_HEALTH_H

#include <jansson.h>
#include <ClearSilver.h>

/* A reading. A value that could not be read is -1. */
typedef struct health {
	int database;             /* 1: it answered */
	long long backlog;        /* outbox rows waiting to be delivered */
	long long oldest_seconds; /* how long the oldest of them has waited */
	long long dead;           /* dead letters: rows given up on */
	long long store_free_mb;  /* free space of the document store */
	int store_free_percent;
	int cert_days;            /* days until Monitor.Certificate expires; -1 none set */
	/* The thresholds crossed: names of kinds, space-separated ("" none):
	 * database outbox_backlog outbox_age dead_letters disk certificate */
	char problems[128];
} Health;

/* Reads it now: one statement, a statfs, and the certificate (read again
 * at most every ten minutes per process). Never fails: what cannot be
 * read is a problem of its own. */
void health_read(Health *h);

/* Is a kind of problem among h->problems? */
int health_has(const Health *h, const char *kind);

/* The reading as JSON for /healthz (given, to free); detail: the outbox,
 * store and certificate too, not only the status and the database. */
json_t *health_json(const Health *h, int detail);

/* The reading as Prometheus text (version 0.0.4) into out. */
void health_metrics(const Health *h, STRING *out);

/* The reading as lines for a shell (portalctl status) into out. */
void health_text(const Health *h, STRING *out);

/* The worker's check, every Monitor.CheckMinutes: an incident opens for
 * each kind of problem newly crossed and closes when it is over, and
 * Monitor.AlertEmail is mailed once at each start and end — directly over
 * SMTP, not through the outbox, which may be what is wrong. Several
 * workers on several hosts share the incidents in the database; while it
 * is down, each worker keeps that incident itself. */
NEOERR *health_alert(const Health *h, int *opened, int *closed);

#endif
