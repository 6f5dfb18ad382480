/* demo_privacy.c: the demo's privacy duties — something to try for each: requests, agreements, personal fields, retention */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "agreement.h"
#include "conf.h"
#include "db.h"
#include "files.h"
#include "photo.h"
#include "portalctl.h"
#include "retention.h"
#include "rights.h"
#include "statement.h"
#include "util.h"

/* --- requests of data subjects ------------------------------------------ */

/* Something in each state of the queue (/privacy/requests): Jan Willems
 * (who logs in) asked himself to see his data, nine days ago, due in about
 * three weeks; Lisa Maes wrote that her address is wrong, recorded by the
 * privacy officer, now past its due date (the worker reminds the officer
 * at once); Sanne Peeters's access request was answered. Days before
 * today on the agency's calendar. */
static const struct demo_request {
	const char *email, *kind, *channel, *state, *text, *outcome;
	int days, closed_days;
} demo_requests[] = {
	{ "worker@flex.example", "access", "self", "open",
	  "Ik wil graag weten welke gegevens jullie van mij bewaren, waarvoor, en aan welke klanten ze zijn "
	  "doorgegeven.", "", 9, 0 },
	{ "lisa.maes@flex.example", "rectification", "officer", "open",
	  "Per brief: mijn adres klopt niet. Ik woon sinds maart in de Kerkstraat 12 in Gent, niet meer in "
	  "Antwerpen.", "", 40, 0 },
	{ "sanne.peeters@flex.example", "access", "officer", "done",
	  "Telefonisch: wil weten welke uren en contracten van haar in het portaal staan.",
	  "Overzicht van haar gegevens (PDF) op 12 werkdagen na ontvangst per e-mail gestuurd.", 75, 60 },
};

static NEOERR *seed_requests(void)
{
	long long months = conf_int("Privacy.RequestMonths");
	char *have = NULL, *officer = NULL, today[11];
	NEOERR *err = db_value(&have, "SELECT COUNT(*) FROM privacy_requests", NULL);

	if (err || (have && atoll(have) > 0)) {
		free(have);
		return nerr_pass(err);
	}
	free(have);
	rights_today(time(NULL), today);
	err = db_value(&officer, "SELECT id FROM users WHERE email = 'privacy@uitzendbureau.example'", NULL);
	for (size_t i = 0; i < ARRAY_SIZE(demo_requests) && !err; i++) {
		const struct demo_request *q = &demo_requests[i];
		unsigned long long n = 0;
		err = db_exec(&n,
			"INSERT INTO privacy_requests (kind, user_id, channel, recorded_by, recorded_at, received_on,"
			" first_due_on, due_on, request_text, state, closed_at, closed_by, outcome)"
			" SELECT ?, u.id, ?, IF(? = 'self', u.id, ?), UTC_TIMESTAMP() - INTERVAL ? DAY,"
			" ? - INTERVAL ? DAY, ? - INTERVAL ? DAY + INTERVAL ? MONTH, ? - INTERVAL ? DAY + INTERVAL ? MONTH,"
			" ?, ?, IF(? = 'open', NULL, UTC_TIMESTAMP() - INTERVAL ? DAY), IF(? = 'open', NULL, ?), ?"
			" FROM users u WHERE u.email = ?",
			"sssiisisiisiisssisiss", q->kind, q->channel, q->channel, atoll(officer ? officer : "0"),
			(long long)q->days, today, (long long)q->days, today, (long long)q->days, months, today,
			(long long)q->days, months, q->text, q->state, q->state, (long long)q->closed_days, q->state,
			atoll(officer ? officer : "0"), q->outcome, q->email);
		if (!err && n != 1)
			err = nerr_raise(NERR_ASSERT, "no demo user %s", q->email);
	}
	free(officer);
	return nerr_pass(err);
}

/* --- the processing agreement ------------------------------------------- */

/* A signature as the portal records one (privacy/agreement.c): the text
 * as read, its SHA-256, the signer's name and title as typed; days ago. */
static NEOERR *demo_signature(const char *client, const char *version, const char *title, const char *text,
			      const char *signer, const char *name, const char *job, int days_ago)
{
	char sha[65];

	agreement_sha256(text, strlen(text), sha);
	return nerr_pass(db_exec(NULL,
		"INSERT INTO agreement_signatures (client_id, version, lang, title, text, text_sha256, signer_id,"
		" signer_name, signer_title, signed_at)"
		" SELECT c.id, ?, 'nl', ?, ?, ?, u.id, ?, ?, UTC_TIMESTAMP() - INTERVAL ? DAY - INTERVAL 150 MINUTE"
		" FROM clients c JOIN users u ON u.email = ? WHERE c.name = ?"
		" ON DUPLICATE KEY UPDATE agreement_signatures.id = agreement_signatures.id",
		"ssssssiss", version, title, text, sha, name, job, (long long)days_ago, signer, client));
}

