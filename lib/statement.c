/* statement.c: what the portal tells people about their data (conf/privacy.hdf) — the controller, the register, the texts agreed to */
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "statement.h"

static HDF *sconf;

NEOERR *statement_init(void)
{
	NEOERR *err;

	if (sconf)
		return STATUS_OK;
	err = hdf_init(&sconf);
	if (!err)
		err = hdf_read_file(sconf, conf_str("Paths.Privacy"));
	if (!err && !hdf_get_child(sconf, "Register"))
		err = nerr_raise(NERR_PARSE, "%s has no Register", conf_str("Paths.Privacy"));
	if (err)
		hdf_destroy(&sconf);
	return nerr_pass(err);
}

HDF *statement_conf(void)
{
	return sconf;
}

static const char *text_of(HDF *node, const char *key, const char *lang)
{
	char k[160];
	const char *v;

	snprintf(k, sizeof(k), "%s.%s", key, lang);
	v = hdf_get_value(node, k, NULL);
	if (!v || !*v) {
		snprintf(k, sizeof(k), "%s.nl", key);
		v = hdf_get_value(node, k, NULL);
	}
	if (!v || !*v) /* a text that is the same in every language */
		v = hdf_get_value(node, key, "");
	return v;
}

const char *statement_text(const char *key, const char *lang)
{
	return sconf ? text_of(sconf, key, lang) : "";
}

void statement_register(HDF *dest, const char *lang)
{
	static const char *const fields[] = { "Name", "Purpose", "Basis", "Data", "Retention", "Recipients" };
	static const char *const controller[] = { "Name", "Address", "Email", "Officer", "Authority" };
	int n = 0;

	if (!sconf)
		return;
	for (size_t i = 0; i < sizeof(controller) / sizeof(controller[0]); i++) {
		char k[64];
		snprintf(k, sizeof(k), "Controller.%s", controller[i]);
		hdf_set_value(dest, k, text_of(sconf, k, lang));
	}
	for (HDF *e = hdf_get_child(sconf, "Register"); e; e = hdf_obj_next(e), n++) {
		char k[64];
		snprintf(k, sizeof(k), "Register.%d.Code", n);
		hdf_set_value(dest, k, hdf_obj_name(e));
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			snprintf(k, sizeof(k), "Register.%d.%s", n, fields[i]);
			hdf_set_value(dest, k, text_of(e, fields[i], lang));
		}
	}
}
