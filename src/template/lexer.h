// Lexer: template source -> tokens, following Jinja2 3.1's lexer (configurable delimiters,
// whitespace control with `-`/`+`, trim_blocks, lstrip_blocks, keep_trailing_newline, raw
// blocks, line statements and line comments, Python-style string and number literals).
//
// Line statements are reported as kBlockBegin/kBlockEnd tokens so the parser treats them like
// `{% %}` tags. Data tokens own their (whitespace-adjusted) text; everything else points into
// the source, which must outlive the tokens.
//
// Thread safety: tokenize() is a pure function.

#ifndef DOCFORGE_TEMPLATE_LEXER_H_
#define DOCFORGE_TEMPLATE_LEXER_H_

#include <cstdint>
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
  std::uint32_t offset;  // byte offset of the token in the source
  std::string_view text;  // names, operators, number text (source slice)
  std::string value;      // data text and decoded string literals
  double number = 0;      // float literals
  std::uint16_t opcode = 0;  // kOp: op_code(text)
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
std::vector<Token> tokenize(std::string_view source, const LexOptions& options);

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
