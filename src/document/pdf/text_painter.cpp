#include "document/pdf/text_painter.h"

#include <hb.h>

#include <algorithm>
#include <cmath>

namespace docforge::document::pdf {
namespace {

constexpr double kUnit = kLayoutUnits;

// Where the drawing attributes start or end: pieces of runs break there.
std::vector<std::uint32_t> drawing_cuts(const std::vector<TextAttribute>& attrs) {
  std::vector<std::uint32_t> cuts;
  for (const TextAttribute& a : attrs) {
    if (a.kind != TextAttribute::Kind::kForeground && a.kind != TextAttribute::Kind::kBackground &&
        a.kind != TextAttribute::Kind::kStrikethrough) {
      continue;
    }
    cuts.push_back(a.start);
    if (a.end != UINT32_MAX) cuts.push_back(a.end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

// A strikethrough bar being extended over consecutive struck pieces (layout units; the
// position and thickness summed per glyph, as Pango averages them).
struct Strike {
  bool on = false;
  long x = 0, width = 0, y = 0, height = 0;
  long glyphs = 0;
};

}  // namespace

void TextPainter::draw(const TextLayout& layout, double x, double y) {
  const int x0 = static_cast<int>(std::lround(x * kUnit));
  const int y0 = static_cast<int>(std::lround(y * kUnit));
  for (const TextLayout::Line& line : layout.lines()) {
    draw_line(layout, line, (x0 + line.x) / kUnit, (y0 + line.baseline) / kUnit);
  }
}

void TextPainter::draw_line(const TextLayout& layout, const TextLayout::Line& line, double x_pt, double baseline_pt) {
  const int x = static_cast<int>(std::lround(x_pt * kUnit));
  const int y = static_cast<int>(std::lround(baseline_pt * kUnit));
  const std::vector<TextAttribute>& attrs = layout.attributes();
  if (cuts_of_ != &layout) {  // the lines of one layout are mostly drawn one after another
    cuts_ = drawing_cuts(attrs);
    cuts_of_ = &layout;
  }
  const std::vector<std::uint32_t>& cuts = cuts_;
  const std::vector<TextLayout::Glyph>& glyphs = layout.glyphs();
  Strike strike;
  auto flush_strike = [&](const Rgb& color) {
    if (strike.on && strike.glyphs > 0) {
      writer_->fill_rect(strike.x / kUnit, static_cast<double>(strike.y / strike.glyphs) / kUnit, strike.width / kUnit,
                         static_cast<double>(strike.height / strike.glyphs) / kUnit, color);
    }
    strike.on = false;
    strike.glyphs = 0;
    strike.x += strike.width;
    strike.width = 0;
    strike.y = 0;
    strike.height = 0;
  };
  Rgb strike_color;
  int x_off = 0;
  for (std::uint32_t r = line.first_run; r < line.first_run + line.run_count; ++r) {
    const TextLayout::Run& run = layout.runs()[r];
    const std::uint32_t end = run.first_glyph + run.glyph_count;
    std::uint32_t g = run.first_glyph;
    while (g < end) {
      // The piece: glyphs whose clusters lie between the same two cuts.
      auto segment = [&](std::uint32_t byte) { return std::upper_bound(cuts.begin(), cuts.end(), byte) - cuts.begin(); };
      const auto seg = segment(glyphs[g].cluster);
      std::uint32_t piece_end = g + 1;
      while (piece_end < end && segment(glyphs[piece_end].cluster) == seg) ++piece_end;
      const std::uint32_t at = glyphs[g].cluster;
      const TextAttribute* foreground = attribute_at(attrs, TextAttribute::Kind::kForeground, at);
      const TextAttribute* background = attribute_at(attrs, TextAttribute::Kind::kBackground, at);
      const bool struck = attribute_at(attrs, TextAttribute::Kind::kStrikethrough, at) != nullptr;
      int width = 0;
      for (std::uint32_t k = g; k < piece_end; ++k) width += glyphs[k].advance;
      static const Rgb kBlack{};
      const Rgb& fg = foreground != nullptr ? foreground->color : kBlack;
      if (background != nullptr) {
        writer_->fill_rect((x + x_off) / kUnit, (y + line.top - line.baseline) / kUnit, width / kUnit,
                           (line.bottom - line.top) / kUnit, background->color);
      }
      draw_piece(layout, run, g, piece_end, x + x_off, y - run.y_offset, fg);
      if (struck) {
        // The bar spans the piece's ink, at the font's strikethrough position.
        hb_font_t* hb = run.font->hb();
        int ink_x0 = 0, ink_x1 = 0;
        bool have_ink = false;
        int pen = 0;
        for (std::uint32_t k = g; k < piece_end; ++k) {
          hb_glyph_extents_t e{};
          if (glyphs[k].id != TextLayout::kEmptyGlyph && !glyphs[k].unknown &&
              hb_font_get_glyph_extents(hb, glyphs[k].id, &e) && e.width != 0 && e.height != 0) {
            const int gx0 = pen + glyphs[k].x_offset + e.x_bearing;
            const int gx1 = gx0 + e.width;
            ink_x0 = have_ink ? std::min(ink_x0, gx0) : gx0;
            ink_x1 = have_ink ? std::max(ink_x1, gx1) : gx1;
            have_ink = true;
          }
          pen += glyphs[k].advance;
        }
        if (!have_ink) {
          ink_x0 = 0;
          ink_x1 = width;  // Pango widens the ink to the logical extent for a struck run
        } else {
          ink_x0 = std::min(ink_x0, 0);
          ink_x1 = std::max(ink_x1, width);
        }
        const Font::Metrics& m = run.font->metrics();
        const long n = static_cast<long>(piece_end - g);
        const long nx = x + x_off + ink_x0;
        if (strike.on) {
          strike.width = nx + (ink_x1 - ink_x0) - strike.x;
          strike.y += (y - run.y_offset - m.strikethrough_position) * n;
          strike.height += static_cast<long>(m.strikethrough_thickness) * n;
          strike.glyphs += n;
        } else {
          strike.on = true;
          strike.x = nx;
          strike.width = ink_x1 - ink_x0;
          strike.y = (y - run.y_offset - m.strikethrough_position) * n;
          strike.height = static_cast<long>(m.strikethrough_thickness) * n;
          strike.glyphs = n;
        }
        strike_color = fg;
      } else if (strike.on) {
        flush_strike(strike_color);
      }
      x_off += width;
      g = piece_end;
    }
  }
  flush_strike(strike_color);
}

void TextPainter::draw_piece(const TextLayout& layout, const TextLayout::Run& run, std::uint32_t first,
                             std::uint32_t end, int x, int y, const Rgb& fg) {
  const std::vector<TextLayout::Glyph>& glyphs = layout.glyphs();
  const double size = run.font->size();
  glyphs_.clear();
  drawn_.assign(end - first, -1);
  int pen = 0;
  for (std::uint32_t k = first; k < end; ++k) {
    const TextLayout::Glyph& g = glyphs[k];
    const double gx = (x + pen + g.x_offset) / kUnit;
    const double gy = (y + g.y_offset) / kUnit;
    pen += g.advance;
    if (g.id == TextLayout::kEmptyGlyph) continue;
    if (g.unknown) {
      const double w = g.advance / kUnit;
      if (w > 0) writer_->stroke_rect(gx + w * 0.1, gy - size * 0.7, w * 0.8, size * 0.7, size * 0.05, fg);
      continue;
    }
    drawn_[k - first] = static_cast<int>(glyphs_.size());
    glyphs_.push_back(PositionedGlyph{g.id, gx, gy});
  }
  if (glyphs_.empty()) return;
  const int f = writer_->font(run.font->face());
  writer_->show_glyphs(f, size, fg, glyphs_.data(), glyphs_.size(), run.font->synthetic());
  if (std::all_of(glyphs_.begin(), glyphs_.end(), [&](const PositionedGlyph& p) { return writer_->has_text(f, p.id); })) {
    return;
  }
  // ToUnicode: each cluster's characters (up to the run's next cluster in logical order, or its
  // end) go to the cluster's first drawn glyph in logical order (right-to-left runs from the
  // last glyph). A piece ends where a cluster does, so the next cluster may be the next piece's.
  const std::string& text = layout.text();
  const bool ltr = run.level % 2 == 0;
  const int n = static_cast<int>(end - first);
  const int step = ltr ? 1 : -1;
  const long run_first = run.first_glyph;
  const long run_end = static_cast<long>(run.first_glyph + run.glyph_count);
  for (int s = ltr ? 0 : n - 1; ltr ? s < n : s >= 0;) {
    const std::uint32_t cluster = glyphs[first + static_cast<std::uint32_t>(s)].cluster;
    int e = s + step;
    while ((ltr ? e < n : e >= 0) && glyphs[first + static_cast<std::uint32_t>(e)].cluster == cluster) e += step;
    const long next = static_cast<long>(first) + e;
    std::uint32_t cluster_end = next >= run_first && next < run_end ? glyphs[static_cast<std::size_t>(next)].cluster : run.end;
    if (cluster_end <= cluster) cluster_end = std::max(cluster, run.end);
    for (int k = s; k != e; k += step) {
      const int d = drawn_[static_cast<std::size_t>(k)];
      if (d < 0) continue;
      writer_->map_text(f, glyphs_[static_cast<std::size_t>(d)].id,
                        std::string_view(text).substr(cluster, cluster_end - cluster));
      break;
    }
    s = e;
  }
}

}  // namespace docforge::document::pdf
