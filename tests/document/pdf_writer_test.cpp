// The direct PDF writer (src/document/pdf/pdf_writer.h), its font subsets and its images,
// checked with qpdf and poppler-utils on PDFs of the engine and of the writer alone.
#include <cairo.h>
#include <gtest/gtest.h>
#include <hb.h>
#include <zlib.h>

#include <fstream>
#include <regex>

#include "docforge/document.h"
#include "document/pdf/font_subset.h"
#include "document/pdf/pdf_writer.h"
#include "document/pdf/truetype_subset.h"
#include "pdf_test_leaks.h"
#include "pdf_test_util.h"


namespace docforge::document {
namespace {

using testing::run;
using testing::TempPdf;

constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

bool have_file(const char* path) { return std::ifstream(path).good(); }

bool have_tools() {
  return testing::have_tool("qpdf") && testing::have_tool("pdftotext") && testing::have_tool("pdfinfo");
}

// The PDF with every stream decompressed (qpdf's QDF form), for looking inside.
std::string uncompressed(const TempPdf& pdf) {
  return run("qpdf --qdf --object-streams=disable " + pdf.path() + " -");
}

void expect_valid(const TempPdf& pdf) {
  int status = 0;
  std::string check = run("qpdf --check " + pdf.path() + " 2>&1", &status);
  EXPECT_EQ(status, 0) << check;
  EXPECT_NE(check.find("No syntax or stream encoding errors"), std::string::npos) << check;
}

struct Face {
  hb_face_t* face = nullptr;
  explicit Face(const char* path, unsigned index = 0) {
    hb_blob_t* blob = hb_blob_create_from_file(path);
    face = hb_face_create(blob, index);
    hb_blob_destroy(blob);
  }
  ~Face() { hb_face_destroy(face); }
  // The glyphs HarfBuzz shapes `text` into with the face's default features.
  std::vector<uint32_t> shape(const char* text) const {
    hb_font_t* font = hb_font_create(face);
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text, -1, 0, -1);
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, nullptr, 0);
    unsigned n = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    std::vector<uint32_t> out;
    for (unsigned i = 0; i < n; ++i) out.push_back(info[i].codepoint);
    hb_buffer_destroy(buf);
    hb_font_destroy(font);
    return out;
  }
};

std::string inflate(const std::string& in) {
  std::string out(in.size() * 8 + 1024, '\0');
  uLongf len = static_cast<uLongf>(out.size());
  while (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(in.data()),
                    static_cast<uLong>(in.size())) == Z_BUF_ERROR) {
    out.resize(out.size() * 2);
    len = static_cast<uLongf>(out.size());
  }
  out.resize(len);
  return out;
}

TEST(FontSubsetCache, SameGlyphBlocksAreSubsetOnceAndKeepGlyphIds) {
  if (!have_file(kDejaVu)) GTEST_SKIP() << "DejaVu Sans not installed";
  Face f(kDejaVu);
  pdf::FontFace face(f.face, "dejavu:0");
  EXPECT_FALSE(face.cff());
  EXPECT_EQ(face.postscript_name(), "DejaVuSans");
  pdf::FontSubsetCache cache;
  std::vector<uint32_t> glyphs = f.shape("Hello");
  std::sort(glyphs.begin(), glyphs.end());
  glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
  auto a = cache.get(face, glyphs);
  auto b = cache.get(face, glyphs);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get());  // served from the cache: the same bytes, not made again
  EXPECT_EQ(cache.made(), 1u);
  // Another glyph in a block already there: the same subset. One in a new block: a new one.
  std::vector<uint32_t> same_block = glyphs;
  same_block.push_back(f.shape("Z")[0]);
  std::sort(same_block.begin(), same_block.end());
  ASSERT_EQ(same_block.back() / pdf::FontSubsetCache::kBlock, glyphs.back() / pdf::FontSubsetCache::kBlock);
  auto b2 = cache.get(face, same_block);
  ASSERT_TRUE(b2.ok());
  EXPECT_EQ(b2->get(), a->get());
  EXPECT_EQ(cache.made(), 1u);
  std::vector<uint32_t> more = glyphs;
  more.push_back(f.shape("\u20AC")[0]);  // the euro sign, far from the letters
  ASSERT_GE(more.back() / pdf::FontSubsetCache::kBlock, glyphs.back() / pdf::FontSubsetCache::kBlock + 2);
  auto c = cache.get(face, more);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(cache.made(), 2u);
  EXPECT_TRUE((*c)->deflated != (*a)->deflated);
  EXPECT_NE((*c)->tag, (*a)->tag);
  // A TrueType file, far smaller than the 740 kB face, with the original glyph ids: the
  // subset has as many glyphs as the end of the highest block kept.
  std::string font = inflate((*a)->deflated);
  ASSERT_EQ(font.size(), (*a)->length);
  ASSERT_GT(font.size(), 12u);
  EXPECT_EQ(font.substr(0, 4), std::string("\0\1\0\0", 4));
  EXPECT_LT(font.size(), 40000u);
  hb_blob_t* blob = hb_blob_create(font.data(), static_cast<unsigned>(font.size()), HB_MEMORY_MODE_READONLY,
                                   nullptr, nullptr);
  hb_face_t* sub = hb_face_create(blob, 0);
  const uint32_t block = pdf::FontSubsetCache::kBlock;
  EXPECT_EQ(hb_face_get_glyph_count(sub), (glyphs.back() / block + 1) * block);
  hb_face_destroy(sub);
  hb_blob_destroy(blob);
  // A fresh cache makes the same bytes.
  pdf::FontSubsetCache other;
  auto d = other.get(face, glyphs);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE((*d)->deflated == (*a)->deflated);
  EXPECT_EQ((*d)->tag, (*a)->tag);
}

