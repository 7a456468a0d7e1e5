/* The Python-subset front end: a tokenizer and recursive-descent parser for
 * the Python 3.11 grammar that strategy files use. The tree is a generic
 * node type (bt_ast) whose fields each kind documents below. Everything
 * (nodes, strings, arrays) lives in one arena owned by bt_py_module. */
#ifndef BTGPU_AST_H
#define BTGPU_AST_H

#include <stddef.h>

#include "btgpu.h"

typedef enum bt_ast_kind {
    /* expressions */
    BT_AST_NAME,      /* str: identifier */
    BT_AST_INT,       /* integer literal: num (double value, exact if |v| <= 2^53), big=1 if it does not fit int64; flag=1: imaginary (1j) */
    BT_AST_FLOAT,     /* float literal: num (correctly rounded, as CPython); flag=1: imaginary (1.5j) */
    BT_AST_STRING,    /* str: the decoded text (implicit concatenation joined); flag fstring=1 for f-strings, 2 for bytes */
    BT_AST_TRUE, BT_AST_FALSE, BT_AST_NONE, BT_AST_ELLIPSIS,
    BT_AST_ATTR,      /* kid[0] . str */
    BT_AST_SUBSCRIPT, /* kid[0] [ kid[1] ]  (kid[1] may be BT_AST_SLICE or BT_AST_TUPLE) */
    BT_AST_SLICE,     /* kid[0..2] = lower, upper, step, each may be NULL */
    BT_AST_CALL,      /* kid[0] = callee; kid[1..] = positional args, then BT_AST_KEYWORD nodes */
    BT_AST_KEYWORD,   /* str = name (NULL for **kwargs), kid[0] = value */
    BT_AST_STARRED,   /* *x : kid[0] */
    BT_AST_UNARY,     /* op: BT_OP_NEG, BT_OP_POS, BT_OP_NOT, BT_OP_INVERT; kid[0] */
    BT_AST_BINARY,    /* op: BT_OP_ADD SUB MUL DIV FLOORDIV MOD POW MATMUL LSHIFT RSHIFT BITAND BITOR BITXOR; kid[0], kid[1] */
    BT_AST_BOOLOP,    /* op BT_OP_AND / BT_OP_OR; kid[0..n-1] operands (n >= 2, flattened like Python's ast) */
    BT_AST_COMPARE,   /* kid[0] ops[0] kid[1] ops[1] kid[2] ...; ops: BT_CMP_LT LE GT GE EQ NE IN NOTIN IS ISNOT; n_ops = n_kid-1 */
    BT_AST_IFEXP,     /* kid[0] = body, kid[1] = test, kid[2] = orelse   (body if test else orelse) */
    BT_AST_LAMBDA,    /* kid[0] = BT_AST_PARAMS, kid[1] = body expression */
    BT_AST_TUPLE, BT_AST_LIST, BT_AST_SET, BT_AST_DICT, /* kids = elements (DICT: key, value, key, value...; a **m entry: key NULL) */
    BT_AST_COMPREHENSION, /* any list/set/dict comprehension or generator expression: parsed and skipped; str = "a list comprehension" etc.;
                             kid[0] = element (DICT: key, kid[1] = value), then the for-targets/iterables/conditions */
    BT_AST_NAMEDEXPR, /* x := y : kid[0] = target NAME, kid[1] = value */
    BT_AST_AWAIT,     /* kid[0] */
    BT_AST_YIELD,     /* kid[0] = value or NULL; flag=1 for `yield from` */
    /* statements */
    BT_AST_MODULE,    /* kids = statements */
    BT_AST_BLOCK,     /* kids = statements (an indented suite) */
    BT_AST_EXPR_STMT, /* kid[0] */
    BT_AST_ASSIGN,    /* kid[0..n-2] = targets (a = b = v), kid[n-1] = value; a target may be a TUPLE/LIST for unpacking */
    BT_AST_AUGASSIGN, /* op (a BT_OP_ binary op), kid[0] = target, kid[1] = value */
    BT_AST_ANNASSIGN, /* kid[0] = target, kid[1] = annotation, kid[2] = value or NULL */
    BT_AST_IF,        /* kid[0] = test, kid[1] = BLOCK body, kid[2] = BLOCK orelse or NULL (elif: orelse BLOCK holding one IF) */
    BT_AST_FOR,       /* kid[0] = target, kid[1] = iterable, kid[2] = BLOCK body, kid[3] = BLOCK orelse or NULL; flag async */
    BT_AST_WHILE,     /* kid[0] = test, kid[1] = body, kid[2] = orelse or NULL */
    BT_AST_FUNCDEF,   /* str = name, kid[0] = PARAMS, kid[1] = BLOCK body, kid[2] = BLOCK of decorator exprs or NULL; flag async */
    BT_AST_PARAMS,    /* kids = BT_AST_PARAM */
    BT_AST_PARAM,     /* str = name, kid[0] = default or NULL; flag: 0 plain, 1 *args, 2 **kwargs, 3 keyword-only; level=1: positional-only */
    BT_AST_CLASS,     /* str = name, kid[0] = BLOCK of bases (exprs, KEYWORD for metaclass=), kid[1] = BLOCK body, kid[2] = decorators or NULL */
    BT_AST_RETURN,    /* kid[0] = value or NULL */
    BT_AST_PASS, BT_AST_BREAK, BT_AST_CONTINUE,
    BT_AST_IMPORT,    /* kids = BT_AST_ALIAS */
    BT_AST_IMPORT_FROM, /* str = module (dotted, may be NULL for `from . import x`), level = leading dots, kids = ALIAS (str "*" for star) */
    BT_AST_ALIAS,     /* str = dotted name, str2 = asname or NULL */
    BT_AST_DEL,       /* kids = targets */
    BT_AST_GLOBAL, BT_AST_NONLOCAL, /* kids = NAME */
    BT_AST_RAISE,     /* kid[0] = exception or NULL, kid[1] = cause (from) or NULL */
    BT_AST_ASSERT,    /* kid[0] = test, kid[1] = message or NULL */
    BT_AST_TRY,       /* kid[0] = BLOCK body, kid[1] = BLOCK of EXCEPT nodes, kid[2] = BLOCK orelse or NULL, kid[3] = BLOCK finally or NULL; flag=1 except* */
    BT_AST_WITH,      /* kid[0] = BLOCK of WITHITEM, kid[1] = BLOCK body; flag async */
    BT_AST_MATCH,     /* kid[0] = subject, kid[1..] = MATCH_CASE */
    /* parts of statements (added) */
    BT_AST_EXCEPT,    /* kid[0] = type or NULL, kid[1] = BLOCK body; str = `as` name or NULL */
    BT_AST_WITHITEM,  /* kid[0] = context expr, kid[1] = target or NULL */
    BT_AST_MATCH_CASE /* kid[0] = guard or NULL, kid[1] = BLOCK body (the pattern is checked for balance and skipped) */
} bt_ast_kind;

