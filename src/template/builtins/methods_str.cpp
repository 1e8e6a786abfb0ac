// The methods of str and Markup (see methods_str.h). Strings are decoded to code points for the
// methods whose indices or classes are code-point based, as Python's are.
#include "template/builtins/methods_str.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/methods_unicode.h"
#include "template/builtins/ops_util.h"
#include "value/utf8.h"

namespace docforge::ops {
namespace {

using U32 = std::u32string;
using U32View = std::u32string_view;

// ---- argument helpers -----------------------------------------------------------------------

U32 self_text(const Value& self) { return decode_all(self.as_string()); }
Value text_value(U32View s) { return Value::string(encode_all(s)); }

void no_keywords(const CallArgs& args, const char* fn) {
  if (!args.keyword.empty()) throw_type_error(fmt::format("{}() takes no keyword arguments", fn));
}

void max_args(const CallArgs& args, const char* fn, std::size_t max) {
  std::size_t n = args.positional.size() + args.keyword.size();
  if (n > 0 && max == 0) {
    throw_type_error(fmt::format("str.{}() takes no arguments ({} given)", fn, n));
  }
  if (n > max) {
    throw_type_error(fmt::format("{}() takes at most {} argument{} ({} given)", fn, max,
                                 max == 1 ? "" : "s", n));
  }
}

void min_args(const CallArgs& args, const char* fn, std::size_t min) {
  std::size_t n = args.positional.size() + args.keyword.size();
  if (n < min) {
    throw_type_error(fmt::format("{}() takes at least {} argument{} ({} given)", fn, min,
                                 min == 1 ? "" : "s", n));
  }
}

// A required str argument ("replace() argument 1 must be str, not int").
U32 str_arg(const CallArgs& args, std::size_t i, const char* kw, const char* fn) {
  const Value* v = find_arg(args, i, kw);
  if (v == nullptr) {
    throw_type_error(fmt::format("{}() missing required argument '{}' (pos {})", fn, kw, i + 1));
  }
  if (!v->is_string()) {
    throw_type_error(fmt::format("{}() argument {} must be str, not {}", fn, i + 1,
                                 py_type_name(*v)));
  }
  return decode_all(v->as_string());
}

// An optional str-or-None argument (split's sep, strip's chars).
std::optional<U32> opt_str_arg(const CallArgs& args, std::size_t i, const char* kw,
                               const char* message) {
  const Value* v = find_arg(args, i, kw);
  if (v == nullptr || v->is_none()) return std::nullopt;
  if (!v->is_string()) {
    bool bare = std::string_view(message).find(" arg must be None or str") != std::string_view::npos;
    throw_type_error(bare ? std::string(message)
                          : fmt::format("{}, not {}", message, py_type_name(*v)));
  }
  return decode_all(v->as_string());
}

std::int64_t int_value(const Value& v) {
  std::int64_t i = 0;
  if (is_int_like(v)) {
    if (small_int(v, &i)) return i;
    return v.as_big_int().negative() ? INT64_MIN / 2 : INT64_MAX / 2;
  }
  throw_type_error(
      fmt::format("'{}' object cannot be interpreted as an integer", py_type_name(v)));
}

std::int64_t int_arg(const CallArgs& args, std::size_t i, const char* kw, std::int64_t fallback) {
  const Value* v = find_arg(args, i, kw);
  return v == nullptr ? fallback : int_value(*v);
}

// Python's slice index adjustment for the optional start/end of find, count, startswith...
void slice_bounds(const CallArgs& args, std::size_t first, std::size_t len, std::int64_t* start,
                  std::int64_t* end) {
  auto get = [&](std::size_t i, std::int64_t fallback) {
    if (i >= args.positional.size() || args.positional[i].is_none()) return fallback;
    const Value& v = args.positional[i];
    if (!is_int_like(v)) {
      throw_type_error(
          "slice indices must be integers or None or have an __index__ method");
    }
    return int_value(v);
  };
  std::int64_t n = static_cast<std::int64_t>(len);
  std::int64_t s = get(first, 0);
  std::int64_t e = get(first + 1, n);
  if (s < 0) s = std::max<std::int64_t>(0, s + n);
  if (e < 0) e = std::max<std::int64_t>(0, e + n);
  if (e > n) e = n;
  *start = s;
  *end = e;
}

// ---- case ----------------------------------------------------------------------------------

Value str_upper(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "upper", 0);
  U32 out;
  for (char32_t c : self_text(self)) uni_append_upper(out, c);
  return text_value(out);
}

// Python's Final_Sigma rule: capital sigma lowercases to final sigma after a cased letter when
// no cased letter follows (case-ignorable characters such as apostrophes are skipped).
bool final_sigma(const U32& text, std::size_t i) {
  auto ignorable = [](char32_t c) { return c == '\'' || c == '.' || c == ':' || c == 0x2019 || c == 0xAD; };
  std::size_t j = i;
  bool before = false;
  while (j > 0) {
    char32_t c = text[--j];
    if (ignorable(c)) continue;
    before = uni_is_cased(c);
    break;
  }
  if (!before) return false;
  for (std::size_t k = i + 1; k < text.size(); ++k) {
    if (ignorable(text[k])) continue;
    return !uni_is_cased(text[k]);
  }
  return true;
}

// Lowercases text[i] in context (final sigma).
void lower_at(U32& out, const U32& text, std::size_t i) {
  if (text[i] == 0x03A3 && final_sigma(text, i)) out.push_back(0x03C2);
  else uni_append_lower(out, text[i]);
}

Value str_lower(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "lower", 0);
  U32 text = self_text(self);
  U32 out;
  for (std::size_t i = 0; i < text.size(); ++i) lower_at(out, text, i);
  return text_value(out);
}

