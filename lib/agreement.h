/* agreement.h: the processing agreement's current version and text (conf/privacy.hdf) */
#ifndef PORTAL_AGREEMENT_H
#define PORTAL_AGREEMENT_H

#include <stddef.h>
#include <ClearSilver.h>

#include "request.h"

#define AGREEMENT_VERSION_MAX 32

/* The current version of the agreement in one language. The strings are
 * lent by the configuration (statement.h), which lives for the process. */
typedef struct agreement_text {
	const char *version;    /* "2026-1" */
	const char *title;
	const char *text;       /* plain text: paragraphs split by blank lines */
	char lang[3];           /* the language of text: the one asked for, or nl */
	char sha256[65];        /* of text, lower-case hex: what a signature binds */
} AgreementText;

/* The current version's name, "" when conf/privacy.hdf has no agreement
 * (or a version that is not a word of at most AGREEMENT_VERSION_MAX
 * characters of [A-Za-z0-9_-], such as 2026-1). Lent. */
const char *agreement_version(void);

/* The current version in lang (Dutch where lang has no text of its own).
 * Returns 0, with t cleared, when there is no agreement to sign. */
int agreement_current(const char *lang, AgreementText *t);

/* SHA-256 of text as lower-case hex (65 bytes with the NUL). */
void agreement_sha256(const char *text, size_t len, char out[65]);

/* What the dashboard asks of a client: its root unit's path, its name
 * and whether it signed the version — one query on primary and unique
 * keys. root is "" when there is no such client. */
typedef struct agreement_client {
	char root[ORG_PATH_LEN + 1];
	char name[4 * 200 + 1];         /* clients.name: 200 characters of up to 4 bytes */
	int signed_it;
} AgreementClient;

NEOERR *agreement_client(long long client_id, const char *version, AgreementClient *c);

/* Is the paragraph (one block of text between blank lines) a heading — an
 * article's title: a single line, not ending in punctuation? */
int agreement_is_heading(const char *para, size_t len);

#endif
