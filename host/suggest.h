/* suggest.h - "did you mean ...?" for names users mistype. */
#ifndef BT_SUGGEST_H
#define BT_SUGGEST_H

#include <stddef.h>

/* The candidate closest to word, or NULL when none is close: compared with
 * case, spaces and punctuation ignored ('SmaCross' ~ 'sma_cross'), a word
 * that starts a candidate ('Sharpe' ~ 'Sharpe Ratio'), then by edit distance
 * (insertions, deletions, substitutions, swaps of neighbours) of at most a
 * third of the word's length. Ties go to the first candidate. */
const char *bt_suggest(const char *word, const char *const *cands, size_t n);

/* " (did you mean 'X'?)" into buf when bt_suggest finds X, else "" */
const char *bt_suggest_hint(const char *word, const char *const *cands, size_t n, char *buf, size_t cap);

#endif
