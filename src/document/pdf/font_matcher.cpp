// Pango 1.50's fontconfig backend, as font_matcher.h promises, for the PangoFT2 font maps of
// font_config.h (72 dpi, no context matrix, gravity south, no variations in descriptions):
//
// - pango_fc_make_pattern: weight (FcWeightFromOpenTypeDouble), slant, width, FC_VARIABLE
//   "don't care", FC_DPI 72, FC_SIZE and FC_PIXEL_SIZE from the size in Pango units (a
//   PangoFontDescription keeps an absolute size as an int: truncated), the families as
//   g_strsplit cuts the list at commas (blanks kept: fontconfig ignores them), FC_LANG the
//   language as pango_language_from_string canonicalizes it (none for ""); then the map's
//   substitution (font_config.h's substitute_for_font_map). Pango also adds "pangoversion"
//   and the GLib program name ("prgname", which FcDefaultSubstitute otherwise sets from the
//   executable): they only matter to rules that test them, which Debian's configuration has
//   none of, and they are left out here.
// - the fontset: font 0 is FcFontSetMatch's (already prepared), font i > 0 the i-th of
//   FcFontSetSort with trimming, through FcFontRenderPrepare; both over the configuration's
//   faces of formats HarfBuzz reads (TrueType, CFF; no WOFF). Pango starts both in threads
//   for every new pattern; here the match is made when the list is first asked for and the
//   sort only when a character is not in font 0 (most text never needs it).
// - has_char: the FC_CHARSET of the font's pattern. The walk looks at the charsets of the
//   sorted (unprepared) patterns, which FcFontRenderPrepare copies from the face, and
//   prepares only the font it returns. Font 0's characters below U+0100 are a bit table,
//   and what a list returns for other characters font 0 lacks is kept: a warm engine asks
//   per character.
// - pango_fc_font_create_hb_font: scale = FC_PIXEL_SIZE * PANGO_SCALE times the scale factors
//   of the product of the pattern's FC_MATRIX values (y flipped), ptem = FC_SIZE, synthetic
//   slant = the matrix's slant ratio, design coordinates of a variable face (named instance of
//   FC_INDEX >> 16, FC_FONT_VARIATIONS).
// - get_face_metrics / pango_fc_font_get_raw_extents for the metrics.
#include "document/pdf/font_matcher.h"

#include <hb-ot.h>
#include <hb.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "document/pdf/font_config.h"
#include "document/pdf/font_pattern.h"

namespace docforge::document::pdf {
namespace {

constexpr int kPangoScale = 1024;  // PANGO_SCALE: layout units per point at 72 dpi

// pango_language_from_string's canonical form: letters lowercased, digits kept, '-' and '_'
// as '-', ending at the first other character.
std::string canonical_language(std::string_view language) {
  std::string out;
  for (char ch : language) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c == '-' || c == '_') {
      out += '-';
    } else {
      break;
    }
  }
  return out;
}

// The pattern pango_fc_make_pattern makes for a description at 72 dpi, before substitution.
FcPattern* make_pattern(const FontDescription& d) {
  // pango_font_description_set_absolute_size stores size * PANGO_SCALE in an int; the fontset
  // key rounds it (.5 + size) to the same int.
  const int pixel_size = static_cast<int>(d.size * kPangoScale);
  FcPattern* p = FcPatternCreate();
  FcPatternAddDouble(p, FC_WEIGHT, FcWeightFromOpenTypeDouble(d.weight));
  FcPatternAddInteger(p, FC_SLANT, d.italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
  FcPatternAddInteger(p, FC_WIDTH, FC_WIDTH_NORMAL);
  FcPatternAddBool(p, FC_VARIABLE, FcDontCare);
  FcPatternAddDouble(p, FC_DPI, 72.0);
  FcPatternAddDouble(p, FC_SIZE, pixel_size * (72. / 1024. / 72.));
  FcPatternAddDouble(p, FC_PIXEL_SIZE, pixel_size / 1024.);
  // g_strsplit(families, ",", -1): every piece, blanks and empty ones included; none for "".
  std::string_view list = d.families;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string family(list.substr(0, comma));
    FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
    if (list.empty()) FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(""));
  }
  if (!d.language.empty()) {
    std::string lang = canonical_language(d.language);
    FcPatternAddString(p, FC_LANG, reinterpret_cast<const FcChar8*>(lang.c_str()));
  }
  return p;
}

