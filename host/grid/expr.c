/*
 * expr.c - the constraint language: a recursive-descent parser that emits a
 * postfix program, and its evaluator. Grammar (Python's, restricted):
 *
 *   or_test    := and_test ('or' and_test)*
 *   and_test   := not_test ('and' not_test)*
 *   not_test   := 'not' not_test | comparison
 *   comparison := arith (('<'|'<='|'>'|'>='|'=='|'!=') arith)*
 *   arith      := term (('+'|'-') term)*
 *   term       := factor (('*'|'/'|'//'|'%') factor)*
 *   factor     := ('+'|'-') factor | power
 *   power      := atom ['**' factor]
 *   atom       := NUMBER | NAME | 'True' | 'False' | '(' or_test ')'
 */
#include "expr.h"
#include "numeric.h"
#include "suggest.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ program */

enum bt_op {
    OP_NUM,  /* push num */
    OP_VAR,  /* push values[arg] */
    OP_NEG, OP_NOT,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_FLOORDIV, OP_MOD, OP_POW,
    OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
    OP_CMPC,        /* chain link: pop b, a; if a <cmp> b push b, else push 0 and jump to arg */
    OP_JF_OR_POP,   /* `and`: if top is false jump to arg (keeping it), else pop */
    OP_JT_OR_POP    /* `or`:  if top is true jump to arg (keeping it), else pop */
};

struct bt_insn {
    uint8_t op;
    uint8_t cmp;   /* OP_CMPC: the comparison (OP_LT..OP_NE) */
    uint32_t arg;  /* OP_VAR: name index; jumps: target pc */
    double num;    /* OP_NUM: the constant */
};

struct bt_expr {
    char *src;
    size_t n_code;
    struct bt_insn code[];
};

#define NO_JUMP UINT32_MAX

static inline int cmp_eval(int op, double a, double b)
{
    switch (op) {
    case OP_LT: return a < b;
    case OP_LE: return a <= b;
    case OP_GT: return a > b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    default: return a != b;
    }
}

int bt_expr_eval(const struct bt_expr *e, const double *values, double *result)
{
    double st[BT_EXPR_STACK];
    size_t sp = 0, pc = 0;
    const struct bt_insn *code = e->code;
    while (pc < e->n_code) {
        const struct bt_insn *in = &code[pc++];
        double a, b;
        switch (in->op) {
        case OP_NUM: st[sp++] = in->num; break;
        case OP_VAR: st[sp++] = values[in->arg]; break;
        case OP_NEG: st[sp - 1] = -st[sp - 1]; break;
        case OP_NOT: st[sp - 1] = st[sp - 1] == 0.0; break;
        case OP_ADD: sp--; st[sp - 1] = st[sp - 1] + st[sp]; break;
        case OP_SUB: sp--; st[sp - 1] = st[sp - 1] - st[sp]; break;
        case OP_MUL: sp--; st[sp - 1] = st[sp - 1] * st[sp]; break;
        case OP_DIV:
            b = st[--sp];
            if (b == 0.0)
                return BT_EXPR_DIV_ZERO;
            st[sp - 1] = st[sp - 1] / b;
            break;
        case OP_FLOORDIV:
            b = st[--sp];
            if (b == 0.0)
                return BT_EXPR_FLOORDIV_ZERO;
            st[sp - 1] = bt_py_floordiv(st[sp - 1], b);
            break;
        case OP_MOD:
            b = st[--sp];
            if (b == 0.0)
                return BT_EXPR_MOD_ZERO;
            st[sp - 1] = bt_py_mod(st[sp - 1], b);
            break;
        case OP_POW:
            b = st[--sp];
            a = st[sp - 1];
            /* CPython's float_pow raises where C's pow returns inf or NaN. */
            if (a == 0.0 && b < 0.0 && isfinite(b))
                return BT_EXPR_POW_ZERO_NEG;
            if (a < 0.0 && isfinite(a) && isfinite(b) && b != floor(b))
                return BT_EXPR_POW_COMPLEX;
            st[sp - 1] = pow(a, b);
            break;
        case OP_LT: sp--; st[sp - 1] = st[sp - 1] < st[sp]; break;
        case OP_LE: sp--; st[sp - 1] = st[sp - 1] <= st[sp]; break;
        case OP_GT: sp--; st[sp - 1] = st[sp - 1] > st[sp]; break;
        case OP_GE: sp--; st[sp - 1] = st[sp - 1] >= st[sp]; break;
        case OP_EQ: sp--; st[sp - 1] = st[sp - 1] == st[sp]; break;
        case OP_NE: sp--; st[sp - 1] = st[sp - 1] != st[sp]; break;
        case OP_CMPC:
            b = st[--sp];
            if (cmp_eval(in->cmp, st[sp - 1], b)) {
                st[sp - 1] = b;
            } else {
                st[sp - 1] = 0.0;
                pc = in->arg;
            }
            break;
        case OP_JF_OR_POP:
            if (st[sp - 1] == 0.0)
                pc = in->arg;
            else
                sp--;
            break;
        case OP_JT_OR_POP:
            if (st[sp - 1] != 0.0)
                pc = in->arg;
            else
                sp--;
            break;
        }
    }
    *result = st[0];
    return BT_EXPR_OK;
}

