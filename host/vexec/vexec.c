/* The vector executor of compiled strategies (see vexec.h). */
#define _DEFAULT_SOURCE /* mmap, madvise */
#include "vexec.h"

#include "ast.h"
#include "broker.h"
#include "bt_lanes.h"
#include "cform.h"
#include "indicators.h"
#include "pyrt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif
#ifdef BTGPU_HAVE_OPENMP
#include <omp.h>
#endif
#if defined(__unix__)
#include <sys/mman.h>
#endif

#define VX_MAX_W 1024
#define VX_DEFAULT_W 64
#define VX_MAX_REGS 4096

/* why a lane leaves the fast lane broker (its esc value) */
#define VX_ESC_MODEL 1 /* outside the fast broker's model: rerun with a reference broker per lane */
#define VX_ESC_ERROR 2 /* a Python error may be raised (or init() failed): the interpreter reports it */

#include "vx_orders.h"

/* ================================================================ init()'s data flow
 *
 * Which parameters each attribute's value at the end of init() depends on:
 * bit p = parameter p. Values flow through locals and attributes; an if's
 * test flows into everything either branch assigns, a return's test into
 * everything after it. Helpers that read self (and lambdas, which may close
 * over anything) depend on every parameter. */

typedef uint64_t dmask;

/* init() records per combination: the attributes, then TrailingStrategy's ATR
 * array and multiplier (bt_compiled_init_state) */
#define VX_NREC(c) ((c)->n_attrs + 2)

typedef struct dctx {
    const bt_compiled *c;
    dmask *attr, *loc;
    size_t n_loc;
    dmask after_return; /* tests of the returns seen so far */
    int all;            /* something not analysed: every attribute depends on everything */
} dctx;

static int node_reads_self(const bt_compiled *c, const cnode *n, int depth);

static int block_reads_self(const bt_compiled *c, const cblock *b, int depth)
{
    for (size_t k = 0; b && k < b->n; k++) {
        const cstmt *s = b->s[k];
        if (s->target.kind == TG_ATTR || node_reads_self(c, s->value, depth) || node_reads_self(c, s->test, depth) ||
            block_reads_self(c, s->body, depth) || block_reads_self(c, s->orelse, depth))
            return 1;
        for (int q = 0; q < 5; q++)
            if (node_reads_self(c, s->kw[q], depth))
                return 1;
        for (size_t q = 0; q < s->n_targets; q++)
            if (s->targets[q].kind == TG_ATTR)
                return 1;
    }
    return 0;
}

static int node_reads_self(const bt_compiled *c, const cnode *n, int depth)
{
    if (!n)
        return 0;
    if (depth > 32)
        return 1;
    switch (n->kind) {
    case CN_ATTR: case CN_EQUITY: case CN_POSITION: case CN_TRADES: case CN_ORDERS:
    case CN_LEN_TRADES: case CN_LEN_ORDERS: case CN_LAMBDA:
        return 1;
    case CN_HELPER: {
        const chelper *h = c->helpers[n->slot];
        if (node_reads_self(c, h->expr, depth + 1) || block_reads_self(c, h->body, depth + 1))
            return 1;
        break;
    }
    default:
        break;
    }
    for (size_t k = 0; k < n->n_kid; k++)
        if (node_reads_self(c, n->kid[k], depth + 1))
            return 1;
    return 0;
}

static dmask dep_expr(dctx *d, const cnode *n)
{
    if (!n)
        return 0;
    dmask m = 0;
    switch (n->kind) {
    case CN_ATTR: return d->attr[n->slot];
    case CN_LOCAL: return (size_t)n->slot < d->n_loc ? d->loc[n->slot] : ~(dmask)0;
    case CN_LAMBDA: return ~(dmask)0;
    case CN_HELPER: { /* its arguments' dependencies (below), unless its body reads self */
        const chelper *h = d->c->helpers[n->slot];
        if (node_reads_self(d->c, h->expr, 1) || block_reads_self(d->c, h->body, 1))
            return ~(dmask)0;
        break;
    }
    default:
        break;
    }
    for (size_t k = 0; k < n->n_kid; k++)
        m |= dep_expr(d, n->kid[k]);
    return m;
}

static void dep_assign(dctx *d, const ctarget *t, dmask v)
{
    if (t->kind == TG_LOCAL && (size_t)t->slot < d->n_loc)
        d->loc[t->slot] = v;
    else if (t->kind == TG_ATTR)
        d->attr[t->slot] = v;
    else if (t->kind == TG_LOCAL)
        d->all = 1;
}

static void dep_block(dctx *d, const cblock *b, dmask ctl)
{
    size_t na = VX_NREC(d->c);
    for (size_t k = 0; b && k < b->n && !d->all; k++) {
        const cstmt *s = b->s[k];
        dmask here = ctl | d->after_return;
        switch (s->kind) {
        case CS_PASS:
            break;
        case CS_EXPR:
            if (s->value && node_reads_self(d->c, s->value, 0) && s->value->kind != CN_INDICATOR)
                d->all = 1; /* a call for its effect that may touch self */
            break;
        case CS_ASSIGN:
            dep_assign(d, &s->target, dep_expr(d, s->value) | here);
            break;
        case CS_AUGASSIGN: {
            cnode cur = {0};
            cur.kind = s->target.kind == TG_ATTR ? CN_ATTR : CN_LOCAL;
            cur.slot = s->target.slot;
            dep_assign(d, &s->target, dep_expr(d, s->value) | dep_expr(d, &cur) | here);
            break;
        }
        case CS_UNPACK: {
            dmask v = dep_expr(d, s->value) | here;
            for (size_t q = 0; q < s->n_targets; q++)
                dep_assign(d, &s->targets[q], v);
            break;
        }
        case CS_IF: {
            dmask t = dep_expr(d, s->test) | here;
            dmask *save = malloc((na + d->n_loc + 1) * sizeof *save);
            if (!save) {
                d->all = 1;
                return;
            }
            memcpy(save, d->attr, na * sizeof *save);
            memcpy(save + na, d->loc, d->n_loc * sizeof *save);
            dep_block(d, s->body, t);
            /* the else branch from the state before the if; then the union */
            for (size_t q = 0; q < na; q++) {
                dmask after = d->attr[q];
                d->attr[q] = save[q];
                save[q] = after;
            }
            for (size_t q = 0; q < d->n_loc; q++) {
                dmask after = d->loc[q];
                d->loc[q] = save[na + q];
                save[na + q] = after;
            }
            dep_block(d, s->orelse, t);
            for (size_t q = 0; q < na; q++)
                d->attr[q] |= save[q];
            for (size_t q = 0; q < d->n_loc; q++)
                d->loc[q] |= save[na + q];
            free(save);
            break;
        }
        case CS_RETURN:
            d->after_return |= here | dep_expr(d, s->value);
            break;
        case CS_SET_ATR_PERIODS:
            d->attr[d->c->n_attrs] = dep_expr(d, s->value) | here;
            break;
        case CS_SET_TRAILING_SL:
            d->attr[d->c->n_attrs + 1] = dep_expr(d, s->value) | here;
            break;
        case CS_SUPER_INIT:
            if (s->body)
                d->all = 1;
            else if (d->c->trailing) /* TrailingStrategy.init(): the default ATR */
                d->attr[d->c->n_attrs] = here;
            break;
        default: /* loops, super().init() of another base, broker calls */
            d->all = 1;
            break;
        }
    }
}

/* deps[k] for every attribute slot k (parameters first): bits of the
 * parameters its value after init() may depend on. */
static int init_deps(const bt_compiled *c, dmask *deps)
{
    dctx d = {c, deps, NULL, c->init_slots, 0, 0};
    dmask params = c->n_params >= 64 ? ~(dmask)0 : (((dmask)1 << c->n_params) - 1);
    d.loc = calloc(c->init_slots ? c->init_slots : 1, sizeof *d.loc);
    if (!d.loc)
        return -1;
    for (size_t k = 0; k < VX_NREC(c); k++)
        deps[k] = k < c->n_params ? (dmask)1 << k : 0;
    if (c->init)
        dep_block(&d, c->init, 0);
    for (size_t k = 0; k < VX_NREC(c); k++)
        deps[k] = d.all ? params : deps[k] & params;
    free(d.loc);
    return 0;
}

/* ================================================================ the vector program */

enum {
    VO_CONST,    /* dst = imm */
    VO_ATTR,     /* dst = the lane's numeric attribute slot */
    VO_DATA,     /* dst = data column slot at index idx (broadcast); a = 1: out of range gives NaN */
    VO_ARR,      /* dst = the lane's array attribute slot at index idx; a = 1: out of range gives NaN */
    VO_LEN,      /* dst = len(self.data) */
    VO_POS,      /* dst = position truthiness / is_long / is_short / size: op 0..3 */
    VO_BIN,      /* dst = a op b: op BT_OP_ADD SUB MUL, or DIV with b: numpy (no check) / Python (escape on 0) */
    VO_SLOW,     /* dst = py_binop(op, (pa, a), (pb, b)) lane by lane; escapes on an error */
    VO_CMP,      /* dst = a op b (0/1) */
    VO_TRUTH,    /* dst = a != 0, and not None where b >= 0 (b: a None mask) */
    VO_NOT,      /* dst = 1 - a */
    VO_AND,      /* dst = a & b */
    VO_OR,       /* dst = a | b */
    VO_ANDNOT,   /* dst = a & !b */
    VO_SEL,      /* dst = a ? b : c */
    VO_CROSS,    /* dst = (a < b) & (c > d) */
    VO_NEG,      /* dst = -a */
    VO_ENTRY,    /* under mask m: an entry of sign imm (a second one escapes); pb = 1: transient (plan trans),
                    the order lanes queue it only where it can act on the next bar */
    VO_CLOSE,    /* under mask m: position.close() */
    VO_STORE,    /* under mask m: attribute slot = a */
    VO_CANCEL,   /* under mask m: for order in self.orders: order.cancel() */
    VO_ABS,      /* dst = fabs(a) */
    VO_INT,      /* dst = trunc(a) (op 0) or rint(a) (op 1); NaN and inf raise under mask m */
    VO_ARRX,     /* VO_DATA / VO_ARR (pa = 1: data) with the index a lane register (b) */
    VO_LOOP,     /* for trade in self.trades: under mask m, dst = this iteration's mask; c = its VO_LOOPEND,
                    registers [b, d) the body's */
    VO_LOOPEND,  /* a = its VO_LOOP: the next iteration, if any lane has one */
    VO_TFIELD,   /* dst = field op of the loop's trade (b: None mask register for sl / tp, else -1) */
    VO_TCLOSE,   /* under mask m: trade.close(portion kw[0]) */
    VO_TSET,     /* under mask m: trade.sl (op 0) / trade.tp (op 1) = a (b: None mask; pa: type) */
    VO_TRAIL     /* under mask m: TrailingStrategy.next() */
};

typedef struct vop {
    int k, op, dst, a, b, c, d, m, slot, pa, pb;
    int g;        /* guard: the mask under which the result matters; skipped when it is all 0 */
    int kw[5], kwn[5], kwpt[5]; /* VO_ENTRY: size limit stop sl tp registers (-1: not given), None masks, types */
    long idx;
    double imm;
} vop;

struct vblock;
/* A program compiled to C at build time (vx_gen.inc, from the built-in
 * strategies): its operations, and next()'s pass over them as straight-line
 * code, over a block's lanes and over one lane. A lowered program whose
 * operations are these, field for field, runs them. */
typedef struct vx_gen {
    const struct vop *ops;
    const size_t *gskip;
    size_t n_ops, n_pro;
    int n_regs;
    void (*lanes)(struct vblock *B, const bt_series *s, size_t i, const double *size, size_t W);
    void (*one)(struct vblock *B, const bt_series *s, size_t i, const double *size, size_t W);
} vx_gen;

/* an attribute's kind as the program sees it */
typedef struct asig {
    unsigned char kind, pt, isbool, ind;
} asig;

typedef struct vprog {
    vop *ops;
    size_t n_ops, cap;
    size_t n_pro;     /* ops[0 .. n_pro): bar-invariant, run once per block */
    int n_regs;
    asig *sig;        /* the attribute signature it was lowered for */
    int ok;           /* 0: not lowerable for this signature (its lanes escape) */
    unsigned char *rcls; /* per register: RC_PURE / RC_M3 / RC_UNK (quiet-bar analysis) */
    unsigned char *r01;  /* per register: holds only 0 and 1 */
    unsigned char *qdbl; /* per register: a 0/1 value the slice also needs as doubles */
    unsigned char *qlive; /* per operation: the slice computes it */
    size_t *gskip;    /* per operation: where the run of operations that are skipped whenever its
                       * guard is all 0 ends (plan_gskip) */
    int quiet_ok;     /* the quiet-bar schedule applies (plan_quiet) */
    /* The order lanes' walk plan (wplan, PLAN_* bits), where it has some:
     * PLAN_TRANS, transient entries (plan_trans): next() cancels every order
     * while flat and places entries only then, so an entry matters only on the
     * bar after it (it fills there, or next() cancels it). Its effect is then
     * the bar on which it may fill or fails its check; the cancel's is none.
     * PLAN_TRAIL: TrailingStrategy.next() runs once on every bar (plan_trail);
     * the walk moves the trade's SL itself on the bars it skips, so it is no
     * effect for the slice. PLAN_HOLD0: next() does nothing while a trade
     * is held (plan_hold0), so a holding lane's walk skips the slice's bits
     * (each may act only flat) and stops only where its queue can act. */
    int wplan, wquiet_ok;
#define PLAN_TRANS 1
#define PLAN_TRAIL 2
#define PLAN_HOLD0 4
    unsigned char *wqlive, *wqdbl; /* as qlive / qdbl for that plan */
    /* The order lanes' position-state slices (sok: all three apply): the classes, live
     * operations and double registers of the slice of a flat (0), long (1) and short (2)
     * lane under the walk plan, where state_const values are known */
    unsigned char *srcls[3], *slive[3], *sdbl[3];
    int sok;
    const vx_gen *gen; /* its generated code, or NULL */
    char why[200];
    struct vprog *next;
} vprog;

struct bt_vx {
    const bt_compiled *c;
    dmask *deps;      /* per attribute */
    unsigned char *keep; /* per attribute: next() may read it (bt_cinit_alloc.keep) */
    vprog *progs;     /* lowered programs, one per attribute signature */
#ifdef BTGPU_HAVE_OPENMP
    omp_lock_t lock;
    int locked;
#endif
};

/* ---------------------------------------------------------------- lowering */

enum { LV_NONE_, LV_NUM, LV_ARR, LV_POSN, LV_UNBOUND, LV_TRADE };

typedef struct lv {
    int kind;
    int is01;     /* LV_NUM: the register holds only 0 and 1 (a comparison's or mask's result) */
    int reg;      /* LV_NUM: value register */
    int pt;       /* PV_* (PV_NONE: the constant None) */
    int none;     /* LV_NUM: register of a None mask (1 where the value is None), or -1 */
    int col;      /* LV_ARR: data column, or -1 */
    int slot;     /* LV_ARR: attribute slot */
} lv;

typedef struct lctx {
    const bt_compiled *c;
    const asig *sig;
    vprog *p;
    lv *loc;      /* next()'s locals */
    lv *attr;     /* numeric attributes (current registers) */
    unsigned char *attr_w; /* assigned in next() */
    int failed;
    int guard;    /* the mask the operations being lowered run under */
    int returns;  /* return statements lowered so far */
    int in_loop;  /* lowering a loop body */
} lctx;

static int lfail(lctx *L, const cnode *n, const char *what)
{
    if (!L->failed) {
        L->failed = 1;
        if (n && n->src)
            snprintf(L->p->why, sizeof L->p->why, "%s (line %d)", what, n->src->line);
        else
            snprintf(L->p->why, sizeof L->p->why, "%s", what);
    }
    return -1;
}

static int emit(lctx *L, vop o)
{
    vprog *p = L->p;
    if (L->failed)
        return 0;
    if (p->n_ops == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        vop *n = realloc(p->ops, cap * sizeof *n);
        if (!n) {
            lfail(L, NULL, "out of memory");
            return 0;
        }
        p->ops = n;
        p->cap = cap;
    }
    if (o.dst >= 0 && o.dst >= p->n_regs)
        p->n_regs = o.dst + 1;
    o.g = L->guard;
    p->ops[p->n_ops++] = o;
    return o.dst;
}

static int new_reg(lctx *L)
{
    if (L->p->n_regs >= VX_MAX_REGS) {
        lfail(L, NULL, "program too large");
        return 0;
    }
    return L->p->n_regs++;
}

static vop op0(int k)
{
    vop o;
    memset(&o, 0, sizeof o);
    o.k = k;
    o.dst = -1;
    o.a = o.b = o.c = o.d = o.m = -1;
    for (int q = 0; q < 5; q++)
        o.kw[q] = o.kwn[q] = -1;
    return o;
}

static int emit_const(lctx *L, double v)
{
    vop o = op0(VO_CONST);
    o.dst = new_reg(L);
    o.imm = v;
    return emit(L, o);
}

static int emit2(lctx *L, int k, int op, int a, int b)
{
    vop o = op0(k);
    o.op = op;
    o.a = a;
    o.b = b;
    o.dst = new_reg(L);
    return emit(L, o);
}

static int emit_sel(lctx *L, int m, int a, int b)
{
    vop o = op0(VO_SEL);
    o.a = m;
    o.b = a;
    o.c = b;
    o.dst = new_reg(L);
    return emit(L, o);
}

static lv lv_num(int reg, int pt) { lv v = {LV_NUM, 0, reg, pt, -1, -1, -1}; return v; }
static lv lv_01(int reg, int pt) { lv v = {LV_NUM, 1, reg, pt, -1, -1, -1}; return v; }
static lv lv_bad(void) { lv v = {LV_NONE_, 0, 0, 0, -1, -1, -1}; return v; }

/* a static Python type of a binary operation's result: pyrt's own rule */
/* a number whose Python type (bool, int, float, numpy float64 or bool) is
 * only known per lane: where two branches of different types merge. Its
 * values are exact for + - * /, comparisons, truth, min/max, abs, int(),
 * float() and order arguments (the types differ only in error texts, and
 * errors go to the interpreter); // % ** and unary minus need the type. */
#define PV_DYN 100

static int is_np_t(int t) { return t == PV_NPF || t == PV_NPB; }

/* the type two numbers merged by a condition have */
static int join_type(int a, int b) { return a == b ? a : PV_DYN; }

static int binop_type(int op, int pa, int pb, int *pt)
{
    if (pa == PV_DYN || pb == PV_DYN) {
        if (op != BT_OP_ADD && op != BT_OP_SUB && op != BT_OP_MUL && op != BT_OP_DIV)
            return -1;
        *pt = is_np_t(pa) || is_np_t(pb) ? PV_NPF : PV_DYN;
        return 0;
    }
    pyv a = {pa, 3.0}, b = {pb, 2.0}, r;
    char e[300];
    if (py_binop(op, a, b, &r, e, sizeof e))
        return -1;
    *pt = r.t;
    return 0;
}

static lv lower_expr(lctx *L, const cnode *n, int m);
static int lower_truth(lctx *L, const cnode *n, int m);
static lv lower_expr_(lctx *L, const cnode *n, int m);
static int lower_truth_(lctx *L, const cnode *n, int m);
static int num_operand(lctx *L, const cnode *n, lv v);
static int lower_block_(lctx *L, const cblock *b, int m);

/* a constant integer index (k or -k) */
static int const_index(const cnode *n, long *idx)
{
    if (n->kind == CN_CONST && n->ptype == BT_PTYPE_INT) {
        *idx = (long)n->num;
        return 0;
    }
    if (n->kind == CN_UNARY && n->op == BT_OP_NEG && n->kid[0]->kind == CN_CONST && n->kid[0]->ptype == BT_PTYPE_INT) {
        *idx = -(long)n->kid[0]->num;
        return 0;
    }
    return -1;
}

static lv lower_array(lctx *L, const cnode *n)
{
    lv v = lv_bad();
    switch (n->kind) {
    case CN_DATA:
        v.kind = LV_ARR;
        v.col = n->slot;
        return v;
    case CN_ATTR:
        if (L->sig[n->slot].kind != BT_CIV_ARR) {
            lfail(L, n, "an attribute that is not a plain array");
            return v;
        }
        v.kind = LV_ARR;
        v.slot = n->slot;
        return v;
    case CN_LOCAL:
        if (L->loc[n->slot].kind == LV_ARR)
            return L->loc[n->slot];
        lfail(L, n, "a local that is not always the same array");
        return v;
    default:
        lfail(L, n, "an array expression");
        return v;
    }
}

/* element idx of an array value; nan_oob: out of range gives NaN (crossover's IndexError) instead of escaping */
static lv array_elem(lctx *L, lv a, long idx, int nan_oob, int m)
{
    vop o = op0(a.col >= 0 ? VO_DATA : VO_ARR);
    o.slot = a.col >= 0 ? a.col : a.slot;
    o.idx = idx;
    o.a = nan_oob;
    o.m = nan_oob ? -1 : m;
    int pt = a.col >= 0 ? PV_NPF : (L->sig[a.slot].isbool ? PV_NPB : PV_NPF);
    /* the same element read before (under the same mask when it can escape) */
    for (size_t q = 0; q < L->p->n_ops; q++) {
        const vop *e = &L->p->ops[q];
        if (e->k == o.k && e->slot == o.slot && e->idx == o.idx && e->a == o.a && e->m == o.m &&
            (e->g == L->guard || e->g == 0))
            return lv_num(e->dst, pt);
    }
    o.dst = new_reg(L);
    return lv_num(emit(L, o), pt);
}

static int num_operand(lctx *L, const cnode *n, lv v)
{
    if (v.kind != LV_NUM || v.none >= 0 || v.pt == PV_NONE)
        return lfail(L, n, "a value that is not always a number");
    return 0;
}

static lv lower_binary(lctx *L, const cnode *n, int op, lv a, lv b, int m)
{
    int pt;
    if (num_operand(L, n, a) || num_operand(L, n, b) || binop_type(op, a.pt, b.pt, &pt)) {
        lfail(L, n, "this arithmetic");
        return lv_bad();
    }
    int np = a.pt == PV_NPF || a.pt == PV_NPB || b.pt == PV_NPF || b.pt == PV_NPB;
    if (op == BT_OP_ADD || op == BT_OP_SUB || op == BT_OP_MUL || op == BT_OP_DIV) {
        vop o = op0(VO_BIN);
        o.op = op;
        o.a = a.reg;
        o.b = b.reg;
        o.pa = np; /* numpy division: no check */
        o.m = m;
        o.dst = new_reg(L);
        return lv_num(emit(L, o), pt);
    }
    vop o = op0(VO_SLOW);
    o.op = op;
    o.a = a.reg;
    o.b = b.reg;
    o.pa = a.pt;
    o.pb = b.pt;
    o.m = m;
    o.dst = new_reg(L);
    return lv_num(emit(L, o), pt);
}

/* two values of one kind merged by a mask (t ? a : b) */
static lv merge(lctx *L, const cnode *n, int t, lv a, lv b)
{
    if (a.kind == LV_NUM && b.kind == LV_NUM) {
        if (a.pt == PV_NONE && b.pt == PV_NONE)
            return a;
        if (a.pt == PV_NONE || b.pt == PV_NONE) {
            lv x = a.pt == PV_NONE ? b : a;
            int isnone_a = a.pt == PV_NONE ? emit_const(L, 1) : (a.none >= 0 ? a.none : emit_const(L, 0));
            int isnone_b = b.pt == PV_NONE ? emit_const(L, 1) : (b.none >= 0 ? b.none : emit_const(L, 0));
            lv r = lv_num(x.reg, x.pt);
            r.none = emit_sel(L, t, isnone_a, isnone_b);
            return r;
        }
        lv r = lv_num(emit_sel(L, t, a.reg, b.reg), join_type(a.pt, b.pt));
        if (a.none >= 0 || b.none >= 0) {
            int na = a.none >= 0 ? a.none : emit_const(L, 0), nb = b.none >= 0 ? b.none : emit_const(L, 0);
            r.none = emit_sel(L, t, na, nb);
        }
        return r;
    }
    if (a.kind == LV_ARR && b.kind == LV_ARR && a.col == b.col && a.slot == b.slot)
        return a;
    if (a.kind == LV_POSN && b.kind == LV_POSN)
        return a;
    lfail(L, n, "a value whose kind depends on a condition");
    return lv_bad();
}

static int truth_of(lctx *L, const cnode *n, lv v)
{
    if (v.kind == LV_POSN) {
        vop o = op0(VO_POS);
        o.op = 0;
        o.dst = new_reg(L);
        return emit(L, o);
    }
    if (v.kind != LV_NUM) {
        lfail(L, n, "the truth value of an array");
        return 0;
    }
    if (v.pt == PV_NONE)
        return emit_const(L, 0);
    if (v.is01 && v.none < 0)
        return v.reg;
    vop o = op0(VO_TRUTH);
    o.a = v.reg;
    o.b = v.none;
    o.dst = new_reg(L);
    return emit(L, o);
}

static lv lower_compare(lctx *L, const cnode *n, int m)
{
    lv left = lower_expr(L, n->kid[0], m);
    int acc = -1, pt = -1;
    for (size_t k = 1; k < n->n_kid && !L->failed; k++) {
        lv right = lower_expr(L, n->kid[k], m);
        int op = n->ops[k - 1];
        if (op < BT_CMP_LT || op > BT_CMP_NE || num_operand(L, n, left) || num_operand(L, n, right)) {
            lfail(L, n, "this comparison");
            return lv_bad();
        }
        pyv a = {left.pt, 1}, b = {right.pt, 2}, r;
        char e[300];
        if (is_np_t(left.pt) || is_np_t(right.pt))
            r.t = PV_NPB;
        else if (left.pt == PV_DYN || right.pt == PV_DYN)
            r.t = PV_DYN;
        else if (py_cmp(op, a, b, &r, e, sizeof e)) {
            lfail(L, n, "this comparison");
            return lv_bad();
        }
        pt = pt >= 0 ? join_type(pt, r.t) : r.t;
        int c = emit2(L, VO_CMP, op, left.reg, right.reg);
        acc = acc < 0 ? c : emit2(L, VO_AND, 0, acc, c);
        left = right;
    }
    return lv_01(acc, pt);
}

static lv lower_crossover(lctx *L, const cnode *n, int m)
{
    int r2[2], r1[2];
    for (int s = 0; s < 2; s++) {
        const cnode *k = n->kid[s];
        if (k->type == CT_ARR) {
            lv a = lower_array(L, k);
            if (L->failed)
                return lv_bad();
            r2[s] = array_elem(L, a, -2, 1, m).reg;
            r1[s] = array_elem(L, a, -1, 1, m).reg;
        } else {
            lv v = lower_expr(L, k, m);
            if (num_operand(L, k, v))
                return lv_bad();
            r2[s] = r1[s] = v.reg;
        }
    }
    vop o = op0(VO_CROSS);
    o.a = r2[0];
    o.b = r2[1];
    o.c = r1[0];
    o.d = r1[1];
    o.dst = new_reg(L);
    return lv_01(emit(L, o), PV_BOOL);
}

