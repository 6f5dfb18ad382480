/* photo.c: a temp worker's photo (Privacy.Photos) — in the encrypted file store, its key in his row */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <openssl/crypto.h>

#include "acl.h"
#include "audit.h"
#include "conf.h"
#include "db.h"
#include "filekind.h"
#include "files.h"
#include "http.h"
#include "log.h"
#include "photo.h"
#include "util.h"

int photo_on(void)
{
	return conf_int("Privacy.Photos") != 0;
}

static void drop_file(const char *id)
{
	NEOERR *err = files_remove(id);

	/* Gone already is what we want; anything else leaves an orphan for
	 * files-sweep, which is no reason to fail what was done. */
	if (err && !nerr_match(err, NERR_NOT_FOUND))
		log_nerr(NULL, err);
	nerr_ignore(&err);
}

static NEOERR *to_store(void *w, const void *buf, size_t n)
{
	return nerr_pass(files_store_write(w, buf, n));
}

/* Why a picture is no photo to keep, NULL when it is one. */
static const char *refusal(const FileKindPicture *pic)
{
	if (pic->kind != FILEKIND_PNG && pic->kind != FILEKIND_JPEG)
		return "photo_kind";
	if (pic->width > PHOTO_MAX_SIDE || pic->height > PHOTO_MAX_SIDE ||
	    (uint64_t)pic->width * pic->height > PHOTO_MAX_PIXELS)
		return "photo_dimensions";
	return NULL;
}

/* The upload is read whole into memory, at most PHOTO_MAX_BYTES (and one
 * byte more, to know it is too large): a picture's header may come after
 * any number of segments, and what is kept is known only once the whole
 * file is read (filekind_picture). Then only what is kept is stored. */
NEOERR *photo_put(FILE *f, FilesInfo *info, const char **problem)
{
	unsigned char *buf;
	size_t n = 0, got;
	struct stat st;
	FileKindPicture pic;
	FilesWriter *w = NULL;
	NEOERR *err = STATUS_OK;

	*problem = NULL;
	memset(info, 0, sizeof(*info));
	/* Too large is known before a byte is read. */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > PHOTO_MAX_BYTES) {
		*problem = "photo_size";
		return STATUS_OK;
	}
	buf = xmalloc(PHOTO_MAX_BYTES + 1);
	while (n <= PHOTO_MAX_BYTES && (got = fread(buf + n, 1, PHOTO_MAX_BYTES + 1 - n, f)) > 0)
		n += got;
	if (ferror(f))
		err = nerr_raise_errno(NERR_IO, "reading an uploaded photo");
	else if (!n)
		*problem = "file_empty";
	else if (n > PHOTO_MAX_BYTES)
		*problem = "photo_size";
	else {
		/* Only read: nothing to raise. */
		err = filekind_picture(buf, n, &pic, NULL, NULL);
		*problem = err ? NULL : refusal(&pic);
	}
	if (!err && !*problem) {
		err = files_store_begin(&w);
		if (!err)
			err = filekind_picture(buf, n, &pic, to_store, w);
		if (!err)
			err = files_store_finish(&w, info);
		files_store_abort(&w);
		/* The store names the kind from what it was given: the same
		 * picture, only without what described it. */
		if (!err && info->kind != pic.kind) {
			drop_file(info->id);
			OPENSSL_cleanse(info, sizeof(*info));
			*problem = "photo_kind";
		}
	}
	OPENSSL_cleanse(buf, PHOTO_MAX_BYTES + 1);
	free(buf);
	return nerr_pass(err);
}

NEOERR *photo_attach(Request *r, long long uid, long long unit, const FilesInfo *info,
		     char old[FILES_ID_LEN + 1])
{
	char detail[64];
	int found = 0, erased = 0;
	DBQuery *q;
	NEOERR *err;

	old[0] = '\0';
	/* Erased since the upload began (the erasure locks this row too): no
	 * photo of him is kept again. */
	err = db_query(&q, "SELECT COALESCE(photo_file_id, ''), erased_at IS NOT NULL FROM users WHERE id = ?"
			   " FOR UPDATE", "i", uid);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		found = 1;
		snprintf(old, FILES_ID_LEN + 1, "%s", db_str(q, 0));
		erased = db_int(q, 1) != 0;
	}
	db_end(&q);
	if (!found || erased) {
		old[0] = '\0';
		return nerr_raise(NERR_NOT_FOUND, "user %lld %s", uid, found ? "was erased" : "does not exist");
	}
	err = db_exec(NULL, "UPDATE users SET photo_file_id = ?, photo_key = ?, photo_key_id = ? WHERE id = ?",
		      "sbii", info->id, info->wrapped_key, info->wrapped_len, (long long)info->key_id, uid);
	snprintf(detail, sizeof(detail), "%s, %llu bytes", filekind_name(info->kind),
		 (unsigned long long)info->size);
	if (!err)
		err = audit_add(r, r && r->user ? r->user->id : 0, old[0] ? "photo.replace" : "photo.add", "user",
				uid, unit, detail);
	return nerr_pass(err);
}