// Our TrueType subsetter keeps a composite glyph's components (DejaVu Sans draws "À" from "A"
// and a ring): the glyph has the extents of the original, every other glyph id but .notdef is
// empty, and advances are kept.
TEST(FontSubsetCache, ToUnicodeMapsDeflateOncePerText) {
  pdf::FontSubsetCache cache;
  const std::string a = "1 beginbfchar\n<0024> <0041>\nendbfchar\n", b = a + "%";
  const std::string first = cache.deflated_cmap(a);
  EXPECT_EQ(inflate(first), a);
  EXPECT_EQ(cache.deflated_cmap(a), first);
  EXPECT_EQ(inflate(cache.deflated_cmap(b)), b);
  // Past a generation's worth of other maps, the first is still served (from the previous
  // generation) with the same bytes.
  for (std::size_t i = 0; i < pdf::FontSubsetCache::kGeneration; ++i) cache.deflated_cmap(a + std::to_string(i));
  EXPECT_EQ(cache.deflated_cmap(a), first);
}

TEST(TrueTypeSubset, KeepsCompositeComponentsAndGlyphIds) {
  if (!have_file(kDejaVu)) GTEST_SKIP() << "DejaVu Sans not installed";
  Face f(kDejaVu);
  const uint32_t a_grave = f.shape("\u00C0")[0], a = f.shape("A")[0];
  std::string font = pdf::subset_truetype(f.face, {a_grave});
  ASSERT_FALSE(font.empty());
  hb_blob_t* blob = hb_blob_create(font.data(), static_cast<unsigned>(font.size()), HB_MEMORY_MODE_READONLY,
                                   nullptr, nullptr);
  hb_face_t* sub = hb_face_create(blob, 0);
  hb_font_t* original = hb_font_create(f.face);
  hb_font_t* subset = hb_font_create(sub);
  EXPECT_GT(hb_face_get_glyph_count(sub), a_grave);  // up to the highest id kept (the grave accent's)
  hb_glyph_extents_t want{}, got{};
  ASSERT_TRUE(hb_font_get_glyph_extents(original, a_grave, &want));
  ASSERT_TRUE(hb_font_get_glyph_extents(subset, a_grave, &got));
  EXPECT_EQ(got.x_bearing, want.x_bearing);
  EXPECT_EQ(got.y_bearing, want.y_bearing);
  EXPECT_EQ(got.width, want.width);
  EXPECT_EQ(got.height, want.height);
  EXPECT_NE(got.height, 0);
  EXPECT_EQ(hb_font_get_glyph_h_advance(subset, a_grave), hb_font_get_glyph_h_advance(original, a_grave));
  hb_glyph_extents_t component{};
  hb_font_get_glyph_extents(subset, a, &component);
  EXPECT_NE(component.height, 0);  // "A", kept as a component of "À"
  hb_glyph_extents_t other{};
  hb_font_get_glyph_extents(subset, f.shape("B")[0], &other);
  EXPECT_EQ(other.width, 0);  // not asked for: empty
  hb_font_destroy(subset);
  hb_font_destroy(original);
  hb_face_destroy(sub);
  hb_blob_destroy(blob);
  // A CFF face is not for it.
  if (have_file(kNotoCjk)) {
    EXPECT_TRUE(pdf::subset_truetype(Face(kNotoCjk).face, {1, 2}).empty());
  }
}