Value str_casefold(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "casefold", 0);
  U32 out;
  for (char32_t c : self_text(self)) {
    if (c == 0xDF) out += U"ss";
    else if (c == 0x03C2) out.push_back(0x03C3);
    else if (c == 0xFB00) out += U"ff";
    else if (c == 0xFB01) out += U"fi";
    else if (c == 0xFB02) out += U"fl";
    else uni_append_lower(out, c);
  }
  return text_value(out);
}

Value str_swapcase(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "swapcase", 0);
  U32 text = self_text(self);
  U32 out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    if (uni_is_upper(c)) lower_at(out, text, i);
    else if (uni_is_lower(c)) uni_append_upper(out, c);
    else out.push_back(c);
  }
  return text_value(out);
}

Value str_title(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "title", 0);
  U32 text = self_text(self);
  U32 out;
  bool prev_cased = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (prev_cased) lower_at(out, text, i);
    else uni_append_title(out, text[i]);
    prev_cased = uni_is_cased(text[i]);
  }
  return text_value(out);
}

Value str_capitalize(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "capitalize", 0);
  U32 text = self_text(self);
  U32 out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 0) uni_append_title(out, text[i]);
    else lower_at(out, text, i);
  }
  return text_value(out);
}

// ---- strip / split / join --------------------------------------------------------------------

Value strip_impl(const Value& self, CallArgs& args, const char* fn, bool left, bool right) {
  no_keywords(args, fn);
  max_args(args, fn, 1);
  std::optional<U32> chars = opt_str_arg(args, 0, "chars", (std::string(fn) +
                                                             " arg must be None or str").c_str());
  U32 text = self_text(self);
  auto strip_char = [&](char32_t c) {
    return chars ? chars->find(c) != U32::npos : uni_is_space(c);
  };
  std::size_t b = 0, e = text.size();
  if (left) {
    while (b < e && strip_char(text[b])) ++b;
  }
  if (right) {
    while (e > b && strip_char(text[e - 1])) --e;
  }
  return text_value(U32View(text).substr(b, e - b));
}

