/* profile.h: a user's details and the optional personal fields (Fields.*) — which are on, their checks, shown, saved */
#ifndef PORTAL_PROFILE_H
#define PORTAL_PROFILE_H

#include "request.h"

/* The optional fields, by switch. Everyone has a mobile number; a date of
 * birth and a home address are asked of temp workers only (the agency
 * needs them for the contract; of a client's staff it does not). */
#define PROFILE_MOBILE  0x1u  /* Fields.Mobile: users.mobile (form field mobile) */
#define PROFILE_BIRTH   0x2u  /* Fields.BirthDate: users.birth_date (birth_date) */
#define PROFILE_ADDRESS 0x4u  /* Fields.Address: users.address_* (street, postcode, city, country) */

/* The countries an address may lie in, as a P_ENUM takes them (ISO 3166-1
 * alpha-2; Lang.Countries names each). */
#define PROFILE_COUNTRIES "NL BE DE FR LU PL RO BG HU LT LV SK CZ PT ES IT GR UA GB"

/* The optional fields a user of kind has while the configuration has
 * them on. */
unsigned profile_fields(const char *kind);

/* The form name of an optional field the request gave a value for that
 * is not among fields (switched off, or not of this kind of user); NULL
 * when there is none. Such a request ends with 400, and nothing is
 * written: the form never offers the field. */
const char *profile_foreign(Request *r, unsigned fields);

/* Checks what the parameter table cannot, for the fields among fields:
 * the phone number, a date of birth in the past and plausible (13 to 100
 * years ago), a postal code as its country writes it, an address given
 * whole or not at all. Marks the form (param_error). */
void profile_check(Request *r, unsigned fields);

/* Page.Fields.{Mobile,BirthDate,Address} = 1 for a form or page to show. */
void profile_flags(Request *r, unsigned fields);

/* The stored values of user uid's fields among fields into h: Mobile,
 * BirthDate, Street, Postcode, City, Country (only those set); with form,
 * also into Page.Form.* under the form's names, with the names and job
 * title (and e-mail) for the form to start from. A field not among fields
 * is never read, so nothing stored earlier shows. */
NEOERR *profile_load(Request *r, long long uid, unsigned fields, HDF *h, int form);

/* What profile_save writes besides the job title and the fields: the
 * names always, unless PROFILE_KEEP_NAMES (a temp worker's own: they are
 * his payroll identity, the agency's to correct); the e-mail address only
 * with PROFILE_WITH_EMAIL — and when it changes, in the same transaction,
 * the user's sessions end, his unused invitation and reset links go, and
 * a mail (EmailChanged) tells the old address. Who may change it is the
 * caller's to decide. */
#define PROFILE_WITH_EMAIL 0x1u
#define PROFILE_KEEP_NAMES 0x2u

/* Writes the request's names and job title (as how says: the e-mail
 * address too, or not the names) and the fields among fields to user uid,
 * in the caller's transaction, the row locked first. NERR_NOT_FOUND, nothing written,
 * when there is no such user or he was erased (the caller answers 404
 * and rolls back). A column of a field not among fields is left as it is. changed gets the names of the fields that changed,
 * ", " between them (nothing when none did): for the audit log, which
 * holds no value. */
NEOERR *profile_save(Request *r, long long uid, unsigned fields, unsigned how, STRING *changed);

/* A phone number as people write one: digits, spaces, + - ( ) and 6 to
 * 15 digits (E.164 allows no more). */
int profile_phone_ok(const char *s);

#endif
