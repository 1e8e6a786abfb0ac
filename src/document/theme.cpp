#include "document/theme.h"

#include "docforge/data.h"
#include "docforge/value.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace docforge::document {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool parse_color(std::string_view v, Color* c) {
  if (v == "none" || v == "transparent") {
    *c = Color{};
    c->none = true;
    return true;
  }
  if (v.size() != 7 || v[0] != '#') return false;
  for (std::size_t i = 1; i < 7; ++i) {
    if (!std::isxdigit(static_cast<unsigned char>(v[i]))) return false;
  }
  auto hex = [&](std::size_t i) { return std::strtol(std::string(v.substr(i, 2)).c_str(), nullptr, 16) / 255.0; };
  *c = Color{hex(1), hex(3), hex(5), false};
  return true;
}

struct TomlValue {
  std::string text;  // string contents, or the raw token for numbers/bools
  bool is_string = false;
};

}  // namespace

std::string Color::css() const {
  if (none) return "transparent";
  auto b = [](double v) { return static_cast<int>(v * 255.0 + 0.5); };
  return fmt::format("#{:02x}{:02x}{:02x}", b(r), b(g), b(this->b));
}

std::optional<double> parse_length_pt(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::string s(text);
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return std::nullopt;
  std::string_view unit = trim(std::string_view(end));
  if (unit.empty() || unit == "pt") return v;
  if (unit == "mm") return v * 72.0 / 25.4;
  if (unit == "cm") return v * 72.0 / 2.54;
  if (unit == "in") return v * 72.0;
  if (unit == "px") return v * 0.75;
  return std::nullopt;
}

