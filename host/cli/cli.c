/* Command-line parsing: getopt_long, strict numbers, defaults in one place. */
#include "cli.h"
#include "suggest.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    OPT_METHOD = 256, OPT_DATA, OPT_STRATEGY, OPT_PARAM, OPT_CONSTRAINT, OPT_MAXIMIZE, OPT_CASH,
    OPT_COMMISSION, OPT_FIXED_COMMISSION, OPT_SPREAD, OPT_MARGIN, OPT_TRADE_ON_CLOSE,
    OPT_EXCLUSIVE_ORDERS, OPT_HEDGING, OPT_FINALIZE_TRADES, OPT_HEATMAP, OPT_STATS, OPT_BACKEND,
    OPT_THREADS, OPT_DEVICE, OPT_QUIET, OPT_PROGRESS, OPT_TOP, OPT_BARS, OPT_SEED, OPT_HELP, OPT_VERSION,
    OPT_MAX_TRIES, OPT_RANDOM_STATE, OPT_TRADES, OPT_EQUITY, OPT_SET, OPT_SEP, OPT_HEATMAP_STATS, OPT_MIN_TRADES, OPT_MAX_MEMORY, OPT_AGGREGATE, OPT_TRAIN, OPT_TEST, OPT_STEP, OPT_ANCHORED, OPT_WINDOWS,
    OPT_REPORT, OPT_REPORT_AGG, OPT_PLOT
};

static const struct option grid_options[] = {
    {"method", required_argument, 0, OPT_METHOD},
    {"data", required_argument, 0, OPT_DATA},
    {"sep", required_argument, 0, OPT_SEP},
    {"strategy", required_argument, 0, OPT_STRATEGY},
    {"param", required_argument, 0, OPT_PARAM},
    {"set", required_argument, 0, OPT_SET},
    {"constraint", required_argument, 0, OPT_CONSTRAINT},
    {"max-tries", required_argument, 0, OPT_MAX_TRIES},
    {"random-state", required_argument, 0, OPT_RANDOM_STATE},
    {"maximize", required_argument, 0, OPT_MAXIMIZE},
    {"cash", required_argument, 0, OPT_CASH},
    {"commission", required_argument, 0, OPT_COMMISSION},
    {"fixed-commission", required_argument, 0, OPT_FIXED_COMMISSION},
    {"spread", required_argument, 0, OPT_SPREAD},
    {"margin", required_argument, 0, OPT_MARGIN},
    {"trade-on-close", no_argument, 0, OPT_TRADE_ON_CLOSE},
    {"exclusive-orders", no_argument, 0, OPT_EXCLUSIVE_ORDERS},
    {"hedging", no_argument, 0, OPT_HEDGING},
    {"finalize-trades", no_argument, 0, OPT_FINALIZE_TRADES},
    {"heatmap", required_argument, 0, OPT_HEATMAP},
    {"heatmap-stats", required_argument, 0, OPT_HEATMAP_STATS},
    {"min-trades", required_argument, 0, OPT_MIN_TRADES},
    {"max-memory", required_argument, 0, OPT_MAX_MEMORY},
    {"aggregate", required_argument, 0, OPT_AGGREGATE},
    {"train", required_argument, 0, OPT_TRAIN},
    {"test", required_argument, 0, OPT_TEST},
    {"step", required_argument, 0, OPT_STEP},
    {"anchored", no_argument, 0, OPT_ANCHORED},
    {"windows", required_argument, 0, OPT_WINDOWS},
    {"stats", required_argument, 0, OPT_STATS},
    {"trades", required_argument, 0, OPT_TRADES},
    {"equity", required_argument, 0, OPT_EQUITY},
    {"report", required_argument, 0, OPT_REPORT},
    {"report-agg", required_argument, 0, OPT_REPORT_AGG},
    {"plot", required_argument, 0, OPT_PLOT},
    {"backend", required_argument, 0, OPT_BACKEND},
    {"threads", required_argument, 0, OPT_THREADS},
    {"device", required_argument, 0, OPT_DEVICE},
    {"quiet", no_argument, 0, OPT_QUIET},
    {"progress", no_argument, 0, OPT_PROGRESS},
    {"top", required_argument, 0, OPT_TOP},
    {"help", no_argument, 0, OPT_HELP},
    {"version", no_argument, 0, OPT_VERSION},
    {0, 0, 0, 0},
};

