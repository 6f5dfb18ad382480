/* admin.h: the handlers of the admin binary, by file, and the helpers its pages share */
#ifndef ADMIN_H
#define ADMIN_H

#include "app.h"
#include "page.h"

#define PAGE_SIZE 25

/* main.c: what the pages share */


/* Page.May.<flag> = 1 when the user holds perm on the unit at path. */
void admin_may(Request *r, const char *flag, const char *perm, const char *path);


/* Page.<list>.<n>.{Id,Name,Kind,Depth,Indent,Archived,Parent}: the units
 * at and below top_path in tree order, siblings by name. Leaves out the
 * subtree at skip_path (when not NULL), archived units when live_only, and
 * units of a kind above max_kind (client, site, department, team). */
NEOERR *admin_tree(Request *r, const char *list, const char *top_path, const char *skip_path,
		   int live_only, const char *max_kind);

/* The status of a page shown again with a refused form. */
#define FORM_REFUSED 422

/* clients.c */
NEOERR *client_list(Request *r);
NEOERR *client_new(Request *r);
NEOERR *client_create(Request *r);
NEOERR *client_show(Request *r);
NEOERR *client_archive(Request *r);
/* The client page of client id, with any refused form (units.c). */
NEOERR *client_page(Request *r, long long id);

/* units.c */
NEOERR *unit_create(Request *r);
NEOERR *unit_show(Request *r);
NEOERR *unit_rename(Request *r);
NEOERR *unit_move(Request *r);
NEOERR *unit_archive(Request *r);

/* users.c */
NEOERR *user_list(Request *r);
NEOERR *user_new(Request *r);
NEOERR *user_create(Request *r);
NEOERR *user_show(Request *r);
NEOERR *user_disable(Request *r);
NEOERR *user_enable(Request *r);
NEOERR *user_invite(Request *r);
NEOERR *user_end_sessions(Request *r);

/* A user as the admin pages see one. home is the unit the user belongs to
 * for access: the client's unit for a client user, the agency's root for
 * staff and temp workers. */
typedef struct person {
	long long id;
	char kind[16];
	char status[16];
	long long client_id;
	long long home_id;
	char home[800];
	int erased;     /* erased (GDPR): shown under his pseudonym, nothing more to change */
} Person;

/* Loads user id into *p; p->id is 0 when there is none. */
NEOERR *user_load(long long id, Person *p);
/* The user of the request (:id) when the viewer holds perm on the user's
 * unit; else the request ends with 404 and p->id is 0. */
NEOERR *user_in_scope(Request *r, const char *perm, Person *p);
/* The user page of p, with any refused form (grants.c). */
NEOERR *user_page(Request *r, const Person *p);

/* The national ID number of a temp worker: entered or changed, and
 * shown whole to bsn.view (audited). */
NEOERR *user_bsn(Request *r);
NEOERR *user_bsn_reveal(Request *r);

/* details.c: correcting a user's details, a temp worker's photo */
NEOERR *user_edit(Request *r);
NEOERR *user_update(Request *r);
NEOERR *user_photo(Request *r);
NEOERR *user_photo_upload(Request *r);
NEOERR *user_photo_delete(Request *r);
/* May the viewer correct p's details (worker.edit for a temp worker,
 * else user.edit, on p's unit)? */
int user_may_correct(Request *r, const Person *p);
/* Page.Photo.{Shown,Has} and Page.May.Photo of a temp worker's page. */
NEOERR *photo_section(Request *r, const Person *p);

/* grants.c */
NEOERR *grant_add(Request *r);
/* Why the viewer may not give or take the role on the unit at unit_path
 * from p (a key of Lang.Errors: his own roles, or more than he holds), or
 * NULL when he may. */
const char *grant_refusal(Request *r, const Person *p, int role, const char *unit_path);
NEOERR *grant_revoke(Request *r);

/* auditlog.c */
NEOERR *auditlog_list(Request *r);
NEOERR *auditlog_csv(Request *r);

/* outbox.c */
NEOERR *announcement_list(Request *r);
NEOERR *announcement_create(Request *r);
NEOERR *announcement_withdraw(Request *r);
NEOERR *outbox_list(Request *r);
NEOERR *outbox_retry(Request *r);

#endif
