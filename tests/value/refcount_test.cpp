// Sharing and reference counts: copies share heap contents, moves transfer, nothing leaks
// (run under ASan to check the last point).

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "docforge/value.h"

namespace docforge {
namespace {

class Counted : public Object {
 public:
  explicit Counted(int* live) : live_(live) { ++*live_; }
  ~Counted() override { --*live_; }
  const char* type_name() const noexcept override { return "counted"; }

 private:
  int* live_;
};

TEST(Refcount, CopiesShareAndMovesTransfer) {
  Value a = Value::string("shared text that is longer than SSO");
  ASSERT_NE(a.heap(), nullptr);
  EXPECT_EQ(a.heap()->use_count(), 1u);
  {
    Value b = a;
    EXPECT_EQ(b.heap(), a.heap());
    EXPECT_EQ(a.heap()->use_count(), 2u);
    Value c = std::move(b);
    EXPECT_TRUE(b.is_undefined());  // NOLINT: moved-from is a plain undefined
    EXPECT_EQ(a.heap()->use_count(), 2u);
    Value d;
    d = c;
    EXPECT_EQ(a.heap()->use_count(), 3u);
    d = d;  // self-assignment is safe
    EXPECT_EQ(a.heap()->use_count(), 3u);
  }
  EXPECT_EQ(a.heap()->use_count(), 1u);
}

TEST(Refcount, ObjectsAreFreedWithTheLastReference) {
  int live = 0;
  {
    Value o = Value::object(new Counted(&live));
    EXPECT_EQ(live, 1);
    EXPECT_EQ(o.heap()->use_count(), 1u);
    Value list = Value::list({o, o});
    EXPECT_EQ(o.heap()->use_count(), 3u);
    Map m;
    m.set("o", o);
    Value map = Value::map(std::move(m));
    EXPECT_EQ(o.heap()->use_count(), 4u);
    EXPECT_STREQ(o.type_name(), "counted");
  }
  EXPECT_EQ(live, 0);
}

TEST(Refcount, NestedContainersRelease) {
  int live = 0;
  {
    Value inner = Value::list({Value::object(new Counted(&live)), Value::string("x")});
    Map m;
    m.set("inner", inner);
    m.set(Value::big_integer(BigInt(2).pow(100)), Value::undefined("name"));
    Value outer = Value::tuple({Value::map(std::move(m)), inner});
    EXPECT_EQ(live, 1);
  }
  EXPECT_EQ(live, 0);
}

TEST(Refcount, ThreadsCopyConcurrently) {
  int live = 0;
  {
    const Value shared = Value::list({Value::object(new Counted(&live)), Value::string("s")});
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&shared] {
        for (int i = 0; i < 20000; ++i) {
          Value copy = shared;
          Value inner = copy.as_list()[1];
          ASSERT_EQ(inner.as_string(), "s");
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(shared.heap()->use_count(), 1u);
    EXPECT_EQ(shared.as_list()[0].heap()->use_count(), 1u);
  }
  EXPECT_EQ(live, 0);
}

TEST(Refcount, PrepaidCopiesCountExactlyOnceGivenBack) {
  Value shared = Value::string("a key shared by many maps");
  std::vector<Value> copies;
  {
    PrepaidValue prepaid(shared);
    for (int i = 0; i < 10000; ++i) copies.push_back(prepaid.copy());  // several batches
    for (const Value& c : copies) ASSERT_EQ(c.heap(), shared.heap());
    EXPECT_GE(shared.heap()->use_count(), 10002u);  // never below the live copies
    EXPECT_TRUE(prepaid.copy().equals(shared));
    PrepaidValue moved(std::move(prepaid));  // the prepaid references move along
    copies.push_back(moved.copy());
  }
  // Given back: exact again (shared, the 10,001 copies).
  EXPECT_EQ(shared.heap()->use_count(), 10002u);
  // Dropped on other threads, while another PrepaidValue keeps copying on this one.
  std::vector<Value> half(copies.begin() + 5000, copies.end());
  copies.resize(5000);
  std::thread t([&half] { half.clear(); });
  {
    PrepaidValue again(shared);
    for (int i = 0; i < 3000; ++i) copies.push_back(again.copy());
    t.join();
  }
  EXPECT_EQ(shared.heap()->use_count(), 8001u);
  copies.clear();
  EXPECT_EQ(shared.heap()->use_count(), 1u);
  // Values without a heap part copy as themselves.
  PrepaidValue number(Value::integer(7));
  EXPECT_EQ(number.copy().as_int(), 7);
  PrepaidValue none(Value::none());
  EXPECT_TRUE(none.copy().is_none());
}

}  // namespace
}  // namespace docforge
