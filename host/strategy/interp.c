/*
 * interp.c - the reference interpreter of compiled strategies (the oracle):
 * Backtest.run() over the checked tree of cform.h. init() runs once with
 * full-length arrays (every array operation materialized, pandas / numpy /
 * TA-Lib through the indicator library); next() runs on every bar with
 * arrays revealed up to the bar, array expressions evaluated lazily at the
 * element they are indexed at (so crossover(a - b, 0) reads [-2] and [-1]
 * of the elementwise expression). Broker calls go to host/engine/broker.h in
 * statement order, so the queue order is backtesting.py's.
 */
#include "broker.h"
#include "cform.h"
#include "indicators.h"
#include "numeric.h"
#include "pyrt.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ arena with reset */

typedef struct rarena {
    bt_chunk *head;
} rarena;

static void *ralloc(rarena *a, size_t n)
{
    return bt_chunk_alloc(&a->head, bt_chunk_round(n));
}

static void rarena_reset(rarena *a)
{
    /* keep the newest chunk, free the others */
    bt_chunk *c = a->head;
    if (!c)
        return;
    bt_chunks_free(c->next);
    c->next = NULL;
    c->used = 0;
}

static void rarena_free(rarena *a)
{
    bt_chunks_free(a->head);
    a->head = NULL;
}

/* ------------------------------------------------------------ values */

enum { V_UNBOUND = 0, V_NUM, V_ARR, V_MULTI, V_POS, V_TRADE, V_ORDER, V_TRADES, V_ORDERS };

typedef struct rarr rarr;
typedef struct rmulti rmulti;

typedef struct val {
    int k;
    pyv n;
    uint64_t id;
    rarr *a;
    rmulti *m;
    uint64_t *ids; /* V_TRADES / V_ORDERS snapshot */
    size_t n_ids;
} val;

/* lazy elementwise operations */
enum { L_BINARY = 1, L_COMPARE, L_NEG, L_POS, L_MAXIMUM, L_MINIMUM, L_ABS, L_WHERE, L_ISNAN };

struct rarr {
    const double *x;    /* materialized values (bools as 0/1), NULL for a lazy array */
    size_t len;         /* visible length */
    unsigned char isbool, series, btarr, ind, scatter;
    unsigned char isint; /* an int64 column (Volume read from integers): TA-Lib refuses it */
    const char *name;   /* a backtesting _Array's .name ("Close", an indicator's name), else NULL */
    int lop, op;        /* lazy: L_*, operator */
    val *l, *r, *c;     /* lazy operands (numbers or arrays of the same length) */
};

struct rmulti {
    size_t n;
    rarr **rows;
};

typedef struct memo {
    int kind, fn, aux;
    const void *ta;
    size_t n_in;
    const double *in[BT_TA_MAX_INPUTS];
    size_t n_opt;
    double opt[8];
    int opt_t[8];
    val res;
    struct memo *next;
} memo;

typedef struct rt {
    const bt_compiled *c;
    const bt_series *s;
    const bt_options *o;
    bt_broker *b;
    bt_error *err;
    char emsg[1100];     /* the Python exception text of a runtime error */
    int failed;         /* a runtime error: emsg holds it; or a library error already in err (lib_status) */
    int lib_status;
    int in_next;
    size_t i;           /* current bar (next) */
    rarena run_arena, bar_arena;
    rarena *cur;        /* where new values go */
    val *attrs;
    unsigned char *attr_set;
    memo *memos;
    /* TrailingStrategy */
    double *atr;
    pyv n_atr;
    int vol_int;        /* pandas would hold Volume as int64 (-1: not looked at yet) */
    /* the indicators in the order init() makes them (stats._trades' columns), when asked for */
    int want_inds;
    struct ind_rec { char name[192]; const val *v; int row; } *inds;
    size_t n_inds, cap_inds;
} rt;

static int volume_is_int(rt *R);

static int rt_fail(rt *R, const char *fmt, ...)
{
    if (R->failed)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(R->emsg, sizeof R->emsg, fmt, ap);
    va_end(ap);
    R->failed = 1;
    return -1;
}

static void *rnew(rt *R, size_t n)
{
    void *p = ralloc(R->cur, n);
    if (!p) {
        R->failed = 2;
        R->lib_status = BT_ERR_NOMEM;
        snprintf(R->emsg, sizeof R->emsg, "out of memory");
    }
    return p;
}

static val vnum(int t, double d)
{
    val v = {0};
    v.k = V_NUM;
    v.n.t = t;
    v.n.d = d;
    return v;
}

static rarr *arr_new(rt *R, size_t len)
{
    rarr *a = rnew(R, sizeof *a);
    if (a)
        memset(a, 0, sizeof *a);
    if (a)
        a->len = len;
    return a;
}

/* element j (0 <= j < a->len) */
static int elem(rt *R, const rarr *a, size_t j, pyv *out);

static int operand_elem(rt *R, const val *v, size_t j, pyv *out)
{
    if (v->k == V_NUM) {
        *out = v->n;
        return 0;
    }
    return elem(R, v->a, j, out);
}

static int elem(rt *R, const rarr *a, size_t j, pyv *out)
{
    if (a->x) {
        *out = (pyv){a->isbool ? PV_NPB : PV_NPF, a->x[j]};
        return 0;
    }
    pyv x, y, z;
    char e[300];
    switch (a->lop) {
    case L_BINARY:
        if (operand_elem(R, a->l, j, &x) || operand_elem(R, a->r, j, &y))
            return -1;
        if (x.t != PV_NPF && x.t != PV_NPB)
            x.t = PV_NPF;
        if (py_binop(a->op, x, y, out, e, sizeof e))
            return rt_fail(R, "%s", e);
        out->t = PV_NPF;
        return 0;
    case L_COMPARE:
        if (operand_elem(R, a->l, j, &x) || operand_elem(R, a->r, j, &y))
            return -1;
        if (x.t == PV_NONE || y.t == PV_NONE) { /* numpy compares elementwise with None: == False, != True */
            if (a->op == BT_CMP_EQ || a->op == BT_CMP_NE) {
                *out = (pyv){PV_NPB, a->op == BT_CMP_NE};
                return 0;
            }
        }
        if (py_cmp(a->op, x, y, out, e, sizeof e))
            return rt_fail(R, "%s", e);
        out->t = PV_NPB;
        return 0;
    case L_NEG: case L_POS:
        if (operand_elem(R, a->l, j, &x))
            return -1;
        if (py_unary(a->lop == L_NEG ? BT_OP_NEG : BT_OP_POS, x, out, e, sizeof e))
            return rt_fail(R, "%s", e);
        return 0;
    case L_MAXIMUM: case L_MINIMUM:
        if (operand_elem(R, a->l, j, &x) || operand_elem(R, a->r, j, &y))
            return -1;
        if (isnan(x.d) || isnan(y.d))
            *out = (pyv){PV_NPF, NAN};
        else
            *out = (pyv){PV_NPF, a->lop == L_MAXIMUM ? (x.d >= y.d ? x.d : y.d) : (x.d <= y.d ? x.d : y.d)};
        return 0;
    case L_ABS:
        if (operand_elem(R, a->l, j, &x))
            return -1;
        *out = (pyv){x.t == PV_NPB ? PV_NPB : PV_NPF, fabs(x.d)};
        return 0;
    case L_ISNAN:
        if (operand_elem(R, a->l, j, &x))
            return -1;
        *out = (pyv){PV_NPB, isnan(x.d) ? 1.0 : 0.0};
        return 0;
    case L_WHERE:
        if (operand_elem(R, a->c, j, &z) || operand_elem(R, a->l, j, &x) || operand_elem(R, a->r, j, &y))
            return -1;
        *out = py_truth(z) ? x : y;
        out->t = PV_NPF;
        return 0;
    }
    return rt_fail(R, "internal error: unknown array operation");
}

/* materializes a (lazy) array into a fresh buffer of the run arena */
static rarr *materialize(rt *R, rarr *a)
{
    if (a->x)
        return a;
    double *x = rnew(R, (a->len ? a->len : 1) * sizeof *x);
    if (!x)
        return NULL;
    unsigned char isbool = 1;
    for (size_t j = 0; j < a->len; j++) {
        pyv v;
        if (elem(R, a, j, &v))
            return NULL;
        x[j] = v.d;
        if (v.t != PV_NPB && v.t != PV_BOOL)
            isbool = 0;
    }
    if (a->len == 0)
        isbool = a->lop == L_COMPARE || a->lop == L_ISNAN;
    rarr *m = arr_new(R, a->len);
    if (!m)
        return NULL;
    m->x = x;
    m->isbool = isbool;
    m->series = a->series;
    m->btarr = a->btarr;
    m->name = a->name;
    return m;
}

static val *vbox(rt *R, val v)
{
    val *p = rnew(R, sizeof *p);
    if (p)
        *p = v;
    return p;
}

/* an elementwise operation over numbers and arrays: lazy in next(), materialized in init() */
static int lazy_op(rt *R, int lop, int op, const val *l, const val *r, const val *c, unsigned flags_series, val *out)
{
    size_t len = SIZE_MAX;
    unsigned char series = 0, btarr = 0;
    const char *name = NULL; /* numpy keeps the first _Array operand's name */
    const val *ops[3] = {l, r, c};
    for (int k = 0; k < 3; k++) {
        const val *v = ops[k];
        if (!v)
            continue;
        if (v->k == V_ARR) {
            if (len != SIZE_MAX && len != v->a->len)
                return rt_fail(R, "ValueError: operands could not be broadcast together with shapes (%zu,) (%zu,)", len,
                               v->a->len);
            len = v->a->len;
            series |= v->a->series;
            if (v->a->btarr && !btarr)
                name = v->a->name;
            btarr |= v->a->btarr;
        } else if (v->k != V_NUM) {
            return rt_fail(R, "TypeError: unsupported operand for an array operation");
        }
    }
    rarr *a = arr_new(R, len == SIZE_MAX ? 0 : len);
    if (!a)
        return -1;
    a->lop = lop;
    a->op = op;
    if (l && !(a->l = vbox(R, *l)))
        return -1;
    if (r && !(a->r = vbox(R, *r)))
        return -1;
    if (c && !(a->c = vbox(R, *c)))
        return -1;
    a->series = series || flags_series;
    a->btarr = a->series ? 0 : btarr;
    a->name = a->btarr ? name : NULL;
    a->isbool = lop == L_COMPARE || lop == L_ISNAN;
    if (!R->in_next) {
        rarr *m = materialize(R, a);
        if (!m)
            return -1;
        m->isbool = a->isbool || m->isbool;
        if (lop == L_BINARY || lop == L_MAXIMUM || lop == L_MINIMUM || lop == L_WHERE)
            m->isbool = 0;
        a = m;
    }
    memset(out, 0, sizeof *out);
    out->k = V_ARR;
    out->a = a;
    return 0;
}

