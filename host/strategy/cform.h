/*
 * cform.h - the checked, resolved form of a compiled Strategy class, shared
 * by the checker (compile.c) and the reference interpreter (interp.c).
 *
 * Every expression node carries a static type (bt_ctype); names are resolved
 * to slots: parameters are the first attribute slots (self.n1 reads them, an
 * assignment in init() shadows them like an instance attribute), instance
 * attributes (indicators, arrays, numeric state) the next ones; locals of
 * init(), next() and each helper call live in frame slots. Indicator calls
 * (SMA, talib.*, pandas methods) are nodes identified with their function and
 * argument nodes, so a later lowering can share indicator tables.
 */
#ifndef BTGPU_CFORM_H
#define BTGPU_CFORM_H

#include <stddef.h>
#include <stdlib.h>

#include "ast.h"
#include "compiled.h"

/* A bump allocator over a list of chunks (the newest first), shared by the
 * checker's node arena and the interpreter's run and bar arenas: blocks are
 * aligned for any type, not zeroed, and freed all at once. */
typedef struct bt_chunk {
    struct bt_chunk *next;
    size_t used, cap;
    max_align_t data[];
} bt_chunk;

/* n rounded up to a multiple of max_align_t: what bt_chunk_alloc takes */
static inline size_t bt_chunk_round(size_t n)
{
    return (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
}

/* n bytes (already rounded with bt_chunk_round), NULL when out of memory */
static inline void *bt_chunk_alloc(bt_chunk **head, size_t n)
{
    bt_chunk *c = *head;
    if (!c || c->used + n > c->cap) {
        size_t cap = n > 65536 ? n : 65536;
        bt_chunk *nc = malloc(sizeof *nc + cap);
        if (!nc)
            return NULL;
        nc->next = c;
        nc->used = 0;
        nc->cap = cap;
        *head = nc;
        c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

static inline void bt_chunks_free(bt_chunk *c)
{
    while (c) {
        bt_chunk *n = c->next;
        free(c);
        c = n;
    }
}

/* static types */
enum {
    CT_NUM = 1,  /* a number, bool or None (the exact Python type is dynamic: parameters vary) */
    CT_ARR,      /* a 1-D array / Series */
    CT_MULTI,    /* a tuple of n arrays (multi-output indicator) */
    CT_POS,      /* self.position */
    CT_TRADE, CT_ORDER,
    CT_TRADES, CT_ORDERS, /* self.trades / self.orders tuples */
    CT_STR       /* a string constant (names, colors) */
};

/* array flags (static) */
#define CF_SERIES 1u   /* pd.Series (has pandas methods) */
#define CF_BTARR 2u    /* a backtesting _Array / _Indicator (truthiness = last element) */

/* expression kinds */
enum {
    CN_CONST,      /* num, ptype (BT_PTYPE_* or CV_NONE) */
    CN_STR,
    CN_ATTR,       /* slot: self.X (parameters first) */
    CN_LOCAL,      /* slot */
    CN_DATA,       /* col: 0..4 Open High Low Close Volume */
    CN_LEN_DATA, CN_LEN_TRADES, CN_LEN_ORDERS,
    CN_EQUITY, CN_POSITION, CN_TRADES, CN_ORDERS,
    CN_FIELD,      /* kid[0] . field (position / trade / order fields) */
    CN_INDEX,      /* kid[0] [ kid[1] ] : array element, trade, order, multi row */
    CN_UNARY,      /* op */
    CN_BINARY,     /* op */
    CN_COMPARE,    /* kids, ops */
    CN_BOOLOP,     /* op */
    CN_IFEXP,      /* kid[0] body, kid[1] test, kid[2] orelse */
    CN_BUILTIN,    /* fn: B_* ; kids = args */
    CN_SERIES_OP,  /* fn: S_* ; kid[0] receiver, kid[1..] = resolved options (NULL = default) */
    CN_TALIB,      /* ta: registry row; kids = inputs then options (NULL = default) */
    CN_HELPER,     /* helper index; kids = args */
    CN_LAMBDA,     /* the same for a lambda (helper index) */
    CN_INDICATOR,  /* self.I: kid[0] = the call (CN_HELPER / CN_TALIB / ... node); kid[1] = scatter or NULL */
    CN_TUPLE
};

/* builtins */
enum {
    B_MIN, B_MAX, B_ABS, B_INT, B_FLOAT, B_ROUND, B_BOOL,
    B_CROSSOVER, B_CROSS, B_BARSSINCE,
    B_NP_MAXIMUM, B_NP_MINIMUM, B_NP_ABS, B_NP_WHERE, B_NP_ISNAN,
    B_PD_SERIES, B_SMA
};

/* series operations: the receiver is kid[0] */
enum {
    S_ROLL_MEAN, S_ROLL_SUM, S_ROLL_STD, S_ROLL_VAR, S_ROLL_MAX, S_ROLL_MIN, /* kid[1] window, kid[2] min_periods, kid[3] ddof */
    S_EWM_MEAN,  /* kid[1] value, kid[2] adjust, kid[3] min_periods, kid[4] ignore_na; aux = BT_EWM_* kind */
    S_DIFF, S_SHIFT, S_PCT_CHANGE, /* kid[1] periods */
    S_ABS, S_CLIP, /* kid[1] lower, kid[2] upper */
    S_BFILL, S_FFILL, S_FILLNA, /* kid[1] value */
    S_VALUES       /* .values / .to_numpy(): drops the Series flag */
};

/* position / trade / order fields */
enum {
    F_SIZE, F_PL, F_PL_PCT, F_IS_LONG, F_IS_SHORT,
    F_ENTRY_PRICE, F_EXIT_PRICE, F_ENTRY_BAR, F_EXIT_BAR, F_SL, F_TP, F_VALUE,
    F_LIMIT, F_STOP, F_IS_CONTINGENT
};

typedef struct cnode {
    int kind;
    int type;           /* CT_* */
    unsigned flags;     /* CF_* for arrays */
    int n_multi;        /* CT_MULTI: number of rows */
    int op, fn, aux;
    int slot;
    int ptype;
    double num;
    const char *str;
    const void *ta;     /* CN_TALIB: const bt_ta_func * */
    int *ops;
    struct cnode **kid;
    size_t n_kid;
    const bt_ast *src;  /* for runtime messages */
} cnode;

/* statement kinds */
enum {
    CS_EXPR,        /* kid: an expression evaluated for its effect (calls) */
    CS_ASSIGN,      /* target, value */
    CS_AUGASSIGN,   /* target, value, op */
    CS_UNPACK,      /* targets[], value */
    CS_IF,          /* test, body, orelse */
    CS_FOR,         /* slot (local), value (trades/orders), body */
    CS_RETURN,      /* value or NULL */
    CS_PASS,
    CS_BUY, CS_SELL, /* kw[0..4]: size limit stop sl tp (NULL: default) */
    CS_POS_CLOSE,   /* value: portion or NULL */
    CS_TRADE_CLOSE, /* target: trade expr, value: portion or NULL */
    CS_ORDER_CANCEL,/* target: order expr */
    CS_SUPER_INIT, CS_SUPER_NEXT,
    CS_SET_TRAILING_SL, CS_SET_ATR_PERIODS /* value or NULL (defaults 6, 100) */
};

/* assignment targets */
enum { TG_LOCAL, TG_ATTR, TG_TRADE_SL, TG_TRADE_TP, TG_DISCARD };

typedef struct ctarget {
    int kind;
    int slot;
    cnode *obj;         /* TG_TRADE_*: the trade expression */
} ctarget;

typedef struct cstmt {
    int kind;
    int op;
    ctarget target;
    ctarget *targets; size_t n_targets;
    cnode *value, *test;
    cnode *kw[5];
    int slot;
    struct cblock *body, *orelse;
    const bt_ast *src;
} cstmt;

typedef struct cblock {
    cstmt **s;
    size_t n;
} cblock;

/* a helper function or lambda, checked once per call signature */
typedef struct chelper {
    const char *name;
    size_t n_args;      /* its parameters occupy frame slots 0..n_args-1 */
    size_t n_slots;
    cblock *body;       /* a def: statements ending in return */
    cnode *expr;        /* a lambda: its expression */
} chelper;

typedef struct cattr {
    const char *name;
    int type;           /* CT_NUM, CT_ARR, CT_MULTI */
    unsigned flags;
    int n_multi;
    int indicator;      /* holds a self.I result (revealed bar by bar, counts in the warm-up) */
} cattr;

#define BT_CF_MAX_ATTRS 256

struct bt_compiled {
    char *name;
    char *path;
    bt_py_module mod;
    void *arena;        /* every node (a simple chunk list) */
    size_t n_params;
    char *param_names[BT_MAX_STRATEGY_PARAMS];
    double param_defaults[BT_MAX_STRATEGY_PARAMS];
    int param_types[BT_MAX_STRATEGY_PARAMS];
    cattr attrs[BT_CF_MAX_ATTRS];
    size_t n_attrs;
    chelper **helpers;
    size_t n_helpers, cap_helpers;
    cblock *init, *next; /* NULL: inherited (Strategy: nothing; TrailingStrategy: its own) */
    size_t init_slots, next_slots;
    int trailing;       /* subclass of backtesting.lib.TrailingStrategy */
};

#define CV_NONE 3 /* CN_CONST ptype for None */

#endif
