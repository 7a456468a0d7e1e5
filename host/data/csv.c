/* csv.c - bt_series_load_csv: a CSV in backtesting.py's layout, read with
 * libcsv into a bt_series. Every error names file:line:column.
 *
 * Line numbers. The file is handed to libcsv one physical line at a time (a
 * line ends at "\n", "\r\n" or a lone "\r"), so while a libcsv callback runs,
 * loader.line is the line of the byte that ended the field. The field began
 * that many lines earlier as it holds line breaks itself (only quoted fields
 * can), which keeps line numbers right across CRLF files, blank lines (libcsv
 * skips them) and quoted fields that span lines.
 *
 * Parsing is strict (CSV_STRICT | CSV_STRICT_FINI): a quote inside an
 * unquoted field, text after a closing quote and an unterminated quote are
 * errors. Fields arrive NUL-terminated (CSV_APPEND_NULL) in libcsv's buffer,
 * which the callbacks may modify (libcsv's documented contract); they trim
 * surrounding white space in place. */
#include "btgpu.h"
#include "series_internal.h"
#include "csv_mem.h"
#include "timestamp.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define READ_SIZE (64 * 1024)
#define QUOTE_MAX 48   /* characters of an offending value quoted in a message */
#define LABEL_MAX 96
#define ESTIMATE_AT 4096 /* rows read before the row count is estimated from the file size */
#define NAMES_KEPT 64  /* header names kept for messages (and every role column's) */

/* What a column holds. Column 0 is always the index, whatever its name. */
enum col_role { ROLE_IGNORE, ROLE_INDEX, ROLE_OPEN, ROLE_HIGH, ROLE_LOW, ROLE_CLOSE, ROLE_VOLUME, N_ROLES };
static const char *const role_name[N_ROLES] = {"", "", "Open", "High", "Low", "Close", "Volume"};
#define N_VALUE_ROLES 5 /* ROLE_OPEN .. ROLE_VOLUME, stored in csv_rows.value[role - ROLE_OPEN] */

enum index_kind { INDEX_UNKNOWN, INDEX_DATETIME, INDEX_INTEGER };

/* Parsed data rows, grown geometrically. Row n (not yet counted) is the one
 * being filled. */
typedef struct csv_rows {
    size_t n, cap;
    int64_t *time;
    double *value[N_VALUE_ROLES]; /* open, high, low, close, volume */
} csv_rows;

typedef struct csv_loader {
    const char *path;
    char sep;
    bt_error *err;
    int status;           /* first error; once set, callbacks do nothing */
    size_t line;          /* line of the byte being parsed (the first line is 1) */
    int pending_cr;       /* the last chunk ended in '\r'; a '\n' may follow */
    size_t row;           /* rows completed so far, the header included */
    size_t col;           /* fields completed so far in the current row */
    size_t row_line;      /* line where the current row began */
    size_t header_line;
    size_t n_cols;        /* header fields */
    /* Nothing is kept per header column beyond the first NAMES_KEPT (for
     * messages): a header of millions of columns costs no more memory. */
    char *names[NAMES_KEPT];     /* the first header names, trimmed */
    size_t role_col[N_ROLES];    /* column + 1 holding each role; 0: none */
    char *role_text[N_ROLES];    /* a role column's name when past NAMES_KEPT */
    size_t last_used;            /* the last column holding a role */
    int has_volume;
    int index_kind;       /* enum index_kind, fixed by the first data row */
    size_t index_kind_line;
    bt_ts_layout ts;      /* how the first row's timestamp is written (every row must agree) */
    int out_of_order;     /* some row's time is below the previous row's */
    size_t first_dup_line;/* while in order: line of the first row repeating the previous time */
    size_t find_row;      /* line_of_row's mode: row (header = 0) whose line is wanted, else 0 */
    size_t found_line;
    size_t file_size;     /* bytes in the file; 0 when unknown (a pipe) */
    const char *mem;      /* the text when loading from memory (bt_series_load_csv_mem), else NULL */
    size_t mem_len;
    size_t fed;           /* bytes handed to libcsv so far */
    csv_rows rows;
} csv_loader;

/* ------------------------------------------------------------------ errors */

/* Records "PATH:LINE:COL: <message>" (":COL" left out when col is 0) as
 * the loader's error unless one is already recorded. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void fail_at(csv_loader *L, int status, size_t line, size_t col, const char *fmt, ...)
{
    char what[800];
    va_list ap;
    if (L->status)
        return;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (col)
        bt_error_set(L->err, status, "%s:%zu:%zu: %s", L->path, line, col, what);
    else
        bt_error_set(L->err, status, "%s:%zu: %s", L->path, line, what);
    L->status = status;
}

static void fail_nomem(csv_loader *L)
{
    if (L->status)
        return;
    bt_error_set(L->err, BT_ERR_NOMEM, "%s:%zu: out of memory", L->path, L->line);
    L->status = BT_ERR_NOMEM;
}

/* Copies at most QUOTE_MAX characters of s into buf for quoting in a message:
 * line breaks become "\n", other control characters '?', "..." marks a cut. */
