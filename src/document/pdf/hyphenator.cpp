#include "document/pdf/hyphenator.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

namespace docforge::document::pdf {

// A pattern dictionary: "a1b2c" is stored as key "abc" -> values {0,1,2,0}.
struct Hyphenator::Dict {
  std::string arena;  // all keys and values, never reallocated after loading
  std::unordered_map<std::string_view, std::string_view> patterns;
  std::size_t max_len = 0;
  int left_min = 2;
  int right_min = 3;
  std::unordered_map<std::string, std::string> cache;  // word -> word with soft hyphens

  bool load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    arena.reserve(text.size() * 2 + 16);
    patterns.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
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
      std::size_t key_start = arena.size();
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
      std::size_t key_len = arena.size() - key_start;
      std::size_t values_start = arena.size();
      arena.append(values, nv);
      patterns.emplace(std::string_view(arena.data() + key_start, key_len),
                       std::string_view(arena.data() + values_start, nv));
      max_len = std::max(max_len, key_len);
    }
    return !patterns.empty();
  }

  // Liang: the highest value at each gap; odd values are break points.
  std::string hyphenate_word(std::string_view word) const {
    std::string s = ".";
    for (char c : word) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    s += '.';
    std::vector<char> vals(s.size() + 1, 0);
    for (std::size_t i = 0; i < s.size(); ++i) {
      for (std::size_t len = 1; len <= max_len && i + len <= s.size(); ++len) {
        auto it = patterns.find(std::string_view(s).substr(i, len));
        if (it == patterns.end()) continue;
        const std::string_view v = it->second;
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

Hyphenator::Hyphenator() = default;
Hyphenator::~Hyphenator() = default;

bool Hyphenator::set_language(std::string_view lang) {
  std::string key(lang);
  for (char& c : key) c = c == '-' ? '_' : c;
  auto it = dicts_.find(key);
  if (it == dicts_.end()) {
    std::unique_ptr<Dict> d;
    std::vector<std::string> candidates = {key};
    std::size_t us = key.find('_');
    if (us != std::string::npos) candidates.push_back(key.substr(0, us));
    if (key == "en") candidates.push_back("en_US");
    for (const std::string& c : candidates) {
      std::string path = "/usr/share/hyphen/hyph_" + c + ".dic";
      if (access(path.c_str(), R_OK) != 0) continue;
      auto dict = std::make_unique<Dict>();
      if (dict->load(path)) {
        d = std::move(dict);
        break;
      }
    }
    it = dicts_.emplace(key, std::move(d)).first;
  }
  current_ = it->second.get();
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
      std::string result = current_->hyphenate_word(word);
      out += result;
      if (current_->cache.size() < 50000) current_->cache.emplace(std::string(word), std::move(result));
    }
    i = j;
  }
}

}  // namespace docforge::document::pdf
