// Pango 1.50 as the tests' oracle for the engine's text stack (text_analysis.h, font_matcher.h,
// text_layout.h), which lays text out as Pango did without linking it: the font maps the engine
// made with Pango before, and what its PDF painter took from Pango's fonts. Tests only: the
// engine's library does not link Pango.
//
// Thread safety: as Pango's font maps (thread-compatible); PangoFontFaces is thread-compatible.
#ifndef DOCFORGE_TESTS_DOCUMENT_PANGO_ORACLE_H_
#define DOCFORGE_TESTS_DOCUMENT_PANGO_ORACLE_H_

#include <pango/pango.h>

#include <memory>
#include <unordered_map>

#include "document/pdf/font_config.h"
#include "document/pdf/font_pattern.h"
#include "document/pdf/font_subset.h"
#include "document/pdf/pdf_writer.h"

namespace docforge::document::pdf {

// A new Pango font map on a font set, as the engine made them: PangoFT2 (no cairo), 72 dpi,
// unhinted, fontconfig_of(set)'s configuration and substitute_map_rules as the map's default
// substitute.
PangoFontMap* new_font_map(FontSet set);

// The face, size and synthetic style the engine's painter drew a Pango font's glyphs with.
class PangoFontFaces {
 public:
  struct Entry {
    std::shared_ptr<const FontFace> face;
    double size = 0;      // points
    Synthetic synthetic;  // fontconfig's slant / emboldening for a face without the style
  };
  PangoFontFaces() = default;
  ~PangoFontFaces();
  PangoFontFaces(const PangoFontFaces&) = delete;
  PangoFontFaces& operator=(const PangoFontFaces&) = delete;

  // nullptr when the font has no face HarfBuzz can read.
  const Entry* get(PangoFont* font);

 private:
  std::unordered_map<PangoFont*, Entry> fonts_;  // holds a reference to each font
  FontFaceTable faces_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_TESTS_DOCUMENT_PANGO_ORACLE_H_
