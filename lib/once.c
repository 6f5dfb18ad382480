/* once.c: a form posted twice is done once — a retry after a lost answer, a double click */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/evp.h>

#include "db.h"
#include "files.h"
#include "http.h"
#include "log.h"
#include "once.h"
#include "request.h"
#include "util.h"

/*
 * A browser sends a form again when the answer to it was lost (a program
 * that died, a connection that broke) and the user reloads, or when the
 * button is clicked twice. The form's key is written in the same
 * transaction as everything its handler changes: either both are there,
 * or neither. A second one with the same key waits on the first's row,
 * then finds it and answers with the same redirect. Each page carries a
 * new nonce in its CSRF field (view.c), so the same form filled in the
 * same way from a page shown again is a new form, done again.
 */

static void hash_file(EVP_MD_CTX *ctx, FILE *f)
{
	unsigned char buf[65536];
	size_t n;

	if (!f)
		return;
	rewind(f);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		EVP_DigestUpdate(ctx, buf, n);
	rewind(f);
}

static void hash_str(EVP_MD_CTX *ctx, const char *s)
{
	EVP_DigestUpdate(ctx, s ? s : "", strlen(s ? s : "") + 1);
}

/* The key of the form in hand. */
static void form_key(Request *r, unsigned char key[32])
{
	HDF *q = hdf_get_obj(r->hdf, "Query");
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned int len = 0;

	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, r->session_hash, sizeof(r->session_hash));
	hash_str(ctx, r->method);
	hash_str(ctx, r->path);
	for (HDF *c = q ? hdf_obj_child(q) : NULL; c; c = hdf_obj_next(c)) {
		hash_str(ctx, hdf_obj_name(c));
		hash_str(ctx, hdf_obj_value(c));
		for (HDF *v = hdf_obj_child(c); v; v = hdf_obj_next(v)) {
			hash_str(ctx, hdf_obj_name(v));
			hash_str(ctx, hdf_obj_value(v));
		}
		for (const Param *p = r->route->params; p && p->name; p++)
			if (p->type == P_FILE && !strcmp(p->name, hdf_obj_name(c)))
				hash_file(ctx, request_file(r, p->name));
	}
	EVP_DigestFinal_ex(ctx, key, &len);
	EVP_MD_CTX_free(ctx);
}

NEOERR *once_begin(Request *r, int *replayed)
{
	unsigned char key[32];
	char *location = NULL;
	NEOERR *err;

	*replayed = 0;
	form_key(r, key);
	memcpy(r->form_key, key, sizeof(key));
	err = db_begin_outer();
	if (err)
		return nerr_pass(err);
	err = db_exec(NULL, "INSERT INTO posted (key_hash, created_at) VALUES (?, UTC_TIMESTAMP())", "b", key,
		      sizeof(key));
	if (!db_duplicate(err))
		return nerr_pass(err);
	/* Done before (the first one committed while this one waited). */
	nerr_ignore(&err);
	db_abort();
	err = db_value(&location, "SELECT location FROM posted WHERE key_hash = ?", "b", key, sizeof(key));
	if (err)
		return nerr_pass(err);
	*replayed = 1;
	if (location && *location) {
		http_header(r, "Location", location);
		r->status = 303;
	} else {
		http_fail(r, 409, "form sent again; the first did not end in a redirect");
	}
	log_msg("info", r->ref, "form sent again: answered as the first time");
	free(location);
	return STATUS_OK;
}

NEOERR *once_end(Request *r, NEOERR *err)
{
	const char *loc = NULL, *end;
	char *location;

	if (err) {
		db_abort();
		files_forget();
		return err;
	}
	/* A conflict or a lost node inside ended the transaction (db.c):
	 * nothing of it is there, so it is done again (app.c). */
	if (!db_in_transaction()) {
		files_forget();
		return nerr_raise(PERR_DB_CONFLICT, "the form's transaction ended before the form did");
	}
	if (r->status == 303 && r->headers.buf && (loc = strstr(r->headers.buf, "Location: ")) != NULL)
		loc += 10;
	if (loc) {
		end = strstr(loc, "\r\n");
		location = xstrndup(loc, end ? (size_t)(end - loc) : strlen(loc));
		err = db_exec(NULL, "UPDATE posted SET location = ? WHERE key_hash = ?", "sb", location,
			      r->form_key, sizeof(r->form_key));
		free(location);
	} else {
		/* Refused or shown again: what it did stays (an audit line),
		 * and the same form may come again. */
		err = db_exec(NULL, "DELETE FROM posted WHERE key_hash = ?", "b", r->form_key,
			      sizeof(r->form_key));
	}
	if (!err)
		err = db_commit_outer();
	if (err) {
		db_abort();
		files_forget();
	} else {
		/* Files whose rows are gone leave the store now, not before. */
		files_after_commit();
	}
	return nerr_pass(err);
}
