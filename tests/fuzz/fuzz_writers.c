/* fuzz_writers.c: what the portal writes from its data for other
 * programs — iCalendar lines (the planning feed), CSV cells (every
 * export) and XLSX cells (libxlsxwriter, as the reports and timesheets
 * exports use it: constant memory, text cells) — each read back as the
 * other program would read it.
 *
 * The input: a byte that picks the writer, then the text. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "page.h"
#include "util.h"

static char dir[] = "/tmp/fuzz-writers-XXXXXX";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (!mkdtemp(dir))
		abort();
	return 0;
}

/* iCalendar: folded lines of at most 75 octets, CRLF only between them,
 * no control character but tab, and unfolded and unescaped the text as it
 * was without its control characters. */
static void ics(const char *v)
{
	STRING text, out, back;
	const char *p;

	string_init(&text);
	string_init(&out);
	string_init(&back);
	string_append(&text, "SUMMARY:");
	page_ics_text(&text, v);
	page_ics_line(&out, text.buf);
	for (p = out.buf; *p;) {
		const char *eol = strstr(p, "\r\n");
		if (!eol || eol - p > 75 || memchr(p, '\r', (size_t)(eol - p)) || memchr(p, '\n', (size_t)(eol - p)))
			abort();
		if (p != out.buf && *p != ' ')
			abort();
		string_appendn(&back, p + (p != out.buf), (int)(eol - p) - (p != out.buf));
		p = eol + 2;
	}
	if (strcmp(back.buf ? back.buf : "", text.buf))
		abort();
	/* Unescaped: the text without its control characters. */
	for (p = text.buf + 8, v = v ? v : ""; *p; p++) {
		char c = *p;
		while (*v && (((unsigned char)*v < 0x20 && *v != '\t' && *v != '\n') || *v == 0x7f))
			v++;
		if (c == '\\') {
			c = *++p == 'n' ? '\n' : *p;
			if (!strchr("\\;,n", *p))
				abort();
		} else if (c == ';' || c == ',') {
			abort();
		}
		if (c != *v++)
			abort();
	}
	while (*v && (((unsigned char)*v < 0x20 && *v != '\t' && *v != '\n') || *v == 0x7f))
		v++;
	if (*v)
		abort();
	string_clear(&text);
	string_clear(&out);
	string_clear(&back);
}

/* CSV: one quoted field, quotes doubled, read back as it was, with a
 * quote before what a spreadsheet would run as a formula. */
static void csv(const char *v, int last)
{
	STRING out;
	const char *p, *want = v;
	size_t n;

	string_init(&out);
	page_csv_cell(&out, v, last);
	n = (size_t)out.len;
	if (n < 3 || out.buf[0] != '"')
		abort();
	if (last ? strcmp(out.buf + n - 3, "\"\r\n") : strcmp(out.buf + n - 2, "\","))
		abort();
	p = out.buf + 1;
	if (*v && strchr("=+-@\t\r", *v)) {
		if (*p++ != '\'')
			abort();
	}
	for (; p < out.buf + n - (last ? 3 : 2); p++) {
		if (*p == '"' && *++p != '"')
			abort();
		if (*p != *want++)
			abort();
	}
	if (*want)
		abort();
	string_clear(&out);
}

/* XLSX: the workbook opens as a zip, and its sheet is XML with no
 * character XML forbids. */
static void xlsx(const char *v)
{
	char path[64];
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = dir };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	zip_t *z;
	zip_file_t *f;
	char buf[65536];
	zip_int64_t n;
	int fd, zerr;

	snprintf(path, sizeof(path), "%s/book-XXXXXX", dir);
	fd = mkstemp(path);
	if (fd < 0)
		abort();
	close(fd);
	wb = workbook_new_opt(path, &opts);
	ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, v, NULL);
	worksheet_write_string(ws, 1, 0, "after", NULL);
	if (workbook_close(wb) != LXW_NO_ERROR)
		abort();
	z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!z)
		abort();
	f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
	if (!f)
		abort();
	while ((n = zip_fread(f, buf, sizeof(buf))) > 0)
		for (zip_int64_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)buf[i];
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				abort();
		}
	zip_fclose(f);
	zip_close(z);
	unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v;

	if (size < 1)
		return 0;
	v = strndup((const char *)data + 1, size - 1);
	switch (data[0] % 4) {
	case 0: ics(v); break;
	case 1: csv(v, 0); break;
	case 2: csv(v, 1); break;
	case 3:
		/* Text from the database: UTF-8 the portal let in. */
		if (util_utf8_ok(v, 1))
			xlsx(v);
		break;
	}
	free(v);
	return 0;
}
