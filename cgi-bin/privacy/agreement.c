/* agreement.c: the processing agreement — read, signed and downloaded by the client, followed by the agency */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "acl.h"
#include "agreement.h"
#include "audit.h"
#include "db.h"
#include "org.h"
#include "pdf.h"
#include "privacy.h"
#include "statement.h"
#include "tz.h"
#include "util.h"
#include "view.h"

/* Who sees what. The agreement is the client's as a whole: a client user
 * who holds agreement.sign on the client's root unit signs it; one who
 * holds it on a part of the client only (a site, a department) reads it
 * and downloads the signed copies, and is told who can sign. Agency staff
 * with agreement.view on the agency's root follow every client. Anyone
 * else gets 404, as for a page that does not exist. */
enum right { NONE, READ, SIGN };

typedef struct client {
	long long id;
	long long unit_id;              /* the client's root unit */
	char name[4 * 200 + 1];         /* clients.name: 200 characters of up to 4 bytes */
	char root[ORG_PATH_LEN + 1];
	char zone[4 * 64 + 1];          /* the root unit's time zone: times are shown on it */
} Client;

static NEOERR *client_load(long long id, Client *c)
{
	DBQuery *q;
	NEOERR *err;

	memset(c, 0, sizeof(*c));
	err = db_query(&q, "SELECT c.id, c.name, o.id, o.path, o.time_zone FROM clients c"
			   " JOIN org_units o ON o.id = c.unit_id WHERE c.id = ?", "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		c->id = db_int(q, 0);
		snprintf(c->name, sizeof(c->name), "%s", db_str(q, 1));
		c->unit_id = db_int(q, 2);
		snprintf(c->root, sizeof(c->root), "%s", db_str(q, 3));
		snprintf(c->zone, sizeof(c->zone), "%s", db_str(q, 4));
	}
	db_end(&q);
	return STATUS_OK;
}

static enum right client_right(Request *r, const Client *c)
{
	if (!c->id || strcmp(r->user->kind, "client") || r->user->client_id != c->id)
		return NONE;
	if (acl_may_at(r, "agreement.sign", c->root))
		return SIGN;
	for (int i = 0; i < r->user->ngrants; i++)
		if (r->user->grants[i].client_id == c->id &&
		    acl_role_has(r->user->grants[i].role, "agreement.sign"))
			return READ;
	return NONE;
}

static NEOERR *agency_viewer(Request *r, int *ok)
{
	char root[ORG_PATH_LEN + 1];
	long long root_id;
	NEOERR *err = org_root(&root_id, root, sizeof(root));

	*ok = !err && !strcmp(r->user->kind, "agency") && acl_may_at(r, "agreement.view", root);
	return nerr_pass(err);
}

/* The user's own client, when he may read its agreement; otherwise the
 * request ends with 404 and c->id is 0. */
static NEOERR *own_client(Request *r, Client *c, enum right *right)
{
	NEOERR *err = client_load(r->user->client_id, c);

	*right = err ? NONE : client_right(r, c);
	if (!err && *right == NONE) {
		http_fail(r, 404, "no agreement of a client of user %lld to read", r->user->id);
		c->id = 0;
	}
	return nerr_pass(err);
}

/* --- what the pages share ------------------------------------------------ */

static void put_time(HDF *h, const char *name, const char *zone, long long t)
{
	char at[20];
	struct tm tm;

	tz_local(zone, (time_t)t, &tm);
	strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm);
	hdf_set_value(h, name, at);
}

/* The next paragraph of text (blocks between empty lines) from *p: its
 * start and length, blank lines and trailing spaces left out; 0 at the end. */
static int next_para(const char **p, const char **start, size_t *len)
{
	const char *s = *p, *e;

	while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return 0;
	e = s;
	while (*e) {
		const char *nl = strchr(e, '\n');
		const char *after;
		if (!nl) {
			e += strlen(e);
			break;
		}
		after = nl + 1;
		while (*after == ' ' || *after == '\t' || *after == '\r')
			after++;
		if (*after == '\n' || !*after) {
			e = nl;
			break;
		}
		e = after;
	}
	*start = s;
	*len = (size_t)(e - s);
	while (*len && strchr(" \t\r\n", s[*len - 1]))
		(*len)--;
	*p = e;
	return 1;
}

