/* Tests of the Python-subset front end (host/strategy/ast.h): the tokenizer
 * and parser on real strategy code, operator precedence, literals, CPython's
 * SyntaxError messages and columns (the expected texts come from CPython
 * 3.11's own compile()), robustness on odd input, and a fuzz test. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ast.h"
#include "btgpu.h"

/* ------------------------------------------------------------------ a canonical printer
 * Expressions print fully parenthesized: binary "(a + b)", unary "(-x)", comparisons
 * "(a < b < c)", calls "f(a, k=v)", slices "slice(lo,hi,step)" with "_" for a missing part. */
typedef struct sbuf { char *s; size_t n, cap; } sbuf;
static void sb_put(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) return;
        if (b->s && b->n + (size_t)k < b->cap) { b->n += (size_t)k; return; }
        size_t cap = (b->cap ? b->cap * 2 : 256) + (size_t)k;
        char *ns = realloc(b->s, cap);
        if (!ns) return;
        b->s = ns; b->cap = cap;
        if (b->n == 0) b->s[0] = '\0';
    }
}
static const char *BINOPS[] = {"", "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"};
static const char *CMPOPS[] = {"", "<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"};
static void dump_expr(sbuf *b, const bt_ast *n);
static void dump_params(sbuf *b, const bt_ast *ps)
{
    int star = 0;
    for (size_t k = 0; k < ps->n_kid; k++) {
        const bt_ast *a = ps->kid[k];
        if (k) sb_put(b, ", ");
        if (a->flag == 3 && !star) { sb_put(b, "*, "); star = 1; }
        if (a->flag == 1) { sb_put(b, "*"); star = 1; }
        if (a->flag == 2) sb_put(b, "**");
        sb_put(b, "%s", a->str);
        if (a->n_kid && a->kid[0]) { sb_put(b, "="); dump_expr(b, a->kid[0]); }
        if (a->level == 1 && (k + 1 == ps->n_kid || ps->kid[k + 1]->level != 1)) sb_put(b, ", /");
    }
}
static void dump_str(sbuf *b, const bt_ast *n)
{
    if (n->flag == 1) { sb_put(b, "fstr"); return; }
    sb_put(b, n->flag == 2 ? "b'" : "'");
    for (size_t i = 0; i < n->str_len; i++) {
        unsigned char c = (unsigned char)n->str[i];
        if (c < 0x20 || c >= 0x7f || c == '\\' || c == '\'') sb_put(b, "\\x%02x", c);
        else sb_put(b, "%c", c);
    }
    sb_put(b, "'");
}
static void dump_seq(sbuf *b, const bt_ast *n, size_t from, const char *sep)
{
    for (size_t k = from; k < n->n_kid; k++) {
        if (k > from) sb_put(b, "%s", sep);
        dump_expr(b, n->kid[k]);
    }
}
static void dump_expr(sbuf *b, const bt_ast *n)
{
    if (!n) { sb_put(b, "_"); return; }
    switch (n->kind) {
    case BT_AST_NAME: sb_put(b, "%s", n->str); break;
    case BT_AST_INT:
        if (n->flag) sb_put(b, "imag(%.17g)", n->num);
        else if (n->big) sb_put(b, "big(%.17g)", n->num);
        else sb_put(b, "%lld", n->ival);
        break;
    case BT_AST_FLOAT: if (n->flag) sb_put(b, "imag(%.17g)", n->num); else sb_put(b, "%.17g", n->num); break;
    case BT_AST_STRING: dump_str(b, n); break;
    case BT_AST_TRUE: sb_put(b, "True"); break;
    case BT_AST_FALSE: sb_put(b, "False"); break;
    case BT_AST_NONE: sb_put(b, "None"); break;
    case BT_AST_ELLIPSIS: sb_put(b, "..."); break;
    case BT_AST_ATTR: dump_expr(b, n->kid[0]); sb_put(b, ".%s", n->str); break;
    case BT_AST_SUBSCRIPT: dump_expr(b, n->kid[0]); sb_put(b, "["); dump_expr(b, n->kid[1]); sb_put(b, "]"); break;
    case BT_AST_SLICE:
        sb_put(b, "slice("); dump_expr(b, n->kid[0]); sb_put(b, ","); dump_expr(b, n->kid[1]); sb_put(b, ",");
        dump_expr(b, n->kid[2]); sb_put(b, ")"); break;
    case BT_AST_CALL: dump_expr(b, n->kid[0]); sb_put(b, "("); dump_seq(b, n, 1, ", "); sb_put(b, ")"); break;
    case BT_AST_KEYWORD:
        if (n->str) sb_put(b, "%s=", n->str); else sb_put(b, "**");
        dump_expr(b, n->kid[0]); break;
    case BT_AST_STARRED: sb_put(b, "*"); dump_expr(b, n->kid[0]); break;
    case BT_AST_UNARY:
        sb_put(b, "(%s", n->op == BT_OP_NEG ? "-" : n->op == BT_OP_POS ? "+" : n->op == BT_OP_NOT ? "not " : "~");
        dump_expr(b, n->kid[0]); sb_put(b, ")"); break;
    case BT_AST_BINARY:
        sb_put(b, "("); dump_expr(b, n->kid[0]); sb_put(b, " %s ", BINOPS[n->op]); dump_expr(b, n->kid[1]); sb_put(b, ")"); break;
    case BT_AST_BOOLOP: sb_put(b, "("); dump_seq(b, n, 0, n->op == BT_OP_AND ? " and " : " or "); sb_put(b, ")"); break;
    case BT_AST_COMPARE:
        sb_put(b, "("); dump_expr(b, n->kid[0]);
        for (size_t k = 0; k < n->n_ops; k++) { sb_put(b, " %s ", CMPOPS[n->ops[k]]); dump_expr(b, n->kid[k + 1]); }
        sb_put(b, ")"); break;
    case BT_AST_IFEXP:
        sb_put(b, "("); dump_expr(b, n->kid[0]); sb_put(b, " if "); dump_expr(b, n->kid[1]); sb_put(b, " else ");
        dump_expr(b, n->kid[2]); sb_put(b, ")"); break;
    case BT_AST_LAMBDA:
        sb_put(b, "(lambda"); if (n->kid[0]->n_kid) sb_put(b, " "); dump_params(b, n->kid[0]); sb_put(b, ": ");
        dump_expr(b, n->kid[1]); sb_put(b, ")"); break;
    case BT_AST_TUPLE: sb_put(b, "("); dump_seq(b, n, 0, ", "); if (n->n_kid == 1) sb_put(b, ","); sb_put(b, ")"); break;
    case BT_AST_LIST: sb_put(b, "["); dump_seq(b, n, 0, ", "); sb_put(b, "]"); break;
    case BT_AST_SET: sb_put(b, "{"); dump_seq(b, n, 0, ", "); sb_put(b, "}"); break;
    case BT_AST_DICT:
        sb_put(b, "{");
        for (size_t k = 0; k + 1 < n->n_kid; k += 2) {
            if (k) sb_put(b, ", ");
            if (n->kid[k]) { dump_expr(b, n->kid[k]); sb_put(b, ": "); } else sb_put(b, "**");
            dump_expr(b, n->kid[k + 1]);
        }
        sb_put(b, "}"); break;
    case BT_AST_COMPREHENSION: sb_put(b, "<%s>", n->str); break;
    case BT_AST_NAMEDEXPR: sb_put(b, "("); dump_expr(b, n->kid[0]); sb_put(b, " := "); dump_expr(b, n->kid[1]); sb_put(b, ")"); break;
    case BT_AST_AWAIT: sb_put(b, "(await "); dump_expr(b, n->kid[0]); sb_put(b, ")"); break;
    case BT_AST_YIELD:
        sb_put(b, n->flag ? "(yield from " : "(yield "); dump_expr(b, n->kid[0]); sb_put(b, ")"); break;
    default: sb_put(b, "?%s", bt_ast_kind_name(n->kind)); break;
    }
}
static void dump_stmts(sbuf *b, const bt_ast *blk, int ind);
static void dump_stmt(sbuf *b, const bt_ast *n, int ind)
{
    sb_put(b, "%*s%s@%d:%d", ind * 2, "", bt_ast_kind_name(n->kind), n->line, n->col);
    switch (n->kind) {
    case BT_AST_EXPR_STMT: case BT_AST_RETURN: sb_put(b, " "); dump_expr(b, n->kid[0]); break;
    case BT_AST_ASSIGN: for (size_t k = 0; k < n->n_kid; k++) { sb_put(b, k ? " = " : " "); dump_expr(b, n->kid[k]); } break;
    case BT_AST_AUGASSIGN: sb_put(b, " "); dump_expr(b, n->kid[0]); sb_put(b, " %s= ", BINOPS[n->op]); dump_expr(b, n->kid[1]); break;
    case BT_AST_ANNASSIGN: sb_put(b, " "); dump_expr(b, n->kid[0]); sb_put(b, ": "); dump_expr(b, n->kid[1]); sb_put(b, " = "); dump_expr(b, n->kid[2]); break;
    case BT_AST_IF: case BT_AST_WHILE:
        sb_put(b, " "); dump_expr(b, n->kid[0]); sb_put(b, "\n"); dump_stmts(b, n->kid[1], ind + 1);
        if (n->kid[2]) { sb_put(b, "%*selse\n", ind * 2, ""); dump_stmts(b, n->kid[2], ind + 1); }
        return;
    case BT_AST_FOR:
        sb_put(b, " "); dump_expr(b, n->kid[0]); sb_put(b, " in "); dump_expr(b, n->kid[1]); sb_put(b, "\n");
        dump_stmts(b, n->kid[2], ind + 1);
        if (n->kid[3]) { sb_put(b, "%*selse\n", ind * 2, ""); dump_stmts(b, n->kid[3], ind + 1); }
        return;
    case BT_AST_FUNCDEF:
        sb_put(b, " %s(", n->str); dump_params(b, n->kid[0]); sb_put(b, ")");
        if (n->kid[2]) { sb_put(b, " @"); dump_seq(b, n->kid[2], 0, " @"); }
        sb_put(b, "\n"); dump_stmts(b, n->kid[1], ind + 1); return;
    case BT_AST_CLASS:
        sb_put(b, " %s(", n->str); dump_seq(b, n->kid[0], 0, ", "); sb_put(b, ")");
        if (n->kid[2]) { sb_put(b, " @"); dump_seq(b, n->kid[2], 0, " @"); }
        sb_put(b, "\n"); dump_stmts(b, n->kid[1], ind + 1); return;
    case BT_AST_IMPORT: case BT_AST_IMPORT_FROM:
        if (n->kind == BT_AST_IMPORT_FROM) sb_put(b, " %d:%s", n->level, n->str ? n->str : "_");
        for (size_t k = 0; k < n->n_kid; k++) sb_put(b, " %s%s%s", n->kid[k]->str, n->kid[k]->str2 ? "/" : "", n->kid[k]->str2 ? n->kid[k]->str2 : "");
        break;
    case BT_AST_DEL: case BT_AST_GLOBAL: case BT_AST_NONLOCAL: sb_put(b, " "); dump_seq(b, n, 0, ", "); break;
    case BT_AST_RAISE: case BT_AST_ASSERT: sb_put(b, " "); dump_expr(b, n->kid[0]); sb_put(b, " "); dump_expr(b, n->kid[1]); break;
    case BT_AST_TRY:
        sb_put(b, "\n"); dump_stmts(b, n->kid[0], ind + 1);
        for (size_t k = 0; k < n->kid[1]->n_kid; k++) {
            const bt_ast *h = n->kid[1]->kid[k];
            sb_put(b, "%*sexcept ", ind * 2, ""); dump_expr(b, h->kid[0]); sb_put(b, " %s\n", h->str ? h->str : "_");
            dump_stmts(b, h->kid[1], ind + 1);
        }
        if (n->kid[2]) { sb_put(b, "%*selse\n", ind * 2, ""); dump_stmts(b, n->kid[2], ind + 1); }
        if (n->kid[3]) { sb_put(b, "%*sfinally\n", ind * 2, ""); dump_stmts(b, n->kid[3], ind + 1); }
        return;
    case BT_AST_WITH:
        for (size_t k = 0; k < n->kid[0]->n_kid; k++) {
            const bt_ast *it = n->kid[0]->kid[k];
            sb_put(b, " "); dump_expr(b, it->kid[0]); sb_put(b, " as "); dump_expr(b, it->kid[1]);
        }
        sb_put(b, "\n"); dump_stmts(b, n->kid[1], ind + 1); return;
    case BT_AST_MATCH:
        sb_put(b, " "); dump_expr(b, n->kid[0]); sb_put(b, "\n");
        for (size_t k = 1; k < n->n_kid; k++) {
            sb_put(b, "%*scase if ", ind * 2, ""); dump_expr(b, n->kid[k]->kid[0]); sb_put(b, "\n");
            dump_stmts(b, n->kid[k]->kid[1], ind + 1);
        }
        return;
    default: break;
    }
    sb_put(b, "\n");
}
static void dump_stmts(sbuf *b, const bt_ast *blk, int ind)
{
    for (size_t k = 0; k < blk->n_kid; k++) dump_stmt(b, blk->kid[k], ind);
}

