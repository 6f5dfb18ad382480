/* crypto.c: personal data sealed at rest — AES-256-GCM under the data key, its id kept with each value */
#include <string.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "conf.h"
#include "crypto.h"

/* Sealed with the key of Keys.DataCurrent (else 1); opened with the key
 * whose id the value carries: Keys.Data is key 1, Keys.Data.<id> the
 * others (portalctl rotate-key adds one, re-seals and retires). */
NEOERR *crypto_seal(const unsigned char *in, size_t n, const char *aad, unsigned char *out)
{
	const struct secrets *s = conf_secrets();
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len, ok;

	if (s->data_key_id < 1 || s->data_key_id >= CONF_DATA_KEYS || !s->data_key_set[s->data_key_id]) {
		EVP_CIPHER_CTX_free(c);
		return nerr_raise(NERR_ASSERT, "no data key to seal with (the secrets file not loaded)");
	}
	out[0] = (unsigned char)s->data_key_id;
	ok = c && RAND_bytes(out + 1, 12) == 1 &&
	     EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, s->data_keys[s->data_key_id], out + 1) &&
	     EVP_EncryptUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) &&
	     EVP_EncryptUpdate(c, out + 13, &len, in, (int)n) &&
	     EVP_EncryptFinal_ex(c, out + 13 + len, &len) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, out + 13 + n);
	EVP_CIPHER_CTX_free(c);
	return ok ? STATUS_OK : nerr_raise(NERR_SYSTEM, "sealing failed");
}

NEOERR *crypto_open(const unsigned char *in, size_t total, const char *aad, unsigned char *out)
{
	const struct secrets *s = conf_secrets();
	EVP_CIPHER_CTX *c;
	size_t n;
	int len, ok;

	if (total < CRYPTO_OVERHEAD)
		return nerr_raise(NERR_ASSERT, "sealed value of unknown form");
	if (in[0] >= CONF_DATA_KEYS || !s->data_key_set[in[0]])
		return nerr_raise(NERR_ASSERT, "sealed with data key %d, which the secrets file does not have", in[0]);
	n = total - CRYPTO_OVERHEAD;
	c = EVP_CIPHER_CTX_new();
	ok = c && EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, s->data_keys[in[0]], in + 1) &&
	     EVP_DecryptUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) &&
	     EVP_DecryptUpdate(c, out, &len, in + 13, (int)n) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, (void *)(in + 13 + n)) &&
	     EVP_DecryptFinal_ex(c, out + len, &len) > 0;
	EVP_CIPHER_CTX_free(c);
	return ok ? STATUS_OK : nerr_raise(NERR_ASSERT, "sealed value changed or sealed elsewhere");
}
