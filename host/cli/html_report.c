/* The HTML report and the heatmap SVG (html_report.h). */
#include "html_report.h"
#include "report.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef BTGPU_VERSION
#define BTGPU_VERSION "0.1.0"
#endif

/* At most this many cells in all heatmaps together (their SVG is ~130
 * bytes a cell), and per axis: longer axes put consecutive values in one cell. */
#define MAX_CELLS 400000u
#define MAX_AXIS_CELLS 300u
#define MAX_LINE_POINTS 2000u

static const char *const AGG_NAME[3] = {"max", "mean", "min"};

int bt_report_agg_find(const char *name)
{
    for (int k = 0; k < 3; k++)
        if (strcmp(name, AGG_NAME[k]) == 0)
            return k;
    return -1;
}

/* ------------------------------------------------------------------ collecting */

/* ascending, NaN last (they are equal to each other) */
static int cmp_value(double a, double b)
{
    if (a != a || b != b)
        return (a != a) - (b != b);
    return (a > b) - (a < b);
}

typedef struct vt { double v; unsigned char t; } vt;

static int cmp_vt(const void *x, const void *y)
{
    return cmp_value(((const vt *)x)->v, ((const vt *)y)->v);
}

/* The position of v among the axis' values (present by construction). */
static size_t axis_find(const bt_report_axis *ax, double v)
{
    size_t lo = 0, hi = ax->n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_value(ax->v[mid], v) <= 0)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static size_t axis_bin(const bt_report_axis *ax, size_t i)
{
    return ax->bins == ax->n ? i : (size_t)((uint64_t)i * ax->bins / ax->n);
}

/* The first and last value index of cell b (the inverse of axis_bin). */
static void bin_range(const bt_report_axis *ax, size_t b, size_t *first, size_t *last)
{
    if (ax->bins == ax->n) {
        *first = *last = b;
        return;
    }
    *first = (size_t)(((uint64_t)b * ax->n + ax->bins - 1) / ax->bins);
    *last = (size_t)(((uint64_t)(b + 1) * ax->n + ax->bins - 1) / ax->bins) - 1;
}

static int alloc_cells(bt_report_cells *c, int a, int b, size_t nx, size_t ny)
{
    c->a = a;
    c->b = b;
    c->nx = nx;
    c->ny = ny;
    c->acc = calloc(nx * ny, sizeof *c->acc);
    c->n = calloc(nx * ny, sizeof *c->n);
    c->n_num = calloc(nx * ny, sizeof *c->n_num);
    return c->acc && c->n && c->n_num;
}

int bt_report_init(bt_report *r, const bt_grid *g, const char *key, int agg, bt_error *err)
{
    memset(r, 0, sizeof *r);
    r->grid = g;
    r->key = key;
    r->agg = agg;
    for (size_t p = 0; p < g->n_params; p++) {
        const bt_param_spec *ps = &g->params[p];
        vt *tmp = malloc((ps->n_values ? ps->n_values : 1) * sizeof *tmp);
        if (!tmp)
            goto nomem;
        for (size_t i = 0; i < ps->n_values; i++)
            tmp[i] = (vt){ps->values[i], ps->types[i]};
        qsort(tmp, ps->n_values, sizeof *tmp, cmp_vt);
        size_t n = 0;
        for (size_t i = 0; i < ps->n_values; i++)
            if (n == 0 || cmp_value(tmp[n - 1].v, tmp[i].v) != 0)
                tmp[n++] = tmp[i];
        bt_report_axis *ax = &r->axis[p];
        ax->v = malloc((n ? n : 1) * sizeof *ax->v);
        ax->t = malloc(n ? n : 1);
        if (!ax->v || !ax->t) {
            free(tmp);
            goto nomem;
        }
        for (size_t i = 0; i < n; i++) {
            ax->v[i] = tmp[i].v;
            ax->t[i] = tmp[i].t;
        }
        free(tmp);
        ax->n = ax->bins = n;
        if (n > 1)
            r->swept[r->n_swept++] = (int)p;
    }
    if (r->n_swept == 1) {
        bt_report_axis *ax = &r->axis[r->swept[0]];
        if (ax->bins > MAX_LINE_POINTS)
            ax->bins = MAX_LINE_POINTS;
        if (!alloc_cells(&r->cells[r->n_cells++], r->swept[0], -1, ax->bins, 1))
            goto nomem;
    } else if (r->n_swept > 1) {
        /* the most cells per axis that keeps every heatmap together under MAX_CELLS */
        size_t cap = MAX_AXIS_CELLS;
        for (;;) {
            uint64_t total = 0;
            for (size_t i = 0; i < r->n_swept; i++)
                for (size_t j = i + 1; j < r->n_swept; j++) {
                    size_t na = r->axis[r->swept[i]].n, nb = r->axis[r->swept[j]].n;
                    total += (uint64_t)(na < cap ? na : cap) * (nb < cap ? nb : cap);
                }
            if (total <= MAX_CELLS || cap <= 8)
                break;
            cap = cap * 9 / 10;
        }
        for (size_t i = 0; i < r->n_swept; i++) {
            bt_report_axis *ax = &r->axis[r->swept[i]];
            if (ax->bins > cap)
                ax->bins = cap;
        }
        for (size_t i = 0; i < r->n_swept; i++)
            for (size_t j = i + 1; j < r->n_swept; j++) {
                int a = r->swept[i], b = r->swept[j];
                if (!alloc_cells(&r->cells[r->n_cells++], a, b, r->axis[a].bins, r->axis[b].bins))
                    goto nomem;
            }
    }
    return BT_OK;
nomem:
    bt_report_free(r);
    return bt_error_set(err, BT_ERR_NOMEM, "out of memory for the report's heatmaps");
}

void bt_report_free(bt_report *r)
{
    for (size_t p = 0; p < BT_MAX_PARAMS; p++) {
        free(r->axis[p].v);
        free(r->axis[p].t);
    }
    for (size_t c = 0; c < r->n_cells; c++) {
        free(r->cells[c].acc);
        free(r->cells[c].n);
        free(r->cells[c].n_num);
    }
    memset(r, 0, sizeof *r);
}

static void add(const bt_report *r, bt_report_cells *c, size_t at, double value)
{
    c->n[at]++;
    if (value != value)
        return;
    if (c->n_num[at]++ == 0)
        c->acc[at] = value;
    else if (r->agg == BT_AGG_MEAN)
        c->acc[at] += value;
    else if (r->agg == BT_AGG_MAX ? value > c->acc[at] : value < c->acc[at])
        c->acc[at] = value;
}

/* The cell of combination values[] in c. */
static size_t cell_of(const bt_report *r, const bt_report_cells *c, const double *values)
{
    const bt_report_axis *ax = &r->axis[c->a];
    size_t x = axis_bin(ax, axis_find(ax, values[c->a]));
    if (c->b < 0)
        return x;
    const bt_report_axis *ay = &r->axis[c->b];
    return axis_bin(ay, axis_find(ay, values[c->b])) * c->nx + x;
}

static void collect(bt_report *r, const double *values, double value)
{
    r->n_rows++;
    for (size_t k = 0; k < r->n_cells; k++)
        add(r, &r->cells[k], cell_of(r, &r->cells[k], values), value);
}

int bt_report_typed_row(void *ctx, const double *values, const int *types, double value)
{
    bt_report *r = ctx;
    collect(r, values, value);
    return r->next_typed ? r->next_typed(r->next_ctx, values, types, value) : 0;
}

