/* documents.c: documents — their types (conf/documents.hdf), storing one with its expiry, who may see one */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "audit.h"
#include "conf.h"
#include "db.h"
#include "documents.h"
#include "filekind.h"
#include "files.h"
#include "log.h"
#include "http.h"
#include "util.h"

#define MAX_TYPES 32
/* The widths of documents.title and documents.filename, in characters. */
#define DOC_TITLE_CHARS 200
#define DOC_FILENAME_CHARS 255

static struct doctype {
	char *code;
	char *kinds;     /* " pdf png " with spaces around, for a word search */
	long long max_bytes;
} types[MAX_TYPES];
static int ntypes;
static char *type_list;

NEOERR *documents_init(void)
{
	HDF *h = NULL;
	NEOERR *err;
	STRING list;

	if (ntypes)
		return STATUS_OK;
	err = hdf_init(&h);
	if (!err)
		err = hdf_read_file(h, conf_str("Paths.DocumentTypes"));
	if (err) {
		hdf_destroy(&h);
		return nerr_pass(err);
	}
	string_init(&list);
	for (HDF *t = hdf_get_child(h, "Types"); t && ntypes < MAX_TYPES; t = hdf_obj_next(t)) {
		if (!util_word(hdf_obj_name(t), 1, 32))
			continue;
		types[ntypes].code = xstrdup(hdf_obj_name(t));
		types[ntypes].kinds = xasprintf(" %s ", hdf_get_value(t, "Kinds", ""));
		types[ntypes].max_bytes = (long long)hdf_get_int_value(t, "MaxMiB", 10) * 1048576;
		string_appendf(&list, "%s%s", ntypes ? " " : "", types[ntypes].code);
		ntypes++;
	}
	hdf_destroy(&h);
	type_list = xstrdup(list.buf ? list.buf : "");
	string_clear(&list);
	if (!ntypes)
		return nerr_raise(NERR_PARSE, "%s defines no document types",
				  conf_str("Paths.DocumentTypes"));
	return STATUS_OK;
}

const char *documents_types(void)
{
	return type_list ? type_list : "";
}

static const struct doctype *type_of(const char *code)
{
	for (int i = 0; i < ntypes; i++)
		if (!strcmp(types[i].code, code))
			return &types[i];
	return NULL;
}

/* Does the stored file fit the type? NULL when it does, else why. */
static NEOERR *fits(const struct doctype *t, const FilesInfo *info, const char **problem)
{
	char word[24];
	FilesReader *rd = NULL;
	FileKindInput in;
	NEOERR *err;

	*problem = NULL;
	snprintf(word, sizeof(word), " %s ", filekind_name(info->kind));
	if (info->kind == FILEKIND_UNKNOWN || info->kind == FILEKIND_ZIP) {
		*problem = "file_kind_unknown";
		return STATUS_OK;
	}
	if (!strstr(t->kinds, word)) {
		*problem = "file_kind";
		return STATUS_OK;
	}
	if ((long long)info->size > t->max_bytes) {
		*problem = "file_size";
		return STATUS_OK;
	}
	if (!info->size) {
		*problem = "file_empty";
		return STATUS_OK;
	}
	if (info->kind != FILEKIND_DOCX && info->kind != FILEKIND_XLSX && info->kind != FILEKIND_ODT)
		return STATUS_OK;
	err = files_open(info->id, info->wrapped_key, info->wrapped_len, &rd);
	if (!err) {
		files_input(rd, &in);
		err = filekind_zip_check(&in, NULL, problem);
	}
	files_close(&rd);
	return nerr_pass(err);
}