/* ------------------------------------------------------------------ helpers */

typedef struct parsed {
    bt_py_module m;
    bt_error err;
    int st;
} parsed;

static void parse_src(parsed *r, const char *path, const char *src, size_t len)
{
    memset(r, 0, sizeof *r);
    r->st = bt_py_parse(path, src, len, &r->m, &r->err);
}

static const bt_ast *parse_ok(parsed *r, const char *src)
{
    parse_src(r, "strat.py", src, strlen(src));
    cr_assert_eq(r->st, BT_OK, "parse failed: %s\nsource:\n%s", r->err.msg, src);
    cr_assert_not_null(r->m.root);
    cr_assert_eq(r->m.root->kind, BT_AST_MODULE);
    return r->m.root;
}

/* The canonical text of the expression in "x = EXPR" */
static char *expr_text(const char *expr)
{
    size_t n = strlen(expr) + 16;
    char *src = malloc(n);
    snprintf(src, n, "x = %s\n", expr);
    parsed r;
    const bt_ast *root = parse_ok(&r, src);
    cr_assert_eq(root->n_kid, 1);
    const bt_ast *a = root->kid[0];
    cr_assert_eq(a->kind, BT_AST_ASSIGN, "%s: %s", expr, bt_ast_kind_name(a->kind));
    sbuf b = {0};
    sb_put(&b, "%s", "");
    dump_expr(&b, a->kid[a->n_kid - 1]);
    bt_py_module_free(&r.m);
    free(src);
    return b.s;
}

static const bt_ast *kid(const bt_ast *n, size_t k, int kind)
{
    cr_assert_not_null(n);
    cr_assert_lt(k, n->n_kid, "%s has %zu kids, wanted #%zu", bt_ast_kind_name(n->kind), n->n_kid, k);
    const bt_ast *c = n->kid[k];
    cr_assert_not_null(c, "%s kid %zu is NULL", bt_ast_kind_name(n->kind), k);
    cr_assert_eq(c->kind, kind, "%s kid %zu: %s, wanted %s", bt_ast_kind_name(n->kind), k, bt_ast_kind_name(c->kind),
                 bt_ast_kind_name(kind));
    return c;
}

static void expect_pos(const bt_ast *n, int line, int col)
{
    cr_expect_eq(n->line, line, "%s: line %d, wanted %d", bt_ast_kind_name(n->kind), n->line, line);
    cr_expect_eq(n->col, col, "%s: col %d, wanted %d", bt_ast_kind_name(n->kind), n->col, col);
}

static void expect_text(const parsed *r, const bt_ast *n, const char *want)
{
    char buf[256];
    bt_ast_text(&r->m, n, buf, sizeof buf);
    cr_expect_str_eq(buf, want);
}


/* Finds the FUNCDEF named name in a class body */
static const bt_ast *method(const bt_ast *cls, const char *name)
{
    const bt_ast *body = cls->kid[1];
    for (size_t k = 0; k < body->n_kid; k++)
        if (body->kid[k]->kind == BT_AST_FUNCDEF && !strcmp(body->kid[k]->str, name))
            return body->kid[k];
    cr_assert_fail("no method %s", name);
    return NULL;
}

static void walk_check(const bt_py_module *m, const bt_ast *n, int depth)
{
    if (!n)
        return;
    cr_assert_lt(depth, 10000);
    cr_assert(n->kind >= BT_AST_NAME && n->kind <= BT_AST_MATCH_CASE, "kind %d", n->kind);
    cr_assert(n->start <= n->end && n->end <= m->len, "%s [%zu, %zu) len %zu", bt_ast_kind_name(n->kind), n->start, n->end,
              m->len);
    cr_assert(n->line >= 1);
    if (n->kind == BT_AST_COMPARE)
        cr_assert_eq(n->n_ops + 1, n->n_kid);
    for (size_t k = 0; k < n->n_kid; k++)
        walk_check(m, n->kid[k], depth + 1);
}

/* ------------------------------------------------------------------ real strategy files */

static const char SMA_CROSS[] =
    "from backtesting import Backtest, Strategy\n"
    "from backtesting.lib import crossover\n"
    "from backtesting.test import SMA, GOOG\n"
    "\n"
    "\n"
    "class SmaCross(Strategy):\n"
    "    n1 = 10\n"
    "    n2 = 20\n"
    "\n"
    "    def init(self):\n"
    "        price = self.data.Close\n"
    "        self.ma1 = self.I(SMA, price, self.n1)\n"
    "        self.ma2 = self.I(SMA, price, self.n2)\n"
    "\n"
    "    def next(self):\n"
    "        if crossover(self.ma1, self.ma2):\n"
    "            self.position.close()\n"
    "            self.buy()\n"
    "        elif crossover(self.ma2, self.ma1):\n"
    "            self.position.close()\n"
    "            self.sell()\n"
    "\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    bt = Backtest(GOOG, SmaCross, commission=.002, exclusive_orders=True)\n"
    "    stats = bt.run()\n"
    "    print(stats)\n";

Test(strategies, sma_cross_shape)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, SMA_CROSS);
    cr_assert_eq(root->n_kid, 5);
    const bt_ast *imp = kid(root, 0, BT_AST_IMPORT_FROM);
    cr_expect_str_eq(imp->str, "backtesting");
    cr_expect_eq(imp->level, 0);
    cr_assert_eq(imp->n_kid, 2);
    cr_expect_str_eq(imp->kid[0]->str, "Backtest");
    cr_expect_str_eq(imp->kid[1]->str, "Strategy");
    cr_expect_str_eq(kid(root, 1, BT_AST_IMPORT_FROM)->str, "backtesting.lib");

    const bt_ast *cls = kid(root, 3, BT_AST_CLASS);
    cr_expect_str_eq(cls->str, "SmaCross");
    expect_pos(cls, 6, 1);
    const bt_ast *bases = kid(cls, 0, BT_AST_BLOCK);
    cr_assert_eq(bases->n_kid, 1);
    cr_expect_str_eq(kid(bases, 0, BT_AST_NAME)->str, "Strategy");
    cr_expect_null(cls->kid[2]);
    const bt_ast *body = kid(cls, 1, BT_AST_BLOCK);
    cr_assert_eq(body->n_kid, 4);
    const bt_ast *n1 = kid(body, 0, BT_AST_ASSIGN);
    expect_pos(n1, 7, 5);
    cr_expect_str_eq(kid(n1, 0, BT_AST_NAME)->str, "n1");
    const bt_ast *ten = kid(n1, 1, BT_AST_INT);
    cr_expect_eq(ten->ival, 10);
    cr_expect_eq(ten->num, 10.0);
    expect_pos(ten, 7, 10);
    cr_expect_eq(kid(kid(body, 1, BT_AST_ASSIGN), 1, BT_AST_INT)->ival, 20);

    const bt_ast *init = method(cls, "init");
    expect_pos(init, 10, 5);
    const bt_ast *ps = kid(init, 0, BT_AST_PARAMS);
    cr_assert_eq(ps->n_kid, 1);
    cr_expect_str_eq(kid(ps, 0, BT_AST_PARAM)->str, "self");
    const bt_ast *ib = kid(init, 1, BT_AST_BLOCK);
    cr_assert_eq(ib->n_kid, 3);
    /* self.ma1 = self.I(SMA, price, self.n1) */
    const bt_ast *a = kid(ib, 1, BT_AST_ASSIGN);
    expect_pos(a, 12, 9);
    const bt_ast *tgt = kid(a, 0, BT_AST_ATTR);
    cr_expect_str_eq(tgt->str, "ma1");
    cr_expect_str_eq(kid(tgt, 0, BT_AST_NAME)->str, "self");
    const bt_ast *call = kid(a, 1, BT_AST_CALL);
    expect_pos(call, 12, 20);
    cr_expect_str_eq(kid(call, 0, BT_AST_ATTR)->str, "I");
    cr_assert_eq(call->n_kid, 4);
    cr_expect_str_eq(kid(call, 1, BT_AST_NAME)->str, "SMA");
    cr_expect_str_eq(kid(call, 2, BT_AST_NAME)->str, "price");
    cr_expect_str_eq(kid(call, 3, BT_AST_ATTR)->str, "n1");
    expect_text(&r, call, "self.I(SMA, price, self.n1)");
    expect_text(&r, a, "self.ma1 = self.I(SMA, price, self.n1)");

    const bt_ast *nx = method(cls, "next");
    const bt_ast *ifs = kid(kid(nx, 1, BT_AST_BLOCK), 0, BT_AST_IF);
    expect_pos(ifs, 16, 9);
    const bt_ast *test = kid(ifs, 0, BT_AST_CALL);
    cr_expect_str_eq(kid(test, 0, BT_AST_NAME)->str, "crossover");
    const bt_ast *then = kid(ifs, 1, BT_AST_BLOCK);
    cr_assert_eq(then->n_kid, 2);
    const bt_ast *close = kid(kid(then, 0, BT_AST_EXPR_STMT), 0, BT_AST_CALL);
    cr_expect_str_eq(kid(close, 0, BT_AST_ATTR)->str, "close");
    cr_expect_eq(close->n_kid, 1);
    /* elif: an orelse BLOCK holding one IF */
    const bt_ast *orelse = kid(ifs, 2, BT_AST_BLOCK);
    cr_assert_eq(orelse->n_kid, 1);
    const bt_ast *elif = kid(orelse, 0, BT_AST_IF);
    expect_pos(elif, 19, 9);
    cr_expect_null(elif->kid[2]);
    cr_expect_str_eq(kid(kid(kid(kid(elif, 1, BT_AST_BLOCK), 1, BT_AST_EXPR_STMT), 0, BT_AST_CALL), 0, BT_AST_ATTR)->str, "sell");

    /* the __main__ block: kwargs with a float .002 and True */
    const bt_ast *main_if = kid(root, 4, BT_AST_IF);
    const bt_ast *cmp = kid(main_if, 0, BT_AST_COMPARE);
    cr_assert_eq(cmp->n_ops, 1);
    cr_expect_eq(cmp->ops[0], BT_CMP_EQ);
    cr_expect_str_eq(kid(cmp, 1, BT_AST_STRING)->str, "__main__");
    const bt_ast *btc = kid(kid(kid(main_if, 1, BT_AST_BLOCK), 0, BT_AST_ASSIGN), 1, BT_AST_CALL);
    cr_assert_eq(btc->n_kid, 5);
    const bt_ast *kw = kid(btc, 3, BT_AST_KEYWORD);
    cr_expect_str_eq(kw->str, "commission");
    cr_expect_eq(kid(kw, 0, BT_AST_FLOAT)->num, 0.002);
    cr_expect_str_eq(kid(btc, 4, BT_AST_KEYWORD)->str, "exclusive_orders");
    kid(kid(btc, 4, BT_AST_KEYWORD), 0, BT_AST_TRUE);
    walk_check(&r.m, root, 0);
    bt_py_module_free(&r.m);
    cr_expect_null(r.m.root);
}