static const char *quote_text(char *buf, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 6 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (i == QUOTE_MAX) {
            memcpy(buf + o, "...", 3);
            o += 3;
            break;
        }
        if (ch == '\n' || ch == '\r') {
            buf[o++] = '\\';
            buf[o++] = ch == '\n' ? 'n' : 'r';
        } else {
            buf[o++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
        }
    }
    buf[o] = '\0';
    return buf;
}

/* The header name of column c, or NULL when it was not kept (past
 * NAMES_KEPT and holding no role) or c is past the header. */
static const char *name_of(const csv_loader *L, size_t c)
{
    if (c >= L->n_cols)
        return NULL;
    if (c < NAMES_KEPT)
        return L->names[c];
    for (int r = 0; r < N_ROLES; r++)
        if (L->role_col[r] == c + 1)
            return L->role_text[r];
    return NULL;
}

/* The role of column c (every data cell asks: a few comparisons). */
static int role_at(const csv_loader *L, size_t c)
{
    if (c > L->last_used)
        return ROLE_IGNORE;
    for (int r = ROLE_INDEX; r < N_ROLES; r++)
        if (L->role_col[r] == c + 1)
            return r;
    return ROLE_IGNORE;
}

/* "column 'High'", or "index column" / "unnamed column" for empty names. */
static const char *column_label(const csv_loader *L, size_t c, char *buf, size_t cap)
{
    const char *name = name_of(L, c);
    char q[QUOTE_MAX + 8];
    if (name && name[0])
        snprintf(buf, cap, "column '%s'", quote_text(q, sizeof q, name, strlen(name)));
    else if (c == 0)
        snprintf(buf, cap, "index column");
    else if (c < L->n_cols && !name)
        snprintf(buf, cap, "column %zu", c + 1);
    else if (c < L->n_cols)
        snprintf(buf, cap, "unnamed column");
    else
        snprintf(buf, cap, "extra column");
    return buf;
}

/* Records "PATH:LINE:COL: column 'X': '<value>' <what>" for cell c. */
/* digits, one comma, digits (104,06): a number written with a decimal comma */
static int decimal_comma(const char *s, size_t len)
{
    size_t i = 0, commas = 0, digits = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    for (; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] == ',' && digits)
            commas++;
        else
            return 0;
    }
    return commas == 1 && s[len - 1] != ',';
}

static void fail_cell(csv_loader *L, size_t line, size_t c, const char *value, size_t len, const char *what)
{
    char label[LABEL_MAX], q[QUOTE_MAX + 8];
    fail_at(L, BT_ERR_DATA, line, c + 1, "%s: '%s' %s", column_label(L, c, label, sizeof label),
            quote_text(q, sizeof q, value, len), what);
}

/* ------------------------------------------------------------------ cells */

/* Line breaks in s ("\n", "\r\n" and a lone "\r" count one each). */
static size_t count_breaks(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
            n++;
    return n;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\v' || ch == '\f';
}

/* Trims white space around the field in place; the result stays
 * NUL-terminated (s[len] exists: CSV_APPEND_NULL). */
static char *trim(char *s, size_t *len)
{
    size_t a = 0, b = *len;
    while (a < b && is_blank(s[a]))
        a++;
    while (b > a && is_blank(s[b - 1]))
        b--;
    s[b] = '\0';
    *len = b - a;
    return s + a;
}

enum num_result { NUM_OK, NUM_EMPTY, NUM_NAN, NUM_INF, NUM_BAD };