/* ------------------------------------------------------------ truthiness and numbers */

static int truth(rt *R, const val *v, int *t)
{
    switch (v->k) {
    case V_NUM: *t = py_truth(v->n); return 0;
    case V_POS: *t = bt_broker_position_size(R->b) != 0; return 0;
    case V_TRADE: case V_ORDER: *t = 1; return 0;
    case V_TRADES: case V_ORDERS: *t = v->n_ids > 0; return 0;
    case V_MULTI: *t = v->m->n > 0; return 0;
    case V_ARR: {
        const rarr *a = v->a;
        if (a->btarr) {
            if (a->len == 0)
                return rt_fail(R, "ValueError: The truth value of an empty array is ambiguous. Use `array.size > 0` to "
                                  "check that an array is not empty.");
            pyv e;
            if (elem(R, a, a->len - 1, &e))
                return -1;
            *t = py_truth(e);
            return 0;
        }
        if (a->len == 1) {
            pyv e;
            if (elem(R, a, 0, &e))
                return -1;
            *t = py_truth(e);
            return 0;
        }
        return rt_fail(R, a->series ? "ValueError: The truth value of a Series is ambiguous. Use a.empty, a.bool(), "
                                      "a.item(), a.any() or a.all()."
                                    : "ValueError: The truth value of an array with more than one element is "
                                      "ambiguous. Use a.any() or a.all()");
    }
    default:
        return rt_fail(R, "UnboundLocalError: a local variable is referenced before assignment");
    }
}

/* a number from a value: numbers as they are, a backtesting _Array as float(arr) = its last value */
static int as_num(rt *R, const val *v, pyv *out, const char *what)
{
    if (v->k == V_NUM) {
        *out = v->n;
        return 0;
    }
    if (v->k == V_ARR && v->a->btarr && v->a->len > 0) {
        if (elem(R, v->a, v->a->len - 1, out))
            return -1;
        return 0;
    }
    return rt_fail(R, "TypeError: %s must be a number", what);
}

/* ------------------------------------------------------------ evaluation */

typedef struct frame {
    val *slots;
    size_t n;
} frame;

static int eval(rt *R, const cnode *n, frame *f, val *out);
static int exec_block(rt *R, const cblock *b, frame *f);

static int new_frame(rt *R, frame *f, size_t n)
{
    f->n = n;
    f->slots = calloc(n ? n : 1, sizeof *f->slots);
    if (!f->slots) {
        R->failed = 2;
        R->lib_status = BT_ERR_NOMEM;
        snprintf(R->emsg, sizeof R->emsg, "out of memory");
        return -1;
    }
    return 0;
}

static const double *data_col(const bt_series *s, int col)
{
    switch (col) {
    case 0: return s->open;
    case 1: return s->high;
    case 2: return s->low;
    case 3: return s->close;
    default: return s->volume;
    }
}

static int view_of(rt *R, const val *v, val *out)
{
    *out = *v;
    if (!R->in_next)
        return 0;
    if (v->k == V_ARR && v->a->ind) {
        rarr *a = arr_new(R, R->i + 1 < v->a->len ? R->i + 1 : v->a->len);
        if (!a)
            return -1;
        size_t len = a->len;
        *a = *v->a;
        a->len = len;
        out->a = a;
    } else if (v->k == V_MULTI) {
        rmulti *m = rnew(R, sizeof *m);
        if (!m)
            return -1;
        m->n = v->m->n;
        m->rows = rnew(R, (m->n ? m->n : 1) * sizeof *m->rows);
        if (!m->rows)
            return -1;
        for (size_t k = 0; k < m->n; k++) {
            val rv = {0}, o;
            rv.k = V_ARR;
            rv.a = v->m->rows[k];
            if (view_of(R, &rv, &o))
                return -1;
            m->rows[k] = o.a;
        }
        out->m = m;
    }
    return 0;
}

static int snapshot(rt *R, int orders, val *out)
{
    memset(out, 0, sizeof *out);
    out->k = orders ? V_ORDERS : V_TRADES;
    size_t n = orders ? bt_broker_n_orders(R->b) : bt_broker_n_trades(R->b);
    out->ids = rnew(R, (n ? n : 1) * sizeof *out->ids);
    if (!out->ids)
        return -1;
    for (size_t k = 0; k < n; k++)
        out->ids[k] = orders ? bt_broker_order_id(R->b, k) : bt_broker_trade_id(R->b, k);
    out->n_ids = n;
    return 0;
}

static int index_of(rt *R, const val *ix, size_t len, size_t *at, int tuple)
{
    if (ix->k != V_NUM || (ix->n.t != PV_INT && ix->n.t != PV_BOOL)) {
        if (tuple)
            return rt_fail(R, "TypeError: tuple indices must be integers or slices, not %s",
                           ix->k == V_NUM ? py_type_name(ix->n) : "object");
        return rt_fail(R, "IndexError: only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and "
                          "integer or boolean arrays are valid indices");
    }
    double k = ix->n.d;
    double j = k < 0 ? (double)len + k : k;
    if (j < 0 || j >= (double)len) {
        if (tuple)
            return rt_fail(R, "IndexError: tuple index out of range");
        return rt_fail(R, "IndexError: index %.0f is out of bounds for axis 0 with size %zu", k, len);
    }
    *at = (size_t)j;
    return 0;
}

/* the last two elements of a crossover operand; -1 error, 1 IndexError (False) */
static int last_two(rt *R, const val *v, pyv *p2, pyv *p1)
{
    if (v->k == V_NUM) {
        *p2 = *p1 = v->n;
        return 0;
    }
    if (v->k != V_ARR)
        return rt_fail(R, "TypeError: crossover() of a value that is not a number or an array");
    const rarr *a = v->a;
    if (a->len < 2)
        return 1;
    if (elem(R, a, a->len - 2, p2) || elem(R, a, a->len - 1, p1))
        return -1;
    return 0;
}

static int crossover(rt *R, const val *a, const val *b, int *res)
{
    pyv a2, a1, b2, b1, r;
    char e[300];
    int ra = last_two(R, a, &a2, &a1);
    if (ra < 0)
        return -1;
    int rb = last_two(R, b, &b2, &b1);
    if (rb < 0)
        return -1;
    if (ra || rb) {
        *res = 0;
        return 0;
    }
    if (py_cmp(BT_CMP_LT, a2, b2, &r, e, sizeof e))
        return rt_fail(R, "%s", e);
    if (!py_truth(r)) {
        *res = 0;
        return 0;
    }
    if (py_cmp(BT_CMP_GT, a1, b1, &r, e, sizeof e))
        return rt_fail(R, "%s", e);
    *res = py_truth(r);
    return 0;
}

static int eval_field(rt *R, const cnode *n, const val *obj, val *out)
{
    if (obj->k == V_POS) {
        switch (n->fn) {
        case F_SIZE: *out = vnum(PV_INT, bt_broker_position_size(R->b)); return 0;
        case F_PL: *out = vnum(PV_NPF, bt_broker_position_pl(R->b)); return 0;
        case F_PL_PCT:
            *out = bt_broker_n_trades(R->b) ? vnum(PV_NPF, bt_broker_position_pl_pct(R->b)) : vnum(PV_INT, 0);
            return 0;
        case F_IS_LONG: *out = vnum(PV_BOOL, bt_broker_position_size(R->b) > 0); return 0;
        case F_IS_SHORT: *out = vnum(PV_BOOL, bt_broker_position_size(R->b) < 0); return 0;
        }
    } else if (obj->k == V_TRADE) {
        bt_trade_view t;
        bt_broker_trade_view_of(R->b, obj->id, &t);
        if (!t.found)
            return rt_fail(R, "internal error: unknown trade");
        switch (n->fn) {
        case F_SIZE: *out = vnum(PV_FLOAT, t.size); return 0;
        case F_PL: *out = vnum(PV_NPF, t.pl); return 0;
        case F_PL_PCT: *out = vnum(PV_NPF, t.pl_pct); return 0;
        case F_IS_LONG: *out = vnum(PV_BOOL, t.size > 0); return 0;
        case F_IS_SHORT: *out = vnum(PV_BOOL, !(t.size > 0)); return 0;
        case F_ENTRY_PRICE: *out = vnum(PV_NPF, t.entry_price); return 0;
        case F_EXIT_PRICE: *out = t.open ? vnum(PV_NONE, 0) : vnum(PV_NPF, t.exit_price); return 0;
        case F_ENTRY_BAR: *out = vnum(PV_INT, (double)t.entry_bar); return 0;
        case F_EXIT_BAR: *out = t.open ? vnum(PV_NONE, 0) : vnum(PV_INT, (double)t.exit_bar); return 0;
        case F_SL: *out = isnan(t.sl) ? vnum(PV_NONE, 0) : vnum(PV_FLOAT, t.sl); return 0;
        case F_TP: *out = isnan(t.tp) ? vnum(PV_NONE, 0) : vnum(PV_FLOAT, t.tp); return 0;
        case F_VALUE: *out = vnum(PV_NPF, t.value); return 0;
        }
    } else if (obj->k == V_ORDER) {
        bt_order_view o;
        bt_broker_order_view_of(R->b, obj->id, &o);
        if (!o.found)
            return rt_fail(R, "internal error: unknown order");
        double v = NAN;
        switch (n->fn) {
        case F_SIZE: *out = vnum(PV_FLOAT, o.size); return 0;
        case F_IS_LONG: *out = vnum(PV_BOOL, o.size > 0); return 0;
        case F_IS_SHORT: *out = vnum(PV_BOOL, o.size < 0); return 0;
        case F_IS_CONTINGENT: *out = vnum(PV_BOOL, o.is_contingent); return 0;
        case F_LIMIT: v = o.limit; break;
        case F_STOP: v = o.stop; break;
        case F_SL: v = o.sl; break;
        case F_TP: v = o.tp; break;
        }
        *out = isnan(v) ? vnum(PV_NONE, 0) : vnum(PV_FLOAT, v);
        return 0;
    }
    return rt_fail(R, "internal error: bad field");
}

