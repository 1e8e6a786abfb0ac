// The native PDF backend, checked with real tools: pdfinfo, pdftotext, pdffonts, qpdf.
#include <cairo.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "docforge/document.h"
#include "document/pdf/deflate.h"
#include "document/pdf/layout_engine.h"
#include "pdf_test_leaks.h"
#include "pdf_test_util.h"

namespace docforge::document {
namespace {

using testing::count;
using testing::run;
using testing::TempPdf;

class Pdf : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::have_tool("pdftotext") || !testing::have_tool("pdfinfo")) {
      GTEST_SKIP() << "poppler-utils not installed";
    }
  }

  ConvertResult render(const std::string& md, ConvertOptions opts = {}) {
    auto r = engine_.render(md, opts);
    EXPECT_TRUE(r.ok()) << r.error().format();
    return r.ok() ? std::move(r.value()) : ConvertResult{};
  }

  PdfEngine engine_;
};

std::string text_of(const TempPdf& pdf) { return run("pdftotext -layout " + pdf.path() + " -"); }

TEST_F(Pdf, MetadataPagesFontsAndStructure) {
  auto r = render("---\ntitle: \"Quarterly Report\"\nauthor: \"Ann O'Neil\"\nlang: en-GB\npapersize: letter\n---\n"
                  "# Summary\n\nRevenue **grew** by *12%* with `code` and [a link](https://example.com/x).\n");
  ASSERT_FALSE(r.bytes.empty());
  EXPECT_EQ(r.pages, 1);
  TempPdf pdf(r.bytes);
  std::string info = run("pdfinfo " + pdf.path());
  EXPECT_NE(info.find("Title:           Quarterly Report"), std::string::npos) << info;
  EXPECT_NE(info.find("Author:          Ann O'Neil"), std::string::npos) << info;
  EXPECT_NE(info.find("Pages:           1"), std::string::npos) << info;
  EXPECT_NE(info.find("612 x 792 pts (letter)"), std::string::npos) << info;
  EXPECT_NE(r.bytes.find("/Lang (en-GB)"), std::string::npos);
  EXPECT_NE(r.bytes.find("/URI (https://example.com/x)"), std::string::npos);
  std::string fonts = run("pdffonts " + pdf.path());
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << "every font embedded and subset:\n" << fonts;
  if (testing::have_tool("qpdf")) {
    int status = 0;
    std::string check = run("qpdf --check " + pdf.path() + " 2>&1", &status);
    EXPECT_EQ(status, 0) << check;
    EXPECT_NE(check.find("No syntax or stream encoding errors"), std::string::npos) << check;
  }
  std::string text = text_of(pdf);
  std::size_t a = text.find("Summary"), b = text.find("Revenue grew by 12% with code and a link.");
  EXPECT_NE(a, std::string::npos) << text;
  EXPECT_NE(b, std::string::npos) << text;
  EXPECT_LT(a, b);
}