/* min, max, abs, int, float, bool, round of numbers, as the interpreter's eval_builtin */
static lv lower_builtin(lctx *L, const cnode *n, int m)
{
    if (n->n_kid < 1 || (n->fn != B_MIN && n->fn != B_MAX && n->n_kid != 1)) {
        lfail(L, n, "this function in next()");
        return lv_bad();
    }
    for (size_t k = 0; k < n->n_kid; k++)
        if (n->kid[k]->type != CT_NUM) {
            lfail(L, n, "this function of an array in next()");
            return lv_bad();
        }
    switch (n->fn) {
    case B_MIN: case B_MAX: {
        /* the first of the smallest (largest): best = a[k] where a[k] < best (> best) */
        lv best = lower_expr(L, n->kid[0], m);
        for (size_t k = 1; k < n->n_kid && !L->failed; k++) {
            lv x = lower_expr(L, n->kid[k], m);
            if (num_operand(L, n, best) || num_operand(L, n, x))
                return lv_bad();
            int t = emit2(L, VO_CMP, n->fn == B_MAX ? BT_CMP_GT : BT_CMP_LT, x.reg, best.reg);
            best = lv_num(emit_sel(L, t, x.reg, best.reg), join_type(x.pt, best.pt));
        }
        return best;
    }
    case B_BOOL:
        return lv_01(lower_truth(L, n->kid[0], m), PV_BOOL);
    default:
        break;
    }
    lv a = lower_expr(L, n->kid[0], m);
    if (L->failed || num_operand(L, n, a))
        return lv_bad();
    const int intlike = a.pt == PV_INT || a.pt == PV_BOOL;
    switch (n->fn) {
    case B_ABS:
        return lv_num(emit2(L, VO_ABS, 0, a.reg, -1),
                      a.pt == PV_BOOL ? PV_INT : a.pt);
    case B_FLOAT:
        return lv_num(a.reg, PV_FLOAT);
    case B_INT: case B_ROUND: {
        if (intlike)
            return lv_num(a.reg, PV_INT);
        if (n->fn == B_ROUND && n->n_kid != 1)
            break;
        vop o = op0(VO_INT);
        o.op = n->fn == B_ROUND;
        o.a = a.reg;
        o.m = m;
        o.dst = new_reg(L);
        return lv_num(emit(L, o), PV_INT);
    }
    default:
        break;
    }
    lfail(L, n, "this function in next()");
    return lv_bad();
}

static lv lower_expr_(lctx *L, const cnode *n, int m)
{
    if (L->failed)
        return lv_bad();
    switch (n->kind) {
    case CN_CONST:
        if (n->ptype == CV_NONE) {
            lv v = lv_num(0, PV_NONE);
            v.reg = emit_const(L, 0);
            return v;
        }
        return lv_num(emit_const(L, n->num),
                      n->ptype == BT_PTYPE_INT ? PV_INT : n->ptype == BT_PTYPE_BOOL ? PV_BOOL : PV_FLOAT);
    case CN_ATTR:
        if (n->type != CT_NUM)
            return lower_array(L, n);
        if (L->attr[n->slot].kind != LV_NUM) {
            lfail(L, n, "an attribute that is not a number");
            return lv_bad();
        }
        return L->attr[n->slot];
    case CN_LOCAL: {
        lv v = L->loc[n->slot];
        if (v.kind == LV_UNBOUND || v.kind == LV_NONE_) {
            lfail(L, n, "a local that may be unbound here");
            return lv_bad();
        }
        return v;
    }
    case CN_DATA:
        return lower_array(L, n);
    case CN_LEN_DATA: {
        vop o = op0(VO_LEN);
        o.dst = new_reg(L);
        return lv_num(emit(L, o), PV_INT);
    }
    case CN_POSITION: {
        lv v = lv_bad();
        v.kind = LV_POSN;
        return v;
    }
    case CN_LEN_TRADES: case CN_LEN_ORDERS: {
        vop o = op0(VO_POS);
        o.op = n->kind == CN_LEN_TRADES ? 5 : 6;
        o.m = m;
        o.dst = new_reg(L);
        return lv_num(emit(L, o), PV_INT);
    }
    case CN_EQUITY: {
        vop o = op0(VO_POS);
        o.op = 4;
        o.dst = new_reg(L);
        return lv_num(emit(L, o), PV_NPF);
    }
    case CN_FIELD: {
        long tix = 0;
        const cnode *tk = n->kid[0];
        int indexed = tk->kind == CN_INDEX && tk->kid[0]->kind == CN_TRADES && const_index(tk->kid[1], &tix) == 0;
        if (indexed || (tk->kind == CN_LOCAL && L->loc[tk->slot].kind == LV_TRADE)) {
            /* a field of the loop's trade, typed as the interpreter's eval_field */
            static const int ft[] = {[F_SIZE] = PV_FLOAT, [F_PL] = PV_NPF, [F_PL_PCT] = PV_NPF, [F_IS_LONG] = PV_BOOL,
                                     [F_IS_SHORT] = PV_BOOL, [F_ENTRY_PRICE] = PV_NPF, [F_ENTRY_BAR] = PV_INT,
                                     [F_SL] = PV_FLOAT, [F_TP] = PV_FLOAT, [F_VALUE] = PV_NPF};
            if (n->fn < 0 || n->fn > F_VALUE || n->fn == F_EXIT_PRICE || n->fn == F_EXIT_BAR) {
                lfail(L, n, "this trade field");
                return lv_bad();
            }
            vop o = op0(VO_TFIELD);
            o.op = n->fn;
            o.a = indexed; /* self.trades[idx] rather than the loop's trade */
            o.idx = tix;
            o.m = m;
            o.dst = new_reg(L);
            if (n->fn == F_SL || n->fn == F_TP)
                o.b = new_reg(L);
            emit(L, o);
            lv r = lv_num(o.dst, ft[n->fn]);
            r.none = o.b;
            r.is01 = n->fn == F_IS_LONG || n->fn == F_IS_SHORT;
            return r;
        }
        if (n->kid[0]->kind != CN_POSITION || (n->fn != F_SIZE && n->fn != F_IS_LONG && n->fn != F_IS_SHORT)) {
            lfail(L, n, "this field");
            return lv_bad();
        }
        vop o = op0(VO_POS);
        o.op = n->fn == F_IS_LONG ? 1 : n->fn == F_IS_SHORT ? 2 : 3;
        o.dst = new_reg(L);
        lv r = lv_num(emit(L, o), n->fn == F_SIZE ? PV_INT : PV_BOOL);
        r.is01 = n->fn != F_SIZE;
        return r;
    }
    case CN_INDEX: {
        long idx;
        if (n->kid[0]->type != CT_ARR) {
            lfail(L, n, "this index");
            return lv_bad();
        }
        lv a = lower_array(L, n->kid[0]);
        if (L->failed)
            return lv_bad();
        if (const_index(n->kid[1], &idx) == 0)
            return array_elem(L, a, idx, 0, m);
        lv ix = lower_expr(L, n->kid[1], m);
        if (L->failed || num_operand(L, n, ix) || (ix.pt != PV_INT && ix.pt != PV_BOOL)) {
            lfail(L, n, "an index that is not an integer");
            return lv_bad();
        }
        vop o = op0(VO_ARRX);
        o.pa = a.col >= 0;
        o.slot = a.col >= 0 ? a.col : a.slot;
        o.b = ix.reg;
        o.m = m;
        o.dst = new_reg(L);
        return lv_num(emit(L, o), a.col >= 0 ? PV_NPF : (L->sig[a.slot].isbool ? PV_NPB : PV_NPF));
    }
    case CN_UNARY: {
        if (n->op == BT_OP_NOT) {
            int t = lower_truth(L, n->kid[0], m);
            vop o = op0(VO_NOT);
            o.a = t;
            o.dst = new_reg(L);
            return lv_01(emit(L, o), PV_BOOL);
        }
        lv a = lower_expr(L, n->kid[0], m);
        if (num_operand(L, n, a))
            return lv_bad();
        pyv x = {a.pt, 1}, r;
        char e[300];
        if ((n->op != BT_OP_NEG && n->op != BT_OP_POS) || a.pt == PV_DYN || py_unary(n->op, x, &r, e, sizeof e)) {
            lfail(L, n, "this unary operator");
            return lv_bad();
        }
        if (n->op == BT_OP_POS)
            return lv_num(a.reg, r.t);
        vop o = op0(VO_NEG);
        o.a = a.reg;
        o.dst = new_reg(L);
        return lv_num(emit(L, o), r.t);
    }
    case CN_BINARY: {
        lv a = lower_expr(L, n->kid[0], m);
        lv b = lower_expr(L, n->kid[1], m);
        if (L->failed)
            return lv_bad();
        return lower_binary(L, n, n->op, a, b, m);
    }
    case CN_COMPARE:
        return lower_compare(L, n, m);
    case CN_BOOLOP: {
        /* a and b: b where a is truthy, else a (the same for or, swapped) */
        lv acc = lower_expr(L, n->kid[0], m);
        for (size_t k = 1; k < n->n_kid && !L->failed; k++) {
            int t = truth_of(L, n, acc);
            int mk = emit2(L, n->op == BT_OP_AND ? VO_AND : VO_ANDNOT, 0, m, t);
            lv b = lower_expr(L, n->kid[k], mk);
            int b_num = b.kind == LV_NUM && b.none < 0 && b.pt != PV_NONE;
            acc = n->op == BT_OP_AND ? merge(L, n, t, b, acc) : merge(L, n, t, acc, b);
            if (n->op == BT_OP_OR && b_num && acc.kind == LV_NUM)
                acc.none = -1; /* a truthy value is never None, and b is not */
        }
        return acc;
    }
    case CN_IFEXP: {
        int t = lower_truth(L, n->kid[1], m);
        lv a = lower_expr(L, n->kid[0], emit2(L, VO_AND, 0, m, t));
        lv b = lower_expr(L, n->kid[2], emit2(L, VO_ANDNOT, 0, m, t));
        if (L->failed)
            return lv_bad();
        return merge(L, n, t, a, b);
    }
    case CN_BUILTIN:
        if (n->fn == B_CROSSOVER && n->n_kid == 2)
            return lower_crossover(L, n, m);
        return lower_builtin(L, n, m);
    default:
        lfail(L, n, "this expression in next()");
        return lv_bad();
    }
}

static int lower_truth_(lctx *L, const cnode *n, int m)
{
    if (n->kind == CN_BOOLOP) {
        int acc = lower_truth(L, n->kid[0], m);
        for (size_t k = 1; k < n->n_kid && !L->failed; k++) {
            int mk = emit2(L, n->op == BT_OP_AND ? VO_AND : VO_ANDNOT, 0, m, acc);
            int t = lower_truth(L, n->kid[k], mk);
            acc = emit2(L, n->op == BT_OP_AND ? VO_AND : VO_OR, 0, acc, t);
        }
        return acc;
    }
    if (n->kind == CN_UNARY && n->op == BT_OP_NOT) {
        int t = lower_truth(L, n->kid[0], m);
        vop o = op0(VO_NOT);
        o.a = t;
        o.dst = new_reg(L);
        return emit(L, o);
    }
    lv v = lower_expr(L, n, m);
    if (L->failed)
        return 0;
    return truth_of(L, n, v);
}

/* the same, with the operations they emit guarded by m */
static lv lower_expr(lctx *L, const cnode *n, int m)
{
    int g = L->guard;
    L->guard = m;
    lv v = lower_expr_(L, n, m);
    L->guard = g;
    return v;
}

static int lower_truth(lctx *L, const cnode *n, int m)
{
    int g = L->guard;
    L->guard = m;
    int t = lower_truth_(L, n, m);
    L->guard = g;
    return t;
}

static int lower_block(lctx *L, const cblock *b, int m)
{
    int g = L->guard;
    L->guard = m;
    int t = lower_block_(L, b, m);
    L->guard = g;
    return t;
}

static void assign(lctx *L, const cstmt *s, const ctarget *t, lv v)
{
    if (t->kind == TG_DISCARD)
        return;
    if (t->kind == TG_LOCAL) {
        L->loc[t->slot] = v;
        return;
    }
    if (t->kind == TG_ATTR && v.kind == LV_NUM && v.none < 0 && v.pt != PV_NONE) {
        L->attr[t->slot] = v;
        L->attr_w[t->slot] = 1;
        return;
    }
    lfail(L, s->value, "this assignment in next()");
}

/* merges the environment of two branches (t ? body : orelse) */
static void merge_env(lctx *L, const cnode *at, int t, lv *lb, lv *ab, lv *le, lv *ae)
{
    const bt_compiled *c = L->c;
    for (size_t k = 0; k < c->next_slots; k++) {
        lv x = lb[k], y = le[k];
        if (x.kind == LV_UNBOUND || y.kind == LV_UNBOUND || x.kind == LV_NONE_ || y.kind == LV_NONE_) {
            L->loc[k].kind = LV_UNBOUND;
            continue;
        }
        if (memcmp(&x, &y, sizeof x) == 0) {
            L->loc[k] = x;
            continue;
        }
        int was = L->failed;
        lv r = merge(L, at, t, x, y);
        if (!was && L->failed) { /* a conflict is only an error when the local is read later */
            L->failed = 0;
            L->p->why[0] = '\0';
            L->loc[k].kind = LV_UNBOUND;
            continue;
        }
        L->loc[k] = r;
    }
    for (size_t k = 0; k < c->n_attrs; k++) {
        lv x = ab[k], y = ae[k];
        if (memcmp(&x, &y, sizeof x) == 0) {
            L->attr[k] = x;
            continue;
        }
        L->attr[k] = merge(L, at, t, x, y);
    }
}

static int lower_order(lctx *L, const cstmt *s, int m)
{
    vop o = op0(VO_ENTRY);
    for (int q = 0; q < 5; q++) {
        if (!s->kw[q])
            continue;
        lv v = lower_expr(L, s->kw[q], m);
        if (L->failed)
            return -1;
        if (v.kind != LV_NUM) {
            lfail(L, s->kw[q], "an order argument that is not a number");
            return -1;
        }
        o.kw[q] = v.reg;
        o.kwpt[q] = v.pt;
        o.kwn[q] = v.pt == PV_NONE ? emit_const(L, 1) : v.none;
    }
    o.m = m;
    o.imm = s->kind == CS_BUY ? 1.0 : -1.0;
    emit(L, o);
    return 0;
}

/* for trade in self.trades: <body>: the body once, run per iteration by the
 * executor under the iteration's mask; what it assigns to locals is unbound
 * after the loop (a value of the last iteration, or none at all). */
static void lower_trade_loop(lctx *L, const cstmt *s, int m)
{
    const bt_compiled *c = L->c;
    if (s->value->kind != CN_TRADES || L->in_loop) {
        lfail(L, s->value, "this loop in next()");
        return;
    }
    vop o = op0(VO_LOOP);
    o.m = m;
    o.dst = new_reg(L);
    o.b = o.dst + 1;
    size_t at = L->p->n_ops;
    emit(L, o);
    lv *save = malloc((c->next_slots + 1) * sizeof *save);
    if (!save) {
        lfail(L, NULL, "out of memory");
        return;
    }
    memcpy(save, L->loc, c->next_slots * sizeof *save);
    L->loc[s->slot].kind = LV_TRADE;
    int returns0 = L->returns;
    L->in_loop = 1;
    lower_block(L, s->body, o.dst);
    L->in_loop = 0;
    if (L->returns != returns0)
        lfail(L, s->value, "a return in a loop");
    for (size_t k = 0; k < c->next_slots; k++)
        if (k == (size_t)s->slot || memcmp(&L->loc[k], &save[k], sizeof save[k]) != 0)
            L->loc[k].kind = LV_UNBOUND;
    free(save);
    if (L->failed)
        return;
    vop e = op0(VO_LOOPEND);
    e.a = (int)at;
    L->p->ops[at].c = (int)L->p->n_ops;
    L->p->ops[at].d = L->p->n_regs;
    emit(L, e);
}

/* lowers block b under mask m; returns the mask of the lanes that fall through (did not return) */
/* A close's portion argument (position.close(portion), trade.close(portion)), when
 * given, into o->kw[0] and its None mask o->kwn[0]; -1 when it does not lower. */
static int lower_portion(lctx *L, const cnode *value, int m, vop *o)
{
    if (!value)
        return 0;
    lv v = lower_expr(L, value, m);
    if (L->failed || v.kind != LV_NUM)
        return lfail(L, value, "a portion that is not a number");
    o->kw[0] = v.reg;
    o->kwn[0] = v.pt == PV_NONE ? emit_const(L, 1) : v.none;
    return 0;
}

static int lower_block_(lctx *L, const cblock *b, int m)
{
    const bt_compiled *c = L->c;
    for (size_t k = 0; b && k < b->n && !L->failed; k++) {
        const cstmt *s = b->s[k];
        switch (s->kind) {
        case CS_PASS:
            break;
        case CS_SUPER_NEXT:
            if (s->body)
                return lfail(L, NULL, "super().next() of a strategy base class");
            if (c->trailing) { /* TrailingStrategy.next(): every trade's SL trails the close by n ATRs */
                vop o = op0(VO_TRAIL);
                o.m = m;
                emit(L, o);
            }
            break;
        case CS_RETURN:
            if (s->value)
                lower_expr(L, s->value, m);
            L->returns++;
            return emit_const(L, 0);
        case CS_ASSIGN:
            if (s->target.kind == TG_TRADE_SL || s->target.kind == TG_TRADE_TP) {
                const cnode *t = s->target.obj;
                lv v = lower_expr(L, s->value, m);
                if (L->failed)
                    break;
                if (!(t->kind == CN_LOCAL && L->loc[t->slot].kind == LV_TRADE) || v.kind != LV_NUM) {
                    lfail(L, s->value, "this assignment in next()");
                    break;
                }
                vop o = op0(VO_TSET);
                o.op = s->target.kind == TG_TRADE_TP;
                o.a = v.reg;
                o.b = v.pt == PV_NONE ? emit_const(L, 1) : v.none;
                o.pa = v.pt;
                o.m = m;
                emit(L, o);
                break;
            }
            if (s->target.kind == TG_ATTR && L->in_loop) {
                lfail(L, s->value, "an attribute assigned in a loop");
                break;
            }
            assign(L, s, &s->target, lower_expr(L, s->value, m));
            break;
        case CS_TRADE_CLOSE: {
            const cnode *t = s->target.obj;
            vop o = op0(VO_TCLOSE);
            if (!(t->kind == CN_LOCAL && L->loc[t->slot].kind == LV_TRADE)) {
                lfail(L, t, "this trade");
                break;
            }
            if (lower_portion(L, s->value, m, &o))
                break;
            o.m = m;
            emit(L, o);
            break;
        }
        case CS_AUGASSIGN: {
            lv cur = s->target.kind == TG_LOCAL ? L->loc[s->target.slot] : L->attr[s->target.slot];
            if (cur.kind != LV_NUM) {
                lfail(L, s->value, "this augmented assignment");
                break;
            }
            lv v = lower_expr(L, s->value, m);
            if (!L->failed)
                assign(L, s, &s->target, lower_binary(L, s->value, s->op, cur, v, m));
            break;
        }
        case CS_IF: {
            int t = lower_truth(L, s->test, m);
            int returns0 = L->returns;
            size_t nl = c->next_slots, na = c->n_attrs;
            lv *save = malloc((2 * (nl + na) + 1) * sizeof *save);
            if (!save)
                return lfail(L, NULL, "out of memory");
            lv *l0 = save, *a0 = save + nl, *l1 = save + nl + na, *a1 = save + 2 * nl + na;
            memcpy(l0, L->loc, nl * sizeof *l0);
            memcpy(a0, L->attr, na * sizeof *a0);
            int mb = emit2(L, VO_AND, 0, m, t);
            int fb = lower_block(L, s->body, mb);
            memcpy(l1, L->loc, nl * sizeof *l1);
            memcpy(a1, L->attr, na * sizeof *a1);
            memcpy(L->loc, l0, nl * sizeof *l0);
            memcpy(L->attr, a0, na * sizeof *a0);
            int me = emit2(L, VO_ANDNOT, 0, m, t);
            int fe = lower_block(L, s->orelse, me);
            lv *l2 = l0, *a2 = a0; /* reuse: the else state */
            memcpy(l2, L->loc, nl * sizeof *l2);
            memcpy(a2, L->attr, na * sizeof *a2);
            merge_env(L, s->test, t, l1, a1, l2, a2);
            free(save);
            if (L->returns != returns0) { /* a return in a branch: the lanes that go on */
                m = emit2(L, VO_OR, 0, fb, fe);
                L->guard = m;
            }
            break;
        }
        case CS_BUY: case CS_SELL:
            lower_order(L, s, m);
            break;
        case CS_FOR: {
            /* for order in self.orders: order.cancel() / for trade in self.trades: trade.close(p) */
            const cstmt *b1 = s->body && s->body->n == 1 ? s->body->s[0] : NULL;
            const cnode *it = b1 ? (b1->kind == CS_ORDER_CANCEL ? b1->value : b1->target.obj) : NULL;
            int var = it && it->kind == CN_LOCAL && it->slot == s->slot;
            if (var && s->value->kind == CN_ORDERS && b1->kind == CS_ORDER_CANCEL) {
                vop o = op0(VO_CANCEL);
                o.m = m;
                emit(L, o);
                break;
            }
            if (!(var && s->value->kind == CN_TRADES && b1->kind == CS_TRADE_CLOSE)) {
                lower_trade_loop(L, s, m);
                break;
            }
            s = b1; /* Position.close(portion) is this loop */
        }
        /* fall through */
        case CS_POS_CLOSE: {
            vop o = op0(VO_CLOSE);
            /* a portion: the reference broker's (fast lanes hand it over) */
            if (lower_portion(L, s->value, m, &o))
                break;
            o.m = m;
            emit(L, o);
            break;
        }
        default:
            lfail(L, s->value ? s->value : s->test, "this statement in next()");
            break;
        }
    }
    return m;
}

/* used[slot] = 1 for every attribute a statement of b (or node n) reads or
 * assigns, in the helpers it calls too: the numbers next() loads once per
 * bar, the arrays init() exports */
static void reads_node(const bt_compiled *c, const cnode *n, unsigned char *used, int depth);

static void reads_block(const bt_compiled *c, const cblock *b, unsigned char *used, int depth)
{
    for (size_t k = 0; b && k < b->n; k++) {
        const cstmt *s = b->s[k];
        if ((s->kind == CS_AUGASSIGN || s->kind == CS_ASSIGN) && s->target.kind == TG_ATTR)
            used[s->target.slot] = 1;
        for (size_t q = 0; q < s->n_targets; q++)
            if (s->targets[q].kind == TG_ATTR)
                used[s->targets[q].slot] = 1;
        reads_node(c, s->value, used, depth);
        reads_node(c, s->test, used, depth);
        for (int q = 0; q < 5; q++)
            reads_node(c, s->kw[q], used, depth);
        reads_block(c, s->body, used, depth);
        reads_block(c, s->orelse, used, depth);
    }
}

static void reads_node(const bt_compiled *c, const cnode *n, unsigned char *used, int depth)
{
    if (!n)
        return;
    if (depth > 64) { /* deeper than the analysis goes: every attribute */
        memset(used, 1, c->n_attrs);
        return;
    }
    if (n->kind == CN_ATTR)
        used[n->slot] = 1;
    if (n->kind == CN_HELPER) {
        const chelper *h = c->helpers[n->slot];
        reads_node(c, h->expr, used, depth + 1);
        reads_block(c, h->body, used, depth + 1);
    }
    for (size_t k = 0; k < n->n_kid; k++)
        reads_node(c, n->kid[k], used, depth + 1);
}

static void plan_quiet(vprog *p);

/* What a program owns (not the program itself) */
static void vprog_free_fields(vprog *p)
{
    free(p->ops);
    free(p->sig);
    free(p->rcls);
    free(p->r01);
    free(p->qdbl);
    free(p->qlive);
    free(p->wqdbl);
    free(p->wqlive);
    for (int st = 0; st < 3; st++) {
        free(p->srcls[st]);
        free(p->slive[st]);
        free(p->sdbl[st]);
    }
    free(p->gskip);
}

/* For each operation q with a guard g: the end e of the run q+1 .. e-1 of
 * operations that prog_body skips whenever g is all 0 at q: each has guard g,
 * or a guard that an operation of the run before it defines (skipped, so its
 * register is marked all 0). prog_body jumps over the run, marking what it
 * defines, instead of testing each guard. Without memory: gskip NULL. */
static void plan_gskip(vprog *p)
{
    free(p->gskip);
    p->gskip = malloc((p->n_ops + 1) * sizeof *p->gskip);
    unsigned char *def = malloc((size_t)p->n_regs + 1);
    if (!p->gskip || !def) {
        free(p->gskip);
        free(def);
        p->gskip = NULL;
        return;
    }
    for (size_t q = 0; q < p->n_ops; q++) {
        const int g = p->ops[q].g;
        size_t e = q + 1;
        if (q >= p->n_pro && g > 0) {
            memset(def, 0, (size_t)p->n_regs + 1);
            if (p->ops[q].dst >= 0 && p->ops[q].dst < p->n_regs)
                def[p->ops[q].dst] = 1;
            while (e < p->n_ops) {
                const vop *o = &p->ops[e];
                if (!(o->g == g || (o->g > 0 && o->g < p->n_regs && def[o->g])))
                    break;
                if (o->dst >= 0 && o->dst < p->n_regs)
                    def[o->dst] = 1;
                e++;
            }
        }
        p->gskip[q] = e;
    }
    free(def);
}

