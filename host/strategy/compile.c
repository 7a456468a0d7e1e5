/*
 * compile.c - the checker: a parsed module and one Strategy subclass in it
 * become a bt_compiled (cform.h), or a usage error naming the line, the
 * construct and what is supported instead. Nothing outside the subset gets
 * a meaning: every node kind not handled below is rejected by name.
 */
#include "cform.h"
#include "indicators.h"
#include "pyrt.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ arena */

static void *arena_alloc(void **arena, size_t n)
{
    n = bt_chunk_round(n);
    bt_chunk *head = *arena;
    void *p = bt_chunk_alloc(&head, n);
    *arena = head;
    if (p)
        memset(p, 0, n);
    return p;
}

static void arena_free(void *arena)
{
    bt_chunks_free(arena);
}

/* ------------------------------------------------------------ symbols */

enum {
    SYM_NONE = 0, SYM_STRATEGY, SYM_BACKTEST, SYM_CROSSOVER, SYM_CROSS, SYM_BARSSINCE, SYM_TRAILING,
    SYM_SMA, SYM_PD, SYM_NP, SYM_TALIB, SYM_TA_FUNC, SYM_CONST, SYM_HELPER, SYM_CLASS, SYM_SKIPPED,
    SYM_BT_MODULE, SYM_UNSUPPORTED_LIB
};

typedef struct sym {
    const char *name;
    int kind;
    double num;
    int ptype;
    const bt_ast *node;  /* helper def / class / import alias */
    const void *ta;
    const char *what;    /* SYM_SKIPPED: the module; SYM_UNSUPPORTED_LIB: the name */
} sym;

#define MAX_SYMS 512
#define MAX_LOCALS 256

typedef struct scope {
    const char *names[MAX_LOCALS];
    int types[MAX_LOCALS];
    unsigned flags[MAX_LOCALS];
    int n_multi[MAX_LOCALS];
    int ind[MAX_LOCALS];
    size_t n, max;      /* names visible now; frame slots needed */
} scope;

enum { W_INIT = 1, W_NEXT, W_HELPER };

typedef struct ctx {
    bt_compiled *c;
    const bt_py_module *m;
    bt_error *err;
    sym syms[MAX_SYMS];
    size_t n_syms;
    int where;
    scope *sc;
    int depth;             /* helper inlining depth */
    const bt_ast *cls_chain[3]; /* the selected class, its user base (if any) */
    size_t n_chain;
    int chain_pos;         /* which class's method is being compiled */
    int trailing;
} ctx;

static const char *SUP_EXPR_NEXT =
    "numbers, parameters, self.data.Open/High/Low/Close/Volume[-k], indicators[-k], arithmetic, comparisons, "
    "and/or/not, x if c else y, min, max, abs, int, float, round, crossover, cross, barssince, len(self.data), "
    "len(self.trades), len(self.orders), self.equity, self.position, self.trades[k], self.orders[k]";
static const char *SUP_EXPR_INIT =
    "numbers, parameters, self.data.Open/High/Low/Close/Volume, self.I(...), SMA, talib functions, helper "
    "functions, pd.Series(x) and its rolling/ewm/diff/shift/pct_change/abs/clip/bfill/ffill/fillna/values/"
    "to_numpy, np.maximum, np.minimum, np.abs, np.where, arithmetic and comparisons";
static const char *SUP_STMT =
    "assignments to locals and self attributes, if/elif/else, for trade in self.trades, for order in "
    "self.orders, return, pass, self.buy(...), self.sell(...), self.position.close(), trade.close(), "
    "order.cancel(), super().init(), super().next()";

static void *new_mem(ctx *x, size_t n)
{
    void *p = arena_alloc(&x->c->arena, n);
    if (!p)
        bt_error_set(x->err, BT_ERR_NOMEM, "out of memory compiling %s", x->m->path);
    return p;
}

static char *text(ctx *x, const bt_ast *n, char *buf, size_t cap) { return (char *)bt_ast_text(x->m, n, buf, cap); }

static int unsupported(ctx *x, const bt_ast *n, const char *supported)
{
    char buf[200];
    text(x, n, buf, sizeof buf);
    return bt_error_set(x->err, BT_ERR_USAGE, "%s:%d:%d: '%s' is not supported in a compiled strategy; supported: %s",
                        x->m->path, n->line, n->col, buf, supported);
}

static int errat(ctx *x, const bt_ast *n, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return bt_error_set(x->err, BT_ERR_USAGE, "%s:%d:%d: %s", x->m->path, n->line, n->col, msg);
}

static sym *find_sym(ctx *x, const char *name)
{
    for (size_t i = x->n_syms; i-- > 0;)
        if (strcmp(x->syms[i].name, name) == 0)
            return &x->syms[i];
    return NULL;
}

static sym *add_sym(ctx *x, const char *name, int kind)
{
    sym *s = find_sym(x, name);
    if (!s) {
        if (x->n_syms >= MAX_SYMS)
            return NULL;
        s = &x->syms[x->n_syms++];
    }
    memset(s, 0, sizeof *s);
    s->name = name;
    s->kind = kind;
    return s;
}

static sym *add_what(ctx *x, const char *name, int kind, const char *what)
{
    sym *s = add_sym(x, name, kind);
    if (s)
        s->what = what;
    return s;
}

static char *dupstr(const char *t)
{
    size_t n = strlen(t) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, t, n);
    return d;
}

static cnode *mk(ctx *x, int kind, int type, const bt_ast *src, size_t n_kid)
{
    cnode *c = new_mem(x, sizeof *c);
    if (!c)
        return NULL;
    c->kind = kind;
    c->type = type;
    c->src = src;
    if (n_kid) {
        c->kid = new_mem(x, n_kid * sizeof *c->kid);
        if (!c->kid)
            return NULL;
        c->n_kid = n_kid;
    }
    return c;
}

/* ------------------------------------------------------------ module level */

static int is_str_const(const bt_ast *n) { return n && n->kind == BT_AST_STRING; }

/* a compile-time number: literals, module constants, unary/binary arithmetic of them */
static int const_eval(ctx *x, const bt_ast *n, pyv *out)
{
    if (!n)
        return 0;
    switch (n->kind) {
    case BT_AST_INT:
        if (n->flag || n->big)
            return 0;
        *out = (pyv){PV_INT, (double)n->ival};
        return 1;
    case BT_AST_FLOAT:
        if (n->flag)
            return 0;
        *out = (pyv){PV_FLOAT, n->num};
        return 1;
    case BT_AST_TRUE: *out = (pyv){PV_BOOL, 1}; return 1;
    case BT_AST_FALSE: *out = (pyv){PV_BOOL, 0}; return 1;
    case BT_AST_NAME: {
        sym *s = find_sym(x, n->str);
        if (s && s->kind == SYM_CONST) {
            *out = (pyv){s->ptype == BT_PTYPE_INT ? PV_INT : s->ptype == BT_PTYPE_BOOL ? PV_BOOL : PV_FLOAT, s->num};
            return 1;
        }
        return 0;
    }
    case BT_AST_UNARY: {
        pyv a;
        if (!const_eval(x, n->kid[0], &a))
            return 0;
        if (n->op == BT_OP_NEG || n->op == BT_OP_POS) {
            char e[128];
            return py_unary(n->op, a, out, e, sizeof e) == 0;
        }
        return 0;
    }
    case BT_AST_BINARY: {
        pyv a, b;
        char e[128];
        if (!const_eval(x, n->kid[0], &a) || !const_eval(x, n->kid[1], &b))
            return 0;
        return py_binop(n->op, a, b, out, e, sizeof e) == 0;
    }
    default:
        return 0;
    }
}

static int pv_ptype(pyv v) { return v.t == PV_INT ? BT_PTYPE_INT : v.t == PV_BOOL ? BT_PTYPE_BOOL : BT_PTYPE_FLOAT; }

static const char *LIB_NAMES[] = {"crossover", "cross", "barssince", "TrailingStrategy"};

static int do_import_from(ctx *x, const bt_ast *st)
{
    const char *mod = st->str ? st->str : "";
    for (size_t k = 0; k < st->n_kid; k++) {
        const bt_ast *al = st->kid[k];
        const char *name = al->str, *as = al->str2 ? al->str2 : al->str;
        if (strcmp(name, "*") == 0) {
            if (strcmp(mod, "backtesting") == 0 || strcmp(mod, "backtesting.lib") == 0 ||
                strcmp(mod, "backtesting.test") == 0 || strcmp(mod, "talib") == 0)
                return unsupported(x, st, "importing names one by one (from backtesting.lib import crossover)");
            continue; /* another module: skipped */
        }
        sym *s = NULL;
        if (strcmp(mod, "backtesting") == 0) {
            if (strcmp(name, "Strategy") == 0)
                s = add_sym(x, as, SYM_STRATEGY);
            else if (strcmp(name, "Backtest") == 0)
                s = add_sym(x, as, SYM_BACKTEST);
            else if (strcmp(name, "lib") == 0 || strcmp(name, "test") == 0)
                s = add_what(x, as, SYM_UNSUPPORTED_LIB, name);
            else
                s = add_what(x, as, SYM_UNSUPPORTED_LIB, name);
        } else if (strcmp(mod, "backtesting.lib") == 0) {
            int kinds[] = {SYM_CROSSOVER, SYM_CROSS, SYM_BARSSINCE, SYM_TRAILING};
            int found = 0;
            for (size_t q = 0; q < 4; q++)
                if (strcmp(name, LIB_NAMES[q]) == 0) {
                    s = add_sym(x, as, kinds[q]);
                    found = 1;
                }
            if (!found)
                s = add_what(x, as, SYM_UNSUPPORTED_LIB, name);
        } else if (strcmp(mod, "backtesting.test") == 0) {
            if (strcmp(name, "SMA") == 0)
                s = add_sym(x, as, SYM_SMA);
            else
                s = add_what(x, as, SYM_SKIPPED, "backtesting.test");
        } else if (strcmp(mod, "talib") == 0) {
            const bt_ta_func *f = bt_ta_find(name);
            if (f) {
                s = add_sym(x, as, SYM_TA_FUNC);
                if (s)
                    s->ta = f;
            } else {
                s = add_what(x, as, SYM_UNSUPPORTED_LIB, name);
            }
        } else {
            s = add_what(x, as, SYM_SKIPPED, mod);
        }
        if (!s)
            return bt_error_set(x->err, BT_ERR_USAGE, "%s: too many module-level names", x->m->path);
        s->node = al;
    }
    return BT_OK;
}

static int do_import(ctx *x, const bt_ast *st)
{
    for (size_t k = 0; k < st->n_kid; k++) {
        const bt_ast *al = st->kid[k];
        const char *name = al->str;
        const char *as = al->str2;
        sym *s;
        if (!as) { /* import a.b binds a */
            const char *dot = strchr(name, '.');
            if (dot) {
                size_t l = (size_t)(dot - name);
                char *first = new_mem(x, l + 1);
                if (!first)
                    return BT_ERR_NOMEM;
                memcpy(first, name, l);
                as = first;
            } else {
                as = name;
            }
        }
        if (strcmp(name, "pandas") == 0)
            s = add_sym(x, as, SYM_PD);
        else if (strcmp(name, "numpy") == 0)
            s = add_sym(x, as, SYM_NP);
        else if (strcmp(name, "talib") == 0)
            s = add_sym(x, as, SYM_TALIB);
        else if (strcmp(name, "backtesting") == 0 || strncmp(name, "backtesting.", 12) == 0)
            s = add_what(x, as, SYM_BT_MODULE, name);
        else
            s = add_what(x, as, SYM_SKIPPED, name);
        if (!s)
            return bt_error_set(x->err, BT_ERR_USAGE, "%s: too many module-level names", x->m->path);
        s->node = al;
    }
    return BT_OK;
}

/* ------------------------------------------------------------ scopes */

static long local_find(scope *sc, const char *name)
{
    for (size_t i = sc->n; i-- > 0;) /* the newest first: lambda parameters shadow */
        if (strcmp(sc->names[i], name) == 0)
            return (long)i;
    return -1;
}