NEOERR *documents_add(Request *r, FILE *f, const char *type, const char *title,
		      const char *filename, long long unit_id, long long person_id,
		      long long *doc_id, const char **problem)
{
	const struct doctype *t = type_of(type);
	FilesInfo info;
	char *ret = NULL, *title_cut = NULL, *name_cut = NULL;
	long long days = 730, ret_id = 0;
	DBQuery *q;
	NEOERR *err;

	*doc_id = 0;
	*problem = NULL;
	if (!t) {
		*problem = "choice";
		return STATUS_OK;
	}
	if (!f) {
		*problem = "required";
		return STATUS_OK;
	}
	err = files_store_file(f, &info);
	if (err)
		return nerr_pass(err);
	err = fits(t, &info, problem);
	if (err || *problem) {
		NEOERR *rm = files_remove(info.id);
		nerr_ignore(&rm);
		return nerr_pass(err);
	}
	/* The clock starts at the upload; for the types whose clock starts at
	 * the end of a contract or at the person's last activity, the upload
	 * is the earliest it can start, and the date moves on with them. */
	err = db_query(&q, "SELECT rt.id, rt.period_days FROM document_type_retention d"
			   " JOIN retention_types rt ON rt.id = d.retention_type_id WHERE d.doc_type = ?",
		       "s", type);
	if (!err) {
		if (db_next(q)) {
			ret_id = db_int(q, 0);
			days = db_int(q, 1);
		}
		db_end(&q);
	}
	/* Titles made of a name ("CV " + the person's) and the client's file
	 * name are cut to their columns, between two characters. */
	title_cut = xstrdup(title);
	util_utf8_cap(title_cut, DOC_TITLE_CHARS);
	name_cut = xstrdup(filename);
	util_utf8_cap(name_cut, DOC_FILENAME_CHARS);
	if (!err)
		err = db_begin();
	if (!err)
		err = db_exec(NULL,
			"INSERT INTO documents (doc_type, title, filename, unit_id, person_id, uploaded_by,"
			" file_id, file_key, key_id, sha256, size, kind, retention_type_id, clock_start,"
			" expires_at, created_at) VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?,"
			" ?, ?, ?, NULLIF(?, 0), UTC_DATE(), UTC_DATE() + INTERVAL ? DAY, UTC_TIMESTAMP())",
			"sssiiisbisisii", type, title_cut, name_cut, unit_id, person_id,
			r && r->user ? r->user->id : 0LL, info.id, info.wrapped_key, info.wrapped_len,
			(long long)info.key_id, info.sha256, (long long)info.size,
			filekind_name(info.kind), ret_id, days);
	if (!err)
		*doc_id = (long long)db_insert_id();
	if (!err) {
		ret = xasprintf("%s, %s, %llu bytes", type, filekind_name(info.kind),
				(unsigned long long)info.size);
		err = audit_add(r, r && r->user ? r->user->id : 0, "document.upload", "document",
				*doc_id, unit_id, ret);
		free(ret);
	}
	if (!err)
		err = db_commit();
	if (err) {
		NEOERR *rm;
		db_rollback();
		rm = files_remove(info.id);
		nerr_ignore(&rm);
		*doc_id = 0;
	}
	OPENSSL_cleanse(&info, sizeof(info));
	free(title_cut);
	free(name_cut);
	return nerr_pass(err);
}

NEOERR *documents_purge(Request *r, long long doc_id, const char *why)
{
	char *file = NULL, *unit = NULL;
	NEOERR *err;

	err = db_value(&file, "SELECT file_id FROM documents WHERE id = ?", "i", doc_id);
	if (!err)
		err = db_value(&unit, "SELECT unit_id FROM documents WHERE id = ?", "i", doc_id);
	if (err || !file) {
		free(file);
		free(unit);
		return nerr_pass(err);
	}
	err = db_begin();
	if (!err)
		err = db_exec(NULL, "DELETE FROM documents WHERE id = ?", "i", doc_id);
	if (!err)
		err = audit_add(r, r && r->user ? r->user->id : 0, "document.purge", "document", doc_id,
				unit ? atoll(unit) : 0, why);
	if (!err)
		err = db_commit();
	if (!err) {
		/* The row is gone first: a file without a row is an orphan the
		 * sweep removes; a row without its file would be a broken link. */
		NEOERR *rm = files_remove(file);
		if (rm && !nerr_match(rm, NERR_NOT_FOUND)) {
			err = rm;
		} else {
			nerr_ignore(&rm);
		}
	} else {
		db_rollback();
	}
	free(file);
	free(unit);
	return nerr_pass(err);
}

