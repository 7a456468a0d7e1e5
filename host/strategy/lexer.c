/* The tokenizer of the Python-subset front end: CPython 3.11's rules and
 * messages (see lexer.h). The source is NUL-terminated, valid UTF-8 without
 * NUL bytes and with "\r\n" and "\r" already turned into "\n" (parser.c
 * checks and normalizes it). */
#include "lexer.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

static int ch(const bt_lexer *lx, size_t i)
{
    return i < lx->len ? (unsigned char)lx->src[i] : -1;
}

/* Characters (code points) on the current line before byte pos. */
static int colchars(bt_lexer *lx, size_t pos)
{
    if (lx->cc_pos < lx->line_start || lx->cc_pos > pos) {
        lx->cc_pos = lx->line_start;
        lx->cc_col = 0;
    }
    for (size_t i = lx->cc_pos; i < pos && i < lx->len; i++)
        if (((unsigned char)lx->src[i] & 0xC0) != 0x80)
            lx->cc_col++;
    lx->cc_pos = pos;
    return lx->cc_col;
}

static void newline_at(bt_lexer *lx, size_t nl)
{
    lx->line++;
    lx->line_start = nl + 1;
    lx->cc_pos = lx->line_start;
    lx->cc_col = 0;
}

static int fail_at(bt_lexer *lx, const char *type, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->emsg, sizeof lx->emsg, fmt, ap);
    va_end(ap);
    lx->etype = type;
    lx->eline = line;
    lx->ecol = col;
    lx->failed = 1;
    return -1;
}

static int is_id_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
static int is_id_char(int c) { return is_id_start(c) || (c >= '0' && c <= '9'); }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_xdigit(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* Decodes one UTF-8 sequence (valid by precondition) at i; returns its length. */
static int utf8_decode(const bt_lexer *lx, size_t i, uint32_t *cp)
{
    int c = ch(lx, i);
    if (c < 0x80) { *cp = (uint32_t)(c < 0 ? 0 : c); return 1; }
    int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    uint32_t v = (uint32_t)c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
    for (int k = 1; k < n; k++) {
        int d = ch(lx, i + (size_t)k);
        if (d < 0) { *cp = 0xFFFD; return k; }
        v = (v << 6) | ((uint32_t)d & 0x3F);
    }
    *cp = v;
    return n;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F)); return 4;
}

/* Code points that CPython refuses in identifiers, as far as this front end
 * knows them: 1 = non-printable, 2 = a visible non-identifier character. */
static int bad_ident_cp(uint32_t cp)
{
    if (cp < 0xA0 || cp == 0xAD || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF || cp == 0xA0 || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 1;
    if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 || cp == 0xF7 ||
        (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20CF) ||
        (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x27BF) || (cp >= 0x3001 && cp <= 0x3003) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0x1F000 && cp <= 0x1FAFF))
        return 2;
    return 0;
}

static void *lx_alloc(bt_lexer *lx, size_t n)
{
    return lx->alloc(lx->actx, n ? n : 1);
}

/* ------------------------------------------------------------------ public */

void bt_lex_init(bt_lexer *lx, const char *src, size_t len, void *(*alloc)(void *, size_t), void *actx)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = len;
    lx->line = 1;
    lx->at_bol = 1;
    lx->emitted_newline = 1;
    lx->alloc = alloc;
    lx->actx = actx;
    /* CPython reports errors at the end of the file on the last line, after its last character */
    size_t last = len;
    if (last > 0 && src[last - 1] == '\n')
        last--;
    int line = 1;
    size_t ls = 0;
    for (size_t i = 0; i < last; i++)
        if (src[i] == '\n') { line++; ls = i + 1; }
    int cols = 0;
    for (size_t i = ls; i < last; i++)
        if (((unsigned char)src[i] & 0xC0) != 0x80)
            cols++;
    lx->eof_line = line;
    lx->eof_col = cols + 1;
}

static void set_tok(bt_lexer *lx, bt_token *t, int type, size_t start, size_t end)
{
    memset(t, 0, sizeof *t);
    t->type = type;
    t->start = start;
    t->end = end;
    t->line = lx->line;
    t->col = colchars(lx, start) + 1;
    t->end_line = lx->line;
    t->end_col = colchars(lx, end) + 1;
}