Value str_strip(CallContext&, const Value& self, CallArgs& args) {
  return strip_impl(self, args, "strip", true, true);
}
Value str_lstrip(CallContext&, const Value& self, CallArgs& args) {
  return strip_impl(self, args, "lstrip", true, false);
}
Value str_rstrip(CallContext&, const Value& self, CallArgs& args) {
  return strip_impl(self, args, "rstrip", false, true);
}

Value split_impl(const Value& self, CallArgs& args, const char* fn, bool reverse) {
  max_args(args, fn, 2);
  std::optional<U32> sep = opt_str_arg(args, 0, "sep", "must be str or None");
  std::int64_t maxsplit = int_arg(args, 1, "maxsplit", -1);
  if (maxsplit < 0) maxsplit = INT64_MAX;
  U32 text = self_text(self);
  U32View s(text);
  std::vector<U32View> parts;
  std::size_t n = s.size();
  if (!sep) {
    if (!reverse) {
      std::size_t i = 0;
      while (maxsplit-- > 0) {
        while (i < n && uni_is_space(s[i])) ++i;
        if (i == n) break;
        std::size_t j = i++;
        while (i < n && !uni_is_space(s[i])) ++i;
        parts.push_back(s.substr(j, i - j));
      }
      if (i < n) {
        while (i < n && uni_is_space(s[i])) ++i;
        if (i != n) parts.push_back(s.substr(i));
      }
    } else {
      std::size_t i = n;
      while (maxsplit-- > 0) {
        while (i > 0 && uni_is_space(s[i - 1])) --i;
        if (i == 0) break;
        std::size_t j = i--;
        while (i > 0 && !uni_is_space(s[i - 1])) --i;
        parts.push_back(s.substr(i, j - i));
      }
      if (i > 0) {
        while (i > 0 && uni_is_space(s[i - 1])) --i;
        if (i != 0) parts.push_back(s.substr(0, i));
      }
      std::reverse(parts.begin(), parts.end());
    }
  } else {
    if (sep->empty()) throw_value_error("empty separator");
    U32View sv(*sep);
    if (!reverse) {
      std::size_t i = 0;
      while (maxsplit-- > 0) {
        std::size_t pos = s.find(sv, i);
        if (pos == U32View::npos) break;
        parts.push_back(s.substr(i, pos - i));
        i = pos + sv.size();
      }
      parts.push_back(s.substr(i));
    } else {
      std::size_t end = n;
      while (maxsplit-- > 0 && end >= sv.size()) {
        std::size_t pos = s.substr(0, end).rfind(sv);
        if (pos == U32View::npos) break;
        parts.push_back(s.substr(pos + sv.size(), end - pos - sv.size()));
        end = pos;
      }
      parts.push_back(s.substr(0, end));
      std::reverse(parts.begin(), parts.end());
    }
  }
  List out;
  out.reserve(parts.size());
  for (U32View p : parts) out.push_back(text_value(p));
  return Value::list(std::move(out));
}

Value str_split(CallContext&, const Value& self, CallArgs& args) {
  return split_impl(self, args, "split", false);
}
Value str_rsplit(CallContext&, const Value& self, CallArgs& args) {
  return split_impl(self, args, "rsplit", true);
}

Value str_splitlines(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "splitlines", 1);
  const Value* keep_v = find_arg(args, 0, "keepends");
  bool keep = keep_v != nullptr && keep_v->truthy();
  U32 text = self_text(self);
  List out;
  std::size_t i = 0, n = text.size();
  while (i < n) {
    std::size_t j = i;
    while (j < n && !uni_is_linebreak(text[j])) ++j;
    std::size_t eol = j;
    if (j < n) {
      if (text[j] == '\r' && j + 1 < n && text[j + 1] == '\n') j += 2;
      else ++j;
      if (keep) eol = j;
    }
    out.push_back(text_value(U32View(text).substr(i, eol - i)));
    i = j;
  }
  return Value::list(std::move(out));
}

