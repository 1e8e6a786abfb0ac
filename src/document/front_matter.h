// Document settings from YAML front matter.
//
// split_front_matter() finds a front-matter block (`---` on the first line, closed by `---` or
// `...`); parse_front_matter() reads it as YAML (docforge::data::parse_yaml). Nested mappings
// one level deep flatten to "parent.key" (`margin:` + `top: 20mm` is "margin.top"); lists join
// with ", ". Keys are
// case-insensitive; `-` and `_` are the same.
//
// Thread safety: pure functions.

#ifndef DOCFORGE_DOCUMENT_FRONT_MATTER_H_
#define DOCFORGE_DOCUMENT_FRONT_MATTER_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docforge/error.h"

namespace docforge::document {

struct DocumentSettings {
  std::string title;
  std::string subtitle;
  std::string author;
  std::string date;
  std::string lang;
  std::string theme;
  std::string papersize;
  std::string margin;  // all sides
  std::string margin_top, margin_right, margin_bottom, margin_left;
  std::optional<std::string> header;  // nullopt: the theme's
  std::optional<std::string> footer;
  std::optional<bool> toc;
  std::string toc_title;
  // Every key as read (normalised key, value), for fields templates may add.
  std::vector<std::pair<std::string, std::string>> all;
};

struct SplitMarkdown {
  std::string_view front_matter;  // without the --- lines; empty when absent
  std::string_view body;
  int front_matter_line = 0;      // 1-based line of the first front-matter line
};

SplitMarkdown split_front_matter(std::string_view markdown);

// Errors carry source name "front matter" and the 1-based line in the whole input.
Result<DocumentSettings> parse_front_matter(const SplitMarkdown& split);

}  // namespace docforge::document

#endif  // DOCFORGE_DOCUMENT_FRONT_MATTER_H_