const char *bt_expr_fault_text(int fault)
{
    switch (fault) {
    case BT_EXPR_OK: return "no error";
    case BT_EXPR_DIV_ZERO: return "division by zero";
    case BT_EXPR_FLOORDIV_ZERO: return "floor division by zero";
    case BT_EXPR_MOD_ZERO: return "modulo by zero";
    case BT_EXPR_POW_ZERO_NEG: return "0 raised to a negative power";
    case BT_EXPR_POW_COMPLEX: return "a negative number raised to a fractional power";
    default: return "evaluation error";
    }
}

const char *bt_expr_source(const struct bt_expr *e) { return e ? e->src : ""; }

void bt_expr_free(struct bt_expr *e)
{
    if (!e)
        return;
    free(e->src);
    free(e);
}

/* ------------------------------------------------------------------ lexer */

enum bt_tok {
    T_END, T_NUM, T_NAME, T_AND, T_OR, T_NOT, T_TRUE, T_FALSE, T_LP, T_RP,
    T_PLUS, T_MINUS, T_STAR, T_SLASH, T_DSLASH, T_PCT, T_POW,
    T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE
};

struct bt_parser {
    const char *src;
    size_t pos;           /* lexer position (just after the current token) */
    int tok;              /* current token */
    size_t tok_at, tok_len;
    double tok_num;       /* T_NUM: its value */
    const char *const *names;
    size_t n_names;
    struct bt_insn *code;
    size_t n_code, cap_code;
    size_t depth;         /* stack depth after the code emitted so far */
    unsigned nest;        /* current nesting level (see BT_EXPR_MAX_NEST) */
    bt_error *err;
};

#define TRY(x) do { int rc_ = (x); if (rc_ != BT_OK) return rc_; } while (0)

/* Records a usage error at byte offset at: the message, then the source and a
 * caret under column at+1 (tabs kept so the caret lines up). A long source is
 * shown as a window of CARET_WINDOW characters around the column. */
