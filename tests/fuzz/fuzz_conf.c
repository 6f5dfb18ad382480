/* fuzz_conf.c: the configuration loader and its checks (conf_check) over
 * any file: ClearSilver's HDF reader, the option table, the messages that
 * name a problem's line. An #include names another file, which the
 * provider chooses as he chooses this one: inputs with one are left out
 * (one of /dev/zero would only measure the machine). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"

static char path[] = "/tmp/fuzz-conf-XXXXXX";
static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd;

	(void)argc, (void)argv;
	nerr_init();
	fd = mkstemp(path);
	sink = fopen("/dev/null", "w");
	if (fd < 0 || !sink)
		abort();
	close(fd);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f;

	if (memmem(data, size, "include", 7) || memmem(data, size, "Secrets", 7))
		return -1;
	f = fopen(path, "w");
	if (!f)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	conf_check(path, sink);
	return 0;
}
