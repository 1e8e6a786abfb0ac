#include <gtest/gtest.h>

#include <string>

#include "data/json_parser.h"
#include "data/json_reader.h"
#include "docforge/data.h"

namespace docforge::data {
namespace {

std::string repr_of(std::string_view json, const JsonOptions& opt = {}) {
  auto r = parse_json(json, "t.json", opt);
  if (!r.ok()) return "ERROR: " + r.error().format();
  return r->repr();
}

Error error_of(std::string_view json, const JsonOptions& opt = {}) {
  auto r = parse_json(json, "t.json", opt);
  EXPECT_FALSE(r.ok()) << json;
  if (r.ok()) return Error{};
  return r.error();
}

TEST(JsonReader, Scalars) {
  EXPECT_EQ(repr_of("null"), "None");
  EXPECT_EQ(repr_of("true"), "True");
  EXPECT_EQ(repr_of(" false "), "False");
  EXPECT_EQ(repr_of("42"), "42");
  EXPECT_EQ(repr_of("-7"), "-7");
  EXPECT_EQ(repr_of("1.5"), "1.5");
  EXPECT_EQ(repr_of("1e5"), "100000.0");
  EXPECT_EQ(repr_of("0.1"), "0.1");
  EXPECT_EQ(repr_of("\"h\\u00e9\\n\""), "'hé\\n'");
}

TEST(JsonReader, KeyOrderAndDuplicates) {
  EXPECT_EQ(repr_of(R"({"b": 1, "a": 2, "c": [1, 2.5, "x"]})"),
            "{'b': 1, 'a': 2, 'c': [1, 2.5, 'x']}");
  // Python: last value wins, first position kept.
  EXPECT_EQ(repr_of(R"({"a": 1, "b": 2, "a": 3})"), "{'a': 3, 'b': 2}");
  // Shared (interned) keys across records: each record resolves its own repeats.
  EXPECT_EQ(repr_of(R"([{"a": 1, "a": 2, "a": 3}, {"a": 4, "b": 5}, {"b": 6, "a": 7, "b": 8}])"),
            "[{'a': 3}, {'a': 4, 'b': 5}, {'b': 8, 'a': 7}]");
  // Past 8 keys (the indexed path). python3 -c 'import json; print(json.loads(s))'
  EXPECT_EQ(repr_of(R"({"k0": 0, "k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7,
                        "k8": 8, "k9": 9, "k3": 30, "k10": 10, "k0": 40, "k9": 90})"),
            "{'k0': 40, 'k1': 1, 'k2': 2, 'k3': 30, 'k4': 4, 'k5': 5, 'k6': 6, 'k7': 7, "
            "'k8': 8, 'k9': 90, 'k10': 10}");
  // Keys beyond the shared-key length limit, and escaped keys equal to plain ones.
  std::string long_key(100, 'k');
  EXPECT_EQ(repr_of("{\"" + long_key + "\": 1, \"x\": 2, \"" + long_key + "\": 3}"),
            "{'" + long_key + "': 3, 'x': 2}");
  EXPECT_EQ(repr_of(R"({"a": 1, "\u0061": 2})"), "{'a': 2}");
}

TEST(JsonReader, NestedContainersKeepTheirChildren) {
  // Lists and objects inside each other at several depths, empty ones between.
  EXPECT_EQ(repr_of(R"([[1, [2, [3]], {"a": [4, {"b": [5, []]}], "c": {}}], [], {}, [[[]]]])"),
            "[[1, [2, [3]], {'a': [4, {'b': [5, []]}], 'c': {}}], [], {}, [[[]]]]");
  EXPECT_EQ(repr_of(R"({"x": [{"y": [1, 2]}, {"y": [3]}], "z": [[{}, {"w": null}]]})"),
            "{'x': [{'y': [1, 2]}, {'y': [3]}], 'z': [[{}, {'w': None}]]}");
}

TEST(JsonReader, ReaderIsReusableAfterAnError) {
  // JSON Lines reuse one reader: a record that fails half way must not leak its partial
  // children into the next record.
  ReadOptions opt;
  opt.format = DataFormat::kJsonLines;
  auto reader = make_record_reader(
      "{\"a\": [1, 2, {\"b\": [3, 4]}], \"c\": tru}\n{\"d\": [5, 6]}\n[7, {\"e\": 8}]\n",
      DataFormat::kJsonLines, "t.jsonl", opt);
  auto r1 = reader->next();
  ASSERT_TRUE(r1.has_value());
  EXPECT_FALSE(r1->ok());
  auto r2 = reader->next();
  ASSERT_TRUE(r2.has_value() && r2->ok());
  EXPECT_EQ((*r2)->value.repr(), "{'d': [5, 6]}");
  auto r3 = reader->next();
  ASSERT_TRUE(r3.has_value() && r3->ok());
  EXPECT_EQ((*r3)->value.repr(), "[7, {'e': 8}]");
}

TEST(JsonReader, BigIntegersStayExact) {
  EXPECT_EQ(repr_of("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(repr_of("9223372036854775808"), "9223372036854775808");
  EXPECT_EQ(repr_of("18446744073709551615"), "18446744073709551615");
  EXPECT_EQ(repr_of("[123456789012345678901234567890, -98765432109876543210]"),
            "[123456789012345678901234567890, -98765432109876543210]");
  auto v = parse_json("18446744073709551616");
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->is_big_int());
}

TEST(JsonReader, FloatsRoundTrip) {
  EXPECT_EQ(repr_of("0.30000000000000004"), "0.30000000000000004");
  EXPECT_EQ(repr_of("1e-400"), "0.0");
  EXPECT_EQ(repr_of("2.2250738585072014e-308"), "2.2250738585072014e-308");
  Error e = error_of("1e400");
  EXPECT_NE(e.message.find("out of range"), std::string::npos) << e.message;
}

// Python's values (json.loads) for floats with more than 19 significant digits, which the
// simdjson in Debian 12 gets wrong (simdjson#2093); found by fuzz_data_json.
TEST(JsonReader, FloatsWithManyDigitsAreCorrectlyRounded) {
  EXPECT_EQ(repr_of("[0.95000000000000000000]"), "[0.95]");
  EXPECT_EQ(repr_of("{\"a\": [1, 0.674407376470437095546,16]}"),
            "{'a': [1, 0.6744073764704371, 16]}");
  EXPECT_EQ(repr_of("[-0.674407376470437095546e-3]"), "[-0.0006744073764704371]");
  EXPECT_EQ(repr_of("[1000000000.000000001]"), "[1000000000.0]");
  EXPECT_EQ(repr_of("[12345678901234567890.5]"), "[1.2345678901234567e+19]");
  EXPECT_EQ(repr_of("[0.67440737647043709554 ]"), "[0.6744073764704371]");
  EXPECT_TRUE(repr_of("[0.67440737647043709554x]").starts_with("ERROR"));
}

TEST(JsonReader, NanNeedsAllowNan) {
  Error e = error_of("[1, NaN]");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.column, 5);
  EXPECT_NE(e.message.find("NaN"), std::string::npos);
  error_of("-Infinity");
  JsonOptions opt;
  opt.allow_nan = true;
  EXPECT_EQ(repr_of("[NaN, Infinity, -Infinity]", opt), "[nan, inf, -inf]");
}

TEST(JsonReader, Bom) {
  EXPECT_EQ(repr_of("\xEF\xBB\xBF{\"a\": 1}"), "{'a': 1}");
}

TEST(JsonReader, CrlfLineNumbers) {
  Error e = error_of("{\r\n  \"a\": 1,\r\n  \"b\": }\r\n");
  EXPECT_EQ(e.source_name, "t.json");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.column, 8);
  EXPECT_EQ(e.source_line, "  \"b\": }");
}

