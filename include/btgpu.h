/*
 * btgpu.h - the public interface of the btgpu library.
 *
 * btgpu evaluates a grid of strategy parameter combinations over one OHLC(V)
 * series and reproduces backtesting.py 0.6.6's numbers for every combination.
 *
 * Conventions (every declaration below follows them):
 *  - A fallible call returns a status: BT_OK (0) or a negative bt_status.
 *    Details (file, line, column, option, offending value) are written to the
 *    caller's bt_error, which may be NULL when the caller does not care.
 *  - The library never prints and never exits; only the CLI's main() does.
 *  - Every *_free() accepts NULL and zeroed structures and leaves the
 *    structure zeroed, so it may be called twice.
 *  - Counts and sizes are size_t; times are int64 seconds (see bt_series).
 */
#ifndef BTGPU_H
#define BTGPU_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* What the shared library exports: exactly the functions declared here. */
#if defined(__GNUC__)
#define BTGPU_API __attribute__((visibility("default")))
#else
#define BTGPU_API
#endif

/* ------------------------------------------------------------------ errors */

/* Status codes. bt_status_exit_code() maps them onto the CLI's exit codes. */
typedef enum bt_status {
    BT_OK = 0,
    BT_ERR_USAGE = -1,       /* bad option, parameter, constraint or value   (exit 2) */
    BT_ERR_IO = -2,          /* file cannot be opened, read or written       (exit 1) */
    BT_ERR_DATA = -3,        /* malformed or unusable input data             (exit 1) */
    BT_ERR_NOMEM = -4,       /* an allocation failed at run time             (exit 1) */
    BT_ERR_RANGE = -5,       /* grid too large / cannot be allocated         (exit 2) */
    BT_ERR_UNSUPPORTED = -6, /* backend or feature not available here        (exit 1) */
    BT_ERR_DEVICE = -7,      /* device or driver failure                     (exit 1) */
    BT_ERR_INTERRUPTED = -8  /* stopped before anything finished (the CLI exits 130 / 143) */
} bt_status;

/* Error details. msg is a complete, human-readable sentence without the
 * leading "btgpu: " (the CLI adds it), e.g.
 * "data.csv:14:3: column 'High': 'abc' is not a number". */
typedef struct bt_error {
    int status;     /* the bt_status that was returned */
    char msg[1024]; /* NUL-terminated message */
} bt_error;

/* Records status and a printf-style message into err (no-op when err is NULL).
 * Returns status, so callers can write `return bt_error_set(err, ...)`. */
