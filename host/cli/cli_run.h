/* What the command line's runs share (host/cli/main.c), for the searches
 * over several assets and windows (host/cli/multi.c). */
#ifndef BTGPU_CLI_RUN_H
#define BTGPU_CLI_RUN_H
#include <signal.h>
#include <stdio.h>

#include "btgpu.h"
#include "cli.h"
#include "outfile.h"

/* Progress on stderr: always with --progress, else only on a terminal and
 * once the search has run for 2 seconds; at most 4 updates a second. */
typedef struct progress_state {
    double t0;      /* when the search started */
    double last;    /* when the last line was printed */
    int forced;     /* --progress */
    int shown;      /* a line is on the screen */
    int quiet;      /* --quiet: no report (the callback still sees a stop request) */
    size_t bars;    /* the series' length, for the rate */
    FILE *heatmap;  /* the heatmap being written (its size so far), or NULL */
    const char *heatmap_path;
    int announced;  /* the estimate was made (or is not needed) */
    double base_t;  /* the first report: its time and combinations done (the rate is measured after it, */
    uint64_t base_done; /* without the set-up the first chunk pays) */
    int warned;     /* the constraint-rejects-everything warning was given */
} progress_state;

extern volatile sig_atomic_t g_signal; /* SIGINT / SIGTERM received (catch_signals) */
extern const char *const RUN_FILE_WHAT[2]; /* "the trades", "the equity curve" */

double now_seconds(void);
/* Prints "btgpu: MESSAGE" (and the --help hint for usage errors); returns the exit code. */
int fail(const bt_error *err, int status);
/* --data FILE or synth:BARS[:SEED]. */
int load_data(const char *spec, char sep, bt_series *s, bt_error *err);
void warn_about_data(const char *path, const bt_series *s, const bt_options *o);
void catch_signals(void);
/* The exit code of a run that ends with status rc (its message printed):
 * 128 + the signal after an interruption, else fail()'s. */
int bt_cli_exit(const bt_error *err, int rc);
/* The progress callback (bt_optimize_spec.on_progress_info; ctx: a progress_state). */
int report_info(void *ctx, const bt_progress *q);
/* Writes a run's trades (kind 0) or equity curve (1) and renames the file into place. */
int finish_run_file(bt_outfile *o, int kind, const bt_series *s, const bt_run *run, bt_error *err);
/* The outputs checked, the strategy resolved, --maximize and --heatmap-stats
 * parsed (hstats: 4 * BT_N_STATS), the grid built. */
int bt_cli_prepare(const bt_cli *cli, const bt_strategy_info **st, int *key, int *hstats, size_t *n_hstats,
                   bt_grid *g, bt_error *err);
/* The assets of the --data options: each file, each folder's .csv files
 * (sorted), each glob's matches; paths owned (bt_cli_free_paths). A file
 * named twice is a usage error. */
int bt_cli_expand_data(const bt_cli *cli, char ***paths, size_t *n, bt_error *err);
void bt_cli_free_paths(char **paths, size_t n);
/* MPI (host/cli/mpi.c; one process when btgpu is built without it):
 * init returns this process's rank (0 without MPI, -1 on failure). */
int bt_cli_mpi_init(int *argc, char ***argv);
int bt_cli_mpi_size(void);
int bt_cli_mpi_rank(void);
void bt_cli_mpi_finalize(void);
/* Stops every rank (after rank 0 has finished or failed while others may wait). */
void bt_cli_mpi_abort(int code);
/* bt_optimize over every rank: rank 0 gets the result a one-process search
 * gives (its sinks see every row in grid order); the others evaluate their
 * blocks and get an empty result. */
int bt_cli_mpi_optimize(const bt_optimize_spec *spec, bt_optimize_result *out, bt_error *err);

/* Each asset's name for columns and files: the file name without folder and
 * .csv, or the whole argument when two assets would share a name. */
void bt_cli_asset_names(char **paths, size_t n, char (*names)[128]);
/* --method walk-forward over one or several assets: returns the exit code. */
int bt_cli_run_walk_forward(const bt_cli *cli, char **paths, size_t n);
/* A search over several assets: returns the exit code. */
int bt_cli_run_assets(const bt_cli *cli, char **paths, size_t n);

#endif
