/* param.c: per-route parameter validation — handlers see only values that passed */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "param.h"
#include "util.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int date_ok(const char *v)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
			return 0;
	y = atoi(v);
	m = atoi(v + 5);
	d = atoi(v + 8);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && is_leap(y));
}

/* YYYY-MM: a month, as <input type="month"> sends it. */
static int month_ok(const char *v)
{
	char day[11];

	if (strlen(v) != 7)
		return 0;
	snprintf(day, sizeof(day), "%s-01", v);
	return date_ok(day);
}

static int email_ok(const char *v)
{
	const char *at = strchr(v, '@'), *dot;

	if (!at || at == v || strchr(at + 1, '@'))
		return 0;
	dot = strrchr(at + 1, '.');
	if (!dot || dot == at + 1 || !dot[1] || dot[1] == '\0')
		return 0;
	for (const char *s = v; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c == 0x7f || strchr("<>()[],;:\\\"", c))
			return 0;
	}
	return at[1] != '.' && v[strlen(v) - 1] != '.';
}

static int enum_ok(const char *values, const char *v)
{
	size_t l = strlen(v);
	const char *p = values;

	if (!l || strchr(v, ' '))
		return 0;
	while ((p = strstr(p, v)) != NULL) {
		if ((p == values || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0'))
			return 1;
		p += l;
	}
	return 0;
}

const char *param_check(const Param *p, const char *v)
{
	if (!v || !*v)
		return (p->flags & P_REQUIRED) ? "required" : NULL;
	switch (p->type) {
	case P_IDS:
	case P_INT: {
		char *end;
		long long n;
		errno = 0;
		n = strtoll(v, &end, 10);
		if (*end || errno || !(isdigit((unsigned char)v[0]) || v[0] == '-'))
			return "integer";
		if (n < p->min || n > p->max)
			return "range";
		return NULL;
	}
	case P_DATE:
		return date_ok(v) ? NULL : "date";
	case P_MONTH:
		return month_ok(v) ? NULL : "month";
	case P_EMAIL:
		if ((long long)strlen(v) > (p->max ? p->max : 254))
			return "too_long";
		return email_ok(v) && util_utf8_ok(v, 0) ? NULL : "email";
	case P_ENUM:
		return enum_ok(p->values, v) ? NULL : "choice";
	case P_TEXT:
	case P_LINE:
	case P_SECRET:
	case P_FILE:
		if (!util_utf8_ok(v, p->type == P_TEXT))
			return "characters";
		if (p->max && (long long)util_utf8_len(v) > p->max)
			return "too_long";
		if (p->min && (long long)util_utf8_len(v) < p->min)
			return "too_short";
		return NULL;
	case P_TOKEN:
		if (p->max && (long long)strlen(v) > p->max)
			return "too_long";
		if (!util_word(v, 1, SIZE_MAX))
			return "characters";
		return (long long)strlen(v) < p->min ? "too_short" : NULL;
	case P_LOCAL:
		if (v[0] != '/' || v[1] == '/' || v[1] == '\\' || strlen(v) > 512)
			return "path";
		for (const char *s = v; *s; s++)
			if ((unsigned char)*s <= ' ' || *s == '\\' || *s == 0x7f)
				return "path";
		return NULL;
	}
	return "invalid";
}

int param_ids(Request *r, const char *name, long long *out, int max)
{
	HDF *h = r->params ? hdf_get_obj(r->params, name) : NULL;
	int n = 0;

	if (!h)
		return 0;
	if (!hdf_obj_child(h) && hdf_obj_value(h))
		out[n++] = strtoll(hdf_obj_value(h), NULL, 10);
	for (HDF *c = hdf_obj_child(h); c && n < max; c = hdf_obj_next(c))
		if (hdf_obj_value(c))
			out[n++] = strtoll(hdf_obj_value(c), NULL, 10);
	return n;
}

const char *param_str(Request *r, const char *name)
{
	return r->params ? hdf_get_value(r->params, name, NULL) : NULL;
}

long long param_int(Request *r, const char *name, long long def)
{
	const char *v = param_str(r, name);
	return v && *v ? strtoll(v, NULL, 10) : def;
}

void param_error(Request *r, const char *name, const char *code)
{
	char key[128];
	snprintf(key, sizeof(key), "Page.Errors.%s", name);
	hdf_set_value(r->hdf, key, code);
	r->form_errors++;
}

void param_keep_form(Request *r)
{
	const Param *p;
	char key[128];

	if (!r->route || !r->route->params)
		return;
	for (p = r->route->params; p->name; p++) {
		const char *v;
		if (!(p->flags & P_FORM) || p->type == P_SECRET || p->type == P_FILE)
			continue;
		v = hdf_get_value(r->params, p->name, NULL);
		if (!v)
			continue;
		snprintf(key, sizeof(key), "Page.Form.%s", p->name);
		hdf_set_value(r->hdf, key, v);
	}
}