TEST(JsonReader, InvalidUtf8HasByteOffset) {
  Error e = error_of("{\"a\": \"x\xff\"}");
  EXPECT_EQ(e.kind, ErrorKind::kData);
  EXPECT_NE(e.message.find("invalid UTF-8"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("offset 8"), std::string::npos) << e.message;
  EXPECT_EQ(e.column, 9);
}

TEST(JsonReader, TruncatedInput) {
  Error e = error_of("{\"a\": [1, 2");
  EXPECT_NE(e.message.find("unexpected end of input"), std::string::npos) << e.message;
  e = error_of("\"abc");
  EXPECT_NE(e.message.find("unterminated string"), std::string::npos) << e.message;
  e = error_of("");
  EXPECT_NE(e.message.find("expected a value"), std::string::npos) << e.message;
}

TEST(JsonReader, SyntaxErrorsSayWhatWasExpected) {
  Error e = error_of("[1 2]");
  EXPECT_EQ(e.column, 4);
  EXPECT_NE(e.message.find("',' or ']'"), std::string::npos) << e.message;
  e = error_of("{\"a\" 1}");
  EXPECT_NE(e.message.find("':'"), std::string::npos) << e.message;
  e = error_of("[1,]");
  EXPECT_NE(e.message.find("trailing comma"), std::string::npos) << e.message;
  e = error_of("{'a': 1}");
  EXPECT_NE(e.message.find("string key"), std::string::npos) << e.message;
  e = error_of("[01]");
  EXPECT_NE(e.message.find("leading zeros"), std::string::npos) << e.message;
  e = error_of("{} x");
  EXPECT_NE(e.message.find("extra data"), std::string::npos) << e.message;
  e = error_of("\"a\tb\"");
  EXPECT_NE(e.message.find("control character"), std::string::npos) << e.message;
  e = error_of("\"\\ud800\"");
  EXPECT_NE(e.message.find("surrogate"), std::string::npos) << e.message;
}

TEST(JsonReader, DeepNestingIsACleanError) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  Error e = error_of(deep);
  EXPECT_EQ(e.kind, ErrorKind::kLimit);
  EXPECT_EQ(e.column, 1001);
  EXPECT_NE(e.message.find("1000"), std::string::npos);

  std::string ok(1000, '[');
  ok += std::string(1000, ']');
  EXPECT_TRUE(parse_json(ok).ok());

  // Raising the limit past simdjson's works too (exact parser, no recursion).
  JsonOptions opt;
  opt.max_depth = 200000;
  auto r = parse_json(deep, "deep.json", opt);
  ASSERT_TRUE(r.ok()) << r.error().format();
}