static long attr_find(ctx *x, const char *name)
{
    for (size_t i = 0; i < x->c->n_attrs; i++)
        if (strcmp(x->c->attrs[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* ------------------------------------------------------------ expressions */

static cnode *cexpr(ctx *x, const bt_ast *n);
static cblock *cblock_of(ctx *x, const bt_ast *blk);

static int is_self(const bt_ast *n) { return n && n->kind == BT_AST_NAME && strcmp(n->str, "self") == 0; }
static int is_attr_of_self(const bt_ast *n, const char *name)
{
    return n && n->kind == BT_AST_ATTR && is_self(n->kid[0]) && (!name || strcmp(n->str, name) == 0);
}

static int data_col(const char *s)
{
    static const char *cols[] = {"Open", "High", "Low", "Close", "Volume"};
    for (int k = 0; k < 5; k++)
        if (strcmp(s, cols[k]) == 0)
            return k;
    return -1;
}

/* positional arguments and keywords of a call */
typedef struct args {
    const bt_ast *pos[16];
    size_t n_pos;
    const bt_ast *kw[16];
    const char *kw_name[16];
    size_t n_kw;
} args;

static int split_args(ctx *x, const bt_ast *call, args *a)
{
    memset(a, 0, sizeof *a);
    for (size_t k = 1; k < call->n_kid; k++) {
        const bt_ast *e = call->kid[k];
        if (e->kind == BT_AST_STARRED)
            return unsupported(x, e, "plain positional and keyword arguments");
        if (e->kind == BT_AST_KEYWORD) {
            if (!e->str)
                return unsupported(x, e, "plain positional and keyword arguments");
            if (a->n_kw >= 16)
                return unsupported(x, call, "at most 16 keyword arguments");
            a->kw_name[a->n_kw] = e->str;
            a->kw[a->n_kw++] = e->kid[0];
        } else {
            if (a->n_pos >= 16)
                return unsupported(x, call, "at most 16 positional arguments");
            a->pos[a->n_pos++] = e;
        }
    }
    return BT_OK;
}

static const bt_ast *kwarg(args *a, const char *name)
{
    for (size_t k = 0; k < a->n_kw; k++)
        if (strcmp(a->kw_name[k], name) == 0)
            return a->kw[k];
    return NULL;
}

/* every keyword must be in the list (NULL-terminated) */
static int check_kws(ctx *x, const bt_ast *call, args *a, const char *const *allowed, const char *sup)
{
    for (size_t k = 0; k < a->n_kw; k++) {
        int ok = 0;
        for (size_t q = 0; allowed[q]; q++)
            ok |= strcmp(allowed[q], a->kw_name[k]) == 0;
        if (!ok)
            return unsupported(x, a->kw[k] ? call : call, sup);
    }
    return BT_OK;
}

static cnode *num_arg(ctx *x, const bt_ast *n, const char *what)
{
    if (!n)
        return NULL;
    cnode *c = cexpr(x, n);
    if (!c)
        return NULL;
    if (c->type != CT_NUM) {
        unsupported(x, n, what);
        return NULL;
    }
    return c;
}

#define FAILED (x->err && x->err->status != BT_OK)

static cnode *arr_result(ctx *x, int kind, const bt_ast *src, size_t n_kid, unsigned flags)
{
    cnode *c = mk(x, kind, CT_ARR, src, n_kid);
    if (c)
        c->flags = flags;
    return c;
}

/* The Series builtin fn of an array, a->pos[0] (arr_what names what it must
 * be), and with n_kid 2 an integer window, a->pos[1]; src is the call. */
static cnode *array_builtin(ctx *x, const bt_ast *src, int fn, const args *a, size_t n_kid, const char *arr_what)
{
    cnode *c = arr_result(x, CN_BUILTIN, src, n_kid, CF_SERIES);
    if (!c)
        return NULL;
    c->fn = fn;
    if (!(c->kid[0] = cexpr(x, a->pos[0])))
        return NULL;
    if (c->kid[0]->type != CT_ARR) {
        unsupported(x, a->pos[0], arr_what);
        return NULL;
    }
    if (n_kid > 1 && !(c->kid[1] = num_arg(x, a->pos[1], "an integer window")))
        return NULL;
    return c;
}

/* SMA(array, n), whether called in init() or given to self.I */
static cnode *c_sma(ctx *x, const bt_ast *src, const args *a)
{
    return array_builtin(x, src, B_SMA, a, 2, "an array as SMA's input");
}

/* self.I(lambda a, b: EXPR, x, y): the parameters become fresh slots of the
 * enclosing frame (so the body also sees init()'s locals, as a closure does) */
static cnode *call_lambda(ctx *x, const bt_ast *lam, const bt_ast *const *argv, size_t argc, const bt_ast *src)
{
    const bt_ast *params = lam->kid[0];
    size_t np = params ? params->n_kid : 0;
    if (np != argc) {
        errat(x, src, "TypeError: <lambda>() takes %zu positional arguments but %zu were given", np, argc);
        return NULL;
    }
    cnode *res = mk(x, CN_LAMBDA, 0, src, np + 1);
    if (!res)
        return NULL;
    scope *sc = x->sc;
    size_t base = sc->n;
    for (size_t k = 0; k < np; k++) {
        if (params->kid[k]->flag != 0 || params->kid[k]->kid[0]) {
            unsupported(x, params->kid[k], "plain lambda parameters");
            return NULL;
        }
        if (!(res->kid[k] = cexpr(x, argv[k])))
            return NULL;
    }
    if (base + np > MAX_LOCALS) {
        unsupported(x, src, "at most 256 local names");
        return NULL;
    }
    for (size_t k = 0; k < np; k++) {
        sc->names[base + k] = params->kid[k]->str;
        sc->types[base + k] = res->kid[k]->type;
        sc->flags[base + k] = res->kid[k]->flags;
        sc->n_multi[base + k] = res->kid[k]->n_multi;
        sc->ind[base + k] = 0;
    }
    sc->n = base + np;
    if (sc->n > sc->max)
        sc->max = sc->n;
    cnode *body = cexpr(x, lam->kid[1]);
    sc->n = base;
    if (!body)
        return NULL;
    res->kid[np] = body;
    res->aux = (int)base; /* first parameter slot */
    res->type = body->type;
    res->flags = body->flags;
    res->n_multi = body->n_multi;
    return res;
}

/* helper calls: a def checked with the argument types of this call */
static cnode *call_helper(ctx *x, const bt_ast *def, const bt_ast *call, const bt_ast *const *argv, size_t argc,
                          int is_lambda, const bt_ast *src)
{
    const bt_ast *params = def->kid[0];
    if (x->depth > 8) {
        unsupported(x, src, "helper functions nested at most 8 deep (no recursion)");
        return NULL;
    }
    size_t np = params ? params->n_kid : 0;
    for (size_t k = 0; k < np; k++)
        if (params->kid[k]->flag != 0 && params->kid[k]->flag != 3) {
            unsupported(x, params->kid[k], "plain parameters (no *args / **kwargs)");
            return NULL;
        }
    cnode **ka = NULL;
    chelper *h = new_mem(x, sizeof *h);
    scope *sc = calloc(1, sizeof *sc);
    if (!h || !sc) {
        free(sc);
        bt_error_set(x->err, BT_ERR_NOMEM, "out of memory");
        return NULL;
    }
    /* bind arguments: positional then keywords by name, then defaults */
    cnode *bound[32] = {0};
    if (np > 32) {
        free(sc);
        unsupported(x, def, "at most 32 parameters");
        return NULL;
    }
    args a;
    if (call) {
        if (split_args(x, call, &a)) {
            free(sc);
            return NULL;
        }
    } else {
        memset(&a, 0, sizeof a);
    }
    if (argc > np) {
        free(sc);
        errat(x, src, "TypeError: %s() takes %zu positional arguments but %zu were given", def->str ? def->str : "<lambda>", np, argc);
        return NULL;
    }
    for (size_t k = 0; k < argc; k++) {
        bound[k] = cexpr(x, argv[k]);
        if (!bound[k]) {
            free(sc);
            return NULL;
        }
    }
    for (size_t q = 0; q < a.n_kw && call; q++) {
        int found = 0;
        for (size_t k = 0; k < np; k++)
            if (strcmp(params->kid[k]->str, a.kw_name[q]) == 0) {
                found = 1;
                bound[k] = cexpr(x, a.kw[q]);
                if (!bound[k]) {
                    free(sc);
                    return NULL;
                }
            }
        if (!found) {
            free(sc);
            errat(x, src, "TypeError: %s() got an unexpected keyword argument '%s'", def->str, a.kw_name[q]);
            return NULL;
        }
    }
    for (size_t k = 0; k < np; k++)
        if (!bound[k]) {
            if (!params->kid[k]->kid[0]) {
                free(sc);
                errat(x, src, "TypeError: %s() missing required argument: '%s'", def->str ? def->str : "<lambda>",
                      params->kid[k]->str);
                return NULL;
            }
            scope *saved = x->sc;
            bound[k] = cexpr(x, params->kid[k]->kid[0]); /* defaults: module constants and literals */
            x->sc = saved;
            if (!bound[k]) {
                free(sc);
                return NULL;
            }
        }
    for (size_t k = 0; k < np; k++) {
        sc->names[k] = params->kid[k]->str;
        sc->types[k] = bound[k]->type;
        sc->flags[k] = bound[k]->flags;
        sc->n_multi[k] = bound[k]->n_multi;
        sc->ind[k] = 0;
    }
    sc->n = np;
    sc->max = np;
    scope *saved = x->sc;
    int saved_where = x->where;
    x->sc = sc;
    x->where = W_HELPER;
    x->depth++;
    h->name = def->str ? def->str : "<lambda>";
    h->n_args = np;
    cnode *res = NULL;
    if (is_lambda) {
        /* the lambda's body sees the enclosing method's names (self, locals) */
        h->expr = NULL;
        scope *lam = sc;
        (void)lam;
        x->where = saved_where == W_HELPER ? W_HELPER : W_INIT;
        /* enclosing locals are not visible (they would be closures): only its parameters */
        h->expr = cexpr(x, def->kid[1]);
        if (h->expr) {
            res = mk(x, CN_LAMBDA, h->expr->type, src, np);
            if (res) {
                res->flags = h->expr->flags;
                res->n_multi = h->expr->n_multi;
            }
        }
    } else {
        h->body = cblock_of(x, def->kid[1]);
        if (h->body) {
            /* the type of the return statement(s) */
            int type = 0;
            unsigned fl = 0;
            int nm = 0;
            const cstmt *last = h->body->n ? h->body->s[h->body->n - 1] : NULL;
            for (size_t k = 0; k < h->body->n; k++) {
                const cstmt *s = h->body->s[k];
                if (s->kind == CS_RETURN) {
                    if (!s->value) {
                        unsupported(x, s->src, "a helper function that returns a series (return EXPR)");
                        break;
                    }
                    if (type && type != s->value->type)
                        errat(x, s->src, "the helper function '%s' returns values of different kinds", h->name);
                    type = s->value->type;
                    fl = s->value->flags;
                    nm = s->value->n_multi;
                } else if (s->kind != CS_ASSIGN && s->kind != CS_UNPACK && s->kind != CS_PASS &&
                           s->kind != CS_AUGASSIGN && s->kind != CS_EXPR) {
                    unsupported(x, s->src, "helper functions made of assignments and a final return");
                    break;
                }
            }
            if (!FAILED && (!last || last->kind != CS_RETURN))
                errat(x, def, "the helper function '%s' must end with a return statement", h->name);
            if (!FAILED) {
                res = mk(x, CN_HELPER, type, src, np);
                if (res) {
                    res->flags = fl;
                    res->n_multi = nm;
                }
            }
        }
    }
    h->n_slots = sc->max > sc->n ? sc->max : sc->n;
    x->depth--;
    x->sc = saved;
    x->where = saved_where;
    free(sc);
    if (!res || FAILED)
        return NULL;
    ka = res->kid;
    for (size_t k = 0; k < np; k++)
        ka[k] = bound[k];
    /* register the helper */
    bt_compiled *c = x->c;
    if (c->n_helpers == c->cap_helpers) {
        size_t cap = c->cap_helpers ? 2 * c->cap_helpers : 8;
        chelper **nh = realloc(c->helpers, cap * sizeof *nh);
        if (!nh) {
            bt_error_set(x->err, BT_ERR_NOMEM, "out of memory");
            return NULL;
        }
        c->helpers = nh;
        c->cap_helpers = cap;
    }
    res->slot = (int)c->n_helpers;
    c->helpers[c->n_helpers++] = h;
    return res;
}

static cnode *c_talib(ctx *x, const bt_ta_func *f, const bt_ast *call, args *a, size_t skip)
{
    size_t ni = f->n_inputs, no = f->n_opts;
    cnode *c = mk(x, CN_TALIB, f->n_outputs > 1 ? CT_MULTI : CT_ARR, call, ni + no);
    if (!c)
        return NULL;
    c->ta = f;
    c->str = f->name;
    c->n_multi = (int)f->n_outputs;
    size_t npos = a->n_pos - skip;
    if (npos < ni) {
        errat(x, call, "talib.%s needs %zu input arrays (%s%s%s%s%s)", f->name, ni, f->inputs[0], ni > 1 ? ", " : "",
              ni > 1 ? f->inputs[1] : "", ni > 2 ? ", " : "", ni > 2 ? f->inputs[2] : "");
        return NULL;
    }
    if (npos > ni + no) {
        errat(x, call, "TypeError: talib.%s takes at most %zu arguments (%zu given)", f->name, ni + no, npos);
        return NULL;
    }
    unsigned flags = 0;
    for (size_t k = 0; k < ni; k++) {
        cnode *in = cexpr(x, a->pos[skip + k]);
        if (!in)
            return NULL;
        if (in->type != CT_ARR) {
            unsupported(x, a->pos[skip + k], "an array or Series as a talib input");
            return NULL;
        }
        if (k == 0)
            flags = in->flags & CF_SERIES;
        c->kid[k] = in;
    }
    for (size_t k = ni; k < npos; k++)
        if (!(c->kid[k] = num_arg(x, a->pos[skip + k], "a number as a talib option")))
            return NULL;
    for (size_t q = 0; q < a->n_kw; q++) {
        int found = 0;
        for (size_t k = 0; k < no; k++)
            if (strcmp(f->opt_names[k], a->kw_name[q]) == 0) {
                found = 1;
                if (!(c->kid[ni + k] = num_arg(x, a->kw[q], "a number as a talib option")))
                    return NULL;
            }
        for (size_t k = 0; k < ni && !found; k++)
            if (strcmp(f->inputs[k], a->kw_name[q]) == 0) {
                found = 1;
                cnode *in = cexpr(x, a->kw[q]);
                if (!in)
                    return NULL;
                c->kid[k] = in;
            }
        if (!found) {
            errat(x, call, "TypeError: talib.%s got an unexpected keyword argument '%s'", f->name, a->kw_name[q]);
            return NULL;
        }
    }
    c->flags = flags;
    if (c->type == CT_ARR)
        c->n_multi = 0;
    return c;
}

/* pandas methods: recv.method(args) */
static cnode *c_series_method(ctx *x, const bt_ast *call, const bt_ast *callee)
{
    const char *meth = callee->str;
    const bt_ast *recv = callee->kid[0];
    args a;
    if (split_args(x, call, &a))
        return NULL;
    /* .rolling(n).agg() / .ewm(...).mean() */
    if (recv->kind == BT_AST_CALL && recv->kid[0]->kind == BT_AST_ATTR &&
        (strcmp(recv->kid[0]->str, "rolling") == 0 || strcmp(recv->kid[0]->str, "ewm") == 0)) {
        const bt_ast *inner = recv->kid[0];
        cnode *r = cexpr(x, inner->kid[0]);
        if (!r)
            return NULL;
        if (r->type != CT_ARR || !(r->flags & CF_SERIES)) {
            unsupported(x, inner, "pandas methods on a pd.Series (wrap arrays in pd.Series(...))");
            return NULL;
        }
        args ra;
        if (split_args(x, recv, &ra))
            return NULL;
        if (strcmp(inner->str, "rolling") == 0) {
            static const char *const rkw[] = {"window", "min_periods", NULL};
            if (check_kws(x, recv, &ra, rkw, "rolling(window, min_periods=)"))
                return NULL;
            static const char *aggs[] = {"mean", "sum", "std", "var", "max", "min"};
            int fn = -1;
            for (int k = 0; k < 6; k++)
                if (strcmp(meth, aggs[k]) == 0)
                    fn = S_ROLL_MEAN + k;
            if (fn < 0) {
                unsupported(x, call, "rolling(n).mean(), .sum(), .std(ddof=), .var(ddof=), .max(), .min()");
                return NULL;
            }
            static const char *const dkw[] = {"ddof", NULL};
            static const char *const nokw[] = {NULL};
            if (check_kws(x, call, &a, (fn == S_ROLL_STD || fn == S_ROLL_VAR) ? dkw : nokw,
                          "rolling(n).std(ddof=) / .var(ddof=)") || a.n_pos > 0) {
                if (!FAILED)
                    unsupported(x, call, "rolling(n).mean(), .sum(), .std(ddof=), .var(ddof=), .max(), .min()");
                return NULL;
            }
            const bt_ast *win = ra.n_pos ? ra.pos[0] : kwarg(&ra, "window");
            if (!win || ra.n_pos > 2) {
                unsupported(x, recv, "rolling(window) with a number window");
                return NULL;
            }
            cnode *c = arr_result(x, CN_SERIES_OP, call, 4, CF_SERIES);
            if (!c)
                return NULL;
            c->fn = fn;
            c->kid[0] = r;
            if (!(c->kid[1] = num_arg(x, win, "an integer window")))
                return NULL;
            const bt_ast *mp = ra.n_pos > 1 ? ra.pos[1] : kwarg(&ra, "min_periods");
            if (mp && mp->kind != BT_AST_NONE && !(c->kid[2] = num_arg(x, mp, "an integer min_periods")))
                return NULL;
            const bt_ast *dd = kwarg(&a, "ddof");
            if (dd && !(c->kid[3] = num_arg(x, dd, "an integer ddof")))
                return NULL;
            return c;
        }
        /* ewm */
        static const char *const ekw[] = {"span", "com", "alpha", "halflife", "adjust", "min_periods", "ignore_na", NULL};
        if (check_kws(x, recv, &ra, ekw, "ewm(span= | com= | alpha= | halflife=, adjust=, min_periods=, ignore_na=)"))
            return NULL;
        if (strcmp(meth, "mean") != 0 || a.n_pos || a.n_kw || ra.n_pos > 1) {
            unsupported(x, call, "ewm(span= | com= | alpha= | halflife=, adjust=, min_periods=).mean()");
            return NULL;
        }
        static const char *const kinds[] = {"com", "span", "halflife", "alpha"};
        int kinds_id[] = {BT_EWM_COM, BT_EWM_SPAN, BT_EWM_HALFLIFE, BT_EWM_ALPHA};
        const bt_ast *val = NULL;
        int kind = -1, count = 0;
        if (ra.n_pos) {
            val = ra.pos[0];
            kind = BT_EWM_COM;
            count++;
        }
        for (int k = 0; k < 4; k++) {
            const bt_ast *v = kwarg(&ra, kinds[k]);
            if (v && v->kind != BT_AST_NONE) {
                val = v;
                kind = kinds_id[k];
                count++;
            }
        }
        if (count != 1) {
            errat(x, recv, "ValueError: comass, span, halflife, and alpha are mutually exclusive (give exactly one)");
            return NULL;
        }
        cnode *c = arr_result(x, CN_SERIES_OP, call, 5, CF_SERIES);
        if (!c)
            return NULL;
        c->fn = S_EWM_MEAN;
        c->aux = kind;
        c->kid[0] = r;
        if (!(c->kid[1] = num_arg(x, val, "a number")))
            return NULL;
        const bt_ast *v;
        if ((v = kwarg(&ra, "adjust")) && !(c->kid[2] = num_arg(x, v, "True or False")))
            return NULL;
        if ((v = kwarg(&ra, "min_periods")) && !(c->kid[3] = num_arg(x, v, "an integer")))
            return NULL;
        if ((v = kwarg(&ra, "ignore_na")) && !(c->kid[4] = num_arg(x, v, "True or False")))
            return NULL;
        return c;
    }
    static const char *SUP_SERIES = "rolling(n).mean/sum/std/var/max/min(), ewm(...).mean(), diff(k), shift(k), "
                                    "pct_change(k), abs(), clip(lower=, upper=), bfill(), ffill(), fillna(v), "
                                    "values, to_numpy()";
    int fn = -1;
    static const struct { const char *name; int fn; } M[] = {
        {"diff", S_DIFF}, {"shift", S_SHIFT}, {"pct_change", S_PCT_CHANGE}, {"abs", S_ABS}, {"clip", S_CLIP},
        {"bfill", S_BFILL}, {"ffill", S_FFILL}, {"fillna", S_FILLNA}, {"to_numpy", S_VALUES}};
    for (size_t k = 0; k < sizeof M / sizeof M[0]; k++)
        if (strcmp(meth, M[k].name) == 0)
            fn = M[k].fn;
    if (fn < 0) {
        unsupported(x, call, SUP_SERIES);
        return NULL;
    }
    cnode *r = cexpr(x, recv);
    if (!r)
        return NULL;
    if (r->type != CT_ARR || (!(r->flags & CF_SERIES) && fn != S_VALUES)) {
        unsupported(x, call, "pandas methods on a pd.Series (wrap arrays in pd.Series(...))");
        return NULL;
    }
    cnode *c = arr_result(x, CN_SERIES_OP, call, 3, fn == S_VALUES ? (r->flags & ~CF_SERIES) : CF_SERIES);
    if (!c)
        return NULL;
    c->fn = fn;
    c->kid[0] = r;
    const bt_ast *p1 = NULL, *p2 = NULL;
    switch (fn) {
    case S_DIFF: case S_SHIFT: case S_PCT_CHANGE: {
        static const char *const pk[] = {"periods", NULL};
        if (check_kws(x, call, &a, pk, SUP_SERIES) || a.n_pos > 1) {
            if (!FAILED)
                unsupported(x, call, SUP_SERIES);
            return NULL;
        }
        p1 = a.n_pos ? a.pos[0] : kwarg(&a, "periods");
        break;
    }
    case S_CLIP: {
        static const char *const ck[] = {"lower", "upper", NULL};
        if (check_kws(x, call, &a, ck, SUP_SERIES) || a.n_pos > 2) {
            if (!FAILED)
                unsupported(x, call, SUP_SERIES);
            return NULL;
        }
        p1 = a.n_pos > 0 ? a.pos[0] : kwarg(&a, "lower");
        p2 = a.n_pos > 1 ? a.pos[1] : kwarg(&a, "upper");
        break;
    }
    case S_FILLNA:
        if (a.n_pos != 1 || a.n_kw) {
            unsupported(x, call, "fillna(number)");
            return NULL;
        }
        p1 = a.pos[0];
        break;
    default:
        if (a.n_pos || a.n_kw) {
            unsupported(x, call, SUP_SERIES);
            return NULL;
        }
    }
    if (p1 && p1->kind != BT_AST_NONE && !(c->kid[1] = num_arg(x, p1, "a number")))
        return NULL;
    if (p2 && p2->kind != BT_AST_NONE && !(c->kid[2] = num_arg(x, p2, "a number")))
        return NULL;
    return c;
}

static cnode *c_builtin(ctx *x, int fn, const bt_ast *call, int min_args, int max_args, int type)
{
    args a;
    if (split_args(x, call, &a))
        return NULL;
    if ((int)a.n_pos < min_args || (int)a.n_pos > max_args) {
        char buf[80];
        text(x, call->kid[0], buf, sizeof buf);
        errat(x, call, "TypeError: %s() takes %d to %d arguments (%zu given)", buf, min_args, max_args, a.n_pos);
        return NULL;
    }
    const bt_ast *def = NULL;
    if (fn == B_BARSSINCE) {
        def = kwarg(&a, "default");
        static const char *const k[] = {"default", NULL};
        if (check_kws(x, call, &a, k, "barssince(condition, default=)"))
            return NULL;
    } else if (a.n_kw) {
        unsupported(x, call, "positional arguments");
        return NULL;
    }
    cnode *c = mk(x, CN_BUILTIN, type, call, a.n_pos + (fn == B_BARSSINCE ? 1 : 0));
    if (!c)
        return NULL;
    c->fn = fn;
    unsigned flags = 0;
    int any_arr = 0;
    for (size_t k = 0; k < a.n_pos; k++) {
        if (!(c->kid[k] = cexpr(x, a.pos[k])))
            return NULL;
        if (c->kid[k]->type == CT_ARR) {
            any_arr = 1;
            flags |= c->kid[k]->flags;
        } else if (c->kid[k]->type != CT_NUM) {
            unsupported(x, a.pos[k], "numbers and arrays as arguments");
            return NULL;
        }
    }
    if (fn == B_BARSSINCE) {
        if (def && !(c->kid[1] = num_arg(x, def, "a number")))
            return NULL;
        if (c->kid[0]->type != CT_ARR) {
            unsupported(x, a.pos[0], "an array condition (e.g. self.data.Close > self.sma)");
            return NULL;
        }
    }
    if ((fn == B_MIN || fn == B_MAX) && any_arr) {
        unsupported(x, call, "min/max of numbers (index arrays: x[-1])");
        return NULL;
    }
    if ((fn == B_INT || fn == B_FLOAT || fn == B_ROUND || fn == B_BOOL) && any_arr) {
        if (fn == B_FLOAT && x->where == W_NEXT && (flags & CF_BTARR))
            ; /* float(_Array): its last value */
        else {
            unsupported(x, call, "int/float/round/bool of numbers");
            return NULL;
        }
    }
    if (fn == B_MIN || fn == B_MAX) {
        if (a.n_pos < 2) {
            unsupported(x, call, "min/max of two or more numbers");
            return NULL;
        }
    }
    if (type == CT_ARR) {
        if (!any_arr && (fn == B_NP_MAXIMUM || fn == B_NP_MINIMUM || fn == B_NP_ABS || fn == B_NP_WHERE ||
                         fn == B_NP_ISNAN))
            c->type = CT_NUM; /* numpy on scalars: a numpy scalar */
        else
            c->flags = (flags & CF_SERIES) ? CF_SERIES : (flags & CF_BTARR);
        if (fn == B_NP_WHERE || fn == B_NP_MAXIMUM || fn == B_NP_MINIMUM)
            c->flags &= ~CF_SERIES; /* np functions return ndarrays for where; maximum keeps Series (see interp) */
        if (fn == B_NP_MAXIMUM || fn == B_NP_MINIMUM || fn == B_NP_ABS || fn == B_NP_ISNAN)
            c->flags = (flags & CF_SERIES) ? CF_SERIES : (flags & CF_BTARR);
    }
    if (fn == B_ABS && any_arr) {
        c->type = CT_ARR;
        c->flags = flags & (CF_SERIES | CF_BTARR);
    }
    return c;
}

static cnode *c_call(ctx *x, const bt_ast *n)
{
    const bt_ast *f = n->kid[0];
    if (f->kind == BT_AST_NAME) {
        const char *name = f->str;
        if (local_find(x->sc, name) >= 0) {
            unsupported(x, n, "calls of functions defined at module level");
            return NULL;
        }
        sym *s = find_sym(x, name);
        if (s) {
            switch (s->kind) {
            case SYM_CROSSOVER: case SYM_CROSS:
                if (x->where != W_NEXT) {
                    unsupported(x, n, "crossover()/cross() in next()");
                    return NULL;
                }
                return c_builtin(x, s->kind == SYM_CROSS ? B_CROSS : B_CROSSOVER, n, 2, 2, CT_NUM);
            case SYM_BARSSINCE:
                return c_builtin(x, B_BARSSINCE, n, 1, 1, CT_NUM);
            case SYM_SMA: {
                args a;
                if (split_args(x, n, &a))
                    return NULL;
                if (a.n_pos != 2 || a.n_kw) {
                    unsupported(x, n, "SMA(array, n)");
                    return NULL;
                }
                cnode *c = c_sma(x, n, &a);
                if (!c)
                    return NULL;
                if (x->where == W_NEXT) {
                    unsupported(x, n, "indicator functions in init() (declare them with self.I)");
                    return NULL;
                }
                return c;
            }
            case SYM_TA_FUNC: {
                if (x->where == W_NEXT) {
                    unsupported(x, n, "indicator functions in init() (declare them with self.I)");
                    return NULL;
                }
                args a;
                if (split_args(x, n, &a))
                    return NULL;
                return c_talib(x, s->ta, n, &a, 0);
            }
            case SYM_HELPER:
                if (x->where == W_NEXT) {
                    unsupported(x, n, "helper functions in init() (declare indicators with self.I)");
                    return NULL;
                }
                {
                    args a;
                    if (split_args(x, n, &a))
                        return NULL;
                    return call_helper(x, s->node, n, a.pos, a.n_pos, 0, n);
                }
            case SYM_SKIPPED:
                errat(x, f, "'%s' comes from module '%s', which a compiled strategy cannot use", name, s->what);
                return NULL;
            case SYM_UNSUPPORTED_LIB:
                if (strcmp(s->what, "resample_apply") == 0 || strcmp(s->what, "SignalStrategy") == 0)
                    errat(x, n, "'%s' is not supported in a compiled strategy yet", s->what);
                else
                    unsupported(x, n, "crossover, cross, barssince and TrailingStrategy from backtesting.lib, SMA from "
                                      "backtesting.test, talib functions");
                return NULL;
            default:
                unsupported(x, n, x->where == W_NEXT ? SUP_EXPR_NEXT : SUP_EXPR_INIT);
                return NULL;
            }
        }
        static const struct { const char *name; int fn, lo, hi, type; } BI[] = {
            {"min", B_MIN, 1, 16, CT_NUM}, {"max", B_MAX, 1, 16, CT_NUM}, {"abs", B_ABS, 1, 1, CT_NUM},
            {"int", B_INT, 1, 1, CT_NUM}, {"float", B_FLOAT, 1, 1, CT_NUM}, {"round", B_ROUND, 1, 2, CT_NUM},
            {"bool", B_BOOL, 1, 1, CT_NUM}};
        for (size_t k = 0; k < sizeof BI / sizeof BI[0]; k++)
            if (strcmp(name, BI[k].name) == 0) {
                if (BI[k].fn == B_FLOAT && n->n_kid == 2 && is_str_const(n->kid[1])) {
                    const char *s = n->kid[1]->str;
                    double v;
                    if (strcmp(s, "inf") == 0 || strcmp(s, "+inf") == 0 || strcmp(s, "Infinity") == 0)
                        v = INFINITY;
                    else if (strcmp(s, "-inf") == 0 || strcmp(s, "-Infinity") == 0)
                        v = -INFINITY;
                    else if (strcmp(s, "nan") == 0 || strcmp(s, "NaN") == 0)
                        v = NAN;
                    else {
                        unsupported(x, n, "float('inf'), float('-inf'), float('nan')");
                        return NULL;
                    }
                    cnode *c = mk(x, CN_CONST, CT_NUM, n, 0);
                    if (c) {
                        c->num = v;
                        c->ptype = BT_PTYPE_FLOAT;
                    }
                    return c;
                }
                return c_builtin(x, BI[k].fn, n, BI[k].lo, BI[k].hi, BI[k].type);
            }
        if (strcmp(name, "len") == 0) {
            if (n->n_kid == 2) {
                const bt_ast *a = n->kid[1];
                if (is_attr_of_self(a, "data"))
                    return mk(x, CN_LEN_DATA, CT_NUM, n, 0);
                if (is_attr_of_self(a, "trades"))
                    return mk(x, CN_LEN_TRADES, CT_NUM, n, 0);
                if (is_attr_of_self(a, "orders"))
                    return mk(x, CN_LEN_ORDERS, CT_NUM, n, 0);
            }
            unsupported(x, n, "len(self.data), len(self.trades), len(self.orders)");
            return NULL;
        }
        errat(x, f, "NameError: name '%s' is not defined", name);
        return NULL;
    }
    if (f->kind == BT_AST_ATTR) {
        const bt_ast *base = f->kid[0];
        const char *meth = f->str;
        if (base->kind == BT_AST_NAME && !is_self(base) && local_find(x->sc, base->str) < 0) {
            sym *s = find_sym(x, base->str);
            if (s && s->kind == SYM_NP) {
                static const struct { const char *name; int fn, lo, hi; } NP[] = {
                    {"maximum", B_NP_MAXIMUM, 2, 2}, {"minimum", B_NP_MINIMUM, 2, 2}, {"abs", B_NP_ABS, 1, 1},
                    {"absolute", B_NP_ABS, 1, 1}, {"where", B_NP_WHERE, 3, 3}, {"isnan", B_NP_ISNAN, 1, 1}};
                for (size_t k = 0; k < sizeof NP / sizeof NP[0]; k++)
                    if (strcmp(meth, NP[k].name) == 0)
                        return c_builtin(x, NP[k].fn, n, NP[k].lo, NP[k].hi, CT_ARR);
                unsupported(x, n, "np.maximum, np.minimum, np.abs, np.where, np.isnan, np.nan, np.inf");
                return NULL;
            }
            if (s && s->kind == SYM_PD) {
                if (strcmp(meth, "Series") == 0) {
                    args a;
                    if (split_args(x, n, &a))
                        return NULL;
                    if (a.n_pos != 1 || a.n_kw) {
                        unsupported(x, n, "pd.Series(array)");
                        return NULL;
                    }
                    cnode *c = array_builtin(x, n, B_PD_SERIES, &a, 1, "pd.Series of an array");
                    if (!c)
                        return NULL;
                    if (x->where == W_NEXT) {
                        unsupported(x, n, "pd.Series in init() and helper functions");
                        return NULL;
                    }
                    return c;
                }
                unsupported(x, n, "pd.Series(x)");
                return NULL;
            }
            if (s && s->kind == SYM_TALIB) {
                const bt_ta_func *tf = bt_ta_find(meth);
                if (!tf) {
                    unsupported(x, n, "the TA-Lib functions btgpu implements (SMA, EMA, WMA, RSI, ATR, MACD, BBANDS, MAX, "
                                      "MIN, STOCH, ADX, OBV, CCI, ...)");
                    return NULL;
                }
                if (x->where == W_NEXT) {
                    unsupported(x, n, "indicator functions in init() (declare them with self.I)");
                    return NULL;
                }
                args a;
                if (split_args(x, n, &a))
                    return NULL;
                return c_talib(x, tf, n, &a, 0);
            }
            if (s && (s->kind == SYM_SKIPPED || s->kind == SYM_BT_MODULE)) {
                char buf[120];
                errat(x, n, "'%s' is not supported in a compiled strategy; supported: names imported from backtesting, "
                      "backtesting.lib, backtesting.test, pandas, numpy and talib (module '%s' cannot be used)",
                      text(x, f, buf, sizeof buf), s->what);
                return NULL;
            }
            if (!s) {
                errat(x, base, "NameError: name '%s' is not defined", base->str);
                return NULL;
            }
        }
        if (is_attr_of_self(base, "position") && strcmp(meth, "close") == 0) {
            unsupported(x, n, "self.position.close() as a statement");
            return NULL;
        }
        if (is_self(base)) {
            if (strcmp(meth, "I") == 0) {
                unsupported(x, n, "self.I(...) assigned to a name or attribute in init()");
                return NULL;
            }
            if (strcmp(meth, "buy") == 0 || strcmp(meth, "sell") == 0) {
                unsupported(x, n, "self.buy(...) / self.sell(...) as statements in next()");
                return NULL;
            }
            unsupported(x, n, x->where == W_NEXT ? SUP_EXPR_NEXT : SUP_EXPR_INIT);
            return NULL;
        }
        if (strcmp(meth, "close") == 0 || strcmp(meth, "cancel") == 0) {
            unsupported(x, n, "trade.close() / order.cancel() as statements in next()");
            return NULL;
        }
        return c_series_method(x, n, f);
    }
    unsupported(x, n, x->where == W_NEXT ? SUP_EXPR_NEXT : SUP_EXPR_INIT);
    return NULL;
}

/* self.I(FUNC, ARGS..., name=, plot=, overlay=, scatter=, color=) */
/* backtesting.py's _as_str of a name: at most 10 characters, else 9 and an ellipsis */
static const char *short_name(ctx *x, const char *name)
{
    size_t n = 0, chars = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    if (chars <= 10)
        return name;
    char *out = new_mem(x, strlen(name) + 4);
    if (!out)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p & 0xC0) != 0x80 && n++ == 9)
            break;
        out[p - (const unsigned char *)name] = (char)*p;
        out[p - (const unsigned char *)name + 1] = '\0';
    }
    strcat(out, "\xe2\x80\xa6"); /* ... */
    return out;
}

/* Records how the CN_INDICATOR node c is named: c->op 0: FUNC(ARGS) with
 * c->str = FUNC and the argument nodes in kid[2 .. 2 + aux); 1: the name=
 * given (c->str; a list as Python prints it); 2: a name btgpu cannot derive
 * (name= with {} fields, an argument it does not compile): its trade columns
 * are left out. */
static int ind_name(ctx *x, cnode *c, const bt_ast *fn, const args *ia, const args *fa)
{
    for (size_t k = 0; ia && k < ia->n_kw; k++) {
        if (strcmp(ia->kw_name[k], "name") != 0)
            continue;
        const bt_ast *v = ia->kw[k];
        if (v->kind == BT_AST_NONE)
            break;
        char buf[512] = "";
        if (v->kind == BT_AST_STRING) {
            snprintf(buf, sizeof buf, "%s", v->str);
        } else if (v->kind == BT_AST_LIST || v->kind == BT_AST_TUPLE) {
            strcat(buf, "[");
            for (size_t q = 0; q < v->n_kid; q++) {
                if (v->kid[q]->kind != BT_AST_STRING || strchr(v->kid[q]->str, '\'') ||
                    strlen(buf) + strlen(v->kid[q]->str) + 8 > sizeof buf) {
                    c->op = 2;
                    return 0;
                }
                snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s'%s'", q ? ", " : "", v->kid[q]->str);
            }
            strcat(buf, "]");
        } else {
            c->op = 2;
            return 0;
        }
        if (strchr(buf, '{')) { /* str.format fields */
            c->op = 2;
            return 0;
        }
        char *t = new_mem(x, strlen(buf) + 1);
        if (!t)
            return -1;
        strcpy(t, buf);
        c->op = 1;
        c->str = t;
        return 0;
    }
    const char *f = fn->kind == BT_AST_LAMBDA ? "\xce\xbb" /* lambda */ : fn->str;
    if (!(c->str = short_name(x, f)))
        return -1;
    bt_error saved = *x->err;
    for (size_t k = 0; k < fa->n_pos + fa->n_kw; k++) {
        const bt_ast *arg = k < fa->n_pos ? fa->pos[k] : fa->kw[k - fa->n_pos];
        cnode *v = arg->kind == BT_AST_LAMBDA ? NULL : cexpr(x, arg);
        if (!v) { /* not a value btgpu evaluates on its own: no name */
            *x->err = saved;
            c->op = 2;
            c->aux = 0;
            return 0;
        }
        c->kid[2 + k] = v;
        c->aux = (int)(k + 1);
    }
    c->op = 0;
    return 0;
}

static cnode *c_indicator(ctx *x, const bt_ast *call)
{
    args a;
    if (split_args(x, call, &a))
        return NULL;
    if (x->where != W_INIT) {
        unsupported(x, call, "self.I(...) in init()");
        return NULL;
    }
    if (a.n_pos < 1) {
        errat(x, call, "TypeError: Strategy.I() missing 1 required positional argument: 'func'");
        return NULL;
    }
    const bt_ast *fn = a.pos[0];
    cnode *inner = NULL;
    const bt_ast *scatter = NULL;
    args fa = {0};
    /* positional args after func, and the keywords that are not I's own go to func */
    for (size_t k = 1; k < a.n_pos; k++)
        fa.pos[fa.n_pos++] = a.pos[k];
    for (size_t k = 0; k < a.n_kw; k++) {
        const char *kn = a.kw_name[k];
        if (strcmp(kn, "scatter") == 0) {
            scatter = a.kw[k];
            continue;
        }
        if (strcmp(kn, "name") == 0 || strcmp(kn, "plot") == 0 || strcmp(kn, "overlay") == 0 ||
            strcmp(kn, "color") == 0) {
            const bt_ast *v = a.kw[k];
            int kind = v->kind;
            if (!(kind == BT_AST_STRING || kind == BT_AST_TRUE || kind == BT_AST_FALSE || kind == BT_AST_NONE ||
                  kind == BT_AST_LIST || kind == BT_AST_TUPLE || kind == BT_AST_NAME || kind == BT_AST_ATTR)) {
                unsupported(x, v, "constants for name=, plot=, overlay=, color=");
                return NULL;
            }
            continue;
        }
        fa.kw_name[fa.n_kw] = kn;
        fa.kw[fa.n_kw++] = a.kw[k];
    }
    if (fn->kind == BT_AST_LAMBDA) {
        if (fa.n_kw) {
            unsupported(x, call, "positional arguments to a lambda");
            return NULL;
        }
        inner = call_lambda(x, fn, fa.pos, fa.n_pos, call);
    } else if (fn->kind == BT_AST_NAME || fn->kind == BT_AST_ATTR) {
        sym *s = NULL;
        const bt_ta_func *tf = NULL;
        if (fn->kind == BT_AST_NAME) {
            s = find_sym(x, fn->str);
            if (s && s->kind == SYM_TA_FUNC)
                tf = s->ta;
        } else if (fn->kid[0]->kind == BT_AST_NAME) {
            sym *m = find_sym(x, fn->kid[0]->str);
            if (m && m->kind == SYM_TALIB) {
                tf = bt_ta_find(fn->str);
                if (!tf) {
                    unsupported(x, fn, "the TA-Lib functions btgpu implements (SMA, EMA, WMA, RSI, ATR, MACD, BBANDS, "
                                       "MAX, MIN, STOCH, ADX, OBV, CCI, ...)");
                    return NULL;
                }
                s = m;
            }
        }
        if (tf) {
            inner = c_talib(x, tf, call, &fa, 0);
        } else if (s && s->kind == SYM_SMA) {
            if (fa.n_pos != 2 || fa.n_kw) {
                unsupported(x, call, "self.I(SMA, array, n)");
                return NULL;
            }
            if (!(inner = c_sma(x, call, &fa)))
                return NULL;
        } else if (s && s->kind == SYM_HELPER) {
            /* keywords go to the helper by name */
            const bt_ast *params = s->node->kid[0];
            const bt_ast *argv[32];
            size_t argc = fa.n_pos;
            if (argc > 32)
                argc = 32;
            for (size_t k = 0; k < argc; k++)
                argv[k] = fa.pos[k];
            for (size_t q = 0; q < fa.n_kw; q++) {
                size_t at = SIZE_MAX;
                for (size_t k = 0; params && k < params->n_kid; k++)
                    if (strcmp(params->kid[k]->str, fa.kw_name[q]) == 0)
                        at = k;
                if (at == SIZE_MAX) {
                    errat(x, call, "TypeError: %s() got an unexpected keyword argument '%s'", s->node->str, fa.kw_name[q]);
                    return NULL;
                }
                if (at != argc) {
                    unsupported(x, call, "keyword arguments to a helper in parameter order");
                    return NULL;
                }
                argv[argc++] = fa.kw[q];
            }
            inner = call_helper(x, s->node, NULL, argv, argc, 0, call);
        } else if (s && s->kind == SYM_UNSUPPORTED_LIB &&
                   (strcmp(s->what, "resample_apply") == 0 || strcmp(s->what, "SignalStrategy") == 0)) {
            errat(x, fn, "'%s' is not supported in a compiled strategy yet", s->what);
            return NULL;
        } else if (fn->kind == BT_AST_NAME && !s) {
            errat(x, fn, "NameError: name '%s' is not defined", fn->str);
            return NULL;
        } else {
            unsupported(x, fn, "self.I(FUNC, ...) with FUNC = SMA, a talib function, a helper function or a lambda");
            return NULL;
        }
    } else {
        unsupported(x, fn, "self.I(FUNC, ...) with FUNC = SMA, a talib function, a helper function or a lambda");
        return NULL;
    }
    if (!inner)
        return NULL;
    if (inner->type != CT_ARR && inner->type != CT_MULTI) {
        unsupported(x, call, "indicator functions that return arrays (or a tuple of arrays)");
        return NULL;
    }
    /* the indicator's name, as backtesting.py makes it (stats._trades' Entry_NAME / Exit_NAME): its
     * function's name and the arguments' names, evaluated at run time from kid[2 .. 2 + aux) */
    const size_t n_name_args = fa.n_pos + fa.n_kw;
    cnode *c = mk(x, CN_INDICATOR, inner->type, call, 2 + (n_name_args ? n_name_args : 1));
    if (!c)
        return NULL;
    c->n_kid = 2;
    c->kid[0] = inner;
    if (ind_name(x, c, fn, a.n_kw ? &a : NULL, &fa))
        return NULL;
    c->n_multi = inner->n_multi;
    c->flags = CF_BTARR;
    if (scatter && !(c->kid[1] = num_arg(x, scatter, "True or False")))
        return NULL;
    return c;
}

static int binop_ok(int op)
{
    return op == BT_OP_ADD || op == BT_OP_SUB || op == BT_OP_MUL || op == BT_OP_DIV || op == BT_OP_FLOORDIV ||
           op == BT_OP_MOD || op == BT_OP_POW;
}

static cnode *c_field(ctx *x, const bt_ast *n, cnode *obj)
{
    const char *f = n->str;
    static const struct { const char *name; int f; unsigned mask; } FL[] = {
        {"size", F_SIZE, 7}, {"pl", F_PL, 3}, {"pl_pct", F_PL_PCT, 3}, {"is_long", F_IS_LONG, 7},
        {"is_short", F_IS_SHORT, 7}, {"entry_price", F_ENTRY_PRICE, 2}, {"exit_price", F_EXIT_PRICE, 2},
        {"entry_bar", F_ENTRY_BAR, 2}, {"exit_bar", F_EXIT_BAR, 2}, {"sl", F_SL, 6}, {"tp", F_TP, 6},
        {"value", F_VALUE, 2}, {"limit", F_LIMIT, 4}, {"stop", F_STOP, 4}, {"is_contingent", F_IS_CONTINGENT, 4}};
    unsigned bit = obj->type == CT_POS ? 1 : obj->type == CT_TRADE ? 2 : 4;
    for (size_t k = 0; k < sizeof FL / sizeof FL[0]; k++)
        if (strcmp(f, FL[k].name) == 0 && (FL[k].mask & bit)) {
            cnode *c = mk(x, CN_FIELD, CT_NUM, n, 1);
            if (!c)
                return NULL;
            c->kid[0] = obj;
            c->fn = FL[k].f;
            c->aux = obj->type;
            return c;
        }
    unsupported(x, n, obj->type == CT_POS ? "self.position.size, .pl, .pl_pct, .is_long, .is_short, .close(portion)"
                      : obj->type == CT_TRADE ? "trade.size, .entry_price, .exit_price, .entry_bar, .exit_bar, .sl, .tp, "
                                                ".pl, .pl_pct, .value, .is_long, .is_short, .close(portion)"
                                              : "order.size, .limit, .stop, .sl, .tp, .is_long, .is_short, "
                                                ".is_contingent, .cancel()");
    return NULL;
}

static cnode *cexpr(ctx *x, const bt_ast *n)
{
    if (FAILED)
        return NULL;
    const char *sup = x->where == W_NEXT ? SUP_EXPR_NEXT : SUP_EXPR_INIT;
    switch (n->kind) {
    case BT_AST_INT: case BT_AST_FLOAT: case BT_AST_TRUE: case BT_AST_FALSE: {
        pyv v;
        if (!const_eval(x, n, &v)) {
            unsupported(x, n, "int, float and bool literals (no complex numbers, integers below 2**63)");
            return NULL;
        }
        cnode *c = mk(x, CN_CONST, CT_NUM, n, 0);
        if (c) {
            c->num = v.d;
            c->ptype = pv_ptype(v);
        }
        return c;
    }
    case BT_AST_NONE: {
        cnode *c = mk(x, CN_CONST, CT_NUM, n, 0);
        if (c)
            c->ptype = CV_NONE;
        return c;
    }
    case BT_AST_STRING:
        unsupported(x, n, sup);
        return NULL;
    case BT_AST_NAME: {
        long l = local_find(x->sc, n->str);
        if (l >= 0) {
            cnode *c = mk(x, CN_LOCAL, x->sc->types[l], n, 0);
            if (c) {
                c->slot = (int)l;
                c->flags = x->sc->flags[l];
                c->n_multi = x->sc->n_multi[l];
            }
            return c;
        }
        if (is_self(n)) {
            unsupported(x, n, "self.ATTRIBUTE");
            return NULL;
        }
        sym *s = find_sym(x, n->str);
        if (s && s->kind == SYM_CONST) {
            cnode *c = mk(x, CN_CONST, CT_NUM, n, 0);
            if (c) {
                c->num = s->num;
                c->ptype = s->ptype;
            }
            return c;
        }
        if (s && s->kind == SYM_SKIPPED) {
            errat(x, n, "'%s' comes from module '%s', which a compiled strategy cannot use", n->str, s->what);
            return NULL;
        }
        if (s && s->kind == SYM_UNSUPPORTED_LIB &&
            (strcmp(s->what, "resample_apply") == 0 || strcmp(s->what, "SignalStrategy") == 0)) {
            errat(x, n, "'%s' is not supported in a compiled strategy yet", s->what);
            return NULL;
        }
        if (s) {
            unsupported(x, n, sup);
            return NULL;
        }
        errat(x, n, "NameError: name '%s' is not defined", n->str);
        return NULL;
    }
    case BT_AST_ATTR: {
        const bt_ast *b = n->kid[0];
        if (x->where == W_HELPER && (is_self(b) || is_attr_of_self(b, NULL))) {
            errat(x, n, "NameError: name 'self' is not defined (a helper function sees only its parameters)");
            return NULL;
        }
        if (is_attr_of_self(b, "data")) {
            int col = data_col(n->str);
            if (col < 0) {
                if (strcmp(n->str, "index") == 0 || strcmp(n->str, "df") == 0 || strcmp(n->str, "pip") == 0)
                    unsupported(x, n, "self.data.Open, High, Low, Close, Volume");
                else
                    unsupported(x, n, "self.data.Open, High, Low, Close, Volume");
                return NULL;
            }
            cnode *c = arr_result(x, CN_DATA, n, 0, CF_BTARR);
            if (c)
                c->slot = col;
            return c;
        }
        if (is_self(b)) {
            const char *a = n->str;
            if (strcmp(a, "position") == 0)
                return x->where == W_NEXT ? mk(x, CN_POSITION, CT_POS, n, 0) : (unsupported(x, n, sup), NULL);
            if (strcmp(a, "equity") == 0)
                return mk(x, CN_EQUITY, CT_NUM, n, 0);
            if (strcmp(a, "trades") == 0)
                return mk(x, CN_TRADES, CT_TRADES, n, 0);
            if (strcmp(a, "orders") == 0)
                return mk(x, CN_ORDERS, CT_ORDERS, n, 0);
            if (strcmp(a, "data") == 0) {
                unsupported(x, n, "self.data.Open, High, Low, Close, Volume; len(self.data)");
                return NULL;
            }
            long k = attr_find(x, a);
            if (k < 0) {
                if (strcmp(a, "closed_trades") == 0 || strcmp(a, "I") == 0 || strcmp(a, "buy") == 0 ||
                    strcmp(a, "sell") == 0)
                    unsupported(x, n, sup);
                else
                    errat(x, n, "AttributeError: '%s' object has no attribute '%s' (no assignment self.%s = ... in "
                          "init() or next(), and not a parameter)", x->c->name, a, a);
                return NULL;
            }
            const cattr *at = &x->c->attrs[k];
            cnode *c = mk(x, CN_ATTR, at->type, n, 0);
            if (c) {
                c->slot = (int)k;
                c->flags = at->flags;
                c->n_multi = at->n_multi;
            }
            return c;
        }
        if (b->kind == BT_AST_NAME && local_find(x->sc, b->str) < 0) {
            sym *s = find_sym(x, b->str);
            if (s && s->kind == SYM_NP) {
                if (strcmp(n->str, "nan") == 0 || strcmp(n->str, "inf") == 0 || strcmp(n->str, "NaN") == 0) {
                    cnode *c = mk(x, CN_CONST, CT_NUM, n, 0);
                    if (c) {
                        c->num = n->str[0] == 'i' ? INFINITY : NAN;
                        c->ptype = BT_PTYPE_FLOAT;
                    }
                    return c;
                }
                unsupported(x, n, "np.nan, np.inf, np.maximum, np.minimum, np.abs, np.where, np.isnan");
                return NULL;
            }
        }
        cnode *obj = cexpr(x, b);
        if (!obj)
            return NULL;
        if (obj->type == CT_POS || obj->type == CT_TRADE || obj->type == CT_ORDER)
            return c_field(x, n, obj);
        if (obj->type == CT_ARR && strcmp(n->str, "values") == 0) {
            if (!(obj->flags & CF_SERIES)) {
                unsupported(x, n, ".values of a pd.Series");
                return NULL;
            }
            cnode *c = arr_result(x, CN_SERIES_OP, n, 3, 0);
            if (c) {
                c->fn = S_VALUES;
                c->kid[0] = obj;
            }
            return c;
        }
        unsupported(x, n, sup);
        return NULL;
    }
    case BT_AST_SUBSCRIPT: {
        const bt_ast *ix = n->kid[1];
        if (ix->kind == BT_AST_SLICE || ix->kind == BT_AST_TUPLE) {
            unsupported(x, n, "indexing with one integer (x[-1], x[-2]); no slices");
            return NULL;
        }
        cnode *obj = cexpr(x, n->kid[0]);
        if (!obj)
            return NULL;
        cnode *k = num_arg(x, ix, "an integer index");
        if (!k)
            return NULL;
        int type;
        if (obj->type == CT_ARR)
            type = CT_NUM;
        else if (obj->type == CT_TRADES)
            type = CT_TRADE;
        else if (obj->type == CT_ORDERS)
            type = CT_ORDER;
        else if (obj->type == CT_MULTI) {
            type = CT_ARR;
        } else {
            unsupported(x, n, "indexing arrays, indicators, self.trades and self.orders");
            return NULL;
        }
        if (obj->type == CT_ARR && x->where != W_NEXT) {
            unsupported(x, n, "indexing arrays in next()");
            return NULL;
        }
        cnode *c = mk(x, CN_INDEX, type, n, 2);
        if (!c)
            return NULL;
        c->kid[0] = obj;
        c->kid[1] = k;
        if (type == CT_ARR)
            c->flags = obj->flags;
        return c;
    }
    case BT_AST_CALL:
        if (is_attr_of_self(n->kid[0], "I")) {
            unsupported(x, n, "self.I(...) assigned directly to self.NAME or a local in init()");
            return NULL;
        }
        return c_call(x, n);
    case BT_AST_UNARY: {
        if (n->op == BT_OP_INVERT) {
            unsupported(x, n, "unary -, + and not");
            return NULL;
        }
        cnode *a = cexpr(x, n->kid[0]);
        if (!a)
            return NULL;
        if (n->op != BT_OP_NOT && a->type != CT_NUM && a->type != CT_ARR) {
            unsupported(x, n, "arithmetic on numbers and arrays");
            return NULL;
        }
        if (n->op == BT_OP_NOT && a->type == CT_ARR && !(a->flags & CF_BTARR)) {
            unsupported(x, n, "'not' of numbers, indicators and conditions in next()");
            return NULL;
        }
        cnode *c = mk(x, CN_UNARY, n->op == BT_OP_NOT ? CT_NUM : a->type, n, 1);
        if (c) {
            c->op = n->op;
            c->kid[0] = a;
            c->flags = n->op == BT_OP_NOT ? 0 : a->flags;
        }
        return c;
    }
    case BT_AST_BINARY: {
        if (!binop_ok(n->op)) {
            unsupported(x, n, "+, -, *, /, //, %, **");
            return NULL;
        }
        cnode *a = cexpr(x, n->kid[0]), *b = a ? cexpr(x, n->kid[1]) : NULL;
        if (!a || !b)
            return NULL;
        if ((a->type != CT_NUM && a->type != CT_ARR) || (b->type != CT_NUM && b->type != CT_ARR)) {
            unsupported(x, n, "arithmetic on numbers and arrays");
            return NULL;
        }
        int arr = a->type == CT_ARR || b->type == CT_ARR;
        cnode *c = mk(x, CN_BINARY, arr ? CT_ARR : CT_NUM, n, 2);
        if (c) {
            c->op = n->op;
            c->kid[0] = a;
            c->kid[1] = b;
            unsigned f = (a->type == CT_ARR ? a->flags : 0) | (b->type == CT_ARR ? b->flags : 0);
            c->flags = (f & CF_SERIES) ? CF_SERIES : f;
        }
        return c;
    }
    case BT_AST_COMPARE: {
        cnode *c = mk(x, CN_COMPARE, CT_NUM, n, n->n_kid);
        if (!c)
            return NULL;
        c->ops = new_mem(x, n->n_ops * sizeof(int) + 1);
        int arr = 0;
        unsigned f = 0;
        for (size_t k = 0; k < n->n_kid; k++) {
            if (!(c->kid[k] = cexpr(x, n->kid[k])))
                return NULL;
            if (c->kid[k]->type == CT_ARR) {
                arr = 1;
                f |= c->kid[k]->flags;
            }
        }
        for (size_t k = 0; k < n->n_ops; k++) {
            int op = n->ops[k];
            c->ops[k] = op;
            int is = op == BT_CMP_IS || op == BT_CMP_ISNOT;
            if (op == BT_CMP_IN || op == BT_CMP_NOTIN) {
                unsupported(x, n, "<, <=, >, >=, ==, != and 'is None' / 'is not None'");
                return NULL;
            }
            const cnode *l = c->kid[k], *r = c->kid[k + 1];
            if (is) {
                int lnone = l->kind == CN_CONST && l->ptype == CV_NONE, rnone = r->kind == CN_CONST && r->ptype == CV_NONE;
                if (!lnone && !rnone) {
                    unsupported(x, n, "'is None' / 'is not None'");
                    return NULL;
                }
                continue;
            }
            if ((l->type != CT_NUM && l->type != CT_ARR) || (r->type != CT_NUM && r->type != CT_ARR)) {
                unsupported(x, n, "comparisons of numbers and arrays");
                return NULL;
            }
        }
        if (arr) {
            if (n->n_ops > 1) {
                unsupported(x, n, "chained comparisons of numbers (compare arrays one at a time)");
                return NULL;
            }
            c->type = CT_ARR;
            c->flags = (f & CF_SERIES) ? CF_SERIES : f;
        }
        c->n_kid = n->n_kid;
        return c;
    }
    case BT_AST_BOOLOP: {
        cnode *c = mk(x, CN_BOOLOP, 0, n, n->n_kid);
        if (!c)
            return NULL;
        c->op = n->op;
        int type = -1;
        for (size_t k = 0; k < n->n_kid; k++) {
            if (!(c->kid[k] = cexpr(x, n->kid[k])))
                return NULL;
            int t = c->kid[k]->type;
            if (t == CT_ARR && !(c->kid[k]->flags & CF_BTARR)) {
                unsupported(x, n->kid[k], "and/or of numbers, indicators and conditions in next() (use & and | "
                                          "on Series is not supported either)");
                return NULL;
            }
            if (type == -1)
                type = t;
            else if (type != t)
                type = 0; /* mixed: only its truth may be used */
        }
        c->type = type;
        c->flags = type == CT_ARR ? CF_BTARR : 0;
        return c;
    }
    case BT_AST_IFEXP: {
        cnode *c = mk(x, CN_IFEXP, 0, n, 3);
        if (!c)
            return NULL;
        for (int k = 0; k < 3; k++)
            if (!(c->kid[k] = cexpr(x, n->kid[k])))
                return NULL;
        if (c->kid[0]->type != c->kid[2]->type) {
            unsupported(x, n, "x if c else y with x and y of the same kind (both numbers or both arrays)");
            return NULL;
        }
        c->type = c->kid[0]->type;
        c->flags = c->kid[0]->flags & c->kid[2]->flags;
        return c;
    }
    case BT_AST_TUPLE: {
        if (x->where != W_HELPER) {
            unsupported(x, n, sup);
            return NULL;
        }
        cnode *c = mk(x, CN_TUPLE, CT_MULTI, n, n->n_kid);
        if (!c)
            return NULL;
        for (size_t k = 0; k < n->n_kid; k++) {
            if (!(c->kid[k] = cexpr(x, n->kid[k])))
                return NULL;
            if (c->kid[k]->type != CT_ARR) {
                unsupported(x, n->kid[k], "a tuple of arrays");
                return NULL;
            }
        }
        c->n_multi = (int)n->n_kid;
        return c;
    }
    case BT_AST_LAMBDA:
        unsupported(x, n, "lambda as the function of self.I(lambda: ..., ...)");
        return NULL;
    case BT_AST_COMPREHENSION:
        unsupported(x, n, sup);
        return NULL;
    default:
        unsupported(x, n, sup);
        return NULL;
    }
}

/* ------------------------------------------------------------ statements */

static cstmt *new_stmt(ctx *x, int kind, const bt_ast *src)
{
    cstmt *s = new_mem(x, sizeof *s);
    if (s) {
        s->kind = kind;
        s->src = src;
    }
    return s;
}

/* where an attribute can be created / its type checked */
static int bind_attr(ctx *x, const bt_ast *tgt, const cnode *v, int *slot)
{
    const char *name = tgt->str;
    if (strcmp(name, "position") == 0 || strcmp(name, "data") == 0 || strcmp(name, "trades") == 0 ||
        strcmp(name, "orders") == 0 || strcmp(name, "equity") == 0 || strcmp(name, "closed_trades") == 0 ||
        strcmp(name, "I") == 0 || strcmp(name, "buy") == 0 || strcmp(name, "sell") == 0) {
        return unsupported(x, tgt, "assignments to your own self attributes (not self.data, self.position, ...)");
    }
    int type = v->type;
    if (type != CT_NUM && type != CT_ARR && type != CT_MULTI)
        return unsupported(x, tgt, "numbers, arrays and indicators as self attributes");
    int ind = v->kind == CN_INDICATOR || (v->kind == CN_INDEX && v->kid[0]->kind == CN_INDICATOR);
    if (v->kind == CN_LOCAL)
        ind = x->sc->ind[v->slot];
    if (type == CT_ARR && !ind && (v->flags & CF_BTARR) && x->where == W_INIT && v->kind != CN_DATA)
        return unsupported(x, tgt, "self.NAME = self.I(...) for computed arrays (backtesting.py would keep this "
                                   "one unrevealed, or reveal it, depending on its inputs: wrap it in "
                                   "self.I(lambda: ...))");
    if (type != CT_NUM && x->where != W_INIT)
        return unsupported(x, tgt, "numbers as state in next() (arrays and indicators are assigned in init())");
    long k = attr_find(x, name);
    if (k < 0) {
        if (x->c->n_attrs >= BT_CF_MAX_ATTRS)
            return unsupported(x, tgt, "at most 256 attributes");
        k = (long)x->c->n_attrs++;
        cattr *a = &x->c->attrs[k];
        a->name = name;
        a->type = type;
        a->flags = v->flags;
        a->n_multi = v->n_multi;
        a->indicator = ind;
    } else {
        cattr *a = &x->c->attrs[k];
        if (a->type != type || (type == CT_ARR && a->indicator != ind) ||
            (type == CT_MULTI && a->n_multi != v->n_multi))
            return unsupported(x, tgt, "one kind of value per attribute (a number, an array or an indicator)");
        a->flags &= v->flags;
    }
    *slot = (int)k;
    return BT_OK;
}

static int bind_local(ctx *x, const bt_ast *tgt, int type, unsigned flags, int n_multi, int ind, int *slot)
{
    scope *sc = x->sc;
    long l = local_find(sc, tgt->str);
    if (strcmp(tgt->str, "self") == 0)
        return unsupported(x, tgt, "assignments to local names other than self");
    if (l < 0) {
        if (sc->n >= MAX_LOCALS)
            return unsupported(x, tgt, "at most 256 local names");
        l = (long)sc->n++;
        if (sc->n > sc->max)
            sc->max = sc->n;
        sc->names[l] = tgt->str;
        sc->types[l] = type;
        sc->flags[l] = flags;
        sc->n_multi[l] = n_multi;
        sc->ind[l] = ind;
    } else if (sc->types[l] != type || (type == CT_MULTI && sc->n_multi[l] != n_multi)) {
        return unsupported(x, tgt, "one kind of value per local name");
    } else {
        sc->flags[l] &= flags;
        sc->ind[l] &= ind;
    }
    *slot = (int)l;
    return BT_OK;
}

static int c_target(ctx *x, const bt_ast *tgt, const cnode *v, int type, unsigned flags, int n_multi, int ind,
                    ctarget *out)
{
    if (tgt->kind == BT_AST_NAME) {
        out->kind = TG_LOCAL;
        return bind_local(x, tgt, type, flags, n_multi, ind, &out->slot);
    }
    if (tgt->kind == BT_AST_ATTR && is_self(tgt->kid[0])) {
        out->kind = TG_ATTR;
        cnode tmp = {0};
        tmp.type = type;
        tmp.flags = flags;
        tmp.n_multi = n_multi;
        tmp.kind = ind ? CN_INDICATOR : (v ? v->kind : CN_CONST);
        if (v) { /* bind_attr looks into an index's operand */
            tmp.kid = v->kid;
            tmp.n_kid = v->n_kid;
        }
        if (v && v->kind == CN_LOCAL && !ind) {
            tmp.kind = CN_LOCAL;
            tmp.slot = v->slot;
        }
        if (v && v->kind == CN_DATA)
            tmp.kind = CN_DATA;
        return bind_attr(x, tgt, &tmp, &out->slot);
    }
    if (tgt->kind == BT_AST_ATTR && (strcmp(tgt->str, "sl") == 0 || strcmp(tgt->str, "tp") == 0)) {
        cnode *obj = cexpr(x, tgt->kid[0]);
        if (!obj)
            return x->err->status;
        if (obj->type != CT_TRADE)
            return unsupported(x, tgt, "trade.sl = ... and trade.tp = ... on a trade");
        if (type != CT_NUM)
            return unsupported(x, tgt, "a number or None as trade.sl / trade.tp");
        out->kind = strcmp(tgt->str, "sl") == 0 ? TG_TRADE_SL : TG_TRADE_TP;
        out->obj = obj;
        return BT_OK;
    }
    return unsupported(x, tgt, "assignments to local names, self.NAME, trade.sl, trade.tp and tuples of names");
}

static cstmt *c_call_stmt(ctx *x, const bt_ast *st, const bt_ast *call)
{
    const bt_ast *f = call->kid[0];
    args a;
    if (f->kind != BT_AST_ATTR)
        return NULL; /* not a method statement */
    const bt_ast *base = f->kid[0];
    const char *meth = f->str;
    /* super().init() / super().next() */
    if (base->kind == BT_AST_CALL && base->kid[0]->kind == BT_AST_NAME && strcmp(base->kid[0]->str, "super") == 0 &&
        base->n_kid == 1) {
        if (call->n_kid != 1)
            return unsupported(x, call, "super().init() and super().next() without arguments"), NULL;
        if (strcmp(meth, "init") == 0 && x->where == W_INIT)
            return new_stmt(x, CS_SUPER_INIT, st);
        if (strcmp(meth, "next") == 0 && x->where == W_NEXT)
            return new_stmt(x, CS_SUPER_NEXT, st);
        return unsupported(x, call, "super().init() in init(), super().next() in next()"), NULL;
    }
    if (is_self(base)) {
        if (strcmp(meth, "buy") == 0 || strcmp(meth, "sell") == 0) {
            if (x->where != W_NEXT)
                return unsupported(x, call, "self.buy(...) / self.sell(...) in next()"), NULL;
            if (split_args(x, call, &a))
                return NULL;
            if (a.n_pos)
                return errat(x, call, "TypeError: Strategy.%s() takes 1 positional argument but %zu were given", meth,
                             a.n_pos + 1), NULL;
            static const char *const kws[] = {"size", "limit", "stop", "sl", "tp", "tag", NULL};
            if (check_kws(x, call, &a, kws, "self.buy/sell(size=, limit=, stop=, sl=, tp=, tag=)"))
                return NULL;
            cstmt *s = new_stmt(x, meth[0] == 'b' ? CS_BUY : CS_SELL, st);
            if (!s)
                return NULL;
            static const char *names[] = {"size", "limit", "stop", "sl", "tp"};
            for (int k = 0; k < 5; k++) {
                const bt_ast *v = kwarg(&a, names[k]);
                if (!v)
                    continue;
                cnode *c = cexpr(x, v);
                if (!c)
                    return NULL;
                if (c->type != CT_NUM && !(c->type == CT_ARR && (c->flags & CF_BTARR)))
                    return unsupported(x, v, "a number (or an indicator: its last value)"), NULL;
                s->kw[k] = c;
            }
            const bt_ast *tag = kwarg(&a, "tag");
            if (tag && !(tag->kind == BT_AST_STRING || tag->kind == BT_AST_INT || tag->kind == BT_AST_NONE ||
                         tag->kind == BT_AST_FLOAT || tag->kind == BT_AST_NAME || tag->kind == BT_AST_ATTR ||
                         tag->kind == BT_AST_TRUE || tag->kind == BT_AST_FALSE))
                return unsupported(x, tag, "a constant tag"), NULL;
            return s;
        }
        if (strcmp(meth, "set_trailing_sl") == 0 || strcmp(meth, "set_atr_periods") == 0) {
            if (!x->trailing)
                return errat(x, call, "AttributeError: '%s' object has no attribute '%s' (a TrailingStrategy method)",
                             x->c->name, meth), NULL;
            if (split_args(x, call, &a))
                return NULL;
            const char *kwn = meth[4] == 't' ? "n_atr" : "periods";
            const bt_ast *v = a.n_pos ? a.pos[0] : kwarg(&a, kwn);
            if (a.n_pos + a.n_kw > 1 || (a.n_kw && !kwarg(&a, kwn)))
                return unsupported(x, call, meth[4] == 't' ? "self.set_trailing_sl(n_atr)" : "self.set_atr_periods(periods)"), NULL;
            cstmt *s = new_stmt(x, meth[4] == 't' ? CS_SET_TRAILING_SL : CS_SET_ATR_PERIODS, st);
            if (s && v && !(s->value = num_arg(x, v, "a number")))
                return NULL;
            return s;
        }
        if (strcmp(meth, "set_trailing_pct") == 0)
            return unsupported(x, call, "set_trailing_sl(n_atr) and set_atr_periods(periods)"), NULL;
        return NULL;
    }
    if (strcmp(meth, "close") == 0 || strcmp(meth, "cancel") == 0) {
        if (x->where != W_NEXT)
            return unsupported(x, call, "closing trades and cancelling orders in next()"), NULL;
        cnode *obj = cexpr(x, base);
        if (!obj)
            return NULL;
        if (split_args(x, call, &a))
            return NULL;
        if (strcmp(meth, "cancel") == 0) {
            if (obj->type != CT_ORDER)
                return unsupported(x, call, "order.cancel()"), NULL;
            if (a.n_pos || a.n_kw)
                return unsupported(x, call, "order.cancel() without arguments"), NULL;
            cstmt *s = new_stmt(x, CS_ORDER_CANCEL, st);
            if (s)
                s->value = obj;
            return s;
        }
        if (obj->type != CT_POS && obj->type != CT_TRADE)
            return unsupported(x, call, "self.position.close(portion) and trade.close(portion)"), NULL;
        const bt_ast *p = a.n_pos ? a.pos[0] : kwarg(&a, "portion");
        if (a.n_pos + a.n_kw > 1 || (a.n_kw && !kwarg(&a, "portion")))
            return unsupported(x, call, "close(portion)"), NULL;
        cstmt *s = new_stmt(x, obj->type == CT_POS ? CS_POS_CLOSE : CS_TRADE_CLOSE, st);
        if (!s)
            return NULL;
        s->target.obj = obj;
        if (p && !(s->value = num_arg(x, p, "a number portion")))
            return NULL;
        return s;
    }
    return NULL;
}

static cstmt *cstmt_of(ctx *x, const bt_ast *st);

static cblock *cblock_of(ctx *x, const bt_ast *blk)
{
    cblock *b = new_mem(x, sizeof *b);
    if (!b)
        return NULL;
    size_t n = blk ? blk->n_kid : 0;
    b->s = new_mem(x, (n ? n : 1) * sizeof *b->s);
    if (!b->s)
        return NULL;
    for (size_t k = 0; k < n; k++) {
        const bt_ast *st = blk->kid[k];
        if (st->kind == BT_AST_EXPR_STMT && st->kid[0]->kind == BT_AST_STRING)
            continue; /* docstrings */
        cstmt *s = cstmt_of(x, st);
        if (!s)
            return NULL;
        b->s[b->n++] = s;
    }
    return b;
}

static cstmt *cstmt_of(ctx *x, const bt_ast *st)
{
    if (FAILED)
        return NULL;
    switch (st->kind) {
    case BT_AST_PASS:
        return new_stmt(x, CS_PASS, st);
    case BT_AST_RETURN: {
        cstmt *s = new_stmt(x, CS_RETURN, st);
        if (s && st->kid[0]) {
            if (x->where != W_HELPER)
                return unsupported(x, st, "a bare return in init() and next()"), NULL;
            if (!(s->value = cexpr(x, st->kid[0])))
                return NULL;
        } else if (s && x->where == W_HELPER) {
            return unsupported(x, st, "return EXPR in a helper function"), NULL;
        }
        return s;
    }
    case BT_AST_EXPR_STMT: {
        const bt_ast *e = st->kid[0];
        if (e->kind == BT_AST_CALL) {
            cstmt *s = c_call_stmt(x, st, e);
            if (s || FAILED)
                return s;
        }
        return unsupported(x, e, SUP_STMT), NULL;
    }
    case BT_AST_ASSIGN: {
        const bt_ast *value = st->kid[st->n_kid - 1];
        if (st->n_kid != 2)
            return unsupported(x, st, "one target per assignment (no a = b = ...)"), NULL;
        const bt_ast *tgt = st->kid[0];
        cnode *v;
        if (value->kind == BT_AST_CALL && is_attr_of_self(value->kid[0], "I"))
            v = c_indicator(x, value);
        else
            v = cexpr(x, value);
        if (!v)
            return NULL;
        if (v->type == 0)
            return unsupported(x, value, "and/or of operands of one kind outside conditions"), NULL;
        if (tgt->kind == BT_AST_TUPLE || tgt->kind == BT_AST_LIST) {
            if (v->type != CT_MULTI)
                return unsupported(x, st, "unpacking a multi-output indicator (a, b, c = self.I(talib.MACD, ...))"), NULL;
            if ((int)tgt->n_kid != v->n_multi)
                return errat(x, st, "ValueError: %s to unpack (expected %zu, got %d)",
                             (int)tgt->n_kid < v->n_multi ? "too many values" : "not enough values", tgt->n_kid,
                             v->n_multi), NULL;
            cstmt *s = new_stmt(x, CS_UNPACK, st);
            if (!s)
                return NULL;
            s->value = v;
            s->n_targets = tgt->n_kid;
            s->targets = new_mem(x, tgt->n_kid * sizeof *s->targets);
            if (!s->targets)
                return NULL;
            int ind = v->kind == CN_INDICATOR;
            for (size_t k = 0; k < tgt->n_kid; k++) {
                const bt_ast *t = tgt->kid[k];
                if (t->kind == BT_AST_NAME && strcmp(t->str, "_") == 0) {
                    s->targets[k].kind = TG_DISCARD;
                    continue;
                }
                if (c_target(x, t, NULL, CT_ARR, v->flags, 0, ind, &s->targets[k]))
                    return NULL;
                if (s->targets[k].kind != TG_LOCAL && s->targets[k].kind != TG_ATTR)
                    return unsupported(x, t, "names and self attributes as unpacking targets"), NULL;
            }
            return s;
        }
        cstmt *s = new_stmt(x, CS_ASSIGN, st);
        if (!s)
            return NULL;
        s->value = v;
        int ind = v->kind == CN_INDICATOR;
        if (v->kind == CN_LOCAL)
            ind = x->sc->ind[v->slot];
        if (v->kind == CN_ATTR)
            ind = x->c->attrs[v->slot].indicator;
        if (tgt->kind == BT_AST_NAME && strcmp(tgt->str, "_") == 0 && 0)
            return s;
        if (c_target(x, tgt, v, v->type, v->flags, v->n_multi, ind, &s->target))
            return NULL;
        return s;
    }
    case BT_AST_ANNASSIGN: {
        if (!st->kid[2])
            return new_stmt(x, CS_PASS, st);
        cstmt *s = new_stmt(x, CS_ASSIGN, st);
        if (!s || !(s->value = cexpr(x, st->kid[2])))
            return NULL;
        if (c_target(x, st->kid[0], s->value, s->value->type, s->value->flags, s->value->n_multi, 0, &s->target))
            return NULL;
        return s;
    }
    case BT_AST_AUGASSIGN: {
        if (!binop_ok(st->op))
            return unsupported(x, st, "+=, -=, *=, /=, //=, %=, **="), NULL;
        const bt_ast *tgt = st->kid[0];
        cstmt *s = new_stmt(x, CS_AUGASSIGN, st);
        if (!s)
            return NULL;
        s->op = st->op;
        if (!(s->value = cexpr(x, st->kid[1])))
            return NULL;
        if (tgt->kind == BT_AST_NAME) {
            long l = local_find(x->sc, tgt->str);
            if (l < 0)
                return errat(x, tgt, "UnboundLocalError: local variable '%s' referenced before assignment", tgt->str), NULL;
            if (x->sc->types[l] != CT_NUM || s->value->type != CT_NUM)
                return unsupported(x, st, "augmented assignment of numbers"), NULL;
            s->target.kind = TG_LOCAL;
            s->target.slot = (int)l;
            return s;
        }
        if (tgt->kind == BT_AST_ATTR && is_self(tgt->kid[0])) {
            long k = attr_find(x, tgt->str);
            if (k < 0)
                return errat(x, tgt, "AttributeError: '%s' object has no attribute '%s'", x->c->name, tgt->str), NULL;
            if (x->c->attrs[k].type != CT_NUM || s->value->type != CT_NUM)
                return unsupported(x, st, "augmented assignment of numbers"), NULL;
            s->target.kind = TG_ATTR;
            s->target.slot = (int)k;
            return s;
        }
        return unsupported(x, st, "augmented assignment to a local name or self.NAME"), NULL;
    }
    case BT_AST_IF: {
        cstmt *s = new_stmt(x, CS_IF, st);
        if (!s || !(s->test = cexpr(x, st->kid[0])))
            return NULL;
        if (s->test->type == CT_ARR && !(s->test->flags & CF_BTARR))
            return unsupported(x, st->kid[0], "conditions on numbers and on indicators / self.data arrays in next()"), NULL;
        if (!(s->body = cblock_of(x, st->kid[1])))
            return NULL;
        if (st->kid[2] && !(s->orelse = cblock_of(x, st->kid[2])))
            return NULL;
        return s;
    }
    case BT_AST_FOR: {
        const bt_ast *tgt = st->kid[0], *it = st->kid[1];
        if (x->where != W_NEXT || tgt->kind != BT_AST_NAME ||
            !(is_attr_of_self(it, "trades") || is_attr_of_self(it, "orders")) || st->kid[3] || st->flag)
            return unsupported(x, st, "for trade in self.trades: / for order in self.orders: in next()"), NULL;
        cstmt *s = new_stmt(x, CS_FOR, st);
        if (!s || !(s->value = cexpr(x, it)))
            return NULL;
        if (bind_local(x, tgt, s->value->type == CT_TRADES ? CT_TRADE : CT_ORDER, 0, 0, 0, &s->slot))
            return NULL;
        if (!(s->body = cblock_of(x, st->kid[2])))
            return NULL;
        return s;
    }
    case BT_AST_WHILE:
        return unsupported(x, st, SUP_STMT), NULL;
    case BT_AST_FUNCDEF: case BT_AST_CLASS:
        return unsupported(x, st, SUP_STMT), NULL;
    default:
        return unsupported(x, st, SUP_STMT), NULL;
    }
}

/* ------------------------------------------------------------ classes */

static int base_kind(ctx *x, const bt_ast *b, const bt_ast **user_base)
{
    *user_base = NULL;
    if (b->kind == BT_AST_NAME) {
        sym *s = find_sym(x, b->str);
        if (!s)
            return 0;
        if (s->kind == SYM_STRATEGY)
            return 1;
        if (s->kind == SYM_TRAILING)
            return 2;
        if (s->kind == SYM_UNSUPPORTED_LIB && strcmp(s->what, "SignalStrategy") == 0)
            return 3;
        if (s->kind == SYM_CLASS) {
            *user_base = s->node;
            return 4;
        }
        return 0;
    }
    if (b->kind == BT_AST_ATTR) {
        char buf[128];
        bt_ast_text(x->m, b, buf, sizeof buf);
        if (strcmp(buf, "backtesting.Strategy") == 0 || strcmp(buf, "bt.Strategy") == 0)
            return 1;
        if (strcmp(buf, "backtesting.lib.TrailingStrategy") == 0 || strcmp(buf, "lib.TrailingStrategy") == 0)
            return 2;
    }
    return 0;
}

/* 1: Strategy, 2: TrailingStrategy, 3: SignalStrategy (unsupported), 0: not a strategy; user base through *ub */
static int class_strategy_kind(ctx *x, const bt_ast *cls, const bt_ast **ub, int depth)
{
    *ub = NULL;
    const bt_ast *bases = cls->kid[0];
    if (!bases || depth > 4)
        return 0;
    for (size_t k = 0; k < bases->n_kid; k++) {
        const bt_ast *u;
        int kind = base_kind(x, bases->kid[k], &u);
        if (kind == 4) {
            const bt_ast *uu;
            int pk = class_strategy_kind(x, u, &uu, depth + 1);
            if (pk) {
                *ub = u;
                return pk;
            }
        } else if (kind) {
            return kind;
        }
    }
    return 0;
}

static const bt_ast *find_method(const bt_ast *cls, const char *name)
{
    const bt_ast *body = cls->kid[1];
    for (size_t k = 0; body && k < body->n_kid; k++)
        if (body->kid[k]->kind == BT_AST_FUNCDEF && strcmp(body->kid[k]->str, name) == 0)
            return body->kid[k];
    return NULL;
}

static int class_params(ctx *x, const bt_ast *cls)
{
    bt_compiled *c = x->c;
    const bt_ast *body = cls->kid[1];
    for (size_t k = 0; body && k < body->n_kid; k++) {
        const bt_ast *st = body->kid[k];
        if (st->kind == BT_AST_EXPR_STMT && st->kid[0]->kind == BT_AST_STRING)
            continue;
        if (st->kind == BT_AST_PASS)
            continue;
        if (st->kind == BT_AST_FUNCDEF) {
            if (strcmp(st->str, "init") != 0 && strcmp(st->str, "next") != 0)
                return unsupported(x, st, "methods init(self) and next(self) (helpers go at module level)");
            if (st->kid[2] && st->kid[2]->n_kid)
                return unsupported(x, st, "methods without decorators");
            if (st->flag)
                return unsupported(x, st, "def init(self) / def next(self)");
            const bt_ast *p = st->kid[0];
            if (!p || p->n_kid != 1 || p->kid[0]->flag || p->kid[0]->kid[0])
                return unsupported(x, st->kid[0] ? st->kid[0] : st, "def init(self) / def next(self)");
            continue;
        }
        const bt_ast *tgt = NULL, *val = NULL;
        if (st->kind == BT_AST_ASSIGN && st->n_kid == 2) {
            tgt = st->kid[0];
            val = st->kid[1];
        } else if (st->kind == BT_AST_ANNASSIGN && st->kid[2]) {
            tgt = st->kid[0];
            val = st->kid[2];
        }
        if (!tgt || tgt->kind != BT_AST_NAME)
            return unsupported(x, st, "parameters (NAME = int, float or bool literal) and methods init, next");
        pyv v;
        if (!const_eval(x, val, &v))
            return unsupported(x, st, "parameters with int, float or bool literal defaults");
        size_t at = c->n_params;
        for (size_t q = 0; q < c->n_params; q++)
            if (strcmp(c->param_names[q], tgt->str) == 0)
                at = q; /* a subclass overrides its base's default, keeping the base's order */
        if (at == c->n_params) {
            if (c->n_params >= BT_MAX_STRATEGY_PARAMS)
                return errat(x, st, "a strategy has at most %d parameters", BT_MAX_STRATEGY_PARAMS);
            c->param_names[at] = dupstr(tgt->str);
            if (!c->param_names[at])
                return bt_error_set(x->err, BT_ERR_NOMEM, "out of memory");
            c->n_params++;
        }
        c->param_defaults[at] = v.d;
        c->param_types[at] = pv_ptype(v);
    }
    return BT_OK;
}

static int compile_method(ctx *x, int pos, const char *name, cblock **out, size_t *slots);

/* super().init() inside the method of class chain[pos] calls the next class's method */
static int compile_method(ctx *x, int pos, const char *name, cblock **out, size_t *slots)
{
    *out = NULL;
    *slots = 0;
    for (size_t k = (size_t)pos; k < x->n_chain; k++) {
        const bt_ast *m = find_method(x->cls_chain[k], name);
        if (!m)
            continue;
        scope *sc = calloc(1, sizeof *sc);
        if (!sc)
            return bt_error_set(x->err, BT_ERR_NOMEM, "out of memory");
        scope *saved = x->sc;
        int saved_pos = x->chain_pos;
        x->sc = sc;
        x->where = name[0] == 'i' ? W_INIT : W_NEXT;
        x->chain_pos = (int)k;
        cblock *b = cblock_of(x, m->kid[1]);
        *slots = sc->max > sc->n ? sc->max : sc->n;
        x->sc = saved;
        x->chain_pos = saved_pos;
        free(sc);
        if (!b)
            return x->err ? x->err->status : BT_ERR_USAGE;
        *out = b;
        return BT_OK;
    }
    return BT_OK;
}

/* resolves CS_SUPER_* in a block to the next class's method */
static int link_super(ctx *x, cstmt *s, int pos, const char *name);

static int link_block(ctx *x, cblock *b, int pos, const char *name)
{
    for (size_t k = 0; b && k < b->n; k++) {
        cstmt *s = b->s[k];
        if (s->kind == CS_SUPER_INIT || s->kind == CS_SUPER_NEXT) {
            if (link_super(x, s, pos, name))
                return x->err->status;
        }
        if (s->kind == CS_IF) {
            if (link_block(x, s->body, pos, name) || link_block(x, s->orelse, pos, name))
                return x->err->status;
        }
        if (s->kind == CS_FOR && link_block(x, s->body, pos, name))
            return x->err->status;
    }
    return BT_OK;
}

/* init() or next(): compiled, then linked (where: W_INIT, W_NEXT) from the
 * first class of the chain that defines it; nonzero on an error (in x->err) */
static int compile_entry(ctx *x, const char *name, int where, cblock **out, size_t *slots)
{
    if (compile_method(x, 0, name, out, slots))
        return 1;
    if (*out) {
        int pos = 0;
        for (size_t k = 0; k < x->n_chain; k++)
            if (find_method(x->cls_chain[k], name)) {
                pos = (int)k;
                break;
            }
        x->where = where;
        if (link_block(x, *out, pos, name))
            return 1;
    }
    return 0;
}

static int link_super(ctx *x, cstmt *s, int pos, const char *name)
{
    /* the method of a class after pos in the chain */
    int found = -1;
    for (size_t k = (size_t)pos + 1; k < x->n_chain; k++)
        if (find_method(x->cls_chain[k], name)) {
            found = (int)k;
            break;
        }
    if (found < 0)
        return BT_OK; /* Strategy / TrailingStrategy's own (body NULL: the interpreter's built-in) */
    size_t slots;
    cblock *b;
    if (compile_method(x, found, name, &b, &slots))
        return x->err->status;
    s->body = b;
    s->slot = (int)slots;
    return link_block(x, b, found, name);
}

static int compile_class(ctx *x, const bt_ast *cls)
{
    bt_compiled *c = x->c;
    const bt_ast *ub;
    int kind = class_strategy_kind(x, cls, &ub, 0);
    if (kind == 3)
        return errat(x, cls, "'SignalStrategy' is not supported in a compiled strategy yet; supported: Strategy and "
                     "TrailingStrategy subclasses");
    x->trailing = kind == 2;
    c->trailing = x->trailing;
    x->n_chain = 0;
    x->cls_chain[x->n_chain++] = cls;
    if (ub) {
        const bt_ast *uu;
        class_strategy_kind(x, ub, &uu, 0);
        if (uu)
            return unsupported(x, cls, "a Strategy subclass or a subclass of one Strategy subclass in the same file "
                                       "(one level of inheritance)");
        x->cls_chain[x->n_chain++] = ub;
    }
    const bt_ast *deco = cls->kid[2];
    if (deco && deco->n_kid)
        return unsupported(x, cls, "classes without decorators");
    /* parameters: the base's first, the subclass overriding */
    for (size_t k = x->n_chain; k-- > 0;)
        if (class_params(x, x->cls_chain[k]))
            return x->err->status;
    for (size_t k = 0; k < c->n_params; k++) {
        cattr *a = &c->attrs[c->n_attrs++];
        a->name = c->param_names[k];
        a->type = CT_NUM;
    }
    /* init first (attributes), then next */
    if (compile_entry(x, "init", W_INIT, &c->init, &c->init_slots) ||
        compile_entry(x, "next", W_NEXT, &c->next, &c->next_slots))
        return x->err->status;
    /* attributes assigned only in next() are still read in next() before: fine at run time (AttributeError) */
    return BT_OK;
}

/* ------------------------------------------------------------ entry points */

int bt_strategy_compile(const char *path, const char *source, size_t len, const char *class_name,
                        bt_compiled **out, bt_error *err)
{
    *out = NULL;
    bt_compiled *c = calloc(1, sizeof *c);
    ctx *x = calloc(1, sizeof *x);
    bt_error local;
    if (!err)
        err = &local;
    err->status = BT_OK;
    err->msg[0] = '\0';
    if (!c || !x) {
        free(c);
        free(x);
        return bt_error_set(err, BT_ERR_NOMEM, "out of memory");
    }
    int rc = bt_py_parse(path, source, len, &c->mod, err);
    if (rc)
        goto fail;
    x->c = c;
    x->m = &c->mod;
    x->err = err;
    c->path = dupstr(path ? path : "<strategy>");
    if (!c->path) {
        rc = bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        goto fail;
    }
    /* module level: imports, constants, helpers, classes; everything else is skipped */
    const bt_ast *root = c->mod.root;
    const bt_ast *classes[64];
    size_t n_classes = 0;
    for (size_t k = 0; k < root->n_kid; k++) {
        const bt_ast *st = root->kid[k];
        rc = BT_OK;
        switch (st->kind) {
        case BT_AST_IMPORT: rc = do_import(x, st); break;
        case BT_AST_IMPORT_FROM: rc = do_import_from(x, st); break;
        case BT_AST_ASSIGN:
            if (st->n_kid == 2 && st->kid[0]->kind == BT_AST_NAME) {
                pyv v;
                if (const_eval(x, st->kid[1], &v)) {
                    sym *s = add_sym(x, st->kid[0]->str, SYM_CONST);
                    if (s) {
                        s->num = v.d;
                        s->ptype = pv_ptype(v);
                    }
                } else {
                    /* not a constant: the name exists but cannot be used */
                    sym *s = add_sym(x, st->kid[0]->str, SYM_SKIPPED);
                    if (s)
                        s->what = "__main__ (a module-level value that is not a numeric constant)";
                }
            }
            break;
        case BT_AST_FUNCDEF: {
            sym *s = add_sym(x, st->str, SYM_HELPER);
            if (s)
                s->node = st;
            break;
        }
        case BT_AST_CLASS: {
            sym *s = add_sym(x, st->str, SYM_CLASS);
            if (s)
                s->node = st;
            const bt_ast *ub;
            if (class_strategy_kind(x, st, &ub, 0) && n_classes < 64)
                classes[n_classes++] = st;
            break;
        }
        default:
            break; /* Backtest(...), prints, __main__ blocks: never executed */
        }
        if (rc)
            goto fail;
    }
    const bt_ast *cls = NULL;
    if (class_name) {
        for (size_t k = 0; k < n_classes; k++)
            if (strcmp(classes[k]->str, class_name) == 0)
                cls = classes[k];
    } else if (n_classes == 1) {
        cls = classes[0];
    }
    if (!cls) {
        char names[512] = "";
        for (size_t k = 0; k < n_classes; k++) {
            strncat(names, k ? ", " : "", sizeof names - strlen(names) - 1);
            strncat(names, classes[k]->str, sizeof names - strlen(names) - 1);
        }
        if (n_classes == 0)
            rc = bt_error_set(err, BT_ERR_USAGE, "%s: no Strategy subclass in the file (class NAME(Strategy): ...)", path);
        else if (class_name)
            rc = bt_error_set(err, BT_ERR_USAGE, "%s: no Strategy subclass named '%s' (the file defines: %s)", path,
                              class_name, names);
        else
            rc = bt_error_set(err, BT_ERR_USAGE, "%s: the file defines several Strategy subclasses (%s); pick one "
                              "with %s:CLASS", path, names, path);
        goto fail;
    }
    c->name = dupstr(cls->str);
    if (!c->name) {
        rc = bt_error_set(err, BT_ERR_NOMEM, "out of memory");
        goto fail;
    }
    rc = compile_class(x, cls);
    if (rc || FAILED) {
        if (!rc)
            rc = err->status;
        goto fail;
    }
    free(x);
    *out = c;
    return BT_OK;
fail:
    free(x);
    bt_compiled_free(c);
    return rc ? rc : BT_ERR_USAGE;
}

void bt_compiled_free(bt_compiled *c)
{
    if (!c)
        return;
    bt_py_module_free(&c->mod);
    arena_free(c->arena);
    for (size_t k = 0; k < c->n_params; k++)
        free(c->param_names[k]);
    free(c->helpers);
    free(c->name);
    free(c->path);
    free(c);
}

const char *bt_compiled_name(const bt_compiled *c) { return c->name; }
size_t bt_compiled_n_params(const bt_compiled *c) { return c->n_params; }
const char *bt_compiled_param_name(const bt_compiled *c, size_t k) { return k < c->n_params ? c->param_names[k] : NULL; }
double bt_compiled_param_default(const bt_compiled *c, size_t k) { return k < c->n_params ? c->param_defaults[k] : NAN; }
int bt_compiled_param_type(const bt_compiled *c, size_t k) { return k < c->n_params ? c->param_types[k] : BT_PTYPE_FLOAT; }

/* ------------------------------------------------------------ the same program */

static int same_node(const cnode *a, const cnode *b);
static int same_block(const cblock *a, const cblock *b);

static int same_num(double a, double b) { return memcmp(&a, &b, sizeof a) == 0; }

static int same_str(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

static int same_node(const cnode *a, const cnode *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || a->type != b->type || a->flags != b->flags || a->n_multi != b->n_multi ||
        a->op != b->op || a->fn != b->fn || a->aux != b->aux || a->slot != b->slot || a->ptype != b->ptype ||
        !same_num(a->num, b->num) || !same_str(a->str, b->str) || a->ta != b->ta || a->n_kid != b->n_kid ||
        (!a->ops) != (!b->ops))
        return 0;
    if (a->ops && a->kind == CN_COMPARE)
        for (size_t k = 0; k + 1 < a->n_kid; k++)
            if (a->ops[k] != b->ops[k])
                return 0;
    for (size_t k = 0; k < a->n_kid; k++)
        if (!same_node(a->kid[k], b->kid[k]))
            return 0;
    return 1;
}

static int same_target(const ctarget *a, const ctarget *b)
{
    return a->kind == b->kind && a->slot == b->slot && same_node(a->obj, b->obj);
}

static int same_stmt(const cstmt *a, const cstmt *b)
{
    if (a->kind != b->kind || a->op != b->op || a->slot != b->slot || a->n_targets != b->n_targets ||
        !same_target(&a->target, &b->target) || !same_node(a->value, b->value) || !same_node(a->test, b->test) ||
        !same_block(a->body, b->body) || !same_block(a->orelse, b->orelse))
        return 0;
    for (size_t k = 0; k < a->n_targets; k++)
        if (!same_target(&a->targets[k], &b->targets[k]))
            return 0;
    for (int k = 0; k < 5; k++)
        if (!same_node(a->kw[k], b->kw[k]))
            return 0;
    return 1;
}

static int same_block(const cblock *a, const cblock *b)
{
    if (!a || !b)
        return a == b;
    if (a->n != b->n)
        return 0;
    for (size_t k = 0; k < a->n; k++)
        if (!same_stmt(a->s[k], b->s[k]))
            return 0;
    return 1;
}

int bt_compiled_same_program(const bt_compiled *a, const bt_compiled *b)
{
    if (a->n_params != b->n_params || a->n_attrs != b->n_attrs || a->n_helpers != b->n_helpers ||
        a->init_slots != b->init_slots || a->next_slots != b->next_slots || a->trailing != b->trailing)
        return 0;
    for (size_t k = 0; k < a->n_attrs; k++) {
        const cattr *x = &a->attrs[k], *y = &b->attrs[k];
        if (x->type != y->type || x->flags != y->flags || x->n_multi != y->n_multi || x->indicator != y->indicator)
            return 0;
    }
    for (size_t k = 0; k < a->n_helpers; k++) {
        const chelper *x = a->helpers[k], *y = b->helpers[k];
        if (x->n_args != y->n_args || x->n_slots != y->n_slots || !same_block(x->body, y->body) ||
            !same_node(x->expr, y->expr))
            return 0;
    }
    return same_block(a->init, b->init) && same_block(a->next, b->next);
}
