// str.format(*args, **kwargs) (see methods_str.h): literal text with {{ and }} escapes and
// replacement fields {field_name!conversion:format_spec}, where field_name is an argument
// number or keyword (auto-numbered when empty) followed by .attribute and [index] parts, and
// format_spec may itself contain one level of nested fields ("{:{width}}").
//
// A Markup receiver formats each field, then escapes the result unless the value was Markup
// (markupsafe's EscapeFormatter); the result is Markup.
#include <string>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/builtins/format_spec.h"
#include "template/builtins/methods_str.h"
#include "template/builtins/ops_util.h"
#include "value/utf8.h"

namespace docforge::ops {
namespace {

class StrFormatter {
 public:
  StrFormatter(CallContext& ctx, const CallArgs& args, bool safe)
      : ctx_(ctx), args_(args), safe_(safe) {}

  std::string run(std::string_view f, int depth) {
    if (depth > 2) throw_value_error("Max string recursion exceeded");
    std::string out;
    std::size_t i = 0;
    while (i < f.size()) {
      char c = f[i];
      if (c == '{') {
        if (i + 1 < f.size() && f[i + 1] == '{') {
          out += '{';
          i += 2;
          continue;
        }
        std::size_t end = field_end(f, i);
        field(out, f.substr(i + 1, end - i - 1), depth);
        i = end + 1;
        if (out.size() > 4096) ctx_.charge_value_size(out.size());
      } else if (c == '}') {
        if (i + 1 < f.size() && f[i + 1] == '}') {
          out += '}';
          i += 2;
          continue;
        }
        throw_value_error("Single '}' encountered in format string");
      } else {
        std::size_t next = f.find_first_of("{}", i);
        if (next == std::string_view::npos) next = f.size();
        out += f.substr(i, next - i);
        i = next;
      }
    }
    return out;
  }

 private:
  // Index of the '}' closing the field opened at f[open], honouring nested braces.
  static std::size_t field_end(std::string_view f, std::size_t open) {
    int nest = 1;
    bool in_index = false;
    for (std::size_t j = open + 1; j < f.size(); ++j) {
      char c = f[j];
      if (in_index) {
        if (c == ']') in_index = false;
        continue;
      }
      if (c == '[' && nest == 1) in_index = true;
      else if (c == '{') ++nest;
      else if (c == '}') {
        if (--nest == 0) return j;
      }
    }
    if (nest > 1 || in_index) throw_value_error("expected '}' before end of string");
    throw_value_error("Single '{' encountered in format string");
  }

  Value lookup_arg(std::string_view name) {
    if (name.empty()) {
      if (manual_) {
        throw_value_error(
            "cannot switch from manual field specification to automatic field numbering");
      }
      auto_ = true;
      std::size_t idx = next_auto_++;
      if (idx >= args_.positional.size()) {
        throw_template_error(ErrorKind::kValue,
                             fmt::format("Replacement index {} out of range for positional "
                                         "args tuple", idx));
      }
      return args_.positional[idx];
    }
    bool numeric = true;
    for (char c : name) numeric = numeric && c >= '0' && c <= '9';
    if (numeric) {
      if (auto_) {
        throw_value_error(
            "cannot switch from automatic field numbering to manual field specification");
      }
      manual_ = true;
      std::size_t idx = name.size() > 18 ? SIZE_MAX : std::stoull(std::string(name));
      if (idx >= args_.positional.size()) {
        throw_template_error(ErrorKind::kValue,
                             fmt::format("Replacement index {} out of range for positional "
                                         "args tuple", name));
      }
      return args_.positional[idx];
    }
    for (const auto& [k, v] : args_.keyword) {
      if (k == name) return v;
    }
    throw_template_error(ErrorKind::kValue, Value::string(name).repr());
  }

  // Python's getattr(v, name) as str.format uses it: attributes of objects and methods of
  // builtin types, never dict items.
  static Value python_getattr(const Value& v, std::string_view name) {
    Value r;
    if (v.is_object()) r = v.as_object()->get_attr(name);
    else r = get_builtin_method(v, name);
    if (r.is_undefined()) {
      throw_template_error(ErrorKind::kValue, fmt::format("'{}' object has no attribute '{}'",
                                                          py_type_name(v), name));
    }
    return r;
  }

  // Python's v[key] as str.format uses it.
  Value python_getitem(const Value& v, const Value& key) {
    if (v.is_map()) {
      if (const Value* r = v.as_map().find(key)) return *r;
      throw_template_error(ErrorKind::kValue, key.repr());
    }
    if (v.is_list() || v.is_string()) {
      if (!key.is_int()) {
        throw_type_error(fmt::format("{} indices must be integers or slices, not str",
                                     py_type_name(v)));
      }
      Value r = ctx_.get_item(v, key);
      if (r.is_undefined()) {
        throw_template_error(ErrorKind::kValue,
                             fmt::format("{} index out of range", py_type_name(v)));
      }
      return r;
    }
    Value r = ctx_.get_item(v, key);
    if (r.is_undefined()) {
      throw_type_error(fmt::format("'{}' object is not subscriptable", py_type_name(v)));
    }
    return r;
  }