int bt_report_stats_row(void *ctx, const double *values, const int *types, double value, const double *stats)
{
    bt_report *r = ctx;
    collect(r, values, value);
    return r->next_stats ? r->next_stats(r->next_ctx, values, types, value, stats) : 0;
}

/* The cell's aggregate, NaN when none of its combinations has a value. */
static double cell_value(const bt_report *r, const bt_report_cells *c, size_t at)
{
    if (!c->n_num[at])
        return NAN;
    return r->agg == BT_AGG_MEAN ? c->acc[at] / (double)c->n_num[at] : c->acc[at];
}

/* ------------------------------------------------------------------ drawing helpers */

/* The colour scale: nine anchors from dark indigo to light yellow (lightness
 * rising), interpolated linearly per channel and rounded half up; t in [0, 1]. */
static const unsigned char PALETTE[9][3] = {
    {0x23, 0x10, 0x4f}, {0x35, 0x2a, 0x87}, {0x25, 0x55, 0x9f}, {0x1c, 0x7e, 0xa1}, {0x20, 0xa1, 0x8e},
    {0x4c, 0xbe, 0x6c}, {0x93, 0xd3, 0x48}, {0xd2, 0xe0, 0x3b}, {0xfb, 0xef, 0x9a}};
static const char NAN_FILL[] = "#c8c8c8"; /* no combination of the cell has a value */

static void colour(double t, char out[8])
{
    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    double pos = t * 8;
    int i = (int)floor(pos);
    if (i > 7)
        i = 7;
    double f = pos - i;
    int rgb[3];
    for (int k = 0; k < 3; k++)
        rgb[k] = (int)floor(PALETTE[i][k] + (PALETTE[i + 1][k] - PALETTE[i][k]) * f + 0.5);
    snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* Text with &, <, >, " escaped. */
static void esc(FILE *f, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

/* A tick label: the value as Python writes it, floats shortened to 6 digits. */
static void short_value(double v, int type, char *buf, size_t cap)
{
    bt_format_param(v, type, buf, cap);
    if (type == BT_PTYPE_FLOAT && strlen(buf) > 8 && isfinite(v))
        snprintf(buf, cap, "%.6g", v);
}

/* Cell b's parameter text: "10", or "10..19" for a cell of several values (full precision). */
static void cell_label(const bt_report_axis *ax, size_t b, int full, char *buf, size_t cap)
{
    size_t i0, i1;
    char a[64], z[64];
    bin_range(ax, b, &i0, &i1);
    if (full) {
        bt_format_param(ax->v[i0], ax->t[i0], a, sizeof a);
        bt_format_param(ax->v[i1], ax->t[i1], z, sizeof z);
    } else {
        short_value(ax->v[i0], ax->t[i0], a, sizeof a);
        short_value(ax->v[i1], ax->t[i1], z, sizeof z);
    }
    if (i0 == i1)
        snprintf(buf, cap, "%s", a);
    else
        snprintf(buf, cap, "%s..%s", a, z);
}

/* A round step for about n ticks over [lo, hi]. */
static double nice_step(double lo, double hi, int n)
{
    double raw = (hi - lo) / n;
    if (!(raw > 0) || !isfinite(raw))
        return 1;
    double mag = pow(10, floor(log10(raw))), f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

/* The range of every heatmap's (or the line's) cell values. */
static void value_range(const bt_report *r, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t k = 0; k < r->n_cells; k++) {
        const bt_report_cells *c = &r->cells[k];
        for (size_t i = 0; i < c->nx * c->ny; i++) {
            double v = cell_value(r, c, i);
            if (v == v && isfinite(v)) {
                if (v < *lo)
                    *lo = v;
                if (v > *hi)
                    *hi = v;
            }
        }
    }
}

static double scale_t(double v, double lo, double hi)
{
    if (v == INFINITY)
        return 1;
    if (v == -INFINITY)
        return 0;
    return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

static void fmt_num(double v, char *buf, size_t cap)
{
    bt_format_double(v, 0, buf, cap);
}

/* A tick number: up to 6 significant digits. */
static void fmt_tick(double v, char *buf, size_t cap)
{
    if (fabs(v) < 1e-12)
        v = 0;
    snprintf(buf, cap, "%.6g", v);
}

/* A plot area: white, with a grey border. */
static void plot_frame(FILE *f, double x, double y, double w, double h)
{
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"#fff\" stroke=\"#999\"/>\n", x, y, w, h);
}

/* A cell's tooltip after its parameters: "KEY VALUE", and "(max of N combinations)" when several share it. */
static void tooltip_value(FILE *f, const bt_report *r, const char *value, uint64_t n)
{
    esc(f, r->key);
    fprintf(f, " %s", value);
    if (n > 1)
        fprintf(f, " (%s of %llu combinations)", AGG_NAME[r->agg], (unsigned long long)n);
}

/* ------------------------------------------------------------------ heatmaps */

typedef struct panel {
    double x, y;     /* top-left of the plot area */
    double cw, ch;   /* cell width and height */
    double w, h;
} panel;

enum { ML = 78, MT = 30, MB = 52, MR = 18, BAR_H = 70, MAX_W = 1200 };

/* Where each heatmap goes; returns the total height; *width the total width. */
static double layout(const bt_report *r, panel *pl, double *width)
{
    double x = 0, y = BAR_H, row_h = 0;
    *width = ML + 320 + 420; /* the colour bar and its legend */
    for (size_t k = 0; k < r->n_cells; k++) {
        const bt_report_cells *c = &r->cells[k];
        double cw = 420.0 / (double)c->nx, ch = 420.0 / (double)c->ny;
        if (cw > 56)
            cw = 56;
        if (ch > 56)
            ch = 56;
        double pw = ML + c->nx * cw + MR, ph = MT + c->ny * ch + MB;
        if (x > 0 && x + pw > MAX_W) {
            x = 0;
            y += row_h;
            row_h = 0;
        }
        pl[k] = (panel){x + ML, y + MT, cw, ch, c->nx * cw, c->ny * ch};
        x += pw;
        if (x > *width)
            *width = x;
        if (ph > row_h)
            row_h = ph;
    }
    return y + row_h;
}

/* The shared colour bar: gradient, five numbers, the NaN swatch. */
static void colour_bar(FILE *f, const bt_report *r, double lo, double hi)
{
    const double x0 = ML, w = 320, y0 = 26;
    fprintf(f, "<defs><linearGradient id=\"bt-scale\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">");
    for (int i = 0; i <= 16; i++) {
        char c[8];
        colour(i / 16.0, c);
        fprintf(f, "<stop offset=\"%.4g\" stop-color=\"%s\"/>", i / 16.0, c);
    }
    fprintf(f, "</linearGradient></defs>\n<g class=\"scale\"><text x=\"%g\" y=\"16\" class=\"lbl\">", x0);
    esc(f, r->key);
    if (r->n_swept > 2)
        fprintf(f, " (%s over the other parameters)", AGG_NAME[r->agg]);
    fputs("</text>\n", f);
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"12\" fill=\"url(#bt-scale)\" stroke=\"#555\" "
               "stroke-width=\"0.5\"/>\n", x0, y0, w);
    if (lo <= hi)
        for (int i = 0; i <= 4; i++) {
            char b[40];
            fmt_tick(lo + (hi - lo) * i / 4.0, b, sizeof b);
            double x = x0 + w * i / 4.0;
            fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%g\" y2=\"%g\" stroke=\"#555\"/><text x=\"%.1f\" y=\"%g\" "
                       "text-anchor=\"middle\">%s</text>\n", x, x, y0 + 12, y0 + 16, x, y0 + 28, b);
        }
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#555\" stroke-width=\"0.5\"/>"
               "<text x=\"%g\" y=\"%g\">no trades (NaN)</text>\n", x0 + w + 30, y0, NAN_FILL, x0 + w + 46, y0 + 10);
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"12\" height=\"12\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"0.5\"/>"
               "<text x=\"%g\" y=\"%g\">no combination</text>\n", x0 + w + 150, y0, x0 + w + 166, y0 + 10);
    fprintf(f, "<rect x=\"%g\" y=\"%g\" width=\"12\" height=\"12\" fill=\"none\" stroke=\"#e4002b\" "
               "stroke-width=\"2.5\"/><text x=\"%g\" y=\"%g\">best combination</text></g>\n", x0 + w + 270, y0,
            x0 + w + 286, y0 + 10);
}

