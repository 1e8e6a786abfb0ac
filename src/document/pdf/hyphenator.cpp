#include "document/pdf/hyphenator.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace docforge::document::pdf {
namespace {

// FNV-1a, one byte at a time: patterns are hashed as they are parsed, and a word's substrings
// starting at one position are hashed by extending the previous one.
constexpr std::uint32_t kFnvBasis = 2166136261u;
inline std::uint32_t fnv_step(std::uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }

// The whole file in one read (the dictionaries are ~100 kB), into a buffer not zeroed first.
struct FileData {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;
};
bool read_file(const std::string& path, FileData* out) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  const bool ok = fstat(fd, &st) == 0 && st.st_size >= 0;
  if (ok) {
    const auto size = static_cast<std::size_t>(st.st_size);
    out->bytes = std::make_unique_for_overwrite<char[]>(size);
    while (out->size < size) {
      const ssize_t n = read(fd, out->bytes.get() + out->size, size - out->size);
      if (n <= 0) break;
      out->size += static_cast<std::size_t>(n);
    }
  }
  close(fd);
  return ok;
}

bool starts_with(std::string_view line, std::string_view prefix) {
  return line.size() >= prefix.size() && std::memcmp(line.data(), prefix.data(), prefix.size()) == 0;
}

}  // namespace

// A pattern dictionary. The file's text is kept: a pattern is its line ("a1b2c": key "abc",
// values {0,1,2,0}, one more than the key's letters), read again only when a word matches it.
// `slots` is an open-addressing table (linear probing, power-of-two size) of entry indices + 1;
// each entry keeps its key's hash and length, so a probe compares those before any byte.
// Loading is one pass over the file that hashes each line's letters (the loader used to copy
// every letter and value into an arena, one capacity check each, and hash every key again to
// build the table: 5.4 M instructions per process against 2.1 M; pdf/README.md).
struct Hyphenator::Patterns {
  struct Entry {
    std::uint32_t line;      // offset of the pattern's line in text
    std::uint32_t hash;      // fnv of the key
    std::uint16_t key_len;   // letters
    std::uint16_t line_len;  // letters and digits
  };
  static constexpr std::size_t kMaxLine = 64;  // longer lines are not patterns (none are)

  FileData text;
  std::vector<Entry> entries;
  std::vector<std::uint32_t> slots;
  std::size_t max_len = 0;
  int left_min = 2;
  int right_min = 3;

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  // Whether the letters of e's line are `key` (of e.key_len letters).
  bool key_is(const Entry& e, const char* key) const {
    const char* l = text.bytes.get() + e.line;
    for (std::size_t i = 0; i < e.line_len; ++i) {
      if (is_digit(l[i])) continue;
      if (l[i] != *key++) return false;
    }
    return true;
  }