/* Page.<at>.Parts.<n>: the text as headings and paragraphs of lines. */
static void text_put(Request *r, const char *at, const char *text)
{
	const char *p = text, *s;
	size_t len;
	int n = 0;

	while (next_para(&p, &s, &len)) {
		char key[96];
		HDF *h = NULL;
		int line = 0;
		snprintf(key, sizeof(key), "Page.%s.Parts.%d", at, n++);
		if (hdf_get_node(r->hdf, key, &h) != STATUS_OK)
			abort(); /* out of memory, as xmalloc */
		if (agreement_is_heading(s, len)) {
			char *t = xstrndup(s, len);
			hdf_set_value(h, "Heading", t);
			free(t);
			continue;
		}
		for (const char *l = s; l < s + len; line++) {
			const char *nl = memchr(l, '\n', (size_t)(s + len - l));
			size_t ll = nl ? (size_t)(nl - l) : (size_t)(s + len - l);
			char *t = xstrndup(l, ll);
			snprintf(key, sizeof(key), "Lines.%d", line);
			hdf_set_value(h, key, t);
			free(t);
			l += ll + 1;
		}
	}
}

/* Page.Agreement: the current version in lang; 0 when none is configured. */
static int current_put(Request *r, const char *lang, AgreementText *t)
{
	if (!agreement_current(lang, t))
		return 0;
	hdf_set_value(r->hdf, "Page.Agreement.Version", t->version);
	hdf_set_value(r->hdf, "Page.Agreement.Title", t->title);
	hdf_set_value(r->hdf, "Page.Agreement.Lang", t->lang);
	hdf_set_value(r->hdf, "Page.Agreement.Sha256", t->sha256);
	text_put(r, "Agreement", t->text);
	return 1;
}

/* Page.<list>.<n>: the client's signatures, newest first; the one of the
 * current version (if any) also as Page.Signed. */
static NEOERR *history_put(Request *r, const Client *c, const char *list, const char *version)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	err = db_query(&q, "SELECT id, version, lang, signer_name, signer_title, UNIX_TIMESTAMP(signed_at),"
			   " text_sha256 FROM agreement_signatures WHERE client_id = ?"
			   " ORDER BY signed_at DESC, id DESC LIMIT 100", "i", c->id);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, list, n++);
		page_put(h, "Id", db_str(q, 0));
		page_put(h, "Version", db_str(q, 1));
		page_put(h, "Lang", db_str(q, 2));
		page_put(h, "Name", db_str(q, 3));
		page_put(h, "Title", db_str(q, 4));
		put_time(h, "At", c->zone, db_int(q, 5));
		page_put(h, "Sha256", db_str(q, 6));
		if (!strcmp(db_str(q, 1), version)) {
			hdf_set_value(h, "Current", "1");
			hdf_set_value(r->hdf, "Page.Signed.Id", db_str(q, 0));
			hdf_set_value(r->hdf, "Page.Signed.Name", db_str(q, 3));
			hdf_set_value(r->hdf, "Page.Signed.Title", db_str(q, 4));
			hdf_set_value(r->hdf, "Page.Signed.At", hdf_get_value(h, "At", ""));
		}
	}
	db_end(&q);
	return STATUS_OK;
}

static void client_put(Request *r, const Client *c)
{
	page_put_int(r->hdf, "Page.Client.Id", c->id);
	hdf_set_value(r->hdf, "Page.Client.Name", c->name);
	hdf_set_value(r->hdf, "Page.Agency", statement_text("Controller.Name", r->lang));
	hdf_set_value(r->hdf, "Page.Zone", c->zone);
}

/* --- the client's page --------------------------------------------------- */

static NEOERR *client_page(Request *r, const Client *c, enum right right)
{
	AgreementText t;
	NEOERR *err;

	client_put(r, c);
	if (right == SIGN)
		hdf_set_value(r->hdf, "Page.May.Sign", "1");
	if (!current_put(r, r->lang, &t))
		hdf_set_value(r->hdf, "Page.NoAgreement", "1");
	err = history_put(r, c, "History", t.version ? t.version : "");
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "privacy/agreement.cs"));
}

NEOERR *agreement_show(Request *r)
{
	enum right right;
	DBQuery *q;
	Client c;
	NEOERR *err = own_client(r, &c, &right);

	if (err || !c.id)
		return nerr_pass(err);
	if (param_str(r, "done"))
		hdf_set_value(r->hdf, "Page.Done", param_str(r, "done"));
	/* The signer's name and job title as the portal knows them: he may
	 * change them (the title on a contract is often not the one here). */
	err = db_query(&q, "SELECT CONCAT(first_name, ' ', last_name), job_title FROM users WHERE id = ?", "i",
		       r->user->id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		hdf_set_value(r->hdf, "Page.Form.name", db_str(q, 0));
		hdf_set_value(r->hdf, "Page.Form.title", db_str(q, 1));
	}
	db_end(&q);
	return nerr_pass(client_page(r, &c, right));
}