/* Tick labels along one axis of a heatmap, spaced so that they do not overlap. */
static void heatmap_ticks(FILE *f, const bt_report_axis *ax, size_t n, const panel *p, int vertical)
{
    size_t longest = 1;
    char b[140];
    for (size_t i = 0; i < n; i++) {
        cell_label(ax, i, 0, b, sizeof b);
        if (strlen(b) > longest)
            longest = strlen(b);
    }
    double need = vertical ? 14 : 6.5 * (double)longest + 8;
    const double cs = vertical ? p->ch : p->cw;
    size_t step = (size_t)ceil(need / cs);
    if (step < 1)
        step = 1;
    for (size_t i = 0; i < n; i += step) {
        cell_label(ax, i, 0, b, sizeof b);
        double c = (i + 0.5) * cs;
        if (vertical)
            fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s</text>",
                    p->x - 5, p->y + p->h - c, b);
        else
            fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">%s</text>", p->x + c, p->y + p->h + 15, b);
    }
    fputc('\n', f);
}

static void heatmap(FILE *f, const bt_report *r, const bt_report_cells *c, const panel *p, double lo, double hi,
                    const double *best)
{
    const bt_grid *g = r->grid;
    const bt_report_axis *ax = &r->axis[c->a], *ay = &r->axis[c->b];
    const char *na = g->params[c->a].name, *nb = g->params[c->b].name;
    fprintf(f, "<g class=\"heatmap\" data-x=\"%s\" data-y=\"%s\" data-nx=\"%zu\" data-ny=\"%zu\">\n", na, nb, c->nx,
            c->ny);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" class=\"lbl\" text-anchor=\"middle\">%s \xc3\x97 %s</text>\n",
            p->x + p->w / 2, p->y - 10, na, nb);
    plot_frame(f, p->x, p->y, p->w, p->h);
    fprintf(f, "<g shape-rendering=\"crispEdges\">\n");
    char lx[140], ly[140], v[64], fill[8];
    for (size_t j = 0; j < c->ny; j++) {
        cell_label(ay, j, 1, ly, sizeof ly);
        for (size_t i = 0; i < c->nx; i++) {
            size_t at = j * c->nx + i;
            if (!c->n[at])
                continue; /* no admissible combination: the white background */
            double val = cell_value(r, c, at);
            cell_label(ax, i, 1, lx, sizeof lx);
            fmt_num(val, v, sizeof v);
            if (val == val)
                colour(scale_t(val, lo, hi), fill);
            else
                memcpy(fill, NAN_FILL, sizeof fill);
            fprintf(f, "<rect class=\"cell\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\" "
                       "data-v=\"%s\"><title>%s=%s %s=%s: ", p->x + i * p->cw, p->y + p->h - (j + 1) * p->ch, p->cw,
                    p->ch, fill, v, na, lx, nb, ly);
            tooltip_value(f, r, v, c->n[at]);
            fputs("</title></rect>\n", f);
        }
    }
    fputs("</g>\n", f);
    if (best) {
        size_t at = cell_of(r, c, best), i = at % c->nx, j = at / c->nx;
        double px = p->cw < 6 ? (6 - p->cw) / 2 : 0, py = p->ch < 6 ? (6 - p->ch) / 2 : 0;
        cell_label(ax, i, 1, lx, sizeof lx);
        cell_label(ay, j, 1, ly, sizeof ly);
        fprintf(f, "<rect class=\"best\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" "
                   "stroke=\"#e4002b\" stroke-width=\"2.5\"><title>best: %s=%s %s=%s</title></rect>\n",
                p->x + i * p->cw - px, p->y + p->h - (j + 1) * p->ch - py, p->cw + 2 * px, p->ch + 2 * py, na, lx,
                nb, ly);
    }
    heatmap_ticks(f, ax, c->nx, p, 0);
    heatmap_ticks(f, ay, c->ny, p, 1);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" class=\"lbl\">%s</text>\n", p->x + p->w / 2,
            p->y + p->h + 34, na);
    fprintf(f, "<text transform=\"translate(%.1f %.1f) rotate(-90)\" text-anchor=\"middle\" class=\"lbl\">%s</text>\n",
            p->x - ML + 14, p->y + p->h / 2, nb);
    fputs("</g>\n", f);
}

/* A y axis with round ticks over [lo, hi] mapped to [y0 + h, y0]; grid lines across w. */
static void y_axis(FILE *f, double x0, double y0, double w, double h, double lo, double hi, const char *unit)
{
    double st = nice_step(lo, hi, 5);
    for (double t = ceil(lo / st) * st; t <= hi + st * 1e-9; t += st) {
        double y = y0 + h - (t - lo) / (hi - lo) * h;
        char b[40];
        fmt_tick(t, b, sizeof b);
        fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e3e3e3\"/><text x=\"%.1f\" "
                   "y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\">%s%s</text>\n", x0, x0 + w, y, y,
                x0 - 5, y, b, unit);
    }
}

