# numnode's native addon for node-gyp, which prebuildify drives (`npm run prebuild`)
# and scripts/install.mjs falls back to when cmake-js fails. Same sources and
# libraries as CMakeLists.txt (test/native.test.ts checks the source lists), but
# always portable: no -march=native, since a prebuild runs on other machines.
{
  'targets': [
    {
      'target_name': 'numnode',
      'sources': [
        'native/addon.cc',
        'native/binding/args.cc',
        'native/binding/async.cc',
        'native/binding/js_config.cc',
        'native/binding/js_copy.cc',
        'native/binding/js_elementwise.cc',
        'native/binding/mmap.cc',
        'native/binding/js_random.cc',
        'native/binding/js_reduce.cc',
        'native/binding/js_linalg.cc',
        'native/binding/js_sort.cc',
        'native/binding/js_topk.cc',
        'native/kernels/budget.cc',
        'native/kernels/cast.cc',
        'native/kernels/cdist.cc',
        'native/kernels/config.cc',
        'native/kernels/copy.cc',
        'native/kernels/einsum.cc',
        'native/kernels/elementwise.cc',
        'native/kernels/elementwise_avx2.cc',
        'native/kernels/elementwise_avx512.cc',
        'native/kernels/elementwise_base.cc',
        'native/kernels/gemm.cc',
        'native/kernels/memory.cc',
        'native/kernels/parallel.cc',
        'native/kernels/random.cc',
        'native/kernels/reduce.cc',
        'native/kernels/reduce_exact.cc',
        'native/kernels/reduce_pairwise.cc',
        'native/kernels/reduce_scan.cc',
        'native/kernels/sort.cc',
        'native/kernels/sort_gather.cc',
        'native/kernels/topk.cc',
        'native/kernels/tables.cc',
      ],
      'include_dirs': [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        # OpenBLAS's OpenMP build by path, never the alternatives' choice (see CMakeLists.txt)
        '<!(node scripts/system-deps.mjs --print openblas-include)',
      ],
      'defines': [
        'NAPI_VERSION=8',
        'NAPI_CPP_EXCEPTIONS',
        'NODE_ADDON_API_DISABLE_DEPRECATED',
        'NUMNODE_VERSION="<!(node -p \"require(\'./package.json\').version\")"',
        'NUMNODE_BUILD_SYSTEM="node-gyp"',
        'NUMNODE_BUILD_TYPE="Release"',
        'NUMNODE_BUILD_FLAGS="-std=c++17 -O3 -fopenmp -fexceptions -fvisibility=hidden (node-gyp defaults, portable)"',
        'NUMNODE_SANITIZE=0',
        'NUMNODE_NATIVE_ARCH=0',
      ],
      # node's common.gypi builds C++ without exceptions; the binding layer throws
      # Napi::Error (NAPI_CPP_EXCEPTIONS), the kernels never throw.
      'cflags!': ['-fno-exceptions'],
      'cflags_cc!': ['-fno-exceptions', '-std=gnu++17'],
      'cflags_cc': ['-std=c++17', '-O3', '-fopenmp', '-fexceptions', '-fvisibility=hidden'],
      'ldflags': [
        '-fopenmp',
        '-Wl,-rpath,<!(node scripts/system-deps.mjs --print openblas-libdir)',
        '-Wl,--disable-new-dtags',
      ],
      'libraries': [
        '<!(node scripts/system-deps.mjs --print openblas-lib)',
        '-lsleef',
      ],
    },
  ],
}
