// Document themes: fonts, sizes, colours, spacing, page margins and table style.
//
// A theme is a small TOML file (see themes/default.toml for every key and its meaning). Three
// are compiled into the binary (default, classic, modern); load_theme() also reads a path.
// Keys a theme leaves out keep the default theme's values. Lengths are in points unless a unit
// is given ("20mm", "0.75in", "2cm", "12pt"); colours are "#rrggbb" or "none".
//
// Thread safety: a Theme is a plain value; load_theme() is safe to call concurrently.

#ifndef DOCFORGE_DOCUMENT_THEME_H_
#define DOCFORGE_DOCUMENT_THEME_H_

#include <optional>
#include <string>
#include <string_view>

#include "docforge/error.h"

namespace docforge::document {

struct Color {
  double r = 0, g = 0, b = 0;
  bool none = false;
  std::string css() const;  // "#rrggbb" or "transparent"
};

struct Theme {
  std::string name = "default";
  // [page]
  std::string page_size = "a4";
  double margin_top = 56.7, margin_right = 51, margin_bottom = 56.7, margin_left = 51;  // pt
  // [fonts] (fontconfig family lists, comma separated)
  std::string body_font = "DejaVu Sans";
  std::string heading_font = "DejaVu Sans";
  std::string mono_font = "DejaVu Sans Mono";
  // [sizes] (pt)
  double body_size = 10;
  double code_size = 8.5;
  double small_size = 8;   // header, footer
  double title_size = 22;
  double subtitle_size = 12;
  double h[6] = {18, 14, 12, 11, 10, 10};
  // [spacing] (pt, line_height is a factor)
  double line_height = 1.35;
  double paragraph = 6;
  double heading_before = 14;
  double heading_after = 5;
  double list_indent = 16;
  double list_item = 2;
  double block = 8;  // before/after code blocks, quotes, tables, rules
  // [colors]
  Color text{0.13, 0.13, 0.13};
  Color heading{0.10, 0.10, 0.10};
  Color link{0.09, 0.36, 0.70};
  Color muted{0.42, 0.42, 0.42};
  Color rule{0.80, 0.80, 0.80};
  Color code_bg{0.96, 0.96, 0.96};
  Color quote_bar{0.80, 0.80, 0.80};
  // [headings]
  bool h1_rule = false;   // a rule under level-1 headings
  bool h2_rule = false;
  bool heading_bold = true;
  bool heading_uppercase = false;  // level 2 headings in capitals (resume style)
  // [paragraphs]
  bool justify = false;  // align = "justify": wrapped lines fill the width (hyphenated text)
  // [title] (the front-matter title block)
  bool title_block = true;
  std::string title_align = "left";  // left | center
  // [table]
  std::string table_borders = "rows";  // rows | grid | none
  bool table_full_width = true;
  bool table_stripes = false;
  double cell_padding = 4;
  Color table_header_bg{0.93, 0.93, 0.93};
  Color table_header_text{0.10, 0.10, 0.10};
  Color table_border{0.80, 0.80, 0.80};
  Color table_stripe{0.975, 0.975, 0.975};
  // [header] / [footer]
  std::string header;  // fields {page} {pages} {title} {date} {author}
  std::string footer = "Page {page} of {pages}";
};

// name: a built-in theme name, or a path to a .toml (resolved against base_dir when relative).
Result<Theme> load_theme(std::string_view name, std::string_view base_dir);

// Parses theme TOML over the default theme. source_name is used in errors.
Result<Theme> parse_theme(std::string_view toml, std::string_view source_name);

// Parses a length such as "20mm", "1in", "12pt", "2.5cm", or a bare number (points).
std::optional<double> parse_length_pt(std::string_view text);

// The built-in theme sources (generated at build time from themes/*.toml).
std::optional<std::string_view> builtin_theme_text(std::string_view name);

}  // namespace docforge::document

#endif  // DOCFORGE_DOCUMENT_THEME_H_
