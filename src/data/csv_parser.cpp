#include "data/csv_parser.h"
#include "data/word_scan.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace docforge::data {
namespace {

// The first delimiter, '\n' or '\r' at or after p (n when none), eight bytes at a time.
inline std::size_t find_field_end(std::string_view w, std::size_t p, char d) {
  const std::size_t n = w.size();
  const auto* s = reinterpret_cast<const unsigned char*>(w.data());
  while (p + 8 <= n) {
    std::uint64_t word;
    std::memcpy(&word, s + p, 8);  // little-endian: byte k is bits 8k..8k+7
    const std::uint64_t hit = bytes_equal(word, static_cast<unsigned char>(d)) |
                              bytes_equal(word, '\n') | bytes_equal(word, '\r');
    if (hit != 0) return p + static_cast<std::size_t>(std::countr_zero(hit)) / 8;
    p += 8;
  }
  while (p < n && w[p] != d && w[p] != '\n' && w[p] != '\r') ++p;
  return p;
}

}  // namespace

std::string& CsvParser::next_field() {
  if (count_ == views_.size()) {
    views_.emplace_back();
    scratch_.emplace_back();
    quoted_.push_back(0);
  }
  views_[count_] = std::string_view();
  quoted_[count_] = 0;
  std::string& f = scratch_[count_++];
  f.clear();
  return f;
}

CsvParser::Status CsvParser::parse(std::string_view w, bool eof, std::size_t* pos, int* lines) {
  std::size_t p = *pos;
  const std::size_t n = w.size();
  // Skip blank lines.
  while (p < n && (w[p] == '\n' || w[p] == '\r')) {
    if (w[p] == '\n') ++*lines;
    ++p;
  }
  *pos = p;
  if (p == n) return eof ? Status::kEnd : Status::kNeedMore;

  const int start_lines = *lines;
  int nl = 0;  // line breaks inside this record
  record_line_ = start_lines + 1;
  count_ = 0;
  const char d = delim_;
  while (true) {
    std::string& f = next_field();
    if (p < n && w[p] == '"') {
      std::size_t open = p;
      std::size_t q = p + 1;
      while (true) {
        const void* hit = q < n ? std::memchr(w.data() + q, '"', n - q) : nullptr;
        if (hit == nullptr) {
          if (!eof) return Status::kNeedMore;
          error_ = "unterminated quoted field (no closing '\"')";
          error_offset_ = open;
          for (std::size_t i = q; i < n; ++i) nl += w[i] == '\n';
          *lines = start_lines + nl;
          *pos = n;
          return Status::kError;
        }
        std::size_t quote = static_cast<const char*>(hit) - w.data();
        for (std::size_t i = q; i < quote; ++i) nl += w[i] == '\n';
        f.append(w.data() + q, quote - q);
        if (quote + 1 < n && w[quote + 1] == '"') {
          f += '"';
          q = quote + 2;
          continue;
        }
        if (quote + 1 == n && !eof) return Status::kNeedMore;
        p = quote + 1;
        break;
      }
      quoted_[count_ - 1] = 1;
      if (p < n && w[p] != d && w[p] != '\n' && w[p] != '\r') {
        error_ = std::string("unexpected character after a closing quote: expected the "
                             "delimiter or the end of the line");
        error_offset_ = p;
        // Skip the rest of the line.
        while (p < n && w[p] != '\n') ++p;
        if (p < n) {
          ++p;
          ++nl;
        } else if (!eof) {
          return Status::kNeedMore;
        }
        *lines = start_lines + nl;
        *pos = p;
        return Status::kError;
      }
    } else {
      std::size_t s = p;
      p = find_field_end(w, p, d);
      if (p == n && !eof) return Status::kNeedMore;
      views_[count_ - 1] = std::string_view(w.data() + s, p - s);
    }
    // After a field.
    if (p == n) break;  // eof
    char c = w[p];
    if (c == d) {
      ++p;
      if (p == n && eof) {
        next_field();  // trailing delimiter: one more empty field
        break;
      }
      if (p == n) return Status::kNeedMore;
      continue;
    }
    if (c == '\r') {
      ++p;
      if (p < n && w[p] == '\n') {
        ++p;
        ++nl;
      } else if (p == n && !eof) {
        return Status::kNeedMore;
      }
      break;
    }
    // '\n'
    ++p;
    ++nl;
    break;
  }
  *lines = start_lines + nl;
  *pos = p;
  return Status::kRecord;
}

}  // namespace docforge::data
