/* The recursive-descent parser of the Python-subset front end (see ast.h):
 * CPython 3.11's grammar for statements and expressions, its operator
 * precedence and, where practical, its SyntaxError messages and columns.
 * Errors unwind with longjmp; every allocation lives in the module arena,
 * so nothing leaks. */
#include "ast.h"
#include "lexer.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ arena */

typedef struct arena_blk {
    struct arena_blk *next;
    size_t used, cap;
    max_align_t data[];
} arena_blk;

typedef struct bt_arena {
    arena_blk *head;
} bt_arena;

static void *arena_alloc(void *ctx, size_t n)
{
    bt_arena *a = ctx;
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    arena_blk *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        arena_blk *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->next = a->head;
        nb->used = 0;
        nb->cap = cap;
        a->head = nb;
        b = nb;
    }
    void *r = (char *)b->data + b->used;
    b->used += n;
    memset(r, 0, n);
    return r;
}

static void arena_free(bt_arena *a)
{
    if (!a)
        return;
    arena_blk *b = a->head;
    while (b) {
        arena_blk *nx = b->next;
        free(b);
        b = nx;
    }
    free(a);
}

/* ------------------------------------------------------------------ parser state */

#define MAX_DEPTH 600

typedef struct P {
    bt_arena *ar;
    const char *src;
    bt_token *toks;
    size_t n, pos, maxpos;
    bt_lexer lx;
    jmp_buf *jb;
    int nomem;
    int depth;
    /* error */
    const char *etype;
    char emsg[512];
    int eline, ecol;
    int e_indent;   /* "unexpected indent/unindent": not replaced by a later tokenizer error */
    int in_probe, no_probe;
    bt_token *match_colon; /* "match x" + NEWLINE: CPython's "expected ':'" if nothing else parses */
} P;

static _Noreturn void fail_nomem(P *p)
{
    p->nomem = 1;
    longjmp(*p->jb, 1);
}

static void *alloc(P *p, size_t n)
{
    void *r = arena_alloc(p->ar, n);
    if (!r)
        fail_nomem(p);
    return r;
}

static _Noreturn void fail_at(P *p, const char *type, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->emsg, sizeof p->emsg, fmt, ap);
    va_end(ap);
    p->etype = type;
    p->eline = line;
    p->ecol = col;
    p->e_indent = 0;
    longjmp(*p->jb, 1);
}

#define SYNTAX(line, col, ...) fail_at(p, "SyntaxError", (line), (col), __VA_ARGS__)

/* The current token and the ones after it; maxpos is the furthest token looked at
 * (CPython compares its line with an unclosed bracket's). */
static bt_token *T(P *p)
{
    if (p->pos > p->maxpos)
        p->maxpos = p->pos;
    return &p->toks[p->pos];
}
static bt_token *TK(P *p, size_t k)
{
    size_t i = p->pos + k;
    if (i >= p->n)
        i = p->n - 1;
    if (i > p->maxpos)
        p->maxpos = i;
    return &p->toks[i];
}
static void advance(P *p)
{
    if (p->pos + 1 < p->n)
        p->pos++;
}

static const char *const KEYWORDS[] = {"False", "None", "True", "and", "as", "assert", "async", "await", "break",
                                       "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
                                       "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
                                       "pass", "raise", "return", "try", "while", "with", "yield", NULL};

static int is_keyword(const char *s)
{
    for (int k = 0; KEYWORDS[k]; k++)
        if (strcmp(s, KEYWORDS[k]) == 0)
            return 1;
    return 0;
}

static int tok_op(const bt_token *t, const char *s) { return t->type == BT_TK_OP && strcmp(t->op, s) == 0; }
static int tok_kw(const bt_token *t, const char *s) { return t->type == BT_TK_NAME && strcmp(t->op, s) == 0; }
static int tok_name(const bt_token *t) { return t->type == BT_TK_NAME && !is_keyword(t->op); }
static int is_op(P *p, const char *s) { return tok_op(T(p), s); }
static int is_kw(P *p, const char *s) { return tok_kw(T(p), s); }

static void probe_on(P *p);

/* The generic error at the current token (CPython's rules for special tokens). */
static _Noreturn void fail_generic(P *p)
{
    bt_token *t = T(p);
    if (t->type == BT_TK_LEXERR || t->type == BT_TK_EOFPAREN) {
        /* resolved in bt_py_parse (the tokenizer's error or the unclosed bracket) */
        p->etype = NULL;
        longjmp(*p->jb, 1);
    }
    if (t->type == BT_TK_INDENT || (t->type == BT_TK_DEDENT && t->start < p->lx.len)) {
        p->etype = "IndentationError";
        snprintf(p->emsg, sizeof p->emsg, "%s", t->type == BT_TK_INDENT ? "unexpected indent" : "unexpected unindent");
        p->eline = t->line;
        p->ecol = t->col;
        p->e_indent = 1;
        longjmp(*p->jb, 1);
    }
    /* CPython reports the furthest token it looked at */
    const bt_token *far = p->maxpos > p->pos && p->maxpos < p->n ? &p->toks[p->maxpos] : t;
    if (far->type == BT_TK_LEXERR || far->type == BT_TK_EOFPAREN || far->type == BT_TK_INDENT || far->type == BT_TK_DEDENT)
        far = t;
    int line = far->line, col = far->col;
    probe_on(p);
    SYNTAX(line, col, "invalid syntax");
}

static bt_ast *expression(P *p);
static int starts_atom(const bt_token *t);

/* CPython's second pass parses on after the failure point (to find a better message) and so may
 * reach an unclosed bracket at the end of the file, whose error then wins. This looks ahead the same way. */
static void probe_on(P *p)
{
    if (p->in_probe || p->no_probe || p->pos == 0)
        return;
    bt_token *t = T(p), *prev = &p->toks[p->pos - 1];
    /* after an expression: a second expression juxtaposed (the "forgot a comma" rule), or NAME '=' */
    int prev_expr = tok_name(prev) || prev->type == BT_TK_NUMBER || prev->type == BT_TK_STRING || tok_op(prev, ")") ||
                    tok_op(prev, "]") || tok_op(prev, "}");
    volatile size_t skip = 0; /* read after the longjmp below */
    if (tok_op(t, "=") && tok_name(prev))
        skip = 1;
    else if (!prev_expr || !starts_atom(t))
        return;
    jmp_buf jb;
    jmp_buf *volatile saved = p->jb;
    volatile size_t savepos = p->pos;
    volatile int savedepth = p->depth;
    p->jb = &jb;
    p->in_probe = 1;
    if (setjmp(jb) == 0) {
        if (skip)
            advance(p);
        (void)expression(p);
        (void)T(p);
    }
    p->in_probe = 0;
    p->jb = saved;
    p->pos = savepos;
    p->depth = savedepth;
    if (p->nomem)
        longjmp(*p->jb, 1);
}

static void expect_op(P *p, const char *s)
{
    if (!is_op(p, s))
        fail_generic(p);
    advance(p);
}

static void enter(P *p)
{
    if (++p->depth > MAX_DEPTH)
        SYNTAX(T(p)->line, T(p)->col, "too many nested parentheses");
}
static void leave(P *p) { p->depth--; }

/* ------------------------------------------------------------------ nodes */

typedef struct vec {
    bt_ast **v;
    size_t n, cap;
} vec;

static void vpush(P *p, vec *v, bt_ast *x)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        bt_ast **nv = alloc(p, cap * sizeof *nv);
        if (v->n)
            memcpy(nv, v->v, v->n * sizeof *nv);
        v->v = nv;
        v->cap = cap;
    }
    v->v[v->n++] = x;
}

static bt_ast *mk(P *p, int kind, const bt_token *t)
{
    bt_ast *n = alloc(p, sizeof *n);
    n->kind = kind;
    n->line = t->line;
    n->col = t->col;
    n->start = t->start;
    n->end_line = t->end_line;
    n->end_col = t->end_col;
    n->end = t->end;
    return n;
}

/* A node starting where node a starts. */
static bt_ast *mk_at(P *p, int kind, const bt_ast *a)
{
    bt_ast *n = alloc(p, sizeof *n);
    n->kind = kind;
    n->line = a->line;
    n->col = a->col;
    n->start = a->start;
    n->end_line = a->end_line;
    n->end_col = a->end_col;
    n->end = a->end;
    return n;
}

/* Ends n at the last consumed token. */
static bt_ast *fin(P *p, bt_ast *n)
{
    if (p->pos > 0) {
        const bt_token *t = &p->toks[p->pos - 1];
        if (t->end >= n->start) {
            n->end = t->end;
            n->end_line = t->end_line;
            n->end_col = t->end_col;
        }
    }
    return n;
}

static void end_like(bt_ast *n, const bt_ast *last)
{
    n->end = last->end;
    n->end_line = last->end_line;
    n->end_col = last->end_col;
}

static void kids(P *p, bt_ast *n, size_t k, ...)
{
    va_list ap;
    va_start(ap, k);
    n->kid = alloc(p, (k ? k : 1) * sizeof *n->kid);
    for (size_t i = 0; i < k; i++)
        n->kid[i] = va_arg(ap, bt_ast *);
    n->n_kid = k;
    va_end(ap);
}

static void setkids(bt_ast *n, vec *v)
{
    n->kid = v->v;
    n->n_kid = v->n;
}

static void addkid(P *p, bt_ast *n, bt_ast *k)
{
    bt_ast **nv = alloc(p, (n->n_kid + 1) * sizeof *nv);
    if (n->n_kid)
        memcpy(nv, n->kid, n->n_kid * sizeof *nv);
    nv[n->n_kid++] = k;
    n->kid = nv;
}

/* ------------------------------------------------------------------ expressions */

static bt_ast *expression(P *p);
static bt_ast *named_expression(P *p);
static bt_ast *star_expressions(P *p);
static bt_ast *bitor(P *p);
static bt_ast *disjunction(P *p);
static bt_ast *params(P *p, int lambda);
static bt_ast *factor(P *p);

