#include "document/pdf/shape_cache.h"

#include <dlfcn.h>
#include <hb.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace docforge::document::pdf {
namespace {

using ShapeFunction = void (*)(hb_font_t*, hb_buffer_t*, const hb_feature_t*, unsigned int);

// HarfBuzz's hb_shape (the next definition after ours).
ShapeFunction harfbuzz_shape() {
  static const ShapeFunction f = reinterpret_cast<ShapeFunction>(dlsym(RTLD_NEXT, "hb_shape"));
  return f;
}


// A number for each HarfBuzz font, stored on it: unlike its address, never taken by another
// font after it is destroyed. 0: the font takes no user data (HarfBuzz's inert empty font).
hb_user_data_key_t font_serial_key;
std::atomic<std::uintptr_t> next_font_serial{1};

std::uintptr_t font_serial(hb_font_t* font) {
  if (void* d = hb_font_get_user_data(font, &font_serial_key)) return reinterpret_cast<std::uintptr_t>(d);
  const std::uintptr_t serial = next_font_serial.fetch_add(1, std::memory_order_relaxed);
  hb_font_set_user_data(font, &font_serial_key, reinterpret_cast<void*>(serial), nullptr, false);
  return reinterpret_cast<std::uintptr_t>(hb_font_get_user_data(font, &font_serial_key));  // ours, or a racer's
}

// Scripts HarfBuzz shapes with its default shaper, which reads nothing of the text around the
// buffer (the context Pango passes along is for joining scripts).
bool contextless_script(hb_script_t s) {
  return s == HB_SCRIPT_LATIN || s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_CYRILLIC ||
         s == HB_SCRIPT_GREEK;
}

bool is_mark(hb_codepoint_t c) {
  switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), c)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
      return true;
    default:
      return false;
  }
}

// The glyph flags HarfBuzz gives without HB_BUFFER_FLAG_PRODUCE_UNSAFE_TO_CONCAT: then it sets
// UNSAFE_TO_CONCAT only together with UNSAFE_TO_BREAK.
void clear_concat_flag(hb_glyph_info_t* g) {
  if ((g->mask & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) == 0) g->mask &= ~static_cast<hb_mask_t>(HB_GLYPH_FLAG_UNSAFE_TO_CONCAT);
}

template <typename T>
void append_bytes(std::string* s, const T& v) {
  s->append(reinterpret_cast<const char*>(&v), sizeof v);
}

struct Glyph {
  hb_glyph_info_t info;  // cluster relative to the word's first character
  hb_glyph_position_t pos;
};

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using WordMap = std::unordered_map<std::string, std::vector<Glyph>, KeyHash, std::equal_to<>>;

// The words shaped with one font, size, script, language, buffer settings and features: two
// generations.
struct Words {
  WordMap current, previous;
};

}  // namespace

struct ShapeCache::Impl {
  std::unordered_map<std::string, Words, KeyHash, std::equal_to<>> by_setting;  // by the run's head
  std::size_t current_entries = 0;  // in every `current`
  Stats stats;
  hb_buffer_t* scratch = hb_buffer_create();
  // Set while a run is shaped: Pango's font callbacks may shape again from inside HarfBuzz
  // (the metrics of a font with a missing glyph lay a sample text out), and that inner run,
  // which would reuse the members below, goes straight to HarfBuzz.
  bool shaping = false;

  // The run being shaped (reused across runs).
  hb_font_t* font = nullptr;
  hb_buffer_t* buffer = nullptr;
  const hb_feature_t* features = nullptr;
  unsigned num_features = 0;
  const hb_glyph_info_t* chars = nullptr;  // the run's characters (codepoint, cluster)
  hb_buffer_flags_t flags = HB_BUFFER_FLAG_DEFAULT;
  Words* words_of_run = nullptr;
  std::string head;                         // the run's font, settings and features
  std::vector<unsigned> starts;             // first character of each word, then the run's length
  std::vector<unsigned> clusters;           // cluster of each word's first character
  std::string keys;                         // the words' keys, one after another
  std::vector<std::size_t> key_ends;        // where each key ends in `keys`
  std::vector<const std::vector<Glyph>*> found;
  std::vector<hb_glyph_info_t> out_info;
  std::vector<hb_glyph_position_t> out_pos;
  std::vector<unsigned> glyph_starts;       // of each shaped word, then the glyph count
  std::vector<char> safe_before;            // whether the edge before each shaped word is safe

  ~Impl() { hb_buffer_destroy(scratch); }

  unsigned words() const { return static_cast<unsigned>(starts.size()) - 1; }
  std::string_view key(unsigned w) const {
    const std::size_t begin = w == 0 ? 0 : key_ends[w - 1];
    return std::string_view(keys).substr(begin, key_ends[w] - begin);
  }

