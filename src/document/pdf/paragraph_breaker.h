// Break opportunities within one paragraph as Pango 1.50's default_break (break.c) computes
// them: UAX #14 line breaks with Pango's tailoring (UAX #14 example 7 for numbers, no break
// inside a grapheme cluster), UAX #29 grapheme boundaries (char breaks) and the UAX #29 word
// boundaries that decide where a break shows a hyphen. A ParagraphBreaker is fed a paragraph's
// characters in order, its separator included, then the paragraph separator (U+2029) Pango
// assumes after its end; step() returns the flags of each position. text_analysis.cpp stitches
// paragraphs together as PangoLayout does.
//
// Character properties: GLib's (g_unichar_break_type, g_unichar_type, g_unichar_get_script, the
// tables Pango reads) and unicode_tables.h.
//
// Thread safety: a ParagraphBreaker is one paragraph's state; the functions are pure.
#ifndef DOCFORGE_DOCUMENT_PDF_PARAGRAPH_BREAKER_H_
#define DOCFORGE_DOCUMENT_PDF_PARAGRAPH_BREAKER_H_

#include <glib.h>

#include <cstdint>

namespace docforge::document::pdf {

inline constexpr char32_t kParagraphSeparator = 0x2029;
inline constexpr char32_t kZeroWidthJoiner = 0x200D;

// GLib's line break class of c (classes newer than Pango 1.50 knows of as Unknown).
GUnicodeBreakType break_class(char32_t c);

// Extended_Pictographic (emoji-data.txt).
bool is_extended_pictographic(char32_t c);

// The flags of one position, before the character at it (PangoLogAttr's fields of the same
// meaning, text_analysis.h).
struct PositionBreaks {
  bool line_break = false;
  bool mandatory_break = false;
  bool char_break = false;
  bool inserts_hyphen = false;
  bool removes_preceding = false;
  bool white = false;
};

// Walks a paragraph one character at a time, then the paragraph separator Pango assumes after
// its end; step() gives each position's flags. The rules are UAX #14 applied in reverse order of
// priority (a later rule overrides an earlier one), as Pango writes them.
class ParagraphBreaker {
 public:
  // The state the rules carry from character to character.
  enum class Grapheme : std::uint8_t {
    kOther, kControl, kExtend, kZwj, kPrepend, kSpacingMark, kInHangulSyllable, kRiOdd, kRiEven
  };

  enum class Word : std::uint8_t {
    kOther, kNewline, kExtendFormat, kKatakana, kHebrewLetter, kALetter, kMidNumLet, kMidLetter,
    kMidNum, kNumeric, kExtendNumLet, kRiOdd, kRiEven, kWSegSpace
  };

  // UAX #14 LB25 (with its tailoring example 7) and LB30a need a little state across characters.
  enum class NumericState : std::uint8_t { kOther, kNumeric, kNumericClose, kRiOdd, kRiEven };

  // Hangul jamo: the jamo a character starts and ends with (LV starts with L, ends with V).
  enum Jamo : std::uint8_t { kJamoL, kJamoV, kJamoT, kJamoLV, kJamoLVT, kNoJamo };

  // The flags before wc. raw_class: break_class(wc); script: g_unichar_get_script(wc);
  // next_class: break_class of the character after wc (of U+2029 after the paragraph's last,
  // G_UNICODE_BREAK_UNKNOWN after the U+2029 that ends it); first: wc starts the paragraph.
  // The flags of the first position are before Pango's stitching of paragraphs (LB2 there).
  PositionBreaks step(char32_t wc, GUnicodeBreakType raw_class, GUnicodeScript script,
                      GUnicodeBreakType next_class, bool first);

 private:
  Grapheme grapheme_class(char32_t wc, GUnicodeType type, bool makes_hangul_syllable) const;
  bool grapheme_boundary(char32_t wc, Grapheme gb, bool pictographic);
  bool word_boundary(char32_t wc, GUnicodeType type, GUnicodeBreakType raw_class,
                     GUnicodeScript script, bool pictographic);
  bool line_break_allowed(char32_t wc, GUnicodeBreakType cls, GUnicodeBreakType next_class,
                          NumericState numeric, bool* mandatory) const;

  int index_ = 0;
  char32_t prev_wc_ = 0;
  GUnicodeScript prev_script_ = G_UNICODE_SCRIPT_COMMON;
  Jamo prev_jamo_ = kNoJamo;
  GUnicodeBreakType prev_class_ = G_UNICODE_BREAK_UNKNOWN;
  GUnicodeBreakType prev_prev_class_ = G_UNICODE_BREAK_UNKNOWN;
  Grapheme prev_grapheme_ = Grapheme::kOther;
  bool met_pictographic_ = false;
  Word prev_word_ = Word::kOther;
  Word prev_prev_word_ = Word::kOther;
  int prev_word_index_ = -1;
  NumericState prev_numeric_ = NumericState::kOther;
  bool prev_space_or_hyphen_ = false;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_PARAGRAPH_BREAKER_H_