static void lower(const bt_compiled *c, vprog *p)
{
    lctx L = {c, p->sig, p, NULL, NULL, NULL, 0, 0, 0, 0};
    L.loc = calloc(c->next_slots + 1, sizeof *L.loc);
    L.attr = calloc(c->n_attrs + 1, sizeof *L.attr);
    L.attr_w = calloc(c->n_attrs + 1, 1);
    p->n_regs = 1; /* register 0: the active lanes */
    if (!L.loc || !L.attr || !L.attr_w) {
        lfail(&L, NULL, "out of memory");
    } else {
        for (size_t k = 0; k < c->next_slots; k++)
            L.loc[k].kind = LV_UNBOUND;
        reads_block(c, c->next, L.attr_w, 0);
        for (size_t k = 0; k < c->n_attrs; k++) {
            L.attr[k] = lv_bad();
            if (p->sig[k].kind == BT_CIV_NUM && L.attr_w[k]) {
                vop o = op0(VO_ATTR);
                o.slot = (int)k;
                o.dst = new_reg(&L);
                L.attr[k] = lv_num(emit(&L, o), p->sig[k].pt);
            }
        }
        memset(L.attr_w, 0, c->n_attrs);
        lv *start = malloc((c->n_attrs + 1) * sizeof *start);
        if (!start) {
            lfail(&L, NULL, "out of memory");
        } else {
            memcpy(start, L.attr, c->n_attrs * sizeof *start);
            if (c->next) {
                lower_block(&L, c->next, 0);
            } else if (c->trailing) { /* TrailingStrategy.next() */
                vop o = op0(VO_TRAIL);
                o.m = 0;
                emit(&L, o);
            }
            for (size_t k = 0; k < c->n_attrs && !L.failed; k++) {
                if (!L.attr_w[k])
                    continue;
                if (start[k].kind != LV_NUM || L.attr[k].pt != start[k].pt) {
                    lfail(&L, NULL, "an attribute whose type changes in next()");
                    break;
                }
                vop o = op0(VO_STORE);
                o.m = 0;
                o.slot = (int)k;
                o.a = L.attr[k].reg;
                emit(&L, o);
            }
            free(start);
        }
    }
    p->ok = !L.failed;
    if (getenv("BTGPU_VX_DUMP")) {
        static const char *names[] = {"const", "attr", "data", "arr", "len", "pos", "bin", "slow", "cmp", "truth", "not",
                                      "and", "or", "andnot", "sel", "cross", "neg", "entry", "close", "store",
                                      "cancel", "abs", "int", "arrx", "loop", "loopend", "tfield", "tclose", "tset", "trail"};
        for (size_t q = 0; q < p->n_ops; q++) {
            const vop *o = &p->ops[q];
            fprintf(stderr, "%3zu g%-3d r%-3d = %-6s op%d a%d b%d c%d d%d m%d slot%d idx%ld imm%g\n", q, o->g, o->dst,
                    names[o->k], o->op, o->a, o->b, o->c, o->d, o->m, o->slot, o->idx, o->imm);
        }
        if (!p->ok)
            fprintf(stderr, "not lowered: %s\n", p->why);
    }
    /* bar-invariant operations (constants, attributes next() never assigns) run once per block, first */
    if (p->ok) {
        size_t w = 0;
        vop *tmp = malloc((p->n_ops + 1) * sizeof *tmp);
        if (!tmp) {
            p->ok = 0;
        } else {
            /* and arithmetic, comparisons and selections of bar-invariant registers
             * that cannot raise, outside loops over trades */
            unsigned char *invreg = calloc((size_t)p->n_regs + 1, 1), *inv_op = calloc(p->n_ops + 1, 1);
            int in_loop = 0;
            for (size_t q = 0; invreg && inv_op && q < p->n_ops; q++) {
                const vop *o = &p->ops[q];
                int inv = o->k == VO_CONST || (o->k == VO_ATTR && !L.attr_w[o->slot]);
                if (o->k == VO_LOOP)
                    in_loop = 1;
                else if (o->k == VO_LOOPEND)
                    in_loop = 0;
                int calc = o->k == VO_CMP || o->k == VO_TRUTH || o->k == VO_NOT || o->k == VO_AND || o->k == VO_OR ||
                           o->k == VO_ANDNOT || o->k == VO_SEL || o->k == VO_NEG || o->k == VO_ABS ||
                           o->k == VO_CROSS || (o->k == VO_BIN && (o->op != BT_OP_DIV || o->pa));
                if (!inv && calc && !in_loop && o->dst > 0) {
                    int rs[4] = {o->a, o->b, o->k == VO_SEL || o->k == VO_CROSS ? o->c : -1,
                                 o->k == VO_CROSS ? o->d : -1};
                    inv = o->a > 0;
                    for (int k = 0; k < 4; k++)
                        if (rs[k] == 0 || (rs[k] > 0 && !invreg[rs[k]]))
                            inv = 0;
                }
                if (inv && o->dst > 0)
                    invreg[o->dst] = 1;
                inv_op[q] = (unsigned char)inv;
            }
            for (int pass = 0; pass < 2; pass++) {
                for (size_t q = 0; q < p->n_ops; q++) {
                    const vop *o = &p->ops[q];
                    int inv = inv_op ? inv_op[q] : o->k == VO_CONST || (o->k == VO_ATTR && !L.attr_w[o->slot]);
                    if (inv == (pass == 0))
                        tmp[w++] = *o;
                }
                if (pass == 0)
                    p->n_pro = w;
            }
            if (w) /* a next() without operations has no ops array */
                memcpy(p->ops, tmp, w * sizeof *tmp);
            free(tmp);
            free(invreg);
            free(inv_op);
            /* the loops' op indices after the move (loops do not nest) */
            size_t open_loop = 0;
            for (size_t q = 0; q < p->n_ops; q++) {
                if (p->ops[q].k == VO_LOOP)
                    open_loop = q;
                else if (p->ops[q].k == VO_LOOPEND) {
                    p->ops[q].a = (int)open_loop;
                    p->ops[open_loop].c = (int)q;
                }
            }
        }
    }
    if (p->ok)
        plan_quiet(p);
    if (p->ok)
        plan_gskip(p);
    free(L.loc);
    free(L.attr);
    free(L.attr_w);
}

/* ---------------------------------------------------------------- quiet bars
 *
 * When the statistic needs no per-bar accumulator, a lane's bar on which no
 * operation with an effect (an order, a close, a store, a loop over trades,
 * a possible Python error) runs changes nothing but a possible wipe-out.
 * The analysis classes every register of a program: RC_PURE, a value that
 * depends only on the bar, the lane's init() values and the data (computed
 * exactly, for a tile of bars at once, in time order); RC_M3, a truth value
 * that depends on the broker (the position, the equity, trades), of which
 * only bounds are known (may be true, must be true); RC_UNK, anything. A bar
 * on which no effect's mask may be true is quiet. */

enum { RC_PURE, RC_M3, RC_UNK };

/* Whether op o has an effect under its mask m, and whether that effect is
 * certain once the mask holds (1) or depends on a predicate of pure
 * operands the slice computes (0: out-of-range indices, division by 0, ...). */
static int op_effect(const vop *o, const unsigned char *cls, int *certain)
{
    *certain = 1;
    switch (o->k) {
    case VO_ENTRY: case VO_CLOSE: case VO_STORE: case VO_CANCEL: case VO_LOOP:
    case VO_TCLOSE: case VO_TSET: case VO_TRAIL:
        return 1;
    case VO_TFIELD:
        return o->a == 1;
    case VO_DATA: case VO_ARR:
        *certain = 0;
        return o->a != 1;
    case VO_INT:
        *certain = cls[o->a] != RC_PURE;
        return 1;
    case VO_ARRX:
        *certain = cls[o->b] != RC_PURE;
        return 1;
    case VO_SLOW:
        *certain = cls[o->a] != RC_PURE || cls[o->b] != RC_PURE;
        return 1;
    case VO_BIN:
        if (o->op != BT_OP_DIV || o->pa)
            return 0;
        *certain = cls[o->b] != RC_PURE;
        return 1;
    default:
        return 0;
    }
}

/* An entry's arguments (size, limit, stop, SL, TP and their None masks) are
 * all pure: the slice can compute them on every bar. */
static int entry_pure(const unsigned char *cls, const vop *o)
{
    for (int k = 0; k < 5; k++)
        if ((o->kw[k] >= 0 && cls[o->kw[k]] != RC_PURE) || (o->kwn[k] >= 0 && cls[o->kwn[k]] != RC_PURE))
            return 0;
    return 1;
}

/* op_effect in a plan (PLAN_* bits): in plan trans a cancel has none, and a
 * pure entry's effect is a predicate the slice computes (entry_pred); in plan
 * trail TrailingStrategy.next() has none (the walk does it). */
static inline __attribute__((always_inline)) int op_effect_p(const unsigned char *cls, const vop *o, int plan,
                                                             int *certain)
{
    const int trans = plan & PLAN_TRANS;
    if ((trans && o->k == VO_CANCEL) || ((plan & PLAN_TRAIL) && o->k == VO_TRAIL)) {
        *certain = 1;
        return 0;
    }
    if (trans && o->k == VO_ENTRY) {
        *certain = !entry_pure(cls, o);
        return 1;
    }
    return op_effect(o, cls, certain);
}

/* Whether op o's value is a constant of a lane's position state st (0 flat,
 * 1 long, 2 short: the order lanes hold one trade at most) on every bar of
 * that state: the position's truthiness and direction, len(self.trades),
 * and, flat, its size. */
static int state_const(const vop *o, int st)
{
    return o->k == VO_POS && (o->op <= 2 || o->op == 5 || (o->op == 3 && st == 0));
}

/* That constant */
static double state_value(const vop *o, int st)
{
    switch (o->op) {
    case 0: return st != 0;
    case 1: return st == 1;
    case 2: return st == 2;
    case 5: return st != 0; /* one trade while holding */
    default: return 0;      /* the size, flat */
    }
}

/* A 0/1 register's value on every active bar of a lane in one state (flat
 * or holding a trade), as far as the operations tell: 0, 1, or 2 (either). */
static unsigned char tv_of(const signed char *v, int r) { return r < 0 ? 2 : (unsigned char)v[r]; }
static unsigned char tv_and(unsigned char a, unsigned char b) { return a == 0 || b == 0 ? 0 : a == 1 && b == 1 ? 1 : 2; }
static unsigned char tv_not(unsigned char a) { return a == 2 ? 2 : (unsigned char)(1 - a); }

/* The truth value (tv_of) op o leaves in its register, on every active bar
 * of a lane in state st (0 flat, 1 holding a trade): *queue set where it
 * reads the queue (len(self.orders)). */
static unsigned char tv_step(const vop *o, const signed char *x, int st, int *queue)
{
    switch (o->k) {
    case VO_POS: /* truthiness, is_long, is_short, size, equity, len(self.trades), len(self.orders) */
        if (o->op >= 6)
            *queue = 1;
        return o->op == 4 ? 2 : st == 0 ? 0 : o->op == 0 ? 1 : 2;
    case VO_CONST: return o->imm == 0 ? 0 : o->imm == 1 ? 1 : 2;
    case VO_NOT: return tv_not(tv_of(x, o->a));
    case VO_AND: return tv_and(tv_of(x, o->a), tv_of(x, o->b));
    case VO_OR: return tv_not(tv_and(tv_not(tv_of(x, o->a)), tv_not(tv_of(x, o->b))));
    case VO_ANDNOT: return tv_and(tv_of(x, o->a), tv_not(tv_of(x, o->b)));
    case VO_TRUTH: return o->b < 0 ? tv_of(x, o->a) : tv_and(tv_of(x, o->a), tv_not(tv_of(x, o->b)));
    case VO_SEL: {
        const unsigned char c = tv_of(x, o->a), y = tv_of(x, o->b), z = tv_of(x, o->c);
        return c == 1 ? y : c == 0 ? z : y == z ? y : 2;
    }
    default: return 2;
    }
}

/* Whether plan trans holds: every cancel and every entry runs only while flat
 * (their masks are 0 while a trade is held), and a cancel whose mask is 1 on
 * every active flat bar comes before every entry. Then after bar i's queue,
 * a flat lane holds only the entries next() placed on bar i - 1, and next()
 * on bar i cancels them: an entry acts on the bar after it or never. */
static int plan_trans(const vprog *p)
{
    const size_t nr = (size_t)p->n_regs;
    signed char *v[2] = {malloc(nr + 1), malloc(nr + 1)}; /* flat, holding a trade */
    int ok = v[0] && v[1], sure_cancel = 0, entries = 0, queue = 0;
    for (int st = 0; ok && st < 2; st++) {
        memset(v[st], 2, nr);
        v[st][0] = 1; /* register 0: the active lanes */
    }
    for (size_t q = 0; ok && q < p->n_ops; q++) {
        const vop *o = &p->ops[q];
        for (int st = 0; st < 2 && o->dst >= 0; st++)
            v[st][o->dst] = (signed char)tv_step(o, v[st], st, &queue);
        if (queue)
            ok = 0; /* the queue read: plan trans leaves out the entries that cannot act */
        else if (o->k == VO_CANCEL) {
            ok = tv_of(v[1], o->m) == 0;
            sure_cancel |= !entries && tv_of(v[0], o->m) == 1;
        } else if (o->k == VO_ENTRY) {
            ok = sure_cancel && tv_of(v[1], o->m) == 0;
            entries++;
        }
    }
    free(v[0]);
    free(v[1]);
    return ok && entries > 0;
}

/* Whether plan hold holds: while a trade is held next() does nothing (the
 * mask of every operation with an effect, a possible error included, is 0
 * then), so a holding lane's walk goes from one bar its queue can act on
 * to the next, whatever the slice marks (a bar it marks may act only flat). */
static int plan_hold0(const vprog *p)
{
    const size_t nr = (size_t)p->n_regs;
    signed char *v = malloc(nr + 1);
    int ok = v != NULL, queue = 0;
    if (ok) {
        memset(v, 2, nr);
        v[0] = 1;
    }
    for (size_t q = 0; ok && q < p->n_ops; q++) {
        const vop *o = &p->ops[q];
        int certain;
        if (o->dst >= 0)
            v[o->dst] = (signed char)tv_step(o, v, 1, &queue);
        if (op_effect(o, p->rcls, &certain) && tv_of(v, o->m) != 0)
            ok = 0;
    }
    free(v);
    return ok;
}

/* Whether plan trail holds: TrailingStrategy.next() once, on every strategy
 * bar (super().next() at the top level of next(), or no next()). */
static int plan_trail(const vprog *p)
{
    int n = 0;
    for (size_t q = 0; q < p->n_ops; q++)
        if (p->ops[q].k == VO_TRAIL && (n++ || p->ops[q].m != 0))
            return 0;
    return n == 1;
}

/* What the slice of a plan computes, the registers classed cls: the effects
 * and what they read, backwards (live: per operation; dbl: per register read
 * as doubles; defs: nr bytes of scratch). */
static void plan_live(const vprog *p, const unsigned char *cls, int plan, unsigned char *defs, unsigned char *live,
                      unsigned char *dbl)
{
    const size_t nr = (size_t)p->n_regs;
    memset(defs, 0, nr); /* registers the slice needs */
    for (size_t q = p->n_ops; q-- > 0;) {
        const vop *o = &p->ops[q];
        int certain;
        const int eff = op_effect_p(cls, o, plan, &certain);
        if (!eff && !(o->dst >= 0 && defs[o->dst]))
            continue;
        live[q] = 1;
        if (eff && o->m >= 0)
            defs[o->m] = 1;
        if (eff && o->k == VO_ENTRY && !certain) /* entry_pred reads its arguments as doubles */
            for (int k = 0; k < 5; k++) {
                const int r[2] = {o->kw[k], o->kwn[k]};
                for (int u = 0; u < 2; u++)
                    if (r[u] >= 0)
                        defs[r[u]] = dbl[r[u]] = 1;
            }
        if (o->dst < 0 || cls[o->dst] == RC_UNK)
            continue;
        int rd[4] = {-1, -1, -1, -1}, isd = 0;
        if (cls[o->dst] == RC_M3) {
            if (o->k == VO_LOOP)
                rd[0] = o->m;
            else
                rd[0] = o->a, rd[1] = o->b, rd[2] = o->k == VO_SEL ? o->c : -1;
        } else {
            switch (o->k) {
            case VO_BIN: case VO_SLOW: case VO_CMP: rd[0] = o->a, rd[1] = o->b, isd = 1; break;
            case VO_ABS: case VO_NEG: case VO_INT: rd[0] = o->a, isd = 1; break;
            case VO_CROSS: rd[0] = o->a, rd[1] = o->b, rd[2] = o->c, rd[3] = o->d, isd = 1; break;
            case VO_ARRX: rd[0] = o->b, isd = 1; break;
            case VO_SEL: rd[0] = o->a, rd[1] = o->b, rd[2] = o->c, isd = 1; break;
            case VO_TRUTH: case VO_NOT: case VO_AND: case VO_OR: case VO_ANDNOT: rd[0] = o->a, rd[1] = o->b; break;
            default: break;
            }
        }
        for (int k = 0; k < 4; k++)
            if (rd[k] >= 0) {
                defs[rd[k]] = 1;
                dbl[rd[k]] |= (unsigned char)isd;
            }
    }
}

/* The register classes (cl, r01, all, none, defs: n_regs bytes each) of the
 * slice of every bar (st -1) or of a lane in position state st (0 flat, 1
 * long, 2 short: state_const values known). *ok: the plain schedule can skip
 * bars; *okt: the schedule of walk plan wplan can. */
static void classify(const vprog *p, int st, int wplan, unsigned char *cl, unsigned char *r01, unsigned char *all,
                     unsigned char *none, unsigned char *defs, int *ok, int *okt)
{
    const size_t nr = (size_t)p->n_regs;
    memset(cl, RC_PURE, nr);
    memset(r01, 0, nr);
    memset(all, 0, nr);
    memset(none, 0, nr);
    memset(defs, 0, nr);
    r01[0] = 1;
    all[0] = 1; /* register 0: the active lanes */
    *ok = *okt = 1;
    for (size_t q = 0; q < p->n_ops; q++) {
        const vop *o = &p->ops[q];
        const int a = o->a, b = o->b;
#define PURE_(r) ((r) < 0 || cl[r] == RC_PURE)
#define ALL_(r) ((r) >= 0 && all[r])
#define NONE_(r) ((r) >= 0 && none[r])
        if (o->dst >= 0) {
            if (defs[o->dst]++)
                *ok = *okt = 0;
            unsigned char k = RC_UNK, ma = 1, mn = 1;
            switch (o->k) {
            case VO_CONST: case VO_DATA: case VO_ARR: case VO_LEN:
                k = RC_PURE;
                break;
            case VO_ATTR:
                k = q < p->n_pro ? RC_PURE : RC_UNK; /* an attribute next() assigns */
                break;
            case VO_LOOP:
                k = RC_M3;
                ma = ALL_(o->m);
                break;
            case VO_BIN: case VO_SLOW: case VO_CMP: case VO_ABS: case VO_INT: case VO_NEG:
                k = PURE_(a) && (o->k == VO_ABS || o->k == VO_INT || o->k == VO_NEG || PURE_(b)) ? RC_PURE : RC_UNK;
                break;
            case VO_CROSS:
                k = PURE_(a) && PURE_(b) && PURE_(o->c) && PURE_(o->d) ? RC_PURE : RC_UNK;
                break;
            case VO_ARRX:
                k = PURE_(b) ? RC_PURE : RC_UNK;
                break;
            case VO_NOT:
                k = PURE_(a) ? RC_PURE : RC_M3;
                ma = NONE_(a);
                mn = ALL_(a);
                break;
            case VO_AND:
                k = PURE_(a) && PURE_(b) ? RC_PURE : RC_M3;
                ma = ALL_(a) & ALL_(b);
                mn = NONE_(a) | NONE_(b);
                break;
            case VO_OR:
                k = PURE_(a) && PURE_(b) ? RC_PURE : RC_M3;
                ma = ALL_(a) | ALL_(b);
                mn = NONE_(a) & NONE_(b);
                break;
            case VO_ANDNOT:
            case VO_TRUTH:
                if (o->k == VO_TRUTH && b < 0) {
                    k = PURE_(a) ? RC_PURE : cl[a < 0 ? 0 : a];
                    ma = ALL_(a);
                    mn = NONE_(a);
                    break;
                }
                k = PURE_(a) && PURE_(b) ? RC_PURE : RC_M3;
                ma = ALL_(a) & NONE_(b);
                mn = NONE_(a) | ALL_(b);
                break;
            case VO_SEL:
                k = PURE_(a) && PURE_(b) && PURE_(o->c) ? RC_PURE : RC_M3;
                ma = ALL_(b) & ALL_(o->c);
                mn = NONE_(b) & NONE_(o->c);
                break;
            default: /* VO_POS, VO_TFIELD: the broker's state; in a state slice, some known */
                if (st >= 0 && state_const(o, st))
                    k = RC_PURE;
                break;
            }
            if (k == RC_PURE)
                ma = mn = 0;
            cl[o->dst] = k;
            r01[o->dst] = o->k == VO_CMP || o->k == VO_TRUTH || o->k == VO_NOT || o->k == VO_AND ||
                             o->k == VO_OR || o->k == VO_ANDNOT || o->k == VO_CROSS;
            all[o->dst] = ma;
            none[o->dst] = mn;
        }
#undef PURE_
#undef ALL_
#undef NONE_
        int certain;
        if (op_effect(o, cl, &certain) && certain && (o->m < 0 || all[o->m]))
            *ok = 0; /* an effect on every bar: nothing to skip */
        if (op_effect_p(cl, o, wplan, &certain) && certain && (o->m < 0 || all[o->m]))
            *okt = 0;
    }
}

/* The register classes, and whether the schedule can skip anything: every
 * register defined once, and no effect whose mask is true on every bar for
 * all the analysis knows (a store under the active mask, a mask that reads
 * the position alone). */
static void plan_quiet(vprog *p)
{
    const size_t nr = (size_t)p->n_regs;
    p->quiet_ok = p->wquiet_ok = p->sok = 0;
    const int wplan = (plan_trans(p) ? PLAN_TRANS : 0) | (plan_trail(p) ? PLAN_TRAIL : 0);
    if (wplan & PLAN_TRANS) { /* one entry, run once per bar: the order lanes queue it only where it can act */
        size_t entries = 0, loops = 0;
        for (size_t q = 0; q < p->n_ops; q++) {
            entries += p->ops[q].k == VO_ENTRY;
            loops += p->ops[q].k == VO_LOOP;
        }
        for (size_t q = 0; q < p->n_ops && entries == 1 && loops == 0; q++)
            if (p->ops[q].k == VO_ENTRY)
                p->ops[q].pb = 1;
    }
    p->rcls = malloc(nr + 1);
    p->r01 = calloc(nr + 1, 1);
    unsigned char *defs = calloc(nr + 1, 1), *all = calloc(nr + 1, 1), *none = calloc(nr + 1, 1);
    if (!p->rcls || !p->r01 || !defs || !all || !none || nr > 1024)
        goto out;
    int ok, okt;
    classify(p, -1, wplan, p->rcls, p->r01, all, none, defs, &ok, &okt);
    /* what the slice computes: the effects and what they read, backwards */
    p->qlive = calloc(p->n_ops + 1, 1);
    p->qdbl = calloc(nr + 1, 1);
    if (!p->qlive || !p->qdbl)
        goto out;
    plan_live(p, p->rcls, 0, defs, p->qlive, p->qdbl);
    const int wplan_h = wplan | (plan_hold0(p) ? PLAN_HOLD0 : 0);
    p->wplan = wplan_h;
    if (okt && wplan_h) {
        p->wqlive = calloc(p->n_ops + 1, 1);
        p->wqdbl = calloc(nr + 1, 1);
        if (p->wqlive && p->wqdbl) {
            plan_live(p, p->rcls, wplan_h, defs, p->wqlive, p->wqdbl);
            p->wquiet_ok = 1;
        }
    }
    /* the order lanes' state slices, one per position state: where a mask reads the
     * position, the slice of every bar knows only bounds, a state's slice the value.
     * Only where the slice of every bar reads the position, and the walk exists without
     * them (sok then implies quiet_ok or wquiet_ok): elsewhere three slices cost more than
     * they save (sma_bracket 7% more CPU), and a walk they alone allow was denser than the
     * per-bar loop (limit_dip: 33% of its lane-bars, 1.75x the CPU). Not with plan hold:
     * a holding lane's walk reads no slice then. */
    int reads = 0;
    for (size_t q = 0; q < p->n_ops; q++)
        reads |= (p->qlive[q] || (p->wqlive && p->wqlive[q])) && state_const(&p->ops[q], 1);
    if (reads && (ok || p->wquiet_ok) && !(wplan_h & PLAN_HOLD0)) {
        unsigned char *r01s = malloc(nr + 1);
        int good = r01s != NULL;
        for (int st = 0; st < 3 && good; st++) {
            p->srcls[st] = malloc(nr + 1);
            p->slive[st] = calloc(p->n_ops + 1, 1);
            p->sdbl[st] = calloc(nr + 1, 1);
            int oks, okts;
            good = p->srcls[st] && p->slive[st] && p->sdbl[st];
            if (!good)
                break;
            classify(p, st, wplan, p->srcls[st], r01s, all, none, defs, &oks, &okts);
            good = okts;
            plan_live(p, p->srcls[st], wplan_h, defs, p->slive[st], p->sdbl[st]);
        }
        free(r01s);
        p->sok = good;
    }
    p->quiet_ok = ok;
    if (getenv("BTGPU_VX_DUMP"))
        fprintf(stderr, "quiet-bar schedule: %s; with transient entries: %s; with trailing stops: %s; "
                "nothing while holding: %s; position-state slices: %s\n",
                ok ? "yes" : "no", (p->wquiet_ok || p->sok) && (p->wplan & PLAN_TRANS) ? "yes" : "no",
                (p->wquiet_ok || p->sok) && (p->wplan & PLAN_TRAIL) ? "yes" : "no",
                p->wquiet_ok && (p->wplan & PLAN_HOLD0) ? "yes" : "no", p->sok ? "yes" : "no");
out:
    free(defs);
    free(all);
    free(none);
}

/* ================================================================ preparation */

bt_vx *bt_vx_prepare(const bt_compiled *c, char *why, size_t cap)
{
    bt_vx *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->c = c;
    v->deps = calloc(VX_NREC(c), sizeof *v->deps);
    v->keep = calloc(VX_NREC(c), 1);
    if (v->keep) { /* the arrays init() makes that next() never reads are not copied */
        reads_block(c, c->next, v->keep, 0);
        for (size_t k = c->n_attrs; k < VX_NREC(c); k++)
            v->keep[k] = 1;
    }
    if (!v->deps || !v->keep || init_deps(c, v->deps)) {
        bt_vx_free(v);
        return NULL;
    }
    if (getenv("BTGPU_VX_DUMP"))
        for (size_t k = 0; k < VX_NREC(c); k++)
            fprintf(stderr, "init record %zu (%s): depends on parameters %#llx\n", k,
                    k < c->n_attrs ? c->attrs[k].name : "TrailingStrategy", (unsigned long long)v->deps[k]);
    /* a trial lowering with the parameters' default types and every other
     * attribute a plain float array or number as the checker typed it */
    vprog trial;
    memset(&trial, 0, sizeof trial);
    asig *sig = calloc(VX_NREC(c), sizeof *sig);
    if (!sig) {
        bt_vx_free(v);
        return NULL;
    }
    for (size_t k = 0; k < c->n_attrs; k++) {
        sig[k].kind = c->attrs[k].type == CT_NUM ? BT_CIV_NUM : c->attrs[k].type == CT_ARR ? BT_CIV_ARR : BT_CIV_OTHER;
        sig[k].pt = k < c->n_params ? (c->param_types[k] == BT_PTYPE_INT    ? PV_INT
                                       : c->param_types[k] == BT_PTYPE_BOOL ? PV_BOOL
                                                                            : PV_FLOAT)
                                    : PV_DYN; /* known after init() */
        sig[k].ind = 1;
    }
    if (c->trailing) {
        sig[c->n_attrs].kind = BT_CIV_ARR;
        sig[c->n_attrs + 1].kind = BT_CIV_NUM;
        sig[c->n_attrs + 1].pt = PV_DYN;
    }
    trial.sig = sig;
    lower(c, &trial);
    trial.sig = NULL;
    vprog_free_fields(&trial);
    free(sig);
    if (!trial.ok) {
        snprintf(why, cap, "%s", trial.why);
        bt_vx_free(v);
        return NULL;
    }
#ifdef BTGPU_HAVE_OPENMP
    omp_init_lock(&v->lock);
    v->locked = 1;
#endif
    return v;
}

void bt_vx_free(bt_vx *v)
{
    if (!v)
        return;
    for (vprog *p = v->progs; p;) {
        vprog *n = p->next;
        vprog_free_fields(p);
        free(p);
        p = n;
    }
    free(v->keep);
#ifdef BTGPU_HAVE_OPENMP
    if (v->locked)
        omp_destroy_lock(&v->lock);
#endif
    free(v->deps);
    free(v);
}

static void gen_attach(vprog *p);

/* The program for one attribute signature (lowered on first use). */
static const vprog *prog_for(bt_vx *v, const asig *sig)
{
    const size_t na = VX_NREC(v->c);
    const vprog *found = NULL;
#ifdef BTGPU_HAVE_OPENMP
    omp_set_lock(&v->lock);
#endif
    for (vprog *p = v->progs; p && !found; p = p->next)
        if (memcmp(p->sig, sig, na * sizeof *sig) == 0)
            found = p;
    if (!found) {
        vprog *p = calloc(1, sizeof *p);
        if (p) {
            p->sig = malloc((na + 1) * sizeof *sig);
            if (p->sig) {
                memcpy(p->sig, sig, na * sizeof *sig);
                lower(v->c, p);
                gen_attach(p);
                p->next = v->progs;
                v->progs = p;
                found = p;
            } else {
                free(p);
            }
        }
    }
#ifdef BTGPU_HAVE_OPENMP
    omp_unset_lock(&v->lock);
#endif
    return found;
}

/* ================================================================ init() per unique key */

/* The arrays a batch's init() runs export, in one mapping: with transparent
 * huge pages a few page faults instead of one per 4 KiB of fresh memory
 * (tens of MiB for a grid of unique indicator arguments, a fifth of a small
 * search's time). Threads take memory with an atomic bump; when it runs out
 * (or there is no mapping) bt_compiled_init_state_in mallocs. */
typedef struct vx_arena {
    char *base;
    size_t cap, used;
} vx_arena;