static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t")];
}

NEOERR *agreement_sign(Request *r)
{
	const char *name = param_str(r, "name"), *title = param_str(r, "title");
	char detail[160], *doc_title;
	long long id = 0;
	enum right right;
	AgreementText t;
	Client c;
	NEOERR *err = own_client(r, &c, &right);

	if (err || !c.id)
		return nerr_pass(err);
	if (right != SIGN)
		return http_fail(r, 404, "user %lld may not sign for client %lld", r->user->id, c.id);
	param_keep_form(r);
	if (!r->form_errors && blank(name))
		param_error(r, "name", "required");
	if (!r->form_errors && blank(title))
		param_error(r, "title", "required");
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(client_page(r, &c, right));
	}
	/* What he read must be what is signed: the text of the language he
	 * read, unchanged since (a new version, an edited text, a restart in
	 * between). Otherwise he reads it again, his input kept. */
	if (!agreement_current(param_str(r, "text_lang"), &t) || strcmp(t.version, param_str(r, "version")) ||
	    strcmp(t.sha256, param_str(r, "sha256"))) {
		hdf_set_value(r->hdf, "Page.Changed", "1");
		r->status = FORM_REFUSED;
		return nerr_pass(client_page(r, &c, right));
	}
	doc_title = xstrdup(t.title);
	util_utf8_cap(doc_title, 200); /* the column's width; the text itself is whole */
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "INSERT INTO agreement_signatures (client_id, version, lang, title, text, text_sha256,"
				    " signer_id, signer_name, signer_title, signed_at)"
				    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",
			      "isssssiss", c.id, t.version, t.lang, doc_title, t.text, t.sha256, r->user->id, name,
			      title);
	free(doc_title);
	if (db_duplicate(err)) {
		/* Signed already — by him a moment ago (a double click) or by
		 * a colleague: nothing is recorded twice; the page says who. */
		nerr_ignore(&err);
		db_rollback();
		return http_redirect(r, "/privacy/agreement?done=already");
	}
	if (!err)
		id = (long long)db_insert_id();
	snprintf(detail, sizeof(detail), "version=%s lang=%s sha256=%.16s", t.version, t.lang, t.sha256);
	if (!err)
		err = audit_add(r, r->user->id, "agreement.sign", "agreement_signature", id, c.unit_id, detail);
	err = db_finish(err);
	if (err)
		return nerr_pass(err);
	return http_redirect(r, "/privacy/agreement?done=signed");
}

/* --- the signed copy ------------------------------------------------------ */

typedef struct signature {
	long long id;
	char version[AGREEMENT_VERSION_MAX + 1];
	char lang[3];
	char *title, *text, *name, *job;
	char sha256[65];
	long long at;
} Signature;

static void signature_free(Signature *s)
{
	free(s->title);
	free(s->text);
	free(s->name);
	free(s->job);
	memset(s, 0, sizeof(*s));
}

static NEOERR *signature_load(long long id, Signature *s, Client *c)
{
	DBQuery *q;
	NEOERR *err;
	long long client = 0;

	memset(s, 0, sizeof(*s));
	memset(c, 0, sizeof(*c));
	err = db_query(&q, "SELECT id, client_id, version, lang, title, text, text_sha256, signer_name,"
			   " signer_title, UNIX_TIMESTAMP(signed_at) FROM agreement_signatures WHERE id = ?",
		       "i", id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		s->id = db_int(q, 0);
		client = db_int(q, 1);
		snprintf(s->version, sizeof(s->version), "%s", db_str(q, 2));
		snprintf(s->lang, sizeof(s->lang), "%s", db_str(q, 3));
		s->title = xstrdup(db_str(q, 4));
		s->text = xstrdup(db_str(q, 5));
		snprintf(s->sha256, sizeof(s->sha256), "%s", db_str(q, 6));
		s->name = xstrdup(db_str(q, 7));
		s->job = xstrdup(db_str(q, 8));
		s->at = db_int(q, 9);
	}
	db_end(&q);
	if (!s->id)
		return STATUS_OK;
	return nerr_pass(client_load(client, c));
}

/* The PDF in the language the text was signed in: title, version, the
 * parties, the whole text, then the signature and the text's SHA-256. */
