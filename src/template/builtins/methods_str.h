// Private: the methods of str (and Markup) that templates may call — "abc".upper(),
// s.split(","), s.format(...) — as a table the type-method lookup consults.
//
// Markup receivers follow markupsafe 3: methods that build strings return Markup (split,
// partition and splitlines: lists/tuples of Markup); replace escapes its replacement text,
// center/ljust/rjust their fill character, join and format every non-Markup argument; queries
// (find, startswith, is*) return plain values.
//
// Thread safety: the table is immutable; the functions are reentrant.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_METHODS_STR_H_
#define DOCFORGE_TEMPLATE_BUILTINS_METHODS_STR_H_

#include <string_view>

#include "template/builtins/methods_callable.h"

namespace docforge::ops {

// nullptr when str has no (allowed) method of that name.
MethodFn find_str_method(std::string_view name);

// str.format(*args, **kwargs) with Python's format-spec mini-language (methods_str_format.cpp).
// REQUIRES: self.is_string().
Value str_format_method(CallContext& ctx, const Value& self, CallArgs& args);

// str.format_map(mapping): str.format with the mapping's string keys as keywords.
Value str_format_map_method(CallContext& ctx, const Value& self, CallArgs& args);

}  // namespace docforge::ops

#endif  // DOCFORGE_TEMPLATE_BUILTINS_METHODS_STR_H_
