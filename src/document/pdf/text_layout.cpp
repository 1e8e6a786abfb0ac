#include "document/pdf/text_layout.h"

#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "document/pdf/text_analysis.h"

namespace docforge::document::pdf {
namespace {

using Glyph = TextLayout::Glyph;

constexpr char32_t kLineSeparator = 0x2028;

// The English sample string Pango measures a font's approximate character width with
// (pango_language_get_sample_string), and its width in cells.
constexpr std::string_view kSample = "The quick brown fox jumps over the lazy dog.";

// Pango's "space" rule for font selection (itemize.c): these characters take the font of the
// text around them instead of choosing one.
bool consider_as_space(char32_t c) {
  const hb_unicode_general_category_t type = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
  switch (type) {
    case HB_UNICODE_GENERAL_CATEGORY_CONTROL:
    case HB_UNICODE_GENERAL_CATEGORY_SURROGATE:
    case HB_UNICODE_GENERAL_CATEGORY_LINE_SEPARATOR:
    case HB_UNICODE_GENERAL_CATEGORY_PARAGRAPH_SEPARATOR:
      return true;
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
      return !((c >= 0x600 && c <= 0x6FF) || c == 0x70F || c == 0x8E2);
    case HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR:
      return c != 0x1680;
    default:
      return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
  }
}

bool is_space_separator(char32_t c) {
  return hb_unicode_general_category(hb_unicode_funcs_get_default(), c) ==
         HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR;
}

// What the itemizer needs of the attributes at a character.
struct FontStyle {
  const std::string* families = nullptr;
  int size = 0;  // layout units, after scaling (truncated, as Pango's integer sizes are)
  int weight = 400;
  bool italic = false;
};

// A stretch of text with the same attributes: [start, end) in bytes.
struct Segment {
  std::uint32_t start = 0, end = 0;
  FontStyle font;
  bool font_cut = false;  // an attribute that affects fonts starts or ends here
};

// One item: a stretch of a paragraph with one font, level, script and style (PangoItem).
struct Item {
  std::uint32_t offset = 0, length = 0;  // bytes
  int num_chars = 0;
  const Font* font = nullptr;
  int font_position = 0;  // the font's index in its list (0xffff: no font chosen yet)
  std::uint8_t level = 0;
  hb_script_t script = HB_SCRIPT_COMMON;
  hb_language_t language = HB_LANGUAGE_INVALID;
  bool need_hyphen = false;
};

struct LineRun {
  Item item;
  std::vector<Glyph> glyphs;  // HarfBuzz's order (left to right)
  int y_offset = 0;           // raised by this much to share the line's baseline (Pango's run y_offset)
};

struct LineWork {
  std::vector<LineRun> runs;  // logical order while filling; visual after reorder
  std::uint32_t start_index = 0;
  std::uint32_t length = 0;
  bool rtl = false;
};

enum class Fit { kNone, kSome, kAll, kEmpty, kLineSeparator };

int glyphs_width(const std::vector<Glyph>& glyphs) {
  int w = 0;
  for (const Glyph& g : glyphs) w += g.advance;
  return w;
}

}  // namespace

const TextAttribute* attribute_at(const std::vector<TextAttribute>& attributes, TextAttribute::Kind kind,
                                  std::uint32_t byte) {
  const TextAttribute* winner = nullptr;
  for (const TextAttribute& a : attributes) {
    if (a.kind != kind || byte < a.start || byte >= a.end) continue;
    if (winner == nullptr || a.start >= winner->start) winner = &a;
  }
  return winner;
}

struct TextLayouter::FontInfo {
  int ascent = 0, descent = 0, height = 0;  // layout units; Pango's font metrics
  int approximate_char_width = 0;
  hb_codepoint_t hyphen_char = 0;  // U+2010, else '-' (what the font has); 0: neither
  int hyphen_width = 0;
};

struct TextLayouter::RunFonts {
  const FontMatcher::FontList* list = nullptr;
  hb_language_t language = HB_LANGUAGE_INVALID;
};

struct TextLayouter::Impl {
  FontMatcher* fonts;
  hb_buffer_t* buffer = hb_buffer_create();
  std::unordered_map<const Font*, FontInfo> font_info;
  std::unordered_map<std::string, RunFonts> run_fonts;  // Builder::run_fonts
  std::string key;  // run_fonts' key, built in place

  explicit Impl(FontMatcher* f) : fonts(f) {}
  ~Impl() { hb_buffer_destroy(buffer); }

  const FontInfo& info(const Font* font) {
    auto it = font_info.find(font);
    if (it != font_info.end()) return it->second;
    FontInfo fi;
    hb_font_t* hb = font->hb();
    hb_font_extents_t extents{};
    hb_font_get_extents_for_direction(hb, HB_DIRECTION_LTR, &extents);
    fi.ascent = extents.ascender;
    fi.descent = -extents.descender;
    fi.height = extents.ascender - extents.descender + extents.line_gap;
    hb_codepoint_t glyph = 0;
    if (hb_font_get_nominal_glyph(hb, 0x2010, &glyph)) {
      fi.hyphen_char = 0x2010;
    } else if (hb_font_get_nominal_glyph(hb, '-', &glyph)) {
      fi.hyphen_char = '-';
    }
    fi.hyphen_width = fi.hyphen_char != 0 ? hb_font_get_glyph_h_advance(hb, glyph) : 0;
    // The sample string's width in this font, per character (Pango lays it out with fallback;
    // the font has every character of the English sample in practice): the width of a box.
    hb_buffer_clear_contents(buffer);
    hb_buffer_add_utf8(buffer, kSample.data(), static_cast<int>(kSample.size()), 0, -1);
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(hb, buffer, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &n);
    long width = 0;  // with positions rounded to whole points, as Pango's metrics context rounds
    for (unsigned i = 0; i < n; ++i) width += (pos[i].x_advance + kLayoutUnits / 2) & ~(kLayoutUnits - 1);
    fi.approximate_char_width = static_cast<int>(width / static_cast<long>(kSample.size()));
    return font_info.emplace(font, fi).first->second;
  }
};

namespace {

// Lays one text out: Pango's itemizer and line breaker over our analysis, fonts and shaping.
class Builder {
 public:
  Builder(TextLayouter::Impl* ctx, const std::string& text, const std::vector<TextAttribute>& attrs,
          const ParagraphFormat& format)
      : ctx_(ctx), text_(text), attrs_(attrs), format_(format), analysis_(analyze_text(text)) {}

  void run();

  std::vector<TextLayout::Line> lines;
  std::vector<TextLayout::Run> runs;
  std::vector<Glyph> glyphs;
  std::vector<char32_t> missing;
  int x = 0, width = 0, height = 0;

