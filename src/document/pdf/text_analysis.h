// Unicode analysis of a text for the text layout (text_layout.h), without Pango: where lines
// may and must break (UAX #14 as Pango 1.50's default break applies it), the bidi embedding
// level of each character (UAX #9, fribidi), and its script (UAX #24 with Common and Inherited
// characters resolved to their neighbours', as Pango's script iterator does, paired brackets
// included).
//
// The results are Pango's for the same text (pango_get_log_attrs, pango_itemize's levels and
// scripts): text_analysis_test compares them character by character on the bundled documents
// and on texts in several scripts.
//
// Paragraphs: the text is split at paragraph separators (\n, \r, \r\n, U+2029) as a
// PangoLayout splits it; each paragraph takes its base direction from its first strong
// character (left to right when it has none), and a line must start after each separator.
//
// Thread safety: functions of their arguments only.
#ifndef DOCFORGE_DOCUMENT_PDF_TEXT_ANALYSIS_H_
#define DOCFORGE_DOCUMENT_PDF_TEXT_ANALYSIS_H_

#include <hb.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docforge::document::pdf {

// One per character (code point) of the text, in logical order.
struct CharInfo {
  std::uint32_t byte = 0;  // offset of the character's first byte in the UTF-8 text
  char32_t c = 0;
  // Before this character (pango_get_log_attrs' attribute of the same name, at this
  // character's position):
  bool line_break = false;       // is_line_break: a line may start here
  bool mandatory_break = false;  // is_mandatory_break: a line must start here
  bool char_break = false;       // is_char_break: a grapheme boundary (wrapping by character)
  bool break_inserts_hyphen = false;  // a line ending here shows a hyphen (after U+00AD, ...)
  bool break_removes_preceding = false;  // ... and drops the character before the break
  // This character:
  bool white = false;            // is_white: white space (takes no width at the end of a line)
  bool paragraph_separator = false;  // \n, \r, U+2029: not drawn, ends a paragraph
  std::uint8_t level = 0;        // bidi embedding level (odd: right to left)
  hb_script_t script = HB_SCRIPT_COMMON;  // resolved: never Common or Inherited unless all are
};

struct TextAnalysis {
  std::vector<CharInfo> chars;
  // Breaks at the end of the text (Pango's final log attr): a line may always end there.
  bool final_char_break = true;
};

// REQUIRES: utf8 is valid UTF-8 (the layout's texts are). An empty text gives no characters.
TextAnalysis analyze_text(std::string_view utf8);

// The order in which to draw a line's runs, from their levels in logical order (UAX #9 L2:
// from the highest level down, reverse every maximal sequence at that level or higher).
// Returns indices into run_levels, left to right.
std::vector<int> visual_order(const std::vector<std::uint8_t>& run_levels);

// The language to choose fonts and shape a run of `script` with, in a document of language
// `lang` (a BCP 47 tag such as "en-US"): `lang` itself when its orthography uses the script
// (pango_language_includes_script), else the script's sample language
// (pango_script_get_sample_language: "he" for Hebrew, "ar" for Arabic, "ru" for Cyrillic, ...),
// else `lang`. Common, Inherited and Unknown keep `lang`. Pango's answer for the same arguments,
// with Pango's environment (PANGO_LANGUAGE, LANGUAGE) unset.
std::string derived_language(std::string_view lang, hb_script_t script);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_TEXT_ANALYSIS_H_
