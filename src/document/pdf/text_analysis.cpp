// Unicode analysis without Pango: line breaks (UAX #14 and the UAX #29 grapheme and word
// boundaries it depends on, as Pango 1.50's break.c tailors them), bidi levels (fribidi, as
// pango_log2vis_get_embedding_levels calls it), scripts (as PangoScriptIter resolves them) and
// the language of a run (as Pango's itemizer derives it). See text_analysis.h for the contract.
//
// The character properties come from GLib (g_unichar_break_type, g_unichar_type,
// g_unichar_get_script: the tables Pango reads), fribidi (bidi types, brackets) and
// unicode_tables.h (Extended_Pictographic, East Asian width, two Indic categories), all
// Unicode 15.0 on Debian 12.
#include "document/pdf/text_analysis.h"

#include <fribidi.h>
#include <glib.h>
#include <hb-glib.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>

#include "document/pdf/unicode_tables.h"

namespace docforge::document::pdf {
namespace {

constexpr char32_t kParagraphSeparator = 0x2029;
constexpr char32_t kZeroWidthJoiner = 0x200D;

// ---------------------------------------------------------------------------------------------
// UTF-8

// REQUIRES: p < end, a valid sequence starts at p. Advances p past it.
char32_t decode_utf8(const unsigned char*& p) {
  unsigned char b = *p++;
  if (b < 0x80) return b;
  if (b < 0xE0) {
    char32_t c = (b & 0x1Fu) << 6 | (p[0] & 0x3Fu);
    p += 1;
    return c;
  }
  if (b < 0xF0) {
    char32_t c = (b & 0x0Fu) << 12 | (p[0] & 0x3Fu) << 6 | (p[1] & 0x3Fu);
    p += 2;
    return c;
  }
  char32_t c = (b & 0x07u) << 18 | (p[0] & 0x3Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
  p += 3;
  return c;
}

std::size_t count_chars(std::string_view utf8) {
  std::size_t n = 0;
  for (char ch : utf8) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Character classes

bool is_extended_pictographic(char32_t c) {
  return unicode_tables::in_ranges(unicode_tables::kExtendedPictographic, c);
}

bool is_east_asian_wide(char32_t c) {
  return c >= 0x1100 && unicode_tables::in_ranges(unicode_tables::kEastAsianWide, c);
}

// GLib's line break class, with classes newer than Pango knows of as Unknown (none in 2.74).
GUnicodeBreakType break_class(char32_t c) {
  GUnicodeBreakType t = g_unichar_break_type(c);
  return t <= G_UNICODE_BREAK_ZERO_WIDTH_JOINER ? t : G_UNICODE_BREAK_UNKNOWN;
}

bool is_hangul_class(GUnicodeBreakType t) {
  return t == G_UNICODE_BREAK_HANGUL_L_JAMO || t == G_UNICODE_BREAK_HANGUL_V_JAMO ||
         t == G_UNICODE_BREAK_HANGUL_T_JAMO || t == G_UNICODE_BREAK_HANGUL_LV_SYLLABLE ||
         t == G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE;
}

bool is_alphabetic_or_hebrew(GUnicodeBreakType t) {
  return t == G_UNICODE_BREAK_ALPHABETIC || t == G_UNICODE_BREAK_HEBREW_LETTER;
}

// Classes after which a line must break (UAX #14 LB4, LB5; CR only when no LF follows).
bool is_hard_break_class(GUnicodeBreakType t) {
  return t == G_UNICODE_BREAK_MANDATORY || t == G_UNICODE_BREAK_CARRIAGE_RETURN ||
         t == G_UNICODE_BREAK_LINE_FEED || t == G_UNICODE_BREAK_NEXT_LINE;
}

// White space as Pango's is_white: space, line and paragraph separators, tab, LF, CR, FF.
bool is_white_space(char32_t c, GUnicodeType type) {
  switch (type) {
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
      return true;
    case G_UNICODE_CONTROL:
      return c == '\t' || c == '\n' || c == '\r' || c == '\f';
    default:
      return false;
  }
}

// Characters after which a break shows no added hyphen (they are one, or are space).
bool is_hyphen_character(char32_t c) {
  switch (c) {
    case '-': case 0x058A: case 0x1400: case 0x1806: case 0x2010: case 0x2E17: case 0x2E40:
    case 0x30A0: case 0xFE63: case 0xFF0D:
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Breaks within one paragraph (its separator included), as Pango's default_break computes them.

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
constexpr std::array<std::array<Jamo, 2>, 6> kJamoStartEnd = {{
    {kJamoL, kJamoL}, {kJamoV, kJamoV}, {kJamoT, kJamoT},
    {kJamoL, kJamoV}, {kJamoL, kJamoT}, {kNoJamo, kNoJamo}}};

Jamo jamo_of(GUnicodeBreakType t) {
  if (!is_hangul_class(t)) return kNoJamo;
  return static_cast<Jamo>(t - G_UNICODE_BREAK_HANGUL_L_JAMO);
}

bool is_ideograph_excluded_from_aletter(char32_t c) {
  return c == 0x3006 || c == 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
         (c >= 0x3038 && c <= 0x303A) || (c >= 0x3400 && c <= 0x4DB5) ||
         (c >= 0x4E00 && c <= 0x9FC3) || (c >= 0xF900 && c <= 0xFA2D) ||
         (c >= 0xFA30 && c <= 0xFA6A) || (c >= 0xFA70 && c <= 0xFAD9) ||
         (c >= 0x20000 && c <= 0x2A6D6) || (c >= 0x2F800 && c <= 0x2FA1D);
}

// The flags of one position, before the character at it.
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

Grapheme ParagraphBreaker::grapheme_class(char32_t wc, GUnicodeType type,
                                          bool makes_hangul_syllable) const {
  switch (type) {
    case G_UNICODE_FORMAT:
      if (wc == 0x200C) return Grapheme::kExtend;
      if (wc == kZeroWidthJoiner) return Grapheme::kZwj;
      if ((wc >= 0x600 && wc <= 0x605) || wc == 0x6DD || wc == 0x70F || wc == 0x8E2 ||
          wc == 0x110BD || wc == 0x110CD)
        return Grapheme::kPrepend;
      if (wc >= 0xE0020 && wc <= 0xE00FF) return Grapheme::kExtend;  // tags
      return Grapheme::kControl;
    case G_UNICODE_CONTROL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SURROGATE:
      return Grapheme::kControl;
    case G_UNICODE_UNASSIGNED:
      if ((wc >= 0xFFF0 && wc <= 0xFFF8) || (wc >= 0xE0000 && wc <= 0xE0FFF))
        return Grapheme::kControl;  // unassigned default ignorables
      [[fallthrough]];
    case G_UNICODE_OTHER_LETTER: {
      Grapheme gb = makes_hangul_syllable ? Grapheme::kInHangulSyllable : Grapheme::kOther;
      if (wc >= 0xD4E &&
          unicode_tables::in_ranges(unicode_tables::kConsonantPrefixedOrPrecedingRepha, wc))
        gb = Grapheme::kPrepend;
      return gb;
    }
    case G_UNICODE_MODIFIER_LETTER:
      return wc == 0xFF9E || wc == 0xFF9F ? Grapheme::kExtend : Grapheme::kOther;
    case G_UNICODE_SPACING_MARK:
      if (wc == 0x09BE || wc == 0x09D7 || wc == 0x0B3E || wc == 0x0B57 || wc == 0x0BBE ||
          wc == 0x0BD7 || wc == 0x0CC2 || wc == 0x0CD5 || wc == 0x0CD6 || wc == 0x0D3E ||
          wc == 0x0D57 || wc == 0x0DCF || wc == 0x0DDF || wc == 0x1D165 ||
          (wc >= 0x1D16E && wc <= 0x1D172))
        return Grapheme::kExtend;  // Other_Grapheme_Extend
      return Grapheme::kSpacingMark;
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return Grapheme::kExtend;
    case G_UNICODE_OTHER_SYMBOL:
      if (wc >= 0x1F1E6 && wc <= 0x1F1FF)
        return prev_grapheme_ == Grapheme::kRiOdd ? Grapheme::kRiEven : Grapheme::kRiOdd;
      return Grapheme::kOther;
    case G_UNICODE_MODIFIER_SYMBOL:
      return wc >= 0x1F3FB && wc <= 0x1F3FF ? Grapheme::kExtend : Grapheme::kOther;  // skin tones
    default:
      return Grapheme::kOther;
  }
}

// UAX #29 grapheme cluster boundary before wc (rules GB3 to GB13, GB999).
bool ParagraphBreaker::grapheme_boundary(char32_t wc, Grapheme gb, bool pictographic) {
  if (met_pictographic_) {  // GB11: Extended_Pictographic Extend* ZWJ x Extended_Pictographic
    met_pictographic_ = gb == Grapheme::kExtend ||
                        (gb == Grapheme::kZwj && is_extended_pictographic(prev_wc_)) ||
                        (gb == Grapheme::kZwj && prev_grapheme_ == Grapheme::kExtend) ||
                        (pictographic && prev_grapheme_ == Grapheme::kZwj);
  }
  bool boundary = true;
  if (wc == '\n' && prev_wc_ == '\r') {
    boundary = false;
  } else if (prev_grapheme_ == Grapheme::kControl || gb == Grapheme::kControl) {
    boundary = true;
  } else if (gb == Grapheme::kInHangulSyllable || gb == Grapheme::kExtend ||
             gb == Grapheme::kZwj || gb == Grapheme::kSpacingMark ||
             prev_grapheme_ == Grapheme::kPrepend) {
    boundary = false;
  } else if (pictographic) {
    boundary = !(prev_grapheme_ == Grapheme::kZwj && met_pictographic_);
  } else if (prev_grapheme_ == Grapheme::kRiOdd && gb == Grapheme::kRiEven) {
    boundary = false;
  }
  if (pictographic) met_pictographic_ = true;
  prev_grapheme_ = gb;
  return boundary;
}

// UAX #29 word boundary before wc, as Pango 1.50 computes it at wc (its later corrections of
// earlier positions, for WB6 and WB12, do not reach the hyphen flags that read this).
bool ParagraphBreaker::word_boundary(char32_t wc, GUnicodeType type,
                                     GUnicodeBreakType raw_class, GUnicodeScript script,
                                     bool pictographic) {
  Word wb = Word::kOther;
  if (script == G_UNICODE_SCRIPT_KATAKANA) wb = Word::kKatakana;
  if (script == G_UNICODE_SCRIPT_HEBREW && type == G_UNICODE_OTHER_LETTER) wb = Word::kHebrewLetter;
  if (wb == Word::kOther) {
    switch (wc >> 8) {
      case 0x30:
        if ((wc >= 0x3031 && wc <= 0x3035) || wc == 0x309B || wc == 0x309C || wc == 0x30A0 ||
            wc == 0x30FC)
          wb = Word::kKatakana;
        break;
      case 0xFF:
        if (wc == 0xFF70) wb = Word::kKatakana;
        else if (wc == 0xFF9E || wc == 0xFF9F) wb = Word::kExtendFormat;
        break;
      case 0x05:
        if (wc == 0x058A) wb = Word::kALetter;
        break;
      default:
        break;
    }
  }
  if (wb == Word::kOther) {
    if (raw_class == G_UNICODE_BREAK_NUMERIC) {
      if (wc != 0x066C) wb = Word::kNumeric;
    } else if (raw_class == G_UNICODE_BREAK_INFIX_SEPARATOR) {
      if (wc != 0x003A && wc != 0xFE13 && wc != 0x002E) wb = Word::kMidNum;
    }
  }
  if (wb == Word::kOther) {
    bool alphabetic = false;
    switch (type) {
      case G_UNICODE_CONTROL:
        if (wc == 0x0D || wc == 0x0A || wc == 0x0B || wc == 0x0C || wc == 0x85)
          wb = Word::kNewline;
        break;
      case G_UNICODE_LINE_SEPARATOR:
      case G_UNICODE_PARAGRAPH_SEPARATOR:
        wb = Word::kNewline;
        break;
      case G_UNICODE_FORMAT:
      case G_UNICODE_SPACING_MARK:
      case G_UNICODE_ENCLOSING_MARK:
      case G_UNICODE_NON_SPACING_MARK:
        wb = Word::kExtendFormat;
        break;
      case G_UNICODE_CONNECT_PUNCTUATION:
        wb = Word::kExtendNumLet;
        break;
      case G_UNICODE_INITIAL_PUNCTUATION:
      case G_UNICODE_FINAL_PUNCTUATION:
        if (wc == 0x2018 || wc == 0x2019) wb = Word::kMidNumLet;
        break;
      case G_UNICODE_OTHER_PUNCTUATION:
        if ((wc >= 0x055A && wc <= 0x055C) || wc == 0x055E || wc == 0x05F3)
          wb = Word::kALetter;
        else if (wc == 0x0027 || wc == 0x002E || wc == 0x2024 || wc == 0xFE52 ||
                 wc == 0xFF07 || wc == 0xFF0E)
          wb = Word::kMidNumLet;
        else if (wc == 0x00B7 || wc == 0x05F4 || wc == 0x2027 || wc == 0x003A ||
                 wc == 0x0387 || wc == 0x055F || wc == 0xFE13 || wc == 0xFE55 || wc == 0xFF1A)
          wb = Word::kMidLetter;
        else if (wc == 0x066C || wc == 0xFE50 || wc == 0xFE54 || wc == 0xFF0C || wc == 0xFF1B)
          wb = Word::kMidNum;
        break;
      case G_UNICODE_OTHER_SYMBOL:
        if (wc >= 0x24B6 && wc <= 0x24E9) alphabetic = true;  // Other_Alphabetic
        else if (wc >= 0x1F1E6 && wc <= 0x1F1FF)
          wb = prev_word_ == Word::kRiOdd ? Word::kRiEven : Word::kRiOdd;
        break;
      case G_UNICODE_OTHER_LETTER:
      case G_UNICODE_LETTER_NUMBER:
        alphabetic = !is_ideograph_excluded_from_aletter(wc);
        break;
      case G_UNICODE_LOWERCASE_LETTER:
      case G_UNICODE_MODIFIER_LETTER:
      case G_UNICODE_TITLECASE_LETTER:
      case G_UNICODE_UPPERCASE_LETTER:
        alphabetic = true;
        break;
      default:
        break;
    }
    if (alphabetic && raw_class != G_UNICODE_BREAK_COMPLEX_CONTEXT &&
        script != G_UNICODE_SCRIPT_HIRAGANA)
      wb = Word::kALetter;
  }
  if (wb == Word::kOther && type == G_UNICODE_SPACE_SEPARATOR &&
      raw_class != G_UNICODE_BREAK_NON_BREAKING_GLUE)
    wb = Word::kWSegSpace;

  auto letter_or_number = [](Word w) {
    return w == Word::kALetter || w == Word::kHebrewLetter || w == Word::kNumeric;
  };
  auto letter = [](Word w) { return w == Word::kALetter || w == Word::kHebrewLetter; };
  bool boundary;
  if (prev_word_ == Word::kNewline && prev_word_index_ + 1 == index_)
    boundary = true;  // WB3a
  else if (wb == Word::kNewline)
    boundary = true;  // WB3b
  else if (prev_wc_ == kZeroWidthJoiner && pictographic)
    boundary = false;  // WB3c
  else if (prev_word_ == Word::kWSegSpace && wb == Word::kWSegSpace &&
           prev_word_index_ + 1 == index_)
    boundary = false;  // WB3d
  else if (wb == Word::kExtendFormat)
    boundary = false;  // WB4
  else if (letter_or_number(prev_word_) && letter_or_number(wb))
    boundary = false;  // WB5, WB8, WB9, WB10
  else if (prev_word_ == Word::kKatakana && wb == Word::kKatakana)
    boundary = false;  // WB13
  else if ((letter_or_number(prev_word_) || prev_word_ == Word::kKatakana ||
            prev_word_ == Word::kExtendNumLet) &&
           wb == Word::kExtendNumLet)
    boundary = false;  // WB13a
  else if (prev_word_ == Word::kExtendNumLet &&
           (letter_or_number(wb) || wb == Word::kKatakana))
    boundary = false;  // WB13b
  else if (letter(prev_prev_word_) && letter(wb) &&
           (prev_word_ == Word::kMidLetter || prev_word_ == Word::kMidNumLet ||
            prev_wc_ == 0x0027))
    boundary = false;  // WB7
  else if (prev_word_ == Word::kHebrewLetter && wc == 0x0027)
    boundary = false;  // WB7a
  else if (prev_prev_word_ == Word::kHebrewLetter && prev_wc_ == 0x0022 &&
           wb == Word::kHebrewLetter)
    boundary = false;  // WB7c
  else if (prev_prev_word_ == Word::kNumeric && wb == Word::kNumeric &&
           (prev_word_ == Word::kMidNum || prev_word_ == Word::kMidNumLet ||
            prev_wc_ == 0x0027))
    boundary = false;  // WB11
  else if (prev_word_ == Word::kRiOdd && wb == Word::kRiEven)
    boundary = false;  // WB15, WB16
  else
    boundary = true;  // WB999
  if (wb != Word::kExtendFormat) {
    prev_prev_word_ = prev_word_;
    prev_word_ = wb;
    prev_word_index_ = index_;
  }
  return boundary;
}

// Whether t is one of Classes: one bit test (every class GLib 2.74 has is below 64).
template <GUnicodeBreakType... Classes>
constexpr bool is_any(GUnicodeBreakType t) {
  constexpr std::uint64_t mask = ((std::uint64_t{1} << Classes) | ...);
  return (mask >> t) & 1;
}
static_assert(G_UNICODE_BREAK_ZERO_WIDTH_JOINER < 64);

// UAX #14 LB4 to LB30b between the previous character (class prev_class_, or the one before
// spaces: LB18's "row" class) and this one of class cls; sets *mandatory for LB4/LB5.
bool ParagraphBreaker::line_break_allowed(char32_t wc, GUnicodeBreakType cls,
                                          GUnicodeBreakType next_class, NumericState numeric,
                                          bool* mandatory) const {
  using T = GUnicodeBreakType;
  const T prev = prev_class_;
  T row = prev == G_UNICODE_BREAK_SPACE ? prev_prev_class_ : prev;
  if (row == G_UNICODE_BREAK_UNKNOWN) row = G_UNICODE_BREAK_ALPHABETIC;
  // The most frequent pairs first, decided as the rules below decide them (checked by the
  // tests): no break before a space (LB7) unless after a hard break, none between letters
  // (LB28), and one after a space unless it follows an opening punctuation (LB18, LB14).
  if (cls == G_UNICODE_BREAK_SPACE && !is_hard_break_class(prev)) return false;
  if (cls == G_UNICODE_BREAK_ALPHABETIC) {
    if (prev == G_UNICODE_BREAK_ALPHABETIC) return false;
    if (prev == G_UNICODE_BREAK_SPACE) return row != G_UNICODE_BREAK_OPEN_PUNCTUATION;
  }
  enum class Op { kDefault, kProhibited, kAllowed } op = Op::kDefault;
  // Lowest priority first: each later rule overrides.
  constexpr auto letter_or_numeric =
      is_any<G_UNICODE_BREAK_ALPHABETIC, G_UNICODE_BREAK_HEBREW_LETTER, G_UNICODE_BREAK_NUMERIC>;
  if (letter_or_numeric(prev) && cls == G_UNICODE_BREAK_OPEN_PUNCTUATION &&
      !is_east_asian_wide(wc))
    op = Op::kProhibited;  // LB30
  if (prev == G_UNICODE_BREAK_CLOSE_PARANTHESIS && !is_east_asian_wide(prev_wc_) &&
      letter_or_numeric(cls))
    op = Op::kProhibited;  // LB30
  if (prev_numeric_ == NumericState::kRiOdd && numeric == NumericState::kRiEven)
    op = Op::kProhibited;  // LB30a
  if (prev == G_UNICODE_BREAK_EMOJI_BASE && cls == G_UNICODE_BREAK_EMOJI_MODIFIER)
    op = Op::kProhibited;  // LB30b
  if (cls == G_UNICODE_BREAK_EMOJI_MODIFIER && is_extended_pictographic(prev_wc_) &&
      g_unichar_type(prev_wc_) == G_UNICODE_UNASSIGNED)
    op = Op::kProhibited;  // LB30b
  if (prev == G_UNICODE_BREAK_INFIX_SEPARATOR && is_alphabetic_or_hebrew(cls))
    op = Op::kProhibited;  // LB29
  if (is_alphabetic_or_hebrew(prev) && is_alphabetic_or_hebrew(cls))
    op = Op::kProhibited;  // LB28
  if (is_hangul_class(prev) && cls == G_UNICODE_BREAK_POSTFIX) op = Op::kProhibited;  // LB27
  if (prev == G_UNICODE_BREAK_PREFIX && is_hangul_class(cls)) op = Op::kProhibited;   // LB27
  if (prev == G_UNICODE_BREAK_HANGUL_L_JAMO &&
      is_any<G_UNICODE_BREAK_HANGUL_L_JAMO, G_UNICODE_BREAK_HANGUL_V_JAMO,
             G_UNICODE_BREAK_HANGUL_LV_SYLLABLE, G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE>(cls))
    op = Op::kProhibited;  // LB26
  if (is_any<G_UNICODE_BREAK_HANGUL_V_JAMO, G_UNICODE_BREAK_HANGUL_LV_SYLLABLE>(prev) &&
      is_any<G_UNICODE_BREAK_HANGUL_V_JAMO, G_UNICODE_BREAK_HANGUL_T_JAMO>(cls))
    op = Op::kProhibited;  // LB26
  if (is_any<G_UNICODE_BREAK_HANGUL_T_JAMO, G_UNICODE_BREAK_HANGUL_LVT_SYLLABLE>(prev) &&
      cls == G_UNICODE_BREAK_HANGUL_T_JAMO)
    op = Op::kProhibited;  // LB26
  const bool prev_pr_po = is_any<G_UNICODE_BREAK_PREFIX, G_UNICODE_BREAK_POSTFIX>(prev);
  if (prev_pr_po && cls == G_UNICODE_BREAK_NUMERIC) op = Op::kProhibited;  // LB25
  if (prev_pr_po && is_any<G_UNICODE_BREAK_OPEN_PUNCTUATION, G_UNICODE_BREAK_HYPHEN>(cls) &&
      next_class == G_UNICODE_BREAK_NUMERIC)
    op = Op::kProhibited;  // LB25
  if (is_any<G_UNICODE_BREAK_OPEN_PUNCTUATION, G_UNICODE_BREAK_HYPHEN>(prev) &&
      cls == G_UNICODE_BREAK_NUMERIC)
    op = Op::kProhibited;  // LB25
  if (prev == G_UNICODE_BREAK_NUMERIC &&
      is_any<G_UNICODE_BREAK_NUMERIC, G_UNICODE_BREAK_SYMBOL, G_UNICODE_BREAK_INFIX_SEPARATOR>(cls))
    op = Op::kProhibited;  // LB25
  if (prev_numeric_ == NumericState::kNumeric &&
      is_any<G_UNICODE_BREAK_NUMERIC, G_UNICODE_BREAK_SYMBOL, G_UNICODE_BREAK_INFIX_SEPARATOR,
             G_UNICODE_BREAK_CLOSE_PUNCTUATION, G_UNICODE_BREAK_CLOSE_PARANTHESIS>(cls))
    op = Op::kProhibited;  // LB25
  if ((prev_numeric_ == NumericState::kNumeric ||
       prev_numeric_ == NumericState::kNumericClose) &&
      is_any<G_UNICODE_BREAK_POSTFIX, G_UNICODE_BREAK_PREFIX>(cls))
    op = Op::kProhibited;  // LB25
  if (prev_pr_po && is_alphabetic_or_hebrew(cls)) op = Op::kProhibited;  // LB24
  if (is_alphabetic_or_hebrew(prev) &&
      is_any<G_UNICODE_BREAK_PREFIX, G_UNICODE_BREAK_POSTFIX>(cls))
    op = Op::kProhibited;  // LB24
  if (is_alphabetic_or_hebrew(prev) && cls == G_UNICODE_BREAK_NUMERIC)
    op = Op::kProhibited;  // LB23
  if (prev == G_UNICODE_BREAK_NUMERIC && is_alphabetic_or_hebrew(cls))
    op = Op::kProhibited;  // LB23
  if (prev == G_UNICODE_BREAK_PREFIX &&
      is_any<G_UNICODE_BREAK_IDEOGRAPHIC, G_UNICODE_BREAK_EMOJI_BASE,
             G_UNICODE_BREAK_EMOJI_MODIFIER>(cls))
    op = Op::kProhibited;  // LB23a
  if (is_any<G_UNICODE_BREAK_IDEOGRAPHIC, G_UNICODE_BREAK_EMOJI_BASE,
             G_UNICODE_BREAK_EMOJI_MODIFIER>(prev) &&
      cls == G_UNICODE_BREAK_POSTFIX)
    op = Op::kProhibited;  // LB23a
  if (cls == G_UNICODE_BREAK_INSEPARABLE) op = Op::kProhibited;  // LB22
  if (is_any<G_UNICODE_BREAK_AFTER, G_UNICODE_BREAK_HYPHEN, G_UNICODE_BREAK_NON_STARTER>(cls) ||
      prev == G_UNICODE_BREAK_BEFORE)
    op = Op::kProhibited;  // LB21
  if (prev_prev_class_ == G_UNICODE_BREAK_HEBREW_LETTER &&
      is_any<G_UNICODE_BREAK_HYPHEN, G_UNICODE_BREAK_AFTER>(prev))
    op = Op::kProhibited;  // LB21a
  if (prev == G_UNICODE_BREAK_SYMBOL && cls == G_UNICODE_BREAK_HEBREW_LETTER)
    op = Op::kProhibited;  // LB21b
  if (prev == G_UNICODE_BREAK_CONTINGENT || cls == G_UNICODE_BREAK_CONTINGENT)
    op = Op::kAllowed;  // LB20
  if (prev == G_UNICODE_BREAK_QUOTATION || cls == G_UNICODE_BREAK_QUOTATION)
    op = Op::kProhibited;  // LB19
  if (prev == G_UNICODE_BREAK_SPACE) op = Op::kAllowed;  // LB18
  if (row == G_UNICODE_BREAK_BEFORE_AND_AFTER && cls == G_UNICODE_BREAK_BEFORE_AND_AFTER)
    op = Op::kProhibited;  // LB17
  if (is_any<G_UNICODE_BREAK_CLOSE_PUNCTUATION, G_UNICODE_BREAK_CLOSE_PARANTHESIS>(row) &&
      cls == G_UNICODE_BREAK_NON_STARTER)
    op = Op::kProhibited;  // LB16
  if (row == G_UNICODE_BREAK_QUOTATION && cls == G_UNICODE_BREAK_OPEN_PUNCTUATION)
    op = Op::kProhibited;  // LB15
  if (row == G_UNICODE_BREAK_OPEN_PUNCTUATION) op = Op::kProhibited;  // LB14
  if (cls == G_UNICODE_BREAK_EXCLAMATION) op = Op::kProhibited;       // LB13
  if (prev != G_UNICODE_BREAK_NUMERIC &&
      is_any<G_UNICODE_BREAK_CLOSE_PUNCTUATION, G_UNICODE_BREAK_CLOSE_PARANTHESIS,
             G_UNICODE_BREAK_INFIX_SEPARATOR, G_UNICODE_BREAK_SYMBOL>(cls))
    op = Op::kProhibited;  // LB13, tailored as in UAX #14's example 7
  if (prev == G_UNICODE_BREAK_NON_BREAKING_GLUE) op = Op::kProhibited;  // LB12
  if (cls == G_UNICODE_BREAK_NON_BREAKING_GLUE &&
      !is_any<G_UNICODE_BREAK_SPACE, G_UNICODE_BREAK_AFTER, G_UNICODE_BREAK_HYPHEN>(prev))
    op = Op::kProhibited;  // LB12a
  if (prev == G_UNICODE_BREAK_WORD_JOINER || cls == G_UNICODE_BREAK_WORD_JOINER)
    op = Op::kProhibited;  // LB11
  if (is_any<G_UNICODE_BREAK_COMBINING_MARK, G_UNICODE_BREAK_ZERO_WIDTH_JOINER>(cls) &&
      !(is_hard_break_class(prev) || prev == G_UNICODE_BREAK_SPACE ||
        prev == G_UNICODE_BREAK_ZERO_WIDTH_SPACE))
    op = Op::kProhibited;  // LB9
  if (row == G_UNICODE_BREAK_ZERO_WIDTH_SPACE) op = Op::kAllowed;  // LB8
  if (prev_wc_ == kZeroWidthJoiner) op = Op::kProhibited;           // LB8a
  if (cls == G_UNICODE_BREAK_SPACE || cls == G_UNICODE_BREAK_ZERO_WIDTH_SPACE)
    op = Op::kProhibited;  // LB7
  if (is_hard_break_class(cls)) op = Op::kProhibited;  // LB6
  if (prev == G_UNICODE_BREAK_MANDATORY ||
      (prev == G_UNICODE_BREAK_CARRIAGE_RETURN && wc != '\n') ||
      prev == G_UNICODE_BREAK_LINE_FEED || prev == G_UNICODE_BREAK_NEXT_LINE) {
    *mandatory = true;  // LB4, LB5
    op = Op::kAllowed;
  }
  return op != Op::kProhibited;  // LB31: break everywhere else
}

PositionBreaks ParagraphBreaker::step(char32_t wc, GUnicodeBreakType raw_class,
                                      GUnicodeScript script, GUnicodeBreakType next_class,
                                      bool first) {
  PositionBreaks out;
  const GUnicodeType type = g_unichar_type(wc);
  const Jamo jamo = jamo_of(raw_class);
  bool makes_hangul_syllable = false;
  if (jamo != kNoJamo) {
    int prev_end = kJamoStartEnd[prev_jamo_][1];
    int this_start = kJamoStartEnd[jamo][0];
    makes_hangul_syllable = prev_end == this_start || prev_end + 1 == this_start;
  }
  out.white = is_white_space(wc, type);
  const bool pictographic = wc >= 0xA9 && is_extended_pictographic(wc);

  const bool grapheme_break =
      grapheme_boundary(wc, grapheme_class(wc, type, makes_hangul_syllable), pictographic);
  const bool regional_indicator = wc >= 0x1F1E6 && wc <= 0x1F1FF;
  const bool word_break = (grapheme_break || regional_indicator) &&
                          word_boundary(wc, type, raw_class, script, pictographic);

  // ---- Line breaking (UAX #14) ----
  GUnicodeBreakType cls = raw_class;  // LB1
  switch (cls) {
    case G_UNICODE_BREAK_AMBIGUOUS:
    case G_UNICODE_BREAK_SURROGATE:
    case G_UNICODE_BREAK_UNKNOWN:
      cls = G_UNICODE_BREAK_ALPHABETIC;
      break;
    case G_UNICODE_BREAK_COMPLEX_CONTEXT:
      cls = type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK
                ? G_UNICODE_BREAK_COMBINING_MARK
                : G_UNICODE_BREAK_ALPHABETIC;
      break;
    case G_UNICODE_BREAK_CONDITIONAL_JAPANESE_STARTER:
      cls = G_UNICODE_BREAK_NON_STARTER;
      break;
    default:
      break;
  }
  const bool combining = cls == G_UNICODE_BREAK_COMBINING_MARK ||
                         cls == G_UNICODE_BREAK_ZERO_WIDTH_JOINER;
  // Inside a grapheme cluster there is no line break either, except before the classes whose
  // own rules decide.
  if (grapheme_break || combining || is_hangul_class(cls) ||
      cls == G_UNICODE_BREAK_EMOJI_MODIFIER || cls == G_UNICODE_BREAK_REGIONAL_INDICATOR) {
    NumericState numeric = NumericState::kOther;
    if (cls == G_UNICODE_BREAK_NUMERIC) numeric = NumericState::kNumeric;
    if (cls == G_UNICODE_BREAK_CLOSE_PUNCTUATION || cls == G_UNICODE_BREAK_CLOSE_PARANTHESIS)
      numeric = prev_numeric_ == NumericState::kNumeric ? NumericState::kNumericClose
                                                       : NumericState::kOther;
    if (cls == G_UNICODE_BREAK_REGIONAL_INDICATOR)
      numeric = prev_numeric_ == NumericState::kRiOdd ? NumericState::kRiEven
                                                     : NumericState::kRiOdd;
    out.char_break = grapheme_break;
    out.line_break = line_break_allowed(wc, cls, next_class, numeric, &out.mandatory_break);
    if (!combining) {  // LB9: a mark takes the class of its base
      bool keeps_numeric = cls == G_UNICODE_BREAK_NUMERIC || cls == G_UNICODE_BREAK_SYMBOL ||
                           cls == G_UNICODE_BREAK_INFIX_SEPARATOR;
      if (!keeps_numeric || prev_numeric_ != NumericState::kNumeric) prev_numeric_ = numeric;
    }
  }
  if (cls != G_UNICODE_BREAK_SPACE) {
    if (combining) {
      if (first || is_hard_break_class(prev_class_) || prev_class_ == G_UNICODE_BREAK_SPACE ||
          prev_class_ == G_UNICODE_BREAK_ZERO_WIDTH_SPACE)
        prev_class_ = G_UNICODE_BREAK_ALPHABETIC;  // LB10
    } else {
      prev_prev_class_ = prev_class_;
      prev_class_ = cls;
    }
    prev_jamo_ = jamo;
  } else if (prev_class_ != G_UNICODE_BREAK_SPACE) {
    prev_prev_class_ = prev_class_;
    prev_class_ = cls;
  }

  // ---- Hyphens: does a line ending here show one? ----
  bool insert_hyphens;
  switch (prev_script_) {
    case G_UNICODE_SCRIPT_COMMON:
      insert_hyphens = prev_wc_ == 0x00AD;  // after a soft hyphen
      break;
    case G_UNICODE_SCRIPT_HAN:
    case G_UNICODE_SCRIPT_HANGUL:
    case G_UNICODE_SCRIPT_HIRAGANA:
    case G_UNICODE_SCRIPT_KATAKANA:
      insert_hyphens = false;
      break;
    default:
      insert_hyphens = true;
      break;
  }
  const bool space_or_hyphen = out.white || is_hyphen_character(wc);
  out.inserts_hyphen =
      !word_break && !prev_space_or_hyphen_ && !space_or_hyphen && insert_hyphens;
  if (prev_wc_ == 0x2027) {  // hyphenation point: drawn as a hyphen when the line ends after it
    out.inserts_hyphen = true;
    out.removes_preceding = true;
  }
  prev_space_or_hyphen_ = space_or_hyphen;

  prev_wc_ = wc;
  prev_script_ = script;
  ++index_;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

struct Paragraph {
  std::size_t begin = 0;      // first character
  std::size_t separator = 0;  // first character of the separator (end of the content)
  std::size_t end = 0;        // one past the separator
};

// The paragraph starting at `begin`, as pango_find_paragraph_boundary splits it.
Paragraph next_paragraph(const std::vector<CharInfo>& chars, std::size_t begin) {
  Paragraph p{begin, chars.size(), chars.size()};
  for (std::size_t i = begin; i < chars.size(); ++i) {
    char32_t c = chars[i].c;
    if (c == '\n' || c == kParagraphSeparator) {
      p.separator = i;
      p.end = i + 1;
      break;
    }
    if (c == '\r') {
      p.separator = i;
      p.end = i + 1 < chars.size() && chars[i + 1].c == '\n' ? i + 2 : i + 1;
      break;
    }
  }
  return p;
}

// Per-character values analyze_text keeps between its passes.
struct Scratch {
  FriBidiCharType bidi_type = 0;
  GUnicodeScript script = G_UNICODE_SCRIPT_COMMON;  // the character's own (unresolved)
};

// Fills the break flags of chars [p.begin, p.end); returns whether the position after the
// paragraph is a grapheme boundary (it always is: Pango assumes a paragraph separator there).
bool break_paragraph(const Paragraph& p, std::vector<CharInfo>& chars,
                     std::vector<Scratch>& scratch) {
  ParagraphBreaker breaker;
  // The first position keeps what the previous paragraph's end gave it (a mandatory break), as
  // pango_default_break ORs it.
  const bool was_line_break = p.begin < chars.size() && chars[p.begin].line_break;
  const bool was_mandatory = p.begin < chars.size() && chars[p.begin].mandatory_break;
  GUnicodeBreakType next_class =
      p.begin < p.end ? break_class(chars[p.begin].c) : break_class(kParagraphSeparator);
  for (std::size_t i = p.begin; i < p.end; ++i) {
    CharInfo& ch = chars[i];
    GUnicodeBreakType cls = next_class;
    next_class = break_class(i + 1 < p.end ? chars[i + 1].c : kParagraphSeparator);
    GUnicodeScript script = g_unichar_get_script(ch.c);
    scratch[i].script = script;
    scratch[i].bidi_type = fribidi_get_bidi_type(ch.c);
    PositionBreaks b = breaker.step(ch.c, cls, script, next_class, i == p.begin);
    ch.line_break = b.line_break;
    ch.mandatory_break = b.mandatory_break;
    ch.char_break = b.char_break;
    ch.break_inserts_hyphen = b.inserts_hyphen;
    ch.break_removes_preceding = b.removes_preceding;
    ch.white = b.white;
    ch.paragraph_separator = i >= p.separator;
  }
  PositionBreaks end = breaker.step(kParagraphSeparator, break_class(kParagraphSeparator),
                                    G_UNICODE_SCRIPT_COMMON, G_UNICODE_BREAK_UNKNOWN,
                                    p.begin == p.end);
  if (p.begin < p.end) {
    chars[p.begin].line_break = was_line_break;  // LB2: never before the first character ...
    chars[p.begin].mandatory_break |= was_mandatory;
  }
  if (p.end < chars.size()) {  // LB3: always after the last (the next paragraph's first)
    chars[p.end].line_break = true;
    chars[p.end].mandatory_break = true;
  }
  return end.char_break;
}

// ---------------------------------------------------------------------------------------------
// Scripts (as PangoScriptIter: Common, Inherited and Unknown characters join the run they are
// in; paired brackets take the script of their opening bracket)

bool is_real_script(GUnicodeScript s) {
  return s > G_UNICODE_SCRIPT_INHERITED && s != G_UNICODE_SCRIPT_UNKNOWN;
}

// Index of c among the paired punctuation (even: opening, odd: closing), or -1.
int pair_index(char32_t c) {
  if (c < 0x80) {
    switch (c) {
      case '(': return 0;
      case ')': return 1;
      case '<': return 2;
      case '>': return 3;
      case '[': return 4;
      case ']': return 5;
      case '{': return 6;
      case '}': return 7;
      default: return -1;
    }
  }
  static constexpr char32_t kPairs[] = {
      0x0028, 0x0029, 0x003C, 0x003E, 0x005B, 0x005D, 0x007B, 0x007D, 0x00AB, 0x00BB,
      0x0F3A, 0x0F3B, 0x0F3C, 0x0F3D, 0x169B, 0x169C, 0x2018, 0x2019, 0x201C, 0x201D,
      0x2039, 0x203A, 0x2045, 0x2046, 0x207D, 0x207E, 0x208D, 0x208E, 0x27E6, 0x27E7,
      0x27E8, 0x27E9, 0x27EA, 0x27EB, 0x27EC, 0x27ED, 0x27EE, 0x27EF, 0x2983, 0x2984,
      0x2985, 0x2986, 0x2987, 0x2988, 0x2989, 0x298A, 0x298B, 0x298C, 0x298D, 0x298E,
      0x298F, 0x2990, 0x2991, 0x2992, 0x2993, 0x2994, 0x2995, 0x2996, 0x2997, 0x2998,
      0x29FC, 0x29FD, 0x2E02, 0x2E03, 0x2E04, 0x2E05, 0x2E09, 0x2E0A, 0x2E0C, 0x2E0D,
      0x2E1C, 0x2E1D, 0x2E20, 0x2E21, 0x2E22, 0x2E23, 0x2E24, 0x2E25, 0x2E26, 0x2E27,
      0x2E28, 0x2E29, 0x3008, 0x3009, 0x300A, 0x300B, 0x300C, 0x300D, 0x300E, 0x300F,
      0x3010, 0x3011, 0x3014, 0x3015, 0x3016, 0x3017, 0x3018, 0x3019, 0x301A, 0x301B,
      0xFE59, 0xFE5A, 0xFE5B, 0xFE5C, 0xFE5D, 0xFE5E, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D,
      0xFF5B, 0xFF5D, 0xFF5F, 0xFF60, 0xFF62, 0xFF63};
  const char32_t* it = std::lower_bound(std::begin(kPairs), std::end(kPairs), c);
  return it != std::end(kPairs) && *it == c ? static_cast<int>(it - std::begin(kPairs)) : -1;
}

// Resolves the scripts of chars [begin, end) (a paragraph without its separator) in place,
// from their own scripts in scratch.
void resolve_scripts(std::size_t begin, std::size_t end, std::vector<CharInfo>& chars,
                     const std::vector<Scratch>& scratch) {
  struct Open {
    int pair = 0;
    GUnicodeScript script = G_UNICODE_SCRIPT_COMMON;
  };
  constexpr int kDepth = 128;  // deeper nesting wraps around, as in Pango
  std::array<Open, kDepth> stack;
  int sp = -1;
  std::size_t run_begin = begin;
  while (run_begin < end) {
    GUnicodeScript run_script = G_UNICODE_SCRIPT_COMMON;
    int start_sp = sp;
    std::size_t i = run_begin;
    for (; i < end; ++i) {
      GUnicodeScript sc = scratch[i].script;
      int pair = sc == G_UNICODE_SCRIPT_COMMON ? pair_index(chars[i].c) : -1;
      const bool opening = pair >= 0 && (pair & 1) == 0;
      if (pair >= 0) {
        if (opening) {
          if (++sp >= kDepth) sp = 0;
          stack[sp] = {pair, run_script};
        } else if (sp >= 0) {
          while (sp >= 0 && stack[sp].pair != (pair & ~1)) --sp;
          if (sp < start_sp) start_sp = sp;
          if (sp >= 0) sc = stack[sp].script;
        }
      }
      if (!is_real_script(run_script) || !is_real_script(sc) || run_script == sc) {
        if (!is_real_script(run_script) && is_real_script(sc)) {
          run_script = sc;
          while (start_sp < sp) stack[++start_sp].script = run_script;  // brackets opened early
        }
        if (pair >= 0 && !opening && sp >= 0) {
          --sp;
          if (sp < start_sp) start_sp = sp;
        }
      } else {
        break;  // another script: the run ends before this character
      }
    }
    const hb_script_t script = hb_glib_script_to_script(run_script);
    for (std::size_t j = run_begin; j < i; ++j) chars[j].script = script;
    run_begin = i;
  }
}

// ---------------------------------------------------------------------------------------------
// Bidi levels

enum class BaseDirection : std::uint8_t { kNeutral, kLtr, kRtl, kWeakLtr };

BaseDirection first_strong(const std::vector<Scratch>& scratch, std::size_t begin,
                           std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    FriBidiCharType t = scratch[i].bidi_type;
    if (FRIBIDI_IS_STRONG(t)) return FRIBIDI_IS_RTL(t) ? BaseDirection::kRtl : BaseDirection::kLtr;
  }
  return BaseDirection::kNeutral;
}

// Levels of chars [begin, end) (a paragraph without its separator), as
// pango_log2vis_get_embedding_levels gives them; returns the resolved paragraph level.
std::uint8_t resolve_levels(std::size_t begin, std::size_t end, BaseDirection dir,
                            std::vector<CharInfo>& chars, const std::vector<Scratch>& scratch,
                            std::vector<FriBidiCharType>& types,
                            std::vector<FriBidiBracketType>& brackets,
                            std::vector<FriBidiLevel>& levels) {
  FriBidiParType base = dir == BaseDirection::kLtr   ? FRIBIDI_PAR_LTR
                        : dir == BaseDirection::kRtl ? FRIBIDI_PAR_RTL
                                                     : FRIBIDI_PAR_WLTR;
  FriBidiCharType ored = 0;
  FriBidiCharType anded_strongs = FRIBIDI_TYPE_RLE;
  for (std::size_t i = begin; i < end; ++i) {
    FriBidiCharType t = scratch[i].bidi_type;
    ored |= t;
    if (FRIBIDI_IS_STRONG(t)) anded_strongs &= t;
  }
  auto fill = [&](std::uint8_t level) {
    for (std::size_t i = begin; i < end; ++i) chars[i].level = level;
    return level;
  };
  // Pango's shortcuts for text that is all one direction (they also skip fribidi's rules).
  if (!FRIBIDI_IS_ISOLATE(ored) && !FRIBIDI_IS_RTL(ored) && !FRIBIDI_IS_ARABIC(ored) &&
      (!FRIBIDI_IS_RTL(base) || (FRIBIDI_IS_WEAK(base) && FRIBIDI_IS_LETTER(ored))))
    return fill(0);
  if (!FRIBIDI_IS_ISOLATE(ored) && !FRIBIDI_IS_NUMBER(ored) && FRIBIDI_IS_RTL(anded_strongs) &&
      (FRIBIDI_IS_RTL(base) || (FRIBIDI_IS_WEAK(base) && FRIBIDI_IS_LETTER(ored))))
    return fill(1);
  const std::size_t n = end - begin;
  types.resize(n);
  brackets.resize(n);
  levels.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    types[i] = scratch[begin + i].bidi_type;
    brackets[i] = types[i] == FRIBIDI_TYPE_ON ? fribidi_get_bracket(chars[begin + i].c)
                                              : FRIBIDI_NO_BRACKET;
  }
  FriBidiLevel max_level = fribidi_get_par_embedding_levels_ex(
      types.data(), brackets.data(), static_cast<FriBidiStrIndex>(n), &base, levels.data());
  if (max_level == 0) return fill(0);  // fribidi failed (out of memory)
  for (std::size_t i = 0; i < n; ++i) chars[begin + i].level = static_cast<std::uint8_t>(levels[i]);
  return base == FRIBIDI_PAR_RTL ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Script-specific tailoring (Pango's break_indic): no break or cluster boundary around a zero
// width (non-)joiner in the Brahmic scripts. Thai dictionary breaks (libthai) are not made.

bool is_indic(hb_script_t s) {
  switch (s) {
    case HB_SCRIPT_DEVANAGARI: case HB_SCRIPT_BENGALI: case HB_SCRIPT_GURMUKHI:
    case HB_SCRIPT_GUJARATI: case HB_SCRIPT_ORIYA: case HB_SCRIPT_TAMIL: case HB_SCRIPT_TELUGU:
    case HB_SCRIPT_KANNADA: case HB_SCRIPT_MALAYALAM: case HB_SCRIPT_SINHALA:
      return true;
    default:
      return false;
  }
}

void no_boundary(CharInfo& ch) {
  if (ch.mandatory_break) return;
  ch.char_break = false;
  ch.line_break = false;
}

// chars [begin, end) are one item: one script, one level.
void tailor_indic(std::size_t begin, std::size_t end, std::vector<CharInfo>& chars) {
  const bool sinhala = chars[begin].script == HB_SCRIPT_SINHALA;
  const bool first_line_break = chars[begin].line_break;
  const bool first_mandatory = chars[begin].mandatory_break;
  bool conjunct = false;
  char32_t prev = 0;
  for (std::size_t i = begin; i < end; ++i) {
    const char32_t c = chars[i].c;
    const char32_t next = i + 1 < end ? chars[i + 1].c : 0;
    const char32_t next_next = i + 2 < end ? chars[i + 2].c : 0;
    if (sinhala) {
      if ((c == 0x0DCA && next == kZeroWidthJoiner) || (c == kZeroWidthJoiner && next == 0x0DCA)) {
        no_boundary(chars[i]);
        no_boundary(chars[i + 1]);
        conjunct = true;
      } else if (conjunct && (prev == kZeroWidthJoiner || prev == 0x0DCA) && c >= 0x0D9A &&
                 c <= 0x0DC6) {
        no_boundary(chars[i]);
        conjunct = false;
      }
    } else if (prev != 0 && (c == kZeroWidthJoiner || c == 0x200C)) {
      no_boundary(chars[i]);
      if (next != 0) {
        no_boundary(chars[i + 1]);
        const bool virama = next == 0x09CD || next == 0x0ACD || next == 0x094D ||
                            next == 0x0CCD || next == 0x0D4D || next == 0x0B4D ||
                            next == 0x0A4D || next == 0x0BCD || next == 0x0C4D;
        if (next_next != 0 && virama) no_boundary(chars[i + 2]);
      }
    }
    prev = c;
  }
  chars[begin].line_break |= first_line_break;  // pango_tailor_break keeps the item's start
  chars[begin].mandatory_break |= first_mandatory;
}

// Pango tailors breaks item by item, and splits items where the font changes, which depends on
// the fonts installed. Within a run of an Indic script, items are approximated as Pango makes
// them with the Noto fonts of these scripts (Noto Sans Devanagari's repertoire): besides their
// letters, marks and digits, those fonts have most ASCII punctuation, a few spaces, dashes and
// quotes, which therefore stay in the letters' item; other characters (Latin letters, other
// scripts' marks, CJK punctuation, symbols) take another font.
// Tabs and line separators are items of their own, and so are emoji (Pango's emoji
// segmentation). Space-like characters (Pango's consider_as_space) take no font of their own:
// they stay in the current item, except after an emoji, where they join the next one, and
// after a fallback font, where they join the next item when its font is the run's own (Pango
// moves trailing spaces to the less fallback font).
enum class ItemFont : std::uint8_t { kScript, kOther, kCjk, kEmoji, kForced };

bool is_space_like(char32_t c, GUnicodeType type) {
  return type == G_UNICODE_CONTROL ||
         (type == G_UNICODE_FORMAT && !((c >= 0x600 && c <= 0x6FF) || c == 0x70F || c == 0x8E2)) ||
         type == G_UNICODE_SURROGATE || type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         (type == G_UNICODE_SPACE_SEPARATOR && c != 0x1680) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xE0100 && c <= 0xE01EF);
}

ItemFont item_font(char32_t c, hb_script_t item_script, GUnicodeScript own) {
  if (c == '\t' || c == 0x2028) return ItemFont::kForced;
  if (c >= 0xA9 && (is_extended_pictographic(c) || (c >= 0x1F3FB && c <= 0x1F3FF)))
    return ItemFont::kEmoji;
  if (own == G_UNICODE_SCRIPT_INHERITED) {  // the Vedic signs, not other scripts' marks
    return (c >= 0x951 && c <= 0x954) || (c >= 0x1CD0 && c <= 0x1CF9) || c == 0x20F0
               ? ItemFont::kScript
               : ItemFont::kOther;
  }
  if (own != G_UNICODE_SCRIPT_COMMON)
    return hb_glib_script_to_script(own) == item_script ? ItemFont::kScript : ItemFont::kOther;
  if (c < 0x80) {  // space ! " # % ' ( ) * + , - . / 0-9 : ; < = > ? [ \ ] ^ _ { | } ~
    return (c >= 0x20 && c <= 0x23) || c == 0x25 || (c >= 0x27 && c <= 0x3F) ||
                   (c >= 0x5B && c <= 0x5F) || (c >= 0x7B && c <= 0x7E)
               ? ItemFont::kScript
               : ItemFont::kOther;
  }
  switch (c) {
    case 0xA0: case 0xAD: case 0xD7: case 0xF7: case 0x2010: case 0x2013: case 0x2014:
    case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x2026: case 0x20B9: case 0x2212:
    case 0x25CC:
      return ItemFont::kScript;
    default:
      break;
  }
  const bool cjk = (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
                   (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) || c >= 0x20000;
  return cjk ? ItemFont::kCjk : ItemFont::kOther;
}

// chars [begin, end): one script run at one level, of an Indic script.
void tailor_indic_run(std::size_t begin, std::size_t end, std::vector<CharInfo>& chars,
                      const std::vector<Scratch>& scratch) {
  const hb_script_t script = chars[begin].script;
  std::size_t item = begin;
  std::size_t first_space = end;  // of the space-like characters ending the item, if any
  bool item_has_font = false;
  ItemFont current = ItemFont::kOther;
  for (std::size_t i = begin; i < end; ++i) {
    const char32_t c = chars[i].c;
    const ItemFont font = item_font(c, script, scratch[i].script);
    const bool space_like = font != ItemFont::kEmoji && font != ItemFont::kForced &&
                            is_space_like(c, g_unichar_type(c));
    bool split;
    std::size_t split_at = i;
    if (font == ItemFont::kForced || current == ItemFont::kForced) {
      split = true;
    } else if (space_like) {
      split = current == ItemFont::kEmoji && c != kZeroWidthJoiner && c != 0xFE0F;
      if (split) item_has_font = false;
    } else {
      split = item_has_font && font != current;
      if (split && font == ItemFont::kScript && current != ItemFont::kEmoji &&
          first_space < i && first_space > item)
        split_at = first_space;  // the spaces go with the run's own font
    }
    if (split && split_at > item) {
      tailor_indic(item, split_at, chars);
      item = split_at;
    }
    if (split) item_has_font = false;
    if (space_like) {
      if (first_space == end || first_space < item) first_space = i;
    } else {
      first_space = end;
    }
    if (!space_like) {
      current = font;
      item_has_font = true;
    } else if (split) {
      current = ItemFont::kOther;
    }
  }
  tailor_indic(item, end, chars);
}

void tailor_items(std::size_t begin, std::size_t end, std::vector<CharInfo>& chars,
                  const std::vector<Scratch>& scratch) {
  std::size_t run = begin;
  for (std::size_t i = begin; i <= end; ++i) {
    if (i < end && chars[i].script == chars[run].script && chars[i].level == chars[run].level)
      continue;
    if (i > run && is_indic(chars[run].script)) tailor_indic_run(run, i, chars, scratch);
    run = i;
  }
}

// ---------------------------------------------------------------------------------------------
// Languages

// The scripts of a language's orthography, for the languages whose documents we expect (Pango
// has ~240, derived from fontconfig's orthographies; these entries agree with its table).
// Sorted by tag, as Pango's lookup needs: one first component (the part before '-') may have
// several entries, the most specific matching one wins.
struct LanguageScripts {
  std::string_view tag;  // lower case, '-' between components
  std::array<hb_script_t, 3> scripts;  // HB_SCRIPT_INVALID pads
};

constexpr hb_script_t kNone = HB_SCRIPT_INVALID;
constexpr std::array<hb_script_t, 3> latin{HB_SCRIPT_LATIN, kNone, kNone};
constexpr std::array<hb_script_t, 3> cyrillic{HB_SCRIPT_CYRILLIC, kNone, kNone};
constexpr std::array<hb_script_t, 3> arabic{HB_SCRIPT_ARABIC, kNone, kNone};
constexpr std::array<hb_script_t, 3> han{HB_SCRIPT_HAN, kNone, kNone};

constexpr LanguageScripts kLanguageScripts[] = {
    {"ar", arabic},
    {"az-az", latin},
    {"az-ir", arabic},
    {"be", cyrillic},
    {"bg", cyrillic},
    {"bn", {HB_SCRIPT_BENGALI, kNone, kNone}},
    {"ca", latin},
    {"cs", latin},
    {"da", latin},
    {"de", latin},
    {"el", {HB_SCRIPT_GREEK, kNone, kNone}},
    {"en", latin},
    {"es", latin},
    {"et", latin},
    {"fa", arabic},
    {"fi", latin},
    {"fr", latin},
    {"he", {HB_SCRIPT_HEBREW, kNone, kNone}},
    {"hi", {HB_SCRIPT_DEVANAGARI, kNone, kNone}},
    {"hr", latin},
    {"hu", latin},
    {"hy", {HB_SCRIPT_ARMENIAN, kNone, kNone}},
    {"id", latin},
    {"it", latin},
    {"ja", {HB_SCRIPT_HAN, HB_SCRIPT_KATAKANA, HB_SCRIPT_HIRAGANA}},
    {"ka", {HB_SCRIPT_GEORGIAN, kNone, kNone}},
    {"km", {HB_SCRIPT_KHMER, kNone, kNone}},
    {"ko", {HB_SCRIPT_HANGUL, kNone, kNone}},
    {"lo", {HB_SCRIPT_LAO, kNone, kNone}},
    {"lt", latin},
    {"lv", latin},
    {"mk", cyrillic},
    {"ms", latin},
    {"my", {HB_SCRIPT_MYANMAR, kNone, kNone}},
    {"nb", latin},
    {"nl", latin},
    {"nn", latin},
    {"no", latin},
    {"pl", latin},
    {"pt", latin},
    {"ro", latin},
    {"ru", cyrillic},
    {"sk", latin},
    {"sl", latin},
    {"sq", latin},
    {"sr", cyrillic},
    {"sv", latin},
    {"ta", {HB_SCRIPT_TAMIL, kNone, kNone}},
    {"th", {HB_SCRIPT_THAI, kNone, kNone}},
    {"tr", latin},
    {"uk", cyrillic},
    {"ur", arabic},
    {"vi", latin},
    {"zh-cn", han},
    {"zh-hk", han},
    {"zh-mo", han},
    {"zh-sg", han},
    {"zh-tw", han},
};

std::string_view first_component(std::string_view tag) { return tag.substr(0, tag.find('-')); }

// Whether `range` (a table tag) matches `lang`: equal, or a prefix ending at a '-' of lang.
bool tag_matches(std::string_view lang, std::string_view range) {
  return lang.substr(0, range.size()) == range &&
         (lang.size() == range.size() || lang[range.size()] == '-');
}

// pango_language_includes_script: true for a script that is not a real one, and for a language
// that has no entry (nothing known of it, so nothing excluded).
bool language_includes_script(std::string_view lang, hb_script_t script) {
  if (script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN ||
      script == HB_SCRIPT_INVALID)
    return true;
  const std::string_view first = first_component(lang);
  const LanguageScripts* match = nullptr;
  for (const LanguageScripts& entry : kLanguageScripts) {  // later entries are more specific
    if (first_component(entry.tag) == first && tag_matches(lang, entry.tag)) match = &entry;
  }
  if (match == nullptr) return true;
  return std::find(match->scripts.begin(), match->scripts.end(), script) != match->scripts.end();
}

// pango_script_get_sample_language with PANGO_LANGUAGE and LANGUAGE unset; empty for none.
std::string_view sample_language(hb_script_t script) {
  switch (script) {
    case HB_SCRIPT_ARABIC: return "ar";
    case HB_SCRIPT_ARMENIAN: return "hy";
    case HB_SCRIPT_BENGALI: return "bn";
    case HB_SCRIPT_CHEROKEE: return "chr";
    case HB_SCRIPT_COPTIC: return "cop";
    case HB_SCRIPT_CYRILLIC: return "ru";
    case HB_SCRIPT_DEVANAGARI: return "hi";
    case HB_SCRIPT_ETHIOPIC: return "am";
    case HB_SCRIPT_GEORGIAN: return "ka";
    case HB_SCRIPT_GREEK: return "el";
    case HB_SCRIPT_GUJARATI: return "gu";
    case HB_SCRIPT_GURMUKHI: return "pa";
    case HB_SCRIPT_HANGUL: return "ko";
    case HB_SCRIPT_HEBREW: return "he";
    case HB_SCRIPT_HIRAGANA: return "ja";
    case HB_SCRIPT_KANNADA: return "kn";
    case HB_SCRIPT_KATAKANA: return "ja";
    case HB_SCRIPT_KHMER: return "km";
    case HB_SCRIPT_LAO: return "lo";
    case HB_SCRIPT_LATIN: return "en";
    case HB_SCRIPT_MALAYALAM: return "ml";
    case HB_SCRIPT_MONGOLIAN: return "mn";
    case HB_SCRIPT_MYANMAR: return "my";
    case HB_SCRIPT_ORIYA: return "or";
    case HB_SCRIPT_SINHALA: return "si";
    case HB_SCRIPT_SYRIAC: return "syr";
    case HB_SCRIPT_TAMIL: return "ta";
    case HB_SCRIPT_TELUGU: return "te";
    case HB_SCRIPT_THAANA: return "dv";
    case HB_SCRIPT_THAI: return "th";
    case HB_SCRIPT_TIBETAN: return "bo";
    case HB_SCRIPT_CANADIAN_SYLLABICS: return "iu";
    case HB_SCRIPT_TAGALOG: return "tl";
    case HB_SCRIPT_HANUNOO: return "hnn";
    case HB_SCRIPT_BUHID: return "bku";
    case HB_SCRIPT_TAGBANWA: return "tbw";
    case HB_SCRIPT_UGARITIC: return "uga";
    case HB_SCRIPT_BUGINESE: return "bug";
    case HB_SCRIPT_SYLOTI_NAGRI: return "syl";
    case HB_SCRIPT_OLD_PERSIAN: return "peo";
    case HB_SCRIPT_NKO: return "nqo";
    default: return {};
  }
}

}  // namespace

TextAnalysis analyze_text(std::string_view utf8) {
  TextAnalysis out;
  const std::size_t n = count_chars(utf8);
  out.chars.resize(n);
  {
    const auto* base = reinterpret_cast<const unsigned char*>(utf8.data());
    const unsigned char* p = base;
    for (CharInfo& ch : out.chars) {
      ch.byte = static_cast<std::uint32_t>(p - base);
      ch.c = decode_utf8(p);
    }
  }
  std::vector<Scratch> scratch(n);
  std::vector<CharInfo>& chars = out.chars;

  // Line breaks, paragraph by paragraph, as PangoLayout computes its log attrs. The pass also
  // records each character's own script and bidi type for the passes below.
  Paragraph p{0, 0, 0};
  do {
    p = next_paragraph(chars, p.end);
    out.final_char_break = break_paragraph(p, chars, scratch);
  } while (p.end < n);

  // Base directions: a paragraph without a strong character takes the previous paragraph's
  // (the first takes the text's first strong direction, else weak left to right).
  BaseDirection previous_dir = first_strong(scratch, 0, n);
  if (previous_dir == BaseDirection::kNeutral) previous_dir = BaseDirection::kWeakLtr;
  std::vector<FriBidiCharType> types;
  std::vector<FriBidiBracketType> brackets;
  std::vector<FriBidiLevel> levels;
  std::size_t begin = 0;
  while (begin < n) {
    p = next_paragraph(chars, begin);
    BaseDirection dir = first_strong(scratch, p.begin, p.separator);
    if (dir == BaseDirection::kNeutral) dir = previous_dir;
    else previous_dir = dir;
    std::uint8_t base_level =
        resolve_levels(p.begin, p.separator, dir, chars, scratch, types, brackets, levels);
    resolve_scripts(p.begin, p.separator, chars, scratch);
    tailor_items(p.begin, p.separator, chars, scratch);
    for (std::size_t i = p.separator; i < p.end; ++i) {  // the separator: not drawn
      chars[i].level = base_level;
      chars[i].script = i > 0 ? chars[i - 1].script : HB_SCRIPT_COMMON;
    }
    begin = p.end;
  }
  // Separators before the first character with a script take the first script that follows.
  std::size_t first_content = 0;
  while (first_content < n && chars[first_content].paragraph_separator) ++first_content;
  for (std::size_t i = 0; i < first_content && first_content < n; ++i)
    chars[i].script = chars[first_content].script;
  return out;
}

std::string derived_language(std::string_view lang, hb_script_t script) {
  std::string canonical(lang);  // as pango_language_from_string: lower case, '-' separators
  for (char& ch : canonical) ch = ch == '_' ? '-' : static_cast<char>(g_ascii_tolower(ch));
  if (language_includes_script(canonical, script)) return std::string(lang);
  std::string_view sample = sample_language(script);
  return std::string(sample.empty() ? "xx" : sample);  // Pango's tag for "no language"
}

std::vector<int> visual_order(const std::vector<std::uint8_t>& run_levels) {
  const std::size_t n = run_levels.size();
  std::vector<int> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<int>(i);
  if (n == 0) return order;
  const auto [lowest, highest] = std::minmax_element(run_levels.begin(), run_levels.end());
  const int lowest_odd = *lowest | 1;
  auto level_at = [&](std::size_t position) {
    return run_levels[static_cast<std::size_t>(order[position])];
  };
  for (int level = *highest; level >= lowest_odd; --level) {
    for (std::size_t i = 0; i < n;) {
      if (level_at(i) < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < n && level_at(j) >= level) ++j;
      std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i),
                   order.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
  return order;
}

}  // namespace docforge::document::pdf
