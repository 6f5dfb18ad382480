/* conf.c: the portal's configuration (conf/portal.hdf) and secrets, loaded once per process */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <openssl/crypto.h>

#include "conf.h"
#include "tz.h"
#include "util.h"

enum ctype { C_STR, C_OPT, C_INT, C_BOOL, C_URL, C_ENUM, C_EMAIL, C_PREFIX, C_ZONE, C_CLOCK, C_DATE };

/* Every option the portal knows. A default that starts with '@' names
 * another option and a suffix: "@Paths.Var/run" is Paths.Var + "/run". */
static const struct rule {
	const char *key;
	enum ctype type;
	const char *def;
	long min, max;
	const char *values;
} rules[] = {
	{ "Portal.Name", C_STR, "Flexportal", 0, 0, NULL },
	{ "Portal.BaseURL", C_URL, "https://127.0.0.1:8443", 0, 0, NULL },
	{ "Portal.Prefix", C_PREFIX, "", 0, 0, NULL },
	{ "Portal.DefaultLang", C_ENUM, "nl", 0, 0, "nl en fr" },
	{ "Portal.Announcement", C_OPT, "", 0, 0, NULL },
	{ "Announcements.CacheSeconds", C_INT, "30", 0, 3600, NULL },
	{ "Portal.Modules", C_OPT, "vacancies planning timesheets documents admin", 0, 0, NULL },
	{ "Portal.SupportEmail", C_EMAIL, "support@uitzendbureau.example", 0, 0, NULL },
	{ "Paths.Templates", C_STR, "templates", 0, 0, NULL },
	{ "Paths.Static", C_STR, "htdocs/static", 0, 0, NULL },
	{ "Paths.Sql", C_STR, "sql", 0, 0, NULL },
	{ "Paths.Roles", C_STR, "conf/roles.hdf", 0, 0, NULL },
	{ "Paths.DocumentTypes", C_STR, "conf/documents.hdf", 0, 0, NULL },
	{ "Paths.Privacy", C_STR, "conf/privacy.hdf", 0, 0, NULL },
	{ "Paths.Var", C_STR, "var", 0, 0, NULL },
	{ "Paths.Run", C_STR, "@Paths.Var/run", 0, 0, NULL },
	{ "Paths.Log", C_STR, "@Paths.Var/log", 0, 0, NULL },
	{ "Paths.Tmp", C_STR, "@Paths.Var/tmp", 0, 0, NULL },
	{ "Paths.Secrets", C_STR, "@Paths.Var/secrets.hdf", 0, 0, NULL },
	{ "Paths.Files", C_STR, "@Paths.Var/files", 0, 0, NULL },
	{ "Database.Socket", C_OPT, "@Paths.Run/mysqld.sock", 0, 0, NULL },
	{ "Database.Host", C_OPT, "", 0, 0, NULL },
	{ "Database.Hosts", C_OPT, "", 0, 0, NULL },
	{ "Database.Port", C_INT, "0", 0, 65535, NULL },
	{ "Database.TLS", C_ENUM, "auto", 0, 0, "auto verify off" },
	{ "Database.CAFile", C_OPT, "", 0, 0, NULL },
	{ "Database.Name", C_STR, "flexportal", 0, 0, NULL },
	{ "Database.User", C_STR, "portal", 0, 0, NULL },
	{ "Database.AdminUser", C_OPT, "", 0, 0, NULL },
	{ "Backup.User", C_STR, "root", 0, 0, NULL },
	{ "Database.ConnectTimeoutSeconds", C_INT, "3", 1, 60, NULL },
	{ "Limits.MaxBodyBytes", C_INT, "1048576", 1024, 1073741824, NULL },
	{ "Limits.MaxParams", C_INT, "200", 1, 10000, NULL },
	{ "Limits.MaxUploadBytes", C_INT, "22020096", 1024, 1073741824, NULL },
	{ "Session.IdleMinutes", C_INT, "30", 1, 1440, NULL },
	{ "Session.AbsoluteHours", C_INT, "12", 1, 168, NULL },
	{ "Passwords.BcryptCost", C_INT, "12", 4, 31, NULL },
	{ "Login.MaxFailuresPerHour", C_INT, "100", 1, 100000, NULL },
	{ "Login.MaxFailuresPerAddress", C_INT, "300", 1, 1000000, NULL },
	{ "Login.DelayAfterFailures", C_INT, "5", 1, 1000, NULL },
	{ "Login.MaxCodeFailures", C_INT, "5", 1, 100, NULL },
	{ "Login.TwoFactorRoles", C_OPT, "consultant agency_admin privacy_officer", 0, 0, NULL },
	{ "Tokens.InviteHours", C_INT, "72", 1, 720, NULL },
	{ "Tokens.ResetMinutes", C_INT, "30", 5, 1440, NULL },
	{ "Tokens.ResetsPerAccount", C_INT, "3", 1, 100, NULL },
	{ "Tokens.ResetsPerAddress", C_INT, "20", 1, 100000, NULL },
	{ "Inactivity.RevokeDays", C_INT, "183", 1, 3650, NULL },
	{ "Inactivity.WarnDays", C_INT, "14", 1, 365, NULL },
	{ "Inactivity.CheckMinutes", C_INT, "60", 0, 1440, NULL },
	{ "Fields.Mobile", C_BOOL, "1", 0, 1, NULL },
	{ "Fields.BirthDate", C_BOOL, "1", 0, 1, NULL },
	{ "Fields.Address", C_BOOL, "1", 0, 1, NULL },
	{ "Privacy.Photos", C_BOOL, "1", 0, 1, NULL },
	{ "Privacy.RetentionMonths", C_INT, "24", 1, 240, NULL },
	{ "Privacy.ConsentLeadDays", C_INT, "30", 1, 365, NULL },
	{ "Privacy.ConsentLinkDays", C_INT, "30", 1, 365, NULL },
	{ "Privacy.ConsentExtendMonths", C_INT, "12", 1, 120, NULL },
	{ "Privacy.RequestMonths", C_INT, "1", 1, 3, NULL },
	{ "Privacy.RequestExtensionMonths", C_INT, "2", 1, 2, NULL },
	{ "Privacy.RequestRemindDays", C_INT, "7", 1, 60, NULL },
	{ "Privacy.CheckMinutes", C_INT, "60", 0, 1440, NULL },
	{ "Security.Contact", C_STR, "mailto:security@uitzendbureau.example", 0, 0, NULL },
	{ "Security.Expires", C_DATE, "2027-12-31", 0, 0, NULL },
	{ "Security.PreferredLanguages", C_STR, "nl, en, fr", 0, 0, NULL },
	{ "Security.Policy", C_OPT, "", 0, 0, NULL },
	{ "Security.Acknowledgments", C_OPT, "", 0, 0, NULL },
	{ "Security.Encryption", C_OPT, "", 0, 0, NULL },
	{ "Files.ZipMaxEntries", C_INT, "1000", 1, 65535, NULL },
	{ "Files.ZipMaxBytes", C_INT, "104857600", 1048576, 2147483647, NULL },
	{ "Files.SweepGraceMinutes", C_INT, "10", 0, 1440, NULL },
	{ "Vacancies.CloseReasons", C_STR, "filled_elsewhere cancelled budget other", 0, 0, NULL },
	{ "Vacancies.RejectReasons", C_STR, "skills availability experience language other", 0, 0, NULL },
	{ "Planning.TimeZone", C_ZONE, "Europe/Brussels", 0, 0, NULL },
	{ "Planning.MinRestHours", C_INT, "11", 0, 24, NULL },
	{ "Planning.WeeklyMaxHours", C_INT, "50", 1, 168, NULL },
	{ "Planning.WorkersClaim", C_BOOL, "0", 0, 1, NULL },
	{ "Timesheets.NightFrom", C_CLOCK, "22:00", 0, 0, NULL },
	{ "Timesheets.NightTo", C_CLOCK, "06:00", 0, 0, NULL },
	{ "Timesheets.OvertimeAfterHours", C_INT, "8", 1, 24, NULL },
	{ "Timesheets.MaxDayHours", C_INT, "12", 1, 24, NULL },
	{ "Timesheets.MaxWeekHours", C_INT, "60", 1, 168, NULL },
	{ "Timesheets.WeeksShown", C_INT, "8", 1, 104, NULL },
	{ "Timesheets.ListWeeks", C_INT, "26", 1, 520, NULL },
	{ "Timesheets.RemindDay", C_ENUM, "monday", 0, 0, "monday tuesday wednesday thursday friday saturday sunday" },
	{ "Timesheets.RemindHour", C_INT, "9", 0, 23, NULL },
	{ "Cache.Bytes", C_INT, "8388608", 0, 1073741824, NULL },
	{ "Mail.URL", C_URL, "smtp://127.0.0.1:2525", 0, 0, NULL },
	{ "Mail.TLS", C_ENUM, "none", 0, 0, "none starttls smtps" },
	{ "Mail.CAFile", C_OPT, "", 0, 0, NULL },
	{ "Mail.User", C_OPT, "", 0, 0, NULL },
	{ "Mail.From", C_EMAIL, "portal@uitzendbureau.example", 0, 0, NULL },
	{ "Mail.FromName", C_STR, "Flexportal", 0, 0, NULL },
	{ "Mail.TimeoutSeconds", C_INT, "30", 1, 600, NULL },
	{ "Backoffice.URL", C_URL, "http://127.0.0.1:8090", 0, 0, NULL },
	{ "Backoffice.TimeoutSeconds", C_INT, "20", 1, 600, NULL },
	{ "Invoices.PullMinutes", C_INT, "60", 0, 10080, NULL },
	{ "Outbox.MaxAttempts", C_INT, "8", 1, 100, NULL },
	{ "Outbox.RetryBaseSeconds", C_INT, "30", 1, 86400, NULL },
	{ "Outbox.RetryMaxSeconds", C_INT, "3600", 1, 604800, NULL },
	{ "Outbox.BatchSize", C_INT, "20", 1, 1000, NULL },
	{ "Outbox.PollSeconds", C_INT, "2", 1, 300, NULL },
	{ "Outbox.LeaseMarginSeconds", C_INT, "30", 1, 3600, NULL },
	{ "Monitor.AlertEmail", C_OPT, "", 0, 0, NULL },
	{ "Monitor.CheckMinutes", C_INT, "1", 0, 1440, NULL },
	{ "Monitor.OutboxBacklog", C_INT, "1000", 1, 100000000, NULL },
	{ "Monitor.OutboxAgeMinutes", C_INT, "15", 1, 100000, NULL },
	{ "Monitor.DeadLetters", C_INT, "1", 1, 100000000, NULL },
	{ "Monitor.DiskFreePercent", C_INT, "10", 0, 99, NULL },
	{ "Monitor.CertificateDays", C_INT, "14", 0, 365, NULL },
	{ "Monitor.Certificate", C_OPT, "", 0, 0, NULL },
	{ "Monitor.Allow", C_OPT, "127.0.0.1 ::1", 0, 0, NULL },
	{ "Stack.HttpPort", C_INT, "8080", 1, 65535, NULL },
	{ "Stack.HttpsPort", C_INT, "8443", 1, 65535, NULL },
	{ "Stack.SmtpPort", C_INT, "2525", 1, 65535, NULL },
	{ "Stack.BackofficePort", C_INT, "8090", 1, 65535, NULL },
	{ "Stack.Instances", C_INT, "2", 1, 16, NULL },
	{ "Stack.MailDir", C_STR, "@Paths.Var/mail", 0, 0, NULL },
};

