#include "data/key_table.h"

#include <algorithm>
#include <bit>
#include <string_view>
#include <utility>

namespace docforge::data {

Value KeyTable::insert(const Words& w, std::uint64_t h, const char* p, std::size_t n,
                       std::uint32_t* id) {
  Value key = Value::string(std::string_view(p, n));
  if (keys_.size() >= kMaxKeys) {
    *id = kNoKey;
    return key;
  }
  if ((keys_.size() + 1) * 2 > slots_.size()) {
    // Grow (or start) the index: every slot again, at its stored hash.
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot{});
    shift_ = 64 - std::countr_zero(slots_.size());
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.key == 0) continue;
      std::size_t i = slot(s.hash);
      while (slots_[i].key != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  if (known_.size() == known_.capacity() || keys_.size() == keys_.capacity()) {  // both grow, geometrically, before either changes
    const std::size_t capacity = std::max<std::size_t>(16, 2 * known_.size());
    known_.reserve(capacity);
    keys_.reserve(capacity);
  }
  keys_.emplace_back(std::move(key));
  const std::string_view bytes = keys_.back().value().as_string();
  Known k;
  k.w0 = w.w0;
  k.w1 = w.w1;
  k.rest = bytes.data() + (n > 16 ? 16 : n);
  k.size = static_cast<std::uint32_t>(n);
  k.plain = bytes.find_first_of("\"\\") == std::string_view::npos;
  known_.push_back(k);
  Slot s;
  s.hash = h;
  s.key = static_cast<std::uint32_t>(keys_.size());
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = slot(h);
  while (slots_[i].key != 0) i = (i + 1) & mask;
  slots_[i] = s;
  *id = s.key - 1;
  return keys_.back().copy();
}

}  // namespace docforge::data
