/* demo_privacy.c: the demo's privacy duties — something to try for each: requests, agreements, personal fields, retention */
#include <stdlib.h>

#include "db.h"
#include "portalctl.h"
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