Result<Theme> parse_theme(std::string_view toml, std::string_view source_name) {
  Theme t;
  std::string paragraph_align = "left";  // [paragraphs] align: left | justify (Theme::justify)
  auto parsed = data::parse_toml(toml, source_name);
  if (!parsed.ok()) return std::move(parsed).error();
  // Flatten [section] key = value into "section.key".
  std::vector<std::pair<std::string, Value>> entries;
  for (const auto& [key, value] : parsed->as_map()) {
    if (value.is_map()) {
      for (const auto& [sub, sub_value] : value.as_map()) entries.emplace_back(key.str() + "." + sub.str(), sub_value);
    } else {
      entries.emplace_back(key.str(), value);
    }
  }
  for (const auto& entry : entries) {
    // Named references, not a structured binding: the lambdas below use `full`, and clang
    // before 16 (the fuzz preset's clang-14) cannot capture structured bindings.
    const std::string& full = entry.first;
    const Value& value = entry.second;
    auto fail = [&](std::string msg) -> Error {
      Error e = make_error(ErrorKind::kData, std::move(msg));
      e.source_name = std::string(source_name);
      return e;
    };
    TomlValue v;
    v.is_string = value.is_string();
    if (value.is_bool()) v.text = value.as_bool() ? "true" : "false";
    else if (value.is_number()) v.text = value.str();
    else if (value.is_string()) v.text = std::string(value.as_string());
    else return fail(fmt::format("'{}' must be a string, number or boolean", full));
    auto number = [&](double* out) -> Status {
      if (v.is_string) {
        auto len = parse_length_pt(v.text);
        if (!len) return fail(fmt::format("'{}' must be a length such as \"20mm\" or 12", full));
        *out = *len;
        return {};
      }
      char* e = nullptr;
      double d = std::strtod(v.text.c_str(), &e);
      if (e == v.text.c_str() || *e != '\0') return fail(fmt::format("'{}' must be a number", full));
      *out = d;
      return {};
    };
    auto boolean = [&](bool* out) -> Status {
      if (v.text == "true" && !v.is_string) *out = true;
      else if (v.text == "false" && !v.is_string) *out = false;
      else return fail(fmt::format("'{}' must be true or false", full));
      return {};
    };
    auto string = [&](std::string* out) -> Status {
      if (!v.is_string) return fail(fmt::format("'{}' must be a string", full));
      *out = v.text;
      return {};
    };
    auto color = [&](Color* out) -> Status {
      if (!v.is_string || !parse_color(v.text, out)) {
        return fail(fmt::format("'{}' must be a colour \"#rrggbb\" or \"none\"", full));
      }
      return {};
    };

    Status st;
    if (full == "name") st = string(&t.name);
    else if (full == "page.size") st = string(&t.page_size);
    else if (full == "page.margin") {
      double m = 0;
      st = number(&m);
      t.margin_top = t.margin_right = t.margin_bottom = t.margin_left = m;
    }
    else if (full == "page.margin_top") st = number(&t.margin_top);
    else if (full == "page.margin_right") st = number(&t.margin_right);
    else if (full == "page.margin_bottom") st = number(&t.margin_bottom);
    else if (full == "page.margin_left") st = number(&t.margin_left);
    else if (full == "fonts.body") st = string(&t.body_font);
    else if (full == "fonts.heading") st = string(&t.heading_font);
    else if (full == "fonts.mono") st = string(&t.mono_font);
    else if (full == "sizes.body") st = number(&t.body_size);
    else if (full == "sizes.code") st = number(&t.code_size);
    else if (full == "sizes.small") st = number(&t.small_size);
    else if (full == "sizes.title") st = number(&t.title_size);
    else if (full == "sizes.subtitle") st = number(&t.subtitle_size);
    else if (full.size() == 8 && full.rfind("sizes.h", 0) == 0 && full[7] >= '1' && full[7] <= '6') {
      st = number(&t.h[full[7] - '1']);
    }
    else if (full == "spacing.line_height") st = number(&t.line_height);
    else if (full == "spacing.paragraph") st = number(&t.paragraph);
    else if (full == "spacing.heading_before") st = number(&t.heading_before);
    else if (full == "spacing.heading_after") st = number(&t.heading_after);
    else if (full == "spacing.list_indent") st = number(&t.list_indent);
    else if (full == "spacing.list_item") st = number(&t.list_item);
    else if (full == "spacing.block") st = number(&t.block);
    else if (full == "colors.text") st = color(&t.text);
    else if (full == "colors.heading") st = color(&t.heading);
    else if (full == "colors.link") st = color(&t.link);
    else if (full == "colors.muted") st = color(&t.muted);
    else if (full == "colors.rule") st = color(&t.rule);
    else if (full == "colors.code_background") st = color(&t.code_bg);
    else if (full == "colors.quote_bar") st = color(&t.quote_bar);
    else if (full == "headings.h1_rule") st = boolean(&t.h1_rule);
    else if (full == "headings.h2_rule") st = boolean(&t.h2_rule);
    else if (full == "headings.bold") st = boolean(&t.heading_bold);
    else if (full == "headings.h2_uppercase") st = boolean(&t.heading_uppercase);
    else if (full == "paragraphs.align") st = string(&paragraph_align);
    else if (full == "title.show") st = boolean(&t.title_block);
    else if (full == "title.align") st = string(&t.title_align);
    else if (full == "table.borders") st = string(&t.table_borders);
    else if (full == "table.full_width") st = boolean(&t.table_full_width);
    else if (full == "table.stripes") st = boolean(&t.table_stripes);
    else if (full == "table.cell_padding") st = number(&t.cell_padding);
    else if (full == "table.header_background") st = color(&t.table_header_bg);
    else if (full == "table.header_text") st = color(&t.table_header_text);
    else if (full == "table.border_color") st = color(&t.table_border);
    else if (full == "table.stripe_background") st = color(&t.table_stripe);
    else if (full == "header.text") st = string(&t.header);
    else if (full == "footer.text") st = string(&t.footer);
    else return fail(fmt::format("unknown theme key '{}'", full));
    if (!st.ok()) return std::move(st).error();
  }
  if (paragraph_align != "left" && paragraph_align != "justify") {
    Error e = make_error(ErrorKind::kData, "paragraphs.align must be \"left\" or \"justify\"");
    e.source_name = std::string(source_name);
    return e;
  }
  t.justify = paragraph_align == "justify";
  if (t.table_borders != "rows" && t.table_borders != "grid" && t.table_borders != "none") {
    Error e = make_error(ErrorKind::kData, "table.borders must be \"rows\", \"grid\" or \"none\"");
    e.source_name = std::string(source_name);
    return e;
  }
  return t;
}

Result<Theme> load_theme(std::string_view name, std::string_view base_dir) {
  if (name.empty()) name = "default";
  if (auto text = builtin_theme_text(name)) return parse_theme(*text, std::string(name) + ".toml");
  bool looks_like_path = name.find('/') != std::string_view::npos || name.find(".toml") != std::string_view::npos;
  if (!looks_like_path) {
    return make_error(ErrorKind::kNotFound,
                      fmt::format("unknown theme '{}' (built-in: default, classic, modern; or a .toml path)", name));
  }
  std::string path(name);
  if (path.front() != '/' && !base_dir.empty()) path = std::string(base_dir) + "/" + path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Error e = make_error(ErrorKind::kIo, "cannot read theme file");
    e.source_name = path;
    return e;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_theme(ss.str(), path);
}

}  // namespace docforge::document