 private:
  const CharInfo& ch(int i) const { return analysis_.chars[static_cast<std::size_t>(i)]; }
  int n_chars() const { return static_cast<int>(analysis_.chars.size()); }
  // The index of the character that starts at `byte` (the first after it when none does;
  // n_chars() past the last).
  int char_at(std::uint32_t byte) const {
    auto it = std::lower_bound(analysis_.chars.begin(), analysis_.chars.end(), byte,
                               [](const CharInfo& c, std::uint32_t b) { return c.byte < b; });
    return static_cast<int>(it - analysis_.chars.begin());
  }
  std::uint32_t byte_of(int char_index) const {
    return char_index < n_chars() ? ch(char_index).byte : static_cast<std::uint32_t>(text_.size());
  }

  void resolve_segments();
  const Segment& segment_at(std::uint32_t byte) const;
  const TextLayouter::RunFonts& run_fonts(const FontStyle& style, hb_script_t script);
  void itemize(int first, int end, std::deque<Item>* items);
  void shape(const Item& item, std::vector<Glyph>* out);
  void log_widths_of(const Item& item, const std::vector<Glyph>& g, std::vector<int>* out);

  // Line breaking (pango-layout.c's process_line / process_item).
  bool can_break_at(int offset, WrapMode wrap) const;
  bool can_break_in(int start, int num_chars, bool allow_at_start) const;
  bool break_needs_hyphen(int pos) const;
  int find_break_extra_width(int pos);
  void ensure_hyphen_width();
  void shape_run(const Item& item, std::vector<Glyph>* out);
  void insert_run(LineWork& line, const Item& item, std::vector<Glyph>* glyphs, bool last_run);
  Item split(Item& item, std::uint32_t length, int num_chars) const;
  Fit process_item(LineWork& line, bool force_fit, bool no_break_at_end, bool is_last_item);
  void process_line(bool rtl);
  void postprocess(LineWork& line, bool wrapped);
  void align_baselines(LineWork& line);
  int room_left(const LineWork& line) const;
  void justify_words(LineWork& line);
  void justify_clusters(LineWork& line);
  void finish_lines();

  TextLayouter::Impl* ctx_;
  const std::string& text_;
  const std::vector<TextAttribute>& attrs_;
  const ParagraphFormat& format_;
  TextAnalysis analysis_;
  std::vector<Segment> segments_;
  std::string base_language_;