/* The one-parameter sweep: the key against the parameter's values. */
static void line_chart(FILE *f, const bt_report *r, const bt_report_cells *c, double y_top, const double *best)
{
    const bt_report_axis *ax = &r->axis[c->a];
    const char *name = r->grid->params[c->a].name;
    const double x0 = ML, y0 = y_top + 20, w = 760, h = 300;
    double lo, hi;
    value_range(r, &lo, &hi);
    if (lo > hi)
        lo = 0, hi = 1;
    if (hi == lo)
        lo -= 0.5, hi += 0.5;
    double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
    double vmin = ax->v[0], vmax = ax->v[ax->n - 1];
    int numeric = isfinite(vmin) && isfinite(vmax) && vmax > vmin;
    fprintf(f, "<g class=\"line\" data-x=\"%s\" data-n=\"%zu\">\n", name, c->nx);
    fprintf(f, "<text x=\"%g\" y=\"%g\" class=\"lbl\">", x0, y_top + 8);
    esc(f, r->key);
    fprintf(f, " by %s (%s over each point's combinations)</text>\n", name, AGG_NAME[r->agg]);
    plot_frame(f, x0, y0, w, h);
    y_axis(f, x0, y0, w, h, lo, hi, "");
    double *xs = malloc(c->nx * sizeof *xs);
    if (!xs)
        return;
    for (size_t i = 0; i < c->nx; i++) {
        size_t i0, i1;
        bin_range(ax, i, &i0, &i1);
        xs[i] = numeric ? x0 + (ax->v[i0] - vmin) / (vmax - vmin) * w
                        : x0 + (c->nx > 1 ? (double)i / (double)(c->nx - 1) : 0.5) * w;
    }
    fputs("<polyline class=\"series\" fill=\"none\" stroke=\"#25559f\" stroke-width=\"1.8\" points=\"", f);
    for (size_t i = 0; i < c->nx; i++) {
        double v = cell_value(r, c, i);
        if (c->n[i] && v == v && isfinite(v))
            fprintf(f, "%.2f,%.2f ", xs[i], y0 + h - (v - lo) / (hi - lo) * h);
    }
    fputs("\"/>\n", f);
    char lx[140], v[64];
    for (size_t i = 0; i < c->nx; i++) {
        if (!c->n[i])
            continue;
        double val = cell_value(r, c, i);
        int nan = !(val == val && isfinite(val));
        cell_label(ax, i, 1, lx, sizeof lx);
        fmt_num(val, v, sizeof v);
        fprintf(f, "<circle class=\"cell\" cx=\"%.2f\" cy=\"%.2f\" r=\"%s\" fill=\"%s\" data-v=\"%s\"><title>%s=%s: ",
                xs[i], nan ? y0 + h - 4 : y0 + h - (val - lo) / (hi - lo) * h, c->nx > 200 ? "1.6" : "3",
                nan ? NAN_FILL : "#25559f", v, name, lx);
        tooltip_value(f, r, v, c->n[i]);
        fputs("</title></circle>\n", f);
    }
    if (best) {
        size_t i = cell_of(r, c, best);
        double val = cell_value(r, c, i);
        if (val == val && isfinite(val)) {
            cell_label(ax, i, 1, lx, sizeof lx);
            fprintf(f, "<circle class=\"best\" cx=\"%.2f\" cy=\"%.2f\" r=\"6\" fill=\"none\" stroke=\"#e4002b\" "
                       "stroke-width=\"2.5\"><title>best: %s=%s</title></circle>\n", xs[i],
                    y0 + h - (val - lo) / (hi - lo) * h, name, lx);
        }
    }
    /* x ticks: about 8, at values */
    size_t step = c->nx > 8 ? (c->nx + 7) / 8 : 1;
    for (size_t i = 0; i < c->nx; i += step) {
        cell_label(ax, i, 0, lx, sizeof lx);
        fprintf(f, "<text x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">%s</text>", xs[i], y0 + h + 15, lx);
    }
    fprintf(f, "\n<text x=\"%g\" y=\"%g\" text-anchor=\"middle\" class=\"lbl\">%s</text>\n</g>\n", x0 + w / 2,
            y0 + h + 34, name);
    free(xs);
}

static const char SVG_STYLE[] =
    "<style>text{font:11px system-ui,-apple-system,'Segoe UI',sans-serif;fill:#222}"
    ".lbl{font-weight:600;font-size:12px}</style>\n";

/* The heatmaps' SVG element (standalone: with the XML namespace for a file of its own). */
static void heatmaps_svg(FILE *f, const bt_report *r, const double *best, int standalone)
{
    double width = 0, height;
    panel *pl = calloc(r->n_cells ? r->n_cells : 1, sizeof *pl);
    if (!pl)
        return;
    if (r->n_swept == 1) {
        width = ML + 760 + MR;
        height = 390;
    } else {
        height = layout(r, pl, &width);
    }
    fprintf(f, "<svg %sclass=\"heatmaps\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
            standalone ? "xmlns=\"http://www.w3.org/2000/svg\" " : "", width, height, width, height);
    fputs(SVG_STYLE, f);
    if (standalone)
        fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
    if (r->n_swept == 1) {
        line_chart(f, r, &r->cells[0], 10, best);
    } else {
        double lo, hi;
        value_range(r, &lo, &hi);
        colour_bar(f, r, lo, hi);
        for (size_t k = 0; k < r->n_cells; k++)
            heatmap(f, r, &r->cells[k], &pl[k], lo, hi, best);
    }
    fputs("</svg>\n", f);
    free(pl);
}

const double *bt_report_best(const bt_optimize_result *res)
{
    return res && res->n_admissible && res->best_value == res->best_value ? res->best_values : NULL;
}

int bt_report_write_svg(FILE *f, const bt_report *r, const double *best)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
    heatmaps_svg(f, r, best, 1);
    return ferror(f) ? BT_ERR_IO : BT_OK;
}

/* ------------------------------------------------------------------ the best run */

static void time_label(const bt_series *s, size_t i, int dates_only, char *buf, size_t cap)
{
    if (!s->is_datetime) {
        snprintf(buf, cap, "%lld", (long long)s->time[i]);
        return;
    }
    bt_format_time(s->time[i], buf, cap);
    if (dates_only)
        buf[strcspn(buf, " ")] = '\0';
}

/* 1 when time labels can leave out the time of day: a datetime index at midnight on every bar */
static int dates_only_labels(const bt_series *s)
{
    if (!s->is_datetime)
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if (((s->time[i] % 86400) + 86400) % 86400)
            return 0;
    return 1;
}

/* A polyline of y[0..n) over the width: at most ~2 points per pixel column
 * (each column's lowest and highest, in bar order), so long series stay small. */
static void series_line(FILE *f, const double *y, size_t n, double x0, double w, double y0, double h, double lo,
                        double hi, const char *cls, const char *stroke)
{
    size_t cols = n < 1600 ? n : 1600;
    fprintf(f, "<polyline class=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\" points=\"", cls, stroke);
    for (size_t k = 0; k < cols; k++) {
        size_t b0 = (size_t)((uint64_t)k * n / cols), b1 = (size_t)((uint64_t)(k + 1) * n / cols);
        size_t imin = b0, imax = b0;
        for (size_t i = b0; i < b1; i++) {
            if (y[i] < y[imin])
                imin = i;
            if (y[i] > y[imax])
                imax = i;
        }
        size_t first = imin < imax ? imin : imax, second = imin < imax ? imax : imin;
        for (int q = 0; q < (first == second ? 1 : 2); q++) {
            size_t i = q ? second : first;
            if (y[i] == y[i] && isfinite(y[i]))
                fprintf(f, "%.1f,%.1f ", x0 + (n > 1 ? (double)i / (double)(n - 1) : 0.5) * w,
                        y0 + h - (y[i] - lo) / (hi - lo) * h);
        }
    }
    fputs("\"/>\n", f);
}

static void min_max(const double *y, size_t n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (y[i] == y[i] && isfinite(y[i])) {
            if (y[i] < *lo)
                *lo = y[i];
            if (y[i] > *hi)
                *hi = y[i];
        }
    if (*lo > *hi)
        *lo = 0, *hi = 1;
    if (*hi == *lo)
        *lo -= 0.5, *hi += 0.5;
    double pad = (*hi - *lo) * 0.04;
    *lo -= pad;
    *hi += pad;
}

#define MAX_TRADE_MARKS 2000u
#define MAX_TRADE_ROWS 1000u

