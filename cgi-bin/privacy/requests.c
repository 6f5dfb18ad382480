/* requests.c: requests of data subjects — access, rectification, erasure — with their due dates */
#include "privacy.h"

NEOERR *requests_section(Request *r, const Subject *s)
{
	(void)r;
	(void)s;
	return STATUS_OK;
}
