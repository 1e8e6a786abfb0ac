// HarfBuzz's subsetter (libharfbuzz-subset.so.0), opened with dlopen() on first use.
//
// Only CFF faces (OpenType .otf, e.g. Noto CJK) and the rare TrueType face that our own
// subset_truetype (truetype_subset.h) cannot take are subset through hb-subset (font_subset.cpp).
// Linked directly, it is one more shared library that the dynamic loader maps and relocates in
// every fresh docforge process (~0.3-0.4 ms), although most documents never use it. So it is
// opened by its soname the first time a subset needs it, like librsvg (image_loader.cpp), and
// its functions are reached through the table below. Its headers give the types; the
// libharfbuzz.so.0 the engine links is the one it depends on, so hb_face_t and friends are
// shared.
//
// Contract:
//   - hb_subset_api() opens the library and resolves every function once per process (the
//     first call; thread-safe), and never unloads it. Afterwards it only reads.
//   - When the library cannot be opened or lacks a function, it returns an Error (kInternal)
//     whose message names the library and what went wrong, every call; nothing is half-set.
//     Callers (FontSubsetCache) return that error: the render fails with a clear message
//     instead of crashing.
//   - load_hb_subset(soname) does the same loading for a given soname, uncached: for tests
//     (a soname that does not exist gives the error).
#ifndef DOCFORGE_DOCUMENT_PDF_HB_SUBSET_API_H_
#define DOCFORGE_DOCUMENT_PDF_HB_SUBSET_API_H_

#include <hb-subset.h>

#include "docforge/error.h"

namespace docforge::document::pdf {

inline constexpr const char* kHbSubsetSoname = "libharfbuzz-subset.so.0";

// The hb-subset functions font_subset.cpp calls, each typed as hb-subset.h declares it.
struct HbSubsetApi {
  decltype(&hb_subset_input_create_or_fail) input_create_or_fail = nullptr;
  decltype(&hb_subset_input_destroy) input_destroy = nullptr;
  decltype(&hb_subset_input_glyph_set) input_glyph_set = nullptr;
  decltype(&hb_subset_input_set) input_set = nullptr;
  decltype(&hb_subset_input_set_flags) input_set_flags = nullptr;
  decltype(&hb_subset_plan_create_or_fail) plan_create_or_fail = nullptr;
  decltype(&hb_subset_plan_destroy) plan_destroy = nullptr;
  decltype(&hb_subset_plan_old_to_new_glyph_mapping) plan_old_to_new_glyph_mapping = nullptr;
  decltype(&hb_subset_plan_execute_or_fail) plan_execute_or_fail = nullptr;
};

// The process's table for kHbSubsetSoname (see the contract above). The pointer stays valid
// for the life of the process.
Result<const HbSubsetApi*> hb_subset_api();

// Opens soname and resolves the table, uncached; the library stays loaded when it succeeds.
Result<HbSubsetApi> load_hb_subset(const char* soname);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_HB_SUBSET_API_H_
