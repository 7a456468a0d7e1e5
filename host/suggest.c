/* "did you mean ...?": the closest of a few names (suggest.h). */
#include "suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define SG_MAX 64 /* longer words are compared on their first SG_MAX characters */

static size_t normalize(const char *s, char *out)
{
    size_t n = 0;
    for (; *s && n < SG_MAX; s++)
        if (isalnum((unsigned char)*s))
            out[n++] = (char)tolower((unsigned char)*s);
    out[n] = '\0';
    return n;
}

/* optimal string alignment distance */
static size_t distance(const char *a, size_t na, const char *b, size_t nb)
{
    static const size_t W = SG_MAX + 1;
    size_t d[(SG_MAX + 1) * (SG_MAX + 1)];
    for (size_t i = 0; i <= na; i++)
        d[i * W] = i;
    for (size_t j = 0; j <= nb; j++)
        d[j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = d[(i - 1) * W + j] + 1;
            if (d[i * W + j - 1] + 1 < v)
                v = d[i * W + j - 1] + 1;
            if (d[(i - 1) * W + j - 1] + cost < v)
                v = d[(i - 1) * W + j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[(i - 2) * W + j - 2] + 1 < v)
                v = d[(i - 2) * W + j - 2] + 1;
            d[i * W + j] = v;
        }
    return d[na * W + nb];
}

const char *bt_suggest(const char *word, const char *const *cands, size_t n)
{
    char w[SG_MAX + 1], c[SG_MAX + 1];
    size_t nw = normalize(word ? word : "", w);
    if (nw == 0)
        return NULL;
    const char *best = NULL;
    size_t best_d = (size_t)-1, limit = nw / 3; /* 0 for one or two letters: no guess */
    for (size_t k = 0; k < n; k++) {
        if (!cands[k])
            continue;
        size_t nc = normalize(cands[k], c), d;
        if (nc == nw && memcmp(w, c, nw) == 0)
            d = 0;
        else if (nw >= 3 && nc > nw && memcmp(w, c, nw) == 0)
            d = 1;
        else
            d = distance(w, nw, c, nc) + 1;
        if (d <= limit + 1 && d < best_d) {
            best_d = d;
            best = cands[k];
        }
    }
    return best;
}

const char *bt_suggest_hint(const char *word, const char *const *cands, size_t n, char *buf, size_t cap)
{
    const char *s = bt_suggest(word, cands, n);
    if (cap)
        buf[0] = '\0';
    if (s && cap)
        snprintf(buf, cap, " (did you mean '%s'?)", s);
    return buf;
}
