/* profile.c: a user's details and the optional personal fields (Fields.*) — which are on, their checks, shown, saved */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "conf.h"
#include "db.h"
#include "page.h"
#include "param.h"
#include "profile.h"
#include "util.h"

/* The youngest and oldest a person with a date of birth may be: work is
 * allowed from 13 (light work, in the Netherlands), and nobody registers
 * at over 100. */
#define AGE_MIN 13
#define AGE_MAX 100

/* The form fields of each switch. */
static const struct field {
	unsigned group;
	const char *name;
} form_fields[] = {
	{ PROFILE_MOBILE, "mobile" },
	{ PROFILE_BIRTH, "birth_date" },
	{ PROFILE_ADDRESS, "street" },
	{ PROFILE_ADDRESS, "postcode" },
	{ PROFILE_ADDRESS, "city" },
	{ PROFILE_ADDRESS, "country" },
};

unsigned profile_fields(const char *kind)
{
	unsigned f = 0;

	if (conf_int("Fields.Mobile"))
		f |= PROFILE_MOBILE;
	if (kind && !strcmp(kind, "worker")) {
		if (conf_int("Fields.BirthDate"))
			f |= PROFILE_BIRTH;
		if (conf_int("Fields.Address"))
			f |= PROFILE_ADDRESS;
	}
	return f;
}

static const char *given(Request *r, const char *name)
{
	const char *v = param_str(r, name);
	return v && *v ? v : NULL;
}

const char *profile_foreign(Request *r, unsigned fields)
{
	for (size_t i = 0; i < ARRAY_SIZE(form_fields); i++)
		if (!(fields & form_fields[i].group) && given(r, form_fields[i].name))
			return form_fields[i].name;
	return NULL;
}

int profile_phone_ok(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr("+ -()", *s))
			return 0;
	}
	return digits >= 6 && digits <= 15;
}

/* --- postal codes -------------------------------------------------------- */

/* How each country writes its postal code: '9' a digit, 'A' a letter, a
 * space or dash as it is. A country not listed (GB) takes 3 to 10 letters,
 * digits, spaces and dashes with at least one digit. */
static const struct postcode {
	const char *country, *shape;
} postcodes[] = {
	{ "NL", "9999 AA" }, { "BE", "9999" }, { "DE", "99999" }, { "FR", "99999" }, { "LU", "9999" },
	{ "PL", "99-999" }, { "RO", "999999" }, { "BG", "9999" }, { "HU", "9999" }, { "LT", "99999" },
	{ "LV", "9999" }, { "SK", "999 99" }, { "CZ", "999 99" }, { "PT", "9999-999" }, { "ES", "99999" },
	{ "IT", "99999" }, { "GR", "999 99" }, { "UA", "99999" },
};

/* in as country writes it into out ("1234ab" → "1234 AB"; a leading
 * "LT-" of its own country dropped); 0 when it is no postal code there. */
static int postcode_norm(const char *country, const char *in, char *out, size_t len)
{
	char s[32];
	size_t n = 0, k = 0, o = 0;
	const char *shape = NULL;

	/* Upper case, spaces squeezed, ends trimmed. */
	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (n + 1 >= sizeof(s))
			return 0;
		if (c == ' ') {
			if (n && s[n - 1] != ' ')
				s[n++] = ' ';
		} else if (isalnum(c) || c == '-') {
			s[n++] = (char)toupper(c);
		} else {
			return 0;
		}
	}
	while (n && s[n - 1] == ' ')
		n--;
	s[n] = '\0';
	if (country && strlen(country) == 2 && n > 3 && !strncmp(s, country, 2) && s[2] == '-') {
		memmove(s, s + 3, n - 2);
		n -= 3;
	}
	for (size_t i = 0; country && i < ARRAY_SIZE(postcodes); i++)
		if (!strcmp(postcodes[i].country, country))
			shape = postcodes[i].shape;
	if (!shape) {
		int digits = 0;
		for (size_t i = 0; i < n; i++)
			digits += isdigit((unsigned char)s[i]) != 0;
		if (n < 3 || n > 10 || !digits || n + 1 > len)
			return 0;
		memcpy(out, s, n + 1);
		return 1;
	}
	/* The shape's spaces and dashes may be left out by whoever types it. */
	if (strlen(shape) + 1 > len)
		return 0;
	for (const char *p = shape; *p; p++) {
		if (*p == ' ' || *p == '-') {
			if (k < n && s[k] == *p)
				k++;
			out[o++] = *p;
			continue;
		}
		if (k >= n || (*p == '9' && !isdigit((unsigned char)s[k])) ||
		    (*p == 'A' && !isalpha((unsigned char)s[k])))
			return 0;
		out[o++] = s[k++];
	}
	out[o] = '\0';
	/* The Netherlands has no codes that start with 0. */
	if (!strcmp(country, "NL") && out[0] == '0')
		return 0;
	return k == n;
}

