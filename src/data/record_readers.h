// The RecordReader implementations (data.h): JSON Lines and CSV/TSV streams over an
// InputWindow, and a reader over Values already in memory (whole-file formats).
//
// Thread safety: a reader is used by one thread at a time.

#ifndef DOCFORGE_DATA_RECORD_READERS_H_
#define DOCFORGE_DATA_RECORD_READERS_H_

#include <memory>
#include <string>
#include <vector>

#include "data/input_window.h"
#include "docforge/data.h"

namespace docforge::data {

std::unique_ptr<RecordReader> make_jsonl_reader(std::unique_ptr<InputWindow> input,
                                                std::string source_name,
                                                const ReadOptions& options);

std::unique_ptr<RecordReader> make_csv_reader(std::unique_ptr<InputWindow> input,
                                              std::string source_name, char delimiter,
                                              const ReadOptions& options);

// Yields each value in order (record numbers from 1; lines unknown).
std::unique_ptr<RecordReader> make_values_reader(std::vector<Value> values,
                                                 std::uint64_t size_bytes);

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_RECORD_READERS_H_
