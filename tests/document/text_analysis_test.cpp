// text_analysis.h against Pango 1.50 in the same process, character by character: the log
// attributes a PangoLayout computes for the same text (pango_layout_get_log_attrs_readonly,
// which is what its line breaking reads), the bidi level and script of the layout's items,
// Pango's own reordering of runs (pango_reorder_items), and the language Pango's itemizer
// derives for a script. Texts: every bundled template and workload document, whole and line by
// line, and hand-written texts in many scripts.
//
// No timings here. Measured apart (callgrind, the workload documents and the report template
// line by line, 13 kB): analyze_text 6.9 M instructions a pass; Pango 21.0 M for the same
// analysis (pango_get_log_attrs, embedding levels, script runs), 16.7 M for what a layout runs
// (itemize with warm font caches, default and tailored breaks); wall time 0.45 ms against 0.9 ms.
#include "document/pdf/text_analysis.h"

#include <gtest/gtest.h>
#include <hb-glib.h>
#include <pango/pangoft2.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "document/pdf/hyphenator.h"
#include "document/pdf_test_leaks.h"

namespace docforge::document::pdf {
namespace {

// Pango's sample languages read PANGO_LANGUAGE and LANGUAGE once, at its first use: derived_language
// matches Pango with both unset, so they are unset before any test runs.
const bool kPangoEnvironmentUnset = [] {
  unsetenv("PANGO_LANGUAGE");
  unsetenv("LANGUAGE");
  return true;
}();

struct PangoResult {
  std::vector<PangoLogAttr> attrs;   // one per character, and one for the end
  std::vector<int> level;            // -1: in no item (a paragraph separator)
  std::vector<hb_script_t> script;   // per character
};

// One font map for the test program (fontconfig's default configuration: fonts for every
// script), released after the last test: its fontconfig patterns would look leaked otherwise.
PangoFontMap* shared_font_map = nullptr;

PangoFontMap* font_map() {
  if (shared_font_map == nullptr) shared_font_map = pango_ft2_font_map_new();
  return shared_font_map;
}

class ReleaseFontMap : public ::testing::Environment {
 public:
  void TearDown() override {
    if (shared_font_map != nullptr) g_object_unref(shared_font_map);
    shared_font_map = nullptr;
  }
};
::testing::Environment* const kReleaseFontMap =
    ::testing::AddGlobalTestEnvironment(new ReleaseFontMap);

PangoResult pango_analysis(const std::string& text, const char* lang) {
  PangoContext* context = pango_font_map_create_context(font_map());
  pango_context_set_language(context, pango_language_from_string(lang));
  PangoLayout* layout = pango_layout_new(context);
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  int n_attrs = 0;
  const PangoLogAttr* attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
  PangoResult out;
  out.attrs.assign(attrs, attrs + n_attrs);
  const std::size_t n = static_cast<std::size_t>(n_attrs - 1);
  out.level.assign(n, -1);
  out.script.assign(n, HB_SCRIPT_INVALID);
  // Character index of each byte offset.
  std::vector<int> char_at(text.size() + 1, -1);
  {
    int i = 0;
    for (const char* p = text.data(); p < text.data() + text.size(); p = g_utf8_next_char(p))
      char_at[static_cast<std::size_t>(p - text.data())] = i++;
  }
  for (GSList* l = pango_layout_get_lines_readonly(layout); l != nullptr; l = l->next) {
    auto* line = static_cast<PangoLayoutLine*>(l->data);
    for (GSList* r = line->runs; r != nullptr; r = r->next) {
      const PangoItem* item = static_cast<PangoGlyphItem*>(r->data)->item;
      int first = char_at[static_cast<std::size_t>(item->offset)];
      for (int k = 0; k < item->num_chars; ++k) {
        out.level[static_cast<std::size_t>(first + k)] = item->analysis.level;
        out.script[static_cast<std::size_t>(first + k)] =
            hb_glib_script_to_script(static_cast<GUnicodeScript>(item->analysis.script));
      }
    }
  }
  g_object_unref(layout);
  g_object_unref(context);
  return out;
}

std::string describe(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// The differences between our analysis and Pango's, one line each (at most `limit`).
std::vector<std::string> differences(const std::string& text, const TextAnalysis& ours,
                                     const PangoResult& pango, bool compare_items,
                                     std::size_t limit = 12) {
  std::vector<std::string> out;
  auto report = [&](std::size_t i, const char* field, int expected, int actual) {
    if (out.size() >= limit) return;
    std::ostringstream s;
    s << "char " << i;
    if (i < ours.chars.size())
      s << " (" << describe(ours.chars[i].c) << " at byte " << ours.chars[i].byte << ")";
    else
      s << " (end)";
    s << ": " << field << " is " << actual << ", Pango's " << expected;
    out.push_back(s.str());
  };
  if (ours.chars.size() + 1 != pango.attrs.size()) {
    out.push_back("character count " + std::to_string(ours.chars.size()) + ", Pango's " +
                  std::to_string(pango.attrs.size() - 1) + " in \"" + text + "\"");
    return out;
  }
  for (std::size_t i = 0; i < ours.chars.size(); ++i) {
    const CharInfo& c = ours.chars[i];
    const PangoLogAttr& a = pango.attrs[i];
    if (c.line_break != static_cast<bool>(a.is_line_break))
      report(i, "line_break", a.is_line_break, c.line_break);
    if (c.mandatory_break != static_cast<bool>(a.is_mandatory_break))
      report(i, "mandatory_break", a.is_mandatory_break, c.mandatory_break);
    if (c.char_break != static_cast<bool>(a.is_char_break))
      report(i, "char_break", a.is_char_break, c.char_break);
    if (c.break_inserts_hyphen != static_cast<bool>(a.break_inserts_hyphen))
      report(i, "break_inserts_hyphen", a.break_inserts_hyphen, c.break_inserts_hyphen);
    if (c.break_removes_preceding != static_cast<bool>(a.break_removes_preceding))
      report(i, "break_removes_preceding", a.break_removes_preceding, c.break_removes_preceding);
    if (c.white != static_cast<bool>(a.is_white)) report(i, "white", a.is_white, c.white);
    if (compare_items && pango.level[i] >= 0) {  // characters of an item
      if (c.level != pango.level[i]) report(i, "level", pango.level[i], c.level);
      if (c.script != pango.script[i]) report(i, "script", pango.script[i], c.script);
      if (c.paragraph_separator) report(i, "paragraph_separator", 0, 1);
    }
  }
  const PangoLogAttr& end = pango.attrs.back();
  if (ours.final_char_break != static_cast<bool>(end.is_char_break))
    report(ours.chars.size(), "final_char_break", end.is_char_break, ours.final_char_break);
  return out;
}

// Compares the analysis of `text` with Pango's in a layout of language `lang`.
void expect_same_as_pango(const std::string& text, const char* lang = "en-US",
                          const std::string& name = "") {
  TextAnalysis ours = analyze_text(text);
  std::vector<std::string> diffs = differences(text, ours, pango_analysis(text, lang), true);
  if (diffs.empty()) return;
  std::string all;
  for (const std::string& d : diffs) all += "\n  " + d;
  ADD_FAILURE() << (name.empty() ? "\"" + text + "\"" : name) << " (" << lang << "):" << all;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::filesystem::path> bundled_documents() {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  const fs::path root(DOCFORGE_SOURCE_DIR);
  for (const fs::path& dir : {root / "examples", root / "../shared/workloads/documents"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".md.j2") || name.ends_with(".md")) out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Hand-written texts: every kind of break Pango tailors, in many scripts.
const std::vector<std::pair<const char*, std::string>>& sample_texts() {
  static const std::vector<std::pair<const char*, std::string>> texts = {
      {"en", "A well-known, state-of-the-art e-mail re-use -- and a --flag or -5 degrees."},
      {"en", "in\u00ADter\u00ADna\u00ADtion\u00ADal\u00ADiza\u00ADtion, soft\u00AD hyphen\u00AD"},
      {"en", "hy\u2010phen non\u2011breaking fig\u2012ure en\u2013dash em\u2014dash a \u2014 b"},
      {"en", "hyphenation\u2027point and \u00B7 middle dot, hyphen\u2010\u00ADsoft"},
      {"en", "See https://example.com/path/to-page?query=a&b=c#frag or www.docforge.dev."},
      {"en", "mailto:someone@example.org, C:\\Program Files\\x, /usr/local/bin/"},
      {"en", "1,234.56 and 1.234,56 and $5.00, 50%, \u20AC12, 12\u00A0km, -3.5e10, +7"},
      {"en", "(a) [b] {c} (1) \"quoted\" 'single' \u201Ccurly\u201D \u2018single\u2019 \u00ABguillemets\u00BB"},
      {"en", "Wait... what?! Yes; no: maybe. (Really?) \"Done.\" 'x'"},
      {"en", "non\u00A0breaking\u00A0space, narrow\u202Fno-break\u202Fspace, word\u2060joiner"},
      {"en", "tab\tseparated\tvalues\t\tend\t"},
      {"en", "zero\u200Bwidth\u200Bspace and \u200C\u200D joiners"},
      {"en", "trailing spaces   "},
      {"en", "   leading spaces"},
      {"en", "line one\nline two\r\nline three\rline four\u2029line five\u2028same para"},
      {"en", "\n\nblank lines\n\n\nbetween\n"},
      {"en", "\r\n"},
      {"en", "x"},
      {"en", " "},
      {"en", "\u00AD"},
      {"en", "\u0301accent first"},
      {"en", "caf\u00E9 cafe\u0301 n\u0303o\u0308 a\u0338\u0327\u0300 \u1E9B\u0323 x\u20DD"},
      {"en", "ABC\u0300\u0301\u0302 DEF"},
      {"en", "vertical\vtab form\ffeed next\u0085line"},
      {"en", "CamelCase snake_case kebab-case dotted.name a/b a\\b"},
      {"zh-CN", "\u4E2D\u6587\u6587\u672C\uFF0C\u6807\u70B9\u7B26\u53F7\u3002\u201C\u5F15\u53F7\u201D\uFF08\u62EC\u53F7\uFF09\u3001\u987F\u53F7\uFF01"},
      {"zh-CN", "\u4E2D\u6587English\u6DF7\u5408123\u6570\u5B57\u3002"},
      {"ja", "\u65E5\u672C\u8A9E\u306E\u6587\u7AE0\u3067\u3059\u3002\u30AB\u30BF\u30AB\u30CA\u3068\u3072\u3089\u304C\u306A\u3001\u300C\u62EC\u5F27\u300D\u3002\u30FC\u3063\u3083"},
      {"ja", "\uFF08\u5168\u89D2\uFF09\u534A\u89D2\uFF71\uFF72\uFF73\uFF9E \u3005\u309D\u30FD"},
      {"ko", "\uD55C\uAD6D\uC5B4 \uBB38\uC7A5\uC785\uB2C8\uB2E4. \uC548\uB155\uD558\uC138\uC694! (\uAD04\uD638)"},
      {"ko", "\u1100\u1161\u11A8 \u1100\u1161 jamo"},
      {"ar", "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 Hello 123 \u0661\u0662\u0663."},
      {"en", "English \u0627\u0644\u0639\u0631\u0628\u064A\u0629 text (\u0645\u0639 \u0623\u0642\u0648\u0627\u0633) 42%."},
      {"he", "\u05E9\u05DC\u05D5\u05DD \u05E2\u05D5\u05DC\u05DD, English 2024 \u05D5\u05E2\u05D5\u05D3."},
      {"en", "Hebrew \u05E2\u05D1\u05E8\u05D9\u05EA-\u05E2\u05D1\u05E8\u05D9\u05EA \u05F3 \u05F4 in [brackets] here."},
      {"he", "\u05D0\n\u05D1 123\n456\nabc"},
      {"en", "123\n\u05D0\u05D1\n456"},
      {"fa", "\u0641\u0627\u0631\u0633\u06CC \u06F1\u06F2\u06F3 \u200C\u0645\u06CC\u200C\u0634\u0648\u062F"},
      {"el", "\u0395\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC \u03BA\u03B5\u03AF\u03BC\u03B5\u03BD\u03BF; \u0386\u03BB\u03C6\u03B1-\u03B2\u03AE\u03C4\u03B1."},
      {"ru", "\u0420\u0443\u0441\u0441\u043A\u0438\u0439 \u0442\u0435\u043A\u0441\u0442 \u2014 \u043F\u043E-\u0440\u0443\u0441\u0441\u043A\u0438, \u00AB\u043A\u0430\u0432\u044B\u0447\u043A\u0438\u00BB."},
      {"uk", "\u0423\u043A\u0440\u0430\u0457\u043D\u0441\u044C\u043A\u0430 \u043C\u043E\u0432\u0430: \u0491\u0454\u0456\u0457'\u044F."},
      {"en", "Emoji \U0001F600 \U0001F44D\U0001F3FD \U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 family"},
      {"en", "\U0001F3F3\uFE0F\u200D\U0001F308 flag \U0001F1E9\U0001F1EA\U0001F1EB\U0001F1F7\U0001F1EC flags"},
      {"en", "keycap 1\uFE0F\u20E3 \u2764\uFE0F text\u263A\uFE0E \U0001F9D1\u200D\U0001F4BB\u2757"},
      {"en", "\u0928\u092E\u0938\u094D\u0924\u0947 \u0939\u093F\u0928\u094D\u0926\u0940 \u0915\u094D\u200D\u0937 \u0915\u094D\u200C\u0937"},
      {"hi", "\u0939\u093F\u0902\u0926\u0940 \u092D\u093E\u0937\u093E, \u0926\u0947\u0935\u0928\u093E\u0917\u0930\u0940 \u0967\u0968\u0969\u0964"},
      {"en", "\u0DC1\u0DCA\u200D\u0DBB\u0DD3 \u0DBD\u0D82\u0D9A\u0DCF"},
      {"tr", "T\u00FCrk\u00E7e \u0130stanbul \u0131\u015F\u0131k"},
      {"vi", "Ti\u1EBFng Vi\u1EC7t c\u00F3 d\u1EA5u."},
      {"pl", "Za\u017C\u00F3\u0142\u0107 g\u0119\u015Bl\u0105 ja\u017A\u0144."},
      {"de", "Stra\u00DFe \u201EAnf\u00FChrungszeichen\u201C und \u00BBGuillemets\u00AB, Donau\u00ADdampf\u00ADschiff"},
      {"fr", "\u00AB Bonjour \u00BB, dit-il ; \u00E7a va ? Oui !"},
      {"en", "Mixed \u0391\u03B2\u03B3 and \u0410\u0431\u0432 and \u05D0\u05D1\u05D2 and \u0627\u0628\u062A (all)."},
      {"en", "(\u05D0\u05D1\u05D2) [\u4E2D\u6587] \u00AB\u0395\u03BB\u03BB\u00BB {\u0410(\u0411)\u0412}"},
      {"en", "\u202Bembedded RTL\u202C \u2067isolate\u2069 \u200F\u200E marks"},
      {"en", "\u2066\u05D0\u05D1\u2069 abc \u202E\u05D2\u05D3\u202C"},
      {"en", "math \u2200x\u2208\u211D: x\u00B2 \u2265 0, a\u2260b, 3\u00D74=12, \u00BD"},
      {"en", "a\u00A0\u2014\u00A0b a\u2009\u2014\u2009b a\u3000b \u2018quote\u2019s"},
      {"en", "Item 1.\tDescription\u2026 and etc.\u2026"},
      {"en", "\U0001D400\U0001D401 math alnum \U00020000\U00020001 ext-B \U000E0001 tag"},
      {"en", "\uFFFD replacement \uFEFF bom \u00AD\u00AD double soft"},
  };
  return texts;
}

// ---------------------------------------------------------------------------------------------

TEST(TextAnalysis, DifferencesAreFound) {
  // The comparison must be able to fail: an analysis with one flag flipped differs from Pango.
  const std::string text = "two words";
  TextAnalysis ours = analyze_text(text);
  PangoResult pango = pango_analysis(text, "en");
  EXPECT_TRUE(differences(text, ours, pango, true).empty());
  ours.chars[4].line_break = !ours.chars[4].line_break;
  EXPECT_EQ(differences(text, ours, pango, true).size(), 1u);
  ours = analyze_text(text);
  ours.chars[0].level = 1;
  EXPECT_EQ(differences(text, ours, pango, true).size(), 1u);
}

TEST(TextAnalysis, Basics) {
  TextAnalysis empty = analyze_text("");
  EXPECT_TRUE(empty.chars.empty());
  EXPECT_TRUE(empty.final_char_break);

  TextAnalysis a = analyze_text("a b\u00ADc\n\u05D0");
  ASSERT_EQ(a.chars.size(), 7u);
  EXPECT_EQ(a.chars[3].byte, 3u);
  EXPECT_EQ(a.chars[3].c, 0xADu);
  EXPECT_FALSE(a.chars[0].line_break);  // never before the first character
  EXPECT_TRUE(a.chars[1].white);
  EXPECT_TRUE(a.chars[2].line_break);   // after a space
  EXPECT_TRUE(a.chars[4].line_break);   // after a soft hyphen ...
  EXPECT_TRUE(a.chars[4].break_inserts_hyphen);  // ... showing a hyphen
  EXPECT_TRUE(a.chars[5].paragraph_separator);
  EXPECT_TRUE(a.chars[6].mandatory_break);
  EXPECT_EQ(a.chars[0].script, HB_SCRIPT_LATIN);
  EXPECT_EQ(a.chars[1].script, HB_SCRIPT_LATIN);  // a space joins its run
  EXPECT_EQ(a.chars[6].script, HB_SCRIPT_HEBREW);
  EXPECT_EQ(a.chars[0].level, 0);
  EXPECT_EQ(a.chars[6].level, 1);
}

TEST(TextAnalysis, HandWrittenTextsMatchPango) {
  for (const auto& [lang, text] : sample_texts()) {
    expect_same_as_pango(text, lang);
    // Each line on its own too (a line's context differs from the paragraph's).
    std::size_t begin = 0;
    while (begin < text.size()) {
      std::size_t end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      if (end > begin) expect_same_as_pango(text.substr(begin, end - begin), lang);
      begin = end + 1;
    }
  }
}

// Random texts over characters of every break class, script and bidi type that the texts above
// mix (Thai left out, see below): the state machines meet combinations nobody writes by hand.
TEST(TextAnalysis, RandomTextsMatchPango) {
  static const char32_t kPool[] = {
      'a', 'b', 'Z', 'x', '0', '7', ' ', ' ', ' ', '\t', '\n', '\r', '-', '.', ',', ';', ':',
      '!', '?', '(', ')', '[', ']', '{', '}', '\'', '"', '/', '\\', '%', '$', '+', '#', '&',
      '*', '<', '>', '=', '@', '_', '|', '~', 0x00A0, 0x00AD, 0x00B7, 0x00AB, 0x00BB, 0x2010,
      0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2027, 0x2028, 0x2029,
      0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x202A, 0x202B, 0x202C, 0x202E, 0x2066,
      0x2067, 0x2068, 0x2069, 0x202F, 0x2009, 0x3000, 0x0085, 0x000B, 0x000C, 0x0301, 0x0308,
      0x20DD, 0x20E3, 0xFE0F, 0xFE0E, 0x05D0, 0x05D1, 0x05BE, 0x05F3, 0x0627, 0x0644, 0x0661,
      0x06F1, 0x064E, 0x0600, 0x0391, 0x03B2, 0x0410, 0x0431, 0x4E2D, 0x6587, 0x3001, 0x3002,
      0x300C, 0x300D, 0xFF08, 0xFF09, 0xFF01, 0xFF0C, 0x3042, 0x3063, 0x30AB, 0x30FC, 0x3005,
      0xAC00, 0xD55C, 0x1100, 0x1161, 0x11A8, 0x0915, 0x094D, 0x0937, 0x093F, 0x0966, 0x0DBB,
      0x0DCA, 0x0D9A, 0x1780, 0x17D2, 0x1000, 0x1F600, 0x1F44D, 0x1F3FD, 0x1F1E9, 0x1F1EA,
      0x2665, 0x263A, 0x1F468, 0x20AC, 0x00B0, 0x2030, 0x2212, 0x00D7, 0x221E, 0xFFFD, 0xE0001,
      0x10FFFD, 0x0378};
  std::mt19937 random(20261206);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPool) - 1);
  std::uniform_int_distribution<int> length(1, 24);
  const char* languages[] = {"en", "he", "ja", "hi"};
  int failures = 0;
  for (int t = 0; t < 3000 && failures < 20; ++t) {
    std::string text;
    for (int k = length(random); k > 0; --k) {
      char buf[6];
      text.append(buf, static_cast<std::size_t>(g_unichar_to_utf8(kPool[pick(random)], buf)));
    }
    const char* lang = languages[t % 4];
    std::vector<std::string> diffs = differences(text, analyze_text(text),
                                                 pango_analysis(text, lang), true, 4);
    if (diffs.empty()) continue;
    ++failures;
    std::string codes;
    for (const CharInfo& c : analyze_text(text).chars) codes += describe(c.c) + " ";
    std::string all;
    for (const std::string& d : diffs) all += "\n  " + d;
    ADD_FAILURE() << "text " << t << " (" << lang << "): " << codes << all;
  }
}

// Thai is left out: Pango breaks Thai words with libthai's dictionary, which text_analysis does
// not load; there the default (UAX #14) breaks differ from Pango's inside Thai words.
TEST(TextAnalysis, ThaiDiffersOnlyInsideThaiWords) {
  const std::string text = "\u0E20\u0E32\u0E29\u0E32\u0E44\u0E17\u0E22 Thai";
  TextAnalysis ours = analyze_text(text);
  PangoResult pango = pango_analysis(text, "th");
  ASSERT_EQ(ours.chars.size() + 1, pango.attrs.size());
  for (std::size_t i = 0; i < ours.chars.size(); ++i) {
    if (ours.chars[i].script == HB_SCRIPT_THAI && i > 0 &&
        ours.chars[i - 1].script == HB_SCRIPT_THAI)
      continue;  // inside a Thai word
    EXPECT_EQ(ours.chars[i].line_break, static_cast<bool>(pango.attrs[i].is_line_break)) << i;
    EXPECT_EQ(ours.chars[i].level, pango.level[i]) << i;
    EXPECT_EQ(ours.chars[i].script, pango.script[i]) << i;
  }
}

// Whole, line by line, and line by line with the soft hyphens the engine's hyphenator inserts
// (the text the layout is given).
TEST(TextAnalysis, BundledDocumentsMatchPango) {
  std::vector<std::filesystem::path> files = bundled_documents();
  ASSERT_GE(files.size(), 5u) << "no documents under " << DOCFORGE_SOURCE_DIR;
  Hyphenator hyphenator;
  ASSERT_TRUE(hyphenator.set_language("en-US"));
  for (const std::filesystem::path& file : files) {
    const std::string text = read_file(file);
    expect_same_as_pango(text, "en-US", file.string());
    std::size_t begin = 0;
    int line = 1;
    while (begin < text.size()) {
      std::size_t end = text.find('\n', begin);
      if (end == std::string::npos) end = text.size();
      if (end > begin) {
        const std::string name = file.filename().string() + ":" + std::to_string(line);
        expect_same_as_pango(text.substr(begin, end - begin), "en-US", name);
        std::string hyphenated;
        hyphenator.hyphenate(text.substr(begin, end - begin), hyphenated);
        expect_same_as_pango(hyphenated, "en-US", name + " hyphenated");
      }
      begin = end + 1;
      ++line;
    }
  }
}

// ---------------------------------------------------------------------------------------------

// Pango's order for runs of these levels (pango_reorder_items), as indices.
std::vector<int> pango_order(const std::vector<std::uint8_t>& levels) {
  GList* items = nullptr;
  std::vector<PangoItem*> made;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    PangoItem* item = pango_item_new();
    item->offset = static_cast<int>(i);
    item->length = 1;
    item->num_chars = 1;
    item->analysis.level = levels[i];
    made.push_back(item);
    items = g_list_append(items, item);
  }
  GList* ordered = pango_reorder_items(items);
  std::vector<int> out;
  for (GList* l = ordered; l != nullptr; l = l->next)
    out.push_back(static_cast<PangoItem*>(l->data)->offset);
  g_list_free(ordered);
  g_list_free(items);
  for (PangoItem* item : made) pango_item_free(item);
  return out;
}

TEST(TextAnalysis, VisualOrder) {
  using V = std::vector<int>;
  EXPECT_EQ(visual_order({}), V{});
  EXPECT_EQ(visual_order({0, 0, 0}), (V{0, 1, 2}));
  EXPECT_EQ(visual_order({1, 1, 1}), (V{2, 1, 0}));
  EXPECT_EQ(visual_order({0, 1, 1, 0}), (V{0, 2, 1, 3}));
  EXPECT_EQ(visual_order({1, 2, 1}), (V{2, 1, 0}));        // digits in RTL stay in a block
  EXPECT_EQ(visual_order({1, 2, 2, 1}), (V{3, 1, 2, 0}));  // ... and in order
  EXPECT_EQ(visual_order({0, 2, 0}), (V{0, 1, 2}));
  EXPECT_EQ(visual_order({2, 3, 4, 3, 2}), (V{0, 3, 2, 1, 4}));
  // Every sequence of up to six runs at levels 0..3 (4,096 + ...), as Pango orders them.
  for (int n = 1; n <= 6; ++n) {
    int combinations = 1;
    for (int k = 0; k < n; ++k) combinations *= 4;
    for (int code = 0; code < combinations; ++code) {
      std::vector<std::uint8_t> levels;
      for (int k = 0, c = code; k < n; ++k, c /= 4) levels.push_back(static_cast<std::uint8_t>(c % 4));
      ASSERT_EQ(visual_order(levels), pango_order(levels)) << "levels code " << code << " n " << n;
    }
  }
}

// ---------------------------------------------------------------------------------------------

std::string pango_derived_language(const char* lang, hb_script_t script) {
  PangoLanguage* language = pango_language_from_string(lang);
  auto pango_script = static_cast<PangoScript>(hb_glib_script_from_script(script));
  if (pango_language_includes_script(language, pango_script))
    return pango_language_to_string(language);
  PangoLanguage* sample = pango_script_get_sample_language(pango_script);
  return sample != nullptr ? pango_language_to_string(sample) : "xx";
}

std::string lower(std::string s) {
  for (char& c : s) c = c == '_' ? '-' : static_cast<char>(g_ascii_tolower(c));
  return s;
}

TEST(TextAnalysis, DerivedLanguageMatchesPango) {
  ASSERT_TRUE(kPangoEnvironmentUnset);
  std::set<hb_script_t> scripts = {HB_SCRIPT_COMMON, HB_SCRIPT_INHERITED, HB_SCRIPT_UNKNOWN,
                                   HB_SCRIPT_LATIN, HB_SCRIPT_HAN, HB_SCRIPT_THAI,
                                   HB_SCRIPT_ARMENIAN, HB_SCRIPT_GEORGIAN, HB_SCRIPT_ETHIOPIC,
                                   HB_SCRIPT_BOPOMOFO, HB_SCRIPT_YI, HB_SCRIPT_RUNIC};
  for (const auto& [lang, text] : sample_texts())
    for (const CharInfo& c : analyze_text(text).chars) scripts.insert(c.script);
  const char* languages[] = {"en", "en-US", "en_GB", "de", "de-CH", "fr", "es", "it", "pt-BR",
                             "nl", "sv", "da", "no", "nb", "fi", "pl", "cs", "ru", "uk", "el",
                             "he", "ar", "fa", "ja", "zh", "zh-CN", "zh-TW", "zh-HK", "ko", "hi",
                             "th", "tr", "vi", "sr", "az", "az-AZ", "az-IR", "EN-us", "xx",
                             "tlh", "und"};
  for (const char* lang : languages) {
    for (hb_script_t script : scripts) {
      char tag[5] = {};
      hb_tag_to_string(hb_script_to_iso15924_tag(script), tag);
      EXPECT_EQ(lower(derived_language(lang, script)), pango_derived_language(lang, script))
          << lang << " " << tag;
    }
  }
  EXPECT_EQ(derived_language("en-US", HB_SCRIPT_LATIN), "en-US");  // the tag as given
  EXPECT_EQ(derived_language("en-US", HB_SCRIPT_HEBREW), "he");
  EXPECT_EQ(derived_language("en-US", HB_SCRIPT_HAN), "xx");  // Han has no sample language
  EXPECT_EQ(derived_language("ja", HB_SCRIPT_HAN), "ja");
}

}  // namespace
}  // namespace docforge::document::pdf
