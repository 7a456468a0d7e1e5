/* outfile.h - an output file that appears complete or not at all: written
 * to a temporary file beside the target and renamed into place on commit;
 * abort removes only that temporary file. "-" is standard output; a target
 * that exists and is not a regular file (a device, a FIFO) is written in
 * place and never removed. */
#ifndef BT_OUTFILE_H
#define BT_OUTFILE_H

#include "btgpu.h"

typedef struct bt_outfile {
    FILE *f;
    const char *path;
    char *tmp;   /* the temporary file, or NULL when writing in place */
} bt_outfile;

/* Opens; what names the output in messages ("the trades"). */
int bt_outfile_open(bt_outfile *o, const char *path, const char *what, bt_error *err);
/* Closes and renames into place (BT_ERR_IO with the reason). */
int bt_outfile_commit(bt_outfile *o, const char *what, bt_error *err);
/* Closes and removes the temporary file; a no-op on a closed bt_outfile. */
void bt_outfile_abort(bt_outfile *o);

/* Removes every temporary file still open (from a signal handler: only
 * unlink() of paths recorded at open). */
void bt_outfile_unlink_all(void);

/* 1 when paths a and b name one file: the same device and inode when both
 * exist, else the same absolute path (the folders resolved); "-" only
 * equals "-". */
int bt_same_file(const char *a, const char *b);

#endif