TEST_F(Pdf, HundredRowTableRepeatsHeaderOnEveryPage) {
  std::string md = "| Item | Description | Qty | Amount |\n|---|---|--:|--:|\n";
  for (int i = 1; i <= 100; ++i) {
    md += "| R" + std::to_string(i) + " | Line item number " + std::to_string(i) + " of the order | " +
          std::to_string(i % 7 + 1) + " | $" + std::to_string(i * 13) + ".00 |\n";
  }
  auto r = render(md);
  ASSERT_GE(r.pages, 2);
  TempPdf pdf(r.bytes);
  for (int page = 1; page <= r.pages; ++page) {
    std::string text = run("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                           pdf.path() + " -");
    EXPECT_EQ(count(text, "Description"), 1) << "page " << page << ":\n" << text;
  }
  std::string all = text_of(pdf);
  // Every row once, in order, never split across pages.
  std::size_t pos = 0;
  for (int i = 1; i <= 100; ++i) {
    std::size_t at = all.find("Line item number " + std::to_string(i) + " of the order", pos);
    ASSERT_NE(at, std::string::npos) << "row " << i;
    pos = at;
  }
}

TEST_F(Pdf, ScriptsFromManyLanguagesAreShapedAndExtractable) {
  auto r = render("Ελληνικά κείμενο\n\nРусский текст\n\n日本語のテキスト\n\n中文文本\n\nالنص العربي\n\nטקסט עברי\n\n"
                  "Accents: déjà vu, naïve, Ærøskøbing\n");
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front();
  TempPdf pdf(r.bytes);
  std::string text = text_of(pdf);
  for (const char* s : {"Ελληνικά κείμενο", "Русский текст", "日本語のテキスト", "中文文本", "déjà vu, naïve, Ærøskøbing"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
  // Right-to-left lines come out in logical order. pdftotext's word-gap heuristic sometimes
  // splits a word at a ligature or a repeated glyph, so compare the letters without spaces and
  // without the bidi embedding marks pdftotext adds (U+202A..U+202E).
  std::string letters;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    if (text.compare(i, 2, "\xE2\x80") == 0 && i + 2 < text.size() &&
        static_cast<unsigned char>(text[i + 2]) >= 0xAA && static_cast<unsigned char>(text[i + 2]) <= 0xAE) {
      i += 2;
      continue;
    }
    letters += text[i];
  }
  EXPECT_NE(letters.find("النصالعربي"), std::string::npos) << text;
  EXPECT_NE(letters.find("טקסטעברי"), std::string::npos) << text;
}

TEST_F(Pdf, MissingGlyphIsAWarningNamingTheCharacter) {
  auto r = render("A private-use character: \xF4\x8F\xBF\xBD here.\n");  // U+10FFFD
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("U+10FFFD"), std::string::npos) << r.warnings[0];
}

// Found by fuzz_markdown_pdf: a paragraph ending in a truncated UTF-8 sequence made the text
// layout read past the text (AddressSanitizer). Invalid bytes are drawn as U+FFFD.
TEST_F(Pdf, InvalidUtf8IsDrawnAsReplacementCharacters) {
  ConvertOptions opts;
  opts.title = "T\xE2\x82";
  auto r = render("Truncated \xE2\x82\n\nstray \x80 byte \xF0\x9F\x98\n", opts);
  ASSERT_FALSE(r.bytes.empty());
  TempPdf pdf(r.bytes);
  std::string text = text_of(pdf);
  EXPECT_NE(text.find("Truncated \uFFFD"), std::string::npos) << text;
  EXPECT_NE(text.find("stray \uFFFD byte \uFFFD"), std::string::npos) << text;
}

TEST_F(Pdf, ExplicitPageBreaksAndRunningFooterFields) {
  auto r = render("---\ntitle: Breaks\nfooter: \"{title}: Page {page} of {pages}\"\n---\none\n\n\\newpage\n\ntwo\n\n"
                  "<div style=\"page-break-after: always\"></div>\n\nthree\n");
  EXPECT_EQ(r.pages, 3);
  TempPdf pdf(r.bytes);
  std::string p2 = run("pdftotext -layout -f 2 -l 2 " + pdf.path() + " -");
  EXPECT_NE(p2.find("two"), std::string::npos);
  EXPECT_NE(p2.find("Breaks: Page 2 of 3"), std::string::npos) << p2;
}

TEST_F(Pdf, TableOfContentsHasPageNumbersAndOutline) {
  std::string md = "---\ntitle: Guide\ntoc: true\n---\n# Alpha\n\ntext\n\n\\newpage\n\n# Beta\n\n## Beta two\n\nmore\n";
  auto r = render(md);
  ASSERT_EQ(r.pages, 3);  // contents, alpha, beta
  TempPdf pdf(r.bytes);
  std::string p1 = run("pdftotext -layout -f 1 -l 1 " + pdf.path() + " -");
  EXPECT_NE(p1.find("Contents"), std::string::npos) << p1;
  EXPECT_NE(p1.find("Alpha"), std::string::npos);
  // Alpha on page 2, Beta on page 3: the entries end with those numbers.
  EXPECT_NE(p1.find("2\n"), std::string::npos) << p1;
  EXPECT_NE(p1.find("3\n"), std::string::npos) << p1;
  EXPECT_NE(r.bytes.find("/Outlines"), std::string::npos);
  EXPECT_NE(r.bytes.find("/Title (Beta two)"), std::string::npos);
}

TEST_F(Pdf, HeadingIsNeverLastOnAPage) {
  // Fill a page with single-line paragraphs, then a heading: wherever the break falls, the
  // heading must share its page with the paragraph that follows it.
  for (int fill = 40; fill <= 50; ++fill) {
    std::string md;
    for (int i = 0; i < fill; ++i) md += "Filler paragraph " + std::to_string(i) + ".\n\n";
    md += "## The Heading\n\nBody after heading.\n";
    auto r = render(md);
    TempPdf pdf(r.bytes);
    for (int page = 1; page <= r.pages; ++page) {
      std::string t = run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + pdf.path() + " -");
      bool heading = t.find("The Heading") != std::string::npos;
      bool body = t.find("Body after heading.") != std::string::npos;
      EXPECT_EQ(heading, body) << "fill " << fill << " page " << page;
    }
  }
}

