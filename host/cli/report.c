/* Result output: heatmap CSV, statistics JSON, summary table. */
#include "report.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void bt_format_double(double v, int as_int, char *buf, size_t cap)
{
    if (v != v) {
        snprintf(buf, cap, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, cap, v > 0 ? "inf" : "-inf");
        return;
    }
    if (as_int && v == floor(v) && fabs(v) < 1e16) {
        snprintf(buf, cap, "%.0f", v);
        return;
    }
    /* a whole number below 2^53 (trade counts, whole days) is its own
     * shortest form, as repr writes it: "208.0", "-0.0" */
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        snprintf(buf, cap, "%.0f.0", v); /* printf keeps the sign of -0.0 */
        return;
    }
    /* the fewest significant digits that read back as v: most values need
     * 15-17, so try those first, and search below 15 only when 15 works */
    int prec;
    snprintf(buf, cap, "%.15g", v);
    if (strtod(buf, NULL) == v) {
        int lo = 1, hi = 15; /* hi round-trips */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            snprintf(buf, cap, "%.*g", mid, v);
            if (strtod(buf, NULL) == v)
                hi = mid;
            else
                lo = mid + 1;
        }
        prec = hi;
        snprintf(buf, cap, "%.*g", prec, v);
    } else {
        prec = 16; /* buf holds it when it round-trips */
        snprintf(buf, cap, "%.16g", v);
        if (strtod(buf, NULL) != v) {
            prec = 17;
            snprintf(buf, cap, "%.17g", v);
        }
    }
    /* like Python's repr: positional notation for 1e-4 <= |v| < 1e16 */
    if (strchr(buf, 'e') && fabs(v) >= 1e-4 && fabs(v) < 1e16) {
        int exp10 = (int)floor(log10(fabs(v)));
        int decimals = prec - 1 - exp10;
        snprintf(buf, cap, "%.*f", decimals > 0 ? decimals : 0, v);
        if (strtod(buf, NULL) != v) /* log10 rounding at a power of ten */
            snprintf(buf, cap, "%.*f", decimals + 1 > 0 ? decimals + 1 : 0, v);
    }
    /* and exponent notation from 1e16 on, where %g still writes all digits */
    if (!strchr(buf, 'e') && fabs(v) >= 1e16)
        snprintf(buf, cap, "%.*e", prec - 1, v);
    /* make it read as a float in Python/JSON consumers: 5 -> 5.0 */
    if (!strpbrk(buf, ".eEn") && strlen(buf) + 3 < cap)
        strcat(buf, ".0");
}

void bt_format_param(double v, int type, char *buf, size_t cap)
{
    if (type == BT_PTYPE_BOOL) {
        snprintf(buf, cap, "%s", v != 0 ? "True" : "False");
        return;
    }
    if (type == BT_PTYPE_INT && v == floor(v) && fabs(v) < 1e30) {
        snprintf(buf, cap, "%.0f", v + 0.0); /* exact (<= 32 chars); + 0.0: an int has no -0 */
        return;
    }
    bt_format_double(v, 0, buf, cap); /* Python's float repr */
}

static int csv_field(FILE *f, const char *text)
{
    if (!strpbrk(text, ",\"\r\n"))
        return fputs(text, f) < 0 ? -1 : 0;
    fputc('"', f);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    return fputc('"', f) == EOF ? -1 : 0;
}

int bt_heatmap_open_stats(bt_heatmap_writer *w, const char *path, const bt_grid *grid, const char *key,
                          const int *stats, size_t n, bt_error *err)
{
    w->path = path;
    w->grid = grid;
    w->n_stats = n;
    int rc = bt_outfile_open(&w->out, path, "the heatmap", err);
    if (rc)
        return rc;
    w->f = w->out.f;
    for (size_t p = 0; p < grid->n_params; p++) {
        csv_field(w->f, grid->params[p].name);
        fputc(',', w->f);
    }
    csv_field(w->f, key);
    for (size_t k = 0; k < n; k++) {
        fputc(',', w->f);
        csv_field(w->f, bt_stat_name(stats[k]));
    }
    fputc('\n', w->f);
    return BT_OK;
}

int bt_heatmap_open(bt_heatmap_writer *w, const char *path, const bt_grid *grid, const char *key, bt_error *err)
{
    return bt_heatmap_open_stats(w, path, grid, key, NULL, 0, err);
}

int bt_heatmap_row(void *writer, const double *values, double value)
{
    return bt_heatmap_stats_row(writer, values, NULL, value, NULL);
}

