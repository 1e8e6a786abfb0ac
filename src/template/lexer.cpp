// Lexer implementation. See lexer.h. The structure mirrors Jinja2's regex lexer: the root state
// finds the earliest tag start (ties go to the longer rule, as Jinja2 sorts its rules), applies
// whitespace control to the data before it, then lexes the tag's contents until its end
// delimiter (only when no bracket is open, as Jinja2's balancing stack does).

#include "template/lexer.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

namespace docforge::tmpl {
namespace {

// Character classes, one table lookup each (the lexer tests every byte inside tags).
enum CharClass : std::uint8_t {
  kSpace = 1,
  kHSpace = 2,
  kDigit = 4,
  kNameStart = 8,
  kOperator = 16,  // a one-character operator token
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
  std::array<std::uint8_t, 256> t{};
  for (unsigned char c : {' ', '\t', '\v', '\f'}) t[c] = kSpace | kHSpace;
  t['\n'] = kSpace;
  t['\r'] = kSpace;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kNameStart;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kNameStart;
  t['_'] = kNameStart;
  for (int c = 0x80; c < 0x100; ++c) t[c] = kNameStart;
  for (unsigned char c : std::string_view("+-/*%~[](){}<>=.:|,;")) t[c] = kOperator;
  return t;
}
constexpr std::array<std::uint8_t, 256> kCharClasses = make_char_classes();

bool has_class(char c, std::uint8_t cls) {
  return (kCharClasses[static_cast<unsigned char>(c)] & cls) != 0;
}
bool is_space(char c) { return has_class(c, kSpace); }
bool is_hspace(char c) { return has_class(c, kHSpace); }
bool is_digit(char c) { return has_class(c, kDigit); }
bool is_name_start(char c) { return has_class(c, kNameStart); }
bool is_name_char(char c) { return has_class(c, kNameStart | kDigit); }

void append_utf8(std::string& out, std::uint32_t cp) {
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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The first occurrence of `d` (not empty) in `s` at or after `from`, or npos: memchr for its
// first byte, then an inline comparison of the rest (delimiters are a few bytes long).
std::size_t find_delimiter(std::string_view s, std::string_view d, std::size_t from) {
  const char* begin = s.data();
  const char* end = begin + s.size();
  const char* p = begin + std::min(from, s.size());
  const std::size_t rest = d.size() - 1;
  while (true) {
    p = static_cast<const char*>(std::memchr(p, d[0], static_cast<std::size_t>(end - p)));
    if (p == nullptr || static_cast<std::size_t>(end - p) <= rest) return std::string_view::npos;
    std::size_t i = 1;
    while (i <= rest && p[i] == d[i]) ++i;
    if (i > rest) return static_cast<std::size_t>(p - begin);
    ++p;
  }
}

enum class TagKind { kNone, kComment, kBlock, kVariable, kLineStatement, kLineComment };

class Lexer {
 public:
  Lexer(std::string_view src, const LexOptions& o) : src_(src), o_(o) {}

  Tokens run() {
    const Syntax& s = o_.syntax;
    toks_.list.reserve(src_.size() / 6 + 8);
    while (pos_ < src_.size()) {
      std::size_t start = 0;
      std::size_t delim_len = 0;
      TagKind kind = find_tag(&start, &delim_len);
      if (kind == TagKind::kNone) {
        emit_data(pos_, src_.size(), src_.substr(pos_));
        pos_ = src_.size();
        break;
      }
      std::string_view data = src_.substr(pos_, start - pos_);
      std::size_t after = start + delim_len;
      char mod = 0;
      if ((kind == TagKind::kBlock || kind == TagKind::kVariable || kind == TagKind::kComment) &&
          after < src_.size() && (src_[after] == '-' || src_[after] == '+')) {
        mod = src_[after];
        ++after;
      }
      if (mod == '-') {
        while (!data.empty() && is_space(data.back())) data.remove_suffix(1);
      } else if (o_.lstrip_blocks && mod != '+' &&
                 (kind == TagKind::kBlock || kind == TagKind::kComment)) {
        std::size_t nl = data.rfind('\n');
        std::size_t lpos = nl == std::string_view::npos ? 0 : nl + 1;
        bool line_starting = nl != std::string_view::npos || pos_ == 0 || src_[pos_ - 1] == '\n';
        if (line_starting) {
          bool only_ws = true;
          for (std::size_t i = lpos; i < data.size(); ++i) {
            if (data[i] != ' ' && data[i] != '\t') {
              only_ws = false;
              break;
            }
          }
          if (only_ws) data = data.substr(0, lpos);
        }
      }
      emit_data(pos_, pos_ + data.size(), data);
      pos_ = after;
      switch (kind) {
        case TagKind::kComment:
          lex_comment(start);
          break;
        case TagKind::kLineComment: {
          std::size_t nl = src_.find('\n', pos_);
          pos_ = nl == std::string_view::npos ? src_.size() : nl;
          break;
        }
        case TagKind::kBlock:
          if (!try_raw(start)) lex_tag(TokenKind::kBlockBegin, start, s.block_end, true, false);
          break;
        case TagKind::kVariable:
          lex_tag(TokenKind::kVarBegin, start, s.variable_end, false, false);
          break;
        case TagKind::kLineStatement:
          lex_tag(TokenKind::kBlockBegin, start, {}, false, true);
          break;
        case TagKind::kNone:
          break;
      }
    }
    push(TokenKind::kEof, src_.size());
    return std::move(toks_);
  }

 private:
  [[noreturn]] void fail(std::size_t offset, std::string msg) {
    Error e = make_error(ErrorKind::kSyntax, std::move(msg));
    LineIndex lines(src_);
    e.line = lines.line_of(static_cast<std::uint32_t>(offset));
    e.column = lines.column_of(static_cast<std::uint32_t>(offset));
    e.source_line = std::string(lines.line_text(e.line));
    throw TemplateError{std::move(e)};
  }

  void push(TokenKind kind, std::size_t offset, std::string_view text = {},
            std::string_view value = {}, double number = 0) {
    Token& t = toks_.list.emplace_back();
    t.kind = kind;
    t.offset = static_cast<std::uint32_t>(offset);
    t.text = text;
    t.value = value;
    t.number = number;
  }

  // Keeps decoded text alive as long as the tokens; returns a view of it.
  std::string_view keep(std::string decoded) {
    toks_.decoded.push_back(std::make_unique<std::string>(std::move(decoded)));
    return *toks_.decoded.back();
  }

  void emit_data(std::size_t begin, std::size_t /*end*/, std::string_view text) {
    if (text.empty()) return;
    push(TokenKind::kData, begin, {}, text);
  }

  // Finds the next occurrence of `d` at or after pos_, caching the answer.
  std::size_t next_of(const std::string& d, std::size_t* cache) {
    if (d.empty()) return std::string_view::npos;
    if (*cache == kUnsearched || (*cache != std::string_view::npos && *cache < pos_)) {
      *cache = find_delimiter(src_, d, pos_);
    }
    return *cache;
  }

  std::size_t next_line_statement() {
    const std::string& p = o_.syntax.line_statement_prefix;
    if (p.empty()) return std::string_view::npos;
    std::size_t from = pos_;
    while (true) {
      std::size_t at = src_.find(p, from);
      if (at == std::string_view::npos) return at;
      std::size_t ls = at;
      while (ls > 0 && is_hspace(src_[ls - 1]) && src_[ls - 1] != '\f') --ls;
      if ((ls == 0 || src_[ls - 1] == '\n') && ls >= pos_) return ls;
      from = at + 1;
    }
  }

  std::size_t next_line_comment(std::size_t* prefix_at) {
    const std::string& p = o_.syntax.line_comment_prefix;
    if (p.empty()) return std::string_view::npos;
    std::size_t from = pos_;
    while (true) {
      std::size_t at = src_.find(p, from);
      if (at == std::string_view::npos) return at;
      std::size_t q = at;
      while (q > pos_ && is_hspace(src_[q - 1])) --q;
      if (q == 0 || src_[q - 1] == '\n' || !is_space(src_[q - 1])) {
        *prefix_at = at;
        return q;
      }
      from = at + 1;
    }
  }

  TagKind find_tag(std::size_t* start, std::size_t* delim_len) {
    const Syntax& s = o_.syntax;
    std::size_t c = next_of(s.comment_start, &c_cache_);
    std::size_t b = next_of(s.block_start, &b_cache_);
    std::size_t v = next_of(s.variable_start, &v_cache_);
    std::size_t ls = next_line_statement();
    std::size_t lc_prefix = 0;
    std::size_t lc = next_line_comment(&lc_prefix);
    TagKind best = TagKind::kNone;
    std::size_t best_pos = std::string_view::npos;
    std::size_t best_rank = 0;
    auto consider = [&](TagKind k, std::size_t p, std::size_t rank) {
      if (p == std::string_view::npos) return;
      if (p < best_pos || (p == best_pos && rank > best_rank)) {
        best = k;
        best_pos = p;
        best_rank = rank;
      }
    };
    // Rank = Jinja2's rule-regex length order: line comment > line statement > by delimiter.
    consider(TagKind::kComment, c, s.comment_start.size() * 4 + 2);
    consider(TagKind::kBlock, b, s.block_start.size() * 4 + 1);
    consider(TagKind::kVariable, v, s.variable_start.size() * 4);
    consider(TagKind::kLineStatement, ls, 100000);
    consider(TagKind::kLineComment, lc, 100001);
    *start = best_pos;
    switch (best) {
      case TagKind::kComment: *delim_len = s.comment_start.size(); break;
      case TagKind::kBlock: *delim_len = s.block_start.size(); break;
      case TagKind::kVariable: *delim_len = s.variable_start.size(); break;
      case TagKind::kLineStatement: {
        std::size_t p = best_pos;
        while (p < src_.size() && is_hspace(src_[p])) ++p;
        *delim_len = p - best_pos + s.line_statement_prefix.size();
        break;
      }
      case TagKind::kLineComment:
        *delim_len = lc_prefix - best_pos + s.line_comment_prefix.size();
        break;
      case TagKind::kNone: break;
    }
    return best;
  }

  void after_tag_end(bool strip_ws, bool trim) {
    if (strip_ws) {
      while (pos_ < src_.size() && is_space(src_[pos_])) ++pos_;
    } else if (trim && pos_ < src_.size() && src_[pos_] == '\n') {
      ++pos_;
    }
  }

  void lex_comment(std::size_t start) {
    const std::string& end = o_.syntax.comment_end;
    std::size_t e = src_.find(end, pos_);
    if (e == std::string_view::npos) fail(start, "Missing end of comment tag");
    bool strip = e > pos_ && src_[e - 1] == '-';
    bool plus = e > pos_ && src_[e - 1] == '+';
    pos_ = e + end.size();
    after_tag_end(strip, o_.trim_blocks && !plus);
  }

  // `{% raw %}...{% endraw %}`: pos_ is just after `{%` and its modifier.
  bool try_raw(std::size_t start) {
    std::size_t p = pos_;
    while (p < src_.size() && is_space(src_[p])) ++p;
    if (src_.compare(p, 3, "raw") != 0) return false;
    p += 3;
    if (p < src_.size() && is_name_char(src_[p])) return false;
    while (p < src_.size() && is_space(src_[p])) ++p;
    const std::string& be = o_.syntax.block_end;
    bool strip = false;
    bool plus = false;
    if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) {
      strip = src_[p] == '-';
      plus = src_[p] == '+';
      ++p;
    }
    if (src_.compare(p, be.size(), be) != 0) return false;
    pos_ = p + be.size();
    (void)plus;
    after_tag_end(strip, false);  // Jinja2 does not apply trim_blocks after `raw`
    // Find the endraw tag.
    const std::string& bs = o_.syntax.block_start;
    std::size_t from = pos_;
    while (true) {
      std::size_t at = src_.find(bs, from);
      if (at == std::string_view::npos) fail(start, "Missing end of raw directive");
      std::size_t q = at + bs.size();
      char mod = 0;
      if (q < src_.size() && (src_[q] == '-' || src_[q] == '+')) mod = src_[q++];
      while (q < src_.size() && is_space(src_[q])) ++q;
      if (src_.compare(q, 6, "endraw") == 0 &&
          (q + 6 >= src_.size() || !is_name_char(src_[q + 6]))) {
        q += 6;
        while (q < src_.size() && is_space(src_[q])) ++q;
        char emod = 0;
        if (q < src_.size() && (src_[q] == '-' || src_[q] == '+')) emod = src_[q++];
        if (src_.compare(q, be.size(), be) == 0) {
          std::string_view data = src_.substr(pos_, at - pos_);
          if (mod == '-') {
            while (!data.empty() && is_space(data.back())) data.remove_suffix(1);
          } else if (o_.lstrip_blocks && mod != '+') {
            std::size_t nl = data.rfind('\n');
            if (nl != std::string_view::npos &&
                data.find_first_not_of(" \t", nl + 1) == std::string_view::npos) {
              data = data.substr(0, nl + 1);
            }
          }
          emit_data(pos_, pos_ + data.size(), data);
          pos_ = q + be.size();
          after_tag_end(emod == '-', o_.trim_blocks && emod != '+');
          return true;
        }
      }
      from = at + 1;
    }
  }

  void push_op(std::size_t at, std::size_t len) {
    push(TokenKind::kOp, at, src_.substr(at, len));
    toks_.list.back().opcode = op_code(toks_.list.back().text);
  }

  // Lexes the inside of a tag. `end` is the closing delimiter (empty for line statements,
  // which end at a newline outside brackets).
  void lex_tag(TokenKind begin_kind, std::size_t start, std::string_view end, bool is_block,
               bool line_statement) {
    push(begin_kind, start);
    TokenKind end_kind = begin_kind == TokenKind::kVarBegin ? TokenKind::kVarEnd
                                                            : TokenKind::kBlockEnd;
    std::string brackets;
    while (true) {
      if (line_statement && brackets.empty()) {
        // `\s*(\n|$)`: the whitespace run up to its last newline, or to the end.
        std::size_t q = pos_;
        std::size_t last_nl = std::string_view::npos;
        while (q < src_.size() && is_space(src_[q])) {
          if (src_[q] == '\n') last_nl = q;
          ++q;
        }
        if (q >= src_.size() || last_nl != std::string_view::npos) {
          push(end_kind, pos_);
          pos_ = q >= src_.size() ? src_.size() : last_nl + 1;
          return;
        }
      }
      while (pos_ < src_.size() && is_space(src_[pos_])) ++pos_;
      if (pos_ >= src_.size()) {
        // Let the parser report what it expected.
        return;
      }
      if (!line_statement && brackets.empty() &&
          (src_[pos_] == '-' || src_[pos_] == '+' || src_[pos_] == end[0])) {
        if ((src_[pos_] == '-' || src_[pos_] == '+') &&
            src_.compare(pos_ + 1, end.size(), end) == 0) {
          char m = src_[pos_];
          push(end_kind, pos_);
          pos_ += 1 + end.size();
          after_tag_end(m == '-', false);
          return;
        }
        if (src_.compare(pos_, end.size(), end) == 0) {
          push(end_kind, pos_);
          pos_ += end.size();
          after_tag_end(false, is_block && o_.trim_blocks);
          return;
        }
      }
      char c = src_[pos_];
      std::size_t at = pos_;
      if (is_name_start(c)) {
        std::size_t q = pos_;
        while (q < src_.size() && is_name_char(src_[q])) ++q;
        push(TokenKind::kName, at, src_.substr(at, q - at));
        pos_ = q;
      } else if (is_digit(c)) {
        lex_number();
      } else if (c == '\'' || c == '"') {
        lex_string();
      } else {
        if (pos_ + 1 < src_.size()) {
          char d = src_[pos_ + 1];
          if ((c == '/' && d == '/') || (c == '*' && d == '*') ||
              (d == '=' && (c == '=' || c == '!' || c == '<' || c == '>'))) {
            push_op(pos_, 2);
            pos_ += 2;
            continue;
          }
        }
        if (!has_class(c, kOperator)) {
          fail(at, fmt::format("unexpected char '{}' at {}", c, at));
        }
        if (c == '(' || c == '[' || c == '{') {
          brackets += c;
        } else if (c == ')' || c == ']' || c == '}') {
          if (brackets.empty()) fail(at, fmt::format("unexpected '{}'", c));
          char open = brackets.back();
          char want = open == '(' ? ')' : open == '[' ? ']' : '}';
          if (c != want) fail(at, fmt::format("unexpected '{}', expected '{}'", c, want));
          brackets.pop_back();
        }
        push_op(pos_, 1);
        ++pos_;
      }
    }
  }

  std::size_t scan_digits(std::size_t q, bool (*ok)(char)) {
    // digits with single underscores between them
    if (q >= src_.size() || !ok(src_[q])) return q;
    ++q;
    while (q < src_.size()) {
      if (ok(src_[q])) {
        ++q;
      } else if (src_[q] == '_' && q + 1 < src_.size() && ok(src_[q + 1])) {
        q += 2;
      } else {
        break;
      }
    }
    return q;
  }

  void lex_number() {
    std::size_t at = pos_;
    bool after_dot = !toks_.list.empty() && toks_.list.back().kind == TokenKind::kOp &&
                     toks_.list.back().text == "." && toks_.list.back().offset + 1 == at;
    auto strip = [](std::string_view s) {
      std::string r;
      for (char ch : s) if (ch != '_') r += ch;
      return r;
    };
    if (src_[at] == '0' && at + 1 < src_.size()) {
      char x = static_cast<char>(src_[at + 1] | 0x20);
      int base = x == 'x' ? 16 : x == 'o' ? 8 : x == 'b' ? 2 : 0;
      if (base != 0) {
        std::size_t q = at + 2;
        std::string digits;
        while (q < src_.size()) {
          char ch = src_[q];
          if (ch == '_' && q + 1 < src_.size() && hex_value(src_[q + 1]) >= 0 &&
              hex_value(src_[q + 1]) < base) {
            ++q;
            continue;
          }
          int hv = hex_value(ch);
          if (hv < 0 || hv >= base) break;
          digits += ch;
          ++q;
        }
        if (!digits.empty()) {
          // Convert to decimal text (values beyond 64 bits are not supported here).
          unsigned long long v = std::strtoull(digits.c_str(), nullptr, base);
          push(TokenKind::kInt, at, src_.substr(at, q - at), keep(std::to_string(v)));
          pos_ = q;
          return;
        }
      }
    }
    std::size_t q = scan_digits(at, is_digit);
    bool is_float = false;
    if (!after_dot) {
      std::size_t r = q;
      if (r + 1 < src_.size() && src_[r] == '.' && is_digit(src_[r + 1])) {
        r = scan_digits(r + 1, is_digit);
        is_float = true;
      }
      if (r < src_.size() && (src_[r] == 'e' || src_[r] == 'E')) {
        std::size_t e = r + 1;
        if (e < src_.size() && (src_[e] == '+' || src_[e] == '-')) ++e;
        if (e < src_.size() && is_digit(src_[e])) {
          r = scan_digits(e, is_digit);
          is_float = true;
        }
      }
      if (is_float) q = r;
    }
    std::string_view literal = src_.substr(at, q - at);
    if (is_float) {
      std::string text = strip(literal);
      push(TokenKind::kFloat, at, literal, {}, std::strtod(text.c_str(), nullptr));
    } else {
      bool plain = literal.find('_') == std::string_view::npos;
      push(TokenKind::kInt, at, literal, plain ? literal : keep(strip(literal)));
    }
    pos_ = q;
  }

  void lex_string() {
    std::size_t at = pos_;
    char quote = src_[at];
    std::size_t q = at + 1;
    // Without a backslash before the closing quote the literal is its source text.
    while (q < src_.size() && src_[q] != quote && src_[q] != '\\') ++q;
    if (q < src_.size() && src_[q] == quote) {
      push(TokenKind::kString, at, src_.substr(at, q + 1 - at), src_.substr(at + 1, q - at - 1));
      pos_ = q + 1;
      return;
    }
    std::string out(src_.substr(at + 1, q - at - 1));
    while (true) {
      if (q >= src_.size()) fail(at, "unexpected char '" + std::string(1, quote) + "' at " +
                                         std::to_string(at));
      char ch = src_[q];
      if (ch == quote) break;
      if (ch != '\\') {
        out += ch;
        ++q;
        continue;
      }
      if (q + 1 >= src_.size()) {
        ++q;
        continue;
      }
      char e = src_[q + 1];
      q += 2;
      switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x':
        case 'u':
        case 'U': {
          int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          std::uint32_t cp = 0;
          int i = 0;
          for (; i < n && q < src_.size() && hex_value(src_[q]) >= 0; ++i, ++q) {
            cp = cp * 16 + static_cast<std::uint32_t>(hex_value(src_[q]));
          }
          if (i != n) fail(at, "invalid escape in string literal");
          append_utf8(out, cp);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            std::uint32_t cp = static_cast<std::uint32_t>(e - '0');
            for (int i = 0; i < 2 && q < src_.size() && src_[q] >= '0' && src_[q] <= '7';
                 ++i, ++q) {
              cp = cp * 8 + static_cast<std::uint32_t>(src_[q] - '0');
            }
            append_utf8(out, cp);
          } else {
            out += '\\';
            out += e;
          }
      }
    }
    push(TokenKind::kString, at, src_.substr(at, q + 1 - at), keep(std::move(out)));
    pos_ = q + 1;
  }