static NEOERR *signature_pdf(const Signature *s, const Client *c, STRING *out)
{
	const char *lang = s->lang;
	char at[4 * 64 + 80], local[32], zulu[32], *sub;
	const char *p = s->text, *para;
	size_t len;
	struct tm tm, utc;
	Pdf *pdf = NULL;
	NEOERR *err;

#define L(key) view_text(lang, "Lang.Privacy.Agreement.Pdf." key)
	sub = xasprintf("%s %s · %s", L("Version"), s->version, c->name);
	err = pdf_begin(&pdf, s->title, sub);
	free(sub);
	if (err)
		return nerr_pass(err);
	pdf_field(pdf, L("Client"), c->name);
	pdf_field(pdf, L("Processor"), statement_text("Controller.Name", lang));
	pdf_field(pdf, L("Version"), s->version);
	pdf_gap(pdf);
	while (next_para(&p, &para, &len)) {
		char *t = xstrndup(para, len);
		if (agreement_is_heading(para, len))
			pdf_heading(pdf, t);
		else
			pdf_text(pdf, t);
		free(t);
	}
	pdf_heading(pdf, L("Signature"));
	pdf_text(pdf, L("SignedFor"));
	pdf_field(pdf, L("Client"), c->name);
	pdf_field(pdf, L("Name"), s->name);
	pdf_field(pdf, L("Title"), s->job);
	tz_local(c->zone, (time_t)s->at, &tm);
	gmtime_r(&(time_t){ (time_t)s->at }, &utc);
	strftime(local, sizeof(local), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zulu, sizeof(zulu), "%Y-%m-%d %H:%M:%S", &utc);
	snprintf(at, sizeof(at), "%s (%s; %s UTC)", local, c->zone, zulu);
	pdf_field(pdf, L("At"), at);
	pdf_gap(pdf);
	pdf_text(pdf, L("Sha256"));
	pdf_text(pdf, s->sha256);
#undef L
	return nerr_pass(pdf_finish(&pdf, out));
}

NEOERR *agreement_pdf(Request *r)
{
	char detail[96], disp[160];
	Signature s;
	Client c;
	NEOERR *err = signature_load(param_int(r, "id", 0), &s, &c);
	int may = !err && s.id && client_right(r, &c) != NONE;

	if (!err && s.id && !may)
		err = agency_viewer(r, &may);
	if (!err && !may) {
		signature_free(&s);
		return http_fail(r, 404, "signature %lld not in scope", param_int(r, "id", 0));
	}
	if (!err)
		err = signature_pdf(&s, &c, &r->body);
	snprintf(detail, sizeof(detail), "version=%s", s.version);
	if (!err)
		err = audit_add(r, r->user->id, "agreement.download", "agreement_signature", s.id, c.unit_id, detail);
	if (!err) {
		r->content_type = "application/pdf";
		/* The version is a word ([A-Za-z0-9_-]): safe in the header. */
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s-%s.pdf\"",
			 view_text(s.lang, "Lang.Privacy.Agreement.FileName"), s.version);
		http_header(r, "Content-Disposition", disp);
	} else {
		string_clear(&r->body);
	}
	signature_free(&s);
	return nerr_pass(err);
}

/* --- the agency's pages -------------------------------------------------- */

/* The clients with the current version signed or not; filters: a part of
 * the name, signed or not. */
#define CLIENTS \
	" FROM clients c JOIN org_units o ON o.id = c.unit_id" \
	" LEFT JOIN agreement_signatures s ON s.client_id = c.id AND s.version = ?" \
	" WHERE c.status = 'active' AND (? = '' OR LOCATE(?, c.name) > 0)" \
	" AND (? = '' OR (? = 'signed') = (s.id IS NOT NULL))"
#define CLIENTS_TYPES "sssss"
#define CLIENTS_ARGS version, q, q, state, state

