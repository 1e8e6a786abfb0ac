// A corpus of malformed inputs, one per row: every reader must give a clean error (right kind,
// the source name, a line and column where they make sense, and a message that says what was
// expected) and never crash or hang.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "docforge/data.h"

namespace docforge::data {
namespace {

struct Case {
  const char* what;
  DataFormat format;
  std::string input;
  ErrorKind kind;
  int line;     // 0: not checked
  int column;   // 0: not checked
  const char* message_part;
};

Result<Value> read(const Case& c) {
  switch (c.format) {
    case DataFormat::kJson: return parse_json(c.input, "in");
    case DataFormat::kYaml: return parse_yaml(c.input, "in");
    case DataFormat::kToml: return parse_toml(c.input, "in");
    case DataFormat::kCsv: return parse_csv(c.input, "in");
    case DataFormat::kJsonLines: {
      auto reader = make_record_reader(c.input, DataFormat::kJsonLines, "in");
      while (auto r = reader->next()) {
        if (!r->ok()) return std::move(*r).error();
      }
      return Value::none();
    }
    default: break;
  }
  return Value::none();
}

std::string nested(std::size_t depth, char open, char close) {
  return std::string(depth, open) + std::string(depth, close);
}

std::vector<Case> corpus() {
  using K = ErrorKind;
  using F = DataFormat;
  return {
      // Truncated.
      {"json truncated object", F::kJson, "{\"a\": 1", K::kData, 1, 8, "expected ',' or '}'"},
      {"json truncated string", F::kJson, "[\"abc", K::kData, 1, 2, "unterminated string"},
      {"json truncated number", F::kJson, "[1.", K::kData, 1, 4, "digit after the decimal"},
      {"json truncated literal", F::kJson, "tr", K::kData, 1, 1, "expected a value"},
      {"json empty", F::kJson, "", K::kData, 1, 1, "unexpected end of input"},
      {"json only bom", F::kJson, "\xEF\xBB\xBF", K::kData, 1, 1, "unexpected end of input"},
      {"jsonl truncated record", F::kJsonLines, "{}\n{\"a\":", K::kData, 2, 6, "record 2"},
      {"yaml truncated flow", F::kYaml, "a: [1, 2", K::kData, 0, 0, ""},
      {"toml truncated", F::kToml, "a = [1, 2", K::kData, 1, 0, ""},
      {"csv truncated quote", F::kCsv, "a\n\"x", K::kData, 2, 1, "unterminated quoted field"},
      // Invalid UTF-8.
      {"json invalid utf8 in string", F::kJson, "[\"\xC3\x28\"]", K::kData, 1, 3,
       "invalid UTF-8"},
      {"json invalid utf8 outside", F::kJson, "[\xFF]", K::kData, 1, 2, "offset 1"},
      {"json overlong utf8", F::kJson, "\"\xC0\xAF\"", K::kData, 1, 2, "invalid UTF-8"},
      {"json surrogate utf8", F::kJson, "\"\xED\xA0\x80\"", K::kData, 1, 2, "invalid UTF-8"},
      {"yaml invalid utf8", F::kYaml, "a: b\nc: \xFE\n", K::kData, 2, 4, "offset 8"},
      {"csv invalid utf8", F::kCsv, "a\n\xC3\n", K::kData, 2, 1, "invalid UTF-8"},
      {"jsonl invalid utf8", F::kJsonLines, "1\n\"\xE2\x82\"\n", K::kData, 2, 2,
       "invalid UTF-8"},
      // Deep nesting.
      {"json deep arrays", F::kJson, nested(100000, '[', ']'), K::kLimit, 1, 1001,
       "nesting too deep"},
      {"json deep objects", F::kJson,
       [] {
         std::string s;
         for (int i = 0; i < 100000; ++i) s += "{\"a\":";
         return s;
       }(),
       K::kLimit, 1, 0, "nesting too deep"},
      {"jsonl deep", F::kJsonLines, "1\n" + nested(5000, '[', ']'), K::kLimit, 2, 1001,
       "record 2"},
      {"yaml deep flow", F::kYaml, nested(100000, '[', ']'), K::kLimit, 0, 0, ""},
      {"toml deep", F::kToml, "a = " + nested(100000, '[', ']'), K::kData, 1, 0, ""},
      // Huge numbers.
      {"json float overflow", F::kJson, "[1e999]", K::kData, 1, 2, "out of range"},
      {"toml int overflow", F::kToml, "a = 99999999999999999999\n", K::kData, 1, 0, ""},
      // BOM in the wrong place.
      {"json bom mid-document", F::kJson, "[\xEF\xBB\xBF" "1]", K::kData, 1, 2,
       "expected a value"},
      // CRLF: positions still right.
      {"json crlf", F::kJson, "[\r\n1,\r\n2,\r\n]", K::kData, 4, 1, "trailing comma"},
      {"csv crlf wrong field count", F::kCsv, "a,b\r\n1,2\r\n3\r\n", K::kData, 3, 0,
       "record 2: has 1 field"},
      // Duplicate keys where they are an error.
      {"toml duplicate key", F::kToml, "a = 1\na = 2\n", K::kData, 2, 0, ""},
      {"csv duplicate header", F::kCsv, "a,b,a\n1,2,3\n", K::kData, 1, 0,
       "duplicate column name"},
      // Wrong types / bad tokens.
      {"json single quotes", F::kJson, "{\"a\": 'x'}", K::kData, 1, 7, "double quotes"},
      {"json nan", F::kJson, "{\"a\": NaN}", K::kData, 1, 7, "allow_nan"},
      {"json bad escape", F::kJson, "\"\\x41\"", K::kData, 1, 2, "invalid escape"},
      {"json lone surrogate", F::kJson, "\"\\udc00\"", K::kData, 1, 2, "surrogate"},
      {"json control char", F::kJson, "\"a\x01\"", K::kData, 1, 3, "control character"},
      {"json missing colon", F::kJson, "{\"a\" 1}", K::kData, 1, 6, "':'"},
      {"json number key", F::kJson, "{1: 2}", K::kData, 1, 2, "string key"},
      {"json leading plus", F::kJson, "+1", K::kData, 1, 1, "expected a value"},
      {"json extra data", F::kJson, "{}{}", K::kData, 1, 3, "extra data"},
      {"yaml bad int tag", F::kYaml, "a: !!int abc\n", K::kData, 1, 4, "!!int"},
      {"yaml list as key", F::kYaml, "? [1]\n: x\n", K::kData, 0, 0, "must be a scalar"},
      {"yaml bad indentation", F::kYaml, "a:\n  b: 1\n c: 2\n", K::kData, 0, 0, ""},
      {"yaml recursive alias", F::kYaml, "a: &x [*x]\n", K::kData, 1, 0, ""},
      {"toml bad value", F::kToml, "a = tru\n", K::kData, 1, 0, ""},
      {"csv text after quote", F::kCsv, "a,b\n\"x\"y,1\n", K::kData, 2, 4, "closing quote"},
  };
}

TEST(MalformedCorpus, EveryInputGivesACleanError) {
  for (const Case& c : corpus()) {
    SCOPED_TRACE(c.what);
    Result<Value> r = read(c);
    ASSERT_FALSE(r.ok()) << "accepted: " << r->repr().substr(0, 80);
    const Error& e = r.error();
    EXPECT_EQ(e.kind, c.kind) << e.format();
    EXPECT_EQ(e.source_name, "in");
    EXPECT_FALSE(e.message.empty());
    if (c.line) {
      EXPECT_EQ(e.line, c.line) << e.format();
    }
    if (c.column) {
      EXPECT_EQ(e.column, c.column) << e.format();
    }
    if (c.message_part[0]) {
      EXPECT_NE(e.message.find(c.message_part), std::string::npos) << e.format();
    }
    // format() always gives NAME[:LINE[:COL]]: error: MESSAGE.
    EXPECT_EQ(e.format().rfind("in", 0), 0u);
    EXPECT_NE(e.format().find("error: "), std::string::npos);
  }
}

}  // namespace
}  // namespace docforge::data