/* ---- indicator computations (init) ---- */

static double *buf_new(rt *R, size_t n) { return rnew(R, (n ? n : 1) * sizeof(double)); }

static val arr_val(rarr *a)
{
    val v = {0};
    v.k = V_ARR;
    v.a = a;
    return v;
}

static rarr *arr_of_buf(rt *R, double *x, size_t n, int series)
{
    rarr *a = arr_new(R, n);
    if (a) {
        a->x = x;
        a->series = (unsigned char)series;
    }
    return a;
}

static memo *memo_find(rt *R, const memo *key)
{
    for (memo *m = R->memos; m; m = m->next)
        if (m->kind == key->kind && m->fn == key->fn && m->aux == key->aux && m->ta == key->ta &&
            m->n_in == key->n_in && m->n_opt == key->n_opt &&
            memcmp(m->in, key->in, key->n_in * sizeof *key->in) == 0) {
            int same = 1;
            for (size_t k = 0; k < key->n_opt; k++)
                if (m->opt_t[k] != key->opt_t[k] ||
                    !(m->opt[k] == key->opt[k] || (isnan(m->opt[k]) && isnan(key->opt[k]))))
                    same = 0;
            if (same)
                return m;
        }
    return NULL;
}

static void memo_add(rt *R, const memo *key, const val *res)
{
    memo *m = rnew(R, sizeof *m);
    if (!m)
        return;
    *m = *key;
    m->res = *res;
    m->next = R->memos;
    R->memos = m;
}

/* o[0..len) as a Series result, remembered under key. */
static int series_result(rt *R, double *o, size_t len, const memo *key, val *out)
{
    rarr *a = arr_of_buf(R, o, len, 1);
    if (!a)
        return -1;
    *out = arr_val(a);
    memo_add(R, key, out);
    return 0;
}

static int ensure_mat(rt *R, val *v)
{
    if (v->k == V_ARR && !v->a->x) {
        rarr *m = materialize(R, v->a);
        if (!m)
            return -1;
        v->a = m;
    }
    return 0;
}

static int window_arg(rt *R, const val *v, long *w)
{
    if (v->k != V_NUM || v->n.t != PV_INT || v->n.d < 0)
        return rt_fail(R, "ValueError: window must be an integer 0 or greater");
    *w = (long)v->n.d;
    return 0;
}

static int eval_series_op(rt *R, const cnode *n, frame *f, val *out)
{
    val r, a[5];
    if (eval(R, n->kid[0], f, &r) || ensure_mat(R, &r))
        return -1;
    for (size_t k = 1; k < n->n_kid && k < 5; k++) {
        memset(&a[k], 0, sizeof a[k]);
        if (n->kid[k] && eval(R, n->kid[k], f, &a[k]))
            return -1;
    }
    const rarr *in = r.a;
    size_t len = in->len;
    if (n->fn == S_VALUES) {
        rarr *c = arr_new(R, len);
        if (!c)
            return -1;
        *c = *in;
        c->series = 0;
        c->btarr = 0;
        c->ind = 0;
        *out = arr_val(c);
        return 0;
    }
    memo key = {0};
    key.kind = CN_SERIES_OP;
    key.fn = n->fn;
    key.aux = n->aux;
    key.n_in = 1;
    key.in[0] = in->x;
    for (size_t k = 1; k < n->n_kid && k < 5; k++) {
        if (n->kid[k] && a[k].k == V_NUM) {
            key.opt[key.n_opt] = a[k].n.d;
            key.opt_t[key.n_opt++] = a[k].n.t;
        } else {
            key.opt[key.n_opt] = NAN;
            key.opt_t[key.n_opt++] = -1;
        }
    }
    memo *m = memo_find(R, &key);
    if (m) {
        *out = m->res;
        return 0;
    }
    double *o = buf_new(R, len);
    if (!o)
        return -1;
    const double *x = in->x;
    bt_error e = {0};
    switch (n->fn) {
    case S_ROLL_MEAN: case S_ROLL_SUM: case S_ROLL_STD: case S_ROLL_VAR: case S_ROLL_MAX: case S_ROLL_MIN: {
        long w = 0, mp;
        if (window_arg(R, &a[1], &w))
            return -1;
        if (n->kid[2]) {
            if (a[2].k != V_NUM || a[2].n.t != PV_INT)
                return rt_fail(R, "ValueError: min_periods must be an integer");
            mp = (long)a[2].n.d;
        } else {
            mp = w;
        }
        if (bt_pd_rolling_check(w, mp, &e))
            return rt_fail(R, "%s", e.msg);
        int ddof = 1;
        if (n->kid[3]) {
            if (a[3].k != V_NUM || (a[3].n.t != PV_INT && a[3].n.t != PV_BOOL))
                return rt_fail(R, "TypeError: ddof must be an integer");
            ddof = (int)a[3].n.d;
        }
        if (w == 0) {
            for (size_t j = 0; j < len; j++)
                o[j] = n->fn == S_ROLL_SUM ? 0.0 : NAN;
            if (n->fn != S_ROLL_SUM || mp > 0)
                for (size_t j = 0; j < len; j++)
                    o[j] = NAN;
            break;
        }
        switch (n->fn) {
        case S_ROLL_MEAN: bt_pd_rolling_mean(x, len, (size_t)w, (size_t)mp, o); break;
        case S_ROLL_SUM: bt_pd_rolling_sum(x, len, (size_t)w, (size_t)mp, o); break;
        case S_ROLL_STD: bt_pd_rolling_std(x, len, (size_t)w, (size_t)mp, ddof, o); break;
        case S_ROLL_VAR: bt_pd_rolling_var(x, len, (size_t)w, (size_t)mp, ddof, o); break;
        case S_ROLL_MAX: bt_pd_rolling_max(x, len, (size_t)w, (size_t)mp, o); break;
        default: bt_pd_rolling_min(x, len, (size_t)w, (size_t)mp, o); break;
        }
        break;
    }
    case S_EWM_MEAN: {
        pyv v;
        if (a[1].k != V_NUM || a[1].n.t == PV_NONE)
            return rt_fail(R, "TypeError: ewm's decay must be a number");
        v = a[1].n;
        double com;
        if (bt_pd_ewm_com(n->aux, v.d, &com, &e))
            return rt_fail(R, "%s", e.msg);
        int adjust = n->kid[2] ? py_truth(a[2].n) : 1;
        long mp = 0;
        if (n->kid[3]) {
            if (a[3].k != V_NUM || (a[3].n.t != PV_INT && a[3].n.t != PV_BOOL))
                return rt_fail(R, "ValueError: min_periods must be an integer");
            mp = (long)a[3].n.d;
            if (mp < 0)
                return rt_fail(R, "ValueError: min_periods must be >= 0");
        }
        int ignore_na = n->kid[4] ? py_truth(a[4].n) : 0;
        bt_pd_ewm_mean_com(x, len, com, adjust, (size_t)mp, ignore_na, o);
        break;
    }
    case S_DIFF: case S_SHIFT: case S_PCT_CHANGE: {
        long k = 1;
        if (n->kid[1]) {
            const val *p = &a[1];
            if (p->k != V_NUM || p->n.t == PV_NONE)
                return rt_fail(R, "TypeError: periods must be an integer");
            if (p->n.t == PV_INT || p->n.t == PV_BOOL)
                k = (long)p->n.d;
            else if (n->fn == S_DIFF && p->n.d == floor(p->n.d) && isfinite(p->n.d))
                k = (long)p->n.d;
            else if (n->fn == S_DIFF)
                return rt_fail(R, "ValueError: periods must be an integer");
            else
                return rt_fail(R, "TypeError: Periods must be integer, but %s is <class 'float'>.",
                               (py_float_repr(p->n.d, R->emsg, 64), R->emsg));
        }
        if (n->fn == S_DIFF)
            bt_pd_diff(x, len, k, o);
        else if (n->fn == S_SHIFT)
            bt_pd_shift(x, len, k, o);
        else
            bt_pd_pct_change(x, len, k, o);
        break;
    }
    case S_ABS:
        for (size_t j = 0; j < len; j++)
            o[j] = fabs(x[j]);
        break;
    case S_CLIP: {
        double lo = NAN, hi = NAN;
        if (n->kid[1]) {
            if (a[1].k != V_NUM)
                return rt_fail(R, "TypeError: clip bounds must be numbers");
            if (a[1].n.t != PV_NONE)
                lo = a[1].n.d;
        }
        if (n->kid[2]) {
            if (a[2].k != V_NUM)
                return rt_fail(R, "TypeError: clip bounds must be numbers");
            if (a[2].n.t != PV_NONE)
                hi = a[2].n.d;
        }
        if (!isnan(lo) && !isnan(hi) && lo > hi) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        for (size_t j = 0; j < len; j++) {
            double v = x[j];
            if (!isnan(lo) && v < lo)
                v = lo;
            if (!isnan(hi) && v > hi)
                v = hi;
            o[j] = v;
        }
        break;
    }
    case S_BFILL: bt_pd_bfill(x, len, o); break;
    case S_FFILL: bt_pd_ffill(x, len, o); break;
    case S_FILLNA: {
        if (a[1].k != V_NUM || a[1].n.t == PV_NONE)
            return rt_fail(R, "ValueError: Must specify a fill 'value' or 'method'.");
        for (size_t j = 0; j < len; j++)
            o[j] = isnan(x[j]) ? a[1].n.d : x[j];
        break;
    }
    default:
        return rt_fail(R, "internal error: unknown series operation");
    }
    return series_result(R, o, len, &key, out);
}

