/* status.c: portalctl status — what /healthz tells the monitoring, for a shell */
#include <stdio.h>

#include "conf.h"
#include "health.h"
#include "portalctl.h"
#include "util.h"

/* Exit status 0 when nothing is wrong, 1 when a threshold of Monitor.*
 * is crossed or the database does not answer (for a script or a check
 * of a monitoring system that runs commands). */
int cmd_status(char **arg)
{
	Health h;
	STRING out;

	(void)arg;
	if (load_conf())
		return 1;
	health_read(&h);
	string_init(&out);
	health_text(&h, &out);
	fputs(out.buf ? out.buf : "", stdout);
	string_clear(&out);
	return *h.problems ? 1 : 0;
}
