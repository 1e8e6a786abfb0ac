// Break opportunities within one paragraph as Pango 1.50's default_break (break.c) computes
// them: UAX #14 line breaks with Pango's tailoring (UAX #14 example 7 for numbers, no break
// inside a grapheme cluster), UAX #29 grapheme boundaries (char breaks) and the UAX #29 word
// boundaries that decide where a break shows a hyphen. text_analysis.cpp stitches paragraphs
// together as PangoLayout does.
//
// Character properties: GLib's (g_unichar_break_type, g_unichar_type, g_unichar_get_script, the
// tables Pango reads) and unicode_tables.h.
//
// Thread safety: functions of their arguments only.
#ifndef DOCFORGE_DOCUMENT_PDF_PARAGRAPH_BREAKER_H_
#define DOCFORGE_DOCUMENT_PDF_PARAGRAPH_BREAKER_H_

#include <glib.h>

#include <cstddef>

#include "document/pdf/text_analysis.h"

namespace docforge::document::pdf {

inline constexpr char32_t kParagraphSeparator = 0x2029;
inline constexpr char32_t kZeroWidthJoiner = 0x200D;

// Extended_Pictographic (emoji-data.txt).
bool is_extended_pictographic(char32_t c);

// Fills the break flags (line_break, mandatory_break, char_break, break_inserts_hyphen,
// break_removes_preceding, white) of chars[0, n): one paragraph, its separator included, as
// pango_default_break computes them for that paragraph alone (the first position has no line
// break: PangoLayout's stitching of paragraphs is the caller's). own_scripts[i] receives
// g_unichar_get_script(chars[i].c), which the rules read (the caller resolves them). Returns
// whether the position after the paragraph is a grapheme boundary.
// REQUIRES: own_scripts has room for n values.
bool break_paragraph(CharInfo* chars, std::size_t n, GUnicodeScript* own_scripts);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_PARAGRAPH_BREAKER_H_