static void *arena_alloc(void *ctx, size_t bytes)
{
    vx_arena *a = ctx;
    const size_t n = (bytes + 63) & ~(size_t)63;
    if (!a->base)
        return NULL;
    size_t off = __atomic_fetch_add(&a->used, n, __ATOMIC_RELAXED);
    return off + n <= a->cap ? a->base + off : NULL;
}

static void arena_open(vx_arena *a, size_t cap)
{
    a->base = NULL;
    a->cap = a->used = 0;
#if defined(__unix__) && defined(MAP_ANONYMOUS)
    if (cap < ((size_t)4 << 20))
        return; /* too small to matter */
    void *m = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return;
#ifdef MADV_HUGEPAGE
    madvise(m, cap, MADV_HUGEPAGE);
#endif
    a->base = m;
    a->cap = cap;
#else
    (void)cap;
#endif
}

static void arena_close(vx_arena *a)
{
#if defined(__unix__) && defined(MAP_ANONYMOUS)
    if (a->base)
        munmap(a->base, a->cap);
#endif
    a->base = NULL;
}

typedef struct ikey {
    uint64_t h;
    size_t attr, combo; /* the first combination with this key: its init run holds the value */
    int used;
} ikey;

typedef struct itab {
    ikey *e;
    size_t cap;
} itab;

