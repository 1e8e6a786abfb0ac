// Hyphenation with the LibreOffice/Hunspell (libhyphen) pattern dictionaries in /usr/share/hyphen
// (hyphen-en-us and friends), applied with Liang's algorithm. Our own loader indexes the ~11,000
// patterns in one pass over the file's text, kept as it is, with one open-addressing table (no
// allocation per pattern), once per process: every Hyphenator shares the loaded patterns, which
// live until the process exits (no teardown cost). libhyphen's loader took a quarter of a fresh
// process's time (pdf/README.md).
//
// hyphenate() inserts U+00AD SOFT HYPHEN at the break points of every word of seven or more
// letters; the text layout then breaks lines there and draws a visible hyphen only when it does. Words are
// cached per Hyphenator, so a long-lived one gets faster as it sees more text. A language
// without an installed dictionary leaves text unchanged.
//
// Thread safety: a Hyphenator is thread-compatible (one per PdfEngine); the shared patterns are
// immutable once loaded, and each loads once (prefetch() and set_language() are thread-safe).

#ifndef DOCFORGE_DOCUMENT_PDF_HYPHENATOR_H_
#define DOCFORGE_DOCUMENT_PDF_HYPHENATOR_H_

#include <map>
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

  // Starts loading the dictionary for a BCP 47 language tag on a thread of its own, when no
  // Hyphenator of the process has asked for it yet, and returns at once: a fresh process loads
  // it (~1 ms) while it sets up its fonts. Without a thread, loads it before
  // returning.
  static void prefetch(std::string_view lang);

  // Selects the dictionary for a BCP 47 language tag ("en-US", "en"), waiting for a prefetch()
  // still loading it. Returns false when none is installed, or `lang` is not a tag (letters,
  // digits, '-' and '_' only): hyphenate() then copies text unchanged. Languages without a
  // dictionary are not remembered, by this Hyphenator or the process.
  bool set_language(std::string_view lang);

  // Appends `text` to `out` with soft hyphens inserted.
  void hyphenate(std::string_view text, std::string& out);

  struct Patterns;  // one loaded dictionary (hyphenator.cpp)

 private:
  struct Language {
    const Patterns* patterns = nullptr;                   // null: no dictionary
    std::unordered_map<std::string, std::string> cache;  // word -> word with soft hyphens
  };
  std::map<std::string, Language, std::less<>> languages_;
  Language* current_ = nullptr;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_HYPHENATOR_H_
