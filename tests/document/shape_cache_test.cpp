// The word-level shaping cache (src/document/pdf/shape_cache.h) must give Pango exactly the
// glyphs HarfBuzz gives: texts are laid out (wrapped, so Pango also reshapes line ends) in
// several fonts without the cache, then again with one cache, cold and then warm with the
// texts in another order (words reused across texts), and every line's glyphs, positions and
// clusters must be the same.
#include "document/pdf/shape_cache.h"

#include <gtest/gtest.h>
#include <pango/pango.h>

#include <algorithm>
#include <string>
#include <vector>

#include "document/pdf/font_config.h"
#include "document/pango_oracle.h"
#include "document/pdf_test_leaks.h"

namespace docforge::document::pdf {
namespace {

const char* const kTexts[] = {
    "Designed and led the rewrite of the ingestion tier from a Java monolith to a set of C++20 services, "
    "cutting p99 latency from 180 ms to 22 ms and infrastructure cost by 38% (about $1.2M per year).",
    "Designed and led the rewrite of the ingestion tier from a Java monolith to a set of C++20 services, "
    "cutting p99 latency from 745 ms to 91 ms and infrastructure cost by 12% (about $4.7M per year).",
    "AVATAR To Yo, WAVE Tea. \"Quoted\" 'text' \xE2\x80\x94 office affluent fjord fifty flow ffi ffl.",
    "  leading and trailing spaces,   runs   of   spaces  ",
    "Cr\xC3\xA8me bru\xCC\x82le\xCC\x81" "e  e\xCC\x81\xCC\x81 x \xCC\x81 na\xC3\xAFve \xC2\xA0non-breaking\xC2\xA0space",
    "\xCE\x91\xCE\xBB\xCF\x86\xCE\xAC\xCE\xB2\xCE\xB7\xCF\x84\xCE\xBF \xCE\xB5\xCE\xBB\xCE\xBB\xCE\xB7\xCE\xBD\xCE\xB9"
    "\xCE\xBA\xCF\x8C \xD0\xA0\xD1\x83\xD1\x81\xD1\x81\xD0\xBA\xD0\xB8\xD0\xB9 \xD1\x82\xD0\xB5\xD0\xBA\xD1\x81\xD1\x82 "
    "mixed with Latin words and 123 456 789.",
    "Soft\xC2\xADhyphen\xC2\xAD" "ated won\xC2\xAD" "der\xC2\xAD" "ful words and a tab\there.",
    "Arabic \xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 and Hebrew \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D and CJK "
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E in one paragraph.",
    "Total: 1,234.56 EUR \xE2\x80\xA2 VAT 19% \xE2\x80\xA2 Due 2026-12-31 \xE2\x80\xA2 Invoice #A-7731/B",
    // No font has U+10FFFD: Pango's hex box asks for the font's metrics, which shapes a sample
    // text from inside the shaping of this one.
    "A character no font has: \xF4\x8F\xBF\xBD in a sentence with words seen before.",
};

const char* const kFonts[] = {"DejaVu Sans 10",      "DejaVu Sans Bold 11", "DejaVu Serif Italic 9",
                              "Liberation Serif 10", "Liberation Sans 12",  "DejaVu Sans Mono 9"};

// Every line's runs: font, then per glyph its id, width, offsets and cluster.
std::string glyphs_of(PangoContext* context, const char* font, const char* text, int width_pt) {
  PangoLayout* layout = pango_layout_new(context);
  PangoFontDescription* desc = pango_font_description_from_string(font);
  pango_layout_set_font_description(layout, desc);
  pango_font_description_free(desc);
  pango_layout_set_width(layout, width_pt * PANGO_SCALE);
  pango_layout_set_text(layout, text, -1);
  std::string out;
  for (GSList* l = pango_layout_get_lines_readonly(layout); l != nullptr; l = l->next) {
    auto* line = static_cast<PangoLayoutLine*>(l->data);
    out += "line " + std::to_string(line->start_index) + "\n";
    for (GSList* r = line->runs; r != nullptr; r = r->next) {
      auto* run = static_cast<PangoGlyphItem*>(r->data);
      PangoFontDescription* d = pango_font_describe(run->item->analysis.font);
      char* name = pango_font_description_to_string(d);
      out += name;
      g_free(name);
      pango_font_description_free(d);
      for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
        const PangoGlyphInfo& g = run->glyphs->glyphs[i];
        out += " " + std::to_string(g.glyph) + "/" + std::to_string(g.geometry.width) + "/" +
               std::to_string(g.geometry.x_offset) + "/" + std::to_string(g.geometry.y_offset) + "/" +
               std::to_string(run->glyphs->log_clusters[i]) + "/" + std::to_string(g.attr.is_cluster_start);
      }
      out += "\n";
    }
  }
  g_object_unref(layout);
  return out;
}

struct Case {
  const char* font;
  const char* text;
  int width;
};

TEST(ShapeCache, PangoGetsTheGlyphsHarfBuzzGives) {
  PangoFontMap* map = new_font_map(default_font_set());
  PangoContext* context = pango_font_map_create_context(map);
  pango_context_set_round_glyph_positions(context, FALSE);
  std::vector<Case> cases;
  for (const char* font : kFonts) {
    for (const char* text : kTexts) {
      for (int width : {90, 170, 2000}) cases.push_back({font, text, width});
    }
  }
  std::vector<std::string> expected;
  for (const Case& c : cases) expected.push_back(glyphs_of(context, c.font, c.text, c.width));

  // Fonts new to the cached rounds (a second map): their metrics, which Pango computes when
  // it first draws a missing glyph, are measured from inside the cache's shaping.
  PangoFontMap* cached_map = new_font_map(default_font_set());
  PangoContext* cached_context = pango_font_map_create_context(cached_map);
  pango_context_set_round_glyph_positions(cached_context, FALSE);
  ShapeCache cache;
  {
    ShapeCache::Scope scope(&cache);
    for (int round = 0; round < 3; ++round) {
      for (std::size_t k = 0; k < cases.size(); ++k) {
        const std::size_t i = round == 1 ? cases.size() - 1 - k : (k * 7 + round + cases.size() - 1) % cases.size();
        const Case& c = cases[i];
        EXPECT_EQ(glyphs_of(cached_context, c.font, c.text, c.width), expected[i])
            << "round " << round << ", " << c.font << ", width " << c.width << ": " << c.text;
      }
    }
  }
  const ShapeCache::Stats stats = cache.stats();
  EXPECT_GT(stats.runs, 100);
  EXPECT_GT(stats.words_reused, stats.words_shaped);  // most words came from the cache
  g_object_unref(cached_context);
  g_object_unref(cached_map);
  g_object_unref(context);
  g_object_unref(map);
}

TEST(ShapeCache, ScopesNestAndEnd) {
  PangoFontMap* map = new_font_map(default_font_set());
  PangoContext* context = pango_font_map_create_context(map);
  ShapeCache outer, inner;
  long outer_runs = 0;
  {
    ShapeCache::Scope a(&outer);
    glyphs_of(context, "DejaVu Sans 10", "outer words", 500);
    outer_runs = outer.stats().runs;
    EXPECT_GT(outer_runs, 0);
    {
      ShapeCache::Scope b(&inner);
      glyphs_of(context, "DejaVu Sans 10", "inner words", 500);
      EXPECT_GT(inner.stats().runs, 0);
      const long inner_runs = inner.stats().runs;
      ShapeCache::Scope none(nullptr);
      glyphs_of(context, "DejaVu Sans 10", "no cache", 500);
      EXPECT_EQ(inner.stats().runs, inner_runs);
    }
    EXPECT_EQ(outer.stats().runs, outer_runs);
    glyphs_of(context, "DejaVu Sans 10", "outer again", 500);
    EXPECT_GT(outer.stats().runs, outer_runs);
    outer_runs = outer.stats().runs;
  }
  const long inner_runs = inner.stats().runs;
  glyphs_of(context, "DejaVu Sans 10", "after the scopes", 500);
  EXPECT_EQ(outer.stats().runs, outer_runs);
  EXPECT_EQ(inner.stats().runs, inner_runs);
  g_object_unref(context);
  g_object_unref(map);
}

}  // namespace
}  // namespace docforge::document::pdf
