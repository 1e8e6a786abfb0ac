#include "document/pdf/font_pattern.h"

#include <hb.h>

namespace docforge::document::pdf {

std::string face_key(FcPattern* pattern) {
  FcChar8* file = nullptr;
  if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch) return {};
  int index = 0;
  FcPatternGetInteger(pattern, FC_INDEX, 0, &index);
  std::string key = reinterpret_cast<const char*>(file);
  key += ':';
  key += std::to_string(index);
  return key;
}

Synthetic synthetic_of(FcPattern* pattern) {
  FcMatrix product;
  FcMatrixInit(&product);
  FcMatrix* m = nullptr;
  for (int i = 0; FcPatternGetMatrix(pattern, FC_MATRIX, i, &m) == FcResultMatch; ++i) {
    if (m != nullptr) FcMatrixMultiply(&product, &product, m);
  }
  Synthetic s;
  s.xx = product.xx;
  s.xy = product.xy;
  s.yx = product.yx;
  s.yy = product.yy;
  FcBool embolden = FcFalse;
  s.bold = FcPatternGetBool(pattern, FC_EMBOLDEN, 0, &embolden) == FcResultMatch && embolden;
  return s;
}

std::shared_ptr<const FontFace> FontFaceTable::get(
    FcPattern* pattern, const std::function<hb_face_t*(const std::string& file, int index)>& load) {
  std::string key = face_key(pattern);
  if (key.empty()) return nullptr;
  auto it = faces_.find(key);
  if (it != faces_.end()) return it->second;
  FcChar8* file = nullptr;
  FcPatternGetString(pattern, FC_FILE, 0, &file);
  int index = 0;
  FcPatternGetInteger(pattern, FC_INDEX, 0, &index);
  hb_face_t* face = load(reinterpret_cast<const char*>(file), index);
  if (face == nullptr) return nullptr;
  auto made = std::make_shared<const FontFace>(face, key);
  faces_.emplace(std::move(key), made);
  return made;
}

}  // namespace docforge::document::pdf
