/* sim.c: the back-office simulator — the agency back-office's HTTP API (DESIGN §6) over real HTTP for the demo and the tests, with faults on request */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <ClearSilver.h>
#include <jansson.h>
#include <openssl/evp.h>

#include "sim.h"
#include "util.h"

static volatile sig_atomic_t stopping;
static char token[256];

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

long sim_wage_cents(const char *position)
{
	unsigned h = 0;

	for (const char *p = position; *p; p++)
		h = h * 31 + (unsigned char)*p;
	return 1400 + (long)(h % 600);
}

/* The wage and 65 %, to the nearest cent. */
long sim_rate_cents(const char *position)
{
	return (sim_wage_cents(position) * 165 + 50) / 100;
}

static void put(char *buf, size_t cap, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void put(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

/* Five objects, each where the cross-reference table says it is, so
 * that strict readers take the file as it is. */
char *sim_pdf_base64(const char *text)
{
	char line[512], stream[600], pdf[4096];
	size_t off[6], len = 0;
	unsigned char *b64;
	int slen, n;

	snprintf(line, sizeof(line), "%s", text);
	/* Parentheses would end the PDF string early; a line break, the line. */
	for (char *p = line; *p; p++)
		if (*p == '(' || *p == ')' || *p == '\\' || (unsigned char)*p < ' ')
			*p = ' ';
	slen = snprintf(stream, sizeof(stream), "BT /F1 11 Tf 50 780 Td (%s) Tj ET", line);
	put(pdf, sizeof(pdf), &len, "%%PDF-1.4\n");
	off[1] = len;
	put(pdf, sizeof(pdf), &len, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	off[2] = len;
	put(pdf, sizeof(pdf), &len, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
	off[3] = len;
	put(pdf, sizeof(pdf), &len, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
	    " /Resources << /Font << /F1 5 0 R >> >> >> endobj\n");
	off[4] = len;
	put(pdf, sizeof(pdf), &len, "4 0 obj << /Length %d >> stream\n%s\nendstream endobj\n", slen, stream);
	off[5] = len;
	put(pdf, sizeof(pdf), &len, "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n");
	off[0] = len;
	put(pdf, sizeof(pdf), &len, "xref\n0 6\n0000000000 65535 f \n");
	for (int i = 1; i <= 5; i++)
		put(pdf, sizeof(pdf), &len, "%010zu 00000 n \n", off[i]);
	put(pdf, sizeof(pdf), &len, "trailer << /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", off[0]);
	b64 = xmalloc(4 * ((len + 2) / 3) + 1);
	n = EVP_EncodeBlock(b64, (unsigned char *)pdf, (int)len);
	b64[n] = '\0';
	return (char *)b64;
}

struct req {
	char method[8];
	char path[512];
	char auth[300];
	char key[200];
	char *body;
	size_t body_len;
};

static void reply(int fd, int status, const char *reason, const char *json)
{
	char head[256];
	int n = snprintf(head, sizeof(head),
			 "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n\r\n",
			 status, reason, strlen(json));
	if (write(fd, head, (size_t)n) < 0 || write(fd, json, strlen(json)) < 0)
		return;
}

/* The value of a header (name in lower case) of the head buf..end. */
static void header(const char *buf, const char *end, const char *name, char *out, size_t len)
{
	char pat[64];
	const char *a;

	snprintf(pat, sizeof(pat), "\r\n%s:", name);
	a = strcasestr(buf, pat);
	out[0] = '\0';
	if (!a || a >= end)
		return;
	a += strlen(pat);
	while (*a == ' ')
		a++;
	snprintf(out, len, "%.*s", (int)strcspn(a, "\r\n"), a);
}

/* Reads one request (headers and a body of Content-Length) within 5 s. */
static int read_request(int fd, struct req *r)
{
	char buf[65536];
	size_t len = 0, need = 0;
	char *end = NULL;

	memset(r, 0, sizeof(*r));
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;
		if (poll(&p, 1, 5000) <= 0)
			return 0;
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		if (n <= 0)
			return 0;
		len += (size_t)n;
		buf[len] = '\0';
		if (!end && (end = strstr(buf, "\r\n\r\n")) != NULL) {
			char *cl = strcasestr(buf, "\r\ncontent-length:");
			need = (size_t)(end - buf) + 4 + (cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0);
			if (need >= sizeof(buf))
				return 0;
		}
		if (end && len >= need)
			break;
		if (len >= sizeof(buf) - 1)
			return 0;
	}
	if (sscanf(buf, "%7s %511s", r->method, r->path) != 2)
		return 0;
	header(buf, end, "authorization", r->auth, sizeof(r->auth));
	header(buf, end, "idempotency-key", r->key, sizeof(r->key));
	r->body_len = need - (size_t)(end + 4 - buf);
	r->body = xstrndup(end + 4, r->body_len);
	return 1;
}

/* Faults a test asks for: the next deliveries (POSTs to /v1/) answered
 * 500, or dropped without an answer — the portal's invoice pulls, which
 * come every round, do not take them; a delay before every contract is made
 * (latency), and one after it is made, before the answer (hold: the
 * caller can die in between). */
static int fail_next, drop_next, latency_ms, hold_ms;

static void set_faults(const char *body)
{
	json_error_t jerr;
	json_t *in = json_loads(body, 0, &jerr);
	json_int_t fail = 0, drop = 0, latency = 0, hold = 0;

	if (in && !json_unpack(in, "{s?I, s?I, s?I, s?I}", "fail", &fail, "drop", &drop, "latency_ms", &latency,
			       "hold_ms", &hold)) {
		fail_next = (int)fail;
		drop_next = (int)drop;
		latency_ms = (int)latency;
		hold_ms = (int)hold;
	}
	json_decref(in);
}

static void handle(int fd)
{
	struct req r;
	char want[300], *query;

	if (!read_request(fd, &r)) {
		reply(fd, 400, "Bad Request", "{\"error\":\"bad request\"}");
		return;
	}
	/* Routes are by path; the query is for the handler that takes one. */
	query = strchr(r.path, '?');
	if (query)
		*query++ = '\0';
	else
		query = r.path + strlen(r.path);
	snprintf(want, sizeof(want), "Bearer %s", token);
	if (!strcmp(r.method, "GET") && !strcmp(r.path, "/healthz")) {
		reply(fd, 200, "OK", "{\"status\":\"ok\"}");
	} else if (!util_streq_ct(r.auth, want) && (!strncmp(r.path, "/v1/", 4) || !strncmp(r.path, "/sim/", 5))) {
		reply(fd, 401, "Unauthorized", "{\"error\":\"bad token\"}");
	} else if (!strcmp(r.method, "POST") && !strcmp(r.path, "/sim/faults")) {
		set_faults(r.body);
		reply(fd, 200, "OK", "{\"status\":\"ok\"}");
	} else if (!strcmp(r.method, "GET") && !strcmp(r.path, "/sim/contracts")) {
		char *out = contracts_stats();
		reply(fd, 200, "OK", out);
		free(out);
	} else if (!strcmp(r.method, "GET") && !strcmp(r.path, "/sim/timesheets")) {
		char *out = timesheets_stats();
		reply(fd, 200, "OK", out);
		free(out);
	} else if (!strcmp(r.method, "GET") && !strcmp(r.path, "/sim/erasures")) {
		char *out = erasure_stats();
		reply(fd, 200, "OK", out);
		free(out);
	} else if (!strcmp(r.method, "GET") && !strcmp(r.path, "/sim/invoices")) {
		char *out = invoices_stats();
		reply(fd, 200, "OK", out);
		free(out);
	} else if (!strcmp(r.method, "POST") && !strcmp(r.path, "/sim/invoices")) {
		int status;
		char *out = NULL;
		invoices_post(r.body, &status, &out);
		reply(fd, status, status == 201 ? "Created" : "Bad Request", out);
		free(out);
	} else if (!strncmp(r.path, "/v1/", 4) && !strcmp(r.method, "POST") && drop_next > 0) {
		drop_next--; /* read, and no answer: the connection just closes */
	} else if (!strncmp(r.path, "/v1/", 4) && !strcmp(r.method, "POST") && fail_next > 0) {
		fail_next--;
		reply(fd, 500, "Internal Server Error", "{\"error\":\"simulated failure\"}");
	} else if (!strcmp(r.method, "POST") && !strcmp(r.path, "/v1/contracts")) {
		int status;
		char *out = NULL;
		if (latency_ms > 0)
			usleep((useconds_t)latency_ms * 1000);
		contracts_post(r.key, r.body, &status, &out);
		/* Every call that reached the rules, by its key: tests count
		 * what was delivered more than once. */
		fprintf(stderr, "backoffice-sim: POST %s key=%.190s status=%d\n", r.path, r.key, status);
		if (hold_ms > 0)
			usleep((useconds_t)hold_ms * 1000);
		reply(fd, status, status == 201 ? "Created" : status == 200 ? "OK" : status == 404 ? "Not Found" :
				  status == 422 ? "Unprocessable Entity" : "Bad Request", out);
		free(out);
	} else if (!strcmp(r.method, "POST") && !strcmp(r.path, "/v1/timesheets")) {
		int status;
		char *out = NULL;
		timesheets_post(r.key, r.body, &status, &out);
		fprintf(stderr, "backoffice-sim: POST %s key=%.190s status=%d\n", r.path, r.key, status);
		reply(fd, status, status == 202 ? "Accepted" : status == 422 ? "Unprocessable Entity" : "Bad Request",
		      out);
		free(out);
	} else if (!strcmp(r.method, "POST") && !strcmp(r.path, "/v1/erasure")) {
		int status;
		char *out = NULL;
		erasure_post(r.key, r.body, &status, &out);
		fprintf(stderr, "backoffice-sim: POST %s key=%.190s status=%d\n", r.path, r.key, status);
		reply(fd, status, status == 202 ? "Accepted" : "Bad Request", out);
		free(out);
	} else if (!strcmp(r.method, "GET") && !strcmp(r.path, "/v1/invoices")) {
		int status;
		char *out = NULL;
		invoices_get(query, &status, &out);
		reply(fd, status, status == 200 ? "OK" : "Bad Request", out);
		free(out);
	} else {
		reply(fd, 404, "Not Found", "{\"error\":\"not found\"}");
	}
	free(r.body);
}

static int load_token(const char *file)
{
	HDF *h = NULL;
	NEOERR *err;

	hdf_init(&h);
	err = hdf_read_file(h, file);
	if (err) {
		nerr_log_error(err);
		nerr_ignore(&err);
		hdf_destroy(&h);
		return 0;
	}
	snprintf(token, sizeof(token), "%s", hdf_get_value(h, "Backoffice.Token", ""));
	hdf_destroy(&h);
	return token[0] != '\0';
}

int main(int argc, char **argv)
{
	int port = 0, fd, on = 1;
	const char *token_file = NULL;
	struct sockaddr_in a;

	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--port"))
			port = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--token-file"))
			token_file = argv[i + 1];
	}
	if (port <= 0 || !token_file) {
		fprintf(stderr, "usage: backoffice-sim --port N --token-file SECRETS.hdf\n");
		return 2;
	}
	nerr_init();
	if (!load_token(token_file)) {
		fprintf(stderr, "backoffice-sim: no Backoffice.Token in %s\n", token_file);
		return 1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 64)) {
		fprintf(stderr, "backoffice-sim: cannot listen on 127.0.0.1:%d: %s\n", port,
			strerror(errno));
		return 1;
	}
	fprintf(stderr, "backoffice-sim: listening on 127.0.0.1:%d\n", port);
	while (!stopping) {
		struct pollfd p = { fd, POLLIN, 0 };
		int c;
		if (poll(&p, 1, 500) <= 0)
			continue;
		c = accept(fd, NULL, NULL);
		if (c < 0)
			continue;
		handle(c);
		close(c);
	}
	close(fd);
	return 0;
}
