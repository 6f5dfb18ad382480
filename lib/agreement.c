/* agreement.c: the processing agreement's current version and text (conf/privacy.hdf) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>

#include "agreement.h"
#include "db.h"
#include "statement.h"
#include "util.h"

const char *agreement_version(void)
{
	HDF *conf = statement_conf();
	const char *v = conf ? hdf_get_value(conf, "Agreement.Version", "") : "";

	return util_word(v, 1, AGREEMENT_VERSION_MAX) ? v : "";
}

void agreement_sha256(const char *text, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;

	if (!EVP_Digest(text, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		abort(); /* SHA-256 is always there: a broken libcrypto */
	util_hex(md, 32, out);
}

int agreement_current(const char *lang, AgreementText *t)
{
	HDF *conf = statement_conf();
	const char *text;
	char key[32];

	memset(t, 0, sizeof(*t));
	if (!conf || !*agreement_version())
		return 0;
	/* The text of the language shown is what is signed: say which one
	 * it is when Dutch stands in for a missing translation. */
	snprintf(key, sizeof(key), "Agreement.Text.%s", lang);
	text = hdf_get_value(conf, key, NULL);
	if (text && *text) {
		snprintf(t->lang, sizeof(t->lang), "%s", lang);
	} else {
		text = hdf_get_value(conf, "Agreement.Text.nl", NULL);
		snprintf(t->lang, sizeof(t->lang), "nl");
	}
	if (!text || !*text) {
		memset(t, 0, sizeof(*t));
		return 0;
	}
	t->version = agreement_version();
	t->text = text;
	t->title = statement_text("Agreement.Title", t->lang);
	agreement_sha256(text, strlen(text), t->sha256);
	return 1;
}

NEOERR *agreement_client(long long client_id, const char *version, AgreementClient *c)
{
	DBQuery *q;
	NEOERR *err;

	memset(c, 0, sizeof(*c));
	err = db_query(&q, "SELECT o.path, c.name, EXISTS (SELECT 1 FROM agreement_signatures s"
			   " WHERE s.client_id = c.id AND s.version = ?)"
			   " FROM clients c JOIN org_units o ON o.id = c.unit_id WHERE c.id = ?",
		       "si", version, client_id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(c->root, sizeof(c->root), "%s", db_str(q, 0));
		snprintf(c->name, sizeof(c->name), "%s", db_str(q, 1));
		c->signed_it = db_int(q, 2) != 0;
	}
	db_end(&q);
	return STATUS_OK;
}

int agreement_is_heading(const char *para, size_t len)
{
	while (len && strchr(" \t\r\n", para[len - 1]))
		len--;
	if (!len || memchr(para, '\n', len))
		return 0;
	return !strchr(".:;,!?)", para[len - 1]);
}