TEST(FontSubsetCache, CffFacesAreSubsetAsOpenType) {
  if (!have_file(kNotoCjk)) GTEST_SKIP() << "Noto Sans CJK not installed";
  Face f(kNotoCjk);
  pdf::FontFace face(f.face, "noto-cjk:0");
  ASSERT_TRUE(face.cff());
  std::vector<uint32_t> glyphs = f.shape("日本語");
  std::sort(glyphs.begin(), glyphs.end());
  pdf::FontSubsetCache cache;
  auto s = cache.get(face, glyphs);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE((*s)->cff);
  std::string font = inflate((*s)->deflated);
  EXPECT_EQ(font.substr(0, 4), "OTTO");
  EXPECT_LT((*s)->deflated.size(), 20000u);  // of a 16 MB face
  // Renumbered: .notdef, then the three glyphs in the order of their original ids.
  ASSERT_EQ((*s)->remap.size(), glyphs.size() + 1);
  for (std::size_t i = 0; i < glyphs.size(); ++i) EXPECT_EQ((*s)->code(glyphs[i]), i + 1);
  EXPECT_EQ((*s)->code(0), 0u);
}

// A PDF of the writer alone: shapes, a glyph run whose glyph stands for several letters, links,
// destinations and a nested outline with a non-ASCII title.
TEST(PdfWriter, WritesAValidPdfWithTextOutlineAndLinks) {
  if (!have_tools() || !have_file(kDejaVu)) GTEST_SKIP() << "qpdf, poppler-utils or DejaVu Sans missing";
  Face f(kDejaVu);
  auto face = std::make_shared<pdf::FontFace>(f.face, "dejavu:0");
  pdf::PdfWriter w(300, 200);
  w.begin_page();
  w.fill_rect(10, 10, 50, 20, pdf::Rgb{1, 0, 0});
  const double dash[] = {1, 2};
  w.stroke_line(10, 40, 100, 40, 0.5, pdf::Rgb{0, 0, 1}, dash);
  int font = w.font(face);
  std::vector<uint32_t> ids = f.shape("Hi");
  uint32_t x_glyph = f.shape("x")[0];
  // Placed at their advances, so that pdftotext sees one word.
  const double x1 = 20 + face->advance(ids[0]) * 12 / 1000, x2 = x1 + face->advance(ids[1]) * 12 / 1000;
  std::vector<pdf::PositionedGlyph> glyphs = {{ids[0], 20, 80}, {ids[1], x1, 80}, {x_glyph, x2, 80}};
  w.show_glyphs(font, 12, pdf::Rgb{}, glyphs.data(), glyphs.size());
  w.map_text(font, ids[0], "H");
  w.map_text(font, ids[1], "i");
  w.map_text(font, x_glyph, "ffi");  // as a ligature would: one glyph, three letters
  w.map_text(font, x_glyph, "x");    // the first mapping stays
  w.named_dest("top", 0, 0);
  w.link_uri(20, 70, 30, 12, "https://example.com/a(b)");
  w.link_uri(20, 70, 30, 12, "https://example.com/\u00FC");
  w.link_dest(20, 90, 30, 12, "second");
  w.end_page();
  w.begin_page();
  w.named_dest("second", 0, 50);
  w.end_page();
  int top = w.outline(-1, "Überblick", 0, 0, 0);
  w.outline(top, "Child", 1, 0, 50);
  w.outline(-1, "Second", 1, 0, 0);
  pdf::DocumentInfo info;
  info.title = "Writer test";
  info.author = "Zoë";
  info.lang = "de";
  pdf::FontSubsetCache cache;
  auto bytes = w.finish(info, cache);
  ASSERT_TRUE(bytes.ok());
  TempPdf pdf(*bytes);
  expect_valid(pdf);
  std::string text = run("pdftotext " + pdf.path() + " -");
  EXPECT_NE(text.find("Hiffi"), std::string::npos) << text;
  std::string meta = run("pdfinfo " + pdf.path());
  EXPECT_NE(meta.find("Title:           Writer test"), std::string::npos) << meta;
  EXPECT_NE(meta.find("Author:          Zoë"), std::string::npos) << meta;
  EXPECT_NE(meta.find("Pages:           2"), std::string::npos) << meta;
  std::string dests = run("pdfinfo -dests " + pdf.path());
  EXPECT_NE(dests.find("\"top\""), std::string::npos) << dests;
  EXPECT_NE(dests.find("\"second\""), std::string::npos) << dests;
  std::string outline = run("qpdf --json --json-key=outlines " + pdf.path());
  EXPECT_NE(outline.find("\"title\": \"Überblick\""), std::string::npos) << outline;
  EXPECT_NE(outline.find("\"title\": \"Child\""), std::string::npos) << outline;
  EXPECT_NE(outline.find("\"title\": \"Second\""), std::string::npos) << outline;
  EXPECT_NE(bytes->find("/URI (https://example.com/a\\(b\\))"), std::string::npos);
  EXPECT_NE(bytes->find("/URI (https://example.com/%C3%BC)"), std::string::npos);
  EXPECT_NE(bytes->find("/Lang (de)"), std::string::npos);
  std::string fonts = run("pdffonts " + pdf.path());
  EXPECT_NE(fonts.find("CID TrueType"), std::string::npos) << fonts;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << fonts;
}

