// Which fonts the PDF engine asks fontconfig for.
//
// Choosing fonts as Pango 1.50 does (font_matcher.h) sorts every installed face (FcFontSetSort)
// for each (family, size, weight, style) a document uses, and matches them once more
// (FcFontSetMatch), after substituting the pattern with the system's rules; FcInit parses
// /etc/fonts and its conf.d first. With the 332 faces of a Debian system with Noto installed,
// that was more than half the instructions of a fresh process. The engine therefore asks a
// configuration built in code: the standard font and cache directories (font lists come from
// fontconfig's caches, as FcInit's do: no font file is opened), no rules, and a <selectfont>
// that keeps only the families the built-in themes name (kFastFamilies in the .cpp). It is
// made fontconfig's current configuration, so that fontconfig's FcInit has nothing to parse.
//
// Why that gives the same fonts: the pattern binds a theme's families strongly, so every
// face of them sorts before any other face, and a character is drawn with the first face
// of that order that has it. For a character the theme's families have, that face is one of
// theirs; the subset holds all of them, scored by the same weight, slant and width. So a
// document is drawn with the subset only when its theme names subset families and every
// character of it is one they all have (fast_set_chars, has_chars; after the render, every run
// must be in one of them); anything else — a fallback font for another script, a theme naming
// another family — is drawn with the full system configuration, as before.
// font_config_test checks this character by character against the system's choice, and the
// bundled documents come out byte for byte as with the system configuration.
//
// DOCFORGE_FONTS=system in the environment turns the subset off: for fontconfig rules of the
// user's (FONTCONFIG_FILE, ~/.config/fontconfig) that change the theme's families or their
// faces, which the subset does not read, and for fonts outside the standard directories.
#ifndef DOCFORGE_DOCUMENT_PDF_FONT_CONFIG_H_
#define DOCFORGE_DOCUMENT_PDF_FONT_CONFIG_H_

#include <fontconfig/fontconfig.h>

#include <cstdint>
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

// The fontconfig configuration of a font set; null: fontconfig's current one (the system's,
// when the subset did not take its place). The subset's is built once per process (from
// fontconfig's caches: no font file is opened) and made fontconfig's current configuration
// when it is the default, so that nothing parses the system's.
FcConfig* fontconfig_of(FontSet set);

// What font matching does to a font's pattern before it sorts the faces, as Pango 1.50's
// PangoFT2 font maps did (the tests' Pango oracle makes such maps, tests/document/
// pango_oracle.h): the current configuration's rules, then substitute_map_rules, 72 dpi, and
// fontconfig's defaults (FcDefaultSubstitute).
void substitute_for_font_map(FcConfig* config, FcPattern* pattern);

// The font map's own part of that: `config`'s rules when it is not the current configuration
// (which PangoFT2 applied already), then no hinting unless the rules decided, as cairo's font
// options with hint metrics off added.
void substitute_map_rules(FcConfig* config, FcPattern* pattern);

// Whether one of the pattern's FC_FAMILY names is a family of `family_lists` (Pango family
// lists, split at commas), compared as fontconfig compares names (case and blanks ignored).
bool pattern_of_families(FcPattern* pattern, const std::vector<std::string>& family_lists);

// A set of characters, copied out of a fontconfig FcCharSet: fontconfig links a set's pages
// by offsets, which a leak checker cannot follow in a set kept for the life of the process.
class CharCoverage {
 public:
  explicit CharCoverage(const FcCharSet* chars);
  bool has(std::uint32_t c) const;
  std::vector<std::uint32_t> chars() const;  // in order

 private:
  struct Page {
    std::uint32_t base;
    FcChar32 bits[FC_CHARSET_MAP_SIZE];
  };
  std::vector<Page> pages_;  // by base
};

// The characters that every one of `family_lists` (Pango family lists such as
// "Liberation Serif, DejaVu Serif") has in the subset, or null when a family is not in it
// (fontconfig's comparison of names: case and spaces ignored) or they lack printable ASCII.
// Computed once per lists and kept for the process.
const CharCoverage* fast_set_chars(const std::vector<std::string>& family_lists);

// Whether `chars` has every character of the UTF-8 text (controls and zero-width marks
// aside, which are not drawn). False for invalid UTF-8.
bool has_chars(const CharCoverage* chars, std::string_view text);

// The system's configuration (every installed face, the system's rules) when the subset took
// its place as fontconfig's current one, for a font map outside the engine's (librsvg lays SVG
// text out with Pango's default cairo font map); null when the current one is the system's.
// The first call parses the system configuration.
FcConfig* system_config_in_place_of_subset();

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_FONT_CONFIG_H_