static const struct option synth_options[] = {
    {"bars", required_argument, 0, OPT_BARS},
    {"seed", required_argument, 0, OPT_SEED},
    {"output", required_argument, 0, 'o'},
    {"help", no_argument, 0, OPT_HELP},
    {0, 0, 0, 0},
};

void bt_cli_help(FILE *f)
{
    fputs("Usage: btgpu --method grid --data FILE.csv [OPTION]...\n"
          "       btgpu synth --bars N [--seed S] [--output FILE.csv]\n"
          "       btgpu devices\n"
          "       btgpu list              the built-in strategies, their parameters and defaults\n"
          "       btgpu show NAME         print a built-in strategy's Python file\n"
          "       btgpu stats             every statistic key --maximize takes\n"
          "       btgpu run --data FILE.csv [--strategy S] [--set NAME=VALUE]... [settings, outputs]\n"
          "                               one backtest: its statistics, like backtesting.py's run()\n"
          "\n"
          "Grid-search a strategy's parameters over one OHLC series with the same numbers as\n"
          "backtesting.py 0.6.6's Backtest.optimize(method='grid').\n"
          "\n"
          "Data and strategy:\n"
          "  --data FILE.csv          OHLC(V) CSV: header row, first column the date index\n"
          "                           (YYYY-MM-DD[ HH:MM[:SS]], YYYY/MM/DD, MM/DD/YYYY, a UTC offset),\n"
          "                           columns Open, High, Low, Close [, Volume]; or synth:BARS[:SEED]\n"
          "                           for a built-in synthetic series. Repeated, or a folder or a glob\n"
          "                           ('data/*.csv'): every asset searched with the same grid\n"
          "  --aggregate HOW          several assets: the best combination maximizes the mean (default),\n"
          "                           median or min of the key over the assets (an asset's nan makes\n"
          "                           it nan), or nanmean (the mean of the assets that have a value)\n"
          "  --sep C                  the CSV delimiter: ',', ';', 'tab', ... (default: from the header\n"
          "                           line, a comma unless it has more semicolons or tabs)\n"
          "  --strategy NAME|PATH.py[:Class]\n"
          "                           strategy to sweep: a built-in (default sma_cross; see\n"
          "                           'btgpu list') or a backtesting.py Strategy class in a Python\n"
          "                           file (:Class picks one of several), compiled by btgpu\n"
          "  --method grid|random     the whole grid (default), or backtesting.py's randomized grid\n"
          "                           (also what --max-tries with grid means)\n"
          "  --method walk-forward    for each window: the search on --train bars, its best combination\n"
          "                           run on the next --test bars (each a df.iloc[a:b] slice)\n"
          "  --train N, --test M      window lengths: bars, or durations 2y, 6m, 4w, 30d, 12h\n"
          "  --step S                 how far each window moves on (default: --test)\n"
          "  --anchored               every train window starts at the first bar\n"
          "  --windows OUT.csv        one row per window: ranges, best parameters, in-sample value,\n"
          "                           out-of-sample statistics\n"
          "  --max-tries N|FRACTION   keep each admissible combination when a draw of\n"
          "                           numpy.random.default_rng(--random-state).random() is <= FRACTION,\n"
          "                           or N / grid size (backtesting.py's max_tries); about N are run\n"
          "  --random-state S         the seed (0 .. 2^64-1): the same S gives backtesting.py's sample;\n"
          "                           without it a seed is drawn and printed\n"
          "\n"
          "Grid:\n"
          "  --param NAME=START:STOP[:STEP]  Python range(START, STOP, STEP), stop excluded;\n"
          "                           with a float among them (0.01:0.1:0.01): numpy.arange\n"
          "  --param NAME=V1,V2,...   a list of values;  --param NAME=V  one value; each value has\n"
          "                           its Python literal's type: 2 int, 2.0 float, True/False bool\n"
          "                           (repeatable; combinations run like itertools.product, last\n"
          "                           fastest; unswept parameters keep the strategy's defaults)\n"
          "  --constraint EXPR        keep combinations where EXPR holds, e.g. 'n1 < n2'\n"
          "                           (numbers, names, + - * / // % **, comparisons, and/or/not)\n"
          "  --maximize KEY           statistic to maximize (default 'SQN'), any backtesting.py key,\n"
          "                           e.g. 'Equity Final [$]', 'Sharpe Ratio', 'Return [%]'; 'btgpu stats'\n"
          "                           lists them all\n"
          "  --min-trades N           combinations with fewer than N closed trades rank as nan (their\n"
          "                           heatmap value is nan, as with a maximize callable returning nan)\n"
          "\n"
          "Backtest settings (defaults equal backtesting.py's Backtest):\n"
          "  --cash X                 initial cash (10000); cash / margin at most 1e150\n"
          "  --commission R           relative commission per order, -0.1 <= R < 0.1 (0)\n"
          "  --fixed-commission F     fixed cash per order, F >= 0 (0); with --commission this is\n"
          "                           backtesting.py's commission=(F, R)\n"
          "  --spread S               relative bid-ask spread, 0 <= S < 1 (0)\n"
          "  --margin M               margin requirement, 0 < M <= 1 (1; leverage = 1/M)\n"
          "  --trade-on-close         market orders fill at the signal bar's close\n"
          "  --exclusive-orders       each new order closes open trades and cancels orders\n"
          "  --hedging                allow long and short trades at the same time\n"
          "  --finalize-trades        close trades still open at the end (they count in stats)\n"
          "\n"
          "Output:\n"
          "  --heatmap OUT.csv        one row per admissible combination: params, then the\n"
          "                           maximized statistic (nan for combinations without trades)\n"
          "  --heatmap-stats LIST     more heatmap columns, computed in the same pass: statistic keys\n"
          "                           separated by commas, e.g. 'Sharpe Ratio,Max. Drawdown [%]', or\n"
          "                           'all' (every statistic that differs between combinations)\n"
          "  --stats OUT.json         full statistics of the best combination\n"
          "  --trades OUT.csv         the best combination's trades (backtesting.py's stats._trades)\n"
          "  --equity OUT.csv         its equity curve (stats._equity_curve: Equity, DrawdownPct,\n"
          "                           DrawdownDuration); with --top K also OUT-top1.csv .. OUT-topK.csv\n"
          "                           (and the same for --trades) for the K best, best first\n"
          "  --report OUT.html        one self-contained page: the search and its settings, a heatmap\n"
          "                           of the maximized key for every pair of swept parameters (a line\n"
          "                           chart for one), the best run's price, trades, equity and\n"
          "                           drawdown charts, its statistics and its trades\n"
          "  --report-agg max|mean|min  how a heatmap cell combines the other parameters' values (max,\n"
          "                           as backtesting.py's plot_heatmaps)\n"
          "  --plot OUT.svg           the heatmaps (or the line chart) alone, as an SVG picture\n"
          "  --top K                  also print the K best combinations with their statistics\n"
          "  --quiet                  nothing but errors and warnings on standard error: no summary,\n"
          "                           no progress (the output files are still written)\n"
          "  --progress               report progress on standard error (default: only when it is a\n"
          "                           terminal and the search takes more than 2 seconds)\n"
          "\n"
          "Execution:\n"
          "  --backend NAME           cpu (default: all combinations in SIMD lanes on all cores),\n"
          "                           opencl (one work-item per combination on an OpenCL device),\n"
          "                           cuda (one thread per combination on an NVIDIA GPU),\n"
          "                           auto (a GPU with double precision if there is one, else cpu) or\n"
          "                           reference (the scalar reference engine)\n"
          "  --device N|NAME|cuda:N   device: index or name substring from 'btgpu devices'\n"
          "                           (default: $BTGPU_DEVICE, else the first device with fp64)\n"
          "  --threads N              worker threads at most (default: all cores; work too small to\n"
          "                           share runs on fewer); results do not depend on N\n"
          "  --max-memory SIZE        refuse a request needing more memory than SIZE (512M, 8G; default:\n"
          "                           the memory available now), before allocating it\n"
          "  -h, --help, --version\n"
          "\n"
          "Exit status: 0 success, 1 runtime failure (bad file or data), 2 usage error; 130 / 143\n"
          "after Ctrl-C / SIGTERM, which stop the search and write what was done.\n",
          f);
    fputs("\nNative strategies (with fast cpu/opencl/cuda kernels; 'btgpu list' shows all built-ins):\n", f);
    for (size_t i = 0; i < bt_strategy_count(); i++) {
        const bt_strategy_info *s = bt_strategy_at(i);
        char v[64];
        fprintf(f, "  %-22s ", s->name);
        for (size_t p = 0; p < s->n_params; p++) {
            bt_format_param(s->param_defaults[p], s->param_types[p], v, sizeof v);
            fprintf(f, "%s%s=%s", p ? ", " : "(", s->param_names[p], v);
        }
        fprintf(f, ")\n  %-22s %s\n", "", s->description);
    }
}

