#include "document/pdf/pdf_painter.h"

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <cmath>

namespace docforge::document::pdf {
namespace {

constexpr double kScale = PANGO_SCALE;

// The PangoRenderer subclass: forwards to its PdfPainter.
struct DocforgePdfRenderer {
  PangoRenderer parent_instance;
  PdfPainter* painter;
};

struct DocforgePdfRendererClass {
  PangoRendererClass parent_class;
};

PdfPainter* painter_of(PangoRenderer* r) { return reinterpret_cast<DocforgePdfRenderer*>(r)->painter; }

void draw_glyphs(PangoRenderer* r, PangoFont* font, PangoGlyphString* glyphs, int x, int y) {
  painter_of(r)->glyphs(font, glyphs, nullptr, nullptr, x, y);
}

void draw_glyph_item(PangoRenderer* r, const char* text, PangoGlyphItem* item, int x, int y) {
  painter_of(r)->glyphs(item->item->analysis.font, item->glyphs, item, text, x, y);
}

void draw_rectangle(PangoRenderer* r, PangoRenderPart part, int x, int y, int width, int height) {
  painter_of(r)->rectangle(part, x, y, width, height);
}

// Error underlines (squiggles) are never asked for by the layouts of this engine.
void draw_trapezoid(PangoRenderer*, PangoRenderPart, double, double, double, double, double, double) {}

GType renderer_type() {
  static const GType type = [] {
    GTypeInfo info{};
    info.class_size = sizeof(DocforgePdfRendererClass);
    info.class_init = [](gpointer klass, gpointer) {
      auto* rc = static_cast<PangoRendererClass*>(klass);
      rc->draw_glyphs = draw_glyphs;
      rc->draw_glyph_item = draw_glyph_item;
      rc->draw_rectangle = draw_rectangle;
      rc->draw_trapezoid = draw_trapezoid;
    };
    info.instance_size = sizeof(DocforgePdfRenderer);
    return g_type_register_static(PANGO_TYPE_RENDERER, "DocforgePdfRenderer", &info, static_cast<GTypeFlags>(0));
  }();
  return type;
}

}  // namespace

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
        entry.size = pango_font_description_get_size(d) / kScale;
        pango_font_description_free(d);
      }
    }
  }
  g_object_ref(font);
  it = fonts_.emplace(font, std::move(entry)).first;
  return it->second.face ? &it->second : nullptr;
}

PdfPainter::PdfPainter(PdfWriter* writer, PangoFontFaces* faces)
    : writer_(writer), faces_(faces), renderer_(static_cast<PangoRenderer*>(g_object_new(renderer_type(), nullptr))) {
  reinterpret_cast<DocforgePdfRenderer*>(renderer_)->painter = this;
}

PdfPainter::~PdfPainter() { g_object_unref(renderer_); }

void PdfPainter::draw_layout(PangoLayout* layout, double x, double y, int dx) {
  pango_renderer_draw_layout(renderer_, layout, static_cast<int>(std::lround(x * kScale)) + dx,
                             static_cast<int>(std::lround(y * kScale)));
}

void PdfPainter::draw_line(PangoLayoutLine* line, double x, double y) {
  pango_renderer_draw_layout_line(renderer_, line, static_cast<int>(std::lround(x * kScale)),
                                  static_cast<int>(std::lround(y * kScale)));
}

Rgb PdfPainter::color(PangoRenderPart part) const {
  PangoColor* c = pango_renderer_get_color(renderer_, part);
  if (c == nullptr && part != PANGO_RENDER_PART_FOREGROUND) {
    c = pango_renderer_get_color(renderer_, PANGO_RENDER_PART_FOREGROUND);
  }
  if (c == nullptr) return Rgb{};
  return Rgb{c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0};
}

void PdfPainter::rectangle(PangoRenderPart part, int x, int y, int width, int height) {
  writer_->fill_rect(x / kScale, y / kScale, width / kScale, height / kScale, color(part));
}

void PdfPainter::glyphs(PangoFont* font, PangoGlyphString* glyphs, const PangoGlyphItem* item, const char* text,
                        int x, int y) {
  const PangoFontFaces::Entry* entry = font != nullptr ? faces_->get(font) : nullptr;
  const Rgb fg = color(PANGO_RENDER_PART_FOREGROUND);
  run_.clear();
  run_index_.assign(static_cast<std::size_t>(glyphs->num_glyphs), -1);
  int pen = 0;
  for (int i = 0; i < glyphs->num_glyphs; ++i) {
    const PangoGlyphInfo& info = glyphs->glyphs[i];
    const double gx = (x + pen + info.geometry.x_offset) / kScale;
    const double gy = (y + info.geometry.y_offset) / kScale;
    pen += info.geometry.width;
    if (info.glyph == PANGO_GLYPH_EMPTY) continue;
    if ((info.glyph & PANGO_GLYPH_UNKNOWN_FLAG) || entry == nullptr) {
      // No font has the character: a hollow box, as cairo's renderer draws one.
      const double w = info.geometry.width / kScale;
      const double size = entry != nullptr ? entry->size : 10;
      if (w > 0) writer_->stroke_rect(gx + w * 0.1, gy - size * 0.7, w * 0.8, size * 0.7, size * 0.05, fg);
      continue;
    }
    run_index_[static_cast<std::size_t>(i)] = static_cast<int>(run_.size());
    run_.push_back(PositionedGlyph{info.glyph, gx, gy});
  }
  if (run_.empty()) return;
  const int f = writer_->font(entry->face);
  writer_->show_glyphs(f, entry->size, fg, run_.data(), run_.size(), entry->synthetic);
  if (item == nullptr || text == nullptr) return;
  // ToUnicode: each cluster's characters go to its first drawn glyph (in logical order). The
  // first mapping of a glyph wins, so a run whose glyphs all have theirs needs no walk.
  if (std::all_of(run_.begin(), run_.end(), [&](const PositionedGlyph& g) { return writer_->has_text(f, g.id); })) {
    return;
  }
  // The clusters as pango_glyph_item_iter_next_cluster walks them (glyphs sharing a
  // log_clusters value; right-to-left runs from the last glyph), without its character
  // counting, which was 0.44 M instructions of a warm resume.
  const PangoItem* pi = item->item;
  const int n = glyphs->num_glyphs;
  const int* log_clusters = glyphs->log_clusters;
  const bool ltr = pi->analysis.level % 2 == 0;
  const int step = ltr ? 1 : -1;
  int start_index = pi->offset;
  for (int start = ltr ? 0 : n - 1; ltr ? start < n : start >= 0;) {
    const int cluster = log_clusters[start];
    int end = start + step;
    while ((ltr ? end < n : end >= 0) && log_clusters[end] == cluster) end += step;
    const int end_index = (ltr ? end == n : end < 0) ? pi->offset + pi->length : pi->offset + log_clusters[end];
    for (int g = start; g != end; g += step) {
      if (run_index_[static_cast<std::size_t>(g)] < 0) continue;
      writer_->map_text(f, glyphs->glyphs[g].glyph,
                        std::string_view(text + start_index, static_cast<std::size_t>(end_index - start_index)));
      break;
    }
    start_index = end_index;
    start = end;
  }
}

}  // namespace docforge::document::pdf