// The items `join` and friends iterate: list items, map keys, string characters, iterable
// objects.
List iterable_items(CallContext& ctx, const Value& v, const char* what) {
  if (v.is_list()) return v.as_list();
  if (v.is_map()) {
    List keys;
    for (const auto& [k, val] : v.as_map()) keys.push_back(k);
    return keys;
  }
  if (v.is_string()) {
    List chars;
    std::string_view s = v.as_string();
    std::size_t pos = 0;
    while (pos < s.size()) {
      std::size_t start = pos;
      utf8::decode(s, &pos);
      chars.push_back(Value::string(s.substr(start, pos - start)));
    }
    return chars;
  }
  if (v.is_object() && v.as_object()->iterable()) return v.as_object()->to_list();
  if (v.is_undefined()) {
    ctx.check_defined(v);
    return {};
  }
  throw_type_error(what);
}

Value str_join(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "join");
  if (args.positional.size() != 1) {
    throw_type_error(fmt::format("str.join() takes exactly one argument ({} given)",
                                 args.positional.size()));
  }
  List items = iterable_items(ctx, args.positional[0], "can only join an iterable");
  std::string_view sep = self.as_string();
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Value& item = items[i];
    if (!item.is_string()) {
      throw_type_error(fmt::format("sequence item {}: expected str instance, {} found", i,
                                   py_type_name(item)));
    }
    if (i > 0) out += sep;
    if (self.is_safe() && !item.is_safe()) append_escaped(ctx, out, item.as_string());
    else out += item.as_string();
    if (out.size() > 4096) ctx.charge_value_size(out.size());
  }
  ctx.charge_value_size(out.size());
  return self.is_safe() ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
}

// ---- replace / search ------------------------------------------------------------------------

Value str_replace(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "replace");
  min_args(args, "replace", 2);
  max_args(args, "replace", 3);
  U32 old_s = str_arg(args, 0, "old", "replace");
  U32 new_s = str_arg(args, 1, "new", "replace");
  std::int64_t count = int_arg(args, 2, "count", -1);
  if (count < 0) count = INT64_MAX;
  U32 text = self_text(self);
  U32 out;
  if (old_s.empty()) {
    std::size_t inserts = std::min<std::size_t>(text.size() + 1, static_cast<std::size_t>(
                                                                      std::min<std::int64_t>(count, INT64_MAX / 2)));
    ctx.charge_value_size((text.size() + inserts * new_s.size()) * 4);
    std::size_t done = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (done < inserts) {
        out += new_s;
        ++done;
      }
      if (i < text.size()) out.push_back(text[i]);
    }
    return text_value(out);
  }
  std::size_t i = 0;
  while (count-- > 0) {
    std::size_t pos = text.find(old_s, i);
    if (pos == U32::npos) break;
    out.append(text, i, pos - i);
    out += new_s;
    i = pos + old_s.size();
    if (out.size() > 1024) ctx.charge_value_size(out.size() * 4);
  }
  out.append(text, i, U32::npos);
  ctx.charge_value_size(out.size());
  return text_value(out);
}

enum class Find { kFind, kRFind, kIndex, kRIndex, kCount };

