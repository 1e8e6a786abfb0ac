// Hyphenation with the installed hyphen-en-us patterns (a build and test dependency, see
// scripts/install-deps): explicit words, and a digest over 32,768 made-up words that pins the
// results of every pattern lookup, so that a faster loader or lookup cannot change a break.
#include "document/pdf/hyphenator.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace docforge::document::pdf {
namespace {

std::string hyphenated(Hyphenator& h, std::string_view text) {
  std::string out;
  h.hyphenate(text, out);
  std::string shown;  // soft hyphens shown as '-'
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 2, "\xC2\xAD") == 0) {
      shown += '-';
      ++i;
    } else {
      shown += out[i];
    }
  }
  return shown;
}

TEST(Hyphenator, Words) {
  Hyphenator h;
  ASSERT_TRUE(h.set_language("en-US"));
  EXPECT_EQ(hyphenated(h, "internationalization responsibilities characteristically"),
            "in-ter-na-tion-al-iza-tion re-spon-si-bil-i-ties char-ac-ter-is-ti-cally");
  EXPECT_EQ(hyphenated(h, "Hyphenation Documentation EXTRAORDINARY"),
            "Hy-phen-ation Doc-u-men-ta-tion EX-TRA-OR-DI-NARY");
  EXPECT_EQ(hyphenated(h, "representation computer algorithm typesetting"),
            "rep-re-sen-ta-tion com-puter al-go-rithm type-set-ting");
  EXPECT_EQ(hyphenated(h, "Unbelievably Pneumonoultramicroscopicsilicovolcanoconiosis"),
            "Un-be-liev-ably Pneu-monoul-tra-mi-cro-scop-ic-sil-i-co-vol-canoco-nio-sis");
  // Words under seven letters, and words glued to non-ASCII letters, are left alone.
  EXPECT_EQ(hyphenated(h, "short words stay, and caf\xC3\xA9sanswers glued"),
            "short words stay, and caf\xC3\xA9sanswers glued");
  // The cache gives the same answer the second time.
  EXPECT_EQ(hyphenated(h, "internationalization"), "in-ter-na-tion-al-iza-tion");
  // "en" falls back to en_US; a language without a dictionary copies text.
  Hyphenator en;
  EXPECT_TRUE(en.set_language("en"));
  EXPECT_EQ(hyphenated(en, "typesetting"), "type-set-ting");
  Hyphenator none;
  EXPECT_FALSE(none.set_language("xx-YY"));
  EXPECT_EQ(hyphenated(none, "typesetting"), "typesetting");
}

// The language comes from documents: a tag that is not one names no file (no path reaches
// the dictionary folder's outside), and languages without a dictionary leave nothing behind,
// so a service given many tags keeps hyphenating the ones it has.
TEST(Hyphenator, LanguagesFromDocumentsAreTagsOnly) {
  Hyphenator h;
  for (const char* bad : {"../../../../etc/passwd", "en/../en-US", "en US", "", "en-US\n",
                          "a-very-long-language-tag-that-is-not-one-at-all"}) {
    EXPECT_FALSE(h.set_language(bad)) << bad;
    EXPECT_EQ(hyphenated(h, "typesetting"), "typesetting") << bad;
  }
  for (int i = 0; i < 2000; ++i) EXPECT_FALSE(h.set_language("zz-" + std::to_string(i)));
  Hyphenator::prefetch("qq-QQ");  // no dictionary: nothing starts, nothing is kept
  ASSERT_TRUE(h.set_language("en-US"));
  EXPECT_EQ(hyphenated(h, "typesetting"), "type-set-ting");
  EXPECT_FALSE(h.set_language("zz-0"));
  EXPECT_EQ(hyphenated(h, "typesetting"), "typesetting");
}

// A dictionary prefetched on its own thread is the one set_language() then uses, whether the
// load has finished or is still running; Hyphenators on several threads asking at once all get
// it. Each test runs in a process of its own (gtest_discover_tests), so the prefetch loads here.
TEST(Hyphenator, PrefetchedDictionary) {
  Hyphenator::prefetch("en-US");
  Hyphenator::prefetch("en-US");     // again while loading: no second load, no wait
  Hyphenator::prefetch("xx-YY");     // none installed
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (std::string& r : results) {
    threads.emplace_back([&r] {
      Hyphenator h;
      if (h.set_language("en-US")) r = hyphenated(h, "internationalization typesetting");
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& r : results) EXPECT_EQ(r, "in-ter-na-tion-al-iza-tion type-set-ting");
  Hyphenator none;
  EXPECT_FALSE(none.set_language("xx-YY"));
  EXPECT_EQ(hyphenated(none, "typesetting"), "typesetting");
}

// Every three-syllable word over 32 syllables (some capitalised), hyphenated and hashed; the
// digest and the break count are those of the loader before 2026-12-05's rewrite (the arena
// one), checked equal on 49,465 more words at the time.
TEST(Hyphenator, DigestOfMadeUpWords) {
  static const char* kSyllables[] = {"con", "tra", "dic", "tion", "in", "ter", "na", "al", "iza", "re", "spon",
                                     "si", "bil", "ity", "char", "ac", "is", "ti", "cal", "ly", "un", "be",
                                     "liev", "able", "pho", "to", "graph", "er", "ment", "ous", "pre", "de"};
  constexpr std::size_t kN = sizeof kSyllables / sizeof kSyllables[0];
  Hyphenator h;
  ASSERT_TRUE(h.set_language("en-US"));
  std::uint64_t digest = 1469598103934665603ull;  // FNV-1a over the outputs
  std::size_t breaks = 0;
  std::string word, out;
  for (std::size_t a = 0; a < kN; ++a) {
    for (std::size_t b = 0; b < kN; ++b) {
      for (std::size_t c = 0; c < kN; ++c) {
        word = kSyllables[a];
        word += kSyllables[b];
        word += kSyllables[c];
        if ((a + b + c) % 5 == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
        out.clear();
        h.hyphenate(word, out);
        for (unsigned char ch : out) digest = (digest ^ ch) * 1099511628211ull;
        for (std::size_t i = 0; i + 1 < out.size(); ++i) breaks += out[i] == '\xC2' && out[i + 1] == '\xAD';
      }
    }
  }
  EXPECT_EQ(breaks, 33686u);
  EXPECT_EQ(digest, 0xd1e39e684a01d8f7ull);
}

}  // namespace
}  // namespace docforge::document::pdf