static int eval_talib(rt *R, const cnode *n, frame *f, val *out)
{
    const bt_ta_func *tf = n->ta;
    val in[BT_TA_MAX_INPUTS];
    double opts[BT_TA_MAX_OPTS];
    memo key = {0};
    key.kind = CN_TALIB;
    key.ta = tf;
    size_t len = R->s->n;
    int series = 0;
    for (size_t k = 0; k < tf->n_inputs; k++) {
        if (eval(R, n->kid[k], f, &in[k]) || ensure_mat(R, &in[k]))
            return -1;
        if (in[k].k != V_ARR)
            return rt_fail(R, "TypeError: talib.%s: input '%s' must be an array", tf->name, tf->inputs[k]);
        if (in[k].a->isint)
            return rt_fail(R, "Exception: input array type is not double");
        key.in[key.n_in++] = in[k].a->x;
        len = in[k].a->len;
        if (k == 0)
            series = in[k].a->series;
    }
    for (size_t k = 0; k < tf->n_opts; k++) {
        const cnode *on = n->kid[tf->n_inputs + k];
        double v = tf->opt_default[k];
        if (on) {
            val ov;
            if (eval(R, on, f, &ov))
                return -1;
            if (ov.k != V_NUM || ov.n.t == PV_NONE)
                return rt_fail(R, "TypeError: talib.%s: option %s must be a number", tf->name, tf->opt_names[k]);
            v = ov.n.d;
            if (tf->opt_is_int[k]) { /* ta-lib-python converts a float to int by truncation */
                if (isnan(v))
                    return rt_fail(R, "ValueError: cannot convert float NaN to integer");
                if (isinf(v))
                    return rt_fail(R, "OverflowError: cannot convert float infinity to integer");
                v = trunc(v);
            }
        }
        opts[k] = v;
        key.opt[key.n_opt] = v;
        key.opt_t[key.n_opt++] = 0;
    }
    memo *m = memo_find(R, &key);
    if (m) {
        *out = m->res;
        return 0;
    }
    const double *ins[BT_TA_MAX_INPUTS];
    double *outs[BT_TA_MAX_OUTPUTS];
    for (size_t k = 0; k < tf->n_inputs; k++)
        ins[k] = in[k].a->x;
    for (size_t k = 0; k < tf->n_outputs; k++)
        if (!(outs[k] = buf_new(R, len)))
            return -1;
    bt_error e = {0};
    int rc = tf->compute(ins, len, opts, outs, &e);
    if (rc) {
        if (rc == BT_ERR_NOMEM) {
            R->failed = 2;
            R->lib_status = BT_ERR_NOMEM;
            snprintf(R->emsg, sizeof R->emsg, "%s", e.msg);
            return -1;
        }
        return rt_fail(R, "Exception: %s", e.msg);
    }
    if (tf->n_outputs == 1) {
        rarr *a = arr_of_buf(R, outs[0], len, series);
        if (!a)
            return -1;
        *out = arr_val(a);
    } else {
        rmulti *mm = rnew(R, sizeof *mm);
        if (!mm)
            return -1;
        mm->n = tf->n_outputs;
        mm->rows = rnew(R, mm->n * sizeof *mm->rows);
        if (!mm->rows)
            return -1;
        for (size_t k = 0; k < mm->n; k++)
            if (!(mm->rows[k] = arr_of_buf(R, outs[k], len, series)))
                return -1;
        memset(out, 0, sizeof *out);
        out->k = V_MULTI;
        out->m = mm;
    }
    memo_add(R, &key, out);
    return 0;
}

static int eval_sma(rt *R, const cnode *n, frame *f, val *out)
{
    val x, w;
    if (eval(R, n->kid[0], f, &x) || ensure_mat(R, &x) || eval(R, n->kid[1], f, &w))
        return -1;
    long win = 0;
    if (window_arg(R, &w, &win))
        return -1;
    memo key = {0};
    key.kind = CN_BUILTIN;
    key.fn = B_SMA;
    key.n_in = 1;
    key.in[0] = x.a->x;
    key.n_opt = 1;
    key.opt[0] = (double)win;
    memo *m = memo_find(R, &key);
    if (m) {
        *out = m->res;
        return 0;
    }
    size_t len = x.a->len;
    double *o = buf_new(R, len);
    if (!o)
        return -1;
    if (win == 0)
        for (size_t j = 0; j < len; j++)
            o[j] = NAN;
    else
        bt_pd_rolling_mean(x.a->x, len, (size_t)win, (size_t)win, o);
    return series_result(R, o, len, &key, out);
}

static int eval_builtin(rt *R, const cnode *n, frame *f, val *out)
{
    val a[16];
    memset(a, 0, sizeof a);
    char e[300];
    int fn = n->fn;
    if (fn == B_SMA)
        return eval_sma(R, n, f, out);
    size_t na = n->n_kid;
    if (fn == B_BARSSINCE)
        na = 1;
    for (size_t k = 0; k < na && k < 16; k++)
        if (eval(R, n->kid[k], f, &a[k]))
            return -1;
    switch (fn) {
    case B_MIN: case B_MAX: {
        val best = a[0];
        for (size_t k = 1; k < na; k++) {
            pyv r;
            if (best.k != V_NUM || a[k].k != V_NUM)
                return rt_fail(R, "TypeError: min/max of values that are not numbers");
            if (py_cmp(fn == B_MAX ? BT_CMP_GT : BT_CMP_LT, a[k].n, best.n, &r, e, sizeof e))
                return rt_fail(R, "%s", e);
            if (py_truth(r))
                best = a[k];
        }
        *out = best;
        return 0;
    }
    case B_ABS:
        if (a[0].k == V_ARR)
            return lazy_op(R, L_ABS, 0, &a[0], NULL, NULL, 0, out);
        if (a[0].n.t == PV_NONE)
            return rt_fail(R, "TypeError: bad operand type for abs(): 'NoneType'");
        *out = vnum(a[0].n.t == PV_BOOL ? PV_INT : a[0].n.t == PV_NPB ? PV_NPB : a[0].n.t, fabs(a[0].n.d));
        return 0;
    case B_INT: {
        pyv v;
        if (as_num(R, &a[0], &v, "int() argument"))
            return -1;
        if (v.t == PV_NONE)
            return rt_fail(R, "TypeError: int() argument must be a string, a bytes-like object or a real number, not "
                              "'NoneType'");
        if (isnan(v.d))
            return rt_fail(R, "ValueError: cannot convert float NaN to integer");
        if (isinf(v.d))
            return rt_fail(R, "OverflowError: cannot convert float infinity to integer");
        *out = vnum(PV_INT, trunc(v.d));
        return 0;
    }
    case B_FLOAT: {
        pyv v;
        if (as_num(R, &a[0], &v, "float() argument"))
            return -1;
        if (v.t == PV_NONE)
            return rt_fail(R, "TypeError: float() argument must be a string or a real number, not 'NoneType'");
        *out = vnum(PV_FLOAT, v.d);
        return 0;
    }
    case B_BOOL: {
        int t;
        if (truth(R, &a[0], &t))
            return -1;
        *out = vnum(PV_BOOL, t);
        return 0;
    }
    case B_ROUND: {
        pyv v = a[0].n;
        if (v.t == PV_NONE)
            return rt_fail(R, "TypeError: type NoneType doesn't define __round__ method");
        if (na == 1 || (a[1].k == V_NUM && a[1].n.t == PV_NONE)) {
            if (v.t == PV_INT || v.t == PV_BOOL) {
                *out = vnum(PV_INT, v.d);
                return 0;
            }
            if (isnan(v.d))
                return rt_fail(R, "ValueError: cannot convert float NaN to integer");
            if (isinf(v.d))
                return rt_fail(R, "OverflowError: cannot convert float infinity to integer");
            *out = vnum(PV_INT, rint(v.d)); /* half to even */
            return 0;
        }
        if (a[1].k != V_NUM || (a[1].n.t != PV_INT && a[1].n.t != PV_BOOL))
            return rt_fail(R, "TypeError: 'float' object cannot be interpreted as an integer");
        int nd = (int)a[1].n.d;
        if (v.t == PV_INT || v.t == PV_BOOL) {
            if (nd >= 0) {
                *out = vnum(PV_INT, v.d);
                return 0;
            }
            double p = pow(10, -nd);
            double q = rint(v.d / p) * p;
            *out = vnum(PV_INT, q);
            return 0;
        }
        if (!isfinite(v.d)) {
            *out = vnum(v.t, v.d);
            return 0;
        }
        double r;
        if (v.t == PV_NPF) { /* numpy's round: scale, rint, unscale */
            double p = pow(10, nd > 0 ? nd : -nd);
            r = nd >= 0 ? rint(v.d * p) / p : rint(v.d / p) * p;
        } else if (nd > 300 || nd < -300) {
            r = nd > 0 ? v.d : 0.0 * v.d;
        } else { /* CPython: correctly rounded decimal, half to even */
            char buf[400];
            if (nd >= 0) {
                snprintf(buf, sizeof buf, "%.*f", nd, v.d);
                r = strtod(buf, NULL);
            } else {
                double p = pow(10, -nd);
                r = rint(v.d / p) * p;
            }
            if (r == 0)
                r = copysign(0.0, v.d);
        }
        *out = vnum(v.t, r);
        return 0;
    }
    case B_CROSSOVER: case B_CROSS: {
        int r;
        if (crossover(R, &a[0], &a[1], &r))
            return -1;
        if (!r && fn == B_CROSS && crossover(R, &a[1], &a[0], &r))
            return -1;
        *out = vnum(PV_BOOL, r);
        return 0;
    }
    case B_BARSSINCE: {
        if (a[0].k != V_ARR)
            return rt_fail(R, "TypeError: barssince() needs an array condition");
        const rarr *c = a[0].a;
        for (size_t j = c->len; j-- > 0;) {
            pyv v;
            if (elem(R, c, j, &v))
                return -1;
            if (py_truth(v)) {
                *out = vnum(PV_INT, (double)(c->len - 1 - j));
                return 0;
            }
        }
        if (n->kid[1])
            return eval(R, n->kid[1], f, out);
        *out = vnum(PV_FLOAT, INFINITY);
        return 0;
    }
    case B_NP_MAXIMUM: case B_NP_MINIMUM:
        if (a[0].k == V_NUM && a[1].k == V_NUM) {
            double x = a[0].n.d, y = a[1].n.d;
            *out = vnum(PV_NPF, isnan(x) || isnan(y) ? NAN : fn == B_NP_MAXIMUM ? (x >= y ? x : y) : (x <= y ? x : y));
            return 0;
        }
        return lazy_op(R, fn == B_NP_MAXIMUM ? L_MAXIMUM : L_MINIMUM, 0, &a[0], &a[1], NULL, 0, out);
    case B_NP_ABS:
        if (a[0].k == V_NUM) {
            *out = vnum(PV_NPF, fabs(a[0].n.d));
            return 0;
        }
        return lazy_op(R, L_ABS, 0, &a[0], NULL, NULL, 0, out);
    case B_NP_ISNAN:
        if (a[0].k == V_NUM) {
            *out = vnum(PV_NPB, isnan(a[0].n.d));
            return 0;
        }
        return lazy_op(R, L_ISNAN, 0, &a[0], NULL, NULL, 0, out);
    case B_NP_WHERE: {
        if (a[0].k == V_NUM && a[1].k == V_NUM && a[2].k == V_NUM) {
            *out = py_truth(a[0].n) ? a[1] : a[2];
            out->n.t = PV_NPF;
            return 0;
        }
        int rc = lazy_op(R, L_WHERE, 0, &a[1], &a[2], &a[0], 0, out);
        if (!rc && out->k == V_ARR) { /* np.where returns a plain ndarray */
            out->a->series = 0;
            out->a->btarr = 0;
        }
        return rc;
    }
    case B_PD_SERIES: {
        if (ensure_mat(R, &a[0]))
            return -1;
        rarr *c = arr_new(R, a[0].a->len);
        if (!c)
            return -1;
        *c = *a[0].a;
        c->series = 1;
        c->btarr = 0;
        c->ind = 0;
        c->scatter = 0;
        *out = arr_val(c);
        return 0;
    }
    }
    return rt_fail(R, "internal error: unknown builtin");
}

