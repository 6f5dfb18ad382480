/* privacy.c: portalctl's privacy duties — the retention job run now, from a shell */
#include <stdio.h>
#include <time.h>

#include "db.h"
#include "portalctl.h"
#include "retention.h"
#include "view.h"

/* What the worker does every Privacy.CheckMinutes, at once and to the
 * end: dates set, consent links mailed, expired persons anonymised. */
int cmd_retention_run(char **arg)
{
	int asked = 0, anonymised = 0, a, z, more = 0;
	NEOERR *err;

	(void)arg;
	if (load_conf())
		return 1;
	err = view_init();
	/* The job stops after a few seconds and goes on where it stopped:
	 * here it goes on until a call has nothing more to do. */
	do {
		a = z = more = 0;
		if (!err)
			err = retention_run(time(NULL), &a, &z, &more);
		asked += a;
		anonymised += z;
	} while (!err && more);
	if (err)
		return fail_nerr("retention-run", err);
	printf("retention: %d asked to consent, %d anonymised\n", asked, anonymised);
	return 0;
}
