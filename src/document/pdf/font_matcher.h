// Fonts for the text layout (text_layout.h), chosen from fontconfig without Pango, as Pango
// 1.50's fontconfig backend chose them for the engine's font maps (PangoFT2, 72 dpi, no
// hinting; tests/document/pango_oracle.h makes them for the tests): the same pattern for a description (families, size, weight, style, language,
// the map's substitution), the same sort of the installed faces, the same first font that has
// a character, the same HarfBuzz font (scale, synthetic slant and emboldening).
//
// font_matcher_test checks this against Pango in the same process: for each description and
// character of the bundled documents and of texts in several scripts, the same face (file and
// index) as Pango's fontset picks, and HarfBuzz fonts that shape to the same glyphs and
// positions as pango_shape with Pango's font.
//
// Units: "layout units" are 1/1024 pt (Pango units at 72 dpi).
//
// Thread safety: a FontMatcher is thread-compatible (one per LayoutEngine, like Pango's font
// map); Fonts and FontFaces it returns live as long as it does and are immutable.
#ifndef DOCFORGE_DOCUMENT_PDF_FONT_MATCHER_H_
#define DOCFORGE_DOCUMENT_PDF_FONT_MATCHER_H_

#include <fontconfig/fontconfig.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document/pdf/font_subset.h"
#include "document/pdf/pdf_writer.h"

typedef struct hb_font_t hb_font_t;

namespace docforge::document::pdf {

struct FontDescription {
  std::string families;  // a Pango family list: "Liberation Serif, DejaVu Serif"
  double size = 10;      // points
  int weight = 400;      // CSS / PangoWeight: 400 normal, 700 bold
  bool italic = false;
  std::string language;  // BCP 47 ("en-US"), as pango_context_set_language / derived_language
};

// One face at one size: what a PangoFcFont is.
class Font {
 public:
  struct Metrics {  // layout units
    int ascent = 0;   // > 0: from the baseline up (the logical extent of a line in this font)
    int descent = 0;  // > 0: from the baseline down
    int strikethrough_position = 0;   // above the baseline, as pango_font_metrics_get_*
    int strikethrough_thickness = 0;
  };

  virtual ~Font() = default;
  virtual const std::shared_ptr<const FontFace>& face() const = 0;  // for the PDF writer
  // Scaled to layout units per em, HarfBuzz's OpenType functions: hb_shape gives the glyphs and
  // positions Pango's HarfBuzz font gives.
  virtual hb_font_t* hb() const = 0;
  virtual double size() const = 0;                  // points
  virtual const Synthetic& synthetic() const = 0;   // fontconfig's FC_MATRIX and FC_EMBOLDEN
  virtual bool has(char32_t c) const = 0;           // fontconfig's charset of the face has c
  virtual const Metrics& metrics() const = 0;
  // Whether the face's family (any of its FC_FAMILY names) is one of the Pango family lists;
  // names compared as fontconfig compares them (case and blanks ignored).
  virtual bool of_families(const std::vector<std::string>& family_lists) const = 0;
};

class FontMatcher {
 public:
  class FontList;  // the fonts of one description, in order (font_matcher.cpp)

  // config: the configuration to choose from (font_config.h: the subset's or the system's);
  // null: fontconfig's current one. Not owned; outlives the matcher.
  explicit FontMatcher(FcConfig* config);
  ~FontMatcher();
  FontMatcher(const FontMatcher&) = delete;
  FontMatcher& operator=(const FontMatcher&) = delete;

  // The fonts of a description in Pango's order of preference, made at the first call for an
  // equal description and kept.
  const FontList* fonts(const FontDescription& description);
  // The first font of the list that has c (Pango's pango_fontset_foreach / has_char); null
  // when none has it. *position (when given): its index in the list (Pango's font position,
  // which decides where spaces between fonts go; the list's size when no font has c).
  const Font* font_for(const FontList* list, char32_t c, int* position = nullptr);
  // The list's first font (Pango's font for text with no font of its own: metrics of an empty
  // line, the box of a missing character); null only when fontconfig has no font at all.
  const Font* first(const FontList* list);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_FONT_MATCHER_H_
