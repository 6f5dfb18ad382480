/* grid.c: the rows of a week view — the pool under a unit, each worker's availability and shifts by day, the open shifts */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "conf.h"
#include "db.h"
#include "photo.h"
#include "planning.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* The rows are read into memory and written as HTML here, not through a
 * template: a team's week is some 350 cells, and through ClearSilver each
 * cell was dozens of HDF nodes made, looked up and freed — two thirds of
 * the page's time with nothing kept. The words still come from the
 * language files, and every value is escaped as the templates escape
 * (grid.cs holds the rest of the grid and says where these rows go). */

typedef struct gshift {
	long long id;
	time_t start;
	int sh, sm, eh, em;        /* start and end, hours and minutes at the unit */
	int elsewhere, may_edit;
	char state[16];
	char *position;            /* NULL when the row says it already */
	char *rules;               /* the back-office's rule codes, space-separated, or NULL */
	struct gshift *next;
} GShift;

typedef struct gcell {
	const char *avail;         /* "all", "none", "some", "unknown" */
	int exception;             /* the day's own availability replaces the week's */
	char ranges[192];          /* "06:00–12:00 13:00–22:00 " */
	GShift *shifts, *last;
} GCell;

typedef struct grow {
	long long worker;
	char *name, *positions;
	int avail_known;
	int photo;                 /* has one, and photos are on */
	GCell days[7];
} GRow;

struct grid {
	GRow *rows;                /* in the order shown: by name */
	GRow **by_worker;          /* the same, sorted by worker, for lookups */
	int n, planned, open;
	GCell open_days[7];
	char *ids;                 /* the workers as a JSON array, for the queries after the pool's */
};

static int cmp_worker(const void *a, const void *b)
{
	long long x = (*(GRow *const *)a)->worker, y = (*(GRow *const *)b)->worker;
	return x < y ? -1 : x > y;
}

static GRow *find(const Grid *g, long long worker)
{
	GRow key = { .worker = worker }, *k = &key, **hit;

	hit = bsearch(&k, g->by_worker, (size_t)g->n, sizeof(*g->by_worker), cmp_worker);
	return hit ? *hit : NULL;
}

/* The workers of the pool under the unit that match the filters — a
 * position (of the pool, or a skill at the client) and a part of the name
 * — by name, with their positions here: a row per worker and position,
 * put together here (a GROUP_CONCAT made the server build temporary
 * tables on disk). */
static NEOERR *pool(Request *r, const Unit *u, Grid *g)
{
	const char *pos = or_empty(param_str(r, "position")), *text = or_empty(param_str(r, "q"));
	int photos = photo_on();
	STRING ids;
	DBQuery *q;
	NEOERR *err;
	GRow *w = NULL;

	/* Whether the worker has a photo: one column of the row, read
	 * whatever Privacy.Photos says (the statement stays one). */
	err = db_query(&q,
		"SELECT u.id, u.first_name, u.last_name, p.position, u.photo_file_id IS NOT NULL"
		" FROM org_units o JOIN pool p ON p.unit_id = o.id JOIN users u ON u.id = p.worker_user_id"
		" WHERE o.path LIKE CONCAT(?, '%') AND u.status <> 'revoked'"
		" AND (? = '' OR p.position = ? OR EXISTS (SELECT 1 FROM worker_skills k"
		" WHERE k.worker_user_id = u.id AND k.client_id = ? AND k.position = ?))"
		" AND (? = '' OR LOCATE(?, CONCAT_WS(' ', u.first_name, u.last_name)) > 0)"
		" ORDER BY u.last_name, u.first_name, u.id, p.position",
		"sssisss", u->path, pos, pos, u->client_id, pos, text, text);
	if (err)
		return nerr_pass(err);
	g->rows = xcalloc(ROWS_MAX + 1, sizeof(GRow));
	string_init(&ids);
	string_append(&ids, "[");
	while (db_next(q)) {
		long long id = db_int(q, 0);
		if (!w || w->worker != id) {
			if (g->n == ROWS_MAX)
				continue;
			w = &g->rows[g->n++];
			w->worker = id;
			w->name = xasprintf("%s %s", or_empty(db_str(q, 1)), or_empty(db_str(q, 2)));
			w->positions = xstrdup(or_empty(db_str(q, 3)));
			w->photo = db_int(q, 4) && photos;
			string_appendf(&ids, "%s%lld", g->n > 1 ? "," : "", id);
		} else {
			/* A position of the worker at two units of the subtree is
			 * said once. */
			const char *p = or_empty(db_str(q, 3));
			size_t l = strlen(w->positions), pl = strlen(p);
			if (l < pl || strcmp(w->positions + l - pl, p) || (l > pl && w->positions[l - pl - 1] != ' ')) {
				char *both = xasprintf("%s, %s", w->positions, p);
				free(w->positions);
				w->positions = both;
			}
		}
	}
	db_end(&q);
	string_append(&ids, "]");
	g->ids = ids.buf;
	g->by_worker = xcalloc((size_t)g->n + 1, sizeof(GRow *));
	for (int i = 0; i < g->n; i++)
		g->by_worker[i] = &g->rows[i];
	qsort(g->by_worker, (size_t)g->n, sizeof(GRow *), cmp_worker);
	return STATUS_OK;
}

