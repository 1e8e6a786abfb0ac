// libFuzzer target: the JSON Lines record reader (in memory). Every record is a value or an
// error naming its record number; the reader always ends.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "docforge/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  docforge::data::ReadOptions opt;
  opt.max_depth = 64;
  auto reader = docforge::data::make_record_reader(text, docforge::data::DataFormat::kJsonLines,
                                                   "fuzz.jsonl", opt);
  std::size_t n = 0;
  while (auto r = reader->next()) {
    if (++n > size + 1) std::abort();  // more records than lines: a loop
    if (!r->ok() && r->error().message.find("record ") != 0) std::abort();
  }
  return 0;
}
