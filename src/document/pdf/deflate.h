// zlib-format compression of PDF streams (FlateDecode), with libdeflate.
//
// libdeflate compresses a whole buffer at once (no streaming state, no window to allocate per
// call), which is what a PDF stream is. Level 1 by default, chosen by measurement on the
// streams of the invoice, resume and report examples (page contents, TrueType subsets,
// ToUnicode maps, a 3.4 MB SVG raster), instructions per compression of all their streams:
//
//   resume  (93 kB in):  zlib 1: 6.91 M, 37,510 B   libdeflate 1: 3.41 M, 36,581 B
//                        libdeflate 2: 5.17 M, 35,283 B   4: 5.31 M, 34,769 B   6: 6.55 M, 34,041 B
//   report (3.59 MB in): zlib 1: 98.0 M, 134,572 B  libdeflate 1: 64.0 M, 122,609 B
//                        libdeflate 2: 93.1 M, 118,026 B  6: 106.5 M, 113,343 B
//
// so libdeflate's level 1 is half zlib's level-1 work for output 2-9 % smaller; its higher
// levels cost 50 % more for another 3-4 %. The larger gain is not in those counts: zlib
// allocated ~256 kB per stream and freed it, so a warm engine faulted that memory in again for
// every stream (~115 page faults per resume; 6.9 -> 3.0 ms CPU per warm resume, pdf/README.md).
//
// Thread safety: deflate_append may be called from any thread (one compressor per thread and
// level, kept for the thread's life).
#ifndef DOCFORGE_DOCUMENT_PDF_DEFLATE_H_
#define DOCFORGE_DOCUMENT_PDF_DEFLATE_H_

#include <string>
#include <string_view>

namespace docforge::document::pdf {

constexpr int kDeflateLevel = 1;

// Appends the zlib stream of `in` to *out. REQUIRES: 0 <= level <= 12 (libdeflate's levels).
void deflate_append(std::string_view in, std::string* out, int level = kDeflateLevel);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_DEFLATE_H_
