// Helpers for the engine's unit tests: render a template string with a JSON context.

#ifndef DOCFORGE_TESTS_TEMPLATE_ENGINE_TEST_UTIL_H_
#define DOCFORGE_TESTS_TEMPLATE_ENGINE_TEST_UTIL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docforge/data.h"
#include "docforge/environment.h"

namespace docforge::testing {

inline Value json(std::string_view text) {
  if (text.empty()) return Value::map();
  auto r = data::parse_json(text);
  if (!r.ok()) return Value::string("<bad json: " + r.error().message + ">");
  return std::move(r.value());
}

// Renders `src` and returns the output, or "ERROR: <formatted error>".
inline std::string render_with(const Environment& env, std::string_view src,
                               std::string_view ctx = "", std::string_view name = "t.txt") {
  auto t = env.from_string(src, name);
  if (!t.ok()) return "ERROR: " + t.error().format();
  auto r = (*t)->render(json(ctx));
  if (!r.ok()) return "ERROR: " + r.error().format();
  return std::move(r.value());
}

inline std::string render(std::string_view src, std::string_view ctx = "",
                          Options options = {}) {
  Environment env(std::move(options));
  return render_with(env, src, ctx);
}

inline Error render_error(const Environment& env, std::string_view src, std::string_view ctx = "",
                          std::string_view name = "t.txt") {
  auto t = env.from_string(src, name);
  if (!t.ok()) return t.error();
  auto r = (*t)->render(json(ctx));
  if (!r.ok()) return r.error();
  Error none;
  none.message = "no error; output: " + r.value();
  return none;
}

inline std::unique_ptr<Loader> map_loader(
    std::vector<std::pair<std::string, std::string>> sources) {
  return make_map_loader(std::move(sources));
}

}  // namespace docforge::testing

#endif  // DOCFORGE_TESTS_TEMPLATE_ENGINE_TEST_UTIL_H_