  // Resolves "name.attr[key]..." to a value.
  Value resolve(std::string_view field_name) {
    std::size_t i = 0;
    while (i < field_name.size() && field_name[i] != '.' && field_name[i] != '[') ++i;
    Value v = lookup_arg(field_name.substr(0, i));
    while (i < field_name.size()) {
      if (field_name[i] == '.') {
        std::size_t j = ++i;
        while (i < field_name.size() && field_name[i] != '.' && field_name[i] != '[') ++i;
        std::string_view attr = field_name.substr(j, i - j);
        if (attr.empty()) throw_value_error("Empty attribute in format string");
        if (attr.substr(0, 1) == "_") {
          throw_template_error(ErrorKind::kSecurity,
                               fmt::format("access to attribute '{}' is not allowed", attr));
        }
        v = python_getattr(v, attr);
      } else {  // '['
        std::size_t close = field_name.find(']', i);
        if (close == std::string_view::npos) throw_value_error("Missing ']' in format string");
        std::string_view key = field_name.substr(i + 1, close - i - 1);
        if (key.empty()) throw_value_error("Empty attribute in format string");
        bool numeric = true;
        for (char c : key) numeric = numeric && c >= '0' && c <= '9';
        Value k = numeric && key.size() < 18 ? Value::integer(std::stoll(std::string(key)))
                                             : Value::string(key);
        v = python_getitem(v, k);
        i = close + 1;
        if (i < field_name.size() && field_name[i] != '.' && field_name[i] != '[') {
          throw_value_error("Only '.' or '[' may follow ']' in format field specifier");
        }
      }
    }
    return v;
  }

  void field(std::string& out, std::string_view body, int depth) {
    // field_name [! conversion] [: spec]; '[' ... ']' may contain ':' or '!'.
    std::size_t i = 0;
    bool in_index = false;
    for (; i < body.size(); ++i) {
      char c = body[i];
      if (in_index) {
        if (c == ']') in_index = false;
        continue;
      }
      if (c == '[') in_index = true;
      else if (c == '!' || c == ':') break;
    }
    std::string_view name = body.substr(0, i);
    char conversion = 0;
    if (i < body.size() && body[i] == '!') {
      if (i + 1 >= body.size()) {
        throw_value_error("end of string while looking for conversion specifier");
      }
      conversion = body[i + 1];
      i += 2;
      if (i < body.size() && body[i] != ':') throw_value_error("expected ':' after conversion specifier");
    }
    Value v = resolve(name);
    std::string spec;
    if (i < body.size() && body[i] == ':') spec = run(body.substr(i + 1), depth + 1);
    switch (conversion) {
      case 0: break;
      case 's': v = v.is_undefined() ? Value::string("") : Value::string(v.str()); break;
      case 'r': v = Value::string(v.repr()); break;
      case 'a': {
        std::string r = v.repr();
        std::string ascii;
        std::size_t pos = 0;
        while (pos < r.size()) {
          unsigned char ch = static_cast<unsigned char>(r[pos]);
          if (ch < 0x80) {
            ascii += static_cast<char>(ch);
            ++pos;
            continue;
          }
          char32_t cp = utf8::decode(r, &pos);
          if (cp <= 0xFF) ascii += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
          else if (cp <= 0xFFFF) ascii += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
          else ascii += fmt::format("\\U{:08x}", static_cast<unsigned>(cp));
        }
        v = Value::string(ascii);
        break;
      }
      default:
        throw_value_error(fmt::format("Unknown conversion specifier {}", conversion));
    }
    if (!safe_ || (v.is_safe() && conversion == 0)) {
      if (safe_ && !spec.empty()) {
        throw_value_error("Cannot format a Markup value with a format spec");
      }
      append_formatted(ctx_, out, v, spec);
      return;
    }
    std::string formatted;
    append_formatted(ctx_, formatted, v, spec);
    append_escaped(ctx_, out, formatted);
  }

  CallContext& ctx_;
  const CallArgs& args_;
  bool safe_;
  bool auto_ = false;
  bool manual_ = false;
  std::size_t next_auto_ = 0;
};

}  // namespace

Value str_format_method(CallContext& ctx, const Value& self, CallArgs& args) {
  std::string out = StrFormatter(ctx, args, self.is_safe()).run(self.as_string(), 0);
  ctx.charge_value_size(out.size());
  return self.is_safe() ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
}

Value str_format_map_method(CallContext& ctx, const Value& self, CallArgs& args) {
  if (!args.keyword.empty()) throw_type_error("str.format_map() takes no keyword arguments");
  if (args.positional.size() != 1) {
    throw_type_error(fmt::format("str.format_map() takes exactly one argument ({} given)",
                                 args.positional.size()));
  }
  const Value& mapping = args.positional[0];
  CallArgs named;
  if (mapping.is_map()) {
    for (const auto& [k, v] : mapping.as_map()) {
      if (k.is_string()) named.keyword.emplace_back(std::string(k.as_string()), v);
    }
  } else if (!mapping.is_undefined()) {
    throw_type_error(
        fmt::format("'{}' object is not subscriptable", py_type_name(mapping)));
  }
  return str_format_method(ctx, self, named);
}

}  // namespace docforge::ops
