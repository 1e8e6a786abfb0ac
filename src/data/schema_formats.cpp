#include "data/schema_formats.h"

#include <cstdint>

namespace docforge::data {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int* out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool full_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!digits(s, 0, 4, &y) || !digits(s, 5, 2, &m) || !digits(s, 8, 2, &d)) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
  return d <= max;
}

// HH:MM:SS[.frac](Z|+HH:MM|-HH:MM); offset required (RFC 3339 full-time).
bool full_time(std::string_view s) {
  int h = 0, mi = 0, se = 0;
  if (s.size() < 9 || s[2] != ':' || s[5] != ':') return false;
  if (!digits(s, 0, 2, &h) || !digits(s, 3, 2, &mi) || !digits(s, 6, 2, &se)) return false;
  if (h > 23 || mi > 59 || se > 60) return false;
  std::size_t p = 8;
  if (p < s.size() && s[p] == '.') {
    ++p;
    std::size_t start = p;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
    if (p == start) return false;
  }
  if (p >= s.size()) return false;
  if (s[p] == 'Z' || s[p] == 'z') return p + 1 == s.size();
  if (s[p] != '+' && s[p] != '-') return false;
  int oh = 0, om = 0;
  if (s.size() != p + 6 || s[p + 3] != ':') return false;
  if (!digits(s, p + 1, 2, &oh) || !digits(s, p + 4, 2, &om)) return false;
  return oh <= 23 && om <= 59;
}

bool date_time(std::string_view s) {
  if (s.size() < 20) return false;
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return false;
  return full_date(s.substr(0, 10)) && full_time(s.substr(11));
}

bool email(std::string_view s) {
  std::size_t at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  std::string_view local = s.substr(0, at);
  std::string_view domain = s.substr(at + 1);
  if (local.size() > 64 || domain.size() > 253) return false;
  if (local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : local) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == ',' || c == ';' ||
        c == ':' || c == '\\' || c == '"' || c == '[' || c == ']' || c == '@') {
      return false;
    }
  }
  // Domain: dot-separated labels of letters, digits, hyphens (no leading/trailing hyphen).
  std::size_t start = 0;
  int labels = 0;
  while (true) {
    std::size_t dot = domain.find('.', start);
    std::string_view label = domain.substr(start, dot == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
      return false;
    }
    for (char c : label) {
      unsigned char u = static_cast<unsigned char>(c);
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || u >= 0x80;
      if (!ok) return false;
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 1;
}

// An absolute URI (RFC 3986): scheme ":" then characters allowed in URIs (percent-escapes
// well formed, no spaces).
bool uri(std::string_view s) {
  std::size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  char c0 = s[0];
  if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.';
    if (!ok) return false;
  }
  auto hex = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  };
  static constexpr std::string_view kAllowed =
      "-._~:/?#[]@!$&'()*+,;=";
  for (std::size_t i = colon + 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !hex(s[i + 1]) || !hex(s[i + 2])) return false;
      i += 2;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              kAllowed.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < 36; ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

bool ipv4(std::string_view s) {
  int parts = 0;
  std::size_t p = 0;
  while (parts < 4) {
    std::size_t start = p;
    int v = 0;
    while (p < s.size() && s[p] >= '0' && s[p] <= '9' && p - start < 3) v = v * 10 + (s[p++] - '0');
    if (p == start || v > 255 || (p - start > 1 && s[start] == '0')) return false;
    ++parts;
    if (parts < 4) {
      if (p >= s.size() || s[p] != '.') return false;
      ++p;
    }
  }
  return p == s.size();
}

}  // namespace

bool is_known_format(std::string_view f) {
  return f == "date" || f == "date-time" || f == "time" || f == "email" || f == "uri" ||
         f == "uuid" || f == "ipv4";
}

bool matches_format(std::string_view f, std::string_view s) {
  if (f == "date") return full_date(s);
  if (f == "date-time") return date_time(s);
  if (f == "time") return full_time(s);
  if (f == "email") return email(s);
  if (f == "uri") return uri(s);
  if (f == "uuid") return uuid(s);
  if (f == "ipv4") return ipv4(s);
  return true;
}

}  // namespace docforge::data
