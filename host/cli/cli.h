/* Command-line parsing for the btgpu binary. */
#ifndef BTGPU_CLI_H
#define BTGPU_CLI_H
#include "btgpu.h"

typedef enum bt_command {
    BT_CMD_GRID, BT_CMD_SYNTH, BT_CMD_DEVICES, BT_CMD_HELP, BT_CMD_VERSION,
    BT_CMD_LIST, /* btgpu list: the built-in strategies */
    BT_CMD_SHOW, /* btgpu show NAME: a built-in strategy's file */
    BT_CMD_STATS /* btgpu stats: the statistic keys */
} bt_command;

#define BT_CLI_MAX_SPECS 64

/* Everything the command line asked for; defaults filled by bt_cli_parse. */
typedef struct bt_cli {
    bt_command command;
    const char *data;                       /* --data FILE or synth:BARS[:SEED] (the first) */
    const char *data_list[BT_CLI_MAX_SPECS]; /* every --data, in command-line order */
    size_t n_data;
    const char *aggregate;                  /* --aggregate mean|median|min|nanmean (mean) */
    int walk_forward;                       /* --method walk-forward */
    const char *wf_train, *wf_test, *wf_step; /* --train, --test, --step: bars ("500") or durations ("2y") */
    int wf_anchored;                        /* --anchored: every train window starts at the first bar */
    const char *windows_path;               /* --windows OUT.csv: one row per walk-forward window */
    char sep;                               /* --sep: the CSV delimiter (0: detected) */
    const char *strategy;                   /* --strategy NAME|PATH.py[:Class] (sma_cross) */
    const char *param_specs[BT_CLI_MAX_SPECS]; /* --param, in command-line order */
    size_t n_param_specs;
    const char *constraint;                 /* --constraint, or NULL */
    const char *maximize;                   /* --maximize (SQN) */
    bt_options options;                     /* --cash, --commission, ... */
    const char *heatmap_path;               /* --heatmap, or NULL */
    const char *heatmap_stats;              /* --heatmap-stats LIST|all, or NULL */
    unsigned long long min_trades;          /* --min-trades N (0: none) */
    unsigned long long max_memory;          /* --max-memory SIZE in bytes (0: what the system has) */
    const char *stats_path;                 /* --stats, or NULL */
    const char *trades_path;                /* --trades, or NULL */
    const char *equity_path;                /* --equity, or NULL */
    const char *report_path;                /* --report OUT.html, or NULL */
    const char *plot_path;                  /* --plot OUT.svg, or NULL */
    const char *report_agg;                 /* --report-agg max|mean|min, or NULL (max) */
    bt_backend backend;                     /* --backend */
    int threads;                            /* --threads (0: all cores) */
    const char *device;                     /* --device, or NULL */
    int quiet;                              /* --quiet: no summary on stdout, no progress */
    int stdout_taken;                       /* an output is "-" (standard output): no summary there */
    int progress;                           /* --progress: always report progress on stderr */
    unsigned long long top;                 /* --top K: table of the K best (0: none) */
    unsigned long long synth_bars;          /* synth --bars */
    unsigned long long synth_seed;          /* synth --seed */
    const char *synth_out;                  /* synth --output, or NULL (stdout) */
    const char *show_name;                  /* show NAME */
    int single;                             /* btgpu run: one backtest (--set NAME=VALUE) */
    int randomized;                         /* --max-tries given (or --method random) */
    double max_tries;                       /* --max-tries N|FRACTION */
    const char *max_tries_text;             /* as typed */
    int have_random_state;
    unsigned long long random_state;        /* --random-state S */
} bt_cli;

/* Parses argv. BT_ERR_USAGE with a one-line message on bad input. */
int bt_cli_parse(int argc, char **argv, bt_cli *cli, bt_error *err);

/* Prints the --help text. */
void bt_cli_help(FILE *f);

#endif