TEST_F(Pdf, NoParagraphLeavesASingleLineOnAPage) {
  // A six-line paragraph after a varying amount of filler: wherever the page break falls, each
  // page holds none, or at least two, of its lines.
  std::string para;
  for (int i = 0; i < 60; ++i) para += "zq" + std::to_string(i) + " lorem ipsum dolor ";
  for (int fill = 38; fill <= 48; ++fill) {
    std::string md;
    for (int i = 0; i < fill; ++i) md += "Filler " + std::to_string(i) + ".\n\n";
    md += para + "\n";
    auto r = render(md);
    TempPdf pdf(r.bytes);
    int total = 0;
    for (int page = 1; page <= r.pages; ++page) {
      std::string t = run("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " " +
                          pdf.path() + " -");
      int lines = 0;
      std::size_t pos = 0;
      while (pos < t.size()) {
        std::size_t end = t.find('\n', pos);
        if (end == std::string::npos) end = t.size();
        if (t.substr(pos, end - pos).find("zq") != std::string::npos) ++lines;
        pos = end + 1;
      }
      EXPECT_NE(lines, 1) << "fill " << fill << " page " << page;
      total += lines;
    }
    EXPECT_GE(total, 4) << "fill " << fill;
  }
}

TEST_F(Pdf, ImagesPngAndSvgAreDrawnMissingOnesWarn) {
  testing::TempDir tmp;
  const std::string& dir = tmp.path();
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.2, 0.4, 0.8);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_write_to_png(s, (dir + "/box.png").c_str());
  cairo_surface_destroy(s);
  std::ofstream(dir + "/c.svg") << "<svg xmlns='http://www.w3.org/2000/svg' width='50' height='50'>"
                                   "<circle cx='25' cy='25' r='20' fill='red'/></svg>";
  // A JPEG made by poppler from a small PDF of ours: embedded as-is (DCTDecode), not decoded.
  {
    TempPdf page(render("# JPEG source\n").bytes);
    run("pdftoppm -jpeg -r 10 -singlefile " + page.path() + " " + dir + "/photo");
  }
  ConvertOptions o;
  o.base_dir = dir;
  auto r = render("![Blue box](box.png)\n\n![](c.svg)\n\n![](photo.jpg)\n\n![Gone](missing.png)\n", o);
  ASSERT_EQ(r.warnings.size(), 1u) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("missing.png"), std::string::npos);
  EXPECT_NE(r.bytes.find("/Subtype /Image"), std::string::npos);
  EXPECT_NE(r.bytes.find("/DCTDecode"), std::string::npos);
  TempPdf pdf(r.bytes);
  std::string text = text_of(pdf);
  EXPECT_NE(text.find("Blue box"), std::string::npos);  // the caption
  EXPECT_NE(text.find("[Gone]"), std::string::npos);
}

TEST_F(Pdf, BrokenPngIsAWarningNamingTheFile) {
  testing::TempDir tmp;
  const std::string& dir = tmp.path();
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 20);
  cairo_surface_write_to_png(s, (dir + "/box.png").c_str());
  cairo_surface_destroy(s);
  std::ifstream in(dir + "/box.png", std::ios::binary);
  std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(png.size(), 60u);
  std::ofstream(dir + "/cut.png", std::ios::binary) << png.substr(0, 60);  // header, no pixels
  ConvertOptions o;
  o.base_dir = dir;
  auto r = render("![Cut](cut.png)\n\nAfter the image.\n", o);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("cannot decode PNG"), std::string::npos) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("cut.png"), std::string::npos) << r.warnings[0];
  TempPdf pdf(r.bytes);
  EXPECT_NE(text_of(pdf).find("After the image."), std::string::npos);
}

TEST_F(Pdf, PageSizesAndMargins) {
  double w = 0, h = 0;
  EXPECT_TRUE(pdf::parse_page_size("A4", &w, &h));
  EXPECT_NEAR(w, 595.28, 0.01);
  EXPECT_TRUE(pdf::parse_page_size("148mm x 210mm", &w, &h));
  EXPECT_NEAR(h, 595.28, 0.01);
  EXPECT_FALSE(pdf::parse_page_size("huge", &w, &h));
  auto r = render("---\npapersize: \"100mm x 150mm\"\nmargin: 10mm\n---\nsmall\n");
  TempPdf pdf(r.bytes);
  EXPECT_NE(run("pdfinfo " + pdf.path()).find("283.465 x 425.197 pts"), std::string::npos);
  auto bad = engine_.render("---\npapersize: galactic\n---\nx\n");
  EXPECT_FALSE(bad.ok());
}

