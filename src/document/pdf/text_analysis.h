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
// character, and a line must start after each separator. A paragraph with no strong character
// takes the previous paragraph's direction, the first ones the text's first strong direction,
// and left to right (weak) when the text has none: what PangoLayout does. A separator's level
// is its paragraph's base level and its script the one before it (Pango puts separators in no
// item).
//
// Where the results may differ from Pango's (tested for all else):
// - Thai: Pango adds libthai's dictionary breaks inside Thai words; here Thai breaks as UAX #14
//   says (no dictionary), so Thai text wraps only at spaces and punctuation.
// - Pango tailors breaks around a zero width (non-)joiner in Indic scripts within an item, and
//   its items end where the font changes; here items are approximated with the Noto fonts'
//   repertoire (text_analysis.cpp, tailor_indic_run): a joiner next to a character of another
//   font (a symbol, CJK punctuation, an emoji) may get a different char/line break flag.
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
  hb_script_t script = HB_SCRIPT_COMMON;  // resolved: Common only in a paragraph of no script
};

struct TextAnalysis {
  std::vector<CharInfo> chars;
  // Each paragraph's base level (0: left to right, 1: right to left), in order; a text that
  // ends with a separator has no entry for the empty paragraph after it (it keeps the last's).
  std::vector<std::uint8_t> paragraph_levels;
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
// else "xx" (Han, Bopomofo, Yi...: Pango's itemizer uses "xx" then, a tag no font claims, so
// that the language does not steer font choice). Common, Inherited and Unknown keep `lang`;
// `lang` is returned as given (not lower-cased). Pango's answer for the same arguments, with
// Pango's environment (PANGO_LANGUAGE, LANGUAGE) unset. Scripts of languages: a table of ~60
// common languages (en, de, fr, ..., ja, zh-cn, zh-tw, ko, hi, th; text_analysis.cpp); a
// language outside it is taken to include every script, as Pango takes one outside its own.
std::string derived_language(std::string_view lang, hb_script_t script);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_TEXT_ANALYSIS_H_
