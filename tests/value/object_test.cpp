// Object defaults: no attributes, not callable, no assignment, "<type object>" repr.

#include <gtest/gtest.h>

#include <cstddef>

#include "docforge/error.h"
#include "docforge/value.h"

namespace docforge {
namespace {

class Plain : public Object {
 public:
  const char* type_name() const noexcept override { return "plain"; }
};

class Falsy : public Object {
 public:
  bool truthy() const noexcept override { return false; }
};

TEST(Object, Defaults) {
  Value v = Value::object(new Plain);
  Object* o = v.as_object();
  EXPECT_TRUE(o->get_attr("x").is_undefined());
  EXPECT_FALSE(o->callable());
  EXPECT_FALSE(o->set_attr("x", Value::integer(1)));
  EXPECT_FALSE(o->iterable());
  EXPECT_TRUE(o->to_list().empty());
  EXPECT_EQ(v.str(), "<plain object>");
  EXPECT_EQ(Value::list({v}).str(), "[<plain object>]");
  EXPECT_STREQ(v.type_name(), "plain");
  EXPECT_TRUE(v.truthy());
  EXPECT_TRUE(v.equals(v));
  EXPECT_FALSE(v.equals(Value::object(new Plain)));
  EXPECT_FALSE(Value::object(new Falsy).truthy());
  EXPECT_EQ(Value::object(new Falsy).str(), "<object object>");
}

TEST(Object, CallThrowsTypeError) {
  Value v = Value::object(new Plain);
  CallArgs args;
  try {
    // The default call never touches the context, so any storage stands in for one.
    alignas(alignof(std::max_align_t)) unsigned char storage[64] = {};
    v.as_object()->call(*reinterpret_cast<CallContext*>(storage), args);
    FAIL() << "expected TemplateError";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error.kind, ErrorKind::kType);
    EXPECT_EQ(e.error.message, "'plain' object is not callable");
  }
}

}  // namespace
}  // namespace docforge
