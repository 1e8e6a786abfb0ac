#include "document/html_writer.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

namespace docforge::document {
namespace {

void append_attr_escaped(std::string& out, std::string_view text) { append_html_escaped(out, text); }

// Only safe URL schemes become links; anything else (javascript:, data:) is neutralised.
bool safe_url(std::string_view url) {
  std::string lower;
  for (char c : url.substr(0, 16)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t colon = lower.find(':');
  if (colon == std::string::npos) return true;
  std::string scheme = lower.substr(0, colon);
  if (scheme.find('/') != std::string::npos || scheme.find('?') != std::string::npos ||
      scheme.find('#') != std::string::npos) {
    return true;  // the colon is not a scheme separator
  }
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel" || scheme == "ftp";
}

// "data:image/png;base64,..." for a readable local PNG, JPEG, GIF or SVG; empty otherwise.
std::string data_uri(const std::string& url, const std::string& base_dir) {
  if (url.find("://") != std::string::npos || url.rfind("data:", 0) == 0 || url.empty()) return {};
  std::string path = url[0] == '/' || base_dir.empty() ? url : base_dir + "/" + url;
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  if (data.size() > (8u << 20)) return {};
  const char* mime = nullptr;
  if (data.rfind("\x89PNG", 0) == 0) mime = "image/png";
  else if (data.rfind("\xFF\xD8", 0) == 0) mime = "image/jpeg";
  else if (data.rfind("GIF8", 0) == 0) mime = "image/gif";
  else if (data.find("<svg") != std::string::npos) mime = "image/svg+xml";
  if (mime == nullptr) return {};
  static const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = std::string("data:") + mime + ";base64,";
  out.reserve(out.size() + data.size() / 3 * 4 + 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (i < data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < data.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

void write_inlines(std::string& out, const std::vector<Inline>& inlines, const std::string& base_dir) {
  for (const Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::kText: append_html_escaped(out, in.text); break;
      case InlineKind::kSoftBreak: out += '\n'; break;
      case InlineKind::kHardBreak: out += "<br>\n"; break;
      case InlineKind::kCode:
        out += "<code>";
        append_html_escaped(out, in.text);
        out += "</code>";
        break;
      case InlineKind::kEmphasis:
        out += "<em>";
        write_inlines(out, in.children, base_dir);
        out += "</em>";
        break;
      case InlineKind::kStrong:
        out += "<strong>";
        write_inlines(out, in.children, base_dir);
        out += "</strong>";
        break;
      case InlineKind::kStrike:
        out += "<del>";
        write_inlines(out, in.children, base_dir);
        out += "</del>";
        break;
      case InlineKind::kLink:
        out += "<a href=\"";
        append_attr_escaped(out, safe_url(in.url) ? in.url : std::string("#"));
        out += '"';
        if (!in.title.empty()) {
          out += " title=\"";
          append_attr_escaped(out, in.title);
          out += '"';
        }
        out += '>';
        write_inlines(out, in.children, base_dir);
        out += "</a>";
        break;
      case InlineKind::kImage: {
        std::string embedded = data_uri(in.url, base_dir);
        out += "<img src=\"";
        append_attr_escaped(out, !embedded.empty() ? embedded : safe_url(in.url) ? in.url : std::string());
        out += "\" alt=\"";
        append_attr_escaped(out, plain_text(in.children));
        out += '"';
        if (!in.title.empty()) {
          out += " title=\"";
          append_attr_escaped(out, in.title);
          out += '"';
        }
        out += '>';
        break;
      }
      case InlineKind::kHtml: out += in.text; break;
    }
  }
}

const char* align_attr(Align a) {
  switch (a) {
    case Align::kLeft: return " style=\"text-align: left\"";
    case Align::kCenter: return " style=\"text-align: center\"";
    case Align::kRight: return " style=\"text-align: right\"";
    default: return "";
  }
}

void write_blocks(std::string& out, const std::vector<Block>& blocks, bool tight, const std::string& base_dir);

void write_block(std::string& out, const Block& b, bool tight, const std::string& base_dir) {
  switch (b.kind) {
    case BlockKind::kParagraph:
      if (tight) {
        write_inlines(out, b.inlines, base_dir);
        out += '\n';
      } else {
        out += "<p>";
        write_inlines(out, b.inlines, base_dir);
        out += "</p>\n";
      }
      break;
    case BlockKind::kHeading:
      out += fmt::format("<h{} id=\"", b.level);
      append_attr_escaped(out, b.id);
      out += "\">";
      write_inlines(out, b.inlines, base_dir);
      out += fmt::format("</h{}>\n", b.level);
      break;
    case BlockKind::kQuote:
      out += "<blockquote>\n";
      write_blocks(out, b.children, false, base_dir);
      out += "</blockquote>\n";
      break;
    case BlockKind::kList: {
      bool has_tasks = false;
      for (const Block& item : b.children) has_tasks |= item.task != 0;
      const char* cls = has_tasks ? " class=\"task-list\"" : "";
      if (b.ordered) {
        out += b.start != 1 ? fmt::format("<ol start=\"{}\"{}>\n", b.start, cls) : fmt::format("<ol{}>\n", cls);
      } else {
        out += fmt::format("<ul{}>\n", cls);
      }
      for (const Block& item : b.children) {
        out += "<li>";
        if (item.task) {
          out += item.task == 'x' ? "<input type=\"checkbox\" disabled checked> "
                                  : "<input type=\"checkbox\" disabled> ";
        }
        write_blocks(out, item.children, b.tight, base_dir);
        if (!out.empty() && out.back() == '\n') out.pop_back();
        out += "</li>\n";
      }
      out += b.ordered ? "</ol>\n" : "</ul>\n";
      break;
    }
    case BlockKind::kListItem: write_blocks(out, b.children, tight, base_dir); break;
    case BlockKind::kCode:
      out += "<pre><code";
      if (!b.info.empty()) {
        out += " class=\"language-";
        append_attr_escaped(out, b.info);
        out += '"';
      }
      out += '>';
      append_html_escaped(out, b.text);
      out += "</code></pre>\n";
      break;
    case BlockKind::kRule: out += "<hr>\n"; break;
    case BlockKind::kTable: {
      out += "<table>\n";
      for (std::size_t r = 0; r < b.rows.size(); ++r) {
        bool head = static_cast<int>(r) < b.header_rows;
        if (r == 0 && head) out += "<thead>\n";
        if (static_cast<int>(r) == b.header_rows) out += "<tbody>\n";
        out += "<tr>";
        for (std::size_t c = 0; c < b.rows[r].size(); ++c) {
          Align a = c < b.aligns.size() ? b.aligns[c] : Align::kDefault;
          out += head ? "<th" : "<td";
          out += align_attr(a);
          out += '>';
          write_inlines(out, b.rows[r][c].content, base_dir);
          out += head ? "</th>" : "</td>";
        }
        out += "</tr>\n";
        if (head && static_cast<int>(r) + 1 == b.header_rows) out += "</thead>\n";
      }
      if (static_cast<int>(b.rows.size()) > b.header_rows) out += "</tbody>\n";
      out += "</table>\n";
      break;
    }
    case BlockKind::kHtml: out += b.text; break;
    case BlockKind::kPageBreak: out += "<div class=\"page-break\"></div>\n"; break;
  }
}

void write_blocks(std::string& out, const std::vector<Block>& blocks, bool tight, const std::string& base_dir) {
  for (const Block& b : blocks) write_block(out, b, tight, base_dir);
}

void collect_headings(const std::vector<Block>& blocks, std::vector<const Block*>& out) {
  for (const Block& b : blocks) {
    if (b.kind == BlockKind::kHeading && b.level <= 3) out.push_back(&b);
    if (b.kind == BlockKind::kQuote) continue;
  }
}

void write_toc(std::string& out, const MarkdownDocument& doc, const DocumentSettings& settings) {
  std::vector<const Block*> hs;
  collect_headings(doc.blocks, hs);
  if (hs.empty()) return;
  out += "<nav class=\"toc\">\n<p class=\"toc-title\">";
  append_html_escaped(out, settings.toc_title.empty() ? std::string("Contents") : settings.toc_title);
  out += "</p>\n<ul>\n";
  for (const Block* h : hs) {
    out += fmt::format("<li class=\"toc-level-{}\"><a href=\"#", h->level);
    append_attr_escaped(out, h->id);
    out += "\">";
    append_html_escaped(out, plain_text(h->inlines));
    out += "</a></li>\n";
  }
  out += "</ul>\n</nav>\n";
}

std::string font_stack(const std::string& families, const char* generic) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= families.size()) {
    std::size_t comma = families.find(',', pos);
    std::string f = families.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    while (!f.empty() && f.front() == ' ') f.erase(0, 1);
    while (!f.empty() && f.back() == ' ') f.pop_back();
    if (!f.empty()) out += "\"" + f + "\", ";
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out + generic;
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c; break;
    }
  }
}

std::string theme_css(const Theme& t) {
  std::string border = t.table_borders == "none" ? "none" : "1px solid " + t.table_border.css();
  std::string css = fmt::format(
      "body {{ font-family: {body}; font-size: {bs}pt; line-height: {lh}; color: {text}; max-width: 46em; "
      "margin: 2em auto; padding: 0 1.5em; }}\n"
      "h1, h2, h3, h4, h5, h6 {{ font-family: {head}; color: {hc}; font-weight: {hw}; margin: {hb}pt 0 {ha}pt; "
      "line-height: 1.2; }}\n"
      "h1 {{ font-size: {h1}pt;{h1r} }}\nh2 {{ font-size: {h2}pt;{h2r}{h2u} }}\nh3 {{ font-size: {h3}pt; }}\n"
      "h4 {{ font-size: {h4}pt; }}\nh5 {{ font-size: {h5}pt; }}\nh6 {{ font-size: {h6}pt; }}\n"
      "p {{ margin: 0 0 {ps}pt;{pj} }}\n"
      "a {{ color: {link}; text-decoration: none; }}\na:hover {{ text-decoration: underline; }}\n"
      "code, pre {{ font-family: {mono}; font-size: {cs}pt; }}\n"
      "code {{ background: {cbg}; padding: 0 0.2em; border-radius: 2px; }}\n"
      "pre {{ background: {cbg}; padding: 6pt 8pt; white-space: pre-wrap; overflow-wrap: anywhere; "
      "margin: {blk}pt 0; }}\npre code {{ background: none; padding: 0; }}\n"
      "blockquote {{ margin: {blk}pt 0; padding: 0 0 0 10pt; border-left: 3pt solid {qb}; color: {muted}; }}\n"
      "hr {{ border: none; border-top: 0.75pt solid {rule}; margin: {blk}pt 0; }}\n"
      "ul, ol {{ margin: 0 0 {ps}pt; padding-left: {li}pt; }}\nli {{ margin: {lis}pt 0; }}\n"
      "ul.task-list {{ list-style: none; padding-left: {li}pt; }}\n"
      "table {{ border-collapse: collapse; margin: {blk}pt 0;{tw} }}\n"
      "th, td {{ padding: {cp}pt {cp2}pt; text-align: left; vertical-align: top; }}\n"
      "{tb}"
      "th {{ background: {thbg}; color: {thc}; font-weight: bold; }}\n"
      "{stripes}"
      "img {{ max-width: 100%; }}\n"
      ".title {{ font-size: {ts}pt; margin: 0 0 4pt; text-align: {ta}; color: {hc}; }}\n"
      ".subtitle {{ font-size: {ss}pt; color: {muted}; margin: 0 0 12pt; text-align: {ta}; }}\n"
      ".toc ul {{ list-style: none; padding-left: 0; }} .toc .toc-level-2 {{ padding-left: 1em; }} "
      ".toc .toc-level-3 {{ padding-left: 2em; }}\n.toc-title {{ font-weight: bold; }}\n"
      ".page-break {{ break-after: page; page-break-after: always; }}\n"
      "@media print {{ body {{ max-width: none; margin: 0; padding: 0; }} }}\n",
      fmt::arg("body", font_stack(t.body_font, "sans-serif")), fmt::arg("bs", t.body_size),
      fmt::arg("lh", t.line_height), fmt::arg("text", t.text.css()),
      fmt::arg("head", font_stack(t.heading_font, "sans-serif")), fmt::arg("hc", t.heading.css()),
      fmt::arg("hw", t.heading_bold ? "bold" : "normal"), fmt::arg("hb", t.heading_before),
      fmt::arg("ha", t.heading_after), fmt::arg("h1", t.h[0]), fmt::arg("h2", t.h[1]), fmt::arg("h3", t.h[2]),
      fmt::arg("h4", t.h[3]), fmt::arg("h5", t.h[4]), fmt::arg("h6", t.h[5]),
      fmt::arg("h1r", t.h1_rule ? " border-bottom: 0.75pt solid " + t.rule.css() + "; padding-bottom: 2pt;" : ""),
      fmt::arg("h2r", t.h2_rule ? " border-bottom: 0.75pt solid " + t.rule.css() + "; padding-bottom: 2pt;" : ""),
      fmt::arg("h2u", t.heading_uppercase ? " text-transform: uppercase; letter-spacing: 0.05em;" : ""),
      fmt::arg("ps", t.paragraph), fmt::arg("pj", t.justify ? " text-align: justify; hyphens: auto;" : ""),
      fmt::arg("link", t.link.css()),
      fmt::arg("mono", font_stack(t.mono_font, "monospace")), fmt::arg("cs", t.code_size),
      fmt::arg("cbg", t.code_bg.css()), fmt::arg("blk", t.block), fmt::arg("qb", t.quote_bar.css()),
      fmt::arg("muted", t.muted.css()), fmt::arg("rule", t.rule.css()), fmt::arg("li", t.list_indent + 4),
      fmt::arg("lis", t.list_item / 2), fmt::arg("tw", t.table_full_width ? " width: 100%;" : ""),
      fmt::arg("cp", t.cell_padding), fmt::arg("cp2", t.cell_padding * 1.5),
      fmt::arg("tb", t.table_borders == "grid" ? "th, td { border: " + border + "; }\n"
                     : t.table_borders == "rows" ? "tr { border-bottom: " + border + "; }\n"
                                                 : std::string()),
      fmt::arg("thbg", t.table_header_bg.css()), fmt::arg("thc", t.table_header_text.css()),
      fmt::arg("stripes", t.table_stripes ? "tbody tr:nth-child(even) { background: " + t.table_stripe.css() + "; }\n"
                                          : std::string()),
      fmt::arg("ts", t.title_size), fmt::arg("ss", t.subtitle_size), fmt::arg("ta", t.title_align));
  return css;
}

std::string write_html(const MarkdownDocument& doc, const DocumentSettings& settings, const Theme& theme,
                       const HtmlOptions& options) {
  std::string body;
  body.reserve(4096);
  if (options.toc) write_toc(body, doc, settings);
  write_blocks(body, doc.blocks, false, options.base_dir);
  if (options.fragment) return body;

  std::string out;
  out.reserve(body.size() + 4096);
  out += "<!DOCTYPE html>\n<html lang=\"";
  append_attr_escaped(out, settings.lang.empty() ? std::string("en") : settings.lang);
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"docforge\">\n";
  if (!settings.author.empty()) {
    out += "<meta name=\"author\" content=\"";
    append_attr_escaped(out, settings.author);
    out += "\">\n";
  }
  out += "<title>";
  append_html_escaped(out, settings.title.empty() ? std::string("Document") : settings.title);
  out += "</title>\n<style>\n";
  out += theme_css(theme);
  out += "</style>\n</head>\n<body>\n";
  if (theme.title_block && !settings.title.empty()) {
    out += "<header>\n<h1 class=\"title\">";
    append_html_escaped(out, settings.title);
    out += "</h1>\n";
    if (!settings.subtitle.empty()) {
      out += "<p class=\"subtitle\">";
      append_html_escaped(out, settings.subtitle);
      out += "</p>\n";
    }
    out += "</header>\n";
  }
  out += body;
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace docforge::document
