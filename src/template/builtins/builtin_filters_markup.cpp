// Filters that produce markup or serialised text: pprint, tojson, urlencode, urlize, xmlattr.
//
// tojson is Jinja2's htmlsafe_json_dumps: json.dumps(sort_keys=True, ensure_ascii=True) with
// < > & ' written as \u003c \u003e \u0026 \u0027, returned as a safe string.
// pprint is Python's pprint.pformat (width 80, dict keys sorted): repr() when it fits, else
// containers broken one item per line. Long strings are not split into chunks.
// urlize follows jinja2.utils.urlize for http(s)://, www., mailto: and e-mail addresses.

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>
#include <utility>

#include "template/builtins.h"
#include "template/builtins/filter_common.h"
#include "template/builtins/filter_fns.h"

namespace docforge::filters {
namespace {

// ---- JSON ----

void json_string(std::string& out, std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  auto u = [&](unsigned cp) {
    out += "\\u";
    out.push_back(kHex[(cp >> 12) & 0xF]);
    out.push_back(kHex[(cp >> 8) & 0xF]);
    out.push_back(kHex[(cp >> 4) & 0xF]);
    out.push_back(kHex[cp & 0xF]);
  };
  out.push_back('"');
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x80) {
      // Decode one code point; ensure_ascii writes it as \uXXXX (a surrogate pair above U+FFFF).
      std::size_t len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
      std::u32string cps = decode_utf8(s.substr(i, std::min(len, s.size() - i)));
      for (char32_t c : cps) {
        if (c >= 0xDC80 && c <= 0xDCFF) c = 0xFFFD;  // invalid byte
        if (c >= 0x10000) {
          unsigned v = static_cast<unsigned>(c) - 0x10000;
          u(0xD800 + (v >> 10));
          u(0xDC00 + (v & 0x3FF));
        } else {
          u(static_cast<unsigned>(c));
        }
      }
      i += std::min(len, s.size() - i);
      continue;
    }
    char c = static_cast<char>(b);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '<':
      case '>':
      case '&':
      case '\'':
        u(b);
        break;
      default:
        if (b < 0x20 || b == 0x7F) {
          u(b);
        } else {
          out.push_back(c);
        }
    }
    ++i;
  }
  out.push_back('"');
}

void json_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "NaN";
  } else if (std::isinf(d)) {
    out += d > 0 ? "Infinity" : "-Infinity";
  } else {
    append_python_float(out, d);
  }
}

[[noreturn]] void not_serializable(CallContext& ctx, const Value& v) {
  type_error("Object of type " + py_type_name(ctx, v) + " is not JSON serializable");
}

std::string json_key(const Value& k) {
  switch (k.kind()) {
    case ValueKind::kString: return std::string(k.as_string());
    case ValueKind::kBool: return k.as_bool() ? "true" : "false";
    case ValueKind::kNone: return "null";
    case ValueKind::kInt:
    case ValueKind::kBigInt: return k.str();
    case ValueKind::kFloat: {
      std::string s;
      json_float(s, k.as_float());
      return s;
    }
    default:
      type_error(std::string("keys must be str, int, float, bool or None, not ") + k.type_name());
  }
}

struct JsonWriter {
  CallContext& ctx;
  bool pretty;
  std::string indent;
  std::string out;
  int depth = 0;

  void newline() {
    out.push_back('\n');
    for (int i = 0; i < depth; ++i) out += indent;
  }