// Glyph codes are two raw bytes in a literal string: the bytes that need it ((, ), \ and CR,
// which a reader would turn into LF) are escaped, so every code reaches the viewer intact.
// The stroke colour and width, like the fill, are written only when they change.
TEST(PdfWriter, GlyphCodesWithStringDelimitersAndStrokeState) {
  if (!have_tools() || !have_file(kDejaVu)) GTEST_SKIP() << "qpdf, poppler-utils or DejaVu Sans missing";
  Face f(kDejaVu);
  auto face = std::make_shared<pdf::FontFace>(f.face, "dejavu:0");
  pdf::PdfWriter w(300, 200);
  w.begin_page();
  w.stroke_line(10, 40, 100, 40, 0.5, pdf::Rgb{0, 0, 1});
  w.stroke_line(10, 50, 100, 50, 0.5, pdf::Rgb{0, 0, 1});  // same state: not restated
  w.stroke_rect(10, 60, 20, 20, 0.75, pdf::Rgb{0, 0, 1});   // a new width only
  const int font = w.font(face);
  const uint32_t ids[] = {0x000D, 0x0028, 0x0029, 0x005C, 0x0A28, 0x0D5C, 0x0D0D, 0x2829 % face->glyph_count()};
  const char* letters[] = {"a", "b", "c", "d", "e", "f", "g", "h"};
  std::vector<pdf::PositionedGlyph> glyphs;
  double x = 20;
  for (uint32_t id : ids) {
    glyphs.push_back({id, x, 100});
    x += face->advance(id) * 12 / 1000;
  }
  w.show_glyphs(font, 12, pdf::Rgb{}, glyphs.data(), glyphs.size());
  for (std::size_t i = 0; i < glyphs.size(); ++i) w.map_text(font, ids[i], letters[i]);
  w.end_page();
  pdf::FontSubsetCache cache;
  auto bytes = w.finish(pdf::DocumentInfo{}, cache);
  ASSERT_TRUE(bytes.ok());
  TempPdf pdf(*bytes);
  expect_valid(pdf);
  std::string text = run("pdftotext " + pdf.path() + " -");
  EXPECT_NE(text.find("abcdefgh"), std::string::npos) << text;
  // The escapes are in the page's content (qpdf rewrites strings in its QDF form: read it raw).
  std::string content;
  for (std::size_t at = bytes->find(">>\nstream\n"); at != std::string::npos;
       at = bytes->find(">>\nstream\n", at + 1)) {
    const std::size_t start = at + 10;
    const std::size_t end = bytes->find("\nendstream", start);
    if (end == std::string::npos) break;
    std::string s = inflate(bytes->substr(start, end - start));
    if (s.find(" Tm [") != std::string::npos) content = s;
  }
  EXPECT_NE(content.find(std::string("(\0\\r\0\\(\0\\)\0\\\\", 13)), std::string::npos) << content;
  std::size_t rg = 0, widths = 0;
  for (std::size_t at = content.find(" RG\n"); at != std::string::npos; at = content.find(" RG\n", at + 1)) ++rg;
  for (std::size_t at = content.find(" w\n"); at != std::string::npos; at = content.find(" w\n", at + 1)) ++widths;
  EXPECT_EQ(rg, 1u) << content;
  EXPECT_EQ(widths, 2u) << content;
}

class PdfEngineWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_tools()) GTEST_SKIP() << "qpdf or poppler-utils not installed";
  }
  ConvertResult render(const std::string& md, ConvertOptions opts = {}) {
    auto r = engine_.render(md, opts);
    EXPECT_TRUE(r.ok()) << r.error().format();
    return r.ok() ? std::move(r.value()) : ConvertResult{};
  }
  PdfEngine engine_;
};

// A ligature glyph (DejaVu Sans draws "ffi" as one) maps back to all of its letters.
TEST_F(PdfEngineWriter, LigaturesExtractAsTheirLetters) {
  if (!have_file(kDejaVu)) GTEST_SKIP() << "DejaVu Sans not installed";
  if (Face(kDejaVu).shape("ffi").size() == 3) GTEST_SKIP() << "this DejaVu Sans has no ffi ligature";
  auto r = render("The office staff were affluent.\n");
  TempPdf pdf(r.bytes);
  expect_valid(pdf);
  std::string text = run("pdftotext " + pdf.path() + " -");
  // Without the soft hyphens of hyphenation (U+00AD, invisible inside a line).
  for (std::size_t at; (at = text.find("\u00AD")) != std::string::npos;) text.erase(at, 2);
  EXPECT_NE(text.find("The office staff were affluent."), std::string::npos) << text;
  // A ToUnicode entry with more than one character: <glyph> <0066 0066 0069>.
  std::string qdf = uncompressed(pdf);
  EXPECT_TRUE(std::regex_search(qdf, std::regex("<[0-9A-F]{4}> <006600660069>"))) << "no ffi mapping";
}

TEST_F(PdfEngineWriter, OutlineLinksAndDestinations) {
  auto r = render("---\ntoc: true\n---\n# Alpha\n\nSee [beta](#beta) and [the site](https://example.com/s).\n\n"
                  "## Alpha one\n\ntext\n\n# Beta\n\nmore\n");
  TempPdf pdf(r.bytes);
  expect_valid(pdf);
  std::string outline = run("qpdf --json --json-key=outlines " + pdf.path());
  for (const char* title : {"Alpha", "Alpha one", "Beta"}) {
    EXPECT_NE(outline.find(std::string("\"title\": \"") + title + "\""), std::string::npos) << outline;
  }
  std::string dests = run("pdfinfo -dests " + pdf.path());
  EXPECT_NE(dests.find("\"alpha\""), std::string::npos) << dests;
  EXPECT_NE(dests.find("\"beta\""), std::string::npos) << dests;
  EXPECT_NE(r.bytes.find("/Dest (beta)"), std::string::npos);  // the internal link
  EXPECT_NE(r.bytes.find("/URI (https://example.com/s)"), std::string::npos);
}