static HDF *conf;
static char *conf_path_used;
static struct secrets secrets;
/* Values computed from "@Other/suffix" defaults, owned here. */
static HDF *derived;

static const struct rule *rule_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++)
		if (!strcmp(rules[i].key, key))
			return &rules[i];
	return NULL;
}

const char *conf_file(const char *path)
{
	const char *env;

	if (path && *path)
		return path;
	if (conf_path_used)
		return conf_path_used;
	env = getenv("PORTAL_CONF");
	return env && *env ? env : "conf/portal.hdf";
}

/* The value of key in h, or its default; "@" defaults resolved in h too. */
static const char *lookup(HDF *h, HDF *cache, const char *key)
{
	const struct rule *r = rule_find(key);
	const char *v = h ? hdf_get_value(h, key, NULL) : NULL;
	const char *slash;
	char ref[128];

	if (v)
		return v;
	if (!r)
		return NULL;
	if (r->def[0] != '@')
		return r->def;
	v = hdf_get_value(cache, key, NULL);
	if (v)
		return v;
	slash = strchr(r->def, '/');
	snprintf(ref, sizeof(ref), "%.*s", (int)(slash - r->def - 1), r->def + 1);
	{
		char *full = xasprintf("%s%s", lookup(h, cache, ref), slash);
		hdf_set_value(cache, key, full);
		free(full);
	}
	return hdf_get_value(cache, key, "");
}

