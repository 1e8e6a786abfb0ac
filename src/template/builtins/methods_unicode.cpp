// Unicode character properties for the str methods (see methods_unicode.h).
#include "template/builtins/methods_unicode.h"

#include <locale.h>
#include <wctype.h>

namespace docforge::ops {
namespace {

locale_t utf8_locale() {
  static const locale_t loc = [] {
    locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
    return l;
  }();
  return loc;
}

wint_t wupper(char32_t c) {
  locale_t l = utf8_locale();
  return l != nullptr ? towupper_l(static_cast<wint_t>(c), l) : towupper(static_cast<wint_t>(c));
}

wint_t wlower(char32_t c) {
  locale_t l = utf8_locale();
  return l != nullptr ? towlower_l(static_cast<wint_t>(c), l) : towlower(static_cast<wint_t>(c));
}

bool wclass(char32_t c, int (*fn)(wint_t, locale_t)) {
  locale_t l = utf8_locale();
  return l != nullptr && fn(static_cast<wint_t>(c), l) != 0;
}

// Titlecase digraphs: DŽ Dž dž, LJ Lj lj, NJ Nj nj, DZ Dz dz.
bool digraph(char32_t c, char32_t* title) {
  if (c >= 0x01C4 && c <= 0x01CC) {
    *title = 0x01C5 + 3 * ((c - 0x01C4) / 3);
    return true;
  }
  if (c >= 0x01F1 && c <= 0x01F3) {
    *title = 0x01F2;
    return true;
  }
  return false;
}

// Unicode decimal digits (category Nd) outside ASCII: the first code point of each run of ten.
constexpr char32_t kDigitZeros[] = {
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0,
    0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0,
    0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x16A60, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2,
    0x1D7EC, 0x1D7F6, 0x1E950, 0x1FBF0,
};

bool is_unicode_decimal(char32_t c) {
  for (char32_t zero : kDigitZeros) {
    if (c >= zero && c < zero + 10) return true;
  }
  return false;
}

}  // namespace

bool uni_is_space(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool uni_is_linebreak(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
         c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool uni_is_alpha(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (is_unicode_decimal(c) || (c >= 0x2150 && c <= 0x2189)) return false;  // digits, numerals
  return wclass(c, iswalpha_l);
}

bool uni_is_decimal(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return is_unicode_decimal(c) || wclass(c, iswdigit_l);
}

bool uni_is_digit(char32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  if (c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0x2070 && c <= 0x2079) ||
      (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468)) {
    return true;
  }
  return is_unicode_decimal(c) || wclass(c, iswdigit_l) ||
         (wclass(c, iswalnum_l) && !wclass(c, iswalpha_l));
}

bool uni_is_numeric(char32_t c) {
  if (uni_is_digit(c)) return true;
  return (c >= 0xBC && c <= 0xBE) || (c >= 0x2150 && c <= 0x2189) || (c >= 0x3007 && c <= 0x3007);
}

bool uni_is_upper(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  char32_t t = 0;
  if (digraph(c, &t)) return c == 0x01C4 || c == 0x01C7 || c == 0x01CA || c == 0x01F1;
  return wlower(c) != static_cast<wint_t>(c) && wupper(c) == static_cast<wint_t>(c);
}

bool uni_is_lower(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c == 0xDF || (c >= 0xFB00 && c <= 0xFB06)) return true;
  char32_t t = 0;
  if (digraph(c, &t)) return c == 0x01C6 || c == 0x01C9 || c == 0x01CC || c == 0x01F3;
  return wupper(c) != static_cast<wint_t>(c) && wlower(c) == static_cast<wint_t>(c);
}

bool uni_is_titlecase(char32_t c) {
  return c == 0x01C5 || c == 0x01C8 || c == 0x01CB || c == 0x01F2;
}

bool uni_is_cased(char32_t c) {
  if (c < 0x80) return uni_is_alpha(c);
  return uni_is_upper(c) || uni_is_lower(c) || uni_is_titlecase(c);
}

void uni_append_upper(std::u32string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(c >= 'a' && c <= 'z' ? c - 32 : c);
    return;
  }
  switch (c) {
    case 0xDF: out += U"SS"; return;
    case 0xFB00: out += U"FF"; return;
    case 0xFB01: out += U"FI"; return;
    case 0xFB02: out += U"FL"; return;
    case 0x0149: out += U"\u02BCN"; return;
    default: break;
  }
  char32_t t = 0;
  if (digraph(c, &t)) {
    out.push_back(c <= 0x01CC ? 0x01C4 + 3 * ((c - 0x01C4) / 3) : 0x01F1);
    return;
  }
  out.push_back(static_cast<char32_t>(wupper(c)));
}

void uni_append_lower(std::u32string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  if (c == 0x0130) {
    out += U"i\u0307";
    return;
  }
  char32_t t = 0;
  if (digraph(c, &t)) {
    out.push_back(c <= 0x01CC ? 0x01C6 + 3 * ((c - 0x01C4) / 3) : 0x01F3);
    return;
  }
  out.push_back(static_cast<char32_t>(wlower(c)));
}

void uni_append_title(std::u32string& out, char32_t c) {
  char32_t t = 0;
  if (digraph(c, &t)) {
    out.push_back(t);
    return;
  }
  switch (c) {
    case 0xDF: out += U"Ss"; return;
    case 0xFB00: out += U"Ff"; return;
    case 0xFB01: out += U"Fi"; return;
    case 0xFB02: out += U"Fl"; return;
    default: break;
  }
  uni_append_upper(out, c);
}

}  // namespace docforge::ops
