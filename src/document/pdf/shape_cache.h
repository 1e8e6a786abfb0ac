// Word-level reuse of HarfBuzz shaping results for the text layout (text_layout.h).
//
// HarfBuzz shaping was ~45 % of a warm document's instructions: the layout (as Pango 1.50's
// did) shapes each run of a paragraph at least once, and again for the piece that ends each
// line, and a templated document changes a few words (names, numbers) in most paragraphs, so
// the engine's cache of laid-out texts (layout_engine.cpp) misses on them. The cache was made
// when Pango laid text out, and Pango offered no hook into its shaping but its call into
// HarfBuzz, `hb_shape`, through the dynamic linker; TextLayout calls `hb_shape` the same way
// (asking the cache directly, without a buffer, is a next step: pdf/README.md). This file
// defines `hb_shape`, which takes the place of HarfBuzz's in every executable that links the
// document library (ELF symbol interposition), and forwards to HarfBuzz's own unless a
// ShapeCache::Scope is active on the calling thread.
//
// With a cache in scope, a left-to-right run in a script HarfBuzz shapes without context
// (Latin, Greek, Cyrillic, Common, Inherited) is cut into words after each run of spaces. A
// word shaped before, in a position where HarfBuzz reported both of its edges safe to
// concatenate (HB_GLYPH_FLAG_UNSAFE_TO_CONCAT clear: no lookup looked across them, so the
// text beside it could not change its glyphs, nor it theirs), is copied; the words between
// such ones are shaped together with one reused word on each side as context, and the result
// is kept only when those two edges are safe in it as well; anything else is shaped whole, as
// before. The glyphs, positions, clusters and glyph flags Pango gets are the ones HarfBuzz
// would have given for the whole run (the PDFs are the same byte for byte: shape_cache_test).
// Fonts that kern the space with letters (Liberation) have no safe word edges: their runs are
// reused only whole.
//
// Keys: per setting — the font (a serial stored on Pango's HarfBuzz font, never reused), its
// scale, the script, language, buffer flags and cluster level, the features — whether the word
// starts or ends the run, and the word's characters with their clusters relative to its first. Pango's per-call
// sub-font maps characters to glyphs through its parent unless a PangoAttrShow asks to show
// invisible characters, which docforge never sets.
//
// Memory: two generations of at most kEntries words in all (a hit in the older one moves the
// word forward), ~40 bytes per glyph plus the key; settings whose words all aged out go.
//
// Thread safety: a ShapeCache is thread-compatible (one per LayoutEngine); a Scope installs it
// for the calling thread only. A run shaped from inside another's shaping (Pango's callbacks
// measuring a font) bypasses the cache.

#ifndef DOCFORGE_DOCUMENT_PDF_SHAPE_CACHE_H_
#define DOCFORGE_DOCUMENT_PDF_SHAPE_CACHE_H_

#include <cstddef>
#include <memory>

namespace docforge::document::pdf {

class ShapeCache {
 public:
  static constexpr std::size_t kEntries = 8192;
  struct Impl;  // shape_cache.cpp

  ShapeCache();
  ~ShapeCache();
  ShapeCache(const ShapeCache&) = delete;
  ShapeCache& operator=(const ShapeCache&) = delete;

  // While it lives, `hb_shape` calls on this thread go through `cache` (null: straight to
  // HarfBuzz). Scopes nest.
  class Scope {
   public:
    explicit Scope(ShapeCache* cache);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Impl* previous_;
  };

  struct Stats {
    long runs = 0;          // runs shaped through the cache
    long words_reused = 0;  // words copied instead of shaped
    long words_shaped = 0;  // words shaped (alone in a stretch or in a whole run)
  };
  Stats stats() const;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_SHAPE_CACHE_H_
