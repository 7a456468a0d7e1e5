/* The tokenizer of the Python-subset front end (internal to lexer.c and
 * parser.c). It follows CPython 3.11's tokenizer: INDENT/DEDENT from an
 * indentation stack (with the tab consistency check), implicit joining
 * inside brackets, backslash continuation, string and number literals with
 * their values, and CPython's error messages and columns. */
#ifndef BTGPU_LEXER_H
#define BTGPU_LEXER_H

#include <stddef.h>

enum bt_tk_type {
    BT_TK_END,       /* ENDMARKER */
    BT_TK_NAME,
    BT_TK_NUMBER,
    BT_TK_STRING,
    BT_TK_NEWLINE,
    BT_TK_INDENT,
    BT_TK_DEDENT,
    BT_TK_OP,
    BT_TK_ERRTOK,    /* a character no token starts with ('$', '?', '!'): the parser fails on it */
    BT_TK_EOFPAREN,  /* end of file inside brackets */
    BT_TK_LEXERR     /* the tokenizer failed here (the error is in the lexer) */
};

typedef struct bt_token {
    int type;
    const char *op;          /* OP: the operator text (static), NAME: the identifier (arena) */
    size_t start, end;       /* byte offsets */
    int line, col;           /* 1-based line and character column */
    int end_line, end_col;
    /* NUMBER */
    int is_float, imag, big;
    double num;
    long long ival;
    /* STRING: decoded value (arena), its length, 1 = f-string, 2 = bytes */
    char *sval;
    size_t slen;
    int sflag;
} bt_token;

#define BT_LEX_MAXINDENT 100
#define BT_LEX_MAXLEVEL 200

typedef struct bt_lexer {
    const char *src;
    size_t len, pos;
    int line;
    size_t line_start;
    size_t cc_pos; int cc_col;        /* column cache: character column at byte cc_pos on this line */
    int indstack[BT_LEX_MAXINDENT + 1], altstack[BT_LEX_MAXINDENT + 1], n_ind;
    int pending;                      /* > 0: INDENT to emit, < 0: DEDENTs to emit */
    int pend_line, pend_col;
    int at_bol;                       /* at the beginning of a logical line */
    int level;
    char parenstack[BT_LEX_MAXLEVEL];
    int parenline[BT_LEX_MAXLEVEL], parencol[BT_LEX_MAXLEVEL];
    int emitted_newline;              /* the last token was a NEWLINE (or nothing yet) */
    int done;
    int eof_line, eof_col;            /* where CPython reports errors at the end of the file */
    /* error */
    int failed;
    const char *etype;                /* "SyntaxError", "IndentationError", "TabError" */
    char emsg[512];
    int eline, ecol;
    /* allocation callback (the module arena) */
    void *(*alloc)(void *ctx, size_t n);
    void *actx;
} bt_lexer;

void bt_lex_init(bt_lexer *lx, const char *src, size_t len, void *(*alloc)(void *, size_t), void *actx);
/* Next token; returns 0, or -1 when the tokenizer failed (lx->failed set; t is a BT_TK_LEXERR) or
 * -2 when memory ran out. */
int bt_lex_next(bt_lexer *lx, bt_token *t);

#endif