  void shape(hb_font_t* f, hb_buffer_t* b, const hb_feature_t* feats, unsigned n);
  bool prepare_run(hb_font_t* f, hb_buffer_t* b, const hb_feature_t* feats, unsigned n);
  const std::vector<Glyph>* find(std::string_view k);
  bool assemble();
  void shape_whole();
  bool locate(unsigned first, unsigned end, const hb_glyph_info_t* glyphs, unsigned count);
  void store(unsigned first, unsigned from, unsigned to, const hb_glyph_info_t* glyphs,
             const hb_glyph_position_t* positions);
};

// Splits the run into words and makes their keys; false when the run is not for the cache.
bool ShapeCache::Impl::prepare_run(hb_font_t* f, hb_buffer_t* b, const hb_feature_t* feats, unsigned n) {
  unsigned len = 0;
  const hb_glyph_info_t* in = hb_buffer_get_glyph_infos(b, &len);
  hb_segment_properties_t props;
  hb_buffer_get_segment_properties(b, &props);
  if (len == 0 || hb_buffer_get_content_type(b) != HB_BUFFER_CONTENT_TYPE_UNICODE ||
      props.direction != HB_DIRECTION_LTR || !contextless_script(props.script) || is_mark(in[0].codepoint)) {
    return false;
  }
  for (unsigned i = 0; i < n; ++i) {  // features over a range of characters: not word by word
    if (feats[i].start != HB_FEATURE_GLOBAL_START || feats[i].end != HB_FEATURE_GLOBAL_END) return false;
  }
  hb_font_t* parent = hb_font_get_parent(f);  // Pango shapes with a sub-font of its own font
  const std::uintptr_t serial = font_serial(parent != nullptr && parent != hb_font_get_empty() ? parent : f);
  if (serial == 0) return false;
  font = f;
  buffer = b;
  features = feats;
  num_features = n;
  chars = in;
  flags = hb_buffer_get_flags(b);

  head.clear();
  int x_scale = 0, y_scale = 0;
  unsigned x_ppem = 0, y_ppem = 0;
  hb_font_get_scale(f, &x_scale, &y_scale);
  hb_font_get_ppem(f, &x_ppem, &y_ppem);
  append_bytes(&head, serial);
  append_bytes(&head, x_scale);
  append_bytes(&head, y_scale);
  append_bytes(&head, x_ppem);
  append_bytes(&head, y_ppem);
  append_bytes(&head, hb_font_get_ptem(f));
  append_bytes(&head, props.script);
  append_bytes(&head, props.language);
  append_bytes(&head, hb_buffer_get_unicode_funcs(b));
  append_bytes(&head, static_cast<unsigned>(flags & ~(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT)));
  append_bytes(&head, hb_buffer_get_cluster_level(b));
  append_bytes(&head, hb_buffer_get_invisible_glyph(b));
  append_bytes(&head, hb_buffer_get_not_found_glyph(b));
  append_bytes(&head, hb_buffer_get_replacement_codepoint(b));
  head.append(reinterpret_cast<const char*>(feats), n * sizeof(hb_feature_t));

  starts.clear();
  starts.push_back(0);
  for (unsigned i = 1; i < len; ++i) {
    if (in[i - 1].codepoint == ' ' && in[i].codepoint != ' ' && !is_mark(in[i].codepoint)) starts.push_back(i);
  }
  starts.push_back(len);
  const unsigned count = words();
  clusters.resize(count);
  // Each key: two edge bytes, then per character its codepoint and its cluster relative to the
  // word's first, 4 bytes each.
  keys.resize(2 * std::size_t{count} + 8 * std::size_t{len});
  key_ends.resize(count);
  char* out = keys.data();
  for (unsigned w = 0; w < count; ++w) {
    const unsigned first = starts[w];
    clusters[w] = in[first].cluster;
    *out++ = w == 0 ? ((flags & HB_BUFFER_FLAG_BOT) ? 'B' : 'b') : '-';  // at the run's start
    *out++ = w + 1 == count ? ((flags & HB_BUFFER_FLAG_EOT) ? 'E' : 'e') : '-';
    for (unsigned i = first; i < starts[w + 1]; ++i) {
      const std::uint32_t c[2] = {in[i].codepoint, in[i].cluster - in[first].cluster};
      std::memcpy(out, c, sizeof c);
      out += sizeof c;
    }
    key_ends[w] = static_cast<std::size_t>(out - keys.data());
  }
  return true;
}

