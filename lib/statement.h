/* statement.h: what the portal tells people about their data (conf/privacy.hdf) — the controller, the register, the texts agreed to */
#ifndef PORTAL_STATEMENT_H
#define PORTAL_STATEMENT_H

#include <ClearSilver.h>

/* Loads Paths.Privacy; once per process. */
NEOERR *statement_init(void);

/* The whole file (lent), for what walks a part of it. */
HDF *statement_conf(void);

/* The text under key (e.g. "Consent.Text") in lang, or in Dutch when that
 * language has none; "" when there is neither. Lent. */
const char *statement_text(const char *key, const char *lang);

/* The register of processing into dest, in lang: Register.<n>.{Code,
 * Name, Purpose, Basis, Data, Retention, Recipients}, and Controller.{Name,
 * Address, Email, Officer, Authority}. */
void statement_register(HDF *dest, const char *lang);

#endif