const char *conf_str(const char *key)
{
	const char *v = lookup(conf, derived, key);
	return v ? v : "";
}

int conf_int(const char *key)
{
	return atoi(conf_str(key));
}

char *conf_url(const char *fmt, ...)
{
	char *path = NULL, *url;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&path, fmt, ap) < 0)
		abort();
	va_end(ap);
	url = xasprintf("%s%s%s", conf_str("Portal.BaseURL"), conf_str("Portal.Prefix"), path);
	free(path);
	return url;
}

const struct secrets *conf_secrets(void)
{
	return &secrets;
}

HDF *conf_hdf(void)
{
	return conf;
}

/* --- where an option stands in the file, for messages ------------------ */

/* Whether line s is an #include; the file it names into inc ("" when
 * it names none). */
static int include_of(const char *s, char *inc, size_t len)
{
	const char *q = strchr(s, '"'), *q2 = q ? strchr(q + 1, '"') : NULL;

	if (strncmp(s, "#include", 8))
		return 0;
	inc[0] = '\0';
	if (q && q2)
		snprintf(inc, len, "%.*s", (int)(q2 - q - 1), q + 1);
	return 1;
}

/* Finds the line that sets key in file (following #include), so that a
 * message can name it. Returns 0 when the key is not set in the file. */
