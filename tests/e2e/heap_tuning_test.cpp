// prefer_huge_heap_pages(): the heap grows by its 8 MB pad at once, the next allocation starts
// on a 2 MB boundary (so that it is faulted as one huge page, not 512 small ones), and the heap
// carries the transparent-huge-page advice (VmFlags "hg" in /proc/self/smaps) where the kernel
// has THP.

#include "cli/heap_tuning.h"

#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace docforge::cli {
namespace {

// The VmFlags lines of the [heap] mappings.
std::vector<std::string> heap_vm_flags() {
  std::ifstream smaps("/proc/self/smaps");
  std::vector<std::string> flags;
  bool in_heap = false;
  for (std::string line; std::getline(smaps, line);) {
    if (line.find(" [heap]") != std::string::npos) in_heap = true;
    if (in_heap && line.rfind("VmFlags:", 0) == 0) {
      flags.push_back(line);
      in_heap = false;
    }
  }
  return flags;
}

TEST(HeapTuning, HeapGrowsByThePadAndIsAdvisedForHugePages) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer replaces malloc: the tuning is compiled out";
#else
  prefer_huge_heap_pages();
  // The free top of the heap (what a trim could give back) is the 8 MB pad less the head kept
  // to align it (at most one huge page and one 96 kB block).
  EXPECT_GE(mallinfo2().keepcost, std::size_t{5} << 20);
  // The next block comes from the top, which starts on a huge page: its chunk header (16
  // bytes) is the first thing in it. GCC once dropped the malloc that fills the head, and the
  // first 2 MB after it were faulted 4 kB at a time.
  void* block = std::malloc(std::size_t{1} << 20);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) & ((std::uintptr_t{2} << 20) - 1), 16u);
  std::free(block);

  std::vector<std::string> flags = heap_vm_flags();
  ASSERT_FALSE(flags.empty());
  if (std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled")) {
    bool advised = false;
    for (const std::string& f : flags) advised = advised || f.find(" hg") != std::string::npos;
    EXPECT_TRUE(advised) << flags.front();
  }

  // The heap still works, and a second call changes nothing that matters.
  std::vector<char> big(3 << 20, 'x');
  EXPECT_EQ(big[(3 << 20) - 1], 'x');
  prefer_huge_heap_pages();
  std::string s(1000, 'y');
  EXPECT_EQ(s.back(), 'y');
#endif
}

}  // namespace
}  // namespace docforge::cli