Value find_impl(const Value& self, CallArgs& args, const char* fn, Find mode) {
  no_keywords(args, fn);
  min_args(args, fn, 1);
  max_args(args, fn, 3);
  const Value& sub_v = args.positional[0];
  if (!sub_v.is_string()) {
    throw_type_error(fmt::format("must be str, not {}", py_type_name(sub_v)));
  }
  U32 sub = decode_all(sub_v.as_string());
  U32 text = self_text(self);
  std::int64_t start = 0, end = 0;
  slice_bounds(args, 1, text.size(), &start, &end);
  std::int64_t found = -1;
  if (mode == Find::kCount) {
    if (start > end || (start > static_cast<std::int64_t>(text.size()))) return Value::integer(0);
    U32View window = U32View(text).substr(static_cast<std::size_t>(start),
                                          static_cast<std::size_t>(end - start));
    if (sub.empty()) return Value::integer(static_cast<std::int64_t>(window.size()) + 1);
    std::int64_t count = 0;
    std::size_t i = 0;
    while ((i = window.find(sub, i)) != U32View::npos) {
      ++count;
      i += sub.size();
    }
    return Value::integer(count);
  }
  if (start <= end && end - start >= static_cast<std::int64_t>(sub.size())) {
    U32View window = U32View(text).substr(static_cast<std::size_t>(start),
                                          static_cast<std::size_t>(end - start));
    std::size_t pos = (mode == Find::kFind || mode == Find::kIndex) ? window.find(sub)
                                                                    : window.rfind(sub);
    if (pos != U32View::npos) found = start + static_cast<std::int64_t>(pos);
  }
  if (found < 0 && (mode == Find::kIndex || mode == Find::kRIndex)) {
    throw_value_error("substring not found");
  }
  return Value::integer(found);
}

Value str_find(CallContext&, const Value& self, CallArgs& args) {
  return find_impl(self, args, "find", Find::kFind);
}
Value str_rfind(CallContext&, const Value& self, CallArgs& args) {
  return find_impl(self, args, "rfind", Find::kRFind);
}
Value str_index(CallContext&, const Value& self, CallArgs& args) {
  return find_impl(self, args, "index", Find::kIndex);
}
Value str_rindex(CallContext&, const Value& self, CallArgs& args) {
  return find_impl(self, args, "rindex", Find::kRIndex);
}
Value str_count(CallContext&, const Value& self, CallArgs& args) {
  return find_impl(self, args, "count", Find::kCount);
}

Value affix_impl(const Value& self, CallArgs& args, const char* fn, bool prefix) {
  no_keywords(args, fn);
  min_args(args, fn, 1);
  max_args(args, fn, 3);
  const Value& what = args.positional[0];
  if (!what.is_string() && !what.is_tuple()) {
    throw_type_error(fmt::format("{} first arg must be str or a tuple of str, not {}", fn,
                                 py_type_name(what)));
  }
  U32 text = self_text(self);
  std::int64_t start = 0, end = 0;
  slice_bounds(args, 1, text.size(), &start, &end);
  auto matches = [&](const Value& v) {
    if (!v.is_string()) {
      throw_type_error(fmt::format("tuple for {} must only contain str, not {}", fn,
                                   py_type_name(v)));
    }
    U32 c = decode_all(v.as_string());
    if (start > static_cast<std::int64_t>(text.size())) return false;
    if (end - start < static_cast<std::int64_t>(c.size())) return false;
    U32View window = U32View(text).substr(static_cast<std::size_t>(start),
                                          static_cast<std::size_t>(end - start));
    return prefix ? window.substr(0, c.size()) == c : window.substr(window.size() - c.size()) == c;
  };
  if (what.is_string()) return Value::boolean(matches(what));
  for (const Value& v : what.as_list()) {
    if (matches(v)) return Value::boolean(true);
  }
  return Value::boolean(false);
}

Value str_startswith(CallContext&, const Value& self, CallArgs& args) {
  return affix_impl(self, args, "startswith", true);
}
Value str_endswith(CallContext&, const Value& self, CallArgs& args) {
  return affix_impl(self, args, "endswith", false);
}

Value str_removeprefix(CallContext&, const Value& self, CallArgs& args) {
  no_keywords(args, "removeprefix");
  min_args(args, "removeprefix", 1);
  max_args(args, "removeprefix", 1);
  U32 p = str_arg(args, 0, "prefix", "removeprefix");
  U32 text = self_text(self);
  if (text.compare(0, p.size(), p) == 0 && text.size() >= p.size()) text.erase(0, p.size());
  return text_value(text);
}