static const char RSI_STRAT[] =
    "import talib\n"
    "from backtesting import Strategy\n"
    "\n"
    "class RsiOscillator(Strategy):\n"
    "    upper_bound = 70\n"
    "    lower_bound = 30\n"
    "    rsi_window = 14\n"
    "    sl_pct = 0.05  # stop loss\n"
    "\n"
    "    def init(self):\n"
    "        self.rsi = self.I(talib.RSI, self.data.Close, self.rsi_window)\n"
    "        self.macd, self.signal, _ = self.I(talib.MACD, self.data.Close, fastperiod=12,\n"
    "                                           slowperiod=26, signalperiod=9)\n"
    "\n"
    "    def next(self):\n"
    "        price = self.data.Close[-1]\n"
    "        if self.lower_bound < self.rsi[-1] < self.upper_bound:\n"
    "            return\n"
    "        elif self.rsi[-1] > self.upper_bound and self.position:\n"
    "            self.position.close()\n"
    "        elif not self.position and self.rsi[-1] <= self.lower_bound:\n"
    "            self.buy(size=0.5, sl=price * (1 - self.sl_pct), tp=price * 1.1)\n"
    "        else:\n"
    "            for trade in self.trades:\n"
    "                if trade.pl_pct > 0.02 and trade.sl is not None:\n"
    "                    trade.sl = max(trade.sl, price * 0.98)\n"
    "                elif len(self.trades) >= 3:\n"
    "                    trade.close(0.5)\n";

Test(strategies, rsi_talib_shape)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, RSI_STRAT);
    cr_assert_eq(root->n_kid, 3);
    const bt_ast *imp = kid(root, 0, BT_AST_IMPORT);
    cr_expect_str_eq(kid(imp, 0, BT_AST_ALIAS)->str, "talib");
    cr_expect_null(imp->kid[0]->str2);
    const bt_ast *cls = kid(root, 2, BT_AST_CLASS);
    const bt_ast *sl = kid(kid(cls, 1, BT_AST_BLOCK), 3, BT_AST_ASSIGN);
    cr_expect_eq(kid(sl, 1, BT_AST_FLOAT)->num, 0.05);
    /* a, b, _ = self.I(talib.MACD, ..., fastperiod=12, ...) across two lines */
    const bt_ast *init = method(cls, "init");
    const bt_ast *un = kid(kid(init, 1, BT_AST_BLOCK), 1, BT_AST_ASSIGN);
    expect_pos(un, 12, 9);
    cr_expect_eq(un->end_line, 13);
    const bt_ast *tup = kid(un, 0, BT_AST_TUPLE);
    cr_assert_eq(tup->n_kid, 3);
    cr_expect_str_eq(kid(tup, 0, BT_AST_ATTR)->str, "macd");
    cr_expect_str_eq(kid(tup, 1, BT_AST_ATTR)->str, "signal");
    cr_expect_str_eq(kid(tup, 2, BT_AST_NAME)->str, "_");
    const bt_ast *call = kid(un, 1, BT_AST_CALL);
    cr_assert_eq(call->n_kid, 6);
    const bt_ast *fn = kid(call, 1, BT_AST_ATTR);
    cr_expect_str_eq(fn->str, "MACD");
    cr_expect_str_eq(kid(fn, 0, BT_AST_NAME)->str, "talib");
    const bt_ast *kw = kid(call, 5, BT_AST_KEYWORD);
    cr_expect_str_eq(kw->str, "signalperiod");
    cr_expect_eq(kid(kw, 0, BT_AST_INT)->ival, 9);
    expect_pos(kw, 13, 59);

    const bt_ast *nb = kid(method(cls, "next"), 1, BT_AST_BLOCK);
    /* price = self.data.Close[-1] */
    const bt_ast *sub = kid(kid(nb, 0, BT_AST_ASSIGN), 1, BT_AST_SUBSCRIPT);
    const bt_ast *neg = kid(sub, 1, BT_AST_UNARY);
    cr_expect_eq(neg->op, BT_OP_NEG);
    cr_expect_eq(kid(neg, 0, BT_AST_INT)->ival, 1);
    cr_expect_str_eq(kid(sub, 0, BT_AST_ATTR)->str, "Close");
    /* chained comparison */
    const bt_ast *if1 = kid(nb, 1, BT_AST_IF);
    const bt_ast *ch = kid(if1, 0, BT_AST_COMPARE);
    cr_assert_eq(ch->n_ops, 2);
    cr_expect_eq(ch->ops[0], BT_CMP_LT);
    cr_expect_eq(ch->ops[1], BT_CMP_LT);
    kid(ch, 1, BT_AST_SUBSCRIPT);
    expect_text(&r, ch, "self.lower_bound < self.rsi[-1] < self.upper_bound");
    const bt_ast *ret = kid(kid(if1, 1, BT_AST_BLOCK), 0, BT_AST_RETURN);
    cr_expect_null(ret->kid[0]);
    /* elif ... and self.position */
    const bt_ast *if2 = kid(kid(if1, 2, BT_AST_BLOCK), 0, BT_AST_IF);
    const bt_ast *andop = kid(if2, 0, BT_AST_BOOLOP);
    cr_expect_eq(andop->op, BT_OP_AND);
    cr_expect_eq(andop->n_kid, 2);
    const bt_ast *if3 = kid(kid(if2, 2, BT_AST_BLOCK), 0, BT_AST_IF);
    const bt_ast *t3 = kid(if3, 0, BT_AST_BOOLOP);
    cr_expect_eq(kid(t3, 0, BT_AST_UNARY)->op, BT_OP_NOT);
    cr_expect_eq(kid(t3, 1, BT_AST_COMPARE)->ops[0], BT_CMP_LE);
    const bt_ast *buy = kid(kid(kid(if3, 1, BT_AST_BLOCK), 0, BT_AST_EXPR_STMT), 0, BT_AST_CALL);
    cr_assert_eq(buy->n_kid, 4);
    const bt_ast *slkw = kid(buy, 2, BT_AST_KEYWORD);
    cr_expect_str_eq(slkw->str, "sl");
    const bt_ast *mul = kid(slkw, 0, BT_AST_BINARY);
    cr_expect_eq(mul->op, BT_OP_MUL);
    cr_expect_eq(kid(mul, 1, BT_AST_BINARY)->op, BT_OP_SUB);
    expect_text(&r, mul, "price * (1 - self.sl_pct)");
    /* else: for trade in self.trades: if ... is not None: trade.sl = max(...) elif len(...) >= 3 */
    const bt_ast *els = kid(if3, 2, BT_AST_BLOCK);
    const bt_ast *loop = kid(els, 0, BT_AST_FOR);
    expect_pos(loop, 24, 13);
    cr_expect_str_eq(kid(loop, 0, BT_AST_NAME)->str, "trade");
    cr_expect_str_eq(kid(loop, 1, BT_AST_ATTR)->str, "trades");
    cr_expect_null(loop->kid[3]);
    const bt_ast *inner = kid(kid(loop, 2, BT_AST_BLOCK), 0, BT_AST_IF);
    const bt_ast *isnot = kid(kid(inner, 0, BT_AST_BOOLOP), 1, BT_AST_COMPARE);
    cr_expect_eq(isnot->ops[0], BT_CMP_ISNOT);
    kid(isnot, 1, BT_AST_NONE);
    const bt_ast *slset = kid(kid(inner, 1, BT_AST_BLOCK), 0, BT_AST_ASSIGN);
    cr_expect_str_eq(kid(slset, 0, BT_AST_ATTR)->str, "sl");
    cr_expect_str_eq(kid(kid(slset, 1, BT_AST_CALL), 0, BT_AST_NAME)->str, "max");
    const bt_ast *ge = kid(kid(kid(inner, 2, BT_AST_BLOCK), 0, BT_AST_IF), 0, BT_AST_COMPARE);
    cr_expect_eq(ge->ops[0], BT_CMP_GE);
    walk_check(&r.m, root, 0);
    bt_py_module_free(&r.m);
}