static uint64_t mix(uint64_t h, uint64_t x)
{
    h ^= x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

static uint64_t key_hash(const double *row, const int *trow, size_t attr, dmask d, size_t np)
{
    uint64_t h = mix(0x12345, attr);
    for (size_t p = 0; p < np; p++)
        if (d >> p & 1) {
            uint64_t b;
            memcpy(&b, &row[p], sizeof b);
            h = mix(mix(h, b), (uint64_t)trow[p]);
        }
    /* the table indexes by the low bits, and a product's low bits see only
     * the low bits of its operands (zero in most grid values: 1.125, 20.0):
     * every bit of h reaches them (murmur3's finalizer) */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

static int key_eq(const double *r1, const int *t1, const double *r2, const int *t2, dmask d, size_t np)
{
    for (size_t p = 0; p < np; p++)
        if ((d >> p & 1) && (memcmp(&r1[p], &r2[p], sizeof *r1) != 0 || t1[p] != t2[p]))
            return 0;
    return 1;
}

/* ================================================================ running a block */

typedef struct vblock {
    size_t n;              /* lanes */
    /* per attribute, per lane */
    double **num;          /* numeric attribute values (state) */
    const double ***arr;   /* array attribute values */
    size_t **alen;
    unsigned char *arr_ind;
    unsigned char *arr_full; /* every lane's array has at least the series' length */
    double *regs;          /* n_regs x W */
    double *entry, *close, *esc;
    double *eqb, *oomb;    /* this bar's equity to record (0 when out of money) and the out-of-money flags */
    double *ntr;           /* len(self.trades) when next() runs */
    unsigned char *skip;   /* n_regs */
    bt_broker **bro;       /* broker mode: each lane's reference broker; NULL: the fast lanes */
    vx_book *ob;           /* order-lane mode: each lane's order queue (vx_orders.h); NULL otherwise */
    const vx_bcfg *obc;
    bt_lanes *ln;          /* order-lane mode: the lanes' cash and trade */
    bt_lanes ln_view;      /* a one-lane view's ln (lane_view) */
    uint64_t *tid;         /* the loop's trades per lane (VX_TMAX each), a snapshot as Python iterates */
    size_t *tn;
    size_t loop_k, loop_kmax;
    size_t n_attr;         /* the strategy's attributes: records n_attr, n_attr + 1 are TrailingStrategy's */
    const asig *sig;
} vblock;

#define VX_TMAX 64 /* trades a loop iterates over per lane; more go to the interpreter */

#define R(k) (regs + (size_t)(k) * W)

/* zeros: an argument not given, for every lane of a block or bar of a slice tile */
static const double vx_zeros[VX_MAX_W];

/* The terms and the check of an entry (order_req, bt_order_terms,
 * bt_order_passes) from its arguments' values, branch-free for SIMD loops:
 * conditions as 0/1 doubles combined by * (and) and a max (or), since GCC 12
 * vectorizes neither a select between booleans (a && b as a ? b : 0) nor
 * fmax. An argument not given reads 0 (not set, not None); full: the size is
 * not given. passes: 1 where Strategy.buy()/sell() would not raise, with
 * size the signed size bt_order_passes gives. */
typedef struct vx_eterms {
    double size, passes, lim_set, stop_set;
} vx_eterms;

static inline __attribute__((always_inline)) vx_eterms entry_terms(double sign, double full, double spread, double v0,
                                                                   double n0, double lim, double n1, double stop,
                                                                   double n2, double sl, double n3, double tp,
                                                                   double n4, double c)
{
#define F01(c) ((c) ? 1.0 : 0.0)
#define MAX01(a, b) ((a) > (b) ? (a) : (b))
    /* order_req: the size as given (None raises); a price is set where it is truthy and not None */
    const double user = full != 0 ? BT_LANE_FULL_SIZE : v0;
    const double raise = (1 - full) * F01(n0 != 0);
    const double lim_set = F01(lim != 0) * F01(n1 == 0);
    const double stop_set = F01(stop != 0) * F01(n2 == 0);
    const double sl_set = F01(sl != 0) * F01(n3 == 0);
    const double tp_set = F01(tp != 0) * F01(n4 == 0);
    /* bt_order_terms of a buy()/sell(): the signed size, the reference price, the SL/TP bounds */
    const double size = sign * user;
    const double ref = lim_set != 0 ? lim : stop_set != 0 ? stop : c * (1 + copysign(spread, size));
    const double sl_b = sl_set != 0 ? sl : (size > 0 ? -INFINITY : INFINITY);
    const double tp_b = tp_set != 0 ? tp : (size > 0 ? INFINITY : -INFINITY);
    const double lo = size > 0 ? sl_b : tp_b, hi = size > 0 ? tp_b : sl_b;
    /* bt_order_size_ok */
    const double size_ok = MAX01(F01(0 < user) * F01(user < 1),
                                 F01(fabs(user) < INFINITY) * F01(rint(user) == user) * F01(user >= 1));
    vx_eterms e;
    e.size = size;
    e.passes = (1 - raise) * size_ok * F01(lo < ref) * F01(ref < hi);
    e.lim_set = lim_set;
    e.stop_set = stop_set;
    return e;
#undef F01
#undef MAX01
}

/* 1 where an entry (its terms e; lim, stop: the arguments as given, NaN
 * stop: None) can act on a bar of high h and low l in a queue holding only
 * it, else 0: ob_trig of that queue. A stop acts once it triggers, a limit
 * where its price is reached, a market order on any bar; one that fails its
 * check raises (acts). */
static inline __attribute__((always_inline)) double entry_acts(vx_eterms e, double lim, double stop, double h,
                                                               double l)
{
#define F01(c) ((c) ? 1.0 : 0.0)
#define MAX01(a, b) ((a) > (b) ? (a) : (b))
    const double st = e.stop_set * F01(stop == stop);
    const double x = st != 0 ? stop : lim;
    const double market = (1 - st) * (1 - e.lim_set);
    const double up = F01(e.size > 0) == st ? 1.0 : 0.0; /* acts on high >= x, else on low <= x */
    const double hit = up != 0 ? F01(h >= x) : F01(l <= x);
    return MAX01(MAX01(1 - e.passes, market), hit);
#undef F01
#undef MAX01
}

/* TrailingStrategy.next() on one lane's broker, as the interpreter's
 * trailing_next: every open trade's SL moves to close -+ ATR * n_atr where
 * that is tighter. 0 where it raises. */
/* The SL TrailingStrategy.next() gives a trade (long or not, its SL sl,
 * NaN: None): close -+ ATR * n_atr where that is tighter. 0 where it raises. */
static int trail_price(double atr, double n_atr, int n_atr_t, double close, int is_long, double sl, double *best)
{
    /* the ATR and the close are numpy floats: py_binop's arithmetic is the
     * IEEE operation for any operand but None (pyrt.c) */
    if (n_atr_t == PV_NONE)
        return 0; /* TypeError */
    const double prod = atr * n_atr, cand = is_long ? close - prod : close + prod;
    double cur = isnan(sl) || sl == 0 ? (is_long ? -INFINITY : INFINITY) : sl;
    *best = (is_long ? cand > cur : cand < cur) ? cand : cur;
    return 1;
}

static int trail_lane(bt_broker *b, double atr, double n_atr, int n_atr_t, double close)
{
    size_t n = bt_broker_n_trades(b);
    uint64_t ids[VX_TMAX];
    if (n > VX_TMAX)
        return 0;
    for (size_t k = 0; k < n; k++)
        ids[k] = bt_broker_trade_id(b, k);
    for (size_t k = 0; k < n; k++) {
        bt_trade_view t;
        bt_broker_trade_view_of(b, ids[k], &t);
        double best;
        if (!trail_price(atr, n_atr, n_atr_t, close, t.size > 0, t.sl, &best))
            return 0;
        bt_error be;
        be.status = 0;
        if (bt_broker_trade_set_contingent(b, ids[k], 0, best, 0, 0, &be))
            return 0;
    }
    return 1;
}

/* The request of lane c's Strategy.buy()/sell(), with the arguments as the
 * interpreter passes them (do_order): a size as given, a price set where it
 * is truthy, a falsy number kept for the error text. Non-zero: the lane
 * raised (a None size; the interpreter reports it). */
static inline int order_req(const vop *o, const double *regs, size_t W, size_t c, bt_order_req *r)
{
    static const unsigned bits[5] = {0, BT_REQ_LIMIT, BT_REQ_STOP, BT_REQ_SL, BT_REQ_TP};
    /* field by field: a memset of the struct here cost a store-forwarding stall per order */
    r->limit = r->stop = r->sl = r->tp = 0;
    r->set = r->zero = r->zero_int = 0;
    r->side = o->imm > 0 ? BT_SIDE_BUY : BT_SIDE_SELL;
    r->size = BT_LANE_FULL_SIZE;
    for (int k = 0; k < 5; k++) {
        if (o->kw[k] < 0)
            continue;
        double v = R(o->kw[k])[c];
        int none = o->kwn[k] >= 0 && R(o->kwn[k])[c] != 0;
        if (k == 0) {
            if (none)
                return 1;
            r->size = v;
            continue;
        }
        if (!none && v != 0) {
            switch (k) {
            case 1: r->limit = v; break;
            case 2: r->stop = v; break;
            case 3: r->sl = v; break;
            default: r->tp = v; break;
            }
            r->set |= bits[k];
        } else if (!none) {
            r->zero |= bits[k];
            if (o->kwpt[k] == PV_INT || o->kwpt[k] == PV_BOOL)
                r->zero_int |= bits[k];
        }
    }
    return 0;
}

/* Strategy.buy()/sell() of lane c on its reference broker. Non-zero: the lane raised. */
static int broker_order(const vop *o, bt_broker *b, const double *regs, size_t W, size_t c)
{
    bt_order_req req;
    if (order_req(o, regs, W, c, &req))
        return 1;
    bt_error e; /* only read on failure */
    e.status = 0;
    return bt_broker_order(b, &req, NULL, &e) != BT_OK;
}

/* runs the program on bar i; register 0 holds the active lanes */
/* The data column of slot 0..4: Open, High, Low, Close, Volume. */
static inline const double *data_col(const bt_series *s, int slot)
{
    return slot == 0 ? s->open : slot == 1 ? s->high : slot == 2 ? s->low : slot == 3 ? s->close : s->volume;
}

/* len() of lane c's array attribute on bar i as next() sees it (an indicator: its first i + 1 values) */
static inline long arr_visible(const vblock *B, int slot, size_t c, size_t i)
{
    const long L = (long)B->alen[slot][c];
    return B->arr_ind[slot] && (long)i + 1 < L ? (long)i + 1 : L;
}

/* Python's x[k] over L values: the position, or -1 for an IndexError
 * (idx a constant index; k one computed as a float) */
static inline long py_pos_const(long idx, long L)
{
    const long pos = idx < 0 ? L + idx : idx;
    return pos >= 0 && pos < L ? pos : -1;
}

static inline long py_pos(double k, long L)
{
    if (!(fabs(k) < 9e15))
        return -1;
    const long pos = k < 0 ? L + (long)k : (long)k;
    return pos >= 0 && pos < L ? pos : -1;
}

/* VO_ENTRY on the order lanes over a block: every lane's check at once
 * (vectorized), then the queues of the lanes it places an order for. Out of
 * line: its arrays would make the frame of every caller of vx_step 16 KB
 * larger (and one lane's code slower; vx_step checks one lane itself). */
static __attribute__((noinline)) void ob_entry(const vop *o, vblock *B, const bt_series *s, size_t i,
                                               const double *regs, size_t W, size_t n, const double *restrict mk,
                                               double *restrict esc)
{
    double esize[VX_MAX_W], epass[VX_MAX_W];
    const double *v[5], *none[5];
    for (int k = 0; k < 5; k++) {
        v[k] = o->kw[k] >= 0 ? R(o->kw[k]) : vx_zeros;
        none[k] = o->kwn[k] >= 0 ? R(o->kwn[k]) : vx_zeros;
    }
    const double sign = o->imm > 0 ? 1.0 : -1.0, full = o->kw[0] >= 0 ? 0.0 : 1.0, C = s->close[i];
    const double spread = B->obc->g->spread;
    const double *restrict v0 = v[0], *restrict v1 = v[1], *restrict v2 = v[2], *restrict v3 = v[3];
    const double *restrict v4 = v[4], *restrict n0 = none[0], *restrict n1 = none[1], *restrict n2 = none[2];
    const double *restrict n3 = none[3], *restrict n4 = none[4];
    if (o->pb && i + 1 < s->n) {
        /* a transient entry (plan trans) that cannot act on the next bar is cancelled by next()
         * there before it does anything: it is not queued (epass 2; on the last bar it acts) */
        const double h = s->high[i + 1], l = s->low[i + 1];
#pragma omp simd
        for (size_t c = 0; c < n; c++) {
            const vx_eterms e = entry_terms(sign, full, spread, v0[c], n0[c], v1[c], n1[c], v2[c], n2[c], v3[c],
                                            n3[c], v4[c], n4[c], C);
            esize[c] = e.size;
            epass[c] = entry_acts(e, v1[c], v2[c], h, l) != 0 ? e.passes : 2.0;
        }
    } else {
#pragma omp simd
        for (size_t c = 0; c < n; c++) {
            const vx_eterms e = entry_terms(sign, full, spread, v0[c], n0[c], v1[c], n1[c], v2[c], n2[c], v3[c],
                                            n3[c], v4[c], n4[c], C);
            esize[c] = e.size;
            epass[c] = e.passes;
        }
    }
    for (size_t c = 0; c < n; c++) {
        if (mk[c] == 0 || esc[c] != 0 || epass[c] == 2)
            continue;
        if (epass[c] == 0) {
            esc[c] = VX_ESC_ERROR; /* the interpreter reports it */
            continue;
        }
#define PX_(K) (v[K][c] != 0 && none[K][c] == 0 ? v[K][c] : NAN)
        esc[c] = ob_order(B->obc, &B->ob[c], B->ln, c, esize[c], PX_(1), PX_(2), PX_(3), PX_(4));
#undef PX_
    }
}

/* The guard cache of a pass over the program: the guard register last
 * tested and whether it was all 0. */
typedef struct vx_gstate {
    int gcache, gzero;
} vx_gstate;

/* Operation q of a program (ops, its gskip table, n_pro: its prologue's
 * length) on bar i over the first n lanes, as one pass from q0 to q1 runs
 * it: returns the operation to run next. This is the one definition of
 * every operation: the interpreter (prog_body) calls it with q from a loop,
 * the generated programs (vx_gen.c) with each q and ops a constant. */
static inline __attribute__((always_inline)) size_t vx_step(const vop *ops, const size_t *gskip, size_t n_pro, size_t q,
                                                            size_t q1, vblock *B, const bt_series *s, size_t i,
                                                            const double *size, size_t W, const size_t n,
                                                            vx_gstate *gs)
{
    double *regs = B->regs;
    double *restrict esc = B->esc, *restrict entry = B->entry, *restrict close = B->close;
    unsigned char *skip = B->skip; /* registers not computed on this bar: all-zero masks */
    const vop *o = &ops[q];
    if (q >= n_pro) {
        /* an operation whose guard (or escape mask) is all 0 on this bar is skipped: its result
         * matters in no lane, and a mask it would compute is taken as all 0 */
        int off = o->m > 0 && skip[o->m], goff = 0;
        if (!off && o->g > 0) {
            if (o->g != gs->gcache) {
                const double *gm = R(o->g);
                unsigned long long nz = 0;
                if (!skip[o->g])
                    for (size_t c = 0; c < n; c++)
                        nz |= gm[c] != 0;
                gs->gcache = o->g;
                gs->gzero = !nz;
            }
            off = goff = gs->gzero;
        }
        if (off) {
            if (o->dst >= 0)
                skip[o->dst] = 1;
            if (goff && gskip) { /* the run its guard silences: skipped at once */
                const size_t e = gskip[q] < q1 ? gskip[q] : q1;
                for (size_t k = q + 1; k < e; k++)
                    if (ops[k].dst >= 0)
                        skip[ops[k].dst] = 1;
                return e;
            }
            return q + 1;
        }
    }
    double *restrict d = o->dst >= 0 ? R(o->dst) : NULL;
    const double *restrict a = o->a >= 0 ? R(o->a) : NULL, *restrict b = o->b >= 0 ? R(o->b) : NULL;
    const double *restrict mk = o->m >= 0 ? R(o->m) : NULL;
    switch (o->k) {
    case VO_CONST:
        for (size_t c = 0; c < n; c++)
            d[c] = o->imm;
        break;
    case VO_ATTR: {
        const double *x = B->num[o->slot];
        memcpy(d, x, n * sizeof *d);
        break;
    }
    case VO_DATA: {
        const double *col = data_col(s, o->slot);
        const long pos = py_pos_const(o->idx, (long)i + 1);
        double x = NAN;
        if (pos >= 0)
            x = col[pos];
        else if (o->a != 1)
            for (size_t c = 0; c < n; c++)
                esc[c] = mk[c] != 0 ? VX_ESC_ERROR : esc[c];
        for (size_t c = 0; c < n; c++)
            d[c] = x;
        break;
    }
    case VO_ARR: {
        const double **x = B->arr[o->slot];
        const int ind = B->arr_ind[o->slot];
        if (ind && B->arr_full[o->slot]) { /* every lane's array covers the series: one index for all */
            long L = (long)i + 1, pos = o->idx < 0 ? L + o->idx : o->idx;
            if (pos >= 0 && pos < L) {
                for (size_t c = 0; c < n; c++)
                    d[c] = x[c][pos];
                break;
            }
        }
        for (size_t c = 0; c < n; c++) {
            const long pos = py_pos_const(o->idx, arr_visible(B, o->slot, c, i));
            d[c] = pos >= 0 ? x[c][pos] : NAN;
            if (pos < 0 && o->a != 1 && mk[c] != 0)
                esc[c] = VX_ESC_ERROR;
        }
        break;
    }
    case VO_LEN:
        for (size_t c = 0; c < n; c++)
            d[c] = (double)(i + 1);
        break;
    case VO_POS:
        switch (o->op) {
        case 0: for (size_t c = 0; c < n; c++) d[c] = size[c] != 0; break;
        case 1: for (size_t c = 0; c < n; c++) d[c] = size[c] > 0; break;
        case 2: for (size_t c = 0; c < n; c++) d[c] = size[c] < 0; break;
        case 3: for (size_t c = 0; c < n; c++) d[c] = size[c]; break;
        case 4: memcpy(d, B->eqb, n * sizeof *d); break; /* self.equity */
        case 5: memcpy(d, B->ntr, n * sizeof *d); break; /* len(self.trades) */
        default: /* len(self.orders), as the queue stands now */
            if (B->bro) {
                for (size_t c = 0; c < n; c++)
                    d[c] = esc[c] == 0 && B->bro[c] ? (double)bt_broker_n_orders(B->bro[c]) : 0;
            } else if (B->ob) {
                for (size_t c = 0; c < n; c++)
                    d[c] = (double)B->ob[c].n;
            } else {
                for (size_t c = 0; c < n; c++) { /* orders placed in this next(): to a reference broker */
                    esc[c] = (mk[c] != 0) & ((entry[c] != 0) | (close[c] != 0)) ? VX_ESC_MODEL : esc[c];
                    d[c] = 0;
                }
            }
            break;
        }
        break;
    case VO_ABS: for (size_t c = 0; c < n; c++) d[c] = fabs(a[c]); break;
    case VO_INT:
        for (size_t c = 0; c < n; c++) {
            if (!isfinite(a[c]) && mk[c] != 0)
                esc[c] = VX_ESC_ERROR; /* ValueError / OverflowError */
            d[c] = o->op ? rint(a[c]) : trunc(a[c]);
        }
        break;
    case VO_ARRX: {
        const double *col = o->pa ? data_col(s, o->slot) : NULL;
        for (size_t c = 0; c < n; c++) {
            const long pos = py_pos(b[c], o->pa ? (long)i + 1 : arr_visible(B, o->slot, c, i));
            d[c] = pos >= 0 ? (o->pa ? col[pos] : B->arr[o->slot][c][pos]) : NAN;
            if (pos < 0 && mk[c] != 0)
                esc[c] = VX_ESC_ERROR; /* IndexError */
        }
        break;
    }
    case VO_LOOP: {
        size_t kmax = 0;
        for (size_t c = 0; c < n; c++) {
            B->tn[c] = 0;
            if (mk[c] == 0 || esc[c] != 0)
                continue;
            if (B->ob) { /* the order lanes: one trade at most */
                B->tn[c] = B->ntr[c] != 0;
                kmax = B->tn[c] > kmax ? B->tn[c] : kmax;
                continue;
            }
            if (!B->bro) { /* the fast lanes' trades: to a reference broker */
                if (B->ntr[c] != 0)
                    esc[c] = VX_ESC_MODEL;
                continue;
            }
            size_t k = bt_broker_n_trades(B->bro[c]);
            if (k > VX_TMAX) {
                esc[c] = VX_ESC_ERROR;
                continue;
            }
            for (size_t t = 0; t < k; t++)
                B->tid[c * VX_TMAX + t] = bt_broker_trade_id(B->bro[c], t);
            B->tn[c] = k;
            kmax = k > kmax ? k : kmax;
        }
        B->loop_k = 0;
        B->loop_kmax = kmax;
        for (size_t c = 0; c < n; c++)
            d[c] = B->tn[c] > 0 && esc[c] == 0;
        gs->gcache = -1;
        if (kmax == 0) {
            for (int r = o->b; r < o->d; r++)
                skip[r] = 1;
            return (size_t)o->c + 1; /* past the body */
        }
        break;
    }
    case VO_LOOPEND: {
        const vop *lp = &ops[o->a];
        if (++B->loop_k < B->loop_kmax) {
            double *it = R(lp->dst);
            for (size_t c = 0; c < n; c++)
                it[c] = B->loop_k < B->tn[c] && esc[c] == 0;
            memset(skip + lp->b, 0, (size_t)(lp->d - lp->b));
            gs->gcache = -1;
            return (size_t)o->a + 1; /* the body again */
        }
        break;
    }
    case VO_TFIELD:
        for (size_t c = 0; c < n; c++) {
            d[c] = NAN;
            if (b)
                ((double *)b)[c] = 1;
            uint64_t id = 0;
            bt_trade_view t;
            if (B->ob) { /* the order lanes: the lane's one trade */
                if (mk[c] == 0 || esc[c] != 0)
                    continue;
                if (o->a == 1) {
                    long k = (long)B->ntr[c], pos = o->idx < 0 ? k + o->idx : o->idx;
                    if (pos < 0 || pos >= k) {
                        esc[c] = VX_ESC_ERROR; /* IndexError: tuple index out of range */
                        continue;
                    }
                } else if (B->loop_k >= B->tn[c]) {
                    continue;
                }
                ob_trade_view(&B->ob[c], B->ln, c, s->close[i], &t);
            } else if (o->a == 1) { /* self.trades[idx].field */
                if (mk[c] == 0 || esc[c] != 0)
                    continue;
                if (!B->bro) { /* the fast lanes: a trade to read goes to a reference broker, none raises */
                    esc[c] = B->ntr[c] != 0 ? VX_ESC_MODEL : VX_ESC_ERROR;
                    continue;
                }
                long k = (long)bt_broker_n_trades(B->bro[c]), pos = o->idx < 0 ? k + o->idx : o->idx;
                if (pos < 0 || pos >= k) {
                    esc[c] = VX_ESC_ERROR; /* IndexError: tuple index out of range */
                    continue;
                }
                id = bt_broker_trade_id(B->bro[c], (size_t)pos);
            } else {
                if (!B->bro || B->loop_k >= B->tn[c])
                    continue;
                id = B->tid[c * VX_TMAX + B->loop_k];
            }
            if (!B->ob)
                bt_broker_trade_view_of(B->bro[c], id, &t);
            switch (o->op) {
            case F_SIZE: d[c] = t.size; break;
            case F_PL: d[c] = t.pl; break;
            case F_PL_PCT: d[c] = t.pl_pct; break;
            case F_IS_LONG: d[c] = t.size > 0; break;
            case F_IS_SHORT: d[c] = !(t.size > 0); break;
            case F_ENTRY_PRICE: d[c] = t.entry_price; break;
            case F_ENTRY_BAR: d[c] = (double)t.entry_bar; break;
            case F_VALUE: d[c] = t.value; break;
            case F_SL: case F_TP: {
                double v = o->op == F_SL ? t.sl : t.tp;
                d[c] = isnan(v) ? 0 : v;
                ((double *)b)[c] = isnan(v);
                break;
            }
            }
        }
        break;
    case VO_TCLOSE:
        for (size_t c = 0; (B->bro || B->ob) && c < n; c++)
            if (mk[c] != 0 && esc[c] == 0 && B->loop_k < B->tn[c]) {
                double portion = 1.0;
                if (o->kw[0] >= 0) {
                    if (o->kwn[0] >= 0 && R(o->kwn[0])[c] != 0) {
                        esc[c] = VX_ESC_ERROR;
                        continue;
                    }
                    portion = R(o->kw[0])[c];
                }
                if (B->ob) {
                    esc[c] = ob_trade_close(&B->ob[c], B->ln, c, portion);
                    continue;
                }
                bt_error e;
                e.status = 0;
                if (bt_broker_trade_close(B->bro[c], B->tid[c * VX_TMAX + B->loop_k], portion, &e))
                    esc[c] = VX_ESC_ERROR;
            }
        break;
    case VO_TSET:
        for (size_t c = 0; (B->bro || B->ob) && c < n; c++)
            if (mk[c] != 0 && esc[c] == 0 && B->loop_k < B->tn[c]) {
                int none = b && b[c] != 0;
                if (B->ob) {
                    esc[c] = ob_set_contingent(&B->ob[c], o->op, a[c], none);
                    continue;
                }
                bt_error e;
                e.status = 0;
                if (bt_broker_trade_set_contingent(B->bro[c], B->tid[c * VX_TMAX + B->loop_k], o->op, a[c], none,
                                                   o->pa == PV_INT || o->pa == PV_BOOL, &e))
                    esc[c] = VX_ESC_ERROR;
            }
        break;
    case VO_TRAIL: {
        const size_t ka = B->n_attr, km = B->n_attr + 1;
        for (size_t c = 0; c < n; c++) {
            if (mk[c] == 0 || esc[c] != 0 || B->ntr[c] == 0)
                continue;
            if (B->ob) { /* the order lanes: the lane's one trade */
                const double *atr = B->arr[ka][c];
                vx_book *k = &B->ob[c];
                double best;
                if (!atr || B->sig[km].kind != BT_CIV_NUM ||
                    !trail_price(atr[i], B->num[km][c], B->sig[km].pt, s->close[i], size[c] > 0,
                                 k->id[OB_SL] ? k->px[0] : NAN, &best))
                    esc[c] = VX_ESC_ERROR;
                else
                    esc[c] = ob_set_contingent(k, 0, best, 0);
                continue;
            }
            if (!B->bro) { /* an SL to trail: to a reference broker */
                esc[c] = VX_ESC_MODEL;
                continue;
            }
            const double *atr = B->arr[ka][c];
            if (!atr || B->sig[km].kind != BT_CIV_NUM || !trail_lane(B->bro[c], atr[i], B->num[km][c],
                                                                     B->sig[km].pt, s->close[i]))
                esc[c] = VX_ESC_ERROR;
        }
        break;
    }
    case VO_CANCEL:
        if (B->ob)
            for (size_t c = 0; c < n; c++)
                if (mk[c] != 0 && esc[c] == 0)
                    ob_cancel_all(&B->ob[c]);
        if (B->bro) /* the fast lanes' queue is empty when next() runs */
            for (size_t c = 0; c < n; c++)
                if (mk[c] != 0 && esc[c] == 0) {
                    bt_broker *br = B->bro[c];
                    size_t k = bt_broker_n_orders(br);
                    uint64_t ids[64];
                    if (k > 64) {
                        esc[c] = VX_ESC_ERROR;
                        continue;
                    }
                    for (size_t q = 0; q < k; q++)
                        ids[q] = bt_broker_order_id(br, q);
                    for (size_t q = 0; q < k; q++)
                        if (bt_broker_order_cancel(br, ids[q]) != BT_OK)
                            esc[c] = VX_ESC_ERROR;
                }
        break;
    case VO_BIN:
        switch (o->op) {
        case BT_OP_ADD: for (size_t c = 0; c < n; c++) d[c] = a[c] + b[c]; break;
        case BT_OP_SUB: for (size_t c = 0; c < n; c++) d[c] = a[c] - b[c]; break;
        case BT_OP_MUL: for (size_t c = 0; c < n; c++) d[c] = a[c] * b[c]; break;
        default:
            if (!o->pa) /* Python division: ZeroDivisionError */
                for (size_t c = 0; c < n; c++)
                    esc[c] = ((mk[c] != 0) & (b[c] == 0)) ? VX_ESC_ERROR : esc[c];
            for (size_t c = 0; c < n; c++)
                d[c] = a[c] / b[c];
            break;
        }
        break;
    case VO_SLOW:
        for (size_t c = 0; c < n; c++) {
            pyv x = {o->pa, a[c]}, y = {o->pb, b[c]}, r = {PV_FLOAT, NAN};
            char e[300];
            if (py_binop(o->op, x, y, &r, e, sizeof e)) {
                r.d = NAN;
                if (mk[c] != 0)
                    esc[c] = VX_ESC_ERROR;
            }
            d[c] = r.d;
        }
        break;
    case VO_CMP:
        switch (o->op) {
        case BT_CMP_LT: for (size_t c = 0; c < n; c++) d[c] = a[c] < b[c]; break;
        case BT_CMP_LE: for (size_t c = 0; c < n; c++) d[c] = a[c] <= b[c]; break;
        case BT_CMP_GT: for (size_t c = 0; c < n; c++) d[c] = a[c] > b[c]; break;
        case BT_CMP_GE: for (size_t c = 0; c < n; c++) d[c] = a[c] >= b[c]; break;
        case BT_CMP_EQ: for (size_t c = 0; c < n; c++) d[c] = a[c] == b[c]; break;
        default: for (size_t c = 0; c < n; c++) d[c] = a[c] != b[c]; break;
        }
        break;
    case VO_TRUTH:
        if (b)
            for (size_t c = 0; c < n; c++)
                d[c] = (a[c] != 0) & (b[c] == 0);
        else
            for (size_t c = 0; c < n; c++)
                d[c] = a[c] != 0;
        break;
    case VO_NOT: for (size_t c = 0; c < n; c++) d[c] = a[c] == 0; break;
    case VO_AND: for (size_t c = 0; c < n; c++) d[c] = (a[c] != 0) & (b[c] != 0); break;
    case VO_OR: for (size_t c = 0; c < n; c++) d[c] = (a[c] != 0) | (b[c] != 0); break;
    case VO_ANDNOT: for (size_t c = 0; c < n; c++) d[c] = (a[c] != 0) & (b[c] == 0); break;
    case VO_SEL: {
        const double *restrict x = R(o->c);
        for (size_t c = 0; c < n; c++)
            d[c] = a[c] != 0 ? b[c] : x[c];
        break;
    }
    case VO_CROSS: {
        const double *restrict x = R(o->c), *restrict y = R(o->d);
        for (size_t c = 0; c < n; c++)
            d[c] = (a[c] < b[c]) & (x[c] > y[c]);
        break;
    }
    case VO_NEG: for (size_t c = 0; c < n; c++) d[c] = -a[c]; break;
    case VO_ENTRY:
        if (B->bro) {
            for (size_t c = 0; c < n; c++)
                if (mk[c] != 0 && esc[c] == 0 && broker_order(o, B->bro[c], regs, W, c))
                    esc[c] = VX_ESC_ERROR;
            break;
        }
        if (B->ob && n == 1) { /* one lane (run_prog1): its check only where its mask holds */
            if (mk[0] == 0 || esc[0] != 0)
                break;
            double v[5], none[5];
            for (int k = 0; k < 5; k++) {
                v[k] = o->kw[k] >= 0 ? R(o->kw[k])[0] : 0.0;
                none[k] = o->kwn[k] >= 0 ? R(o->kwn[k])[0] : 0.0;
            }
            const vx_eterms e = entry_terms(o->imm > 0 ? 1.0 : -1.0, o->kw[0] >= 0 ? 0.0 : 1.0, B->obc->g->spread,
                                            v[0], none[0], v[1], none[1], v[2], none[2], v[3], none[3], v[4],
                                            none[4], s->close[i]);
            if (e.passes == 0) {
                esc[0] = VX_ESC_ERROR; /* the interpreter reports it */
                break;
            }
            if (o->pb && i + 1 < s->n && entry_acts(e, v[1], v[2], s->high[i + 1], s->low[i + 1]) == 0)
                break; /* as in ob_entry: cancelled on the next bar before it acts */
#define PX_(K) (v[K] != 0 && none[K] == 0 ? v[K] : NAN)
            esc[0] = ob_order(B->obc, &B->ob[0], B->ln, 0, e.size, PX_(1), PX_(2), PX_(3), PX_(4));
#undef PX_
            break;
        }
        if (B->ob) {
            ob_entry(o, B, s, i, regs, W, n, mk, esc);
            break;
        }
        for (size_t c = 0; c < n; c++)
            if (mk[c] != 0) {
                int set = entry[c] != 0 || o->kw[0] >= 0; /* a second entry, a size */
                for (int k = 1; k < 5; k++)
                    if (o->kw[k] >= 0)
                        /* None first: a None branch's value register is never computed */
                        set |= !(o->kwn[k] >= 0 && R(o->kwn[k])[c] != 0) && R(o->kw[k])[c] != 0;
                if (set)
                    esc[c] = VX_ESC_MODEL; /* a price set: SL/TP/limit/stop */
                entry[c] = o->imm;
            }
        break;
    case VO_CLOSE:
        if (B->bro || B->ob) {
            for (size_t c = 0; c < n; c++)
                if (mk[c] != 0 && esc[c] == 0) {
                    double portion = 1.0;
                    if (o->kw[0] >= 0) {
                        if (o->kwn[0] >= 0 && R(o->kwn[0])[c] != 0) { /* None: TypeError */
                            esc[c] = VX_ESC_ERROR;
                            continue;
                        }
                        portion = R(o->kw[0])[c];
                    }
                    if (B->ob) {
                        if (size[c] != 0) /* Position.close(): Trade.close(portion) of each trade */
                            esc[c] = ob_trade_close(&B->ob[c], B->ln, c, portion);
                        continue;
                    }
                    bt_error e;
                    e.status = 0;
                    if (bt_broker_position_close_portion(B->bro[c], portion, &e))
                        esc[c] = VX_ESC_ERROR;
                }
            break;
        }
        for (size_t c = 0; c < n; c++) {
            close[c] = mk[c] != 0 ? 1 : close[c];
            if (o->kw[0] >= 0 && mk[c] != 0)
                esc[c] = VX_ESC_MODEL; /* a portion */
        }
        break;
    case VO_STORE: {
        double *x = B->num[o->slot];
        for (size_t c = 0; c < n; c++)
            x[c] = mk[c] != 0 ? a[c] : x[c];
        break;
    }
    }
    return q + 1;
}

static inline __attribute__((always_inline)) void prog_body(const vprog *p, vblock *B, const bt_series *s, size_t i,
                                                              const double *size, size_t W, size_t q0, size_t q1,
                                                              const size_t n)
{
    vx_gstate gs = {-1, 0};
    if (q0 >= p->n_pro)
        memset(B->skip, 0, (size_t)p->n_regs);
    for (size_t q = q0; q < q1;)
        q = vx_step(p->ops, p->gskip, p->n_pro, q, q1, B, s, i, size, W, n, &gs);
}

/* ---------------------------------------------------------------- generated programs
 *
 * The build compiles the built-in strategies' programs to C: a first btgpu
 * (built without them) runs each built-in with BTGPU_VX_EMIT=DIR and writes
 * every program it lowers as a table of its operations and next()'s pass as
 * one vx_step call per operation with that operation a constant
 * (cmake/vx_gen.cmake). The compiler then folds each call to its one case
 * and the loop, the dispatch and the operand decoding are gone: the same
 * definition of every operation, as straight-line code. */

/* the rest of a pass from operation q (a jump the generated code does not
 * expect: not reached) */
static __attribute__((noinline, unused)) void gen_rest(const vx_gen *g, vblock *B, const bt_series *s, size_t i,
                                               const double *size, size_t W, size_t n, size_t q, vx_gstate *gs)
{
    while (q < g->n_ops)
        q = vx_step(g->ops, g->gskip, g->n_pro, q, g->n_ops, B, s, i, size, W, n, gs);
}

#ifdef BTGPU_VX_GENERATED
#include "vx_gen.inc"
#else
static const vx_gen *const vx_gen_table[] = {NULL};
#endif

/* An operation as one row of numbers, every field it has (the ints, idx and
 * imm's bits): two operations are the same where their rows are, and a
 * program's fingerprint hashes them. */
#define VOP_ROW (12 + 3 * 5 + 2)
static void vop_row(const vop *o, uint64_t *f)
{
    const int ints[12] = {o->k, o->op, o->dst, o->a, o->b, o->c, o->d, o->m, o->slot, o->pa, o->pb, o->g};
    size_t n = 0;
    for (size_t k = 0; k < 12; k++)
        f[n++] = (uint32_t)ints[k];
    for (int k = 0; k < 5; k++) {
        f[n++] = (uint32_t)o->kw[k];
        f[n++] = (uint32_t)o->kwn[k];
        f[n++] = (uint32_t)o->kwpt[k];
    }
    f[n++] = (uint64_t)o->idx;
    memcpy(&f[n], &o->imm, sizeof o->imm);
}

static int vop_same(const vop *x, const vop *y)
{
    uint64_t a[VOP_ROW], b[VOP_ROW];
    vop_row(x, a);
    vop_row(y, b);
    return memcmp(a, b, sizeof a) == 0;
}

/* A program's fingerprint (FNV-1a over its operations' rows and its guard
 * runs): its name in the generated code */
static uint64_t prog_hash(const vprog *p)
{
    uint64_t h = 1469598103934665603ULL;
#define GH(x) (h = (h ^ (uint64_t)(x)) * 1099511628211ULL)
    GH(p->n_ops);
    GH(p->n_pro);
    GH(p->n_regs);
    for (size_t q = 0; q < p->n_ops; q++) {
        uint64_t f[VOP_ROW];
        vop_row(&p->ops[q], f);
        for (size_t k = 0; k < VOP_ROW; k++)
            GH(f[k]);
        GH(p->gskip ? p->gskip[q] : 0);
    }
#undef GH
    return h;
}

/* one pass of program h as straight-line code over n lanes */
static void gen_pass(FILE *f, const vprog *p, uint64_t h, const char *gskip, const char *name, const char *n)
{
    fprintf(f, "static void vxg_%s_%016llx(vblock *B, const bt_series *s, size_t i, const double *size, size_t W)\n"
               "{\n    const size_t n = %s;\n    vx_gstate gs = {-1, 0};\n    size_t q;\n"
               "    memset(B->skip, 0, %d);\n", name, (unsigned long long)h, n, p->n_regs);
    for (size_t q = p->n_pro; q < p->n_ops; q++)
        fprintf(f, "L%zu: q = vx_step(vxg_ops_%016llx, %s, %zu, %zu, %zu, B, s, i, size, W, n, &gs);"
                   " if (q != %zu) goto jump;\n", q, (unsigned long long)h, gskip, p->n_pro, q, p->n_ops, q + 1);
    fprintf(f, "    return;\njump:\n    switch (q) {\n");
    for (size_t q = p->n_pro; q < p->n_ops; q++)
        fprintf(f, "    case %zu: goto L%zu;\n", q, q);
    fprintf(f, "    case %zu: return;\n    default: gen_rest(&vxg_%016llx, B, s, i, size, W, n, q, &gs);\n    }\n}\n\n",
            p->n_ops, (unsigned long long)h);
}

/* BTGPU_VX_EMIT=DIR: program p as C, in DIR/vxg_HASH.inc (a complete file
 * or none: written aside and renamed) */
static void gen_emit(const vprog *p, const char *dir)
{
    const uint64_t h = prog_hash(p);
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/vxg_%016llx.inc", dir, (unsigned long long)h);
    snprintf(tmp, sizeof tmp, "%s.part", path);
    for (size_t q = 0; q < p->n_ops; q++)
        if (!isfinite(p->ops[q].imm))
            return; /* a constant C has no literal for: stays interpreted */
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    fprintf(f, "/* generated by btgpu's build from a built-in strategy's vector program (cmake/vx_gen.cmake) */\n"
               "static const vx_gen vxg_%016llx;\n"
               "static const vop vxg_ops_%016llx[%zu] = {\n", (unsigned long long)h, (unsigned long long)h, p->n_ops);
    for (size_t q = 0; q < p->n_ops; q++) {
        const vop *o = &p->ops[q];
        fprintf(f, "    {%d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, {%d, %d, %d, %d, %d}, {%d, %d, %d, %d, %d}, "
                   "{%d, %d, %d, %d, %d}, %ldL, %a},\n", o->k, o->op, o->dst, o->a, o->b, o->c, o->d, o->m, o->slot,
                o->pa, o->pb, o->g, o->kw[0], o->kw[1], o->kw[2], o->kw[3], o->kw[4], o->kwn[0], o->kwn[1],
                o->kwn[2], o->kwn[3], o->kwn[4], o->kwpt[0], o->kwpt[1], o->kwpt[2], o->kwpt[3], o->kwpt[4], o->idx,
                o->imm);
    }
    fprintf(f, "};\n");
    char gskip[40] = "NULL";
    if (p->gskip) {
        snprintf(gskip, sizeof gskip, "vxg_gskip_%016llx", (unsigned long long)h);
        fprintf(f, "static const size_t %s[%zu] = {", gskip, p->n_ops);
        for (size_t q = 0; q < p->n_ops; q++)
            fprintf(f, "%s%zu", q ? ", " : "", p->gskip[q]);
        fprintf(f, "};\n");
    }
    gen_pass(f, p, h, gskip, "lanes", "B->n");
    gen_pass(f, p, h, gskip, "one", "1");
    fprintf(f, "static const vx_gen vxg_%016llx = {vxg_ops_%016llx, %s, %zu, %zu, %d, vxg_lanes_%016llx, "
               "vxg_one_%016llx};\n", (unsigned long long)h, (unsigned long long)h, gskip, p->n_ops, p->n_pro,
            p->n_regs, (unsigned long long)h, (unsigned long long)h);
    if (fclose(f) != 0 || rename(tmp, path) != 0)
        remove(tmp);
}

/* After lowering: BTGPU_VX_EMIT writes the program out; a generated one
 * with the same operations (and BTGPU_VX_GEN not 0) becomes its code. */
static void gen_attach(vprog *p)
{
    const char *dir = getenv("BTGPU_VX_EMIT");
    if (!p->ok)
        return;
    if (dir && *dir)
        gen_emit(p, dir);
    const char *off = getenv("BTGPU_VX_GEN");
    if (off && strcmp(off, "0") == 0)
        return;
    for (size_t k = 0; k < sizeof vx_gen_table / sizeof *vx_gen_table; k++) {
        const vx_gen *g = vx_gen_table[k];
        if (!g || g->n_ops != p->n_ops || g->n_pro != p->n_pro || g->n_regs != p->n_regs || !g->gskip != !p->gskip)
            continue;
        int same = 1;
        for (size_t q = 0; same && q < p->n_ops; q++)
            same = vop_same(&g->ops[q], &p->ops[q]) && (!p->gskip || g->gskip[q] == p->gskip[q]);
        if (same) {
            p->gen = g;
            return;
        }
    }
}

/* The program over the block's lanes; run_prog1 over a one-lane view (the
 * same operations, compiled with the lane loops gone). */
static void run_prog(const vprog *p, vblock *B, const bt_series *s, size_t i, const double *size, size_t W,
                     size_t q0, size_t q1)
{
    if (p->gen && q0 == p->n_pro && q1 == p->n_ops) {
        p->gen->lanes(B, s, i, size, W);
        return;
    }
    prog_body(p, B, s, i, size, W, q0, q1, B->n);
}

static void run_prog1(const vprog *p, vblock *B, const bt_series *s, size_t i, const double *size, size_t W,
                      size_t q0, size_t q1)
{
    if (p->gen && q0 == p->n_pro && q1 == p->n_ops) {
        p->gen->one(B, s, i, size, W);
        return;
    }
    prog_body(p, B, s, i, size, W, q0, q1, 1);
}

/* pend codes of an entry while a trade stays open (no close queued) */
#define VX_PEND_ADD_LONG 4.0
#define VX_PEND_ADD_SHORT -4.0
#define VX_MAX_EXTRA 7 /* trades beyond the first a lane may hold (pyramiding); more escape */

/* A lane's trades beyond the first (bt_lanes holds the first), oldest
 * first, as W-strided arrays. */
typedef struct vx_extra {
    double *n;            /* how many, per lane */
    double *size, *entry, *ebar; /* [k * W + lane] */
    size_t W;
} vx_extra;

/* The open trades' sums in open order, as the reference sums them: units
 * and cost (size * entry) for the equity, and the margin in use at close C. */
static void lane_sums(const bt_lanes *l, const vx_extra *x, size_t d, double C, double lev, double *units,
                      double *cost, double *used)
{
    double u = 0 + l->size[d], k = 0 + l->size[d] * l->entry[d], m = 0 + fabs(l->size[d]) * C / lev;
    for (size_t q = 0; q < (size_t)x->n[d]; q++) {
        double sz = x->size[q * x->W + d];
        u += sz;
        k += sz * x->entry[q * x->W + d];
        m += fabs(sz) * C / lev;
    }
    *units = u;
    *cost = k;
    *used = m;
}

/* Equity of lane d at close C: cash + (C * sum(size) - sum(size * entry)) */
static inline double lane_equity(const bt_lanes *l, const vx_extra *x, size_t d, double C)
{
    if (x->n[d] == 0)
        return l->cash[d] + (C * l->size[d] - l->size[d] * l->entry[d]);
    double u, k, m;
    lane_sums(l, x, d, C, 1.0, &u, &k, &m);
    return l->cash[d] + (C * u - k);
}

/* Closes all of lane d's trades at price (recorded at bar tidx): the
 * newest first (position.close()'s queue order) or the oldest first
 * (finalize_trades). */
static void close_all(const bt_lane_cfg *g, bt_lanes *l, vx_extra *x, size_t d, bt_acc_trades *acc, double price,
                      size_t tidx, int newest_first)
{
    size_t nx = (size_t)x->n[d];
    if (!newest_first && l->size[d] != 0)
        bt_lane_close(g, l, d, acc, price, tidx);
    for (size_t q = 0; q < nx; q++) {
        size_t k = newest_first ? nx - 1 - q : q;
        bt_lane_close_trade(g, &l->cash[d], acc, x->size[k * x->W + d], x->entry[k * x->W + d],
                            (size_t)x->ebar[k * x->W + d], price, tidx);
    }
    x->n[d] = 0;
    if (newest_first && l->size[d] != 0)
        bt_lane_close(g, l, d, acc, price, tidx);
}

/* An entry of sign `sign` beside lane d's open trades, filled on bar i, as
 * Broker._process_orders does it: sized with margin_available (the open
 * trades' value at Close[i]); 0 units cancels it; otherwise a new trade in
 * the same direction (hedging or not, nothing to net). Returns 0, or 1 when
 * the lane leaves the model (an opposite trade, too many trades). */
static int add_entry(const bt_lane_cfg *g, bt_lanes *l, vx_extra *x, size_t d, size_t i, double sign)
{
    double price = g->trade_on_close ? g->close[i - 1] : g->open[i];
    size_t tidx = g->trade_on_close ? i - 1 : i;
    double f = sign * BT_LANE_FULL_SIZE;
    double adjusted = price * (1 + copysign(g->spread, f));
    double adjusted_plus_comm = adjusted + bt_lane_comm(g, f, price) / fabs(f);
    double C = g->close[i], u, k, m;
    lane_sums(l, x, d, C, g->lev, &u, &k, &m);
    double avail = (l->cash[d] + (C * u - k)) - m;
    avail = avail > 0 ? avail : 0;
    double units = 0;
    if (adjusted_plus_comm > 0 && isfinite(adjusted_plus_comm))
        units = trunc(bt_lane_floordiv(avail * g->lev * fabs(f), adjusted_plus_comm));
    if (units == 0)
        return 0; /* cancelled */
    if ((l->size[d] > 0) != (sign > 0) || x->n[d] >= VX_MAX_EXTRA)
        return 1;
    if (units * adjusted_plus_comm > avail * g->lev)
        return 0; /* cancelled: the margin check after sizing */
    size_t q = (size_t)x->n[d];
    x->size[q * x->W + d] = copysign(units, f);
    x->entry[q * x->W + d] = adjusted;
    x->ebar[q * x->W + d] = (double)tidx;
    x->n[d] += 1;
    l->cash[d] -= bt_lane_comm(g, copysign(units, f), adjusted);
    return 0;
}

/* lane d's event from bar i - 1 */
static void vx_event(const bt_lane_cfg *g, bt_lanes *l, vx_extra *x, size_t d, bt_acc_trades *acc, size_t i,
                     double *esc)
{
    double p = l->pend[d];
    if (p == VX_PEND_ADD_LONG || p == VX_PEND_ADD_SHORT) {
        double sign = p > 0 ? 1.0 : -1.0;
        l->pend[d] = 0;
        if (l->size[d] == 0)
            bt_lane_orders(g, l, d, acc, i, sign, 0);
        else if (add_entry(g, l, x, d, i, sign))
            esc[d] = 1;
        return;
    }
    if (x->n[d] != 0) {
        l->pend[d] = 0;
        if (p == BT_PEND_WIPE_OUT) { /* several trades: Python's remove-while-iterating skip */
            esc[d] = 1;
            return;
        }
        close_all(g, l, x, d, acc, g->trade_on_close ? g->close[i - 1] : g->open[i], g->trade_on_close ? i - 1 : i, 1);
        bt_lane_orders(g, l, d, acc, i, p == BT_PEND_CLOSE ? 0.0 : p, 0);
        return;
    }
    bt_lane_event(g, l, d, acc, i);
}

/* The last bar of a lane with several trades (bt_lane_last otherwise). */
static void vx_last(const bt_lane_cfg *g, bt_lanes *l, vx_extra *x, size_t d, bt_acc_trades *acc,
                    const bt_acc_ctx *c, bt_acc_bars *a, double sig, int groups, double *esc)
{
    if (x->n[d] == 0) {
        bt_lane_last(g, l, d, acc, c, a, sig, groups);
        return;
    }
    const size_t i = g->n - 1;
    double eq = lane_equity(l, x, d, g->close[i]);
    if (l->alive[d] != 0 && (double)i >= l->from[d]) {
        if (eq <= 0) {
            esc[d] = 1;
            return;
        }
        if (g->finalize) {
            close_all(g, l, x, d, acc, g->trade_on_close ? g->close[i - 1] : g->open[i],
                      g->trade_on_close ? i - 1 : i, 0);
            bt_lane_orders(g, l, d, acc, i, sig == BT_PEND_CLOSE ? 0.0 : sig, 0);
            eq = bt_lane_equity(g, l, d, i);
            if (eq <= 0) {
                bt_lane_wipe_out(g, l, d, acc, i);
                eq = 0;
            }
        }
    }
    bt_acc_bar(c, a, d, i, eq, groups);
    bt_acc_final(a, d, eq);
}

/* Everything one evaluation shares. */
typedef struct vjob {
    bt_vx *v;
    const bt_cpu_job *job;
    const bt_series *s;
    bt_lane_cfg g;
    const bt_acc_ctx *x;
    size_t W;
    int exclusive, hedging;
    int orders;            /* the order lanes take the lanes the fast lanes hand over (BTGPU_VX_ORDERS=0: not) */
    int quiet;             /* the quiet-bar schedule is allowed (trade statistics only) */
    int hybrid;            /* per-bar statistics: next() only on the bars the slice marks */
    int qbar;              /* per-bar statistics on the order lanes' walk (qbar_feed) */
    size_t init_budget;    /* init() runs a batch may hold (about 256 MiB of arrays) */
    size_t cache_budget;   /* init() runs a batch holds when they are not shared (about 8 MiB) */
    size_t min_batch;      /* the fewest combinations a batch is split to */
    vx_arena *arena;       /* the batches' init() arrays: one mapping, reused by each batch */
    unsigned long long *qstat; /* BTGPU_VX_WHY: lanes, bars, bars simulated, next() runs on the quiet schedule */
    unsigned long long *mstat; /* BTGPU_VX_WHY: lanes run per mode (VX_FAST, VX_ORDERS, VX_BROKER) */
    const double *rlo, *rhi; /* the lowest and highest close of each VX_RT bars */
} vjob;

#define VX_RT 64   /* bars per close range */
#define VX_SPLIT 1 /* eval_batch: the batch needs more init() runs than the budget */
enum { VX_FAST, VX_ORDERS, VX_BROKER }; /* run_block's modes, in the order lanes pass through them */
#define VX_QT 256  /* bars per slice tile */
_Static_assert(VX_QT <= VX_MAX_W, "vx_zeros covers a tile");

/* The end of a bar (not the last) for every lane: the pend code for the
 * next bar and the equity into the accumulators, branch-free, with the
 * accumulator groups a compile-time constant (bar_tail_G). */
static inline __attribute__((always_inline)) void bar_tail_at(const vjob *J, bt_lanes *l, vblock *B,
                                                              bt_acc_bars *acc, size_t i, size_t W,
                                                              const int groups, const int period_end,
                                                              const int with_pend)
{
    const double *restrict en = B->entry, *restrict cl = B->close, *restrict act = B->regs;
    const double *restrict eqb = B->eqb, *restrict oomb = B->oomb, *restrict size = l->size;
    double *restrict pend = l->pend;
    const double excl = J->exclusive ? 1.0 : 0.0;
    bt_acc_bars a = *acc;
    if (!with_pend) { /* the accumulators alone (qbar_feed) */
#pragma omp simd
        for (size_t d = 0; d < W; d++)
            bt_acc_bar_at(J->x, &a, d, i, eqb[d], groups, period_end);
        return;
    }
    /* only doubles and comparisons inside selects: an int or a truth value in
     * the loop stops GCC's vectorizer ("no vectype"), as in bt_acc_bar_at */
#pragma omp simd
    for (size_t d = 0; d < W; d++) {
        const double e = en[d], c = cl[d];
        const double closes = c != 0 ? 1.0 : excl * (e != 0 ? 1.0 : 0.0);
        double sig = e != 0 ? e : (closes != 0 ? BT_PEND_CLOSE : 0.0);
        /* an entry beside an open trade that is not being closed: sized at the fill */
        const double add = e > 0 ? VX_PEND_ADD_LONG : VX_PEND_ADD_SHORT;
        const double keep = closes != 0 ? sig : (size[d] != 0 ? add : sig); /* (size[d] read in a local
                                                                                stops GCC 12's vectorizer) */
        sig = e != 0 ? keep : sig;
        sig = act[d] != 0 ? sig : 0.0;
        pend[d] = oomb[d] != 0 ? BT_PEND_WIPE_OUT : sig;
        bt_acc_bar_at(J->x, &a, d, i, eqb[d], groups, period_end);
    }
}

#define BAR_TAIL_FOR(NAME, G)                                                                                  \
    static void bar_tail_##NAME(const vjob *J, bt_lanes *l, vblock *B, bt_acc_bars *acc, size_t i, size_t W, \
                                int with_pend)                                                                 \
    {                                                                                                          \
        if (with_pend)                                                                                         \
            bar_tail_at(J, l, B, acc, i, W, G, 1, 1);                                                          \
        else                                                                                                   \
            bar_tail_at(J, l, B, acc, i, W, G, 1, 0);                                                          \
    }
BAR_TAIL_FOR(none, 0)
BAR_TAIL_FOR(peak, BT_ACC_PEAK)
BAR_TAIL_FOR(dd, BT_ACC_DRAWDOWN)
BAR_TAIL_FOR(ret, BT_ACC_RETURNS)
BAR_TAIL_FOR(ddret, BT_ACC_DRAWDOWN | BT_ACC_RETURNS)
BAR_TAIL_FOR(mdd, BT_ACC_MAX_DD)
BAR_TAIL_FOR(mddret, BT_ACC_MAX_DD | BT_ACC_RETURNS)

/* with_pend 0: B->eqb into the accumulators only (the pend codes untouched) */
static void bar_tail_w(const vjob *J, bt_lanes *l, vblock *B, bt_acc_bars *acc, size_t i, size_t W, int with_pend)
{
    int g = bt_acc_bar_groups(J->x->groups);
    /* a bar that ends no period feeds no period return */
    if ((g & BT_ACC_RETURNS) && !J->x->bin_last[i])
        g &= ~BT_ACC_RETURNS;
    switch (g) {
    case 0: bar_tail_none(J, l, B, acc, i, W, with_pend); return;
    case BT_ACC_PEAK: bar_tail_peak(J, l, B, acc, i, W, with_pend); return;
    case BT_ACC_DRAWDOWN: bar_tail_dd(J, l, B, acc, i, W, with_pend); return;
    case BT_ACC_RETURNS: bar_tail_ret(J, l, B, acc, i, W, with_pend); return;
    case BT_ACC_DRAWDOWN | BT_ACC_RETURNS: bar_tail_ddret(J, l, B, acc, i, W, with_pend); return;
    case BT_ACC_MAX_DD: bar_tail_mdd(J, l, B, acc, i, W, with_pend); return;
    case BT_ACC_MAX_DD | BT_ACC_RETURNS: bar_tail_mddret(J, l, B, acc, i, W, with_pend); return;
    default:
        if (with_pend)
            bar_tail_at(J, l, B, acc, i, W, g, 1, 1);
        else
            bar_tail_at(J, l, B, acc, i, W, g, 1, 0);
        return;
    }
}

static void bar_tail(const vjob *J, bt_lanes *l, vblock *B, bt_acc_bars *acc, size_t i, size_t W)
{
    bar_tail_w(J, l, B, acc, i, W, 1);
}

/* ---------------------------------------------------------------- the quiet-bar schedule */

#define VX_QW (VX_QT / 64) /* words of bits per tile */
/* The order lanes' walk with per-bar statistics where a slice marks at most
 * 1 / VX_QBAR_DENSE of the bars (above, the per-bar loop was faster:
 * bollinger_revert and donchian_breakout at 12% ran 5-8% slower walked,
 * trend_trailing at 4% 19% faster, sma_bracket at 2.5% 9%) */
#define VX_QBAR_DENSE 16

/* Scratch of one block for slice_tile: per register, doubles (pure values)
 * and bits (pure 0/1 values, and the may- and must-bounds of RC_M3), VX_QT
 * bars each. */
typedef struct qscratch {
    double *v;            /* nr x VX_QT */
    uint64_t *bv, *bma, *bmu; /* nr x VX_QW */
    uint64_t *btmp;       /* 8 x VX_QW */
    const double **vp;    /* per pure register: its values (v's row, or the array it reads in place) */
    uint64_t *cval;       /* per register: the bar-invariant value its row holds (bits), */
    size_t *clen;         /* over this many bars (0: none): one fill per lane, not per tile */
    uint64_t act[VX_QW];
} qscratch;


/* w = bits of (x[t] OP y[t]) for t < T, as C compares (NaN: only != holds) */
static void q_cmp(int op, const double *restrict x, const double *restrict y, size_t T, uint64_t *restrict w)
{
    for (size_t k = 0; k < VX_QW; k++)
        w[k] = 0;
#if defined(__AVX512F__)
    /* each word's bits gathered in a register, stored once */
#define Q_CMP_LOOP(P, E)                                                                                      \
    for (size_t b0 = 0; b0 < T; b0 += 64) {                                                                   \
        const size_t nb = T - b0 < 64 ? T - b0 : 64;                                                          \
        uint64_t acc = 0;                                                                                     \
        size_t u = 0;                                                                                         \
        for (; u + 8 <= nb; u += 8)                                                                           \
            acc |= (uint64_t)_mm512_cmp_pd_mask(_mm512_loadu_pd(x + b0 + u), _mm512_loadu_pd(y + b0 + u), P) << u; \
        if (u < nb) {                                                                                         \
            const __mmask8 k = (__mmask8)((1u << (nb - u)) - 1);                                              \
            const __m512d xa = _mm512_maskz_loadu_pd(k, x + b0 + u), ya = _mm512_maskz_loadu_pd(k, y + b0 + u); \
            acc |= (uint64_t)(_mm512_cmp_pd_mask(xa, ya, P) & k) << u;                                        \
        }                                                                                                     \
        w[b0 / 64] = acc;                                                                                     \
    }
#elif defined(__AVX2__)
    /* as above: each word's bits gathered in a register (an |= into memory per
     * 4 bars made one dependent load and store per compare) */
#define Q_CMP_LOOP(P, E)                                                                                      \
    for (size_t b0 = 0; b0 < T; b0 += 64) {                                                                   \
        const size_t nb = T - b0 < 64 ? T - b0 : 64;                                                          \
        uint64_t acc = 0;                                                                                     \
        size_t k4 = 0;                                                                                        \
        for (; k4 + 4 <= nb; k4 += 4)                                                                         \
            acc |= (uint64_t)_mm256_movemask_pd(                                                              \
                       _mm256_cmp_pd(_mm256_loadu_pd(x + b0 + k4), _mm256_loadu_pd(y + b0 + k4), P))          \
                   << k4;                                                                                     \
        for (size_t u = b0 + k4; u < b0 + nb; u++) /* E reads x[u], y[u] */                                  \
            acc |= (uint64_t)(E) << (u - b0);                                                                 \
        w[b0 / 64] = acc;                                                                                     \
    }
#else
#define Q_CMP_LOOP(P, E)                                                                                      \
    for (size_t u = 0; u < T; u++)                                                                            \
        w[u / 64] |= (uint64_t)(E) << (u % 64);
#endif
    switch (op) {
    case BT_CMP_LT: Q_CMP_LOOP(_CMP_LT_OQ, x[u] < y[u]) break;
    case BT_CMP_LE: Q_CMP_LOOP(_CMP_LE_OQ, x[u] <= y[u]) break;
    case BT_CMP_GT: Q_CMP_LOOP(_CMP_GT_OQ, x[u] > y[u]) break;
    case BT_CMP_GE: Q_CMP_LOOP(_CMP_GE_OQ, x[u] >= y[u]) break;
    case BT_CMP_EQ: Q_CMP_LOOP(_CMP_EQ_OQ, x[u] == y[u]) break;
    default: Q_CMP_LOOP(_CMP_NEQ_UQ, x[u] != y[u]) break;
    }
#undef Q_CMP_LOOP
}

/* the bits of the first T bars set */
static void q_ones(size_t T, uint64_t *w)
{
    for (size_t k = 0; k < VX_QW; k++)
        w[k] = T >= (k + 1) * 64 ? ~(uint64_t)0 : T > k * 64 ? (~(uint64_t)0 >> (64 - (T - k * 64))) : 0;
}

/* The truth bounds of register r over T bars: pointers to VX_QW words
 * each (buf: 2 x VX_QW words of scratch). */
static void qbounds(const vprog *p, const unsigned char *cls, const qscratch *Q, int r, size_t T, uint64_t *buf,
                    const uint64_t **may, const uint64_t **must)
{
    if (cls[r] == RC_PURE) {
        if (p->r01[r]) {
            *may = *must = Q->bv + (size_t)r * VX_QW;
            return;
        }
        q_cmp(BT_CMP_NE, Q->vp[r], vx_zeros, T, buf);
        *may = *must = buf;
    } else if (cls[r] == RC_M3) {
        *may = Q->bma + (size_t)r * VX_QW;
        *must = Q->bmu + (size_t)r * VX_QW;
    } else {
        q_ones(T, buf);
        for (size_t k = 0; k < VX_QW; k++)
            buf[VX_QW + k] = 0;
        *may = buf;
        *must = buf + VX_QW;
    }
}

/* Plan trans: pred bit t set where entry o, placed on bar i0 + t (its
 * arguments are the slice's rows), fails its check or can act on the next
 * bar, and on the last bar (finalize_trades processes the queue once more). */
static __attribute__((noinline)) void entry_pred(const vop *o, const double **vp, const bt_series *s, double spread, size_t i0, size_t T,
                       uint64_t *pred)
{
    /* The order lanes' test (entry_terms, then ob_trig) over
     * the tile's bars at once, branch-free: an argument not given reads zeros
     * (not set, not None). */
    const double *v[5], *none[5];
    for (int k = 0; k < 5; k++) {
        v[k] = o->kw[k] >= 0 ? vp[o->kw[k]] : vx_zeros;
        none[k] = o->kwn[k] >= 0 ? vp[o->kwn[k]] : vx_zeros;
    }
    const double sign = o->imm > 0 ? 1.0 : -1.0, full = o->kw[0] >= 0 ? 0.0 : 1.0;
    const size_t Tn = i0 + T < s->n ? T : T - 1; /* the series' last bar: it acts (finalize_trades) */
    const double *restrict close = s->close + i0, *restrict nh = s->high + i0 + 1, *restrict nl = s->low + i0 + 1;
    const double *restrict v0p = v[0], *restrict v1p = v[1], *restrict v2p = v[2], *restrict v3p = v[3];
    const double *restrict v4p = v[4], *restrict n0p = none[0], *restrict n1p = none[1], *restrict n2p = none[2];
    const double *restrict n3p = none[3], *restrict n4p = none[4];
    double acts[VX_QT];
    /* every load first: a load inside a select is a masked load, which stops GCC 12's vectorizer */
#define EP_LOOP(V0, N0, STOP, N2)                                                                             \
    for (size_t t = 0; t < Tn; t++) {                                                                         \
        const double v0 = V0, n0 = N0, lim = v1p[t], stop = STOP, sl = v3p[t], tp = v4p[t];                  \
        const double n1 = n1p[t], n2 = N2, n3 = n3p[t], n4 = n4p[t];                                          \
        const double c = close[t], h1 = nh[t], l1 = nl[t];                                                    \
        const vx_eterms e = entry_terms(sign, full, spread, v0, n0, lim, n1, stop, n2, sl, n3, tp, n4, c);    \
        acts[t] = entry_acts(e, lim, stop, h1, l1);                                                           \
    }
    if (o->kw[0] < 0 && o->kw[2] < 0) { /* no size, no stop (a limit or market entry): constants fold */
#pragma omp simd
        EP_LOOP(0.0, 0.0, 0.0, 0.0)
    } else {
#pragma omp simd
        EP_LOOP(v0p[t], n0p[t], v2p[t], n2p[t])
    }
#undef EP_LOOP
    for (size_t t = Tn; t < T; t++)
        acts[t] = 1;
    uint64_t w[VX_QW];
    q_cmp(BT_CMP_NE, acts, vx_zeros, T, w);
    for (size_t k = 0; k < VX_QW; k++)
        pred[k] |= w[k];
}

/* What a slice computes: the register classes, the live operations and the
 * registers also read as doubles, op_effect_p's plan bits, and for a
 * position-state slice (st 0, 1, 2) the values of its state_const registers
 * (hv; st -1: the slice of every bar). */
typedef struct vsview {
    const unsigned char *cls, *live, *dbl;
    int plan, st;
    const double *hv;
} vsview;

/* Lane d of block B over bars [i0, i0 + T): Q->act bit t set where some
 * effect of the program may happen on bar i0 + t, from the pure registers
 * computed exactly (the operations of run_prog) and the bounds of the
 * others. Only the operations the effects need run (p->qlive). */
static void slice_tile(const vprog *p, const vsview *sv, const vblock *B, size_t d, size_t W, const bt_series *s,
                       double from, size_t i0, size_t T, qscratch *Q)
{
    const unsigned char *cl = sv->cls;
    const unsigned char *live = sv->live, *dbl = sv->dbl;
    const double **vp = Q->vp;
    uint64_t valid[VX_QW], pred[VX_QW];
    q_ones(T, valid);
    for (size_t k = 0; k < VX_QW; k++)
        Q->act[k] = 0;
    { /* register 0: the strategy's bars */
        uint64_t *w = Q->bv;
        size_t f = from <= (double)i0 ? 0 : from - (double)i0 >= (double)T ? T : (size_t)(from - (double)i0);
        uint64_t before[VX_QW];
        q_ones(f, before);
        for (size_t k = 0; k < VX_QW; k++)
            w[k] = valid[k] & ~before[k];
        if (dbl[0]) {
            for (size_t t = 0; t < T; t++)
                Q->v[t] = t >= f;
            vp[0] = Q->v;
            Q->clen[0] = 0;
        }
    }
    for (size_t q = 0; q < p->n_ops; q++) {
        if (!live[q])
            continue;
        const vop *o = &p->ops[q];
        int certain;
        const int eff = op_effect_p(cl, o, sv->plan, &certain);
        int pred_zero = 0; /* the predicate is false on every bar of the tile */
        for (size_t k = 0; k < VX_QW; k++)
            pred[k] = 0;
        if (o->dst >= 0 && cl[o->dst] == RC_PURE) {
            const int r01 = p->r01[o->dst];
            double *restrict v = Q->v + (size_t)o->dst * VX_QT;
            uint64_t *restrict w = Q->bv + (size_t)o->dst * VX_QW;
            vp[o->dst] = v;
            const double *restrict a = o->a >= 0 ? vp[o->a] : NULL;
            const double *restrict b = o->b >= 0 ? vp[o->b] : NULL;
            const uint64_t *ta = NULL, *tb = NULL, *dummy;
            const int sc = sv->st >= 0 && state_const(o, sv->st); /* a constant of the lane's state */
            if (q >= p->n_pro && !sc)
                Q->clen[o->dst] = 0; /* its row is written below */
            if (q < p->n_pro || sc) { /* bar-invariant: computed once per block, or the state's */
                const double x = sc ? sv->hv[o->dst] : B->regs[(size_t)o->dst * W + d];
                uint64_t xb;
                memcpy(&xb, &x, sizeof xb);
                if (Q->clen[o->dst] < T || Q->cval[o->dst] != xb) { /* the row holds another value */
                    for (size_t t = 0; t < T; t++)
                        v[t] = x;
                    Q->cval[o->dst] = xb;
                    Q->clen[o->dst] = T;
                }
                if (r01) {
                    uint64_t ones[VX_QW];
                    q_ones(T, ones);
                    for (size_t k = 0; k < VX_QW; k++)
                        w[k] = x != 0 ? ones[k] : 0;
                }
                continue;
            }
            if (r01 && o->k != VO_CMP && o->k != VO_CROSS) { /* mask operands */
                qbounds(p, cl, Q, o->a, T, Q->btmp, &ta, &dummy);
                if (o->b >= 0)
                    qbounds(p, cl, Q, o->b, T, Q->btmp + 2 * VX_QW, &tb, &dummy);
            }
            switch (o->k) {
            case VO_CONST:
                for (size_t t = 0; t < T; t++)
                    v[t] = o->imm;
                break;
            case VO_DATA:
            case VO_ARR: {
                const double *x;
                long len;
                int ind;
                if (o->k == VO_DATA) {
                    x = data_col(s, o->slot);
                    len = (long)s->n;
                    ind = 1;
                } else {
                    x = B->arr[o->slot][d];
                    len = (long)B->alen[o->slot][d];
                    ind = B->arr_ind[o->slot];
                }
                if (ind && o->idx < 0 && len >= (long)(i0 + T)) {
                    /* read backwards from the bar, covering the tile: consecutive values */
                    const long first = (long)i0 + 1 + o->idx; /* position on the tile's first bar */
                    size_t t0 = first < 0 ? (size_t)(-first) : 0;
                    t0 = t0 < T ? t0 : T;
                    q_ones(t0, pred);
                    if (t0 == 0) { /* read in place */
                        vp[o->dst] = x + first;
                        pred_zero = 1;
                        break;
                    }
                    for (size_t t = 0; t < t0; t++)
                        v[t] = NAN;
                    for (size_t t = t0; t < T; t++)
                        v[t] = x[first + (long)t];
                    break;
                }
                for (size_t t = 0; t < T; t++) {
                    const long vis = ind && (long)(i0 + t) + 1 < len ? (long)(i0 + t) + 1 : len;
                    const long pos = py_pos_const(o->idx, vis);
                    v[t] = pos >= 0 ? x[pos] : NAN;
                    pred[t / 64] |= (uint64_t)(pos < 0) << (t % 64);
                }
                break;
            }
            case VO_LEN:
                for (size_t t = 0; t < T; t++)
                    v[t] = (double)(i0 + t + 1);
                break;
            case VO_ABS: for (size_t t = 0; t < T; t++) v[t] = fabs(a[t]); break;
            case VO_NEG: for (size_t t = 0; t < T; t++) v[t] = -a[t]; break;
            case VO_INT:
                for (size_t t = 0; t < T; t++) {
                    pred[t / 64] |= (uint64_t)!isfinite(a[t]) << (t % 64);
                    v[t] = o->op ? rint(a[t]) : trunc(a[t]);
                }
                break;
            case VO_ARRX: {
                const double *col = o->pa ? data_col(s, o->slot) : NULL;
                for (size_t t = 0; t < T; t++) {
                    const size_t i = i0 + t;
                    const long pos = py_pos(b[t], o->pa ? (long)i + 1 : arr_visible(B, o->slot, d, i));
                    v[t] = pos >= 0 ? (o->pa ? col[pos] : B->arr[o->slot][d][pos]) : NAN;
                    pred[t / 64] |= (uint64_t)(pos < 0) << (t % 64);
                }
                break;
            }
            case VO_BIN:
                switch (o->op) {
                case BT_OP_ADD: for (size_t t = 0; t < T; t++) v[t] = a[t] + b[t]; break;
                case BT_OP_SUB: for (size_t t = 0; t < T; t++) v[t] = a[t] - b[t]; break;
                case BT_OP_MUL: for (size_t t = 0; t < T; t++) v[t] = a[t] * b[t]; break;
                default:
                    q_cmp(BT_CMP_EQ, b, vx_zeros, T, pred);
                    for (size_t t = 0; t < T; t++)
                        v[t] = a[t] / b[t];
                    break;
                }
                break;
            case VO_SLOW:
                for (size_t t = 0; t < T; t++) {
                    pyv x = {o->pa, a[t]}, y = {o->pb, b[t]}, r = {PV_FLOAT, NAN};
                    char e[300];
                    int bad = py_binop(o->op, x, y, &r, e, sizeof e) != 0;
                    pred[t / 64] |= (uint64_t)bad << (t % 64);
                    v[t] = bad ? NAN : r.d;
                }
                break;
            case VO_SEL: {
                const double *restrict x = vp[o->c];
                for (size_t t = 0; t < T; t++)
                    v[t] = a[t] != 0 ? b[t] : x[t];
                break;
            }
            case VO_CMP:
                q_cmp(o->op, a, b, T, w);
                break;
            case VO_CROSS: {
                uint64_t w2[VX_QW];
                q_cmp(BT_CMP_LT, a, b, T, w);
                q_cmp(BT_CMP_GT, vp[o->c], vp[o->d], T, w2);
                for (size_t k = 0; k < VX_QW; k++)
                    w[k] &= w2[k];
                break;
            }
            case VO_TRUTH:
                for (size_t k = 0; k < VX_QW; k++)
                    w[k] = tb ? ta[k] & ~tb[k] : ta[k];
                break;
            case VO_NOT: for (size_t k = 0; k < VX_QW; k++) w[k] = valid[k] & ~ta[k]; break;
            case VO_AND: for (size_t k = 0; k < VX_QW; k++) w[k] = ta[k] & tb[k]; break;
            case VO_OR: for (size_t k = 0; k < VX_QW; k++) w[k] = ta[k] | tb[k]; break;
            case VO_ANDNOT: for (size_t k = 0; k < VX_QW; k++) w[k] = ta[k] & ~tb[k]; break;
            default:
                break;
            }
            if (r01 && dbl[o->dst]) /* a 0/1 value some operation reads as a number */
                for (size_t t = 0; t < T; t++)
                    v[t] = (double)((w[t / 64] >> (t % 64)) & 1);
        } else if (o->dst >= 0 && cl[o->dst] == RC_M3) {
            uint64_t *restrict ma = Q->bma + (size_t)o->dst * VX_QW, *restrict mu = Q->bmu + (size_t)o->dst * VX_QW;
            const uint64_t *aa = NULL, *au = NULL, *ba = NULL, *bu = NULL, *ca = NULL, *cu = NULL;
            if (o->k == VO_LOOP) {
                qbounds(p, cl, Q, o->m, T, Q->btmp, &aa, &au);
                for (size_t k = 0; k < VX_QW; k++) {
                    ma[k] = aa[k];
                    mu[k] = 0;
                }
                goto effects;
            }
            if (o->a >= 0)
                qbounds(p, cl, Q, o->a, T, Q->btmp, &aa, &au);
            if (o->b >= 0)
                qbounds(p, cl, Q, o->b, T, Q->btmp + 2 * VX_QW, &ba, &bu);
            if (o->k == VO_SEL)
                qbounds(p, cl, Q, o->c, T, Q->btmp + 4 * VX_QW, &ca, &cu);
            for (size_t k = 0; k < VX_QW; k++) {
                switch (o->k) {
                case VO_NOT: ma[k] = valid[k] & ~au[k]; mu[k] = valid[k] & ~aa[k]; break;
                case VO_AND: ma[k] = aa[k] & ba[k]; mu[k] = au[k] & bu[k]; break;
                case VO_OR: ma[k] = aa[k] | ba[k]; mu[k] = au[k] | bu[k]; break;
                case VO_TRUTH:
                    if (!ba) {
                        ma[k] = aa[k];
                        mu[k] = au[k];
                        break;
                    }
                    ma[k] = aa[k] & ~bu[k];
                    mu[k] = au[k] & ~ba[k];
                    break;
                case VO_ANDNOT: ma[k] = aa[k] & ~bu[k]; mu[k] = au[k] & ~ba[k]; break;
                case VO_SEL:
                    ma[k] = (aa[k] & ba[k]) | (~au[k] & ca[k]);
                    mu[k] = (au[k] & bu[k]) | (~aa[k] & cu[k]);
                    break;
                default: ma[k] = valid[k]; mu[k] = 0; break;
                }
            }
        }
    effects:
        if (eff && o->k == VO_ENTRY && !certain)
            entry_pred(o, vp, s, B->obc->g->spread, i0, T, pred);
        if (eff && !(pred_zero && !certain)) {
            const uint64_t *may, *must;
            qbounds(p, cl, Q, o->m, T, Q->btmp + 6 * VX_QW, &may, &must);
            for (size_t k = 0; k < VX_QW; k++)
                Q->act[k] |= may[k] & (certain ? ~(uint64_t)0 : pred[k]);
        }
    }
    for (size_t k = 0; k < VX_QW; k++)
        Q->act[k] &= valid[k];
}

/* The bars on which lane d's program may do something: bits[i / 64] bit i % 64. */
static void slice_lane(const vjob *J, const vprog *p, const vsview *sv, const vblock *B, size_t d, double from,
                       uint64_t *bits, qscratch *Q)
{
    const size_t n = J->s->n;
    memset(bits, 0, ((n + 63) / 64) * sizeof *bits);
    size_t start = from < (double)n ? (size_t)from : n; /* no strategy bar before `from` */
    for (size_t i0 = start - start % VX_QT; i0 < n; i0 += VX_QT) {
        const size_t T = i0 + VX_QT < n ? VX_QT : n - i0;
        slice_tile(p, sv, B, d, B->n, J->s, from, i0, T, Q);
        for (size_t k = 0; k * 64 < T; k++) /* i0 is a multiple of 64 */
            bits[i0 / 64 + k] = Q->act[k];
    }
}

/* The first bar in [a, b] on which lane d, its trades fixed, is out of
 * money (equity 0 or less), or b + 1. The equity is monotone in the close
 * (every rounding step is), so one trade that survives the worst close of
 * the ranges spanning [a, b] survives every bar of them. */
static inline __attribute__((always_inline)) size_t quiet_oom(const vjob *J, const bt_lanes *l, const vx_extra *X, size_t d, size_t a, size_t b)
{
    if (!(l->from[d] < INFINITY))
        return b + 1;
    if (X->n[d] == 0) {
        const double cash = l->cash[d], size = l->size[d], entry = l->entry[d];
        if (size == 0) {
            if (cash > 0)
                return b + 1;
        } else {
            double worst = size > 0 ? INFINITY : -INFINITY;
            for (size_t t = a / VX_RT; t <= b / VX_RT; t++)
                worst = size > 0 ? (J->rlo[t] < worst ? J->rlo[t] : worst) : (J->rhi[t] > worst ? J->rhi[t] : worst);
            if (cash + (worst * size - size * entry) > 0)
                return b + 1;
        }
    }
    for (size_t i = a; i <= b; i++)
        if (lane_equity(l, X, d, J->s->close[i]) <= 0)
            return i;
    return b + 1;
}

/* The first set bit at or after i, or n. */
static size_t next_bit(const uint64_t *bits, size_t i, size_t n)
{
    if (i >= n)
        return n;
    size_t w = i / 64;
    uint64_t x = bits[w] & (~(uint64_t)0 << (i % 64));
    const size_t nw = (n + 63) / 64;
    while (!x) {
        if (++w >= nw)
            return n;
        x = bits[w];
    }
    size_t r = w * 64 + (size_t)__builtin_ctzll(x);
    return r < n ? r : n;
}

/* The walk's next bar from bar i of lane d: i itself while an event of the
 * bar before is pending, the last bar once the lane is wiped out, else the
 * next bar the slice marks, or the last (*open 1: the bars before it may
 * still hold a fill or a wipe-out, which the caller looks for). */
static inline size_t walk_next(const bt_lanes *l, size_t d, const uint64_t *bits, size_t i, size_t n, int *open)
{
    *open = 0;
    if (i > 0 && l->pend[d] != 0)
        return i;
    if (!(l->from[d] < INFINITY))
        return n - 1; /* wiped out: only the last bar's bookkeeping */
    *open = 1;
    const size_t j = next_bit(bits, i, n);
    return j < n ? j : n - 1;
}

/* j, or the first bar in [i, j) on which lane d runs out of money */
static inline size_t walk_oom(const vjob *J, const bt_lanes *l, const vx_extra *X, size_t d, size_t i, size_t j)
{
    if (j <= i)
        return j;
    const size_t w = quiet_oom(J, l, X, d, i, j - 1);
    return w < j ? w : j;
}

static void quiet_count(const vjob *J, size_t n, unsigned long long steps, unsigned long long runs)
{
    unsigned long long *q = J->qstat;
    if (!q)
        return;
#pragma omp atomic
    q[0] += 1;
#pragma omp atomic
    q[1] += n;
#pragma omp atomic
    q[2] += steps;
#pragma omp atomic
    q[3] += runs;
}

/* Lane d of block B (B1: its one-lane view) bar by bar as run_block runs
 * it, where only the bars the slice marks, the bars after them (fills) and
 * wipe-outs are simulated. */
static void quiet_lane(const vjob *J, const vprog *p, vblock *B, vblock *B1, bt_lanes *l, vx_extra *X,
                       bt_acc_bars *acc, bt_acc_trades *tacc, size_t d, const uint64_t *bits)
{
    const size_t n = J->s->n;
    const int groups = J->x->groups;
    size_t i = 0;
    unsigned long long steps = 0, runs = 0;
    while (i < n && B->esc[d] == 0) {
        int open;
        size_t j = walk_next(l, d, bits, i, n, &open);
        steps++;
        if (open)
            j = walk_oom(J, l, X, d, i, j);
        if (j > 0 && l->pend[d] != 0)
            vx_event(&J->g, l, X, d, &tacc[d], j, B->esc);
        const double C = J->s->close[j];
        const double eq = lane_equity(l, X, d, C);
        const int oom = (l->from[d] < INFINITY) & (eq <= 0);
        const int on = ((double)j >= l->from[d]) & !oom & (B->esc[d] == 0);
        B->regs[d] = on;
        B->eqb[d] = oom ? 0.0 : eq;
        B->oomb[d] = oom;
        B->ntr[d] = (l->size[d] != 0) + X->n[d];
        B->entry[d] = 0;
        B->close[d] = 0;
        if (on && ((bits[j / 64] >> (j % 64)) & 1)) {
            run_prog1(p, B1, J->s, j, l->size + d, B->n, p->n_pro, p->n_ops);
            runs++;
        }
        const double e = B->entry[d];
        const int closes = (B->close[d] != 0) | (J->exclusive & (e != 0));
        double sig = e != 0 ? e : (closes ? BT_PEND_CLOSE : 0.0);
        if (j + 1 == n) {
            vx_last(&J->g, l, X, d, &tacc[d], J->x, acc, on ? sig : 0.0, groups, B->esc);
        } else {
            sig = ((e != 0) & !closes & (l->size[d] != 0)) ? (e > 0 ? VX_PEND_ADD_LONG : VX_PEND_ADD_SHORT) : sig;
            l->pend[d] = oom ? BT_PEND_WIPE_OUT : (on ? sig : 0.0);
        }
        i = j + 1;
    }
    quiet_count(J, n, steps, runs);
}

/* With per-bar statistics, the order lanes' walk records each lane's state
 * on every bar it simulates (after the bar's queue: what the equity of that
 * bar and of the bars it skips after is made of); qbar_feed turns them into
 * the per-bar accumulators. */
typedef struct qrec {
    size_t bar;
    double cash, size, entry, oom;
} qrec;

typedef struct qtl {
    qrec *r;
    size_t n, cap;
} qtl;

static int qtl_push(qtl *t, size_t bar, const bt_lanes *l, size_t d, double oom)
{
    if (t->n == t->cap) {
        const size_t cap = t->cap ? 2 * t->cap : 64;
        qrec *r = realloc(t->r, cap * sizeof *r);
        if (!r)
            return -1;
        t->r = r;
        t->cap = cap;
    }
    qrec *q = &t->r[t->n++];
    q->bar = bar;
    q->cash = l->cash[d];
    q->size = l->size[d];
    q->entry = l->entry[d];
    q->oom = oom;
    return 0;
}

/* Plan trail: lane d holds its trade on bars [i, b), none of which has a
 * slice bit or a wipe-out. The bars as the reference runs them: the queue
 * (the walk stops on a bar where it can act), then TrailingStrategy.next()
 * moving the SL (trail_price; the walk stops where ob_set_contingent would
 * raise). Returns the bar to simulate, or b. The SL lives in a register
 * meanwhile and goes to the queue once: Trade.sl = x re-queues the SL order
 * at the front every bar, and after one or many moves it is ahead of every
 * other order of the queue either way (a Trade.close() order, the only other
 * one queued at the front, acts on the next bar: no walk passes it). */
static size_t trail_walk(const vjob *J, vblock *B, const bt_lanes *l, size_t d, size_t i, size_t b)
{
    vx_book *k = &B->ob[d];
    const size_t km = B->n_attr + 1;
    const double *atr = B->arr[B->n_attr][d];
    if (!atr || B->sig[km].kind != BT_CIV_NUM || B->sig[km].pt == PV_NONE)
        return i; /* VO_TRAIL raises: next() runs there */
    vx_book rest = *k; /* the queue but the SL: its envelope */
    rest.id[OB_SL] = 0;
    double lo, hi;
    if (ob_trig(&rest, l, d, &lo, &hi))
        return i;
    const double n_atr = B->num[km][d], *close = J->s->close, *high = J->s->high, *low = J->s->low;
    const int is_long = l->size[d] > 0, pt = B->sig[km].pt;
    int queued = k->id[OB_SL] != 0, moved = 0;
    double sl = queued ? k->px[0] : NAN;
    size_t t = i;
    for (; t < b; t++) {
        if (low[t] <= lo || high[t] >= hi || (queued && (is_long ? low[t] <= sl : high[t] >= sl)))
            break; /* the queue acts */
        double best;
        trail_price(atr[t], n_atr, pt, close[t], is_long, sl, &best);
        if (!(0 < best && best < INFINITY))
            break; /* Trade.sl = best raises */
        sl = best;
        queued = moved = 1;
    }
    if (moved)
        ob_set_contingent(k, 0, sl, 0);
    return t;
}

/* Order lanes: lane d (B1: its one-lane view) as run_block runs it, where
 * only the bars the slice marks, the bars on which its queue can act
 * (ob_scan), wipe-outs and the last bar are simulated: the bars between
 * change nothing. With tl (per-bar statistics) the lane's state on each
 * simulated bar is recorded and the last bar left to qbar_feed. */
static void quiet_order_lane(const vjob *J, const vprog *p, vblock *B, vblock *B1, bt_lanes *l, vx_extra *X,
                             bt_acc_bars *acc, bt_acc_trades *tacc, size_t d, const uint64_t *bits0, int plan,
                             qtl *tl, const uint64_t *const *sbits)
{
    /* the slice of the lane's position state (sbits: flat, long, short), or of every bar */
#define LANE_BITS() (sbits ? sbits[l->size[d] > 0 ? 1 : l->size[d] < 0 ? 2 : 0] : bits0)
    const size_t n = J->s->n;
    const double *high = J->s->high, *low = J->s->low;
    vx_book *k = &B->ob[d];
    const vx_bcfg *cf = B->obc;
    size_t i = 0;
    unsigned long long steps = 0, runs = 0;
    if (tl && qtl_push(tl, 0, l, d, 0))
        B->esc[d] = VX_ESC_ERROR; /* out of memory: the interpreter runs the lane */
    while (i < n && B->esc[d] == 0) {
        int open;
        size_t j = walk_next(l, d, LANE_BITS(), i, n, &open);
        steps++;
        if (open && (plan & PLAN_HOLD0) && l->size[d] != 0)
            j = n - 1; /* the slice's bits are the flat lane's */
        if (open && (plan & PLAN_TRAIL) && l->size[d] != 0) { /* the SL trails on the bars between */
            j = trail_walk(J, B, l, d, i, walk_oom(J, l, X, d, i, j));
        } else if (open) {
            /* plan trans: a flat lane's entries act on this bar or never */
            if (k->n && j > i)
                j = (plan & PLAN_TRANS) && l->size[d] == 0 ? i : ob_scan(k, l, d, high, low, i > 0 ? i : 1, j);
            j = walk_oom(J, l, X, d, i, j);
        }
        if (j > 0) { /* a wipe-out from the bar before, or the queue */
            if (l->pend[d] != 0) {
                vx_event(&J->g, l, X, d, &tacc[d], j, B->esc); /* only BT_PEND_WIPE_OUT in this mode */
                ob_reset(k);
            } else if (k->n && !ob_idle(k, l, d, high[j], low[j])) {
                B->esc[d] = ob_process(cf, k, l, d, &tacc[d], j);
                if (B->esc[d] != 0)
                    break;
            }
        }
        const double eq = l->cash[d] + (J->s->close[j] * l->size[d] - l->size[d] * l->entry[d]);
        const int oom = (l->from[d] < INFINITY) & (eq <= 0);
        const int on = ((double)j >= l->from[d]) & !oom & (B->esc[d] == 0);
        if (tl && qtl_push(tl, j, l, d, oom)) {
            B->esc[d] = VX_ESC_ERROR;
            break;
        }
        B->regs[d] = on;
        B->eqb[d] = oom ? 0.0 : eq;
        B->oomb[d] = oom;
        B->ntr[d] = l->size[d] != 0;
        B->entry[d] = 0;
        B->close[d] = 0;
        const int hold0 = (plan & PLAN_HOLD0) && l->size[d] != 0; /* next() does nothing */
        const uint64_t *bits = LANE_BITS(); /* the state the queue left */
        if (on && !hold0 && (((bits[j / 64] >> (j % 64)) & 1) || ((plan & PLAN_TRAIL) && l->size[d] != 0))) {
            run_prog1(p, B1, J->s, j, l->size + d, B->n, p->n_pro, p->n_ops); /* plan trail: next() whole */
            runs++;
        } else if ((plan & PLAN_TRANS) && l->size[d] == 0 && k->n) {
            ob_cancel_all(k); /* next() on this bar would cancel them and place none that acts */
        }
        if (j + 1 == n) {
            if (B->esc[d] == 0 && !tl) /* with tl, qbar_feed does the last bar after the others */
                B->esc[d] = ob_last(cf, k, l, d, &tacc[d], J->x, acc, J->x->groups);
        } else {
            l->pend[d] = oom ? BT_PEND_WIPE_OUT : 0.0; /* entries and closes are in the queue */
        }
        i = j + 1;
    }
#undef LANE_BITS
    quiet_count(J, n, steps, runs);
}

/* Per-bar statistics after the order lanes' walk: bars [0, n - 1) of every
 * lane into the accumulators, each bar's equity from the state the walk
 * recorded last (tl) as run_block computes it, then each lane's last bar
 * (ob_last), as run_block's per-bar loop orders them. */
static int qbar_feed(const vjob *J, vblock *B, bt_lanes *l, bt_acc_bars *acc, bt_acc_trades *tacc, const qtl *tl)
{
    const size_t W = B->n, n = J->s->n;
    size_t total = 0;
    for (size_t d = 0; d < W; d++)
        total += tl[d].n;
    /* the records by bar (a counting sort: a lane's records keep their order) */
    double *st = malloc((4 * W + 1) * sizeof *st);
    size_t *at = calloc(n + 2, sizeof *at);
    const qrec **ev = malloc((total + 1) * sizeof *ev);
    size_t *lane = malloc((total + 1) * sizeof *lane);
    if (!st || !at || !ev || !lane) {
        free(st);
        free(at);
        free(ev);
        free(lane);
        return -1;
    }
    for (size_t d = 0; d < W; d++)
        for (size_t k = 0; k < tl[d].n; k++)
            at[tl[d].r[k].bar + 2]++;
    for (size_t i = 2; i < n + 2; i++)
        at[i] += at[i - 1];
    for (size_t d = 0; d < W; d++)
        for (size_t k = 0; k < tl[d].n; k++) {
            const size_t e = at[tl[d].r[k].bar + 1]++;
            ev[e] = &tl[d].r[k];
            lane[e] = d;
        }
    /* at[i]: the first record of bar i */
    double *restrict cash = st, *restrict size = st + W, *restrict entry = st + 2 * W, *restrict oom = st + 3 * W;
    double *restrict eqb = B->eqb;
    for (size_t d = 0; d < W; d++)
        cash[d] = size[d] = entry[d] = oom[d] = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        const double C = J->s->close[i];
        for (size_t e = at[i]; e < at[i + 1]; e++) {
            const qrec *q = ev[e];
            const size_t d = lane[e];
            cash[d] = q->cash;
            size[d] = q->size;
            entry[d] = q->entry;
            oom[d] = q->oom;
        }
#pragma omp simd
        for (size_t d = 0; d < W; d++) {
            const double eq = cash[d] + (C * size[d] - size[d] * entry[d]);
            eqb[d] = oom[d] != 0 ? 0.0 : eq;
        }
        bar_tail_w(J, l, B, acc, i, W, 0);
    }
    free(st);
    free(at);
    free(ev);
    free(lane);
    for (size_t d = 0; d < W; d++)
        if (B->esc[d] == 0)
            B->esc[d] = ob_last(B->obc, &B->ob[d], l, d, &tacc[d], J->x, acc, J->x->groups);
    return 0;
}

