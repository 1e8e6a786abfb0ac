// Hyphenation with the LibreOffice/Hunspell (libhyphen) pattern dictionaries in /usr/share/hyphen
// (hyphen-en-us and friends), applied with Liang's algorithm. Our own loader reads the ~11,000
// patterns into one flat hash table in about a millisecond; libhyphen's loader took a quarter of
// a fresh process's time (see pdf/README.md).
//
// hyphenate() inserts U+00AD SOFT HYPHEN at the break points of every word of seven or more
// letters; Pango then breaks lines there and draws a visible hyphen only when it does. Words are
// cached, so a long-lived Hyphenator gets faster as it sees more text. A language without an
// installed dictionary leaves text unchanged.
//
// Thread safety: thread-compatible (one per PdfEngine).

#ifndef DOCFORGE_DOCUMENT_PDF_HYPHENATOR_H_
#define DOCFORGE_DOCUMENT_PDF_HYPHENATOR_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace docforge::document::pdf {

class Hyphenator {
 public:
  Hyphenator();
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  // Selects the dictionary for a BCP 47 language tag ("en-US", "en"). Returns false when none
  // is installed (hyphenate() then copies text unchanged).
  bool set_language(std::string_view lang);

  // Appends `text` to `out` with soft hyphens inserted.
  void hyphenate(std::string_view text, std::string& out);

 private:
  struct Dict;
  std::map<std::string, std::unique_ptr<Dict>, std::less<>> dicts_;  // by language; null: none
  Dict* current_ = nullptr;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_HYPHENATOR_H_
