// Accuracy and speed of the candidate vector math libraries for numnode's
// transcendental kernels, on this machine: glibc's scalar libm (what NumPy calls
// for float64 here), SLEEF 3.5's u10 AVX2 functions and glibc's libmvec AVX2
// functions. Built and run by scripts/vecmath-probe.py, which feeds it inputs and
// mpmath references (scripts/gen-elementwise-accuracy.py) in a small binary format:
//   per record: int32 op, int32 is_float32, int32 nin, int32 n, then n doubles x,
//   (n doubles y when nin == 2), n doubles hi, n doubles lo.
// Prints one line per (function, dtype, library): worst and mean ulp error against
// the reference, and single-thread nanoseconds per element over 2^20 elements.
#include <immintrin.h>
#include <sleef.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

extern "C" {
#define MVEC_D1(n) __m256d _ZGVdN4v_##n(__m256d);
#define MVEC_F1(n) __m256 _ZGVdN8v_##n##f(__m256);
#define MVEC_D2(n) __m256d _ZGVdN4vv_##n(__m256d, __m256d);
#define MVEC_F2(n) __m256 _ZGVdN8vv_##n##f(__m256, __m256);
MVEC_D1(exp) MVEC_D1(exp2) MVEC_D1(expm1) MVEC_D1(log) MVEC_D1(log2) MVEC_D1(log10) MVEC_D1(log1p)
MVEC_D1(sin) MVEC_D1(cos) MVEC_D1(tan) MVEC_D1(asin) MVEC_D1(acos) MVEC_D1(atan) MVEC_D1(sinh)
MVEC_D1(cosh) MVEC_D1(tanh) MVEC_D1(cbrt) MVEC_D2(atan2) MVEC_D2(hypot) MVEC_D2(pow)
MVEC_F1(exp) MVEC_F1(exp2) MVEC_F1(expm1) MVEC_F1(log) MVEC_F1(log2) MVEC_F1(log10) MVEC_F1(log1p)
MVEC_F1(sin) MVEC_F1(cos) MVEC_F1(tan) MVEC_F1(asin) MVEC_F1(acos) MVEC_F1(atan) MVEC_F1(sinh)
MVEC_F1(cosh) MVEC_F1(tanh) MVEC_F1(cbrt) MVEC_F2(atan2) MVEC_F2(hypot) MVEC_F2(pow)
}

