/* util.h: allocation that aborts on exhaustion, small string and time helpers */
#ifndef PORTAL_UTIL_H
#define PORTAL_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <ClearSilver.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Wall clock in microseconds, and a monotonic clock for durations. */
int64_t util_now_us(void);
int64_t util_mono_us(void);

/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void util_hex(const unsigned char *in, size_t len, char *out);
/* n random bytes from OpenSSL's generator; when it has none to give, the
 * process ends (abort): a token, key or nonce is never made without. */
void util_random(void *buf, size_t n);

/* base64url without padding of len bytes into out (4*len/3+3 bytes). */
void util_b64url(const unsigned char *in, size_t len, char *out);

/* Is s a word of [A-Za-z0-9_-] (base64url, names) of min to max bytes? */
int util_word(const char *s, size_t min, size_t max);

/* s, or "" for NULL: an optional parameter as SQL and pages take it. */
static inline const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Is word one of the space-separated words of list? */
int util_word_in(const char *list, const char *word);

/* Constant-time comparison of two NUL-terminated strings. */
int util_streq_ct(const char *a, const char *b);

/* Is s valid UTF-8 without control characters other than tab, CR and LF
 * (when allow_newlines)? */
int util_utf8_ok(const char *s, int allow_newlines);
/* Number of code points of valid UTF-8. */
size_t util_utf8_len(const char *s);

/* Cuts s in place to at most max_chars characters (a column's width),
 * always between two characters: a character cut short at its end, by an
 * earlier cut at a byte count, goes too. */
void util_utf8_cap(char *s, size_t max_chars);

/* Human-readable text of a NEOERR without a traceback; frees nothing. */
void util_nerr_msg(NEOERR *err, char *buf, size_t len);

#endif