static int call_helper(rt *R, const cnode *n, frame *f, val *out)
{
    const chelper *h = R->c->helpers[n->slot];
    frame hf;
    if (new_frame(R, &hf, h->n_slots))
        return -1;
    int rc = 0;
    for (size_t k = 0; k < h->n_args && !rc; k++)
        rc = eval(R, n->kid[k], f, &hf.slots[k]);
    if (!rc) {
        /* the return value: exec_block stores it in slot n_slots? use a dedicated walk */
        rc = -1;
        for (size_t k = 0; k < h->body->n; k++) {
            const cstmt *s = h->body->s[k];
            if (s->kind == CS_RETURN) {
                rc = eval(R, s->value, &hf, out);
                break;
            }
            cblock one = {(cstmt **)&h->body->s[k], 1};
            if (exec_block(R, &one, &hf) < 0) {
                rc = -1;
                break;
            }
        }
    }
    free(hf.slots);
    return rc;
}

/* backtesting.py's _as_str of an argument of self.I */
static void arg_name(const val *v, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (v->k == V_NUM) {
        int t = v->n.t;
        if (t == PV_BOOL || t == PV_NPB)
            snprintf(buf, cap, "%s", v->n.d != 0 ? "True" : "False");
        else if (t == PV_INT)
            snprintf(buf, cap, "%.0f", v->n.d);
        else if (t != PV_NONE)
            bt_format_param(v->n.d, BT_PTYPE_FLOAT, buf, cap);
        return;
    }
    const char *nm = v->k == V_ARR && v->a->btarr ? v->a->name : NULL;
    if (!nm)
        return;
    if (!strcmp(nm, "Open") || !strcmp(nm, "High") || !strcmp(nm, "Low") || !strcmp(nm, "Close") ||
        !strcmp(nm, "Volume")) {
        snprintf(buf, cap, "%c", nm[0]);
        return;
    }
    size_t chars = 0, at = 0;
    for (const unsigned char *p = (const unsigned char *)nm; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    if (chars <= 10) {
        snprintf(buf, cap, "%s", nm);
        return;
    }
    for (size_t k = 0; nm[at] && k < 10; at++) /* the first 9 characters, then an ellipsis */
        if (((unsigned char)nm[at] & 0xC0) != 0x80 && ++k == 10)
            break;
    snprintf(buf, cap, "%.*s\xe2\x80\xa6", (int)at, nm);
}

/* The name backtesting.py gives the indicator of node n: "SMA(C,10)", name=, or NULL (not derived). */
static const char *indicator_name(rt *R, const cnode *n, frame *f)
{
    if (n->op == 1)
        return n->str;
    if (n->op != 0)
        return NULL;
    char buf[192], a[96];
    snprintf(buf, sizeof buf, "%s", n->str);
    size_t shown = 0;
    for (int k = 0; k < n->aux; k++) {
        val v;
        if (eval(R, n->kid[2 + k], f, &v))
            return NULL;
        arg_name(&v, a, sizeof a);
        if (!a[0])
            continue; /* '' is filtered out */
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", shown++ ? "," : "(", a);
    }
    if (shown)
        strncat(buf, ")", sizeof buf - strlen(buf) - 1);
    char *out = rnew(R, strlen(buf) + 1);
    if (out)
        strcpy(out, buf);
    return out;
}

/* Records the indicator value v (its rows) for the trades' columns. */
static int record_indicator(rt *R, const char *name, const val *v)
{
    const size_t rows = v->k == V_MULTI ? v->m->n : 1;
    for (size_t k = 0; k < rows; k++) {
        if (R->n_inds == R->cap_inds) {
            size_t cap = R->cap_inds ? 2 * R->cap_inds : 16;
            struct ind_rec *p = realloc(R->inds, cap * sizeof *p);
            if (!p)
                return rt_fail(R, "out of memory");
            R->inds = p;
            R->cap_inds = cap;
        }
        struct ind_rec *e = &R->inds[R->n_inds++];
        if (rows > 1)
            snprintf(e->name, sizeof e->name, "%s_%zu", name ? name : "", k);
        else
            snprintf(e->name, sizeof e->name, "%s", name ? name : "");
        e->v = vbox(R, *v);
        e->row = (int)k;
        if (!name || !e->v) /* a name btgpu cannot derive: no column */
            e->name[0] = '\0';
    }
    return 0;
}

static int eval_indicator(rt *R, const cnode *n, frame *f, val *out)
{
    val v;
    if (eval(R, n->kid[0], f, &v))
        return -1;
    const char *name = R->want_inds ? indicator_name(R, n, f) : NULL;
    if (R->failed)
        return -1;
    int scatter = 0;
    if (n->kid[1]) {
        val sv;
        if (eval(R, n->kid[1], f, &sv) || truth(R, &sv, &scatter))
            return -1;
    }
    if (v.k == V_ARR) {
        if (ensure_mat(R, &v))
            return -1;
        if (v.a->len != R->s->n)
            return rt_fail(R, "ValueError: Indicators must return (optionally a tuple of) numpy.arrays of same length "
                              "as `data`");
        rarr *a = arr_new(R, v.a->len);
        if (!a)
            return -1;
        *a = *v.a;
        a->series = 0;
        a->btarr = 1;
        a->ind = 1;
        a->scatter = (unsigned char)scatter;
        a->name = name;
        *out = arr_val(a);
        return R->want_inds ? record_indicator(R, name, out) : 0;
    }
    if (v.k == V_MULTI) {
        rmulti *m = rnew(R, sizeof *m);
        if (!m)
            return -1;
        m->n = v.m->n;
        m->rows = rnew(R, (m->n ? m->n : 1) * sizeof *m->rows);
        if (!m->rows)
            return -1;
        for (size_t k = 0; k < m->n; k++) {
            val rv = arr_val(v.m->rows[k]);
            if (ensure_mat(R, &rv))
                return -1;
            rarr *a = arr_new(R, rv.a->len);
            if (!a)
                return -1;
            *a = *rv.a;
            a->series = 0;
            a->btarr = 1;
            a->ind = 1;
            a->scatter = (unsigned char)scatter;
            a->name = name;
            m->rows[k] = a;
        }
        memset(out, 0, sizeof *out);
        out->k = V_MULTI;
        out->m = m;
        return R->want_inds ? record_indicator(R, name, out) : 0;
    }
    return rt_fail(R, "ValueError: Indicators must return (optionally a tuple of) numpy.arrays of same length as `data`");
}

static int eval(rt *R, const cnode *n, frame *f, val *out)
{
    if (R->failed)
        return -1;
    memset(out, 0, sizeof *out);
    char e[300];
    switch (n->kind) {
    case CN_CONST:
        if (n->ptype == CV_NONE)
            *out = vnum(PV_NONE, 0);
        else
            *out = vnum(n->ptype == BT_PTYPE_INT ? PV_INT : n->ptype == BT_PTYPE_BOOL ? PV_BOOL : PV_FLOAT, n->num);
        return 0;
    case CN_ATTR:
        if (!R->attr_set[n->slot])
            return rt_fail(R, "AttributeError: '%s' object has no attribute '%s'", R->c->name,
                           R->c->attrs[n->slot].name);
        return view_of(R, &R->attrs[n->slot], out);
    case CN_LOCAL:
        if (!f || (size_t)n->slot >= f->n || f->slots[n->slot].k == V_UNBOUND)
            return rt_fail(R, "UnboundLocalError: local variable '%s' referenced before assignment",
                           n->src && n->src->str ? n->src->str : "?");
        *out = f->slots[n->slot];
        return 0;
    case CN_DATA: {
        rarr *a = arr_new(R, R->in_next ? R->i + 1 : R->s->n);
        if (!a)
            return -1;
        a->x = data_col(R->s, n->slot);
        a->btarr = 1;
        a->name = (const char *[]){"Open", "High", "Low", "Close", "Volume"}[n->slot];
        a->isint = n->slot == 4 && volume_is_int(R);
        *out = arr_val(a);
        return 0;
    }
    case CN_LEN_DATA: *out = vnum(PV_INT, R->in_next ? (double)(R->i + 1) : (double)R->s->n); return 0;
    case CN_LEN_TRADES: *out = vnum(PV_INT, R->b ? (double)bt_broker_n_trades(R->b) : 0); return 0;
    case CN_LEN_ORDERS: *out = vnum(PV_INT, R->b ? (double)bt_broker_n_orders(R->b) : 0); return 0;
    case CN_EQUITY: *out = vnum(PV_NPF, R->b ? bt_broker_equity(R->b) : R->o->cash); return 0;
    case CN_POSITION: out->k = V_POS; return 0;
    case CN_TRADES: case CN_ORDERS:
        if (!R->b) {
            out->k = n->kind == CN_TRADES ? V_TRADES : V_ORDERS;
            return 0;
        }
        return snapshot(R, n->kind == CN_ORDERS, out);
    case CN_FIELD: {
        val obj;
        if (eval(R, n->kid[0], f, &obj))
            return -1;
        return eval_field(R, n, &obj, out);
    }
    case CN_INDEX: {
        val obj, ix;
        if (eval(R, n->kid[0], f, &obj) || eval(R, n->kid[1], f, &ix))
            return -1;
        size_t at = 0;
        if (obj.k == V_ARR) {
            if (index_of(R, &ix, obj.a->len, &at, 0))
                return -1;
            pyv v;
            if (elem(R, obj.a, at, &v))
                return -1;
            *out = vnum(v.t == PV_BOOL ? PV_NPB : v.t == PV_INT || v.t == PV_FLOAT ? PV_NPF : v.t, v.d);
            return 0;
        }
        if (obj.k == V_TRADES || obj.k == V_ORDERS) {
            if (index_of(R, &ix, obj.n_ids, &at, 1))
                return -1;
            out->k = obj.k == V_TRADES ? V_TRADE : V_ORDER;
            out->id = obj.ids[at];
            return 0;
        }
        if (obj.k == V_MULTI) {
            if (index_of(R, &ix, obj.m->n, &at, 0))
                return -1;
            *out = arr_val(obj.m->rows[at]);
            return 0;
        }
        return rt_fail(R, "TypeError: object is not subscriptable");
    }
    case CN_UNARY: {
        val a;
        if (eval(R, n->kid[0], f, &a))
            return -1;
        if (n->op == BT_OP_NOT) {
            int t;
            if (truth(R, &a, &t))
                return -1;
            *out = vnum(PV_BOOL, !t);
            return 0;
        }
        if (a.k == V_ARR)
            return lazy_op(R, n->op == BT_OP_NEG ? L_NEG : L_POS, 0, &a, NULL, NULL, 0, out);
        pyv r;
        if (py_unary(n->op, a.n, &r, e, sizeof e))
            return rt_fail(R, "%s", e);
        *out = vnum(r.t, r.d);
        return 0;
    }
    case CN_BINARY: {
        val a, b;
        if (eval(R, n->kid[0], f, &a) || eval(R, n->kid[1], f, &b))
            return -1;
        if (a.k == V_ARR || b.k == V_ARR)
            return lazy_op(R, L_BINARY, n->op, &a, &b, NULL, 0, out);
        if (a.k != V_NUM || b.k != V_NUM)
            return rt_fail(R, "TypeError: unsupported operand types");
        pyv r;
        if (py_binop(n->op, a.n, b.n, &r, e, sizeof e))
            return rt_fail(R, "%s", e);
        *out = vnum(r.t, r.d);
        return 0;
    }
    case CN_COMPARE: {
        val l;
        if (eval(R, n->kid[0], f, &l))
            return -1;
        for (size_t k = 0; k + 1 < n->n_kid; k++) {
            val r;
            if (eval(R, n->kid[k + 1], f, &r))
                return -1;
            int op = n->ops[k];
            if (l.k == V_ARR || r.k == V_ARR) {
                if (op == BT_CMP_IS || op == BT_CMP_ISNOT) {
                    *out = vnum(PV_BOOL, op == BT_CMP_ISNOT);
                    return 0;
                }
                return lazy_op(R, L_COMPARE, op, &l, &r, NULL, 0, out); /* single comparison (checked) */
            }
            if (l.k != V_NUM || r.k != V_NUM) {
                if (op == BT_CMP_IS || op == BT_CMP_ISNOT) {
                    *out = vnum(PV_BOOL, op == BT_CMP_ISNOT);
                    return 0;
                }
                return rt_fail(R, "TypeError: comparison of values that are not numbers");
            }
            pyv res;
            if (py_cmp(op, l.n, r.n, &res, e, sizeof e))
                return rt_fail(R, "%s", e);
            *out = vnum(res.t, res.d);
            if (!py_truth(res))
                return 0;
            l = r;
        }
        return 0;
    }
    case CN_BOOLOP: {
        for (size_t k = 0; k < n->n_kid; k++) {
            if (eval(R, n->kid[k], f, out))
                return -1;
            if (k + 1 == n->n_kid)
                return 0;
            int t;
            if (truth(R, out, &t))
                return -1;
            if (n->op == BT_OP_AND ? !t : t)
                return 0;
        }
        return 0;
    }
    case CN_IFEXP: {
        val t;
        int tv;
        if (eval(R, n->kid[1], f, &t) || truth(R, &t, &tv))
            return -1;
        return eval(R, n->kid[tv ? 0 : 2], f, out);
    }
    case CN_BUILTIN:
        return eval_builtin(R, n, f, out);
    case CN_SERIES_OP:
        return eval_series_op(R, n, f, out);
    case CN_TALIB:
        return eval_talib(R, n, f, out);
    case CN_HELPER:
        return call_helper(R, n, f, out);
    case CN_LAMBDA: {
        size_t np = n->n_kid - 1;
        val args[16];
        for (size_t k = 0; k < np && k < 16; k++)
            if (eval(R, n->kid[k], f, &args[k]))
                return -1;
        for (size_t k = 0; k < np && k < 16; k++)
            f->slots[n->aux + k] = args[k];
        return eval(R, n->kid[np], f, out);
    }
    case CN_INDICATOR:
        return eval_indicator(R, n, f, out);
    case CN_TUPLE: {
        rmulti *m = rnew(R, sizeof *m);
        if (!m)
            return -1;
        m->n = n->n_kid;
        m->rows = rnew(R, (m->n ? m->n : 1) * sizeof *m->rows);
        if (!m->rows)
            return -1;
        for (size_t k = 0; k < m->n; k++) {
            val v;
            if (eval(R, n->kid[k], f, &v) || ensure_mat(R, &v))
                return -1;
            m->rows[k] = v.a;
        }
        out->k = V_MULTI;
        out->m = m;
        return 0;
    }
    }
    return rt_fail(R, "internal error: unknown node");
}

/* ------------------------------------------------------------ statements */

static int set_target(rt *R, const ctarget *t, frame *f, const val *v)
{
    switch (t->kind) {
    case TG_LOCAL:
        f->slots[t->slot] = *v;
        return 0;
    case TG_ATTR: {
        val keep = *v;
        /* values created in next() live in the bar arena: numbers are copied by value, so only arrays need care,
           and arrays are assigned in init() only (checked) */
        R->attrs[t->slot] = keep;
        R->attr_set[t->slot] = 1;
        return 0;
    }
    case TG_TRADE_SL: case TG_TRADE_TP: {
        val obj;
        if (eval(R, t->obj, f, &obj))
            return -1;
        pyv p;
        if (v->k == V_NUM)
            p = v->n;
        else if (as_num(R, v, &p, "the price"))
            return -1;
        bt_error e = {0};
        int rc = bt_broker_trade_set_contingent(R->b, obj.id, t->kind == TG_TRADE_SL ? 0 : 1, p.d, p.t == PV_NONE,
                                                p.t == PV_INT || p.t == PV_BOOL, &e);
        if (rc) {
            if (rc == BT_ERR_NOMEM) {
                R->failed = 2;
                R->lib_status = rc;
            }
            return rt_fail(R, "%s", e.msg);
        }
        return 0;
    }
    case TG_DISCARD:
        return 0;
    }
    return rt_fail(R, "internal error: bad target");
}

static int broker_err(rt *R, int rc, const bt_error *e)
{
    if (rc == BT_ERR_NOMEM) {
        R->failed = 2;
        R->lib_status = rc;
        snprintf(R->emsg, sizeof R->emsg, "%s", e->msg);
        return -1;
    }
    return rt_fail(R, "%s", e->msg);
}

static int do_order(rt *R, const cstmt *s, frame *f)
{
    bt_order_req req;
    memset(&req, 0, sizeof req);
    req.side = s->kind == CS_BUY ? BT_SIDE_BUY : BT_SIDE_SELL;
    req.size = 1.0 - 2.220446049250313e-16;
    double *fields[5] = {&req.size, &req.limit, &req.stop, &req.sl, &req.tp};
    unsigned bits[5] = {0, BT_REQ_LIMIT, BT_REQ_STOP, BT_REQ_SL, BT_REQ_TP};
    for (int k = 0; k < 5; k++) {
        if (!s->kw[k])
            continue;
        val v;
        if (eval(R, s->kw[k], f, &v))
            return -1;
        pyv p;
        int t;
        if (v.k == V_ARR) {
            if (truth(R, &v, &t) || as_num(R, &v, &p, "the price"))
                return -1;
        } else {
            p = v.n;
            t = py_truth(p);
        }
        if (k == 0) {
            if (p.t == PV_NONE)
                return rt_fail(R, "TypeError: '<' not supported between instances of 'int' and 'NoneType'");
            req.size = p.d;
            continue;
        }
        if (t) {
            *fields[k] = p.d;
            req.set |= bits[k];
        } else if (p.t != PV_NONE) {
            req.zero |= bits[k];
            if (p.t == PV_INT || p.t == PV_BOOL)
                req.zero_int |= bits[k];
        }
    }
    bt_error e = {0};
    int rc = bt_broker_order(R->b, &req, NULL, &e);
    return rc ? broker_err(R, rc, &e) : 0;
}

static int portion_of(rt *R, const cnode *n, frame *f, double *p)
{
    *p = 1.0;
    if (!n)
        return 0;
    val v;
    if (eval(R, n, f, &v))
        return -1;
    if (v.k != V_NUM || v.n.t == PV_NONE)
        return rt_fail(R, "TypeError: '<' not supported between instances of 'int' and 'NoneType'");
    *p = v.n.d;
    return 0;
}

/* TrailingStrategy.set_atr_periods(periods) */
static int set_atr_periods(rt *R, const val *pv)
{
    long periods = 100;
    if (pv) {
        if (window_arg(R, pv, &periods))
            return -1;
    }
    const bt_series *s = R->s;
    size_t n = s->n;
    double *tr = buf_new(R, n), *atr = buf_new(R, n), *m = buf_new(R, n);
    if (!tr || !atr || !m)
        return -1;
    for (size_t j = 0; j < n; j++) {
        double cp = j ? s->close[j - 1] : NAN;
        double a = s->high[j] - s->low[j], b = fabs(cp - s->high[j]), c = fabs(cp - s->low[j]);
        double r = a;
        /* np.max over axis 0: NaN propagates */
        if (isnan(r) || isnan(b))
            r = NAN;
        else if (b > r)
            r = b;
        if (isnan(r) || isnan(c))
            r = NAN;
        else if (c > r)
            r = c;
        tr[j] = r;
    }
    if (periods == 0)
        for (size_t j = 0; j < n; j++)
            m[j] = NAN;
    else
        bt_pd_rolling_mean(tr, n, (size_t)periods, (size_t)periods, m);
    bt_pd_bfill(m, n, atr);
    R->atr = atr;
    return 0;
}

static int trailing_next(rt *R)
{
    val snap;
    if (snapshot(R, 0, &snap))
        return -1;
    size_t i = R->i;
    for (size_t k = 0; k < snap.n_ids; k++) {
        if (!R->atr)
            return rt_fail(R, "TypeError: 'NoneType' object is not subscriptable");
        bt_trade_view t;
        bt_broker_trade_view_of(R->b, snap.ids[k], &t);
        pyv d = {PV_NPF, R->atr[i]}, prod, cand, cur;
        char e[300];
        if (py_binop(BT_OP_MUL, d, R->n_atr, &prod, e, sizeof e))
            return rt_fail(R, "%s", e);
        int is_long = t.size > 0;
        pyv c = {PV_NPF, R->s->close[i]};
        if (py_binop(is_long ? BT_OP_SUB : BT_OP_ADD, c, prod, &cand, e, sizeof e))
            return rt_fail(R, "%s", e);
        /* trade.sl or -inf / inf */
        cur = isnan(t.sl) || t.sl == 0 ? (pyv){PV_FLOAT, is_long ? -INFINITY : INFINITY} : (pyv){PV_FLOAT, t.sl};
        /* Python max(a, b): b if b > a else a; min: b if b < a else a */
        pyv best = (is_long ? cand.d > cur.d : cand.d < cur.d) ? cand : cur;
        bt_error be = {0};
        int rc = bt_broker_trade_set_contingent(R->b, snap.ids[k], 0, best.d, 0, 0, &be);
        if (rc)
            return broker_err(R, rc, &be);
    }
    return 0;
}

/* 0 normal, 1 returned, -1 error */
static int exec_block(rt *R, const cblock *b, frame *f)
{
    for (size_t k = 0; b && k < b->n; k++) {
        const cstmt *s = b->s[k];
        if (R->failed)
            return -1;
        switch (s->kind) {
        case CS_PASS:
            break;
        case CS_RETURN:
            return 1;
        case CS_EXPR: {
            val v;
            if (eval(R, s->value, f, &v))
                return -1;
            break;
        }
        case CS_ASSIGN: {
            val v;
            if (eval(R, s->value, f, &v) || set_target(R, &s->target, f, &v))
                return -1;
            break;
        }
        case CS_AUGASSIGN: {
            val cur, v;
            if (s->target.kind == TG_LOCAL) {
                cur = f->slots[s->target.slot];
                if (cur.k == V_UNBOUND)
                    return rt_fail(R, "UnboundLocalError: local variable referenced before assignment");
            } else {
                if (!R->attr_set[s->target.slot])
                    return rt_fail(R, "AttributeError: '%s' object has no attribute '%s'", R->c->name,
                                   R->c->attrs[s->target.slot].name);
                cur = R->attrs[s->target.slot];
            }
            if (eval(R, s->value, f, &v))
                return -1;
            if (cur.k != V_NUM || v.k != V_NUM)
                return rt_fail(R, "TypeError: augmented assignment of values that are not numbers");
            pyv r;
            char e[300];
            if (py_binop(s->op, cur.n, v.n, &r, e, sizeof e))
                return rt_fail(R, "%s", e);
            val nv = vnum(r.t, r.d);
            if (set_target(R, &s->target, f, &nv))
                return -1;
            break;
        }
        case CS_UNPACK: {
            val v;
            if (eval(R, s->value, f, &v))
                return -1;
            if (v.k != V_MULTI || v.m->n != s->n_targets)
                return rt_fail(R, "ValueError: not enough values to unpack");
            for (size_t q = 0; q < s->n_targets; q++) {
                val row = arr_val(v.m->rows[q]);
                if (set_target(R, &s->targets[q], f, &row))
                    return -1;
            }
            break;
        }
        case CS_IF: {
            val t;
            int tv;
            if (eval(R, s->test, f, &t) || truth(R, &t, &tv))
                return -1;
            int rc = exec_block(R, tv ? s->body : s->orelse, f);
            if (rc)
                return rc;
            break;
        }
        case CS_FOR: {
            val it;
            if (eval(R, s->value, f, &it))
                return -1;
            for (size_t q = 0; q < it.n_ids; q++) {
                val e = {0};
                e.k = it.k == V_TRADES ? V_TRADE : V_ORDER;
                e.id = it.ids[q];
                f->slots[s->slot] = e;
                int rc = exec_block(R, s->body, f);
                if (rc)
                    return rc;
            }
            break;
        }
        case CS_BUY: case CS_SELL:
            if (do_order(R, s, f))
                return -1;
            break;
        case CS_POS_CLOSE: {
            double p;
            if (portion_of(R, s->value, f, &p))
                return -1;
            bt_error e = {0};
            int rc = bt_broker_position_close_portion(R->b, p, &e);
            if (rc)
                return broker_err(R, rc, &e);
            break;
        }
        case CS_TRADE_CLOSE: {
            val t;
            double p;
            if (eval(R, s->target.obj, f, &t) || portion_of(R, s->value, f, &p))
                return -1;
            bt_error e = {0};
            int rc = bt_broker_trade_close(R->b, t.id, p, &e);
            if (rc)
                return broker_err(R, rc, &e);
            break;
        }
        case CS_ORDER_CANCEL: {
            val o;
            if (eval(R, s->value, f, &o))
                return -1;
            if (bt_broker_order_cancel(R->b, o.id))
                return rt_fail(R, "ValueError: list.remove(x): x not in list");
            break;
        }
        case CS_SUPER_INIT: case CS_SUPER_NEXT:
            if (s->body) {
                frame pf;
                if (new_frame(R, &pf, (size_t)s->slot))
                    return -1;
                int rc = exec_block(R, s->body, &pf);
                free(pf.slots);
                if (rc < 0)
                    return -1;
            } else if (R->c->trailing) {
                if (s->kind == CS_SUPER_INIT) {
                    if (set_atr_periods(R, NULL))
                        return -1;
                } else if (trailing_next(R)) {
                    return -1;
                }
            }
            break;
        case CS_SET_TRAILING_SL: {
            pyv v = {PV_INT, 6};
            if (s->value) {
                val x;
                if (eval(R, s->value, f, &x))
                    return -1;
                v = x.n;
            }
            R->n_atr = v;
            break;
        }
        case CS_SET_ATR_PERIODS: {
            if (s->value) {
                val x;
                if (eval(R, s->value, f, &x) || set_atr_periods(R, &x))
                    return -1;
            } else if (set_atr_periods(R, NULL)) {
                return -1;
            }
            break;
        }
        }
    }
    return 0;
}

/* ------------------------------------------------------------ the run */

static int report(rt *R, bt_run *out, bt_error *err, int in_init)
{
    int status = R->failed == 2 ? R->lib_status : BT_ERR_DATA;
    if (in_init)
        return bt_error_set(err, status, "init(): %s", R->emsg);
    char when[64] = "";
    if (R->s->is_datetime) {
        char t[32];
        bt_format_time(R->s->time[R->i], t, sizeof t);
        if (strcmp(t + 10, " 00:00:00") == 0)
            t[10] = '\0';
        snprintf(when, sizeof when, " (%s)", t);
    }
    (void)out;
    return bt_error_set(err, status, "bar %zu%s: %s", R->i, when, R->emsg);
}

/* pandas' read_csv makes a Volume column of whole numbers int64; decided
 * on the first read of self.data.Volume, so that runs which never read it
 * do not scan the column */
static int volume_is_int(rt *R)
{
    if (R->vol_int < 0) {
        const bt_series *s = R->s;
        int whole = s->has_volume;
        for (size_t j = 0; j < s->n && whole; j++)
            if (!isfinite(s->volume[j]) || s->volume[j] != floor(s->volume[j]) || fabs(s->volume[j]) > 9.2e18)
                whole = 0;
        R->vol_int = whole;
    }
    return R->vol_int;
}

/* The run's setup: parameters into their attribute slots. */
static int rt_begin(rt *R, const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                    const bt_options *o, bt_error *err)
{
    memset(R, 0, sizeof *R);
    R->c = c;
    R->s = s;
    R->o = o;
    R->err = err;
    R->cur = &R->run_arena;
    R->n_atr = (pyv){PV_FLOAT, 6.0};
    if (s->n == 0)
        return bt_error_set(err, BT_ERR_DATA, "the series has no bars");
    R->vol_int = -1; /* looked at when a strategy reads the Volume column (volume_is_int) */
    R->attrs = calloc(c->n_attrs ? c->n_attrs : 1, sizeof *R->attrs);
    R->attr_set = calloc(c->n_attrs ? c->n_attrs : 1, 1);
    if (!R->attrs || !R->attr_set)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < c->n_params; k++) {
        int t = types ? types[k] : c->param_types[k];
        R->attrs[k] = vnum(t == BT_PTYPE_INT ? PV_INT : t == BT_PTYPE_BOOL ? PV_BOOL : PV_FLOAT, params[k]);
        R->attr_set[k] = 1;
    }
    return BT_OK;
}

/* init() (or TrailingStrategy's), with its error reported */
static int rt_init(rt *R, frame *init_f, bt_error *err)
{
    const bt_compiled *c = R->c;
    if (new_frame(R, init_f, c->init_slots))
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    if (c->init) {
        if (exec_block(R, c->init, init_f) < 0)
            return report(R, NULL, err, 1);
    } else if (c->trailing && set_atr_periods(R, NULL)) {
        return report(R, NULL, err, 1);
    }
    return BT_OK;
}

/* An attribute's part of the warm-up: the first valid index of each
 * registered non-scatter indicator it holds (bool indicators count 0). */
static size_t attr_warmup(const val *v)
{
    rarr *rows[8];
    size_t nr = 0, warmup = 0;
    if (v->k == V_ARR && v->a->ind)
        rows[nr++] = v->a;
    else if (v->k == V_MULTI)
        for (size_t q = 0; q < v->m->n && nr < 8; q++)
            if (v->m->rows[q]->ind)
                rows[nr++] = v->m->rows[q];
    for (size_t q = 0; q < nr; q++) {
        if (rows[q]->scatter)
            continue;
        size_t w = rows[q]->isbool ? 0 : bt_first_valid(rows[q]->x, rows[q]->len);
        if (w > warmup)
            warmup = w;
    }
    return warmup;
}

static void rt_end(rt *R)
{
    free(R->inds);
    bt_broker_free(R->b);
    free(R->attrs);
    free(R->attr_set);
    rarena_free(&R->run_arena);
    rarena_free(&R->bar_arena);
}

/* a private copy of len values into a (kind BT_CIV_ARR) */
static int export_array(bt_cinit_val *a, const double *x, size_t len, const bt_cinit_alloc *al, bt_error *err)
{
    a->kind = BT_CIV_ARR;
    a->len = len;
    a->x = al ? al->alloc(al->ctx, (len ? len : 1) * sizeof *a->x) : NULL;
    a->borrowed = a->x != NULL;
    if (!a->x)
        a->x = malloc((len ? len : 1) * sizeof *a->x);
    if (!a->x)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    memcpy(a->x, x, len * sizeof *a->x);
    return BT_OK;
}

int bt_compiled_init_state(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                           const bt_options *o, bt_cinit_val *attrs, bt_error *err)
{
    return bt_compiled_init_state_in(c, s, params, types, o, NULL, attrs, err);
}

int bt_compiled_init_state_in(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                              const bt_options *o, const bt_cinit_alloc *al, bt_cinit_val *attrs, bt_error *err)
{
    rt R;
    frame init_f = {0};
    memset(attrs, 0, (c->n_attrs + 2) * sizeof *attrs);
    int rc = rt_begin(&R, c, s, params, types, o, err);
    if (rc == BT_OK)
        rc = rt_init(&R, &init_f, err);
    for (size_t k = 0; k < c->n_attrs && rc == BT_OK; k++) {
        bt_cinit_val *a = &attrs[k];
        const val *v = &R.attrs[k];
        if (!R.attr_set[k])
            continue;
        a->warm = attr_warmup(v);
        if (v->k == V_NUM) {
            a->kind = BT_CIV_NUM;
            a->pt = v->n.t;
            a->num = v->n.d;
        } else if (v->k == V_ARR && v->a->x) {
            if (al && al->keep && !al->keep[k]) {
                a->kind = BT_CIV_ARR;
                a->len = v->a->len;
                a->borrowed = 1;
            } else if ((rc = export_array(a, v->a->x, v->a->len, al, err))) {
                break;
            }
            a->isbool = v->a->isbool;
            a->ind = v->a->ind;
        } else {
            a->kind = BT_CIV_OTHER;
        }
    }
    if (rc == BT_OK && c->trailing) { /* TrailingStrategy's ATR and multiplier */
        bt_cinit_val *a = &attrs[c->n_attrs], *m = &attrs[c->n_attrs + 1];
        if (R.atr)
            rc = export_array(a, R.atr, s->n, al, err);
        m->kind = BT_CIV_NUM;
        m->pt = R.n_atr.t;
        m->num = R.n_atr.d;
    }
    if (rc)
        bt_cinit_free(attrs, c->n_attrs + 2);
    free(init_f.slots);
    rt_end(&R);
    return rc;
}

void bt_cinit_free(bt_cinit_val *attrs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (!attrs[k].borrowed)
            free(attrs[k].x);
        attrs[k].x = NULL;
    }
}

