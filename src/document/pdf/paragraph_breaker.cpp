// UAX #14 and UAX #29 as Pango 1.50's default_break applies them (paragraph_breaker.h). The
// rules are Pango's, in its order, written anew; each names the rule of the annex it is.
#include "document/pdf/paragraph_breaker.h"

#include <array>
#include <cstddef>
#include <cstdint>

#include "document/pdf/unicode_tables.h"

namespace docforge::document::pdf {

bool is_extended_pictographic(char32_t c) {
  return unicode_tables::in_ranges(unicode_tables::kExtendedPictographic, c);
}

namespace {

// GLib's line break class, with classes newer than Pango knows of as Unknown (none in 2.74).
GUnicodeBreakType break_class(char32_t c) {
  GUnicodeBreakType t = g_unichar_break_type(c);
  return t <= G_UNICODE_BREAK_ZERO_WIDTH_JOINER ? t : G_UNICODE_BREAK_UNKNOWN;
}

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

using Grapheme = ParagraphBreaker::Grapheme;
using Word = ParagraphBreaker::Word;
using NumericState = ParagraphBreaker::NumericState;
using Jamo = ParagraphBreaker::Jamo;
constexpr Jamo kJamoL = ParagraphBreaker::kJamoL, kJamoV = ParagraphBreaker::kJamoV,
               kJamoT = ParagraphBreaker::kJamoT, kNoJamo = ParagraphBreaker::kNoJamo;

bool is_east_asian_wide(char32_t c) {
  return c >= 0x1100 && unicode_tables::in_ranges(unicode_tables::kEastAsianWide, c);
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

// Whether t is one of Classes: one bit test (every class GLib 2.74 has is below 64).
template <GUnicodeBreakType... Classes>
constexpr bool is_any(GUnicodeBreakType t) {
  constexpr std::uint64_t mask = ((std::uint64_t{1} << Classes) | ...);
  return (mask >> t) & 1;
}
static_assert(G_UNICODE_BREAK_ZERO_WIDTH_JOINER < 64);


ParagraphBreaker::Grapheme ParagraphBreaker::grapheme_class(char32_t wc, GUnicodeType type,
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

}  // namespace

bool break_paragraph(CharInfo* chars, std::size_t n, GUnicodeScript* own_scripts) {
  ParagraphBreaker breaker;
  GUnicodeBreakType next_class = break_class(n > 0 ? chars[0].c : kParagraphSeparator);
  for (std::size_t i = 0; i < n; ++i) {
    CharInfo& ch = chars[i];
    const GUnicodeBreakType cls = next_class;
    next_class = break_class(i + 1 < n ? chars[i + 1].c : kParagraphSeparator);
    const GUnicodeScript script = g_unichar_get_script(ch.c);
    own_scripts[i] = script;
    const PositionBreaks b = breaker.step(ch.c, cls, script, next_class, i == 0);
    ch.line_break = b.line_break;
    ch.mandatory_break = b.mandatory_break;
    ch.char_break = b.char_break;
    ch.break_inserts_hyphen = b.inserts_hyphen;
    ch.break_removes_preceding = b.removes_preceding;
    ch.white = b.white;
  }
  // The paragraph separator Pango assumes after the end.
  return breaker
      .step(kParagraphSeparator, break_class(kParagraphSeparator), G_UNICODE_SCRIPT_COMMON,
            G_UNICODE_BREAK_UNKNOWN, n == 0)
      .char_break;
}

}  // namespace docforge::document::pdf
