// ValueArena: 2 MB chunks, aligned to their size so an object finds its chunk's header by
// masking its address. A chunk's count starts at kHold (the arena's own claim) and each object
// freed takes one off; when the arena leaves the chunk it gives back kHold minus the objects it
// handed out, so the count reaches zero exactly when the arena has left and every object is
// gone, whichever happens last and on whichever thread. Handing an object out costs no atomic
// operation; freeing one costs one (about what free() costs, without its bookkeeping).

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

#include "docforge/value.h"
#include "value/heap.h"

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
#include <sys/mman.h>
#define DOCFORGE_ARENA_MMAP 1
#endif

namespace docforge {

namespace {

constexpr std::size_t kChunkSize = ValueArena::kChunkSize;
constexpr std::uint64_t kHold = std::uint64_t{1} << 48;

struct ChunkHeader {
  explicit ChunkHeader(std::uint64_t r) noexcept : refs(r) {}
  std::atomic<std::uint64_t> refs;
};
constexpr std::size_t kHeaderSize = 64;  // one cache line: the count is not shared with objects
static_assert(sizeof(ChunkHeader) <= kHeaderSize);

ChunkHeader* chunk_of(void* p) noexcept {
  return reinterpret_cast<ChunkHeader*>(reinterpret_cast<std::uintptr_t>(p) &
                                        ~(static_cast<std::uintptr_t>(kChunkSize) - 1));
}

// A fresh chunk, aligned to its size. On Linux it is mapped directly and marked for transparent
// huge pages (a 2 MB page fault instead of 512 small ones: on the VMs here a page fault costs
// more than building the values in it). Under AddressSanitizer chunks come from malloc, so
// LeakSanitizer reports a chunk whose count never reaches zero.
char* map_chunk() {
#ifdef DOCFORGE_ARENA_MMAP
  void* raw = mmap(nullptr, 2 * kChunkSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kChunkSize - 1) & ~(static_cast<std::uintptr_t>(kChunkSize) - 1);
  const std::size_t head = aligned - start;
  if (head != 0) munmap(raw, head);
  if (kChunkSize - head != 0) munmap(reinterpret_cast<void*>(aligned + kChunkSize), kChunkSize - head);
  auto* chunk = reinterpret_cast<char*>(aligned);
#ifdef MADV_HUGEPAGE
  madvise(chunk, kChunkSize, MADV_HUGEPAGE);  // advice only: fine if the kernel declines
#endif
  return chunk;
#else
  void* p = std::aligned_alloc(kChunkSize, kChunkSize);
  if (p == nullptr) throw std::bad_alloc();
  return static_cast<char*>(p);
#endif
}

void unmap_chunk(ChunkHeader* h) noexcept {
  h->~ChunkHeader();
#ifdef DOCFORGE_ARENA_MMAP
  munmap(h, kChunkSize);
#else
  std::free(h);
#endif
}

}  // namespace

void ValueArena::release() noexcept {
  if (chunk_ == nullptr) return;
  auto* h = reinterpret_cast<ChunkHeader*>(chunk_);
  const std::uint64_t give_back = kHold - count_;
  if (h->refs.fetch_sub(give_back, std::memory_order_acq_rel) == give_back) unmap_chunk(h);
  chunk_ = next_ = end_ = nullptr;
  count_ = 0;
}

void* ValueArena::allocate_slow(std::size_t n) {
  if (n > kMaxObjectSize) return nullptr;
  char* chunk = map_chunk();
  release();
  new (chunk) ChunkHeader(kHold);
  chunk_ = chunk;
  next_ = chunk + kHeaderSize + n;
  end_ = chunk + kChunkSize;
  count_ = 1;
  return chunk + kHeaderSize;
}

namespace value_internal {

void arena_free(void* p) noexcept {
  ChunkHeader* h = chunk_of(p);
  if (h->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) unmap_chunk(h);
}

}  // namespace value_internal

}  // namespace docforge