/* SQL: the pool's workers (a JSON array, bound) as a table to join on. */
#define POOL_IDS " JSON_TABLE(?, '$[*]' COLUMNS (w BIGINT PATH '$')) j"

/* Adds "HH:MM–HH:MM " to a cell's availability ("some"); a range that
 * does not fit any more (a dozen a day) is left out. */
static void range_add(GCell *c, const char *from, const char *to)
{
	size_t l = strlen(c->ranges), fl = strlen(from), tl = strlen(to);

	if (!c->avail)
		c->avail = "some";
	if (l + fl + tl + 5 > sizeof(c->ranges))
		return;
	memcpy(c->ranges + l, from, fl);
	memcpy(c->ranges + l + fl, "\xe2\x80\x93", 3);  /* – */
	memcpy(c->ranges + l + fl + 3, to, tl);
	memcpy(c->ranges + l + fl + 3 + tl, " ", 2);
}

/* The availability of every row on each day: the day's exceptions where
 * there are, else the week's pattern; a weekday without a time in a
 * pattern that exists is not available. Read from the indexes alone, a
 * worker after the other, each in the index's order (day, start). */
static NEOERR *availability(Grid *g, Day monday)
{
	char from[11], to[11];
	GCell *week = NULL;
	DBQuery *q;
	NEOERR *err;

	if (!g->n)
		return STATUS_OK;
	plan_day_text(monday, from);
	plan_day_text(plan_add_days(monday, 6), to);
	/* The day's exceptions ('d') and the weeks' patterns ('w') in one
	 * statement; a pattern goes to a cell of its own (week[]), so that
	 * the order of the two parts does not matter. */
	err = db_query(&q,
		"SELECT 'd', a.worker_user_id, DATEDIFF(a.day, ?), a.available,"
		" TIME_FORMAT(a.starts, '%H:%i'), TIME_FORMAT(a.ends, '%H:%i')"
		" FROM" POOL_IDS " STRAIGHT_JOIN availability_days a FORCE INDEX (availability_days_times)"
		" ON a.worker_user_id = j.w WHERE a.day BETWEEN ? AND ?"
		" UNION ALL SELECT 'w', a.worker_user_id, a.weekday - 1, 1, TIME_FORMAT(a.starts, '%H:%i'),"
		" TIME_FORMAT(a.ends, '%H:%i') FROM" POOL_IDS
		" STRAIGHT_JOIN availability_week a FORCE INDEX (availability_week_times) ON a.worker_user_id = j.w",
		"sssss", from, g->ids, from, to, g->ids);
	if (err)
		return nerr_pass(err);
	week = xcalloc((size_t)g->n * 7, sizeof(GCell));
	while (db_next(q)) {
		GRow *w = find(g, db_int(q, 1));
		int d = (int)db_int(q, 2);
		const char *a = db_str(q, 4), *b = db_str(q, 5);
		GCell *c;
		if (!w || d < 0 || d > 6)
			continue;
		w->avail_known = 1;
		if (db_str(q, 0)[0] == 'd') {
			c = &w->days[d];
			c->exception = 1;
			if (!db_int(q, 3))
				c->avail = "none";
			else if (a && *a)
				range_add(c, a, b);
			else
				c->avail = "all";
		} else {
			c = &week[(w - g->rows) * 7 + d];
			if (!strcmp(a, "00:00") && !strcmp(b, "23:59"))
				c->avail = "all";
			else if (!c->avail || !strcmp(c->avail, "some"))
				range_add(c, a, b);
		}
	}
	db_end(&q);
	/* A day's exception replaces its week; a weekday without a time in a
	 * pattern that exists is not available. */
	for (int i = 0; i < g->n; i++)
		for (int d = 0; d < 7; d++) {
			GCell *c = &g->rows[i].days[d], *p = &week[i * 7 + d];
			if (!c->exception && p->avail) {
				c->avail = p->avail;
				memcpy(c->ranges, p->ranges, sizeof(c->ranges));
			}
			if (!c->avail)
				c->avail = g->rows[i].avail_known ? "none" : "unknown";
		}
	free(week);
	return STATUS_OK;
}