static int find_line(const char *file, const char *key, char *where, size_t wlen, int depth)
{
	FILE *f = fopen(file, "r");
	char line[1024], stack[8][128];
	int lineno = 0, top = 0, found = 0;

	if (!f || depth > 4) {
		if (f)
			fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *e, name[256], inc[512];
		lineno++;
		while (isspace((unsigned char)*s))
			s++;
		if (include_of(s, inc, sizeof(inc))) {
			if (*inc && find_line(inc, key, where, wlen, depth + 1))
				found = 1;
			continue;
		}
		if (!*s || *s == '#')
			continue;
		if (*s == '}') {
			if (top > 0)
				top--;
			continue;
		}
		e = s;
		while (*e && !isspace((unsigned char)*e) && *e != '=' && *e != '{' && *e != '<' &&
		       *e != ':' && *e != '[')
			e++;
		{
			size_t nl = 0;
			name[0] = '\0';
			for (int i = 0; i < top && nl < sizeof(name); i++)
				nl += (size_t)snprintf(name + nl, sizeof(name) - nl, "%s.", stack[i]);
			if (nl < sizeof(name))
				snprintf(name + nl, sizeof(name) - nl, "%.*s", (int)(e - s), s);
		}
		while (isspace((unsigned char)*e))
			e++;
		if (*e == '{') {
			if (top < 8)
				snprintf(stack[top++], sizeof(stack[0]), "%.*s", (int)(strchr(s, '{') - s), s);
			/* trim the name pushed */
			{
				char *t = stack[top - 1] + strlen(stack[top - 1]);
				while (t > stack[top - 1] && isspace((unsigned char)t[-1]))
					*--t = '\0';
			}
			continue;
		}
		if (!strcmp(name, key)) {
			snprintf(where, wlen, "%s:%d", file, lineno);
			found = 1; /* a later setting wins: keep looking */
		}
	}
	fclose(f);
	return found;
}

static void problem(FILE *out, int *n, const char *file, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void problem(FILE *out, int *n, const char *file, const char *key, const char *fmt, ...)
{
	char where[600], msg[512];
	va_list ap;

	if (!find_line(file, key, where, sizeof(where), 0))
		snprintf(where, sizeof(where), "%s", file);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (out)
		fprintf(out, "%s: %s: %s\n", where, key, msg);
	(*n)++;
}

static int valid_email(const char *s)
{
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == '<' || *s == '>' || *s == ',' || *s == 0x7f)
			return 0;
	return 1;
}