int bt_heatmap_typed_row(void *writer, const double *values, const int *types, double value)
{
    return bt_heatmap_stats_row(writer, values, types, value, NULL);
}

int bt_heatmap_stats_row(void *writer, const double *values, const int *types, double value, const double *stats)
{
    bt_heatmap_writer *w = writer;
    char buf[64];
    for (size_t p = 0; p < w->grid->n_params; p++) {
        if (types)
            bt_format_param(values[p], types[p], buf, sizeof buf);
        else
            bt_format_double(values[p], 1, buf, sizeof buf);
        fputs(buf, w->f);
        fputc(',', w->f);
    }
    bt_format_double(value, 0, buf, sizeof buf);
    fputs(buf, w->f);
    for (size_t k = 0; stats && k < w->n_stats; k++) {
        bt_format_double(stats[k], 0, buf, sizeof buf);
        fputc(',', w->f);
        fputs(buf, w->f);
    }
    return fputc('\n', w->f) == EOF ? BT_ERR_IO : BT_OK;
}

int bt_heatmap_close(bt_heatmap_writer *w, bt_error *err)
{
    if (!w->f)
        return BT_OK;
    w->f = NULL;
    return bt_outfile_commit(&w->out, "the heatmap", err);
}

void bt_heatmap_abort(bt_heatmap_writer *w)
{
    w->f = NULL;
    bt_outfile_abort(&w->out);
}

static void iso_time(const bt_series *s, int64_t t, char *buf, size_t cap)
{
    bt_format_time(t, buf, cap);
    char *sp = strchr(buf, ' ');
    if (sp)
        *sp = 'T';
    strncat(buf, s->tz, cap - strlen(buf) - 1); /* "+05:30": ISO 8601's offset */
}

static void json_value(FILE *f, const bt_series *s, const bt_stats *st, int id)
{
    double v = st->v[id];
    char buf[64];
    if (st->kind[id] == BT_KIND_TIME && s->is_datetime) {
        iso_time(s, (int64_t)v, buf, sizeof buf);
        fprintf(f, "\"%s\"", buf);
        return;
    }
    if (v != v) {
        fputs("null", f);
        return;
    }
    if (isinf(v)) {
        fputs(v > 0 ? "\"inf\"" : "\"-inf\"", f);
        return;
    }
    if (st->kind[id] == BT_KIND_TIMEDELTA)
        v /= 86400.0;
    /* integers where backtesting.py has Python/numpy integers: # Trades, and for
     * an integer index Start, End, Duration and Max. Trade Duration */
    int as_int = id == BT_STAT_N_TRADES ||
                 (!s->is_datetime && (id == BT_STAT_START || id == BT_STAT_END || id == BT_STAT_DURATION ||
                                      id == BT_STAT_MAX_TRADE_DURATION));
    bt_format_double(v, as_int, buf, sizeof buf);
    fputs(buf, f);
}

/* A parameter value as JSON with its Python type: ints as integers, floats
 * with a fraction or exponent, bools as true/false, non-finite floats as the
 * strings "inf", "-inf", "nan" (JSON has no such numbers). */
static void json_param(FILE *f, double v, int type)
{
    char buf[64];
    if (type == BT_PTYPE_BOOL) {
        fputs(v != 0 ? "true" : "false", f);
        return;
    }
    bt_format_param(v, type, buf, sizeof buf);
    if (!isfinite(v))
        fprintf(f, "\"%s\"", buf);
    else
        fputs(buf, f);
}

int bt_write_stats_json(FILE *f, const bt_series *s, const bt_strategy_info *strat, const bt_grid *grid,
                        const double *values, const int *types, const double *params, const int *param_types,
                        const bt_stats *st)
{
    fputs("{\n  \"params\": {", f);
    if (grid) { /* the swept parameters, as backtesting.py's best params */
        for (size_t p = 0; p < grid->n_params; p++) {
            fprintf(f, "%s\"%s\": ", p ? ", " : "", grid->params[p].name);
            json_param(f, values[p], types ? types[p] : BT_PTYPE_INT);
        }
        fputs("},\n  \"all_params\": {", f);
    }
    for (size_t p = 0; p < strat->n_params; p++) {
        fprintf(f, "%s\"%s\": ", p ? ", " : "", strat->param_names[p]);
        json_param(f, params[p], param_types ? param_types[p] : strat->param_types[p]);
    }
    fputs("},\n  \"stats\": {\n", f);
    int first = 1;
    for (int id = 0; id < BT_N_STATS; id++) {
        if (!st->present[id])
            continue;
        fprintf(f, "%s    \"%s\": ", first ? "" : ",\n", bt_stat_name(id));
        json_value(f, s, st, id);
        first = 0;
    }
    fputs("\n  }\n}\n", f);
    return ferror(f) ? BT_ERR_IO : BT_OK;
}