/* The rule codes of a refused shift's violations: words only. */
static char *rule_words(const char *json)
{
	json_error_t jerr;
	json_t *list = json_loads(json, 0, &jerr), *v;
	STRING out;
	size_t i;

	string_init(&out);
	json_array_foreach(list, i, v) {
		const char *rule = json_string_value(json_object_get(v, "rule"));
		string_appendf(&out, "%s%s", out.len ? " " : "", rule && util_word(rule, 1, 40) ? rule : "other");
	}
	json_decref(list);
	return out.buf;
}

/* Into the cell's list by start (and id): the statement's two parts come
 * each in its own order. */
static void cell_add(GCell *c, GShift *s)
{
	GShift **at = &c->shifts;

	if (c->last && (c->last->start < s->start || (c->last->start == s->start && c->last->id < s->id)))
		at = &c->last->next;
	else
		while (*at && ((*at)->start < s->start || ((*at)->start == s->start && (*at)->id < s->id)))
			at = &(*at)->next;
	s->next = *at;
	*at = s;
	if (!s->next)
		c->last = s;
}

/* Every shift of the week at the unit (open ones too), and those of its
 * workers elsewhere — shown as busy, without where. The day of a shift is
 * the day it starts at the unit; one that began the Sunday before shows
 * on Monday. */
/* One shift of the queries below into its cell. */
static void shift_add(Grid *g, DBQuery *q, const TzSpan *span, const time_t midnight[8],
		      int may_edit)
{
	long long worker = db_int(q, 1);
	time_t start = (time_t)db_int(q, 3), end = (time_t)db_int(q, 4);
	int here = (int)db_int(q, 6), day = 0;
	struct tm ls, le;
	GRow *w = NULL;
	GShift *s;

	while (day < 7 && start >= midnight[day + 1])
		day++;
	if (day > 6)
		return;
	if (worker) {
		w = find(g, worker);
		if (!w)
			return;
	} else if (!here) {
		return;
	}
	tz_span_local(span, start, &ls);
	tz_span_local(span, end, &le);
	s = xcalloc(1, sizeof(*s));
	s->id = db_int(q, 0);
	s->start = start;
	s->sh = ls.tm_hour;
	s->sm = ls.tm_min;
	s->eh = le.tm_hour;
	s->em = le.tm_min;
	cell_add(w ? &w->days[day] : &g->open_days[day], s);
	if (!w)
		g->open++;
	if (!here) {
		/* Another unit or client: when, never where or what. */
		s->elsewhere = 1;
		return;
	}
	snprintf(s->state, sizeof(s->state), "%s", db_str(q, 5));
	/* The position when the row does not say it already. */
	if (!w || strcmp(db_str(q, 2), w->positions))
		s->position = xstrdup(db_str(q, 2));
	s->may_edit = may_edit && !strcmp(s->state, "planned");
	if (!strcmp(s->state, "planned") && w)
		g->planned++;
	if (db_str(q, 7) && *db_str(q, 7))
		s->rules = rule_words(db_str(q, 7));
}

static NEOERR *shifts(const Unit *u, Grid *g, Day monday, int may_edit)
{
	char from[20], to[20], early[20];
	time_t midnight[8];
	TzSpan span;
	DBQuery *q;
	NEOERR *err;

	for (int d = 0; d < 8; d++)
		midnight[d] = plan_midnight(u, plan_add_days(monday, d));
	/* A shift lasts at most 24 h: it started at most a day before the week. */
	tz_span(u->zone, midnight[0] - 86400, midnight[7] + 86400, &span);
	plan_sql_time(midnight[0], from);
	plan_sql_time(midnight[7], to);
	plan_sql_time(midnight[0] - 86400, early);
	/* The pool's workers' shifts by (worker, start), wherever they are;
	 * the open shifts of the units under the unit by (unit, no worker,
	 * start). A
	 * unit's shift whose worker left the pool shows no more. */
	err = db_query(&q,
		"SELECT s.id, s.worker_user_id, s.position, UNIX_TIMESTAMP(s.starts_at),"
		" UNIX_TIMESTAMP(s.ends_at), s.state, o.path LIKE CONCAT(?, '%'), s.violations"
		" FROM" POOL_IDS " STRAIGHT_JOIN shifts s FORCE INDEX (shifts_worker_start)"
		" ON s.worker_user_id = j.w JOIN org_units o ON o.id = s.unit_id"
		" WHERE s.starts_at >= ? AND s.starts_at < ? AND s.state <> 'cancelled' AND s.ends_at > ?"
		" UNION ALL SELECT s.id, 0, s.position, UNIX_TIMESTAMP(s.starts_at), UNIX_TIMESTAMP(s.ends_at),"
		" s.state, 1, s.violations FROM org_units o"
		" STRAIGHT_JOIN shifts s FORCE INDEX (shifts_unit_open) ON s.unit_id = o.id AND s.worker_user_id IS NULL"
		" WHERE o.path LIKE CONCAT(?, '%')"
		" AND s.starts_at >= ? AND s.starts_at < ? AND s.state <> 'cancelled' AND s.ends_at > ?",
		"sssssssss", u->path, g->ids, early, to, from, u->path, early, to, from);
	if (err)
		return nerr_pass(err);
	while (db_next(q))
		shift_add(g, q, &span, midnight, may_edit);
	db_end(&q);
	return STATUS_OK;
}