BTGPU_API int bt_error_set(bt_error *err, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Exit code for a status: 0 for BT_OK, 2 for BT_ERR_USAGE and BT_ERR_RANGE,
 * 1 for every other error. */
BTGPU_API int bt_status_exit_code(int status);

/* ------------------------------------------------------------------ series */

/* One OHLC(V) series as a struct of arrays (all arrays have n elements).
 * time: for a datetime index, seconds since 1970-01-01T00:00:00 (naive, no
 *       time zone); otherwise the integer index values themselves.
 * volume: NaN everywhere when the file has no Volume column.
 * Rows are sorted by time (stable); was_sorted tells the caller to warn. */
typedef struct bt_series {
    size_t n;
    int64_t *time;
    double *open, *high, *low, *close, *volume;
    int is_datetime;           /* 1: datetime index; 0: plain integer index */
    int has_volume;            /* 1 when a Volume column was present */
    int was_sorted;            /* 1 when input rows were out of order and got sorted */
    size_t n_duplicates;       /* rows whose timestamp equals the previous row's (after sorting) */
    size_t first_duplicate_line; /* file line (header = 1) of the first such row; 0 if none */
    char index_name[64];       /* the index column's header (pandas' index name; "" when empty or synthetic) */
    char tz[8];                /* a datetime index's UTC offset as written ("+05:30"; "+00:00" for Z), printed after
                                  every time; "" for naive times. time holds the wall time, offset not applied */
} bt_series;

/* Loads a CSV in backtesting.py's layout: a header row; the first column is
 * the index (its header may be empty) holding dates as pandas'
 * read_csv(parse_dates=True) reads them (YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY,
 * ..., then optionally [ T]H:MM[:SS] and a UTC offset, one layout and offset
 * for every row; the offset goes to tz), or plain integers
 * for a non-datetime index; columns Open, High, Low, Close are required and
 * Volume optional (names matched case-insensitively; other columns ignored).
 * CRLF, a UTF-8 BOM, quoted fields and a missing final newline are accepted.
 * Unsorted rows are sorted (stable) and was_sorted is set; duplicate
 * timestamps are kept, as backtesting.py keeps them, and counted.
 * pandas' missing-value words (NA, null, ...) are NaN: allowed in Volume,
 * rejected in prices. Errors (BT_ERR_IO, BT_ERR_DATA; BT_ERR_NOMEM) name the
 * file, line and column; out is overwritten (not freed) and zeroed on error. */
BTGPU_API int bt_series_load_csv(const char *path, bt_series *out, bt_error *err);
/* The same with the field delimiter given (',', ';', '\t', ...); 0: detected
 * from the header line (a comma unless it has more semicolons or tabs), as
 * bt_series_load_csv does. */
BTGPU_API int bt_series_load_csv_sep(const char *path, char sep, bt_series *out, bt_error *err);

/* The last year a date index may have: the loader reads four- and
 * five-digit years (0001-01-01 .. 99999-12-31). Microsecond timestamps and
 * their differences stay far inside int64 over that range. */
#define BT_MAX_YEAR 99999

/* The most bars bt_series_synth makes: the business days from 2000-01-03 to
 * 99999-12-31, so that every synthetic series written as CSV loads back. */
#define BT_SYNTH_MAX_BARS 25566975u

/* Fills out with a deterministic synthetic daily series of n_bars business
 * days starting 2000-01-03: a seeded geometric random walk with prices in
 * whole cents (so writing it as CSV and loading it back gives the same
 * doubles) and integer volumes, with a weak pull back towards 100 so long
 * series stay plausible. BT_ERR_USAGE when n_bars == 0 or n_bars >
 * BT_SYNTH_MAX_BARS. */
BTGPU_API int bt_series_synth(size_t n_bars, uint64_t seed, bt_series *out, bt_error *err);

/* Writes s as CSV (header ",Open,High,Low,Close,Volume"), numbers printed so
 * that they round-trip, NaN as an empty cell. Returns BT_OK or BT_ERR_IO. */
BTGPU_API int bt_series_write_csv(FILE *f, const bt_series *s, bt_error *err);

BTGPU_API void bt_series_free(bt_series *s);

/* Formats t (seconds since epoch) as "YYYY-MM-DD HH:MM:SS" into buf (>= 20 bytes). */
BTGPU_API void bt_format_time(int64_t t, char *buf, size_t cap);

/* to - from for index values from <= to (a sorted index), as the nearest
 * double: exact in 64 bits even when the difference exceeds INT64_MAX (an
 * integer index spanning most of the int64 range), where pandas' int64
 * subtraction wraps around. Equal to (double)(to - from) whenever that does
 * not overflow. */
BTGPU_API double bt_time_diff(int64_t from, int64_t to);

/* ------------------------------------------------------------------ grid */

#define BT_MAX_PARAMS 8           /* swept parameters in one grid */
#define BT_MAX_STRATEGY_PARAMS 32 /* parameters of one strategy */
#define BT_NAME_MAX 32

/* The Python type of a parameter value: the type of its literal (`2` int,
 * `2.0` float, `True` bool; bools hold 1 or 0). The same numbers as the
 * compiled strategies' (host/strategy/compiled.h). */
#ifndef BT_PTYPE_DEFINED
#define BT_PTYPE_DEFINED 1
enum { BT_PTYPE_INT = 0, BT_PTYPE_FLOAT = 1, BT_PTYPE_BOOL = 2 };
#endif

/* One swept parameter: its name and its values in the order given. */
typedef struct bt_param_spec {
    char name[BT_NAME_MAX];
    size_t n_values;
    double *values;        /* owned, n_values elements */
    unsigned char *types;  /* owned, n_values elements: BT_PTYPE_* of each value */
} bt_param_spec;

struct bt_expr; /* compiled constraint expression (opaque) */

/* A parameter grid: the Cartesian product of its params in the order they
 * were added (the last varies fastest, like itertools.product), filtered by an
 * optional constraint. Start from a zeroed struct: `bt_grid g = {0};`. */
typedef struct bt_grid {
    size_t n_params;
    bt_param_spec params[BT_MAX_PARAMS];
    uint64_t n_product;          /* product of the n_values; checked for overflow */
    struct bt_expr *constraint;  /* NULL: every combination is admissible */
    /* optional, not owned: n_product flags by product index, 0 = rejected
     * (a constraint evaluated by the caller, e.g. a Python callable); bt_optimize
     * keeps the combinations that the mask and the constraint both admit */
    const unsigned char *mask;
} bt_grid;

/* Adds one parameter from a spec string:
 *   NAME=START:STOP[:STEP]  Python's range(START, STOP, STEP): integers, stop
 *                           excluded, STEP != 0 (default 1), may be negative;
 *                           when any of the three is a float literal
 *                           ("0.5", "1.", "1e3"): numpy.arange(START, STOP,
 *                           STEP), bit for bit, with numpy's length rule and
 *                           errors (all values floats);
 *   NAME=V1,V2,...          a list of Python literals (in the order given):
 *                           ints ("2"), floats ("2.0", "1e-3"), True/False;
 *   NAME=V                  one literal.
 * Each value keeps its literal's type (bt_param_spec.types).
 * NAME is [A-Za-z_][A-Za-z0-9_]* of at most BT_NAME_MAX-1 characters; range
 * bounds lie within +-2^53 and a parameter has at most 2^32 values (so a
 * typo cannot ask for terabytes). Empty ranges, duplicate names, malformed
 * numbers ("12abc"), more than BT_MAX_PARAMS params and a product that
 * overflows 64 bits are errors (BT_ERR_USAGE, or BT_ERR_RANGE for overflow)
 * whose message quotes the spec. */
BTGPU_API int bt_grid_add_param(bt_grid *g, const char *spec, bt_error *err);

/* Compiles a constraint over the grid's parameter names: numbers, names,
 * + - * / % //, unary -, comparisons < <= > >= == != (chained as in Python:
 * `a < b < c`), `and`, `or`, `not`, parentheses. Evaluated in double with
 * Python's semantics (truthiness: non-zero, so NaN is true; `and`/`or` short-
 * circuit), also `**`, unary `+`, True/False; at most 200 nesting levels.
 * A failed call keeps the previous constraint; a second call replaces it.
 * Syntax errors and unknown names
 * are BT_ERR_USAGE with the offending column: "constraint 'n1 < < n2':
 * column 6: expected a number, a name or '('". Call after all params. */
BTGPU_API int bt_grid_set_constraint(bt_grid *g, const char *expr, bt_error *err);

/* Writes the values of product index k (0 <= k < n_product) into values[],
 * one per param, in the grid's param order. */
BTGPU_API void bt_grid_decode(const bt_grid *g, uint64_t k, double *values);
/* The same with each value's BT_PTYPE_* in types[] (either may be NULL). */
BTGPU_API void bt_grid_decode_types(const bt_grid *g, uint64_t k, double *values, int *types);

/* Writes a parameter value as Python's repr() of its type does: int "2",
 * float "2.0", "0.1", "1e-05", "0.30000000000000004", "inf", bool "True". */
BTGPU_API void bt_format_param(double v, int type, char *buf, size_t cap);

/* Sets *ok to 1 when the combination passes the constraint (always 1 without
 * one), to 0 otherwise and on error. Division or modulo by zero, 0 ** -x and
 * a negative number to a fractional power (complex in Python) are
 * BT_ERR_USAGE naming the combination. Thread-safe. */
BTGPU_API int bt_grid_admissible(const bt_grid *g, const double *values, int *ok, bt_error *err);

BTGPU_API void bt_grid_free(bt_grid *g);

/* ------------------------------------------------------------------ strategies */

struct bt_compiled; /* a compiled Strategy class (host/strategy/compiled.h) */

/* A strategy: a native built-in (host/strategies.def, with fast kernels) or
 * a Strategy class compiled from a Python file (compiled != NULL). */
typedef struct bt_strategy_info {
    const char *name;                        /* CLI name, e.g. "sma_cross", or the --strategy text */
    const char *description;                 /* one line for --help / list */
    size_t n_params;
    const char *param_names[BT_MAX_STRATEGY_PARAMS];  /* strategy order */
    double param_defaults[BT_MAX_STRATEGY_PARAMS];    /* used when a param is not swept */
    unsigned char param_types[BT_MAX_STRATEGY_PARAMS];/* BT_PTYPE_* of each default */
    const struct bt_compiled *compiled;      /* NULL: a native built-in */
    const char *class_name;                  /* the Python class (compiled strategies) */
} bt_strategy_info;

/* Returns the native strategy with that name, or NULL. */
BTGPU_API const bt_strategy_info *bt_strategy_find(const char *name);
/* Number of native strategies and the i-th one (for --help). */
BTGPU_API size_t bt_strategy_count(void);
BTGPU_API const bt_strategy_info *bt_strategy_at(size_t i);
/* Checks one combination's values (strategy order) for the strategy: e.g.
 * sma_cross windows must be whole numbers >= 1. BT_ERR_USAGE names the value.
 * Compiled strategies accept any values here (their run reports what pandas
 * or TA-Lib would raise). */
BTGPU_API int bt_strategy_check_params(const bt_strategy_info *st, const double *params, bt_error *err);

/* Resolves a --strategy argument: NAME (a built-in: sma_cross is the native
 * one, any other name compiles its embedded strategies/NAME.py) or
 * PATH.py[:Class] (read from disk and compiled; Class picks one of several
 * Strategy subclasses). BT_ERR_USAGE for unknown names and compile errors,
 * BT_ERR_IO when the file cannot be read. Release with bt_strategy_release. */
BTGPU_API int bt_strategy_resolve(const char *spec, const bt_strategy_info **out, bt_error *err);
/* Compiles the i-th embedded built-in file (also sma_cross's) into a
 * strategy (for `btgpu list`); release with bt_strategy_release. */
BTGPU_API int bt_strategy_builtin_compile(size_t i, const bt_strategy_info **out, bt_error *err);
/* Frees a strategy from bt_strategy_resolve (natives: no-op; NULL ok). */
BTGPU_API void bt_strategy_release(const bt_strategy_info *st);

/* The built-in strategy files embedded at build time (strategies/NAME.py),
 * sorted by name: their count, the i-th name ("sma_cross") and text. */
BTGPU_API size_t bt_builtin_file_count(void);
BTGPU_API const char *bt_builtin_file_name(size_t i);
BTGPU_API const char *bt_builtin_file_text(size_t i, size_t *len);
/* The index of a built-in file by name, or -1. */
BTGPU_API long bt_builtin_file_find(const char *name);

/* ------------------------------------------------------------------ options */

/* Backtest settings; the defaults equal backtesting.py's Backtest(). */
typedef struct bt_options {
    double cash;             /* initial cash, > 0 (10000) */
    double commission;       /* relative commission rate, -0.1 <= r < 0.1 (0) */
    double fixed_commission; /* fixed cash per order, >= 0 (0) */
    double spread;           /* relative bid-ask spread (0) */
    double margin;           /* 0 < margin <= 1; leverage = 1/margin (1) */
    int trade_on_close;      /* market orders fill at the signal bar's close */
    int exclusive_orders;    /* each new order cancels others and closes trades */
    int hedging;             /* allow trades in both directions at once */
    int finalize_trades;     /* close open trades at the end of the run */
} bt_options;

/* The most buying power (cash / margin, i.e. cash * leverage) the settings
 * may give. A position, and so a trade's P&L, can be worth that much, and the
 * statistics square such amounts (SQN's standard deviation of the P&L): at
 * 1e150 a square is at most 1e300, and 10^8 of them still sum below
 * DBL_MAX (1.8e308). Far above it every SQN comes out 0 or NaN, and with
 * cash / margin past DBL_MAX the broker's margin * leverage products are
 * infinite. Equity that grows far past the bound during a run can still
 * overflow those statistics; this bound only rejects settings that start
 * there. */
#define BT_MAX_BUYING_POWER 1e150

BTGPU_API void bt_options_default(bt_options *o);
/* BT_ERR_USAGE naming the option and value when a setting is out of range
 * (cash / margin above BT_MAX_BUYING_POWER included). */
BTGPU_API int bt_options_validate(const bt_options *o, bt_error *err);

/* ------------------------------------------------------------------ runs */

/* One closed trade, as in backtesting.py's stats['_trades']. */
typedef struct bt_trade {
    double size;         /* signed whole units */
    size_t entry_bar, exit_bar;
    double entry_price;  /* spread-adjusted */
    double exit_price;
    double sl, tp;       /* NaN when not set */
    double pnl;          /* size*(exit-entry) - commission */
    double commission;   /* exit + entry commission of the closed size */
    double return_pct;   /* a fraction, not * 100 */
} bt_trade;

/* The full result of one backtest: equity curve and closed trades. */
typedef struct bt_run {
    size_t n_bars;
    double *equity;      /* n_bars values, leading bars back-filled */
    bt_trade *trades;    /* closed trades, in closing order */
    size_t n_trades, cap_trades;
    size_t warmup;       /* backtesting.py's nbars: first bar of Buy & Hold */
    size_t start;        /* first bar on which the strategy ran (warmup + 1) */
    size_t n_open_at_end;/* trades still open at the end (not in trades) */
    int out_of_money;    /* 1 when equity hit <= 0 and the run stopped */
    /* the strategy's indicators in the order init() made them (stats._trades'
     * Entry_NAME / Exit_NAME columns): filled for the best and kept top runs
     * when the search asks for them (keep_indicators); names as backtesting.py makes them ("SMA(C,10)",
     * "BBANDS(C,20,2.0,2.0)_0", a name= given); an indicator whose name btgpu
     * cannot derive is left out (n_indicators_unnamed counts them) */
    size_t n_indicators;
    char (*indicator_names)[192];
    double **indicator_values;     /* n_bars values each */
    unsigned char *indicator_bool; /* 1: a bool indicator (written True / False) */
    size_t n_indicators_unnamed;
} bt_run;

/* Runs one combination through the scalar reference engine: backtesting.py
 * 0.6.6's broker, bar by bar. params are in strategy order. */
BTGPU_API int bt_run_reference(const bt_series *s, const bt_strategy_info *st, const double *params,
                     const bt_options *o, bt_run *out, bt_error *err);
BTGPU_API void bt_run_free(bt_run *r);

/* ------------------------------------------------------------------ statistics */

/* The 32 statistics of backtesting.py 0.6.6, in its order: the rows of
 * host/stats/stats.def (their keys and per-key facts), which stats.c checks
 * against this enum at compile time. */
typedef enum bt_stat_id {
    BT_STAT_START, BT_STAT_END, BT_STAT_DURATION, BT_STAT_EXPOSURE,
    BT_STAT_EQUITY_FINAL, BT_STAT_EQUITY_PEAK, BT_STAT_COMMISSIONS, BT_STAT_RETURN,
    BT_STAT_BUY_HOLD, BT_STAT_RETURN_ANN, BT_STAT_VOLATILITY_ANN, BT_STAT_CAGR,
    BT_STAT_SHARPE, BT_STAT_SORTINO, BT_STAT_CALMAR, BT_STAT_ALPHA, BT_STAT_BETA,
    BT_STAT_MAX_DD, BT_STAT_AVG_DD, BT_STAT_MAX_DD_DURATION, BT_STAT_AVG_DD_DURATION,
    BT_STAT_N_TRADES, BT_STAT_WIN_RATE, BT_STAT_BEST_TRADE, BT_STAT_WORST_TRADE,
    BT_STAT_AVG_TRADE, BT_STAT_MAX_TRADE_DURATION, BT_STAT_AVG_TRADE_DURATION,
    BT_STAT_PROFIT_FACTOR, BT_STAT_EXPECTANCY, BT_STAT_SQN, BT_STAT_KELLY,
    BT_N_STATS
} bt_stat_id;

/* How a statistic's value is to be read. */
typedef enum bt_stat_kind {
    BT_KIND_NUMBER = 0,  /* a plain double */
    BT_KIND_TIME,        /* an index value (bt_series.time units) */
    BT_KIND_TIMEDELTA    /* a duration in seconds (datetime index only) */
} bt_stat_kind;

/* Statistics of one run. v[id] holds the value; present[id] is 0 for keys
 * backtesting.py leaves out (Commissions [$] when zero, CAGR [%] for a
 * non-datetime index); kind[id] says how to read v[id] (durations become plain
 * numbers in backtesting.py's degenerate cases, and for integer indexes). */
typedef struct bt_stats {
    double v[BT_N_STATS];
    unsigned char present[BT_N_STATS];
    unsigned char kind[BT_N_STATS];
} bt_stats;

/* The key of a statistic exactly as backtesting.py spells it. */
BTGPU_API const char *bt_stat_name(int id);
/* The id of a key (exact match), or -1. */
BTGPU_API int bt_stat_find(const char *name);
/* 1 when combinations can be ranked by the statistic; 0 for Start, End and
 * Duration (the same for every combination) and for ids out of range. */
BTGPU_API int bt_stat_rankable(int id);

/* Computes every statistic of a run with backtesting.py's algorithms
 * (pairwise sums, two-pass variance, drawdown episodes, annualization). */
BTGPU_API int bt_stats_compute(const bt_series *s, const bt_run *run, bt_stats *out, bt_error *err);

/* The value used to rank combinations by statistic id: v[id] for numbers,
 * durations in days, 0 for an absent Commissions key, NaN for an absent CAGR. */
BTGPU_API double bt_stats_rank_value(const bt_stats *st, int id);


/* ------------------------------------------------------------------ optimize */

/* Which engine evaluates the combinations. */
typedef enum bt_backend {
    BT_BACKEND_REFERENCE = 0, /* scalar reference engine, one combination at a time */
    BT_BACKEND_CPU,           /* all combinations on the CPU (OpenMP threads, SIMD lanes) */
    BT_BACKEND_OPENCL,        /* one OpenCL work-item per combination (double precision) */
    BT_BACKEND_AUTO,          /* a GPU (CUDA, else OpenCL with double precision) if there is one, else CPU */
    BT_BACKEND_CUDA           /* one CUDA thread per combination (built when nvcc was found) */
} bt_backend;

/* Receives one heatmap row per admissible combination, in grid order:
 * values[] in the grid's param order and the maximized statistic (NaN for
 * combinations without trades). A non-zero return stops the search with
 * that status. */
typedef int (*bt_row_fn)(void *ctx, const double *values, double value);
/* The same with each value's BT_PTYPE_* (grid order). */
typedef int (*bt_typed_row_fn)(void *ctx, const double *values, const int *types, double value);
/* The same with the extra statistics of bt_optimize_spec.heatmap_stats:
 * stats[k] for heatmap_stats[k] (NaN without trades, like value). */
typedef int (*bt_stats_row_fn)(void *ctx, const double *values, const int *types, double value,
                               const double *stats);

/* What to optimize: backtesting.py's Backtest(data, strategy, **options)
 * .optimize(**grid, maximize=key, constraint=...). Parameters of the strategy
 * that the grid does not sweep keep their defaults. */
struct bt_progress;
typedef struct bt_optimize_spec {
    const bt_series *series;
    const bt_strategy_info *strategy;
    const bt_grid *grid;
    const bt_options *options;
    int maximize;        /* bt_stat_id to maximize */
    bt_backend backend;
    int threads;         /* worker threads at most (fewer for work too small to share); <= 0: all cores */
    bt_row_fn on_row;    /* optional heatmap sink */
    void *on_row_ctx;
    bt_typed_row_fn on_typed_row; /* optional heatmap sink with value types (ctx: on_row_ctx; called
                                     before on_row when both are set) */
    const char *device;  /* device: OpenCL index or name substring, or cuda:N for CUDA; NULL: $BTGPU_DEVICE,
                            else automatic */
    size_t top_k;        /* also keep the k best combinations, with full statistics (0: none) */
    /* optional progress report, called after each chunk (chunks are sized
     * to take about half a second, and more when a chunk has a large fixed
     * cost, such as indicators over a long series) with the product indices done so
     * far and in all; a non-zero return stops the search there: the result
     * then describes the combinations done (stopped, n_done), as if the grid
     * ended at that point */
    int (*on_progress)(void *ctx, uint64_t done, uint64_t total);
    void *on_progress_ctx;
    /* backtesting.py's randomized grid (optimize(max_tries=..., random_state=...)):
     * with randomized set, an admissible combination is kept when the next
     * numpy.random.default_rng(random_state).random() <= frac, drawn for the
     * admissible combinations only, in grid order; frac is 1 for max_tries 0
     * (None), max_tries itself in (0, 1], else max_tries / grid size, where the
     * grid size is the product, or the admissible count when the product is
     * below 10,000 and there is a constraint. */
    int randomized;
    double max_tries;
    uint64_t random_state;
    int keep_top_runs;   /* keep each top_k entry's run (its equity curve and trades) in the result */
    /* more statistics per heatmap row, computed in the same pass as the
     * maximized one (the accumulator groups of every key at once), each
     * exactly the value a search maximizing it gives: bt_stat_ids, rankable,
     * at most BT_N_STATS of them (repeats and the maximized key allowed) */
    const int *heatmap_stats;
    size_t n_heatmap_stats;
    bt_stats_row_fn on_stats_row; /* their sink (ctx: on_row_ctx; called before the other row sinks) */
    /* combinations with fewer closed trades rank as NaN (their heatmap value
     * is NaN, as with a maximize callable returning NaN; the heatmap_stats
     * keep their values); 0 or 1: no effect beyond backtesting.py's rule */
    uint64_t min_trades;
    /* a richer progress report (ctx: on_progress_ctx), called where
     * on_progress is and before it; a non-zero return stops the search too */
    int (*on_progress_info)(void *ctx, const struct bt_progress *p);
    /* a part of the grid, for searches spread over processes: with
     * range_end > 0 only the product indices [range_begin, range_end) are
     * evaluated (with randomized, the draws start rng_skip draws in: the
     * admissible combinations before range_begin); with partial set the result holds
     * the counts and the rows' sinks see the rows, but there is no error
     * when no combination is admissible, and no best run, statistics or top
     * entries are computed */
    uint64_t range_begin, range_end, rng_skip;
    int partial;
    /* fill the best (and kept top) runs' indicator arrays (bt_run.indicator_*,
     * stats._trades' Entry_ / Exit_ columns); they cost 8 bytes a bar each and,
     * for a native strategy, one more run of its Python file */
    int keep_indicators;
    /* optional: when *stop_flag becomes non-zero (a signal handler may set
     * it), the search stops within a fraction of a second, wherever it is:
     * the engines look at it between tiles of bars and between combinations,
     * the chunk under way is dropped, and the result describes the chunks
     * done (stopped, n_done), as with on_progress */
    const volatile sig_atomic_t *stop_flag;
} bt_optimize_spec;

/* What on_progress_info sees after each chunk. */
typedef struct bt_progress {
    uint64_t done, total;      /* product indices done so far and in all */
    uint64_t n_admissible;     /* combinations evaluated so far */
    uint64_t rejected_run;     /* product indices in a row, up to done, that the constraint rejected */
} bt_progress;

/* One of the k best combinations. */
typedef struct bt_top_entry {
    uint64_t index;                /* product index */
    double values[BT_MAX_PARAMS];  /* grid order */
    int types[BT_MAX_PARAMS];      /* their BT_PTYPE_* */
    double params[BT_MAX_STRATEGY_PARAMS];  /* strategy order */
    int param_types[BT_MAX_STRATEGY_PARAMS];
    double value;                  /* heatmap value */
    bt_stats stats;                /* full statistics (reference engine) */
    bt_run run;                    /* its run (equity, trades) when the spec asked for keep_top_runs */
} bt_top_entry;

/* The outcome: counts, the best combination (the first maximum in grid order;
 * when every value is NaN, the first admissible combination, as in
 * backtesting.py) and its full run and statistics. */
typedef struct bt_optimize_result {
    uint64_t n_admissible;              /* combinations evaluated (admissible, and sampled when randomized) */
    uint64_t n_passing;                 /* randomized: the admissible combinations the sample was drawn from */
    double sample_frac;                 /* randomized: the fraction each was kept with */
    uint64_t n_no_trades;               /* of which with a NaN heatmap value (no closed trade) */
    uint64_t best_index;                /* product index of the best combination */
    double best_values[BT_MAX_PARAMS];  /* its values, grid order */
    int best_types[BT_MAX_PARAMS];      /* their BT_PTYPE_* */
    double best_params[BT_MAX_STRATEGY_PARAMS];  /* its full parameter vector, strategy order */
    int best_param_types[BT_MAX_STRATEGY_PARAMS]; /* and their types */
    double best_value;                  /* its heatmap value */
    bt_run best_run;
    bt_stats best_stats;
    bt_top_entry *top;                  /* the top_k best, best first (ties: grid order), heap-allocated */
    size_t n_top;                       /* how many (fewer when fewer combinations have trades) */
    int stopped;                        /* on_progress stopped the search ... */
    uint64_t n_done;                    /* ... after this many product indices */
    char backend_used[160];             /* e.g. "cpu", "opencl (NVIDIA A100)" */
    char note[1280];                    /* a warning for the user (a fallback), or "" */
    uint64_t n_few_trades;              /* with a heatmap value but fewer than min_trades closed trades (NaN) */
} bt_optimize_result;

/* Runs the grid search. A compiled strategy (strategy->compiled) runs through
 * its interpreter (bt_compiled_run) on BT_BACKEND_REFERENCE, BT_BACKEND_CPU
 * and BT_BACKEND_AUTO (in parallel over the combinations); OPENCL and CUDA
 * refuse it with BT_ERR_USAGE. Each combination's values keep their grid
 * types, unswept parameters their defaults' types.
 * BT_ERR_USAGE for grid params the strategy does not
 * have, invalid parameter values, a constraint that fails to evaluate, or no
 * admissible combination; BT_ERR_RANGE when the working memory cannot be
 * allocated; BT_ERR_UNSUPPORTED / BT_ERR_DEVICE when BT_BACKEND_OPENCL has
 * no usable device. BT_BACKEND_AUTO never fails for want of a device: it
 * falls back to the CPU backend and says why in out->note. The device
 * backends leave Alpha, Beta and Avg. Trade (maximized or among the
 * heatmap_stats) to the CPU backend without
 * opening a device (they need correctly rounded logarithms per bar or
 * trade), also noted.
 * out must be released with bt_optimize_result_free. */
BTGPU_API int bt_optimize(const bt_optimize_spec *spec, bt_optimize_result *out, bt_error *err);
BTGPU_API void bt_optimize_result_free(bt_optimize_result *r);

/* A ready-made row sink that keeps every heatmap row in memory, for callers
 * that cannot afford a call per row (a binding): give bt_row_buffer_append as
 * on_stats_row and the buffer as on_row_ctx. Each row is width = n_values + 1
 * + n_stats doubles: the grid's values, the heatmap value, the heatmap_stats.
 * Start from a zeroed buffer with n_values (the grid's n_params) and n_stats
 * (the spec's n_heatmap_stats) set. */
typedef struct bt_row_buffer {
    size_t n_values, n_stats;
    size_t n, cap;  /* rows kept, rows allocated */
    double *rows;   /* n x width, row-major */
} bt_row_buffer;
/* A bt_stats_row_fn: appends one row; BT_ERR_NOMEM (stopping the search) when it cannot grow. */
BTGPU_API int bt_row_buffer_append(void *ctx, const double *values, const int *types, double value,
                                   const double *stats);
BTGPU_API void bt_row_buffer_free(bt_row_buffer *b);

/* sizeof of a public structure by its name ("bt_series", "bt_grid",
 * "bt_optimize_spec", "bt_optimize_result", ...), 0 for other names: lets a
 * binding that mirrors the structures check them against the library. */
BTGPU_API size_t bt_sizeof(const char *type_name);

/* The memory btgpu may use, in bytes, for its up-front checks: a parameter
 * list, a search's working memory (its chunk buffers, the k best runs, the
 * best run's statistics) beyond the loaded series. A request above it fails
 * with BT_ERR_RANGE and a message giving the estimate instead of being
 * attempted. 0 (the default): the memory the system has available now
 * (MemAvailable, or a cgroup's limit when it is tighter). Process-wide. */
BTGPU_API void bt_set_memory_limit(uint64_t bytes);

/* Prints the OpenCL devices btgpu can use (btgpu devices). */
BTGPU_API int bt_list_devices(FILE *f, bt_error *err);

#ifdef __cplusplus
}
#endif
#endif /* BTGPU_H */
