// What the PDF writer takes from fontconfig's pattern of a font (a PangoFcFont's, or the
// prepared pattern of font_matcher.h's fonts): the face it draws with, one per font file and
// index for every size, and the slant and emboldening fontconfig's rules asked for.
//
// Thread safety: the functions read their pattern only; a FontFaceTable is thread-compatible.
#ifndef DOCFORGE_DOCUMENT_PDF_FONT_PATTERN_H_
#define DOCFORGE_DOCUMENT_PDF_FONT_PATTERN_H_

#include <fontconfig/fontconfig.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "document/pdf/font_subset.h"
#include "document/pdf/pdf_writer.h"

namespace docforge::document::pdf {

// "file:index" of the pattern's FC_FILE and FC_INDEX (index 0 when it has none); empty when
// it has no file.
std::string face_key(FcPattern* pattern);

// The product of the pattern's FC_MATRIX values (identity when it has none) and FC_EMBOLDEN.
Synthetic synthetic_of(FcPattern* pattern);

// FontFaces by face_key, each made once and shared by every size.
class FontFaceTable {
 public:
  // The face of the pattern's file and index; on the first call for them, `load` gives the
  // HarfBuzz face (referenced by the FontFace: the caller keeps its own reference). Null when
  // the pattern has no file or `load` gives null (nothing is kept then).
  std::shared_ptr<const FontFace> get(FcPattern* pattern, const std::function<hb_face_t*(const std::string& file, int index)>& load);

 private:
  std::unordered_map<std::string, std::shared_ptr<const FontFace>> faces_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_FONT_PATTERN_H_
