#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "docforge/data.h"

namespace docforge::data {
namespace {

Value json(std::string_view text) {
  auto r = parse_json(text);
  EXPECT_TRUE(r.ok()) << r.error().format();
  return r.ok() ? *r : Value::none();
}

Schema schema(std::string_view text) {
  auto s = Schema::compile(json(text), "s.json");
  EXPECT_TRUE(s.ok()) << s.error().format();
  return std::move(s).value();
}

// "path keyword" for each violation, in order.
std::vector<std::string> problems(const Schema& s, std::string_view data) {
  std::vector<std::string> out;
  for (const Violation& v : s.validate(json(data))) out.push_back(v.instance_path + " " + v.keyword);
  return out;
}

using V = std::vector<std::string>;

TEST(Schema, TypesAndObjects) {
  Schema s = schema(R"({
    "type": "object",
    "required": ["name", "qty"],
    "properties": {
      "name": {"type": "string", "minLength": 1, "maxLength": 5},
      "qty": {"type": "integer", "minimum": 1, "maximum": 10},
      "price": {"type": "number", "exclusiveMinimum": 0},
      "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 3}
    },
    "additionalProperties": false
  })");
  EXPECT_EQ(problems(s, R"({"name": "ab", "qty": 2, "price": 1.5, "tags": ["x"]})"), V{});
  EXPECT_EQ(problems(s, R"({"name": "ab", "qty": 2.0})"), V{});  // 2.0 is an integer
  EXPECT_EQ(problems(s, R"({"qty": "3", "extra": 1})"),
            (V{" required", "/qty type", "/extra additionalProperties"}));
  EXPECT_EQ(problems(s, R"({"name": "", "qty": 0, "price": 0, "tags": ["a", "a", 1, "b"]})"),
            (V{"/name minLength", "/qty minimum", "/price exclusiveMinimum", "/tags maxItems",
               "/tags/1 uniqueItems", "/tags/2 type"}));
  EXPECT_EQ(problems(s, R"([1])"), V{" type"});
  EXPECT_EQ(problems(s, R"({"name": "toolong", "qty": true})"),
            (V{"/name maxLength", "/qty type"}));  // true is not an integer
}

TEST(Schema, MessagesAndCheck) {
  Schema s = schema(R"({"properties": {"price": {"minimum": 1}}, "required": ["sku"]})");
  auto vs = s.validate(json(R"({"price": 0})"));
  ASSERT_EQ(vs.size(), 2u);
  // The object's own rules come before its properties' rules.
  EXPECT_EQ(vs[0].message, "missing required property 'sku'");
  EXPECT_EQ(vs[1].message, "0 is less than the minimum of 1");
  EXPECT_EQ(vs[1].schema_path, "/properties/price/minimum");
  Status st = s.check(json(R"({"price": 0})"), "order.json");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::kSchema);
  EXPECT_EQ(st.error().source_name, "order.json");
  EXPECT_NE(st.error().message.find("\n  /price: minimum: 0 is less than the minimum of 1"),
            std::string::npos)
      << st.error().message;
  EXPECT_NE(st.error().message.find("\n  /: required: missing required property 'sku'"),
            std::string::npos)
      << st.error().message;
  EXPECT_TRUE(s.check(json(R"({"sku": "a", "price": 3})")).ok());
}

TEST(Schema, EnumConstPatternFormat) {
  Schema s = schema(R"({"properties": {
    "c": {"enum": ["EUR", "USD", 1]},
    "k": {"const": true},
    "p": {"pattern": "^[A-Z]{3}-\\d+$"},
    "d": {"format": "date"}, "t": {"format": "date-time"}, "e": {"format": "email"},
    "u": {"format": "uri"}}})");
  EXPECT_EQ(problems(s, R"({"c": "USD", "k": true, "p": "ABC-12", "d": "2024-02-29",
                            "t": "2024-01-02T03:04:05.5+01:00", "e": "a.b@example.com",
                            "u": "https://example.com/x?y=1"})"),
            V{});
  EXPECT_EQ(problems(s, R"({"c": "GBP", "k": 1, "p": "abc-12", "d": "2023-02-29",
                            "t": "2024-01-02 03:04", "e": "nope", "u": "no scheme"})"),
            (V{"/c enum", "/k const", "/p pattern", "/d format", "/t format", "/e format",
               "/u format"}));
  EXPECT_EQ(problems(s, R"({"c": true})"), V{"/c enum"});  // true is not 1 in JSON Schema
  EXPECT_EQ(problems(s, R"({"c": 1.0})"), V{});
}

TEST(Schema, CombinatorsAndRefs) {
  Schema s = schema(R"({
    "$defs": {
      "money": {"type": "object", "required": ["amount"],
                "properties": {"amount": {"type": "number", "minimum": 0}}},
      "id": {"oneOf": [{"type": "integer"}, {"type": "string", "pattern": "^[0-9]+$"}]}
    },
    "type": "object",
    "properties": {
      "total": {"$ref": "#/$defs/money"},
      "id": {"$ref": "#/$defs/id"},
      "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
      "code": {"not": {"enum": ["TEST"]}},
      "both": {"allOf": [{"minimum": 0}, {"maximum": 5}]},
      "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}],
               "items": false, "minItems": 2}
    }
  })");
  EXPECT_EQ(problems(s, R"({"total": {"amount": 3}, "id": "12", "note": null, "code": "X",
                            "both": 3, "pair": ["a", 1]})"),
            V{});
  EXPECT_EQ(problems(s, R"({"total": {"amount": -1}, "id": 1.5, "note": 3, "code": "TEST",
                            "both": 9, "pair": [1, "a", 3]})"),
            (V{"/total/amount minimum", "/id oneOf", "/note anyOf", "/code not",
               "/both maximum", "/pair/0 type", "/pair/1 type", "/pair/2 false"}));
}

