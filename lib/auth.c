/* auth.c: passwords — bcrypt over a peppered pre-hash, and the rules a new password must meet */
#include <crypt.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <pwquality.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "auth.h"
#include "conf.h"
#include "util.h"

/* base64url(HMAC-SHA256(pepper, password)): 43 characters, no NUL. */
static void prehash(const char *password, char out[48])
{
	unsigned char mac[32];
	unsigned int len = sizeof(mac);

	HMAC(EVP_sha256(), conf_secrets()->pepper, sizeof(conf_secrets()->pepper),
	     (const unsigned char *)password, strlen(password), mac, &len);
	util_b64url(mac, len, out);
	OPENSSL_cleanse(mac, sizeof(mac));
}

NEOERR *auth_hash(const char *password, char out[AUTH_HASH_MAX])
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE], pre[48];
	struct crypt_data *cd;
	const char *h;

	if (!crypt_gensalt_rn("$2b$", (unsigned long)conf_int("Passwords.BcryptCost"), NULL, 0,
			      salt, sizeof(salt)))
		return nerr_raise(NERR_SYSTEM, "crypt_gensalt_rn failed");
	cd = xcalloc(1, sizeof(*cd));
	prehash(password, pre);
	h = crypt_r(pre, salt, cd);
	OPENSSL_cleanse(pre, sizeof(pre));
	if (!h || h[0] == '*' || strlen(h) >= AUTH_HASH_MAX) {
		free(cd);
		return nerr_raise(NERR_SYSTEM, "bcrypt failed");
	}
	snprintf(out, AUTH_HASH_MAX, "%s", h);
	OPENSSL_cleanse(cd, sizeof(*cd));
	free(cd);
	return STATUS_OK;
}

int auth_verify(const char *password, const char *hash)
{
	static char dummy[AUTH_HASH_MAX];
	struct crypt_data *cd;
	char pre[48];
	const char *h;
	int ok;

	if (!hash || strncmp(hash, "$2b$", 4)) {
		if (!dummy[0] && auth_hash("dummy password for timing", dummy) != STATUS_OK)
			return 0;
		hash = NULL;
	}
	cd = xcalloc(1, sizeof(*cd));
	prehash(password, pre);
	h = crypt_r(pre, hash ? hash : dummy, cd);
	ok = hash && h && h[0] != '*' && util_streq_ct(h, hash);
	OPENSSL_cleanse(pre, sizeof(pre));
	OPENSSL_cleanse(cd, sizeof(*cd));
	free(cd);
	return ok;
}

/* Case-insensitive: does hay contain needle (at least 3 bytes)? */
static int contains(const char *hay, const char *needle, size_t nlen)
{
	size_t hl = strlen(hay);

	if (nlen < 3 || nlen > hl)
		return 0;
	for (size_t i = 0; i + nlen <= hl; i++)
		if (!strncasecmp(hay + i, needle, nlen))
			return 1;
	return 0;
}

static int personal(const char *pw, const char *first, const char *last, const char *email)
{
	const char *at = email ? strchr(email, '@') : NULL;

	return (first && contains(pw, first, strlen(first))) ||
	       (last && contains(pw, last, strlen(last))) ||
	       (email && contains(pw, email, at ? (size_t)(at - email) : strlen(email)));
}

const char *auth_password_problem(const char *pw, const char *first, const char *last,
				  const char *email)
{
	pwquality_settings_t *pq;
	void *aux = NULL;
	size_t n;
	int rc;

	if (!util_utf8_ok(pw, 0) || strchr(pw, '\t'))
		return "characters";
	/* At least 12 characters with each run of spaces counted once (ASVS
	 * 2.1.1): padding with spaces makes no password long. */
	n = util_utf8_len(pw);
	for (const char *p = pw; *p; p++)
		n -= p[0] == ' ' && p[1] == ' ';
	if (n < 12)
		return "password_short";
	n = util_utf8_len(pw);
	if (n > 128)
		return "password_long";
	if (personal(pw, first, last, email))
		return "password_personal";
	/* The dictionary and similarity checks only: no rules of character
	 * classes, whatever the system's pwquality.conf says. */
	pq = pwquality_default_settings();
	if (!pq)
		return NULL;
	pwquality_set_int_value(pq, PWQ_SETTING_MIN_LENGTH, 6);
	pwquality_set_int_value(pq, PWQ_SETTING_DIG_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_UP_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_LOW_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_OTH_CREDIT, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_MIN_CLASS, 0);
	pwquality_set_int_value(pq, PWQ_SETTING_DICT_CHECK, 1);
	pwquality_set_int_value(pq, PWQ_SETTING_USER_CHECK, 1);
	/* aux points into the library's own data: never freed. */
	rc = pwquality_check(pq, pw, NULL, email, &aux);
	if (rc >= 0) {
		/* cracklib takes "password1234" for strong: check the words
		 * without the digits and signs stuck to their ends too. */
		char *core = xstrdup(pw), *b = core, *e = core + strlen(core);
		while (*b && !isalpha((unsigned char)*b) && !((unsigned char)*b & 0x80))
			b++;
		while (e > b && !isalpha((unsigned char)e[-1]) && !((unsigned char)e[-1] & 0x80))
			*--e = '\0';
		if (e - b >= 4 && strlen(b) < strlen(pw))
			rc = pwquality_check(pq, b, NULL, email, &aux);
		free(core);
	}
	pwquality_free_settings(pq);
	return rc < 0 ? "password_weak" : NULL;
}
