/* demo_privacy.c: the demo's privacy duties — something to try for each: requests, agreements, personal fields, retention */
#include <stdlib.h>
#include <time.h>

#include "conf.h"
#include "db.h"
#include "portalctl.h"
#include "retention.h"
#include "util.h"

/* --- requests of data subjects ------------------------------------------ */

static NEOERR *seed_requests(void)
{
	return STATUS_OK;
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