NEOERR *grid_load(Request *r, const Unit *u, Day monday, int may_edit, Grid **out)
{
	Grid *g = xcalloc(1, sizeof(*g));
	NEOERR *err = pool(r, u, g);

	if (!err)
		err = availability(g, monday);
	if (!err)
		err = shifts(u, g, monday, may_edit);
	if (err)
		grid_free(&g);
	*out = g;
	return nerr_pass(err);
}

int grid_rows(const Grid *g)
{
	return g->n;
}

int grid_planned(const Grid *g)
{
	return g->planned;
}

int grid_open(const Grid *g)
{
	return g->open;
}

static void cell_free(GCell *c)
{
	GShift *s = c->shifts, *next;

	for (; s; s = next) {
		next = s->next;
		free(s->position);
		free(s->rules);
		free(s);
	}
}

void grid_free(Grid **g)
{
	if (!*g)
		return;
	for (int i = 0; i < (*g)->n; i++) {
		free((*g)->rows[i].name);
		free((*g)->rows[i].positions);
		for (int d = 0; d < 7; d++)
			cell_free(&(*g)->rows[i].days[d]);
	}
	for (int d = 0; d < 7; d++)
		cell_free(&(*g)->open_days[d]);
	free((*g)->rows);
	free((*g)->by_worker);
	free((*g)->ids);
	free(*g);
	*g = NULL;
}

/* --- the HTML ------------------------------------------------------------ */

/* "HH:MM–HH:MM" */
static void put_times(STRING *out, const GShift *s)
{
	char t[16] = { (char)('0' + s->sh / 10), (char)('0' + s->sh % 10), ':', (char)('0' + s->sm / 10),
		       (char)('0' + s->sm % 10), '\xe2', '\x80', '\x93', (char)('0' + s->eh / 10),
		       (char)('0' + s->eh % 10), ':', (char)('0' + s->em / 10), (char)('0' + s->em % 10) };
	string_appendn(out, t, 13);
}

/* The words of the page, looked up once: "" for a key the language
 * files lack (as a template prints a missing value). */
typedef struct words {
	const char *lang, *prefix;
	const char *elsewhere, *busy, *open, *agency_title, *new_for;
	const char *avail_all, *avail_none, *avail_unknown;
} Words;

static const char *word(const char *lang, const char *key)
{
	const char *v = view_text(lang, key);
	return v == key ? "" : v;
}

static const char *avail_word(const Words *w, const char *avail)
{
	return !strcmp(avail, "all") ? w->avail_all : !strcmp(avail, "none") ? w->avail_none : w->avail_unknown;
}

static void shift_html(STRING *out, const Words *w, const GShift *s, long long unit)
{
	char key[96];

	if (s->elsewhere) {
		string_append(out, "<span class=\"shift elsewhere\" title=\"");
		page_html(out, w->elsewhere);
		string_append(out, "\">");
		put_times(out, s);
		string_append(out, " ");
		page_html(out, w->busy);
		string_append(out, "</span>");
		return;
	}
	string_append(out, "<span class=\"shift state-");
	page_html(out, s->state);
	string_append(out, "\">");
	if (s->may_edit) {
		string_append(out, "<a href=\"");
		page_html(out, w->prefix);
		string_append(out, "/planning/shifts/");
		page_num(out, s->id);
		string_append(out, "/edit?view=");
		page_num(out, unit);
		string_append(out, "\">");
		put_times(out, s);
		string_append(out, "</a>");
	} else {
		put_times(out, s);
	}
	if (s->position && *s->position) {
		string_append(out, " <span class=\"small\">");
		page_html(out, s->position);
		string_append(out, "</span>");
	}
	if (strcmp(s->state, "planned")) {
		snprintf(key, sizeof(key), "Lang.Planning.States.%s", s->state);
		string_append(out, " <span class=\"small muted\">");
		page_html(out, word(w->lang, key));
		string_append(out, "</span>");
	}
	if (s->rules) {
		char *copy = xstrdup(s->rules), *save = NULL, *rule;
		for (rule = strtok_r(copy, " ", &save); rule; rule = strtok_r(NULL, " ", &save)) {
			snprintf(key, sizeof(key), "Lang.Planning.Rules.%s", rule);
			string_append(out, " <span class=\"small rule\">");
			page_html(out, word(w->lang, key));
			string_append(out, "</span>");
		}
		free(copy);
	}
	string_append(out, "</span>");
}

