/* backoffice.c: the back-office API over libcurl */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>

#include "backoffice.h"
#include "conf.h"
#include "util.h"

/* Answers longer than this are cut: a contract's PDF is far smaller. */
#define ANSWER_MAX (16 * 1024 * 1024)

static size_t collect(char *data, size_t size, size_t n, void *arg)
{
	STRING *s = arg;

	if (s->len + size * n > ANSWER_MAX)
		return 0;
	string_appendn(s, data, (int)(size * n));
	return size * n;
}

/* A call: a POST of body with its key, or a GET when body is NULL. */
static NEOERR *call(const char *path, const char *key, const char *body, long *status, char **answer)
{
	char url[1024], auth[320], idem[256], errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *head = NULL;
	STRING out;
	CURL *c;

	*status = 0;
	*answer = NULL;
	snprintf(url, sizeof(url), "%s%s", conf_str("Backoffice.URL"), path);
	snprintf(auth, sizeof(auth), "Authorization: Bearer %s", conf_secrets()->backoffice_token);
	snprintf(idem, sizeof(idem), "Idempotency-Key: %s", key ? key : "");
	c = curl_easy_init();
	if (!c)
		return nerr_raise(NERR_NOMEM, "curl_easy_init failed");
	string_init(&out);
	head = curl_slist_append(head, "Accept: application/json");
	head = curl_slist_append(head, auth);
	if (body) {
		head = curl_slist_append(head, "Content-Type: application/json");
		head = curl_slist_append(head, idem);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, head);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)conf_int("Backoffice.TimeoutSeconds"));
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
	curl_slist_free_all(head);
	curl_easy_cleanup(c);
	if (!*status) {
		string_clear(&out);
		*answer = xstrdup(*errbuf ? errbuf : "no answer");
		return STATUS_OK;
	}
	*answer = out.buf ? out.buf : xstrdup("");
	return STATUS_OK;
}

NEOERR *backoffice_post(const char *path, const char *key, const char *body, long *status, char **answer)
{
	return nerr_pass(call(path, key, body, status, answer));
}

NEOERR *backoffice_get(const char *path, long *status, char **answer)
{
	return nerr_pass(call(path, NULL, NULL, status, answer));
}