  std::string_view src_;
  const LexOptions& o_;
  Tokens toks_;
  std::size_t pos_ = 0;
  static constexpr std::size_t kUnsearched = std::string_view::npos - 1;
  std::size_t c_cache_ = kUnsearched;
  std::size_t b_cache_ = kUnsearched;
  std::size_t v_cache_ = kUnsearched;
};

}  // namespace

LineIndex::LineIndex(std::string_view src) : source(src) {
  starts.push_back(0);
  if (src.empty()) return;  // data() may be null, and memchr must not see a null pointer
  const char* begin = src.data();
  const char* end = begin + src.size();
  // p != end first: an empty source may have no data pointer, and memchr's must not be null.
  for (const char* p = begin;
       p != end &&
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) !=
           nullptr;) {
    ++p;
    starts.push_back(static_cast<std::uint32_t>(p - begin));
  }
}

int LineIndex::line_of(std::uint32_t offset) const {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<int>(it - starts.begin());
}

int LineIndex::column_of(std::uint32_t offset) const {
  int line = line_of(offset);
  return static_cast<int>(offset - starts[static_cast<std::size_t>(line - 1)]) + 1;
}

std::string_view LineIndex::line_text(int line) const {
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
  std::size_t b = starts[static_cast<std::size_t>(line - 1)];
  std::size_t e = source.find('\n', b);
  if (e == std::string_view::npos) e = source.size();
  return source.substr(b, e - b);
}

Tokens tokenize(std::string_view source, const LexOptions& options) {
  Lexer lx(source, options);
  return lx.run();
}

}  // namespace docforge::tmpl
