/* main.c: portalctl's command table and dispatch, and what its commands share */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "db.h"
#include "portalctl.h"
#include "util.h"

/* --- what the commands share ------------------------------------------- */

/* One line on stderr, exit status 1. */
int fail(const char *fmt, ...)
{
	va_list ap;
	fputs("portalctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int fail_nerr(const char *what, NEOERR *err)
{
	char msg[1024];
	util_nerr_msg(err, msg, sizeof(msg));
	nerr_ignore(&err);
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return fail("%s: %s", what, msg);
}

int load_conf(void)
{
	NEOERR *err = conf_load(NULL);
	if (err)
		return fail_nerr("configuration", err);
	return 0;
}

/* --- the table --------------------------------------------------------- */

typedef struct command {
	const char *name;
	const char *args; /* the synopsis of its arguments */
	int min, max;     /* how many arguments it takes */
	int (*run)(char **arg);
	const char *help; /* one line */
} Command;

static int cmd_help(char **arg);

static const Command commands[] = {
	{ "migrate", "", 0, 0, cmd_migrate, "apply the new sql/NNN_*.sql migrations" },
	{ "check-config", "[FILE]", 0, 1, cmd_check_config, "check the configuration, naming any bad line" },
	{ "config-get", "KEY", 1, 1, cmd_config_get, "print one configuration value" },
	{ "init-secrets", "", 0, 0, cmd_init_secrets, "write a secrets file with random keys, if none" },
	{ "seed-demo", "", 0, 0, cmd_seed_demo, "load the demo data (demo only)" },
	{ "audit-verify", "", 0, 0, cmd_audit_verify, "check that no audit log row was changed or removed" },
	{ "invoices-pull", "", 0, 0, cmd_invoices_pull, "import every client's new invoices from the back-office now" },
	{ "reports-verify", "", 0, 0, cmd_reports_verify, "check the reports' summaries against the invoices and hours" },
	{ "reports-rebuild", "", 0, 0, cmd_reports_rebuild, "make the reports' summaries again from the invoices and hours" },
	{ "status", "", 0, 0, cmd_status, "database, outbox, store and certificate against Monitor.*; exit 1 when any is wrong" },
	{ "backup", "DIR", 1, 1, cmd_backup, "copy the database (mariadb-backup) and the document store into DIR, together" },
	{ "restore", "DIR DATADIR", 2, 2, cmd_restore, "put a backup back into an empty data directory and an empty store" },
	{ "rotate-key", "STEP [ID]", 1, 2, cmd_rotate_key, "the data key, step by step: status, add, use ID, reseal, retire ID (INSTALL 9a)" },
	{ "files-sweep", "[--delete]", 0, 1, cmd_files_sweep, "report (and remove) files no document points to" },
	{ "purge-photos", "", 0, 0, cmd_purge_photos, "remove every temp worker's photo (only while Privacy.Photos is 0)" },
	{ "import-document", "TYPE UNIT_ID TITLE FILE", 4, 4, cmd_import_document, "store a file as a document, checked like an upload" },
	{ "create-agency-admin", "EMAIL [FIRST [LAST]]", 1, 3, cmd_create_agency_admin, "the first agency admin: prints an invitation URL" },
	{ "grant", "EMAIL ROLE", 2, 2, cmd_grant, "give agency staff an agency role (the privacy officer's is given only here)" },
	{ "send-test-mail", "TO", 1, 1, cmd_send_test_mail, "queue a test mail through the outbox" },
	{ "retention-run", "", 0, 0, cmd_retention_run, "run the retention job now: consent links, anonymising" },
	{ "help", "", 0, 0, cmd_help, "print this list" },
	{ NULL, NULL, 0, 0, NULL, NULL },
};

/* The synopses' column: a longer one puts its help on the next line. */
#define SYNOPSIS_WIDTH 22

static void list(FILE *f)
{
	fputs("usage: portalctl COMMAND [ARG ...]\n", f);
	for (const Command *c = commands; c->name; c++) {
		int n = fprintf(f, "  %s%s%s", c->name, c->args[0] ? " " : "", c->args) - 2;

		if (n > SYNOPSIS_WIDTH)
			fprintf(f, "\n%*s", SYNOPSIS_WIDTH + 2, "");
		else
			fprintf(f, "%*s", SYNOPSIS_WIDTH - n, "");
		fprintf(f, " %s\n", c->help);
	}
	fputs("The configuration is conf/portal.hdf, or $PORTAL_CONF.\n", f);
}

static int cmd_help(char **arg)
{
	(void)arg;
	list(stdout);
	return 0;
}

/* An unknown command, or a known one given what it does not take: the
 * table on stderr, exit status 2. */
int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : NULL;
	const Command *c = commands;
	int n = argc > 1 ? argc - 2 : 0, rc;

	nerr_init();
	while (name && c->name && strcmp(c->name, name))
		c++;
	if (!name || !c->name) {
		if (name)
			fprintf(stderr, "portalctl: no such command: %s\n", name);
		list(stderr);
		return 2;
	}
	rc = n < c->min || n > c->max ? CTL_USAGE : c->run(argv + 2);
	if (rc == CTL_USAGE) {
		fprintf(stderr, "portalctl: %s takes %s\n", c->name, c->args[0] ? c->args : "no arguments");
		list(stderr);
		return 2;
	}
	db_close();
	return rc;
}
