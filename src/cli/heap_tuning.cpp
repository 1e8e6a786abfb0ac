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
  // taken until the free top cannot hold one make malloc call sbrk, once, for the block plus
  // the pad. They are given back at once (and merge into the top again).
  auto* const before = static_cast<char*>(sbrk(0));
  constexpr std::size_t kBlock = 96 * 1024;
  constexpr int kMaxBlocks = 32;
  void* blocks[kMaxBlocks];
  int taken = 0;
  while (taken < kMaxBlocks && static_cast<char*>(sbrk(0)) == before) {
    blocks[taken] = std::malloc(kBlock);
    if (blocks[taken] == nullptr) break;
    ++taken;
  }
  for (int i = 0; i < taken; ++i) std::free(blocks[i]);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  if (end == reinterpret_cast<std::uintptr_t>(before)) return;  // the heap did not grow
  // Allocations come from the start of the top chunk (the free end of the heap), which is
  // rarely 2 MB-aligned: its unaligned head would be faulted in 4 KB pages, up to 511 of them.
  // A block that fills exactly that head, kept for the life of the process (only its first and
  // last page are ever written), makes the next allocations start on a huge page. The huge
  // pages start past the chunk headers the blocks above wrote (up to one block past the top's
  // start): a 2 MB range with one 4 KB page in it already goes on in 4 KB pages.
  const std::uintptr_t top_start = end - mallinfo2().keepcost;
  const std::uintptr_t first = (top_start + kBlock + 64 + kHugePage - 1) & ~(kHugePage - 1);
  if (first + kHugePage >= end) return;
  // The advice comes before the block, which writes the top chunk's header at `first`.
  madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);  // advice: may be ignored
  constexpr std::size_t kChunkHeader = sizeof(std::size_t);  // glibc's SIZE_SZ
  void* never_freed = std::malloc(first - top_start - kChunkHeader);
  // The pointer escapes, else the compiler drops a malloc whose result is unused (GCC 12 did,
  // and the head was then faulted in 4 KB pages after all).
  __asm__ volatile("" : : "r"(never_freed) : "memory");
#endif
}

}  // namespace docforge::cli