Value str_removesuffix(CallContext&, const Value& self, CallArgs& args) {
  no_keywords(args, "removesuffix");
  min_args(args, "removesuffix", 1);
  max_args(args, "removesuffix", 1);
  U32 p = str_arg(args, 0, "suffix", "removesuffix");
  U32 text = self_text(self);
  if (!p.empty() && text.size() >= p.size() &&
      text.compare(text.size() - p.size(), p.size(), p) == 0) {
    text.erase(text.size() - p.size());
  }
  return text_value(text);
}

// ---- padding --------------------------------------------------------------------------------

enum class Align { kLeft, kRight, kCenter };

Value pad_impl(CallContext& ctx, const Value& self, CallArgs& args, const char* fn, Align align) {
  no_keywords(args, fn);
  min_args(args, fn, 1);
  max_args(args, fn, 2);
  std::int64_t width = int_value(args.positional[0]);
  char32_t fill = ' ';
  if (args.positional.size() > 1) {
    const Value& f = args.positional[1];
    if (!f.is_string()) {
      throw_type_error(fmt::format("{}() argument 2 must be str, not {}", fn, py_type_name(f)));
    }
    U32 fs = decode_all(f.as_string());
    if (fs.size() != 1) throw_type_error("The fill character must be exactly one character long");
    fill = fs[0];
  }
  U32 text = self_text(self);
  std::int64_t len = static_cast<std::int64_t>(text.size());
  if (width <= len) return self.with_safe(false);
  ctx.charge_value_size(static_cast<std::size_t>(width) * 4);
  std::size_t pad = static_cast<std::size_t>(width - len);
  std::size_t left = 0;
  if (align == Align::kRight) left = pad;
  else if (align == Align::kCenter) left = pad / 2 + (pad & static_cast<std::size_t>(width) & 1);
  U32 out(left, fill);
  out += text;
  out.append(pad - left, fill);
  return text_value(out);
}

Value str_center(CallContext& ctx, const Value& self, CallArgs& args) {
  return pad_impl(ctx, self, args, "center", Align::kCenter);
}
Value str_ljust(CallContext& ctx, const Value& self, CallArgs& args) {
  return pad_impl(ctx, self, args, "ljust", Align::kLeft);
}
Value str_rjust(CallContext& ctx, const Value& self, CallArgs& args) {
  return pad_impl(ctx, self, args, "rjust", Align::kRight);
}

Value str_zfill(CallContext& ctx, const Value& self, CallArgs& args) {
  no_keywords(args, "zfill");
  min_args(args, "zfill", 1);
  max_args(args, "zfill", 1);
  std::int64_t width = int_value(args.positional[0]);
  U32 text = self_text(self);
  std::int64_t len = static_cast<std::int64_t>(text.size());
  if (width <= len) return self.with_safe(false);
  ctx.charge_value_size(static_cast<std::size_t>(width) * 4);
  std::size_t fill = static_cast<std::size_t>(width - len);
  std::size_t at = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  text.insert(at, fill, U'0');
  return text_value(text);
}