/* Broker mode: lane d (B1: its one-lane view) as run_broker runs it, where
 * only the bars the slice marks and the bars the broker has something to
 * process on (bt_broker_next_active) are simulated; the bars between only
 * record their equity (bt_broker_skip). */
static void quiet_broker_lane(const vjob *J, const vprog *p, vblock *B, vblock *B1, double *size, size_t d,
                              size_t start, unsigned char *stopped, const uint64_t *bits)
{
    const size_t n = J->s->n;
    bt_broker *bro = B->bro[d];
    bt_error berr; /* read by no one: a failing lane goes to the interpreter */
    berr.status = 0;
    size_t i = start > 1 ? start : 1;
    unsigned long long steps = 0, runs = 0;
    while (i < n && B->esc[d] == 0 && !stopped[d]) {
        steps++;
        const size_t j = next_bit(bits, i, n);
        size_t t = bt_broker_next_active(bro, i, j);
        t = bt_broker_skip(bro, i, t);
        if (t >= n)
            break;
        int r = bt_broker_next(bro, t, &berr);
        if (r < 0) {
            B->esc[d] = VX_ESC_ERROR;
            break;
        }
        if (r == 1) {
            stopped[d] = 1;
            break;
        }
        if ((bits[t / 64] >> (t % 64)) & 1) {
            size[d] = bt_broker_position_size(bro);
            B->eqb[d] = bt_broker_equity(bro);
            B->ntr[d] = (double)bt_broker_n_trades(bro);
            B->regs[d] = 1;
            run_prog1(p, B1, J->s, t, size + d, B->n, p->n_pro, p->n_ops);
            runs++;
        }
        i = t + 1;
    }
    quiet_count(J, n, steps, runs);
}