bool supported_format(FcPattern* pattern) {
  FcChar8* file = nullptr;
  if (FcPatternGetString(pattern, FC_FILE, 0, &file) == FcResultMatch) {
    std::string_view f = reinterpret_cast<const char*>(file);
    if (f.ends_with(".woff") || f.ends_with(".woff2")) return false;
  }
  FcChar8* format = nullptr;
  if (FcPatternGetString(pattern, FC_FONTFORMAT, 0, &format) != FcResultMatch) return false;
  const char* s = reinterpret_cast<const char*>(format);
  return strcasecmp(s, "TrueType") == 0 || strcasecmp(s, "CFF") == 0;
}

// pango_matrix_get_font_scale_factors and pango_matrix_get_slant_ratio of the font matrix
// Pango makes of fontconfig's (y pointing down).
struct MatrixFactors {
  double x = 1, y = 1, slant = 0;
};

MatrixFactors matrix_factors(FcPattern* pattern) {
  FcMatrix m;
  FcMatrixInit(&m);
  FcMatrix* v = nullptr;
  for (int i = 0; FcPatternGetMatrix(pattern, FC_MATRIX, i, &v) == FcResultMatch; ++i) FcMatrixMultiply(&m, &m, v);
  const double xx = m.xx, yx = -m.yx, xy = m.xy, yy = -m.yy;
  MatrixFactors f;
  const double major = std::sqrt(xx * xx + yx * yx);
  f.x = major;
  f.y = major != 0 ? std::fabs(xx * yy - yx * xy) / major : 0;
  // The images of (0, 1) and (1, 0).
  const double x0 = xy, y0 = yy, x1 = xx, y1 = yx;
  f.slant = (x0 * x1 + y0 * y1) / (x0 * x0 + y0 * y0);
  return f;
}

// Pango's parse_variations: "tag=value" pieces separated by commas, onto the axes they name.
void apply_variations(const char* variations, const std::vector<hb_ot_var_axis_info_t>& axes, std::vector<float>& coords) {
  const char* p = variations;
  while (p != nullptr && *p != '\0') {
    const char* end = std::strchr(p, ',');
    hb_variation_t var;
    if (hb_variation_from_string(p, end != nullptr ? static_cast<int>(end - p) : -1, &var)) {
      for (const hb_ot_var_axis_info_t& axis : axes) {
        if (axis.tag == var.tag) {
          coords[axis.axis_index] = var.value;
          break;
        }
      }
    }
    p = end != nullptr ? end + 1 : nullptr;
  }
}

class FcFont final : public Font {
 public:
  // pattern: prepared (FcFontRenderPrepare / FcFontSetMatch), referenced here.
  FcFont(FcPattern* pattern, std::shared_ptr<const FontFace> face, double fallback_size)
      : pattern_(pattern), face_(std::move(face)) {
    FcPatternReference(pattern_);
    FcPatternGetCharSet(pattern_, FC_CHARSET, 0, &chars_);
    synthetic_ = synthetic_of(pattern_);
    double pixels = 0;
    size_ = FcPatternGetDouble(pattern_, FC_PIXEL_SIZE, 0, &pixels) == FcResultMatch && pixels > 0 ? pixels
                                                                                                   : fallback_size;
    make_hb_font();
    make_metrics();
  }
  ~FcFont() override {
    hb_font_destroy(hb_);
    FcPatternDestroy(pattern_);
  }

  const std::shared_ptr<const FontFace>& face() const override { return face_; }
  hb_font_t* hb() const override { return hb_; }
  double size() const override { return size_; }
  const Synthetic& synthetic() const override { return synthetic_; }
  bool has(char32_t c) const override { return chars_ != nullptr && FcCharSetHasChar(chars_, c); }
  const Metrics& metrics() const override { return metrics_; }
  bool of_families(const std::vector<std::string>& family_lists) const override {
    return pattern_of_families(pattern_, family_lists);
  }