static const char *const OPS3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
static const char *const OPS2[] = {"!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=",
                                   "==", ">=", ">>", "@=", "^=", "|=", NULL};
static const char *const OPS1[] = {"%", "&", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">",
                                   "@", "[", "]", "^", "{", "|", "}", "~", NULL};

/* The value of an integer literal (underscores stripped, prefix removed). */
static void int_value(bt_token *t, const char *digits, size_t n, int base)
{
    /* skip leading zeros */
    size_t i = 0;
    while (i + 1 < n && digits[i] == '0')
        i++;
    if (base == 10) {
        unsigned long long v = 0;
        int over = 0;
        for (size_t k = i; k < n; k++) {
            unsigned d = (unsigned)(digits[k] - '0');
            if (v > (ULLONG_MAX - d) / 10) { over = 1; break; }
            v = v * 10 + d;
        }
        if (!over && v <= (unsigned long long)LLONG_MAX) {
            t->ival = (long long)v;
            t->num = (double)v;
        } else {
            t->big = 1;
            t->num = strtod(digits + i, NULL);
        }
        return;
    }
    int bits = base == 16 ? 4 : base == 8 ? 3 : 1;
    /* accumulate the top 64 bits exactly, remember whether any lower bit is set */
    unsigned long long top = 0;
    int shift = 0, sticky = 0, nbits = 0;
    for (size_t k = i; k < n; k++) {
        int c = digits[k];
        unsigned d = (unsigned)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
        for (int b = bits - 1; b >= 0; b--) {
            unsigned bit = (d >> b) & 1u;
            if (nbits == 0 && !bit)
                continue;
            if (nbits < 64) { top = (top << 1) | bit; nbits++; }
            else { shift++; sticky |= (int)bit; }
        }
    }
    if (shift == 0 && top <= (unsigned long long)LLONG_MAX) {
        t->ival = (long long)top;
        t->num = (double)top;
        return;
    }
    t->big = 1;
    /* 64 bits with a sticky bit round correctly to 53 in one conversion */
    if (sticky)
        top |= 1u;
    double v = (double)top;
    for (int k = 0; k < shift && v < 1e308; k++)
        v *= 2.0;
    t->num = v;
}

/* verify_end_of_number: a literal directly followed by an identifier character is an error,
 * except before the keywords that may follow a number in valid code. */
static int end_of_number(bt_lexer *lx, size_t i, const char *kind)
{
    int c = ch(lx, i);
    const char *rest = NULL;
    switch (c) {
    case 'a': rest = "nd"; break;
    case 'e': rest = "lse"; break;
    case 'f': rest = "or"; break;
    case 'o': rest = "r"; break;
    case 'n': rest = "ot"; break;
    case 'i': {
        int d = ch(lx, i + 1);
        if (d == 'f' || d == 'n' || d == 's')
            return 0;
        break;
    }
    default: break;
    }
    if (rest && i + 1 + strlen(rest) <= lx->len && memcmp(lx->src + i + 1, rest, strlen(rest)) == 0)
        return 0;
    if (c >= 0 && is_id_char(c))
        return fail_at(lx, "SyntaxError", lx->line, colchars(lx, i), "invalid %s literal", kind);
    return 0;
}