NEOERR *photo_store(Request *r, long long uid, long long unit, FILE *f, const char **problem)
{
	char old[FILES_ID_LEN + 1] = "";
	FilesInfo info;
	NEOERR *err = photo_put(f, &info, problem);

	if (err || *problem)
		return nerr_pass(err);
	err = db_begin();
	if (!err)
		err = photo_attach(r, uid, unit, &info, old);
	err = db_finish(err);
	/* The row says which file is the photo: the other one goes, after
	 * the commit (a file without a row is an orphan, never a broken
	 * link). */
	if (err)
		drop_file(info.id);
	else if (old[0])
		drop_file(old);
	OPENSSL_cleanse(&info, sizeof(info));
	return nerr_pass(err);
}

static NEOERR *remove_as(Request *r, long long uid, long long unit, const char *action, const char *why,
			 int *had)
{
	char *file = NULL;
	NEOERR *err = db_begin();

	*had = 0;
	if (!err)
		err = db_value(&file, "SELECT photo_file_id FROM users WHERE id = ? FOR UPDATE", "i", uid);
	if (!err && file) {
		err = db_exec(NULL, "UPDATE users SET photo_file_id = NULL, photo_key = NULL, photo_key_id = NULL"
				    " WHERE id = ?", "i", uid);
		if (!err)
			err = audit_add(r, r && r->user ? r->user->id : 0, action, "user", uid, unit, why);
	}
	err = db_finish(err);
	if (!err && file) {
		*had = 1;
		drop_file(file);
	}
	free(file);
	return nerr_pass(err);
}

NEOERR *photo_remove(Request *r, long long uid, long long unit, const char *why, int *had)
{
	return nerr_pass(remove_as(r, uid, unit, "photo.remove", why, had));
}

NEOERR *photo_exists(long long uid, int *has)
{
	char *v = NULL;
	NEOERR *err = db_value(&v, "SELECT photo_file_id IS NOT NULL FROM users WHERE id = ?", "i", uid);

	*has = v && !strcmp(v, "1");
	free(v);
	return nerr_pass(err);
}

NEOERR *photo_send(Request *r, long long uid)
{
	char file_id[FILES_ID_LEN + 1] = "";
	unsigned char key[128], buf[65536];
	size_t key_len = 0, got = 0;
	FileKind kind;
	FilesReader *rd = NULL;
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT photo_file_id, photo_key FROM users WHERE id = ? AND photo_file_id IS NOT NULL",
		       "i", uid);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(file_id, sizeof(file_id), "%s", db_str(q, 0));
		key_len = db_len(q, 1) <= sizeof(key) ? db_len(q, 1) : 0;
		memcpy(key, db_str(q, 1), key_len);
	}
	db_end(&q);
	if (!file_id[0])
		return http_fail(r, 404, "user %lld has no photo", uid);
	err = files_open(file_id, key, key_len, &rd);
	OPENSSL_cleanse(key, sizeof(key));
	if (!err)
		err = files_read(rd, buf, sizeof(buf), &got);
	if (err) {
		files_close(&rd);
		if (nerr_match(err, PERR_FILES_INTEGRITY) || nerr_match(err, NERR_NOT_FOUND)) {
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			return http_fail(r, 500, "the photo of user %lld cannot be read", uid);
		}
		return nerr_pass(err);
	}
	/* What the store took was checked; what it gives back is read again,
	 * so that nothing but an image is ever served from here. */
	kind = filekind_detect(buf, got, 0);
	if (kind != FILEKIND_PNG && kind != FILEKIND_JPEG) {
		files_close(&rd);
		OPENSSL_cleanse(buf, sizeof(buf));
		return http_fail(r, 500, "the photo of user %lld is no image", uid);
	}
	r->content_type = filekind_mime(kind);
	r->csp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";
	r->cache_control = "private, no-store";
	http_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	err = http_send_head(r, files_size(rd));
	while (!err && got) {
		err = http_write(r, buf, got);
		if (!err)
			err = files_read(rd, buf, sizeof(buf), &got);
	}
	files_close(&rd);
	OPENSSL_cleanse(buf, sizeof(buf));
	return nerr_pass(err);
}

NEOERR *photo_planner_sees(Request *r, long long uid, int *sees)
{
	char *scope = acl_scope(r, "planning.view"), *found = NULL;
	NEOERR *err;

	err = db_value(&found, "SELECT 1 FROM pool p JOIN users u ON u.id = p.worker_user_id"
			       " JOIN org_units o ON o.id = p.unit_id WHERE p.worker_user_id = ?"
			       " AND u.kind = 'worker' AND u.status <> 'revoked' AND" ACL_IN_SCOPE("o.path")
			       " LIMIT 1", "is", uid, scope);
	free(scope);
	*sees = found != NULL;
	free(found);
	return nerr_pass(err);
}

NEOERR *photo_purge(int *n)
{
	NEOERR *err = STATUS_OK;

	*n = 0;
	/* One person at a time: each row and its audit line commit together,
	 * then his file goes; an interrupted purge goes on where it stopped. */
	for (;;) {
		char *uid = NULL;
		int had = 0;
		err = db_value(&uid, "SELECT id FROM users WHERE photo_file_id IS NOT NULL ORDER BY id LIMIT 1", NULL);
		if (err || !uid)
			break;
		err = remove_as(NULL, atoll(uid), 0, "photo.purge", "Privacy.Photos is off", &had);
		free(uid);
		if (err)
			break;
		*n += had;
	}
	return nerr_pass(err);
}
