/* privacy.h: the handlers of the privacy binary, by file, and what its pages share */
#ifndef PRIVACY_MODULE_H
#define PRIVACY_MODULE_H

#include "app.h"
#include "page.h"
#include "request.h"

/* The status of a page shown again with a refused form. */
#define FORM_REFUSED 422
#define PAGE_SIZE 25

/* A person the portal keeps data about: a user (temp worker, client user,
 * agency staff), or a candidate known by name and contact only. */
typedef struct subject {
	char kind;                  /* 'u' a user, 'c' a candidate without a login */
	long long id;               /* users.id or candidates.id */
	char user_kind[16];         /* worker, client or agency; "" for a candidate */
	char name[1024];            /* as shown (two names of 100 characters of up to 4 bytes); a pseudonym once erased */
	char email[256];
	long long client_id;        /* a client user's client; 0 otherwise */
	long long unit_id;          /* the unit whose scope covers him (see home) */
	char home[ORG_PATH_LEN + 1];/* its path: the agency's root for staff and
				     * temp workers, the client's unit for a client
				     * user, the vacancy's unit for a candidate */
	char keep_until[11];        /* YYYY-MM-DD, "" when not set */
	int erased;                 /* erased or anonymised: nothing left to show */
	int self;                   /* the user of the request, on his own page */
} Subject;

/* persons.c */
NEOERR *persons_list(Request *r);
NEOERR *person_show(Request *r);
NEOERR *candidate_show(Request *r);
NEOERR *privacy_me(Request *r);
/* Loads the subject of kind 'u' or 'c' and id when the viewer holds perm
 * on his unit; otherwise the request ends with 404 and s->id is 0. */
NEOERR *subject_load(Request *r, char kind, long long id, const char *perm, Subject *s);
/* The subject of a route with :id (users) — or, for the candidate routes,
 * the candidate — in scope for perm, as subject_load. */
NEOERR *subject_of_route(Request *r, const char *perm, Subject *s);
/* Page.Subject.*: what the pages about a subject show of him. */
void subject_put(Request *r, const Subject *s);

/* The sections of a person's page (persons.c renders them; each fills its
 * own part of Page and has its own template privacy/person_<part>.cs).
 * With s->self they show the person his own (on /privacy/me). */
NEOERR *dossier_section(Request *r, const Subject *s);    /* dossier.c */
NEOERR *requests_section(Request *r, const Subject *s);   /* requests.c */
NEOERR *retention_section(Request *r, const Subject *s);  /* retention.c */
NEOERR *erasure_section(Request *r, const Subject *s);    /* erasure.c */

/* retention.c: a contact moment recorded by staff; the public consent
 * page of a link the worker job mailed */
NEOERR *retention_record(Request *r);
NEOERR *consent_form(Request *r);
NEOERR *consent_give(Request *r);

/* erasure.c: the dry run and the erasure */
NEOERR *erasure_preview(Request *r);
NEOERR *erasure_confirm(Request *r);
/* requests.c: requests of data subjects — the queue, a request, recording
 * one on a person's page, filing one's own on /privacy/me — and the count
 * of open and overdue ones on the start page (Page.Requests.*). */
NEOERR *requests_list(Request *r);
NEOERR *request_show(Request *r);
NEOERR *request_extend(Request *r);
NEOERR *request_close(Request *r);
NEOERR *request_add(Request *r);
NEOERR *request_self(Request *r);
NEOERR *requests_tile(Request *r);

/* main.c */
NEOERR *privacy_index(Request *r);
NEOERR *privacy_statement(Request *r);

/* agreement.c */
NEOERR *agreement_show(Request *r);
NEOERR *agreement_sign(Request *r);
NEOERR *agreement_pdf(Request *r);
NEOERR *agreements_list(Request *r);
NEOERR *agreements_client(Request *r);

#endif
