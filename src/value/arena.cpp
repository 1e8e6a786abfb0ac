// ValueArena: 2 MB chunks, aligned to their size so an object finds its chunk's header by
// masking its address. A chunk's count starts at kHold (the arena's own claim) and each object
// freed takes one off; when the arena leaves the chunk it gives back kHold minus the objects it
// handed out, so the count reaches zero exactly when the arena has left and every object is
// gone, whichever happens last and on whichever thread. Handing an object out costs no atomic
// operation; freeing one costs one (about what free() costs, without its bookkeeping).
//
// A chunk whose count reaches zero is unmapped, or, when its arena has a pool budget, pushed on
// the pool's free list (a mutex: a chunk is freed once per 2 MB of values) for the arena to
// fill again. The pool is counted like a chunk: one reference for the arena and one for every
// chunk out of its free list, so a chunk freed after the arena is gone still finds its pool
// (closed by then: the chunk is unmapped) and the last of them deletes it.

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <utility>

#include "docforge/value.h"
#include "value/heap.h"

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
#include <sys/mman.h>
#define DOCFORGE_ARENA_MMAP 1
#endif

namespace docforge {

namespace {

using value_internal::ChunkPool;

constexpr std::size_t kChunkSize = ValueArena::kChunkSize;
constexpr std::uint64_t kHold = std::uint64_t{1} << 48;

struct ChunkHeader {
  ChunkHeader(std::uint64_t r, ChunkPool* p) noexcept : refs(r), pool(p) {}
  std::atomic<std::uint64_t> refs;
  ChunkPool* pool;               // where the chunk goes once freed; nullptr: back to the system
  ChunkHeader* next = nullptr;   // in the pool's free list
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

namespace value_internal {

struct ChunkPool {
  explicit ChunkPool(std::size_t max) noexcept : max_chunks(max) {}

  // Takes a reference for a chunk that leaves the pool (or is mapped for it).
  void retain() noexcept { refs.fetch_add(1, std::memory_order_relaxed); }
  void drop() noexcept {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }
  // A pooled chunk, or nullptr when there is none.
  ChunkHeader* pop() noexcept {
    std::lock_guard<std::mutex> lock(mu);
    ChunkHeader* h = free;
    if (h != nullptr) {
      free = h->next;
      --free_count;
    }
    return h;
  }
  // Keeps a freed chunk unless the arena is gone or the budget is full; false: unmap it.
  bool push(ChunkHeader* h) noexcept {
    std::lock_guard<std::mutex> lock(mu);
    if (closed || free_count >= max_chunks) return false;
    h->next = free;
    free = h;
    ++free_count;
    return true;
  }
  // The arena is gone: hands back the pooled chunks; chunks freed from now on are unmapped.
  ChunkHeader* close() noexcept {
    std::lock_guard<std::mutex> lock(mu);
    closed = true;
    free_count = 0;
    return std::exchange(free, nullptr);
  }
  std::size_t pooled() noexcept {
    std::lock_guard<std::mutex> lock(mu);
    return free_count;
  }

  std::atomic<std::uint64_t> refs{1};  // the arena's, plus one per chunk out of the free list
  const std::size_t max_chunks;
  std::mutex mu;
  ChunkHeader* free = nullptr;  // guarded by mu
  std::size_t free_count = 0;   // guarded by mu
  bool closed = false;          // guarded by mu
};

// Takes n claims off a chunk; the last one unmaps or pools it.
void drop_claims(ChunkHeader* h, std::uint64_t n) noexcept {
  if (h->refs.fetch_sub(n, std::memory_order_acq_rel) != n) return;
  ChunkPool* pool = h->pool;
  if (pool == nullptr) {
    unmap_chunk(h);
    return;
  }
  if (!pool->push(h)) unmap_chunk(h);
  pool->drop();
}

void arena_free(void* p) noexcept { drop_claims(chunk_of(p), 1); }

}  // namespace value_internal

ValueArena::ValueArena(std::size_t max_pooled_bytes) {
  if (max_pooled_bytes >= kChunkSize) pool_ = new ChunkPool(max_pooled_bytes / kChunkSize);
}

ValueArena::~ValueArena() {
  release();
  if (pool_ == nullptr) return;
  for (ChunkHeader* h = pool_->close(); h != nullptr;) {
    ChunkHeader* next = h->next;
    unmap_chunk(h);
    h = next;
  }
  pool_->drop();
}

std::size_t ValueArena::pooled_bytes() const noexcept {
  return pool_ == nullptr ? 0 : pool_->pooled() * kChunkSize;
}

void ValueArena::release() noexcept {
  if (chunk_ == nullptr) return;
  auto* h = reinterpret_cast<ChunkHeader*>(chunk_);
  const std::uint64_t give_back = kHold - count_;
  chunk_ = next_ = end_ = nullptr;
  count_ = 0;
  value_internal::drop_claims(h, give_back);
}

void* ValueArena::allocate_slow(std::size_t n, std::uint32_t objects) {
  if (n > kMaxObjectSize) return nullptr;
  char* chunk = nullptr;
  if (pool_ != nullptr) chunk = reinterpret_cast<char*>(pool_->pop());
  if (chunk == nullptr) chunk = map_chunk();  // may throw: the arena is left as it was
  if (pool_ != nullptr) pool_->retain();
  release();
  new (chunk) ChunkHeader(kHold, pool_);
  chunk_ = chunk;
  next_ = chunk + kHeaderSize + n;
  end_ = chunk + kChunkSize;
  count_ = objects;
  return chunk + kHeaderSize;
}

}  // namespace docforge
