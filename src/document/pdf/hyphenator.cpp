#include "document/pdf/hyphenator.h"

#include <hyphen.h>

#include <cctype>
#include <cstdlib>
#include <unistd.h>
#include <vector>

namespace docforge::document::pdf {

struct Hyphenator::Dict {
  HyphenDict* dict = nullptr;
  std::unordered_map<std::string, std::string> cache;  // word -> word with soft hyphens
  ~Dict() {
    if (dict != nullptr) hnj_hyphen_free(dict);
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
      HyphenDict* hd = hnj_hyphen_load(path.c_str());
      if (hd != nullptr) {
        d = std::make_unique<Dict>();
        d->dict = hd;
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
      i = j;
      continue;
    }
    std::string lower(word);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::vector<char> marks(lower.size() + 5, 0);
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    std::string result;
    if (hnj_hyphen_hyphenate3(current_->dict, lower.c_str(), static_cast<int>(lower.size()), marks.data(), nullptr,
                              &rep, &pos, &cut, 2, 3, 2, 2) == 0 &&
        rep == nullptr) {
      for (std::size_t k = 0; k < word.size(); ++k) {
        result += word[k];
        if ((marks[k] & 1) && k + 1 < word.size()) result += "\xC2\xAD";
      }
    } else {
      result = std::string(word);
    }
    if (rep != nullptr) {
      for (std::size_t k = 0; k < lower.size(); ++k) std::free(rep[k]);
      std::free(rep);
      std::free(pos);
      std::free(cut);
    }
    out += result;
    if (current_->cache.size() < 50000) current_->cache.emplace(std::string(word), std::move(result));
    i = j;
  }
}

}  // namespace docforge::document::pdf
