/* request.h: a request and its route, user and parameters as types, and its head read into the cgi kit */
#ifndef PORTAL_REQUEST_H
#define PORTAL_REQUEST_H

#include <stdint.h>
#include <stdio.h>
#include <ClearSilver.h>

struct FCGX_Request;
typedef struct request Request;
typedef NEOERR *(*handler_fn)(Request *r);

/* Route flags */
#define R_PUBLIC  0x01  /* answers without a session (login page, health) */
#define R_CSRF    0x02  /* checks the CSRF token and Origin (every POST must) */
#define R_JSON    0x04  /* answers JSON; errors are JSON too */
#define R_NOLOG   0x08  /* no per-request log line (health probes) */
#define R_TOTP    0x10  /* open to a session still waiting for its TOTP code */
#define R_ENROL   0x20  /* open to a session that must set up a second factor */
#define R_UPLOAD  0x40  /* a multipart form with a file, up to Limits.MaxUploadBytes */

/* Parameter types */
enum ptype {
	P_INT,    /* decimal integer within [min, max] */
	P_DATE,   /* YYYY-MM-DD, a real date */
	P_MONTH,  /* YYYY-MM, a month */
	P_EMAIL,  /* an address of at most max bytes, no CR/LF, one @, a dot in the domain */
	P_ENUM,   /* one of the space-separated words in values */
	P_TEXT,   /* UTF-8, newlines allowed, at most max characters */
	P_LINE,   /* UTF-8 on one line, at most max characters */
	P_TOKEN,  /* [A-Za-z0-9_-], at most max characters */
	P_LOCAL,  /* a local path to come back to: /..., never //host */
	P_SECRET, /* like P_LINE, but never copied back into a page */
	P_IDS,    /* ids of rows ticked in a list: the name given once per id
		   * (checkboxes), each a decimal integer within [min, max];
		   * read with param_ids() */
	P_FILE,   /* an uploaded file: the value is the client's file name (at
		   * most max characters, shown, never used as a path); the
		   * file itself through request_file() */
};

/* Parameter flags */
#define P_REQUIRED 0x01  /* must be present and not empty */
#define P_FORM     0x02  /* a form field: a bad value is kept for the form to
			  * show with a message (Page.Errors.<name>), not a 400 */
#define P_PATH     0x04  /* comes from the path (":name" in the route) */

typedef struct param {
	const char *name;
	enum ptype type;
	unsigned flags;
	long long min, max;
	const char *values;
} Param;

typedef struct route {
	const char *method;     /* "GET" or "POST" */
	const char *path;       /* "/login", "/invite/:token" */
	handler_fn handler;
	const char *perm;       /* permission the user needs, NULL for none */
	unsigned flags;
	const Param *params;    /* ends with an entry whose name is NULL */
} Route;

/* The width of org_units.path: a unit's path always fits in ORG_PATH_LEN
 * bytes and a NUL. */
#define ORG_PATH_LEN 760

/* A role held on a unit: the unit's path covers everything below it. The
 * path is whole: a cut one would be a prefix of a sibling's ("/1/4/1" of
 * "/1/4/19/"), and widen the grant. */
typedef struct grant {
	int role;               /* index into the roles of acl.c */
	long long unit_id;
	long long client_id;    /* the unit's client; 0 for the agency's own units */
	char path[ORG_PATH_LEN + 1];
} Grant;

#define MAX_GRANTS 32

typedef struct user {
	long long id;
	long long session_id;
	char kind[16];
	char name[1024];        /* first and last name: 2 × 100 characters of up to 4 bytes */
	char lang[4];
	char email[256];
	char stage[8];          /* "full", or "totp"/"enrol" before the second factor */
	long long client_id;    /* 0 for agency staff and temp workers */
	Grant grants[MAX_GRANTS];
	int ngrants;
} User;

struct request {
	struct FCGX_Request *fcgi;  /* NULL when run as plain CGI */
	CGI *cgi;
	HDF *hdf;               /* the request's data; templates read Page.* */
	HDF *params;            /* validated parameters, by name */
	const Route *route;
	const char *method;
	const char *path;       /* without the configured prefix */
	char cgi_path[1024];    /* SCRIPT_NAME and PATH_INFO of a CGI server */
	char ref[12];           /* reference id shown on error pages and logged */
	char lang[4];
	int64_t start_us;

	/* session */
	User *user;
	User user_buf;
	char csrf[64];          /* the session's token; forms carry it and a nonce of
				 * their page (view.c) */
	unsigned char form_key[32]; /* the key of the form posted (once.c) */
	unsigned char session_hash[32];
	char pre_token[64];     /* the pre-login cookie value, or "" */
	char clocks[256];       /* "name scope gen …": the clocks of the user's own client, read
				 * with the session (cache.h) */

	/* response */
	int status;
	char *detail;           /* why an error page was shown (log only) */
	const char *content_type;
	STRING body;
	STRING headers;         /* extra header lines: Set-Cookie, Location, Allow */
	int form_errors;        /* P_FORM fields that failed */
	int sent;               /* the handler wrote the response itself (a download) */
	const char *csp;        /* a stricter Content-Security-Policy (previews), or NULL */
	const char *cache_control; /* another Cache-Control than "no-store" (a photo:
				    * "private, no-store"), or NULL */
};


/* Registers the kit's error types; once per process, before any request. */
NEOERR *request_init(void);

/* Creates r->cgi over r->hdf with what the kit's cgi_parse needs
 * (CGI.RequestMethod, CGI.ContentType and its attributes,
 * CGI.ContentLength), Query.* from the query string and Cookie.* from the
 * Cookie header. A parameter name given twice, or one that is not a plain
 * word, is reported in *bad (lent), and the request should end with 400. */
NEOERR *request_start(Request *r, const char **bad);

/* The file uploaded in the form field name (a P_FILE parameter), lent;
 * NULL when none came. */
FILE *request_file(Request *r, const char *name);

#endif