/* Whether lanes d0 and d of block B have the same slice: every lane value
 * the slice reads (bar-invariant registers, arrays, the first bar) is the
 * same. Neighbouring lanes that differ only in what the orders carry (an
 * SL or TP percentage) share one. */
static int slice_same(const vprog *p, const vsview *sv, const vblock *B, size_t d0, size_t d, double f0, double f)
{
    if (!(f0 == f))
        return 0;
    const size_t W = B->n;
    const unsigned char *live = sv->live;
    for (size_t q = 0; q < p->n_ops; q++) {
        const vop *o = &p->ops[q];
        if (!live[q])
            continue;
        if (q < p->n_pro && o->dst >= 0 &&
            memcmp(&B->regs[(size_t)o->dst * W + d0], &B->regs[(size_t)o->dst * W + d], sizeof(double)) != 0)
            return 0;
        if ((o->k == VO_ARR || (o->k == VO_ARRX && !o->pa)) &&
            (B->arr[o->slot][d0] != B->arr[o->slot][d] || B->alen[o->slot][d0] != B->alen[o->slot][d]))
            return 0;
    }
    return 1;
}

/* B1 = lane d of block B as a block of one lane (the same stride): views
 * holds 3 x (records + 1) pointers. */
static void lane_view(const vblock *B, size_t d, void **views, vblock *B1)
{
    const size_t na = B->n_attr + 2;
    double **num1 = (double **)views;
    const double ***arr1 = (const double ***)(views + na + 1);
    size_t **alen1 = (size_t **)(views + 2 * (na + 1));
    *B1 = *B;
    for (size_t k = 0; k < na; k++) {
        num1[k] = B->num[k] + d;
        arr1[k] = B->arr[k] + d;
        alen1[k] = B->alen[k] + d;
    }
    B1->n = 1;
    B1->num = num1;
    B1->arr = arr1;
    B1->alen = alen1;
    B1->regs = B->regs + d;
    B1->entry = B->entry + d;
    B1->close = B->close + d;
    B1->esc = B->esc + d;
    B1->eqb = B->eqb + d;
    B1->oomb = B->oomb + d;
    B1->ntr = B->ntr + d;
    B1->tid = B->tid + d * VX_TMAX;
    B1->tn = B->tn + d;
    B1->bro = B->bro ? B->bro + d : NULL;
    B1->ob = B->ob ? B->ob + d : NULL;
    if (B->ln) {
        const bt_lanes *l = B->ln;
        bt_lanes v = {l->cash + d, l->size + d, l->entry + d, l->ebar + d, l->pend + d, l->alive + d, l->from + d};
        B1->ln_view = v;
        B1->ln = &B1->ln_view;
    }
}

/* The block's lanes one by one on the quiet-bar schedule; with lmask, only
 * the slices: lmask[i * nw + d / 64] bit d % 64 set where lane d's program
 * may act on bar i (nw = words per bar), for the per-bar loop of run_block.
 * Returns 0, -1 (out of memory) or 1: the order lanes with per-bar
 * statistics, whose first slice marks more than 1 / VX_QBAR_DENSE of the
 * bars, are left to run_block's per-bar loop (nothing has run). */
static int run_quiet(const vjob *J, const vprog *p, vblock *B, bt_lanes *l, vx_extra *X, bt_acc_bars *acc,
                     bt_acc_trades *tacc, const bt_run *runs, unsigned char *stopped, double *size,
                     uint64_t *lmask)
{
    const size_t nr = (size_t)p->n_regs, na = B->n_attr + 2, n = J->s->n, nw = (B->n + 63) / 64;
    /* the order lanes' walk on the position-state slices (where they apply), or on the slice of
     * every bar, under its plan */
    const int states = B->ob && !lmask && p->sok;
    const int plan = B->ob && !lmask && (p->wquiet_ok || states) ? p->wplan : 0;
    const vsview sv_all = {p->rcls, plan ? p->wqlive : p->qlive, plan ? p->wqdbl : p->qdbl, plan, -1, NULL};
    double *hv = states ? malloc((3 * nr + 1) * sizeof *hv) : NULL;
    vsview sv_st[3];
    for (int st = 0; st < 3 && hv; st++) {
        for (size_t q = 0; q < p->n_ops; q++)
            if (p->ops[q].dst >= 0 && state_const(&p->ops[q], st))
                hv[st * nr + (size_t)p->ops[q].dst] = state_value(&p->ops[q], st);
        sv_st[st] = (vsview){p->srcls[st], p->slive[st], p->sdbl[st], plan, st, hv + st * nr};
    }
    const size_t nbw = (n + 63) / 64 + 1;
    uint64_t *sbm = states ? malloc(3 * nbw * sizeof *sbm) : NULL;
    const uint64_t *sbits[3] = {sbm, sbm ? sbm + nbw : NULL, sbm ? sbm + 2 * nbw : NULL};
    /* the order lanes' walk with per-bar statistics: the states it leaves, for qbar_feed */
    const int want_tl = B->ob && !lmask && !J->quiet;
    qtl *tl = want_tl ? calloc(B->n + 1, sizeof *tl) : NULL;
    qscratch Q;
    double *mem = malloc((nr * VX_QT + 1) * sizeof *mem);
    uint64_t *wmem = malloc((3 * nr + 8 + 1) * VX_QW * sizeof *wmem);
    uint64_t *bits = malloc(((n + 63) / 64 + 1) * sizeof *bits);
    void **views = malloc(3 * (na + 1) * sizeof *views);
    Q.vp = malloc((nr + 1) * sizeof *Q.vp);
    Q.cval = malloc((nr + 1) * sizeof *Q.cval);
    Q.clen = calloc(nr + 1, sizeof *Q.clen);
    if (!mem || !wmem || !bits || !views || !Q.vp || !Q.cval || !Q.clen || (want_tl && !tl) ||
        (states && (!hv || !sbm))) {
        free(hv);
        free(sbm);
        free(mem);
        free(wmem);
        free(bits);
        free(views);
        free(Q.vp);
        free(Q.cval);
        free(Q.clen);
        free(tl);
        return -1;
    }
    Q.v = mem;
    Q.bv = wmem;
    Q.bma = wmem + nr * VX_QW;
    Q.bmu = wmem + 2 * nr * VX_QW;
    Q.btmp = wmem + 3 * nr * VX_QW;
    for (size_t r = 0; r < nr; r++)
        Q.vp[r] = Q.v + r * VX_QT;
    int rc = 0;
    size_t have = (size_t)-1; /* the lane whose slice bits holds */
    double have_from = 0;
#define SLICE_FOR(D, FROM)                                                                                    \
    do {                                                                                                      \
        int same_ = have != (size_t)-1;                                                                       \
        for (int st_ = states ? 0 : -1; st_ < (states ? 3 : 0) && same_; st_++)                                \
            same_ = slice_same(p, st_ < 0 ? &sv_all : &sv_st[st_], B, have, D, have_from, FROM);               \
        if (!same_) {                                                                                         \
            if (states)                                                                                       \
                for (int st_ = 0; st_ < 3; st_++)                                                             \
                    slice_lane(J, p, &sv_st[st_], B, D, FROM, (uint64_t *)sbits[st_], &Q);                    \
            else                                                                                              \
                slice_lane(J, p, &sv_all, B, D, FROM, bits, &Q);                                              \
            have = D;                                                                                         \
            have_from = FROM;                                                                                 \
        }                                                                                                     \
    } while (0)
    for (size_t d = 0; d < B->n; d++) {
        vblock B1;
        lane_view(B, d, views, &B1);
        if (lmask) {
            SLICE_FOR(d, l->from[d]);
            for (size_t k = 0; k * 64 < n; k++)
                for (uint64_t w = bits[k]; w; w &= w - 1) {
                    const size_t i = k * 64 + (size_t)__builtin_ctzll(w);
                    lmask[i * nw + d / 64] |= (uint64_t)1 << (d % 64);
                }
            continue;
        }
        if (B->bro) { /* broker mode */
            if (B->esc[d] != 0)
                continue;
            SLICE_FOR(d, (double)runs[d].start);
            quiet_broker_lane(J, p, B, &B1, size, d, runs[d].start, stopped, bits);
            continue;
        }
        SLICE_FOR(d, l->from[d]);
        if (tl && d == 0) { /* per-bar statistics: the walk pays where next() runs on few bars */
            size_t marked = 0;
            for (size_t k = 0; k * 64 < n; k++)
                marked += (size_t)__builtin_popcountll(states ? sbits[0][k] | sbits[1][k] | sbits[2][k] : bits[k]);
            if (marked > n / VX_QBAR_DENSE) {
                rc = 1; /* nothing run yet: run_block takes the per-bar loop */
                break;
            }
        }
        if (B->ob)
            quiet_order_lane(J, p, B, &B1, l, X, acc, tacc, d, bits, plan, tl ? tl + d : NULL, states ? sbits : NULL);
        else
            quiet_lane(J, p, B, &B1, l, X, acc, tacc, d, bits);
    }
#undef SLICE_FOR
    if (rc == 0 && tl && qbar_feed(J, B, l, acc, tacc, tl))
        rc = -1;
    for (size_t d = 0; tl && d < B->n; d++)
        free(tl[d].r);
    free(tl);
    free(hv);
    free(sbm);
    free(Q.vp);
    free(Q.cval);
    free(Q.clen);
    free(mem);
    free(wmem);
    free(bits);
    free(views);
    return rc;
}

/* Runs lanes[0..nl) (combination indices, all of one signature) as one
 * block: rec[lane][attr] are their init() values. */
static int run_broker(const vjob *J, const vprog *p, vblock *B, double *size, const size_t *lanes,
                      const size_t *warm, double *values, unsigned char *escaped);

/* mode: VX_FAST (the fast lanes: market orders), VX_ORDERS (the order lanes,
 * vx_orders.h) or VX_BROKER (a reference broker per lane) */