TEST(Schema, RecursiveRefs) {
  Schema s = schema(R"({"$defs": {"node": {"type": "object", "properties": {
      "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
      "name": {"type": "string"}}}}, "$ref": "#/$defs/node"})");
  EXPECT_EQ(problems(s, R"({"name": "a", "children": [{"name": "b", "children": [{"name": 3}]}]})"),
            V{"/children/0/children/0/name type"});
  // A reference cycle that never reaches data is reported, not a crash.
  Schema loop = schema(R"({"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"})");
  EXPECT_FALSE(loop.validate(json("1")).empty());
}

TEST(Schema, BadSchemasAreErrors) {
  for (const char* bad : {R"({"type": "strin"})", R"x({"pattern": "(?=x)"})x",
                          R"({"$ref": "#/$defs/missing"})", R"({"$ref": "other.json#/x"})",
                          R"({"required": "name"})", R"({"minimum": "1"})",
                          R"({"properties": {"a": 3}})", R"([1])"}) {
    auto s = Schema::compile(json(bad), "bad.json");
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().kind, ErrorKind::kSchema);
    EXPECT_EQ(s.error().source_name, "bad.json");
  }
}

TEST(Schema, JsonPointerEscapes) {
  Schema s = schema(R"({"properties": {"a/b": {"type": "string"}, "m~n": {"type": "string"}}})");
  EXPECT_EQ(problems(s, R"({"a/b": 1, "m~n": 2})"), (V{"/a~1b type", "/m~0n type"}));
}

TEST(Schema, ApplyDefaults) {
  Schema s = schema(R"({"type": "object", "properties": {
      "currency": {"type": "string", "default": "EUR"},
      "qty": {"default": 1},
      "ship": {"type": "object", "properties": {"method": {"default": "post"}}},
      "lines": {"type": "array", "items": {"properties": {"tax": {"default": 0.2}}}}}})");
  Value data = json(R"({"qty": 5, "ship": {}, "lines": [{"n": 1}, {"tax": 0}]})");
  Value out = s.apply_defaults(data);
  EXPECT_EQ(out.repr(),
            "{'qty': 5, 'ship': {'method': 'post'}, 'lines': [{'n': 1, 'tax': 0.2}, {'tax': 0}], "
            "'currency': 'EUR'}");
  EXPECT_EQ(data.repr(), "{'qty': 5, 'ship': {}, 'lines': [{'n': 1}, {'tax': 0}]}");  // unchanged
}

TEST(Schema, LoadYamlAndFindBesideTemplate) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("docforge_schema_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "invoice.schema.yaml") << "type: object\nrequired: [number]\n";
  std::ofstream(dir / "invoice.md.j2") << "x";
  std::ofstream(dir / "plain.txt.j2") << "x";
  auto found = find_schema_for_template((dir / "invoice.md.j2").string());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(*found, (dir / "invoice.schema.yaml").string());
  EXPECT_FALSE(find_schema_for_template((dir / "plain.txt.j2").string()).has_value());
  auto s = Schema::load(*found);
  ASSERT_TRUE(s.ok()) << s.error().format();
  EXPECT_EQ(s->validate(json("{}")).size(), 1u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace docforge::data

namespace docforge::data {
namespace {

TEST(Schema, MoreKeywords) {
  Schema s = schema(R"({
    "type": "object",
    "minProperties": 1, "maxProperties": 4,
    "patternProperties": {"^x-": {"type": "string"}},
    "properties": {
      "step": {"multipleOf": 0.5},
      "n": {"multipleOf": 3},
      "kind": {"enum": ["a", "b"]},
      "list": {"contains": {"const": 7}},
      "id": {"format": "uuid"}, "ip": {"format": "ipv4"}, "at": {"format": "time"}
    },
    "if": {"properties": {"kind": {"const": "a"}}, "required": ["kind"]},
    "then": {"required": ["n"]},
    "else": {"required": ["step"]}
  })");
  EXPECT_EQ(problems(s, R"({"kind": "a", "n": 9, "x-y": "z"})"), V{});
  EXPECT_EQ(problems(s, R"({"kind": "a", "x-y": 1})"), (V{"/x-y type", " required"}));
  EXPECT_EQ(problems(s, R"({"kind": "b", "n": 4})"), (V{"/n multipleOf", " required"}));
  EXPECT_EQ(problems(s, R"({"step": 1.5, "list": [1, 7]})"), V{});
  EXPECT_EQ(problems(s, R"({"step": 1.2, "list": [1]})"), (V{"/step multipleOf", "/list contains"}));
  EXPECT_EQ(problems(s, R"({})"), (V{" minProperties", " required"}));
  EXPECT_EQ(problems(s, R"({"step": 1, "id": "123e4567-e89b-12d3-a456-426614174000",
                            "ip": "192.168.0.1", "at": "10:20:30Z"})"),
            V{});
  EXPECT_EQ(problems(s, R"({"step": 1, "id": "nope", "ip": "256.1.1.1", "at": "25:00:00Z",
                            "kind": "b"})"),
            (V{" maxProperties", "/id format", "/ip format", "/at format"}));
}

}  // namespace
}  // namespace docforge::data