/* Price (Close) with the trades, equity, drawdown: one SVG, a shared time axis. */
static void run_charts(FILE *f, const bt_series *s, const bt_run *run)
{
    const size_t n = s->n;
    const double x0 = ML, w = 1060, hp = 240, he = 200, hd = 110, gap = 34;
    const double yp = 20, ye = yp + hp + gap, yd = ye + he + gap, total = yd + hd + 44;
    double *dd = malloc(n * sizeof *dd);
    if (!dd || !n || run->n_bars != n) {
        free(dd);
        return;
    }
    double peak = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (run->equity[i] > peak)
            peak = run->equity[i];
        dd[i] = -(1 - run->equity[i] / peak) * 100;
    }
    fprintf(f, "<svg class=\"run\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n%s", x0 + w + MR, total,
            x0 + w + MR, total, SVG_STYLE);
    double lo, hi;
    /* price */
    min_max(s->close, n, &lo, &hi);
    fprintf(f, "<text x=\"%g\" y=\"%g\" class=\"lbl\">Close, with the trades (entries \xe2\x96\xb2 long, "
               "\xe2\x96\xbc short; lines to the exit: green won, red lost)</text>\n", x0, yp - 6);
    plot_frame(f, x0, yp, w, hp);
    y_axis(f, x0, yp, w, hp, lo, hi, "");
    series_line(f, s->close, n, x0, w, yp, hp, lo, hi, "close", "#444");
    const double dx = n > 1 ? w / (double)(n - 1) : 0;
    if (run->n_trades <= MAX_TRADE_MARKS) {
        fputs("<g class=\"trades\">\n", f);
        for (size_t t = 0; t < run->n_trades; t++) {
            const bt_trade *tr = &run->trades[t];
            double xa = x0 + tr->entry_bar * dx, xb = x0 + tr->exit_bar * dx;
            double ya = yp + hp - (tr->entry_price - lo) / (hi - lo) * hp;
            double yb = yp + hp - (tr->exit_price - lo) / (hi - lo) * hp;
            const char *col = tr->pnl > 0 ? "#1a9850" : "#d73027";
            fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\" "
                       "stroke-dasharray=\"3 2\"/>", xa, ya, xb, yb, col);
            if (tr->size > 0)
                fprintf(f, "<path d=\"M%.1f %.1fl-4 7h8z\" fill=\"%s\"><title>trade %zu: long %g at %g, PnL %.2f"
                           "</title></path>\n", xa, ya + 2, col, t + 1, tr->size, tr->entry_price, tr->pnl);
            else
                fprintf(f, "<path d=\"M%.1f %.1fl-4 -7h8z\" fill=\"%s\"><title>trade %zu: short %g at %g, PnL %.2f"
                           "</title></path>\n", xa, ya - 2, col, t + 1, -tr->size, tr->entry_price, tr->pnl);
        }
        fputs("</g>\n", f);
    } else {
        fprintf(f, "<text x=\"%g\" y=\"%g\">%zu trades: too many to mark (the table and --trades list them)</text>\n",
                x0 + 8, yp + 14, run->n_trades);
    }
    /* equity */
    min_max(run->equity, n, &lo, &hi);
    fprintf(f, "<text x=\"%g\" y=\"%g\" class=\"lbl\">Equity [$]</text>\n", x0, ye - 6);
    plot_frame(f, x0, ye, w, he);
    y_axis(f, x0, ye, w, he, lo, hi, "");
    series_line(f, run->equity, n, x0, w, ye, he, lo, hi, "equity", "#25559f");
    /* drawdown */
    min_max(dd, n, &lo, &hi);
    if (hi > 0)
        hi = 0;
    fprintf(f, "<text x=\"%g\" y=\"%g\" class=\"lbl\">Drawdown [%%]</text>\n", x0, yd - 6);
    plot_frame(f, x0, yd, w, hd);
    y_axis(f, x0, yd, w, hd, lo, hi, "%");
    series_line(f, dd, n, x0, w, yd, hd, lo, hi, "drawdown", "#d73027");
    /* the time axis */
    int dates_only = dates_only_labels(s);
    for (int k = 0; k <= 6 && n; k++) {
        size_t i = (size_t)llround((double)(n - 1) * k / 6.0);
        char b[48];
        time_label(s, i, dates_only, b, sizeof b);
        fprintf(f, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"%s\">%s</text>", x0 + i * dx, yd + hd + 16,
                k == 0 ? "start" : k == 6 ? "end" : "middle", b);
    }
    fputs("\n</svg>\n", f);
    free(dd);
}

static void stats_table(FILE *f, const bt_series *s, const bt_stats *st, const char *strategy_text)
{
    char b[64];
    fputs("<table class=\"stats\"><tbody>\n", f);
    for (int id = 0; id < BT_N_STATS; id++) {
        if (!st->present[id])
            continue;
        bt_format_stat(s, st, id, b, sizeof b);
        fputs("<tr><th>", f);
        esc(f, bt_stat_name(id));
        fprintf(f, "</th><td>%s</td></tr>\n", b);
    }
    fputs("<tr><th>_strategy</th><td>", f);
    esc(f, strategy_text);
    fputs("</td></tr>\n</tbody></table>\n", f);
}

static void trades_table(FILE *f, const bt_series *s, const bt_run *run)
{
    fprintf(f, "<table class=\"trades\"><thead><tr><th>#</th><th>Size</th><th>EntryBar</th><th>ExitBar</th>"
               "<th>EntryPrice</th><th>ExitPrice</th><th>SL</th><th>TP</th><th>PnL</th><th>ReturnPct</th>"
               "<th>EntryTime</th><th>ExitTime</th><th>Duration</th></tr></thead><tbody>\n");
    int dates_only = dates_only_labels(s);
    for (size_t t = 0; t < run->n_trades && t < MAX_TRADE_ROWS; t++) {
        const bt_trade *tr = &run->trades[t];
        char a[48], z[48], d[64], sl[32] = "", tp[32] = "";
        time_label(s, tr->entry_bar, dates_only, a, sizeof a);
        time_label(s, tr->exit_bar, dates_only, z, sizeof z);
        double dur = bt_time_diff(s->time[tr->entry_bar], s->time[tr->exit_bar]);
        if (s->is_datetime)
            bt_format_timedelta(dur, d, sizeof d);
        else
            snprintf(d, sizeof d, "%.0f", dur);
        if (tr->sl == tr->sl)
            snprintf(sl, sizeof sl, "%.6g", tr->sl);
        if (tr->tp == tr->tp)
            snprintf(tp, sizeof tp, "%.6g", tr->tp);
        fprintf(f, "<tr class=\"%s\"><td>%zu</td><td>%g</td><td>%zu</td><td>%zu</td><td>%.6g</td><td>%.6g</td>"
                   "<td>%s</td><td>%s</td><td>%.2f</td><td>%.3f%%</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                tr->pnl > 0 ? "won" : "lost", t + 1, tr->size, tr->entry_bar, tr->exit_bar, tr->entry_price,
                tr->exit_price, sl, tp, tr->pnl, tr->return_pct * 100, a, z, d);
    }
    fputs("</tbody></table>\n", f);
    if (run->n_trades > MAX_TRADE_ROWS)
        fprintf(f, "<p class=\"note\">The first %u of %zu trades; <code>--trades FILE.csv</code> writes them all.</p>\n",
                MAX_TRADE_ROWS, run->n_trades);
}

/* "SmaCross(n1=10,n2=20)", as backtesting.py prints stats._strategy */
static void strategy_text(const bt_strategy_info *st, const double *params, const int *types, char *buf, size_t cap)
{
    size_t len = (size_t)snprintf(buf, cap, "%s(", st->class_name ? st->class_name : st->name);
    for (size_t p = 0; p < st->n_params && len < cap; p++) {
        char v[64];
        bt_format_param(params[p], types[p], v, sizeof v);
        len += (size_t)snprintf(buf + len, cap - len, "%s%s=%s", p ? "," : "", st->param_names[p], v);
    }
    if (len < cap)
        snprintf(buf + len, cap - len, ")");
}

