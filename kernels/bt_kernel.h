/*
 * bt_kernel.h - the portability shim that lets the per-combination code of
 * kernels/ compile unchanged as C11 (the CPU backend, the reference's
 * accumulators), as OpenCL C (the OpenCL backend) and as CUDA C++ (the CUDA
 * backend).
 *
 *   BT_GLOBAL   address space of the arrays the lanes live in: __global in
 *               OpenCL C, nothing in C
 *   BT_INLINE   a small function defined in a header
 *   BT_HOST     defined when compiling host C, where host-only helpers are
 *               available (not for OpenCL C or CUDA)
 *
 * Floating point: double everywhere, no contraction of a*b+c into an FMA
 * (the C build uses -ffp-contract=off; OpenCL gets the pragma below and is
 * built without -cl-mad-enable or -cl-fast-relaxed-math), so every backend
 * performs the same IEEE operations in the same order and gets the same bits.
 * Explicit fma() calls are exact on both (OpenCL requires a correctly
 * rounded fma for double).
 */
#ifndef BT_KERNEL_H
#define BT_KERNEL_H

#if defined(__OPENCL_C_VERSION__)
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL FP_CONTRACT OFF
#define BT_GLOBAL __global
#define BT_INLINE static inline
#elif defined(__CUDACC__)
/* CUDA C++ (nvcc, built with -fmad=false: no contraction into FMA) */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#define BT_GLOBAL
#define BT_INLINE static __host__ __device__ inline
#else
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#define BT_GLOBAL
#define BT_INLINE static inline
#define BT_HOST 1
#endif

#endif /* BT_KERNEL_H */