#define CARET_WINDOW 120
static int fail_at(struct bt_parser *p, size_t at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail_at(struct bt_parser *p, size_t at, const char *fmt, ...)
{
    char what[512], pad[CARET_WINDOW + 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *s = p->src;
    size_t len = strlen(s), from = 0, to = len, n = 0;
    if (len > CARET_WINDOW) {
        from = at > CARET_WINDOW / 2 ? at - CARET_WINDOW / 2 : 0;
        to = from + CARET_WINDOW < len ? from + CARET_WINDOW : len;
    }
    if (from > 0)
        n = (size_t)snprintf(pad, sizeof pad, "   ");
    for (size_t i = from; i < at && i < to; i++)
        pad[n++] = s[i] == '\t' ? '\t' : ' ';
    pad[n] = '\0';
    return bt_error_set(p->err, BT_ERR_USAGE, "constraint '%.*s%s': column %zu: %s\n  %s%.*s%s\n  %s^",
                        bt_quote_len(s), s, bt_quote_cut(s), at + 1, what,
                        from > 0 ? "..." : "", (int)(to - from), s + from, to < len ? "..." : "", pad);
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int is_name_char(char c) { return is_name_start(c) || is_digit(c); }

/* Consumes digits with single '_' between them; returns how many digits. */
static size_t scan_digits(const char *s, size_t *pos)
{
    size_t n = 0;
    for (;;) {
        if (is_digit(s[*pos])) {
            (*pos)++;
            n++;
        } else if (s[*pos] == '_' && n > 0 && is_digit(s[*pos + 1])) {
            (*pos)++;
        } else {
            return n;
        }
    }
}

/* Lexes a Python decimal literal at p->pos (a digit, or '.' and a digit). */
static int lex_number(struct bt_parser *p)
{
    const char *s = p->src;
    size_t start = p->pos, pos = start;
    size_t n_int = scan_digits(s, &pos);
    int is_int = 1;
    if (s[pos] == '.') {
        pos++;
        is_int = 0;
        scan_digits(s, &pos);
    }
    if (s[pos] == 'e' || s[pos] == 'E') {
        size_t q = pos + 1;
        if (s[q] == '+' || s[q] == '-')
            q++;
        if (is_digit(s[q])) {
            pos = q;
            scan_digits(s, &pos);
            is_int = 0;
        }
    }
    if (is_name_char(s[pos]) || s[pos] == '.') {
        size_t end = pos;
        while (is_name_char(s[end]) || s[end] == '.')
            end++;
        int radix = s[start] == '0' && strchr("xXoObB", s[start + 1]) && s[start + 1];
        return fail_at(p, start, "malformed number '%.*s'%s", (int)(end - start), s + start,
                       radix ? " (only decimal numbers are supported)" : "");
    }
    if (is_int && n_int > 1 && s[start] == '0') {
        for (size_t i = start; i < pos; i++)
            if (s[i] != '0' && s[i] != '_')
                return fail_at(p, start, "leading zeros are not allowed in '%.*s'",
                               (int)(pos - start), s + start);
    }
    char buf[512];
    size_t n = 0;
    for (size_t i = start; i < pos; i++) {
        if (s[i] == '_')
            continue;
        if (n == sizeof buf - 1)
            return fail_at(p, start, "number is too long");
        buf[n++] = s[i];
    }
    buf[n] = '\0';
    /* Like a Python float literal, a decimal beyond DBL_MAX becomes inf. */
    p->tok_num = strtod(buf, NULL);
    p->tok = T_NUM;
    p->tok_at = start;
    p->tok_len = pos - start;
    p->pos = pos;
    return BT_OK;
}

static int keyword(const char *s, size_t len)
{
    static const struct { const char *word; int tok; } kw[] = {
        {"and", T_AND}, {"or", T_OR}, {"not", T_NOT}, {"True", T_TRUE}, {"False", T_FALSE},
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (strlen(kw[i].word) == len && memcmp(kw[i].word, s, len) == 0)
            return kw[i].tok;
    return T_NAME;
}

/* Python keywords and operators this language does not have. */
static int is_unsupported_word(const char *s, size_t len)
{
    static const char *const words[] = {"is", "in", "if", "else", "lambda", "None"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
            return 1;
    return 0;
}

/* Advances to the next token. */
static int next(struct bt_parser *p)
{
    const char *s = p->src;
    while (s[p->pos] == ' ' || s[p->pos] == '\t')
        p->pos++;
    size_t at = p->pos;
    char c = s[at], d = c ? s[at + 1] : '\0';
    p->tok_at = at;
    p->tok_len = 1;
    if (c == '\0') {
        p->tok = T_END;
        p->tok_len = 0;
        return BT_OK;
    }
    if (is_digit(c) || (c == '.' && is_digit(d)))
        return lex_number(p);
    if (is_name_start(c)) {
        size_t end = at;
        while (is_name_char(s[end]))
            end++;
        p->tok_len = end - at;
        p->tok = keyword(s + at, p->tok_len);
        if (is_unsupported_word(s + at, p->tok_len))
            return fail_at(p, at, "'%.*s' is not supported", (int)p->tok_len, s + at);
        p->pos = end;
        return BT_OK;
    }
    int two = 0;
    switch (c) {
    case '(': p->tok = T_LP; break;
    case ')': p->tok = T_RP; break;
    case '+': p->tok = T_PLUS; break;
    case '-': p->tok = T_MINUS; break;
    case '%': p->tok = T_PCT; break;
    case '*': two = d == '*'; p->tok = two ? T_POW : T_STAR; break;
    case '/': two = d == '/'; p->tok = two ? T_DSLASH : T_SLASH; break;
    case '<': two = d == '='; p->tok = two ? T_LE : T_LT; break;
    case '>': two = d == '='; p->tok = two ? T_GE : T_GT; break;
    case '=':
        if (d != '=')
            return fail_at(p, at, "unexpected '='; did you mean '=='?");
        two = 1;
        p->tok = T_EQ;
        break;
    case '!':
        if (d != '=')
            return fail_at(p, at, "unexpected '!'; use 'not'");
        two = 1;
        p->tok = T_NE;
        break;
    case '&':
        return fail_at(p, at, "unexpected '%s'; use 'and'", d == '&' ? "&&" : "&");
    case '|':
        return fail_at(p, at, "unexpected '%s'; use 'or'", d == '|' ? "||" : "|");
    case '^':
        return fail_at(p, at, "unexpected '^'; use '**' for powers");
    default:
        if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7f)
            return fail_at(p, at, "unexpected byte 0x%02X", (unsigned)(unsigned char)c);
        return fail_at(p, at, "unexpected character '%c'", c);
    }
    p->tok_len = 1 + (size_t)two;
    p->pos = at + p->tok_len;
    return BT_OK;
}

/* ------------------------------------------------------------------ parser */

/* Appends one instruction; stack_effect is its effect on the fall-through path. */
static int emit(struct bt_parser *p, int op, uint32_t arg, double num, int stack_effect)
{
    if (p->n_code == p->cap_code) {
        size_t cap = p->cap_code ? 2 * p->cap_code : 32;
        if (cap > NO_JUMP)
            return fail_at(p, p->tok_at, "expression is too long");
        struct bt_insn *code = realloc(p->code, cap * sizeof *code);
        if (!code)
            return bt_error_set(p->err, BT_ERR_NOMEM, "constraint '%.*s%s': out of memory",
                                bt_quote_len(p->src), p->src, bt_quote_cut(p->src));
        p->code = code;
        p->cap_code = cap;
    }
    p->code[p->n_code++] = (struct bt_insn){.op = (uint8_t)op, .arg = arg, .num = num};
    p->depth = (size_t)((ptrdiff_t)p->depth + stack_effect);
    if (p->depth > BT_EXPR_STACK)
        return fail_at(p, p->tok_at, "expression is nested too deeply (more than %d pending values)",
                       BT_EXPR_STACK);
    return BT_OK;
}

/* Points every jump of a chain (linked through arg) at the next instruction. */
static void patch_chain(struct bt_parser *p, uint32_t chain)
{
    while (chain != NO_JUMP) {
        uint32_t prev = p->code[chain].arg;
        p->code[chain].arg = (uint32_t)p->n_code;
        chain = prev;
    }
}

static int enter(struct bt_parser *p)
{
    if (++p->nest > BT_EXPR_MAX_NEST)
        return fail_at(p, p->tok_at, "expression is nested too deeply (more than %d levels)",
                       BT_EXPR_MAX_NEST);
    return BT_OK;
}

/* What the current token is, for "found ..." messages. */
static const char *tok_text(const struct bt_parser *p, char *buf, size_t cap)
{
    if (p->tok == T_END)
        return "the end of the expression";
    snprintf(buf, cap, "'%.*s'", (int)p->tok_len, p->src + p->tok_at);
    return buf;
}

static int parse_or(struct bt_parser *p);
static int parse_factor(struct bt_parser *p);

static int parse_name(struct bt_parser *p)
{
    const char *s = p->src + p->tok_at;
    size_t len = p->tok_len;
    for (size_t i = 0; i < p->n_names; i++)
        if (strncmp(p->names[i], s, len) == 0 && p->names[i][len] == '\0')
            return emit(p, OP_VAR, (uint32_t)i, 0.0, +1);
    char list[400];
    size_t n = 0;
    list[0] = '\0';
    for (size_t i = 0; i < p->n_names && n < sizeof list; i++) {
        int w = snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", p->names[i]);
        n += w > 0 ? (size_t)w : 0;
    }
    size_t q = p->pos;
    while (p->src[q] == ' ' || p->src[q] == '\t')
        q++;
    char word[64], hint[120];
    snprintf(word, sizeof word, "%.*s", (int)len, s);
    return fail_at(p, p->tok_at, "unknown parameter '%.*s'%s (parameters: %s)%s", (int)len, s,
                   bt_suggest_hint(word, (const char *const *)p->names, p->n_names, hint, sizeof hint), list,
                   p->src[q] == '(' ? "; function calls are not supported" : "");
}

static int parse_atom(struct bt_parser *p)
{
    switch (p->tok) {
    case T_NUM: TRY(emit(p, OP_NUM, 0, p->tok_num, +1)); return next(p);
    case T_TRUE: TRY(emit(p, OP_NUM, 0, 1.0, +1)); return next(p);
    case T_FALSE: TRY(emit(p, OP_NUM, 0, 0.0, +1)); return next(p);
    case T_NAME: TRY(parse_name(p)); return next(p);
    case T_LP: {
        size_t open = p->tok_at;
        TRY(enter(p));
        TRY(next(p));
        TRY(parse_or(p));
        if (p->tok != T_RP) {
            char buf[64];
            if (p->tok == T_END)
                return fail_at(p, p->tok_at, "missing ')' for the '(' at column %zu", open + 1);
            return fail_at(p, p->tok_at, "expected ')' or an operator, found %s",
                           tok_text(p, buf, sizeof buf));
        }
        p->nest--;
        return next(p);
    }
    case T_END:
        return fail_at(p, p->tok_at, "unexpected end of the expression; expected a number, a name or '('");
    default:
        return fail_at(p, p->tok_at, "expected a number, a name or '('");
    }
}

static int parse_power(struct bt_parser *p)
{
    TRY(parse_atom(p));
    if (p->tok != T_POW)
        return BT_OK;
    TRY(enter(p));
    TRY(next(p));
    TRY(parse_factor(p));
    p->nest--;
    return emit(p, OP_POW, 0, 0.0, -1);
}

static int parse_factor(struct bt_parser *p)
{
    if (p->tok != T_PLUS && p->tok != T_MINUS)
        return parse_power(p);
    int neg = p->tok == T_MINUS;
    TRY(enter(p));
    TRY(next(p));
    TRY(parse_factor(p));
    p->nest--;
    return neg ? emit(p, OP_NEG, 0, 0.0, 0) : BT_OK;
}

static int parse_term(struct bt_parser *p)
{
    TRY(parse_factor(p));
    for (;;) {
        int op;
        switch (p->tok) {
        case T_STAR: op = OP_MUL; break;
        case T_SLASH: op = OP_DIV; break;
        case T_DSLASH: op = OP_FLOORDIV; break;
        case T_PCT: op = OP_MOD; break;
        default: return BT_OK;
        }
        TRY(next(p));
        TRY(parse_factor(p));
        TRY(emit(p, op, 0, 0.0, -1));
    }
}

static int parse_arith(struct bt_parser *p)
{
    TRY(parse_term(p));
    while (p->tok == T_PLUS || p->tok == T_MINUS) {
        int op = p->tok == T_PLUS ? OP_ADD : OP_SUB;
        TRY(next(p));
        TRY(parse_term(p));
        TRY(emit(p, op, 0, 0.0, -1));
    }
    return BT_OK;
}

static int cmp_op(int tok)
{
    switch (tok) {
    case T_LT: return OP_LT;
    case T_LE: return OP_LE;
    case T_GT: return OP_GT;
    case T_GE: return OP_GE;
    case T_EQ: return OP_EQ;
    case T_NE: return OP_NE;
    default: return -1;
    }
}

/* `a < b < c` compiles to: a b CMPC(<, end) c LT end: so b is evaluated once
 * and a false link skips the rest of the chain, as in Python. */
static int parse_comparison(struct bt_parser *p)
{
    TRY(parse_arith(p));
    uint32_t chain = NO_JUMP;
    int op = cmp_op(p->tok);
    while (op >= 0) {
        TRY(next(p));
        TRY(parse_arith(p));
        int more = cmp_op(p->tok);
        if (more < 0) {
            TRY(emit(p, op, 0, 0.0, -1));
        } else {
            TRY(emit(p, OP_CMPC, chain, 0.0, -1));
            p->code[p->n_code - 1].cmp = (uint8_t)op;
            chain = (uint32_t)(p->n_code - 1);
        }
        op = more;
    }
    patch_chain(p, chain);
    return BT_OK;
}

static int parse_not(struct bt_parser *p)
{
    if (p->tok != T_NOT)
        return parse_comparison(p);
    TRY(enter(p));
    TRY(next(p));
    TRY(parse_not(p));
    p->nest--;
    return emit(p, OP_NOT, 0, 0.0, 0);
}

/* and/or: every jump of `a and b and c` goes straight to the end. */
static int parse_bool(struct bt_parser *p, int tok, int jump_op, int (*operand)(struct bt_parser *))
{
    TRY(operand(p));
    uint32_t chain = NO_JUMP;
    while (p->tok == tok) {
        TRY(emit(p, jump_op, chain, 0.0, -1));
        chain = (uint32_t)(p->n_code - 1);
        TRY(next(p));
        TRY(operand(p));
    }
    patch_chain(p, chain);
    return BT_OK;
}

static int parse_and(struct bt_parser *p) { return parse_bool(p, T_AND, OP_JF_OR_POP, parse_not); }
static int parse_or(struct bt_parser *p) { return parse_bool(p, T_OR, OP_JT_OR_POP, parse_and); }

static int parse_all(struct bt_parser *p)
{
    TRY(next(p));
    if (p->tok == T_END)
        return bt_error_set(p->err, BT_ERR_USAGE, "constraint '%.*s%s': the expression is empty",
                            bt_quote_len(p->src), p->src, bt_quote_cut(p->src));
    TRY(parse_or(p));
    if (p->tok == T_RP)
        return fail_at(p, p->tok_at, "unmatched ')'");
    if (p->tok != T_END) {
        char buf[64];
        return fail_at(p, p->tok_at, "expected an operator or the end of the expression, found %s",
                       tok_text(p, buf, sizeof buf));
    }
    return BT_OK;
}

int bt_expr_compile(const char *src, const char *const *names, size_t n_names,
                    struct bt_expr **out, bt_error *err)
{
    struct bt_parser p = {.src = src, .names = names, .n_names = n_names, .err = err};
    struct bt_expr *e = NULL;
    int rc = BT_OK;
    if (!src || !out) {
        rc = bt_error_set(err, BT_ERR_USAGE, "constraint: no expression given");
        goto done;
    }
    rc = parse_all(&p);
    if (rc != BT_OK)
        goto done;
    e = malloc(sizeof *e + p.n_code * sizeof e->code[0]);
    if (e)
        e->src = malloc(strlen(src) + 1);
    if (!e || !e->src) {
        rc = bt_error_set(err, BT_ERR_NOMEM, "constraint '%.*s%s': out of memory", bt_quote_len(src), src,
                          bt_quote_cut(src));
        goto done;
    }
    strcpy(e->src, src);
    e->n_code = p.n_code;
    memcpy(e->code, p.code, p.n_code * sizeof e->code[0]);
    *out = e;
    e = NULL;
done:
    if (e)
        free(e->src);
    free(e);
    free(p.code);
    return rc;
}
