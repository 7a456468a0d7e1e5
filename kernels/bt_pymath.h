/* bt_pymath.h - CPython's float arithmetic where it differs from C's, for
 * host and device code alike (see bt_kernel.h). */
#ifndef BT_PYMATH_H
#define BT_PYMATH_H
#include "bt_kernel.h"

/* CPython's float floor division a // b (Objects/floatobject.c), given
 * mod = fmod(a, b) computed exactly by the caller; b != 0:
 *   div = (a - mod) / b, one less when mod and b differ in sign, then
 *   floor(div) rounded up when div - floor(div) > 0.5, or copysign(0, a / b)
 *   when div == 0.
 * e.g. 7.0 // 2.0 = 3.0, -7.0 // 2.0 = -4.0, 1.0 // 0.1 = 9.0 (not
 * floor(1.0 / 0.1) = 10.0), 0.0 // -1.0 = -0.0. */
BT_INLINE double bt_py_floordiv_from_mod(double a, double b, double mod)
{
    double div = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0)))
        div -= 1.0;
    double r;
    if (div != 0) {
        r = floor(div);
        if (div - r > 0.5)
            r += 1.0;
    } else {
        r = copysign(0.0, a / b);
    }
    return r;
}

/* CPython's float modulo a % b given mod = fmod(a, b); b != 0. The result
 * has b's sign. */
BT_INLINE double bt_py_mod_from_mod(double b, double mod)
{
    if (mod != 0)
        return (b < 0) != (mod < 0) ? mod + b : mod;
    return copysign(0.0, b);
}

#endif /* BT_PYMATH_H */