struct sweep {
	STRING ids;   /* the store's ids, one a line */
	int n;
	time_t young; /* files written after this are not looked at */
	int skipped;
};

/* A file stored moments ago may belong to a document whose row is not
 * committed yet (documents_add stores first): the sweep leaves it to the
 * next one. */
static void sweep_cb(const char *id, time_t mtime, void *ctx)
{
	struct sweep *s = ctx;
	s->n++;
	if (mtime > s->young) {
		s->skipped++;
		return;
	}
	string_appendf(&s->ids, "%s\n", id);
}

NEOERR *documents_sweep(Request *r, int delete, STRING *report, int *files, int *orphans,
			int *missing)
{
	struct sweep s;
	char *save = NULL, *id;
	DBQuery *q;
	NEOERR *err;

	*files = *orphans = *missing = 0;
	if (delete && files_held()) {
		string_appendf(report, "a backup holds the store: nothing removed; sweep again after it\n");
		delete = 0;
	}
	string_init(&s.ids);
	s.n = s.skipped = 0;
	s.young = time(NULL) - 60L * conf_int("Files.SweepGraceMinutes");
	err = files_list(sweep_cb, &s);
	if (!err && s.skipped)
		string_appendf(report, "%d file%s written in the last %d minutes: left for the next sweep\n",
			       s.skipped, s.skipped == 1 ? "" : "s", conf_int("Files.SweepGraceMinutes"));
	for (id = !err && s.ids.buf ? strtok_r(s.ids.buf, "\n", &save) : NULL; id && !err;
	     id = strtok_r(NULL, "\n", &save)) {
		char *row = NULL;
		/* A temp worker's photo (lib/photo.c) lies in the store too. */
		err = db_value(&row, "SELECT id FROM documents WHERE file_id = ?"
				     " UNION ALL SELECT id FROM users WHERE photo_file_id = ? LIMIT 1", "ss", id, id);
		if (!err && !row) {
			(*orphans)++;
			string_appendf(report, "orphan file %s%s\n", id, delete ? ": removed" : "");
			if (delete) {
				NEOERR *rm = files_remove(id);
				nerr_ignore(&rm);
				err = audit_add(r, r && r->user ? r->user->id : 0, "file.sweep", "file", 0, 0, id);
			}
		}
		free(row);
	}
	*files = s.n;
	string_clear(&s.ids);
	if (!err)
		err = db_query(&q, "SELECT id, file_id FROM documents ORDER BY id", NULL);
	if (err)
		return nerr_pass(err);
	while (db_next(q)) {
		char path[1024];
		if (files_path(db_str(q, 1), path, sizeof(path)) != STATUS_OK || access(path, F_OK)) {
			(*missing)++;
			string_appendf(report, "document %s: its file %s is missing\n", db_str(q, 0),
				       db_str(q, 1));
		}
	}
	db_end(&q);
	return STATUS_OK;
}

NEOERR *documents_clocks(int *moved)
{
	unsigned long long n = 0;
	NEOERR *err = db_exec(&n,
		"UPDATE documents d JOIN retention_types rt ON rt.id = d.retention_type_id"
		" JOIN users u ON u.id = d.person_id"
		" SET d.clock_start = DATE(u.last_activity_at),"
		" d.expires_at = DATE(u.last_activity_at) + INTERVAL rt.period_days DAY"
		" WHERE rt.starts = 'last_activity' AND d.extended_reason IS NULL"
		" AND u.last_activity_at IS NOT NULL AND DATE(u.last_activity_at) > d.clock_start", NULL);
	*moved = (int)n;
	return nerr_pass(err);
}

static const char *mime_of(const char *kind)
{
	for (int k = FILEKIND_UNKNOWN; k <= FILEKIND_ZIP; k++)
		if (!strcmp(filekind_name((FileKind)k), kind))
			return filekind_mime((FileKind)k);
	return "application/octet-stream";
}

