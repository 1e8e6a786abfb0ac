#include "document/front_matter.h"

#include "docforge/data.h"
#include "docforge/value.h"

#include <cctype>
#include <cstdlib>

namespace docforge::document {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string normalise_key(std::string_view k) {
  std::string out;
  for (char c : k) {
    if (c == '-') c = '_';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<bool> parse_bool(std::string_view v) {
  std::string s = normalise_key(v);
  if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
  if (s == "false" || s == "no" || s == "off" || s == "0") return false;
  return std::nullopt;
}

}  // namespace

SplitMarkdown split_front_matter(std::string_view md) {
  SplitMarkdown out;
  out.body = md;
  std::string_view s = md;
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  if (s.substr(0, 3) != "---") return out;
  std::size_t eol = s.find('\n');
  if (eol == std::string_view::npos || trim(s.substr(3, eol - 3)) != "") return out;
  std::size_t pos = eol + 1;
  while (pos <= s.size()) {
    std::size_t end = s.find('\n', pos);
    std::string_view line = s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    std::string_view t = trim(line);
    if (t == "---" || t == "...") {
      out.front_matter = s.substr(eol + 1, pos - (eol + 1));
      out.body = end == std::string_view::npos ? std::string_view() : s.substr(end + 1);
      out.front_matter_line = 2;
      return out;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;  // never closed: not front matter (a thematic break)
}

Result<DocumentSettings> parse_front_matter(const SplitMarkdown& split) {
  DocumentSettings st;
  if (split.front_matter.empty()) return st;
  auto parsed = data::parse_yaml(split.front_matter, "front matter");
  if (!parsed.ok()) {
    Error e = std::move(parsed).error();
    if (e.line > 0) e.line += split.front_matter_line - 1;  // lines of the whole input
    return e;
  }
  const Value& root = parsed.value();
  if (root.is_none()) return st;
  if (!root.is_map()) {
    Error e = make_error(ErrorKind::kData, "front matter must be a mapping of keys to values");
    e.source_name = "front matter";
    e.line = split.front_matter_line;
    return e;
  }
  Status status;
  auto assign = [&](const std::string& full, const Value& v) {
    std::string value;
    if (v.is_string()) {
      value = std::string(v.as_string());
    } else if (v.is_bool()) {
      value = v.as_bool() ? "true" : "false";
    } else if (v.is_list()) {
      for (const Value& item : v.as_list()) {
        if (!value.empty()) value += ", ";
        value += item.str();
      }
    } else if (!v.is_none()) {
      value = v.str();
    }
    st.all.emplace_back(full, value);
    if (full == "title") st.title = value;
    else if (full == "subtitle") st.subtitle = value;
    else if (full == "author") st.author = value;
    else if (full == "date") st.date = value;
    else if (full == "lang" || full == "language") st.lang = value;
    else if (full == "theme") st.theme = value;
    else if (full == "papersize" || full == "page_size" || full == "paper" || full == "geometry.paper") st.papersize = value;
    else if (full == "margin" || full == "margins") st.margin = value;
    else if (full == "margin_top" || full == "margin.top" || full == "margins.top") st.margin_top = value;
    else if (full == "margin_right" || full == "margin.right" || full == "margins.right") st.margin_right = value;
    else if (full == "margin_bottom" || full == "margin.bottom" || full == "margins.bottom") st.margin_bottom = value;
    else if (full == "margin_left" || full == "margin.left" || full == "margins.left") st.margin_left = value;
    else if (full == "header") st.header = value;
    else if (full == "footer") st.footer = value;
    else if (full == "toc_title") st.toc_title = value;
    else if (full == "toc") {
      auto b = parse_bool(value);
      if (!b) {
        Error e = make_error(ErrorKind::kData, "toc must be true or false, not '" + value + "'");
        e.source_name = "front matter";
        status = e;
        return;
      }
      st.toc = *b;
    }
  };
  for (const auto& [key, value] : root.as_map()) {
    std::string k = normalise_key(key.str());
    if (value.is_map()) {
      for (const auto& [sub_key, sub_value] : value.as_map()) assign(k + "." + normalise_key(sub_key.str()), sub_value);
    } else {
      assign(k, value);
    }
    if (!status.ok()) return std::move(status).error();
  }
  return st;
}

}  // namespace docforge::document
