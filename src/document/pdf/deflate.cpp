#include "document/pdf/deflate.h"

#include <zlib.h>

namespace docforge::document::pdf {

void deflate_append(std::string_view in, std::string* out, int level) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  const std::size_t start = out->size();
  out->resize(start + deflateBound(&z, static_cast<uLong>(in.size())));
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  z.avail_out = static_cast<uInt>(out->size() - start);
  deflate(&z, Z_FINISH);
  out->resize(start + z.total_out);
  deflateEnd(&z);
}

}  // namespace docforge::document::pdf
