#include "document/pdf/deflate.h"

#include <libdeflate.h>

#include <array>
#include <cstdlib>

namespace docforge::document::pdf {
namespace {

// A thread's compressors, by level: allocating one (hash tables of 64 kB or more) per stream
// would cost more than compressing a page's contents.
class Compressors {
 public:
  Compressors() = default;
  Compressors(const Compressors&) = delete;
  Compressors& operator=(const Compressors&) = delete;
  ~Compressors() {
    for (libdeflate_compressor* c : by_level_) {
      if (c != nullptr) libdeflate_free_compressor(c);
    }
  }
  libdeflate_compressor* get(int level) {
    libdeflate_compressor*& c = by_level_[static_cast<std::size_t>(level)];
    if (c == nullptr) {
      c = libdeflate_alloc_compressor(level);
      if (c == nullptr) std::abort();  // out of memory
    }
    return c;
  }

 private:
  std::array<libdeflate_compressor*, 13> by_level_{};
};

}  // namespace

void deflate_append(std::string_view in, std::string* out, int level) {
  thread_local Compressors compressors;
  libdeflate_compressor* c = compressors.get(level);
  const std::size_t start = out->size();
  out->resize(start + libdeflate_zlib_compress_bound(c, in.size()));
  const std::size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out->data() + start, out->size() - start);
  out->resize(start + n);  // n > 0: the bound always fits
}

}  // namespace docforge::document::pdf
