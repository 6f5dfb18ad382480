/* app.h: the accept loop that runs a binary's route table (and what a handler uses) */
#ifndef PORTAL_APP_H
#define PORTAL_APP_H

#include "http.h"
#include "param.h"
#include "request.h"

/* Runs the accept loop (FastCGI) or one request (plain CGI); returns the
 * process exit status. The route table ends with a NULL method. Started
 * from a shell as `program.fcgi --routes`, prints the table as JSON. */
int app_run(const char *program, const Route *routes, int argc, char **argv);

#endif