/* Scans a number token starting at s; on success fills t and sets lx->pos. */
static int lex_number(bt_lexer *lx, size_t s, bt_token *t)
{
    size_t i = s;
    int c = ch(lx, i);
    int is_float = 0, imag = 0, base = 10;
    const char *dec = "invalid decimal literal";
#define SYNERR(pos) return fail_at(lx, "SyntaxError", lx->line, colchars(lx, (pos)), "%s", dec)
    if (c == '.')
        goto fraction_start;
    if (c == '0') {
        c = ch(lx, ++i);
        if (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') {
            int k = c | 0x20;
            base = k == 'x' ? 16 : k == 'o' ? 8 : 2;
            const char *kind = k == 'x' ? "hexadecimal" : k == 'o' ? "octal" : "binary";
            c = ch(lx, ++i);
            do {
                if (c == '_')
                    c = ch(lx, ++i);
                int ok = base == 16 ? is_xdigit(c) : base == 8 ? (c >= '0' && c <= '7') : (c == '0' || c == '1');
                if (!ok) {
                    if (base != 16 && is_digit(c))
                        return fail_at(lx, "SyntaxError", lx->line, colchars(lx, i + 1), "invalid digit '%c' in %s literal",
                                       c, kind);
                    return fail_at(lx, "SyntaxError", lx->line, colchars(lx, i), "invalid %s literal", kind);
                }
                do {
                    c = ch(lx, ++i);
                } while (base == 16 ? is_xdigit(c) : base == 8 ? (c >= '0' && c <= '7') : (c == '0' || c == '1'));
            } while (c == '_');
            if (base != 16 && is_digit(c))
                return fail_at(lx, "SyntaxError", lx->line, colchars(lx, i + 1), "invalid digit '%c' in %s literal", c, kind);
            if (end_of_number(lx, i, kind) < 0)
                return -1;
            goto done;
        }
        int nonzero = 0;
        for (;;) {
            if (c == '_') {
                c = ch(lx, ++i);
                if (!is_digit(c))
                    SYNERR(i);
            }
            if (c != '0')
                break;
            c = ch(lx, ++i);
        }
        size_t zeros_end = i;
        if (is_digit(c)) {
            nonzero = 1;
            goto decimal_tail;
        }
    after_zero_tail:
        if (c == '.') { c = ch(lx, ++i); goto fraction; }
        if (c == 'e' || c == 'E') goto exponent;
        if (c == 'j' || c == 'J') goto imaginary;
        if (nonzero)
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1,
                           "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        if (end_of_number(lx, i, "decimal") < 0)
            return -1;
        goto done;
    decimal_tail:
        /* digits (and single underscores between them) after a leading zero */
        for (;;) {
            while (is_digit(c)) c = ch(lx, ++i);
            if (c != '_') break;
            c = ch(lx, ++i);
            if (!is_digit(c)) SYNERR(i);
        }
        (void)zeros_end;
        goto after_zero_tail;
    }
    /* decimal */
    for (;;) {
        while (is_digit(c)) c = ch(lx, ++i);
        if (c != '_') break;
        c = ch(lx, ++i);
        if (!is_digit(c)) SYNERR(i);
    }
    if (c == '.') {
        c = ch(lx, ++i);
    fraction:
        is_float = 1;
        if (is_digit(c)) {
            for (;;) {
                while (is_digit(c)) c = ch(lx, ++i);
                if (c != '_') break;
                c = ch(lx, ++i);
                if (!is_digit(c)) SYNERR(i);
            }
        }
    }
    if (c == 'e' || c == 'E') {
    exponent:;
        size_t epos = i;
        c = ch(lx, ++i);
        if (c == '+' || c == '-') {
            c = ch(lx, ++i);
            if (!is_digit(c))
                SYNERR(i);
        } else if (!is_digit(c)) {
            /* "1e" followed by a non-digit: the number ends before the 'e' */
            if (end_of_number(lx, epos, "decimal") < 0)
                return -1;
            i = epos;
            goto done;
        }
        is_float = 1;
        for (;;) {
            while (is_digit(c)) c = ch(lx, ++i);
            if (c != '_') break;
            c = ch(lx, ++i);
            if (!is_digit(c)) SYNERR(i);
        }
    }
    if (c == 'j' || c == 'J') {
    imaginary:
        imag = 1;
        i++;
        if (end_of_number(lx, i, "imaginary") < 0)
            return -1;
    } else if (end_of_number(lx, i, "decimal") < 0) {
        return -1;
    }
    goto done;
fraction_start:
    c = ch(lx, ++i);
    goto fraction;
#undef SYNERR
done:
    set_tok(lx, t, BT_TK_NUMBER, s, i);
    lx->pos = i;
    t->imag = imag;
    /* the text without underscores, prefix or 'j' */
    size_t n = i - s;
    char small[128];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf)
        return -2;
    size_t m = 0;
    size_t from = s + (base != 10 ? 2 : 0);
    for (size_t k = from; k < i; k++) {
        char d = lx->src[k];
        if (d == '_' || d == 'j' || d == 'J')
            continue;
        buf[m++] = d;
    }
    buf[m] = '\0';
    if (is_float || (imag && base == 10 && (memchr(buf, '.', m) || memchr(buf, 'e', m) || memchr(buf, 'E', m)))) {
        t->is_float = 1;
        t->num = strtod(buf, NULL);
    } else if (imag) {
        t->is_float = 1;
        t->num = strtod(buf, NULL);
    } else {
        int_value(t, buf, m, base);
    }
    if (buf != small)
        free(buf);
    return 0;
}