static void row(FILE *f, const char *name, const char *value)
{
    fprintf(f, "<tr><th>%s</th><td>", name);
    esc(f, value);
    fputs("</td></tr>\n", f);
}

/* The backtest settings in one row: "cash 10000, commission 0.002, spread 0, margin 1, hedging" */
static void settings_row(FILE *f, const bt_options *o)
{
    char b[512], fx[48] = "";
    if (o->fixed_commission)
        snprintf(fx, sizeof fx, " + %g per order", o->fixed_commission);
    snprintf(b, sizeof b, "cash %g, commission %g%s, spread %g, margin %g%s%s%s%s", o->cash, o->commission, fx,
             o->spread, o->margin, o->trade_on_close ? ", trade_on_close" : "", o->hedging ? ", hedging" : "",
             o->exclusive_orders ? ", exclusive_orders" : "", o->finalize_trades ? ", finalize_trades" : "");
    row(f, "Settings", b);
}

static void settings_table(FILE *f, const bt_report *r, const bt_report_run *run)
{
    const bt_cli *cli = run->cli;
    const bt_series *s = run->series;
    const bt_optimize_result *res = run->result;
    const bt_grid *g = r ? r->grid : NULL;
    char b[512], a[48], z[48];
    fputs("<table class=\"settings\"><tbody>\n", f);
    row(f, "Strategy", cli->strategy);
    row(f, "Data", cli->data);
    time_label(s, 0, 0, a, sizeof a);
    time_label(s, s->n - 1, 0, z, sizeof z);
    snprintf(b, sizeof b, "%zu bars, %s%s .. %s%s", s->n, a, s->tz, z, s->tz);
    row(f, "Bars", b);
    if (g) {
        for (size_t p = 0; p < cli->n_param_specs; p++)
            row(f, p ? "" : "Parameters", cli->param_specs[p]);
        if (cli->constraint)
            row(f, "Constraint", cli->constraint);
        snprintf(b, sizeof b, "%llu admissible of %llu (%llu without trades)", (unsigned long long)res->n_admissible,
                 (unsigned long long)(g->n_params ? g->n_product : 1), (unsigned long long)res->n_no_trades);
        if (cli->randomized)
            snprintf(b, sizeof b, "%llu sampled of %llu admissible of %llu (--max-tries %s, --random-state %llu)",
                     (unsigned long long)res->n_admissible, (unsigned long long)res->n_passing,
                     (unsigned long long)(g->n_params ? g->n_product : 1), cli->max_tries_text, cli->random_state);
        row(f, "Combinations", b);
        row(f, "Maximized", cli->maximize);
        if (cli->min_trades > 1) {
            snprintf(b, sizeof b, "%llu (%llu combinations had fewer: ranked as NaN)", cli->min_trades,
                     (unsigned long long)res->n_few_trades);
            row(f, "Minimum trades", b);
        }
        if (res->stopped) {
            snprintf(b, sizeof b, "interrupted after %llu of %llu combinations: this report describes those",
                     (unsigned long long)res->n_done, (unsigned long long)(g->n_params ? g->n_product : 1));
            row(f, "Stopped", b);
        }
    }
    settings_row(f, &cli->options);
    if (g) {
        double bar_combos = (double)res->n_admissible * (double)s->n;
        snprintf(b, sizeof b, "%s: %.3f s, %.4g bar\xc2\xb7" "combos/s", res->backend_used, run->t_search,
                 run->t_search > 0 ? bar_combos / run->t_search : 0.0);
        row(f, "Backend", b);
    }
    fputs("</tbody></table>\n", f);
}

static void top_table(FILE *f, const bt_report *r, const bt_report_run *run)
{
    const bt_optimize_result *res = run->result;
    static const int cols[] = {BT_STAT_RETURN, BT_STAT_N_TRADES, BT_STAT_WIN_RATE, BT_STAT_SHARPE, BT_STAT_MAX_DD};
    char v[64];
    fprintf(f, "<h2>The %zu best combinations</h2>\n<table class=\"top\"><thead><tr><th>rank</th>", res->n_top);
    for (size_t p = 0; p < r->grid->n_params; p++)
        fprintf(f, "<th>%s</th>", r->grid->params[p].name);
    fputs("<th>", f);
    esc(f, run->cli->maximize);
    fputs("</th>", f);
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        fputs("<th>", f);
        esc(f, bt_stat_name(cols[c]));
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t t = 0; t < res->n_top; t++) {
        const bt_top_entry *e = &res->top[t];
        fprintf(f, "<tr><td>%zu</td>", t + 1);
        for (size_t p = 0; p < r->grid->n_params; p++) {
            bt_format_param(e->values[p], e->types[p], v, sizeof v);
            fprintf(f, "<td>%s</td>", v);
        }
        fmt_num(e->value, v, sizeof v);
        fprintf(f, "<td>%s</td>", v);
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
            fprintf(f, "<td>%.6g</td>", e->stats.v[cols[c]]);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static const char PAGE_STYLE[] =
    "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;margin:24px auto;max-width:1240px;"
    "padding:0 16px}h1{font-size:22px;margin:0 0 4px}h3{font-size:15px;margin:18px 0 6px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;"
    "padding-bottom:4px}.sub{color:#666;margin:0 0 16px}table{border-collapse:collapse;font-variant-numeric:"
    "tabular-nums}th,td{padding:3px 10px;text-align:left;border-bottom:1px solid #eee}table.stats td,table.trades td,"
    "table.top td,table.windows td{text-align:right}table.trades tr.won td:nth-child(9){color:#1a7a43}table.trades tr.lost "
    "td:nth-child(9){color:#c0262d}thead th{background:#f4f4f4;position:sticky;top:0}.cols{display:flex;gap:40px;"
    "flex-wrap:wrap;align-items:flex-start}.note{color:#666}.scroll{max-height:520px;overflow:auto;border:1px solid "
    "#eee}svg{display:block;max-width:100%;height:auto}code{background:#f4f4f4;padding:0 3px}\n";

static const char *strategy_name(const bt_strategy_info *st)
{
    return st->class_name ? st->class_name : st->name;
}

/* <!DOCTYPE ...> to the <h1>: "WHAT of CLASS on DATA". */
static void page_begin(FILE *f, const char *what, const bt_strategy_info *st, const char *data)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>btgpu: ", f);
    esc(f, strategy_name(st));
    fputs(" on ", f);
    esc(f, data);
    fprintf(f, "</title>\n<meta name=\"generator\" content=\"btgpu %s\">\n<style>%s</style>\n</head>\n<body>\n",
            BTGPU_VERSION, PAGE_STYLE);
    fprintf(f, "<h1>%s of ", what);
    esc(f, strategy_name(st));
    fputs(" on ", f);
    esc(f, data);
    fputs("</h1>\n", f);
}

static int page_end(FILE *f)
{
    fputs("</body>\n</html>\n", f);
    return ferror(f) ? BT_ERR_IO : BT_OK;
}

/* "Best: n1=10, n2=20 (KEY = V)" */
static void best_line(FILE *f, const bt_grid *g, const double *values, const int *types, const char *key, double value)
{
    char v[64];
    fputs("<p class=\"sub\">Best: ", f);
    for (size_t p = 0; p < g->n_params; p++) {
        bt_format_param(values[p], types[p], v, sizeof v);
        fprintf(f, "%s%s=%s", p ? ", " : "", g->params[p].name, v);
    }
    fmt_num(value, v, sizeof v);
    fputs(" (", f);
    esc(f, key);
    fprintf(f, " = %s) \xc2\xb7 btgpu %s</p>\n", v, BTGPU_VERSION);
}

