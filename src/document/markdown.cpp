#include "document/markdown.h"

#include <md4c.h>

#include <cstdint>
#include <cstdlib>
#include <unordered_map>

namespace docforge::document {
namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
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

// Decodes "&amp;", "&#233;", "&#xE9;" and the common named entities; unknown ones stay as typed.
void append_entity(std::string& out, std::string_view e) {
  if (e.size() >= 4 && e[1] == '#') {
    std::uint32_t cp = 0;
    if (e[2] == 'x' || e[2] == 'X') {
      cp = static_cast<std::uint32_t>(std::strtoul(std::string(e.substr(3, e.size() - 4)).c_str(), nullptr, 16));
    } else {
      cp = static_cast<std::uint32_t>(std::strtoul(std::string(e.substr(2, e.size() - 3)).c_str(), nullptr, 10));
    }
    append_utf8(out, cp);
    return;
  }
  static const std::unordered_map<std::string_view, std::uint32_t> kNamed = {
      {"&amp;", '&'},      {"&lt;", '<'},       {"&gt;", '>'},       {"&quot;", '"'},
      {"&apos;", '\''},    {"&nbsp;", 0xA0},    {"&copy;", 0xA9},    {"&reg;", 0xAE},
      {"&trade;", 0x2122}, {"&mdash;", 0x2014}, {"&ndash;", 0x2013}, {"&hellip;", 0x2026},
      {"&euro;", 0x20AC},  {"&pound;", 0xA3},   {"&yen;", 0xA5},     {"&laquo;", 0xAB},
      {"&raquo;", 0xBB},   {"&middot;", 0xB7},  {"&bull;", 0x2022},  {"&deg;", 0xB0},
      {"&times;", 0xD7},   {"&divide;", 0xF7},  {"&plusmn;", 0xB1},  {"&sect;", 0xA7},
      {"&para;", 0xB6},    {"&lsquo;", 0x2018}, {"&rsquo;", 0x2019}, {"&ldquo;", 0x201C},
      {"&rdquo;", 0x201D}, {"&shy;", 0xAD},     {"&thinsp;", 0x2009}, {"&check;", 0x2713},
  };
  auto it = kNamed.find(e);
  if (it != kNamed.end()) {
    append_utf8(out, it->second);
  } else {
    out += e;
  }
}

std::string attribute_text(const MD_ATTRIBUTE& a) {
  std::string out;
  if (a.text == nullptr) return out;
  if (a.substr_offsets == nullptr) return std::string(a.text, a.size);
  for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
    std::string_view piece(a.text + a.substr_offsets[i], a.substr_offsets[i + 1] - a.substr_offsets[i]);
    if (a.substr_types[i] == MD_TEXT_ENTITY) {
      append_entity(out, piece);
    } else if (a.substr_types[i] != MD_TEXT_NULLCHAR) {
      out += piece;
    }
  }
  return out;
}

class Builder {
 public:
  MarkdownDocument doc;