/* Copies the recorded indicators into the run (values materialized, names kept). */
static int export_indicators(rt *R, bt_run *out, bt_error *err)
{
    size_t n = 0;
    for (size_t k = 0; k < R->n_inds; k++)
        n += R->inds[k].name[0] != '\0';
    out->n_indicators_unnamed = R->n_inds - n;
    if (!n)
        return BT_OK;
    out->indicator_names = calloc(n, sizeof *out->indicator_names);
    out->indicator_values = calloc(n, sizeof *out->indicator_values);
    out->indicator_bool = calloc(n, 1);
    if (!out->indicator_names || !out->indicator_values || !out->indicator_bool)
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < R->n_inds; k++) {
        struct ind_rec *e = &R->inds[k];
        if (!e->name[0])
            continue;
        val row = e->v->k == V_MULTI ? arr_val(e->v->m->rows[e->row]) : *e->v;
        if (ensure_mat(R, &row) || row.a->len != R->s->n)
            return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        size_t i = out->n_indicators;
        out->indicator_values[i] = malloc(R->s->n * sizeof(double));
        if (!out->indicator_values[i])
            return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        memcpy(out->indicator_values[i], row.a->x, R->s->n * sizeof(double));
        memcpy(out->indicator_names[i], e->name, sizeof e->name);
        out->indicator_bool[i] = row.a->isbool;
        out->n_indicators++;
    }
    return BT_OK;
}