/* pandas' default missing-value strings that strtod does not read as NaN. */
static int is_na_token(const char *s)
{
    static const char *const tokens[] = {"#N/A", "#N/A N/A", "#NA",  "-1.#IND", "-1.#QNAN", "1.#IND",
                                         "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "None", "n/a", "null"};
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
        if (strcmp(s, tokens[i]) == 0)
            return 1;
    return 0;
}

/* The common plain decimal ([+-]digits[.digits][e[+-]digits]) whose
 * digits make an integer M <= 2^53 and whose value is M * 10^E with
 * |E| <= 22: M and 10^|E| are exact doubles, so one multiplication or
 * division rounds correctly, to strtod's result (Clinger's fast path).
 * Returns 0 for anything else, which strtod then reads. */
static int parse_plain_decimal(const char *s, size_t len, double *out)
{
    static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const char *p = s, *end = s + len;
    int neg = 0, digits = 0, e = 0;
    uint64_t m = 0;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    for (; p < end && *p >= '0' && *p <= '9'; p++, digits++) {
        if (m > (UINT64_C(1) << 53) / 10 + 1)
            return 0;
        m = m * 10 + (uint64_t)(*p - '0');
    }
    if (p < end && *p == '.')
        for (p++; p < end && *p >= '0' && *p <= '9'; p++, digits++, e--) {
            if (m > (UINT64_C(1) << 53) / 10 + 1)
                return 0;
            m = m * 10 + (uint64_t)(*p - '0');
        }
    if (digits == 0 || m > (UINT64_C(1) << 53))
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        int eneg = 0, x = 0, xd = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        for (; p < end && *p >= '0' && *p <= '9' && x < 1000; p++, xd++)
            x = x * 10 + (*p - '0');
        if (xd == 0)
            return 0;
        e += eneg ? -x : x;
    }
    if (p != end || e < -22 || e > 22)
        return 0;
    double v = (double)m;
    v = e < 0 ? v / pow10[-e] : v * pow10[e];
    *out = neg ? -v : v;
    return 1;
}

/* Parses a trimmed, NUL-terminated cell as a decimal number, correctly
 * rounded (the plain fast path, else strtod). The whole cell must be
 * consumed; hexadecimal floats are refused. NaN spellings give NUM_NAN with
 * *out = NaN. */
static int parse_number(const char *s, size_t len, double *out)
{
    char *end;
    if (len == 0)
        return NUM_EMPTY;
    if (parse_plain_decimal(s, len, out))
        return NUM_OK;
    double x = strtod(s, &end);
    if (end != s + len) {
        if (!is_na_token(s))
            return NUM_BAD;
        *out = NAN;
        return NUM_NAN;
    }
    if (strpbrk(s, "xX"))
        return NUM_BAD;
    *out = x;
    if (isnan(x))
        return NUM_NAN;
    return isinf(x) ? NUM_INF : NUM_OK;
}

/* An Open/High/Low/Close cell: a finite number. */
static void price_cell(csv_loader *L, size_t c, char *s, size_t len, size_t line, double *out)
{
    char label[LABEL_MAX];
    switch (parse_number(s, len, out)) {
    case NUM_OK:
        return;
    case NUM_EMPTY:
        fail_at(L, BT_ERR_DATA, line, c + 1, "%s: empty value (prices must be finite numbers)",
                column_label(L, c, label, sizeof label));
        return;
    case NUM_NAN:
        fail_cell(L, line, c, s, len, "is not a finite number (NaN prices are not allowed)");
        return;
    case NUM_INF:
        fail_cell(L, line, c, s, len, "is not a finite number");
        return;
    default:
        fail_cell(L, line, c, s, len, decimal_comma(s, len)
                  ? "is not a number (a decimal comma? numbers need a '.' decimal point, as pandas reads them)"
                  : "is not a number");
        return;
    }
}

/* A Volume cell: a finite number, or empty / NaN for a missing volume. */
static void volume_cell(csv_loader *L, size_t c, char *s, size_t len, size_t line, double *out)
{
    switch (parse_number(s, len, out)) {
    case NUM_OK:
        return;
    case NUM_EMPTY:
    case NUM_NAN:
        *out = NAN;
        return;
    case NUM_INF:
        fail_cell(L, line, c, s, len, "is not a finite number");
        return;
    default:
        fail_cell(L, line, c, s, len, "is not a number");
        return;
    }
}

