#include "data/source_location.h"

#include <fmt/format.h>

namespace docforge::data {

LineColumn line_column_at(std::string_view text, std::size_t offset) {
  if (offset > text.size()) offset = text.size();
  LineColumn lc;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  int col = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    // Count code points: skip UTF-8 continuation bytes.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
  }
  lc.column = col;
  return lc;
}

std::string_view line_text(std::string_view text, int line) {
  if (line < 1) return {};
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view out = text.substr(start, end - start);
  if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
  // Keep error lines short and printable.
  if (out.size() > 200) out = out.substr(0, 200);
  if (find_invalid_utf8(out) != std::string_view::npos) return {};
  return out;
}

Error make_data_error_at(ErrorKind kind, std::string message, std::string_view source_name,
                         std::string_view text, int line, int column) {
  Error e = make_error(kind, std::move(message));
  e.source_name = std::string(source_name);
  e.line = line;
  e.column = column;
  e.source_line = std::string(line_text(text, line));
  return e;
}

Error make_data_error(ErrorKind kind, std::string message, std::string_view source_name,
                      std::string_view text, std::size_t offset) {
  LineColumn lc = line_column_at(text, offset);
  return make_data_error_at(kind, std::move(message), source_name, text, lc.line, lc.column);
}

std::size_t find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      __builtin_memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::string describe_byte(unsigned char c) {
  if (c >= 0x21 && c < 0x7F) return fmt::format("'{}'", static_cast<char>(c));
  if (c == ' ') return "' '";
  if (c == '\n') return "end of line";
  return fmt::format("byte 0x{:02X}", c);
}

}  // namespace docforge::data
