// TOML -> Value through toml++. toml++ keeps tables sorted by key; Python's tomllib keeps the
// document's order, so keys are put back in source order using their recorded positions.
// Dates and times become ISO 8601 strings (as Python's isoformat() writes them).

#include <toml++/toml.h>

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "data/source_location.h"
#include "docforge/data.h"

namespace docforge::data {
namespace {

std::string fraction(std::uint32_t nanosecond) {
  if (nanosecond == 0) return {};
  if (nanosecond % 1000 == 0) return fmt::format(".{:06}", nanosecond / 1000);
  return fmt::format(".{:09}", nanosecond);
}

std::string iso_date(const toml::date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string iso_time(const toml::time& t) {
  return fmt::format("{:02}:{:02}:{:02}{}", t.hour, t.minute, t.second, fraction(t.nanosecond));
}

std::string iso_date_time(const toml::date_time& dt) {
  std::string out = iso_date(dt.date) + "T" + iso_time(dt.time);
  if (dt.offset) {
    int minutes = dt.offset->minutes;
    char sign = minutes < 0 ? '-' : '+';
    minutes = std::abs(minutes);
    out += fmt::format("{}{:02}:{:02}", sign, minutes / 60, minutes % 60);
  }
  return out;
}

bool before(const toml::source_region& a, const toml::source_region& b) {
  if (a.begin.line != b.begin.line) return a.begin.line < b.begin.line;
  return a.begin.column < b.begin.column;
}

Value convert(const toml::node& n);

Value convert_table(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  entries.reserve(t.size());
  for (auto&& [k, v] : t) entries.emplace_back(&k, &v);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return before(a.first->source(),
                                                                    b.first->source()); });
  Value out = Value::map();
  Map& m = out.map_mut();
  m.reserve(entries.size());
  for (const auto& [k, v] : entries) m.set(k->str(), convert(*v));
  return out;
}

Value convert(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return convert_table(*n.as_table());
    case toml::node_type::array: {
      Value out = Value::list();
      List& items = out.list_mut();
      for (const toml::node& item : *n.as_array()) items.push_back(convert(item));
      return out;
    }
    case toml::node_type::string: return Value::string(n.as_string()->get());
    case toml::node_type::integer: return Value::integer(n.as_integer()->get());
    case toml::node_type::floating_point: return Value::floating(n.as_floating_point()->get());
    case toml::node_type::boolean: return Value::boolean(n.as_boolean()->get());
    case toml::node_type::date: return Value::string(iso_date(n.as_date()->get()));
    case toml::node_type::time: return Value::string(iso_time(n.as_time()->get()));
    case toml::node_type::date_time:
      return Value::string(iso_date_time(n.as_date_time()->get()));
    case toml::node_type::none: return Value::none();
  }
  return Value::none();
}

}  // namespace

Result<Value> parse_toml(std::string_view text, std::string_view source_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  try {
    toml::table t = toml::parse(text, source_name);
    return convert_table(t);
  } catch (const toml::parse_error& e) {
    int line = static_cast<int>(e.source().begin.line);
    int column = static_cast<int>(e.source().begin.column);
    return make_data_error_at(ErrorKind::kData, std::string(e.description()), source_name, text,
                              line, column);
  } catch (const std::exception& e) {
    Error err = make_error(ErrorKind::kData, fmt::format("cannot read TOML: {}", e.what()));
    err.source_name = std::string(source_name);
    return err;
  }
}

}  // namespace docforge::data