static int check_value(const struct rule *r, const char *v, char *why, size_t wlen)
{
	char *end;
	long n;

	switch (r->type) {
	case C_STR:
		if (!*v) {
			snprintf(why, wlen, "must not be empty");
			return 0;
		}
		break;
	case C_OPT:
		break;
	case C_INT:
	case C_BOOL:
		errno = 0;
		n = strtol(v, &end, 10);
		if (!*v || *end || errno) {
			snprintf(why, wlen, "must be a whole number, not \"%.60s\"", v);
			return 0;
		}
		if (r->type == C_BOOL && n != 0 && n != 1) {
			snprintf(why, wlen, "must be 0 or 1");
			return 0;
		}
		if (r->type == C_INT && (n < r->min || n > r->max)) {
			snprintf(why, wlen, "must be between %ld and %ld, not %ld", r->min, r->max, n);
			return 0;
		}
		break;
	case C_URL:
		if (strncmp(v, "https://", 8) && strncmp(v, "http://", 7) &&
		    strncmp(v, "smtp://", 7) && strncmp(v, "smtps://", 8)) {
			snprintf(why, wlen, "must be an http(s):// or smtp(s):// URL, not \"%.60s\"", v);
			return 0;
		}
		if (strchr(v, ' ') || v[strlen(v) - 1] == '/') {
			snprintf(why, wlen, "must have no spaces and no trailing slash");
			return 0;
		}
		break;
	case C_ENUM: {
		size_t l = strlen(v);
		const char *p = r->values;
		int ok = 0;
		while (l && !strchr(v, ' ') && (p = strstr(p, v)) != NULL) {
			if ((p == r->values || p[-1] == ' ') && (p[l] == ' ' || p[l] == '\0')) {
				ok = 1;
				break;
			}
			p += l;
		}
		if (!ok) {
			snprintf(why, wlen, "must be one of: %s", r->values);
			return 0;
		}
		break;
	}
	case C_EMAIL:
		if (!valid_email(v)) {
			snprintf(why, wlen, "must be an e-mail address");
			return 0;
		}
		break;
	case C_ZONE:
		if (!tz_known(v)) {
			snprintf(why, wlen, "must be a time zone of tzdata, such as Europe/Brussels");
			return 0;
		}
		break;
	case C_CLOCK: {
		int h, m, used = 0;
		if (sscanf(v, "%2d:%2d%n", &h, &m, &used) != 2 || used != 5 || v[5] || h < 0 || h > 23 || m < 0 ||
		    m > 59) {
			snprintf(why, wlen, "must be a time of day as HH:MM, such as 22:00");
			return 0;
		}
		break;
	}
	case C_DATE: {
		int y, mo, d, used = 0;
		if (sscanf(v, "%4d-%2d-%2d%n", &y, &mo, &d, &used) != 3 || used != 10 || v[10] || y < 2000 ||
		    mo < 1 || mo > 12 || d < 1 || d > 31) {
			snprintf(why, wlen, "must be a date as YYYY-MM-DD, such as 2027-12-31");
			return 0;
		}
		break;
	}
	case C_PREFIX:
		if (*v && (v[0] != '/' || v[strlen(v) - 1] == '/' || strpbrk(v, " ?#\"'<>\\"))) {
			snprintf(why, wlen, "must be empty or a path such as /portal (no trailing slash)");
			return 0;
		}
		break;
	}
	return 1;
}

/* Walks h and reports options the table does not know (typos). No
 * option lies more than a few names deep. */
static void check_unknown(HDF *h, const char *prefix, const char *file, FILE *out, int *n, int depth)
{
	for (HDF *c = hdf_obj_child(h); c; c = hdf_obj_next(c)) {
		char key[256];
		snprintf(key, sizeof(key), "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_child(c) && depth >= 8) {
			problem(out, n, file, key, "unknown option (nested too deep)");
			continue;
		}
		if (hdf_obj_child(c)) {
			check_unknown(c, key, file, out, n, depth + 1);
			continue;
		}
		if (!rule_find(key))
			problem(out, n, file, key, "unknown option (misspelt?)");
	}
}

static int hexkey(const char *hex, unsigned char *out, size_t len)
{
	if (!hex || strlen(hex) != 2 * len)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned int b;
		if (!isxdigit((unsigned char)hex[2 * i]) || !isxdigit((unsigned char)hex[2 * i + 1]) ||
		    sscanf(hex + 2 * i, "%2x", &b) != 1)
			return 0;
		out[i] = (unsigned char)b;
	}
	return 1;
}

static int copy_secret(char *dst, size_t len, const char *v)
{
	if (!v)
		v = "";
	if (strlen(v) >= len)
		return 0;
	snprintf(dst, len, "%s", v);
	return 1;
}

/* security.txt (RFC 9116) takes URIs: a Contact of mailto:, https: or
 * tel: (several split by spaces or commas), a Policy and Acknowledgments
 * page on https:, a key on https:, dns: or openpgp4fpr:. */
/* A URI of one of the schemes, on one line of printable characters: a
 * line break would add lines of its own to security.txt. */
static int uri_of(const char *v, const char *const *schemes)
{
	for (const unsigned char *c = (const unsigned char *)v; *c; c++)
		if (*c <= 0x20 || *c == 0x7f)
			return 0;
	for (; *schemes; schemes++)
		if (!strncmp(v, *schemes, strlen(*schemes)) && v[strlen(*schemes)] && !strpbrk(v, "<>\"'"))
			return 1;
	return 0;
}

static void check_monitor(HDF *h, HDF *d, const char *path, FILE *out, int *n)
{
	const char *alert = lookup(h, d, "Monitor.AlertEmail");
	if (*alert && !valid_email(alert))
		problem(out, n, path, "Monitor.AlertEmail", "must be an e-mail address, or empty");
}