 private:
  void make_hb_font() {
    const MatrixFactors m = matrix_factors(pattern_);
    double point_size = 13, pixel_size = 0;  // get_font_size
    if (FcPatternGetDouble(pattern_, FC_SIZE, 0, &point_size) != FcResultMatch) point_size = 13;
    if (FcPatternGetDouble(pattern_, FC_PIXEL_SIZE, 0, &pixel_size) != FcResultMatch) {
      double dpi = 72;
      if (FcPatternGetDouble(pattern_, FC_DPI, 0, &dpi) != FcResultMatch) dpi = 72;
      pixel_size = point_size * dpi / 72;
    }
    hb_face_t* face = face_->face();
    hb_ = hb_font_create(face);
    // As Pango: x_scale = 1 / (1 / x), the product truncated to int by the call.
    const double x_scale = 1. / (1. / m.x), y_scale = 1. / (1. / m.y);
    hb_font_set_scale(hb_, static_cast<int>(pixel_size * kPangoScale * x_scale),
                      static_cast<int>(pixel_size * kPangoScale * y_scale));
    hb_font_set_ptem(hb_, static_cast<float>(point_size));
    hb_font_set_synthetic_slant(hb_, static_cast<float>(m.slant));
    unsigned n_axes = hb_ot_var_get_axis_infos(face, 0, nullptr, nullptr);
    if (n_axes == 0) return;
    std::vector<hb_ot_var_axis_info_t> axes(n_axes);
    std::vector<float> coords(n_axes);
    hb_ot_var_get_axis_infos(face, 0, &n_axes, axes.data());
    for (const hb_ot_var_axis_info_t& axis : axes) coords[axis.axis_index] = axis.default_value;
    int index = 0;
    if (FcPatternGetInteger(pattern_, FC_INDEX, 0, &index) == FcResultMatch && index != 0) {
      unsigned instance = static_cast<unsigned>((index >> 16) - 1);
      unsigned n = n_axes;
      hb_ot_var_named_instance_get_design_coords(face, instance, &n, coords.data());
    }
    FcChar8* variations = nullptr;
    if (FcPatternGetString(pattern_, FC_FONT_VARIATIONS, 0, &variations) == FcResultMatch) {
      apply_variations(reinterpret_cast<const char*>(variations), axes, coords);
    }
    hb_font_set_var_coords_design(hb_, coords.data(), n_axes);
  }

  void make_metrics() {
    hb_font_extents_t extents{};
    hb_font_get_extents_for_direction(hb_, HB_DIRECTION_LTR, &extents);
    // A glyph's logical rectangle (pango_fc_font_get_raw_extents): what a line's extents are.
    metrics_.ascent = extents.ascender;
    metrics_.descent = -extents.descender;
    // get_face_metrics: its ascent is scaled by a transformed pattern's yy (1 for a
    // synthetic italic), which only the default strikethrough position uses here.
    const Synthetic& s = synthetic_;
    const bool transformed = s.xx != 1 || s.xy != 0 || s.yx != 0 || s.yy != 1;
    const int ascent = transformed ? static_cast<int>(extents.ascender * s.yy) : extents.ascender;
    hb_position_t position = 0;
    metrics_.strikethrough_thickness =
        hb_ot_metrics_get_position(hb_, HB_OT_METRICS_TAG_STRIKEOUT_SIZE, &position) && position != 0 ? position
                                                                                                         : kPangoScale;
    metrics_.strikethrough_position =
        hb_ot_metrics_get_position(hb_, HB_OT_METRICS_TAG_STRIKEOUT_OFFSET, &position) && position != 0 ? position
                                                                                                           : ascent / 2;
  }

  FcPattern* pattern_;
  std::shared_ptr<const FontFace> face_;
  FcCharSet* chars_ = nullptr;  // owned by pattern_
  hb_font_t* hb_ = nullptr;
  double size_ = 0;
  Synthetic synthetic_;
  Metrics metrics_;
};

struct DescriptionKey {
  std::string families;
  double size;
  int weight;
  bool italic;
  std::string language;
  bool operator==(const DescriptionKey&) const = default;
};

struct DescriptionHash {
  std::size_t operator()(const DescriptionKey& k) const {
    std::size_t h = std::hash<std::string>()(k.families);
    h = h * 31 + std::hash<double>()(k.size);
    h = h * 31 + static_cast<std::size_t>(k.weight) * 2 + (k.italic ? 1 : 0);
    return h * 31 + std::hash<std::string>()(k.language);
  }
};

struct PatternHash {
  std::size_t operator()(FcPattern* p) const { return FcPatternHash(p); }
};
struct PatternEqual {
  bool operator()(FcPattern* a, FcPattern* b) const { return FcPatternEqual(a, b); }
};

}  // namespace

// The fonts of one substituted pattern: a PangoFcFontset with its PangoFcPatterns.
class FontMatcher::FontList {
 public:
  struct Entry {
    FcPattern* pattern = nullptr;  // font 0: the match (prepared, owned by the list); else in sorted
    FcCharSet* chars = nullptr;    // the face's characters (of `pattern`)
    const Font* font = nullptr;    // made when first returned
  };

