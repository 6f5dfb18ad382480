/* param.h: a route's parameters, each checked against its table before the handler reads it */
#ifndef PORTAL_PARAM_H
#define PORTAL_PARAM_H

#include "request.h"

/* The largest id a route takes: 2^53 - 1, what every browser's script
 * holds exactly. */
#define ID_MAX 9007199254740991LL

/* Validated parameters. */
const char *param_str(Request *r, const char *name);      /* NULL when absent */
long long param_int(Request *r, const char *name, long long def);

/* The ids of a P_IDS parameter into out (at most max); how many. */
int param_ids(Request *r, const char *name, long long *out, int max);

/* Copies the form fields (P_FORM) into Page.Form.* and their errors into
 * Page.Errors.* for a form to show again. */
void param_keep_form(Request *r);
/* Marks a form field invalid with a message key of Lang.Errors. */
void param_error(Request *r, const char *name, const char *code);

/* Validates one value against a parameter spec: NULL when good, else the
 * error code (a key of Lang.Errors). */
const char *param_check(const Param *p, const char *v);

#endif