static int parse_double(const char *opt, const char *text, double *out, bt_error *err)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v))
        return bt_error_set(err, BT_ERR_USAGE, "option '--%s': '%s' is not a finite number", opt, text);
    *out = v;
    return BT_OK;
}

static int parse_count(const char *opt, const char *text, unsigned long long max, unsigned long long *out,
                       bt_error *err)
{
    char *end;
    errno = 0;
    if (text[0] == '-' || text[0] == '+')
        return bt_error_set(err, BT_ERR_USAGE, "option '--%s': '%s' is not a whole number >= 0", opt, text);
    unsigned long long v = strtoull(text, &end, 10);
    if (end == text || *end != '\0' || errno == ERANGE || v > max)
        return bt_error_set(err, BT_ERR_USAGE, "option '--%s': '%s' is not a whole number in [0, %llu]", opt, text,
                            max);
    *out = v;
    return BT_OK;
}

/* A size in bytes: a number with an optional unit K, M, G or T (powers of
 * 1024; "KiB", "GB", "g" read the same), e.g. "512M", "1.5G", "2000000000". */
static int parse_size(const char *opt, const char *text, unsigned long long *out, bt_error *err)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    int shift = 0;
    if (end != text && *end) {
        switch (toupper((unsigned char)*end)) {
        case 'K': shift = 10; break;
        case 'M': shift = 20; break;
        case 'G': shift = 30; break;
        case 'T': shift = 40; break;
        default: shift = -1;
        }
        if (shift > 0) {
            end++;
            if (toupper((unsigned char)*end) == 'I')
                end++;
            if (toupper((unsigned char)*end) == 'B')
                end++;
        }
    }
    if (end == text || *end || shift < 0 || errno == ERANGE || !(v >= 1) || text[0] == '-' ||
        v * (double)(1ULL << shift) >= 1.8e19)
        return bt_error_set(err, BT_ERR_USAGE, "option '--%s': '%s' is not a size (bytes, or with K, M, G or T, "
                            "e.g. 512M, 8G)", opt, text);
    *out = (unsigned long long)(v * (double)(1ULL << shift));
    return BT_OK;
}

