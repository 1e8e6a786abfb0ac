// Which fonts the PDF engine asks fontconfig for.
//
// Pango 1.50 sorts every installed face (FcFontSetSort, with charset trimming) for each
// (family, size, weight, style) a document uses, and matches them all once more
// (FcFontSetMatch): with the 332 faces of a Debian system with Noto installed, that was half
// the instructions of a fresh process. The engine therefore asks fontconfig for a *subset*:
// the system's own configuration (fonts.conf with conf.d, so the user's rules apply) whose
// font list is narrowed by a <selectfont> to the families the built-in themes name
// (kFastFamilies in the .cpp). Its font lists come from fontconfig's caches, as FcInit's do.
//
// Why that gives the same fonts: fontconfig scores each face against the pattern on its own,
// and the families a theme names are bound strongly, so every face of them sorts before any
// other face; Pango draws a character with the first face of that order that has it. For a
// character that the theme's families have, that face is one of theirs, and the subset has
// all of them in the same order. So a document is drawn with the subset only when the theme
// names families of the subset and every character of the document is one they all have
// (fast_set_chars, has_chars); anything else — a fallback font for another script, a theme
// naming another family — is drawn with the full system configuration, as before.
// font_config_test checks this character by character against the system's choice.
//
// DOCFORGE_FONTS=system in the environment turns the subset off (for users whose own
// fontconfig rules put other faces before a theme's families).
#ifndef DOCFORGE_DOCUMENT_PDF_FONT_CONFIG_H_
#define DOCFORGE_DOCUMENT_PDF_FONT_CONFIG_H_

#include <fontconfig/fontconfig.h>
#include <pango/pango.h>

#include <string>
#include <string_view>
#include <vector>

namespace docforge::document::pdf {

enum class FontSet {
  kFast,    // the subset (above); falls back to kSystem per document when it lacks something
  kSystem,  // every installed face, the system configuration: what fontconfig users expect
};

// kSystem when DOCFORGE_FONTS=system, or when the subset cannot be built; else kFast.
FontSet default_font_set();

// Starts building the subset on a thread, unless DOCFORGE_FONTS=system, so that the ~15 M
// instructions of parsing the system configuration overlap with what the caller does before
// its first render (default_font_set() waits for it). Once per process; harmless after that.
void start_loading_fonts();

// A new Pango cairo font map on the given font set. The subset's configuration is built
// once per process (from fontconfig's caches: no font file is opened) and made fontconfig's
// current configuration before Pango's own FcInit would parse the system's a second time.
PangoFontMap* new_font_map(FontSet set);

// The characters that every one of `family_lists` (Pango family lists such as
// "Liberation Serif, DejaVu Serif") has in the subset, or null when a family is not in it
// (fontconfig's comparison of names: case and spaces ignored). Computed once per lists.
const FcCharSet* fast_set_chars(const std::vector<std::string>& family_lists);

// Whether a font of a Pango cairo font map is a face of one of the families of `family_lists`.
bool font_of_families(PangoFont* font, const std::vector<std::string>& family_lists);

// Whether `chars` has every character of the UTF-8 text (controls and zero-width marks
// aside, which are not drawn). False for invalid UTF-8.
bool has_chars(const FcCharSet* chars, std::string_view text);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_FONT_CONFIG_H_