/* 1 when s is an optional sign followed by decimal digits only. */
static int looks_integer(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

/* "YYYY-MM-DD with UTC offset +05:30", "MM/DD/YYYY without a UTC offset" */
static void ts_describe(const bt_ts_layout *t, char *buf, size_t cap)
{
    char off[16] = "";
    if (t->has_offset)
        bt_format_offset(t->offset_min, off, sizeof off);
    snprintf(buf, cap, t->order == 'Y' ? "YYYY%cMM%cDD %s%s" : "MM%cDD%cYYYY %s%s", t->sep, t->sep,
             t->has_offset ? "with UTC offset " : "without a UTC offset", off);
}

/* The index cell: a date/datetime or an integer; every row must agree. */
static void index_cell(csv_loader *L, char *s, size_t len, size_t line, int64_t *out)
{
    static const char *const kind_name[] = {"", "a date", "an integer"};
    char label[LABEL_MAX], why[160], q[QUOTE_MAX + 8];
    int kind;
    if (len == 0) {
        fail_at(L, BT_ERR_DATA, line, 1, "%s: empty value (every row needs a date or an integer index)",
                column_label(L, 0, label, sizeof label));
        return;
    }
    if (looks_integer(s)) {
        errno = 0;
        long long v = strtoll(s, NULL, 10);
        if (errno == ERANGE) {
            fail_cell(L, line, 0, s, len, "is out of range for an integer index");
            return;
        }
        *out = (int64_t)v;
        kind = INDEX_INTEGER;
    } else {
        bt_ts_layout lay;
        int r = bt_parse_timestamp(s, len, out, &lay, why, sizeof why);
        if (r == BT_TS_SHAPE) {
            fail_cell(L, line, 0, s, len, "is not a date (YYYY-MM-DD, YYYY/MM/DD or MM/DD/YYYY, then optionally "
                      "HH:MM[:SS] and a UTC offset) or an integer");
            return;
        }
        if (r == BT_TS_INVALID) {
            fail_at(L, BT_ERR_DATA, line, 1, "%s: '%s' is not a valid date: %s",
                    column_label(L, 0, label, sizeof label), quote_text(q, sizeof q, s, len), why);
            return;
        }
        kind = INDEX_DATETIME;
        if (L->index_kind == INDEX_UNKNOWN) {
            L->ts = lay;
        } else if (L->index_kind == INDEX_DATETIME &&
                   (lay.order != L->ts.order || lay.sep != L->ts.sep || lay.has_offset != L->ts.has_offset ||
                    lay.offset_min != L->ts.offset_min)) {
            /* pandas reads a column of mixed layouts or offsets as text, not as a DatetimeIndex */
            char w1[40], w2[40];
            ts_describe(&lay, w1, sizeof w1);
            ts_describe(&L->ts, w2, sizeof w2);
            fail_at(L, BT_ERR_DATA, line, 1, "%s: '%s' is written %s, but the dates from line %zu on are %s; every "
                    "date of an index must be written one way (pandas reads a mixed column as text)",
                    column_label(L, 0, label, sizeof label), quote_text(q, sizeof q, s, len), w1,
                    L->index_kind_line, w2);
            return;
        }
    }
    if (L->index_kind == INDEX_UNKNOWN) {
        L->index_kind = kind;
        L->index_kind_line = line;
    } else if (L->index_kind != kind) {
        fail_at(L, BT_ERR_DATA, line, 1, "%s: '%s' is %s, but the index on line %zu is %s; an index must be all dates or all integers",
                column_label(L, 0, label, sizeof label), quote_text(q, sizeof q, s, len), kind_name[kind],
                L->index_kind_line, kind_name[L->index_kind]);
    }
}

/* ------------------------------------------------------------------ rows */

/* Makes room for at least need rows (capacity doubles; sizes are checked). */
static int rows_reserve(csv_rows *r, size_t need)
{
    size_t cap = r->cap ? r->cap : 1024;
    void *p;
    if (need <= r->cap)
        return BT_OK;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return BT_ERR_NOMEM;
        cap *= 2;
    }
    if (cap > SIZE_MAX / sizeof(int64_t))
        return BT_ERR_NOMEM;
    /* Each pointer is stored as soon as it moves, so a failure midway
     * leaves every array valid (and at least r->cap long). */
    if (!(p = realloc(r->time, cap * sizeof *r->time)))
        return BT_ERR_NOMEM;
    r->time = p;
    for (int k = 0; k < N_VALUE_ROLES; k++) {
        if (!(p = realloc(r->value[k], cap * sizeof *r->value[k])))
            return BT_ERR_NOMEM;
        r->value[k] = p;
    }
    r->cap = cap;
    return BT_OK;
}

static void rows_free(csv_rows *r)
{
    free(r->time);
    for (int k = 0; k < N_VALUE_ROLES; k++)
        free(r->value[k]);
    memset(r, 0, sizeof *r);
}

/* Stable bottom-up merge sort of the row permutation perm by key[perm[i]]. */
static void merge_sort(size_t *perm, size_t *tmp, size_t n, const int64_t *key)
{
    size_t *a = perm, *b = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = mid + width < n ? mid + width : n;
            size_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                b[o++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++]; /* ties: left first */
            while (i < mid)
                b[o++] = a[i++];
            while (j < hi)
                b[o++] = a[j++];
        }
        size_t *t = a;
        a = b;
        b = t;
    }
    if (a != perm)
        memcpy(perm, a, n * sizeof *perm);
}

/* base[i] = old base[perm[i]] for n elements of size bytes. */
static void permute(void *base, size_t size, const size_t *perm, size_t n, unsigned char *scratch)
{
    unsigned char *b = base;
    for (size_t i = 0; i < n; i++)
        memcpy(scratch + i * size, b + perm[i] * size, size);
    memcpy(b, scratch, n * size);
}

