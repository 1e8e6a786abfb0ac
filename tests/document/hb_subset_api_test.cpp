// hb-subset opened on first use (src/document/pdf/hb_subset_api.h): the table resolves once,
// a missing library is an error value, TrueType subsets never load it and CFF subsets still
// work through it. ctest runs each TEST in a process of its own, so "not loaded yet" holds at
// the start of each test there (when the whole binary runs, an earlier test may have loaded it).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "document/pdf/font_subset.h"
#include "document/pdf/hb_subset_api.h"

namespace docforge::document::pdf {
namespace {

constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kNotoCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

bool hb_subset_loaded() {
  void* h = dlopen(kHbSubsetSoname, RTLD_LAZY | RTLD_NOLOAD);
  if (h != nullptr) dlclose(h);  // drops the reference RTLD_NOLOAD took
  return h != nullptr;
}

// A FontFace of the file's first face, or nullptr when the file is missing.
std::unique_ptr<FontFace> open_face(const char* path) {
  if (!std::ifstream(path).good()) return nullptr;
  hb_blob_t* blob = hb_blob_create_from_file(path);
  hb_face_t* face = hb_face_create(blob, 0);
  auto out = std::make_unique<FontFace>(face, path);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return out;
}

// The glyph ids of these code points (sorted, unique, as FontSubsetCache::get wants them).
std::vector<uint32_t> glyphs_of(const FontFace& face, std::u32string_view text) {
  hb_font_t* font = hb_font_create(face.face());
  std::vector<uint32_t> out;
  for (char32_t c : text) {
    hb_codepoint_t g = 0;
    if (hb_font_get_nominal_glyph(font, c, &g)) out.push_back(g);
  }
  hb_font_destroy(font);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TEST(HbSubsetApi, ResolvesEveryFunctionOnce) {
  auto api = hb_subset_api();
  ASSERT_TRUE(api.ok()) << api.error().message;
  const HbSubsetApi* t = api.value();
  EXPECT_NE(t->input_create_or_fail, nullptr);
  EXPECT_NE(t->input_destroy, nullptr);
  EXPECT_NE(t->input_glyph_set, nullptr);
  EXPECT_NE(t->input_set, nullptr);
  EXPECT_NE(t->input_set_flags, nullptr);
  EXPECT_NE(t->plan_create_or_fail, nullptr);
  EXPECT_NE(t->plan_destroy, nullptr);
  EXPECT_NE(t->plan_old_to_new_glyph_mapping, nullptr);
  EXPECT_NE(t->plan_execute_or_fail, nullptr);
  EXPECT_TRUE(hb_subset_loaded());
  auto again = hb_subset_api();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), t);  // the same table: loaded once
}

TEST(HbSubsetApi, AMissingLibraryIsAnErrorValue) {
  auto api = load_hb_subset("libdocforge-no-such-library.so.0");
  ASSERT_FALSE(api.ok());
  EXPECT_EQ(api.error().kind, ErrorKind::kInternal);
  const std::string& m = api.error().message;
  EXPECT_NE(m.find("cannot subset CFF/OpenType fonts"), std::string::npos) << m;
  EXPECT_NE(m.find("libdocforge-no-such-library.so.0"), std::string::npos) << m;
}

TEST(HbSubsetApi, TrueTypeSubsetsDoNotLoadIt) {
  auto face = open_face(kDejaVu);
  if (!face) GTEST_SKIP() << "DejaVu Sans not installed";
  ASSERT_FALSE(face->cff());
  const bool before = hb_subset_loaded();
  FontSubsetCache cache;
  auto s = cache.get(*face, glyphs_of(*face, U"Hello"));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_FALSE((*s)->cff);
  if (!before) {
    EXPECT_FALSE(hb_subset_loaded()) << "a TrueType subset loaded " << kHbSubsetSoname;
  }
}

TEST(HbSubsetApi, CffSubsetsGoThroughIt) {
  auto face = open_face(kNotoCjk);
  if (!face) GTEST_SKIP() << "Noto Sans CJK not installed";
  ASSERT_TRUE(face->cff());
  std::vector<uint32_t> glyphs = glyphs_of(*face, U"\u65E5\u672C\u8A9E");
  ASSERT_EQ(glyphs.size(), 3u);
  FontSubsetCache cache;
  auto s = cache.get(*face, glyphs);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(hb_subset_loaded());
  EXPECT_TRUE((*s)->cff);
  std::string font((*s)->length, '\0');
  uLongf len = static_cast<uLongf>(font.size());
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(font.data()), &len,
                       reinterpret_cast<const Bytef*>((*s)->deflated.data()), static_cast<uLong>((*s)->deflated.size())),
            Z_OK);
  EXPECT_EQ(font.substr(0, 4), "OTTO");
  for (std::size_t i = 0; i < glyphs.size(); ++i) EXPECT_EQ((*s)->code(glyphs[i]), i + 1);  // renumbered
}

}  // namespace
}  // namespace docforge::document::pdf
