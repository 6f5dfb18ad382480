/* photos.c: portalctl's purge-photos — every temp worker's photo out of the store once photos are off */
#include <stdio.h>

#include "conf.h"
#include "photo.h"
#include "portalctl.h"

/* Refuses while Privacy.Photos is on: the portal would show the photos
 * that are left, and an agency that still wants them must not lose them
 * by a slip. Each person's row is cleared and audited, then his file
 * goes; a second run finds nothing. */
int cmd_purge_photos(char **arg)
{
	NEOERR *err;
	int n = 0;

	(void)arg;
	if (load_conf())
		return 1;
	if (photo_on())
		return fail("purge-photos: photos are on (Privacy.Photos = 1 in %s); set it to 0 and restart"
			    " the portal first, then purge", conf_file(NULL));
	err = photo_purge(&n);
	/* What was removed before an error is in the audit log; the next
	 * run goes on with the rest. */
	if (err)
		return fail_nerr("purge-photos", err);
	printf("purge-photos: %d photo%s removed from the store\n", n, n == 1 ? "" : "s");
	return 0;
}