  explicit FontList(FcPattern* pattern) : pattern_(pattern) {}
  ~FontList() {
    if (match_ != nullptr) FcPatternDestroy(match_);
    if (sorted_ != nullptr) FcFontSetDestroy(sorted_);
    FcPatternDestroy(pattern_);
  }
  FontList(const FontList&) = delete;
  FontList& operator=(const FontList&) = delete;

 private:
  friend class FontMatcher;
  FcPattern* pattern_;             // substituted
  FcPattern* match_ = nullptr;     // FcFontSetMatch's
  FcFontSet* sorted_ = nullptr;    // FcFontSetSort's, trimmed, made when needed
  bool matched_ = false, sort_done_ = false;
  std::vector<Entry> entries_;     // font 0 (once matched), then the sort's from 1 on
  FcChar32 latin1_[8] = {};        // font 0's characters below U+0100, a bit each
  struct Fallback {
    const Font* font = nullptr;  // null: no font of the list has the character
    int position = 0;            // its index in entries_
  };
  std::unordered_map<char32_t, Fallback> fallback_;  // characters font 0 lacks
};

struct FontMatcher::Impl {
  FcConfig* config;
  FcFontSet* fonts = nullptr;  // the configuration's faces HarfBuzz reads (patterns referenced)
  FontFaceTable faces;
  std::unordered_map<std::string, hb_blob_t*> blobs;  // by file
  std::unordered_map<FcPattern*, std::unique_ptr<FcFont>, PatternHash, PatternEqual> fonts_by_pattern;
  std::unordered_map<FcPattern*, std::unique_ptr<FontList>, PatternHash, PatternEqual> lists_by_pattern;
  std::unordered_map<DescriptionKey, FontList*, DescriptionHash> lists;

  explicit Impl(FcConfig* c) : config(c) {
    fonts = FcFontSetCreate();
    for (FcSetName set : {FcSetSystem, FcSetApplication}) {
      FcFontSet* s = FcConfigGetFonts(config, set);
      if (s == nullptr) continue;
      for (int i = 0; i < s->nfont; ++i) {
        if (!supported_format(s->fonts[i])) continue;
        FcPatternReference(s->fonts[i]);
        FcFontSetAdd(fonts, s->fonts[i]);
      }
    }
  }
  ~Impl() {
    lists.clear();
    lists_by_pattern.clear();  // keys are the lists' patterns
    fonts_by_pattern.clear();  // keys are the fonts' patterns
    for (auto& [file, blob] : blobs) hb_blob_destroy(blob);
    FcFontSetDestroy(fonts);
  }

  hb_face_t* load_face(const std::string& file, int index) {
    hb_blob_t*& blob = blobs[file];
    if (blob == nullptr) blob = hb_blob_create_from_file(file.c_str());
    return hb_face_create(blob, static_cast<unsigned>(index));
  }

  // pango_fc_font_map_new_font: one font per prepared pattern. Takes the reference.
  const Font* font_of(FcPattern* prepared, double fallback_size) {
    auto it = fonts_by_pattern.find(prepared);
    if (it != fonts_by_pattern.end()) {
      FcPatternDestroy(prepared);
      return it->second.get();
    }
    hb_face_t* loaded = nullptr;
    std::shared_ptr<const FontFace> face = faces.get(prepared, [&](const std::string& file, int index) {
      loaded = load_face(file, index);
      return loaded;
    });
    if (loaded != nullptr) hb_face_destroy(loaded);  // the FontFace holds it
    if (!face) {
      FcPatternDestroy(prepared);
      return nullptr;
    }
    auto font = std::make_unique<FcFont>(prepared, std::move(face), fallback_size);
    FcPatternDestroy(prepared);  // the font holds it
    const Font* out = font.get();
    fonts_by_pattern.emplace(prepared, std::move(font));
    return out;
  }

  void match(FontList* list) {
    if (list->matched_) return;
    list->matched_ = true;
    FcResult result;
    list->match_ = FcFontSetMatch(config, &fonts, 1, list->pattern_, &result);
    if (list->match_ != nullptr) {
      FontList::Entry e;
      e.pattern = list->match_;
      FcPatternGetCharSet(e.pattern, FC_CHARSET, 0, &e.chars);
      list->entries_.push_back(e);
    } else {
      sort(list);  // Pango takes the sort's first font then
    }
    if (!list->entries_.empty() && list->entries_[0].chars != nullptr) {
      FcChar32 page[FC_CHARSET_MAP_SIZE];
      FcChar32 next = 0;
      if (FcCharSetFirstPage(list->entries_[0].chars, page, &next) == 0) {
        std::memcpy(list->latin1_, page, sizeof list->latin1_);
      }
    }
  }

