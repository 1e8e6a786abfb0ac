// docforge_embed_example: the template engine embedded in a C++ program, through the public API
// only (include/docforge/environment.h, data.h).
//
//   docforge_embed_example [TEMPLATE_DIR]     (default: the templates/ folder next to this file)
//
// It shows:
//   1. an Environment with options and a file loader (templates/ below a root, never outside it);
//   2. a custom C++ filter (`shout`) and a global function (`average_age`) and a global value;
//   3. rendering with data built in C++ (Value, Map, List);
//   4. rendering the same template with data parsed from JSON;
//   5. errors as values, with template name, line and column.

#include <cstdio>
#include <string>
#include <utility>

#include "docforge/data.h"
#include "docforge/environment.h"
#include "docforge/value.h"

namespace {

// {{ text|shout }}: upper-cases ASCII letters and adds "!". Errors are returned, not thrown.
docforge::Result<docforge::Value> shout(const docforge::CallArgs& args) {
  if (args.positional.empty() || !args.positional[0].is_string()) {
    return docforge::make_error(docforge::ErrorKind::kType, "shout expects a string");
  }
  std::string s(args.positional[0].as_string());
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  s += '!';
  return docforge::Value::string(std::move(s));
}

// {{ average_age(people) }}: the mean of the `age` fields of a list of maps.
docforge::Result<docforge::Value> average_age(const docforge::CallArgs& args) {
  if (args.positional.size() != 1 || !args.positional[0].is_list()) {
    return docforge::make_error(docforge::ErrorKind::kType, "average_age expects a list");
  }
  double sum = 0;
  std::size_t n = 0;
  for (const docforge::Value& p : args.positional[0].as_list()) {
    const docforge::Value* age = p.is_map() ? p.as_map().find("age") : nullptr;
    if (age != nullptr && age->is_number()) {
      sum += age->to_double();
      ++n;
    }
  }
  return docforge::Value::floating(n == 0 ? 0.0 : sum / static_cast<double>(n));
}

docforge::Value person(std::string name, std::string role, int age, docforge::List tags) {
  docforge::Map m;
  m.set("name", docforge::Value::string(std::move(name)));
  m.set("role", docforge::Value::string(std::move(role)));
  m.set("age", docforge::Value::integer(age));
  m.set("tags", docforge::Value::list(std::move(tags)));
  return docforge::Value::map(std::move(m));
}

constexpr const char* kJsonData = R"({
  "title": "Team from JSON",
  "people": [
    {"name": "Zoë Müller", "role": "engineer", "age": 41, "tags": ["c++", "latex"]},
    {"name": "Omar Haddad", "role": "designer", "age": 29, "tags": []}
  ]
})";

}  // namespace

int main(int argc, char** argv) {
  const std::string template_dir = argc > 1 ? argv[1] : DOCFORGE_EMBED_TEMPLATES;

  // 1. Options and loader. Configure the Environment fully before sharing it between threads.
  docforge::Options options;
  options.trim_blocks = true;
  options.lstrip_blocks = true;
  options.keep_trailing_newline = true;
  options.undefined = docforge::UndefinedPolicy::kStrict;  // typos in templates are errors
  docforge::Environment env(options);
  env.set_loader(docforge::make_file_loader({template_dir}));

  // 2. A filter, a global function and a global value written in C++.
  env.add_filter("shout", shout);
  env.add_global_function("average_age", average_age);
  env.add_global("company", docforge::Value::string("Docforge GmbH"));

  // Compile once; the compiled template is immutable and may be rendered by many threads.
  auto tpl = env.get_template("greeting.md.j2");
  if (!tpl.ok()) {
    std::fprintf(stderr, "%s\n", tpl.error().format_with_context().c_str());
    return 1;
  }

  // 3. Data built in C++.
  docforge::Map ctx;
  ctx.set("title", docforge::Value::string("Team built in C++"));
  docforge::List people;
  people.push_back(person("Anna Novak", "lead", 38, {docforge::Value::string("rust")}));
  people.push_back(person("Kenji Silva", "engineer", 33, {}));
  ctx.set("people", docforge::Value::list(std::move(people)));
  auto text = (*tpl)->render(docforge::Value::map(std::move(ctx)));
  if (!text.ok()) {
    std::fprintf(stderr, "%s\n", text.error().format_with_context().c_str());
    return 1;
  }
  std::fputs(text->c_str(), stdout);
  std::fputs("\n", stdout);

  // 4. Data from JSON, rendered into a reused buffer.
  auto data = docforge::data::parse_json(kJsonData, "team.json");
  if (!data.ok()) {
    std::fprintf(stderr, "%s\n", data.error().format_with_context().c_str());
    return 1;
  }
  std::string out;
  auto st = (*tpl)->render_to(*data, out);
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.error().format_with_context().c_str());
    return 1;
  }
  std::fputs(out.c_str(), stdout);
  std::fputs("\n", stdout);

  // 5. Errors are values: a template with a mistake reports where it is.
  auto broken = env.from_string("Hello {{ name }\n", "broken.txt.j2");
  if (!broken.ok()) {
    std::printf("expected error: %s\n", broken.error().format().c_str());
  }
  return 0;
}