/* not inlined into the batch loop: GCC 12 lays the order lanes out worse there (limit_dip 4% more CPU) */
static __attribute__((noinline)) int run_block(const vjob *J, const vprog *p, const size_t *lanes, size_t nl, bt_cinit_val *const *rec,
                     const size_t *warm, double *values, unsigned char *escaped, int mode)
{
    const bt_compiled *c = J->v->c;
    const size_t na = VX_NREC(c), W = nl, n = J->s->n;
    const int groups = J->x->groups;
    size_t n_doubles = 7 + BT_ACC_BAR_FIELDS + 6 + (size_t)p->n_regs + na + 1 + 3 * VX_MAX_EXTRA;
    double *store = malloc(n_doubles * W * sizeof *store);
    double **num = malloc((na + 1) * sizeof *num);
    const double ***arr = calloc(na + 1, sizeof *arr);
    size_t **alen = calloc(na + 1, sizeof *alen);
    unsigned char *arr_ind = calloc(na + 1, 1), *arr_full = calloc(na + 1, 1);
    const double **arrp = malloc((na + 1) * W * sizeof *arrp);
    size_t *alenp = malloc((na + 1) * W * sizeof *alenp);
    bt_acc_trades *tacc = malloc(W * sizeof *tacc);
    unsigned char *skip = calloc((size_t)p->n_regs + 1, 1);
    uint64_t *tid = malloc(W * VX_TMAX * sizeof *tid);
    size_t *tn = calloc(W, sizeof *tn);
    vx_book *books = mode == VX_ORDERS ? malloc(W * sizeof *books) : NULL;
    int rc = 0;
    if (!store || !num || !arr || !alen || !arr_ind || !arr_full || !arrp || !alenp || !tacc || !skip || !tid || !tn ||
        (mode == VX_ORDERS && !books)) {
        rc = -1;
        goto done;
    }
    bt_lanes l;
    bt_acc_bars acc;
    vblock B;
    double *q = store;
    double **lane_fields[] = {&l.cash, &l.size, &l.entry, &l.ebar, &l.pend, &l.alive, &l.from};
    for (size_t f = 0; f < 7; f++, q += W)
        *lane_fields[f] = q;
    bt_acc_bars_bind(&acc, q, W);
    q += BT_ACC_BAR_FIELDS * W;
    B.entry = q;
    B.close = q + W;
    B.esc = q + 2 * W;
    B.eqb = q + 3 * W;
    B.oomb = q + 4 * W;
    B.ntr = q + 5 * W;
    q += 6 * W;
    B.regs = q;
    q += (size_t)p->n_regs * W;
    vx_extra X = {q, q + W, q + (1 + VX_MAX_EXTRA) * W, q + (1 + 2 * VX_MAX_EXTRA) * W, W};
    q += (1 + 3 * VX_MAX_EXTRA) * W;
    for (size_t k = 0; k < na; k++, q += W) {
        num[k] = q;
        arr[k] = arrp + k * W;
        alen[k] = alenp + k * W;
        arr_ind[k] = p->sig[k].ind;
        arr_full[k] = 1;
        for (size_t d = 0; d < W; d++) {
            const bt_cinit_val *r = &rec[d][k];
            num[k][d] = r->kind == BT_CIV_NUM ? r->num : 0;
            arr[k][d] = r->kind == BT_CIV_ARR ? r->x : NULL;
            alen[k][d] = r->kind == BT_CIV_ARR ? r->len : 0;
            arr_full[k] &= alen[k][d] >= n;
        }
    }
    B.n = W;
    B.num = num;
    B.arr = arr;
    B.alen = alen;
    B.arr_ind = arr_ind;
    B.arr_full = arr_full;
    B.skip = skip;
    B.n_attr = c->n_attrs;
    B.sig = p->sig;
    B.tid = tid;
    B.tn = tn;
    for (size_t d = 0; d < W; d++) {
        l.from[d] = (double)(warm[d] + 1);
        l.cash[d] = J->job->options->cash;
        l.size[d] = l.entry[d] = l.ebar[d] = l.pend[d] = 0;
        l.alive[d] = 1;
        X.n[d] = 0;
        B.esc[d] = 0;
        bt_acc_bars_reset(&acc, d, J->x->t[0]);
        bt_acc_trades_reset(&tacc[d]);
    }
    B.bro = NULL;
    B.ob = NULL;
    B.obc = NULL;
    B.ln = NULL;
    if (mode == VX_BROKER) {
        rc = run_broker(J, p, &B, l.size, lanes, warm, values, escaped);
        goto done;
    }
    vx_bcfg bcfg = {&J->g, J->s->high, J->s->low, J->hedging, J->exclusive};
    if (mode == VX_ORDERS) {
        for (size_t d = 0; d < W; d++)
            ob_reset(&books[d]);
        B.ob = books;
        B.obc = &bcfg;
        B.ln = &l;
    }
    double *restrict act = B.regs; /* register 0 */
    double *restrict eqb = B.eqb, *restrict oomb = B.oomb;
    run_prog(p, &B, J->s, 0, l.size, W, 0, p->n_pro);
    int multi = 0; /* some lane holds more than one trade */
    size_t n_bars = n;
    /* per-bar statistics: next() only for the lanes whose slice marks the bar */
    uint64_t *lmask = NULL;
    const size_t nw = (W + 63) / 64;
    void **lviews = NULL;
    int walked = 0;
    if ((J->quiet && (p->quiet_ok || (mode == VX_ORDERS && p->wquiet_ok))) ||
        (J->qbar && mode == VX_ORDERS && (p->quiet_ok || p->wquiet_ok))) { /* lane by lane, event to event */
        const int r = run_quiet(J, p, &B, &l, &X, &acc, tacc, NULL, NULL, NULL, NULL);
        if (r < 0) {
            rc = -1;
            goto done;
        }
        walked = r == 0;
    }
    if (walked) {
        n_bars = 0;
    } else if (mode == VX_ORDERS && !(J->hybrid && p->quiet_ok)) {
        /* every bar simulated; where the slice applies, next() runs only on the bars it marks
         * (the hybrid branch below, whatever the statistic), the queue on every bar */
    } else if (J->hybrid && p->quiet_ok) {
        lmask = calloc(n * nw + 1, sizeof *lmask);
        lviews = malloc(3 * (na + 1) * sizeof *lviews);
        if (!lmask || !lviews || run_quiet(J, p, &B, &l, &X, &acc, tacc, NULL, NULL, NULL, lmask)) {
            free(lmask);
            free(lviews);
            rc = -1;
            goto done;
        }
    }
    for (size_t i = 0; i < n_bars; i++) {
        if ((i & 1023) == 0 && bt_job_stopping(J->job))
            break; /* the chunk is dropped */
        int pending = 0;
        {
            const double *restrict pend = l.pend;
#pragma omp simd reduction(| : pending)
            for (size_t d = 0; d < W; d++)
                pending |= pend[d] != 0;
        }
        if (i > 0 && books) { /* the order lanes: a wipe-out from the bar before, or the queue */
            for (size_t d = 0; d < W; d++) {
                if (B.esc[d] != 0)
                    continue;
                if (l.pend[d] != 0) {
                    vx_event(&J->g, &l, &X, d, &tacc[d], i, B.esc); /* only BT_PEND_WIPE_OUT in this mode */
                    ob_reset(&books[d]);
                } else if (books[d].n && !ob_idle(&books[d], &l, d, J->s->high[i], J->s->low[i])) {
                    B.esc[d] = ob_process(&bcfg, &books[d], &l, d, &tacc[d], i);
                }
            }
        } else if (i > 0 && pending) {
            int events = 0;
            for (size_t d = 0; d < W; d++)
                if (l.pend[d] != 0) {
                    vx_event(&J->g, &l, &X, d, &tacc[d], i, B.esc);
                    events = 1;
                }
            if (events) {
                multi = 0;
                for (size_t d = 0; d < W; d++)
                    multi |= X.n[d] != 0;
            }
        }
        const double C = J->s->close[i], di = (double)i;
        int any = 0;
        if (!multi) {
            const double *restrict cash = l.cash, *restrict size = l.size, *restrict entry = l.entry;
            const double *restrict from = l.from, *restrict esc = B.esc;
            double *restrict en = B.entry, *restrict cl = B.close, *restrict ntr = B.ntr;
#pragma omp simd reduction(| : any)
            for (size_t d = 0; d < W; d++) {
                double eq = cash[d] + (C * size[d] - size[d] * entry[d]);
                int oom = (from[d] < INFINITY) & (eq <= 0);
                int on = (di >= from[d]) & !oom & (esc[d] == 0);
                act[d] = on;
                any |= on;
                eqb[d] = oom ? 0.0 : eq;
                oomb[d] = oom;
                ntr[d] = size[d] != 0;
                en[d] = 0;
                cl[d] = 0;
            }
        } else {
            for (size_t d = 0; d < W; d++) {
                double eq = lane_equity(&l, &X, d, C);
                int oom = (l.from[d] < INFINITY) & (eq <= 0);
                int on = (di >= l.from[d]) & !oom & (B.esc[d] == 0);
                act[d] = on;
                any |= on;
                eqb[d] = oom ? 0.0 : eq;
                oomb[d] = oom;
                B.ntr[d] = (l.size[d] != 0) + X.n[d];
                B.entry[d] = 0;
                B.close[d] = 0;
            }
        }
        if (!any) { /* every lane handed over: nothing left to run */
            int left = 0;
            for (size_t d = 0; d < W && !left; d++)
                left = B.esc[d] == 0;
            if (!left)
                break;
        }
        if (lmask) {
            for (size_t k = 0; any && k < nw; k++)
                for (uint64_t w = lmask[i * nw + k]; w; w &= w - 1) {
                    const size_t d = k * 64 + (size_t)__builtin_ctzll(w);
                    if (act[d] == 0)
                        continue;
                    vblock B1;
                    lane_view(&B, d, lviews, &B1);
                    run_prog1(p, &B1, J->s, i, l.size + d, W, p->n_pro, p->n_ops);
                }
        } else if (any) {
            run_prog(p, &B, J->s, i, l.size, W, p->n_pro, p->n_ops);
        }
        if (i + 1 == n && books) {
            for (size_t d = 0; d < W; d++) {
                if (B.esc[d] != 0)
                    continue;
                B.esc[d] = ob_last(&bcfg, &books[d], &l, d, &tacc[d], J->x, &acc, groups);
            }
        } else if (i + 1 == n) {
            for (size_t d = 0; d < W; d++) {
                const int closes = B.close[d] != 0 || (J->exclusive && B.entry[d] != 0);
                double sig = B.entry[d] != 0 ? B.entry[d] : closes ? BT_PEND_CLOSE : 0.0;
                vx_last(&J->g, &l, &X, d, &tacc[d], J->x, &acc, act[d] != 0 ? sig : 0.0, groups, B.esc);
            }
        } else {
            bar_tail(J, &l, &B, &acc, i, W);
        }
    }
    free(lmask);
    free(lviews);
    for (size_t d = 0; d < W; d++) {
        if (B.esc[d] != 0) {
            escaped[lanes[d]] = (unsigned char)B.esc[d];
            continue;
        }
        bt_job_values(J->job, J->x, &acc, d, &tacc[d], warm[d], values + lanes[d] * J->job->n_keys);
    }
done:
    free(store);
    free(num);
    free(arr);
    free(alen);
    free(arr_ind);
    free(arr_full);
    free(arrp);
    free(alenp);
    free(tacc);
    free(skip);
    free(tid);
    free(tn);
    free(books);
    return rc;
}

/* Broker mode: the program's signals, each lane's orders on its own
 * reference broker (host/engine/broker.h), in the order next() places them,
 * and the run's value as the reference computes it. Errors hand the lane to
 * the interpreter, which reports them. */
static int run_broker(const vjob *J, const vprog *p, vblock *B, double *size, const size_t *lanes,
                      const size_t *warm, double *values, unsigned char *escaped)
{
    const size_t W = B->n, n = J->s->n;
    bt_broker **bro = calloc(W, sizeof *bro);
    bt_run *runs = calloc(W, sizeof *runs);
    unsigned char *stopped = calloc(W, 1);
    int rc = 0;
    if (!bro || !runs || !stopped) {
        rc = -1;
        goto done;
    }
    for (size_t d = 0; d < W; d++) {
        bt_error e = {0};
        B->esc[d] = 0;
        if (bt_broker_open(J->s, J->job->options, &runs[d], &bro[d], &e) != BT_OK) {
            B->esc[d] = VX_ESC_ERROR;
            continue;
        }
        runs[d].warmup = warm[d];
        runs[d].start = warm[d] + 1;
    }
    B->bro = bro;
    double *act = B->regs;
    run_prog(p, B, J->s, 0, size, W, 0, p->n_pro);
    bt_error berr; /* read by no one: a failing lane goes to the interpreter */
    berr.status = 0;
    size_t n_bars = n;
    if (J->quiet && p->quiet_ok) {
        if (run_quiet(J, p, B, NULL, NULL, NULL, NULL, runs, stopped, size, NULL)) {
            rc = -1;
            goto done;
        }
        n_bars = 0;
    }
    for (size_t i = 1; i < n_bars; i++) {
        if ((i & 1023) == 0 && bt_job_stopping(J->job))
            break; /* the chunk is dropped */
        int any = 0;
        for (size_t d = 0; d < W; d++) {
            int on = B->esc[d] == 0 && !stopped[d] && i >= runs[d].start;
            if (on) {
                int r = bt_broker_next(bro[d], i, &berr);
                if (r < 0)
                    B->esc[d] = VX_ESC_ERROR;
                else if (r == 1)
                    stopped[d] = 1;
                on = r == 0;
            }
            if (on) {
                size[d] = bt_broker_position_size(bro[d]);
                B->eqb[d] = bt_broker_equity(bro[d]);
                B->ntr[d] = (double)bt_broker_n_trades(bro[d]);
            }
            act[d] = on;
            any |= on;
        }
        if (any)
            run_prog(p, B, J->s, i, size, W, p->n_pro, p->n_ops);
    }
    for (size_t d = 0; d < W; d++) {
        if (B->esc[d] == 0) {
            bt_error e = {0};
            if (bt_broker_finalize(bro[d], &e) != BT_OK)
                B->esc[d] = VX_ESC_ERROR;
            else
                bt_calendar_run_values(J->job->calendar, &runs[d], J->job->keys, J->job->n_keys,
                                       values + lanes[d] * J->job->n_keys);
        }
        if (B->esc[d] != 0)
            escaped[lanes[d]] = VX_ESC_ERROR;
    }
done:
    for (size_t d = 0; bro && d < W; d++) {
        bt_broker_free(bro[d]);
        bt_run_free(&runs[d]);
    }
    free(bro);
    free(runs);
    free(stopped);
    B->bro = NULL;
    return rc;
}

/* ================================================================ evaluation */

static size_t block_lanes(void)
{
    const char *e = getenv("BTGPU_VX_BLOCK");
    if (e && *e) {
        long w = strtol(e, NULL, 10);
        if (w >= 1 && w <= VX_MAX_W)
            return (size_t)w;
    }
    return VX_DEFAULT_W;
}

/* One batch of combinations [c0, c1): init() per unique key, then blocks. */
static int eval_batch(const vjob *J, const double *params, const int *types, size_t c0, size_t c1, double *values,
                      unsigned char *escaped, bt_error *err)
{
    bt_vx *v = J->v;
    const bt_compiled *c = v->c;
    const size_t na = VX_NREC(c), np = c->n_params, m = c1 - c0;
    int rc = BT_OK;
    itab t = {0};
    vx_arena *arena = J->arena;
    t.cap = 16;
    while (t.cap < 2 * m * (na ? na : 1))
        t.cap *= 2;
    /* written before it is read (a field at a time, which the compiler does not turn into
     * calloc): calloc's fresh pages map the zero page on the first probe and fault again,
     * with a TLB shootdown to the core of every other thread (spinning there), on the
     * first write, a page at a time */
    t.e = malloc(t.cap * sizeof *t.e);
    for (size_t k = 0; t.e && k < t.cap; k++)
        t.e[k].used = 0;
    size_t *def = malloc(m * na * sizeof *def + 1);  /* per combination and attribute: the defining combination */
    unsigned char *need = calloc(m + 1, 1);          /* runs init() */
    bt_cinit_val **runs = calloc(m + 1, sizeof *runs);
    int *run_ok = calloc(m + 1, sizeof *run_ok);
    asig *sig = malloc(m * (na ? na : 1) * sizeof *sig + 1);
    size_t *order = malloc(m * sizeof *order + 1), *warm = malloc(m * sizeof *warm + 1);
    if (!t.e || !def || !need || !runs || !run_ok || !sig || !order || !warm) {
        rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
        goto done;
    }
    /* 1. the defining combination of each (attribute, key) */
    for (size_t j = 0; j < m; j++) {
        const double *row = params + (c0 + j) * np;
        const int *trow = types + (c0 + j) * np;
        for (size_t k = 0; k < na; k++) {
            uint64_t h = key_hash(row, trow, k, v->deps[k], np);
            size_t at = h & (t.cap - 1);
            for (;;) {
                ikey *e = &t.e[at];
                if (!e->used) {
                    e->used = 1;
                    e->h = h;
                    e->attr = k;
                    e->combo = j;
                    need[j] = 1;
                    def[j * na + k] = j;
                    break;
                }
                if (e->h == h && e->attr == k &&
                    key_eq(row, trow, params + (c0 + e->combo) * np, types + (c0 + e->combo) * np, v->deps[k], np)) {
                    def[j * na + k] = e->combo;
                    break;
                }
                at = (at + 1) & (t.cap - 1);
            }
        }
        if (na == 0)
            need[j] = 1;
    }
    /* too many init() runs for the memory bound: the caller halves the batch */
    size_t runs_n = 0;
    for (size_t j = 0; j < m; j++)
        runs_n += need[j];
    /* Too many for the memory bound, or, where the combinations share few init() runs (so
     * that halves repeat few of them), more than stay in the caches: the caller halves the
     * batch. Batches reuse one mapping, so that the kernel zeroes fresh pages for the first
     * batch only (a fifth of a bollinger_revert search when every batch had its own). */
    if (m > J->min_batch && (runs_n > J->init_budget || (runs_n > J->cache_budget && 2 * runs_n >= m))) {
        rc = VX_SPLIT;
        goto done;
    }
    {
        size_t n_arr = 1; /* TrailingStrategy's ATR */
        for (size_t k = 0; k < c->n_attrs; k++)
            n_arr += c->attrs[k].type != CT_NUM;
        const size_t bytes = runs_n * n_arr * (((J->s->n ? J->s->n : 1) * sizeof(double) + 63) & ~(size_t)63);
        if (arena->base && bytes <= arena->cap) {
            arena->used = 0; /* the previous batch's pages: no fault, no zeroing */
        } else {
            arena_close(arena);
            arena_open(arena, bytes);
        }
    }
    const bt_cinit_alloc al = {arena_alloc, arena, v->keep};
    /* 2. init() of the defining combinations, in parallel */
    {
        const int threads = bt_team_size(J->job->threads, (runs_n + 3) / 4); /* a thread per 4 runs at most */
        (void)threads;
        long mm = (long)m;
        /* each thread remembers the indicator parts its neighbouring combinations share
         * (bt_ta_memo: BBANDS' deviations, the MACD line); runs of 4 combinations, in grid
         * order, go to one thread */
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel num_threads(threads)
#endif
        {
            bt_ta_memo *memo = bt_ta_memo_new();
            bt_ta_memo_use(memo);
#ifdef BTGPU_HAVE_OPENMP
#pragma omp for schedule(dynamic, 4)
#endif
            for (long jj = 0; jj < mm; jj++) {
                size_t j = (size_t)jj;
                if (!need[j] || bt_job_stopping(J->job))
                    continue;
                runs[j] = calloc(na + 1, sizeof **runs);
                if (!runs[j])
                    continue;
                bt_error e = {0};
                run_ok[j] = bt_compiled_init_state_in(c, J->s, params + (c0 + j) * np, types + (c0 + j) * np,
                                                      J->job->options, &al, runs[j], &e) == BT_OK;
            }
            bt_ta_memo_use(NULL);
            bt_ta_memo_free(memo);
        }
    }
    /* 3. each combination's records, warm-up and signature */
    for (size_t j = 0; j < m; j++) {
        size_t w = 0;
        order[j] = j;
        for (size_t k = 0; k < na; k++) {
            size_t dj = def[j * na + k];
            asig *g = &sig[j * na + k];
            memset(g, 0, sizeof *g);
            if (!runs[dj] || !run_ok[dj]) {
                escaped[c0 + j] = VX_ESC_ERROR;
                continue;
            }
            const bt_cinit_val *r = &runs[dj][k];
            if (k >= np && r->warm > w)
                w = r->warm;
            g->kind = (unsigned char)r->kind;
            g->pt = r->kind == BT_CIV_NUM ? (unsigned char)r->pt : 0;
            g->isbool = r->isbool;
            g->ind = r->ind;
        }
        if (na == 0 && (!runs[j] || !run_ok[j]))
            escaped[c0 + j] = VX_ESC_ERROR;
        warm[j] = w;
    }
    /* grouped by signature (ids in order of first appearance), grid order within */
    {
        size_t n_ids = 0, *id = malloc((m + 1) * sizeof *id), *first = malloc((m + 1) * sizeof *first);
        size_t *count = calloc(m + 2, sizeof *count);
        if (!id || !first || !count) {
            free(id);
            free(first);
            free(count);
            rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
            goto done;
        }
        for (size_t j = 0; j < m; j++) {
            size_t q = 0;
            while (q < n_ids && memcmp(sig + first[q] * na, sig + j * na, na * sizeof *sig) != 0)
                q++;
            if (q == n_ids)
                first[n_ids++] = j;
            id[j] = q;
            count[q + 1]++;
        }
        for (size_t q = 0; q < n_ids; q++)
            count[q + 1] += count[q];
        for (size_t j = 0; j < m; j++)
            order[count[id[j]]++] = j;
        free(id);
        free(first);
        free(count);
    }
    /* 4. blocks of one signature, W lanes at most: the fast lanes, then the lanes
     * they handed over, each with a reference broker */
    size_t *order0 = malloc(m * sizeof *order0 + 1);
    if (!order0) {
        rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
        goto done;
    }
    memcpy(order0, order, m * sizeof *order);
    for (int mode = VX_FAST; mode <= VX_BROKER && rc == BT_OK; mode++) {
        if (mode == VX_ORDERS && !J->orders)
            continue;
        size_t n_blocks = 0;
        memcpy(order, order0, m * sizeof *order);
        size_t *bstart = malloc((m + 1) * sizeof *bstart);
        if (!bstart) {
            rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
            break;
        }
        size_t live = 0;
        for (size_t j = 0; j < m; j++) {
            unsigned char *e = &escaped[c0 + order[j]];
            if (mode != VX_FAST && *e == VX_ESC_MODEL)
                *e = 0;
            else if (mode != VX_FAST || *e)
                continue;
            order[live++] = order[j];
        }
        if (J->mstat)
            J->mstat[mode] += live;
        /* blocks of W lanes at most, and at least 4 per thread where that leaves 16 lanes a
         * block: a batch of 106 lanes in blocks of 64 and 42 kept one of two threads idle a
         * third of the time (the order lanes' walk goes lane by lane anyway) */
        size_t wb = J->W;
        const size_t share = J->job->threads > 1 ? (live + 4 * (size_t)J->job->threads - 1) / (4 * (size_t)J->job->threads) : wb;
        if (share < wb)
            wb = share > 16 ? share : 16 < wb ? 16 : wb;
        for (size_t j = 0; j < live;) {
            size_t e = j + 1;
            while (e < live && e - j < wb && memcmp(sig + order[e] * na, sig + order[j] * na, na * sizeof *sig) == 0)
                e++;
            bstart[n_blocks++] = j;
            j = e;
        }
        bstart[n_blocks] = live;
        int failed = 0;
        long nb = (long)n_blocks;
        const int threads = bt_team_size(J->job->threads, n_blocks); /* a thread per block at most */
        (void)threads;
#ifdef BTGPU_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) reduction(| : failed)
#endif
        for (long b = 0; b < nb; b++) {
            if (bt_job_stopping(J->job))
                continue; /* the chunk is dropped */
            size_t j0 = bstart[b], j1 = bstart[b + 1], nl = j1 - j0;
            const vprog *p = prog_for(v, sig + order[j0] * na);
            size_t lanes[VX_MAX_W], wl[VX_MAX_W];
            bt_cinit_val *rec[VX_MAX_W];
            bt_cinit_val *flat = malloc((nl * na + 1) * sizeof *flat);
            if (!flat) {
                failed = 1;
                continue;
            }
            for (size_t d = 0; d < nl; d++) {
                size_t j = order[j0 + d];
                lanes[d] = c0 + j;
                wl[d] = warm[j];
                rec[d] = flat + d * na;
                for (size_t k = 0; k < na; k++)
                    rec[d][k] = runs[def[j * na + k]][k];
            }
            if (!p || !p->ok) {
                for (size_t d = 0; d < nl; d++)
                    escaped[lanes[d]] = VX_ESC_ERROR;
            } else if (run_block(J, p, lanes, nl, rec, wl, values, escaped, mode)) {
                failed = 1;
            }
            free(flat);
        }
        free(bstart);
        if (failed)
            rc = bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu combinations", m);
    }
    free(order0);
done:
    for (size_t j = 0; runs && j < m; j++)
        if (runs[j]) {
            if (run_ok[j])
                bt_cinit_free(runs[j], na);
            free(runs[j]);
        }
    free(t.e);
    free(def);
    free(need);
    free(runs);
    free(run_ok);
    free(sig);
    free(order);
    free(warm);
    return rc;
}

int bt_vx_eval(bt_vx *v, const bt_cpu_job *job, const double *params, const int *types, size_t m, double *values,
               unsigned char *escaped, bt_error *err)
{
    vjob J;
    const bt_series *s = job->series;
    const bt_options *o = job->options;
    memset(&J, 0, sizeof J);
    J.v = v;
    J.job = job;
    J.s = s;
    J.x = &job->calendar->ctx;
    J.g.open = s->open;
    J.g.close = s->close;
    J.g.t = job->calendar->t;
    J.g.n = s->n;
    J.g.fixed = o->fixed_commission;
    J.g.rel = o->commission;
    J.g.spread = o->spread;
    J.g.lev = 1 / o->margin;
    J.g.trade_on_close = o->trade_on_close;
    J.g.finalize = o->finalize_trades;
    J.g.groups = job->calendar->ctx.groups;
    J.W = block_lanes();
    J.exclusive = o->exclusive_orders;
    J.hedging = o->hedging;
    {
        const char *e = getenv("BTGPU_VX_ORDERS");
        J.orders = !(e && *e == '0');
    }
    unsigned long long qstat[4] = {0, 0, 0, 0};
    unsigned long long mstat[3] = {0, 0, 0};
    J.qstat = getenv("BTGPU_VX_WHY") ? qstat : NULL;
    J.mstat = getenv("BTGPU_VX_WHY") ? mstat : NULL;
    {
        const char *e = getenv("BTGPU_VX_QUIET");
        J.quiet = !(J.x->groups & BT_ACC_PER_BAR) && !(e && *e == '0');
        J.hybrid = !(e && *e == '0');
        J.qbar = !J.quiet && J.hybrid;
    }
    const size_t n_rt = (s->n + VX_RT - 1) / VX_RT;
    double *rlo = malloc((n_rt + 1) * sizeof *rlo), *rhi = malloc((n_rt + 1) * sizeof *rhi);
    if (!rlo || !rhi) {
        free(rlo);
        free(rhi);
        return bt_error_set(err, BT_ERR_RANGE, "cannot allocate the working memory for %zu bars", s->n);
    }
    for (size_t t = 0; t < n_rt; t++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = t * VX_RT; i < s->n && i < (t + 1) * VX_RT; i++) {
            lo = s->close[i] < lo ? s->close[i] : lo;
            hi = s->close[i] > hi ? s->close[i] : hi;
        }
        rlo[t] = lo;
        rhi[t] = hi;
    }
    J.rlo = rlo;
    J.rhi = rhi;
    memset(escaped, 0, m);
    if (s->n < 2) { /* no strategy bar: the reference handles it */
        memset(escaped, 1, m);
        free(rlo);
        free(rhi);
        return BT_OK;
    }
    /* batches bound the init() values held at once (about 256 MiB of arrays):
     * as many combinations as give that many init() runs (unique keys) */
    size_t n_arr = 1;
    for (size_t k = 0; k < v->c->n_attrs; k++)
        n_arr += v->c->attrs[k].type != CT_NUM;
    size_t per = (size_t)256 << 20, cost = n_arr * s->n * sizeof(double);
    J.init_budget = per / (cost ? cost : 1);
    if (J.init_budget < 256)
        J.init_budget = 256;
    J.cache_budget = ((size_t)8 << 20) / (cost ? cost : 1);
    J.min_batch = 128;
    vx_arena arena = {NULL, 0, 0};
    J.arena = &arena;
    size_t batch = 65536, n_batches = 0, most = 0;
    for (size_t c0 = 0; c0 < m;) {
        size_t c1 = c0 + batch < m ? c0 + batch : m;
        int rc = eval_batch(&J, params, types, c0, c1, values, escaped, err);
        if (rc == VX_SPLIT) {
            batch = (c1 - c0) / 2;
            continue;
        }
        if (rc) {
            arena_close(&arena);
            free(rlo);
            free(rhi);
            return rc;
        }
        n_batches++;
        most = c1 - c0 > most ? c1 - c0 : most;
        c0 = c1;
    }
    arena_close(&arena);
    free(rlo);
    free(rhi);
    if (J.qstat && qstat[0])
        fprintf(stderr, "btgpu: vector executor: quiet-bar schedule for %llu lanes: %.3g%% of their bars simulated, "
                "next() on %.3g%%\n", qstat[0], 100.0 * (double)qstat[2] / (double)qstat[1],
                100.0 * (double)qstat[3] / (double)qstat[1]);
    if (getenv("BTGPU_VX_WHY")) {
        size_t e = 0;
        for (size_t c = 0; c < m; c++)
            e += escaped[c] != 0;
        fprintf(stderr, "btgpu: vector executor: %zu of %zu combinations handed to the interpreter; lanes run: %llu "
                "fast, %llu with order lanes, %llu with reference brokers\n", e, m, mstat[0], mstat[1], mstat[2]);
        size_t np = 0, ng = 0;
        for (const vprog *p = v->progs; p; p = p->next) {
            np += p->ok != 0;
            ng += p->ok && p->gen;
        }
        fprintf(stderr, "btgpu: vector executor: %zu of %zu programs run as code compiled at build time\n", ng, np);
        fprintf(stderr, "btgpu: vector executor: init() and the blocks in %zu batches of up to %zu combinations\n",
                n_batches, most);
    }
    return BT_OK;
}
