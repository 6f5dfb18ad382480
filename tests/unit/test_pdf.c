/* test_pdf.c: PDFs written with cairo and pango — whole files over many pages, text laid out as it is given */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "pdf.h"

/* The text of a PDF as poppler's pdftotext reads it (pages end with a
 * form feed): what a reader, a screen reader or a search finds in it.
 * Given, to free. */
static char *text_of(const STRING *pdf)
{
	char path[] = "/tmp/test_pdf_XXXXXX", cmd[128], buf[4096], *out = NULL;
	size_t len = 0, n;
	int fd = mkstemp(path);
	FILE *p;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf->buf, (size_t)pdf->len), pdf->len);
	close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 %s -", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0) {
		out = realloc(out, len + n + 1);
		assert_non_null(out);
		memcpy(out + len, buf, n);
		len += n;
	}
	assert_int_equal(pclose(p), 0);
	unlink(path);
	if (!out)
		out = calloc(1, 1);
	out[len] = '\0';
	return out;
}

static int pages_of(const char *text)
{
	int n = 0;

	for (const char *c = text; *c; c++)
		n += *c == '\f';
	return n;
}

static int whole_pdf(const STRING *pdf)
{
	int end = pdf->len;

	while (end > 0 && (pdf->buf[end - 1] == '\n' || pdf->buf[end - 1] == '\r'))
		end--;
	return pdf->len > 16 && !memcmp(pdf->buf, "%PDF-", 5) && end >= 5 && !memcmp(pdf->buf + end - 5, "%%EOF", 5);
}

static void a_document_over_several_pages_is_a_whole_pdf(void **s)
{
	Pdf *p = NULL;
	STRING out;
	char line[64], *text;

	(void)s;
	string_init(&out);
	assert_null(pdf_begin(&p, "Inzage in persoonsgegevens", "Jan Willems · 2026-03-02"));
	for (int i = 0; i < 400; i++) {
		if (i % 50 == 0)
			pdf_heading(p, "Diensten");
		snprintf(line, sizeof(line), "regel %d van 400", i + 1);
		pdf_field(p, "Dienst", line);
	}
	pdf_gap(p);
	pdf_text(p, "Einde.");
	assert_null(pdf_finish(&p, &out));
	assert_null(p);
	assert_true(whole_pdf(&out));
	text = text_of(&out);
	assert_true(pages_of(text) >= 5);
	assert_non_null(strstr(text, "Inzage in persoonsgegevens"));
	assert_non_null(strstr(text, "regel 1 van 400"));
	assert_non_null(strstr(text, "regel 400 van 400"));
	assert_non_null(strstr(text, "Einde."));
	/* Each page numbered at its foot: the last page's number is there. */
	snprintf(line, sizeof(line), "\n%d\n", pages_of(text));
	assert_non_null(strstr(text, line));
	free(text);
	string_clear(&out);
}

/* A name is data, never markup: pango's markup would eat "<b>" and
 * refuse a lone "&". And any script comes out as the letters it is. */
static void text_with_markup_characters_and_other_scripts_prints_as_it_is(void **s)
{
	static const char *const texts[] = {
		"<b>Jansen & Zn</b>",
		"a < b && c > d; &amp; stays &amp;",
		"Юлия Соколова",
		"Ελένη Παπαδοπούλου",
		"Łukasz Żółć, Ørsted, Çelik",
	};
	Pdf *p = NULL;
	STRING out;
	char *text;

	(void)s;
	string_init(&out);
	assert_null(pdf_begin(&p, "<title> & co", NULL));
	pdf_heading(p, texts[0]);
	pdf_text(p, texts[1]);
	pdf_field(p, texts[2], texts[3]);
	pdf_field(p, "Naam", texts[4]);
	assert_null(pdf_finish(&p, &out));
	assert_true(whole_pdf(&out));
	text = text_of(&out);
	assert_non_null(strstr(text, "<title> & co"));
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (!strstr(text, texts[i]))
			fail_msg("not in the PDF as given: %s\n--- the PDF's text:\n%s", texts[i], text);
	free(text);
	string_clear(&out);
}

/* A field longer than a page (a long remark, a proposal) goes on over the
 * pages whole, nothing of it lost at a page's foot; an empty one shows a
 * dash. */
static void a_field_longer_than_a_page_runs_on_over_the_pages(void **s)
{
	Pdf *p = NULL;
	STRING out, value;
	char word[32], *text;

	(void)s;
	string_init(&out);
	string_init(&value);
	for (int i = 1; i <= 3000; i++) {
		snprintf(word, sizeof(word), "woord%d ", i);
		string_append(&value, word);
	}
	assert_null(pdf_begin(&p, "Een lang veld", NULL));
	pdf_field(p, "Leeg", "");
	pdf_field(p, "Opmerking", value.buf);
	pdf_field(p, "Daarna", "nog een veld");
	assert_null(pdf_finish(&p, &out));
	assert_true(whole_pdf(&out));
	text = text_of(&out);
	assert_true(pages_of(text) >= 3);
	assert_non_null(strstr(text, "—"));
	for (int i = 1; i <= 3000; i += 1) {
		snprintf(word, sizeof(word), "woord%d", i);
		if (!strstr(text, word))
			fail_msg("%s is lost", word);
	}
	assert_non_null(strstr(text, "nog een veld"));
	free(text);
	string_clear(&value);
	string_clear(&out);
}

static void an_unfinished_document_is_freed(void **s)
{
	Pdf *p = NULL;

	(void)s;
	pdf_abort(&p);
	assert_null(pdf_begin(&p, "Afgebroken", "x"));
	pdf_heading(p, "Kop");
	pdf_text(p, "Tekst");
	pdf_abort(&p);
	assert_null(p);
	pdf_abort(&p);
}

int main(void)
{
	int rc;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_document_over_several_pages_is_a_whole_pdf),
		cmocka_unit_test(text_with_markup_characters_and_other_scripts_prints_as_it_is),
		cmocka_unit_test(a_field_longer_than_a_page_runs_on_over_the_pages),
		cmocka_unit_test(an_unfinished_document_is_freed),
	};

	/* Before GLib's first allocation: its slices would hide a leaked
	 * layout from LeakSanitizer. */
	setenv("G_SLICE", "always-malloc", 1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	pdf_shutdown();
	return rc;
}
