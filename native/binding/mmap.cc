// JS_mmapFile: maps a whole file and hands it to JavaScript as an external
// ArrayBuffer, for np.load(path, {mmapMode}) (src/io/files.ts). This is the one
// place where the addon owns array memory: the mapping lives until the buffer is
// garbage-collected, and the finalizer unmaps it.
//
// Modes (NumPy's memmap modes):
//   'r'  : MAP_PRIVATE, read + write pages. The NDArray over it is read-only, so
//          numnode never writes; a stray write through a raw view of the buffer
//          lands in a private copy of the page instead of faulting (PROT_READ would
//          crash the process) and never reaches the file.
//   'c'  : copy-on-write: the same mapping, and the array is writable.
//   'r+' : MAP_SHARED: writes go to the file.
// MAP_NORESERVE keeps a large private mapping from being charged against the
// commit limit up front. Hazard: if another process truncates the file while it
// is mapped, touching the lost pages raises SIGBUS; load() checks the size at
// mapping time only.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "args.h"
#include "binding.h"

namespace numnode::binding {

namespace {

void Unmap(Napi::Env /*env*/, void* data, size_t* length) {
  munmap(data, *length);
  delete length;
}

[[noreturn]] void ThrowErrno(Napi::Env env, const std::string& what, const std::string& path, int err) {
  Throw(env, kErrNative, ErrClass::Error, "numnode native mmapFile: " + what + " " + path + ": " + std::strerror(err));
}

}  // namespace

// mmapFile(path: string, mode: 'r' | 'c' | 'r+'): ArrayBuffer over the whole file.
Napi::Value JS_mmapFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ExpectArgs(info, 2, "mmapFile");
  if (!info[0].IsString()) Throw(env, kErrArg, ErrClass::TypeError, "numnode native mmapFile: path must be a string");
  if (!info[1].IsString()) Throw(env, kErrArg, ErrClass::TypeError, "numnode native mmapFile: mode must be a string");
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  const std::string mode = info[1].As<Napi::String>().Utf8Value();
  if (path.find('\0') != std::string::npos) Throw(env, kErrArg, ErrClass::TypeError, "numnode native mmapFile: path contains a NUL byte");
  const bool shared = mode == "r+";
  if (!shared && mode != "r" && mode != "c") {
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native mmapFile: mode must be 'r', 'c' or 'r+', got '" + mode + "'");
  }

  const int fd = open(path.c_str(), (shared ? O_RDWR : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) ThrowErrno(env, "cannot open", path, errno);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    ThrowErrno(env, "cannot stat", path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    Throw(env, kErrArg, ErrClass::RangeError, "numnode native mmapFile: " + path + " is not a regular file");
  }
  const size_t length = static_cast<size_t>(st.st_size);
  if (length == 0) {
    close(fd);
    return Napi::ArrayBuffer::New(env, 0);  // mmap cannot map nothing
  }
  void* data = mmap(nullptr, length, PROT_READ | PROT_WRITE, shared ? MAP_SHARED : (MAP_PRIVATE | MAP_NORESERVE), fd, 0);
  const int err = errno;
  close(fd);  // the mapping keeps its own reference to the file
  if (data == MAP_FAILED) ThrowErrno(env, "cannot map", path, err);

  size_t* hint = new size_t(length);
  try {
    return Napi::ArrayBuffer::New(env, data, length, Unmap, hint);
  } catch (...) {
    munmap(data, length);
    delete hint;
    throw;
  }
}

}  // namespace numnode::binding
