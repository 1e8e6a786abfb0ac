// UTF-8 helpers: decoding, counting, validation, encoding, slicing, printability.

#include "value/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace docforge::utf8 {
namespace {

std::vector<char32_t> decode_all(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t pos = 0;
  while (pos < s.size()) out.push_back(decode(s, &pos));
  return out;
}

TEST(Utf8, DecodesValidSequences) {
  EXPECT_EQ(decode_all("aé日😀"), (std::vector<char32_t>{U'a', U'é', U'日', U'😀'}));
  EXPECT_EQ(decode_all("\xF4\x8F\xBF\xBF"), (std::vector<char32_t>{0x10FFFF}));
}

TEST(Utf8, InvalidBytesDecodeAsReplacementOneByteAtATime) {
  // Overlong '/', a surrogate, beyond U+10FFFF, a lone continuation, a truncated sequence.
  EXPECT_EQ(decode_all("\xC0\xAF"), (std::vector<char32_t>{kReplacement, kReplacement}));
  EXPECT_EQ(decode_all("\xED\xA0\x80").size(), 3u);
  EXPECT_EQ(decode_all("\xF4\x90\x80\x80").size(), 4u);
  EXPECT_EQ(decode_all("\x80"
                       "a"),
            (std::vector<char32_t>{kReplacement, U'a'}));
  EXPECT_EQ(decode_all("\xE6\x97"), (std::vector<char32_t>{kReplacement, kReplacement}));
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(count(""), 0u);
  EXPECT_EQ(count("abc"), 3u);
  EXPECT_EQ(count("héllo 日本 😀"), 10u);  // python3: len('héllo 日本 😀')
}

TEST(Utf8, CountAgreesWithDecodeOnLongValidText) {
  std::string s;
  for (int i = 0; i < 50; ++i) s += "aé日😀 xyz";  // python3: len('aé日😀 xyz') == 8
  for (std::size_t start = 0; start < 8; ++start) {
    std::string_view tail(s);
    tail.remove_prefix(start);
    std::size_t decoded = 0;
    std::size_t pos = 0;
    while (pos < tail.size()) {
      decode(tail, &pos);
      ++decoded;
    }
    if (start == 0) {
      EXPECT_EQ(count(tail), 400u);
    }
    // Past a lead byte the tail starts with continuation bytes; count skips them, decode
    // yields one replacement each.
    std::size_t leading_continuations = 0;
    while (leading_continuations < tail.size() &&
           (static_cast<unsigned char>(tail[leading_continuations]) & 0xC0) == 0x80) {
      ++leading_continuations;
    }
    EXPECT_EQ(count(tail) + leading_continuations, decoded) << start;
  }
}

TEST(Utf8, ValidateReturnsFirstInvalidOffset) {
  EXPECT_EQ(validate("plain ascii text, long enough for the fast path"), 47u);
  EXPECT_EQ(validate("héllo"), std::string_view("héllo").size());
  EXPECT_TRUE(is_valid(""));
  EXPECT_EQ(validate("abcdefghij\xFFxyz"), 10u);
  EXPECT_EQ(validate("ab\xC3"), 2u);                // truncated
  EXPECT_EQ(validate("ab\xE0\x80\x80"), 2u);        // overlong
  EXPECT_EQ(validate("ab\xED\xBF\xBF"), 2u);        // surrogate
  EXPECT_EQ(validate("日本\xF5\x80\x80\x80"), 6u);  // out of range lead
  EXPECT_FALSE(is_valid("\x80"));
}

TEST(Utf8, EncodesCodePoints) {
  std::string out;
  for (char32_t cp : {U'a', U'é', U'日', U'😀'}) append(out, cp);
  EXPECT_EQ(out, "aé日😀");
  out.clear();
  append(out, 0xD800);
  append(out, 0x110000);
  EXPECT_EQ(out, "\uFFFD\uFFFD");
  // Round trip over every scalar value boundary.
  for (char32_t cp : {0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xFFFFu, 0x10000u, 0x10FFFFu}) {
    std::string s;
    append(s, cp);
    std::size_t pos = 0;
    EXPECT_EQ(decode(s, &pos), cp);
    EXPECT_EQ(pos, s.size());
    EXPECT_TRUE(is_valid(s));
  }
}

TEST(Utf8, SlicesByCodePoint) {
  const std::string_view s = "héllo 日本";
  EXPECT_EQ(slice(s, 0, 2), "hé");
  EXPECT_EQ(slice(s, 1, 4), "éll");
  EXPECT_EQ(slice(s, 6, 8), "日本");
  EXPECT_EQ(slice(s, 6, 100), "日本");
  EXPECT_EQ(slice(s, 7, 3), "");
  EXPECT_EQ(slice(s, 20, 30), "");
  EXPECT_EQ(byte_offset(s, 2), 3u);
  EXPECT_EQ(byte_offset(s, 100), s.size());
}

TEST(Utf8, PrintableMatchesPython) {
  // python3: [c.isprintable() for c in ...]
  EXPECT_TRUE(is_printable(U'a'));
  EXPECT_TRUE(is_printable(U' '));
  EXPECT_FALSE(is_printable(U'\n'));
  EXPECT_FALSE(is_printable(0x7F));
  EXPECT_FALSE(is_printable(0x85));
  EXPECT_FALSE(is_printable(0xA0));
  EXPECT_TRUE(is_printable(0xA1));
  EXPECT_TRUE(is_printable(U'é'));
  EXPECT_FALSE(is_printable(0xAD));  // soft hyphen (Cf)
  EXPECT_TRUE(is_printable(U'日'));
  EXPECT_FALSE(is_printable(0x3000));  // ideographic space
  EXPECT_FALSE(is_printable(0xFEFF));
  EXPECT_TRUE(is_printable(U'😀'));
  EXPECT_FALSE(is_printable(0xE000));  // private use
  EXPECT_FALSE(is_printable(0x10FFFF));
}

}  // namespace
}  // namespace docforge::utf8
