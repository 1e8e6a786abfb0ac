// Object: default behaviour of attribute lookup, calls and printing.

#include "docforge/error.h"
#include "docforge/value.h"

namespace docforge {

Value Object::get_attr(std::string_view name) const { return Value::undefined(name); }

Value Object::call(CallContext& ctx, CallArgs& args) {
  std::string message = "'";
  message += type_name();
  message += "' object is not callable";
  throw_template_error(ErrorKind::kType, std::move(message));
}

bool Object::set_attr(std::string_view name, Value v) { return false; }

void Object::append_repr(std::string& out) const {
  out += '<';
  out += type_name();
  out += " object>";
}

}  // namespace docforge