namespace {

// sleef.h declares its functions as returning const vectors.
using D1 = __m256d (*)(__m256d);
using F1 = __m256 (*)(__m256);
using D2 = __m256d (*)(__m256d, __m256d);
using F2 = __m256 (*)(__m256, __m256);
using SD1 = decltype(&Sleef_expd4_u10avx2);
using SF1 = decltype(&Sleef_expf8_u10avx2);
using SD2 = decltype(&Sleef_atan2d4_u10avx2);
using SF2 = decltype(&Sleef_atan2f8_u10avx2);

struct Fn {
  const char* name;
  double (*libm_d1)(double);
  float (*libm_f1)(float);
  double (*libm_d2)(double, double);
  float (*libm_f2)(float, float);
  SD1 sleef_d1;
  SF1 sleef_f1;
  SD2 sleef_d2;
  SF2 sleef_f2;
  D1 mvec_d1;
  F1 mvec_f1;
  D2 mvec_d2;
  F2 mvec_f2;
};

#define U1(op, c, s) {op, ::c, ::c##f, nullptr, nullptr, Sleef_##s##d4_u10avx2, Sleef_##s##f8_u10avx2, nullptr, nullptr, \
                      _ZGVdN4v_##c, _ZGVdN8v_##c##f, nullptr, nullptr}
#define U2(op, c, s, u) {op, nullptr, nullptr, ::c, ::c##f, nullptr, nullptr, Sleef_##s##d4_##u##avx2, Sleef_##s##f8_##u##avx2, \
                         nullptr, nullptr, _ZGVdN4vv_##c, _ZGVdN8vv_##c##f}

// The order of scripts/gen-elementwise-accuracy.py's FUNCS.
const Fn kFns[] = {
    U1("exp", exp, exp), U1("exp2", exp2, exp2), U1("expm1", expm1, expm1), U1("log", log, log),
    U1("log2", log2, log2), U1("log10", log10, log10), U1("log1p", log1p, log1p), U1("sin", sin, sin),
    U1("cos", cos, cos), U1("tan", tan, tan), U1("arcsin", asin, asin), U1("arccos", acos, acos),
    U1("arctan", atan, atan), U1("sinh", sinh, sinh), U1("cosh", cosh, cosh), U1("tanh", tanh, tanh),
    U1("cbrt", cbrt, cbrt), U2("arctan2", atan2, atan2, u10), U2("hypot", hypot, hypot, u05),
    U2("power", pow, pow, u10),
};

double ulp_error(double y, double hi, double lo, bool f32) {
  if (std::isnan(y)) return INFINITY;
  const int e = std::ilogb(hi);
  const double ulp = std::ldexp(1.0, e - (f32 ? 23 : 52));
  return std::fabs(((y - hi) - lo) / ulp);
}

enum Lib { kLibm, kSleef, kMvec };
const char* kLibName[] = {"glibc libm (scalar)", "SLEEF 3.5 u10 avx2", "glibc libmvec avx2"};

// out[i] = f(x[i] (, y[i])) with library `lib`, n a multiple of 8 (float64).
void compute_d(const Fn& f, Lib lib, int nin, const double* x, const double* y, double* out, int64_t n) {
  if (lib == kLibm) {
    for (int64_t i = 0; i < n; ++i) out[i] = nin == 1 ? f.libm_d1(x[i]) : f.libm_d2(x[i], y[i]);
    return;
  }
  for (int64_t i = 0; i < n; i += 4) {
    const __m256d a = _mm256_loadu_pd(x + i);
    __m256d r;
    if (nin == 1) r = lib == kSleef ? f.sleef_d1(a) : f.mvec_d1(a);
    else r = lib == kSleef ? f.sleef_d2(a, _mm256_loadu_pd(y + i)) : f.mvec_d2(a, _mm256_loadu_pd(y + i));
    _mm256_storeu_pd(out + i, r);
  }
}

// The same in float32.
void compute_f(const Fn& f, Lib lib, int nin, const float* x, const float* y, float* out, int64_t n) {
  if (lib == kLibm) {
    for (int64_t i = 0; i < n; ++i) out[i] = nin == 1 ? f.libm_f1(x[i]) : f.libm_f2(x[i], y[i]);
    return;
  }
  for (int64_t i = 0; i < n; i += 8) {
    const __m256 a = _mm256_loadu_ps(x + i);
    __m256 r;
    if (nin == 1) r = lib == kSleef ? f.sleef_f1(a) : f.mvec_f1(a);
    else r = lib == kSleef ? f.sleef_f2(a, _mm256_loadu_ps(y + i)) : f.mvec_f2(a, _mm256_loadu_ps(y + i));
    _mm256_storeu_ps(out + i, r);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: vecmath-probe <records.bin>\n");
    return 2;
  }
  FILE* fp = std::fopen(argv[1], "rb");
  if (fp == nullptr) return 2;
  std::printf("%-8s %-8s %-22s %10s %10s %10s\n", "func", "dtype", "library", "max ulp", "mean ulp", "ns/elem");
  int32_t hdr[4];
  while (std::fread(hdr, sizeof hdr, 1, fp) == 1) {
    const int op = hdr[0], nin = hdr[2];
    const bool f32 = hdr[1] != 0;
    const int64_t n = hdr[3];
    std::vector<double> x(n), y(n), hi(n), lo(n);
    if (std::fread(x.data(), 8, n, fp) != static_cast<size_t>(n)) return 3;
    if (nin == 2 && std::fread(y.data(), 8, n, fp) != static_cast<size_t>(n)) return 3;
    if (std::fread(hi.data(), 8, n, fp) != static_cast<size_t>(n) || std::fread(lo.data(), 8, n, fp) != static_cast<size_t>(n))
      return 3;
    const Fn& f = kFns[op];
    // Pad to a multiple of 8 by repeating the first input (results not counted).
    const int64_t m = (n + 7) / 8 * 8;
    std::vector<double> px(m), py(m), out(m);
    for (int64_t i = 0; i < m; ++i) {
      px[i] = x[i < n ? i : 0];
      py[i] = y[i < n ? i : 0];
    }
    // Timing input: the inputs tiled to 2^20 elements.
    const int64_t T = int64_t{1} << 20;
    std::vector<double> tx(T), ty(T), tout(T);
    for (int64_t i = 0; i < T; ++i) {
      tx[i] = x[i % n];
      ty[i] = y[i % n];
    }
    std::vector<float> fpx(m), fpy(m), fout(m), ftx(T), fty(T), ftout(T);
    for (int64_t i = 0; i < m; ++i) {
      fpx[i] = static_cast<float>(px[i]);
      fpy[i] = static_cast<float>(py[i]);
    }
    for (int64_t i = 0; i < T; ++i) {
      ftx[i] = static_cast<float>(tx[i]);
      fty[i] = static_cast<float>(ty[i]);
    }
    for (Lib lib : {kLibm, kSleef, kMvec}) {
      if (f32) {
        compute_f(f, lib, nin, fpx.data(), fpy.data(), fout.data(), m);
        for (int64_t i = 0; i < m; ++i) out[i] = fout[i];
      } else {
        compute_d(f, lib, nin, px.data(), py.data(), out.data(), m);
      }
      double worst = 0, sum = 0;
      for (int64_t i = 0; i < n; ++i) {
        const double e = ulp_error(out[i], hi[i], lo[i], f32);
        worst = e > worst ? e : worst;
        sum += e;
      }
      double best = 1e30;
      for (int rep = 0; rep < 5; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        if (f32) compute_f(f, lib, nin, ftx.data(), fty.data(), ftout.data(), T);
        else compute_d(f, lib, nin, tx.data(), ty.data(), tout.data(), T);
        const double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = dt < best ? dt : best;
      }
      std::printf("%-8s %-8s %-22s %10.3f %10.4f %10.2f\n", f.name, f32 ? "float32" : "float64", kLibName[lib], worst,
                  sum / static_cast<double>(n), best / static_cast<double>(T) * 1e9);
    }
    std::fflush(stdout);
  }
  return 0;
}
