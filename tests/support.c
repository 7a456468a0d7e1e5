#include "support.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

const char *bt_test_write_file(const char *tag, const char *text)
{
    static char path[4096];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(path, sizeof path, "%s/%s.%ld", BTGPU_TEST_TMP, tag, (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

static void slurp(const char *path, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return;
    buf[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    size_t n = fread(buf, 1, cap - 1, f);
    buf[n] = '\0';
    fclose(f);
}

int bt_test_run_cli(const char *args, char *out, size_t out_cap, char *err, size_t err_cap)
{
    char o[4096], e[4096], cmd[16384];
    mkdir(BTGPU_TEST_TMP, 0777);
    snprintf(o, sizeof o, "%s/cli-out.%ld", BTGPU_TEST_TMP, (long)getpid());
    snprintf(e, sizeof e, "%s/cli-err.%ld", BTGPU_TEST_TMP, (long)getpid());
    snprintf(cmd, sizeof cmd, "timeout 120 '%s' %s >'%s' 2>'%s' </dev/null", BTGPU_BINARY, args, o, e);
    int rc = system(cmd);
    slurp(o, out, out_cap);
    slurp(e, err, err_cap);
    unlink(o);
    unlink(e);
    if (rc == -1 || !WIFEXITED(rc))
        return -1;
    return WEXITSTATUS(rc);
}

char *bt_test_slurp(const char *path)
{
    static char buf[1 << 20];
    FILE *f = fopen(path, "rb");
    cr_assert(f != NULL, "cannot open %s", path);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}
