/*
 * A base image for a throwaway engine that has no registry: FROM scratch around this static binary.
 * `RUN ["/sleeper", "SECONDS"]` sleeps, `RUN ["/sleeper", "0", "3"]` exits 3; the build tests need
 * nothing else (no shell, no libc in the image).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void say(const char *text) {
	ssize_t ignored = write(1, text, strlen(text));
	(void)ignored;
}

int main(int argc, char **argv) {
	unsigned int seconds = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 10) : 0;
	int code = argc > 2 ? atoi(argv[2]) : 0;
	say("sleeper: sleeping\n");
	while (seconds > 0) seconds = sleep(seconds);
	say("sleeper: done\n");
	return code;
}
