/* demo_privacy.c: the demo's privacy duties — something to try for each: requests, agreements, personal fields, retention */
#include <stdlib.h>
#include <string.h>

#include "agreement.h"
#include "db.h"
#include "portalctl.h"
#include "statement.h"
#include "util.h"

/* --- requests of data subjects ------------------------------------------ */

static NEOERR *seed_requests(void)
{
	return STATUS_OK;
}

/* --- the processing agreement ------------------------------------------- */

/* A signature as the portal records one (privacy/agreement.c): the text
 * as read, its SHA-256, the signer's name and title as typed; days ago. */
static NEOERR *demo_signature(const char *client, const char *version, const char *title, const char *text,
			      const char *signer, const char *name, const char *job, int days_ago)
{
	char sha[65];

	agreement_sha256(text, strlen(text), sha);
	return nerr_pass(db_exec(NULL,
		"INSERT INTO agreement_signatures (client_id, version, lang, title, text, text_sha256, signer_id,"
		" signer_name, signer_title, signed_at)"
		" SELECT c.id, ?, 'nl', ?, ?, ?, u.id, ?, ?, UTC_TIMESTAMP() - INTERVAL ? DAY - INTERVAL 150 MINUTE"
		" FROM clients c JOIN users u ON u.email = ? WHERE c.name = ?"
		" ON DUPLICATE KEY UPDATE agreement_signatures.id = agreement_signatures.id",
		"ssssssiss", version, title, text, sha, name, job, (long long)days_ago, signer, client));
}

/* Andere Klant BV signed the current version (its managing director,
 * whose account has since been closed); Klant NV signed last year's
 * version only — which gave a security incident 72 hours, not 48 — so
 * Karin Hermans (directie@klant.example, client_admin on all of Klant
 * NV) finds the new version waiting on her dashboard. */
#define DEMO_EARLIER "2025-1"

static NEOERR *seed_agreements(void)
{
	AgreementText t;
	char *earlier, *at;
	NEOERR *err = statement_init();

	if (err || !agreement_current("nl", &t))
		return nerr_pass(err);
	err = db_exec(NULL,
		"INSERT INTO users (kind, client_id, email, first_name, last_name, job_title, status, created_at)"
		" SELECT 'client', c.id, 'lotte.claes@andereklant.example', 'Lotte', 'Claes', 'Zaakvoerder',"
		" 'disabled', UTC_TIMESTAMP() - INTERVAL 400 DAY FROM clients c WHERE c.name = 'Andere Klant BV'"
		" ON DUPLICATE KEY UPDATE users.id = users.id", NULL);
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO grants (user_id, role, unit_id, created_at)"
			" SELECT u.id, 'client_admin', c.unit_id, u.created_at FROM users u JOIN clients c"
			" ON c.id = u.client_id WHERE u.email = 'lotte.claes@andereklant.example'"
			" ON DUPLICATE KEY UPDATE grants.id = grants.id", NULL);
	if (!err)
		err = demo_signature("Andere Klant BV", t.version, t.title, t.text, "lotte.claes@andereklant.example",
				     "Lotte Claes", "Zaakvoerder", 20);
	if (err || !strcmp(t.version, DEMO_EARLIER))
		return nerr_pass(err);
	earlier = xstrdup(t.text);
	at = strstr(earlier, "48 uur");
	if (at)
		memcpy(at, "72", 2);
	err = demo_signature("Klant NV", DEMO_EARLIER, t.title, earlier, "directie@klant.example", "Karin Hermans",
			     "Algemeen directeur", 380);
	free(earlier);
	return nerr_pass(err);
}

/* --- optional personal fields and photos -------------------------------- */

static NEOERR *seed_person_fields(void)
{
	return STATUS_OK;
}

/* --- retention and consent ---------------------------------------------- */

static NEOERR *seed_retention(void)
{
	return STATUS_OK;
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