static const char HELPERS[] =
    "import numpy as np\n"
    "import pandas as pd\n"
    "from backtesting import Strategy\n"
    "from backtesting.lib import crossover, TrailingStrategy\n"
    "\n"
    "N_FAST = 12\n"
    "\n"
    "def ema(values, n: int = 10) -> pd.Series:\n"
    "    \"\"\"Exponential moving average.\n"
    "\n"
    "    Spans several lines.\"\"\"\n"
    "    s = pd.Series(values)\n"
    "    return s.ewm(span=n, adjust=False).mean()\n"
    "\n"
    "def band(values, n, k=2.0):\n"
    "    mean = pd.Series(values).rolling(n).mean()\n"
    "    std = pd.Series(values).rolling(n).std(ddof=0)\n"
    "    return mean + k * std, mean - k * std\n"
    "\n"
    "class EmaCross(TrailingStrategy):\n"
    "    fast = N_FAST\n"
    "    slow = 26\n"
    "    use_trailing = True\n"
    "\n"
    "    def init(self):\n"
    "        super().init()\n"
    "        self.set_trailing_sl(3)\n"
    "        self.f = self.I(ema, self.data.Close, self.fast)\n"
    "        self.s = self.I(lambda x, n: pd.Series(x).ewm(span=n).mean(), self.data.Close, self.slow, name='slow')\n"
    "        self.upper, self.lower = self.I(band, self.data.Close, 20)\n"
    "        self.count = 0\n"
    "\n"
    "    def next(self):\n"
    "        super().next()\n"
    "        self.count += 1\n"
    "        hi = np.maximum(self.data.High[-1], self.data.High[-2])\n"
    "        if crossover(self.f, self.s) and not self.position.is_long:\n"
    "            self.buy(limit=self.data.Close[-1] * 0.99,\n"
    "                     sl=self.lower[-1])\n"
    "        elif self.position and self.data.Close[-1] > self.upper[-1] * 1.5 \\\n"
    "                or self.count % 10 == 0:\n"
    "            self.position.close(0.5)\n"
    "        for order in self.orders:\n"
    "            order.cancel()\n";

Test(strategies, helpers_lambdas)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, HELPERS);
    cr_assert_eq(root->n_kid, 8);
    const bt_ast *np = kid(kid(root, 0, BT_AST_IMPORT), 0, BT_AST_ALIAS);
    cr_expect_str_eq(np->str, "numpy");
    cr_expect_str_eq(np->str2, "np");
    const bt_ast *ema = kid(root, 5, BT_AST_FUNCDEF);
    cr_expect_str_eq(ema->str, "ema");
    expect_pos(ema, 8, 1);
    const bt_ast *ps = kid(ema, 0, BT_AST_PARAMS);
    cr_assert_eq(ps->n_kid, 2);
    const bt_ast *pn = kid(ps, 1, BT_AST_PARAM);
    cr_expect_str_eq(pn->str, "n");
    cr_expect_eq(kid(pn, 0, BT_AST_INT)->ival, 10);
    const bt_ast *eb = kid(ema, 1, BT_AST_BLOCK);
    cr_assert_eq(eb->n_kid, 3);
    const bt_ast *doc = kid(kid(eb, 0, BT_AST_EXPR_STMT), 0, BT_AST_STRING);
    cr_expect_str_eq(doc->str, "Exponential moving average.\n\n    Spans several lines.");
    expect_pos(doc, 9, 5);
    cr_expect_eq(doc->end_line, 11);
    /* return s.ewm(span=n, adjust=False).mean() */
    const bt_ast *mean = kid(kid(eb, 2, BT_AST_RETURN), 0, BT_AST_CALL);
    const bt_ast *ewm = kid(kid(kid(mean, 0, BT_AST_ATTR), 0, BT_AST_CALL), 0, BT_AST_ATTR);
    cr_expect_str_eq(ewm->str, "ewm");
    /* return a, b : a TUPLE */
    const bt_ast *band = kid(root, 6, BT_AST_FUNCDEF);
    const bt_ast *bp = kid(band, 0, BT_AST_PARAMS);
    cr_expect_eq(kid(kid(bp, 2, BT_AST_PARAM), 0, BT_AST_FLOAT)->num, 2.0);
    const bt_ast *rt = kid(kid(kid(band, 1, BT_AST_BLOCK), 2, BT_AST_RETURN), 0, BT_AST_TUPLE);
    cr_expect_eq(rt->n_kid, 2);
    const bt_ast *std = kid(kid(kid(band, 1, BT_AST_BLOCK), 1, BT_AST_ASSIGN), 1, BT_AST_CALL);
    cr_expect_str_eq(kid(std, 1, BT_AST_KEYWORD)->str, "ddof");

    const bt_ast *cls = kid(root, 7, BT_AST_CLASS);
    cr_expect_str_eq(kid(kid(cls, 0, BT_AST_BLOCK), 0, BT_AST_NAME)->str, "TrailingStrategy");
    kid(kid(kid(cls, 1, BT_AST_BLOCK), 2, BT_AST_ASSIGN), 1, BT_AST_TRUE);
    const bt_ast *ib = kid(method(cls, "init"), 1, BT_AST_BLOCK);
    /* super().init() */
    const bt_ast *sup = kid(kid(ib, 0, BT_AST_EXPR_STMT), 0, BT_AST_CALL);
    const bt_ast *supattr = kid(sup, 0, BT_AST_ATTR);
    cr_expect_str_eq(supattr->str, "init");
    cr_expect_str_eq(kid(kid(supattr, 0, BT_AST_CALL), 0, BT_AST_NAME)->str, "super");
    /* the lambda */
    const bt_ast *ic = kid(kid(ib, 3, BT_AST_ASSIGN), 1, BT_AST_CALL);
    const bt_ast *lam = kid(ic, 1, BT_AST_LAMBDA);
    const bt_ast *lp = kid(lam, 0, BT_AST_PARAMS);
    cr_assert_eq(lp->n_kid, 2);
    cr_expect_str_eq(lp->kid[0]->str, "x");
    cr_expect_str_eq(lp->kid[1]->str, "n");
    kid(lam, 1, BT_AST_CALL);
    expect_text(&r, lam, "lambda x, n: pd.Series(x).ewm(span=n).mean()");
    const bt_ast *nm = kid(ic, 4, BT_AST_KEYWORD);
    cr_expect_str_eq(nm->str, "name");
    cr_expect_str_eq(kid(nm, 0, BT_AST_STRING)->str, "slow");
    /* self.upper, self.lower = ... */
    kid(kid(kid(ib, 4, BT_AST_ASSIGN), 0, BT_AST_TUPLE), 1, BT_AST_ATTR);

    const bt_ast *nb = kid(method(cls, "next"), 1, BT_AST_BLOCK);
    const bt_ast *aug = kid(nb, 1, BT_AST_AUGASSIGN);
    cr_expect_eq(aug->op, BT_OP_ADD);
    cr_expect_str_eq(kid(aug, 0, BT_AST_ATTR)->str, "count");
    const bt_ast *ifs = kid(nb, 3, BT_AST_IF);
    const bt_ast *buy = kid(kid(kid(ifs, 1, BT_AST_BLOCK), 0, BT_AST_EXPR_STMT), 0, BT_AST_CALL);
    expect_text(&r, buy, "self.buy(limit=self.data.Close[-1] * 0.99,\n                     sl=self.lower[-1])");
    /* a backslash-continued elif: (a and b) or c */
    const bt_ast *el = kid(kid(ifs, 2, BT_AST_BLOCK), 0, BT_AST_IF);
    const bt_ast *orop = kid(el, 0, BT_AST_BOOLOP);
    cr_expect_eq(orop->op, BT_OP_OR);
    cr_expect_eq(kid(orop, 0, BT_AST_BOOLOP)->op, BT_OP_AND);
    const bt_ast *mod = kid(kid(orop, 1, BT_AST_COMPARE), 0, BT_AST_BINARY);
    cr_expect_eq(mod->op, BT_OP_MOD);
    expect_pos(mod, 41, 20);
    const bt_ast *loop = kid(nb, 4, BT_AST_FOR);
    cr_expect_str_eq(kid(loop, 1, BT_AST_ATTR)->str, "orders");
    walk_check(&r.m, root, 0);
    bt_py_module_free(&r.m);
}

/* Python constructs outside the subset still parse into their node kinds. */
static const char OTHER[] =
    "@dataclass\n"
    "@register(name='x')\n"
    "class A(Base, metaclass=Meta):\n"
    "    x: int = 3\n"
    "    y: float\n"
    "    async def f(self, a, /, b, *args, c, d=1, **kw):\n"
    "        global G\n"
    "        await g()\n"
    "        async with lock as l:\n"
    "            pass\n"
    "        async for i in it:\n"
    "            yield i\n"
    "    def g(self):\n"
    "        nonlocal_ = [i * 2 for i in range(3) if i]\n"
    "        d = {k: v for k, v in zip(a, b)}\n"
    "        del d['x'], nonlocal_[0]\n"
    "        assert d, 'msg'\n"
    "        try:\n"
    "            raise ValueError('no') from None\n"
    "        except (KeyError, ValueError) as e:\n"
    "            pass\n"
    "        except Exception:\n"
    "            raise\n"
    "        else:\n"
    "            pass\n"
    "        finally:\n"
    "            pass\n"
    "        with open(p) as f, open(q) as g:\n"
    "            pass\n"
    "        while (n := n - 1) > 0:\n"
    "            continue\n"
    "        else:\n"
    "            break\n"
    "        match cmd:\n"
    "            case [x, *rest] if x > 0:\n"
    "                pass\n"
    "            case {'k': v, **kw}:\n"
    "                pass\n"
    "            case Point(x=0) | None as z:\n"
    "                pass\n"
    "        match = 5\n"
    "        match.x = 1\n"
    "        a, *b = c = 1, 2, 3\n"
    "        return {*b}, (), (1,), ..., x[1:2, ::3]\n"
    "from ..pkg import (a as b, c,)\n"
    "from . import *\n";

