/* portalctl.h: the commands of portalctl, by file, and what they share */
#ifndef PORTALCTL_H
#define PORTALCTL_H

#include <ClearSilver.h>

/* A command's function gets its arguments, NULL-terminated, their number
 * already checked against the table. It returns the exit status: 0 done,
 * 1 failed (after one line on stderr), or CTL_USAGE when the arguments
 * are not what it takes. */
#define CTL_USAGE (-1)

/* main.c: what the commands share */

/* One line on stderr ("portalctl: …"); returns 1, the exit status. */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same for err, on one line after what; err is freed. */
int fail_nerr(const char *what, NEOERR *err);
/* Loads the configuration and the secrets; 1 (said why) when it cannot. */
int load_conf(void);

/* db.c: the schema and the audit log */
int cmd_migrate(char **arg);
int cmd_audit_verify(char **arg);
int cmd_reports_verify(char **arg);
int cmd_invoices_pull(char **arg);
int cmd_reports_rebuild(char **arg);

/* config.c: the configuration and the secrets file */
int cmd_check_config(char **arg);
int cmd_config_get(char **arg);
int cmd_init_secrets(char **arg);

/* accounts.c: accounts and rights given from the server */
int cmd_create_agency_admin(char **arg);
int cmd_grant(char **arg);

/* mail.c: a test mail through the outbox */
int cmd_send_test_mail(char **arg);

/* documents.c: the document store */
int cmd_import_document(char **arg);
int cmd_files_sweep(char **arg);

/* privacy.c: the privacy duties */
int cmd_retention_run(char **arg);
/* photos.c: temp workers' photos */
int cmd_purge_photos(char **arg);

/* backup.c: the database and the document store, together */
int cmd_backup(char **arg);
int cmd_restore(char **arg);

/* keys.c: rotating the data key */
int cmd_rotate_key(char **arg);

/* status.c: how the portal is doing */
int cmd_status(char **arg);

/* demo.c: the demo data */
int cmd_seed_demo(char **arg);
/* demo_privacy.c: the privacy duties' part of it, in seed-demo's
 * transaction, and what must follow its commit (the jobs' own
 * transactions: a consent link mailed) */
NEOERR *demo_privacy(void);
NEOERR *demo_privacy_after(void);

#endif