/* Sorts the rows by time, stably (ties keep file order). *dup_row: the
 * file's data row (0-based) of the first row, in sorted order, that repeats
 * the previous time; SIZE_MAX if none. Peak: two size_t per row besides the
 * rows (the merge sort's buffer then serves as the permutation's scratch). */
static int rows_sort(csv_rows *r, size_t *dup_row)
{
    size_t n = r->n;
    size_t *perm = malloc(n * sizeof *perm), *tmp = malloc(n * sizeof *tmp);
    _Static_assert(sizeof(size_t) >= sizeof(int64_t) && sizeof(size_t) >= sizeof(double),
                   "the sort's buffer holds any column's elements");
    if (!perm || !tmp) {
        free(perm);
        free(tmp);
        return BT_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    merge_sort(perm, tmp, n, r->time);
    unsigned char *scratch = (unsigned char *)tmp;
    permute(r->time, sizeof *r->time, perm, n, scratch);
    for (int k = 0; k < N_VALUE_ROLES; k++)
        permute(r->value[k], sizeof *r->value[k], perm, n, scratch);
    *dup_row = SIZE_MAX;
    for (size_t i = 1; i < n; i++)
        if (r->time[i] == r->time[i - 1]) {
            *dup_row = perm[i];
            break;
        }
    free(perm);
    free(tmp);
    return BT_OK;
}


/* ------------------------------------------------------------------ header */

static char *copy_text(const char *s, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        memcpy(copy, s, len);
        copy[len] = '\0';
    }
    return copy;
}

/* ASCII case-insensitive string equality (locale-independent). */
static int equal_ignoring_case(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int ca = *a >= 'A' && *a <= 'Z' ? *a - 'A' + 'a' : *a;
        int cb = *b >= 'A' && *b <= 'Z' ? *b - 'A' + 'a' : *b;
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

static int role_of(const char *name)
{
    for (int r = ROLE_OPEN; r < N_ROLES; r++)
        if (equal_ignoring_case(name, role_name[r]))
            return r;
    return ROLE_IGNORE;
}

/* "'Date', 'Open', ..." into buf, cut with ", ..." when too long. */
static const char *list_columns(const csv_loader *L, char *buf, size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < L->n_cols; c++) {
        char q[QUOTE_MAX + 8];
        const char *name = c < NAMES_KEPT ? L->names[c] : NULL;
        int w = name ? snprintf(buf + o, cap - o, "%s'%s'", c ? ", " : "", quote_text(q, sizeof q, name, strlen(name)))
                     : -1;
        if (w < 0 || (size_t)w >= cap - o - 6) {
            snprintf(buf + o, cap - o, ", ...");
            break;
        }
        o += (size_t)w;
    }
    return buf;
}

/* One header field, column L->col: its name is kept when it is among the
 * first NAMES_KEPT or names a role. Column 0 is the index; Open, High, Low,
 * Close and Volume are found by case-insensitive name among the others,
 * once each. */
static void header_field(csv_loader *L, const char *s, size_t len)
{
    const size_t c = L->col;
    if (c == 0)
        L->header_line = L->row_line;
    if (c < NAMES_KEPT && !(L->names[c] = copy_text(s, len))) {
        fail_nomem(L);
        return;
    }
    L->n_cols = c + 1;
    int r = c == 0 ? ROLE_INDEX : role_of(s);
    if (r == ROLE_IGNORE)
        return;
    if (L->role_col[r]) {
        char q[QUOTE_MAX + 8];
        fail_at(L, BT_ERR_DATA, L->header_line, c + 1, "column '%s' duplicates column '%s' (column %zu)",
                quote_text(q, sizeof q, s, len), role_name[r], L->role_col[r]);
        return;
    }
    if (c >= NAMES_KEPT && !(L->role_text[r] = copy_text(s, len))) {
        fail_nomem(L);
        return;
    }
    L->role_col[r] = c + 1;
    L->last_used = c;
}

/* Checks the header once its row has ended: Open, High, Low and Close are
 * required. */
static void finish_header(csv_loader *L)
{
    for (int r = ROLE_OPEN; r <= ROLE_CLOSE; r++) {
        if (!L->role_col[r]) {
            char list[512];
            fail_at(L, BT_ERR_DATA, L->header_line, 0, "missing required column '%s' (columns are: %s)%s",
                    role_name[r], list_columns(L, list, sizeof list),
                    role_of(L->names[0]) == r ? "; the first column is the index" : "");
            return;
        }
    }
    L->has_volume = L->role_col[ROLE_VOLUME] != 0;
}

/* ------------------------------------------------------------------ callbacks */

