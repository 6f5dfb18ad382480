/* acl.h: who may do what where — roles held on a part of the client's organisation */
#ifndef PORTAL_ACL_H
#define PORTAL_ACL_H

#include "app.h"

/* Does the user hold perm on any unit? Denial is the default: no user, no
 * grant, no permission. */
int acl_may(Request *r, const char *perm);

#endif
