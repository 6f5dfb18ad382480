/* demo_privacy.c: the demo's privacy duties — something to try for each: requests, agreements, personal fields, retention */
#include <stdlib.h>
#include <time.h>

#include "conf.h"
#include "db.h"
#include "portalctl.h"
#include "retention.h"
#include "rights.h"
#include "util.h"

/* --- requests of data subjects ------------------------------------------ */

/* Something in each state of the queue (/privacy/requests): Jan Willems
 * (who logs in) asked himself to see his data, nine days ago, due in about
 * three weeks; Lisa Maes wrote that her address is wrong, recorded by the
 * privacy officer, now past its due date (the worker reminds the officer
 * at once); Sanne Peeters's access request was answered. Days before
 * today on the agency's calendar. */
static const struct demo_request {
	const char *email, *kind, *channel, *state, *text, *outcome;
	int days, closed_days;
} demo_requests[] = {
	{ "worker@flex.example", "access", "self", "open",
	  "Ik wil graag weten welke gegevens jullie van mij bewaren, waarvoor, en aan welke klanten ze zijn "
	  "doorgegeven.", "", 9, 0 },
	{ "lisa.maes@flex.example", "rectification", "officer", "open",
	  "Per brief: mijn adres klopt niet. Ik woon sinds maart in de Kerkstraat 12 in Gent, niet meer in "
	  "Antwerpen.", "", 40, 0 },
	{ "sanne.peeters@flex.example", "access", "officer", "done",
	  "Telefonisch: wil weten welke uren en contracten van haar in het portaal staan.",
	  "Overzicht van haar gegevens (PDF) op 12 werkdagen na ontvangst per e-mail gestuurd.", 75, 60 },
};

static NEOERR *seed_requests(void)
{
	long long months = conf_int("Privacy.RequestMonths");
	char *have = NULL, *officer = NULL, today[11];
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM privacy_requests", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	rights_today(time(NULL), today);
	err = db_value(&officer, "SELECT id FROM users WHERE email = 'privacy@uitzendbureau.example'", NULL);
	for (size_t i = 0; i < ARRAY_SIZE(demo_requests) && !err; i++) {
		const struct demo_request *q = &demo_requests[i];
		unsigned long long n = 0;
		err = db_exec(&n,
			"INSERT INTO privacy_requests (kind, user_id, channel, recorded_by, recorded_at, received_on,"
			" first_due_on, due_on, request_text, state, closed_at, closed_by, outcome)"
			" SELECT ?, u.id, ?, IF(? = 'self', u.id, ?), UTC_TIMESTAMP() - INTERVAL ? DAY,"
			" ? - INTERVAL ? DAY, ? - INTERVAL ? DAY + INTERVAL ? MONTH, ? - INTERVAL ? DAY + INTERVAL ? MONTH,"
			" ?, ?, IF(? = 'open', NULL, UTC_TIMESTAMP() - INTERVAL ? DAY), IF(? = 'open', NULL, ?), ?"
			" FROM users u WHERE u.email = ?",
			"sssiisisiisiisssisiss", q->kind, q->channel, q->channel, atoll(officer ? officer : "0"),
			(long long)q->days, today, (long long)q->days, today, (long long)q->days, months, today,
			(long long)q->days, months, q->text, q->state, q->state, (long long)q->closed_days, q->state,
			atoll(officer ? officer : "0"), q->outcome, q->email);
		if (!err && n != 1)
			err = nerr_raise(NERR_ASSERT, "no demo user %s", q->email);
	}
	free(officer);
	return nerr_pass(err);
}

/* --- the processing agreement ------------------------------------------- */

static NEOERR *seed_agreements(void)
{
	return STATUS_OK;
}

/* --- optional personal fields and photos -------------------------------- */

static NEOERR *seed_person_fields(void)
{
	return STATUS_OK;
}

/* --- retention and consent ---------------------------------------------- */

/* A temp worker registered almost Privacy.RetentionMonths ago and idle
 * since: his date comes in three weeks, and he is asked for his consent
 * (demo_privacy_after, once the demo's transaction is in). */
#define RETAINED_EMAIL "henk.deboer@flex.example"

static NEOERR *seed_retention(void)
{
	return nerr_pass(db_exec(NULL,
		"INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
		" VALUES ('worker', ?, 'Henk', 'de Boer', 'invited',"
		"  UTC_DATE() + INTERVAL 21 DAY - INTERVAL ? MONTH + INTERVAL 9 HOUR)"
		" ON DUPLICATE KEY UPDATE id = id",
		"si", RETAINED_EMAIL, (long long)conf_int("Privacy.RetentionMonths")));
}

NEOERR *demo_privacy_after(void)
{
	char *id = NULL;
	int asked, anonymised;
	NEOERR *err = db_value(&id, "SELECT id FROM users WHERE email = ? AND erased_at IS NULL", "s", RETAINED_EMAIL);

	if (!err && id)
		err = retention_person('u', atoll(id), time(NULL), &asked, &anonymised);
	free(id);
	return nerr_pass(err);
}

NEOERR *demo_privacy(void)
{
	NEOERR *err = seed_requests();

	if (!err)
		err = seed_agreements();
	if (!err)
		err = seed_person_fields();
	if (!err)
		err = seed_retention();
	return nerr_pass(err);
}
