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

/* A "Name:  N kB" field of /proc/self/status; -1 when absent. */
static long status_kib(const char *name)
{
    char line[256];
    long v = -1;
    size_t len = strlen(name);
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, len) == 0 && line[len] == ':') {
            v = strtol(line + len + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

long bt_test_peak_growth_kib(int (*fn)(void *ctx), void *ctx)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        close(fd[0]);
        /* start the peak at the current size where the kernel allows it */
        FILE *c = fopen("/proc/self/clear_refs", "w");
        if (c) {
            fputs("5", c);
            fclose(c);
        }
        long rss = status_kib("VmRSS");
        int ok = fn(ctx) == 0;
        long hwm = status_kib("VmHWM");
        long growth = !ok || rss < 0 || hwm < 0 ? -1 : hwm - rss;
        ssize_t w = write(fd[1], &growth, sizeof growth);
        _exit(w == (ssize_t)sizeof growth ? 0 : 1);
    }
    close(fd[1]);
    long growth = -1;
    if (read(fd[0], &growth, sizeof growth) != (ssize_t)sizeof growth)
        growth = -1;
    close(fd[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return growth;
}

char *bt_test_csv_column(const char *text, size_t k)
{
    char *out = malloc(strlen(text) + 2), *o = out;
    if (!out)
        return NULL;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        if (!e)
            e = p + strlen(p);
        const char *f = p;
        for (size_t i = 0; i < k && f && f < e; i++)
            f = memchr(f, ',', (size_t)(e - f)) ? (const char *)memchr(f, ',', (size_t)(e - f)) + 1 : e;
        const char *fe = f;
        while (fe < e && *fe != ',')
            fe++;
        memcpy(o, f, (size_t)(fe - f));
        o += fe - f;
        *o++ = '\n';
        p = *e ? e + 1 : e;
    }
    *o = '\0';
    return out;
}