TEST_F(Pdf, SameInputGivesSameBytes) {
  std::string md = "---\ntitle: Same\ndate: 2024-05-01\n---\n# A\n\n[x](https://example.com) text\n";
  auto a = render(md);
  auto b = render(md);
  PdfEngine other;
  auto c = other.render(md);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.bytes, c->bytes);
  EXPECT_EQ(a.bytes.find("/CreationDate"), std::string::npos);
}

TEST_F(Pdf, ConvertMarkdownRunsOnManyThreadsAtOnce) {
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &out] {
      for (int i = 0; i < 3; ++i) {
        auto r = convert_markdown("# Thread " + std::to_string(t) + "\n\nΕλληνικά 日本語 " + std::to_string(i) + "\n",
                                  Format::kPdf);
        if (r.ok()) out[t] = r->bytes;
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) {
    ASSERT_FALSE(out[t].empty());
    TempPdf pdf(out[t]);
    EXPECT_NE(text_of(pdf).find("Thread " + std::to_string(t)), std::string::npos);
  }
}

TEST_F(Pdf, EngineIsReusableAcrossDocumentsAndThemes) {
  for (const char* theme : {"default", "classic", "modern", "default"}) {
    ConvertOptions o;
    o.theme = theme;
    auto r = render(std::string("# ") + theme + "\n\nbody\n", o);
    TempPdf pdf(r.bytes);
    EXPECT_NE(text_of(pdf).find(theme), std::string::npos);
  }
}


// Each document rendered by an engine of its own (nothing cached before it); a failed render
// is left out.
std::vector<std::string> fresh_bytes(const std::vector<std::string>& documents) {
  std::vector<std::string> bytes;
  for (const std::string& md : documents) {
    PdfEngine fresh;
    auto r = fresh.render(md);
    EXPECT_TRUE(r.ok());
    if (r.ok()) bytes.push_back(r->bytes);
  }
  return bytes;
}

// Laid-out texts are cached across documents (layout_engine.cpp, LayoutCache): a document must
// come out byte for byte as from a fresh engine, whatever the engine rendered before — the same
// texts at other widths, in other table columns, in other themes and languages.
TEST_F(Pdf, CachedLayoutsGiveTheBytesOfAFreshEngine) {
  const std::string cells = "| Item | Description |\n|---|---|\n| Widget | A sturdy widget for everyday use in the "
                            "workshop and at home |\n| Gadget | Widget |\n";
  const std::string a = "# Title\n\nA paragraph long enough to be hyphenated: internationalization, "
                        "responsibilities, characteristically.\n\n" + cells;
  // Same texts, other widths: a narrower column, a list, a quote, other languages and themes.
  const std::string b = "| Description | Item | Widget | Gadget |\n|---|---|---|---|\n| A sturdy widget for "
                        "everyday use in the workshop and at home | Widget | Item | Title |\n\n> A paragraph long "
                        "enough to be hyphenated: internationalization, responsibilities, characteristically.\n\n"
                        "- Widget\n- # Title\n";
  const std::vector<std::string> expected = fresh_bytes({a, b});
  ASSERT_EQ(expected.size(), 2u);
  ConvertOptions classic;
  classic.theme = "classic";
  render(b);
  render("---\nlang: de\n---\n" + a);
  render(a, classic);
  EXPECT_EQ(render(a).bytes, expected[0]);
  EXPECT_EQ(render(b).bytes, expected[1]);
  EXPECT_EQ(render(a).bytes, expected[0]);
}

