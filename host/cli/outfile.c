/* Outputs that appear complete or not at all (outfile.h). */
#define _XOPEN_SOURCE 700
#include "outfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* the temporary files open now, for bt_outfile_unlink_all (a signal handler) */
#define MAX_OPEN 16
static char *volatile open_tmp[MAX_OPEN];

static void remember(char *tmp, char *forget)
{
    for (int k = 0; k < MAX_OPEN; k++)
        if (open_tmp[k] == forget) {
            open_tmp[k] = tmp;
            return;
        }
}

void bt_outfile_unlink_all(void)
{
    for (int k = 0; k < MAX_OPEN; k++)
        if (open_tmp[k])
            unlink(open_tmp[k]);
}

int bt_outfile_open(bt_outfile *o, const char *path, const char *what, bt_error *err)
{
    memset(o, 0, sizeof *o);
    o->path = path;
    if (strcmp(path, "-") == 0) {
        o->f = stdout;
        return BT_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return bt_error_set(err, BT_ERR_IO, "%s: cannot write %s: it is a directory", path, what);
        o->f = fopen(path, "w");
        if (!o->f)
            return bt_error_set(err, BT_ERR_IO, "%s: cannot write %s: %s", path, what, strerror(errno));
        return BT_OK;
    }
    size_t n = strlen(path);
    o->tmp = malloc(n + 16);
    if (!o->tmp)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        o->tmp = NULL;
        return bt_error_set(err, BT_ERR_IO, "%s: cannot write %s: %s", path, what, strerror(e));
    }
    remember(o->tmp, NULL);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        remember(NULL, o->tmp);
        int e = errno;
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return bt_error_set(err, BT_ERR_IO, "%s: cannot write %s: %s", path, what, strerror(e));
    }
    return BT_OK;
}

int bt_outfile_commit(bt_outfile *o, const char *what, bt_error *err)
{
    if (!o->f)
        return BT_OK;
    int bad = ferror(o->f);
    int rc = o->f == stdout ? fflush(stdout) : fclose(o->f);
    o->f = NULL;
    if (bad || rc != 0) {
        int e = errno;
        if (o->tmp)
            unlink(o->tmp);
        remember(NULL, o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return bt_error_set(err, BT_ERR_IO, "%s: cannot write %s: %s", o->path, what, strerror(e ? e : EIO));
    }
    if (o->tmp) {
        /* mkstemp makes 0600; an output gets the usual mode */
        mode_t mask = umask(0);
        umask(mask);
        chmod(o->tmp, 0666 & ~mask);
        if (rename(o->tmp, o->path) != 0) {
            int e = errno;
            unlink(o->tmp);
            remember(NULL, o->tmp);
            free(o->tmp);
            o->tmp = NULL;
            return bt_error_set(err, BT_ERR_IO, "%s: cannot write %s: %s", o->path, what, strerror(e));
        }
        remember(NULL, o->tmp); /* renamed: nothing of ours to remove any more */
    }
    free(o->tmp);
    o->tmp = NULL;
    return BT_OK;
}

void bt_outfile_abort(bt_outfile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    o->f = NULL;
    if (o->tmp) {
        unlink(o->tmp);
        remember(NULL, o->tmp);
    }
    free(o->tmp);
    o->tmp = NULL;
}

/* an absolute path for p: its folder resolved, its last component as given */
static int canonical(const char *p, char *out, size_t cap)
{
    char dir[4096], real[4096];
    const char *slash = strrchr(p, '/');
    const char *base = slash ? slash + 1 : p;
    if (slash) {
        size_t n = (size_t)(slash - p);
        if (n >= sizeof dir)
            return -1;
        memcpy(dir, p, n);
        dir[n] = '\0';
        if (n == 0)
            strcpy(dir, "/");
    } else {
        strcpy(dir, ".");
    }
    if (!realpath(dir, real))
        return -1;
    return snprintf(out, cap, "%s/%s", real, base) < (int)cap ? 0 : -1;
}

int bt_same_file(const char *a, const char *b)
{
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return strcmp(a, b) == 0;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    char ca[8192], cb[8192];
    if (canonical(a, ca, sizeof ca) || canonical(b, cb, sizeof cb))
        return strcmp(a, b) == 0;
    return strcmp(ca, cb) == 0;
}
