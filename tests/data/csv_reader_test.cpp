#include <gtest/gtest.h>

#include <string>

#include "docforge/data.h"

namespace docforge::data {
namespace {

std::string csv_repr(std::string_view text, CsvOptions opt = {}) {
  auto r = parse_csv(text, "t.csv", opt);
  if (!r.ok()) return "ERROR: " + r.error().format();
  return r->repr();
}

TEST(CsvReader, HeaderAndRecords) {
  EXPECT_EQ(csv_repr("name,qty\nwidget,3\ngadget,10\n"),
            "[{'name': 'widget', 'qty': '3'}, {'name': 'gadget', 'qty': '10'}]");
  EXPECT_EQ(csv_repr("a,b\n1,2"), "[{'a': '1', 'b': '2'}]");  // no final newline
  EXPECT_EQ(csv_repr(""), "[]");
  EXPECT_EQ(csv_repr("a,b\n"), "[]");
}

TEST(CsvReader, QuotedFields) {
  EXPECT_EQ(csv_repr("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"multi\nline\",\"\"\n"),
            "[{'a': 'x,y', 'b': 'say \"hi\"'}, {'a': 'multi\\nline', 'b': ''}]");
  // A quote inside an unquoted field is literal, as in Python's csv.
  EXPECT_EQ(csv_repr("h\n5'11\"\n"), "[{'h': '5\\'11\"'}]");
}

TEST(CsvReader, CrlfAndBlankLinesAndBom) {
  EXPECT_EQ(csv_repr("\xEF\xBB\xBF" "a,b\r\n1,2\r\n\r\n3,\r\n"),
            "[{'a': '1', 'b': '2'}, {'a': '3', 'b': ''}]");
}

TEST(CsvReader, TypeInferenceIsOptIn) {
  CsvOptions opt;
  opt.infer_types = true;
  EXPECT_EQ(csv_repr("i,f,b,s,z,e,big\n42,-1.5,TRUE,abc,007,,123456789012345678901234\n", opt),
            "[{'i': 42, 'f': -1.5, 'b': True, 's': 'abc', 'z': '007', 'e': '', "
            "'big': 123456789012345678901234}]");
  EXPECT_EQ(csv_repr("i\n42\n"), "[{'i': '42'}]");
}

TEST(CsvReader, FieldEndsAtEveryPositionOfAWord) {
  // The unquoted-field scan reads 8 bytes at a time: a delimiter, LF, CR or CRLF at each
  // offset, fields of every length around the word size, bytes >= 0x80 next to the delimiter.
  for (char delim : {',', '\t', ';'}) {
    for (std::size_t len = 0; len <= 19; ++len) {
      for (const char* eol : {"\n", "\r\n", "\r"}) {
        std::string a(len, 'a');
        std::string b = std::string(len % 5, 'b') + "\xC3\xA9";
        std::string text = std::string("x") + delim + "y" + eol + a + delim + b + eol + b +
                           delim + a + eol;
        CsvOptions opt;
        opt.delimiter = delim;
        auto r = parse_csv(text, "t.csv", opt);
        ASSERT_TRUE(r.ok()) << r.error().format();
        ASSERT_EQ(r->as_list().size(), 2u);
        const Map& m0 = r->as_list()[0].as_map();
        const Map& m1 = r->as_list()[1].as_map();
        EXPECT_EQ(m0.find("x")->as_string(), a);
        EXPECT_EQ(m0.find("y")->as_string(), b);
        EXPECT_EQ(m1.find("x")->as_string(), b);
        EXPECT_EQ(m1.find("y")->as_string(), a);
      }
    }
  }
}

TEST(CsvReader, TabDelimiter) {
  CsvOptions opt;
  opt.delimiter = '\t';
  EXPECT_EQ(csv_repr("a\tb\nx,y\tz\n", opt), "[{'a': 'x,y', 'b': 'z'}]");
}

TEST(CsvReader, ErrorsNameTheRecord) {
  auto r = parse_csv("a,b\n1,2\n3\n", "t.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().line, 3);
  EXPECT_NE(r.error().message.find("record 2"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("1 field, the header has 2"), std::string::npos)
      << r.error().message;

  r = parse_csv("a,b\n1,\"2\nx\n", "t.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("unterminated quoted field"), std::string::npos);
  EXPECT_EQ(r.error().line, 2);
  EXPECT_EQ(r.error().column, 3);

  r = parse_csv("a,b\n\"1\"x,2\n", "t.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("after a closing quote"), std::string::npos);

  r = parse_csv("a,a\n1,2\n", "t.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("duplicate column name 'a'"), std::string::npos);

  r = parse_csv("a\nok\nbad\xff\n", "t.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(r.error().message.find("offset 8)"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().line, 3);
}

TEST(RecordReader, BadCsvRecordDoesNotStopTheOthers) {
  std::string text = "a,b\n1,2\n3\n4,5\n";
  auto reader = make_record_reader(text, DataFormat::kCsv, "t.csv");
  std::vector<std::string> seen;
  while (auto r = reader->next()) {
    if (r->ok()) {
      seen.push_back(std::to_string(r->value().number) + ":" + r->value().value.repr());
    } else {
      seen.push_back("error:" + r->error().message.substr(0, 8));
    }
  }
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], "1:{'a': '1', 'b': '2'}");
  EXPECT_EQ(seen[1], "error:record 2");
  EXPECT_EQ(seen[2], "3:{'a': '4', 'b': '5'}");

  ReadOptions ff;
  ff.fail_fast = true;
  reader = make_record_reader(text, DataFormat::kCsv, "t.csv", ff);
  int n = 0;
  while (auto r = reader->next()) ++n;
  EXPECT_EQ(n, 2);
}

TEST(RecordReader, JsonLines) {
  std::string text = "{\"a\": 1}\n\n{\"a\": 2,}\r\n[1, 2]\n  \n\"last\"";
  auto reader = make_record_reader(text, DataFormat::kJsonLines, "t.jsonl");
  auto r1 = reader->next();
  ASSERT_TRUE(r1 && r1->ok());
  EXPECT_EQ(r1->value().value.repr(), "{'a': 1}");
  EXPECT_EQ(r1->value().line, 1);
  auto r2 = reader->next();
  ASSERT_TRUE(r2 && !r2->ok());
  EXPECT_EQ(r2->error().line, 3);
  EXPECT_EQ(r2->error().column, 9);
  EXPECT_EQ(r2->error().source_name, "t.jsonl");
  EXPECT_NE(r2->error().message.find("record 2:"), std::string::npos) << r2->error().message;
  auto r3 = reader->next();
  ASSERT_TRUE(r3 && r3->ok());
  EXPECT_EQ(r3->value().number, 3u);
  EXPECT_EQ(r3->value().line, 4);
  auto r4 = reader->next();
  ASSERT_TRUE(r4 && r4->ok());
  EXPECT_EQ(r4->value().value.repr(), "'last'");
  EXPECT_FALSE(reader->next().has_value());
}

}  // namespace
}  // namespace docforge::data

namespace docforge::data {
namespace {

TEST(CsvReader, ManyShortQuotedFields) {
  // Regression (fuzz_data_csv): quoted fields read while the scratch space grows.
  std::string header, row;
  for (int i = 0; i < 40; ++i) {
    header += (i ? "," : "") + std::string("\"h") + std::to_string(i) + "\"";
    row += (i ? "," : "") + std::string("\"v") + std::to_string(i) + "\"";
  }
  auto r = parse_csv(header + "\n" + row + "\n", "t.csv");
  ASSERT_TRUE(r.ok()) << r.error().format();
  ASSERT_EQ(r->as_list().size(), 1u);
  const Map& m = r->as_list()[0].as_map();
  ASSERT_EQ(m.size(), 40u);
  EXPECT_EQ(m.find("h39")->as_string(), "v39");
  EXPECT_EQ(m.find("h0")->as_string(), "v0");
}

}  // namespace
}  // namespace docforge::data
