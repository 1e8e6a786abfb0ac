// iterate_value (builtins.h): what a `for` loop or a filter iterates.

#include <string>

#include "docforge/error.h"
#include "template/builtins.h"

namespace docforge {

List iterate_value(CallContext& ctx, const Value& v) {
  switch (v.kind()) {
    case ValueKind::kList:
      return v.as_list();
    case ValueKind::kMap: {
      List keys;
      keys.reserve(v.as_map().size());
      for (const auto& entry : v.as_map()) keys.push_back(entry.first);
      return keys;
    }
    case ValueKind::kString: {
      // Code points; iterating a Markup string yields plain one-character strings, as in Python.
      std::string_view s = v.as_string();
      List chars;
      chars.reserve(s.size());
      std::size_t i = 0;
      while (i < s.size()) {
        std::size_t j = i + 1;
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0xC0) {
          while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
        }
        chars.push_back(Value::string(s.substr(i, j - i)));
        i = j;
      }
      return chars;
    }
    case ValueKind::kUndefined:
      ctx.check_defined(v);
      return {};
    case ValueKind::kObject:
      if (v.as_object()->iterable()) return v.as_object()->to_list();
      break;
    default:
      break;
  }
  throw_template_error(ErrorKind::kType,
                       "'" + std::string(v.type_name()) + "' object is not iterable");
}

}  // namespace docforge