/* pandas' Timedelta text: "830 days 00:00:00" */
void bt_format_timedelta(double seconds, char *buf, size_t cap)
{
    long long t = (long long)seconds;
    long long days = t / 86400, rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    snprintf(buf, cap, "%lld days %02lld:%02lld:%02lld", days, rem / 3600, rem / 60 % 60, rem % 60);
}

void bt_format_stat(const bt_series *s, const bt_stats *st, int id, char *buf, size_t cap)
{
    double v = st->v[id];
    if (st->kind[id] == BT_KIND_TIME && s->is_datetime) {
        bt_format_time((int64_t)v, buf, cap);
        strncat(buf, s->tz, cap - strlen(buf) - 1); /* as pandas prints a tz-aware Timestamp */
    } else if (st->kind[id] == BT_KIND_TIMEDELTA && v == v)
        bt_format_timedelta(v, buf, cap);
    else if (v != v)
        snprintf(buf, cap, "NaN");
    else if (id == BT_STAT_N_TRADES || v == floor(v))
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.5f", v);
}

void bt_print_stats(FILE *f, const bt_series *s, const bt_stats *st)
{
    char buf[64];
    for (int id = 0; id < BT_N_STATS; id++) {
        if (!st->present[id])
            continue;
        bt_format_stat(s, st, id, buf, sizeof buf);
        fprintf(f, "%-26s%20s\n", bt_stat_name(id), buf);
    }
}

/* ------------------------------------------------------------ trades and equity as pandas writes them */

/* a float cell: Python's repr, NaN empty (pandas' na_rep) */
static void csv_float(FILE *f, double v)
{
    char b[64];
    if (v != v)
        return;
    bt_format_param(v, BT_PTYPE_FLOAT, b, sizeof b);
    fputs(b, f);
}

/* a time cell of a column that is date-only when dates_only */
static void csv_time(FILE *f, const bt_series *s, int64_t t, int dates_only)
{
    if (!s->is_datetime) {
        fprintf(f, "%lld", (long long)t);
        return;
    }
    char b[40];
    bt_format_time(t, b, sizeof b);
    if (s->tz[0]) /* pandas writes tz-aware times in full, with their offset */
        strncat(b, s->tz, sizeof b - strlen(b) - 1);
    else if (dates_only)
        b[10] = '\0';
    fputs(b, f);
}

static int at_midnight(int64_t t)
{
    return ((t % 86400) + 86400) % 86400 == 0;
}

/* a timedelta cell (seconds): "N days" in a column of whole days, else "N days HH:MM:SS" */
static void csv_timedelta(FILE *f, int64_t d, int even_days)
{
    long long days = d >= 0 ? d / 86400 : -((-d + 86399) / 86400);
    long long rem = d - days * 86400;
    if (even_days)
        fprintf(f, "%lld days", days);
    else
        fprintf(f, "%lld days %02lld:%02lld:%02lld", days, rem / 3600, rem / 60 % 60, rem % 60);
}

/* ",Entry_NAME,Exit_NAME" (quoted as pandas quotes them) */
static void indicator_header(FILE *f, const char *name)
{
    char b[256];
    for (int e = 0; e < 2; e++) {
        snprintf(b, sizeof b, "%s_%s", e ? "Exit" : "Entry", name);
        fputc(',', f);
        csv_field(f, b);
    }
}