static NEOERR *versions_put(Request *r)
{
	DBQuery *q;
	NEOERR *err;
	int n = 0;

	/* Every version signed: how many clients, from when to when. */
	err = db_query(&q, "SELECT version, COUNT(*), DATE_FORMAT(MIN(signed_at), '%Y-%m-%d'),"
			   " DATE_FORMAT(MAX(signed_at), '%Y-%m-%d') FROM agreement_signatures"
			   " GROUP BY version ORDER BY MIN(signed_at) DESC LIMIT 50", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		HDF *h = page_item(r, "Versions", n++);
		page_put(h, "Version", db_str(q, 0));
		page_put(h, "Count", db_str(q, 1));
		page_put(h, "From", db_str(q, 2));
		page_put(h, "Until", db_str(q, 3));
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *agreements_list(Request *r)
{
	const char *q = or_empty(param_str(r, "q")), *state = or_empty(param_str(r, "state"));
	const char *version;
	long long page;
	char *count = NULL;
	AgreementText t;
	DBQuery *rows;
	STRING qs;
	NEOERR *err;
	int ok, n = 0;

	err = agency_viewer(r, &ok);
	if (err || !ok)
		return err ? nerr_pass(err) : http_fail(r, 404, "agreements are for agency staff with agreement.view");
	param_keep_form(r);
	if (!current_put(r, r->lang, &t))
		hdf_set_value(r->hdf, "Page.NoAgreement", "1");
	version = t.version ? t.version : "";
	if (r->form_errors) {
		r->status = FORM_REFUSED;
		return nerr_pass(view_render(r, "privacy/agreements.cs"));
	}
	err = db_query(&rows, "SELECT COUNT(*), COUNT(s.id) FROM clients c"
			      " LEFT JOIN agreement_signatures s ON s.client_id = c.id AND s.version = ?"
			      " WHERE c.status = 'active'", "s", version);
	if (err)
		return nerr_pass(err);
	if (db_next(rows)) {
		hdf_set_value(r->hdf, "Page.Total", db_str(rows, 0));
		hdf_set_value(r->hdf, "Page.SignedCount", db_str(rows, 1));
	}
	db_end(&rows);
	err = db_value(&count, "SELECT COUNT(*)" CLIENTS, CLIENTS_TYPES, CLIENTS_ARGS);
	if (err)
		return nerr_pass(err);
	string_init(&qs);
	page_query_add(&qs, "q", param_str(r, "q"));
	page_query_add(&qs, "state", param_str(r, "state"));
	page = page_pager(r, count ? atoll(count) : 0, param_int(r, "page", 1), PAGE_SIZE, &qs);
	string_clear(&qs);
	free(count);
	err = db_query(&rows,
		"SELECT c.id, c.name, o.time_zone, s.id, s.signer_name, s.signer_title, UNIX_TIMESTAMP(s.signed_at),"
		" (SELECT p.version FROM agreement_signatures p WHERE p.client_id = c.id AND p.version <> ?"
		"  ORDER BY p.signed_at DESC, p.id DESC LIMIT 1),"
		" (SELECT UNIX_TIMESTAMP(p.signed_at) FROM agreement_signatures p WHERE p.client_id = c.id"
		"  AND p.version <> ? ORDER BY p.signed_at DESC, p.id DESC LIMIT 1)"
		CLIENTS " ORDER BY c.name, c.id LIMIT ? OFFSET ?",
		"ss" CLIENTS_TYPES "ii", version, version, CLIENTS_ARGS, (long long)PAGE_SIZE, (page - 1) * PAGE_SIZE);
	if (err)
		return nerr_pass(err);
	while (db_next(rows)) {
		HDF *h = page_item(r, "Clients", n++);
		page_put(h, "Id", db_str(rows, 0));
		page_put(h, "Name", db_str(rows, 1));
		if (db_str(rows, 3)) {
			page_put(h, "SignatureId", db_str(rows, 3));
			page_put(h, "Signer", db_str(rows, 4));
			page_put(h, "SignerTitle", db_str(rows, 5));
			put_time(h, "At", db_str(rows, 2), db_int(rows, 6));
		}
		if (db_str(rows, 7)) {
			page_put(h, "Before", db_str(rows, 7));
			put_time(h, "BeforeAt", db_str(rows, 2), db_int(rows, 8));
		}
	}
	db_end(&rows);
	err = versions_put(r);
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "privacy/agreements.cs"));
}

NEOERR *agreements_client(Request *r)
{
	AgreementText t;
	Client c;
	int ok;
	NEOERR *err = agency_viewer(r, &ok);

	if (!err && ok)
		err = client_load(param_int(r, "id", 0), &c);
	if (err)
		return nerr_pass(err);
	if (!ok || !c.id)
		return http_fail(r, 404, "client %lld: no agreements to show", param_int(r, "id", 0));
	client_put(r, &c);
	if (!agreement_current(r->lang, &t))
		hdf_set_value(r->hdf, "Page.NoAgreement", "1");
	else
		hdf_set_value(r->hdf, "Page.Agreement.Version", t.version);
	err = history_put(r, &c, "History", t.version ? t.version : "");
	if (err)
		return nerr_pass(err);
	return nerr_pass(view_render(r, "privacy/agreements_client.cs"));
}
