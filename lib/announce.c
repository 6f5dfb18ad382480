/* announce.c: the announcements of now on every page, read again every Announcements.CacheSeconds */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "announce.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "tz.h"
#include "util.h"

static const char *const langs[] = { "nl", "en", "fr" };

static struct notice {
	char kind[16];
	char *text[3];          /* nl, en, fr; "" when not given */
	time_t until;
} current[ANNOUNCE_SHOWN];
static int ncurrent;
static time_t loaded;
static int ever;

static void forget(void)
{
	for (int i = 0; i < ncurrent; i++)
		for (int k = 0; k < 3; k++)
			free(current[i].text[k]);
	memset(current, 0, sizeof(current));
	ncurrent = 0;
}

static void reload(time_t now)
{
	DBQuery *q;
	NEOERR *err;

	loaded = now;
	ever = 1;
	err = db_query(&q, "SELECT kind, text_nl, text_en, text_fr, UNIX_TIMESTAMP(ends_at) FROM announcements"
			   " WHERE withdrawn_at IS NULL AND ends_at > UTC_TIMESTAMP() AND starts_at <= UTC_TIMESTAMP()"
			   " ORDER BY starts_at, id LIMIT 3", NULL); /* ANNOUNCE_SHOWN */
	if (err) {
		/* The page goes out without them; the next try after the
		 * same wait. */
		log_nerr(NULL, err);
		nerr_ignore(&err);
		return;
	}
	forget();
	while (db_next(q) && ncurrent < ANNOUNCE_SHOWN) {
		struct notice *n = &current[ncurrent++];
		snprintf(n->kind, sizeof(n->kind), "%s", db_str(q, 0));
		for (int k = 0; k < 3; k++)
			n->text[k] = xstrdup(db_str(q, 1 + k) ? db_str(q, 1 + k) : "");
		n->until = (time_t)db_int(q, 4);
	}
	db_end(&q);
}

void announce_page(Request *r)
{
	time_t now = time(NULL);
	int lang = 0, shown = 0;

	if (!ever || now - loaded >= conf_int("Announcements.CacheSeconds") || now < loaded)
		reload(now);
	for (int k = 0; k < 3; k++)
		if (!strcmp(r->lang, langs[k]))
			lang = k;
	for (int i = 0; i < ncurrent; i++) {
		const struct notice *n = &current[i];
		char key[64], until[20];
		struct tm tm;
		if (n->until <= now)
			continue;
		tz_local(conf_str("Planning.TimeZone"), n->until, &tm);
		strftime(until, sizeof(until), "%Y-%m-%d %H:%M", &tm);
		snprintf(key, sizeof(key), "Page.Announcements.%d.Kind", shown);
		hdf_set_value(r->hdf, key, n->kind);
		snprintf(key, sizeof(key), "Page.Announcements.%d.Text", shown);
		hdf_set_value(r->hdf, key, *n->text[lang] ? n->text[lang] : n->text[0]);
		snprintf(key, sizeof(key), "Page.Announcements.%d.Until", shown);
		hdf_set_value(r->hdf, key, until);
		shown++;
	}
}