int bt_write_trades_csv(FILE *f, const bt_series *s, const bt_run *run)
{
    int entry_dates = 1, exit_dates = 1, even = 1;
    for (size_t k = 0; k < run->n_trades; k++) {
        const bt_trade *t = &run->trades[k];
        entry_dates &= at_midnight(s->time[t->entry_bar]);
        exit_dates &= at_midnight(s->time[t->exit_bar]);
        if (s->is_datetime)
            even &= (s->time[t->exit_bar] - s->time[t->entry_bar]) % 86400 == 0;
    }
    fputs(",Size,EntryBar,ExitBar,EntryPrice,ExitPrice,SL,TP,PnL,Commission,ReturnPct,EntryTime,ExitTime,Duration,Tag", f);
    /* each indicator's value at the entry and exit bar (only with trades, as backtesting.py adds them) */
    const size_t ni = run->n_trades ? run->n_indicators : 0;
    for (size_t i = 0; i < ni; i++)
        indicator_header(f, run->indicator_names[i]);
    fputc('\n', f);
    for (size_t k = 0; k < run->n_trades; k++) {
        const bt_trade *t = &run->trades[k];
        fprintf(f, "%zu,%.0f,%zu,%zu,", k, t->size, t->entry_bar, t->exit_bar);
        const double cells[] = {t->entry_price, t->exit_price, t->sl, t->tp, t->pnl, t->commission, t->return_pct};
        for (size_t c = 0; c < sizeof cells / sizeof cells[0]; c++) {
            csv_float(f, cells[c]);
            fputc(',', f);
        }
        csv_time(f, s, s->time[t->entry_bar], entry_dates);
        fputc(',', f);
        csv_time(f, s, s->time[t->exit_bar], exit_dates);
        fputc(',', f);
        const int64_t a = s->time[t->entry_bar], b = s->time[t->exit_bar];
        if (s->is_datetime)
            csv_timedelta(f, b - a, even);
        else if (b >= a) /* exact, also past INT64_MAX (where pandas' int64 wraps) */
            fprintf(f, "%llu", (unsigned long long)((uint64_t)b - (uint64_t)a));
        else
            fprintf(f, "-%llu", (unsigned long long)((uint64_t)a - (uint64_t)b));
        fputc(',', f); /* Tag: None */
        for (size_t i = 0; i < ni; i++)
            for (int e = 0; e < 2; e++) {
                const double v = run->indicator_values[i][e ? t->exit_bar : t->entry_bar];
                fputc(',', f);
                if (run->indicator_bool[i])
                    fputs(v != 0 ? "True" : "False", f);
                else
                    csv_float(f, v);
            }
        fputc('\n', f);
    }
    return ferror(f) ? BT_ERR_IO : BT_OK;
}

/* Walks the drawdown of an equity curve bar by bar: dd = 1 - equity /
 * np.maximum.accumulate(equity), and _compute_drawdown_duration_peaks'
 * episodes (the bars with no drawdown and the last bar; an episode ends at
 * each that follows its predecessor by more than 1). Nothing per bar is
 * kept, so the caller can walk twice instead of storing arrays. */
typedef struct dd_walk {
    double peak;
    long prev;
} dd_walk;

/* dd of bar i (bars in order from 0); *ends: an episode ends at i. */
static double dd_step(dd_walk *w, const bt_run *run, size_t i, int *ends)
{
    const double e = run->equity[i];
    w->peak = (i == 0 || e > w->peak || e != e) ? e : w->peak;
    const double dd = 1 - e / w->peak;
    *ends = 0;
    if (dd == 0 || i + 1 == run->n_bars) {
        *ends = w->prev >= 0 && (long)i > w->prev + 1;
        w->prev = (long)i;
    }
    return dd;
}

int bt_write_equity_csv(FILE *f, const bt_series *s, const bt_run *run)
{
    const size_t n = run->n_bars;
    int episodes = 0, index_dates = 1, even = 1, ends;
    dd_walk w = {0, -1};
    for (size_t i = 0; i < n; i++) { /* first walk: the formats */
        index_dates &= at_midnight(s->time[i]);
        long before = w.prev;
        (void)dd_step(&w, run, i, &ends);
        if (ends) {
            episodes = 1;
            if (s->is_datetime)
                even &= (s->time[i] - s->time[before]) % 86400 == 0;
        }
    }
    fprintf(f, "%s,Equity,DrawdownPct,DrawdownDuration\n", s->index_name);
    w = (dd_walk){0, -1};
    for (size_t i = 0; i < n; i++) {
        long before = w.prev;
        const double dd = dd_step(&w, run, i, &ends);
        csv_time(f, s, s->time[i], index_dates);
        fputc(',', f);
        csv_float(f, run->equity[i]);
        fputc(',', f);
        csv_float(f, dd);
        fputc(',', f);
        if (!episodes) /* no episode: pandas returns dd with 0 as NaN */
            csv_float(f, dd == 0 ? NAN : dd);
        else if (ends) {
            if (s->is_datetime)
                csv_timedelta(f, s->time[i] - s->time[before], even);
            else /* an integer column with NaN: floats; overflow-free */
                csv_float(f, bt_time_diff(s->time[before], s->time[i]));
        }
        fputc('\n', f);
    }
    return ferror(f) ? BT_ERR_IO : BT_OK;
}
