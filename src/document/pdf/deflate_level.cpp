#include "document/pdf/deflate_level.h"

#include <zlib.h>

namespace docforge::document::pdf {
namespace {

constexpr int kNoLevel = -2;  // Z_DEFAULT_COMPRESSION is -1
thread_local int t_level = kNoLevel;

}  // namespace

DeflateLevelScope::DeflateLevelScope(int level) : saved_(t_level) { t_level = level; }
DeflateLevelScope::~DeflateLevelScope() { t_level = saved_; }

}  // namespace docforge::document::pdf

// zlib's deflateInit(strm, level) is deflateInit_(strm, level, ZLIB_VERSION, sizeof(z_stream)),
// which is deflateInit2_ with zlib's defaults for the rest (zlib 1.2.x deflate.c).
extern "C" int deflateInit_(z_streamp strm, int level, const char* version, int stream_size) {
  using docforge::document::pdf::t_level;
  if (level == Z_DEFAULT_COMPRESSION && t_level != docforge::document::pdf::kNoLevel) level = t_level;
  return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
