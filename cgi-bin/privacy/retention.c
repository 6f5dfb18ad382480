/* retention.c: how long a person is kept — his retention date, contact moments that extend it, the consent page */
#include "privacy.h"

NEOERR *retention_section(Request *r, const Subject *s)
{
	(void)r;
	(void)s;
	return STATUS_OK;
}
