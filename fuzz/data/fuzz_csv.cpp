// libFuzzer target: CSV. The first byte picks the delimiter and type inference. The whole-text
// parse and the record stream must agree: parse_csv fails exactly when the stream (fail-fast)
// yields an error, and otherwise yields the same records.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "docforge/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr char kDelims[] = {',', '\t', ';', '|'};
  docforge::data::CsvOptions opt;
  opt.delimiter = kDelims[data[0] & 3];
  opt.infer_types = data[0] & 4;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto whole = docforge::data::parse_csv(text, "fuzz.csv", opt);

  docforge::data::ReadOptions ro;
  ro.csv_types = opt.infer_types;
  ro.csv_delimiter = opt.delimiter;
  ro.fail_fast = true;
  auto reader = docforge::data::make_record_reader(text, docforge::data::DataFormat::kCsv,
                                                   "fuzz.csv", ro);
  std::string streamed = "[";
  bool failed = false;
  std::size_t n = 0;
  while (auto r = reader->next()) {
    if (!r->ok()) {
      failed = true;
      continue;
    }
    if (n++) streamed += ", ";
    streamed += r->value().value.repr();
  }
  streamed += "]";
  if (failed == whole.ok()) __builtin_trap();
  if (whole.ok() && whole->repr() != streamed) __builtin_trap();
  return 0;
}
