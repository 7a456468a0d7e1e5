/* fuzz.h - what the libFuzzer targets share (tests/fuzz/fuzz_*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput. Built with clang and
 * -fsanitize=fuzzer (scripts/fuzz.sh) it is a fuzzer; linked with
 * replay_main.c it replays the seed corpus and the past findings in ctest. */
#ifndef BTGPU_FUZZ_H
#define BTGPU_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: say which and abort (a finding, in the fuzzer and in the replay). */
#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

/* A failed call must say why: the status it returned and a message. */
#define FUZZ_CHECK_ERROR(rc, err) \
    FUZZ_CHECK((rc) < 0 && (rc) >= -8 && (err).status == (rc) && (err).msg[0] != '\0')

/* The input as a NUL-terminated string (NULs inside stay; callers see the text up to the first). */
static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