  Builder() { blocks_.push_back(nullptr); }  // nullptr stands for the document root

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    if (implicit_para_) close_inlines();
    switch (type) {
      case MD_BLOCK_DOC:
        return 0;
      case MD_BLOCK_QUOTE:
        push(BlockKind::kQuote);
        return 0;
      case MD_BLOCK_UL: {
        Block& b = push(BlockKind::kList);
        b.tight = static_cast<MD_BLOCK_UL_DETAIL*>(detail)->is_tight != 0;
        return 0;
      }
      case MD_BLOCK_OL: {
        Block& b = push(BlockKind::kList);
        auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
        b.ordered = true;
        b.start = static_cast<int>(d->start);
        b.tight = d->is_tight != 0;
        return 0;
      }
      case MD_BLOCK_LI: {
        Block& b = push(BlockKind::kListItem);
        auto* d = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
        if (d->is_task) b.task = (d->task_mark == ' ') ? ' ' : 'x';
        return 0;
      }
      case MD_BLOCK_HR:
        push(BlockKind::kRule);
        return 0;
      case MD_BLOCK_H: {
        Block& b = push(BlockKind::kHeading);
        b.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        inlines_ = {&b.inlines};
        return 0;
      }
      case MD_BLOCK_CODE: {
        Block& b = push(BlockKind::kCode);
        b.info = attribute_text(static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->lang);
        return 0;
      }
      case MD_BLOCK_HTML:
        push(BlockKind::kHtml);
        return 0;
      case MD_BLOCK_P: {
        Block& b = push(BlockKind::kParagraph);
        inlines_ = {&b.inlines};
        return 0;
      }
      case MD_BLOCK_TABLE: {
        Block& b = push(BlockKind::kTable);
        auto* d = static_cast<MD_BLOCK_TABLE_DETAIL*>(detail);
        b.header_rows = static_cast<int>(d->head_row_count);
        b.aligns.assign(d->col_count, Align::kDefault);
        return 0;
      }
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
        return 0;
      case MD_BLOCK_TR:
        top()->rows.emplace_back();
        column_ = 0;
        return 0;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        Block* t = top();
        auto* d = static_cast<MD_BLOCK_TD_DETAIL*>(detail);
        if (column_ < t->aligns.size() && t->rows.size() <= 1) {
          switch (d->align) {
            case MD_ALIGN_LEFT: t->aligns[column_] = Align::kLeft; break;
            case MD_ALIGN_CENTER: t->aligns[column_] = Align::kCenter; break;
            case MD_ALIGN_RIGHT: t->aligns[column_] = Align::kRight; break;
            default: break;
          }
        }
        t->rows.back().emplace_back();
        inlines_ = {&t->rows.back().back().content};
        ++column_;
        return 0;
      }
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_DOC:
      case MD_BLOCK_THEAD:
      case MD_BLOCK_TBODY:
      case MD_BLOCK_TR:
        return 0;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        inlines_.clear();
        return 0;
      case MD_BLOCK_P:
      case MD_BLOCK_H:
        inlines_.clear();
        blocks_.pop_back();
        return 0;
      case MD_BLOCK_LI:
        if (implicit_para_) close_inlines();
        blocks_.pop_back();
        return 0;
      default:
        blocks_.pop_back();
        return 0;
    }
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    Inline in;
    switch (type) {
      case MD_SPAN_EM: in.kind = InlineKind::kEmphasis; break;
      case MD_SPAN_STRONG: in.kind = InlineKind::kStrong; break;
      case MD_SPAN_DEL: in.kind = InlineKind::kStrike; break;
      case MD_SPAN_CODE: in.kind = InlineKind::kCode; break;
      case MD_SPAN_A: {
        auto* d = static_cast<MD_SPAN_A_DETAIL*>(detail);
        in.kind = InlineKind::kLink;
        in.url = attribute_text(d->href);
        in.title = attribute_text(d->title);
        break;
      }
      case MD_SPAN_IMG: {
        auto* d = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        in.kind = InlineKind::kImage;
        in.url = attribute_text(d->src);
        in.title = attribute_text(d->title);
        break;
      }
      default: in.kind = InlineKind::kEmphasis; break;  // underline, wiki links: not enabled
    }
    std::vector<Inline>* target = inline_target();
    target->push_back(std::move(in));
    inlines_.push_back(&target->back().children);
    return 0;
  }

  int leave_span(MD_SPANTYPE type) {
    if (inlines_.size() > 1) inlines_.pop_back();
    if (type == MD_SPAN_CODE) {
      // Code spans keep their text in `text` rather than in children.
      Inline& code = inline_target()->back();
      code.text = plain_text(code.children);
      code.children.clear();
    }
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size) {
    std::string_view s(data, size);
    Block* b = top();
    if (b != nullptr && (b->kind == BlockKind::kCode || b->kind == BlockKind::kHtml) && inlines_.empty()) {
      b->text += s;
      return 0;
    }
    std::vector<Inline>* target = inline_target();
    switch (type) {
      case MD_TEXT_BR: target->push_back(Inline{InlineKind::kHardBreak, {}, {}, {}, {}}); return 0;
      case MD_TEXT_SOFTBR: target->push_back(Inline{InlineKind::kSoftBreak, {}, {}, {}, {}}); return 0;
      case MD_TEXT_HTML: target->push_back(Inline{InlineKind::kHtml, std::string(s), {}, {}, {}}); return 0;
      default: break;
    }
    std::string* dst;
    if (!target->empty() && target->back().kind == InlineKind::kText) {
      dst = &target->back().text;
    } else {
      target->push_back(Inline{});
      dst = &target->back().text;
    }
    if (type == MD_TEXT_ENTITY) {
      append_entity(*dst, s);
    } else if (type == MD_TEXT_NULLCHAR) {
      append_utf8(*dst, 0xFFFD);
    } else {
      *dst += s;
    }
    return 0;
  }

 private:
  Block* top() { return blocks_.back(); }

  Block& push(BlockKind kind) {
    std::vector<Block>& siblings = blocks_.back() == nullptr ? doc.blocks : blocks_.back()->children;
    siblings.emplace_back();
    siblings.back().kind = kind;
    blocks_.push_back(&siblings.back());
    return siblings.back();
  }

  // Where inline content goes now; opens an implicit paragraph in a tight list item.
  std::vector<Inline>* inline_target() {
    if (inlines_.empty()) {
      Block* b = top();
      std::vector<Block>& siblings = b == nullptr ? doc.blocks : b->children;
      siblings.emplace_back();
      siblings.back().kind = BlockKind::kParagraph;
      inlines_ = {&siblings.back().inlines};
      implicit_para_ = true;
    }
    return inlines_.back();
  }

  void close_inlines() {
    inlines_.clear();
    implicit_para_ = false;
  }

  std::vector<Block*> blocks_;
  std::vector<std::vector<Inline>*> inlines_;
  bool implicit_para_ = false;
  std::size_t column_ = 0;
};