/* Andere Klant BV signed the current version (its managing director,
 * whose account has since been closed); Klant NV signed last year's
 * version only — which gave a security incident 72 hours, not 48 — so
 * Karin Hermans (directie@klant.example, client_admin on all of Klant
 * NV) finds the new version waiting on her dashboard. */
#define DEMO_EARLIER "2025-1"

static NEOERR *seed_agreements(void)
{
	AgreementText t;
	char *earlier, *at;
	NEOERR *err = statement_init();

	if (err || !agreement_current("nl", &t))
		return nerr_pass(err);
	err = db_exec(NULL,
		"INSERT INTO users (kind, client_id, email, first_name, last_name, job_title, status, created_at)"
		" SELECT 'client', c.id, 'lotte.claes@andereklant.example', 'Lotte', 'Claes', 'Zaakvoerder',"
		" 'disabled', UTC_TIMESTAMP() - INTERVAL 400 DAY FROM clients c WHERE c.name = 'Andere Klant BV'"
		" ON DUPLICATE KEY UPDATE users.id = users.id", NULL);
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO grants (user_id, role, unit_id, created_at)"
			" SELECT u.id, 'client_admin', c.unit_id, u.created_at FROM users u JOIN clients c"
			" ON c.id = u.client_id WHERE u.email = 'lotte.claes@andereklant.example'"
			" ON DUPLICATE KEY UPDATE grants.id = grants.id", NULL);
	if (!err)
		err = demo_signature("Andere Klant BV", t.version, t.title, t.text, "lotte.claes@andereklant.example",
				     "Lotte Claes", "Zaakvoerder", 20);
	if (err || !strcmp(t.version, DEMO_EARLIER))
		return nerr_pass(err);
	earlier = xstrdup(t.text);
	at = strstr(earlier, "48 uur");
	if (at)
		memcpy(at, "72", 2);
	err = demo_signature("Klant NV", DEMO_EARLIER, t.title, earlier, "directie@klant.example", "Karin Hermans",
			     "Algemeen directeur", 380);
	free(earlier);
	return nerr_pass(err);
}

/* --- optional personal fields and photos -------------------------------- */

/* A few temp workers with a date of birth and an address (Lisa Maes, whose
 * Belgian number says 30 July 1990, in Antwerp), and two of team A1 with
 * a photo, so that the planner of department A sees them in the week view.
 * Only what is still empty is filled, and only what the configuration has
 * on. */
static const struct demo_person {
	const char *email, *mobile, *birth, *street, *postcode, *city, *country;
	unsigned char photo[3];    /* the background of the photo; 0 0 0: none */
} demo_persons[] = {
	{ "worker@flex.example", "+31 6 21436587", "1994-03-12", "Kruisstraat 12", "3012 CT", "Rotterdam", "NL",
	  { 0, 0, 0 } },
	{ "sanne.peeters@flex.example", "+31 6 34251607", "1999-07-21", "Hoogstraat 48", "3011 PS", "Rotterdam",
	  "NL", { 0x2a, 0x7a, 0x8c } },
	{ "youssef.amrani@flex.example", NULL, "1988-11-02", "Schiedamseweg 101", "3026 AH", "Rotterdam", "NL",
	  { 0x8c, 0x5a, 0x2a } },
	{ "lisa.maes@flex.example", "+32 470 12 34 56", "1990-07-30", "Meir 15", "2000", "Antwerpen", "BE",
	  { 0, 0, 0 } },
};

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, the CRC of type and data. */
static void png_chunk(FILE *f, const char *type, const unsigned char *data, uint32_t n)
{
	unsigned char word[4];
	uLong crc = crc32(0, (const Bytef *)type, 4);

	if (n)
		crc = crc32(crc, data, n);
	be32(word, n);
	fwrite(word, 1, 4, f);
	fwrite(type, 1, 4, f);
	if (n)
		fwrite(data, 1, n, f);
	be32(word, (uint32_t)crc);
	fwrite(word, 1, 4, f);
}

/* A PNG of PNG_SIDE pixels square in a temp file: a light silhouette — a
 * head and shoulders — on the background bg; a stand-in for a photo,
 * written from bytes (portalctl draws with nothing). */