static void check_security(HDF *h, HDF *d, const char *path, FILE *out, int *n)
{
	static const char *const contact[] = { "mailto:", "https://", "tel:", NULL };
	static const char *const page[] = { "https://", NULL };
	static const char *const key[] = { "https://", "dns:", "openpgp4fpr:", NULL };
	char *list = xstrdup(lookup(h, d, "Security.Contact")), *save = NULL;
	const char *v;
	int any = 0;

	for (char *c = strtok_r(list, " ,\t", &save); c; c = strtok_r(NULL, " ,\t", &save), any++)
		if (!uri_of(c, contact)) {
			problem(out, n, path, "Security.Contact",
				"must be mailto:, https:// or tel: addresses, such as mailto:security@example.com");
			break;
		}
	free(list);
	if (!any)
		problem(out, n, path, "Security.Contact", "must name at least one address");
	v = lookup(h, d, "Security.Policy");
	if (*v && !uri_of(v, page))
		problem(out, n, path, "Security.Policy", "must be an https:// address");
	v = lookup(h, d, "Security.Acknowledgments");
	if (*v && !uri_of(v, page))
		problem(out, n, path, "Security.Acknowledgments", "must be an https:// address");
	v = lookup(h, d, "Security.Encryption");
	if (*v && !uri_of(v, key))
		problem(out, n, path, "Security.Encryption", "must be an https://, dns: or openpgp4fpr: address");
	v = lookup(h, d, "Security.PreferredLanguages");
	if (!*v || v[strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-, ")])
		problem(out, n, path, "Security.PreferredLanguages",
			"must be language tags split by commas, such as nl, en, fr");
}

/* Reads the secrets file into s; reports into out as conf_check does. */
static void load_secrets(const char *file, struct secrets *s, FILE *out, int *n)
{
	HDF *h = NULL;
	NEOERR *err;
	struct stat st;

	if (stat(file, &st) != 0) {
		problem(out, n, file, "Paths.Secrets", "cannot read the secrets file: %s", strerror(errno));
		return;
	}
	if (st.st_mode & 0007) {
		problem(out, n, file, "Paths.Secrets", "the secrets file is readable by others: chmod 0640 it");
		return;
	}
	hdf_init(&h);
	err = hdf_read_file(h, file);
	if (err) {
		char msg[512];
		util_nerr_msg(err, msg, sizeof(msg));
		nerr_ignore(&err);
		if (out)
			fprintf(out, "%s: %s\n", file, msg);
		(*n)++;
		hdf_destroy(&h);
		return;
	}
	if (!copy_secret(s->db_password, sizeof(s->db_password),
			 hdf_get_value(h, "Database.Password", NULL)))
		problem(out, n, file, "Database.Password", "too long");
	if (!copy_secret(s->db_admin_password, sizeof(s->db_admin_password),
			 hdf_get_value(h, "Database.AdminPassword", NULL)))
		problem(out, n, file, "Database.AdminPassword", "too long");
	if (!hexkey(hdf_get_value(h, "Keys.Csrf", NULL), s->csrf_key, sizeof(s->csrf_key)))
		problem(out, n, file, "Keys.Csrf", "must be 64 hexadecimal digits (openssl rand -hex 32)");
	if (!hexkey(hdf_get_value(h, "Keys.Pepper", NULL), s->pepper, sizeof(s->pepper)))
		problem(out, n, file, "Keys.Pepper", "must be 64 hexadecimal digits (openssl rand -hex 32)");
	/* Key 1 is Keys.Data, which a retired key 1 leaves without value;
	 * the others Keys.Data.<id>. */
	if (hdf_get_value(h, "Keys.Data", NULL)) {
		if (!hexkey(hdf_get_value(h, "Keys.Data", NULL), s->data_keys[1], 32))
			problem(out, n, file, "Keys.Data", "must be 64 hexadecimal digits (openssl rand -hex 32)");
		s->data_key_set[1] = 1;
	}
	for (HDF *k = hdf_get_child(h, "Keys.Data"); k; k = hdf_obj_next(k)) {
		int id = atoi(hdf_obj_name(k));
		char key[32];
		snprintf(key, sizeof(key), "Keys.Data.%s", hdf_obj_name(k));
		if (id < 2 || id >= CONF_DATA_KEYS || hdf_obj_name(k)[0] == '0' ||
		    strspn(hdf_obj_name(k), "0123456789") != strlen(hdf_obj_name(k)))
			problem(out, n, file, key, "a data key's id is a number from 2 to %d", CONF_DATA_KEYS - 1);
		else if (!hexkey(hdf_obj_value(k), s->data_keys[id], 32))
			problem(out, n, file, key, "must be 64 hexadecimal digits (openssl rand -hex 32)");
		else
			s->data_key_set[id] = 1;
	}
	{
		const char *cur = hdf_get_value(h, "Keys.DataCurrent", "1");
		s->data_key_id = cur[0] >= '1' && cur[0] <= '9' && strspn(cur, "0123456789") == strlen(cur) &&
					 strlen(cur) <= 2 ? atoi(cur) : 0;
	}
	if (s->data_key_id < 1 || s->data_key_id >= CONF_DATA_KEYS || !s->data_key_set[s->data_key_id])
		problem(out, n, file, hdf_get_value(h, "Keys.DataCurrent", NULL) ? "Keys.DataCurrent" : "Keys.Data",
			"the data key that seals (Keys.DataCurrent, else 1) is not in the file");
	if (!copy_secret(s->backoffice_token, sizeof(s->backoffice_token),
			 hdf_get_value(h, "Backoffice.Token", NULL)))
		problem(out, n, file, "Backoffice.Token", "too long");
	if (!copy_secret(s->mail_password, sizeof(s->mail_password),
			 hdf_get_value(h, "Mail.Password", NULL)))
		problem(out, n, file, "Mail.Password", "too long");
	hdf_destroy(&h);
}

/* Loads path into *out_hdf and checks it (and the secrets file when s is
 * not NULL); the number of problems. */
static void bad_line(FILE *out, int *n, const char *file, int lineno, const char *what)
{
	if (out)
		fprintf(out, "%s:%d: %s\n", file, lineno, what);
	(*n)++;
}

/* The HDF the portal reads, and no more of the kit's syntax: comments,
 * "Name = value", "Name << END" to a line END, "Name {" to "}", and
 * #include of another such file. The kit's reader follows a link
 * ("Name : Other", "Name := Other") while it reads, and one back to itself
 * never ends; it leaks on a malformed attribute ("Name [a=1] = v"). So a
 * file is read for these first, and one with a problem is not given to
 * the kit. Returns the number of problems, each written to out. */
static int syntax(const char *file, FILE *out, int depth)
{
	FILE *f = fopen(file, "r");
	char line[16384], end[256] = "";
	int lineno = 0, n = 0;

	if (!f || depth > 4) {
		if (f)
			fclose(f);
		return 0; /* the kit names a file it cannot open */
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *e, inc[512];
		int c;
		lineno++;
		if (!strchr(s, '\n'))
			while ((c = getc(f)) != EOF && c != '\n')
				; /* a line longer than this: its start tells */
		/* The line without its end (a CR elsewhere is the kit's white
		 * space, and stays). */
		s[strcspn(s, "\n")] = '\0';
		if (*s && s[strlen(s) - 1] == '\r')
			s[strlen(s) - 1] = '\0';
		if (*end) {
			if (!strcmp(s, end))
				end[0] = '\0';
			continue;
		}
		while (isspace((unsigned char)*s))
			s++;
		if (include_of(s, inc, sizeof(inc))) {
			if (*inc)
				n += syntax(inc, out, depth + 1);
			continue;
		}
		if (!*s || *s == '#' || !strcmp(s, "}"))
			continue;
		e = s;
		while (isalnum((unsigned char)*e) || *e == '_' || *e == '.' || *e == '-' || *e == '*')
			e++;
		if (e == s) {
			bad_line(out, &n, file, lineno, "not a setting (Name = value)");
			continue;
		}
		while (*e == ' ' || *e == '\t')
			e++;
		if (*e == '=' || (*e == '{' && !e[1 + strspn(e + 1, " \t")]))
			continue;
		if (e[0] == '<' && e[1] == '<') {
			e += 2 + strspn(e + 2, " \t");
			snprintf(end, sizeof(end), "%s", e);
			if (!*end)
				bad_line(out, &n, file, lineno, "\"<<\" without the word that ends it");
			continue;
		}
		bad_line(out, &n, file, lineno,
			 *e == ':' ? "a link (Name : Other) is not taken: give the value itself"
			 : *e == '[' ? "attributes ([...]) are not taken" : "not a setting (Name = value)");
	}
	fclose(f);
	if (*end)
		bad_line(out, &n, file, lineno, "the text after \"<<\" has no line to end it");
	return n;
}

static int load_checked(const char *path, HDF **out_hdf, HDF **out_derived, struct secrets *s,
			FILE *out)
{
	HDF *h = NULL, *d = NULL;
	NEOERR *err;
	int n = 0;

	*out_hdf = *out_derived = NULL;
	if ((n = syntax(path, out, 0)) != 0)
		return n;
	hdf_init(&h);
	hdf_init(&d);
	err = hdf_read_file(h, path);
	if (err) {
		char msg[512];
		util_nerr_msg(err, msg, sizeof(msg));
		nerr_ignore(&err);
		if (out)
			fprintf(out, "%s: %s\n", path, msg);
		hdf_destroy(&h);
		hdf_destroy(&d);
		return 1;
	}
	check_unknown(h, "", path, out, &n, 0);
	for (size_t i = 0; i < ARRAY_SIZE(rules); i++) {
		char why[256];
		const char *v = lookup(h, d, rules[i].key);
		if (!check_value(&rules[i], v, why, sizeof(why)))
			problem(out, &n, path, rules[i].key, "%s", why);
	}
	if (!*lookup(h, d, "Database.Socket") && !*lookup(h, d, "Database.Host"))
		problem(out, &n, path, "Database.Host", "set Database.Socket or Database.Host");
	if (atoi(lookup(h, d, "Session.IdleMinutes")) > 60 * atoi(lookup(h, d, "Session.AbsoluteHours")))
		problem(out, &n, path, "Session.IdleMinutes", "longer than Session.AbsoluteHours");
	/* TLS from the first byte needs an smtps:// address: curl would
	 * otherwise speak plain SMTP and send the mail unencrypted. */
	if (!strcmp(lookup(h, d, "Mail.TLS"), "smtps") && strncmp(lookup(h, d, "Mail.URL"), "smtps://", 8))
		problem(out, &n, path, "Mail.URL", "must be an smtps:// address when Mail.TLS = smtps");
	if (strcmp(lookup(h, d, "Mail.TLS"), "smtps") && !strncmp(lookup(h, d, "Mail.URL"), "smtps://", 8))
		problem(out, &n, path, "Mail.TLS", "must be smtps for an smtps:// address");
	check_security(h, d, path, out, &n);
	check_monitor(h, d, path, out, &n);
	if (s)
		load_secrets(lookup(h, d, "Paths.Secrets"), s, out, &n);
	*out_hdf = h;
	*out_derived = d;
	return n;
}

static NEOERR *load(const char *path, int with_secrets)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *mem;
	int n;

	if (conf)
		return STATUS_OK;
	path = conf_file(path);
	mem = open_memstream(&buf, &blen);
	n = load_checked(path, &conf, &derived, with_secrets ? &secrets : NULL, mem);
	fclose(mem);
	if (n) {
		NEOERR *err = nerr_raise(NERR_PARSE, "configuration: %s", buf ? buf : "invalid");
		free(buf);
		hdf_destroy(&conf);
		hdf_destroy(&derived);
		OPENSSL_cleanse(&secrets, sizeof(secrets));
		return err;
	}
	free(buf);
	conf_path_used = xstrdup(path);
	return STATUS_OK;
}

NEOERR *conf_load(const char *path)
{
	return nerr_pass(load(path, 1));
}

NEOERR *conf_load_public(const char *path)
{
	return nerr_pass(load(path, 0));
}

/* security.txt says until when it holds (Security.Expires, to the end of
 * that day, UTC); after that, finders are told not to trust it. A date
 * that passes is no reason for a process to stop starting, so only
 * check-config names it: a problem once passed, a warning (not counted)
 * within 30 days. */
static void check_expiry(HDF *h, HDF *d, const char *path, FILE *out, int *n)
{
	const char *v = lookup(h, d, "Security.Expires");
	struct tm tm = { 0 };
	char where[600];
	time_t end;
	int y, mo, day;

	if (sscanf(v, "%4d-%2d-%2d", &y, &mo, &day) != 3)
		return; /* named as a bad date already */
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = day + 1;
	end = timegm(&tm);
	if (end <= time(NULL)) {
		problem(out, n, path, "Security.Expires",
			"%s has passed: security.txt now tells finders not to trust it; set a date within a year", v);
	} else if (end - time(NULL) < 30 * 86400 && out) {
		if (!find_line(path, "Security.Expires", where, sizeof(where), 0))
			snprintf(where, sizeof(where), "%s", path);
		fprintf(out, "%s: Security.Expires: warning: %s is within 30 days; set a new date within a year\n",
			where, v);
	}
}

int conf_check(const char *path, FILE *out)
{
	HDF *h = NULL, *d = NULL;
	struct secrets s;
	int n;

	path = conf_file(path);
	n = load_checked(path, &h, &d, &s, out);
	if (h)
		check_expiry(h, d, path, out, &n);
	OPENSSL_cleanse(&s, sizeof(s));
	hdf_destroy(&h);
	hdf_destroy(&d);
	return n;
}
