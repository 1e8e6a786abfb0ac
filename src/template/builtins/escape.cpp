// HTML and LaTeX escaping (builtins.h).
//
// HTML follows markupsafe.escape: & < > " ' become &amp; &lt; &gt; &#34; &#39;. The loop scans
// for the next special byte and appends the plain run in one piece, so large tables escape at
// memory speed.
//
// LaTeX (docforge's `latex` filter and .tex autoescape) maps:
//   \ -> \textbackslash{}   { -> \{   } -> \}   $ -> \$   & -> \&   # -> \#
//   ^ -> \textasciicircum{} _ -> \_   % -> \%   ~ -> \textasciitilde{}
// Every other byte (including UTF-8 sequences) is copied unchanged.

#include <cstring>

#include "template/builtins.h"

namespace docforge {
namespace {

// 0: plain; otherwise an index into the replacement table.
struct EscapeTable {
  unsigned char index[256] = {};
  const char* text[16] = {};
  unsigned char length[16] = {};
};

constexpr EscapeTable make_html_table() {
  EscapeTable t;
  const char* reps[] = {nullptr, "&amp;", "&lt;", "&gt;", "&#34;", "&#39;"};
  const unsigned char lens[] = {0, 5, 4, 4, 5, 5};
  const unsigned char chars[] = {0, '&', '<', '>', '"', '\''};
  for (int i = 1; i < 6; ++i) {
    t.index[chars[i]] = static_cast<unsigned char>(i);
    t.text[i] = reps[i];
    t.length[i] = lens[i];
  }
  return t;
}

constexpr EscapeTable make_latex_table() {
  EscapeTable t;
  const char* reps[] = {nullptr,  "\\textbackslash{}", "\\{", "\\}", "\\$", "\\&",
                        "\\#",    "\\textasciicircum{}", "\\_", "\\%", "\\textasciitilde{}"};
  const unsigned char chars[] = {0, '\\', '{', '}', '$', '&', '#', '^', '_', '%', '~'};
  for (int i = 1; i < 11; ++i) {
    t.index[chars[i]] = static_cast<unsigned char>(i);
    t.text[i] = reps[i];
    std::size_t n = 0;
    while (reps[i][n] != '\0') ++n;
    t.length[i] = static_cast<unsigned char>(n);
  }
  return t;
}

constexpr EscapeTable kHtml = make_html_table();
constexpr EscapeTable kLatex = make_latex_table();

inline void escape_with(std::string& out, std::string_view s, const EscapeTable& t) {
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p != end) {
    unsigned char idx = t.index[static_cast<unsigned char>(*p)];
    if (idx == 0) {
      ++p;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    out.append(t.text[idx], t.length[idx]);
    ++p;
    run = p;
  }
  out.append(run, static_cast<std::size_t>(p - run));
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
  // Fast path: nothing to escape.
  const char* p = s.data();
  const char* end = p + s.size();
  while (p != end && kHtml.index[static_cast<unsigned char>(*p)] == 0) ++p;
  if (p == end) {
    out.append(s.data(), s.size());
    return;
  }
  out.reserve(out.size() + s.size() + s.size() / 8 + 16);
  out.append(s.data(), static_cast<std::size_t>(p - s.data()));
  escape_with(out, s.substr(static_cast<std::size_t>(p - s.data())), kHtml);
}

void append_latex_escaped(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size());
  escape_with(out, s, kLatex);
}

}  // namespace docforge