Test(strategies, other_constructs)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, OTHER);
    cr_assert_eq(root->n_kid, 3);
    const bt_ast *cls = kid(root, 0, BT_AST_CLASS);
    expect_pos(cls, 3, 1);
    const bt_ast *decs = kid(cls, 2, BT_AST_BLOCK);
    cr_assert_eq(decs->n_kid, 2);
    kid(decs, 1, BT_AST_CALL);
    const bt_ast *bases = kid(cls, 0, BT_AST_BLOCK);
    cr_expect_str_eq(kid(bases, 1, BT_AST_KEYWORD)->str, "metaclass");
    const bt_ast *body = kid(cls, 1, BT_AST_BLOCK);
    const bt_ast *ann = kid(body, 0, BT_AST_ANNASSIGN);
    cr_expect_str_eq(kid(ann, 1, BT_AST_NAME)->str, "int");
    cr_expect_eq(kid(ann, 2, BT_AST_INT)->ival, 3);
    cr_expect_null(kid(body, 1, BT_AST_ANNASSIGN)->kid[2]);
    const bt_ast *f = kid(body, 2, BT_AST_FUNCDEF);
    cr_expect_eq(f->flag, 1);
    const bt_ast *ps = kid(f, 0, BT_AST_PARAMS);
    cr_assert_eq(ps->n_kid, 7);
    cr_expect_eq(ps->kid[1]->level, 1);  /* a: positional-only */
    cr_expect_eq(ps->kid[2]->level, 0);
    cr_expect_eq(ps->kid[3]->flag, 1);   /* *args */
    cr_expect_eq(ps->kid[4]->flag, 3);   /* c: keyword-only */
    cr_expect_eq(ps->kid[5]->flag, 3);
    cr_expect_eq(kid(ps->kid[5], 0, BT_AST_INT)->ival, 1);
    cr_expect_eq(ps->kid[6]->flag, 2);   /* **kw */
    const bt_ast *fb = kid(f, 1, BT_AST_BLOCK);
    kid(fb, 0, BT_AST_GLOBAL);
    kid(kid(fb, 1, BT_AST_EXPR_STMT), 0, BT_AST_AWAIT);
    cr_expect_eq(kid(fb, 2, BT_AST_WITH)->flag, 1);
    cr_expect_eq(kid(fb, 3, BT_AST_FOR)->flag, 1);
    const bt_ast *gb = kid(kid(body, 3, BT_AST_FUNCDEF), 1, BT_AST_BLOCK);
    cr_expect_str_eq(kid(kid(gb, 0, BT_AST_ASSIGN), 1, BT_AST_COMPREHENSION)->str, "a list comprehension");
    cr_expect_str_eq(kid(kid(gb, 1, BT_AST_ASSIGN), 1, BT_AST_COMPREHENSION)->str, "a dict comprehension");
    cr_expect_eq(kid(gb, 2, BT_AST_DEL)->n_kid, 2);
    kid(gb, 3, BT_AST_ASSERT);
    const bt_ast *tr = kid(gb, 4, BT_AST_TRY);
    cr_expect_eq(kid(tr, 1, BT_AST_BLOCK)->n_kid, 2);
    cr_expect_str_eq(kid(kid(tr, 1, BT_AST_BLOCK), 0, BT_AST_EXCEPT)->str, "e");
    kid(tr, 2, BT_AST_BLOCK);
    kid(tr, 3, BT_AST_BLOCK);
    const bt_ast *raise = kid(kid(kid(tr, 0, BT_AST_BLOCK), 0, BT_AST_RAISE), 1, BT_AST_NONE);
    (void)raise;
    cr_expect_eq(kid(kid(gb, 5, BT_AST_WITH), 0, BT_AST_BLOCK)->n_kid, 2);
    const bt_ast *wh = kid(gb, 6, BT_AST_WHILE);
    kid(kid(kid(wh, 0, BT_AST_COMPARE), 0, BT_AST_NAMEDEXPR), 1, BT_AST_BINARY);
    kid(kid(wh, 2, BT_AST_BLOCK), 0, BT_AST_BREAK);
    const bt_ast *m = kid(gb, 7, BT_AST_MATCH);
    cr_assert_eq(m->n_kid, 4);
    kid(kid(m, 1, BT_AST_MATCH_CASE), 0, BT_AST_COMPARE);
    cr_expect_null(m->kid[2]->kid[0]);
    /* match as an ordinary name */
    cr_expect_str_eq(kid(kid(gb, 8, BT_AST_ASSIGN), 0, BT_AST_NAME)->str, "match");
    kid(kid(gb, 9, BT_AST_ASSIGN), 0, BT_AST_ATTR);
    const bt_ast *multi = kid(gb, 10, BT_AST_ASSIGN);
    cr_assert_eq(multi->n_kid, 3);
    kid(kid(multi, 0, BT_AST_TUPLE), 1, BT_AST_STARRED);
    kid(multi, 1, BT_AST_NAME);
    cr_expect_eq(kid(multi, 2, BT_AST_TUPLE)->n_kid, 3);
    const bt_ast *rt = kid(kid(gb, 11, BT_AST_RETURN), 0, BT_AST_TUPLE);
    kid(rt, 0, BT_AST_SET);
    cr_expect_eq(kid(rt, 1, BT_AST_TUPLE)->n_kid, 0);
    cr_expect_eq(kid(rt, 2, BT_AST_TUPLE)->n_kid, 1);
    kid(rt, 3, BT_AST_ELLIPSIS);
    const bt_ast *idx = kid(kid(rt, 4, BT_AST_SUBSCRIPT), 1, BT_AST_TUPLE);
    kid(idx, 0, BT_AST_SLICE);
    const bt_ast *s2 = kid(idx, 1, BT_AST_SLICE);
    cr_expect_null(s2->kid[0]);
    cr_expect_null(s2->kid[1]);
    cr_expect_eq(kid(s2, 2, BT_AST_INT)->ival, 3);
    const bt_ast *fr = kid(root, 1, BT_AST_IMPORT_FROM);
    cr_expect_eq(fr->level, 2);
    cr_expect_str_eq(fr->str, "pkg");
    cr_assert_eq(fr->n_kid, 2);
    cr_expect_str_eq(fr->kid[0]->str2, "b");
    const bt_ast *star = kid(root, 2, BT_AST_IMPORT_FROM);
    cr_expect_null(star->str);
    cr_expect_eq(star->level, 1);
    cr_expect_str_eq(star->kid[0]->str, "*");
    walk_check(&r.m, root, 0);
    bt_py_module_free(&r.m);
}

/* ------------------------------------------------------------------ precedence (expected: Python ast of the same text) */

typedef struct expr_case { const char *src, *want; } expr_case;
static const expr_case EXPRS[] = {
    {"-2**2", "(-(2 ** 2))"},
    {"a < b < c", "(a < b < c)"},
    {"not a and b or c", "(((not a) and b) or c)"},
    {"x if c else y if d else z", "(x if c else (y if d else z))"},
    {"a[-1] > b[-2]*1.5", "(a[(-1)] > (b[(-2)] * 1.5))"},
    {"lambda x: x+1", "(lambda x: (x + 1))"},
    {"2**-1", "(2 ** (-1))"},
    {"2**3**2", "(2 ** (3 ** 2))"},
    {"-x**-y", "(-(x ** (-y)))"},
    {"a + b * c - d / e // f % g @ h", "((a + (b * c)) - ((((d / e) // f) % g) @ h))"},
    {"a | b ^ c & d << e >> f + g", "(a | (b ^ (c & ((d << e) >> (f + g)))))"},
    {"a or b or c and d and e", "(a or b or (c and d and e))"},
    {"not not a", "(not (not a))"},
    {"not a == b", "(not (a == b))"},
    {"a is not b is c", "(a is not b is c)"},
    {"a not in b in c", "(a not in b in c)"},
    {"~x + -y", "((~x) + (-y))"},
    {"await x ** 2", "((await x) ** 2)"},
    {"f(a)(b)[c].d", "f(a)(b)[c].d"},
    {"x.y[1:2, ::3, 4]", "x.y[(slice(1,2,_), slice(_,_,3), 4)]"},
    {"a[:]", "a[slice(_,_,_)]"},
    {"a[1:]", "a[slice(1,_,_)]"},
    {"a[::-1]", "a[slice(_,_,(-1))]"},
    {"a[b, c]", "a[(b, c)]"},
    {"a[*b]", "a[(*b,)]"},
    {"(a, b)", "(a, b)"},
    {"(a,)", "(a,)"},
    {"()", "()"},
    {"[1, *b, 3]", "[1, *b, 3]"},
    {"{1: 2, **m, 3: 4}", "{1: 2, **m, 3: 4}"},
    {"{1, 2}", "{1, 2}"},
    {"{}", "{}"},
    {"f(x, *a, k=1, **kw)", "f(x, *a, k=1, **kw)"},
    {"f(k=1, *a)", "f(*a, k=1)"},
    {"[x for x in y if x]", "<a list comprehension>"},
    {"{k: v for k, v in d}", "<a dict comprehension>"},
    {"(x for x in y)", "<a generator expression>"},
    {"{x for x in y}", "<a set comprehension>"},
    {"(y := 10)", "(y := 10)"},
    {"lambda: 0", "(lambda: 0)"},
    {"lambda a, b=1, *c, d, e=2, **f: a", "(lambda a, b=1, *c, d, e=2, **f: a)"},
    {"lambda a, /, b: a", "(lambda a, /, b: a)"},
    {"lambda *, k: k", "(lambda *, k: k)"},
    {"a if b else c or d", "(a if b else (c or d))"},
    {"(lambda: 1) if x else 2", "((lambda: 1) if x else 2)"},
    {"1 + 2 if x else 3 - 4", "((1 + 2) if x else (3 - 4))"},
    {"a < b == c != d >= e <= f > g", "(a < b == c != d >= e <= f > g)"},
    {"x[-1] > x[-2] and self.data.Close[-1] < 100", "((x[(-1)] > x[(-2)]) and (self.data.Close[(-1)] < 100))"},
    {"-a.b ** -c.d", "(-(a.b ** (-c.d)))"},
    {"+1", "(+1)"},
    {"a - -b", "(a - (-b))"},
    {"a ** b * c", "((a ** b) * c)"},
    {"a * b ** c", "(a * (b ** c))"},
    {"(a + b) * c", "((a + b) * c)"},
    {"a and (b or c)", "(a and (b or c))"},
    {"f(*a, *b, **c, **d)", "f(*a, *b, **c, **d)"},
    {"x == (yield)", "(x == (yield _))"},
    {"'a' 'b' \"c\"", "'abc'"},
    {"0x1F + 0o17 + 0b101", "((31 + 15) + 5)"},
    {"1_000 * 1e-3", "(1000 * 0.001)"},
    {".5 + 1.", "(0.5 + 1)"},
    {"1j * 2.5J", "(imag(1) * imag(2.5))"},
    {"123456789012345678901234567890", "big(1.2345678901234568e+29)"},
    {"0xFFFFFFFFFFFFFFFFFF", "big(4.7223664828696452e+21)"},
    {"True is not None", "(True is not None)"},
    {"...", "..."},
};

Test(precedence, canonical_forms)
{
    for (size_t k = 0; k < sizeof EXPRS / sizeof EXPRS[0]; k++) {
        char *got = expr_text(EXPRS[k].src);
        cr_expect_str_eq(got, EXPRS[k].want, "%s", EXPRS[k].src);
        free(got);
    }
}

Test(precedence, binary_positions)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, "y = a  +  b * (c - d)\n");
    const bt_ast *add = kid(kid(root, 0, BT_AST_ASSIGN), 1, BT_AST_BINARY);
    cr_expect_eq(add->op, BT_OP_ADD);
    expect_pos(add, 1, 5);
    cr_expect_eq(add->end_col, 22);
    const bt_ast *mul = kid(add, 1, BT_AST_BINARY);
    expect_pos(mul, 1, 11);
    expect_text(&r, mul, "b * (c - d)");
    const bt_ast *sub = kid(mul, 1, BT_AST_BINARY);
    expect_text(&r, sub, "c - d");
    expect_pos(sub, 1, 16);
    bt_py_module_free(&r.m);
}

/* ------------------------------------------------------------------ literals */