  // The entry of `key` (len letters, whose hash is h), or null.
  const Entry* find(const char* key, std::size_t len, std::uint32_t h) const {
    const std::size_t mask = slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint32_t s = slots[i];
      if (s == 0) return nullptr;
      const Entry& e = entries[s - 1];
      if (e.hash == h && e.key_len == len && key_is(e, key)) return &e;
    }
  }

  void add(const char* line, std::size_t line_len, std::size_t key_len, std::uint32_t h) {
    entries.push_back(Entry{static_cast<std::uint32_t>(line - text.bytes.get()), h,
                            static_cast<std::uint16_t>(key_len), static_cast<std::uint16_t>(line_len)});
    max_len = std::max(max_len, key_len);
  }

  // One line (without its newline) that the common case left: directives, comments, trailing
  // blanks, replacement patterns.
  void parse_line(std::string_view line) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty() || line[0] == '%' || line[0] == '#') return;
    if (std::isupper(static_cast<unsigned char>(line[0]))) {
      if (starts_with(line, "LEFTHYPHENMIN")) {
        left_min = std::max(1, std::atoi(std::string(line.substr(13)).c_str()));
      } else if (starts_with(line, "RIGHTHYPHENMIN")) {
        right_min = std::max(1, std::atoi(std::string(line.substr(14)).c_str()));
      }
      return;  // other directives are not used
    }
    // Non-standard (replacement) patterns are not used.
    if (line.size() > kMaxLine || line.find('/') != std::string_view::npos) return;
    std::size_t letters = 0;
    std::uint32_t h = kFnvBasis;
    for (char c : line) {
      if (is_digit(c)) continue;
      ++letters;
      h = fnv_step(h, static_cast<unsigned char>(c));
    }
    add(line.data(), line.size(), letters, h);
  }

  bool load(const std::string& path) {
    if (!read_file(path, &text)) return false;
    const char* const begin = text.bytes.get();
    const char* const stop = begin + text.size;
    if (text.size >= UINT32_MAX) return false;
    entries.reserve(text.size / 8);  // en-US: 9.5 bytes a line
    const char* p = static_cast<const char*>(std::memchr(begin, '\n', text.size));  // the encoding line
    if (p == nullptr) return false;
    ++p;
    // Each byte's class for the common line, letters and digits up to its newline: 0 a key byte,
    // 1 a digit, 2 the newline, 3 anything the general case must see.
    static constexpr auto kClass = [] {
      std::array<unsigned char, 256> t{};
      for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = 1;
      t['\n'] = 2;
      for (unsigned char c : {'\r', ' ', '/', '%', '#'}) t[c] = 3;
      for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<std::size_t>(c)] = 3;
      return t;
    }();
    while (p < stop) {
      const char* const line = p;
      std::size_t letters = 0;
      std::uint32_t h = kFnvBasis;
      unsigned char cls = 0;
      // A line longer than kMaxLine stops here, not at its newline: the general case skips it.
      const char* const limit = line + std::min<std::size_t>(static_cast<std::size_t>(stop - line), kMaxLine + 1);
      for (; p < limit; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        cls = kClass[c];
        if (cls == 0) {
          ++letters;
          h = fnv_step(h, c);
        } else if (cls != 1) {
          break;
        }
      }
      const std::size_t length = static_cast<std::size_t>(p - line);
      if ((p < limit && cls == 2) || (p == stop && length <= kMaxLine)) {  // a plain pattern line
        if (p < stop) ++p;
        if (length != 0) add(line, length, letters, h);
        continue;
      }
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(stop - p)));
      if (nl == nullptr) nl = stop;
      p = nl == stop ? stop : nl + 1;
      parse_line(std::string_view(line, static_cast<std::size_t>(nl - line)));
    }
    if (entries.empty()) return false;
    std::size_t size = 16;
    while (size < entries.size() * 2) size *= 2;
    slots.assign(size, 0);
    const std::size_t mask = size - 1;
    std::string key;
    for (std::size_t n = 0; n < entries.size(); ++n) {
      const Entry& e = entries[n];
      std::size_t i = e.hash & mask;
      while (slots[i] != 0) {
        const Entry& o = entries[slots[i] - 1];
        if (o.hash == e.hash && o.key_len == e.key_len) {  // rare: compare the letters
          key.clear();
          for (std::size_t k = 0; k < e.line_len; ++k) {
            const char c = begin[e.line + k];
            if (!is_digit(c)) key += c;
          }
          if (key_is(o, key.data())) break;  // a repeated pattern: the last one wins
        }
        i = (i + 1) & mask;
      }
      slots[i] = static_cast<std::uint32_t>(n + 1);
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
      std::uint32_t h = kFnvBasis;
      for (std::size_t len = 1; len <= max_len && i + len <= s.size(); ++len) {
        h = fnv_step(h, static_cast<unsigned char>(s[i + len - 1]));
        const Entry* e = find(s.data() + i, len, h);
        if (e == nullptr) continue;
        // The line's values: a digit gives the value of the gap before the next letter (the
        // last of several digits in a row).
        const char* l = text.bytes.get() + e->line;
        std::size_t k = 0;
        char v = 0;
        for (std::size_t j = 0; j < e->line_len; ++j) {
          if (is_digit(l[j])) {
            v = static_cast<char>(l[j] - '0');
          } else {
            vals[i + k] = std::max(vals[i + k], v);
            ++k;
            v = 0;
          }
        }
        vals[i + k] = std::max(vals[i + k], v);
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

// The dictionary for a language key ("en_US"), or null when none is installed.
// The dictionary files that may hold a language key's patterns, in order of preference.
std::vector<std::string> dictionary_paths(const std::string& key) {
  std::vector<std::string> candidates = {key};
  std::size_t us = key.find('_');
  if (us != std::string::npos) candidates.push_back(key.substr(0, us));
  if (key == "en") candidates.push_back("en_US");
  std::vector<std::string> paths;
  for (const std::string& c : candidates) paths.push_back("/usr/share/hyphen/hyph_" + c + ".dic");
  return paths;
}

bool has_dictionary(const std::string& key) {
  for (const std::string& path : dictionary_paths(key)) {
    if (access(path.c_str(), R_OK) == 0) return true;
  }
  return false;
}

const Hyphenator::Patterns* load_patterns(const std::string& key) {
  for (const std::string& path : dictionary_paths(key)) {
    if (access(path.c_str(), R_OK) != 0) continue;
    auto patterns = std::make_unique<Hyphenator::Patterns>();
    if (patterns->load(path)) return patterns.release();  // kept for the process (below)
  }
  return nullptr;
}

// The dictionaries of this process, by language key, each loaded once: on a thread of its own
// when prefetch() asked first, else by the first set_language(). Never freed: they are immutable
// and shared by every Hyphenator, and a process exits without tearing down.
std::shared_future<const Hyphenator::Patterns*> shared_patterns(const std::string& key, bool on_thread) {
  static std::mutex mutex;
  static auto* loaded = new std::map<std::string, std::shared_future<const Hyphenator::Patterns*>, std::less<>>();
  std::unique_lock<std::mutex> lock(mutex);
  auto it = loaded->find(key);
  if (it != loaded->end()) return it->second;
  // Languages without a dictionary are not remembered: the language comes from documents (their
  // front matter), and a long-lived process must not keep one entry per tag it was ever given.
  if (key.empty() || !has_dictionary(key)) {
    std::promise<const Hyphenator::Patterns*> none;
    none.set_value(nullptr);
    return none.get_future().share();
  }
  auto promise = std::make_shared<std::promise<const Hyphenator::Patterns*>>();
  std::shared_future<const Hyphenator::Patterns*> future = promise->get_future().share();
  loaded->emplace(key, future);
  lock.unlock();
  auto load = [key, promise] {
    const Hyphenator::Patterns* patterns = nullptr;
    try {
      patterns = load_patterns(key);
    } catch (...) {
      // Out of memory, most likely. No dictionary then: text stays unhyphenated, rather than an
      // exception ending the process on the loading thread or a waiter waiting for ever.
    }
    promise->set_value(patterns);
  };
  if (on_thread) {
    try {
      std::thread(load).detach();
      return future;
    } catch (const std::system_error&) {
      // No thread: load here.
    }
  }
  load();
  return future;
}

// "en-US" -> "en_US", the dictionaries' naming; empty (no dictionary) for anything but the
// letters, digits and separators of a language tag, so that a document's `lang` names no path.
std::string language_key(std::string_view lang) {
  if (lang.empty() || lang.size() > 35) return {};
  std::string key(lang);
  for (char& c : key) {
    if (c == '-') {
      c = '_';
    } else if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') {
      return {};
    }
  }
  return key;
}

}  // namespace

Hyphenator::Hyphenator() = default;
Hyphenator::~Hyphenator() = default;

void Hyphenator::prefetch(std::string_view lang) { shared_patterns(language_key(lang), true); }

bool Hyphenator::set_language(std::string_view lang) {
  std::string key = language_key(lang);
  auto it = languages_.find(key);
  if (it == languages_.end()) {
    Language l;
    l.patterns = shared_patterns(key, false).get();  // waits for a prefetch still loading
    if (l.patterns == nullptr) {  // no dictionary: nothing to keep (see shared_patterns)
      current_ = nullptr;
      return false;
    }
    it = languages_.emplace(key, std::move(l)).first;
  }
  current_ = &it->second;
  return true;
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
