/* bsn.c: a temp worker's national ID number — checked, sealed at rest, shown masked */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>

#include "bsn.h"
#include "crypto.h"
#include "db.h"

/* The Dutch 11-test: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11. */
static int nl_ok(const char *d)
{
	int sum = 0;

	if (strlen(d) != 9 || !strcmp(d, "000000000"))
		return 0;
	for (int i = 0; i < 8; i++)
		sum += (9 - i) * (d[i] - '0');
	sum -= d[8] - '0';
	return sum % 11 == 0;
}

/* The Belgian national register number: YYMMDD, a serial of three
 * digits, and 97 less the first nine modulo 97 — for those born from 2000
 * on, the first nine with a 2 in front. */
static int be_ok(const char *d)
{
	long long first = 0;
	int check;

	if (strlen(d) != 11)
		return 0;
	for (int i = 0; i < 9; i++)
		first = first * 10 + (d[i] - '0');
	if (!first)
		return 0;
	check = (d[9] - '0') * 10 + (d[10] - '0');
	return check == 97 - (int)(first % 97) || check == 97 - (int)((2000000000LL + first) % 97);
}

int bsn_check(const char *country, const char *in, char out[BSN_LEN])
{
	size_t n = 0;

	out[0] = '\0';
	if (!country || !in)
		return 0;
	for (; *in; in++) {
		if (*in == ' ' || *in == '.' || *in == '-')
			continue;
		if (*in < '0' || *in > '9' || n == BSN_LEN - 1) {
			out[0] = '\0';
			return 0;
		}
		out[n++] = *in;
	}
	out[n] = '\0';
	if (!strcmp(country, "NL"))
		return nl_ok(out);
	if (!strcmp(country, "BE"))
		return be_ok(out);
	return 0;
}

void bsn_mask(const char *digits, char *out, size_t len)
{
	size_t n = strlen(digits), i;

	if (!len)
		return;
	for (i = 0; i < n && i + 1 < len; i++)
		out[i] = i + 4 < n ? '*' : digits[i];
	out[i] = '\0';
}

static void aad_of(long long user, char *aad, size_t len)
{
	snprintf(aad, len, "bsn:%lld", user);
}

NEOERR *bsn_store(long long user, const char *country, const char *digits)
{
	unsigned char sealed[BSN_LEN + CRYPTO_OVERHEAD];
	char aad[40];
	size_t n = strlen(digits);
	NEOERR *err;

	if (!n || n >= BSN_LEN)
		return nerr_raise(NERR_ASSERT, "a national ID number of %zu digits", n);
	aad_of(user, aad, sizeof(aad));
	err = crypto_seal((const unsigned char *)digits, n, aad, sealed);
	if (err)
		return nerr_pass(err);
	return nerr_pass(db_exec(NULL, "UPDATE users SET bsn_country = ?, bsn_sealed = ? WHERE id = ?", "sbi",
				 country, sealed, n + CRYPTO_OVERHEAD, user));
}

NEOERR *bsn_recorded(long long user, int *set, int lock)
{
	char *v = NULL;
	NEOERR *err = lock ? db_value(&v, "SELECT bsn_sealed IS NOT NULL FROM users WHERE id = ? FOR UPDATE", "i", user)
			   : db_value(&v, "SELECT bsn_sealed IS NOT NULL FROM users WHERE id = ?", "i", user);

	*set = v && atoi(v);
	free(v);
	return nerr_pass(err);
}

NEOERR *bsn_load(long long user, int *set, char country[3], char digits[BSN_LEN])
{
	DBQuery *q;
	NEOERR *err;
	char aad[40];

	*set = 0;
	country[0] = digits[0] = '\0';
	err = db_query(&q, "SELECT bsn_country, bsn_sealed FROM users WHERE id = ? AND bsn_sealed IS NOT NULL", "i",
		       user);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		size_t len = db_len(q, 1);
		if (len <= CRYPTO_OVERHEAD || len - CRYPTO_OVERHEAD >= BSN_LEN) {
			db_end(&q);
			return nerr_raise(NERR_ASSERT, "the sealed national ID number of user %lld is %zu bytes", user,
					  len);
		}
		aad_of(user, aad, sizeof(aad));
		err = crypto_open((const unsigned char *)db_str(q, 1), len, aad, (unsigned char *)digits);
		if (!err) {
			digits[len - CRYPTO_OVERHEAD] = '\0';
			snprintf(country, 3, "%s", db_str(q, 0) ? db_str(q, 0) : "");
			*set = 1;
		} else {
			OPENSSL_cleanse(digits, BSN_LEN);
		}
	}
	db_end(&q);
	return nerr_pass(err);
}