  void write(const Value& v) {
    if (depth > 500) value_error("Circular reference detected");
    switch (v.kind()) {
      case ValueKind::kNone: out += "null"; return;
      case ValueKind::kBool: out += v.as_bool() ? "true" : "false"; return;
      case ValueKind::kInt:
      case ValueKind::kBigInt: v.append_str(out); return;
      case ValueKind::kFloat: json_float(out, v.as_float()); return;
      case ValueKind::kString: json_string(out, v.as_string()); return;
      case ValueKind::kList: {
        const List& items = v.as_list();
        if (items.empty()) {
          out += "[]";
          return;
        }
        out.push_back('[');
        ++depth;
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (i > 0) out += pretty ? "," : ", ";
          if (pretty) newline();
          write(items[i]);
        }
        --depth;
        if (pretty) newline();
        out.push_back(']');
        return;
      }
      case ValueKind::kMap: {
        const Map& m = v.as_map();
        if (m.empty()) {
          out += "{}";
          return;
        }
        std::vector<const Map::Entry*> entries;
        bool string_keys = true;
        for (const auto& e : m) {
          entries.push_back(&e);
          string_keys = string_keys && e.first.is_string();
        }
        if (string_keys) {
          std::sort(entries.begin(), entries.end(), [](const Map::Entry* a, const Map::Entry* b) {
            return a->first.as_string() < b->first.as_string();
          });
        } else {
          std::stable_sort(entries.begin(), entries.end(),
                           [&](const Map::Entry* a, const Map::Entry* b) {
                             return py_less(ctx, a->first, b->first);
                           });
        }
        out.push_back('{');
        ++depth;
        for (std::size_t i = 0; i < entries.size(); ++i) {
          if (i > 0) out += pretty ? "," : ", ";
          if (pretty) newline();
          json_string(out, json_key(entries[i]->first));
          out += ": ";
          write(entries[i]->second);
        }
        --depth;
        if (pretty) newline();
        out.push_back('}');
        return;
      }
      default:
        not_serializable(ctx, v);
    }
  }
};

// ---- pprint ----

void sorted_entries(CallContext& ctx, const Map& m, std::vector<const Map::Entry*>* out) {
  for (const auto& e : m) out->push_back(&e);
  std::stable_sort(out->begin(), out->end(), [&](const Map::Entry* a, const Map::Entry* b) {
    try {
      return py_less(ctx, a->first, b->first);
    } catch (const TemplateError&) {
      // pprint's _safe_key: unorderable keys order by type name.
      return std::string_view(a->first.type_name()) < std::string_view(b->first.type_name());
    }
  });
}

// Nesting deeper than this fails like Python's RecursionError instead of exhausting the stack.
constexpr int kMaxReprDepth = 500;

void py_repr(CallContext& ctx, const Value& v, std::string& out, int depth = 0) {
  if (depth > kMaxReprDepth) {
    throw_template_error(ErrorKind::kLimit, "maximum recursion depth exceeded while getting the repr of an object");
  }
  if (v.is_map()) {
    std::vector<const Map::Entry*> entries;
    sorted_entries(ctx, v.as_map(), &entries);
    out.push_back('{');
    for (std::size_t i = 0; i < entries.size(); ++i) {
      if (i > 0) out += ", ";
      py_repr(ctx, entries[i]->first, out, depth + 1);
      out += ": ";
      py_repr(ctx, entries[i]->second, out, depth + 1);
    }
    out.push_back('}');
  } else if (v.is_list()) {
    bool tuple = v.is_tuple();
    const List& items = v.as_list();
    out.push_back(tuple ? '(' : '[');
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      py_repr(ctx, items[i], out, depth + 1);
    }
    if (tuple && items.size() == 1) out.push_back(',');
    out.push_back(tuple ? ')' : ']');
  } else {
    v.append_repr(out);
  }
}

void pformat(CallContext& ctx, const Value& v, std::string& out, std::size_t indent,
             std::size_t allowance, int depth = 0) {
  std::string rep;
  py_repr(ctx, v, rep, depth);
  std::size_t width = count_code_points(rep);
  bool fits = indent + allowance + width <= 80;
  bool container = (v.is_list() && !v.as_list().empty()) || (v.is_map() && !v.as_map().empty());
  if (fits || !container) {
    out += rep;
    return;
  }
  if (v.is_map()) {
    std::vector<const Map::Entry*> entries;
    sorted_entries(ctx, v.as_map(), &entries);
    out.push_back('{');
    std::size_t in = indent + 1;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      bool last = i + 1 == entries.size();
      std::string key;
      py_repr(ctx, entries[i]->first, key);
      out += key;
      out += ": ";
      pformat(ctx, entries[i]->second, out, in + count_code_points(key) + 2, last ? allowance + 1 : 1,
              depth + 1);
      if (!last) {
        out += ",\n";
        out.append(in, ' ');
      }
    }
    out.push_back('}');
    return;
  }
  bool tuple = v.is_tuple();
  const List& items = v.as_list();
  std::string end = tuple ? (items.size() == 1 ? ",)" : ")") : "]";
  out.push_back(tuple ? '(' : '[');
  std::size_t in = indent + 1;
  for (std::size_t i = 0; i < items.size(); ++i) {
    bool last = i + 1 == items.size();
    if (i > 0) {
      out += ",\n";
      out.append(in, ' ');
    }
    pformat(ctx, items[i], out, in, last ? allowance + end.size() : 1, depth + 1);
  }
  out += end;
}