/* One data field: column L->col of row L->rows.n, which began on line. */
static void data_field(csv_loader *L, char *s, size_t len, size_t line)
{
    csv_rows *r = &L->rows;
    size_t c = L->col, i = r->n;
    if (c == 0) {
        if (i == ESTIMATE_AT && L->file_size > L->fed) {
            /* room for the rows the rest of the file holds at this rate (2% more),
             * reserved once: growing six arrays step by step can leave copies
             * behind in the allocator's heap (a failure here just falls back) */
            double per_row = (double)L->fed / (double)(i + 1);
            (void)rows_reserve(r, i + 1024 + (size_t)((double)(L->file_size - L->fed) / per_row * 1.02));
        }
        if (rows_reserve(r, i + 1) != BT_OK) {
            fail_nomem(L);
            return;
        }
        r->value[ROLE_VOLUME - ROLE_OPEN][i] = NAN;
    }
    if (c >= L->n_cols)
        return; /* reported when the row ends */
    int role = role_at(L, c);
    if (role == ROLE_IGNORE)
        return;
    s = trim(s, &len);
    if (role == ROLE_INDEX)
        index_cell(L, s, len, line, &r->time[i]);
    else if (role == ROLE_VOLUME)
        volume_cell(L, c, s, len, line, &r->value[role - ROLE_OPEN][i]);
    else
        price_cell(L, c, s, len, line, &r->value[role - ROLE_OPEN][i]);
}

/* libcsv field callback. */
static void on_field(void *field, size_t len, void *data)
{
    csv_loader *L = data;
    char empty[1] = {0};
    char *s = field ? field : empty;
    if (L->status)
        return;
    size_t line = L->line - count_breaks(s, len);
    if (L->col == 0)
        L->row_line = line;
    if (L->find_row) { /* line_of_row: only the rows' lines count */
        L->col++;
        return;
    }
    if (L->row == 0) {
        s = trim(s, &len);
        header_field(L, s, len);
    } else {
        data_field(L, s, len, line);
    }
    L->col++;
}

/* Checks the field count of a data row and keeps the row. */
static void finish_data_row(csv_loader *L)
{
    char label[LABEL_MAX];
    if (L->col < L->n_cols) {
        fail_at(L, BT_ERR_DATA, L->line, L->col + 1, "%s is missing: the row has %zu field%s, the header has %zu",
                column_label(L, L->col, label, sizeof label), L->col, L->col == 1 ? "" : "s", L->n_cols);
        return;
    }
    if (L->col > L->n_cols) {
        fail_at(L, BT_ERR_DATA, L->line, L->n_cols + 1, "too many fields: the row has %zu, the header has %zu",
                L->col, L->n_cols);
        return;
    }
    csv_rows *r = &L->rows;
    size_t i = r->n++;
    if (i > 0 && !L->out_of_order) {
        if (r->time[i] < r->time[i - 1])
            L->out_of_order = 1;
        else if (r->time[i] == r->time[i - 1] && !L->first_dup_line)
            L->first_dup_line = L->row_line;
    }
}

/* libcsv row callback (c is the terminator, or -1 from csv_fini). */
static void on_row(int c, void *data)
{
    csv_loader *L = data;
    (void)c;
    if (L->status)
        return;
    if (L->find_row) {
        if (L->row == L->find_row) {
            L->found_line = L->row_line;
            L->status = BT_ERR_DATA; /* stop: found (no message) */
        }
        L->row++;
        L->col = 0;
        return;
    }
    if (L->row == 0)
        finish_header(L);
    else
        finish_data_row(L);
    L->row++;
    L->col = 0;
}

/* ------------------------------------------------------------------ feeding */

/* Explains why csv_parse stopped early. */
static int parse_failure(csv_loader *L, struct csv_parser *p)
{
    char label[LABEL_MAX];
    int e = csv_error(p);
    if (e == CSV_ENOMEM) {
        fail_nomem(L);
    } else if (e == CSV_EPARSE) {
        fail_at(L, BT_ERR_DATA, L->line, L->col + 1,
                "%s: malformed quoting (a quote inside an unquoted field, or text after a closing quote)",
                L->row ? column_label(L, L->col, label, sizeof label) : "header");
    } else {
        fail_at(L, BT_ERR_DATA, L->line, L->col + 1, "%s", csv_strerror(e));
    }
    return L->status;
}

/* Feeds bytes that all lie on line L->line to libcsv. */
static int feed(csv_loader *L, struct csv_parser *p, const char *s, size_t len)
{
    if (len == 0)
        return L->status;
    L->fed += len;
    size_t used = csv_parse(p, s, len, on_field, on_row, L);
    if (L->status)
        return L->status;
    if (used != len)
        return parse_failure(L, p);
    return BT_OK;
}

/* Feeds a buffer one line at a time, advancing L->line after each line
 * break; a '\r' at the end of the buffer waits to see if a '\n' follows. */