/* Decodes the escapes of a non-raw string body [b, e) into out; returns the length or -1 (error set). */
static long decode_escapes(bt_lexer *lx, size_t b, size_t e, int bytes, char *out, int err_line, int err_col)
{
    const char *src = lx->src;
    size_t o = 0;
    for (size_t i = b; i < e;) {
        char c = src[i];
        if (c != '\\') { out[o++] = c; i++; continue; }
        if (i + 1 >= e) { out[o++] = c; i++; continue; }
        char d = src[i + 1];
        size_t at = i - b;
        i += 2;
        switch (d) {
        case '\n': break;
        case '\\': out[o++] = '\\'; break;
        case '\'': out[o++] = '\''; break;
        case '"': out[o++] = '"'; break;
        case 'a': out[o++] = '\a'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'v': out[o++] = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t v = (uint32_t)(d - '0');
            for (int k = 0; k < 2 && i < e && src[i] >= '0' && src[i] <= '7'; k++)
                v = v * 8 + (uint32_t)(src[i++] - '0');
            if (bytes) out[o++] = (char)(v & 0xFF);
            else o += utf8_encode(v, out + o);
            break;
        }
        case 'x': case 'u': case 'U': {
            if (bytes && d != 'x') { out[o++] = '\\'; out[o++] = d; break; }
            int want = d == 'x' ? 2 : d == 'u' ? 4 : 8;
            uint32_t v = 0;
            int got = 0;
            while (got < want && i < e && is_xdigit((unsigned char)src[i])) {
                int h = (unsigned char)src[i++];
                v = v * 16 + (uint32_t)(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
                got++;
            }
            if (got < want) {
                if (bytes)
                    return fail_at(lx, "SyntaxError", err_line, err_col, "(value error) invalid \\x escape at position %zu", at);
                const char *what = d == 'x' ? "truncated \\xXX escape" : d == 'u' ? "truncated \\uXXXX escape"
                                                                                   : "truncated \\UXXXXXXXX escape";
                return fail_at(lx, "SyntaxError", err_line, err_col,
                               "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s", at,
                               at + 1 + (size_t)got, what);
            }
            if (v > 0x10FFFF)
                return fail_at(lx, "SyntaxError", err_line, err_col,
                               "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: illegal Unicode character",
                               at, at + 9);
            if (bytes) out[o++] = (char)v;
            else o += utf8_encode(v, out + o);
            break;
        }
        case 'N':
            if (!bytes) {
                /* \N{NAME} is kept undecoded; a malformed one is an error as in CPython */
                size_t k = i;
                if (k < e && src[k] == '{') {
                    while (k < e && src[k] != '}') k++;
                    if (k < e && k > i + 1) {
                        memcpy(out + o, src + i - 2, k + 1 - (i - 2));
                        o += k + 1 - (i - 2);
                        i = k + 1;
                        break;
                    }
                }
                return fail_at(lx, "SyntaxError", err_line, err_col,
                               "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: malformed \\N character escape",
                               at, (k < e ? k : e - 1) - b);
            }
            /* fallthrough */
        default:
            /* unknown escape: kept with its backslash */
            out[o++] = '\\';
            i--; /* d is copied as an ordinary character */
            break;
        }
    }
    return (long)o;
}