static void defaults(bt_cli *cli)
{
    memset(cli, 0, sizeof *cli);
    cli->command = BT_CMD_GRID;
    cli->strategy = "sma_cross";
    cli->maximize = "SQN";
    cli->aggregate = "mean";
    cli->backend = BT_BACKEND_CPU;
    cli->synth_seed = 1;
    bt_options_default(&cli->options);
}

static int bad_option(int argc, char **argv, const struct option *opts, bt_error *err)
{
    const char *arg = optind - 1 < argc ? argv[optind - 1] : "?";
    if (optopt)
        return bt_error_set(err, BT_ERR_USAGE, "option '%s' needs a value", arg);
    /* the closest option name, without any =VALUE */
    char word[64], names[64][40], hint[100];
    const char *cands[64];
    size_t n = 0, w = 0;
    while (arg[w] && arg[w] != '=' && w + 1 < sizeof word) {
        word[w] = arg[w];
        w++;
    }
    word[w] = '\0';
    for (; opts[n].name && n < 64; n++) {
        snprintf(names[n], sizeof names[n], "--%s", opts[n].name);
        cands[n] = names[n];
    }
    return bt_error_set(err, BT_ERR_USAGE, "unrecognized option '%s'%s", arg,
                        bt_suggest_hint(word, cands, n, hint, sizeof hint));
}

