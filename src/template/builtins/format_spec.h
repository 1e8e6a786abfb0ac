// Private: Python's format(value, spec) — the format-specification mini-language of
// str.format ("{:>8.2f}"): [[fill]align][sign][z][#][0][width][grouping][.precision][type].
//
// Strings, ints (and bool), big ints and floats follow Python exactly; other values accept only
// an empty spec (then str(value)), as Python's object.__format__ does.
//
// Thread safety: pure.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_FORMAT_SPEC_H_
#define DOCFORGE_TEMPLATE_BUILTINS_FORMAT_SPEC_H_

#include <string>
#include <string_view>

#include "docforge/value.h"
#include "template/call_context.h"

namespace docforge::ops {

// Appends format(v, spec) to out. Throws kValue / kType errors with Python's messages.
void append_formatted(CallContext& ctx, std::string& out, const Value& v, std::string_view spec);

}  // namespace docforge::ops

#endif  // DOCFORGE_TEMPLATE_BUILTINS_FORMAT_SPEC_H_
