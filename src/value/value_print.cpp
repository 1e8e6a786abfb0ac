// Python-exact printing: str() and repr() of values, floats in repr(float) form.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "docforge/value.h"
#include "value/utf8.h"

namespace docforge {

namespace {

void append_int(std::string& out, std::int64_t i) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, i);
  out.append(buf, res.ptr);
}

void append_hex_escape(std::string& out, char prefix, std::uint32_t cp, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '\\';
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
}

// Python's repr(str): quotes chosen as Python does, escapes for non-printable characters.
void append_string_repr(std::string& out, std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out.reserve(out.size() + s.size() + 2);
  out += quote;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      if (c == static_cast<unsigned char>(quote) || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c < 0x20 || c == 0x7F) {
        append_hex_escape(out, 'x', c, 2);
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = utf8::decode(s, &i);
    if (cp == utf8::kReplacement && i == start + 1) {
      // An invalid byte: show the byte itself.
      append_hex_escape(out, 'x', c, 2);
    } else if (utf8::is_printable(cp)) {
      out.append(s.data() + start, i - start);
    } else if (cp <= 0xFF) {
      append_hex_escape(out, 'x', cp, 2);
    } else if (cp <= 0xFFFF) {
      append_hex_escape(out, 'u', cp, 4);
    } else {
      append_hex_escape(out, 'U', cp, 8);
    }
  }
  out += quote;
}

}  // namespace

void append_python_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-inf" : "inf";
    return;
  }
  // Fast path: integral values below 1e15 (exact in a double, so their shortest digits are the
  // integer itself). -0.0 takes the general path to keep its sign.
  if (d != 0.0 && d > -1e15 && d < 1e15 && static_cast<double>(static_cast<std::int64_t>(d)) == d) {
    append_int(out, static_cast<std::int64_t>(d));
    out += ".0";
    return;
  }
  // Shortest round-trip digits in scientific form: [-]d[.ddd]e[+-]XX.
  char buf[40];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  const char* p = buf;
  const char* end = res.ptr;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[24];
  int n = 0;
  const char* q = p;
  for (; q < end && *q != 'e'; ++q) {
    if (*q != '.') digits[n++] = *q;
  }
  int exp = 0;
  std::from_chars(q + 1 + (q[1] == '+'), end, exp);
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      if (n <= exp + 1) {
        out.append(digits, static_cast<std::size_t>(n));
        out.append(static_cast<std::size_t>(exp + 1 - n), '0');
        out += ".0";
      } else {
        out.append(digits, static_cast<std::size_t>(exp + 1));
        out += '.';
        out.append(digits + exp + 1, static_cast<std::size_t>(n - exp - 1));
      }
    } else {
      out += "0.";
      out.append(static_cast<std::size_t>(-exp - 1), '0');
      out.append(digits, static_cast<std::size_t>(n));
    }
    return;
  }
  out += digits[0];
  if (n > 1) {
    out += '.';
    out.append(digits + 1, static_cast<std::size_t>(n - 1));
  }
  out += 'e';
  out += exp < 0 ? '-' : '+';
  const int mag = exp < 0 ? -exp : exp;
  if (mag < 10) out += '0';
  append_int(out, mag);
}

void Value::append_str(std::string& out) const {
  switch (kind_) {
    case ValueKind::kUndefined:
      return;
    case ValueKind::kString:
      out += as_string();
      return;
    case ValueKind::kObject:
      as_object()->append_str(out);
      return;
    default:
      append_repr(out);
  }
}

namespace {

// Containers being printed, innermost last: a list that (through list_mut) came to contain
// itself prints as [...] the way Python's repr does, instead of recursing forever.
class ReprGuard {
 public:
  // Returns false when `p` is already being printed.
  bool enter(const HeapObject* p) {
    for (std::size_t i = 0; i < depth_ && i < kInline; ++i) {
      if (inline_[i] == p) return false;
    }
    for (const HeapObject* q : overflow_) {
      if (q == p) return false;
    }
    if (depth_ < kInline) {
      inline_[depth_] = p;
    } else {
      overflow_.push_back(p);
    }
    ++depth_;
    return true;
  }
  void leave() {
    --depth_;
    if (depth_ >= kInline) overflow_.pop_back();
  }

 private:
  static constexpr std::size_t kInline = 8;
  const HeapObject* inline_[kInline] = {};
  std::vector<const HeapObject*> overflow_;
  std::size_t depth_ = 0;
};

void repr_value(const Value& v, std::string& out, ReprGuard& guard) {
  switch (v.kind()) {
    case ValueKind::kList: {
      const bool tuple = v.is_tuple();
      if (!guard.enter(v.heap())) {
        out += tuple ? "(...)" : "[...]";
        return;
      }
      const List& items = v.as_list();
      out += tuple ? '(' : '[';
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        repr_value(items[i], out, guard);
      }
      if (tuple && items.size() == 1) out += ',';
      out += tuple ? ')' : ']';
      guard.leave();
      return;
    }
    case ValueKind::kMap: {
      if (!guard.enter(v.heap())) {
        out += "{...}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [k, item] : v.as_map()) {
        if (!first) out += ", ";
        first = false;
        repr_value(k, out, guard);
        out += ": ";
        repr_value(item, out, guard);
      }
      out += '}';
      guard.leave();
      return;
    }
    default:
      v.append_repr(out);
  }
}

}  // namespace

void Value::append_repr(std::string& out) const {
  switch (kind_) {
    case ValueKind::kUndefined:
      out += "Undefined";
      return;
    case ValueKind::kNone:
      out += "None";
      return;
    case ValueKind::kBool:
      out += u_.b ? "True" : "False";
      return;
    case ValueKind::kInt:
      append_int(out, u_.i);
      return;
    case ValueKind::kBigInt:
      out += as_big_int().to_string();
      return;
    case ValueKind::kFloat:
      append_python_float(out, u_.f);
      return;
    case ValueKind::kString:
      if (is_safe()) {
        out += "Markup(";
        append_string_repr(out, as_string());
        out += ')';
      } else {
        append_string_repr(out, as_string());
      }
      return;
    case ValueKind::kList:
    case ValueKind::kMap: {
      ReprGuard guard;
      repr_value(*this, out, guard);
      return;
    }
    case ValueKind::kObject:
      as_object()->append_repr(out);
      return;
  }
}

std::string Value::str() const {
  std::string out;
  append_str(out);
  return out;
}

std::string Value::repr() const {
  std::string out;
  append_repr(out);
  return out;
}

}  // namespace docforge
