// The Markdown document model shared by every backend (HTML, PDF, text).
//
// parse_markdown() turns CommonMark + GitHub tables, strikethrough and task lists (md4c) into a
// small tree of Blocks holding Inlines. Entities are decoded, headings get GitHub-style unique
// ids, and explicit page breaks (`\newpage`, `\pagebreak`, or a `<div style="page-break-after:
// always">` block) become kPageBreak blocks. The tree owns all its text.
//
// Thread safety: parse_markdown() is a pure function; the returned tree is a plain value.

#ifndef DOCFORGE_DOCUMENT_MARKDOWN_H_
#define DOCFORGE_DOCUMENT_MARKDOWN_H_

#include <string>
#include <string_view>
#include <vector>

namespace docforge::document {

enum class InlineKind {
  kText,
  kSoftBreak,
  kHardBreak,
  kCode,
  kEmphasis,
  kStrong,
  kStrike,
  kLink,   // url, title, children
  kImage,  // url (src), title, children = alt text
  kHtml,   // raw inline HTML
};

struct Inline {
  InlineKind kind = InlineKind::kText;
  std::string text;  // kText, kCode, kHtml
  std::string url;
  std::string title;
  std::vector<Inline> children;
};

enum class BlockKind {
  kParagraph,
  kHeading,
  kQuote,
  kList,
  kListItem,
  kCode,
  kRule,
  kTable,
  kHtml,
  kPageBreak,
};

enum class Align { kDefault, kLeft, kCenter, kRight };

struct TableCell {
  std::vector<Inline> content;
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  std::vector<Inline> inlines;  // kParagraph, kHeading
  std::vector<Block> children;  // kQuote, kList (items), kListItem
  int level = 0;                // kHeading: 1..6
  std::string id;               // kHeading: unique slug
  bool ordered = false;         // kList
  int start = 1;                // kList (ordered)
  bool tight = true;            // kList
  char task = 0;                // kListItem: 0 (not a task), ' ' (open) or 'x' (done)
  std::string text;             // kCode, kHtml: raw text
  std::string info;             // kCode: info string (language)
  // kTable
  std::vector<Align> aligns;
  std::vector<std::vector<TableCell>> rows;  // header rows first
  int header_rows = 0;
};

struct MarkdownDocument {
  std::vector<Block> blocks;
};

MarkdownDocument parse_markdown(std::string_view markdown);

// The text of inlines without markup (soft breaks become spaces).
std::string plain_text(const std::vector<Inline>& inlines);

// The whole document as plain text (for Format::kText).
std::string document_plain_text(const MarkdownDocument& doc);

// GitHub-style slug: lower case, spaces to '-', punctuation dropped.
std::string slugify(std::string_view text);

}  // namespace docforge::document

#endif  // DOCFORGE_DOCUMENT_MARKDOWN_H_
