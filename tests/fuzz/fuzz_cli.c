/* fuzz_cli.c - the command line, run in-process: the input is the argument
 * list (words separated by NUL or newline bytes, "btgpu" prepended) given to
 * the CLI's main (host/cli/main.c compiled as bt_cli_main). It runs in a
 * private temporary folder holding a 40-bar CSV (tiny.csv) and a small
 * strategy file (s.py), emptied and rewritten before each input; words with
 * a '/' are refused, so every output lands in that folder. Inputs that would
 * only be slow (long synthetic series, large grids, many threads) are
 * skipped, by what bt_cli_parse makes of them. */
#define _POSIX_C_SOURCE 200809L
#include "btgpu.h"
#include "cli.h"
#include "fuzz.h"

#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <unistd.h>

int bt_cli_main(int argc, char **argv);
extern volatile sig_atomic_t g_signal;

#define MAX_WORDS 64

static const char strategy_py[] =
    "from backtesting import Strategy\n"
    "from backtesting.lib import crossover\n"
    "from backtesting.test import SMA\n"
    "\n"
    "class Small(Strategy):\n"
    "    n1 = 3\n"
    "    n2 = 7\n"
    "\n"
    "    def init(self):\n"
    "        self.a = self.I(SMA, self.data.Close, self.n1)\n"
    "        self.b = self.I(SMA, self.data.Close, self.n2)\n"
    "\n"
    "    def next(self):\n"
    "        if crossover(self.a, self.b):\n"
    "            self.buy()\n"
    "        elif crossover(self.b, self.a):\n"
    "            self.position.close()\n";

static char g_dir[64];

static void wipe(int remove_dir)
{
    DIR *d = opendir(g_dir);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", g_dir, e->d_name);
            if (unlink(path) != 0)
                rmdir(path);
        }
        closedir(d);
    }
    if (remove_dir)
        rmdir(g_dir);
}

static void at_exit(void) { wipe(1); }

static void write_files(void)
{
    static bt_series s;
    bt_error err = {0};
    if (!s.n)
        FUZZ_CHECK(bt_series_synth(40, 3, &s, &err) == BT_OK);
    FILE *f = fopen("tiny.csv", "w");
    FUZZ_CHECK(f && bt_series_write_csv(f, &s, &err) == BT_OK);
    fclose(f);
    f = fopen("s.py", "w");
    FUZZ_CHECK(f && fputs(strategy_py, f) >= 0);
    fclose(f);
}

static void setup(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/btgpu-fuzz-cli-XXXXXX");
    FUZZ_CHECK(mkdtemp(g_dir) != NULL);
    FUZZ_CHECK(chdir(g_dir) == 0);
    atexit(at_exit);
}

/* getopt's state back to a fresh process's (its next-character pointer may
 * point into the previous input's words) */
static void reset_getopt(void)
{
    char prog[] = "btgpu", *argv[] = {prog, NULL};
    optind = 0;
    opterr = 0;
    (void)getopt(1, argv, "");
    optind = 1;
}

/* 1 when the command would only be slow, not different. */
static int too_slow(int argc, char **argv)
{
    char *copy[MAX_WORDS + 2];
    bt_cli cli;
    bt_error err = {0};
    int slow = 0;
    memcpy(copy, argv, (size_t)(argc + 1) * sizeof *copy);
    reset_getopt();
    if (bt_cli_parse(argc, copy, &cli, &err) != BT_OK)
        return 0;
    if (cli.command == BT_CMD_SYNTH)
        return cli.synth_bars > 500;
    if (cli.command != BT_CMD_GRID)
        return 0;
    if (cli.threads > 2)
        return 1;
    for (size_t i = 0; i < cli.n_data; i++) {
        const char *d = cli.data_list[i];
        if (strncmp(d, "synth:", 6) == 0 && strtoull(d + 6, NULL, 10) > 300)
            return 1;
    }
    bt_grid g = {0};
    for (size_t i = 0; i < cli.n_param_specs && !slow; i++)
        if (bt_grid_add_param(&g, cli.param_specs[i], &err) == BT_OK)
            slow = g.n_product * (cli.n_data ? cli.n_data : 1) * (cli.walk_forward ? 20 : 1) > 2000;
    bt_grid_free(&g);
    return slow;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    char *text = fuzz_strdup(data, size);
    char *argv[MAX_WORDS + 2];
    int argc = 0;
    argv[argc++] = "btgpu";
    for (size_t i = 0, start = 0; i <= size; i++) {
        if (i < size && text[i] != '\0' && text[i] != '\n')
            continue;
        if (i == size && start == size)
            break; /* no empty last word */
        text[i] = '\0';
        if (argc == MAX_WORDS + 1 || strchr(text + start, '/')) {
            free(text);
            return -1; /* not added to the corpus */
        }
        argv[argc++] = text + start;
        start = i + 1;
    }
    argv[argc] = NULL;
    if (too_slow(argc, argv)) {
        free(text);
        return -1;
    }
    wipe(0);
    write_files();
    struct sigaction old_int, old_term;
    sigaction(SIGINT, NULL, &old_int);
    sigaction(SIGTERM, NULL, &old_term);
    reset_getopt();
    int rc = bt_cli_main(argc, argv);
    FUZZ_CHECK(rc == 0 || rc == 1 || rc == 2);
    fflush(stdout);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    g_signal = 0;
    free(text);
    return 0;
}