/* `--heatmap --quiet`: a value that is one of our options is a missing value, not a file named --quiet */
static int value_is_option(const struct option *opts, int li, bt_error *err)
{
    if (li < 0 || opts[li].has_arg != required_argument || !optarg || strncmp(optarg, "--", 2) != 0 ||
        !isalpha((unsigned char)optarg[2]))
        return BT_OK;
    return bt_error_set(err, BT_ERR_USAGE, "option '--%s' needs a value, and '%s' is an option (a file of that name: "
                        "write ./%s)", opts[li].name, optarg, optarg);
}

static int parse_synth(int argc, char **argv, bt_cli *cli, bt_error *err)
{
    int c, rc, have_bars = 0;
    cli->command = BT_CMD_SYNTH;
    int li = -1;
    while ((c = getopt_long(argc, argv, ":o:h", synth_options, &li)) != -1) {
        if ((rc = value_is_option(synth_options, c == 'o' ? -1 : li, err)))
            return rc;
        li = -1;
        switch (c) {
        case OPT_BARS:
            if ((rc = parse_count("bars", optarg, ~0ULL, &cli->synth_bars, err)))
                return rc;
            if (cli->synth_bars > BT_SYNTH_MAX_BARS)
                return bt_error_set(err, BT_ERR_USAGE, "option '--bars': %llu is more than %u, the business days "
                                    "from 2000-01-03 to %d-12-31 (the last date a CSV index can hold)",
                                    cli->synth_bars, BT_SYNTH_MAX_BARS, BT_MAX_YEAR);
            if (cli->synth_bars == 0)
                return bt_error_set(err, BT_ERR_USAGE, "option '--bars': must be at least 1");
            have_bars = 1;
            break;
        case OPT_SEED:
            if ((rc = parse_count("seed", optarg, ~0ULL, &cli->synth_seed, err)))
                return rc;
            break;
        case 'o': cli->synth_out = optarg; break;
        case 'h':
        case OPT_HELP: cli->command = BT_CMD_HELP; return BT_OK;
        default: return bad_option(argc, argv, synth_options, err);
        }
    }
    if (optind < argc)
        return bt_error_set(err, BT_ERR_USAGE, "unexpected argument '%s'", argv[optind]);
    if (!have_bars)
        return bt_error_set(err, BT_ERR_USAGE, "synth: option '--bars' is required");
    return BT_OK;
}