const std::vector<Glyph>* ShapeCache::Impl::find(std::string_view k) {
  Words& w = *words_of_run;
  if (auto it = w.current.find(k); it != w.current.end()) return &it->second;
  auto it = w.previous.find(k);
  if (it == w.previous.end()) return nullptr;
  auto node = w.previous.extract(it);  // a hit in the older generation moves forward
  ++current_entries;
  return &w.current.insert(std::move(node)).position->second;
}

// The first glyph of each word of [first, end) shaped together (`glyph_starts`, indexed from
// `first`) and whether the edge before it is safe to concatenate (`safe_before`). False when
// the clusters do not run forward.
bool ShapeCache::Impl::locate(unsigned first, unsigned end, const hb_glyph_info_t* glyphs, unsigned count) {
  for (unsigned i = 1; i < count; ++i) {
    if (glyphs[i].cluster < glyphs[i - 1].cluster) return false;
  }
  glyph_starts.assign(end - first + 1, count);
  safe_before.assign(end - first + 1, 0);
  unsigned g = 0;
  for (unsigned w = first; w < end; ++w) {
    while (g < count && glyphs[g].cluster < clusters[w]) ++g;
    glyph_starts[w - first] = g;
    safe_before[w - first] = g < count && glyphs[g].cluster == clusters[w] &&
                             (hb_glyph_info_get_glyph_flags(&glyphs[g]) & HB_GLYPH_FLAG_UNSAFE_TO_CONCAT) == 0;
  }
  return true;
}

// Keeps the words of [from, to) (shaped with the others of [first, ...), located) whose both
// edges are safe; the run's own start and end are edges of the word's key.
void ShapeCache::Impl::store(unsigned first, unsigned from, unsigned to, const hb_glyph_info_t* glyphs,
                             const hb_glyph_position_t* positions) {
  const unsigned last_shaped = first + static_cast<unsigned>(glyph_starts.size()) - 1;  // one past
  for (unsigned w = from; w < to; ++w) {
    const bool left = w == 0 || (w > first && safe_before[w - first]);
    const bool right = w + 1 == words() || (w + 1 < last_shaped && safe_before[w + 1 - first]);
    const unsigned g0 = glyph_starts[w - first], g1 = glyph_starts[w + 1 - first];
    if (!left || !right || g0 >= g1) continue;
    auto [it, inserted] = words_of_run->current.try_emplace(std::string(key(w)));
    if (!inserted) continue;
    ++current_entries;
    it->second.reserve(g1 - g0);
    for (unsigned g = g0; g < g1; ++g) {
      Glyph glyph{glyphs[g], positions[g]};
      glyph.info.cluster -= clusters[w];
      clear_concat_flag(&glyph.info);
      it->second.push_back(glyph);
    }
  }
}

// Copies the words found and shapes the stretches between them, each with one found word on
// either side as context; false (buffer untouched) when an edge of a stretch is not safe.
bool ShapeCache::Impl::assemble() {
  out_info.clear();
  out_pos.clear();
  const unsigned count = words();
  hb_segment_properties_t props;
  hb_buffer_get_segment_properties(buffer, &props);
  for (unsigned w = 0; w < count;) {
    if (found[w] != nullptr) {
      for (const Glyph& g : *found[w]) {
        out_info.push_back(g.info);
        out_info.back().cluster += clusters[w];
        out_pos.push_back(g.pos);
      }
      ++stats.words_reused;
      ++w;
      continue;
    }
    unsigned end = w;
    while (end < count && found[end] == nullptr) ++end;
    const unsigned first = w > 0 ? w - 1 : 0, last = end < count ? end + 1 : count;  // with context
    hb_buffer_clear_contents(scratch);
    hb_buffer_set_segment_properties(scratch, &props);
    hb_buffer_set_unicode_funcs(scratch, hb_buffer_get_unicode_funcs(buffer));
    unsigned f = flags & ~(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT);
    if (first == 0) f |= flags & HB_BUFFER_FLAG_BOT;
    if (last == count) f |= flags & HB_BUFFER_FLAG_EOT;
    hb_buffer_set_flags(scratch, static_cast<hb_buffer_flags_t>(f | HB_BUFFER_FLAG_PRODUCE_UNSAFE_TO_CONCAT));
    hb_buffer_set_cluster_level(scratch, hb_buffer_get_cluster_level(buffer));
    hb_buffer_set_invisible_glyph(scratch, hb_buffer_get_invisible_glyph(buffer));
    hb_buffer_set_not_found_glyph(scratch, hb_buffer_get_not_found_glyph(buffer));
    hb_buffer_set_replacement_codepoint(scratch, hb_buffer_get_replacement_codepoint(buffer));
    for (unsigned i = starts[first]; i < starts[last]; ++i) hb_buffer_add(scratch, chars[i].codepoint, chars[i].cluster);
    hb_buffer_set_content_type(scratch, HB_BUFFER_CONTENT_TYPE_UNICODE);
    harfbuzz_shape()(font, scratch, features, num_features);
    unsigned n = 0;
    const hb_glyph_info_t* glyphs = hb_buffer_get_glyph_infos(scratch, &n);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(scratch, nullptr);
    if (!locate(first, last, glyphs, n) || (w > 0 && !safe_before[w - first]) ||
        (end < count && !safe_before[end - first])) {
      return false;
    }
    for (unsigned g = glyph_starts[w - first]; g < glyph_starts[end - first]; ++g) {
      out_info.push_back(glyphs[g]);
      clear_concat_flag(&out_info.back());
      out_pos.push_back(positions[g]);
    }
    store(first, w, end, glyphs, positions);
    stats.words_shaped += end - w;
    w = end;
  }
  hb_buffer_set_content_type(buffer, HB_BUFFER_CONTENT_TYPE_GLYPHS);
  if (!hb_buffer_set_length(buffer, static_cast<unsigned>(out_info.size()))) {
    hb_buffer_set_content_type(buffer, HB_BUFFER_CONTENT_TYPE_UNICODE);
    return false;
  }
  std::memcpy(hb_buffer_get_glyph_infos(buffer, nullptr), out_info.data(), out_info.size() * sizeof(hb_glyph_info_t));
  std::memcpy(hb_buffer_get_glyph_positions(buffer, nullptr), out_pos.data(),
              out_pos.size() * sizeof(hb_glyph_position_t));
  return true;
}

