/* acl.c: who may do what where — roles held on a part of the client's organisation */
#include "acl.h"

int acl_may(Request *r, const char *perm)
{
	(void)perm;
	if (!r->user)
		return 0;
	/* No grants are held until roles are assigned: deny. */
	return 0;
}
