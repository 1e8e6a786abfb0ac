// A TrueType (glyf) subset that keeps glyph ids, written directly from the face's tables.
//
// hb-subset costs ~5 M instructions per call even for a handful of glyphs (its plan looks at the
// whole face), which a fresh process pays for every face it draws with. For the case the PDF
// writer needs — TrueType outlines, original glyph ids, no layout tables — the subset is simple:
// the glyf entries of the glyphs kept (and the components of composite glyphs), a loca over
// glyph ids 0..max kept, hmtx/hhea/maxp cut to that count, and head. As with hb-subset's
// no-hinting option, glyph instructions and the hinting programs (cvt, fpgm, prep) are left
// out: PDF viewers do not hint. Glyphs not kept are empty, with zero metrics. Viewers read
// glyphs by id (CIDToGIDMap /Identity): no cmap, post or name table is written.
//
// Thread safety: a pure function of the face's tables.
#ifndef DOCFORGE_DOCUMENT_PDF_TRUETYPE_SUBSET_H_
#define DOCFORGE_DOCUMENT_PDF_TRUETYPE_SUBSET_H_

#include <cstdint>
#include <string>
#include <vector>

typedef struct hb_face_t hb_face_t;

namespace docforge::document::pdf {

// The font file, or an empty string when the face is not a plain TrueType face this can
// subset (CFF outlines, variations, damaged tables): then use hb-subset.
// REQUIRES: glyphs sorted, unique.
std::string subset_truetype(hb_face_t* face, const std::vector<uint32_t>& glyphs);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_TRUETYPE_SUBSET_H_
