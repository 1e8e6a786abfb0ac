#include "document/front_matter.h"

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

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Parses a scalar; returns false with *why set on a malformed one.
bool parse_scalar(std::string_view v, std::string* out, std::string* why) {
  v = trim(v);
  out->clear();
  if (v.empty()) return true;
  if (v.front() == '"') {
    std::size_t i = 1;
    for (; i < v.size() && v[i] != '"'; ++i) {
      if (v[i] == '\\' && i + 1 < v.size()) {
        char e = v[++i];
        switch (e) {
          case 'n': *out += '\n'; break;
          case 't': *out += '\t'; break;
          case '"': *out += '"'; break;
          case '\\': *out += '\\'; break;
          case '/': *out += '/'; break;
          case 'u':
            if (i + 4 < v.size()) {
              append_utf8(*out, std::strtoul(std::string(v.substr(i + 1, 4)).c_str(), nullptr, 16));
              i += 4;
            }
            break;
          default: *out += '\\'; *out += e; break;
        }
      } else {
        *out += v[i];
      }
    }
    if (i >= v.size()) {
      *why = "unterminated double-quoted string";
      return false;
    }
    std::string_view rest = trim(v.substr(i + 1));
    if (!rest.empty() && rest.front() != '#') {
      *why = "unexpected text after quoted string";
      return false;
    }
    return true;
  }
  if (v.front() == '\'') {
    std::size_t i = 1;
    for (; i < v.size(); ++i) {
      if (v[i] == '\'') {
        if (i + 1 < v.size() && v[i + 1] == '\'') {
          *out += '\'';
          ++i;
          continue;
        }
        break;
      }
      *out += v[i];
    }
    if (i >= v.size()) {
      *why = "unterminated single-quoted string";
      return false;
    }
    return true;
  }
  // Plain scalar: a comment starts at " #".
  std::size_t hash = v.find(" #");
  if (hash != std::string_view::npos) v = trim(v.substr(0, hash));
  *out = std::string(v);
  return true;
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
  std::string_view fm = split.front_matter;
  std::string parent;
  int line_no = split.front_matter_line;
  std::size_t pos = 0;
  while (pos < fm.size()) {
    std::size_t end = fm.find('\n', pos);
    if (end == std::string_view::npos) end = fm.size();
    std::string_view line = fm.substr(pos, end - pos);
    pos = end + 1;
    int this_line = line_no++;
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    bool indented = line.front() == ' ' || line.front() == '\t';
    auto fail = [&](std::string msg) -> Error {
      Error e = make_error(ErrorKind::kData, std::move(msg));
      e.source_name = "front matter";
      e.line = this_line;
      e.column = 1;
      e.source_line = std::string(line);
      return e;
    };
    if (t.front() == '-') {
      if (!indented || parent.empty()) return fail("expected 'key: value' in front matter");
      continue;  // list items are accepted and ignored
    }
    std::size_t colon = t.find(':');
    while (colon != std::string_view::npos && colon + 1 < t.size() && t[colon + 1] != ' ' && t[colon + 1] != '\t') {
      colon = t.find(':', colon + 1);
    }
    if (colon == std::string_view::npos) return fail("expected 'key: value' in front matter");
    std::string key = normalise_key(trim(t.substr(0, colon)));
    std::string_view raw = trim(t.substr(colon + 1));
    if (!indented) parent.clear();
    if (raw.empty() || raw.front() == '#') {
      if (!indented) parent = key;
      continue;
    }
    std::string value, why;
    if (!parse_scalar(raw, &value, &why)) return fail(why);
    std::string full = indented && !parent.empty() ? parent + "." + key : key;
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
      if (!b) return fail("toc must be true or false, not '" + value + "'");
      st.toc = *b;
    }
  }
  return st;
}

}  // namespace docforge::document
