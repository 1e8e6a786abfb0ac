// The PDF engine's font subset (src/document/pdf/font_config.h) must pick, for every character
// of the theme's families, the face the full system configuration picks: checked character by
// character for the built-in themes' families in several styles and languages, with Pango's
// own fontsets.
#include "document/pdf/font_config.h"
#include "document/pango_oracle.h"

#include <fontconfig/fontconfig.h>
#include <gtest/gtest.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "docforge/document.h"

#include "document/pdf_test_leaks.h"

namespace docforge::document::pdf {
namespace {

struct Face {
  std::string id;  // file#index
  FcCharSet* chars = nullptr;
};

// The fonts of a Pango fontset in the order Pango tries them for a character.
std::vector<Face> faces(PangoFontMap* map, PangoContext* context, const PangoFontDescription* desc,
                        const char* lang) {
  std::vector<Face> out;
  PangoFontset* set = pango_font_map_load_fontset(map, context, desc, pango_language_from_string(lang));
  pango_fontset_foreach(
      set,
      [](PangoFontset*, PangoFont* font, gpointer data) -> gboolean {
        FcPattern* p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
        FcChar8* file = nullptr;
        int index = 0;
        Face f;
        FcPatternGetString(p, FC_FILE, 0, &file);
        FcPatternGetInteger(p, FC_INDEX, 0, &index);
        FcPatternGetCharSet(p, FC_CHARSET, 0, &f.chars);
        f.id = std::string(reinterpret_cast<const char*>(file)) + "#" + std::to_string(index);
        static_cast<std::vector<Face>*>(data)->push_back(f);
        return FALSE;
      },
      &out);
  g_object_unref(set);  // the font map keeps the fonts (and their patterns) alive
  return out;
}

const Face* first_with(const std::vector<Face>& list, FcChar32 c) {
  for (const Face& f : list) {
    if (f.chars != nullptr && FcCharSetHasChar(f.chars, c)) return &f;
  }
  return nullptr;
}

TEST(FontSubset, PicksTheSystemsFaceForEveryCharacterItHas) {
  if (default_font_set() != FontSet::kFast) GTEST_SKIP() << "font subset off (DOCFORGE_FONTS=system or no fonts)";
  PangoFontMap* fast = new_font_map(FontSet::kFast);
  PangoFontMap* system = new_font_map(FontSet::kSystem);
  PangoContext* fast_ctx = pango_font_map_create_context(fast);
  PangoContext* system_ctx = pango_font_map_create_context(system);
  // The families of the built-in themes (src/document/themes/*.toml).
  const char* families[] = {"DejaVu Sans", "DejaVu Sans Mono", "Liberation Serif, DejaVu Serif",
                            "Liberation Sans, DejaVu Sans", "Liberation Mono, DejaVu Sans Mono"};
  const char* langs[] = {"en-US", "de", "ru", "el", "ar", "he", "th", "hi", "ja", "zh-CN", "ko", "vi"};
  int compared = 0;
  for (const char* family : families) {
    const CharCoverage* covered = fast_set_chars({family});
    ASSERT_NE(covered, nullptr) << family;
    const std::vector<std::uint32_t> chars = covered->chars();
    for (int style = 0; style < 3; ++style) {
      PangoFontDescription* desc = pango_font_description_new();
      pango_font_description_set_family(desc, family);
      pango_font_description_set_absolute_size(desc, 10 * PANGO_SCALE);
      if (style == 1) pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
      if (style == 2) pango_font_description_set_style(desc, PANGO_STYLE_ITALIC);
      for (const char* lang : langs) {
        std::vector<Face> sub = faces(fast, fast_ctx, desc, lang);
        std::vector<Face> all = faces(system, system_ctx, desc, lang);
        ASSERT_FALSE(sub.empty());
        int mismatches = 0;
        for (std::uint32_t c : chars) {
          const Face* a = first_with(sub, c);
          ASSERT_NE(a, nullptr);
          const Face* e = first_with(all, c);
          ++compared;
          if (e == nullptr || a->id != e->id) {
            if (++mismatches <= 5) {
              ADD_FAILURE() << family << " style " << style << " lang " << lang << " U+" << std::hex << c
                            << ": subset " << a->id << ", system " << (e ? e->id : std::string("none"));
            }
          }
        }
      }
      pango_font_description_free(desc);
    }
  }
  EXPECT_GT(compared, 100000);
  g_object_unref(fast_ctx);
  g_object_unref(system_ctx);
  g_object_unref(fast);
  g_object_unref(system);
}

TEST(FontSubset, QuickCheckOfTheText) {
  if (default_font_set() != FontSet::kFast) GTEST_SKIP() << "font subset off";
  const CharCoverage* chars = fast_set_chars({"DejaVu Sans", "DejaVu Sans", "DejaVu Sans Mono"});
  ASSERT_NE(chars, nullptr);
  EXPECT_TRUE(has_chars(chars, "Invoice 2026-11 \xE2\x82\xAC 1.234,50 d\xC3\xA9j\xC3\xA0 vu \xCE\xB1\xCE\xB2 \xD0\xB6"));
  EXPECT_TRUE(has_chars(chars, "soft\xC2\xADhyphen zero\xE2\x80\x8Bwidth"));
  EXPECT_FALSE(has_chars(chars, "\xF4\x8F\xBF\xBD"));              // U+10FFFD: no font has it
  EXPECT_FALSE(has_chars(chars, "\xE6\x97\xA5"));                   // CJK: not in DejaVu
  EXPECT_FALSE(has_chars(chars, "\xFF"));                          // not UTF-8
  EXPECT_NE(fast_set_chars({"DejaVu Sans, liberation  serif"}), nullptr);
  EXPECT_EQ(fast_set_chars({"DejaVu Sans, Comic Sans MS"}), nullptr);
  EXPECT_EQ(fast_set_chars({"sans-serif"}), nullptr);  // the system's rules decide what that is
}

// Documents the subset cannot draw look as they do with every font: CJK (not in the subset)
// in the same faces, a theme naming a family outside it, and the warning for a character
// that no installed font has.
TEST(FontSubset, DocumentsItLacksUseEveryFont) {
  if (default_font_set() != FontSet::kFast) GTEST_SKIP() << "font subset off";
  PdfEngine engine;
  auto cjk = engine.render("# \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\n\ntext \xE4\xB8\xAD\xE6\x96\x87\n");
  ASSERT_TRUE(cjk.ok());
  EXPECT_TRUE(cjk->warnings.empty());
  EXPECT_NE(cjk->bytes.find("NotoSansCJK"), std::string::npos);
  // Characters of the subset but not of the theme's families, written as entities (which the
  // quick check of the source cannot see): drawn as when written out, which the check sends
  // to the full font list. (Without the check of the drawn runs, some come out in DejaVu
  // Serif or Liberation where the system picks a Noto face.)
  const CharCoverage* others = fast_set_chars({"DejaVu Serif, Liberation Serif, Liberation Sans"});
  const CharCoverage* sans = fast_set_chars({"DejaVu Sans", "DejaVu Sans Mono"});
  ASSERT_NE(others, nullptr);
  ASSERT_NE(sans, nullptr);
  std::string written = "Not in DejaVu Sans:", escaped = written;
  for (std::uint32_t c : others->chars()) {
    if (sans->has(c) || !g_unichar_isgraph(c)) continue;
    char utf8[8] = {};
    g_unichar_to_utf8(c, utf8);
    char entity[16];
    std::snprintf(entity, sizeof entity, "&#x%X;", static_cast<unsigned>(c));
    written += std::string(" ") + utf8;
    escaped += std::string(" ") + entity;
  }
  auto a = engine.render(written + "\n");
  auto b = engine.render(escaped + "\n");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->bytes == b->bytes) << "characters written as entities came out in other faces";
  auto missing = engine.render("A private-use character: \xF4\x8F\xBF\xBD here.\n");
  ASSERT_TRUE(missing.ok());
  ASSERT_EQ(missing->warnings.size(), 1u);
  EXPECT_NE(missing->warnings[0].find("U+10FFFD"), std::string::npos);
}

}  // namespace
}  // namespace docforge::document::pdf
