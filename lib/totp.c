/* totp.c: the second factor — TOTP (RFC 6238) with liboath, its enrolment QR code, recovery codes */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <liboath/oath.h>
#include <qrencode.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "conf.h"
#include "crypto.h"
#include "db.h"
#include "totp.h"
#include "util.h"

#define STEP 30

static void init(void)
{
	static int done;
	if (!done)
		done = oath_init() == OATH_OK;
}

static void aad_for(long long uid, char *out, size_t len)
{
	snprintf(out, len, "totp:%lld", uid);
}

NEOERR *totp_load(long long uid, TotpState *t)
{
	char aad[48];
	DBQuery *q;
	NEOERR *err;

	memset(t, 0, sizeof(*t));
	err = db_query(&q, "SELECT totp_secret, totp_enabled, totp_last_step FROM credentials"
			   " WHERE user_id = ?", "i", uid);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		t->enabled = (int)db_int(q, 1);
		t->last_step = db_int(q, 2);
		if (db_str(q, 0) && db_len(q, 0) == TOTP_SECRET + CRYPTO_OVERHEAD) {
			aad_for(uid, aad, sizeof(aad));
			err = crypto_open((const unsigned char *)db_str(q, 0), db_len(q, 0), aad, t->secret);
			t->has_secret = !err;
		}
	}
	db_end(&q);
	if (!t->has_secret)
		t->enabled = 0;
	return nerr_pass(err);
}

NEOERR *totp_store(long long uid, const unsigned char *secret, int enabled)
{
	unsigned char sealed[TOTP_SECRET + CRYPTO_OVERHEAD];
	char aad[48];
	NEOERR *err;

	aad_for(uid, aad, sizeof(aad));
	err = crypto_seal(secret, TOTP_SECRET, aad, sealed);
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO credentials (user_id, totp_secret, totp_enabled, totp_last_step)"
			" VALUES (?, ?, ?, 0) ON DUPLICATE KEY UPDATE totp_secret = VALUES(totp_secret),"
			" totp_enabled = VALUES(totp_enabled), totp_last_step = 0",
			"ibi", uid, sealed, sizeof(sealed), (long long)enabled);
	return nerr_pass(err);
}

NEOERR *totp_begin(long long uid, TotpState *t)
{
	memset(t, 0, sizeof(*t));
	if (RAND_bytes(t->secret, TOTP_SECRET) != 1)
		return nerr_raise(NERR_SYSTEM, "no randomness");
	t->has_secret = 1;
	return nerr_pass(totp_store(uid, t->secret, 0));
}

int totp_decode(const char *b32, unsigned char secret[TOTP_SECRET])
{
	char *out = NULL;
	size_t len = 0;
	int ok;

	init();
	ok = oath_base32_decode(b32, strlen(b32), &out, &len) == OATH_OK && len == TOTP_SECRET;
	if (ok)
		memcpy(secret, out, TOTP_SECRET);
	free(out);
	return ok;
}

int totp_check(const TotpState *t, const char *code, long long *step)
{
	time_t now = time(NULL);
	int pos = 0, rc;

	*step = 0;
	init();
	if (!t->has_secret || !code || strlen(code) != 6)
		return 0;
	for (const char *c = code; *c; c++)
		if (!isdigit((unsigned char)*c))
			return 0;
	rc = oath_totp_validate2((const char *)t->secret, TOTP_SECRET, now, STEP, 0, 1, &pos, code);
	if (rc < 0)
		return 0;
	*step = (long long)(now / STEP) + pos;
	if (*step <= t->last_step) {
		*step = -1;
		return 0;
	}
	return 1;
}

NEOERR *totp_accept(long long uid, long long step, int enable, int *ok)
{
	unsigned long long n = 0;
	NEOERR *err = db_exec(&n,
		"UPDATE credentials SET totp_last_step = ?, totp_enabled = IF(?, 1, totp_enabled)"
		" WHERE user_id = ? AND totp_last_step < ?",
		"iiii", step, (long long)enable, uid, step);

	*ok = !err && n == 1;
	return nerr_pass(err);
}

NEOERR *totp_disable(long long uid)
{
	NEOERR *err = db_exec(NULL, "UPDATE credentials SET totp_secret = NULL, totp_enabled = 0,"
				    " totp_last_step = 0 WHERE user_id = ?", "i", uid);
	if (!err)
		err = db_exec(NULL, "DELETE FROM recovery_codes WHERE user_id = ?", "i", uid);
	return nerr_pass(err);
}

