// Font faces for the PDF writer and their subsets (our TrueType subsetter, or HarfBuzz hb-subset
// dlopen()ed on first use: hb_subset_api.h), cached across documents.
//
// A FontFace is one face of one font file (path + index in a collection), with what a PDF font
// dictionary needs: PostScript name, units per em, bounding box, ascent/descent/cap height and
// the advance of each glyph. TrueType subsets keep the glyph ids of the original font
// (retain-gids: glyphs not kept are empty), so content streams name glyphs by their original id
// (Identity-H, CIDToGIDMap /Identity). CFF subsets are renumbered (CFF has no CIDToGIDMap, and
// keeping the ids of a 65,535-glyph CJK face costs ~200 kB of empty charstrings): the subset
// says which new id each glyph got, and the writer rewrites its codes (pdf_writer.h).
//
// FontSubsetCache keeps the deflated subset of each (face, glyph set) it has made, so a warm
// render whose text used the same glyphs as an earlier one makes no subset at all. So that
// documents with other data (other digits, another name) mostly hit too, a TrueType subset holds
// whole blocks of kBlock consecutive glyph ids: every block a document touches (a CFF subset,
// in practice a CJK face whose glyphs are spread over thousands of blocks, holds the glyphs). Fonts number their
// glyphs roughly in Unicode order (digits, capitals, small letters each in one or two blocks),
// so the blocks of a Latin document settle after a few documents, at the price of some glyphs
// no one draws (a few kB per font). The blocks are a function of the glyphs drawn, so equal
// input gives equal bytes whether the subset came from the cache or not.
// Two generations bound it (entries and compressed bytes): when the current one is full it
// becomes the previous one and the one before is dropped; a hit in the previous one moves the
// entry forward.
//
// Thread safety: a FontFace is immutable after creation (shared by documents); a
// FontSubsetCache is thread-compatible (one per LayoutEngine).
#ifndef DOCFORGE_DOCUMENT_PDF_FONT_SUBSET_H_
#define DOCFORGE_DOCUMENT_PDF_FONT_SUBSET_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "docforge/error.h"

typedef struct hb_face_t hb_face_t;
typedef struct hb_font_t hb_font_t;

namespace docforge::document::pdf {

class FontFace {
 public:
  // REQUIRES: face is a valid HarfBuzz face (referenced here, released with the FontFace).
  // key: identifies the face across font maps (its file and index).
  FontFace(hb_face_t* face, std::string key);
  ~FontFace();
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;

  const std::string& key() const { return key_; }
  hb_face_t* face() const { return face_; }
  const std::string& postscript_name() const { return ps_name_; }  // PDF name characters only
  bool cff() const { return cff_; }  // CFF outlines (FontFile3 /OpenType), else TrueType
  // In 1/1000 em, as PDF font dictionaries want them.
  int ascent() const { return ascent_; }
  int descent() const { return descent_; }
  int cap_height() const { return cap_height_; }
  const int* bbox() const { return bbox_; }  // xmin ymin xmax ymax
  bool italic() const { return italic_; }
  unsigned glyph_count() const { return glyph_count_; }
  // Advance of a glyph in 1/1000 em.
  double advance(uint32_t glyph) const;

 private:
  hb_face_t* face_;
  hb_font_t* font_;  // scale = upem: advances in font units
  std::string key_;
  std::string ps_name_;
  bool cff_ = false;
  bool italic_ = false;
  unsigned upem_ = 1000;
  unsigned glyph_count_ = 0;
  int ascent_ = 800, descent_ = -200, cap_height_ = 700;
  int bbox_[4] = {0, -200, 1000, 800};
};

struct FontSubset {
  std::string tag;            // six capital letters naming the glyph set (the font name's prefix)
  std::string deflated;       // the subset font file, zlib-compressed (FlateDecode)
  std::size_t length = 0;     // its uncompressed length (/Length1 of a FontFile2)
  bool cff = false;           // FontFile3 /Subtype /OpenType, else FontFile2
  // CFF: (original glyph id, id in the subset) of each glyph asked for, sorted; empty: the
  // subset keeps the original ids.
  std::vector<std::pair<uint32_t, uint32_t>> remap;

  // The id of an original glyph in the subset (the character code that draws it).
  uint32_t code(uint32_t glyph) const;
};

class FontSubsetCache {
 public:
  static constexpr uint32_t kBlock = 32;                        // glyph ids per block
  static constexpr std::size_t kGeneration = 64;                // subsets per generation
  static constexpr std::size_t kGenerationBytes = 4u << 20;     // compressed bytes per generation

  FontSubsetCache() = default;
  FontSubsetCache(const FontSubsetCache&) = delete;
  FontSubsetCache& operator=(const FontSubsetCache&) = delete;

  // A subset of face with these glyphs (sorted, unique), and (TrueType) the rest of their blocks.
  // An Error when hb-subset fails, or is needed (CFF) but cannot be loaded (hb_subset_api.h).
  Result<std::shared_ptr<const FontSubset>> get(const FontFace& face, const std::vector<uint32_t>& glyphs);

  std::size_t made() const { return made_; }  // subsets made (not served from the cache)

  // The deflated bytes of a ToUnicode CMap, by its text: a document whose glyphs map as an
  // earlier one's did (the same glyph set) writes the same CMap. libdeflate spends ~65,000
  // instructions per call whatever the size (Huffman tables, block flush), most of the
  // ~85,000 a 1 kB CMap costs. Bounded like the subsets (two generations, kGeneration CMaps
  // or kGenerationBytes of text and deflated bytes each). The reference is valid until the
  // next call.
  const std::string& deflated_cmap(const std::string& text);

 private:
  // Values by key in two generations: when the current one reaches kGeneration entries or
  // kGenerationBytes, it becomes the previous one (whose entries go); a hit in the previous one
  // moves forward.
  template <typename V>
  class Generations {
   public:
    V* find(const std::string& key) {
      if (auto it = current_.find(key); it != current_.end()) return &it->second.value;
      auto old = previous_.find(key);
      if (old == previous_.end()) return nullptr;
      Entry entry = std::move(old->second);
      previous_.erase(old);
      return &add(key, std::move(entry.value), entry.bytes);
    }
    // `bytes`: what the entry counts against kGenerationBytes.
    V& add(const std::string& key, V value, std::size_t bytes) {
      if (current_.size() >= kGeneration || bytes_ >= kGenerationBytes) {
        previous_ = std::move(current_);
        current_.clear();
        bytes_ = 0;
      }
      bytes_ += bytes;
      return current_.insert_or_assign(key, Entry{std::move(value), bytes}).first->second.value;
    }

   private:
    struct Entry {
      V value;
      std::size_t bytes;
    };
    std::unordered_map<std::string, Entry> current_, previous_;
    std::size_t bytes_ = 0;
  };

  Generations<std::shared_ptr<const FontSubset>> subsets_;
  Generations<std::string> cmaps_;  // CMap text -> deflated
  std::size_t made_ = 0;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_FONT_SUBSET_H_