static void heatmap_section(FILE *f, const bt_report *r, const double *best)
{
    if (!r || !r->n_swept)
        return;
    fprintf(f, "<h2>%s</h2>\n", r->n_swept == 1 ? "The sweep" : "Heatmaps");
    if (r->n_swept > 2) {
        fprintf(f, "<p class=\"note\">Each cell is the %s of ", AGG_NAME[r->agg]);
        esc(f, r->key);
        fputs(" over the other parameters' values (<code>--report-agg max|mean|min</code>). Hover a cell for its "
              "value.</p>\n", f);
    }
    for (size_t k = 0; k < r->n_cells; k++)
        if (r->cells[k].nx < r->axis[r->cells[k].a].n ||
            (r->cells[k].b >= 0 && r->cells[k].ny < r->axis[r->cells[k].b].n)) {
            fputs("<p class=\"note\">Axes with many values are drawn with consecutive values sharing a cell "
                  "(its tooltip gives the range).</p>\n", f);
            break;
        }
    heatmaps_svg(f, r, best, 0);
}

/* A run's charts, statistics and trades under heading h2. */
static void run_section(FILE *f, const char *heading, const bt_series *s, const bt_strategy_info *st,
                        const bt_optimize_result *res)
{
    char strat[1024];
    strategy_text(st, res->best_params, res->best_param_types, strat, sizeof strat);
    fputs("<h2>", f);
    esc(f, heading);
    fputs("</h2>\n", f);
    run_charts(f, s, &res->best_run);
    fputs("<div class=\"cols\"><div><h3>Statistics</h3>\n", f);
    stats_table(f, s, &res->best_stats, strat);
    fprintf(f, "</div><div><h3>Trades (%zu)</h3>\n<div class=\"scroll\">\n", res->best_run.n_trades);
    trades_table(f, s, &res->best_run);
    fputs("</div></div></div>\n", f);
}

int bt_report_write_html(FILE *f, const bt_report *r, const bt_report_run *run)
{
    const bt_cli *cli = run->cli;
    const bt_optimize_result *res = run->result;
    page_begin(f, r ? (cli->randomized ? "Random search" : "Grid search") : "Backtest", run->strategy, cli->data);
    if (r) {
        best_line(f, r->grid, res->best_values, res->best_types, cli->maximize, res->best_value);
    } else {
        char strat[1024];
        strategy_text(run->strategy, res->best_params, res->best_param_types, strat, sizeof strat);
        fputs("<p class=\"sub\">", f);
        esc(f, strat);
        fprintf(f, " \xc2\xb7 btgpu %s</p>\n", BTGPU_VERSION);
    }
    fputs("<h2>Search</h2>\n", f);
    settings_table(f, r, run);
    heatmap_section(f, r, bt_report_best(res));
    if (r && res->n_top)
        top_table(f, r, run);
    run_section(f, r ? "The best run" : "The run", run->series, run->strategy, res);
    return page_end(f);
}

/* ------------------------------------------------------------------ several assets */

/* Rows of name/value pairs (a first column of names, one column per asset). */
static void settings_common(FILE *f, const bt_cli *cli)
{
    row(f, "Strategy", cli->strategy);
    for (size_t p = 0; p < cli->n_param_specs; p++)
        row(f, p ? "" : "Parameters", cli->param_specs[p]);
    if (cli->constraint)
        row(f, "Constraint", cli->constraint);
    row(f, "Maximized", cli->maximize);
    settings_row(f, &cli->options);
}