// The cache's key describes a text's attributes itself (not with pango_attr_list_to_string):
// texts that differ only in their attributes, their extent or their values (emphasis, strong,
// code, strikethrough, links, the theme's colours) must each get their own layout.
TEST_F(Pdf, TextsDifferingOnlyInAttributesAreLaidOutEach) {
  const std::vector<std::string> variants = {
      "alpha beta gamma\n",        "*alpha* beta gamma\n",      "**alpha** beta gamma\n",
      "`alpha` beta gamma\n",      "~~alpha~~ beta gamma\n",    "[alpha](#x) beta gamma\n",
      "*alpha beta* gamma\n",      "***alpha*** beta gamma\n",  "# alpha beta gamma\n",
      "> alpha beta gamma\n",      "| alpha beta gamma |\n|---|\n| x |\n"};
  const std::vector<std::string> fresh = fresh_bytes(variants);
  ASSERT_EQ(fresh.size(), variants.size());
  ConvertOptions classic;
  classic.theme = "classic";
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < variants.size(); ++i) {
      EXPECT_EQ(render(variants[i]).bytes, fresh[i]) << variants[i];
      render(variants[i], classic);
    }
  }
}

// Words on a page with their boxes (pdftotext -bbox).
struct Word {
  std::string text;
  double x_min = 0, x_max = 0, y_min = 0;
};

std::vector<Word> words_of(const TempPdf& pdf) {
  std::vector<Word> words;
  std::string xml = run("pdftotext -bbox " + pdf.path() + " -");
  for (std::size_t pos = xml.find("<word "); pos != std::string::npos; pos = xml.find("<word ", pos + 1)) {
    Word w;
    std::size_t x0 = xml.find("xMin=\"", pos), x1 = xml.find("xMax=\"", pos);
    std::size_t y0 = xml.find("yMin=\"", pos);
    std::size_t open = xml.find('>', pos), close = xml.find("</word>", pos);
    if (x0 == std::string::npos || x1 == std::string::npos || y0 == std::string::npos ||
        close == std::string::npos) {
      break;
    }
    w.x_min = std::stod(xml.substr(x0 + 6));
    w.x_max = std::stod(xml.substr(x1 + 6));
    w.y_min = std::stod(xml.substr(y0 + 6));
    w.text = xml.substr(open + 1, close - open - 1);
    words.push_back(std::move(w));
  }
  return words;
}

// A text that fits on one line is laid out unwrapped (shaped once; Pango shapes the runs of a
// wrapped text twice) and placed where its alignment at the width asked for would put it
// (layout_engine.cpp, one_line_within): right-aligned list numbers end before their item, the centred
// footer is centred between the margins, the right-aligned header ends at the right margin,
// a centred caption is centred, and a link on a one-line paragraph is where its text is.
TEST_F(Pdf, OneLineTextsArePlacedWhereTheirAlignmentPutsThem) {
  std::string md = "---\ntitle: Placed\nheader: \"Righthead\"\nfooter: \"Midfoot\"\n---\n";
  for (int i = 1; i <= 3; ++i) md += std::to_string(i) + ". item" + std::to_string(i) + "\n";
  md += "\nSee [the linked words](https://example.com/x) here.\n";
  auto r = render(md);
  TempPdf pdf(r.bytes);
  std::vector<Word> words = words_of(pdf);
  auto find = [&](const std::string& text) {
    for (const Word& w : words) {
      if (w.text == text) return w;
    }
    ADD_FAILURE() << "no word " << text;
    return Word{};
  };
  const double page_width = 595.276, margin = 51;
  // List numbers are right-aligned in the indent, 4 pt before the item's text.
  EXPECT_NEAR(find("1.").x_max, find("item1").x_min - 4, 0.05);
  EXPECT_NEAR(find("3.").x_max, find("item3").x_min - 4, 0.05);
  const Word foot = find("Midfoot");
  EXPECT_NEAR((foot.x_min + foot.x_max) / 2, page_width / 2, 0.5);
  EXPECT_NEAR(find("Righthead").x_max, page_width - margin, 0.5);
  EXPECT_NEAR(find("See").x_min, margin, 0.5);
  // The link annotation covers "the linked words": its left edge is the word's.
  if (!testing::have_tool("qpdf")) return;
  std::string annots = run("qpdf --qdf --object-streams=disable " + pdf.path() + " - 2>/dev/null");
  std::size_t rect = annots.find("/Rect [");
  ASSERT_NE(rect, std::string::npos);
  EXPECT_NEAR(std::stod(annots.substr(rect + 7)), find("the").x_min, 0.5);
}