// A face without an italic or a bold gets fontconfig's synthetic slant or emboldening, as
// cairo drew them: Noto Sans CJK has no italic, Noto Sans Linear B no bold.
TEST_F(PdfEngineWriter, SyntheticObliqueAndBold) {
  if (!have_file(kNotoCjk) || !have_file("/usr/share/fonts/truetype/noto/NotoSansLinearB-Regular.ttf")) {
    GTEST_SKIP() << "Noto Sans CJK or Noto Sans Linear B not installed";
  }
  auto r = render("*\u65E5\u672C\u8A9E* and **\U00010000\U00010001**\n");
  EXPECT_TRUE(r.warnings.empty());
  TempPdf pdf(r.bytes);
  expect_valid(pdf);
  std::string qdf = uncompressed(pdf);
  EXPECT_TRUE(std::regex_search(qdf, std::regex(R"(1 0 0\.2\d* -1 [\d.]+ [\d.]+ Tm)"))) << "no slanted text matrix";
  EXPECT_NE(qdf.find(" w 2 Tr"), std::string::npos) << "no emboldened (filled and stroked) text";
  std::string text = run("pdftotext " + pdf.path() + " -");
  EXPECT_NE(text.find("\u65E5\u672C\u8A9E"), std::string::npos) << text;
}

TEST_F(PdfEngineWriter, CreationDateOnlyWhenNotReproducible) {
  ConvertOptions o;
  o.reproducible = false;
  auto r = render("# Dated\n", o);
  EXPECT_TRUE(std::regex_search(r.bytes, std::regex(R"(/CreationDate \(D:20\d{12}Z\))"))) << "no date";
  TempPdf pdf(r.bytes);
  expect_valid(pdf);
  EXPECT_NE(run("pdfinfo " + pdf.path()).find("CreationDate:"), std::string::npos);
  EXPECT_EQ(render("# Dated\n").bytes.find("/CreationDate"), std::string::npos);
}

TEST_F(PdfEngineWriter, PngWithAlphaGetsASoftMaskJpegIsEmbeddedAsIs) {
  if (!testing::have_tool("pdfimages") || !testing::have_tool("pdftoppm")) GTEST_SKIP() << "poppler-utils";
  testing::TempDir tmp;
  const std::string& dir = tmp.path();
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 30, 10);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgba(cr, 0.0, 0.5, 0.0, 0.5);  // half transparent
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_write_to_png(s, (dir + "/alpha.png").c_str());
  cairo_surface_destroy(s);
  {
    TempPdf page(render("# JPEG source\n").bytes);
    run("pdftoppm -jpeg -r 10 -singlefile " + page.path() + " " + dir + "/photo");
  }
  std::ifstream jpeg_in(dir + "/photo.jpg", std::ios::binary);
  std::string jpeg((std::istreambuf_iterator<char>(jpeg_in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(jpeg.empty());
  ConvertOptions o;
  o.base_dir = dir;
  auto r = render("![](alpha.png)\n\n![](photo.jpg)\n\n![](alpha.png)\n", o);
  EXPECT_TRUE(r.warnings.empty());
  TempPdf pdf(r.bytes);
  expect_valid(pdf);
  std::string list = run("pdfimages -list " + pdf.path());
  // page num type width height color comp bpc enc ...: the PNG (drawn twice, embedded once) with
  // its soft mask, and the JPEG.
  EXPECT_TRUE(std::regex_search(list, std::regex(R"(image\s+30\s+10\s+rgb\s+3\s+8\s+image)"))) << list;
  EXPECT_TRUE(std::regex_search(list, std::regex(R"(smask\s+30\s+10\s+gray\s+1\s+8\s+image)"))) << list;
  EXPECT_TRUE(std::regex_search(list, std::regex(R"(image\s+\d+\s+\d+\s+(rgb|gray)\s+\d\s+8\s+jpeg)"))) << list;
  EXPECT_NE(r.bytes.find(jpeg), std::string::npos) << "the JPEG file, byte for byte";
  EXPECT_EQ(testing::count(r.bytes, "/Subtype /Image"), 3);  // PNG, its mask, JPEG: each once
  // The next document draws the same files from the engine's image cache: the same bytes.
  auto again = render("![](alpha.png)\n\n![](photo.jpg)\n\n![](alpha.png)\n", o);
  EXPECT_TRUE(again.bytes == r.bytes);
  // A changed file is read again.
  cairo_surface_t* wide = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 20, 10);
  cairo_surface_write_to_png(wide, (dir + "/alpha.png").c_str());
  cairo_surface_destroy(wide);
  TempPdf changed(render("![](alpha.png)\n", o).bytes);
  EXPECT_TRUE(std::regex_search(run("pdfimages -list " + changed.path()), std::regex(R"(image\s+20\s+10\s+rgb)")));
}

}  // namespace
}  // namespace docforge::document