int bt_report_write_assets_html(FILE *f, const bt_report *r, const bt_report_assets *a)
{
    const bt_cli *cli = a->cli;
    char b[512], t0[48], t1[48];
    snprintf(b, sizeof b, "%zu assets", a->n);
    page_begin(f, "Grid search", a->strategy, b);
    best_line(f, r->grid, a->best_values, a->best_types, r->key, a->best_value);
    fputs("<h2>Search</h2>\n<table class=\"settings\"><tbody>\n", f);
    for (size_t k = 0; k < a->n; k++) {
        const bt_series *s = &a->series[k];
        time_label(s, 0, 0, t0, sizeof t0);
        time_label(s, s->n - 1, 0, t1, sizeof t1);
        snprintf(b, sizeof b, "%s: %s, %zu bars, %s%s .. %s%s", a->names[k], a->paths[k], s->n, t0, s->tz, t1, s->tz);
        row(f, k ? "" : "Assets", b);
    }
    settings_common(f, cli);
    snprintf(b, sizeof b, "%llu on each asset; chosen by the %s over the assets (--aggregate)",
             (unsigned long long)a->n_rows, cli->aggregate);
    row(f, "Combinations", b);
    fputs("</tbody></table>\n", f);
    heatmap_section(f, r, a->best_value == a->best_value ? a->best_values : NULL);
    /* the chosen combination's statistics, a column per asset */
    fputs("<h2>The chosen combination on every asset</h2>\n<table class=\"stats\"><thead><tr><th></th>", f);
    for (size_t k = 0; k < a->n; k++) {
        fputs("<th>", f);
        esc(f, a->names[k]);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (int id = 0; id < BT_N_STATS; id++) {
        int any = 0;
        for (size_t k = 0; k < a->n; k++)
            any |= a->fin[k].best_stats.present[id];
        if (!any)
            continue;
        fputs("<tr><th>", f);
        esc(f, bt_stat_name(id));
        fputs("</th>", f);
        for (size_t k = 0; k < a->n; k++) {
            char v[64] = "";
            if (a->fin[k].best_stats.present[id])
                bt_format_stat(&a->series[k], &a->fin[k].best_stats, id, v, sizeof v);
            fprintf(f, "<td>%s</td>", v);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    for (size_t k = 0; k < a->n; k++) {
        snprintf(b, sizeof b, "%s (%s)", a->names[k], a->paths[k]);
        run_section(f, b, &a->series[k], a->strategy, &a->fin[k]);
    }
    return page_end(f);
}

/* ------------------------------------------------------------------ walk-forward */

void bt_report_wf_begin(FILE *f, const bt_cli *cli, const bt_strategy_info *st, size_t n_assets)
{
    char b[256];
    if (n_assets > 1)
        snprintf(b, sizeof b, "%zu assets", n_assets);
    page_begin(f, "Walk-forward optimization", st, n_assets > 1 ? b : cli->data);
    fprintf(f, "<p class=\"sub\">btgpu %s</p>\n<h2>Search</h2>\n<table class=\"settings\"><tbody>\n", BTGPU_VERSION);
    snprintf(b, sizeof b, "train %s, test %s, step %s%s", cli->wf_train, cli->wf_test,
             cli->wf_step ? cli->wf_step : cli->wf_test, cli->wf_anchored ? ", anchored (every train window starts "
             "at the first bar)" : "");
    row(f, "Windows", b);
    settings_common(f, cli);
    fputs("</tbody></table>\n", f);
}

/* The chosen value of one parameter in each window. */
static void stability_chart(FILE *f, const bt_grid *g, size_t p, const bt_optimize_result *is, size_t nw)
{
    const double x0 = 56, w = 300, y0 = 22, h = 120;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < nw; k++) {
        double v = is[k].best_values[p];
        if (isfinite(v)) {
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    for (size_t i = 0; i < g->params[p].n_values; i++) { /* the whole axis, so that the swept range shows */
        double v = g->params[p].values[i];
        if (isfinite(v)) {
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
    }
    if (!(lo < hi))
        lo -= 0.5, hi += 0.5;
    double pad = (hi - lo) * 0.06;
    lo -= pad;
    hi += pad;
    fprintf(f, "<svg class=\"stability\" data-param=\"%s\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\">\n%s",
            g->params[p].name, x0 + w + 12, y0 + h + 34, x0 + w + 12, y0 + h + 34, SVG_STYLE);
    fprintf(f, "<text x=\"%g\" y=\"14\" class=\"lbl\">%s chosen in each window</text>\n", x0, g->params[p].name);
    plot_frame(f, x0, y0, w, h);
    y_axis(f, x0, y0, w, h, lo, hi, "");
    fputs("<polyline fill=\"none\" stroke=\"#25559f\" stroke-width=\"1.2\" points=\"", f);
    for (size_t k = 0; k < nw; k++)
        fprintf(f, "%.1f,%.1f ", x0 + (nw > 1 ? (double)k / (double)(nw - 1) : 0.5) * w,
                y0 + h - (is[k].best_values[p] - lo) / (hi - lo) * h);
    fputs("\"/>\n", f);
    char v[64];
    for (size_t k = 0; k < nw; k++) {
        bt_format_param(is[k].best_values[p], is[k].best_types[p], v, sizeof v);
        fprintf(f, "<circle class=\"choice\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#25559f\"><title>window %zu: "
                   "%s=%s</title></circle>\n", x0 + (nw > 1 ? (double)k / (double)(nw - 1) : 0.5) * w,
                y0 + h - (is[k].best_values[p] - lo) / (hi - lo) * h, k + 1, g->params[p].name, v);
    }
    size_t step = nw > 10 ? (nw + 9) / 10 : 1;
    for (size_t k = 0; k < nw; k += step)
        fprintf(f, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"middle\">%zu</text>",
                x0 + (nw > 1 ? (double)k / (double)(nw - 1) : 0.5) * w, y0 + h + 15, k + 1);
    fprintf(f, "\n<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">window</text>\n</svg>\n", x0 + w / 2, y0 + h + 30);
}

/* The out-of-sample equity of the windows in sequence, each test compounded on the ones before. */
static void oos_chart(FILE *f, const bt_series *s, const bt_report_window *win, size_t nw,
                      const bt_optimize_result *oos, double cash)
{
    size_t n = 0;
    for (size_t k = 0; k < nw; k++)
        n += oos[k].best_run.n_bars;
    double *y = malloc((n ? n : 1) * sizeof *y);
    size_t *start = malloc((nw ? nw : 1) * sizeof *start);
    if (!y || !start || !n) {
        free(y);
        free(start);
        return;
    }
    double growth = 1;
    size_t at = 0;
    for (size_t k = 0; k < nw; k++) {
        const bt_run *r = &oos[k].best_run;
        start[k] = at;
        for (size_t i = 0; i < r->n_bars; i++)
            y[at++] = r->equity[i] / cash * growth * cash;
        growth *= r->equity[r->n_bars - 1] / cash;
    }
    const double x0 = ML, w = 1060, y0 = 22, h = 240;
    double lo, hi;
    min_max(y, n, &lo, &hi);
    fprintf(f, "<svg class=\"oos\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\">\n%s", x0 + w + MR, y0 + h + 40,
            x0 + w + MR, y0 + h + 40, SVG_STYLE);
    fprintf(f, "<text x=\"%g\" y=\"14\" class=\"lbl\">Out-of-sample equity [$], the test windows in sequence, "
               "compounded (%.4f%% in all)</text>\n", x0, (growth - 1) * 100);
    plot_frame(f, x0, y0, w, h);
    y_axis(f, x0, y0, w, h, lo, hi, "");
    const double dx = n > 1 ? w / (double)(n - 1) : 0;
    size_t step = nw > 12 ? (nw + 11) / 12 : 1;
    int dates_only = dates_only_labels(s);
    for (size_t k = 0; k < nw; k++) {
        double x = x0 + start[k] * dx;
        fprintf(f, "<line class=\"window\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%g\" y2=\"%g\" stroke=\"#bbb\" "
                   "stroke-dasharray=\"2 3\"><title>window %zu</title></line>", x, x, y0, y0 + h, k + 1);
        if (k % step == 0) {
            char b[48];
            time_label(s, win[k].b, dates_only, b, sizeof b);
            fprintf(f, "<text x=\"%.1f\" y=\"%g\" text-anchor=\"%s\">%s</text>", x, y0 + h + 15,
                    k == 0 ? "start" : "middle", b);
        }
    }
    fputc('\n', f);
    series_line(f, y, n, x0, w, y0, h, lo, hi, "equity", "#25559f");
    fputs("</svg>\n", f);
    free(y);
    free(start);
}

void bt_report_wf_asset(FILE *f, const bt_cli *cli, const bt_grid *g, int key, const char *name, const char *data,
                        const bt_series *s, const bt_report_window *w, size_t nw, const bt_optimize_result *is,
                        const bt_optimize_result *oos)
{
    char v[64], a[48], b[48];
    int dates_only = dates_only_labels(s);
    fputs("<h2>", f);
    if (name) {
        esc(f, name);
        fputs(" (", f);
        esc(f, data);
        fputs("): ", f);
    }
    fprintf(f, "%zu windows</h2>\n", nw);
    oos_chart(f, s, w, nw, oos, cli->options.cash);
    fputs("<h3>Parameter stability</h3>\n<div class=\"cols\">\n", f);
    for (size_t p = 0; p < g->n_params; p++)
        if (g->params[p].n_values > 1)
            stability_chart(f, g, p, is, nw);
    fputs("</div>\n<h3>The windows</h3>\n<div class=\"scroll\"><table class=\"windows\"><thead><tr><th>window</th>"
          "<th>train</th><th>test</th>", f);
    for (size_t p = 0; p < g->n_params; p++)
        fprintf(f, "<th>%s</th>", g->params[p].name);
    fputs("<th>in-sample ", f);
    esc(f, bt_stat_name(key));
    fputs("</th><th>out-of-sample ", f);
    esc(f, bt_stat_name(key));
    fputs("</th><th>Return [%]</th><th># Trades</th></tr></thead><tbody>\n", f);
    for (size_t k = 0; k < nw; k++) {
        fprintf(f, "<tr><td>%zu</td>", k + 1);
        time_label(s, w[k].a, dates_only, a, sizeof a);
        time_label(s, w[k].b - 1, dates_only, b, sizeof b);
        fprintf(f, "<td>%s .. %s</td>", a, b);
        time_label(s, w[k].b, dates_only, a, sizeof a);
        time_label(s, w[k].c - 1, dates_only, b, sizeof b);
        fprintf(f, "<td>%s .. %s</td>", a, b);
        for (size_t p = 0; p < g->n_params; p++) {
            bt_format_param(is[k].best_values[p], is[k].best_types[p], v, sizeof v);
            fprintf(f, "<td>%s</td>", v);
        }
        fmt_num(is[k].best_value, v, sizeof v);
        fprintf(f, "<td>%s</td>", v);
        fmt_num(bt_stats_rank_value(&oos[k].best_stats, key), v, sizeof v);
        fprintf(f, "<td>%s</td><td>%.4f</td><td>%.0f</td></tr>\n", v, oos[k].best_stats.v[BT_STAT_RETURN],
                oos[k].best_stats.v[BT_STAT_N_TRADES]);
    }
    fputs("</tbody></table></div>\n", f);
}

int bt_report_wf_end(FILE *f)
{
    return page_end(f);
}
