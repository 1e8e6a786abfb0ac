#include "document/prepare.h"

#include <fmt/format.h>

#include <ctime>

#include "value/utf8.h"

namespace docforge::document {
namespace {

// s with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD.
std::string to_valid_utf8(std::string_view s) {
  std::size_t bad = utf8::validate(s);
  if (bad == s.size()) return std::string(s);
  std::string out(s.substr(0, bad));
  for (std::size_t pos = bad; pos < s.size();) utf8::append(out, utf8::decode(s, &pos));
  return out;
}

}  // namespace

std::string today_string() {
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{} {}, {}", kMonths[tm.tm_mon], tm.tm_mday, tm.tm_year + 1900);
}

Result<PreparedDocument> prepare_document(std::string_view markdown, const ConvertOptions& options,
                                          ThemeCache* cache) {
  // Templates render data from anywhere: the input may hold bytes that are not UTF-8, which
  // the text layout (text_layout.h) and the writers require. They become U+FFFD, as the
  // Markdown parser does with NUL.
  std::string repaired;
  if (!utf8::is_valid(markdown)) {
    repaired = to_valid_utf8(markdown);
    markdown = repaired;
  }
  PreparedDocument out;
  SplitMarkdown split = split_front_matter(markdown);
  auto settings = parse_front_matter(split);
  if (!settings.ok()) return std::move(settings).error();
  out.settings = std::move(settings.value());
  DocumentSettings& st = out.settings;
  if (!options.title.empty()) st.title = to_valid_utf8(options.title);
  if (!options.date.empty()) st.date = to_valid_utf8(options.date);
  if (!options.page_size.empty()) st.papersize = to_valid_utf8(options.page_size);
  if (!options.lang.empty()) st.lang = to_valid_utf8(options.lang);
  if (st.date.empty()) st.date = today_string();

  std::string theme_name = !options.theme.empty() ? options.theme : st.theme.empty() ? "default" : st.theme;
  const Theme* cached = nullptr;
  if (cache != nullptr) {
    auto it = cache->find(theme_name);
    if (it != cache->end()) cached = &it->second;
  }
  if (cached != nullptr) {
    out.theme = *cached;
  } else {
    auto theme = load_theme(theme_name, options.base_dir);
    if (!theme.ok()) return std::move(theme).error();
    if (cache != nullptr) cache->emplace(theme_name, theme.value());
    out.theme = std::move(theme.value());
  }
  Theme& t = out.theme;
  if (!st.papersize.empty()) t.page_size = st.papersize;
  auto margin = [&](const std::string& text, double* dst) -> Status {
    if (text.empty()) return {};
    auto v = parse_length_pt(text);
    if (!v || *v < 0) {
      Error e = make_error(ErrorKind::kData, fmt::format("bad margin '{}' (use e.g. 20mm, 1in, 54pt)", text));
      e.source_name = "front matter";
      return e;
    }
    *dst = *v;
    return {};
  };
  for (double* d : {&t.margin_top, &t.margin_right, &t.margin_bottom, &t.margin_left}) {
    if (auto s = margin(st.margin, d); !s.ok()) return std::move(s).error();
  }
  if (auto s = margin(st.margin_top, &t.margin_top); !s.ok()) return std::move(s).error();
  if (auto s = margin(st.margin_right, &t.margin_right); !s.ok()) return std::move(s).error();
  if (auto s = margin(st.margin_bottom, &t.margin_bottom); !s.ok()) return std::move(s).error();
  if (auto s = margin(st.margin_left, &t.margin_left); !s.ok()) return std::move(s).error();
  if (st.header) t.header = *st.header;
  if (st.footer) t.footer = *st.footer;
  out.toc = options.toc ? *options.toc : st.toc.value_or(false);
  out.doc = parse_markdown(split.body);
  return out;
}

}  // namespace docforge::document