// A list number wider than the list indent ("100." at the default theme's) stays on one line,
// still ending 4 pt before its item, reaching further left instead of wrapping in its column.
TEST_F(Pdf, WideListNumbersDoNotWrap) {
  auto r = render("9. nine\n10. ten\n11. eleven\n\nBetween.\n\n99. a\n100. b\n");
  TempPdf pdf(r.bytes);
  std::vector<Word> words = words_of(pdf);
  auto find = [&](const std::string& text) {
    for (const Word& w : words) {
      if (w.text == text) return w;
    }
    ADD_FAILURE() << "no word " << text << " in: " << text_of(pdf);
    return Word{};
  };
  for (const auto& [number, item] : {std::pair{"9.", "nine"}, {"10.", "ten"}, {"11.", "eleven"},
                                     {"99.", "a"}, {"100.", "b"}}) {
    const Word n = find(number);
    const Word i = find(item);
    EXPECT_NEAR(n.x_max, i.x_min - 4, 0.05) << number;
    EXPECT_NEAR(n.y_min, i.y_min, 0.5) << number << " is on its item's line";
  }
}

// A theme with [paragraphs] align = "justify": every wrapped line of a paragraph ends at the
// right margin (its last line does not), and the HTML gets the same alignment; the default
// theme's paragraphs stay ragged. A bad value is an error naming the key.
TEST_F(Pdf, JustifiedParagraphsFillTheLine) {
  testing::TempDir dir;
  std::ofstream(dir.path() + "/justified.toml") << "[paragraphs]\nalign = \"justify\"\n";
  std::string md = "A paragraph";
  for (int i = 0; i < 20; ++i) md += " with words of unequal length" + std::string(i % 3 == 0 ? " extraordinarily" : "");
  md += " ending here.\n";
  const double right = 595.276 - 51;  // the default theme's page and right margin
  auto line_ends = [&](const ConvertResult& r) {
    TempPdf pdf(r.bytes);
    std::vector<std::pair<double, double>> ends;  // y, rightmost x of the line
    for (const Word& w : words_of(pdf)) {  // the paragraph's words (the footer after them)
      if (!ends.empty() && ends.back().second < 0) break;
      if (!ends.empty() && std::abs(ends.back().first - w.y_min) < 1) {
        ends.back().second = std::max(ends.back().second, w.x_max);
      } else {
        ends.emplace_back(w.y_min, w.x_max);
      }
      if (w.text == "here.") ends.emplace_back(0, -1);  // the end of the paragraph
    }
    if (!ends.empty() && ends.back().second < 0) ends.pop_back();
    return ends;
  };
  ConvertOptions o;
  o.theme = "justified.toml";
  o.base_dir = dir.path();
  const auto justified = line_ends(render(md, o));
  ASSERT_GE(justified.size(), 5u);
  for (std::size_t i = 0; i + 1 < justified.size(); ++i) EXPECT_NEAR(justified[i].second, right, 0.6) << "line " << i;
  EXPECT_LT(justified.back().second, right - 20) << "the last line is not stretched";
  int short_lines = 0;
  for (const auto& [y, x] : line_ends(render(md))) short_lines += x < right - 2;
  EXPECT_GE(short_lines, 2) << "the default theme's lines are ragged";

  auto html = convert_markdown(md, Format::kHtml, o);
  ASSERT_TRUE(html.ok());
  EXPECT_NE(html->bytes.find("text-align: justify"), std::string::npos);
  std::ofstream(dir.path() + "/bad.toml") << "[paragraphs]\nalign = \"centre\"\n";
  o.theme = "bad.toml";
  auto bad = engine_.render(md, o);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("paragraphs.align"), std::string::npos) << bad.error().format();
}

// The streams of the PDF writer: deflated at libdeflate's level 1 (faster, a little larger than
// level 6), and inflate back with zlib to what went in.
TEST(Deflate, StreamsAreLevelOneAndRoundTrip) {
  std::string data;
  for (int i = 0; i < 20000; ++i) data += "BT /F1 10 Tf " + std::to_string(i * 7919 % 10007) + " 0 Td (x) Tj ET\n";
  std::string level1 = "prefix", level6;
  pdf::deflate_append(data, &level1);
  ASSERT_EQ(level1.compare(0, 6, "prefix"), 0);  // appended
  level1.erase(0, 6);
  pdf::deflate_append(data, &level6, 6);
  EXPECT_GT(level1.size(), level6.size());
  EXPECT_LT(level1.size(), data.size() / 3);
  std::string back(data.size(), '\0');
  uLongf len = static_cast<uLongf>(back.size());
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(back.data()), &len, reinterpret_cast<const Bytef*>(level1.data()),
                       static_cast<uLong>(level1.size())),
            Z_OK);
  EXPECT_EQ(len, data.size());
  EXPECT_TRUE(back == data);
}

}  // namespace
}  // namespace docforge::document