void grid_rows_html(Request *r, const Unit *u, const Grid *g, Day monday, int may_edit, int may_keep,
		    STRING *out)
{
	const char *lang = r->lang;
	Words w = {
		.lang = lang, .prefix = conf_str("Portal.Prefix"),
		.elsewhere = word(lang, "Lang.Planning.Elsewhere"), .busy = word(lang, "Lang.Planning.Busy"),
		.open = word(lang, "Lang.Planning.OpenShifts"),
		.agency_title = word(lang, "Lang.Planning.Mine.AgencyTitle"),
		.new_for = word(lang, "Lang.Planning.NewShiftFor"),
		.avail_all = word(lang, "Lang.Planning.Avail.all"), .avail_none = word(lang, "Lang.Planning.Avail.none"),
		.avail_unknown = word(lang, "Lang.Planning.Avail.unknown"),
	};
	char dates[7][11];

	for (int d = 0; d < 7; d++)
		plan_day_text(plan_add_days(monday, d), dates[d]);
	if (g->open) {
		string_append(out, "<tr class=\"open-row\"><th scope=\"row\">");
		page_html(out, w.open);
		string_append(out, "</th>\n    ");
		for (int d = 0; d < 7; d++) {
			string_append(out, "<td>");
			for (const GShift *s = g->open_days[d].shifts; s; s = s->next)
				shift_html(out, &w, s, u->id);
			string_append(out, "</td>");
		}
		string_append(out, "</tr>\n  ");
	}
	for (int i = 0; i < g->n; i++) {
		const GRow *row = &g->rows[i];
		string_append(out, "<tr><th scope=\"row\">");
		/* The photo beside the name, which says who it is (alt ""); none
		 * when there is none (lib/photo.c serves it, checking again). */
		if (row->photo) {
			string_append(out, "<img class=\"avatar\" src=\"");
			page_html(out, w.prefix);
			string_append(out, "/admin/users/");
			page_num(out, row->worker);
			string_append(out, "/photo\" alt=\"\" width=\"32\" height=\"32\" loading=\"lazy\">");
		}
		if (may_keep) {
			string_append(out, "<a href=\"");
			page_html(out, w.prefix);
			string_append(out, "/planning/workers/");
			page_num(out, row->worker);
			string_append(out, "\" title=\"");
			page_html(out, w.agency_title);
			string_append(out, " ");
			page_html(out, row->name);
			string_append(out, "\">");
			page_html(out, row->name);
			string_append(out, "</a>");
		} else {
			page_html(out, row->name);
		}
		string_append(out, "<br><span class=\"muted small\">");
		page_html(out, row->positions);
		string_append(out, "</span></th>\n    ");
		for (int d = 0; d < 7; d++) {
			const GCell *c = &row->days[d];
			string_append(out, "<td class=\"avail-");
			string_append(out, c->avail);
			string_append(out, "\"><span class=\"avail\">");
			if (!strcmp(c->avail, "some"))
				page_html(out, c->ranges);
			else
				page_html(out, avail_word(&w, c->avail));
			string_append(out, "</span>");
			for (const GShift *s = c->shifts; s; s = s->next)
				shift_html(out, &w, s, u->id);
			if (may_edit) {
				string_append(out, "<a class=\"add\" href=\"");
				page_html(out, w.prefix);
				string_append(out, "/planning/shifts/new?view=");
				page_num(out, u->id);
				string_append(out, "&amp;worker=");
				page_num(out, row->worker);
				string_append(out, "&amp;date=");
				string_append(out, dates[d]);
				string_append(out, "\" aria-label=\"");
				page_html(out, w.new_for);
				string_append(out, " ");
				page_html(out, row->name);
				string_append(out, ", ");
				string_append(out, dates[d]);
				string_append(out, "\">+</a>");
			}
			string_append(out, "</td>");
		}
		string_append(out, "</tr>\n  ");
	}
}
