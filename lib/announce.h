/* announce.h: the announcements of now (outages, maintenance) on every page, in the reader's language */
#ifndef PORTAL_ANNOUNCE_H
#define PORTAL_ANNOUNCE_H

#include "request.h"

/* The most shown at once. */
#define ANNOUNCE_SHOWN 3

/* Page.Announcements.<n>: Kind, Text (in r->lang, else Dutch) and Until
 * (the end, on the agency's clock) of those current. Read from the
 * database at most every Announcements.CacheSeconds per process: a
 * notice appears and goes within that time, without a restart. A
 * database that does not answer leaves the page without them. */
void announce_page(Request *r);

#endif