static int feed_buffer(csv_loader *L, struct csv_parser *p, const char *s, size_t len)
{
    size_t start = 0, i = 0;
    int st;
    if (L->pending_cr && len > 0) {
        L->pending_cr = 0;
        if (s[0] == '\n') {
            if ((st = feed(L, p, s, 1)) != BT_OK)
                return st;
            start = i = 1;
        }
        L->line++;
    }
    while (i < len) {
        if (s[i] != '\n' && s[i] != '\r') {
            i++;
            continue;
        }
        size_t end = i + 1;
        if (s[i] == '\r') {
            if (end == len) {
                L->pending_cr = 1;
                return feed(L, p, s + start, end - start);
            }
            if (s[end] == '\n')
                end++;
        }
        if ((st = feed(L, p, s + start, end - start)) != BT_OK)
            return st;
        L->line++;
        start = i = end;
    }
    return feed(L, p, s + start, len - start);
}

/* Reads the whole file through libcsv, skipping a UTF-8 byte order mark. */
static int feed_file(csv_loader *L, struct csv_parser *p, FILE *f)
{
    int st = BT_OK, first = 1;
    char *buf = malloc(READ_SIZE);
    if (!buf) {
        fail_nomem(L);
        return L->status;
    }
    for (;;) {
        size_t got = fread(buf, 1, READ_SIZE, f), skip = 0;
        if (got == 0)
            break;
        if (first && got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;
        first = 0;
        if ((st = feed_buffer(L, p, buf + skip, got - skip)) != BT_OK)
            break;
    }
    if (st == BT_OK && ferror(f)) {
        bt_error_set(L->err, BT_ERR_IO, "%s: read error: %s", L->path, strerror(errno ? errno : EIO));
        st = L->status = BT_ERR_IO;
    }
    free(buf);
    return st;
}

/* Feeds a text held in memory, skipping a UTF-8 byte order mark. */
static int feed_mem(csv_loader *L, struct csv_parser *p, const char *buf, size_t len)
{
    size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    return feed_buffer(L, p, buf + skip, len - skip);
}

/* Ends the last row (the file may lack a final newline) and reports an
 * unterminated quote at the line where it opened. */
static int finish_parse(csv_loader *L, struct csv_parser *p)
{
    char label[LABEL_MAX];
    if (L->pending_cr) {
        L->pending_cr = 0;
        L->line++;
    }
    if (csv_fini(p, on_field, on_row, L) == 0)
        return L->status;
    if (csv_error(p) != CSV_EPARSE)
        return parse_failure(L, p);
    /* CSV_STRICT_FINI leaves the open field's text in the parser's buffer. */
    size_t breaks = p->entry_buf ? count_breaks((const char *)p->entry_buf, p->entry_pos) : 0;
    fail_at(L, BT_ERR_DATA, L->line - breaks, L->col + 1, "%s: unterminated quoted field (the quote opened here is never closed)",
            L->row ? column_label(L, L->col, label, sizeof label) : "header");
    return L->status;
}

/* ------------------------------------------------------------------ result */

/* The file line where row `row` (the header is row 0) begins, read again
 * from the file: rather than a line number per row, the loader keeps only
 * the first repeated time's line while rows come in order, and an unsorted
 * file with repeated times is read a second time for it. 0 if not found. */
static size_t line_of_row(const csv_loader *L0, size_t row)
{
    csv_loader L = {.path = L0->path, .sep = L0->sep, .line = 1, .find_row = row};
    struct csv_parser p;
    FILE *f = L0->mem ? NULL : fopen(L0->path, "rb");
    if (!L0->mem && !f)
        return 0;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) == 0) {
        csv_set_delim(&p, (unsigned char)L0->sep);
        if ((L0->mem ? feed_mem(&L, &p, L0->mem, L0->mem_len) : feed_file(&L, &p, f)) == BT_OK)
            finish_parse(&L, &p);
        csv_free(&p);
    }
    if (f)
        fclose(f);
    return L.found_line;
}