bool is_page_break_text(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return t == "\\newpage" || t == "\\pagebreak" || t == "\\clearpage";
}

bool is_page_break_html(std::string_view t) {
  return t.find("page-break-after") != std::string_view::npos ||
         t.find("page-break-before") != std::string_view::npos ||
         t.find("break-after: page") != std::string_view::npos ||
         t.find("break-before: page") != std::string_view::npos;
}

void finish_blocks(std::vector<Block>& blocks, std::unordered_map<std::string, int>& ids) {
  for (Block& b : blocks) {
    if (b.kind == BlockKind::kParagraph && b.inlines.size() == 1 &&
        b.inlines[0].kind == InlineKind::kText && is_page_break_text(b.inlines[0].text)) {
      b = Block{};
      b.kind = BlockKind::kPageBreak;
    } else if (b.kind == BlockKind::kHtml && is_page_break_html(b.text)) {
      b.kind = BlockKind::kPageBreak;
    } else if (b.kind == BlockKind::kHeading) {
      std::string base = slugify(plain_text(b.inlines));
      if (base.empty()) base = "section";
      std::string id = base;
      int& n = ids[base];
      if (n > 0) id = base + "-" + std::to_string(n);
      ++n;
      b.id = std::move(id);
    }
    finish_blocks(b.children, ids);
  }
}

void append_plain(const std::vector<Inline>& inlines, std::string& out) {
  for (const Inline& in : inlines) {
    switch (in.kind) {
      case InlineKind::kText:
      case InlineKind::kCode: out += in.text; break;
      case InlineKind::kSoftBreak: out += ' '; break;
      case InlineKind::kHardBreak: out += '\n'; break;
      case InlineKind::kHtml: break;
      default: append_plain(in.children, out); break;
    }
  }
}

void append_block_text(const Block& b, std::string& out, const std::string& indent) {
  switch (b.kind) {
    case BlockKind::kParagraph:
    case BlockKind::kHeading:
      out += indent;
      append_plain(b.inlines, out);
      out += "\n\n";
      break;
    case BlockKind::kQuote:
      for (const Block& c : b.children) append_block_text(c, out, indent + "  ");
      break;
    case BlockKind::kList: {
      int n = b.start;
      for (const Block& item : b.children) {
        std::string marker = b.ordered ? std::to_string(n++) + ". " : "- ";
        if (item.task) marker += item.task == 'x' ? "[x] " : "[ ] ";
        std::string sub;
        for (const Block& c : item.children) append_block_text(c, sub, "");
        while (!sub.empty() && sub.back() == '\n') sub.pop_back();
        out += indent + marker;
        std::string pad(marker.size(), ' ');
        for (char ch : sub) {
          out += ch;
          if (ch == '\n') out += indent + pad;
        }
        out += '\n';
      }
      out += '\n';
      break;
    }
    case BlockKind::kCode:
      out += b.text;
      out += '\n';
      break;
    case BlockKind::kRule: out += "\n"; break;
    case BlockKind::kTable:
      for (const auto& row : b.rows) {
        out += indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
          if (i) out += " | ";
          append_plain(row[i].content, out);
        }
        out += '\n';
      }
      out += '\n';
      break;
    case BlockKind::kHtml: break;
    case BlockKind::kPageBreak: out += "\f"; break;
    case BlockKind::kListItem:
      for (const Block& c : b.children) append_block_text(c, out, indent);
      break;
  }
}

}  // namespace

MarkdownDocument parse_markdown(std::string_view markdown) {
  Builder builder;
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
                 MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->enter_block(t, d); };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return static_cast<Builder*>(u)->leave_block(t); };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Builder*>(u)->enter_span(t, d); };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return static_cast<Builder*>(u)->leave_span(t); };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    return static_cast<Builder*>(u)->text(t, s, n);
  };
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &builder);
  std::unordered_map<std::string, int> ids;
  finish_blocks(builder.doc.blocks, ids);
  return std::move(builder.doc);
}

std::string plain_text(const std::vector<Inline>& inlines) {
  std::string out;
  append_plain(inlines, out);
  return out;
}

std::string document_plain_text(const MarkdownDocument& doc) {
  std::string out;
  for (const Block& b : doc.blocks) append_block_text(b, out, "");
  while (out.size() > 1 && out[out.size() - 1] == '\n' && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string slugify(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x81) {
      i += 2;  // U+2000..U+207F: general punctuation (dashes, quotes), dropped
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xC0) {
      ++i;  // U+0080..U+00BF: Latin-1 punctuation and symbols, dropped
    } else if (c >= 0x80) {
      out += static_cast<char>(c);  // keep non-ASCII letters as GitHub does
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == ' ') {
      out += '-';
    }
  }
  return out;
}

}  // namespace docforge::document