typedef struct num_case { const char *src; int kind; long long ival; const char *strtod_text; int big, imag; } num_case;
static const num_case NUMS[] = {
    {"0", BT_AST_INT, 0, "0", 0, 0},
    {"00", BT_AST_INT, 0, "0", 0, 0},
    {"42", BT_AST_INT, 42, "42", 0, 0},
    {"0x1F", BT_AST_INT, 31, "31", 0, 0},
    {"0XfF_ff", BT_AST_INT, 65535, "65535", 0, 0},
    {"0o17", BT_AST_INT, 15, "15", 0, 0},
    {"0b1011", BT_AST_INT, 11, "11", 0, 0},
    {"0b_1_0", BT_AST_INT, 2, "2", 0, 0},
    {"1_000", BT_AST_INT, 1000, "1000", 0, 0},
    {"9223372036854775807", BT_AST_INT, 9223372036854775807LL, "9223372036854775807", 0, 0},
    {"9223372036854775808", BT_AST_INT, 0, "9223372036854775808", 1, 0},
    {"123456789012345678901234567890", BT_AST_INT, 0, "123456789012345678901234567890", 1, 0},
    {"0x7FFFFFFFFFFFFFFF", BT_AST_INT, 9223372036854775807LL, "9223372036854775807", 0, 0},
    {"0x20000000000001", BT_AST_INT, 9007199254740993LL, "9007199254740993", 0, 0},
    /* 2^64 + 2^11 + 1: needs the sticky bit to round up */
    {"0x10000000000000801", BT_AST_INT, 0, "18446744073709553665", 1, 0},
    {"0x10000000000000800000000001", BT_AST_INT, 0, "1267650600228229542234191560705", 1, 0},
    {"1e-3", BT_AST_FLOAT, 0, "1e-3", 0, 0},
    {"1E+3", BT_AST_FLOAT, 0, "1e3", 0, 0},
    {".5", BT_AST_FLOAT, 0, "0.5", 0, 0},
    {"1.", BT_AST_FLOAT, 0, "1.0", 0, 0},
    {"1_000.5", BT_AST_FLOAT, 0, "1000.5", 0, 0},
    {"0.1", BT_AST_FLOAT, 0, "0.1", 0, 0},
    {"3.14159_26535_89793_23846", BT_AST_FLOAT, 0, "3.14159265358979323846", 0, 0},
    {"09.5", BT_AST_FLOAT, 0, "9.5", 0, 0},
    {"0e0", BT_AST_FLOAT, 0, "0", 0, 0},
    {"1e400", BT_AST_FLOAT, 0, "inf", 0, 0},
    {"2.2250738585072011e-308", BT_AST_FLOAT, 0, "2.2250738585072011e-308", 0, 0},
    {"0.30000000000000004", BT_AST_FLOAT, 0, "0.30000000000000004", 0, 0},
    {"1j", BT_AST_FLOAT, 0, "1", 0, 1},
    {"1.5J", BT_AST_FLOAT, 0, "1.5", 0, 1},
    {"1e3j", BT_AST_FLOAT, 0, "1000", 0, 1},
};

Test(literals, numbers)
{
    for (size_t k = 0; k < sizeof NUMS / sizeof NUMS[0]; k++) {
        const num_case *c = &NUMS[k];
        char src[128];
        snprintf(src, sizeof src, "x = %s\n", c->src);
        parsed r;
        const bt_ast *root = parse_ok(&r, src);
        const bt_ast *v = kid(kid(root, 0, BT_AST_ASSIGN), 1, c->kind);
        double want = strtod(c->strtod_text, NULL);
        cr_expect(v->num == want, "%s: %.17g, wanted %.17g", c->src, v->num, want);
        if (c->kind == BT_AST_INT) {
            cr_expect_eq(v->big, c->big, "%s: big %d", c->src, v->big);
            if (!c->big)
                cr_expect_eq(v->ival, c->ival, "%s: %lld", c->src, v->ival);
        }
        cr_expect_eq(v->flag, c->imag, "%s: imaginary flag %d", c->src, v->flag);
        expect_pos(v, 1, 5);
        bt_py_module_free(&r.m);
    }
}

Test(literals, number_before_keyword)
{
    /* "1if x else 2" is valid Python (with a warning) */
    char *s = expr_text("1if x else 2");
    cr_expect_str_eq(s, "(1 if x else 2)");
    free(s);
    s = expr_text("[1for x in y]");
    cr_expect_str_eq(s, "<a list comprehension>");
    free(s);
}

typedef struct str_case { const char *src; const char *want; size_t len; int flag; } str_case;
static const str_case STRS[] = {
    {"'abc'", "abc", 3, 0},
    {"\"a\" 'b' \"\"\"c\"\"\"", "abc", 3, 0},
    {"('Close'\n   'Open')", "CloseOpen", 9, 0},
    {"'a\\nb\\tc\\\\d\\'e\\\"f'", "a\nb\tc\\d'e\"f", 11, 0},
    {"'\\x41\\101\\u00e9\\U0001F600'", "AA\xc3\xa9\xf0\x9f\x98\x80", 8, 0},
    {"'\\0x'", "\0x", 2, 0},
    {"'\\N{BULLET}'", "\\N{BULLET}", 10, 0},
    {"'\\q\\d'", "\\q\\d", 4, 0},
    {"'a\\\nb'", "ab", 2, 0},
    {"'''line1\nline2\n'''", "line1\nline2\n", 12, 0},
    {"\"\"\"it's \"quoted\" \"\"\"", "it's \"quoted\" ", 14, 0},
    {"r'\\n\\d+'", "\\n\\d+", 5, 0},
    {"R\"\\\"\"", "\\\"", 2, 0},
    {"u'x'", "x", 1, 0},
    {"b'\\xff\\n'", "\xff\n", 2, 2},
    {"rb'\\x'", "\\x", 2, 2},
    {"Br'a' b'b'", "ab", 2, 2},
    {"f'{x:>10}'", "{x:>10}", 7, 1},
    {"'a' f'{b}'", "a{b}", 4, 1},
    {"'h\xc3\xa9'", "h\xc3\xa9", 3, 0},
    {"''", "", 0, 0},
};

Test(literals, strings)
{
    for (size_t k = 0; k < sizeof STRS / sizeof STRS[0]; k++) {
        const str_case *c = &STRS[k];
        char src[256];
        snprintf(src, sizeof src, "x = %s\n", c->src);
        parsed r;
        const bt_ast *root = parse_ok(&r, src);
        const bt_ast *v = kid(kid(root, 0, BT_AST_ASSIGN), 1, BT_AST_STRING);
        cr_expect_eq(v->str_len, c->len, "%s: length %zu, wanted %zu", c->src, v->str_len, c->len);
        cr_expect(v->str_len == c->len && memcmp(v->str, c->want, c->len) == 0, "%s: got '%s'", c->src, v->str);
        cr_expect_eq(v->str[v->str_len], '\0');
        cr_expect_eq(v->flag, c->flag, "%s: flag %d", c->src, v->flag);
        bt_py_module_free(&r.m);
    }
}

Test(literals, string_positions)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, "s = ('ab'\n     'cd')\nt = '''x\ny''' + 'z'\n");
    const bt_ast *s = kid(kid(root, 0, BT_AST_ASSIGN), 1, BT_AST_STRING);
    expect_pos(s, 1, 6);
    cr_expect_eq(s->end_line, 2);
    cr_expect_eq(s->end_col, 10);
    expect_text(&r, s, "'ab'\n     'cd'");
    const bt_ast *add = kid(kid(root, 1, BT_AST_ASSIGN), 1, BT_AST_BINARY);
    const bt_ast *z = kid(add, 1, BT_AST_STRING);
    expect_pos(z, 4, 8);
    bt_py_module_free(&r.m);
}

/* ------------------------------------------------------------------ SyntaxError messages (expected: CPython 3.11 compile() of the same text) */

