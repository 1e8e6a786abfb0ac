#include "document/pdf/font_subset.h"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "document/pdf/deflate.h"
#include "document/pdf/hb_subset_api.h"
#include "document/pdf/truetype_subset.h"

namespace docforge::document::pdf {
namespace {

int to_milli(double v, unsigned upem) { return static_cast<int>(std::lround(v * 1000.0 / upem)); }

int16_t be16(const char* p) {
  return static_cast<int16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]));
}

// PDF name characters only (the name goes into /BaseFont and /FontName unescaped).
std::string name_chars(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '+') {
      out += c;
    }
  }
  return out.empty() ? std::string("Font") : out;
}

// Six capital letters from a hash of the blocks: the subset tag of the font's name.
std::string subset_tag(const std::vector<uint32_t>& blocks, std::string_view name) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  auto mix = [&h](uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (uint32_t b : blocks) mix(b);
  for (char c : name) mix(static_cast<unsigned char>(c));
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

// The subset through hb-subset (dlopen()ed on first use: hb_subset_api.h): CFF faces, and
// TrueType faces subset_truetype cannot take.
Result<std::shared_ptr<FontSubset>> subset_with_harfbuzz(const FontFace& face, const std::vector<uint32_t>& blocks,
                                                        uint32_t block) {
  auto api = hb_subset_api();
  if (!api.ok()) {
    Error e = std::move(api).error();
    e.message += " (font " + face.postscript_name() + ")";
    return e;
  }
  const HbSubsetApi& hb = *api.value();
  hb_subset_input_t* input = hb.input_create_or_fail();
  if (input == nullptr) return make_error(ErrorKind::kInternal, "out of memory subsetting a font");
  hb_set_t* gids = hb.input_glyph_set(input);
  for (uint32_t b : blocks) {
    if (b * block < face.glyph_count()) {
      hb_set_add_range(gids, b * block, std::min(b * block + block, face.glyph_count()) - 1);
    }
  }
  // Glyph ids stay those of the original font (content streams name them before the glyph
  // set is known); no hinting (PDF viewers do not use it); no layout tables: shaping is done,
  // and their closure over substitutions would add glyphs nobody draws.
  hb.input_set_flags(input, face.cff() ? HB_SUBSET_FLAGS_NO_HINTING
                                              : HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
  hb_set_t* drop = hb.input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  // Nor cmap and post: PDF names glyphs by id (CIDToGIDMap /Identity, or CFF's charset).
  for (hb_tag_t tag : {HB_TAG('c', 'm', 'a', 'p'), HB_TAG('p', 'o', 's', 't'), HB_TAG('G', 'S', 'U', 'B'),
                       HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'),
                       HB_TAG('M', 'A', 'T', 'H'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('m', 'o', 'r', 't'),
                       HB_TAG('k', 'e', 'r', 'x'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('V', 'O', 'R', 'G'),
                       HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('L', 'T', 'S', 'H'),
                       HB_TAG('h', 'd', 'm', 'x'), HB_TAG('V', 'D', 'M', 'X'), HB_TAG('g', 'a', 's', 'p'),
                       HB_TAG('F', 'F', 'T', 'M'), HB_TAG('P', 'f', 'E', 'd'), HB_TAG('T', 'S', 'I', 'V'),
                       HB_TAG('S', 'V', 'G', ' '), HB_TAG('C', 'O', 'L', 'R'), HB_TAG('C', 'P', 'A', 'L'),
                       HB_TAG('s', 'b', 'i', 'x'), HB_TAG('C', 'B', 'D', 'T'), HB_TAG('C', 'B', 'L', 'C'),
                       HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C')}) {
    hb_set_add(drop, tag);
  }
  auto s = std::make_shared<FontSubset>();
  hb_subset_plan_t* plan = hb.plan_create_or_fail(face.face(), input);
  hb.input_destroy(input);
  hb_face_t* subset = nullptr;
  if (plan != nullptr) {
    if (face.cff()) {
      const hb_map_t* ids = hb.plan_old_to_new_glyph_mapping(plan);
      for (uint32_t g : blocks) s->remap.emplace_back(g, hb_map_get(ids, g));
    }
    subset = hb.plan_execute_or_fail(plan);
    hb.plan_destroy(plan);
  }
  if (subset == nullptr) {
    return make_error(ErrorKind::kInternal, "could not subset the font " + face.postscript_name());
  }
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  s->length = len;
  deflate_append(std::string_view(data, len), &s->deflated);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return s;
}

}  // namespace

FontFace::FontFace(hb_face_t* face, std::string key) : face_(hb_face_reference(face)), key_(std::move(key)) {
  upem_ = hb_face_get_upem(face_);
  glyph_count_ = hb_face_get_glyph_count(face_);
  if (upem_ == 0) upem_ = 1000;
  font_ = hb_font_create(face_);  // default scale: font units
  char name[128];
  unsigned size = sizeof name;
  if (hb_ot_name_get_utf8(face_, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name) > 0) {
    ps_name_ = name_chars(name);
  } else {
    ps_name_ = "Font";
  }
  hb_blob_t* cff = hb_face_reference_table(face_, HB_TAG('C', 'F', 'F', ' '));
  cff_ = hb_blob_get_length(cff) > 0;
  hb_blob_destroy(cff);
  hb_blob_t* head = hb_face_reference_table(face_, HB_TAG('h', 'e', 'a', 'd'));
  unsigned len = 0;
  const char* d = hb_blob_get_data(head, &len);
  if (len >= 54) {
    for (int i = 0; i < 4; ++i) bbox_[i] = to_milli(be16(d + 36 + 2 * i), upem_);
    italic_ = (static_cast<unsigned char>(d[45]) & 2) != 0;  // macStyle bit 1
  }
  hb_blob_destroy(head);
  hb_font_extents_t ext;
  if (hb_font_get_h_extents(font_, &ext)) {
    ascent_ = to_milli(ext.ascender, upem_);
    descent_ = to_milli(ext.descender, upem_);
  }
  hb_position_t cap = 0;
  cap_height_ = hb_ot_metrics_get_position(font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0
                    ? to_milli(cap, upem_)
                    : ascent_;
}

FontFace::~FontFace() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
}

double FontFace::advance(uint32_t glyph) const {
  return hb_font_get_glyph_h_advance(font_, glyph) * 1000.0 / upem_;
}

uint32_t FontSubset::code(uint32_t glyph) const {
  if (remap.empty()) return glyph;
  auto it = std::lower_bound(remap.begin(), remap.end(), std::make_pair(glyph, 0u));
  return it != remap.end() && it->first == glyph ? it->second : 0;
}

Result<std::shared_ptr<const FontSubset>> FontSubsetCache::get(const FontFace& face,
                                                               const std::vector<uint32_t>& glyphs) {
  // The blocks touched (glyph 0, .notdef, always: it is in block 0), or for CFF the glyphs.
  const uint32_t block = face.cff() ? 1 : kBlock;
  std::vector<uint32_t> blocks = {0};
  for (uint32_t g : glyphs) {
    if (g / block != blocks.back()) blocks.push_back(g / block);
  }
  std::string key = face.key();
  key += '\0';
  key.append(reinterpret_cast<const char*>(blocks.data()), blocks.size() * sizeof(uint32_t));
  if (const auto* cached = subsets_.find(key)) return *cached;
  std::shared_ptr<FontSubset> s;
  if (!face.cff()) {
    std::vector<uint32_t> ids;
    for (uint32_t b : blocks) {
      for (uint32_t g = b * block; g < b * block + block && g < face.glyph_count(); ++g) ids.push_back(g);
    }
    std::string file = subset_truetype(face.face(), ids);
    if (!file.empty()) {
      s = std::make_shared<FontSubset>();
      s->length = file.size();
      deflate_append(file, &s->deflated);
    }
  }
  if (!s) {
    auto made = subset_with_harfbuzz(face, blocks, block);
    if (!made.ok()) return std::move(made).error();
    s = std::move(made.value());
  }
  s->tag = subset_tag(blocks, face.postscript_name());
  s->cff = face.cff();
  ++made_;
  const std::size_t bytes = s->deflated.size();
  return subsets_.add(key, std::move(s), bytes);
}

const std::string& FontSubsetCache::deflated_cmap(const std::string& text) {
  if (const std::string* cached = cmaps_.find(text)) return *cached;
  std::string deflated;
  deflate_append(text, &deflated);
  const std::size_t bytes = text.size() + deflated.size();
  return cmaps_.add(text, std::move(deflated), bytes);
}

}  // namespace docforge::document::pdf
