/* mail.c: building a message and sending it over SMTP with libcurl (the worker's side of mail) */
#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "conf.h"
#include "mail.h"
#include "util.h"

int mail_header_ok(const char *s)
{
	return s && util_utf8_ok(s, 0) && !strpbrk(s, "\t");
}

int mail_address_ok(const char *s)
{
	const char *at;

	if (!s || !*s || strlen(s) > 254 || !mail_header_ok(s))
		return 0;
	at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || strchr("<>()[],;:\\\"", *s))
			return 0;
	return 1;
}

/* Encodes a header value as RFC 2047 words when it is not plain ASCII. */
static void header_text(STRING *out, const char *s)
{
	int ascii = 1;
	size_t len = strlen(s);

	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80)
			ascii = 0;
	if (ascii) {
		string_append(out, s);
		return;
	}
	/* 45 bytes of text make 60 of base64: each word stays under 76. Words
	 * are cut between characters, never inside one. */
	for (size_t i = 0; i < len;) {
		size_t n = len - i < 45 ? len - i : 45;
		unsigned char b64[64];
		while (n < len - i && ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(b64, (const unsigned char *)s + i, (int)n);
		string_appendf(out, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "", b64);
		i += n;
	}
}

static void body_base64(STRING *out, const char *text)
{
	size_t len = strlen(text);
	unsigned char line[80];

	/* 57 bytes make one 76-character line. */
	for (size_t i = 0; i < len; i += 57) {
		size_t n = len - i < 57 ? len - i : 57;
		EVP_EncodeBlock(line, (const unsigned char *)text + i, (int)n);
		string_appendf(out, "%s\r\n", line);
	}
}

NEOERR *mail_build(STRING *out, long long id, const char *key, const char *payload, char *rcpt,
		   size_t rcpt_len)
{
	json_t *o;
	json_error_t jerr;
	const char *to = NULL, *to_name = "", *subject = NULL, *text = NULL;
	const char *from = conf_str("Mail.From"), *domain = strchr(from, '@') + 1;
	unsigned char h[32];
	char hex[65], date[64];
	time_t now = time(NULL);
	struct tm tm;

	o = json_loads(payload, 0, &jerr);
	if (!o)
		return nerr_raise(NERR_PARSE, "mail payload: %s", jerr.text);
	if (json_unpack(o, "{s:s, s?s, s:s, s:s}", "to", &to, "to_name", &to_name, "subject",
			&subject, "text", &text) != 0 ||
	    !mail_address_ok(to) || !mail_header_ok(to_name) || !mail_header_ok(subject) ||
	    !util_utf8_ok(text, 1)) {
		json_decref(o);
		return nerr_raise(NERR_ASSERT, "mail payload refused: missing field or control character");
	}
	snprintf(rcpt, rcpt_len, "%s", to);
	SHA256((const unsigned char *)key, strlen(key), h);
	util_hex(h, 8, hex);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);

	string_appendf(out, "Date: %s\r\n", date);
	string_append(out, "From: ");
	header_text(out, conf_str("Mail.FromName"));
	string_appendf(out, " <%s>\r\nTo: ", from);
	if (*to_name) {
		header_text(out, to_name);
		string_appendf(out, " <%s>\r\n", to);
	} else {
		string_appendf(out, "%s\r\n", to);
	}
	string_append(out, "Subject: ");
	header_text(out, subject);
	string_appendf(out, "\r\nMessage-ID: <outbox-%lld-%s@%s>\r\n", id, hex, domain);
	string_append(out, "MIME-Version: 1.0\r\n"
			   "Content-Type: text/plain; charset=utf-8\r\n"
			   "Content-Transfer-Encoding: base64\r\n"
			   "Auto-Submitted: auto-generated\r\n\r\n");
	body_base64(out, text);
	json_decref(o);
	return STATUS_OK;
}

struct upload {
	const char *buf;
	size_t len, off;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *ctx)
{
	struct upload *u = ctx;
	size_t n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(dst, u->buf + u->off, n);
	u->off += n;
	return n;
}

NEOERR *mail_send(long long id, const char *key, const char *payload, int *permanent)
{
	char rcpt[256], from[300], errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *rcpts = NULL;
	struct upload u;
	STRING msg;
	NEOERR *err;
	CURL *c;
	CURLcode rc;
	long code = 0;
	const char *tls = conf_str("Mail.TLS");

	*permanent = 0;
	string_init(&msg);
	err = mail_build(&msg, id, key, payload, rcpt, sizeof(rcpt));
	if (err) {
		*permanent = 1;
		string_clear(&msg);
		return nerr_pass(err);
	}
	c = curl_easy_init();
	if (!c) {
		string_clear(&msg);
		return nerr_raise(NERR_NOMEM, "curl_easy_init failed");
	}
	snprintf(from, sizeof(from), "<%s>", conf_str("Mail.From"));
	rcpts = curl_slist_append(rcpts, rcpt);
	u.buf = msg.buf;
	u.len = (size_t)msg.len;
	u.off = 0;
	curl_easy_setopt(c, CURLOPT_URL, conf_str("Mail.URL"));
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_INFILESIZE, (long)u.len);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)conf_int("Mail.TimeoutSeconds"));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (!strcmp(tls, "starttls"))
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (*conf_str("Mail.CAFile"))
		curl_easy_setopt(c, CURLOPT_CAINFO, conf_str("Mail.CAFile"));
	if (*conf_str("Mail.User")) {
		curl_easy_setopt(c, CURLOPT_USERNAME, conf_str("Mail.User"));
		curl_easy_setopt(c, CURLOPT_PASSWORD, conf_secrets()->mail_password);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (rc != CURLE_OK) {
		/* 5xx answers will not change on a retry; the rest may. */
		*permanent = code >= 500 && code < 600 && rc != CURLE_OPERATION_TIMEDOUT;
		err = nerr_raise(NERR_IO, "SMTP: %s (%s, code %ld)", curl_easy_strerror(rc),
				 errbuf, code);
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	string_clear(&msg);
	return err;
}