// Shapes the run in its buffer as HarfBuzz would, and keeps its words with safe edges.
void ShapeCache::Impl::shape_whole() {
  hb_buffer_set_flags(buffer, static_cast<hb_buffer_flags_t>(flags | HB_BUFFER_FLAG_PRODUCE_UNSAFE_TO_CONCAT));
  harfbuzz_shape()(font, buffer, features, num_features);
  hb_buffer_set_flags(buffer, flags);
  unsigned n = 0;
  hb_glyph_info_t* glyphs = hb_buffer_get_glyph_infos(buffer, &n);
  if (locate(0, words(), glyphs, n)) store(0, 0, words(), glyphs, hb_buffer_get_glyph_positions(buffer, nullptr));
  for (unsigned g = 0; g < n; ++g) clear_concat_flag(&glyphs[g]);
  stats.words_shaped += words();
}

void ShapeCache::Impl::shape(hb_font_t* f, hb_buffer_t* b, const hb_feature_t* feats, unsigned n) {
  if (shaping || !prepare_run(f, b, feats, n)) {
    harfbuzz_shape()(f, b, feats, n);
    return;
  }
  shaping = true;
  struct Done {
    bool* flag;
    ~Done() { *flag = false; }
  } done{&shaping};
  ++stats.runs;
  if (current_entries >= kEntries) {  // only between runs: `found` points into the maps
    for (auto& [setting, words] : by_setting) {
      words.previous = std::move(words.current);
      words.current.clear();
    }
    std::erase_if(by_setting, [](const auto& entry) { return entry.second.previous.empty(); });  // fonts gone
    current_entries = 0;
  }
  auto setting = by_setting.find(std::string_view(head));
  if (setting == by_setting.end()) setting = by_setting.try_emplace(head).first;
  words_of_run = &setting->second;
  const unsigned count = words();
  found.assign(count, nullptr);
  unsigned missing = 0;
  for (unsigned w = 0; w < count; ++w) {
    found[w] = find(key(w));
    if (found[w] == nullptr) ++missing;
  }
  // Mostly new words: shaping the run whole costs less than shaping them in stretches.
  if (2 * missing >= count || !assemble()) shape_whole();
}

namespace {
thread_local ShapeCache::Impl* current_cache = nullptr;  // the innermost Scope's
}  // namespace

ShapeCache::ShapeCache() : impl_(std::make_unique<Impl>()) {}
ShapeCache::~ShapeCache() = default;

ShapeCache::Stats ShapeCache::stats() const { return impl_->stats; }

ShapeCache::Scope::Scope(ShapeCache* cache) : previous_(current_cache) {
  current_cache = cache != nullptr ? cache->impl_.get() : nullptr;
}
ShapeCache::Scope::~Scope() { current_cache = previous_; }

}  // namespace docforge::document::pdf

// HarfBuzz's hb_shape, interposed (see the header).
extern "C" void hb_shape(hb_font_t* font, hb_buffer_t* buffer, const hb_feature_t* features, unsigned int num_features) {
  using docforge::document::pdf::current_cache;
  if (current_cache == nullptr) {
    docforge::document::pdf::harfbuzz_shape()(font, buffer, features, num_features);
    return;
  }
  current_cache->shape(font, buffer, features, num_features);
}