int bt_compiled_run(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                    const bt_options *o, bt_run *out, bt_error *err)
{
    return bt_compiled_run_ex(c, s, params, types, o, 0, out, err);
}

int bt_compiled_run_ex(const bt_compiled *c, const bt_series *s, const double *params, const int *types,
                       const bt_options *o, int indicators, bt_run *out, bt_error *err)
{
    rt R;
    memset(out, 0, sizeof *out);
    frame init_f = {0}, next_f = {0};
    int rc = rt_begin(&R, c, s, params, types, o, err);
    R.want_inds = indicators;
    if (rc == BT_OK)
        rc = rt_init(&R, &init_f, err);
    if (rc == BT_OK && indicators)
        rc = export_indicators(&R, out, err);
    if (rc)
        goto done;
    /* warm-up: registered non-scatter indicators held by attributes at the end of init() */
    size_t warmup = 0;
    for (size_t k = c->n_params; k < c->n_attrs; k++) {
        size_t w = R.attr_set[k] ? attr_warmup(&R.attrs[k]) : 0;
        warmup = w > warmup ? w : warmup;
    }
    /* the broker */
    rc = bt_broker_open(s, o, out, &R.b, err);
    if (rc)
        goto done;
    out->warmup = warmup;
    out->start = warmup + 1;
    if (new_frame(&R, &next_f, c->next_slots)) {
        rc = bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        goto done;
    }
    R.in_next = 1;
    R.cur = &R.bar_arena;
    for (size_t i = out->start; i < s->n; i++) {
        R.i = i;
        bt_error berr = {0}; /* err may be NULL: the broker's message is needed either way */
        int r = bt_broker_next(R.b, i, &berr);
        if (r < 0) {
            char m[sizeof berr.msg];
            snprintf(m, sizeof m, "%s", berr.msg);
            snprintf(R.emsg, sizeof R.emsg, "%s", m);
            R.failed = 1;
            if (r == BT_ERR_NOMEM) {
                R.failed = 2;
                R.lib_status = r;
            }
            rc = report(&R, out, err, 0);
            goto done;
        }
        if (r == 1)
            break;
        rarena_reset(&R.bar_arena);
        memset(next_f.slots, 0, next_f.n * sizeof *next_f.slots);
        int x = 0;
        if (c->next)
            x = exec_block(&R, c->next, &next_f);
        else if (c->trailing)
            x = trailing_next(&R);
        if (x < 0) {
            rc = report(&R, out, err, 0);
            goto done;
        }
    }
    R.in_next = 0;
    rc = bt_broker_finalize(R.b, err);
done:
    free(init_f.slots);
    free(next_f.slots);
    rt_end(&R);
    if (rc)
        bt_run_free(out);
    return rc;
}