static char *base32(const TotpState *t)
{
	char *out = NULL;
	size_t len = 0;

	init();
	if (oath_base32_encode((const char *)t->secret, TOTP_SECRET, &out, &len) != OATH_OK)
		return NULL;
	return out;
}

void totp_key_text(const TotpState *t, char *out, size_t len)
{
	char *b = base32(t);
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; b && b[i] && b[i] != '=' && o + 2 < len; i++) {
		if (i && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = b[i];
	}
	out[o] = '\0';
	free(b);
}

/* Percent-encodes for the label and issuer of the otpauth URI. */
static void uri_part(STRING *s, const char *v)
{
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (isalnum(c) || strchr("-._~@", c))
			string_append_char(s, (char)c);
		else
			string_appendf(s, "%%%02X", c);
	}
}

NEOERR *totp_qr_data_uri(const TotpState *t, const char *account, char **out)
{
	STRING uri, svg;
	QRcode *qr;
	char *b = base32(t), *b64;
	int w;

	if (!b)
		return nerr_raise(NERR_SYSTEM, "base32 failed");
	string_init(&uri);
	string_append(&uri, "otpauth://totp/");
	uri_part(&uri, conf_str("Portal.Name"));
	string_append(&uri, ":");
	uri_part(&uri, account);
	string_append(&uri, "?secret=");
	for (char *c = b; *c && *c != '='; c++)
		string_append_char(&uri, *c);
	string_append(&uri, "&issuer=");
	uri_part(&uri, conf_str("Portal.Name"));
	string_append(&uri, "&algorithm=SHA1&digits=6&period=30");
	OPENSSL_cleanse(b, strlen(b));
	free(b);
	qr = QRcode_encodeString(uri.buf, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	OPENSSL_cleanse(uri.buf, (size_t)uri.len);
	string_clear(&uri);
	if (!qr)
		return nerr_raise(NERR_NOMEM, "QR encoding failed");
	w = qr->width;
	string_init(&svg);
	/* A 4-module quiet zone around the code, one path of dark modules. */
	string_appendf(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
			     " shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
			     "<path fill=\"#000\" d=\"", w + 8, w + 8, w + 8, w + 8);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1)
				string_appendf(&svg, "M%d %dh1v1h-1z", x + 4, y + 4);
	string_append(&svg, "\"/></svg>");
	QRcode_free(qr);
	b64 = xmalloc((size_t)svg.len / 3 * 4 + 8);
	EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)svg.buf, svg.len);
	*out = xasprintf("data:image/svg+xml;base64,%s", b64);
	free(b64);
	string_clear(&svg);
	return STATUS_OK;
}

/* A code as typed: lower case, without spaces or dashes. */
static void normalise(const char *in, char *out, size_t len)
{
	size_t o = 0;
	for (; *in && o + 1 < len; in++)
		if (isalnum((unsigned char)*in))
			out[o++] = (char)tolower((unsigned char)*in);
	out[o] = '\0';
}

static void code_hash(long long uid, const char *norm, unsigned char out[32])
{
	char *msg = xasprintf("%lld:%s", uid, norm);
	SHA256((const unsigned char *)msg, strlen(msg), out);
	OPENSSL_cleanse(msg, strlen(msg));
	free(msg);
}

NEOERR *totp_recovery_new(long long uid, char codes[TOTP_CODES][16])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	NEOERR *err = db_exec(NULL, "DELETE FROM recovery_codes WHERE user_id = ?", "i", uid);

	for (int i = 0; i < TOTP_CODES && !err; i++) {
		unsigned char raw[10], h[32];
		char norm[16];
		util_random(raw, sizeof(raw));
		for (int j = 0; j < 10; j++)
			norm[j] = alphabet[raw[j] % (sizeof(alphabet) - 1)];
		norm[10] = '\0';
		snprintf(codes[i], 16, "%.5s-%.5s", norm, norm + 5);
		code_hash(uid, norm, h);
		err = db_exec(NULL, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", "ib",
			      uid, h, sizeof(h));
	}
	return nerr_pass(err);
}

NEOERR *totp_recovery_use(long long uid, const char *code, int *ok)
{
	unsigned char h[32];
	char norm[32];
	unsigned long long n = 0;
	NEOERR *err;

	*ok = 0;
	normalise(code, norm, sizeof(norm));
	if (strlen(norm) != 10)
		return STATUS_OK;
	code_hash(uid, norm, h);
	err = db_exec(&n, "UPDATE recovery_codes SET used_at = UTC_TIMESTAMP()"
			  " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
		      "ib", uid, h, sizeof(h));
	*ok = !err && n == 1;
	return nerr_pass(err);
}
