// Lexer: template source -> tokens, following Jinja2 3.1's lexer (configurable delimiters,
// whitespace control with `-`/`+`, trim_blocks, lstrip_blocks, keep_trailing_newline, raw
// blocks, line statements and line comments, Python-style string and number literals).
//
// Line statements are reported as kBlockBegin/kBlockEnd tokens so the parser treats them like
// `{% %}` tags. Tokens own no memory: text and data point into the source, which must outlive
// them; a string literal with escapes (or a number with underscores) is decoded into the
// Tokens' side storage.
//
// Thread safety: tokenize() is a pure function.

#ifndef DOCFORGE_TEMPLATE_LEXER_H_
#define DOCFORGE_TEMPLATE_LEXER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docforge/environment.h"
#include "docforge/error.h"

namespace docforge::tmpl {

enum class TokenKind : std::uint8_t {
  kData,
  kBlockBegin,
  kBlockEnd,
  kVarBegin,
  kVarEnd,
  kName,
  kString,
  kInt,
  kFloat,
  kOp,
  kEof,
};

struct Token {
  TokenKind kind;
  std::uint16_t opcode = 0;  // kOp: op_code(text)
  std::uint32_t offset;      // byte offset of the token in the source
  std::string_view text;     // names, operators, number text (source slice)
  std::string_view value;    // data text, decoded string literals, integer digits (no '_')
  double number = 0;         // float literals
};

// The tokens of one source, plus the decoded text some of them point to.
struct Tokens {
  std::vector<Token> list;
  std::vector<std::unique_ptr<std::string>> decoded;
};

// A one- or two-character operator packed into an integer (for fast comparisons).
constexpr std::uint16_t op_code(std::string_view op) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(op[0]) |
                                    (op.size() > 1 ? static_cast<unsigned char>(op[1]) << 8 : 0));
}

struct LexOptions {
  Syntax syntax;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
};

// Throws TemplateError (kSyntax) with line/column filled in (source_name left empty).
Tokens tokenize(std::string_view source, const LexOptions& options);

// 1-based line and column of a byte offset.
struct LineIndex {
  explicit LineIndex(std::string_view source);
  int line_of(std::uint32_t offset) const;
  int column_of(std::uint32_t offset) const;
  std::string_view line_text(int line) const;

  std::string_view source;
  std::vector<std::uint32_t> starts;
};

}  // namespace docforge::tmpl

#endif  // DOCFORGE_TEMPLATE_LEXER_H_
