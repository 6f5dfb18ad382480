/* dossier.h: a person's file — what the portal keeps about him (dossier_data.c) and its three forms (dossier.c) */
#ifndef PRIVACY_DOSSIER_H
#define PRIVACY_DOSSIER_H

#include <jansson.h>

#include "privacy.h"

/* The file's format, in its JSON ("format", "version"): a change of a key
 * or of its meaning is a new version. */
#define DOSSIER_FORMAT "flexportal-dossier"
#define DOSSIER_VERSION 1

/* Everything the portal keeps about s, as one JSON object with stable keys
 * (see dossier_data.c for each key and the table it comes from): moments
 * in UTC as "YYYY-MM-DDThh:mm:ssZ" (keys ending in _at), dates as
 * "YYYY-MM-DD", amounts in euros as decimal strings ("14.20"), minutes as
 * integers. Read in one snapshot of the database. Texts of the register
 * in lang. Gives *out. */
NEOERR *dossier_gather(const Subject *s, const char *lang, json_t **out);

/* How much of each kind the file of s holds, for the person's page:
 * Page.Dossier.Counts.<n>.{Key, Count}. */
NEOERR *dossier_counts(Request *r, const Subject *s);

/* dossier.c: the file as a page, a PDF and JSON. */
NEOERR *dossier_page(Request *r);
NEOERR *dossier_pdf(Request *r);
NEOERR *dossier_json(Request *r);

#endif