#define PNG_SIDE 64
static FILE *demo_png(const unsigned char bg[3])
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	enum { ROW = 1 + 3 * PNG_SIDE };
	unsigned char raw[ROW * PNG_SIDE], ihdr[13] = { 0 }, *z;
	uLongf zlen = compressBound(sizeof(raw));
	FILE *f = tmpfile();

	if (!f)
		return NULL;
	for (int y = 0; y < PNG_SIDE; y++) {
		raw[y * ROW] = 0; /* no filter */
		for (int x = 0; x < PNG_SIDE; x++) {
			int hx = x - 32, hy = y - 24, sx = x - 32, sy = y - 66;
			int light = hx * hx + hy * hy <= 13 * 13 || sx * sx / 4 + sy * sy <= 24 * 24;
			for (int c = 0; c < 3; c++)
				raw[y * ROW + 1 + 3 * x + c] = light ? (unsigned char)(0xf0 - c * 0x10) : bg[c];
		}
	}
	z = xmalloc(zlen);
	if (compress2(z, &zlen, raw, sizeof(raw), 9) != Z_OK) {
		free(z);
		fclose(f);
		return NULL;
	}
	be32(ihdr, PNG_SIDE);
	be32(ihdr + 4, PNG_SIDE);
	ihdr[8] = 8;  /* bits per sample */
	ihdr[9] = 2;  /* RGB */
	fwrite(sig, 1, sizeof(sig), f);
	png_chunk(f, "IHDR", ihdr, sizeof(ihdr));
	png_chunk(f, "IDAT", z, (uint32_t)zlen);
	png_chunk(f, "IEND", NULL, 0);
	free(z);
	rewind(f);
	return f;
}

static NEOERR *seed_person_fields(void)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < ARRAY_SIZE(demo_persons) && !err; i++) {
		const struct demo_person *d = &demo_persons[i];
		char *found = NULL, old[FILES_ID_LEN + 1];
		long long uid;

		err = db_value(&found, "SELECT id FROM users WHERE email = ?", "s", d->email);
		if (err || !found) {
			free(found);
			continue;
		}
		uid = atoll(found);
		free(found);
		if (conf_int("Fields.Mobile") && d->mobile)
			err = db_exec(NULL, "UPDATE users SET mobile = ? WHERE id = ? AND mobile IS NULL", "si",
				      d->mobile, uid);
		if (!err && conf_int("Fields.BirthDate"))
			err = db_exec(NULL, "UPDATE users SET birth_date = ? WHERE id = ? AND birth_date IS NULL", "si",
				      d->birth, uid);
		if (!err && conf_int("Fields.Address"))
			err = db_exec(NULL, "UPDATE users SET address_street = ?, address_postcode = ?, address_city = ?,"
					    " address_country = ? WHERE id = ? AND address_street IS NULL",
				      "ssssi", d->street, d->postcode, d->city, d->country, uid);
		if (!err && photo_on() && (d->photo[0] || d->photo[1] || d->photo[2])) {
			const char *problem = NULL;
			FilesInfo info;
			int has = 0;
			FILE *f;
			err = photo_exists(uid, &has);
			if (err || has)
				continue;
			f = demo_png(d->photo);
			if (!f)
				return nerr_raise(NERR_IO, "no temp file for a demo photo");
			err = photo_put(f, &info, &problem);
			fclose(f);
			if (!err && problem)
				err = nerr_raise(NERR_ASSERT, "demo photo refused: %s", problem);
			if (!err)
				err = photo_attach(NULL, uid, 0, &info, old);
		}
	}
	return nerr_pass(err);
}

/* --- retention and consent ---------------------------------------------- */

/* A temp worker registered almost Privacy.RetentionMonths ago and idle
 * since: his date comes in three weeks, and he is asked for his consent
 * (demo_privacy_after, once the demo's transaction is in). */
#define RETAINED_EMAIL "henk.deboer@flex.example"

static NEOERR *seed_retention(void)
{
	return nerr_pass(db_exec(NULL,
		"INSERT INTO users (kind, email, first_name, last_name, status, created_at)"
		" VALUES ('worker', ?, 'Henk', 'de Boer', 'invited',"
		"  UTC_DATE() + INTERVAL 21 DAY - INTERVAL ? MONTH + INTERVAL 9 HOUR)"
		" ON DUPLICATE KEY UPDATE id = id",
		"si", RETAINED_EMAIL, (long long)conf_int("Privacy.RetentionMonths")));
}

NEOERR *demo_privacy_after(void)
{
	char *id = NULL;
	int asked, anonymised;
	NEOERR *err = db_value(&id, "SELECT id FROM users WHERE email = ? AND erased_at IS NULL", "s", RETAINED_EMAIL);

	if (!err && id)
		err = retention_person('u', atoll(id), time(NULL), &asked, &anonymised);
	free(id);
	return nerr_pass(err);
}

NEOERR *demo_privacy(void)
{
	NEOERR *err = seed_requests();

	if (!err)
		err = seed_agreements();
	if (!err)
		err = seed_person_fields();
	if (!err)
		err = seed_retention();
	return nerr_pass(err);
}
