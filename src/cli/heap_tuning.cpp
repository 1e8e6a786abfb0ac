#include "cli/heap_tuning.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__) && defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#define DOCFORGE_HEAP_TUNING 1
#endif

namespace docforge::cli {

void prefer_huge_heap_pages() noexcept {
#ifdef DOCFORGE_HEAP_TUNING
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  constexpr int kTopPad = 8 << 20;
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, kTopPad);
  // Setting the pad stops glibc from raising the mmap threshold as it goes; blocks up to 4 MB
  // (zlib's windows, font tables) then come from the heap too, not one mmap (and faults) each.
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  // Grow the heap now, by the pad, so that whole 2 MB-aligned ranges lie inside it: blocks
  // below the mmap threshold (128 KB) taken until the free top cannot hold one make malloc
  // call sbrk, once, for the block plus the pad. They are given back at once.
  auto* const before = static_cast<char*>(sbrk(0));
  constexpr int kMaxBlocks = 32;
  void* blocks[kMaxBlocks];
  int taken = 0;
  while (taken < kMaxBlocks && static_cast<char*>(sbrk(0)) == before) {
    blocks[taken] = std::malloc(96 * 1024);
    if (blocks[taken] == nullptr) break;
    ++taken;
  }
  for (int i = 0; i < taken; ++i) std::free(blocks[i]);
  auto* const after = static_cast<char*>(sbrk(0));
  const auto first = (reinterpret_cast<std::uintptr_t>(before) + kHugePage - 1) & ~(kHugePage - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(after);
  if (end > first + kHugePage) {
    madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);  // advice: may be ignored
  }
#endif
}

}  // namespace docforge::cli