/* Can the token start an expression? (for "Perhaps you forgot a comma?") */
static int starts_atom(const bt_token *t)
{
    if (t->type == BT_TK_NUMBER || t->type == BT_TK_STRING)
        return 1;
    if (t->type == BT_TK_NAME)
        return !is_keyword(t->op) || !strcmp(t->op, "True") || !strcmp(t->op, "False") || !strcmp(t->op, "None");
    return tok_op(t, "(") || tok_op(t, "[") || tok_op(t, "{");
}

static void forgot_comma(P *p, const bt_ast *elem)
{
    if (!starts_atom(T(p)))
        return;
    /* not after NAME STRING (print 'x') or a soft keyword, as CPython's rule */
    if (elem->kind == BT_AST_NAME && (T(p)->type == BT_TK_STRING || !strcmp(elem->str, "match") ||
                                      !strcmp(elem->str, "case") || !strcmp(elem->str, "_")))
        return;
    /* CPython parses the second expression before it reports (so it may reach an unclosed bracket's end) */
    jmp_buf jb;
    jmp_buf *volatile saved = p->jb;
    volatile int savedepth = p->depth;
    p->jb = &jb;
    if (setjmp(jb) == 0) {
        (void)expression(p);
        (void)T(p);
    }
    p->jb = saved;
    p->depth = savedepth;
    if (p->nomem)
        longjmp(*p->jb, 1);
    SYNTAX(elem->line, elem->col, "invalid syntax. Perhaps you forgot a comma?");
}

static bt_ast *strings(P *p)
{
    bt_token *t0 = T(p);
    bt_ast *n = mk(p, BT_AST_STRING, t0);
    size_t total = 0, k = 0;
    int bytes = t0->sflag == 2, f = 0;
    while (TK(p, k)->type == BT_TK_STRING) {
        bt_token *t = TK(p, k);
        if ((t->sflag == 2) != bytes) {
            bt_token *last = t;
            while (TK(p, k + 1)->type == BT_TK_STRING) last = TK(p, ++k);
            SYNTAX(last->end_line, last->end_col, "cannot mix bytes and nonbytes literals");
        }
        if (t->sflag == 1)
            f = 1;
        total += t->slen;
        k++;
        if (p->pos + k >= p->n)
            break;
    }
    char *s = alloc(p, total + 1);
    size_t o = 0;
    for (size_t i = 0; i < k; i++) {
        memcpy(s + o, T(p)->sval, T(p)->slen);
        o += T(p)->slen;
        advance(p);
    }
    s[o] = '\0';
    n->str = s;
    n->str_len = o;
    n->flag = f ? 1 : bytes ? 2 : 0;
    return fin(p, n);
}

/* for_if_clauses after the element(s) of a comprehension */
static void comp_clauses(P *p, bt_ast *c)
{
    while (is_kw(p, "for") || (is_kw(p, "async") && tok_kw(TK(p, 1), "for"))) {
        if (is_kw(p, "async"))
            advance(p);
        advance(p);
        /* targets */
        bt_ast *first = NULL;
        vec tv = {0};
        for (;;) {
            bt_ast *x;
            if (is_op(p, "*")) {
                bt_token *st = T(p);
                advance(p);
                x = mk(p, BT_AST_STARRED, st);
                kids(p, x, 1, bitor(p));
                fin(p, x);
            } else {
                x = bitor(p);
            }
            if (!first) first = x;
            vpush(p, &tv, x);
            if (!is_op(p, ","))
                break;
            advance(p);
            if (is_kw(p, "in"))
                break;
        }
        bt_ast *target = first;
        if (tv.n > 1) {
            target = mk_at(p, BT_AST_TUPLE, first);
            setkids(target, &tv);
            end_like(target, tv.v[tv.n - 1]);
        }
        if (!is_kw(p, "in"))
            fail_generic(p);
        advance(p);
        addkid(p, c, target);
        addkid(p, c, disjunction(p));
        while (is_kw(p, "if")) {
            advance(p);
            addkid(p, c, disjunction(p));
        }
    }
}

static bt_ast *comprehension(P *p, const bt_token *open, const char *what, bt_ast *elem, bt_ast *value)
{
    bt_ast *c = mk(p, BT_AST_COMPREHENSION, open);
    c->str = what;
    addkid(p, c, elem);
    if (value)
        addkid(p, c, value);
    comp_clauses(p, c);
    return c;
}

static bt_ast *star_named_expression(P *p)
{
    if (is_op(p, "*")) {
        bt_token *st = T(p);
        advance(p);
        bt_ast *x = mk(p, BT_AST_STARRED, st);
        kids(p, x, 1, bitor(p));
        return fin(p, x);
    }
    return named_expression(p);
}

static bt_ast *yield_expr(P *p)
{
    bt_ast *y = mk(p, BT_AST_YIELD, T(p));
    advance(p);
    if (is_kw(p, "from")) {
        advance(p);
        y->flag = 1;
        kids(p, y, 1, expression(p));
    } else if (!(T(p)->type == BT_TK_NEWLINE || is_op(p, ")") || is_op(p, "]") || is_op(p, "}") || is_op(p, "=") ||
                 is_op(p, ";") || T(p)->type == BT_TK_END)) {
        kids(p, y, 1, star_expressions(p));
    } else {
        kids(p, y, 1, NULL);
    }
    return fin(p, y);
}

/* The elements after the first of a parenthesized tuple or a list: ", element"
 * until `close` (left for the caller), a trailing comma allowed. */
static void more_elements(P *p, vec *v, const char *close)
{
    while (is_op(p, ",")) {
        advance(p);
        if (is_op(p, close))
            break;
        bt_ast *x = star_named_expression(p);
        vpush(p, v, x);
        if (!is_op(p, ",") && !is_op(p, close)) {
            forgot_comma(p, x);
            fail_generic(p);
        }
    }
}

static bt_ast *atom(P *p)
{
    bt_token *t = T(p);
    switch (t->type) {
    case BT_TK_NAME: {
        int kind = -1;
        if (!strcmp(t->op, "True")) kind = BT_AST_TRUE;
        else if (!strcmp(t->op, "False")) kind = BT_AST_FALSE;
        else if (!strcmp(t->op, "None")) kind = BT_AST_NONE;
        else if (!is_keyword(t->op)) kind = BT_AST_NAME;
        if (kind < 0)
            fail_generic(p);
        bt_ast *n = mk(p, kind, t);
        if (kind == BT_AST_NAME)
            n->str = t->op;
        advance(p);
        return n;
    }
    case BT_TK_NUMBER: {
        bt_ast *n = mk(p, t->is_float ? BT_AST_FLOAT : BT_AST_INT, t);
        n->num = t->num;
        n->ival = t->ival;
        n->big = t->big;
        n->flag = t->imag;
        advance(p);
        return n;
    }
    case BT_TK_STRING:
        return strings(p);
    case BT_TK_OP:
        break;
    default:
        fail_generic(p);
    }
    if (is_op(p, "...")) {
        bt_ast *n = mk(p, BT_AST_ELLIPSIS, t);
        advance(p);
        return n;
    }
    if (is_op(p, "(")) {
        advance(p);
        if (is_op(p, ")")) {
            bt_ast *n = mk(p, BT_AST_TUPLE, t);
            advance(p);
            return fin(p, n);
        }
        if (is_kw(p, "yield")) {
            bt_ast *y = yield_expr(p);
            expect_op(p, ")");
            return y;
        }
        bt_ast *first = star_named_expression(p);
        if (is_kw(p, "for") || (is_kw(p, "async") && tok_kw(TK(p, 1), "for"))) {
            bt_ast *c = comprehension(p, t, "a generator expression", first, NULL);
            expect_op(p, ")");
            return fin(p, c);
        }
        if (is_op(p, ")")) {
            advance(p);
            if (first->kind == BT_AST_STARRED)
                SYNTAX(first->line, first->col, "cannot use starred expression here");
            return first;
        }
        if (!is_op(p, ",")) {
            forgot_comma(p, first);
            fail_generic(p);
        }
        bt_ast *tup = mk(p, BT_AST_TUPLE, t);
        vec v = {0};
        vpush(p, &v, first);
        more_elements(p, &v, ")");
        expect_op(p, ")");
        setkids(tup, &v);
        return fin(p, tup);
    }
    if (is_op(p, "[")) {
        advance(p);
        bt_ast *lst = mk(p, BT_AST_LIST, t);
        if (is_op(p, "]")) {
            advance(p);
            return fin(p, lst);
        }
        bt_ast *first = star_named_expression(p);
        if (is_kw(p, "for") || (is_kw(p, "async") && tok_kw(TK(p, 1), "for"))) {
            bt_ast *c = comprehension(p, t, "a list comprehension", first, NULL);
            expect_op(p, "]");
            return fin(p, c);
        }
        vec v = {0};
        vpush(p, &v, first);
        if (!is_op(p, ",") && !is_op(p, "]")) {
            forgot_comma(p, first);
            fail_generic(p);
        }
        more_elements(p, &v, "]");
        expect_op(p, "]");
        setkids(lst, &v);
        return fin(p, lst);
    }
    if (is_op(p, "{")) {
        advance(p);
        bt_ast *d = mk(p, BT_AST_DICT, t);
        if (is_op(p, "}")) {
            advance(p);
            return fin(p, d);
        }
        vec v = {0};
        int is_dict = -1;
        for (;;) {
            if (is_op(p, "**")) {
                if (is_dict == 0)
                    fail_generic(p);
                is_dict = 1;
                advance(p);
                vpush(p, &v, NULL);
                vpush(p, &v, bitor(p));
            } else {
                bt_ast *k = star_named_expression(p);
                if (is_dict < 0)
                    is_dict = is_op(p, ":") && k->kind != BT_AST_STARRED;
                if (is_dict) {
                    if (!is_op(p, ":")) {
                        if (is_op(p, ",") || is_op(p, "}"))
                            SYNTAX(k->line, k->col, "':' expected after dictionary key");
                        fail_generic(p);
                    }
                    if (k->kind == BT_AST_STARRED || k->kind == BT_AST_NAMEDEXPR)
                        fail_generic(p);
                    advance(p);
                    bt_ast *val = expression(p);
                    if (v.n == 0 && (is_kw(p, "for") || (is_kw(p, "async") && tok_kw(TK(p, 1), "for")))) {
                        bt_ast *c = comprehension(p, t, "a dict comprehension", k, val);
                        expect_op(p, "}");
                        return fin(p, c);
                    }
                    vpush(p, &v, k);
                    vpush(p, &v, val);
                } else {
                    if (v.n == 0 && (is_kw(p, "for") || (is_kw(p, "async") && tok_kw(TK(p, 1), "for")))) {
                        bt_ast *c = comprehension(p, t, "a set comprehension", k, NULL);
                        expect_op(p, "}");
                        return fin(p, c);
                    }
                    vpush(p, &v, k);
                }
            }
            if (is_op(p, ",")) {
                advance(p);
                if (is_op(p, "}"))
                    break;
                continue;
            }
            if (!is_op(p, "}")) {
                if (v.n)
                    forgot_comma(p, v.v[v.n - 1] ? v.v[v.n - 1] : v.v[v.n - 1]);
                fail_generic(p);
            }
            break;
        }
        expect_op(p, "}");
        d->kind = is_dict ? BT_AST_DICT : BT_AST_SET;
        setkids(d, &v);
        return fin(p, d);
    }
    fail_generic(p);
}

