#include "document/pdf/hyphenator.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace docforge::document::pdf {
namespace {

std::uint32_t hash_bytes(std::string_view s) {  // FNV-1a
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

bool read_file(const std::string& path, std::string* out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

}  // namespace

// A pattern dictionary: "a1b2c" is stored as key "abc" with values {0,1,2,0}, both in `arena`;
// `slots` is an open-addressing table (linear probing, power-of-two size) of entry indices + 1.
struct Hyphenator::Patterns {
  struct Entry {
    std::uint32_t key, key_len, values, values_len;  // offsets into arena
  };
  std::string arena;
  std::vector<Entry> entries;
  std::vector<std::uint32_t> slots;
  std::size_t max_len = 0;
  int left_min = 2;
  int right_min = 3;

  std::string_view key_of(const Entry& e) const { return std::string_view(arena).substr(e.key, e.key_len); }

  const Entry* find(std::string_view key) const {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = hash_bytes(key) & mask;; i = (i + 1) & mask) {
      std::uint32_t s = slots[i];
      if (s == 0) return nullptr;
      const Entry& e = entries[s - 1];
      if (key_of(e) == key) return &e;
    }
  }

  bool load(const std::string& path) {
    std::string text;
    if (!read_file(path, &text)) return false;
    arena.reserve(text.size() * 2 + 16);
    entries.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
    std::size_t pos = 0;
    bool first = true;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + pos, end - pos);
      pos = end + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (first) {  // the encoding line
        first = false;
        continue;
      }
      if (line.empty() || line[0] == '%' || line[0] == '#') continue;
      if (line.rfind("LEFTHYPHENMIN", 0) == 0) {
        left_min = std::max(1, std::atoi(std::string(line.substr(13)).c_str()));
        continue;
      }
      if (line.rfind("RIGHTHYPHENMIN", 0) == 0) {
        right_min = std::max(1, std::atoi(std::string(line.substr(14)).c_str()));
        continue;
      }
      if (std::isupper(static_cast<unsigned char>(line[0])) || line.find('/') != std::string_view::npos) {
        continue;  // other directives and non-standard (replacement) patterns are not used
      }
      if (line.size() > 64) continue;
      Entry e{};
      e.key = static_cast<std::uint32_t>(arena.size());
      char values[72];
      std::size_t nv = 1;
      values[0] = 0;
      for (char c : line) {
        if (c >= '0' && c <= '9') {
          values[nv - 1] = static_cast<char>(c - '0');
        } else {
          arena += c;
          values[nv++] = 0;
        }
      }
      e.key_len = static_cast<std::uint32_t>(arena.size() - e.key);
      e.values = static_cast<std::uint32_t>(arena.size());
      e.values_len = static_cast<std::uint32_t>(nv);
      arena.append(values, nv);
      entries.push_back(e);
      max_len = std::max<std::size_t>(max_len, e.key_len);
    }
    if (entries.empty()) return false;
    std::size_t size = 16;
    while (size < entries.size() * 2) size *= 2;
    slots.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::size_t n = 0; n < entries.size(); ++n) {
      std::string_view key = key_of(entries[n]);
      std::size_t i = hash_bytes(key) & mask;
      while (slots[i] != 0 && key_of(entries[slots[i] - 1]) != key) i = (i + 1) & mask;
      slots[i] = static_cast<std::uint32_t>(n + 1);  // a repeated pattern: the last one wins
    }
    return true;
  }

  // Liang: the highest value at each gap; odd values are break points.
  std::string hyphenate_word(std::string_view word) const {
    std::string s = ".";
    for (char c : word) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    s += '.';
    std::vector<char> vals(s.size() + 1, 0);
    for (std::size_t i = 0; i < s.size(); ++i) {
      for (std::size_t len = 1; len <= max_len && i + len <= s.size(); ++len) {
        const Entry* e = find(std::string_view(s).substr(i, len));
        if (e == nullptr) continue;
        const std::string_view v = std::string_view(arena).substr(e->values, e->values_len);
        for (std::size_t k = 0; k < v.size(); ++k) vals[i + k] = std::max(vals[i + k], v[k]);
      }
    }
    std::string out;
    const int n = static_cast<int>(word.size());
    for (int m = 0; m < n; ++m) {
      out += word[static_cast<std::size_t>(m)];
      // Gap after word[m] is between s[m + 1] and s[m + 2]: vals[m + 2].
      if (m + 1 >= left_min && n - (m + 1) >= right_min && (vals[static_cast<std::size_t>(m) + 2] & 1)) {
        out += "\xC2\xAD";
      }
    }
    return out;
  }
};

namespace {

// The dictionaries loaded by this process, by language key; null: none installed. Never freed:
// they are immutable and shared by every Hyphenator, and a process exits without tearing down.
const Hyphenator::Patterns* shared_patterns(const std::string& key) {
  static std::mutex mutex;
  static auto* loaded = new std::map<std::string, std::unique_ptr<Hyphenator::Patterns>, std::less<>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto it = loaded->find(key);
  if (it != loaded->end()) return it->second.get();
  std::unique_ptr<Hyphenator::Patterns> found;
  std::vector<std::string> candidates = {key};
  std::size_t us = key.find('_');
  if (us != std::string::npos) candidates.push_back(key.substr(0, us));
  if (key == "en") candidates.push_back("en_US");
  for (const std::string& c : candidates) {
    std::string path = "/usr/share/hyphen/hyph_" + c + ".dic";
    if (access(path.c_str(), R_OK) != 0) continue;
    auto patterns = std::make_unique<Hyphenator::Patterns>();
    if (patterns->load(path)) {
      found = std::move(patterns);
      break;
    }
  }
  return loaded->emplace(key, std::move(found)).first->second.get();
}

}  // namespace

Hyphenator::Hyphenator() = default;
Hyphenator::~Hyphenator() = default;

bool Hyphenator::set_language(std::string_view lang) {
  std::string key(lang);
  for (char& c : key) c = c == '-' ? '_' : c;
  auto it = languages_.find(key);
  if (it == languages_.end()) {
    Language l;
    l.patterns = shared_patterns(key);
    it = languages_.emplace(key, std::move(l)).first;
  }
  current_ = it->second.patterns != nullptr ? &it->second : nullptr;
  return current_ != nullptr;
}

void Hyphenator::hyphenate(std::string_view text, std::string& out) {
  if (current_ == nullptr) {
    out += text;
    return;
  }
  std::size_t i = 0;
  while (i < text.size()) {
    // Words: runs of ASCII letters (the installed dictionaries hyphenate Latin-script words).
    if (!std::isalpha(static_cast<unsigned char>(text[i]))) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && std::isalpha(static_cast<unsigned char>(text[j]))) ++j;
    bool glued = (j < text.size() && static_cast<unsigned char>(text[j]) >= 0x80) ||
                 (i > 0 && static_cast<unsigned char>(text[i - 1]) >= 0x80);
    std::string_view word = text.substr(i, j - i);
    if (word.size() < 7 || glued) {
      out += word;
      i = j;
      continue;
    }
    auto cached = current_->cache.find(std::string(word));
    if (cached != current_->cache.end()) {
      out += cached->second;
    } else {
      std::string result = current_->patterns->hyphenate_word(word);
      out += result;
      if (current_->cache.size() < 50000) current_->cache.emplace(std::string(word), std::move(result));
    }
    i = j;
  }
}

}  // namespace docforge::document::pdf
