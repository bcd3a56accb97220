// Issue 5 evidence harness: Debian's OpenBLAS 0.3.21 (the OpenMP build numnode links)
// against the OpenBLAS 0.3.31 that NumPy bundles (scipy-openblas, ILP64 with prefixed
// symbols), on the bench's shapes: sgemm 2048^2, dsyrk 1500x100 (L @ L.T), and the two
// dgemms of the einsum chain (400x500 @ 500x30, 600x400 @ 400x30). One library per
// process (a second library's spinning pool would slow the first), medians.
//   gcc -O2 -o /tmp/blas-compare scripts/la-blas-compare.c -ldl
//   GOMP_SPINCOUNT=3000 /tmp/blas-compare REPS 0 THREADS   # Debian 0.3.21
//   /tmp/blas-compare REPS 1 THREADS                        # NumPy's 0.3.31
// The NumPy library path below is this machine's (python3 -c "import numpy, os;
// print(os.path.dirname(numpy.__file__))" + '.libs'); adjust it elsewhere.
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
typedef void (*sgemm_t)(int, int, int, long, long, long, float, const float*, long, const float*, long, float, float*, long);
typedef void (*sgemm32_t)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);
typedef void (*dsyrk_t)(int, int, int, long, long, double, const double*, long, double, double*, long);
typedef void (*dsyrk32_t)(int, int, int, int, int, double, const double*, int, double, double*, int);
typedef void (*dgemm_t)(int, int, int, long, long, long, double, const double*, long, const double*, long, double, double*, long);
typedef void (*dgemm32_t)(int, int, int, int, int, int, double, const double*, int, const double*, int, double, double*, int);
typedef void (*setnt_t)(int);
typedef char* (*cfg_t)(void);
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e6 + t.tv_nsec / 1e3; }
static int cmp(const void* a, const void* b) { double x = *(double*)a, y = *(double*)b; return x < y ? -1 : x > y; }
int main(int argc, char** argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 15; int which = argc > 2 ? atoi(argv[2]) : 0; int nth = argc > 3 ? atoi(argv[3]) : 2; /* 0 debian, 1 numpy: one library per process, so that one pool's spinning workers cannot slow the other */
  void* deb = which ? NULL : dlopen("/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
  void* npy = !which ? NULL : dlopen("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/numpy.libs/libscipy_openblas64_-32a4b2a6.so", RTLD_NOW | RTLD_LOCAL);
  if (!deb && !npy) { printf("dlopen: %s\n", dlerror()); return 1; }
#define SYM(h, n) (h ? dlsym(h, n) : NULL)
  sgemm32_t dsg = (sgemm32_t)SYM(deb, "cblas_sgemm");
  sgemm_t nsg = (sgemm_t)SYM(npy, "scipy_cblas_sgemm64_");
  dsyrk32_t dsy = (dsyrk32_t)SYM(deb, "cblas_dsyrk");
  dsyrk_t nsy = (dsyrk_t)SYM(npy, "scipy_cblas_dsyrk64_");
  if (deb) { ((setnt_t)SYM(deb, "openblas_set_num_threads"))(nth); printf("%s\n", ((cfg_t)SYM(deb, "openblas_get_config"))()); }
  if (npy) { ((setnt_t)SYM(npy, "scipy_openblas_set_num_threads64_"))(nth); printf("%s\n", ((cfg_t)SYM(npy, "scipy_openblas_get_config64_"))()); }
  const int n = 2048;
  float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
  for (long i = 0; i < (long)n * n; i++) { a[i] = (float)((i * 7) % 9 - 4); b[i] = (float)((i * 5) % 9 - 4); }
  double td[64], tn[64];
  for (int r = -2; r < reps; r++) {
    double t0 = now(); if (!which) dsg(101, 111, 111, n, n, n, 1.f, a, n, b, n, 0.f, c, n); double t1 = now();
    if (which) nsg(101, 111, 111, n, n, n, 1.f, a, n, b, n, 0.f, c, n);
    double t2 = now();
    if (r >= 0) { td[r] = t1 - t0; tn[r] = t2 - t1; }
  }
  qsort(td, reps, 8, cmp); qsort(tn, reps, 8, cmp);
  double tm = which ? tn[reps / 2] : td[reps / 2]; printf("%s sgemm 2048^2: %.2f ms (%.0f GFLOP/s)\n", which ? "numpy 0.3.31" : "debian 0.3.21", tm / 1e3, 2.0 * n * n * n / tm / 1e3);
  const int m = 1500, k = 100;
  double *L = malloc(8 * m * k), *C = malloc(8L * m * m);
  for (long i = 0; i < (long)m * k; i++) L[i] = (double)((i * 7) % 9 - 4);
  int R = 100; double sd[100], sn[100];
  for (int r = -5; r < R; r++) {
    double t0 = now(); if (!which) dsy(101, 121, 111, m, k, 1.0, L, k, 0.0, C, m); double t1 = now();
    if (which) nsy(101, 121, 111, m, k, 1.0, L, k, 0.0, C, m);
    double t2 = now();
    if (r >= 0) { sd[r] = t1 - t0; sn[r] = t2 - t1; }
  }
  qsort(sd, R, 8, cmp); qsort(sn, R, 8, cmp);
  printf("dsyrk 1500x100 (upper): %.0f us\n", which ? sn[R / 2] : sd[R / 2]);
  dgemm32_t ddg = (dgemm32_t)SYM(deb, "cblas_dgemm");
  dgemm_t ndg = (dgemm_t)SYM(npy, "scipy_cblas_dgemm64_");
  double *A = malloc(8 * 600 * 400), *B = malloc(8 * 400 * 500), *Cm = malloc(8 * 500 * 30), *T = malloc(8 * 400 * 30), *O = malloc(8 * 600 * 30);
  for (int i = 0; i < 600 * 400; i++) A[i] = i % 9 - 4;
  for (int i = 0; i < 400 * 500; i++) B[i] = i % 7 - 3;
  for (int i = 0; i < 500 * 30; i++) Cm[i] = i % 5 - 2;
  double g1[400], g2[400]; R = 400;
  for (int r = -20; r < R; r++) {
    double t0 = now();
    if (!which) ddg(101, 111, 111, 400, 30, 500, 1.0, B, 500, Cm, 30, 0.0, T, 30); else ndg(101, 111, 111, 400, 30, 500, 1.0, B, 500, Cm, 30, 0.0, T, 30);
    double t1 = now();
    if (!which) ddg(101, 111, 111, 600, 30, 400, 1.0, A, 400, T, 30, 0.0, O, 30); else ndg(101, 111, 111, 600, 30, 400, 1.0, A, 400, T, 30, 0.0, O, 30);
    double t2 = now();
    if (r >= 0) { g1[r] = t1 - t0; g2[r] = t2 - t1; }
  }
  qsort(g1, R, 8, cmp); qsort(g2, R, 8, cmp);
  printf("dgemm 400x500@500x30 %.0f us, 600x400@400x30 %.0f us\n", g1[R / 2], g2[R / 2]);
  return 0;
}
