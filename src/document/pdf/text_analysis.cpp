// Unicode analysis without Pango (text_analysis.h): paragraphs split and stitched as PangoLayout
// does, each broken by a ParagraphBreaker (paragraph_breaker.h: UAX #14 and #29 as Pango 1.50's
// default_break), then bidi levels (fribidi, as pango_log2vis_get_embedding_levels calls it),
// scripts (as PangoScriptIter resolves them), Pango's Indic tailoring of breaks, and the
// language of a run (as Pango's itemizer derives it).
//
// Character properties: GLib's (g_unichar_get_script, the table Pango reads) and fribidi's
// (bidi types, brackets), Unicode 15.0 on Debian 12.
#include "document/pdf/text_analysis.h"

#include <fribidi.h>
#include <glib.h>
#include <hb-glib.h>

#include <algorithm>
#include <array>
#include <cstddef>

#include "document/pdf/paragraph_breaker.h"

namespace docforge::document::pdf {
namespace {

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

// Fills the break flags of the paragraph chars [p.begin, p.end) and own_scripts there, and
// stitches it to its neighbours as PangoLayout does: its first position keeps the mandatory
// break the previous paragraph's end gave it (pango_default_break ORs it in), and the position
// after it is one (UAX #14 LB3). Returns whether the position after it is a grapheme boundary
// (always: Pango assumes a paragraph separator there).
bool break_and_stitch(const Paragraph& p, std::vector<CharInfo>& chars,
                      std::vector<GUnicodeScript>& own_scripts) {
  const bool was_line_break = p.begin < p.end && chars[p.begin].line_break;
  const bool was_mandatory = p.begin < p.end && chars[p.begin].mandatory_break;
  const bool end_char_break =
      break_paragraph(chars.data() + p.begin, p.end - p.begin, own_scripts.data() + p.begin);
  for (std::size_t i = p.separator; i < p.end; ++i) chars[i].paragraph_separator = true;
  if (p.begin < p.end) {
    chars[p.begin].line_break = was_line_break;  // LB2: never before the first character
    chars[p.begin].mandatory_break |= was_mandatory;
  }
  if (p.end < chars.size()) {  // LB3: always after the last (the next paragraph's first)
    chars[p.end].line_break = true;
    chars[p.end].mandatory_break = true;
  }
  return end_char_break;
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
// from their own scripts.
void resolve_scripts(std::size_t begin, std::size_t end, std::vector<CharInfo>& chars,
                     const std::vector<GUnicodeScript>& own_scripts) {
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
      GUnicodeScript sc = own_scripts[i];
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

BaseDirection first_strong(const std::vector<FriBidiCharType>& bidi_types, std::size_t begin,
                           std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) {
    FriBidiCharType t = bidi_types[i];
    if (FRIBIDI_IS_STRONG(t)) return FRIBIDI_IS_RTL(t) ? BaseDirection::kRtl : BaseDirection::kLtr;
  }
  return BaseDirection::kNeutral;
}

// Levels of chars [begin, end) (a paragraph without its separator), as
// pango_log2vis_get_embedding_levels gives them; returns the resolved paragraph level.
std::uint8_t resolve_levels(std::size_t begin, std::size_t end, BaseDirection dir,
                            std::vector<CharInfo>& chars,
                            const std::vector<FriBidiCharType>& bidi_types,
                            std::vector<FriBidiCharType>& types,
                            std::vector<FriBidiBracketType>& brackets,
                            std::vector<FriBidiLevel>& levels) {
  FriBidiParType base = dir == BaseDirection::kLtr   ? FRIBIDI_PAR_LTR
                        : dir == BaseDirection::kRtl ? FRIBIDI_PAR_RTL
                                                     : FRIBIDI_PAR_WLTR;
  FriBidiCharType ored = 0;
  FriBidiCharType anded_strongs = FRIBIDI_TYPE_RLE;
  for (std::size_t i = begin; i < end; ++i) {
    FriBidiCharType t = bidi_types[i];
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
    types[i] = bidi_types[begin + i];
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
                      const std::vector<GUnicodeScript>& own_scripts) {
  const hb_script_t script = chars[begin].script;
  std::size_t item = begin;
  std::size_t first_space = end;  // of the space-like characters ending the item, if any
  bool item_has_font = false;
  ItemFont current = ItemFont::kOther;
  for (std::size_t i = begin; i < end; ++i) {
    const char32_t c = chars[i].c;
    const ItemFont font = item_font(c, script, own_scripts[i]);
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
                  const std::vector<GUnicodeScript>& own_scripts) {
  std::size_t run = begin;
  for (std::size_t i = begin; i <= end; ++i) {
    if (i < end && chars[i].script == chars[run].script && chars[i].level == chars[run].level)
      continue;
    if (i > run && is_indic(chars[run].script)) tailor_indic_run(run, i, chars, own_scripts);
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
  std::vector<CharInfo>& chars = out.chars;

  // Line breaks, paragraph by paragraph, as PangoLayout computes its log attrs; the breaker
  // records each character's own script for the passes below.
  std::vector<GUnicodeScript> own_scripts(n);
  Paragraph p{0, 0, 0};
  do {
    p = next_paragraph(chars, p.end);
    out.final_char_break = break_and_stitch(p, chars, own_scripts);
  } while (p.end < n);
  std::vector<FriBidiCharType> bidi_types(n);
  for (std::size_t i = 0; i < n; ++i) bidi_types[i] = fribidi_get_bidi_type(chars[i].c);

  // Base directions: a paragraph without a strong character takes the previous paragraph's
  // (the first takes the text's first strong direction, else weak left to right).
  BaseDirection previous_dir = first_strong(bidi_types, 0, n);
  if (previous_dir == BaseDirection::kNeutral) previous_dir = BaseDirection::kWeakLtr;
  std::vector<FriBidiCharType> types;
  std::vector<FriBidiBracketType> brackets;
  std::vector<FriBidiLevel> levels;
  std::size_t begin = 0;
  while (begin < n) {
    p = next_paragraph(chars, begin);
    BaseDirection dir = first_strong(bidi_types, p.begin, p.separator);
    if (dir == BaseDirection::kNeutral) dir = previous_dir;
    else previous_dir = dir;
    std::uint8_t base_level =
        resolve_levels(p.begin, p.separator, dir, chars, bidi_types, types, brackets, levels);
    out.paragraph_levels.push_back(base_level);
    resolve_scripts(p.begin, p.separator, chars, own_scripts);
    tailor_items(p.begin, p.separator, chars, own_scripts);
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
