/* fcgi-load.c: sends N requests, one after another, to one FastCGI process
 * over its unix socket, and checks each answers the expected status — the
 * load of the leak test and of the benchmarks that bypass nginx. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void put_len(unsigned char **p, size_t n)
{
	if (n < 128) {
		*(*p)++ = (unsigned char)n;
	} else {
		*(*p)++ = (unsigned char)((n >> 24) | 0x80);
		*(*p)++ = (unsigned char)(n >> 16);
		*(*p)++ = (unsigned char)(n >> 8);
		*(*p)++ = (unsigned char)n;
	}
}

static void record(unsigned char **p, int type, const unsigned char *content, size_t len)
{
	unsigned char *h = *p;
	h[0] = 1;
	h[1] = (unsigned char)type;
	h[2] = 0;
	h[3] = 1;
	h[4] = (unsigned char)(len >> 8);
	h[5] = (unsigned char)len;
	h[6] = 0;
	h[7] = 0;
	if (len)
		memcpy(h + 8, content, len);
	*p = h + 8 + len;
}

static const char *want = "Status: 200";

static const char *body = "";

static int one(const char *sock, const char **env, int nenv)
{
	unsigned char buf[16384], params[4096], *p = buf, *q = params;
	struct sockaddr_un a;
	int fd, ok = 0;
	ssize_t n;
	char reply[65536];
	size_t got = 0;
	static const unsigned char begin[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };

	for (int i = 0; i < nenv; i++) {
		const char *eq = strchr(env[i], '=');
		size_t kl = (size_t)(eq - env[i]), vl = strlen(eq + 1);
		put_len(&q, kl);
		put_len(&q, vl);
		memcpy(q, env[i], kl);
		q += kl;
		memcpy(q, eq + 1, vl);
		q += vl;
	}
	record(&p, 1, begin, 8);
	record(&p, 4, params, (size_t)(q - params));
	record(&p, 4, NULL, 0);
	if (*body)
		record(&p, 5, (const unsigned char *)body, strlen(body));
	record(&p, 5, NULL, 0);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", sock);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
	    write(fd, buf, (size_t)(p - buf)) != p - buf) {
		close(fd);
		return 0;
	}
	while ((n = read(fd, reply + got, sizeof(reply) - 1 - got)) > 0)
		got += (size_t)n;
	reply[got] = '\0';
	/* The first stdout record starts with our Status line. */
	if (got > 8 && memmem(reply, got, want, strlen(want)))
		ok = 1;
	close(fd);
	return ok;
}

int main(int argc, char **argv)
{
	const char *env[12] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/login", "QUERY_STRING=",
				"SERVER_PROTOCOL=HTTP/1.1", "HTTPS=on", "REMOTE_ADDR=127.0.0.1",
				"HTTP_USER_AGENT=fcgi-load" };
	int nenv = 7;
	static char cl[48], cookie[512];
	int n, failed = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: fcgi-load SOCKET COUNT [PATH[?QUERY] [STATUS [COOKIE [BODY]]]]\n"
				"  with a BODY, the requests are form POSTs\n");
		return 2;
	}
	n = atoi(argv[2]);
	if (argc > 3) {
		/* A query string after '?' goes where nginx puts it. */
		static char uri[600], query[600];
		const char *q = strchr(argv[3], '?');
		snprintf(uri, sizeof(uri), "DOCUMENT_URI=%.*s", q ? (int)(q - argv[3]) : 500, argv[3]);
		env[1] = uri;
		if (q) {
			snprintf(query, sizeof(query), "QUERY_STRING=%.500s", q + 1);
			env[2] = query;
		}
	}
	if (argc > 4) {
		static char st[32];
		snprintf(st, sizeof(st), "Status: %s", argv[4]);
		want = st;
	}
	if (argc > 5 && *argv[5]) {
		snprintf(cookie, sizeof(cookie), "HTTP_COOKIE=%s", argv[5]);
		env[nenv++] = cookie;
	}
	if (argc > 6) {
		body = argv[6];
		env[0] = "REQUEST_METHOD=POST";
		snprintf(cl, sizeof(cl), "CONTENT_LENGTH=%zu", strlen(body));
		env[nenv++] = cl;
		env[nenv++] = "CONTENT_TYPE=application/x-www-form-urlencoded";
	}
	for (int i = 0; i < n; i++)
		if (!one(argv[1], env, nenv))
			failed++;
	printf("%d requests, %d failed\n", n, failed);
	return failed ? 1 : 0;
}