// ---- URLs ----

// urllib.parse.quote_from_bytes with the given extra safe characters.
void url_quote(std::string& out, std::string_view s, bool for_qs) {
  static const char* kHex = "0123456789ABCDEF";
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.' || c == '-' || c == '~' || (!for_qs && c == '/');
    if (safe) {
      out.push_back(static_cast<char>(c));
    } else if (for_qs && c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::size_t count_of(std::string_view s, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t pos = s.find(needle); pos != std::string_view::npos;
       pos = s.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

const std::regex& http_re() {
  static const std::regex re(
      R"(^((https?://|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|xn--[\w%]{2,59})|([\w%-]{2,63}\.)+)"
      R"((com|net|int|edu|gov|org|info|mil)|(https?://)((([\d]{1,3})(\.[\d]{1,3}){3})|)"
      R"((\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}\])))(:[\d]{1,5})?([/?#]\S*)?$)",
      std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
  return re;
}

const std::regex& email_re() {
  static const std::regex re(R"(^\S+@\w[\w.-]*\.\w+$)", std::regex::ECMAScript | std::regex::optimize);
  return re;
}

// Words longer than this are never links (and never reach the backtracking regex).
constexpr std::size_t kMaxUrlWord = 2048;

std::string urlize_text(std::string_view text, bool text_safe, const Value* trim_limit, const std::string& rel,
                        const std::string& target, const std::vector<std::string>& schemes) {
  std::string escaped;
  if (text_safe) {
    escaped = std::string(text);
  } else {
    append_html_escaped(escaped, text);
  }
  std::string rel_attr;
  if (!rel.empty()) {
    rel_attr = " rel=\"";
    append_html_escaped(rel_attr, rel);
    rel_attr += "\"";
  }
  std::string target_attr;
  if (!target.empty()) {
    target_attr = " target=\"";
    append_html_escaped(target_attr, target);
    target_attr += "\"";
  }
  auto trim_url = [&](const std::string& x) {
    if (trim_limit == nullptr || trim_limit->is_none()) return x;
    std::int64_t limit = to_index(*trim_limit);
    std::u32string cps = decode_utf8(x);
    if (static_cast<std::int64_t>(cps.size()) > limit) {
      return encode_utf8(cps.substr(0, static_cast<std::size_t>(std::max<std::int64_t>(limit, 0)))) +
             "...";
    }
    return x;
  };
  // Split into words and whitespace runs (ASCII and Unicode whitespace).
  std::u32string all = decode_utf8(escaped);
  std::vector<std::pair<std::string, bool>> words;  // text, is_space
  std::size_t i = 0;
  while (i < all.size()) {
    std::size_t j = i;
    bool sp = py_isspace(all[i]);
    while (j < all.size() && py_isspace(all[j]) == sp) ++j;
    words.emplace_back(encode_utf8(std::u32string_view(all).substr(i, j - i)), sp);
    i = j;
  }
  std::string out;
  for (auto& [word, is_space] : words) {
    // Whitespace, and words too long to be links (bounded work: no quadratic trimming).
    if (is_space || word.size() > kMaxUrlWord) {
      out += word;
      continue;
    }
    std::string head;
    std::string middle = word;
    std::string tail;
    while (true) {
      if (starts_with(middle, "(") || starts_with(middle, "<")) {
        head += middle.substr(0, 1);
        middle.erase(0, 1);
      } else if (starts_with(middle, "&lt;")) {
        head += "&lt;";
        middle.erase(0, 4);
      } else {
        break;
      }
    }
    while (!middle.empty()) {
      char c = middle.back();
      if (c == ')' || c == '>' || c == '.' || c == ',' || c == '\n') {
        tail.insert(0, 1, c);
        middle.pop_back();
      } else if (ends_with(middle, "&gt;")) {
        tail.insert(0, "&gt;");
        middle.resize(middle.size() - 4);
      } else {
        break;
      }
    }
    const std::pair<std::string_view, std::string_view> pairs[] = {{"(", ")"}, {"<", ">"}, {"&lt;", "&gt;"}};
    for (const auto& [open, close] : pairs) {
      std::size_t start_count = count_of(middle, open);
      if (start_count <= count_of(middle, close)) continue;
      std::size_t moves = std::min(start_count, count_of(tail, close));
      for (std::size_t m = 0; m < moves; ++m) {
        std::size_t end_index = tail.find(close) + close.size();
        middle += tail.substr(0, end_index);
        tail.erase(0, end_index);
      }
    }
    // Every link form needs a '.', '[' (IPv6) or '@': skip the regex for other words.
    bool small = middle.size() <= kMaxUrlWord &&
                 middle.find_first_of(".[@") != std::string::npos;
    if (small && std::regex_match(middle, http_re())) {
      if (starts_with(middle, "https://") || starts_with(middle, "http://")) {
        middle = "<a href=\"" + middle + "\"" + rel_attr + target_attr + ">" + trim_url(middle) + "</a>";
      } else {
        middle = "<a href=\"https://" + middle + "\"" + rel_attr + target_attr + ">" +
                 trim_url(middle) + "</a>";
      }
    } else if (small && starts_with(middle, "mailto:") &&
               std::regex_match(middle.substr(7), email_re())) {
      middle = "<a href=\"" + middle + "\">" + middle.substr(7) + "</a>";
    } else if (small && middle.find('@') != std::string::npos && !starts_with(middle, "www.") &&
               middle.find(':') == std::string::npos && std::regex_match(middle, email_re())) {
      middle = "<a href=\"mailto:" + middle + "\">" + middle + "</a>";
    } else {
      for (const std::string& scheme : schemes) {
        if (middle != scheme && starts_with(middle, scheme)) {
          middle = "<a href=\"" + middle + "\"" + rel_attr + target_attr + ">" + middle + "</a>";
        }
      }
    }
    out += head;
    out += middle;
    out += tail;
  }
  return out;
}

}  // namespace

Value f_tojson(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("tojson", args, {"indent"});
  JsonWriter w{ctx, false, "", "", 0};
  if (a.has(0) && !a.get(0)->is_none()) {
    w.pretty = true;
    const Value& ind = *a.get(0);
    if (ind.is_string()) {
      w.indent = std::string(ind.as_string());
    } else {
      std::int64_t n = to_index(ind);
      if (n > 0) {
        ctx.charge_value_size(static_cast<std::size_t>(n));
        w.indent.assign(static_cast<std::size_t>(n), ' ');
      }
    }
  }
  w.write(v);
  ctx.charge_value_size(w.out.size());
  return Value::safe_string(std::move(w.out));
}

Value f_pprint(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("pprint", args);
  if (v.is_undefined()) return plain("Undefined");  // repr(Undefined), under every policy
  std::string out;
  pformat(ctx, v, out, 0, 0);
  return plain(std::move(out));
}

Value f_urlencode(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("urlencode", args);
  ctx.check_defined(v);
  std::string out;
  auto pair = [&](const Value& k, const Value& val) {
    if (!out.empty()) out.push_back('&');
    url_quote(out, to_str(ctx, k), true);
    out.push_back('=');
    url_quote(out, to_str(ctx, val), true);
  };
  if (v.is_map()) {
    for (const auto& [k, val] : v.as_map()) pair(k, val);  // each pair has '=': never empty
    return plain(std::move(out));
  }
  if (v.is_list() || (v.is_object() && v.as_object()->iterable())) {
    std::string result;
    bool first = true;
    for (const Value& item : iterate_value(ctx, v)) {
      List kv = iterate_value(ctx, item);
      if (kv.size() != 2) {
        value_error(kv.size() < 2 ? "not enough values to unpack (expected 2, got " +
                                        std::to_string(kv.size()) + ")"
                                  : "too many values to unpack (expected 2)");
      }
      if (!first) result.push_back('&');
      first = false;
      url_quote(result, to_str(ctx, kv[0]), true);
      result.push_back('=');
      url_quote(result, to_str(ctx, kv[1]), true);
    }
    return plain(std::move(result));
  }
  url_quote(out, to_str(ctx, v), false);
  return plain(std::move(out));
}

Value f_urlize(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("urlize", args, {"trim_url_limit", "nofollow", "target", "rel", "extra_schemes"});
  std::vector<std::string> rel_parts;
  auto add_words = [&](std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (s[i] == ' ' || (s[i] >= 9 && s[i] <= 13))) ++i;
      std::size_t j = i;
      while (j < s.size() && !(s[j] == ' ' || (s[j] >= 9 && s[j] <= 13))) ++j;
      if (j > i) rel_parts.emplace_back(s.substr(i, j - i));
      i = j;
    }
  };
  if (a.has(3) && a.get(3)->truthy()) add_words(to_str(ctx, *a.get(3)));
  if (a.bool_or(1, false)) rel_parts.emplace_back("nofollow");
  rel_parts.emplace_back("noopener");
  std::sort(rel_parts.begin(), rel_parts.end());
  rel_parts.erase(std::unique(rel_parts.begin(), rel_parts.end()), rel_parts.end());
  std::string rel;
  for (const auto& p : rel_parts) {
    if (!rel.empty()) rel.push_back(' ');
    rel += p;
  }
  std::string target = (a.has(2) && !a.get(2)->is_none()) ? to_str(ctx, *a.get(2)) : "";
  std::vector<std::string> schemes;
  if (a.has(4) && !a.get(4)->is_none()) {
    static const std::regex scheme_re(R"(^([\w.+-]{2,}:(/){0,2})$)");
    for (const Value& s : iterate_value(ctx, *a.get(4))) {
      std::string text = to_str(ctx, s);
      if (text.size() > kMaxUrlWord || !std::regex_match(text, scheme_re)) {
        std::string r;
        s.append_repr(r);
        value_error(r + " is not a valid URI scheme prefix.");
      }
      schemes.push_back(std::move(text));
    }
  }
  std::string out = urlize_text(to_str(ctx, v), v.is_safe(), a.get(0), rel, target, schemes);
  if (ctx.autoescape()) return Value::safe_string(std::move(out));
  return plain(std::move(out));
}

Value f_xmlattr(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("xmlattr", args, {"autospace"});
  bool autospace = a.bool_or(0, true);
  if (v.is_undefined()) fail_undefined(v);
  if (!v.is_map()) {
    type_error("'" + std::string(v.type_name()) + "' object has no attribute 'items'");
  }
  std::string out;
  for (const auto& [key, value] : v.as_map()) {
    if (value.is_none() || value.is_undefined()) continue;
    if (!key.is_string()) type_error("expected string or bytes-like object");
    std::string_view k = key.as_string();
    for (char c : k) {
      if (c == ' ' || (c >= 9 && c <= 13) || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F ||
          c == '/' || c == '>' || c == '=') {
        std::string r;
        key.append_repr(r);
        value_error("Invalid character in attribute name: " + r);
      }
    }
    if (!out.empty()) out.push_back(' ');
    if (key.is_safe()) {
      out += k;
    } else {
      append_html_escaped(out, k);
    }
    out += "=\"";
    std::string s = value.str();
    if (value.is_safe()) {
      out += s;
    } else {
      append_html_escaped(out, s);
    }
    out.push_back('"');
  }
  if (autospace && !out.empty()) out.insert(0, 1, ' ');
  if (ctx.autoescape()) return Value::safe_string(std::move(out));
  return plain(std::move(out));
}

}  // namespace docforge::filters
