/* fuzz_param.c: the parameter validators (param_check) against what each
 * type promises a handler: a value let through must be what its spec
 * says, whatever the bytes.
 *
 * The input: a byte that picks the type, a byte for the required flag,
 * then the value (up to its first NUL). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "param.h"
#include "util.h"

static const Param specs[] = {
	{ "n", P_INT, 0, -1000, 1000, NULL },
	{ "id", P_IDS, 0, 1, ID_MAX, NULL },
	{ "day", P_DATE, 0, 0, 0, NULL },
	{ "month", P_MONTH, 0, 0, 0, NULL },
	{ "email", P_EMAIL, 0, 0, 254, NULL },
	{ "state", P_ENUM, 0, 0, 0, "open closed filled open-ended" },
	{ "note", P_TEXT, 0, 0, 50, NULL },
	{ "name", P_LINE, 0, 2, 20, NULL },
	{ "token", P_TOKEN, 0, 8, 43, NULL },
	{ "next", P_LOCAL, 0, 0, 0, NULL },
	{ "password", P_SECRET, 0, 0, 64, NULL },
	{ "file", P_FILE, 0, 0, 200, NULL },
};

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int controls(const char *v, int newlines)
{
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if ((c < 0x20 && c != '\t' && !(newlines && (c == '\n' || c == '\r'))) || c == 0x7f)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Param p;
	char *v;
	const char *why;
	size_t len;

	if (size < 2)
		return 0;
	p = specs[data[0] % (sizeof(specs) / sizeof(specs[0]))];
	if (data[1] & 1)
		p.flags |= P_REQUIRED;
	v = strndup((const char *)data + 2, size - 2);
	len = strlen(v);
	why = param_check(&p, v);
	if (!len) {
		if (!!why != !!(p.flags & P_REQUIRED))
			abort();
		goto out;
	}
	if (why)
		goto out;
	/* Let through: then it is what the type says. */
	switch (p.type) {
	case P_INT:
	case P_IDS: {
		char *end;
		long long n;
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*end || errno || n < p.min || n > p.max)
			abort();
		break;
	}
	case P_DATE:
		if (len != 10 || !digits(v, 4) || v[4] != '-' || !digits(v + 5, 2) || v[7] != '-' || !digits(v + 8, 2))
			abort();
		break;
	case P_MONTH:
		if (len != 7 || !digits(v, 4) || v[4] != '-' || !digits(v + 5, 2) || atoi(v + 5) < 1 || atoi(v + 5) > 12)
			abort();
		break;
	case P_EMAIL:
		if (len > 254 || strchr(v, '\r') || strchr(v, '\n') || !strchr(v, '@') ||
		    strchr(v, '@') != strrchr(v, '@') || !util_utf8_ok(v, 0) || strpbrk(v, "<>\",; "))
			abort();
		break;
	case P_ENUM: {
		char words[64], *save = NULL, *w;
		int found = 0;
		snprintf(words, sizeof(words), "%s", p.values);
		for (w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
			found |= !strcmp(w, v);
		if (!found)
			abort();
		break;
	}
	case P_TEXT:
		if (!util_utf8_ok(v, 1) || controls(v, 1) || (long long)util_utf8_len(v) > p.max)
			abort();
		break;
	case P_LINE:
	case P_SECRET:
	case P_FILE:
		if (!util_utf8_ok(v, 0) || controls(v, 0) || (long long)util_utf8_len(v) > p.max ||
		    (long long)util_utf8_len(v) < p.min)
			abort();
		break;
	case P_TOKEN:
		if ((long long)len < p.min || (long long)len > p.max || strspn(v,
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") != len)
			abort();
		break;
	case P_LOCAL:
		/* Never another host: not //host, not /\host, no space or
		 * control character for a browser to drop. */
		if (v[0] != '/' || v[1] == '/' || v[1] == '\\' || strchr(v, '\\') || controls(v, 0) || strchr(v, ' '))
			abort();
		break;
	}
out:
	free(v);
	return 0;
}