enum bt_ast_op {
    BT_OP_NONE = 0,
    BT_OP_ADD, BT_OP_SUB, BT_OP_MUL, BT_OP_DIV, BT_OP_FLOORDIV, BT_OP_MOD, BT_OP_POW, BT_OP_MATMUL,
    BT_OP_LSHIFT, BT_OP_RSHIFT, BT_OP_BITAND, BT_OP_BITOR, BT_OP_BITXOR,
    BT_OP_NEG, BT_OP_POS, BT_OP_NOT, BT_OP_INVERT,
    BT_OP_AND, BT_OP_OR
};

enum bt_ast_cmp {
    BT_CMP_LT = 1, BT_CMP_LE, BT_CMP_GT, BT_CMP_GE, BT_CMP_EQ, BT_CMP_NE,
    BT_CMP_IN, BT_CMP_NOTIN, BT_CMP_IS, BT_CMP_ISNOT
};

typedef struct bt_ast {
    int kind;                 /* bt_ast_kind */
    int op;                   /* operator for UNARY/BINARY/BOOLOP/AUGASSIGN */
    int flag;                 /* see kinds */
    int level;                /* IMPORT_FROM */
    int *ops; size_t n_ops;   /* COMPARE */
    const char *str, *str2;   /* NUL-terminated, owned by the module arena */
    size_t str_len;           /* STRING: byte length of str (it may hold NUL bytes from \0 or \x00) */
    double num;               /* INT/FLOAT */
    int big;                  /* INT does not fit int64 */
    long long ival;           /* INT value when !big */
    struct bt_ast **kid; size_t n_kid;
    int line, col;            /* 1-based line and 1-based column (in characters, as CPython reports +1) of the first token */
    int end_line, end_col;    /* position just after the last token */
    size_t start, end;        /* byte offsets of the node's source text [start, end) */
} bt_ast;

typedef struct bt_py_module {
    const char *path;    /* as given (for messages) */
    char *source;        /* a private NUL-terminated copy */
    size_t len;
    bt_ast *root;        /* BT_AST_MODULE */
    void *arena;         /* every node and string */
} bt_py_module;

/* Parses Python 3 source (the grammar of CPython 3.11 for everything listed above).
 * SyntaxError / IndentationError / TabError / unterminated string, bracket etc. are BT_ERR_USAGE:
 * "PATH:LINE:COL: SyntaxError: invalid syntax" (CPython's wording where practical, e.g.
 * "'(' was never closed", "unterminated string literal (detected at line 3)", "expected ':'",
 * "IndentationError: unexpected indent", "IndentationError: expected an indented block after 'if' statement on line 4").
 * Never crashes, never loops forever, bounded recursion (nesting deeper than 200 -> "SyntaxError: too many nested parentheses").
 * On error *out is left empty (bt_py_module_free on it is still safe). BT_ERR_NOMEM when memory runs out. */
int bt_py_parse(const char *path, const char *source, size_t len, bt_py_module *out, bt_error *err);
void bt_py_module_free(bt_py_module *m);
/* The source text of a node (for messages), NUL-terminated into buf (truncated with "..." past cap). */
const char *bt_ast_text(const bt_py_module *m, const bt_ast *n, char *buf, size_t cap);
/* The name of a kind ("NAME", "CALL", ...), for messages and tests. */
const char *bt_ast_kind_name(int kind);

#endif
