/* multipart.c: a multipart/form-data body (RFC 7578) into the cgi kit's Query.* and upload files
 *
 * Written here rather than taken from the kit (Debian's ClearSilver
 * 0.10.5, rfc2388.c), which leaks a part's name or type each time a part
 * repeats a header — memory a process never gets back, as much as the
 * body holds, from anyone, before any session or CSRF check — takes a
 * field named "file.FileHandle" as the handle of an upload, and keeps the
 * length of the last boundary under the address of its string (a form
 * arriving empty when the next request's boundary lands there). No
 * Debian library parses form-data from a stream (libmicrohttpd's post
 * processor needs its own server). The result is what the kit's parser
 * leaves, so the rest of the portal (param.c, request_file) reads it as
 * before. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "multipart.h"
#include "util.h"

#ifndef MULTIPART_BUF
#define MULTIPART_BUF 65536  /* the fuzzing harness builds it smaller */
#endif
#define HEAD_MAX 16384  /* a part's header lines together */
#define FILES_MAX 10    /* files in one form */

typedef struct reader {
	char buf[MULTIPART_BUF];
	size_t at, have;        /* read position and end of what is in buf */
	long long left;         /* of Content-Length, not read yet */
} Reader;

/* More of the body after what is unread; how many bytes came, 0 at its end. */
static NEOERR *fill(Reader *rd, int *got)
{
	int want;

	*got = 0;
	if (rd->at) {
		memmove(rd->buf, rd->buf + rd->at, rd->have - rd->at);
		rd->have -= rd->at;
		rd->at = 0;
	}
	if (rd->left <= 0 || rd->have == MULTIPART_BUF)
		return STATUS_OK;
	want = (int)(MULTIPART_BUF - rd->have < (size_t)rd->left ? MULTIPART_BUF - rd->have : (size_t)rd->left);
	cgiwrap_read(rd->buf + rd->have, want, got);
	if (*got < 0)
		return nerr_raise_errno(NERR_IO, "reading the body");
	if (*got == 0)
		rd->left = 0; /* shorter than it said: cut short */
	rd->have += (size_t)*got;
	rd->left -= *got;
	return STATUS_OK;
}

/* At least n unread bytes, unless the body ends first. */
static NEOERR *need(Reader *rd, size_t n)
{
	int got = 1;
	NEOERR *err = STATUS_OK;

	while (!err && rd->have - rd->at < n && got > 0)
		err = fill(rd, &got);
	return nerr_pass(err);
}

typedef struct sink {
	FILE *file;             /* a file's content, or */
	STRING *text;           /* a field's, of at most max bytes */
	size_t max;
	int over;
} Sink;

static NEOERR *put(Sink *s, const char *p, size_t n)
{
	if (!s || !n)
		return STATUS_OK;
	if (s->file) {
		if (fwrite(p, 1, n, s->file) != n)
			return nerr_raise_errno(NERR_IO, "writing an upload");
		return STATUS_OK;
	}
	if ((size_t)s->text->len + n > s->max) {
		s->over = 1;
		return STATUS_OK;
	}
	return nerr_pass(string_appendn(s->text, p, (int)n));
}

/* Passes everything up to the delimiter to s and reads past it; *found
 * is 0 when the body ended first. */
static NEOERR *until(Reader *rd, const char *delim, size_t dlen, Sink *s, int *found)
{
	NEOERR *err;
	int got;

	*found = 0;
	for (;;) {
		char *p = memmem(rd->buf + rd->at, rd->have - rd->at, delim, dlen);
		if (p) {
			err = put(s, rd->buf + rd->at, (size_t)(p - (rd->buf + rd->at)));
			rd->at = (size_t)(p - rd->buf) + dlen;
			*found = 1;
			return nerr_pass(err);
		}
		/* All but what may be the delimiter's start. */
		if (rd->have - rd->at > dlen - 1) {
			size_t n = rd->have - rd->at - (dlen - 1);
			if ((err = put(s, rd->buf + rd->at, n)) != STATUS_OK)
				return nerr_pass(err);
			rd->at += n;
		}
		if ((err = fill(rd, &got)) != STATUS_OK || got == 0)
			return nerr_pass(err);
	}
}

/* A parameter's value in a Content-Disposition: quoted (to the next
 * quote: browsers send a quote in a file name as %22) or a token. */
static const char *param_value(const char **pp, char **out)
{
	const char *p = *pp, *v;

	if (*p == '"') {
		v = ++p;
		while (*p && *p != '"')
			p++;
		if (!*p)
			return "an unclosed quote";
		*out = xstrndup(v, (size_t)(p - v));
		*pp = p + 1;
		return NULL;
	}
	v = p;
	while (*p && *p != ';' && *p != ' ' && *p != '\t')
		p++;
	*out = xstrndup(v, (size_t)(p - v));
	*pp = p;
	return NULL;
}