/* Moves the parsed rows into out (sorted, duplicates counted). */
static int finish_series(csv_loader *L, bt_series *out)
{
    csv_rows *r = &L->rows;
    if (L->row == 0)
        return bt_error_set(L->err, BT_ERR_DATA, "%s: the file is empty (expected a header row such as ',Open,High,Low,Close,Volume')", L->path);
    if (r->n == 0)
        return bt_error_set(L->err, BT_ERR_DATA, "%s:%zu: no data rows after the header", L->path, L->header_line);
    size_t dup_row = SIZE_MAX;
    if (L->out_of_order) {
        if (rows_sort(r, &dup_row) != BT_OK)
            return bt_error_set(L->err, BT_ERR_NOMEM, "%s: out of memory while sorting %zu rows", L->path, r->n);
        out->was_sorted = 1;
    }
    for (size_t i = 1; i < r->n; i++)
        out->n_duplicates += r->time[i] == r->time[i - 1];
    if (out->n_duplicates)
        out->first_duplicate_line = L->out_of_order ? line_of_row(L, dup_row + 1) : L->first_dup_line;
    out->n = r->n;
    out->time = r->time;
    out->open = r->value[ROLE_OPEN - ROLE_OPEN];
    out->high = r->value[ROLE_HIGH - ROLE_OPEN];
    out->low = r->value[ROLE_LOW - ROLE_OPEN];
    out->close = r->value[ROLE_CLOSE - ROLE_OPEN];
    out->volume = r->value[ROLE_VOLUME - ROLE_OPEN];
    out->is_datetime = L->index_kind == INDEX_DATETIME;
    if (out->is_datetime && L->ts.has_offset)
        bt_format_offset(L->ts.offset_min, out->tz, sizeof out->tz);
    out->has_volume = L->has_volume;
    if (L->n_cols && L->names[0])
        snprintf(out->index_name, sizeof out->index_name, "%s", L->names[0]);
    memset(r, 0, sizeof *r); /* out owns the arrays now */
    return BT_OK;
}

static void loader_free(csv_loader *L)
{
    for (size_t c = 0; c < NAMES_KEPT; c++)
        free(L->names[c]);
    for (int r = 0; r < N_ROLES; r++)
        free(L->role_text[r]);
    rows_free(&L->rows);
}

/* The delimiter of a file whose first line is head[0..n): ',' unless the line
 * has no comma outside quotes and more semicolons or tabs. */
static char detect_sep(const char *head, size_t n)
{
    size_t count[3] = {0, 0, 0}; /* , ; \t */
    int quoted = 0;
    for (size_t i = 0; i < n && (quoted || (head[i] != '\n' && head[i] != '\r')); i++) {
        if (head[i] == '"')
            quoted = !quoted;
        else if (!quoted)
            count[0] += head[i] == ',', count[1] += head[i] == ';', count[2] += head[i] == '\t';
    }
    if (count[0] >= count[1] && count[0] >= count[2])
        return ',';
    return count[1] >= count[2] ? ';' : '\t';
}

int bt_series_load_csv(const char *path, bt_series *out, bt_error *err)
{
    return bt_series_load_csv_sep(path, 0, out, err);
}

/* Parses the text (L->mem, else the file f, read from its start) with
 * delimiter sep into out; frees the loader, and out on failure. */
static int load(csv_loader *L, FILE *f, char sep, bt_series *out)
{
    struct csv_parser p;
    int st;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        st = bt_error_set(L->err, BT_ERR_NOMEM, "%s: cannot set up the CSV parser", L->path);
    } else {
        csv_set_delim(&p, (unsigned char)sep);
        L->sep = sep;
        st = L->mem ? feed_mem(L, &p, L->mem, L->mem_len) : feed_file(L, &p, f);
        if (st == BT_OK && (st = finish_parse(L, &p)) == BT_OK)
            st = finish_series(L, out);
        csv_free(&p);
    }
    loader_free(L);
    if (st != BT_OK)
        bt_series_free(out);
    return st;
}

int bt_series_load_csv_sep(const char *path, char sep, bt_series *out, bt_error *err)
{
    csv_loader L = {.path = path, .err = err, .line = 1};
    if (!path || !out)
        return bt_error_set(err, BT_ERR_USAGE, "bt_series_load_csv: NULL path or output");
    memset(out, 0, sizeof *out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return bt_error_set(err, BT_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    if (!sep) { /* from the header line */
        char head[65536];
        size_t n = fread(head, 1, sizeof head, f);
        sep = detect_sep(head, n);
    }
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        L.file_size = size > 0 ? (size_t)size : 0;
    }
    rewind(f);
    int st = load(&L, f, sep, out);
    fclose(f);
    return st;
}

int bt_series_load_csv_mem(const char *buf, size_t len, char sep, const char *name, bt_series *out, bt_error *err)
{
    csv_loader L = {.path = name ? name : "<memory>", .err = err, .line = 1, .mem = buf ? buf : "",
                    .mem_len = buf ? len : 0};
    if (!out)
        return bt_error_set(err, BT_ERR_USAGE, "bt_series_load_csv_mem: NULL output");
    memset(out, 0, sizeof *out);
    if (!sep) /* from the header line, within the first 64 KiB as for a file */
        sep = detect_sep(L.mem, L.mem_len < 65536 ? L.mem_len : 65536);
    L.file_size = L.mem_len;
    return load(&L, NULL, sep, out);
}