NEOERR *documents_send(Request *r, long long doc_id, int inline_view, const char *name,
		       const char *detail)
{
	char file_id[40] = "", kind[17] = "", disp[400], *safe = NULL;
	unsigned char key[128], buf[65536];
	size_t key_len = 0, got;
	long long unit = 0;
	FilesReader *rd = NULL;
	DBQuery *q;
	NEOERR *err;

	err = db_query(&q, "SELECT file_id, file_key, kind, COALESCE(?, filename), unit_id FROM documents"
			   " WHERE id = ?", "si", name, doc_id);
	if (err)
		return nerr_pass(err);
	if (db_next(q)) {
		snprintf(file_id, sizeof(file_id), "%s", db_str(q, 0));
		key_len = db_len(q, 1) < sizeof(key) ? db_len(q, 1) : 0;
		memcpy(key, db_str(q, 1), key_len);
		snprintf(kind, sizeof(kind), "%s", db_str(q, 2));
		safe = xstrdup(db_str(q, 3) && *db_str(q, 3) ? db_str(q, 3) : "document");
		unit = db_int(q, 4);
	}
	db_end(&q);
	if (!file_id[0])
		return http_fail(r, 404, "document %lld is gone", doc_id);
	err = files_open(file_id, key, key_len, &rd);
	OPENSSL_cleanse(key, sizeof(key));
	if (err) {
		free(safe);
		if (nerr_match(err, PERR_FILES_INTEGRITY) || nerr_match(err, NERR_NOT_FOUND)) {
			log_nerr(r->ref, err);
			nerr_ignore(&err);
			return http_fail(r, 500, "document %lld cannot be read", doc_id);
		}
		return nerr_pass(err);
	}
	/* The name shown in the browser's save dialog: the client's name
	 * with anything but plain characters replaced. */
	for (char *c = safe; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f || strchr("\"\\;/", *c))
			*c = '_';
	snprintf(disp, sizeof(disp), "%s; filename=\"%s\"", inline_view ? "inline" : "attachment", safe);
	free(safe);
	http_header(r, "Content-Disposition", disp);
	if (inline_view)
		r->csp = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline';"
			 " object-src 'self'; frame-ancestors 'self'";
	r->content_type = mime_of(kind);
	err = audit_add(r, r->user ? r->user->id : 0, inline_view ? "document.view" : "document.download",
			"document", doc_id, unit, detail);
	if (!err)
		err = http_send_head(r, files_size(rd));
	while (!err) {
		err = files_read(rd, buf, sizeof(buf), &got);
		if (err || !got)
			break;
		err = http_write(r, buf, got);
	}
	files_close(&rd);
	OPENSSL_cleanse(buf, sizeof(buf));
	return nerr_pass(err);
}

NEOERR *documents_add_base64(const char *type, const char *title, const char *filename, long long unit_id,
			     long long person_id, const char *b64, long long *doc_id, const char **problem)
{
	size_t len = strlen(b64);
	unsigned char *bytes = xmalloc(len / 4 * 3 + 3);
	int n = EVP_DecodeBlock(bytes, (const unsigned char *)b64, (int)len);
	NEOERR *err;
	FILE *f;

	*doc_id = 0;
	*problem = NULL;
	/* EVP_DecodeBlock counts the padding as data. */
	while (n > 0 && len && b64[len - 1] == '=') {
		n--;
		len--;
	}
	if (n <= 0) {
		free(bytes);
		return nerr_raise(NERR_PARSE, "%s: no file in its base64", title);
	}
	f = tmpfile();
	if (!f || fwrite(bytes, 1, (size_t)n, f) != (size_t)n) {
		free(bytes);
		if (f)
			fclose(f);
		return nerr_raise_errno(NERR_IO, "%s: a temporary file", title);
	}
	free(bytes);
	rewind(f);
	err = documents_add(NULL, f, type, title, filename, unit_id, person_id, doc_id, problem);
	fclose(f);
	return nerr_pass(err);
}