/* "form-data; name=…; filename=…": each at most once. */
static const char *disposition(const char *p, char **name, char **filename)
{
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "form-data", 9))
		return "a part that is not form-data";
	p += 9;
	for (;;) {
		const char *k, *why;
		size_t kl;
		char *v = NULL, **slot = NULL;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return NULL;
		if (*p++ != ';')
			return "a malformed Content-Disposition";
		while (*p == ' ' || *p == '\t')
			p++;
		k = p;
		while (*p && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		kl = (size_t)(p - k);
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '=')
			return "a malformed Content-Disposition";
		while (*p == ' ' || *p == '\t')
			p++;
		if ((why = param_value(&p, &v)) != NULL)
			return why;
		if (kl == 4 && !strncasecmp(k, "name", 4))
			slot = name;
		else if (kl == 8 && !strncasecmp(k, "filename", 8))
			slot = filename;
		if (slot && *slot) {
			free(v);
			return "a Content-Disposition parameter given twice";
		}
		if (slot)
			*slot = v;
		else
			free(v); /* filename* and others: not used */
	}
}

typedef struct part {
	char *name, *filename, *type;
} Part;

static void part_clear(Part *pt)
{
	free(pt->name);
	free(pt->filename);
	free(pt->type);
	memset(pt, 0, sizeof(*pt));
}

/* A part's header lines, to the empty line. */
static NEOERR *headers(Reader *rd, Part *pt, const char **bad)
{
	size_t total = 0;
	int disp = 0;
	NEOERR *err;

	for (;;) {
		char *nl, *line, *colon;
		size_t len;
		int got = 1;
		while (!(nl = memchr(rd->buf + rd->at, '\n', rd->have - rd->at)) && got > 0)
			if ((err = fill(rd, &got)) != STATUS_OK)
				return nerr_pass(err);
		if (!nl) {
			*bad = "a part's header cut short";
			return STATUS_OK;
		}
		len = (size_t)(nl - (rd->buf + rd->at));
		total += len + 1;
		if (total > HEAD_MAX) {
			*bad = "a part's header too long";
			return STATUS_OK;
		}
		line = xstrndup(rd->buf + rd->at, len && nl[-1] == '\r' ? len - 1 : len);
		rd->at += len + 1;
		if (!*line) {
			free(line);
			break;
		}
		colon = strchr(line, ':');
		if (line[0] == ' ' || line[0] == '\t' || !colon) {
			free(line);
			*bad = "a malformed part header";
			return STATUS_OK;
		}
		*colon = '\0';
		if (!strcasecmp(line, "Content-Disposition")) {
			*bad = disp++ ? "Content-Disposition given twice" : disposition(colon + 1, &pt->name, &pt->filename);
		} else if (!strcasecmp(line, "Content-Type")) {
			const char *v = colon + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			if (pt->type)
				*bad = "Content-Type given twice";
			else
				pt->type = xstrndup(v, strcspn(v, "; \t"));
		} else if (!strcasecmp(line, "Content-Transfer-Encoding")) {
			const char *v = colon + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			if (strcasecmp(v, "binary") && strcasecmp(v, "8bit") && strcasecmp(v, "7bit"))
				*bad = "a transfer encoding";
		}
		free(line);
		if (*bad)
			return STATUS_OK;
	}
	if (!disp || !pt->name)
		*bad = "a part without a name";
	else if (!util_word(pt->name, 1, 64))
		*bad = "a part whose name is not a plain word";
	return STATUS_OK;
}

/* A new upload file: unlinked at once, closed by cgi_destroy. */
static NEOERR *upload_file(CGI *cgi, FILE **out)
{
	char path[512];
	NEOERR *err;
	FILE *f;
	int fd;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/upload-XXXXXX", hdf_get_value(cgi->hdf, "Config.Upload.TmpDir", "/tmp"));
	fd = mkstemp(path);
	if (fd < 0)
		return nerr_raise_errno(NERR_IO, "an upload file in %s", path);
	unlink(path);
	f = fdopen(fd, "w+");
	if (!f) {
		close(fd);
		return nerr_raise_errno(NERR_IO, "an upload file");
	}
	err = cgi->files ? STATUS_OK : uListInit(&cgi->files, 10, 0);
	if (!err)
		err = uListAppend(cgi->files, f);
	if (err) {
		fclose(f);
		return nerr_pass(err);
	}
	*out = f;
	return STATUS_OK;
}

/* Query.<name> as the kit sets it: given again, the last value and
 * each under .0, .1, …. */