  // The paragraph being broken (ParaBreakState).
  std::deque<Item> items_;
  int start_offset_ = 0;
  std::vector<Glyph> state_glyphs_;
  bool have_state_glyphs_ = false;
  std::vector<int> log_widths_;
  int log_widths_offset_ = 0;
  int remaining_width_ = -1;
  int line_width_ = -1;
  int hyphen_width_ = -1;
  int line_of_par_ = 1;
  std::uint32_t line_start_index_ = 0;
  int line_start_offset_ = 0;
  const LineWork* current_line_ = nullptr;  // the line being filled (tabs measure it)
  int tab_width_ = -1;                      // the text's tab stops (shape_run)
  std::vector<LineWork> work_;
};

void Builder::resolve_segments() {
  std::vector<std::uint32_t> cuts = {0, static_cast<std::uint32_t>(text_.size())};
  std::vector<std::uint32_t> font_cuts;
  for (const TextAttribute& a : attrs_) {
    if (a.start < text_.size()) cuts.push_back(a.start);
    if (a.end < text_.size()) cuts.push_back(a.end);
    if (a.kind == TextAttribute::Kind::kFamily || a.kind == TextAttribute::Kind::kScale ||
        a.kind == TextAttribute::Kind::kWeight || a.kind == TextAttribute::Kind::kItalic) {
      font_cuts.push_back(a.start);
      font_cuts.push_back(a.end);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  const int base_size = static_cast<int>(format_.font.size * kLayoutUnits);
  for (std::size_t i = 0; i + 1 < cuts.size() || (cuts.size() == 1 && i == 0); ++i) {
    Segment seg;
    seg.start = cuts[i];
    seg.end = i + 1 < cuts.size() ? cuts[i + 1] : cuts[i];
    using Kind = TextAttribute::Kind;
    const TextAttribute* family = attribute_at(attrs_, Kind::kFamily, seg.start);
    seg.font.families = family != nullptr ? &family->family : &format_.font.families;
    const TextAttribute* scale = attribute_at(attrs_, Kind::kScale, seg.start);
    seg.font.size = scale != nullptr ? static_cast<int>(scale->scale * base_size) : base_size;
    const TextAttribute* weight = attribute_at(attrs_, Kind::kWeight, seg.start);
    seg.font.weight = weight != nullptr ? weight->weight : format_.font.weight;
    seg.font.italic = format_.font.italic || attribute_at(attrs_, Kind::kItalic, seg.start) != nullptr;
    seg.font_cut = std::find(font_cuts.begin(), font_cuts.end(), seg.start) != font_cuts.end();
    segments_.push_back(seg);
  }
}

const Segment& Builder::segment_at(std::uint32_t byte) const {
  auto it = std::upper_bound(segments_.begin(), segments_.end(), byte,
                             [](std::uint32_t b, const Segment& s) { return b < s.start; });
  if (it != segments_.begin()) --it;
  return *it;
}

// The fonts and language of a run in `style` and `script`: kept by the layouter per style,
// script and text language (a hash lookup where Pango compares font descriptions).
const TextLayouter::RunFonts& Builder::run_fonts(const FontStyle& style, hb_script_t script) {
  std::string& key = ctx_->key;
  key.assign(*style.families);
  key += '\x1f';
  key += base_language_;
  key += '\x1f';
  const int fields[] = {style.size, style.weight, style.italic ? 1 : 0, static_cast<int>(script)};
  key.append(reinterpret_cast<const char*>(fields), sizeof fields);
  auto it = ctx_->run_fonts.find(key);
  if (it != ctx_->run_fonts.end()) return it->second;
  const std::string language = derived_language(base_language_, script);
  FontDescription d;
  d.families = *style.families;
  d.size = static_cast<double>(style.size) / kLayoutUnits;
  d.weight = style.weight;
  d.italic = style.italic;
  d.language = language;
  TextLayouter::RunFonts fonts;
  fonts.list = ctx_->fonts->fonts(d);
  fonts.language = hb_language_from_string(language.c_str(), -1);
  return ctx_->run_fonts.emplace(key, fonts).first->second;
}

// pango_itemize over chars [first, end) of one paragraph: runs of equal level, script and
// attributes, cut further where the font changes (itemize.c).
void Builder::itemize(int first, int end, std::deque<Item>* items) {
  int i = first;
  while (i < end) {
    // The run: constant level, script and attributes (Pango's runs of upright and sideways
    // characters are for vertical text only).
    const CharInfo& c0 = ch(i);
    const Segment* seg = &segment_at(c0.byte);
    int run_end = i + 1;
    while (run_end < end) {
      const CharInfo& c = ch(run_end);
      if (c.level != c0.level || c.script != c0.script) break;
      if (c.byte >= seg->end) {
        const Segment& next = segment_at(c.byte);
        if (next.font_cut) break;
        seg = &next;
      }
      ++run_end;
    }
    const TextLayouter::RunFonts& run = run_fonts(segment_at(c0.byte).font, c0.script);
    const FontMatcher::FontList* list = run.list;
    const hb_language_t hb_lang = run.language;
    const Font* base_font = ctx_->fonts->first(list);
    // Characters of the run, item by item (itemize_state_add_character).
    Item* item = nullptr;
    std::size_t run_first_item = items->size();
    int first_space = -1;
    bool last_was_forced_break = false;
    for (int k = i; k < run_end; ++k) {
      const char32_t wc = ch(k).c;
      const bool forced_break = wc == '\t' || wc == kLineSeparator;
      const Font* font = nullptr;
      int position = 0xffff;
      const bool is_space = consider_as_space(wc);
      if (!is_space) {
        font = ctx_->fonts->font_for(list, wc, &position);
        if (font == nullptr) {
          font = base_font;  // Pango's base font, at the position after the list's last font
        }
      }
      const int prev_first_space = first_space;
      if (is_space) {
        if (first_space < 0) first_space = k;
      } else {
        first_space = -1;
      }
      int n_spaces = 0;
      int pos = k;
      if (item != nullptr) {
        if (item->font == nullptr && font != nullptr) {
          for (std::size_t m = run_first_item; m < items->size(); ++m) {
            if ((*items)[m].font == nullptr) (*items)[m].font = font;
          }
          // Pango fills backwards from the newest item until one has a font.
          item->font_position = position;
        } else if (item->font != nullptr && font == nullptr) {
          font = item->font;
          position = item->font_position;
        }
        if (!(forced_break || last_was_forced_break) && item->font == font) {
          ++item->num_chars;
          last_was_forced_break = forced_break;
          continue;
        }
        // The item ends. Trailing spaces go to the new item when its font is less of a fallback.
        if (prev_first_space >= 0 && ch(prev_first_space).byte > item->offset && position < item->font_position) {
          n_spaces = k - prev_first_space;
          item->num_chars -= n_spaces;
          pos = prev_first_space;
        }
        item->length = ch(pos).byte - item->offset;
      }
      items->emplace_back();
      item = &items->back();
      item->offset = ch(pos).byte;
      item->num_chars = n_spaces + 1;
      item->font = font;
      item->font_position = position;
      item->level = c0.level;
      item->script = c0.script;
      item->language = hb_lang;
      last_was_forced_break = forced_break;
    }
    item->length = byte_of(run_end) - item->offset;
    if (item->font == nullptr) {
      const Font* space_font = ctx_->fonts->font_for(list, ' ');
      if (space_font == nullptr) space_font = base_font;
      for (std::size_t m = run_first_item; m < items->size(); ++m) {
        if ((*items)[m].font == nullptr) (*items)[m].font = space_font;
      }
    }
    i = run_end;
  }
}

// pango_hb_shape: the item's text with the whole text as context, a hyphen appended when the
// item ends at a break that shows one.
void Builder::shape(const Item& item, std::vector<Glyph>* out) {
  out->clear();
  const TextLayouter::FontInfo& fi = ctx_->info(item.font);  // first: it shapes with the buffer
  hb_buffer_t* buf = ctx_->buffer;
  hb_buffer_clear_contents(buf);
  hb_buffer_set_direction(buf, item.level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, item.script);
  hb_buffer_set_language(buf, item.language);
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT));
  hb_buffer_set_invisible_glyph(buf, TextLayout::kEmptyGlyph);
  std::uint32_t length = item.length;
  std::uint32_t hyphen_index = 0;
  if (item.need_hyphen) {
    const std::uint32_t last = item.offset + item.length;
    const int after = char_at(last);  // its break_removes_preceding drops the item's last character
    hyphen_index = ch(after - 1).byte;
    if (after < n_chars() && ch(after).break_removes_preceding) length -= last - hyphen_index;
  }
  const char* t = text_.data();
  const int text_length = static_cast<int>(text_.size());
  hb_buffer_add_utf8(buf, t, static_cast<int>(item.offset), item.offset, 0);
  hb_buffer_add_utf8(buf, t, static_cast<int>(item.offset + length), item.offset, static_cast<int>(length));
  hb_buffer_add_utf8(buf, t, text_length, item.offset + length, 0);
  if (item.need_hyphen && fi.hyphen_char != 0) hb_buffer_add(buf, fi.hyphen_char, hyphen_index);
  hb_shape(item.font->hb(), buf, nullptr, 0);
  unsigned n = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
  out->resize(n);
  for (unsigned i = 0; i < n; ++i) {
    Glyph& g = (*out)[i];
    g.id = info[i].codepoint;
    g.cluster = info[i].cluster;
    g.advance = pos[i].x_advance;
    g.x_offset = pos[i].x_offset;
    g.y_offset = -pos[i].y_offset;
    if (g.id == 0) {
      // .notdef: the font has not the character. Spaces HarfBuzz could not synthesize keep
      // their advance; anything else is a box of the font's average width, as Pango draws it.
      const char32_t c = ch(char_at(g.cluster)).c;
      if (!is_space_separator(c) || c == ' ') {
        g.unknown = true;
        g.advance = fi.approximate_char_width;
        g.x_offset = 0;
        g.y_offset = 0;
      }
    }
    if (g.advance < 0) {
      g.advance = -g.advance;
      g.x_offset += g.advance;
    }
  }
}

// pango_glyph_item_get_logical_widths: each cluster's width shared by its characters, the
// remainder to the first.
void Builder::log_widths_of(const Item& item, const std::vector<Glyph>& g, std::vector<int>* out) {
  out->assign(static_cast<std::size_t>(item.num_chars), 0);
  // The item's characters are consecutive in analysis_.chars, and its clusters come in
  // increasing byte order when walked in logical order: one cursor finds each cluster's
  // characters.
  const CharInfo* chars = analysis_.chars.data() + char_at(item.offset);
  const int n = static_cast<int>(g.size());
  const bool rtl = item.level % 2 != 0;
  const int step = rtl ? -1 : 1;
  int c = 0;  // the cursor: characters of the item before it belong to earlier clusters
  for (int gi = rtl ? n - 1 : 0; rtl ? gi >= 0 : gi < n;) {
    const std::uint32_t cluster = g[static_cast<std::size_t>(gi)].cluster;
    int width = 0;
    int gj = gi;
    while ((rtl ? gj >= 0 : gj < n) && g[static_cast<std::size_t>(gj)].cluster == cluster) {
      width += g[static_cast<std::size_t>(gj)].advance;
      gj += step;
    }
    const std::uint32_t next_byte =
        (rtl ? gj >= 0 : gj < n) ? g[static_cast<std::size_t>(gj)].cluster : item.offset + item.length;
    while (c < item.num_chars && chars[c].byte < cluster) ++c;
    const int c0 = c;
    while (c < item.num_chars && chars[c].byte < next_byte) ++c;
    const int count = c - c0;
    if (count > 0) {
      const int each = width / count;
      for (int k = c0; k < c; ++k) (*out)[static_cast<std::size_t>(k)] = each;
      (*out)[static_cast<std::size_t>(c0)] += width - each * count;
    }
    gi = gj;
  }
}

bool Builder::can_break_at(int offset, WrapMode wrap) const {
  if (offset >= n_chars()) return true;
  return wrap == WrapMode::kChar ? ch(offset).char_break : ch(offset).line_break;
}

bool Builder::can_break_in(int start, int num_chars, bool allow_at_start) const {
  for (int i = allow_at_start ? 0 : 1; i < num_chars; ++i) {
    if (can_break_at(start + i, format_.wrap)) return true;
  }
  return false;
}

bool Builder::break_needs_hyphen(int pos) const {
  const int i = start_offset_ + pos;
  if (i >= n_chars()) return false;
  return ch(i).break_inserts_hyphen || ch(i).break_removes_preceding;
}

void Builder::ensure_hyphen_width() {
  if (hyphen_width_ < 0) hyphen_width_ = ctx_->info(items_.front().font).hyphen_width;
}

int Builder::find_break_extra_width(int pos) {
  const int i = start_offset_ + pos;
  if (i < n_chars() && ch(i).break_inserts_hyphen) {
    ensure_hyphen_width();
    if (ch(i).break_removes_preceding && pos > 0) {
      return hyphen_width_ - log_widths_[static_cast<std::size_t>(log_widths_offset_ + pos - 1)];
    }
    return hyphen_width_;
  }
  if (pos > 0 && i - 1 < n_chars() && ch(i - 1).white) {
    return -log_widths_[static_cast<std::size_t>(log_widths_offset_ + pos - 1)];
  }
  return 0;
}

void Builder::shape_run(const Item& item, std::vector<Glyph>* out) {
  if (text_[item.offset] == '\t') {
    // A tab: to the next stop (every 8 spaces of the text's font, as Pango's ensure_tab_width
    // measures them: the font a space gets at the text's start) at least a space on.
    out->assign(1, Glyph{});
    Glyph& g = (*out)[0];
    g.id = TextLayout::kEmptyGlyph;
    g.cluster = item.offset;
    if (tab_width_ < 0) {
      const FontMatcher::FontList* list = run_fonts(segment_at(0).font, HB_SCRIPT_COMMON).list;
      const Font* font = ctx_->fonts->font_for(list, ' ');
      if (font == nullptr) font = ctx_->fonts->first(list);
      hb_codepoint_t space = 0;
      tab_width_ = font != nullptr && hb_font_get_nominal_glyph(font->hb(), ' ', &space)
                       ? 8 * hb_font_get_glyph_h_advance(font->hb(), space)
                       : 0;
      if (tab_width_ <= 0) tab_width_ = 50 * kLayoutUnits;  // Pango's width when the font has none
    }
    const int tab_width = tab_width_;
    const int space_width = tab_width / 8;
    int current = 0;
    if (remaining_width_ > -1) {
      current = line_width_ - remaining_width_;
    } else if (current_line_ != nullptr) {
      for (const LineRun& r : current_line_->runs) current += glyphs_width(r.glyphs);
    }
    int stop = tab_width;
    while (stop < current + space_width) stop += tab_width;
    g.advance = std::max(stop - current, 0);
    return;
  }
  shape(item, out);
}

void Builder::insert_run(LineWork& line, const Item& item, std::vector<Glyph>* glyphs, bool last_run) {
  LineRun run;
  run.item = item;
  if (glyphs != nullptr) {
    run.glyphs = std::move(*glyphs);
  } else if (last_run && log_widths_offset_ == 0 && !item.need_hyphen && have_state_glyphs_) {
    run.glyphs = std::move(state_glyphs_);
    have_state_glyphs_ = false;
  } else {
    shape_run(item, &run.glyphs);
  }
  if (last_run) {
    have_state_glyphs_ = false;
    state_glyphs_.clear();
  }
  line.length += item.length;
  line.runs.push_back(std::move(run));
}

// pango_item_split: the first `length` bytes (num_chars characters) of `item` as a new item;
// `item` keeps the rest.
Item Builder::split(Item& item, std::uint32_t length, int num_chars) const {
  Item first = item;
  first.length = length;
  first.num_chars = num_chars;
  item.offset += length;
  item.length -= length;
  item.num_chars -= num_chars;
  return first;
}

Fit Builder::process_item(LineWork& line, bool force_fit, bool no_break_at_end, bool is_last_item) {
  Item& item = items_.front();
  bool processing_new_item = false;
  if (!have_state_glyphs_) {
    shape_run(item, &state_glyphs_);
    have_state_glyphs_ = true;
    log_widths_offset_ = 0;
    processing_new_item = true;
  }
  if (ch(start_offset_).c == kLineSeparator) {
    insert_run(line, item, nullptr, true);
    log_widths_offset_ += item.num_chars;
    return Fit::kLineSeparator;
  }
  if (remaining_width_ < 0 && !no_break_at_end) {
    insert_run(line, item, nullptr, true);
    return Fit::kAll;
  }
  int width = 0;
  if (processing_new_item) {
    width = glyphs_width(state_glyphs_);
  } else {
    for (int i = 0; i < item.num_chars; ++i) width += log_widths_[static_cast<std::size_t>(log_widths_offset_ + i)];
  }
  if (text_[item.offset] == '\t') {
    insert_run(line, item, nullptr, true);
    remaining_width_ = std::max(remaining_width_ - width, 0);
    return Fit::kAll;
  }
  WrapMode wrap = format_.wrap;
  int extra_width = 0;
  if (!no_break_at_end && can_break_at(start_offset_ + item.num_chars, wrap)) {
    if (processing_new_item) {
      log_widths_of(item, state_glyphs_, &log_widths_);
      processing_new_item = false;
    }
    extra_width = find_break_extra_width(item.num_chars);
  }
  if ((width + extra_width <= remaining_width_ || (item.num_chars == 1 && line.runs.empty())) && !no_break_at_end) {
    // Pango shapes the item again here; the whole item without a hyphen shapes as before.
    std::vector<Glyph> shaped;
    if (log_widths_offset_ == 0 && !item.need_hyphen && have_state_glyphs_ && text_[item.offset] != '\t') {
      shaped = state_glyphs_;
    } else {
      shape_run(item, &shaped);
    }
    width = glyphs_width(shaped);
    if (width + extra_width <= remaining_width_ || (item.num_chars == 1 && line.runs.empty())) {
      insert_run(line, item, &shaped, true);
      remaining_width_ = std::max(remaining_width_ - width, 0);
      return Fit::kAll;
    }
  }

  const int orig_width = width;
  const int orig_extra_width = extra_width;
  int break_width = width;
  int break_extra_width = extra_width;
  int break_num_chars = item.num_chars;
  std::vector<Glyph> break_glyphs;
  bool have_break_glyphs = false;
  const int safe_distance = ctx_->info(item.font).approximate_char_width * 3;
  if (processing_new_item) {
    log_widths_of(item, state_glyphs_, &log_widths_);
    processing_new_item = false;
  }

  for (;;) {
    const int limit = no_break_at_end ? item.num_chars : item.num_chars + 1;
    width = 0;
    for (int num_chars = 0; num_chars < limit; ++num_chars) {
      extra_width = find_break_extra_width(num_chars);
      if (std::min(width + extra_width, width) > remaining_width_ + safe_distance && break_num_chars < item.num_chars) {
        break;
      }
      if (can_break_at(start_offset_ + num_chars, wrap) && (num_chars > 0 || !line.runs.empty())) {
        if (num_chars == 0 || width + extra_width < remaining_width_ - safe_distance) {
          break_num_chars = num_chars;
          break_width = width;
          break_extra_width = extra_width;
        } else {
          const std::uint32_t length = byte_of(start_offset_ + num_chars) - item.offset;
          std::vector<Glyph> shaped;
          int new_break_width = 0;
          if (num_chars < item.num_chars) {
            Item rest = item;
            Item first = split(rest, length, num_chars);
            first.need_hyphen = break_needs_hyphen(num_chars);
            shape_run(first, &shaped);
          } else {
            shape_run(item, &shaped);
          }
          new_break_width = glyphs_width(shaped);
          const bool whole = num_chars == item.num_chars;
          if (num_chars > 0 && (!whole || !is_last_item) && ch(start_offset_ + num_chars - 1).white) {
            extra_width = -log_widths_[static_cast<std::size_t>(log_widths_offset_ + num_chars - 1)];
          } else if (whole && !is_last_item && break_needs_hyphen(num_chars)) {
            extra_width = hyphen_width_;
          } else {
            extra_width = 0;
          }
          if (break_num_chars == item.num_chars || new_break_width + extra_width <= remaining_width_ ||
              new_break_width + extra_width < break_width + break_extra_width) {
            break_num_chars = num_chars;
            break_width = new_break_width;
            break_extra_width = extra_width;
            break_glyphs = std::move(shaped);
            have_break_glyphs = true;
          }
        }
      }
      if (num_chars < item.num_chars) width += log_widths_[static_cast<std::size_t>(log_widths_offset_ + num_chars)];
    }
    if (wrap == WrapMode::kWordChar && force_fit && break_width + break_extra_width > remaining_width_) {
      wrap = WrapMode::kChar;  // try again, breaking between characters
      break_num_chars = item.num_chars;
      break_width = orig_width;
      break_extra_width = orig_extra_width;
      have_break_glyphs = false;
      continue;
    }
    break;
  }

  if (force_fit || break_width + break_extra_width <= remaining_width_) {
    if (remaining_width_ >= 0) remaining_width_ = std::max(remaining_width_ - (break_width + break_extra_width), 0);
    if (break_num_chars == item.num_chars) {
      if (can_break_at(start_offset_ + break_num_chars, wrap) && break_needs_hyphen(break_num_chars)) {
        item.need_hyphen = true;
      }
      insert_run(line, item, nullptr, true);
      return Fit::kAll;
    }
    if (break_num_chars == 0) return Fit::kEmpty;
    const std::uint32_t length = byte_of(start_offset_ + break_num_chars) - item.offset;
    Item first = split(item, length, break_num_chars);
    insert_run(line, first, have_break_glyphs ? &break_glyphs : nullptr, false);
    log_widths_offset_ += break_num_chars;
    return Fit::kSome;
  }
  have_state_glyphs_ = false;
  state_glyphs_.clear();
  return Fit::kNone;
}

void Builder::process_line(bool rtl) {
  LineWork line;
  current_line_ = &line;
  line.start_index = line_start_index_;
  line.rtl = rtl;
  line_width_ = format_.width;
  remaining_width_ = line_width_;
  bool have_break = false;
  int break_remaining_width = 0;
  int break_start_offset = 0;
  std::size_t break_runs = 0;  // runs before the one with the last break
  bool wrapped = false;
  while (!items_.empty()) {
    const int old_num_chars = items_.front().num_chars;
    const bool text_is_tab = text_[items_.front().offset] == '\t';
    const int old_remaining_width = remaining_width_;
    const bool first_item_in_line = line.runs.empty();
    bool last_item_in_line = items_.size() == 1;
    Fit result = process_item(line, !have_break, false, last_item_in_line);
    bool done = false;
    switch (result) {
      case Fit::kAll:
        if (!text_is_tab && can_break_in(start_offset_, old_num_chars, !first_item_in_line)) {
          have_break = true;
          break_remaining_width = old_remaining_width;
          break_start_offset = start_offset_;
          break_runs = line.runs.size() - 1;
        }
        items_.pop_front();
        start_offset_ += old_num_chars;
        break;
      case Fit::kEmpty:
        wrapped = true;
        done = true;
        break;
      case Fit::kSome:
        start_offset_ += old_num_chars - items_.front().num_chars;
        wrapped = true;
        done = true;
        break;
      case Fit::kNone: {
        while (line.runs.size() > break_runs) {
          LineRun& run = line.runs.back();
          line.length -= run.item.length;
          items_.push_front(run.item);
          line.runs.pop_back();
        }
        start_offset_ = break_start_offset;
        remaining_width_ = break_remaining_width;
        last_item_in_line = items_.size() == 1;
        const int num = items_.front().num_chars;
        if (process_item(line, true, true, last_item_in_line) == Fit::kAll) {
          // The item went on the line whole: no break inside it. Pango 1.50 asserts that this
          // cannot happen (process_line: BREAK_SOME_FIT or BREAK_EMPTY_FIT) and aborts, e.g. on
          // "x\u{1F3FB}\u{17D2}" 1 pt wide in kWordChar; left first in items_ as well, the item
          // would start every next line again, for ever.
          items_.pop_front();
          start_offset_ += num;
        } else {
          start_offset_ += num - items_.front().num_chars;
        }
        wrapped = true;
        done = true;
        break;
      }
      case Fit::kLineSeparator:
        items_.pop_front();
        start_offset_ += old_num_chars;
        wrapped = true;
        done = true;
        break;
    }
    if (done) break;
  }
  postprocess(line, wrapped);
  current_line_ = nullptr;
  line_start_index_ += line.length;
  line_start_offset_ = start_offset_;
  ++line_of_par_;
  work_.push_back(std::move(line));
}

void Builder::postprocess(LineWork& line, bool wrapped) {
  if (line.runs.empty()) return;
  // A hyphen the last run needs though it fit without breaking (add_missing_hyphen).
  LineRun& last = line.runs.back();
  int line_chars = 0;
  for (const LineRun& r : line.runs) line_chars += r.item.num_chars;
  const int after = line_start_offset_ + line_chars;
  if (after < n_chars() && ch(after).break_inserts_hyphen && !last.item.need_hyphen) {
    const int old_width = glyphs_width(last.glyphs);
    last.item.need_hyphen = true;
    const int saved = start_offset_;
    start_offset_ = after - last.item.num_chars;
    shape_run(last.item, &last.glyphs);
    start_offset_ = saved;
    remaining_width_ += glyphs_width(last.glyphs) - old_width;
  }
  // The space a wrapped line ends with takes no room (zero_line_final_space).
  if (wrapped && !last.glyphs.empty() && start_offset_ > 0 && ch(start_offset_ - 1).white) {
    const bool rtl = last.item.level % 2 != 0;
    const std::size_t g = rtl ? 0 : last.glyphs.size() - 1;
    const bool cluster = last.glyphs.size() >= 2 &&
                         last.glyphs[g].cluster == last.glyphs[rtl ? g + 1 : g - 1].cluster;
    if (!cluster) {
      last.glyphs[g].advance = 0;
      last.glyphs[g].id = TextLayout::kEmptyGlyph;
      last.glyphs[g].unknown = false;
    }
  }
  align_baselines(line);
  // Visual order.
  bool any_odd = false, all_odd = true;
  for (const LineRun& r : line.runs) {
    any_odd |= r.item.level % 2 != 0;
    all_odd &= r.item.level % 2 != 0;
  }
  if (all_odd) {
    std::reverse(line.runs.begin(), line.runs.end());
  } else if (any_odd) {
    std::vector<std::uint8_t> levels;
    for (const LineRun& r : line.runs) levels.push_back(r.item.level);
    std::vector<LineRun> visual;
    for (int k : visual_order(levels)) visual.push_back(std::move(line.runs[static_cast<std::size_t>(k)]));
    line.runs = std::move(visual);
  }
  if (format_.justify && wrapped) justify_words(line);
}

// Pango's apply_baseline_shift (HarfBuzz >= 4): the line's runs share the baseline the script
// of its first run uses (roman for Latin, ideographic for Han, ...), each run raised or lowered
// by the difference between its font's position of that baseline and the first font's (fonts
// without a BASE table get HarfBuzz's fallback positions). Only runs in logical order.
void Builder::align_baselines(LineWork& line) {
  hb_ot_layout_baseline_tag_t tag = static_cast<hb_ot_layout_baseline_tag_t>(0);
  hb_position_t baseline = 0;
  for (LineRun& run : line.runs) {
    hb_tag_t script_tags[HB_OT_MAX_TAGS_PER_SCRIPT];
    hb_tag_t lang_tags[HB_OT_MAX_TAGS_PER_LANGUAGE];
    unsigned script_count = HB_OT_MAX_TAGS_PER_SCRIPT;
    unsigned lang_count = HB_OT_MAX_TAGS_PER_LANGUAGE;
    hb_ot_tags_from_script_and_language(run.item.script, run.item.language, &script_count, script_tags, &lang_count,
                                        lang_tags);
    const hb_tag_t script_tag = script_count > 0 ? script_tags[script_count - 1] : HB_OT_TAG_DEFAULT_SCRIPT;
    const hb_tag_t lang_tag = lang_count > 0 ? lang_tags[lang_count - 1] : HB_TAG_NONE;
    hb_position_t run_baseline = 0;
    if (tag == 0) {
      tag = hb_ot_layout_get_horizontal_baseline_tag_for_script(run.item.script);
      hb_ot_layout_get_baseline_with_fallback(run.item.font->hb(), tag, HB_DIRECTION_LTR, script_tag, lang_tag,
                                              &run_baseline);
      baseline = run_baseline;
    } else {
      hb_ot_layout_get_baseline_with_fallback(run.item.font->hb(), tag, HB_DIRECTION_LTR, script_tag, lang_tag,
                                              &run_baseline);
    }
    run.y_offset = baseline - run_baseline;
  }
}

// The room justification spreads: what Pango tracked while filling the line, but never more
// than the line's width less its glyphs'. (Pango's add_missing_hyphen makes the tracked room
// larger where it should make it smaller, so a justified line that ends in a hyphen the break
// did not shape would overflow by the hyphen's width; elsewhere the two agree, or Pango's is a
// little smaller and the line ends a fraction of a point short, as Pango's does.)
int Builder::room_left(const LineWork& line) const {
  int width = 0;
  for (const LineRun& r : line.runs) width += glyphs_width(r.glyphs);
  return std::min(remaining_width_, line_width_ - width);
}

// Pango's justify_words: the room left on a wrapped line goes to its spaces (U+0020, U+00A0) in
// proportion to their widths, cumulatively rounded; a line without spaces spreads it between
// its clusters instead (justify_clusters).
void Builder::justify_words(LineWork& line) {
  const int total_remaining = room_left(line);
  if (total_remaining <= 0) return;
  const bool hinted = (total_remaining & (kLayoutUnits - 1)) == 0;
  auto expandable = [&](std::uint32_t byte) {
    const unsigned char c = static_cast<unsigned char>(text_[byte]);
    return c == ' ' || (c == 0xC2 && byte + 1 < text_.size() && static_cast<unsigned char>(text_[byte + 1]) == 0xA0);
  };
  long total_space = 0;
  int added = 0;
  for (int mode = 0; mode < 2; ++mode) {  // 0: measure, 1: adjust
    long spaces = 0;
    added = 0;
    for (LineRun& run : line.runs) {
      std::vector<Glyph>& g = run.glyphs;
      const int n = static_cast<int>(g.size());
      const bool rtl = run.item.level % 2 != 0;
      const int step = rtl ? -1 : 1;
      for (int i = rtl ? n - 1 : 0; rtl ? i >= 0 : i < n;) {  // clusters in logical order
        const std::uint32_t cluster = g[static_cast<std::size_t>(i)].cluster;
        int j = i;
        while ((rtl ? j >= 0 : j < n) && g[static_cast<std::size_t>(j)].cluster == cluster) j += step;
        if (cluster < text_.size() && expandable(cluster)) {
          for (int k = i; k != j; k += step) {
            Glyph& glyph = g[static_cast<std::size_t>(k)];
            if (glyph.advance == 0) continue;
            spaces += glyph.advance;
            if (mode == 1) {
              int adjustment = static_cast<int>(static_cast<std::uint64_t>(spaces) * static_cast<std::uint64_t>(total_remaining) /
                                                static_cast<std::uint64_t>(total_space)) -
                               added;
              if (hinted) adjustment = (adjustment + kLayoutUnits / 2) & ~(kLayoutUnits - 1);
              glyph.advance += adjustment;
              added += adjustment;
            }
          }
        }
        i = j;
      }
    }
    if (mode == 0) {
      total_space = spaces;
      if (total_space == 0) {
        justify_clusters(line);
        return;
      }
    }
  }
  remaining_width_ -= added;
}

void Builder::justify_clusters(LineWork& line) {
  const int total_remaining = room_left(line);
  if (total_remaining <= 0) return;
  const bool hinted = (total_remaining & (kLayoutUnits - 1)) == 0;
  auto grapheme_start = [&](std::uint32_t byte) {
    const int c = char_at(byte);
    return c >= n_chars() || ch(c).char_break;
  };
  int total_gaps = 0;
  int added = 0;
  for (int mode = 0; mode < 2; ++mode) {  // 0: measure, 1: adjust
    bool left_edge = true;
    std::vector<Glyph>* rightmost_run = nullptr;
    int rightmost_space = 0;
    int residual = 0;
    int gaps = 0;
    added = 0;
    for (LineRun& run : line.runs) {
      std::vector<Glyph>& g = run.glyphs;
      const std::size_t n = g.size();
      for (std::size_t i = 0; i < n;) {  // clusters left to right
        std::size_t j = i;
        int width = 0;
        while (j < n && g[j].cluster == g[i].cluster) width += g[j++].advance;
        const std::size_t leftmost = i, rightmost = j - 1;
        const std::uint32_t cluster = g[i].cluster;
        i = j;
        if (!grapheme_start(cluster) || width == 0) continue;
        ++gaps;
        if (mode == 0) continue;
        int adjustment = total_remaining / total_gaps + residual;
        if (hinted) {
          const int old = adjustment;
          adjustment = (adjustment + kLayoutUnits / 2) & ~(kLayoutUnits - 1);
          residual = old - adjustment;
        }
        int space_left = adjustment / 2;
        if ((adjustment & (kLayoutUnits - 1)) == 0) space_left = (space_left + kLayoutUnits / 2) & ~(kLayoutUnits - 1);
        const int space_right = adjustment - space_left;
        if (left_edge) {
          left_edge = false;
        } else {
          g[leftmost].advance += space_left;
          g[leftmost].x_offset += space_left;
          added += space_left;
        }
        rightmost_run = &g;
        rightmost_space = space_right;
        g[rightmost].advance += space_right;
        added += space_right;
      }
    }
    if (mode == 0) {
      total_gaps = gaps - 1;
      if (total_gaps <= 0) return;  // a single cluster: nothing to spread
    } else if (rightmost_run != nullptr) {
      rightmost_run->back().advance -= rightmost_space;
      added -= rightmost_space;
    }
  }
  remaining_width_ -= added;
}

void Builder::run() {
  base_language_ = format_.font.language;
  resolve_segments();
  // Paragraphs.
  const int n = n_chars();
  int start = 0;
  bool prev_rtl = false;
  std::size_t paragraph = 0;
  while (true) {
    int end = start;
    while (end < n && !ch(end).paragraph_separator) ++end;
    // The paragraph's direction: its base level (a paragraph without a strong character takes
    // the previous one's: text_analysis.h).
    bool rtl = prev_rtl;
    if (paragraph < analysis_.paragraph_levels.size()) rtl = analysis_.paragraph_levels[paragraph] % 2 != 0;
    ++paragraph;
    prev_rtl = rtl;
    items_.clear();
    itemize(start, end, &items_);
    start_offset_ = start;
    line_start_offset_ = start;
    line_start_index_ = byte_of(start);
    line_of_par_ = 1;
    have_state_glyphs_ = false;
    state_glyphs_.clear();
    hyphen_width_ = -1;
    remaining_width_ = -1;
    line_width_ = -1;
    log_widths_offset_ = 0;
    if (items_.empty()) {
      LineWork empty;
      empty.start_index = line_start_index_;
      empty.rtl = rtl;
      work_.push_back(std::move(empty));
    } else {
      while (!items_.empty()) process_line(rtl);
    }
    if (end >= n) break;
    // Skip the separator (\r\n is one).
    int next = end + 1;
    if (ch(end).c == '\r' && next < n && ch(next).c == '\n') ++next;
    start = next;
    if (start >= n) {
      // A text ending in a separator has an empty last paragraph.
      LineWork empty;
      empty.start_index = static_cast<std::uint32_t>(text_.size());
      empty.rtl = rtl;
      work_.push_back(std::move(empty));
      break;
    }
  }
  finish_lines();
}

// Extents, baselines and alignment of the lines (get_line_extents_layout_coords), and the
// layout's logical rectangle (pango_layout_get_extents).
void Builder::finish_lines() {
  struct Extent {
    int x = 0, y = 0, width = 0, height = 0;
    int metrics_height = 0;
  };
  std::vector<Extent> ext(work_.size());
  for (std::size_t i = 0; i < work_.size(); ++i) {
    const LineWork& line = work_[i];
    Extent& e = ext[i];
    if (line.runs.empty()) {
      const Segment& seg = segment_at(std::min<std::uint32_t>(line.start_index, static_cast<std::uint32_t>(text_.size())));
      std::string language;
      FontDescription d;
      d.families = *seg.font.families;
      d.size = static_cast<double>(seg.font.size) / kLayoutUnits;
      d.weight = seg.font.weight;
      d.italic = seg.font.italic;
      d.language = base_language_;
      const Font* font = ctx_->fonts->first(ctx_->fonts->fonts(d));
      if (font != nullptr) {
        const TextLayouter::FontInfo& fi = ctx_->info(font);
        e.y = -fi.ascent;
        e.height = fi.ascent + fi.descent;
        e.metrics_height = fi.height;
      }
      continue;
    }
    int x_pos = 0;
    bool first = true;
    for (const LineRun& r : line.runs) {
      const TextLayouter::FontInfo& fi = ctx_->info(r.item.font);
      const int w = glyphs_width(r.glyphs);
      const int ry = -fi.ascent - r.y_offset;
      const int rh = fi.ascent + fi.descent;
      if (first) {
        e.x = std::min(0, x_pos);
        e.width = std::max(0, x_pos + w) - e.x;
        e.y = std::min(0, ry);
        e.height = std::max(0, ry + rh) - e.y;
        first = false;
      } else {
        const int nx = std::min(e.x, x_pos);
        e.width = std::max(e.x + e.width, x_pos + w) - nx;
        e.x = nx;
        const int ny = std::min(e.y, ry);
        e.height = std::max(e.y + e.height, ry + rh) - ny;
        e.y = ny;
      }
      e.metrics_height = std::max(e.metrics_height, fi.height);
      x_pos += w;
    }
  }
  // The width lines are aligned in: the layout's, else the widest line's when one is not left.
  int align_width = format_.width;
  auto alignment_of = [&](const LineWork& line) {
    TextAlign a = format_.align;
    if (a != TextAlign::kCenter && line.rtl) a = a == TextAlign::kLeft ? TextAlign::kRight : TextAlign::kLeft;
    return a;
  };
  if (align_width == -1) {
    bool need = false;
    int widest = 0;
    for (std::size_t i = 0; i < work_.size(); ++i) {
      need |= alignment_of(work_[i]) != TextAlign::kLeft;
      widest = std::max(widest, ext[i].width);
    }
    if (need) align_width = widest;
  }
  int y_offset = 0;
  int baseline = 0;
  const float spacing = static_cast<float>(format_.line_spacing);
  for (std::size_t i = 0; i < work_.size(); ++i) {
    LineWork& line = work_[i];
    const Extent& e = ext[i];
    int x_offset = 0;
    const TextAlign a = alignment_of(line);
    if (align_width <= 0) {
      x_offset = 0;  // no width, or every line left-aligned
    } else if (a == TextAlign::kRight) {
      x_offset = align_width - e.width;
    } else if (a == TextAlign::kCenter) {
      x_offset = (align_width - e.width) / 2;
      if (((align_width | e.width) & (kLayoutUnits - 1)) == 0) {
        x_offset = ((x_offset + kLayoutUnits / 2) & ~(kLayoutUnits - 1));
      }
    }
    int new_baseline = 0;
    if (i == 0 || spacing == 0.0f) {
      new_baseline = y_offset - e.y;
    } else {
      new_baseline = static_cast<int>(static_cast<float>(baseline) + spacing * static_cast<float>(e.metrics_height));
    }
    baseline = new_baseline;
    TextLayout::Line out;
    out.start = line.start_index;
    out.end = line.start_index + line.length;
    out.first_run = static_cast<std::uint32_t>(runs.size());
    out.run_count = static_cast<std::uint32_t>(line.runs.size());
    out.x = e.x + x_offset;
    out.width = e.width;
    out.baseline = baseline;
    out.top = baseline + e.y;
    out.bottom = out.top + e.height;
    out.rtl = line.rtl;
    int run_x = 0;
    for (LineRun& r : line.runs) {
      TextLayout::Run run;
      run.font = r.item.font;
      run.level = r.item.level;
      run.start = r.item.offset;
      run.end = r.item.offset + r.item.length;
      run.first_glyph = static_cast<std::uint32_t>(glyphs.size());
      run.glyph_count = static_cast<std::uint32_t>(r.glyphs.size());
      run.x = run_x;
      run.width = glyphs_width(r.glyphs);
      run.y_offset = r.y_offset;
      run_x += run.width;
      for (const Glyph& g : r.glyphs) {
        if (g.unknown) {
          // The character of the cluster, reported once.
          const int k = char_at(g.cluster);
          const char32_t c = k < n_chars() ? ch(k).c : 0;
          if (c >= 0x20 && c != 0xAD && std::find(missing.begin(), missing.end(), c) == missing.end()) {
            missing.push_back(c);
          }
        }
      }
      glyphs.insert(glyphs.end(), r.glyphs.begin(), r.glyphs.end());
      runs.push_back(run);
    }
    lines.push_back(out);
    // The layout's logical rectangle.
    if (format_.width == -1) {
      width = std::max(width, e.width);
    } else if (i == 0) {
      x = out.x;
      width = e.width;
    } else {
      const int nx = std::min(x, out.x);
      width = std::max(x + width, out.x + e.width) - nx;
      x = nx;
    }
    height = out.top + e.height;
    y_offset = out.top + e.height;
  }
}

}  // namespace

std::vector<int> TextLayout::x_ranges(const Line& line, std::uint32_t start, std::uint32_t end) const {
  std::vector<int> out;
  const int x_offset = line.x;
  if (x_offset > 0 && ((!line.rtl && start < line.start) || (line.rtl && end > line.end))) {
    out.push_back(0);
    out.push_back(x_offset);
  }
  for (std::uint32_t r = line.first_run; r < line.first_run + line.run_count; ++r) {
    const Run& run = runs_[r];
    if (!(start < run.end && end > run.start)) continue;
    const std::uint32_t from = std::max(start, run.start);
    const std::uint32_t to = std::min(end, run.end);
    int pen = 0;
    int lo = 0, hi = 0;
    bool any = false;
    for (std::uint32_t g = run.first_glyph; g < run.first_glyph + run.glyph_count; ++g) {
      const Glyph& glyph = glyphs_[g];
      if (glyph.cluster >= from && glyph.cluster < to) {
        lo = any ? std::min(lo, pen) : pen;
        hi = any ? std::max(hi, pen + glyph.advance) : pen + glyph.advance;
        any = true;
      }
      pen += glyph.advance;
    }
    if (!any) continue;
    out.push_back(x_offset + run.x + lo);
    out.push_back(x_offset + run.x + hi);
  }
  if (x_offset + line.width < layout_width_ &&
      ((!line.rtl && end > line.end) || (line.rtl && start < line.start))) {
    out.push_back(x_offset + line.width);
    out.push_back(layout_width_);
  }
  return out;
}

bool TextLayout::rtl_at(std::uint32_t index) const {
  for (const Run& run : runs_) {
    if (run.start <= index && index < run.end) return run.level % 2 != 0;
  }
  return false;
}

TextLayouter::TextLayouter(FontMatcher* fonts) : impl_(std::make_unique<Impl>(fonts)) {}
TextLayouter::~TextLayouter() = default;

std::shared_ptr<const TextLayout> TextLayouter::layout(std::string text, std::vector<TextAttribute> attributes,
                                                       const ParagraphFormat& format) {
  std::shared_ptr<TextLayout> out(new TextLayout);
  out->text_ = std::move(text);
  out->attributes_ = std::move(attributes);
  Builder b(impl_.get(), out->text_, out->attributes_, format);
  b.run();
  out->lines_ = std::move(b.lines);
  out->runs_ = std::move(b.runs);
  out->glyphs_ = std::move(b.glyphs);
  out->missing_ = std::move(b.missing);
  out->x_ = b.x;
  out->width_ = b.width;
  out->height_ = b.height;
  out->layout_width_ = format.width;
  return out;
}

}  // namespace docforge::document::pdf