  void sort(FontList* list) {
    if (list->sort_done_) return;
    list->sort_done_ = true;
    FcResult result;
    list->sorted_ = FcFontSetSort(config, &fonts, 1, list->pattern_, FcTrue, nullptr, &result);
    if (list->sorted_ == nullptr) return;
    for (int i = list->entries_.empty() ? 0 : 1; i < list->sorted_->nfont; ++i) {
      FontList::Entry e;
      e.pattern = list->sorted_->fonts[i];
      FcPatternGetCharSet(e.pattern, FC_CHARSET, 0, &e.chars);
      list->entries_.push_back(e);
    }
  }

  const Font* font_at(FontList* list, std::size_t i) {
    FontList::Entry& e = list->entries_[i];
    if (e.font == nullptr) {
      double size = 0;
      FcPatternGetDouble(list->pattern_, FC_PIXEL_SIZE, 0, &size);
      if (i == 0 && e.pattern == list->match_) {
        FcPatternReference(e.pattern);  // FcFontSetMatch prepared it
        e.font = font_of(e.pattern, size);
      } else {
        FcPattern* prepared = FcFontRenderPrepare(config, list->pattern_, e.pattern);
        if (prepared != nullptr) e.font = font_of(prepared, size);
      }
    }
    return e.font;
  }
};

FontMatcher::FontMatcher(FcConfig* config)
    : impl_(std::make_unique<Impl>(config != nullptr ? config : FcConfigGetCurrent())) {}

FontMatcher::~FontMatcher() = default;

const FontMatcher::FontList* FontMatcher::fonts(const FontDescription& d) {
  DescriptionKey key{d.families, d.size, d.weight, d.italic, d.language};
  auto it = impl_->lists.find(key);
  if (it != impl_->lists.end()) return it->second;
  FcPattern* pattern = make_pattern(d);
  substitute_for_font_map(impl_->config, pattern);
  auto pit = impl_->lists_by_pattern.find(pattern);
  FontList* list = nullptr;
  if (pit != impl_->lists_by_pattern.end()) {
    FcPatternDestroy(pattern);
    list = pit->second.get();
  } else {
    auto made = std::make_unique<FontList>(pattern);
    list = made.get();
    impl_->lists_by_pattern.emplace(pattern, std::move(made));
  }
  impl_->lists.emplace(std::move(key), list);
  return list;
}

const Font* FontMatcher::first(const FontList* const_list) {
  if (const_list == nullptr) return nullptr;
  auto* list = const_cast<FontList*>(const_list);  // the matcher's own, made lazily
  impl_->match(list);
  if (list->entries_.empty()) return nullptr;
  return impl_->font_at(list, 0);
}

const Font* FontMatcher::font_for(const FontList* const_list, char32_t c, int* position) {
  int ignored = 0;
  if (position == nullptr) position = &ignored;
  *position = 0;
  if (const_list == nullptr) return nullptr;
  auto* list = const_cast<FontList*>(const_list);
  impl_->match(list);
  if (list->entries_.empty()) return nullptr;
  const FontList::Entry& e0 = list->entries_[0];
  // Most characters are font 0's, most of those below U+0100: a bit test for them.
  const bool in_first = c < 0x100 ? ((list->latin1_[c >> 5] >> (c & 31)) & 1) != 0
                                  : e0.chars != nullptr && FcCharSetHasChar(e0.chars, c);
  if (in_first) return e0.font != nullptr ? e0.font : impl_->font_at(list, 0);
  auto it = list->fallback_.find(c);
  if (it != list->fallback_.end()) {
    *position = it->second.position;
    return it->second.font;
  }
  impl_->sort(list);
  FontList::Fallback found;
  found.position = static_cast<int>(list->entries_.size());  // none has it: after the last
  for (std::size_t i = 1; i < list->entries_.size(); ++i) {
    const FontList::Entry& e = list->entries_[i];
    if (e.chars != nullptr && FcCharSetHasChar(e.chars, c)) {
      found.font = impl_->font_at(list, i);
      found.position = static_cast<int>(i);
      break;
    }
  }
  list->fallback_.emplace(c, found);
  *position = found.position;
  return found.font;
}

}  // namespace docforge::document::pdf