TEST(JsonReader, DeepValueDestructionDoesNotOverflow) {
  // A document accepted at a high depth limit must also be destroyed safely.
  JsonOptions opt;
  opt.max_depth = 20000;
  std::string deep(20000, '[');
  deep += std::string(20000, ']');
  auto r = parse_json(deep, "deep.json", opt);
  EXPECT_TRUE(r.ok());
}

// Documents of a megabyte and more are built in a ValueArena: the same values as the exact
// parser gives, whatever the mix (escapes, repeated keys, big integers, long floats, long
// strings that bypass the arena, large maps), and values that outlive the reader.
std::string big_document() {
  std::string s = "[";
  for (int i = 0; i < 6000; ++i) {
    if (i > 0) s += ",\n";
    s += "{\"id\": " + std::to_string(i) + ", \"name\": \"caf\\u00e9 \\\"q\\\" " +
         std::to_string(i * 7) + "\", \"id\": " + std::to_string(-i) +
         ", \"amount\": 0.95000000000000000000" + std::to_string(i % 10) +
         ", \"big\": 123456789012345678901234567890, \"tags\": [\"a\", \"b\", [], {}],"
         " \"none\": null, \"ok\": true, \"\\u0061\": \"escaped key\"}";
  }
  s += ", {\"long\": \"" + std::string(300000, 'x') + "\"}";
  s += ", {";
  for (int k = 0; k < 6000; ++k) {
    if (k > 0) s += ", ";
    s += "\"k" + std::to_string(k % 5000) + "\": " + std::to_string(k);
  }
  s += "}]";
  return s;
}

TEST(JsonReader, LargeDocumentsBuiltInAnArenaMatchTheExactParser) {
  const std::string doc = big_document();
  ASSERT_GT(doc.size(), std::size_t{1} << 20);
  auto exact = parse_json_exact(doc, "big.json", JsonOptions{});
  ASSERT_TRUE(exact.ok()) << exact.error().format();
  Value fast;
  {
    JsonReader reader;
    auto r = reader.parse(doc, "big.json");
    ASSERT_TRUE(r.ok()) << r.error().format();
    fast = *r;
    auto again = reader.parse(doc, "big.json");  // a reused reader starts new chunks
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE(again->equals(fast));
  }
  EXPECT_TRUE(fast.equals(*exact));
  EXPECT_EQ(fast.repr(), exact->repr());
  EXPECT_EQ(fast.as_list()[0].repr(), exact->as_list()[0].repr());
  // An error at the very end: the fast path's partial values are dropped, the exact parser
  // explains.
  std::string bad = doc;
  bad.back() = ',';
  auto e = parse_json(bad, "big.json");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().format(), parse_json_exact(bad, "big.json", JsonOptions{}).error().format());
}