int bt_cli_parse(int argc, char **argv, bt_cli *cli, bt_error *err)
{
    int c, rc;
    defaults(cli);
    optind = 1;
    opterr = 0;
    if (argc > 1 && strcmp(argv[1], "synth") == 0) {
        optind = 2;
        return parse_synth(argc, argv, cli, err);
    }
    if (argc > 1 && strcmp(argv[1], "list") == 0) {
        cli->command = BT_CMD_LIST;
        if (argc > 2)
            return bt_error_set(err, BT_ERR_USAGE, "list: unexpected argument '%s'", argv[2]);
        return BT_OK;
    }
    if (argc > 1 && strcmp(argv[1], "show") == 0) {
        cli->command = BT_CMD_SHOW;
        if (argc < 3)
            return bt_error_set(err, BT_ERR_USAGE, "show: which strategy? (btgpu show NAME; see 'btgpu list')");
        if (argc > 3)
            return bt_error_set(err, BT_ERR_USAGE, "show: unexpected argument '%s'", argv[3]);
        cli->show_name = argv[2];
        return BT_OK;
    }
    if (argc > 1 && strcmp(argv[1], "run") == 0) { /* the grid's options, one combination */
        cli->single = 1;
        optind = 2;
    }
    if (argc > 1 && strcmp(argv[1], "stats") == 0) {
        cli->command = BT_CMD_STATS;
        if (argc > 2)
            return bt_error_set(err, BT_ERR_USAGE, "stats: unexpected argument '%s'", argv[2]);
        return BT_OK;
    }
    if (argc > 1 && strcmp(argv[1], "devices") == 0) {
        cli->command = BT_CMD_DEVICES;
        if (argc > 2)
            return bt_error_set(err, BT_ERR_USAGE, "devices: unexpected argument '%s'", argv[2]);
        return BT_OK;
    }
    int li = -1, method_random = 0;
    while ((c = getopt_long(argc, argv, ":h", grid_options, &li)) != -1) {
        if ((rc = value_is_option(grid_options, li, err)))
            return rc;
        li = -1;
        switch (c) {
        case OPT_METHOD:
            if (strcmp(optarg, "random") == 0)
                method_random = 1;
            else if (strcmp(optarg, "walk-forward") == 0)
                cli->walk_forward = 1;
            else if (strcmp(optarg, "sambo") == 0 || strcmp(optarg, "skopt") == 0)
                return bt_error_set(err, BT_ERR_USAGE, "option '--method': '%s' (model-based optimization) is not "
                                    "supported; use 'grid', or 'random' with --max-tries", optarg);
            else if (strcmp(optarg, "grid") != 0)
                return bt_error_set(err, BT_ERR_USAGE, "option '--method': '%s' is not supported ('grid', "
                                    "'random' or 'walk-forward')", optarg);
            break;
        case OPT_MAX_TRIES:
            if ((rc = parse_double("max-tries", optarg, &cli->max_tries, err)))
                return rc;
            if (!(cli->max_tries > 0))
                return bt_error_set(err, BT_ERR_USAGE, "option '--max-tries': %s must be > 0 (a number of "
                                    "combinations, or a fraction in (0, 1])", optarg);
            cli->max_tries_text = optarg;
            cli->randomized = 1;
            break;
        case OPT_RANDOM_STATE:
            if ((rc = parse_count("random-state", optarg, ~0ULL, &cli->random_state, err)))
                return rc;
            cli->have_random_state = 1;
            break;
        case OPT_DATA:
            if (cli->n_data == BT_CLI_MAX_SPECS)
                return bt_error_set(err, BT_ERR_USAGE, "too many '--data' options (at most %d; a folder or a glob "
                                    "names more)", BT_CLI_MAX_SPECS);
            if (!cli->data)
                cli->data = optarg;
            cli->data_list[cli->n_data++] = optarg;
            break;
        case OPT_TRAIN: cli->wf_train = optarg; break;
        case OPT_TEST: cli->wf_test = optarg; break;
        case OPT_STEP: cli->wf_step = optarg; break;
        case OPT_ANCHORED: cli->wf_anchored = 1; break;
        case OPT_WINDOWS: cli->windows_path = optarg; break;
        case OPT_AGGREGATE:
            if (strcmp(optarg, "mean") && strcmp(optarg, "median") && strcmp(optarg, "min") &&
                strcmp(optarg, "nanmean"))
                return bt_error_set(err, BT_ERR_USAGE, "option '--aggregate': '%s' is not mean, median, min or "
                                    "nanmean", optarg);
            cli->aggregate = optarg;
            break;
        case OPT_SEP:
            if (strcmp(optarg, "tab") == 0 || strcmp(optarg, "\\t") == 0)
                cli->sep = '\t';
            else if (strlen(optarg) == 1 && optarg[0] != '"' && optarg[0] != '\n' && optarg[0] != '\r')
                cli->sep = optarg[0];
            else
                return bt_error_set(err, BT_ERR_USAGE, "option '--sep': '%s' is not one character (',', ';', 'tab', "
                                    "...)", optarg);
            break;
        case OPT_STRATEGY: cli->strategy = optarg; break;
        case OPT_PARAM:
        case OPT_SET:
            if (cli->single != (c == OPT_SET))
                return bt_error_set(err, BT_ERR_USAGE, cli->single
                                    ? "btgpu run: --param sweeps a grid; give one value with --set NAME=VALUE"
                                    : "option '--set' is for 'btgpu run' (one backtest); a grid takes --param");
            if (cli->n_param_specs == BT_CLI_MAX_SPECS)
                return bt_error_set(err, BT_ERR_USAGE, "too many '--%s' options", c == OPT_SET ? "set" : "param");
            cli->param_specs[cli->n_param_specs++] = optarg;
            break;
        case OPT_CONSTRAINT: cli->constraint = optarg; break;
        case OPT_MAXIMIZE: cli->maximize = optarg; break;
        case OPT_CASH: if ((rc = parse_double("cash", optarg, &cli->options.cash, err))) return rc; break;
        case OPT_COMMISSION:
            if ((rc = parse_double("commission", optarg, &cli->options.commission, err))) return rc;
            break;
        case OPT_FIXED_COMMISSION:
            if ((rc = parse_double("fixed-commission", optarg, &cli->options.fixed_commission, err))) return rc;
            break;
        case OPT_SPREAD: if ((rc = parse_double("spread", optarg, &cli->options.spread, err))) return rc; break;
        case OPT_MARGIN: if ((rc = parse_double("margin", optarg, &cli->options.margin, err))) return rc; break;
        case OPT_TRADE_ON_CLOSE: cli->options.trade_on_close = 1; break;
        case OPT_EXCLUSIVE_ORDERS: cli->options.exclusive_orders = 1; break;
        case OPT_HEDGING: cli->options.hedging = 1; break;
        case OPT_FINALIZE_TRADES: cli->options.finalize_trades = 1; break;
        case OPT_HEATMAP: cli->heatmap_path = optarg; break;
        case OPT_HEATMAP_STATS: cli->heatmap_stats = optarg; break;
        case OPT_MAX_MEMORY:
            if ((rc = parse_size("max-memory", optarg, &cli->max_memory, err)))
                return rc;
            break;
        case OPT_MIN_TRADES:
            if ((rc = parse_count("min-trades", optarg, ~0ULL, &cli->min_trades, err)))
                return rc;
            break;
        case OPT_STATS: cli->stats_path = optarg; break;
        case OPT_TRADES: cli->trades_path = optarg; break;
        case OPT_EQUITY: cli->equity_path = optarg; break;
        case OPT_REPORT: cli->report_path = optarg; break;
        case OPT_PLOT: cli->plot_path = optarg; break;
        case OPT_REPORT_AGG:
            if (strcmp(optarg, "max") && strcmp(optarg, "mean") && strcmp(optarg, "min"))
                return bt_error_set(err, BT_ERR_USAGE, "option '--report-agg': '%s' is not max, mean or min", optarg);
            cli->report_agg = optarg;
            break;
        case OPT_BACKEND:
            if (strcmp(optarg, "cpu") == 0)
                cli->backend = BT_BACKEND_CPU;
            else if (strcmp(optarg, "reference") == 0)
                cli->backend = BT_BACKEND_REFERENCE;
            else if (strcmp(optarg, "opencl") == 0)
                cli->backend = BT_BACKEND_OPENCL;
            else if (strcmp(optarg, "auto") == 0)
                cli->backend = BT_BACKEND_AUTO;
            else if (strcmp(optarg, "cuda") == 0)
                cli->backend = BT_BACKEND_CUDA;
            else
                return bt_error_set(err, BT_ERR_USAGE,
                                    "option '--backend': '%s' is not a backend (cpu, opencl, cuda, auto, reference)", optarg);
            break;
        case OPT_THREADS: {
            unsigned long long t;
            if ((rc = parse_count("threads", optarg, 4096, &t, err)))
                return rc;
            if (t == 0)
                return bt_error_set(err, BT_ERR_USAGE, "option '--threads': must be at least 1");
            cli->threads = (int)t;
            break;
        }
        case OPT_DEVICE: cli->device = optarg; break;
        case OPT_QUIET: cli->quiet = 1; break;
        case OPT_PROGRESS: cli->progress = 1; break;
        case OPT_TOP:
            if ((rc = parse_count("top", optarg, 1000000, &cli->top, err)))
                return rc;
            break;
        case 'h':
        case OPT_HELP: cli->command = BT_CMD_HELP; return BT_OK;
        case OPT_VERSION: cli->command = BT_CMD_VERSION; return BT_OK;
        default: return bad_option(argc, argv, grid_options, err);
        }
    }
    if (optind < argc)
        return bt_error_set(err, BT_ERR_USAGE, "unexpected argument '%s'", argv[optind]);
    if (!cli->data)
        return bt_error_set(err, BT_ERR_USAGE, "option '--data' is required");
    if (cli->single && (cli->constraint || cli->randomized || cli->heatmap_path || cli->top || method_random))
        return bt_error_set(err, BT_ERR_USAGE, "btgpu run runs one backtest: %s is for a grid search",
                            cli->constraint ? "--constraint" : cli->randomized ? "--max-tries" : cli->heatmap_path
                            ? "--heatmap" : cli->top ? "--top" : "--method random");
    if (cli->heatmap_stats && !cli->heatmap_path)
        return bt_error_set(err, BT_ERR_USAGE, "option '--heatmap-stats' adds columns to the heatmap file: it needs "
                            "--heatmap FILE.csv");
    if (cli->report_agg && !cli->report_path && !cli->plot_path)
        return bt_error_set(err, BT_ERR_USAGE, "option '--report-agg' sets how the heatmaps of --report or --plot "
                            "combine values: it needs one of them");
    if (cli->single && cli->plot_path)
        return bt_error_set(err, BT_ERR_USAGE, "btgpu run runs one backtest: --plot draws the heatmaps of a grid "
                            "search (--report draws the run)");
    if (cli->single && cli->min_trades)
        return bt_error_set(err, BT_ERR_USAGE, "btgpu run runs one backtest: --min-trades is for a grid search");
    if (cli->walk_forward && (!cli->wf_train || !cli->wf_test))
        return bt_error_set(err, BT_ERR_USAGE, "--method walk-forward needs --train N and --test M (bars, or "
                            "durations such as 2y, 6m, 30d)");
    if (!cli->walk_forward && (cli->wf_train || cli->wf_test || cli->wf_step || cli->wf_anchored || cli->windows_path))
        return bt_error_set(err, BT_ERR_USAGE, "%s is for --method walk-forward", cli->wf_train ? "--train" :
                            cli->wf_test ? "--test" : cli->wf_step ? "--step" : cli->wf_anchored ? "--anchored" :
                            "--windows");
    if (cli->walk_forward && (cli->top || cli->heatmap_stats || cli->trades_path || cli->single))
        return bt_error_set(err, BT_ERR_USAGE, "--method walk-forward: %s is not supported (--windows, --equity, "
                            "--heatmap and --stats are)", cli->top ? "--top" : cli->heatmap_stats ? "--heatmap-stats"
                            : cli->trades_path ? "--trades" : "btgpu run");
    if (method_random && !cli->randomized)
        return bt_error_set(err, BT_ERR_USAGE, "--method random needs --max-tries N (about N combinations) or "
                            "--max-tries FRACTION (a fraction in (0, 1] of them)");
    if ((rc = bt_options_validate(&cli->options, err)))
        return rc;
    /* an output written to standard output keeps it to itself: the summary and the --top table are left out */
    const char *outs[] = {cli->heatmap_path, cli->stats_path, cli->trades_path, cli->equity_path,
                          cli->report_path, cli->plot_path, cli->windows_path};
    struct stat so, sp;
    const int have_stdout = fstat(STDOUT_FILENO, &so) == 0;
    for (size_t k = 0; k < sizeof outs / sizeof outs[0]; k++)
        cli->stdout_taken |= outs[k] && (strcmp(outs[k], "-") == 0 || /* or a name of it: /dev/stdout */
                                         (have_stdout && stat(outs[k], &sp) == 0 && !S_ISREG(sp.st_mode) &&
                                          sp.st_dev == so.st_dev && sp.st_ino == so.st_ino));
    return BT_OK;
}