Value str_expandtabs(CallContext& ctx, const Value& self, CallArgs& args) {
  max_args(args, "expandtabs", 1);
  std::int64_t tab = int_arg(args, 0, "tabsize", 8);
  U32 text = self_text(self);
  U32 out;
  std::int64_t col = 0;
  for (char32_t c : text) {
    if (c == '\t') {
      if (tab > 0) {
        std::int64_t n = tab - (col % tab);
        ctx.charge_value_size((out.size() + static_cast<std::size_t>(n)) * 4);
        out.append(static_cast<std::size_t>(n), U' ');
        col += n;
      }
    } else {
      out.push_back(c);
      ++col;
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return text_value(out);
}

Value partition_impl(const Value& self, CallArgs& args, const char* fn, bool reverse) {
  no_keywords(args, fn);
  min_args(args, fn, 1);
  max_args(args, fn, 1);
  const Value& sep_v = args.positional[0];
  if (!sep_v.is_string()) throw_type_error(fmt::format("must be str, not {}", py_type_name(sep_v)));
  std::string_view s = self.as_string();
  std::string_view sep = sep_v.as_string();
  if (sep.empty()) throw_value_error("empty separator");
  std::size_t pos = reverse ? s.rfind(sep) : s.find(sep);
  if (pos == std::string_view::npos) {
    if (reverse) return Value::tuple({Value::string(""), Value::string(""), Value::string(s)});
    return Value::tuple({Value::string(s), Value::string(""), Value::string("")});
  }
  return Value::tuple({Value::string(s.substr(0, pos)), Value::string(sep),
                       Value::string(s.substr(pos + sep.size()))});
}

Value str_partition(CallContext&, const Value& self, CallArgs& args) {
  return partition_impl(self, args, "partition", false);
}
Value str_rpartition(CallContext&, const Value& self, CallArgs& args) {
  return partition_impl(self, args, "rpartition", true);
}

// ---- predicates -----------------------------------------------------------------------------

template <bool (*Pred)(char32_t)>
Value all_chars(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "is", 0);
  U32 text = self_text(self);
  if (text.empty()) return Value::boolean(false);
  for (char32_t c : text) {
    if (!Pred(c)) return Value::boolean(false);
  }
  return Value::boolean(true);
}

bool is_alnum_char(char32_t c) { return uni_is_alpha(c) || uni_is_numeric(c); }
bool is_printable_char(char32_t c) { return utf8::is_printable(c); }

// isupper / islower: at least one cased character and no cased character of the other case.
template <bool Upper>
Value case_check(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, Upper ? "isupper" : "islower", 0);
  bool cased = false;
  for (char32_t c : self_text(self)) {
    if (Upper ? (uni_is_lower(c) || uni_is_titlecase(c)) : (uni_is_upper(c) || uni_is_titlecase(c))) {
      return Value::boolean(false);
    }
    if (Upper ? uni_is_upper(c) : uni_is_lower(c)) cased = true;
  }
  return Value::boolean(cased);
}

Value str_istitle(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "istitle", 0);
  bool cased = false;
  bool prev_cased = false;
  for (char32_t c : self_text(self)) {
    if (uni_is_upper(c) || uni_is_titlecase(c)) {
      if (prev_cased) return Value::boolean(false);
      prev_cased = true;
      cased = true;
    } else if (uni_is_lower(c)) {
      if (!prev_cased) return Value::boolean(false);
      prev_cased = true;
      cased = true;
    } else {
      prev_cased = false;
    }
  }
  return Value::boolean(cased);
}

Value str_isascii(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "isascii", 0);
  for (char c : self.as_string()) {
    if (static_cast<unsigned char>(c) >= 0x80) return Value::boolean(false);
  }
  return Value::boolean(true);
}

Value str_isprintable(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "isprintable", 0);
  for (char32_t c : self_text(self)) {
    if (!is_printable_char(c)) return Value::boolean(false);
  }
  return Value::boolean(true);
}

Value str_isidentifier(CallContext&, const Value& self, CallArgs& args) {
  max_args(args, "isidentifier", 0);
  U32 text = self_text(self);
  if (text.empty()) return Value::boolean(false);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t c = text[i];
    bool letter_number = c >= 0x2160 && c <= 0x2188;  // Nl: Roman numerals and the like
    bool ok = c == '_' || uni_is_alpha(c) || letter_number || (i > 0 && uni_is_decimal(c));
    if (!ok) return Value::boolean(false);
  }
  return Value::boolean(true);
}

// ---- Markup handling ----------------------------------------------------------------------

enum class MarkupRule {
  kPlain,       // result returned as is (queries; or the method handles Markup itself)
  kEscapeArg2,  // escape the second argument (replace's new, center's fill), result is Markup
  kWrap,        // arguments untouched, the result (or each string of it) is Markup
};