TEST(JsonReader, PooledReaderReusesMemoryAcrossLargeDocuments) {
  const std::string doc = big_document();
  auto exact = parse_json_exact(doc, "big.json", JsonOptions{});
  ASSERT_TRUE(exact.ok()) << exact.error().format();
  Value kept;
  {
    JsonReader reader(JsonOptions{}, std::size_t{256} << 20);
    auto first = reader.parse(doc, "big.json");
    ASSERT_TRUE(first.ok()) << first.error().format();
    kept = *first;  // alive while the next documents are built: its chunks are not reused
    for (int round = 0; round < 3; ++round) {
      auto r = reader.parse(doc, "big.json");  // round 2 on: in the chunks of round 1
      ASSERT_TRUE(r.ok()) << r.error().format();
      EXPECT_TRUE(r->equals(*exact)) << round;
      EXPECT_EQ(r->repr(), exact->repr()) << round;
    }
    EXPECT_TRUE(kept.equals(*exact));
  }
  // The reader is gone (its pooled chunks with it); the kept document still reads back.
  EXPECT_EQ(kept.repr(), exact->repr());
}

TEST(JsonReader, RepeatedKeysAroundTheSmallObjectLimit) {
  // Objects of 1 to 12 fields (the reader checks up to 8 itself, the Map past that), each key
  // repeated at every position: Python keeps the first position and the last value.
  for (int n = 1; n <= 12; ++n) {
    for (int dup = 0; dup < n; ++dup) {
      std::string doc = "{";
      for (int i = 0; i < n; ++i) doc += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
      doc += "\"k" + std::to_string(dup) + "\": 100}";
      auto exact = parse_json_exact(doc, "t.json", JsonOptions{});
      ASSERT_TRUE(exact.ok());
      EXPECT_EQ(repr_of(doc), exact->repr()) << doc;
      EXPECT_EQ(repr_of("[" + doc + ", " + doc + "]"), "[" + exact->repr() + ", " + exact->repr() + "]");
    }
  }
  EXPECT_EQ(repr_of(R"({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "a": 9})"),
            "{'a': 9, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8}");
  EXPECT_EQ(repr_of(R"({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "a": 8})"),
            "{'a': 8, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7}");
}

TEST(JsonReader, RepeatedKeysAndEmptyContainersInALargeDocument) {
  // The same objects as above, in a document large enough to be built in the arena (maps and
  // their entries in one block, lists straight from the reader's stack), with empty objects and
  // lists and objects past the index threshold.
  std::string doc = "[";
  while (doc.size() < (std::size_t{1} << 20) + 1000) {
    for (int n = 1; n <= 12; ++n) {
      for (int dup = 0; dup < n; ++dup) {
        doc += "{";
        for (int i = 0; i < n; ++i) doc += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
        doc += "\"k" + std::to_string(dup) + "\": [], \"e\": {}},";
      }
    }
    doc += "{}, [], [{}], {\"x\": [[], {}]},";
  }
  doc += "0]";
  auto exact = parse_json_exact(doc, "big.json", JsonOptions{});
  ASSERT_TRUE(exact.ok()) << exact.error().format();
  JsonReader reader(JsonOptions{}, std::size_t{64} << 20);
  for (int round = 0; round < 2; ++round) {
    auto r = reader.parse(doc, "big.json");
    ASSERT_TRUE(r.ok()) << r.error().format();
    EXPECT_EQ(r->repr(), exact->repr());
    EXPECT_TRUE(r->equals(*exact));
  }
}

TEST(JsonReader, SharedKeysOfEveryLengthStayApart) {
  // Keys that differ only in their last byte or their length, around the 8- and 16-byte words
  // the key table compares, and past its 64-byte limit (not shared); escaped spellings of the
  // same key are the same key.
  std::string doc = "[";
  std::string expected = "[";
  for (std::size_t len = 1; len <= 70; ++len) {
    for (char last : {'a', 'b'}) {
      const std::string key = std::string(len - 1, 'k') + last;
      const std::string shorter = std::string(len - 1, 'k');
      if (doc.size() > 1) {
        doc += ", ";
        expected += ", ";
      }
      doc += "{\"" + key + "\": 1, \"" + shorter + "\": 2, \"" + key + "\": 3}";
      expected += "{'" + key + "': 3, '" + shorter + "': 2}";
    }
  }
  doc += "]";
  expected += "]";
  EXPECT_EQ(repr_of(doc), expected);
  EXPECT_EQ(repr_of(R"([{"ab": 1, "a\u0062": 2}, {"a\u0062": 3, "ab": 4, "\u0061b": 5}])"),
            "[{'ab': 2}, {'ab': 5}]");
  EXPECT_EQ(repr_of(R"({"tab\there": 1, "tab\u0009here": 2, "tab": 3})"),
            "{'tab\\there': 2, 'tab': 3}");
}