static NEOERR *set_field(HDF *hdf, const char *name, const char *value)
{
	char key[96], n[16];
	HDF *obj;
	NEOERR *err = STATUS_OK;

	snprintf(key, sizeof(key), "Query.%s", name);
	if ((obj = hdf_get_obj(hdf, key)) != NULL) {
		int i = 0;
		if (!hdf_obj_child(obj))
			err = hdf_set_value(obj, "0", hdf_obj_value(obj)), i = 1;
		else
			for (HDF *c = hdf_obj_child(obj); c; c = hdf_obj_next(c))
				i++;
		snprintf(n, sizeof(n), "%d", i);
		if (!err)
			err = hdf_set_value(obj, n, value);
	}
	if (!err)
		err = hdf_set_value(hdf, key, value);
	return nerr_pass(err);
}

static NEOERR *set_file(CGI *cgi, const Part *pt)
{
	char key[128];
	NEOERR *err;

	snprintf(key, sizeof(key), "Query.%s", pt->name);
	err = hdf_set_value(cgi->hdf, key, pt->filename);
	if (!err && pt->type) {
		snprintf(key, sizeof(key), "Query.%s.Type", pt->name);
		err = hdf_set_value(cgi->hdf, key, pt->type);
	}
	if (!err) {
		snprintf(key, sizeof(key), "Query.%s.FileHandle", pt->name);
		err = hdf_set_int_value(cgi->hdf, key, uListLength(cgi->files));
	}
	return nerr_pass(err);
}

NEOERR *multipart_parse(CGI *cgi, const char **bad)
{
	const char *boundary = hdf_get_value(cgi->hdf, "CGI.ContentType.boundary", NULL);
	Reader *rd;
	char *delim;
	size_t dlen;
	NEOERR *err = STATUS_OK;
	int found, parts = 0, files = 0;

	*bad = NULL;
	if (!boundary || !*boundary || strlen(boundary) > 70) {
		*bad = "no boundary";
		return STATUS_OK;
	}
	rd = xcalloc(1, sizeof(*rd));
	rd->left = hdf_get_int_value(cgi->hdf, "CGI.ContentLength", 0);
	/* The first boundary may open the body; every other follows a CRLF. */
	delim = xasprintf("\r\n--%s", boundary);
	dlen = strlen(delim);
	err = need(rd, dlen - 2);
	if (!err && rd->have - rd->at >= dlen - 2 && !memcmp(rd->buf, delim + 2, dlen - 2)) {
		rd->at = dlen - 2;
		found = 1;
	} else if (!err) {
		err = until(rd, delim, dlen, NULL, &found);
	}
	if (!err && !found)
		*bad = "no boundary in the body";
	while (!err && !*bad) {
		Part pt = { 0 };
		STRING text;
		Sink s = { NULL, &text, (size_t)hdf_get_int_value(cgi->hdf, "Config.Upload.MaxFieldBytes", 1 << 20), 0 };
		/* After a boundary: "--" ends the body; else padding and a
		 * line end, and a part. */
		if ((err = need(rd, 2)) != STATUS_OK)
			break;
		if (rd->have - rd->at >= 2 && !memcmp(rd->buf + rd->at, "--", 2))
			break;
		while (!err && rd->have > rd->at && (rd->buf[rd->at] == ' ' || rd->buf[rd->at] == '\t')) {
			rd->at++;
			err = need(rd, 2);
		}
		if (err)
			break;
		if (rd->have - rd->at >= 2 && !memcmp(rd->buf + rd->at, "\r\n", 2)) {
			rd->at += 2;
		} else if (rd->have > rd->at && rd->buf[rd->at] == '\n') {
			rd->at++;
		} else {
			*bad = "a boundary not followed by a line end";
			break;
		}
		if (++parts > hdf_get_int_value(cgi->hdf, "Config.Upload.MaxParts", 100)) {
			*bad = "too many parts";
			break;
		}
		err = headers(rd, &pt, bad);
		string_init(&text);
		if (!err && !*bad && pt.filename && ++files > FILES_MAX)
			*bad = "too many files";
		if (!err && !*bad && pt.filename)
			err = upload_file(cgi, &s.file);
		if (!err && !*bad)
			err = until(rd, delim, dlen, &s, &found);
		if (!err && !*bad && !found)
			*bad = "a part cut short";
		if (!err && !*bad && s.over)
			*bad = "a field too long";
		if (!err && !*bad && s.file) {
			if (fflush(s.file) || fseek(s.file, 0, SEEK_SET))
				err = nerr_raise_errno(NERR_IO, "an upload file");
			else
				err = set_file(cgi, &pt);
		} else if (!err && !*bad) {
			err = set_field(cgi->hdf, pt.name, text.buf ? text.buf : "");
		}
		string_clear(&text);
		part_clear(&pt);
	}
	free(delim);
	free(rd);
	return nerr_pass(err);
}