/* --- checks ------------------------------------------------------------- */

static int marked(Request *r, const char *name)
{
	char key[96];
	snprintf(key, sizeof(key), "Page.Errors.%s", name);
	return hdf_get_value(r->hdf, key, NULL) != NULL;
}

/* today, shifted by years, as "YYYY-MM-DD" (29 February goes to the 28th
 * in other years). */
static void years_ago(int years, char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	tm.tm_year -= years;
	if (tm.tm_mon == 1 && tm.tm_mday == 29)
		tm.tm_mday = 28;
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void profile_check(Request *r, unsigned fields)
{
	const char *v;

	if ((fields & PROFILE_MOBILE) && (v = given(r, "mobile")) && !marked(r, "mobile") &&
	    !profile_phone_ok(v))
		param_error(r, "mobile", "phone");
	if ((fields & PROFILE_BIRTH) && (v = given(r, "birth_date")) && !marked(r, "birth_date")) {
		char today[11], young[11], old[11];
		years_ago(0, today);
		years_ago(AGE_MIN, young);
		years_ago(AGE_MAX, old);
		/* "YYYY-MM-DD" sort as the dates they are. */
		if (strcmp(v, today) >= 0)
			param_error(r, "birth_date", "birth_future");
		else if (strcmp(v, young) > 0 || strcmp(v, old) < 0)
			param_error(r, "birth_date", "birth_range");
	}
	if (fields & PROFILE_ADDRESS) {
		static const char *const parts[] = { "street", "postcode", "city" };
		int any = 0;
		char pc[16];
		for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
			any |= given(r, parts[i]) != NULL;
		if (!any)
			return;
		for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
			if (!given(r, parts[i]) && !marked(r, parts[i]))
				param_error(r, parts[i], "address_whole");
		if (!given(r, "country") && !marked(r, "country"))
			param_error(r, "country", "required");
		if ((v = given(r, "postcode")) && !marked(r, "postcode") && given(r, "country") &&
		    !marked(r, "country") && !postcode_norm(given(r, "country"), v, pc, sizeof(pc)))
			param_error(r, "postcode", "postcode");
	}
}

void profile_flags(Request *r, unsigned fields)
{
	if (fields & PROFILE_MOBILE)
		hdf_set_value(r->hdf, "Page.Fields.Mobile", "1");
	if (fields & PROFILE_BIRTH)
		hdf_set_value(r->hdf, "Page.Fields.BirthDate", "1");
	if (fields & PROFILE_ADDRESS) {
		hdf_set_value(r->hdf, "Page.Fields.Address", "1");
		page_words(r, "Countries", PROFILE_COUNTRIES);
	}
}

/* --- reading and writing ------------------------------------------------- */

/* The columns, in the order both statements below read them. */
enum { C_FIRST, C_LAST, C_TITLE, C_EMAIL, C_MOBILE, C_BIRTH, C_STREET, C_POSTCODE, C_CITY, C_COUNTRY, C_N };

static const struct column {
	const char *form, *page;
	unsigned group;       /* 0: always there */
} columns[C_N] = {
	{ "first_name", NULL, 0 },
	{ "last_name", NULL, 0 },
	{ "job_title", NULL, 0 },
	{ "email", NULL, 0 },
	{ "mobile", "Mobile", PROFILE_MOBILE },
	{ "birth_date", "BirthDate", PROFILE_BIRTH },
	{ "street", "Street", PROFILE_ADDRESS },
	{ "postcode", "Postcode", PROFILE_ADDRESS },
	{ "city", "City", PROFILE_ADDRESS },
	{ "country", "Country", PROFILE_ADDRESS },
};

#define SELECT_COLUMNS \
	"SELECT first_name, last_name, job_title, email, mobile, DATE_FORMAT(birth_date, '%Y-%m-%d')," \
	" address_street, address_postcode, address_city, address_country"

NEOERR *profile_load(Request *r, long long uid, unsigned fields, HDF *h, int form)
{
	DBQuery *q;
	NEOERR *err = db_query(&q, SELECT_COLUMNS " FROM users WHERE id = ?", "i", uid);

	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		for (int c = 0; c < C_N; c++) {
			char key[64];
			const char *v = db_str(q, c);
			if (columns[c].group && !(fields & columns[c].group))
				continue;
			if (columns[c].page)
				page_put(h, columns[c].page, v);
			if (!form)
				continue;
			snprintf(key, sizeof(key), "Page.Form.%s", columns[c].form);
			hdf_set_value(r->hdf, key, v ? v : "");
		}
	}
	db_end(&q);
	if (form && (fields & PROFILE_ADDRESS) && !*hdf_get_value(r->hdf, "Page.Form.country", ""))
		hdf_set_value(r->hdf, "Page.Form.country", "NL");
	return STATUS_OK;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* User uid's login address is about to change, his row locked and still
 * holding the old one: his sessions end, his unused invitation and reset
 * links stop working (they went to the old address), and the old address
 * is told by whom and whom to ask — so that a takeover of an account
 * through its address does not go unseen by its owner. */
static NEOERR *email_moves(Request *r, long long uid)
{
	char key[96], *by = NULL;
	HDF *extra = NULL;
	NEOERR *err;

	err = account_end_sessions(uid, 0, "revoked");
	if (!err)
		err = db_exec(NULL, "DELETE FROM tokens WHERE user_id = ? AND used_at IS NULL", "i", uid);
	if (!err && r && r->user)
		err = db_value(&by, "SELECT CONCAT(first_name, ' ', last_name) FROM users WHERE id = ?", "i",
			       r->user->id);
	if (err) {
		free(by);
		return nerr_pass(err);
	}
	hdf_init(&extra);
	if (by)
		hdf_set_value(extra, "By", by);
	snprintf(key, sizeof(key), "mail:email-changed:%lld:%lld", uid, (long long)util_now_us());
	/* account_mail reads the address from the row: the old one, still. */
	err = account_mail(uid, "EmailChanged", key, extra);
	hdf_destroy(&extra);
	free(by);
	return nerr_pass(err);
}

NEOERR *profile_save(Request *r, long long uid, unsigned fields, unsigned how, STRING *changed)
{
	char *old[C_N] = { NULL };
	const char *now[C_N] = { NULL };
	int in_play[C_N];
	char pc[16];
	DBQuery *q;
	NEOERR *err;
	int found = 0, erased = 0;

	/* Erased since the form was loaded (the erasure locks this row too):
	 * nothing of him is written again. */
	err = db_query(&q, SELECT_COLUMNS ", erased_at IS NOT NULL FROM users WHERE id = ? FOR UPDATE", "i", uid);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		found = 1;
		for (int c = 0; c < C_N; c++)
			old[c] = db_str(q, c) ? xstrdup(db_str(q, c)) : NULL;
		erased = db_int(q, C_N) != 0;
	}
	db_end(&q);
	if (!found || erased) {
		for (int c = 0; c < C_N; c++)
			free(old[c]);
		return nerr_raise(NERR_NOT_FOUND, "user %lld %s", uid, found ? "was erased" : "does not exist");
	}
	for (int c = 0; c < C_N; c++) {
		in_play[c] = columns[c].group ? (fields & columns[c].group) != 0 : 1;
		now[c] = given(r, columns[c].form);
	}
	in_play[C_EMAIL] = (how & PROFILE_WITH_EMAIL) != 0;
	in_play[C_FIRST] = in_play[C_LAST] = !(how & PROFILE_KEEP_NAMES);
	now[C_TITLE] = or_empty(now[C_TITLE]);
	if (now[C_POSTCODE] && now[C_COUNTRY] && postcode_norm(now[C_COUNTRY], now[C_POSTCODE], pc, sizeof(pc)))
		now[C_POSTCODE] = pc;
	/* No address: no country either (the form always sends one). */
	if (!now[C_STREET] && !now[C_POSTCODE] && !now[C_CITY])
		now[C_COUNTRY] = NULL;
	for (int c = 0; c < C_N; c++) {
		if (!in_play[c] || same(old[c], now[c]))
			continue;
		if (changed->len)
			string_append(changed, ", ");
		string_append(changed, columns[c].form);
	}
	if (in_play[C_EMAIL] && !same(old[C_EMAIL], now[C_EMAIL]))
		err = email_moves(r, uid);
	if (!err && changed->len)
		err = db_exec(NULL,
			"UPDATE users SET first_name = IF(?, ?, first_name), last_name = IF(?, ?, last_name),"
			" job_title = ?, email = IF(?, ?, email),"
			" mobile = IF(?, ?, mobile), birth_date = IF(?, ?, birth_date),"
			" address_street = IF(?, ?, address_street), address_postcode = IF(?, ?, address_postcode),"
			" address_city = IF(?, ?, address_city), address_country = IF(?, ?, address_country)"
			" WHERE id = ?",
			"isissisisisisisisisi", (long long)in_play[C_FIRST], now[C_FIRST], (long long)in_play[C_LAST],
			now[C_LAST], now[C_TITLE], (long long)in_play[C_EMAIL], now[C_EMAIL],
			(long long)in_play[C_MOBILE], now[C_MOBILE], (long long)in_play[C_BIRTH], now[C_BIRTH],
			(long long)in_play[C_STREET], now[C_STREET], (long long)in_play[C_POSTCODE], now[C_POSTCODE],
			(long long)in_play[C_CITY], now[C_CITY], (long long)in_play[C_COUNTRY], now[C_COUNTRY], uid);
	for (int c = 0; c < C_N; c++)
		free(old[c]);
	return nerr_pass(err);
}
