/* A yardstick for per-bar statistics: the least work a loop over bars and
 * combinations of an SMA crossover must do when it tracks the equity curve,
 * measured on this machine.
 *
 * Combinations are (fast, slow) window pairs; the SMAs of each window are
 * computed once, time-major (bar x window), from a prefix sum. Lanes are
 * consecutive slow windows of one fast window; bars run in tiles, and every
 * fast window sweeps a tile of the lanes' slow columns while it is in cache. Per bar and lane: compare the two SMAs, the
 * position (+1/-1), the log-equity step (minus a fee on a flip), its running
 * peak and the deepest drawdown, the sum and sum of squares of the bar
 * returns, and the number of flips. No order model, no exactness: only the
 * arithmetic and memory traffic a per-bar statistic cannot avoid.
 *
 *   cc -O3 -march=native -fopenmp -fno-trapping-math -o roofline bench/roofline.c -lm
 *   ./roofline [BARS FAST SLOW TILE]      (defaults 200000 46 192 2048)
 *
 * Prints "roofline: BARS bars, C combinations, S s, R bar*combos/s". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define LANES 16

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    const long n = argc > 1 ? atol(argv[1]) : 200000;
    const int nf = argc > 2 ? atoi(argv[2]) : 46;
    int ns = argc > 3 ? atoi(argv[3]) : 192;
    const long tile = argc > 4 ? atol(argv[4]) : 2048;
    if (n < 2 || nf < 1 || ns < 1 || tile < 1) {
        fprintf(stderr, "usage: roofline [BARS FAST SLOW TILE] (positive integers)\n");
        return 2;
    }
    ns = (ns + LANES - 1) / LANES * LANES;
    const int f_min = 5, s_min = 20;
    double *close = malloc(sizeof(double) * (size_t)n), *cum = malloc(sizeof(double) * (size_t)(n + 1));
    double *fast = malloc(sizeof(double) * (size_t)n * (size_t)nf), *slow = malloc(sizeof(double) * (size_t)n * (size_t)ns);
    double *logret = malloc(sizeof(double) * (size_t)n), *ret = malloc(sizeof(double) * (size_t)n);
    double *result = calloc((size_t)nf * (size_t)ns * 3, sizeof(double));
    if (!close || !cum || !fast || !slow || !logret || !ret || !result) {
        fprintf(stderr, "roofline: out of memory\n");
        return 1;
    }
    /* a random walk of closes (xorshift64) */
    unsigned long long r = 0x2545F4914F6CDD1DULL;
    close[0] = 100;
    for (long t = 1; t < n; t++) {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        close[t] = close[t - 1] * (1 + 0.002 * ((double)(r >> 11) / 9007199254740992.0 - 0.5));
    }
    cum[0] = 0;
    for (long t = 0; t < n; t++)
        cum[t + 1] = cum[t] + close[t];
    for (long t = 0; t < n; t++) {
        for (int k = 0; k < nf; k++) {
            long w = f_min + k;
            fast[t * nf + k] = t + 1 >= w ? (cum[t + 1] - cum[t + 1 - w]) / (double)w : NAN;
        }
        for (int k = 0; k < ns; k++) {
            long w = s_min + k;
            slow[t * ns + k] = t + 1 >= w ? (cum[t + 1] - cum[t + 1 - w]) / (double)w : NAN;
        }
        logret[t] = t ? log(close[t] / close[t - 1]) : 0;
        ret[t] = t ? close[t] / close[t - 1] - 1 : 0;
    }
    const double fee = log(1 - 0.001);
    const int groups = ns / LANES;
    const double t0 = seconds();
#pragma omp parallel for schedule(dynamic)
    for (int g = 0; g < groups; g++) {
        /* the state of every fast window's LANES lanes: pos, log equity, peak, drawdown, sums, flips */
        double *st = calloc((size_t)nf * 7 * LANES, sizeof *st);
        if (!st)
            continue;
        for (long a = 0; a < n; a += tile) { /* a tile of the slow table's slice, swept by every fast window */
            const long b = a + tile < n ? a + tile : n;
            for (int f = 0; f < nf; f++) {
                double *pos = st + (size_t)f * 7 * LANES, *leq = pos + LANES, *peak = leq + LANES, *dd = peak + LANES;
                double *sum = dd + LANES, *sq = sum + LANES, *flips = sq + LANES;
                for (long t = a; t < b; t++) {
                    const double fv = fast[t * nf + f], lr = logret[t], rt = ret[t];
                    const double *sv = slow + t * ns + g * LANES;
#pragma omp simd
                    for (int l = 0; l < LANES; l++) {
                        double want = fv > sv[l] ? 1.0 : fv < sv[l] ? -1.0 : pos[l];
                        double flip = want != pos[l] ? 1.0 : 0.0;
                        double step = pos[l] * lr + flip * fee;
                        leq[l] += step;
                        peak[l] = leq[l] > peak[l] ? leq[l] : peak[l];
                        double down = peak[l] - leq[l];
                        dd[l] = down > dd[l] ? down : dd[l];
                        double br = pos[l] * rt;
                        sum[l] += br;
                        sq[l] += br * br;
                        flips[l] += flip;
                        pos[l] = want;
                    }
                }
            }
        }
        for (int f = 0; f < nf; f++)
            for (int l = 0; l < LANES; l++) {
                const double *x = st + (size_t)f * 7 * LANES;
                double *o = result + ((size_t)f * (size_t)ns + (size_t)(g * LANES + l)) * 3;
                o[0] = x[LANES + l] - x[3 * LANES + l];
                o[1] = x[4 * LANES + l] / sqrt(x[5 * LANES + l] + 1e-300);
                o[2] = x[6 * LANES + l];
            }
        free(st);
    }
    const double secs = seconds() - t0;
    double check = 0;
    for (size_t k = 0; k < (size_t)nf * (size_t)ns * 3; k++)
        check += result[k];
    const double combos = (double)nf * (double)ns;
    printf("roofline: %ld bars, %.0f combinations, %.3f s, %.3g bar*combos/s (checksum %.6g)\n", n, combos, secs,
           (double)n * combos / secs, check);
    free(close);
    free(cum);
    free(fast);
    free(slow);
    free(logret);
    free(ret);
    free(result);
    return 0;
}