static bt_ast *slice_item(P *p)
{
    bt_token *t = T(p);
    bt_ast *lower = NULL;
    if (!is_op(p, ":")) {
        bt_ast *x = star_named_expression(p);
        if (!is_op(p, ":"))
            return x;
        lower = x;
    }
    bt_ast *s = lower ? mk_at(p, BT_AST_SLICE, lower) : mk(p, BT_AST_SLICE, t);
    advance(p); /* ':' */
    bt_ast *upper = NULL, *step = NULL;
    if (!is_op(p, ":") && !is_op(p, ",") && !is_op(p, "]"))
        upper = expression(p);
    if (is_op(p, ":")) {
        advance(p);
        if (!is_op(p, ",") && !is_op(p, "]"))
            step = expression(p);
    }
    kids(p, s, 3, lower, upper, step);
    return fin(p, s);
}

static bt_ast *call_args(P *p, bt_ast *call, int class_bases)
{
    /* '(' consumed by the caller */
    bt_token *open = &p->toks[p->pos - 1];
    int seen_kw = 0, seen_kwunpack = 0;
    const char *late = NULL;
    size_t n_args = 0;
    bt_ast *genexp = NULL;
    while (!is_op(p, ")")) {
        bt_token *t = T(p);
        bt_ast *a;
        if (is_op(p, "*")) {
            advance(p);
            a = mk(p, BT_AST_STARRED, t);
            kids(p, a, 1, expression(p));
            fin(p, a);
            if (seen_kwunpack)
                SYNTAX(a->line, a->col, "iterable argument unpacking follows keyword argument unpacking");
        } else if (is_op(p, "**")) {
            advance(p);
            a = mk(p, BT_AST_KEYWORD, t);
            kids(p, a, 1, expression(p));
            fin(p, a);
            seen_kwunpack = 1;
        } else if (tok_name(t) && tok_op(TK(p, 1), "=")) {
            a = mk(p, BT_AST_KEYWORD, t);
            a->str = t->op;
            advance(p);
            advance(p);
            kids(p, a, 1, expression(p));
            fin(p, a);
            seen_kw = 1;
        } else {
            a = named_expression(p);
            if (is_kw(p, "for") || (is_kw(p, "async") && tok_kw(TK(p, 1), "for"))) {
                bt_ast *c = comprehension(p, t, "a generator expression", a, NULL);
                fin(p, c);
                a = c;
                genexp = c;
            } else if (is_op(p, "=")) {
                /* f(a.b=1), f(1=2) */
                SYNTAX(a->line, a->col, "expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            /* reported at the closing parenthesis, as CPython does */
            if (seen_kwunpack && !late)
                late = "positional argument follows keyword argument unpacking";
            if (seen_kw && !late)
                late = "positional argument follows keyword argument";
        }
        addkid(p, call, a);
        n_args++;
        if (is_op(p, ",")) {
            advance(p);
            continue;
        }
        if (!is_op(p, ")")) {
            forgot_comma(p, a);
            fail_generic(p);
        }
    }
    if (genexp && (n_args > 1 || tok_op(&p->toks[p->pos - 1], ",")))
        SYNTAX(genexp->line, genexp->col, "Generator expression must be parenthesized");
    if (late)
        SYNTAX(T(p)->line, T(p)->col, "%s", late);
    if (genexp) {
        /* f(x for x in y): the generator expression spans the call's parentheses, as in CPython */
        genexp->line = open->line;
        genexp->col = open->col;
        genexp->start = open->start;
        genexp->end = T(p)->end;
        genexp->end_line = T(p)->end_line;
        genexp->end_col = T(p)->end_col;
    }
    /* positional arguments (and *args) first, then the keywords, as Python's ast has them */
    size_t from = class_bases ? 0 : 1, o = from;
    bt_ast **tmp = alloc(p, (call->n_kid + 1) * sizeof *tmp);
    for (size_t k = from; k < call->n_kid; k++)
        if (call->kid[k]->kind != BT_AST_KEYWORD) tmp[o++] = call->kid[k];
    for (size_t k = from; k < call->n_kid; k++)
        if (call->kid[k]->kind == BT_AST_KEYWORD) tmp[o++] = call->kid[k];
    if (call->n_kid > from)
        memcpy(call->kid + from, tmp + from, (call->n_kid - from) * sizeof *tmp);
    advance(p); /* ')' */
    return call;
}

static bt_ast *primary(P *p)
{
    bt_token *st = T(p);
    bt_ast *x = atom(p);
    for (;;) {
        if (is_op(p, ".")) {
            if (!tok_name(TK(p, 1)))
                return x; /* PEG: the primary ends before the '.' */
            advance(p);
            bt_ast *a = mk(p, BT_AST_ATTR, st);
            a->str = T(p)->op;
            kids(p, a, 1, x);
            advance(p);
            x = fin(p, a);
        } else if (is_op(p, "(")) {
            advance(p);
            bt_ast *c = mk(p, BT_AST_CALL, st);
            kids(p, c, 1, x);
            enter(p);
            call_args(p, c, 0);
            leave(p);
            x = fin(p, c);
        } else if (is_op(p, "[")) {
            advance(p);
            enter(p);
            bt_ast *s = mk(p, BT_AST_SUBSCRIPT, st);
            if (is_op(p, "]"))
                fail_generic(p);
            bt_token *ist = T(p);
            bt_ast *first = slice_item(p);
            bt_ast *idx = first;
            if (is_op(p, ",") || first->kind == BT_AST_STARRED) {
                vec v = {0};
                vpush(p, &v, first);
                while (is_op(p, ",")) {
                    advance(p);
                    if (is_op(p, "]"))
                        break;
                    vpush(p, &v, slice_item(p));
                }
                idx = mk(p, BT_AST_TUPLE, ist);
                setkids(idx, &v);
                fin(p, idx);
            }
            if (!is_op(p, "]")) {
                forgot_comma(p, idx);
                fail_generic(p);
            }
            advance(p);
            leave(p);
            kids(p, s, 2, x, idx);
            x = fin(p, s);
        } else {
            return x;
        }
    }
}

static bt_ast *await_primary(P *p)
{
    if (is_kw(p, "await")) {
        bt_ast *a = mk(p, BT_AST_AWAIT, T(p));
        advance(p);
        kids(p, a, 1, primary(p));
        return fin(p, a);
    }
    return primary(p);
}

static bt_ast *power(P *p)
{
    bt_token *st = T(p);
    bt_ast *x = await_primary(p);
    if (is_op(p, "**")) {
        advance(p);
        enter(p);
        bt_ast *b = mk(p, BT_AST_BINARY, st);
        b->op = BT_OP_POW;
        kids(p, b, 2, x, factor(p));
        leave(p);
        return fin(p, b);
    }
    return x;
}

static bt_ast *factor(P *p)
{
    int op = is_op(p, "-") ? BT_OP_NEG : is_op(p, "+") ? BT_OP_POS : is_op(p, "~") ? BT_OP_INVERT : 0;
    if (op) {
        enter(p);
        bt_ast *u = mk(p, BT_AST_UNARY, T(p));
        u->op = op;
        advance(p);
        kids(p, u, 1, factor(p));
        fin(p, u);
        leave(p);
        return u;
    }
    return power(p);
}

static int binop_of(P *p, int level)
{
    bt_token *t = T(p);
    if (t->type != BT_TK_OP)
        return 0;
    const char *s = t->op;
    switch (level) {
    case 0: return !strcmp(s, "*") ? BT_OP_MUL : !strcmp(s, "/") ? BT_OP_DIV : !strcmp(s, "//") ? BT_OP_FLOORDIV
                 : !strcmp(s, "%") ? BT_OP_MOD : !strcmp(s, "@") ? BT_OP_MATMUL : 0;
    case 1: return !strcmp(s, "+") ? BT_OP_ADD : !strcmp(s, "-") ? BT_OP_SUB : 0;
    case 2: return !strcmp(s, "<<") ? BT_OP_LSHIFT : !strcmp(s, ">>") ? BT_OP_RSHIFT : 0;
    case 3: return !strcmp(s, "&") ? BT_OP_BITAND : 0;
    case 4: return !strcmp(s, "^") ? BT_OP_BITXOR : 0;
    default: return !strcmp(s, "|") ? BT_OP_BITOR : 0;
    }
}

static bt_ast *binlevel(P *p, int level)
{
    bt_token *st = T(p);
    bt_ast *x = level == 0 ? factor(p) : binlevel(p, level - 1);
    int op;
    while ((op = binop_of(p, level)) != 0) {
        advance(p);
        bt_ast *b = mk(p, BT_AST_BINARY, st);
        b->op = op;
        bt_ast *y = level == 0 ? factor(p) : binlevel(p, level - 1);
        kids(p, b, 2, x, y);
        x = fin(p, b);
    }
    return x;
}

static bt_ast *bitor(P *p) { return binlevel(p, 5); }

static int cmp_op(P *p, int *width)
{
    bt_token *t = T(p);
    *width = 1;
    if (t->type == BT_TK_OP) {
        const char *s = t->op;
        if (!strcmp(s, "<")) return BT_CMP_LT;
        if (!strcmp(s, "<=")) return BT_CMP_LE;
        if (!strcmp(s, ">")) return BT_CMP_GT;
        if (!strcmp(s, ">=")) return BT_CMP_GE;
        if (!strcmp(s, "==")) return BT_CMP_EQ;
        if (!strcmp(s, "!=")) return BT_CMP_NE;
        return 0;
    }
    if (tok_kw(t, "in")) return BT_CMP_IN;
    if (tok_kw(t, "not") && tok_kw(TK(p, 1), "in")) { *width = 2; return BT_CMP_NOTIN; }
    if (tok_kw(t, "is")) {
        if (tok_kw(TK(p, 1), "not")) { *width = 2; return BT_CMP_ISNOT; }
        return BT_CMP_IS;
    }
    return 0;
}

static bt_ast *comparison(P *p)
{
    bt_token *st = T(p);
    bt_ast *x = bitor(p);
    int w, op = cmp_op(p, &w);
    if (!op)
        return x;
    bt_ast *c = mk(p, BT_AST_COMPARE, st);
    vec v = {0};
    vpush(p, &v, x);
    int ops[64], *opv = ops;
    size_t nops = 0, cap = 64;
    while (op) {
        while (w--) advance(p);
        if (nops == cap) {
            int *nv = alloc(p, cap * 2 * sizeof *nv);
            memcpy(nv, opv, nops * sizeof *nv);
            opv = nv;
            cap *= 2;
        }
        opv[nops++] = op;
        vpush(p, &v, bitor(p));
        op = cmp_op(p, &w);
    }
    c->ops = alloc(p, nops * sizeof *c->ops);
    memcpy(c->ops, opv, nops * sizeof *c->ops);
    c->n_ops = nops;
    setkids(c, &v);
    return fin(p, c);
}

static bt_ast *inversion(P *p)
{
    if (is_kw(p, "not")) {
        enter(p);
        bt_ast *u = mk(p, BT_AST_UNARY, T(p));
        u->op = BT_OP_NOT;
        advance(p);
        kids(p, u, 1, inversion(p));
        fin(p, u);
        leave(p);
        return u;
    }
    return comparison(p);
}

static bt_ast *boolop(P *p, int is_or)
{
    bt_token *st = T(p);
    bt_ast *x = is_or ? boolop(p, 0) : inversion(p);
    const char *kw = is_or ? "or" : "and";
    if (!is_kw(p, kw))
        return x;
    bt_ast *b = mk(p, BT_AST_BOOLOP, st);
    b->op = is_or ? BT_OP_OR : BT_OP_AND;
    vec v = {0};
    vpush(p, &v, x);
    while (is_kw(p, kw)) {
        advance(p);
        vpush(p, &v, is_or ? boolop(p, 0) : inversion(p));
    }
    setkids(b, &v);
    return fin(p, b);
}

static bt_ast *disjunction(P *p) { return boolop(p, 1); }

static bt_ast *lambdef(P *p)
{
    bt_ast *l = mk(p, BT_AST_LAMBDA, T(p));
    advance(p);
    bt_ast *ps = params(p, 1);
    expect_op(p, ":");
    bt_ast *body = expression(p);
    kids(p, l, 2, ps, body);
    return fin(p, l);
}

static bt_ast *expression(P *p)
{
    enter(p);
    bt_ast *r;
    if (is_kw(p, "lambda")) {
        r = lambdef(p);
    } else {
        bt_token *st = T(p);
        bt_ast *x = disjunction(p);
        if (is_kw(p, "if")) {
            advance(p);
            bt_ast *test = disjunction(p);
            if (!is_kw(p, "else"))
                SYNTAX(x->line, x->col, "expected 'else' after 'if' expression");
            advance(p);
            bt_ast *orelse = expression(p);
            r = mk(p, BT_AST_IFEXP, st);
            kids(p, r, 3, x, test, orelse);
            fin(p, r);
        } else {
            r = x;
        }
    }
    leave(p);
    return r;
}

static bt_ast *named_expression(P *p)
{
    if (tok_name(T(p)) && tok_op(TK(p, 1), ":=")) {
        bt_ast *n = mk(p, BT_AST_NAMEDEXPR, T(p));
        bt_ast *target = mk(p, BT_AST_NAME, T(p));
        target->str = T(p)->op;
        advance(p);
        advance(p);
        bt_ast *v = expression(p);
        kids(p, n, 2, target, v);
        return fin(p, n);
    }
    return expression(p);
}

/* star_expressions: expression or *bitor, comma separated; a TUPLE when a comma appears */
static bt_ast *star_expressions(P *p)
{
    bt_token *st = T(p);
    bt_ast *first;
    if (is_op(p, "*")) {
        bt_token *st = T(p);
        advance(p);
        first = mk(p, BT_AST_STARRED, st);
        kids(p, first, 1, bitor(p));
        fin(p, first);
    } else {
        first = expression(p);
    }
    if (!is_op(p, ","))
        return first;
    bt_ast *t = mk(p, BT_AST_TUPLE, st);
    vec v = {0};
    vpush(p, &v, first);
    while (is_op(p, ",")) {
        advance(p);
        bt_token *c = T(p);
        if (!(tok_op(c, "*") || starts_atom(c) || tok_op(c, "-") || tok_op(c, "+") || tok_op(c, "~") ||
              tok_kw(c, "not") || tok_kw(c, "lambda") || tok_kw(c, "await") || tok_op(c, "...")))
            break;
        if (is_op(p, "*")) {
            bt_token *st = T(p);
            advance(p);
            bt_ast *s = mk(p, BT_AST_STARRED, st);
            kids(p, s, 1, bitor(p));
            vpush(p, &v, fin(p, s));
        } else {
            vpush(p, &v, expression(p));
        }
    }
    setkids(t, &v);
    return fin(p, t);
}

/* ------------------------------------------------------------------ parameters */

static bt_ast *params(P *p, int lambda)
{
    bt_ast *ps = mk(p, BT_AST_PARAMS, T(p));
    const char *closer = lambda ? ":" : ")";
    int seen_default = 0, after_star = 0, seen_slash = 0, seen_kwargs = 0;
    size_t n = 0;
    while (!is_op(p, closer)) {
        bt_token *t = T(p);
        if (seen_kwargs)
            SYNTAX(t->line, t->col, "arguments cannot follow var-keyword argument");
        if (is_op(p, "/")) {
            if (n == 0)
                SYNTAX(t->line, t->col, "at least one argument must precede /");
            if (seen_slash)
                SYNTAX(t->line, t->col, "/ may appear only once");
            if (after_star)
                SYNTAX(t->line, t->col, "/ must be ahead of *");
            seen_slash = 1;
            for (size_t k = 0; k < ps->n_kid; k++)
                ps->kid[k]->level = 1;
            advance(p);
        } else if (is_op(p, "*") || is_op(p, "**")) {
            int star2 = is_op(p, "**");
            if (!star2 && after_star)
                SYNTAX(t->line, t->col, "* argument may appear only once");
            advance(p);
            if (!star2 && (is_op(p, ",") || is_op(p, closer))) {
                bt_token *nt = is_op(p, ",") ? TK(p, 1) : T(p);
                if (tok_op(nt, closer) || tok_op(nt, "**"))
                    SYNTAX(t->line, t->col, "named arguments must follow bare *");
                after_star = 1;
            } else {
                if (!tok_name(T(p)))
                    fail_generic(p);
                bt_ast *a = mk(p, BT_AST_PARAM, t);
                a->str = T(p)->op;
                a->flag = star2 ? 2 : 1;
                advance(p);
                if (!lambda && is_op(p, ":")) {
                    advance(p);
                    if (is_op(p, "*") && !star2) {
                        advance(p);
                        (void)bitor(p);
                    } else {
                        (void)expression(p);
                    }
                }
                if (is_op(p, "=")) {
                    bt_token *e = T(p);
                    SYNTAX(e->line, e->col, star2 ? "var-keyword argument cannot have default value"
                                                  : "var-positional argument cannot have default value");
                }
                kids(p, a, 1, NULL);
                addkid(p, ps, fin(p, a));
                if (star2) seen_kwargs = 1;
                else after_star = 1;
            }
        } else {
            if (!tok_name(t))
                fail_generic(p);
            bt_ast *a = mk(p, BT_AST_PARAM, t);
            a->str = t->op;
            a->flag = after_star ? 3 : 0;
            advance(p);
            if (!lambda && is_op(p, ":")) {
                advance(p);
                (void)expression(p);
            }
            bt_ast *def = NULL;
            if (is_op(p, "=")) {
                advance(p);
                def = expression(p);
                if (!after_star)
                    seen_default = 1;
            } else if (seen_default && !after_star) {
                SYNTAX(t->line, t->col, "non-default argument follows default argument");
            }
            kids(p, a, 1, def);
            addkid(p, ps, fin(p, a));
        }
        n++;
        if (is_op(p, ",")) {
            advance(p);
            continue;
        }
        if (!is_op(p, closer))
            fail_generic(p);
    }
    return fin(p, ps);
}

/* ------------------------------------------------------------------ targets */

static const char *expr_name(const bt_ast *n)
{
    switch (n->kind) {
    case BT_AST_CALL: return "function call";
    case BT_AST_INT: case BT_AST_FLOAT: return "literal";
    case BT_AST_STRING: return n->flag == 1 ? "f-string expression" : "literal";
    case BT_AST_TRUE: return "True";
    case BT_AST_FALSE: return "False";
    case BT_AST_NONE: return "None";
    case BT_AST_ELLIPSIS: return "ellipsis";
    case BT_AST_COMPARE: return "comparison";
    case BT_AST_BINARY: case BT_AST_UNARY: case BT_AST_BOOLOP: return "expression";
    case BT_AST_IFEXP: return "conditional expression";
    case BT_AST_LAMBDA: return "lambda";
    case BT_AST_DICT: return "dict literal";
    case BT_AST_SET: return "set display";
    case BT_AST_COMPREHENSION:
        return !strcmp(n->str, "a list comprehension") ? "list comprehension"
             : !strcmp(n->str, "a set comprehension") ? "set comprehension"
             : !strcmp(n->str, "a dict comprehension") ? "dict comprehension" : "generator expression";
    case BT_AST_NAMEDEXPR: return "named expression";
    case BT_AST_YIELD: return "yield expression";
    case BT_AST_AWAIT: return "await expression";
    case BT_AST_TUPLE: return "tuple";
    case BT_AST_LIST: return "list";
    case BT_AST_STARRED: return "starred";
    default: return "expression";
    }
}

/* The first node in n that cannot be assigned to (or deleted), NULL if n is a valid target. */
static const bt_ast *bad_target(const bt_ast *n, int del)
{
    switch (n->kind) {
    case BT_AST_NAME: case BT_AST_ATTR: case BT_AST_SUBSCRIPT:
        return NULL;
    case BT_AST_TUPLE: case BT_AST_LIST:
        for (size_t k = 0; k < n->n_kid; k++) {
            const bt_ast *b = bad_target(n->kid[k], del);
            if (b)
                return b;
        }
        return NULL;
    case BT_AST_STARRED:
        return del ? n : bad_target(n->kid[0], del);
    default:
        return n;
    }
}

static void check_target(P *p, const bt_ast *t, const char *verb, int maybe_eq)
{
    if (t->kind == BT_AST_STARRED && strcmp(verb, "delete"))
        SYNTAX(t->line, t->col, "starred assignment target must be in a list or tuple");
    const bt_ast *b = bad_target(t, !strcmp(verb, "delete"));
    if (!b)
        return;
    if (maybe_eq && b == t && b->kind != BT_AST_COMPARE && b->kind != BT_AST_BOOLOP && b->kind != BT_AST_IFEXP &&
        b->kind != BT_AST_LAMBDA && !(b->kind == BT_AST_UNARY && b->op == BT_OP_NOT) && b->kind != BT_AST_TRUE &&
        b->kind != BT_AST_FALSE && b->kind != BT_AST_NONE && b->kind != BT_AST_YIELD && b->kind != BT_AST_COMPREHENSION)
        SYNTAX(b->line, b->col, "cannot %s %s here. Maybe you meant '==' instead of '='?", verb, expr_name(b));
    if (b->kind == BT_AST_YIELD)
        SYNTAX(b->line, b->col, "assignment to yield expression not possible");
    SYNTAX(b->line, b->col, "cannot %s %s", verb, expr_name(b));
}

/* for/comprehension-style targets: star_target (',' star_target)* [','] stopping before 'in' */
static bt_ast *star_targets(P *p)
{
    vec v = {0};
    int comma = 0;
    for (;;) {
        bt_ast *x;
        if (is_op(p, "*")) {
            bt_token *st = T(p);
            advance(p);
            x = mk(p, BT_AST_STARRED, st);
            kids(p, x, 1, bitor(p));
            fin(p, x);
        } else {
            x = bitor(p);
        }
        vpush(p, &v, x);
        if (!is_op(p, ","))
            break;
        comma = 1;
        advance(p);
        if (is_kw(p, "in") || is_op(p, "=") || T(p)->type == BT_TK_NEWLINE)
            break;
    }
    if (!comma)
        return v.v[0];
    bt_ast *t = mk_at(p, BT_AST_TUPLE, v.v[0]);
    setkids(t, &v);
    return fin(p, t);
}

/* ------------------------------------------------------------------ statements */

static void statement(P *p, vec *out);

static bt_ast *simple_line_block(P *p, const bt_token *at);

/* The suite after ':' */
static bt_ast *block(P *p, const char *what, int line)
{
    if (T(p)->type != BT_TK_NEWLINE) {
        return simple_line_block(p, T(p));
    }
    advance(p);
    if (T(p)->type != BT_TK_INDENT) {
        bt_token *t = T(p);
        if (t->type == BT_TK_LEXERR)
            fail_generic(p);
        fail_at(p, "IndentationError", t->line, t->col, "expected an indented block after %s on line %d", what, line);
    }
    advance(p);
    bt_ast *b = mk(p, BT_AST_BLOCK, T(p));
    vec v = {0};
    while (T(p)->type != BT_TK_DEDENT) {
        int type = T(p)->type;
        if (type == BT_TK_END || type == BT_TK_LEXERR || type == BT_TK_EOFPAREN)
            fail_generic(p);
        statement(p, &v);
    }
    setkids(b, &v);
    if (v.n)
        end_like(b, v.v[v.n - 1]);
    advance(p); /* DEDENT */
    return b;
}

/* forced: CPython says "expected ':'" whatever the token (def, try, else, finally) */
static void expect_colon_f(P *p, int forced)
{
    if (is_op(p, ":")) {
        advance(p);
        return;
    }
    bt_token *t = T(p);
    if (t->type == BT_TK_NEWLINE || (forced && t->type != BT_TK_LEXERR && t->type != BT_TK_EOFPAREN))
        SYNTAX(t->line, t->col, "expected ':'");
    fail_generic(p);
}

static void expect_colon(P *p) { expect_colon_f(p, 0); }

static bt_ast *test_expr(P *p)
{
    bt_ast *x = named_expression(p);
    if (is_op(p, "=")) {
        bt_token *nx = TK(p, 1);
        if (!starts_atom(nx) && !tok_op(nx, "-") && !tok_op(nx, "+") && !tok_op(nx, "~"))
            SYNTAX(T(p)->line, T(p)->col, "invalid syntax");
        if (x->kind == BT_AST_NAME)
            SYNTAX(x->line, x->col, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        check_target(p, x, "assign to", 1);
        SYNTAX(x->line, x->col, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    }
    return x;
}

static bt_ast *if_stmt(P *p, int kw_line, const char *what)
{
    bt_ast *n = mk(p, BT_AST_IF, T(p));
    advance(p);
    bt_ast *test = test_expr(p);
    expect_colon(p);
    char desc[32];
    snprintf(desc, sizeof desc, "'%s' statement", what);
    bt_ast *body = block(p, desc, kw_line);
    bt_ast *orelse = NULL;
    if (is_kw(p, "elif")) {
        bt_token *et = T(p);
        orelse = mk(p, BT_AST_BLOCK, et);
        bt_ast *inner = if_stmt(p, et->line, "elif");
        kids(p, orelse, 1, inner);
        end_like(orelse, inner);
    } else if (is_kw(p, "else")) {
        int l = T(p)->line;
        advance(p);
        expect_colon_f(p, 1);
        orelse = block(p, "'else' statement", l);
    }
    kids(p, n, 3, test, body, orelse);
    end_like(n, orelse ? orelse : body);
    return n;
}

static bt_ast *else_block(P *p)
{
    if (!is_kw(p, "else"))
        return NULL;
    int l = T(p)->line;
    advance(p);
    expect_colon_f(p, 1);
    return block(p, "'else' statement", l);
}

static bt_ast *funcdef(P *p, bt_ast *decorators, const bt_token *start, int is_async)
{
    bt_ast *f = mk(p, BT_AST_FUNCDEF, start);
    int line = T(p)->line;
    f->flag = is_async;
    advance(p); /* def */
    if (!tok_name(T(p)))
        fail_generic(p);
    f->str = T(p)->op;
    advance(p);
    if (!is_op(p, "("))
        SYNTAX(T(p)->line, T(p)->col, "expected '('");
    advance(p);
    bt_ast *ps = params(p, 0);
    advance(p); /* ')' */
    if (is_op(p, "->")) {
        advance(p);
        (void)expression(p);
    }
    expect_colon_f(p, 1);
    bt_ast *body = block(p, "function definition", line);
    kids(p, f, 3, ps, body, decorators);
    end_like(f, body);
    return f;
}

static bt_ast *classdef(P *p, bt_ast *decorators, const bt_token *start)
{
    bt_ast *c = mk(p, BT_AST_CLASS, start);
    int line = T(p)->line;
    advance(p);
    if (!tok_name(T(p)))
        fail_generic(p);
    c->str = T(p)->op;
    advance(p);
    bt_ast *bases = mk(p, BT_AST_BLOCK, T(p));
    if (is_op(p, "(")) {
        advance(p);
        enter(p);
        call_args(p, bases, 1);
        leave(p);
        fin(p, bases);
    }
    expect_colon(p);
    bt_ast *body = block(p, "class definition", line);
    kids(p, c, 3, bases, body, decorators);
    end_like(c, body);
    return c;
}

static bt_ast *for_stmt(P *p, const bt_token *start, int is_async)
{
    bt_ast *f = mk(p, BT_AST_FOR, start);
    f->flag = is_async;
    int line = T(p)->line;
    advance(p);
    bt_ast *target = star_targets(p);
    if (!is_kw(p, "in"))
        fail_generic(p);
    check_target(p, target, "assign to", 0);
    advance(p);
    bt_ast *iter = star_expressions(p);
    expect_colon(p);
    bt_ast *body = block(p, "'for' statement", line);
    bt_ast *orelse = else_block(p);
    kids(p, f, 4, target, iter, body, orelse);
    end_like(f, orelse ? orelse : body);
    return f;
}

static bt_ast *with_item(P *p)
{
    bt_ast *it = mk(p, BT_AST_WITHITEM, T(p));
    bt_ast *e = expression(p);
    bt_ast *target = NULL;
    if (is_kw(p, "as")) {
        advance(p);
        target = bitor(p);
        check_target(p, target, "assign to", 0);
    }
    kids(p, it, 2, e, target);
    return fin(p, it);
}

static bt_ast *with_stmt(P *p, const bt_token *start, int is_async)
{
    bt_ast *w = mk(p, BT_AST_WITH, start);
    w->flag = is_async;
    int line = T(p)->line;
    advance(p);
    bt_ast *items = mk(p, BT_AST_BLOCK, T(p));
    int done = 0;
    if (is_op(p, "(")) {
        /* with (a as b, c as d): ... : try the parenthesized form first */
        jmp_buf jb;
        jmp_buf *volatile saved = p->jb;
        volatile size_t savepos = p->pos;
        volatile int savedepth = p->depth;
        p->jb = &jb;
        if (setjmp(jb) == 0) {
            advance(p);
            vec v = {0};
            for (;;) {
                vpush(p, &v, with_item(p));
                if (!is_op(p, ","))
                    break;
                advance(p);
                if (is_op(p, ")"))
                    break;
            }
            expect_op(p, ")");
            if (!is_op(p, ":"))
                fail_generic(p);
            setkids(items, &v);
            done = 1;
            p->jb = saved;
        } else {
            p->jb = saved;
            if (p->nomem)
                longjmp(*p->jb, 1);
            p->pos = savepos;
            p->depth = savedepth;
        }
    }
    if (!done) {
        vec v = {0};
        for (;;) {
            vpush(p, &v, with_item(p));
            if (!is_op(p, ","))
                break;
            advance(p);
        }
        setkids(items, &v);
    }
    fin(p, items);
    expect_colon(p);
    bt_ast *body = block(p, "'with' statement", line);
    kids(p, w, 2, items, body);
    end_like(w, body);
    return w;
}

static bt_ast *try_stmt(P *p)
{
    bt_ast *t = mk(p, BT_AST_TRY, T(p));
    int line = T(p)->line;
    advance(p);
    expect_colon_f(p, 1);
    bt_ast *body = block(p, "'try' statement", line);
    bt_ast *handlers = mk(p, BT_AST_BLOCK, T(p));
    bt_ast *orelse = NULL, *final = NULL;
    while (is_kw(p, "except")) {
        bt_ast *h = mk(p, BT_AST_EXCEPT, T(p));
        int hl = T(p)->line;
        advance(p);
        if (is_op(p, "*")) {
            advance(p);
            t->flag = 1;
        }
        bt_ast *type = NULL;
        if (T(p)->type == BT_TK_NEWLINE)
            SYNTAX(T(p)->line, T(p)->col, "expected ':'");
        if (!is_op(p, ":")) {
            type = expression(p);
            if (is_op(p, ",")) {
                SYNTAX(type->line, type->col, "multiple exception types must be parenthesized");
            }
            if (is_kw(p, "as")) {
                advance(p);
                if (!tok_name(T(p)))
                    fail_generic(p);
                h->str = T(p)->op;
                advance(p);
            }
        }
        expect_colon(p);
        bt_ast *hb = block(p, "'except' statement", hl);
        kids(p, h, 2, type, hb);
        end_like(h, hb);
        addkid(p, handlers, h);
    }
    if (handlers->n_kid)
        orelse = else_block(p);
    if (is_kw(p, "finally")) {
        int fl = T(p)->line;
        advance(p);
        expect_colon_f(p, 1);
        final = block(p, "'finally' statement", fl);
    }
    if (!handlers->n_kid && !final) {
        bt_token *x = T(p);
        if (x->type == BT_TK_LEXERR)
            fail_generic(p);
        SYNTAX(x->line, x->col, "expected 'except' or 'finally' block");
    }
    kids(p, t, 4, body, handlers, orelse, final);
    end_like(t, final ? final : orelse ? orelse : handlers->n_kid ? handlers->kid[handlers->n_kid - 1] : body);
    return t;
}

/* match statement; returns NULL (position restored) when the line is not one */
static bt_ast *match_stmt(P *p)
{
    jmp_buf jb;
    jmp_buf *volatile saved = p->jb;
    volatile size_t savepos = p->pos;
    volatile int savedepth = p->depth;
    bt_ast *volatile subject = NULL;
    bt_token *start = T(p);
    p->jb = &jb;
    if (setjmp(jb) == 0) {
        advance(p);
        bt_ast *s = star_named_expression(p);
        if (is_op(p, ",")) {
            bt_ast *tup = mk_at(p, BT_AST_TUPLE, s);
            addkid(p, tup, s);
            while (is_op(p, ",")) {
                advance(p);
                if (is_op(p, ":"))
                    break;
                addkid(p, tup, star_named_expression(p));
            }
            s = fin(p, tup);
        }
        if (T(p)->type == BT_TK_NEWLINE)
            p->match_colon = T(p);
        if (!is_op(p, ":") || TK(p, 1)->type != BT_TK_NEWLINE)
            fail_generic(p);
        subject = s;
        p->jb = saved;
    } else {
        p->jb = saved;
        if (p->nomem)
            longjmp(*p->jb, 1);
        p->pos = savepos;
        p->depth = savedepth;
        return NULL;
    }
    bt_ast *m = mk(p, BT_AST_MATCH, start);
    addkid(p, m, subject);
    advance(p); /* : */
    advance(p); /* NEWLINE */
    if (T(p)->type != BT_TK_INDENT) {
        if (T(p)->type == BT_TK_LEXERR)
            fail_generic(p);
        fail_at(p, "IndentationError", T(p)->line, T(p)->col, "expected an indented block after 'match' statement on line %d",
                start->line);
    }
    advance(p); /* INDENT */
    while (T(p)->type != BT_TK_DEDENT) {
        if (!is_kw(p, "case"))
            fail_generic(p);
        bt_ast *c = mk(p, BT_AST_MATCH_CASE, T(p));
        int line = T(p)->line;
        advance(p);
        /* the pattern: balanced tokens up to ':' or 'if' at depth 0 */
        int depth = 0;
        size_t n = 0;
        for (;;) {
            bt_token *t = T(p);
            if (t->type == BT_TK_NEWLINE || t->type == BT_TK_END || t->type == BT_TK_LEXERR ||
                t->type == BT_TK_EOFPAREN || t->type == BT_TK_INDENT || t->type == BT_TK_DEDENT || t->type == BT_TK_ERRTOK)
                fail_generic(p);
            if (depth == 0 && (tok_op(t, ":") || tok_kw(t, "if")))
                break;
            if (tok_op(t, "(") || tok_op(t, "[") || tok_op(t, "{")) depth++;
            if (tok_op(t, ")") || tok_op(t, "]") || tok_op(t, "}")) depth--;
            advance(p);
            n++;
        }
        if (n == 0)
            fail_generic(p);
        bt_ast *guard = NULL;
        if (is_kw(p, "if")) {
            advance(p);
            guard = named_expression(p);
        }
        expect_colon(p);
        bt_ast *body = block(p, "'case' statement", line);
        kids(p, c, 2, guard, body);
        end_like(c, body);
        addkid(p, m, c);
    }
    advance(p);
    end_like(m, m->kid[m->n_kid - 1]);
    return m;
}

static bt_ast *import_name(P *p, const char **out)
{
    /* dotted_name */
    if (!tok_name(T(p)))
        fail_generic(p);
    size_t s = T(p)->start, e = T(p)->end;
    advance(p);
    while (is_op(p, ".")) {
        advance(p);
        if (!tok_name(T(p)))
            fail_generic(p);
        e = T(p)->end;
        advance(p);
    }
    /* the text without spaces around the dots */
    char *buf = alloc(p, e - s + 1);
    size_t o = 0;
    for (size_t k = s; k < e; k++) {
        char c = p->src[k];
        if (c == ' ' || c == '\t' || c == '\\' || c == '\n' || c == '\f')
            continue;
        buf[o++] = c;
    }
    buf[o] = '\0';
    *out = buf;
    return NULL;
}

static bt_ast *alias(P *p, int dotted)
{
    bt_ast *a = mk(p, BT_AST_ALIAS, T(p));
    if (dotted) {
        import_name(p, &a->str);
    } else {
        if (!tok_name(T(p)))
            fail_generic(p);
        a->str = T(p)->op;
        advance(p);
    }
    if (is_kw(p, "as")) {
        advance(p);
        if (!tok_name(T(p)))
            fail_generic(p);
        a->str2 = T(p)->op;
        advance(p);
    }
    return fin(p, a);
}

static bt_ast *simple_stmt_inner(P *p);

/* A simple statement starts at its first token, also when that is a '(' of a parenthesized target. */
static bt_ast *simple_stmt(P *p)
{
    bt_token *t = T(p);
    bt_ast *n = simple_stmt_inner(p);
    n->line = t->line;
    n->col = t->col;
    n->start = t->start;
    return n;
}

static bt_ast *simple_stmt_inner(P *p)
{
    bt_token *t = T(p);
    if (t->type == BT_TK_NAME) {
        const char *s = t->op;
        if (!strcmp(s, "pass") || !strcmp(s, "break") || !strcmp(s, "continue")) {
            bt_ast *n = mk(p, !strcmp(s, "pass") ? BT_AST_PASS : !strcmp(s, "break") ? BT_AST_BREAK : BT_AST_CONTINUE, t);
            advance(p);
            return n;
        }
        if (!strcmp(s, "return")) {
            bt_ast *n = mk(p, BT_AST_RETURN, t);
            advance(p);
            bt_ast *v = NULL;
            if (T(p)->type != BT_TK_NEWLINE && !is_op(p, ";"))
                v = star_expressions(p);
            kids(p, n, 1, v);
            return fin(p, n);
        }
        if (!strcmp(s, "raise")) {
            bt_ast *n = mk(p, BT_AST_RAISE, t);
            advance(p);
            bt_ast *e = NULL, *cause = NULL;
            if (T(p)->type != BT_TK_NEWLINE && !is_op(p, ";")) {
                e = expression(p);
                if (is_kw(p, "from")) {
                    advance(p);
                    cause = expression(p);
                }
            }
            kids(p, n, 2, e, cause);
            return fin(p, n);
        }
        if (!strcmp(s, "global") || !strcmp(s, "nonlocal")) {
            bt_ast *n = mk(p, s[0] == 'g' ? BT_AST_GLOBAL : BT_AST_NONLOCAL, t);
            advance(p);
            for (;;) {
                if (!tok_name(T(p)))
                    fail_generic(p);
                bt_ast *nm = mk(p, BT_AST_NAME, T(p));
                nm->str = T(p)->op;
                addkid(p, n, nm);
                advance(p);
                if (!is_op(p, ","))
                    break;
                advance(p);
            }
            return fin(p, n);
        }
        if (!strcmp(s, "del")) {
            bt_ast *n = mk(p, BT_AST_DEL, t);
            advance(p);
            for (;;) {
                bt_ast *x = bitor(p);
                check_target(p, x, "delete", 0);
                addkid(p, n, x);
                if (!is_op(p, ","))
                    break;
                advance(p);
                if (T(p)->type == BT_TK_NEWLINE || is_op(p, ";"))
                    break;
            }
            return fin(p, n);
        }
        if (!strcmp(s, "assert")) {
            bt_ast *n = mk(p, BT_AST_ASSERT, t);
            advance(p);
            bt_ast *test = expression(p), *msg = NULL;
            if (is_op(p, ",")) {
                advance(p);
                msg = expression(p);
            }
            kids(p, n, 2, test, msg);
            return fin(p, n);
        }
        if (!strcmp(s, "import") || !strcmp(s, "from"))
            p->no_probe = 1;
        if (!strcmp(s, "import")) {
            bt_ast *n = mk(p, BT_AST_IMPORT, t);
            advance(p);
            for (;;) {
                addkid(p, n, alias(p, 1));
                if (!is_op(p, ","))
                    break;
                advance(p);
            }
            return fin(p, n);
        }
        if (!strcmp(s, "from")) {
            bt_ast *n = mk(p, BT_AST_IMPORT_FROM, t);
            advance(p);
            int level = 0;
            while (is_op(p, ".") || is_op(p, "...")) {
                level += is_op(p, ".") ? 1 : 3;
                advance(p);
            }
            n->level = level;
            if (!is_kw(p, "import") || level == 0)
                import_name(p, &n->str);
            if (!is_kw(p, "import"))
                fail_generic(p);
            advance(p);
            if (is_op(p, "*")) {
                bt_ast *a = mk(p, BT_AST_ALIAS, T(p));
                a->str = "*";
                advance(p);
                addkid(p, n, a);
            } else if (is_op(p, "(")) {
                advance(p);
                for (;;) {
                    addkid(p, n, alias(p, 0));
                    if (!is_op(p, ","))
                        break;
                    advance(p);
                    if (is_op(p, ")"))
                        break;
                }
                expect_op(p, ")");
            } else {
                for (;;) {
                    addkid(p, n, alias(p, 0));
                    if (!is_op(p, ","))
                        break;
                    advance(p);
                    if (T(p)->type == BT_TK_NEWLINE)
                        fail_generic(p); /* "trailing comma not allowed without surrounding parentheses" */
                }
            }
            return fin(p, n);
        }
    }
    /* expression statement, assignments */
    bt_ast *first = is_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
    if (first->kind == BT_AST_NAME && (!strcmp(first->str, "print") || !strcmp(first->str, "exec")) &&
        (starts_atom(T(p)) || is_op(p, "-")))
        SYNTAX(first->line, first->col, "Missing parentheses in call to '%s'. Did you mean %s(...)?", first->str, first->str);
    if (is_op(p, "=")) {
        bt_ast *n = mk_at(p, BT_AST_ASSIGN, first);
        vec v = {0};
        vpush(p, &v, first);
        while (is_op(p, "=")) {
            advance(p);
            vpush(p, &v, is_kw(p, "yield") ? yield_expr(p) : star_expressions(p));
        }
        if (is_op(p, ":="))
            fail_generic(p);
        if (v.v[v.n - 1]->kind == BT_AST_STARRED)
            SYNTAX(v.v[v.n - 1]->line, v.v[v.n - 1]->col, "can't use starred expression here");
        for (size_t k = 0; k + 1 < v.n; k++)
            check_target(p, v.v[k], "assign to", k == 0 && v.n == 2);
        setkids(n, &v);
        fin(p, n);
        return n;
    }
    static const char *const AUG[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^=", NULL};
    static const int AUGOP[] = {BT_OP_ADD, BT_OP_SUB, BT_OP_MUL, BT_OP_DIV, BT_OP_FLOORDIV, BT_OP_MOD, BT_OP_POW,
                                BT_OP_MATMUL, BT_OP_LSHIFT, BT_OP_RSHIFT, BT_OP_BITAND, BT_OP_BITOR, BT_OP_BITXOR};
    if (T(p)->type == BT_TK_OP) {
        for (int k = 0; AUG[k]; k++) {
            if (strcmp(T(p)->op, AUG[k]) != 0)
                continue;
            if (first->kind != BT_AST_NAME && first->kind != BT_AST_ATTR && first->kind != BT_AST_SUBSCRIPT)
                SYNTAX(first->line, first->col, "'%s' is an illegal expression for augmented assignment", expr_name(first));
            advance(p);
            bt_ast *n = mk_at(p, BT_AST_AUGASSIGN, first);
            n->op = AUGOP[k];
            bt_ast *v = is_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
            kids(p, n, 2, first, v);
            fin(p, n);
            return n;
        }
    }
    if (is_op(p, ":")) {
        if (first->kind == BT_AST_TUPLE)
            SYNTAX(first->line, first->col, "only single target (not tuple) can be annotated");
        if (first->kind == BT_AST_LIST)
            SYNTAX(first->line, first->col, "only single target (not list) can be annotated");
        if (first->kind != BT_AST_NAME && first->kind != BT_AST_ATTR && first->kind != BT_AST_SUBSCRIPT) {
            /* CPython names the target only when an annotation follows */
            bt_token *nx = TK(p, 1);
            if (starts_atom(nx) || tok_op(nx, "-") || tok_op(nx, "+") || tok_op(nx, "~") || tok_kw(nx, "not") ||
                tok_kw(nx, "lambda") || tok_op(nx, "..."))
                SYNTAX(first->line, first->col, "illegal target for annotation");
            SYNTAX(T(p)->line, T(p)->col, "invalid syntax");
        }
        advance(p);
        bt_ast *n = mk_at(p, BT_AST_ANNASSIGN, first);
        bt_ast *ann = expression(p), *v = NULL;
        if (is_op(p, "=")) {
            advance(p);
            v = is_kw(p, "yield") ? yield_expr(p) : star_expressions(p);
        }
        kids(p, n, 3, first, ann, v);
        return fin(p, n);
    }
    if (first->kind == BT_AST_STARRED && T(p)->type == BT_TK_NEWLINE)
        SYNTAX(first->line, first->col, "can't use starred expression here");
    bt_ast *n = mk_at(p, BT_AST_EXPR_STMT, first);
    kids(p, n, 1, first);
    return n;
}

/* simple_stmts: simple (';' simple)* [';'] NEWLINE, pushed onto out */
static void simple_stmts(P *p, vec *out)
{
    for (;;) {
        p->no_probe = 0;
        vpush(p, out, simple_stmt(p));
        if (!is_op(p, ";"))
            break;
        advance(p);
        if (T(p)->type == BT_TK_NEWLINE)
            break;
    }
    if (T(p)->type != BT_TK_NEWLINE)
        fail_generic(p);
    advance(p);
}

static bt_ast *simple_line_block(P *p, const bt_token *at)
{
    bt_ast *b = mk(p, BT_AST_BLOCK, at);
    vec v = {0};
    simple_stmts(p, &v);
    setkids(b, &v);
    if (v.n)
        end_like(b, v.v[v.n - 1]);
    return b;
}

static void statement(P *p, vec *out)
{
    enter(p);
    bt_token *t = T(p);
    bt_ast *s = NULL;
    if (t->type == BT_TK_NAME) {
        const char *k = t->op;
        if (!strcmp(k, "if")) s = if_stmt(p, t->line, "if");
        else if (!strcmp(k, "while")) {
            s = mk(p, BT_AST_WHILE, t);
            advance(p);
            bt_ast *test = test_expr(p);
            expect_colon(p);
            bt_ast *body = block(p, "'while' statement", t->line);
            bt_ast *orelse = else_block(p);
            kids(p, s, 3, test, body, orelse);
            end_like(s, orelse ? orelse : body);
        } else if (!strcmp(k, "for")) s = for_stmt(p, t, 0);
        else if (!strcmp(k, "try")) s = try_stmt(p);
        else if (!strcmp(k, "with")) s = with_stmt(p, t, 0);
        else if (!strcmp(k, "def")) s = funcdef(p, NULL, t, 0);
        else if (!strcmp(k, "class")) s = classdef(p, NULL, t);
        else if (!strcmp(k, "async")) {
            advance(p);
            if (is_kw(p, "def")) s = funcdef(p, NULL, t, 1);
            else if (is_kw(p, "for")) s = for_stmt(p, t, 1);
            else if (is_kw(p, "with")) s = with_stmt(p, t, 1);
            else fail_generic(p);
        } else if (!strcmp(k, "match")) {
            p->match_colon = NULL;
            s = match_stmt(p);
            if (!s && p->match_colon) {
                /* "match x" NEWLINE: an expression statement, or CPython's "expected ':'" */
                bt_token *nl = p->match_colon;
                jmp_buf jb;
                jmp_buf *volatile saved = p->jb;
                volatile int ok = 0;
                vec tmp = {0};
                p->jb = &jb;
                if (setjmp(jb) == 0) {
                    simple_stmts(p, &tmp);
                    ok = 1;
                }
                p->jb = saved;
                if (p->nomem)
                    longjmp(*p->jb, 1);
                if (!ok)
                    SYNTAX(nl->line, nl->col, "expected ':'");
                for (size_t i = 0; i < tmp.n; i++)
                    vpush(p, out, tmp.v[i]);
                leave(p);
                return;
            }
        }
    } else if (tok_op(t, "@")) {
        bt_ast *decs = mk(p, BT_AST_BLOCK, t);
        while (is_op(p, "@")) {
            advance(p);
            addkid(p, decs, named_expression(p));
            if (T(p)->type != BT_TK_NEWLINE)
                fail_generic(p);
            advance(p);
        }
        fin(p, decs);
        if (is_kw(p, "def")) s = funcdef(p, decs, T(p), 0);
        else if (is_kw(p, "class")) s = classdef(p, decs, T(p));
        else if (is_kw(p, "async") && tok_kw(TK(p, 1), "def")) {
            bt_token *at = T(p);
            advance(p);
            s = funcdef(p, decs, at, 1);
        } else fail_generic(p);
        /* the statement starts at its first decorator, as in CPython 3.8+? No: at 'def'; keep 'def' */
    }
    if (s)
        vpush(p, out, s);
    else
        simple_stmts(p, out);
    leave(p);
}

/* ------------------------------------------------------------------ entry points */

static int utf8_check(const unsigned char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t len;
        uint32_t min;
        if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
        else { *bad = i; return 0; }
        if (i + len > n) { *bad = i; return 0; }
        uint32_t v = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) { *bad = i; return 0; }
            v = (v << 6) | (s[i + k] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *bad = i; return 0; }
        i += len;
    }
    return 1;
}

static void line_col_of(const char *s, size_t pos, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < pos; i++) {
        if (s[i] == '\n') { l++; c = 1; }
        else if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    }
    *line = l;
    *col = c;
}

/* Tokenizer errors that CPython records without raising (indentation, tabs, a bad line continuation):
 * they do not replace a parser error found before them. */
static int lex_error_is_soft(const bt_lexer *lx)
{
    return strcmp(lx->etype, "SyntaxError") != 0 || strstr(lx->emsg, "line continuation") != NULL ||
           strstr(lx->emsg, "unexpected EOF") != NULL;
}

/* Parses the token list into out->root; returns 0, or 1 after an error (in p). */
static int parse_module(P *p, bt_py_module *out)
{
    jmp_buf jb;
    p->jb = &jb;
    if (setjmp(jb) != 0)
        return 1;
    bt_ast *root = arena_alloc(p->ar, sizeof *root);
    if (!root)
        fail_nomem(p);
    root->kind = BT_AST_MODULE;
    root->line = 1;
    root->col = 1;
    root->end = p->lx.len;
    vec v = {0};
    while (T(p)->type != BT_TK_END) {
        if (T(p)->type == BT_TK_NEWLINE) {
            advance(p);
            continue;
        }
        statement(p, &v);
    }
    setkids(root, &v);
    const bt_token *last = &p->toks[p->n - 1];
    root->end_line = last->line;
    root->end_col = last->col;
    out->root = root;
    return 0;
}

int bt_py_parse(const char *path, const char *source, size_t len, bt_py_module *out, bt_error *err)
{
    memset(out, 0, sizeof *out);
    if (!path)
        path = "<string>";
    if (!source && len)
        return bt_error_set(err, BT_ERR_USAGE, "%s: no source", path);
    bt_arena *ar = calloc(1, sizeof *ar);
    if (!ar)
        return bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", path);
    /* the private copy: BOM dropped, CRLF and CR as LF */
    size_t off = len >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char *src = arena_alloc(ar, len - off + 1);
    if (!src) {
        arena_free(ar);
        return bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", path);
    }
    size_t n = 0;
    for (size_t i = off; i < len; i++) {
        char c = source[i];
        if (c == '\r') {
            src[n++] = '\n';
            if (i + 1 < len && source[i + 1] == '\n')
                i++;
        } else {
            src[n++] = c;
        }
    }
    src[n] = '\0';
    out->path = path;
    out->source = src;
    out->len = n;
    out->arena = ar;
    int st = BT_OK;
    /* NUL bytes and invalid UTF-8 */
    void *nul = memchr(src, '\0', n);
    size_t bad;
    if (nul) {
        int l, c;
        line_col_of(src, (size_t)((char *)nul - src), &l, &c);
        st = bt_error_set(err, BT_ERR_USAGE, "%s:%d:%d: SyntaxError: source code cannot contain null bytes", path, l, c);
        goto fail;
    }
    if (!utf8_check((const unsigned char *)src, n, &bad)) {
        int l, c;
        line_col_of(src, bad, &l, &c);
        st = bt_error_set(err, BT_ERR_USAGE,
                          "%s:%d:%d: SyntaxError: Non-UTF-8 code starting with '\\x%02x' in file %s on line %d, but no encoding declared; "
                          "see https://peps.python.org/pep-0263/ for details",
                          path, l, c, (unsigned char)src[bad], path, l);
        goto fail;
    }
    {
        P *p = calloc(1, sizeof *p);
        if (!p) {
            st = bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", path);
            goto fail;
        }
        p->ar = ar;
        p->src = src;
        bt_lex_init(&p->lx, src, n, arena_alloc, ar);
        size_t cap = 256;
        p->toks = malloc(cap * sizeof *p->toks);
        int lexrc = 0;
        if (!p->toks) {
            free(p);
            st = bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", path);
            goto fail;
        }
        for (;;) {
            if (p->n == cap) {
                bt_token *nt = realloc(p->toks, cap * 2 * sizeof *nt);
                if (!nt) { lexrc = -2; break; }
                p->toks = nt;
                cap *= 2;
            }
            bt_token *t = &p->toks[p->n];
            lexrc = bt_lex_next(&p->lx, t);
            if (lexrc == -2)
                break;
            p->n++;
            if (lexrc < 0) {
                t->type = BT_TK_LEXERR;
                break;
            }
            if (t->type == BT_TK_END || t->type == BT_TK_EOFPAREN)
                break;
        }
        if (lexrc == -2) {
            free(p->toks);
            free(p);
            st = bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", path);
            goto fail;
        }
        if (parse_module(p, out) == 0) {
            /* parsed */
        } else if (p->nomem) {
            st = bt_error_set(err, BT_ERR_NOMEM, "%s: out of memory", path);
        } else if (p->etype && p->e_indent) {
            st = bt_error_set(err, BT_ERR_USAGE, "%s:%d:%d: %s: %s", path, p->eline, p->ecol, p->etype, p->emsg);
        } else if (p->lx.failed && !(p->etype && p->maxpos + 1 < p->n && lex_error_is_soft(&p->lx))) {
            st = bt_error_set(err, BT_ERR_USAGE, "%s:%d:%d: %s: %s", path, p->lx.eline, p->lx.ecol, p->lx.etype, p->lx.emsg);
        } else {
            const bt_token *last = &p->toks[p->n - 1];
            int lv = p->lx.level;
            if (last->type == BT_TK_EOFPAREN && lv > 0 &&
                (!p->etype || p->maxpos + 1 >= p->n || p->toks[p->maxpos].line > p->lx.parenline[lv - 1]))
                st = bt_error_set(err, BT_ERR_USAGE, "%s:%d:%d: SyntaxError: '%c' was never closed", path,
                                  p->lx.parenline[lv - 1], p->lx.parencol[lv - 1], p->lx.parenstack[lv - 1]);
            else if (p->etype)
                st = bt_error_set(err, BT_ERR_USAGE, "%s:%d:%d: %s: %s", path, p->eline, p->ecol, p->etype, p->emsg);
            else
                st = bt_error_set(err, BT_ERR_USAGE, "%s:%d:%d: SyntaxError: invalid syntax", path, last->line, last->col);
        }
        free(p->toks);
        free(p);
        if (st != BT_OK)
            goto fail;
    }
    return BT_OK;
fail:
    bt_py_module_free(out);
    return st;
}

void bt_py_module_free(bt_py_module *m)
{
    if (!m)
        return;
    arena_free(m->arena);
    memset(m, 0, sizeof *m);
}

const char *bt_ast_text(const bt_py_module *m, const bt_ast *n, char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return buf;
    buf[0] = '\0';
    if (!m || !m->source || !n || n->end < n->start || n->end > m->len)
        return buf;
    size_t len = n->end - n->start;
    const char *s = m->source + n->start;
    if (len < cap) {
        memcpy(buf, s, len);
        buf[len] = '\0';
        return buf;
    }
    if (cap < 4) {
        memset(buf, '.', cap - 1);
        buf[cap - 1] = '\0';
        return buf;
    }
    size_t keep = cap - 4;
    /* do not cut a UTF-8 sequence */
    while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
        keep--;
    memcpy(buf, s, keep);
    memcpy(buf + keep, "...", 4);
    return buf;
}

const char *bt_ast_kind_name(int kind)
{
    static const char *const NAMES[] = {
        "NAME", "INT", "FLOAT", "STRING", "TRUE", "FALSE", "NONE", "ELLIPSIS", "ATTR", "SUBSCRIPT", "SLICE", "CALL",
        "KEYWORD", "STARRED", "UNARY", "BINARY", "BOOLOP", "COMPARE", "IFEXP", "LAMBDA", "TUPLE", "LIST", "SET", "DICT",
        "COMPREHENSION", "NAMEDEXPR", "AWAIT", "YIELD", "MODULE", "BLOCK", "EXPR_STMT", "ASSIGN", "AUGASSIGN",
        "ANNASSIGN", "IF", "FOR", "WHILE", "FUNCDEF", "PARAMS", "PARAM", "CLASS", "RETURN", "PASS", "BREAK", "CONTINUE",
        "IMPORT", "IMPORT_FROM", "ALIAS", "DEL", "GLOBAL", "NONLOCAL", "RAISE", "ASSERT", "TRY", "WITH", "MATCH",
        "EXCEPT", "WITHITEM", "MATCH_CASE"};
    if (kind < 0 || (size_t)kind >= sizeof NAMES / sizeof NAMES[0])
        return "?";
    return NAMES[kind];
}
