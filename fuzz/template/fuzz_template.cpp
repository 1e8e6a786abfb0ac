// libFuzzer target: lexer + parser + compiler + interpreter of the template language.
//
// The input is split at the first NUL byte: the part before is the template source, the part
// after (if any) is a second template made available to the first as "other.j2" through a map
// loader (so include/import/extends are reachable). Every byte-level input must end in either a
// rendered string or an error value within the small limits below; a crash, sanitizer report,
// hang (libFuzzer -timeout) or leak is a bug. The first input byte also picks options
// (trim/lstrip/keep-newline, autoescape, undefined policy, LaTeX syntax) so they are covered.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docforge/environment.h"
#include "docforge/value.h"

namespace {

docforge::Value make_context() {
  docforge::Map items;
  items.set("name", docforge::Value::string("World <&>"));
  items.set("n", docforge::Value::integer(3));
  items.set("x", docforge::Value::floating(2.5));
  items.set("flag", docforge::Value::boolean(true));
  items.set("nothing", docforge::Value::none());
  docforge::List list;
  for (int i = 0; i < 4; ++i) {
    docforge::Map row;
    row.set("id", docforge::Value::integer(i));
    row.set("name", docforge::Value::string("row" + std::to_string(i)));
    row.set("price", docforge::Value::floating(i * 1.25));
    list.push_back(docforge::Value::map(std::move(row)));
  }
  items.set("items", docforge::Value::list(std::move(list)));
  docforge::Map nested;
  nested.set("a", docforge::Value::integer(1));
  nested.set("b", docforge::Value::string("two"));
  items.set("d", docforge::Value::map(std::move(nested)));
  return docforge::Value::map(std::move(items));
}

docforge::Options make_options(std::uint8_t selector) {
  docforge::Options o;
  o.trim_blocks = (selector & 1) != 0;
  o.lstrip_blocks = (selector & 2) != 0;
  o.keep_trailing_newline = (selector & 4) != 0;
  o.autoescape = (selector & 8) != 0 ? docforge::AutoescapeMode::kOn : docforge::AutoescapeMode::kOff;
  switch ((selector >> 4) & 3) {
    case 0: o.undefined = docforge::UndefinedPolicy::kLenient; break;
    case 1: o.undefined = docforge::UndefinedPolicy::kChainable; break;
    default: o.undefined = docforge::UndefinedPolicy::kStrict; break;
  }
  if ((selector & 0x40) != 0) o.syntax = docforge::Syntax::latex();
  // Small limits: every input must finish quickly and in bounded memory.
  o.limits.fuel = 200'000;
  o.limits.max_recursion = 64;
  o.limits.max_range = 10'000;
  o.limits.max_output_bytes = 1u << 20;
  o.limits.max_value_bytes = 1u << 20;
  o.limits.max_wall_ms = 2000;
  o.template_cache_capacity = 8;
  return o;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 16384) return 0;
  const std::uint8_t selector = data[0];
  std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string_view main_src = input;
  std::string_view other_src;
  if (auto nul = input.find('\0'); nul != std::string_view::npos) {
    main_src = input.substr(0, nul);
    other_src = input.substr(nul + 1);
  }

  docforge::Environment env(make_options(selector));
  std::vector<std::pair<std::string, std::string>> sources;
  sources.emplace_back("main.j2", std::string(main_src));
  sources.emplace_back("other.j2", std::string(other_src));
  env.set_loader(docforge::make_map_loader(std::move(sources)));

  static const docforge::Value context = make_context();
  auto tpl = env.from_string(main_src, "main.j2");
  if (!tpl.ok()) return 0;  // a syntax error is a fine outcome
  std::string out;
  auto st = (*tpl)->render_to(context, out);
  (void)st;  // errors are fine; crashes, hangs and leaks are not
  return 0;
}
