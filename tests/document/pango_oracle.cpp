#include "document/pango_oracle.h"

#include <hb.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>

namespace docforge::document::pdf {
namespace {

void map_substitute(FcPattern* pattern, gpointer config) {
  substitute_map_rules(static_cast<FcConfig*>(config), pattern);
}

}  // namespace

PangoFontMap* new_font_map(FontSet set) {
  FcConfig* config = fontconfig_of(set);
  PangoFontMap* map = pango_ft2_font_map_new();
  pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(map), 72.0, 72.0);
  pango_fc_font_map_set_default_substitute(PANGO_FC_FONT_MAP(map), map_substitute, config, nullptr);
  if (config != nullptr) pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
  return map;
}

PangoFontFaces::~PangoFontFaces() {
  for (auto& [font, entry] : fonts_) g_object_unref(font);
}

const PangoFontFaces::Entry* PangoFontFaces::get(PangoFont* font) {
  auto it = fonts_.find(font);
  if (it != fonts_.end()) return it->second.face ? &it->second : nullptr;
  Entry entry;
  if (PANGO_IS_FC_FONT(font)) {
    FcPattern* pattern = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    double pixels = 0;
    hb_font_t* hb = pango_font_get_hb_font(font);
    if (hb != nullptr) {
      entry.face = faces_.get(pattern, [hb](const std::string&, int) { return hb_font_get_face(hb); });
    }
    if (entry.face) {
      entry.synthetic = synthetic_of(pattern);
      if (FcPatternGetDouble(pattern, FC_PIXEL_SIZE, 0, &pixels) == FcResultMatch && pixels > 0) {
        entry.size = pixels;  // the context's resolution is 72 dpi: pixels are points
      } else {
        PangoFontDescription* d = pango_font_describe_with_absolute_size(font);
        entry.size = pango_font_description_get_size(d) / static_cast<double>(PANGO_SCALE);
        pango_font_description_free(d);
      }
    }
  }
  g_object_ref(font);
  it = fonts_.emplace(font, std::move(entry)).first;
  return it->second.face ? &it->second : nullptr;
}

}  // namespace docforge::document::pdf
