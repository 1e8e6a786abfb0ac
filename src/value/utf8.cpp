#include "value/utf8.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace docforge::utf8 {

namespace {

inline bool is_continuation(unsigned char c) noexcept { return (c & 0xC0) == 0x80; }

// Length of the valid sequence starting at s[pos], or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view s, std::size_t pos) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  const std::size_t left = s.size() - pos;
  const unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  if (c < 0xE0) return left >= 2 && is_continuation(p[1]) ? 2 : 0;
  if (c < 0xF0) {
    if (left < 3 || !is_continuation(p[1]) || !is_continuation(p[2])) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;   // overlong
    if (c == 0xED && p[1] >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (left < 4 || !is_continuation(p[1]) || !is_continuation(p[2]) || !is_continuation(p[3])) {
      return 0;
    }
    if (c == 0xF0 && p[1] < 0x90) return 0;   // overlong
    if (c == 0xF4 && p[1] >= 0x90) return 0;  // beyond U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

char32_t decode(std::string_view s, std::size_t* pos) noexcept {
  const std::size_t i = *pos;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const unsigned char c = p[0];
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  const std::size_t n = valid_sequence_length(s, i);
  switch (n) {
    case 2:
      *pos = i + 2;
      return (static_cast<char32_t>(c & 0x1F) << 6) | (p[1] & 0x3F);
    case 3:
      *pos = i + 3;
      return (static_cast<char32_t>(c & 0x0F) << 12) | (static_cast<char32_t>(p[1] & 0x3F) << 6) |
             (p[2] & 0x3F);
    case 4:
      *pos = i + 4;
      return (static_cast<char32_t>(c & 0x07) << 18) | (static_cast<char32_t>(p[1] & 0x3F) << 12) |
             (static_cast<char32_t>(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    default:
      *pos = i + 1;
      return kReplacement;
  }
}

std::size_t count(std::string_view s) noexcept {
  // Code points = bytes - continuation bytes (10xxxxxx), counted 8 bytes at a time.
  std::size_t continuations = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const std::uint64_t marks = w & ~(w << 1) & 0x8080808080808080ULL;  // bit 7 set, bit 6 clear
    continuations += static_cast<std::size_t>(std::popcount(marks));
  }
  for (; i < s.size(); ++i) continuations += is_continuation(static_cast<unsigned char>(s[i]));
  return s.size() - continuations;
}

std::size_t validate(std::string_view s) noexcept {
  std::size_t i = 0;
  const std::size_t size = s.size();
  while (i < size) {
    // Fast path: 8 ASCII bytes at a time.
    while (i + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, s.data() + i, 8);
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= size) break;
    const std::size_t n = valid_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return size;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  char buf[4];
  std::size_t n;
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  out.append(buf, n);
}

std::size_t byte_offset(std::string_view s, std::size_t index) noexcept {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!is_continuation(static_cast<unsigned char>(s[i]))) {
      if (seen == index) return i;
      ++seen;
    }
  }
  return s.size();
}

std::string_view slice(std::string_view s, std::size_t begin, std::size_t end) noexcept {
  if (end <= begin) return s.substr(0, 0);
  const std::size_t b = byte_offset(s, begin);
  if (b >= s.size()) return s.substr(s.size(), 0);
  const std::size_t e = b + byte_offset(s.substr(b), end - begin);
  return s.substr(b, e - b);
}

}  // namespace docforge::utf8