/* A string literal: prefix [s, q), opening quote at q. */
static int lex_string(bt_lexer *lx, size_t s, size_t q, bt_token *t)
{
    int raw = 0, fstr = 0, bytes = 0;
    for (size_t k = s; k < q; k++) {
        int c = lx->src[k] | 0x20;
        if (c == 'r') raw = 1;
        else if (c == 'f') fstr = 1;
        else if (c == 'b') bytes = 1;
    }
    int quote = ch(lx, q);
    int triple = ch(lx, q + 1) == quote && ch(lx, q + 2) == quote;
    int start_line = lx->line;
    int start_col = colchars(lx, s) + 1;
    size_t start_ls = lx->line_start;
    size_t body = q + (triple ? 3 : 1), i = body, body_end;
    for (;;) {
        int c = ch(lx, i);
        if (c < 0) {
            int n = lx->eof_line;
            lx->line = start_line; lx->line_start = start_ls; lx->cc_pos = start_ls; lx->cc_col = 0;
            return fail_at(lx, "SyntaxError", start_line, start_col,
                           triple ? "unterminated triple-quoted string literal (detected at line %d)"
                                  : "unterminated string literal (detected at line %d)", n);
        }
        if (c == '\n') {
            if (!triple) {
                int n = lx->line;
                return fail_at(lx, "SyntaxError", start_line, start_col, "unterminated string literal (detected at line %d)", n);
            }
            newline_at(lx, i);
            i++;
            continue;
        }
        if (c == '\\') {
            if (ch(lx, i + 1) == '\n') {
                newline_at(lx, i + 1);
                i += 2;
                continue;
            }
            i += ch(lx, i + 1) < 0 ? 1 : 2;
            continue;
        }
        if (c == quote && (!triple || (ch(lx, i + 1) == quote && ch(lx, i + 2) == quote))) {
            body_end = i;
            i += triple ? 3 : 1;
            break;
        }
        i++;
    }
    memset(t, 0, sizeof *t);
    t->type = BT_TK_STRING;
    t->start = s;
    t->end = i;
    t->line = start_line;
    t->col = start_col;
    t->end_line = lx->line;
    t->end_col = colchars(lx, i) + 1;
    lx->pos = i;
    size_t n = body_end - body;
    char *out = lx_alloc(lx, n + 1);
    if (!out)
        return -2;
    long m;
    if (raw || fstr) {
        memcpy(out, lx->src + body, n);
        m = (long)n;
    } else {
        m = decode_escapes(lx, body, body_end, bytes, out, lx->line, t->end_col);
        if (m < 0) {
            lx->ecol = t->end_col;
            return -1;
        }
    }
    out[m] = '\0';
    t->sval = out;
    t->slen = (size_t)m;
    t->sflag = fstr ? 1 : bytes ? 2 : 0;
    return 0;
}