TEST(JsonReader, RepeatedKeysAfterTheKeyTableIsFull) {
  // More distinct keys than the table shares (4,096): later keys are fresh strings, and
  // objects made of them still resolve repeats.
  std::string doc = "[";
  for (int i = 0; i < 5000; ++i) doc += "{\"key" + std::to_string(i) + "\": " + std::to_string(i) + "}, ";
  doc += R"({"key4999": 1, "key4998": 2, "key4999": 3}, {"key1": 1, "key4997": 2, "key1": 3, "key4997": 4}])";
  auto r = parse_json(doc, "t.json");
  ASSERT_TRUE(r.ok());
  const List& items = r->as_list();
  ASSERT_EQ(items.size(), 5002u);
  EXPECT_EQ(items[4999].repr(), "{'key4999': 4999}");
  EXPECT_EQ(items[5000].repr(), "{'key4999': 3, 'key4998': 2}");
  EXPECT_EQ(items[5001].repr(), "{'key1': 3, 'key4997': 4}");
}

TEST(JsonReader, SharedKeysOutliveTheReader) {
  Value kept;
  {
    JsonReader reader;
    for (int i = 0; i < 3; ++i) {
      auto r = reader.parse(R"([{"name": "a", "n": 1}, {"name": "b", "n": 2}])", "t.json");
      ASSERT_TRUE(r.ok());
      kept = *r;
    }
  }
  EXPECT_EQ(kept.repr(), "[{'name': 'a', 'n': 1}, {'name': 'b', 'n': 2}]");
  const Value& key = kept.as_list()[0].as_map().entries()[0].first;
  EXPECT_EQ(key.heap(), kept.as_list()[1].as_map().entries()[0].first.heap());  // one shared key
  EXPECT_EQ(key.heap()->use_count(), 2u);  // exactly the two maps' references: none left over
}

TEST(JsonReader, StringsOfEveryLengthWithAndWithoutEscapes) {
  // The reader copies strings without escapes straight from the input, scanning eight bytes a
  // step: lengths around those steps, an escape or a quote at every position, in values and
  // keys, must read back as the exact parser reads them.
  const char* escapes[] = {"\\\"", "\\\\", "\\n", "\\u00e9", "\\ud83d\\ude00", "\\/"};
  for (std::size_t len = 0; len <= 40; ++len) {
    std::string doc = "[";
    std::string plain(len, 'x');
    for (std::size_t i = 0; i < len; ++i) plain[i] = static_cast<char>('a' + i % 26);
    doc += "\"" + plain + "\"";
    for (std::size_t at = 0; at <= len; ++at) {
      for (const char* esc : escapes) {
        const std::string str = plain.substr(0, at) + esc + plain.substr(at);
        doc += ", \"" + str + "\", {\"" + str + "\": \"" + str + "\"}";
      }
    }
    doc += ", \"caf\xC3\xA9 \xE2\x82\xAC\"]";
    auto exact = parse_json_exact(doc, "t.json", JsonOptions{});
    ASSERT_TRUE(exact.ok()) << exact.error().format();
    auto fast = parse_json(doc, "t.json");
    ASSERT_TRUE(fast.ok()) << fast.error().format();
    EXPECT_EQ(fast->repr(), exact->repr()) << len;
    EXPECT_TRUE(fast->equals(*exact)) << len;
  }
}

TEST(JsonReader, BadBytesInsideContainersAreErrorsLikeTheExactParser) {
  // Raw control characters and invalid UTF-8 inside strings in arrays and objects (the fast
  // path's ground, unlike a lone string), in values and keys, short and long.
  const std::string long_text(40, 'y');
  const std::string docs[] = {
      "[\"a\tb\"]",           "[\"ok\", \"bad\x1f\"]",        "{\"k\x01\": 1}",
      "{\"a\": \"\x7f\x01\"}", "[\"" + long_text + "\x02\"]", "[\"\xff\"]",
      "{\"\xc3\": 1}",         "[\"" + long_text + "\xe2\x82\"]", "[\"\xed\xa0\x80\"]",
  };
  for (const std::string& doc : docs) {
    auto fast = parse_json(doc, "t.json");
    auto exact = parse_json_exact(doc, "t.json", JsonOptions{});
    ASSERT_FALSE(exact.ok()) << doc;
    ASSERT_FALSE(fast.ok()) << doc;
    EXPECT_EQ(fast.error().format(), exact.error().format()) << doc;
  }
}

}  // namespace
}  // namespace docforge::data
