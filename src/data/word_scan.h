// Scanning eight bytes at a time (SWAR), for the CSV and JSON readers' hot loops.
//
// The words are read with memcpy from memory in native order, which these helpers take to be
// little-endian: byte k of the input is bits 8k..8k+7 of the word, so the lowest flagged byte
// (std::countr_zero / 8) is the first in the input.

#ifndef DOCFORGE_DATA_WORD_SCAN_H_
#define DOCFORGE_DATA_WORD_SCAN_H_

#include <bit>
#include <cstdint>

namespace docforge::data {

static_assert(std::endian::native == std::endian::little, "word scans read bytes in little-endian order");

// Bytes of w equal to b, as the high bit of each byte: exact for the lowest such byte (the
// borrow of the subtraction only spills into bytes above a zero byte).
inline std::uint64_t bytes_equal(std::uint64_t w, unsigned char b) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  const std::uint64_t x = w ^ (kOnes * b);
  return (x - kOnes) & ~x & (kOnes * 0x80);
}

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_WORD_SCAN_H_