int bt_lex_next(bt_lexer *lx, bt_token *t)
{
    if (lx->failed) {
        set_tok(lx, t, BT_TK_LEXERR, lx->pos, lx->pos);
        return -1;
    }
again:
    if (lx->pending > 0) {
        lx->pending = 0;
        set_tok(lx, t, BT_TK_INDENT, lx->pos, lx->pos);
        t->col = lx->pend_col;
        lx->emitted_newline = 0;
        return 0;
    }
    if (lx->pending < 0) {
        lx->pending++;
        set_tok(lx, t, BT_TK_DEDENT, lx->pos, lx->pos);
        t->line = lx->pend_line;
        t->col = lx->pend_col;
        return 0;
    }
    if (lx->at_bol && lx->level == 0) {
        int col = 0, alt = 0;
        size_t p = lx->pos;
        for (;;) {
            int c = ch(lx, p);
            if (c == ' ') { col++; alt++; }
            else if (c == '\t') { col = (col / 8 + 1) * 8; alt++; }
            else if (c == '\f') { col = alt = 0; }
            else break;
            p++;
        }
        int c = ch(lx, p);
        if (c == '#' || c == '\n' || c == '\\' || c < 0) {
            if (c == '#') {
                while (ch(lx, p) >= 0 && ch(lx, p) != '\n') p++;
                c = ch(lx, p);
            }
            if (c == '\n') {
                newline_at(lx, p);
                lx->pos = p + 1;
                goto again;
            }
            if (c < 0) {
                lx->pos = p;
                goto at_eof;
            }
            /* a backslash at the start of a line: the line is not blank */
        }
        lx->at_bol = 0;
        int top = lx->indstack[lx->n_ind], alttop = lx->altstack[lx->n_ind];
        lx->pos = p;
        if (col == top) {
            if (alt != alttop)
                return fail_at(lx, "TabError", lx->line, 1, "inconsistent use of tabs and spaces in indentation");
        } else if (col > top) {
            if (lx->n_ind + 1 >= BT_LEX_MAXINDENT)
                return fail_at(lx, "IndentationError", lx->line, 1, "too many levels of indentation");
            if (alt <= alttop)
                return fail_at(lx, "TabError", lx->line, 1, "inconsistent use of tabs and spaces in indentation");
            lx->n_ind++;
            lx->indstack[lx->n_ind] = col;
            lx->altstack[lx->n_ind] = alt;
            lx->pending = 1;
            lx->pend_col = colchars(lx, p);
        } else {
            int dedents = 0;
            while (lx->n_ind > 0 && col < lx->indstack[lx->n_ind]) {
                lx->n_ind--;
                dedents++;
            }
            if (col != lx->indstack[lx->n_ind]) {
                size_t e = p;
                while (ch(lx, e) >= 0 && ch(lx, e) != '\n') e++;
                return fail_at(lx, "IndentationError", lx->line, colchars(lx, e) + 1,
                               "unindent does not match any outer indentation level");
            }
            if (alt != lx->altstack[lx->n_ind])
                return fail_at(lx, "TabError", lx->line, 1, "inconsistent use of tabs and spaces in indentation");
            lx->pending = -dedents;
            lx->pend_line = lx->line;
            lx->pend_col = colchars(lx, p);
        }
        goto again;
    }
    /* skip whitespace and comments */
    for (;;) {
        int c = ch(lx, lx->pos);
        if (c == ' ' || c == '\t' || c == '\f') { lx->pos++; continue; }
        if (c == '#') {
            while (ch(lx, lx->pos) >= 0 && ch(lx, lx->pos) != '\n') lx->pos++;
            continue;
        }
        if (c == '\\') {
            int d = ch(lx, lx->pos + 1);
            if (d == '\n') {
                if (lx->pos + 2 >= lx->len)
                    return fail_at(lx, "SyntaxError", lx->line, colchars(lx, lx->pos) + 2, "unexpected EOF while parsing");
                newline_at(lx, lx->pos + 1);
                lx->pos += 2;
                continue;
            }
            if (d < 0)
                return fail_at(lx, "SyntaxError", lx->line, colchars(lx, lx->pos) + 2, "unexpected EOF while parsing");
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, lx->pos) + 2,
                           "unexpected character after line continuation character");
        }
        break;
    }
    size_t s = lx->pos;
    int c = ch(lx, s);
    if (c < 0)
        goto at_eof;
    if (c == '\n') {
        if (lx->level > 0) {
            newline_at(lx, s);
            lx->pos = s + 1;
            goto again;
        }
        set_tok(lx, t, BT_TK_NEWLINE, s, s + 1);
        t->end_col = t->col + 1;
        newline_at(lx, s);
        lx->pos = s + 1;
        lx->at_bol = 1;
        lx->emitted_newline = 1;
        return 0;
    }
    lx->emitted_newline = 0;
    if (is_id_start(c)) {
        size_t i = s;
        for (;;) {
            int d = ch(lx, i);
            if (d < 0 || !is_id_char(d))
                break;
            if (d >= 0x80) {
                uint32_t cp;
                int n = utf8_decode(lx, i, &cp);
                int bad = bad_ident_cp(cp);
                if (bad == 1)
                    return fail_at(lx, "SyntaxError", lx->line, colchars(lx, i) + 1, "invalid non-printable character U+%04X",
                                   (unsigned)cp);
                if (bad == 2)
                    return fail_at(lx, "SyntaxError", lx->line, colchars(lx, i) + 1, "invalid character '%.*s' (U+%04X)", n,
                                   lx->src + i, (unsigned)cp);
                i += (size_t)n;
            } else {
                i++;
            }
        }
        /* a string prefix? */
        int q = ch(lx, i);
        if ((q == '"' || q == '\'') && i - s <= 2) {
            int r = 0, b = 0, u = 0, f = 0, ok = 1;
            for (size_t k = s; k < i; k++) {
                int d = lx->src[k] | 0x20;
                if (d == 'r' && !r) r = 1;
                else if (d == 'b' && !b) b = 1;
                else if (d == 'u' && !u) u = 1;
                else if (d == 'f' && !f) f = 1;
                else ok = 0;
            }
            if (u && (r || b || f)) ok = 0;
            if (b && f) ok = 0;
            if (ok)
                return lex_string(lx, s, i, t);
        }
        set_tok(lx, t, BT_TK_NAME, s, i);
        char *name = lx_alloc(lx, i - s + 1);
        if (!name)
            return -2;
        memcpy(name, lx->src + s, i - s);
        name[i - s] = '\0';
        t->op = name;
        lx->pos = i;
        return 0;
    }
    if (is_digit(c) || (c == '.' && is_digit(ch(lx, s + 1))))
        return lex_number(lx, s, t);
    if (c == '"' || c == '\'')
        return lex_string(lx, s, s, t);
    /* operators */
    const char *op = NULL;
    size_t n = 0;
    for (int k = 0; OPS3[k] && !op; k++)
        if (s + 3 <= lx->len && memcmp(lx->src + s, OPS3[k], 3) == 0) { op = OPS3[k]; n = 3; }
    for (int k = 0; OPS2[k] && !op; k++)
        if (s + 2 <= lx->len && memcmp(lx->src + s, OPS2[k], 2) == 0) { op = OPS2[k]; n = 2; }
    for (int k = 0; OPS1[k] && !op; k++)
        if (lx->src[s] == OPS1[k][0]) { op = OPS1[k]; n = 1; }
    if (!op) {
        /* a character no token starts with */
        uint32_t cp;
        int len = utf8_decode(lx, s, &cp);
        if (cp >= 0x80) {
            int bad = bad_ident_cp(cp);
            if (bad == 1)
                return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1, "invalid non-printable character U+%04X", (unsigned)cp);
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1, "invalid character '%.*s' (U+%04X)", len, lx->src + s,
                           (unsigned)cp);
        }
        if (cp < 0x20 || cp == 0x7F)
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1, "invalid non-printable character U+%04X", (unsigned)cp);
        set_tok(lx, t, BT_TK_ERRTOK, s, s + (size_t)len);
        lx->pos = s + (size_t)len;
        return 0;
    }
    if (n == 1 && (c == '(' || c == '[' || c == '{')) {
        if (lx->level >= BT_LEX_MAXLEVEL)
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1, "too many nested parentheses");
        lx->parenstack[lx->level] = (char)c;
        lx->parenline[lx->level] = lx->line;
        lx->parencol[lx->level] = colchars(lx, s) + 1;
        lx->level++;
    } else if (n == 1 && (c == ')' || c == ']' || c == '}')) {
        if (lx->level == 0)
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1, "unmatched '%c'", c);
        int o = lx->parenstack[lx->level - 1];
        if (!((o == '(' && c == ')') || (o == '[' && c == ']') || (o == '{' && c == '}'))) {
            if (lx->parenline[lx->level - 1] != lx->line)
                return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1,
                               "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, o,
                               lx->parenline[lx->level - 1]);
            return fail_at(lx, "SyntaxError", lx->line, colchars(lx, s) + 1,
                           "closing parenthesis '%c' does not match opening parenthesis '%c'", c, o);
        }
        lx->level--;
    }
    set_tok(lx, t, BT_TK_OP, s, s + n);
    t->op = op;
    lx->pos = s + n;
    return 0;

at_eof:
    if (lx->level > 0) {
        set_tok(lx, t, BT_TK_EOFPAREN, lx->len, lx->len);
        t->line = lx->eof_line;
        t->col = lx->eof_col;
        return 0;
    }
    if (!lx->emitted_newline) {
        lx->emitted_newline = 1;
        set_tok(lx, t, BT_TK_NEWLINE, lx->len, lx->len);
        lx->at_bol = 1;
        return 0;
    }
    if (lx->n_ind > 0) {
        lx->n_ind--;
        set_tok(lx, t, BT_TK_DEDENT, lx->len, lx->len);
        t->line = lx->eof_line;
        t->col = lx->eof_col;
        return 0;
    }
    set_tok(lx, t, BT_TK_END, lx->len, lx->len);
    t->line = lx->eof_line;
    t->col = lx->eof_col;
    lx->done = 1;
    return 0;
}