Value mark_safe(const Value& v) {
  if (v.is_string()) return v.with_safe(true);
  if (v.is_list()) {
    List items;
    items.reserve(v.as_list().size());
    for (const Value& item : v.as_list()) items.push_back(mark_safe(item));
    return v.is_tuple() ? Value::tuple(std::move(items)) : Value::list(std::move(items));
  }
  return v;
}

template <MethodFn Core, MarkupRule Rule>
Value markup_aware(CallContext& ctx, const Value& self, CallArgs& args) {
  if constexpr (Rule == MarkupRule::kPlain) {
    return Core(ctx, self, args);
  } else {
    if (!self.is_safe()) return Core(ctx, self, args);
    Value plain = self.with_safe(false);
    if constexpr (Rule == MarkupRule::kEscapeArg2) {
      CallArgs escaped = args;
      if (escaped.positional.size() > 1) {
        Value& v = escaped.positional[1];
        if (v.is_string() && !v.is_safe()) {
          std::string s;
          append_escaped(ctx, s, v.as_string());
          v = Value::safe_string(std::move(s));
        }
      }
      return mark_safe(Core(ctx, plain, escaped));
    } else {
      return mark_safe(Core(ctx, plain, args));
    }
  }
}

struct Entry {
  std::string_view name;
  MethodFn fn;
};

using R = MarkupRule;

constexpr Entry kMethods[] = {
    {"capitalize", markup_aware<str_capitalize, R::kWrap>},
    {"casefold", markup_aware<str_casefold, R::kWrap>},
    {"center", markup_aware<str_center, R::kEscapeArg2>},
    {"count", str_count},
    {"endswith", str_endswith},
    {"expandtabs", markup_aware<str_expandtabs, R::kWrap>},
    {"find", str_find},
    {"format", str_format_method},
    {"format_map", str_format_map_method},
    {"index", str_index},
    {"isalnum", all_chars<is_alnum_char>},
    {"isalpha", all_chars<uni_is_alpha>},
    {"isascii", str_isascii},
    {"isdecimal", all_chars<uni_is_decimal>},
    {"isdigit", all_chars<uni_is_digit>},
    {"isidentifier", str_isidentifier},
    {"islower", case_check<false>},
    {"isnumeric", all_chars<uni_is_numeric>},
    {"isprintable", str_isprintable},
    {"isspace", all_chars<uni_is_space>},
    {"istitle", str_istitle},
    {"isupper", case_check<true>},
    {"join", str_join},
    {"ljust", markup_aware<str_ljust, R::kEscapeArg2>},
    {"lower", markup_aware<str_lower, R::kWrap>},
    {"lstrip", markup_aware<str_lstrip, R::kWrap>},
    {"partition", markup_aware<str_partition, R::kWrap>},
    {"removeprefix", markup_aware<str_removeprefix, R::kWrap>},
    {"removesuffix", markup_aware<str_removesuffix, R::kWrap>},
    {"replace", markup_aware<str_replace, R::kEscapeArg2>},
    {"rfind", str_rfind},
    {"rindex", str_rindex},
    {"rjust", markup_aware<str_rjust, R::kEscapeArg2>},
    {"rpartition", markup_aware<str_rpartition, R::kWrap>},
    {"rsplit", markup_aware<str_rsplit, R::kWrap>},
    {"rstrip", markup_aware<str_rstrip, R::kWrap>},
    {"split", markup_aware<str_split, R::kWrap>},
    {"splitlines", markup_aware<str_splitlines, R::kWrap>},
    {"startswith", str_startswith},
    {"strip", markup_aware<str_strip, R::kWrap>},
    {"swapcase", markup_aware<str_swapcase, R::kWrap>},
    {"title", markup_aware<str_title, R::kWrap>},
    {"upper", markup_aware<str_upper, R::kWrap>},
    {"zfill", markup_aware<str_zfill, R::kWrap>},
};

}  // namespace

MethodFn find_str_method(std::string_view name) {
  for (const Entry& e : kMethods) {
    if (e.name == name) return e.fn;
  }
  return nullptr;
}

}  // namespace docforge::ops
