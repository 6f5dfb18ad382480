/* test_view.c: templates escape what they print; the language files agree */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"
#include "conf.h"
#include "util.h"
#include "view.h"

static int setup(void **s)
{
	(void)s;
	nerr_init();
	if (conf_load_public("conf/test.hdf") != STATUS_OK)
		return -1;
	return view_init() == STATUS_OK ? 0 : -1;
}

static void render_error(Request *r, int status)
{
	char code[8];
	memset(r, 0, sizeof(*r));
	string_init(&r->body);
	string_init(&r->headers);
	hdf_init(&r->hdf);
	snprintf(r->lang, sizeof(r->lang), "nl");
	r->path = "/x";
	snprintf(r->ref, sizeof(r->ref), "REF12345");
	snprintf(code, sizeof(code), "%d", status);
	hdf_set_value(r->hdf, "Page.Status", code);
	snprintf(code, sizeof(code), "S%d", status);
	hdf_set_value(r->hdf, "Page.StatusKey", code);
}

static void done(Request *r)
{
	string_clear(&r->body);
	string_clear(&r->headers);
	hdf_destroy(&r->hdf);
}

static void values_are_html_escaped(void **s)
{
	Request r;
	(void)s;
	render_error(&r, 400);
	hdf_set_value(r.hdf, "Page.Field", "<script>alert(1)</script>\"'");
	assert_null(view_render(&r, "error.cs"));
	assert_null(strstr(r.body.buf, "<script>alert"));
	assert_non_null(strstr(r.body.buf, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	done(&r);
}

static void a_parsed_template_serves_the_next_request_with_its_own_data(void **s)
{
	Request r;
	(void)s;
	render_error(&r, 404);
	assert_null(view_render(&r, "error.cs"));
	assert_non_null(strstr(r.body.buf, "Pagina niet gevonden"));
	done(&r);
	render_error(&r, 503);
	snprintf(r.lang, sizeof(r.lang), "fr");
	assert_null(view_render(&r, "error.cs"));
	assert_non_null(strstr(r.body.buf, "Temporairement indisponible"));
	assert_null(strstr(r.body.buf, "Pagina niet gevonden"));
	assert_non_null(strstr(r.body.buf, "<html lang=\"fr\">"));
	done(&r);
}

/* Every key of one language file is in the others. */
static void collect(HDF *h, const char *prefix, STRING *out)
{
	for (HDF *c = hdf_obj_child(h); c; c = hdf_obj_next(c)) {
		char key[256];
		snprintf(key, sizeof(key), "%s%s%s", prefix, *prefix ? "." : "", hdf_obj_name(c));
		if (hdf_obj_child(c))
			collect(c, key, out);
		else
			string_appendf(out, "%s\n", key);
	}
}

static void the_language_files_have_the_same_keys(void **s)
{
	const char *langs[] = { "nl", "en", "fr" };
	STRING keys[3];
	(void)s;
	for (int i = 0; i < 3; i++) {
		HDF *h;
		char path[256];
		hdf_init(&h);
		snprintf(path, sizeof(path), "templates/lang/%s.hdf", langs[i]);
		assert_null(hdf_read_file(h, path));
		string_init(&keys[i]);
		collect(h, "", &keys[i]);
		hdf_destroy(&h);
	}
	assert_string_equal(keys[0].buf, keys[1].buf);
	assert_string_equal(keys[0].buf, keys[2].buf);
	for (int i = 0; i < 3; i++)
		string_clear(&keys[i]);
}

/* HDF keeps the last of two equal keys without a word: a message added
 * under a name already taken would replace the other one everywhere. */
static void no_language_file_names_a_key_twice(void **s)
{
	const char *langs[] = { "nl", "en", "fr" };
	(void)s;
	for (int i = 0; i < 3; i++) {
		char path[256], line[2048], scope[1024] = "";
		HDF *seen;
		FILE *f;
		hdf_init(&seen);
		snprintf(path, sizeof(path), "templates/lang/%s.hdf", langs[i]);
		f = fopen(path, "r");
		assert_non_null(f);
		while (fgets(line, sizeof(line), f)) {
			char *t = line + strspn(line, " \t"), key[1024], *end;
			size_t n = strcspn(t, " \t={\n");
			if (*t == '#' || *t == '\n')
				continue;
			if (*t == '}') {
				char *dot = strrchr(scope, '.');
				if (dot)
					*dot = '\0';
				else
					scope[0] = '\0';
				continue;
			}
			end = t + n + strspn(t + n, " \t");
			snprintf(key, sizeof(key), "%.500s%s%.*s", scope, *scope ? "." : "", (int)(n % 400), t);
			if (*end == '{') {
				snprintf(scope, sizeof(scope), "%s", key);
				continue;
			}
			if (*end != '=')
				continue;
			if (hdf_get_value(seen, key, NULL))
				fail_msg("%s: %s is given twice", path, key);
			hdf_set_value(seen, key, "1");
		}
		fclose(f);
		hdf_destroy(&seen);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_language_file_names_a_key_twice),
		cmocka_unit_test(values_are_html_escaped),
		cmocka_unit_test(a_parsed_template_serves_the_next_request_with_its_own_data),
		cmocka_unit_test(the_language_files_have_the_same_keys),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