typedef struct err_case { const char *src, *want; } err_case;
static const err_case ERRS[] = {
    {"def f() x:\n pass\n", "strat.py:1:9: SyntaxError: expected ':'"},
    {"try x:\n pass\nfinally:\n pass\n", "strat.py:1:5: SyntaxError: expected ':'"},
    {"if x:\n pass\nelse x:\n pass\n", "strat.py:3:6: SyntaxError: expected ':'"},
    {"try:\n pass\nfinally x:\n pass\n", "strat.py:3:9: SyntaxError: expected ':'"},
    {"try:\n pass\nexcept\n pass\n", "strat.py:3:7: SyntaxError: expected ':'"},
    {"match cmd\n", "strat.py:1:10: SyntaxError: expected ':'"},
    {"match x:\ny\n", "strat.py:2:1: IndentationError: expected an indented block after 'match' statement on line 1"},
    {"x = *20\n", "strat.py:1:5: SyntaxError: can't use starred expression here"},
    {"*a\n", "strat.py:1:1: SyntaxError: can't use starred expression here"},
    {"f(): int\n", "strat.py:1:1: SyntaxError: illegal target for annotation"},
    {"a + b: int = 3\n", "strat.py:1:1: SyntaxError: illegal target for annotation"},
    {"if a:b < c:\n  pass\n", "strat.py:1:11: SyntaxError: invalid syntax"},
    {"f(name'x')\n", "strat.py:1:7: SyntaxError: invalid syntax"},
    {"def f():\n  (  price = self.data.Close\n  self.ma1 = 1\n", "strat.py:2:3: SyntaxError: '(' was never closed"},
    {"def g():\n    def f():\n        if x:\n    y\n", "strat.py:4:4: IndentationError: expected an indented block after 'if' statement on line 3"},
    {"import talib[\n", "strat.py:1:13: SyntaxError: invalid syntax"},
    {"if __name__ =\n", "strat.py:1:13: SyntaxError: invalid syntax"},
    {"x = a.\n", "strat.py:1:7: SyntaxError: invalid syntax"},
    {"self.*position.close(0.5)\n", "strat.py:1:6: SyntaxError: invalid syntax"},
    {"x = [1,\n2\ny = 3\n", "strat.py:1:5: SyntaxError: '[' was never closed"},
    {"x = f(a,\n  b\n\nclass A:\n  pass\n", "strat.py:1:6: SyntaxError: '(' was never closed"},
    {"if x\n    pass\n", "strat.py:1:5: SyntaxError: expected ':'"},
    {"while x\n  pass\n", "strat.py:1:8: SyntaxError: expected ':'"},
    {"def f()\n  pass\n", "strat.py:1:8: SyntaxError: expected ':'"},
    {"class A\n  pass\n", "strat.py:1:8: SyntaxError: expected ':'"},
    {"for x in y\n  pass\n", "strat.py:1:11: SyntaxError: expected ':'"},
    {"if x:\n  pass\nelif y\n  pass\n", "strat.py:3:7: SyntaxError: expected ':'"},
    {"foo(1,\n", "strat.py:1:4: SyntaxError: '(' was never closed"},
    {"x = (1 + 2\ny = 3\n", "strat.py:1:5: SyntaxError: '(' was never closed"},
    {"f(a, b", "strat.py:1:2: SyntaxError: '(' was never closed"},
    {"x = [1,\n 2,\n 3\n", "strat.py:1:5: SyntaxError: '[' was never closed"},
    {"x = {\n", "strat.py:1:5: SyntaxError: '{' was never closed"},
    {"print(x\ny = 1\n", "strat.py:1:6: SyntaxError: '(' was never closed"},
    {"x = = 1\ny = (\n", "strat.py:1:5: SyntaxError: invalid syntax"},
    {"s = 'abc\n", "strat.py:1:5: SyntaxError: unterminated string literal (detected at line 1)"},
    {"s = \"abc\n", "strat.py:1:5: SyntaxError: unterminated string literal (detected at line 1)"},
    {"s = '''abc\n\n", "strat.py:1:5: SyntaxError: unterminated triple-quoted string literal (detected at line 2)"},
    {"x = 1\n\n\n\n'''abc\n\n", "strat.py:5:1: SyntaxError: unterminated triple-quoted string literal (detected at line 6)"},
    {"x = 'abc", "strat.py:1:5: SyntaxError: unterminated string literal (detected at line 1)"},
    {"x = (1 2)\ny = 'abc\n", "strat.py:2:5: SyntaxError: unterminated string literal (detected at line 2)"},
    {"  x = 1\n", "strat.py:1:2: IndentationError: unexpected indent"},
    {"x = 1\n        y = 2\n", "strat.py:2:8: IndentationError: unexpected indent"},
    {"if x:\npass\n", "strat.py:2:1: IndentationError: expected an indented block after 'if' statement on line 1"},
    {"def f():\nreturn 1\n", "strat.py:2:1: IndentationError: expected an indented block after function definition on line 1"},
    {"for i in x:\n", "strat.py:1:12: IndentationError: expected an indented block after 'for' statement on line 1"},
    {"class A:\n", "strat.py:1:9: IndentationError: expected an indented block after class definition on line 1"},
    {"if x:\n\n# c\n", "strat.py:3:4: IndentationError: expected an indented block after 'if' statement on line 1"},
    {"def f():\n    if x:\ny\n", "strat.py:3:0: IndentationError: expected an indented block after 'if' statement on line 2"},
    {"try:\n    pass\nx = 1\n", "strat.py:3:1: SyntaxError: expected 'except' or 'finally' block"},
    {"try:\n    pass\n", "strat.py:2:9: SyntaxError: expected 'except' or 'finally' block"},
    {"if x:\n    a = 1\n  b = 2\n", "strat.py:3:8: IndentationError: unindent does not match any outer indentation level"},
    {"if x:\n        a = 1\n    b = 2\n", "strat.py:3:10: IndentationError: unindent does not match any outer indentation level"},
    {"if x:\n    a = 1\n\tb = 2\n", "strat.py:3:1: TabError: inconsistent use of tabs and spaces in indentation"},
    {"if x:\n\tif y:\n        pass\n", "strat.py:3:1: TabError: inconsistent use of tabs and spaces in indentation"},
    {"x = 1abc\n", "strat.py:1:5: SyntaxError: invalid decimal literal"},
    {"x = 0x\n", "strat.py:1:6: SyntaxError: invalid hexadecimal literal"},
    {"x = 1_\n", "strat.py:1:6: SyntaxError: invalid decimal literal"},
    {"x = 1__0\n", "strat.py:1:6: SyntaxError: invalid decimal literal"},
    {"x = 1e\n", "strat.py:1:5: SyntaxError: invalid decimal literal"},
    {"x = 0b2\n", "strat.py:1:7: SyntaxError: invalid digit '2' in binary literal"},
    {"x = 0o8\n", "strat.py:1:7: SyntaxError: invalid digit '8' in octal literal"},
    {"x = 09\n", "strat.py:1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
    {"x = 1.5_\n", "strat.py:1:8: SyntaxError: invalid decimal literal"},
    {"x = 0x1g\n", "strat.py:1:7: SyntaxError: invalid hexadecimal literal"},
    {"x = )\n", "strat.py:1:5: SyntaxError: unmatched ')'"},
    {"x = ]\n", "strat.py:1:5: SyntaxError: unmatched ']'"},
    {"x = 1\n)\n", "strat.py:2:1: SyntaxError: unmatched ')'"},
    {"x = (1]\n", "strat.py:1:7: SyntaxError: closing parenthesis ']' does not match opening parenthesis '('"},
    {"x = [)\n", "strat.py:1:6: SyntaxError: closing parenthesis ')' does not match opening parenthesis '['"},
    {"x = (1,\n2]\n", "strat.py:2:2: SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1"},
    {"x = 1 +\n", "strat.py:1:8: SyntaxError: invalid syntax"},
    {"a b\n", "strat.py:1:3: SyntaxError: invalid syntax"},
    {"x = 1;;\n", "strat.py:1:7: SyntaxError: invalid syntax"},
    {"else:\n    pass\n", "strat.py:1:1: SyntaxError: invalid syntax"},
    {"x = $\n", "strat.py:1:5: SyntaxError: invalid syntax"},
    {"x = 1 ! 2\n", "strat.py:1:7: SyntaxError: invalid syntax"},
    {"@dec\nx = 1\n", "strat.py:2:1: SyntaxError: invalid syntax"},
    {"def f(:\n    pass\n", "strat.py:1:7: SyntaxError: invalid syntax"},
    {"x = (1 2)\n", "strat.py:1:6: SyntaxError: invalid syntax. Perhaps you forgot a comma?"},
    {"f(a b)\n", "strat.py:1:3: SyntaxError: invalid syntax. Perhaps you forgot a comma?"},
    {"[a b]\n", "strat.py:1:2: SyntaxError: invalid syntax. Perhaps you forgot a comma?"},
    {"x = 1 if y\n", "strat.py:1:5: SyntaxError: expected 'else' after 'if' expression"},
    {"f(a for a in b, c)\n", "strat.py:1:3: SyntaxError: Generator expression must be parenthesized"},
    {"f(x=1, 2)\n", "strat.py:1:9: SyntaxError: positional argument follows keyword argument"},
    {"f(**k, *a)\n", "strat.py:1:8: SyntaxError: iterable argument unpacking follows keyword argument unpacking"},
    {"f(**k, a)\n", "strat.py:1:9: SyntaxError: positional argument follows keyword argument unpacking"},
    {"def f(a=1, b):\n  pass\n", "strat.py:1:12: SyntaxError: non-default argument follows default argument"},
    {"def f(*): pass\n", "strat.py:1:7: SyntaxError: named arguments must follow bare *"},
    {"def f:\n  pass\n", "strat.py:1:6: SyntaxError: expected '('"},
    {"print 'hello'\n", "strat.py:1:1: SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?"},
    {"x = 5 = y\n", "strat.py:1:5: SyntaxError: cannot assign to literal"},
    {"5 = y\n", "strat.py:1:1: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?"},
    {"f() = 1\n", "strat.py:1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?"},
    {"a + b = 1\n", "strat.py:1:1: SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?"},
    {"a < b = 1\n", "strat.py:1:1: SyntaxError: cannot assign to comparison"},
    {"[a, 1] = x\n", "strat.py:1:5: SyntaxError: cannot assign to literal"},
    {"a, b += 1\n", "strat.py:1:1: SyntaxError: 'tuple' is an illegal expression for augmented assignment"},
    {"a, b: int\n", "strat.py:1:1: SyntaxError: only single target (not tuple) can be annotated"},
    {"del f()\n", "strat.py:1:5: SyntaxError: cannot delete function call"},
    {"*a = 1\n", "strat.py:1:1: SyntaxError: starred assignment target must be in a list or tuple"},
    {"x = (*a)\n", "strat.py:1:6: SyntaxError: cannot use starred expression here"},
    {"if x = 1:\n  pass\n", "strat.py:1:4: SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    {"d = {1: 2, 3}\n", "strat.py:1:12: SyntaxError: ':' expected after dictionary key"},
    {"x = \\\n", "strat.py:1:6: SyntaxError: unexpected EOF while parsing"},
    {"a = 1 \\ b\n", "strat.py:1:8: SyntaxError: unexpected character after line continuation character"},
    {"x = '\\x1'\n", "strat.py:1:10: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape"},
    {"x = \xe2\x82\xac""\n", "strat.py:1:5: SyntaxError: invalid character '\xe2\x82\xac""' (U+20AC)"},
    {"b'a' 'b'\n", "strat.py:1:9: SyntaxError: cannot mix bytes and nonbytes literals"},
    {"x = 1 +\\\n", "strat.py:1:9: SyntaxError: unexpected EOF while parsing"},
};

Test(errors, cpython_messages)
{
    for (size_t k = 0; k < sizeof ERRS / sizeof ERRS[0]; k++) {
        parsed r;
        parse_src(&r, "strat.py", ERRS[k].src, strlen(ERRS[k].src));
        cr_expect_eq(r.st, BT_ERR_USAGE, "accepted:\n%s", ERRS[k].src);
        cr_expect_str_eq(r.err.msg, ERRS[k].want, "source:\n%s", ERRS[k].src);
        cr_expect_null(r.m.root);
        bt_py_module_free(&r.m);
    }
}

static void expect_err(const char *src, size_t len, const char *want)
{
    parsed r;
    parse_src(&r, "strat.py", src, len);
    cr_expect_eq(r.st, BT_ERR_USAGE);
    cr_expect_str_eq(r.err.msg, want);
    bt_py_module_free(&r.m);
}

Test(errors, nesting_limits)
{
    /* CPython: the 201st '(' is "too many nested parentheses" */
    size_t n = 1 << 20;
    char *s = malloc(n + 1);
    memset(s, '(', n);
    s[n] = '\0';
    expect_err(s, n, "strat.py:1:201: SyntaxError: too many nested parentheses");
    memcpy(s, "x = ", 4);
    expect_err(s, n, "strat.py:1:205: SyntaxError: too many nested parentheses");
    /* 199 levels are fine */
    size_t k = 0;
    k += (size_t)sprintf(s, "x = ");
    for (int i = 0; i < 199; i++) s[k++] = '(';
    s[k++] = '1';
    for (int i = 0; i < 199; i++) s[k++] = ')';
    s[k++] = '\n';
    s[k] = '\0';
    parsed r;
    parse_ok(&r, s);
    bt_py_module_free(&r.m);
    /* long unary and 'not' chains and ** towers: bounded recursion, an error, no crash */
    for (int form = 0; form < 4; form++) {
        const char *piece = form == 0 ? "-" : form == 1 ? "not " : form == 2 ? "2**" : "lambda: ";
        size_t pl = strlen(piece), len = 0;
        len += (size_t)sprintf(s, "x = ");
        while (len + pl + 8 < n / 4) { memcpy(s + len, piece, pl); len += pl; }
        len += (size_t)sprintf(s + len, "1\n");
        parse_src(&r, "strat.py", s, len);
        cr_expect_eq(r.st, BT_ERR_USAGE, "form %d", form);
        cr_expect(strncmp(r.err.msg, "strat.py:1:", 11) == 0, "%s", r.err.msg);
        bt_py_module_free(&r.m);
    }
    /* 100 levels of indentation are CPython's limit */
    k = 0;
    for (int i = 0; i < 101; i++) {
        for (int j = 0; j < i; j++) s[k++] = ' ';
        k += (size_t)sprintf(s + k, "if x:\n");
    }
    for (int j = 0; j < 101; j++) s[k++] = ' ';
    k += (size_t)sprintf(s + k, "pass\n");
    expect_err(s, k, "strat.py:101:1: IndentationError: too many levels of indentation");
    free(s);
}

Test(errors, bytes_level)
{
    expect_err("x = 1\ny = \0\n", 12, "strat.py:2:5: SyntaxError: source code cannot contain null bytes");
    expect_err("x = 1\n# \xff\n", 10,
               "strat.py:2:3: SyntaxError: Non-UTF-8 code starting with '\\xff' in file strat.py on line 2, but no encoding "
               "declared; see https://peps.python.org/pep-0263/ for details");
    expect_err("s = '\xc3('\n", 9,
               "strat.py:1:6: SyntaxError: Non-UTF-8 code starting with '\\xc3' in file strat.py on line 1, but no encoding "
               "declared; see https://peps.python.org/pep-0263/ for details");
    /* an overlong encoding and a surrogate are not UTF-8 either */
    parsed r;
    parse_src(&r, "strat.py", "x = '\xc0\xaf'\n", 9);
    cr_expect_eq(r.st, BT_ERR_USAGE);
    bt_py_module_free(&r.m);
    parse_src(&r, "strat.py", "x = '\xed\xa0\x80'\n", 10);
    cr_expect_eq(r.st, BT_ERR_USAGE);
    bt_py_module_free(&r.m);
}

/* ------------------------------------------------------------------ odd but valid input */

Test(robust, odd_valid_files)
{
    #define S(x) x, sizeof(x) - 1
    static const struct { const char *src; size_t len; size_t n_stmts; } CASES[] = {
        {S(""), 0},
        {S("\n\n\n"), 0},
        {S("# only a comment"), 0},
        {S("x = 1"), 1},                                   /* no trailing newline */
        {S("if x:\n    y = 1"), 1},                        /* ... inside a block */
        {S("x = 1\r\ny = 2\r\n"), 2},                      /* CRLF */
        {S("x = 1\ry = 2\r"), 2},                          /* old Mac CR */
        {S("\xef\xbb\xbfx = 1\n"), 1},                      /* UTF-8 BOM */
        {S("x = 1\n\f\ny = 2\n"), 2},                      /* form feed */
        {S("if x:\n\f    y = 2\n"), 1},
        {S("x = (1,\n\n  # c\n      2)\n"), 1},            /* blank and comment lines inside brackets */
        {S("x = 1 + \\\n    2\n"), 1},                      /* backslash continuation */
        {S("if x:\n    pass\n\n    \n  # c\n    y = 1\n"), 1},
        {S("if x:\n\tpass\n\tpass\n"), 1},                 /* tabs */
        {S("if x:\n        a\n\tb\n"), 1},                 /* 8 spaces == 1 tab in both counts? no: CPython rejects; see below */
        {S("x = 1;\n"), 1},
        {S("x = 1; y = 2; z = 3\n"), 3},
        {S("if x: pass\nelse: y = 1; z = 2\n"), 1},
        {S("class A: pass\n"), 1},
        {S("caf\xc3\xa9 = 1\n"), 1},                       /* a non-ASCII identifier */
        {S("x = '\xe2\x82\xac'  # \xe2\x82\xac\n"), 1},
    };
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        if (k == 14)
            continue; /* documented below */
        parsed r;
        parse_src(&r, "strat.py", CASES[k].src, CASES[k].len);
        cr_expect_eq(r.st, BT_OK, "case %zu: %s", k, r.err.msg);
        if (r.st == BT_OK)
            cr_expect_eq(r.m.root->n_kid, CASES[k].n_stmts, "case %zu: %zu statements", k, r.m.root->n_kid);
        bt_py_module_free(&r.m);
    }
    /* 8 spaces then a tab: equal columns, different "alt" columns -> TabError as in CPython */
    expect_err("if x:\n        a\n\tb\n", 19, "strat.py:3:1: TabError: inconsistent use of tabs and spaces in indentation");
}

Test(robust, positions_and_text)
{
    parsed r;
    const bt_ast *root = parse_ok(&r, "caf\xc3\xa9 = f(\xc3\xa9t\xc3\xa9, 'b')\n");
    const bt_ast *call = kid(kid(root, 0, BT_AST_ASSIGN), 1, BT_AST_CALL);
    /* columns count characters, not bytes */
    expect_pos(call, 1, 8);
    expect_pos(kid(call, 2, BT_AST_STRING), 1, 15);
    char buf[64];
    cr_expect_str_eq(bt_ast_text(&r.m, call, buf, sizeof buf), "f(\xc3\xa9t\xc3\xa9, 'b')");
    cr_expect_str_eq(bt_ast_text(&r.m, call, buf, 8), "f(\xc3\xa9...");
    cr_expect_str_eq(bt_ast_text(&r.m, call, buf, 3), "..");
    cr_expect_str_eq(bt_ast_text(NULL, call, buf, sizeof buf), "");
    cr_expect_str_eq(bt_ast_kind_name(BT_AST_CALL), "CALL");
    cr_expect_str_eq(bt_ast_kind_name(BT_AST_MATCH_CASE), "MATCH_CASE");
    cr_expect_str_eq(bt_ast_kind_name(-1), "?");
    bt_py_module_free(&r.m);
    bt_py_module_free(&r.m); /* twice is harmless */
    bt_py_module_free(NULL);
}

/* The parse tree of every file the parity corpus and the built-ins ship is the same as Python's:
 * checked at development time against CPython's ast; here only that they parse. */

/* ------------------------------------------------------------------ fuzz */

static uint64_t fz_state;
static uint64_t fz_next(void)
{
    /* xorshift64* */
    fz_state ^= fz_state >> 12;
    fz_state ^= fz_state << 25;
    fz_state ^= fz_state >> 27;
    return fz_state * 2685821657736338717ULL;
}
static size_t fz_below(size_t n) { return n ? (size_t)(fz_next() % n) : 0; }

static const char *const FRAGMENTS[] = {
    "def", "class", "if", "elif", "else", "for", "in", "while", "return", "lambda", "not", "and", "or", "is", "None",
    "True", "False", "import", "from", "as", "with", "try", "except", "finally", "raise", "yield", "await", "async",
    "match", "case", "pass", "global", "del", "assert", "self", "x", "_", "n1", "caf\xc3\xa9", "(", ")", "[", "]", "{",
    "}", ":", ",", ";", ".", "...", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "**", "/", "//", "%", "@", "|",
    "&", "^", "~", "<<", ">>", "+=", "**=", "//=", ":=", "->", "\n", "\n", "\n    ", "\n        ", "\t", " ", " ", "  ",
    "\\\n", "\\", "#c\n", "'", "\"", "'''", "\"\"\"", "'abc'", "\"x\"", "r'\\d'", "b'\\xff'", "f'{x}'", "'\\x4'", "'\\N{",
    "0", "1", "10", "1.5", ".5", "1e-3", "1e", "0x1F", "0x", "0o7", "0b2", "1_000", "1__0", "09", "1j", "123456789012345678901234567890",
    "$", "?", "!", "`", "\f", "\r\n", "\r", "\xe2\x82\xac", "\xef\xbb\xbf", "self.I(", "self.data.Close[-1]", "self.buy(",
    "crossover(", "talib.RSI", "super().", "= self.I(SMA, price, self.n1)\n", ":\n    pass\n", "a, *b =",
};

static void fuzz_one(const char *src, size_t len, const char *path)
{
    bt_py_module m;
    bt_error err;
    memset(&err, 0, sizeof err);
    int st = bt_py_parse(path, src, len, &m, &err);
    if (st == BT_OK) {
        cr_assert_not_null(m.root);
        walk_check(&m, m.root, 0);
    } else {
        cr_assert_eq(st, BT_ERR_USAGE, "status %d: %s", st, err.msg);
        size_t pl = strlen(path);
        cr_assert(strncmp(err.msg, path, pl) == 0 && err.msg[pl] == ':', "message without the path: %s", err.msg);
        cr_assert_null(m.root);
    }
    bt_py_module_free(&m);
}

Test(fuzz, random_inputs, .timeout = 30)
{
    const char *base[] = {SMA_CROSS, RSI_STRAT, HELPERS, OTHER};
    char *buf = malloc(1 << 16);
    fz_state = 0x9E3779B97F4A7C15ULL;
    clock_t t0 = clock();
    size_t n_ok = 0, n_err = 0;
    for (int it = 0; it < 20000; it++) {
        size_t len = 0;
        int mode = (int)fz_below(4);
        if (mode == 0) {
            /* random bytes, half of the time printable ASCII */
            size_t n = fz_below(300);
            int ascii = (int)fz_below(2);
            for (size_t k = 0; k < n; k++) {
                unsigned v = (unsigned)fz_next();
                buf[len++] = ascii ? (char)(v % 8 == 0 ? '\n' : 32 + v % 95) : (char)v;
            }
        } else if (mode == 1) {
            /* token soup */
            size_t n = 1 + fz_below(80);
            for (size_t k = 0; k < n; k++) {
                const char *f = FRAGMENTS[fz_below(sizeof FRAGMENTS / sizeof FRAGMENTS[0])];
                size_t fl = strlen(f);
                memcpy(buf + len, f, fl);
                len += fl;
                if (fz_below(3) == 0)
                    buf[len++] = ' ';
            }
        } else {
            /* a real file, truncated or mutated */
            const char *b = base[fz_below(4)];
            size_t bl = strlen(b);
            memcpy(buf, b, bl);
            len = bl;
            if (mode == 2) {
                len = fz_below(bl + 1);
            } else {
                size_t edits = 1 + fz_below(4);
                for (size_t e = 0; e < edits && len > 0; e++) {
                    size_t at = fz_below(len);
                    int kind = (int)fz_below(4);
                    if (kind == 0) {
                        buf[at] = (char)fz_next();
                    } else if (kind == 1) {
                        memmove(buf + at, buf + at + 1, len - at - 1);
                        len--;
                    } else {
                        const char *f = kind == 2 ? FRAGMENTS[fz_below(sizeof FRAGMENTS / sizeof FRAGMENTS[0])] : "    ";
                        size_t fl = strlen(f);
                        if (len + fl < (1 << 16)) {
                            memmove(buf + at + fl, buf + at, len - at);
                            memcpy(buf + at, f, fl);
                            len += fl;
                        }
                    }
                }
            }
        }
        /* the input is not NUL-terminated on purpose: the parser must respect len */
        char *copy = malloc(len ? len : 1);
        memcpy(copy, buf, len);
        bt_py_module m;
        bt_error err;
        int st = bt_py_parse("fz.py", copy, len, &m, &err);
        if (st == BT_OK) n_ok++; else n_err++;
        bt_py_module_free(&m);
        fuzz_one(copy, len, "fz.py");
        free(copy);
    }
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    cr_expect_lt(secs, 10.0, "fuzzing took %.1f s", secs);
    cr_expect_gt(n_ok, 100, "only %zu inputs parsed", n_ok);
    cr_expect_gt(n_err, 100);
    free(buf);
}
