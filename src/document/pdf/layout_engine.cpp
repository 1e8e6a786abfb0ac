#include "document/pdf/layout_engine.h"

#include <fmt/format.h>
#include <glib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "document/pdf/font_config.h"
#include "document/pdf/hyphenator.h"
#include "document/pdf/image_loader.h"
#include "document/pdf/font_matcher.h"
#include "document/pdf/pdf_writer.h"
#include "document/pdf/shape_cache.h"
#include "document/pdf/text_layout.h"
#include "document/pdf/text_painter.h"

namespace docforge::document::pdf {
namespace {

constexpr double kScale = kLayoutUnits;
constexpr double kMinWidth = 96;  // pt: nested lists and quotes stop indenting here

using LayoutPtr = std::shared_ptr<const TextLayout>;
using FontDescPtr = std::unique_ptr<FontDescription>;

struct Link {
  unsigned start = 0, end = 0;
  std::string url;
};

struct Text {
  LayoutPtr layout;  // shared with LayoutCache (a TextLayout is immutable)
  std::vector<Link> links;
};

// Laid-out texts kept across documents. A templated document repeats most of its text from one
// rendering to the next (headings, labels, descriptions, boilerplate), and laying text out —
// itemizing, shaping, breaking lines — was half the time of a warm render. The key holds
// everything that decides a layout (font, language, width, wrapping, alignment, line spacing,
// the text with its soft hyphens, the attributes with their values); a layout is never changed
// once made, so a document may share it with the cache and with other uses of the same text.
// Two generations bound the size (in layouts and in bytes of text): when the current one is full
// it becomes the previous one and the one before is dropped; a hit in the previous generation
// moves the layout forward.
class LayoutCache {
 public:
  static constexpr std::size_t kGeneration = 512;             // layouts per generation, at most
  static constexpr std::size_t kGenerationBytes = 128 * 1024;  // key bytes per generation, at most
  static constexpr std::size_t kMaxText = 4096;                // longer texts are not cached (bytes)

  struct Entry {
    LayoutPtr layout;
  };

  const Entry* find(const std::string& key) {
    auto it = current_.find(key);
    if (it != current_.end()) return &it->second;
    it = previous_.find(key);
    if (it == previous_.end()) return nullptr;
    Entry moved{it->second.layout};
    return add(key, std::move(moved));
  }

  const Entry* add(const std::string& key, Entry entry) {
    if (current_.size() >= kGeneration || current_bytes_ >= kGenerationBytes) {
      previous_ = std::move(current_);
      current_.clear();
      current_bytes_ = 0;
    }
    auto [it, added] = current_.emplace(key, std::move(entry));
    if (added) current_bytes_ += key.size();
    return &it->second;
  }

 private:
  std::unordered_map<std::string, Entry> current_, previous_;
  std::size_t current_bytes_ = 0;  // a layout takes ~50 bytes per byte of text
};

enum class ItemKind { kLine, kRule, kImage, kRow, kBreak, kTocEntry };

struct Item {
  ItemKind kind = ItemKind::kLine;
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;
  double x = 0;
  double width = 0;
  int text = -1;       // kLine, kTocEntry
  int line = 0;        // kLine: line number in the layout
  double line_x = 0;   // kLine: the line's offset in the layout (alignment, RTL)
  double baseline = 0; // from the item's top
  int marker = -1;     // a bullet/number drawn left of this line
  double marker_x = 0;
  int bars = 0;        // quote depth: bars at x = bar_x[i]
  double bar_x[4] = {0, 0, 0, 0};
  const Color* background = nullptr;  // code blocks
  double bg_x = 0, bg_w = 0;
  int table = -1, row = -1;  // kRow
  bool header_row = false;
  int image = -1;            // kImage
  int heading = -1;          // first line of a heading: its index in headings_
  const Color* color = nullptr;  // kRule
  double thickness = 0.75;
  int toc_level = 0;         // kTocEntry: heading index in `heading`
};

struct Cell {
  int text = -1;  // -1: empty
  Align align = Align::kDefault;
  double natural = 0;  // unwrapped text width
  double dx = 0;       // alignment offset when the layout is left unwrapped
  bool squeezed = false;  // measured at its narrowest (one word per line)
  bool header = false;
  const std::vector<Inline>* content = nullptr;
};

struct Row {
  std::vector<Cell> cells;
  double height = 0;
  bool header = false;
  bool stripe = false;
};

struct TableLayout {
  std::vector<double> col_x, col_w;
  double width = 0;
  std::vector<Row> rows;
  std::vector<int> header_items;  // item indices of the header rows (repeated on new pages)
};

struct Heading {
  int level = 1;
  std::string title;
  std::string id;
  int page = 0;   // 1-based, after pagination
  double y = 0;   // page coordinates
};

struct Placement {
  int item;
  double y;  // top, relative to the content box
};

// Mutable context while flowing blocks.
struct Ctx {
  double x = 0;
  double width = 0;
  int bars = 0;
  double bar_x[4] = {0, 0, 0, 0};
  bool muted = false;
  bool tight = false;
};

struct TextStyle {
  const FontDescription* font = nullptr;
  const Color* color = nullptr;
  TextAlign align = TextAlign::kLeft;
  bool hyphenate = false;
  bool justify = false;  // wrapped lines fill the width (the theme's justified paragraphs)
  bool bold = false;
  bool uppercase = false;
  WrapMode wrap = WrapMode::kWordChar;  // code: kChar (break anywhere)
  double width = -1;        // pt; <= 0: no wrapping
  double line_spacing = 0;  // factor; 0: the theme's line height
};

std::uint16_t c16(double v) { return static_cast<std::uint16_t>(std::clamp(v, 0.0, 1.0) * 65535.0); }

Rgb rgb(const Color& c) { return Rgb{c.r, c.g, c.b}; }

// A text colour as 16-bit channels, as PDF operators get it from the layouts (Pango kept 16 bits).
Rgb text_rgb(const Color& c) { return Rgb{c16(c.r) / 65535.0, c16(c.g) / 65535.0, c16(c.b) / 65535.0}; }

std::string replace_fields(std::string text, const std::string& page, const std::string& pages,
                           const DocumentSettings& st) {
  auto rep = [&](std::string_view key, const std::string& value) {
    std::size_t pos = 0;
    while ((pos = text.find(key, pos)) != std::string::npos) {
      text.replace(pos, key.size(), value);
      pos += value.size();
    }
  };
  rep("{page}", page);
  rep("{pages}", pages);
  rep("{title}", st.title);
  rep("{date}", st.date);
  rep("{author}", st.author);
  return text;
}

std::string codepoint_name(char32_t c) {
  std::string utf8(6, '\0');
  utf8.resize(static_cast<std::size_t>(g_unichar_to_utf8(static_cast<gunichar>(c), utf8.data())));
  return fmt::format("U+{:04X} '{}'", static_cast<unsigned>(c), utf8);
}

}  // namespace

bool parse_page_size(std::string_view text, double* w, double* h) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  struct Named {
    const char* name;
    double w, h;
  };
  static const Named kNamed[] = {{"a4", 595.276, 841.890}, {"letter", 612, 792}, {"legal", 612, 1008},
                                 {"a5", 419.528, 595.276}, {"a3", 841.890, 1190.551}, {"us-letter", 612, 792},
                                 {"usletter", 612, 792}};
  for (const Named& n : kNamed) {
    if (s == n.name) {
      *w = n.w;
      *h = n.h;
      return true;
    }
  }
  std::size_t x = s.find('x');
  if (x == std::string::npos) x = s.find('*');
  if (x == std::string::npos) return false;
  auto a = parse_length_pt(std::string_view(s).substr(0, x));
  auto b = parse_length_pt(std::string_view(s).substr(x + 1));
  if (!a || !b || *a < 72 || *b < 72 || *a > 14400 || *b > 14400) return false;
  *w = *a;
  *h = *b;
  return true;
}

namespace {

// The document's language (front matter `lang`), en-US when it names none: Pango's language
// and the hyphenation dictionary's.
const std::string& document_language(const DocumentSettings& settings) {
  static const std::string kDefault = "en-US";
  return settings.lang.empty() ? kDefault : settings.lang;
}

}  // namespace

struct LayoutEngine::Impl {
  FontSet font_set;
  std::unique_ptr<FontMatcher> font_matcher;
  std::unique_ptr<TextLayouter> layouter;
  Hyphenator hyphenator;
  LayoutCache layout_cache;
  std::string language;  // the document's language (part of every cache key)

  // Per document state.
  const PreparedDocument* doc = nullptr;
  const Theme* theme = nullptr;
  std::string base_dir;
  std::vector<Text> texts;
  std::vector<Item> items;
  std::vector<TableLayout> tables;
  std::vector<std::shared_ptr<const Image>> images;  // this document's, from image_cache
  ImageCache image_cache;
  std::vector<Heading> headings;
  std::vector<std::string> warnings;
  std::set<char32_t> missing;
  double pending = 0;  // space before the next item
  FontDescPtr body_font, heading_font[6], mono_font, small_font, title_font, subtitle_font, bold_body;
  bool hyphenation = false;
  // The last document had characters no font of font_set has, or (with the font subset) was
  // drawn partly in a face outside its theme's families: see LayoutEngine::render.
  bool needs_all_fonts = false;

  FontSubsetCache* subsets;  // the LayoutEngine's, shared by both Impls

  Impl(FontSet set, FontSubsetCache* cache) : font_set(set), subsets(cache) {}

  // The fonts are opened at the first render, so that a thread building the font subset
  // (start_loading_fonts) overlaps with what comes before.
  void ensure_fonts() {
    if (layouter != nullptr) return;
    font_matcher = std::make_unique<FontMatcher>(fontconfig_of(font_set));
    layouter = std::make_unique<TextLayouter>(font_matcher.get());
  }

  void reset() {
    texts.clear();
    items.clear();
    tables.clear();
    images.clear();
    headings.clear();
    warnings.clear();
    missing.clear();
    pending = 0;
  }

  FontDescPtr font(const std::string& family, double size, bool bold) {
    auto d = std::make_unique<FontDescription>();
    d->families = family;
    d->size = static_cast<int>(size * kScale) / kScale;  // whole layout units, as Pango's sizes
    d->weight = bold ? 700 : 400;
    d->language = language;
    return d;
  }

  // A description of each of the document's fonts for the layout cache's keys, made once per
  // font and document by font_key(); emptied by setup_fonts().
  std::unordered_map<const FontDescription*, std::string> font_keys;

  const std::string& font_key(const FontDescription* font) {
    auto it = font_keys.find(font);
    if (it == font_keys.end()) {
      std::string key = font->families;
      key += '\x1f';
      append_bytes(key, font->size);
      append_bytes(key, font->weight);
      key += font->italic ? 'i' : '-';
      it = font_keys.emplace(font, std::move(key)).first;
    }
    return it->second;
  }

  void setup_fonts() {
    const Theme& t = *theme;
    body_font = font(t.body_font, t.body_size, false);
    bold_body = font(t.body_font, t.body_size, true);
    for (int i = 0; i < 6; ++i) heading_font[i] = font(t.heading_font, t.h[i], t.heading_bold);
    mono_font = font(t.mono_font, t.code_size, false);
    small_font = font(t.body_font, t.small_size, false);
    title_font = font(t.heading_font, t.title_size, true);
    subtitle_font = font(t.body_font, t.subtitle_size, false);
    font_keys.clear();  // the descriptions are new: font_key() describes each once, when first asked
  }

  // ---- text building ----

  // A text's attributes and, for the layout cache's key, a description of them: each added
  // attribute as a tag, its range and its value, in the order added (the list follows from that
  // order, so equal descriptions are equal lists). pango_attr_list_to_string did this with a
  // printf per attribute (0.5-1.7 M instructions per document).
  struct Attrs {
    std::vector<TextAttribute> list;
    std::string key;
  };

  // Appends a value's bytes to a cache key (fixed size: no separator needed).
  template <typename T>
  static void append_bytes(std::string& key, const T& value) {
    key.append(reinterpret_cast<const char*>(&value), sizeof value);
  }

  static void append_color(std::string& key, const Color& c) {
    const std::uint16_t rgb[3] = {c16(c.r), c16(c.g), c16(c.b)};
    append_bytes(key, rgb);
  }

  static TextAttribute attr(TextAttribute::Kind kind) {
    TextAttribute a;
    a.kind = kind;
    return a;
  }
  static TextAttribute color_attr(TextAttribute::Kind kind, const Color& c) {
    TextAttribute a = attr(kind);
    a.color = text_rgb(c);
    return a;
  }

  void add_attr(Attrs& attrs, TextAttribute a, std::size_t start, std::size_t end, char tag,
                std::string_view value = {}) {
    a.start = static_cast<std::uint32_t>(start);
    a.end = static_cast<std::uint32_t>(end);
    attrs.key += tag;
    append_bytes(attrs.key, a.start);
    append_bytes(attrs.key, a.end);
    append_bytes(attrs.key, value.size());
    attrs.key += value;
    attrs.list.push_back(std::move(a));
  }

  void append_inlines(const std::vector<Inline>& inlines, std::string& s, Attrs& attrs,
                      std::vector<Link>& links, const TextStyle& style) {
    for (const Inline& in : inlines) {
      std::size_t start = s.size();
      switch (in.kind) {
        case InlineKind::kText:
          if (style.uppercase) {
            gchar* up = g_utf8_strup(in.text.data(), static_cast<gssize>(in.text.size()));
            s += up;
            g_free(up);
          } else if (style.hyphenate && hyphenation) {
            hyphenator.hyphenate(in.text, s);
          } else {
            s += in.text;
          }
          break;
        case InlineKind::kSoftBreak: s += ' '; break;
        case InlineKind::kHardBreak: s += '\n'; break;
        case InlineKind::kHtml:
          if (in.text.rfind("<br", 0) == 0) s += '\n';
          break;
        case InlineKind::kCode: {
          s += in.text;
          TextAttribute family = attr(TextAttribute::Kind::kFamily);
          family.family = theme->mono_font;
          add_attr(attrs, std::move(family), start, s.size(), 'f', theme->mono_font);
          TextAttribute scale = attr(TextAttribute::Kind::kScale);
          scale.scale = 0.9;
          add_attr(attrs, std::move(scale), start, s.size(), 's');
          const Color& bg = theme->code_bg;
          if (!bg.none) {
            std::string value;
            append_color(value, bg);
            add_attr(attrs, color_attr(TextAttribute::Kind::kBackground, bg), start, s.size(), 'g', value);
          }
          break;
        }
        case InlineKind::kEmphasis:
          append_inlines(in.children, s, attrs, links, style);
          add_attr(attrs, attr(TextAttribute::Kind::kItalic), start, s.size(), 'i');
          break;
        case InlineKind::kStrong:
          append_inlines(in.children, s, attrs, links, style);
          add_attr(attrs, attr(TextAttribute::Kind::kWeight), start, s.size(), 'b');
          break;
        case InlineKind::kStrike:
          append_inlines(in.children, s, attrs, links, style);
          add_attr(attrs, attr(TextAttribute::Kind::kStrikethrough), start, s.size(), 'x');
          break;
        case InlineKind::kLink: {
          append_inlines(in.children, s, attrs, links, style);
          const Color& lc = theme->link;
          std::string value;
          append_color(value, lc);
          add_attr(attrs, color_attr(TextAttribute::Kind::kForeground, lc), start, s.size(), 'c', value);
          if (s.size() > start) links.push_back(Link{static_cast<unsigned>(start), static_cast<unsigned>(s.size()), in.url});
          break;
        }
        case InlineKind::kImage: append_inlines(in.children, s, attrs, links, style); break;
      }
    }
  }

  int make_text(const std::vector<Inline>& inlines, const TextStyle& style, std::string_view prefix = {}) {
    std::string s(prefix);
    Attrs attrs;
    Text t;
    append_inlines(inlines, s, attrs, t.links, style);
    return finish_text(std::move(s), std::move(attrs), std::move(t), style);
  }

  int make_plain(std::string s, const TextStyle& style) {
    return finish_text(std::move(s), Attrs{}, Text{}, style);
  }

  int finish_text(std::string s, Attrs text_attrs, Text t, const TextStyle& style) {
    // The style's colour and weight cover the text, before the inline attributes (which win
    // where they overlap: text_layout.h).
    std::vector<TextAttribute> base;
    if (style.color != nullptr) base.push_back(color_attr(TextAttribute::Kind::kForeground, *style.color));
    if (style.bold) base.push_back(attr(TextAttribute::Kind::kWeight));
    std::vector<TextAttribute>& attrs = text_attrs.list;
    if (!base.empty()) attrs.insert(attrs.begin(), base.begin(), base.end());
    const int width = style.width > 0 ? static_cast<int>(style.width * kScale) : -1;
    const double spacing = style.line_spacing > 0 ? style.line_spacing : theme->line_height;
    std::string key;
    if (s.size() <= LayoutCache::kMaxText) {
      // Font and language (no \x1f in either), then fixed-size fields, the text after its
      // length, the style's colour and weight, the attributes.
      const std::string& font_text = font_key(style.font);
      key.reserve(font_text.size() + language.size() + s.size() + text_attrs.key.size() + 48);
      key += font_text;
      key += '\x1f';
      key += language;
      key += '\x1f';
      append_bytes(key, width);
      append_bytes(key, static_cast<int>(style.wrap));
      append_bytes(key, static_cast<int>(style.align));
      key += style.justify ? 'J' : '-';
      append_bytes(key, spacing);
      append_bytes(key, s.size());
      key += s;
      key += style.color != nullptr ? 'C' : '-';
      if (style.color != nullptr) append_color(key, *style.color);
      key += style.bold ? 'B' : '-';
      key += text_attrs.key;
      if (const LayoutCache::Entry* cached = layout_cache.find(key)) {
        t.layout = cached->layout;
        texts.push_back(std::move(t));
        return static_cast<int>(texts.size()) - 1;
      }
    }
    ParagraphFormat format;
    format.font = *style.font;
    format.width = width;
    format.wrap = style.wrap;
    format.align = style.align;
    format.justify = style.justify;
    format.line_spacing = spacing;
    t.layout = layouter->layout(std::move(s), std::move(attrs), format);
    if (!key.empty()) layout_cache.add(key, LayoutCache::Entry{t.layout});
    texts.push_back(std::move(t));
    return static_cast<int>(texts.size()) - 1;
  }

  // Whether every run of the document's texts is in a face of the theme's families. With the
  // font subset, text that went to another face was a fallback that only the full font list
  // chooses as the system would (font_config.h); it is rare (a character the quick check
  // could not see, such as one written as an HTML entity), so this walks the runs only.
  bool drawn_in_theme_families() {
    const std::vector<std::string> families = {theme->body_font, theme->heading_font, theme->mono_font};
    std::unordered_map<const Font*, bool> known;
    for (const Text& t : texts) {
      for (const TextLayout::Run& run : t.layout->runs()) {
        auto it = known.find(run.font);
        if (it == known.end()) it = known.emplace(run.font, run.font->of_families(families)).first;
        if (!it->second) return false;
      }
    }
    return true;
  }

  void check_missing_glyphs(int text) {
    for (char32_t c : texts[text].layout->missing()) {
      if (missing.insert(c).second) {
        warnings.push_back(fmt::format("no installed font has {}; it is drawn as a box", codepoint_name(c)));
      }
    }
  }

  // ---- flow ----

  Item base_item(const Ctx& ctx) {
    Item it;
    it.x = ctx.x;
    it.width = ctx.width;
    it.bars = ctx.bars;
    std::copy(std::begin(ctx.bar_x), std::end(ctx.bar_x), it.bar_x);
    return it;
  }

  void push_item(Item it) {
    it.space_before = pending;
    pending = 0;
    items.push_back(std::move(it));
  }

  void space(double s) { pending = std::max(pending, s); }

  // Emits one item per line. first_keep: keep the first line with the second (orphans);
  // widows: keep the last two lines together.
  void emit_lines(int text, const Ctx& ctx, int heading = -1, int marker = -1, double marker_x = 0,
                  const Color* background = nullptr, double pad = 0) {
    check_missing_glyphs(text);
    const TextLayout& layout = *texts[text].layout;
    const int n = static_cast<int>(layout.lines().size());
    std::size_t first = items.size();
    for (int i = 0; i < n; ++i) {
      const TextLayout::Line& line = layout.lines()[static_cast<std::size_t>(i)];
      Item item = base_item(ctx);
      item.kind = ItemKind::kLine;
      item.text = text;
      item.line = i;
      item.height = (line.bottom - line.top) / kScale;
      item.baseline = (line.baseline - line.top) / kScale;
      item.line_x = line.x / kScale;
      if (i == 0) {
        item.heading = heading;
        item.marker = marker;
        item.marker_x = marker_x;
      }
      if (background != nullptr) {
        item.background = background;
        item.bg_x = ctx.x - pad;
        item.bg_w = ctx.width + 2 * pad;
        if (i == 0) {
          item.height += pad;
          item.baseline += pad;
        }
        if (i == n - 1) item.height += pad;
      }
      push_item(std::move(item));
    }
    std::size_t count = items.size() - first;
    if (count >= 2) {
      items[first].keep_with_next = true;             // no orphan
      items[items.size() - 2].keep_with_next = true;  // no widow
    }
  }

  TextStyle body_style(const Ctx& ctx) {
    TextStyle s;
    s.font = body_font.get();
    s.color = ctx.muted ? &theme->muted : &theme->text;
    s.hyphenate = true;
    s.justify = theme->justify;
    s.width = ctx.width;
    return s;
  }

  void flow_blocks(const std::vector<Block>& blocks, Ctx ctx) {
    for (const Block& b : blocks) flow_block(b, ctx);
  }

  bool is_image_paragraph(const Block& b) {
    int images_seen = 0;
    for (const Inline& in : b.inlines) {
      if (in.kind == InlineKind::kImage) ++images_seen;
      else if (in.kind == InlineKind::kText && in.text.find_first_not_of(" \t") == std::string::npos) continue;
      else if (in.kind == InlineKind::kSoftBreak) continue;
      else return false;
    }
    return images_seen == 1;
  }

  void flow_image(const Inline& img, const Ctx& ctx) {
    std::string path = img.url;
    if (path.rfind("file://", 0) == 0) path = path.substr(7);
    if (!path.empty() && path[0] != '/' && !base_dir.empty()) path = base_dir + "/" + path;
    std::string why;
    std::shared_ptr<const Image> image;
    if (img.url.find("://") != std::string::npos && img.url.rfind("file://", 0) != 0) {
      why = "remote image '" + img.url + "' is not fetched";
    } else {
      image = image_cache.load(path, &why);
    }
    if (!image) {
      warnings.push_back(why + "; its alt text is shown instead");
      TextStyle s = body_style(ctx);
      s.color = &theme->muted;
      int t = make_plain("[" + plain_text(img.children) + "]", s);
      emit_lines(t, ctx);
      space(theme->paragraph);
      return;
    }
    double w = image->width_pt();
    double h = image->height_pt();
    double max_h = 0.6 * page_content_height;
    if (w > ctx.width) {
      h *= ctx.width / w;
      w = ctx.width;
    }
    if (h > max_h) {
      w *= max_h / h;
      h = max_h;
    }
    images.push_back(std::move(image));
    space(theme->block);
    Item it = base_item(ctx);
    it.kind = ItemKind::kImage;
    it.image = static_cast<int>(images.size()) - 1;
    it.x = ctx.x + (ctx.width - w) / 2;
    it.width = w;
    it.height = h;
    std::string caption = plain_text(img.children);
    it.keep_with_next = !caption.empty();
    push_item(std::move(it));
    if (!caption.empty()) {
      TextStyle s = body_style(ctx);
      s.font = small_font.get();
      s.color = &theme->muted;
      s.align = TextAlign::kCenter;
      s.justify = false;
      pending = 3;
      emit_lines(make_plain(caption, s), ctx);
    }
    space(theme->block);
  }

  void flow_block(const Block& b, Ctx ctx) {
    const Theme& t = *theme;
    switch (b.kind) {
      case BlockKind::kParagraph: {
        if (is_image_paragraph(b)) {
          for (const Inline& in : b.inlines) {
            if (in.kind == InlineKind::kImage) flow_image(in, ctx);
          }
          return;
        }
        int text = make_text(b.inlines, body_style(ctx));
        emit_lines(text, ctx);
        space(ctx.tight ? 0 : t.paragraph);
        return;
      }
      case BlockKind::kHeading: {
        int level = std::clamp(b.level, 1, 6);
        space(level <= 2 ? t.heading_before : t.heading_before * 0.75);
        TextStyle s;
        s.font = heading_font[level - 1].get();
        s.color = &t.heading;
        s.width = ctx.width;
        s.uppercase = level == 2 && t.heading_uppercase;
        int text = make_text(b.inlines, s);
        Heading h;
        h.level = level;
        h.title = plain_text(b.inlines);
        h.id = b.id;
        headings.push_back(std::move(h));
        std::size_t first = items.size();
        emit_lines(text, ctx, static_cast<int>(headings.size()) - 1);
        for (std::size_t i = first; i < items.size(); ++i) items[i].keep_with_next = true;
        if ((level == 1 && t.h1_rule) || (level == 2 && t.h2_rule)) {
          pending = 2;
          Item rule = base_item(ctx);
          rule.kind = ItemKind::kRule;
          rule.height = 0.75;
          rule.color = &t.rule;
          rule.keep_with_next = true;
          push_item(std::move(rule));
        }
        pending = t.heading_after;
        return;
      }
      case BlockKind::kQuote: {
        space(t.block);
        Ctx inner = ctx;
        if (inner.width - 12 >= kMinWidth) {  // deeper nesting stops indenting
          if (inner.bars < 4) inner.bar_x[inner.bars++] = ctx.x + 1.5;
          inner.x += 12;
          inner.width -= 12;
        }
        inner.muted = true;
        flow_blocks(b.children, inner);
        space(t.block);
        return;
      }
      case BlockKind::kList: {
        int number = b.start;
        int depth = 0;
        for (double x = ctx.x; x > 0.5 && depth < 8; x -= t.list_indent) ++depth;
        static const char* const kBullets[] = {"\u2022", "\u25E6", "\u25AA"};
        for (const Block& item : b.children) {
          Ctx inner = ctx;
          if (inner.width - t.list_indent >= kMinWidth) {
            inner.x += t.list_indent;
            inner.width -= t.list_indent;
          }
          inner.tight = b.tight;
          std::string marker_text;
          if (item.task) {
            marker_text = item.task == 'x' ? "\u2611" : "\u2610";
          } else if (b.ordered) {
            marker_text = std::to_string(number++) + ".";
          } else {
            marker_text = kBullets[depth % 3];
          }
          // The marker ends 4 pt before the item's text. It is laid out unwrapped and placed by
          // its width: a number wider than the indent ("10." in a narrow theme) reaches further
          // left instead of wrapping inside its column.
          TextStyle ms = body_style(ctx);
          ms.hyphenate = false;
          ms.justify = false;
          int marker = make_plain(marker_text, ms);
          check_missing_glyphs(marker);
          const int marker_width = texts[marker].layout->width();
          // The first line of the item's first paragraph carries the marker.
          std::size_t first_item = items.size();
          flow_blocks(item.children, inner);
          if (items.size() > first_item) {
            items[first_item].marker = marker;
            items[first_item].marker_x = ctx.x + t.list_indent - 4 - marker_width / kScale;
          }
          space(b.tight ? t.list_item : t.paragraph);
        }
        space(t.paragraph);
        return;
      }
      case BlockKind::kListItem:
        flow_blocks(b.children, ctx);
        return;
      case BlockKind::kCode: {
        space(t.block);
        double pad = 6;
        Ctx inner = ctx;
        inner.x += pad;
        inner.width -= 2 * pad;
        TextStyle s;
        s.font = mono_font.get();
        s.color = &t.text;
        s.width = inner.width;
        s.wrap = WrapMode::kChar;
        s.line_spacing = 1.2;
        std::string code = b.text;
        while (!code.empty() && code.back() == '\n') code.pop_back();
        int text = make_plain(code.empty() ? std::string(" ") : code, s);
        emit_lines(text, inner, -1, -1, 0, &t.code_bg, pad);
        space(t.block);
        return;
      }
      case BlockKind::kRule: {
        space(t.block);
        Item rule = base_item(ctx);
        rule.kind = ItemKind::kRule;
        rule.height = 0.75;
        rule.color = &t.rule;
        push_item(std::move(rule));
        space(t.block);
        return;
      }
      case BlockKind::kTable:
        flow_table(b, ctx);
        return;
      case BlockKind::kHtml:
        return;  // raw HTML has no PDF rendering
      case BlockKind::kPageBreak: {
        Item br;
        br.kind = ItemKind::kBreak;
        items.push_back(br);
        pending = 0;
        return;
      }
    }
  }

  double text_width(int text) {
    return texts[text].layout->width() / kScale;
  }

  TextStyle cell_style(bool header) {
    TextStyle s;
    s.font = body_font.get();
    s.color = header ? &theme->table_header_text : &theme->text;
    s.bold = header;
    return s;
  }

  void flow_table(const Block& b, const Ctx& ctx) {
    const Theme& t = *theme;
    std::size_t cols = b.aligns.size();
    for (const auto& row : b.rows) cols = std::max(cols, row.size());
    if (cols == 0) return;
    TableLayout table;
    double pad = t.cell_padding;
    double padx = pad * 1.5;
    std::vector<double> maxw(cols, 2 * padx), minw(cols, 2 * padx);
    // Header rows whose cells are all empty are not drawn (e.g. "| | |" key/value tables).
    auto empty_row = [](const std::vector<TableCell>& row) {
      for (const TableCell& c : row) {
        if (!plain_text(c.content).empty()) return false;
      }
      return true;
    };
    int body_index = 0;
    bool headless = true;  // key/value tables ("| | |" header) keep their natural width
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
      bool header = static_cast<int>(r) < b.header_rows;
      if (header && empty_row(b.rows[r])) continue;
      if (header) headless = false;
      Row row;
      row.header = header;
      row.stripe = !header && t.table_stripes && (body_index++ % 2 == 1);
      for (std::size_t c = 0; c < cols; ++c) {
        Cell cell;
        cell.align = c < b.aligns.size() ? b.aligns[c] : Align::kDefault;
        if (c < b.rows[r].size() && !b.rows[r][c].content.empty()) {
          cell.content = &b.rows[r][c].content;
          cell.header = header;
          cell.text = make_text(*cell.content, cell_style(header));
          cell.natural = text_width(cell.text);
          double w = cell.natural + 2 * padx;
          maxw[c] = std::max(maxw[c], w);
        }
        row.cells.push_back(cell);
      }
      table.rows.push_back(std::move(row));
    }
    if (table.rows.empty()) return;
    double avail = ctx.width;
    double sum_max = 0;
    for (double w : maxw) sum_max += w;
    std::vector<double> widths(cols);
    if (sum_max <= avail) {
      double extra = t.table_full_width && !headless ? avail - sum_max : 0;
      for (std::size_t c = 0; c < cols; ++c) widths[c] = maxw[c] + extra * maxw[c] / sum_max;
    } else {
      // Narrowest widths: the longest unbreakable word of each column.
      for (Row& row : table.rows) {
        for (std::size_t c = 0; c < cols; ++c) {
          if (row.cells[c].text < 0 || row.cells[c].natural + 2 * padx <= minw[c]) continue;
          // Laid out one word per line (width 1 unit): its width is the longest word's.
          TextStyle narrow = cell_style(row.cells[c].header);
          narrow.width = 1 / kScale;
          narrow.wrap = WrapMode::kWord;
          int words = make_text(*row.cells[c].content, narrow);
          row.cells[c].squeezed = true;
          minw[c] = std::max(minw[c], text_width(words) + 2 * padx);
        }
      }
      double sum_min = 0;
      for (double w : minw) sum_min += w;
      if (sum_min >= avail) {
        for (std::size_t c = 0; c < cols; ++c) widths[c] = minw[c] * avail / sum_min;
      } else {
        double flex = sum_max - sum_min;
        for (std::size_t c = 0; c < cols; ++c) {
          widths[c] = minw[c] + (flex > 0 ? (maxw[c] - minw[c]) * (avail - sum_min) / flex : 0);
        }
      }
    }
    double x = ctx.x;
    // A key/value table whose last column is right-aligned (totals) sits at the right edge.
    double used = 0;
    for (double w : widths) used += w;
    if (headless && !b.aligns.empty() && b.aligns.back() == Align::kRight && used < avail) x += avail - used;
    for (std::size_t c = 0; c < cols; ++c) {
      table.col_x.push_back(x);
      table.col_w.push_back(widths[c]);
      x += widths[c];
    }
    table.width = x - table.col_x.front();
    // Final cell layouts and row heights.
    for (Row& row : table.rows) {
      double h = 0;
      for (std::size_t c = 0; c < cols; ++c) {
        Cell& cell = row.cells[c];
        if (cell.text < 0) continue;
        const TextLayout* l = texts[cell.text].layout.get();
        double inner = widths[c] - 2 * padx;
        if (!cell.squeezed && cell.natural <= inner + 0.01 && l->lines().size() == 1) {
          // Fits on one line: keep the measured layout (no second shaping pass) and align it
          // by offset. Right-to-left text aligns to the right by default.
          bool rtl = l->rtl_at(0);
          Align a = cell.align == Align::kDefault ? (rtl ? Align::kRight : Align::kLeft) : cell.align;
          cell.dx = a == Align::kRight ? inner - cell.natural : a == Align::kCenter ? (inner - cell.natural) / 2 : 0;
        } else {
          TextStyle wrapped = cell_style(cell.header);
          wrapped.width = inner;
          wrapped.align = cell.align == Align::kRight    ? TextAlign::kRight
                          : cell.align == Align::kCenter ? TextAlign::kCenter
                                                         : TextAlign::kLeft;
          cell.text = make_text(*cell.content, wrapped);
          l = texts[cell.text].layout.get();
        }
        check_missing_glyphs(cell.text);
        h = std::max(h, l->height() / kScale);
      }
      row.height = std::max(h, t.body_size * t.line_height) + 2 * pad;
    }
    space(t.block);
    int table_index = static_cast<int>(tables.size());
    tables.push_back(std::move(table));
    TableLayout& tl = tables.back();
    for (std::size_t r = 0; r < tl.rows.size(); ++r) {
      Item it = base_item(ctx);
      it.kind = ItemKind::kRow;
      it.table = table_index;
      it.row = static_cast<int>(r);
      it.height = tl.rows[r].height;
      it.header_row = tl.rows[r].header;
      it.keep_with_next = tl.rows[r].header;
      if (it.header_row) tl.header_items.push_back(static_cast<int>(items.size()));
      push_item(std::move(it));
    }
    space(t.block + 2);
  }

  void flow_title_block() {
    const Theme& t = *theme;
    const DocumentSettings& st = doc->settings;
    if (!t.title_block || st.title.empty()) return;
    Ctx ctx;
    ctx.width = page_content_width;
    TextStyle s;
    s.font = title_font.get();
    s.color = &t.heading;
    s.width = ctx.width;
    s.align = t.title_align == "center" ? TextAlign::kCenter : TextAlign::kLeft;
    std::size_t first = items.size();
    emit_lines(make_plain(st.title, s), ctx);
    if (!st.subtitle.empty()) {
      TextStyle ss = s;
      ss.font = subtitle_font.get();
      ss.color = &t.muted;
      pending = 3;
      emit_lines(make_plain(st.subtitle, ss), ctx);
    }
    for (std::size_t i = first; i < items.size(); ++i) items[i].keep_with_next = true;
    pending = 6;
    Item rule;
    rule.kind = ItemKind::kRule;
    rule.width = ctx.width;
    rule.height = 1.0;
    rule.thickness = 1.0;
    rule.color = &t.rule;
    push_item(rule);
    pending = t.heading_before;
  }

  void flow_toc(const std::vector<const Block*>& hs) {
    const Theme& t = *theme;
    if (hs.empty()) return;
    Ctx ctx;
    ctx.width = page_content_width;
    TextStyle s;
    s.font = heading_font[1].get();
    s.color = &t.heading;
    s.width = ctx.width;
    const std::string& title = doc->settings.toc_title.empty() ? std::string("Contents") : doc->settings.toc_title;
    space(t.heading_before);
    std::size_t first = items.size();
    emit_lines(make_plain(title, s), ctx);
    for (std::size_t i = first; i < items.size(); ++i) items[i].keep_with_next = true;
    pending = t.heading_after + 2;
    int index = 0;
    for (const Block* h : hs) {
      TextStyle es = body_style(ctx);
      es.hyphenate = false;
      es.justify = false;
      es.bold = h->level == 1;
      es.width = ctx.width - 40 - (h->level - 1) * 14;
      int text = make_text(h->inlines, es);
      Item it;
      it.kind = ItemKind::kTocEntry;
      it.text = text;
      it.x = (h->level - 1) * 14;
      it.width = ctx.width;
      it.height = texts[text].layout->height() / kScale + 3;
      it.baseline = texts[text].layout->baseline() / kScale;
      it.toc_level = index++;  // index into headings_ (same order)
      push_item(std::move(it));
    }
    Item br;
    br.kind = ItemKind::kBreak;
    items.push_back(br);
    pending = 0;
  }

  // ---- pagination ----

  double page_width = 0, page_height = 0, page_content_width = 0, page_content_height = 0;

  std::vector<std::vector<Placement>> paginate() {
    std::vector<std::vector<Placement>> pages;
    const double H = page_content_height;
    std::size_t i = 0;
    const std::size_t n = items.size();
    while (i < n) {
      std::vector<Placement> page;
      double y = 0;
      // Skip breaks at the top of a page.
      while (i < n && items[i].kind == ItemKind::kBreak) ++i;
      if (i >= n) break;
      const std::size_t page_first = i;
      // A table continuing from the previous page repeats its header rows.
      if (items[i].kind == ItemKind::kRow && !items[i].header_row && i > 0) {
        for (int h : tables[items[i].table].header_items) {
          if (static_cast<std::size_t>(h) < i) {
            page.push_back(Placement{h, y});
            y += items[h].height;
          }
        }
      }
      bool first = true;
      while (i < n) {
        const Item& it = items[i];
        if (it.kind == ItemKind::kBreak) {
          ++i;
          break;
        }
        double sb = first ? 0 : it.space_before;
        if (!first && y + sb + it.height > H + 0.01) {
          std::size_t j = i;
          while (j > page_first && items[j - 1].keep_with_next) --j;
          if (j > page_first) {
            while (!page.empty() && static_cast<std::size_t>(page.back().item) >= j &&
                   page.size() > 0) {
              page.pop_back();
            }
            i = j;
          }
          break;
        }
        page.push_back(Placement{static_cast<int>(i), y + sb});
        y += sb + it.height;
        first = false;
        ++i;
      }
      // Repeated header rows are pushed before page_first; never pop them by index order.
      if (!page.empty()) pages.push_back(std::move(page));
    }
    if (pages.empty()) pages.emplace_back();
    return pages;
  }

  // ---- painting ----

  PdfWriter* writer = nullptr;    // the document being painted
  TextPainter* painter = nullptr;

  // The link areas of one line of a text: layout_x is where the layout's left edge is.
  void draw_links(int text, const TextLayout::Line& line, double layout_x, double top, double height) {
    for (const Link& link : texts[text].links) {
      if (link.end <= line.start || link.start >= line.end) continue;
      const std::vector<int> ranges = texts[text].layout->x_ranges(line, link.start, link.end);
      for (std::size_t r = 0; r + 1 < ranges.size(); r += 2) {
        double x0 = layout_x + ranges[r] / kScale;
        double x1 = layout_x + ranges[r + 1] / kScale;
        if (!link.url.empty() && link.url[0] == '#') {
          writer->link_dest(x0, top, x1 - x0, height, std::string_view(link.url).substr(1));
        } else {
          writer->link_uri(x0, top, x1 - x0, height, link.url);
        }
      }
    }
  }

  void draw_layout(int text, double x, double y) {
    const TextLayout& l = *texts[text].layout;
    painter->draw(l, x, y);
    if (texts[text].links.empty()) return;
    for (const TextLayout::Line& line : l.lines()) {
      draw_links(text, line, x, y + line.top / kScale, (line.bottom - line.top) / kScale);
    }
  }

  void draw_row(const Item& it, double top, double left) {
    const Theme& t = *theme;
    const TableLayout& tl = tables[it.table];
    const Row& row = tl.rows[it.row];
    double x0 = left + tl.col_x.front();
    if (row.header && !t.table_header_bg.none) {
      writer->fill_rect(x0, top, tl.width, it.height, rgb(t.table_header_bg));
    } else if (row.stripe && !t.table_stripe.none) {
      writer->fill_rect(x0, top, tl.width, it.height, rgb(t.table_stripe));
    }
    if (t.table_borders != "none" && !t.table_border.none) {
      const Rgb border = rgb(t.table_border);
      if (t.table_borders == "grid") {
        for (std::size_t c = 0; c < tl.col_x.size(); ++c) {
          writer->stroke_rect(left + tl.col_x[c], top, tl.col_w[c], it.height, 0.6, border);
        }
      } else {
        writer->stroke_line(x0, top + it.height, x0 + tl.width, top + it.height, 0.6, border);
        if (row.header || it.row == 0) writer->stroke_line(x0, top, x0 + tl.width, top, 0.6, border);
      }
    }
    double pad = t.cell_padding;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      if (row.cells[c].text < 0) continue;
      draw_layout(row.cells[c].text, left + tl.col_x[c] + pad * 1.5 + row.cells[c].dx, top + pad);
    }
  }

  void draw_item(const Item& it, double top, double left, double space_above) {
    // Quote bars span the item and the space above it (when not at the top of the page).
    for (int b = 0; b < it.bars; ++b) {
      writer->fill_rect(left + it.bar_x[b], top - space_above, 2.5, it.height + space_above, rgb(theme->quote_bar));
    }
    switch (it.kind) {
      case ItemKind::kLine: {
        if (it.background != nullptr && !it.background->none) {
          writer->fill_rect(left + it.bg_x, top - 0.01, it.bg_w, it.height + 0.02, rgb(*it.background));
        }
        if (it.heading >= 0) writer->named_dest(headings[it.heading].id, left + it.x, top);
        const TextLayout& layout = *texts[it.text].layout;
        const TextLayout::Line& line = layout.lines()[static_cast<std::size_t>(it.line)];
        painter->draw_line(layout, line, left + it.x + it.line_x, top + it.baseline);
        if (!texts[it.text].links.empty()) draw_links(it.text, line, left + it.x, top, it.height);
        if (it.marker >= 0) {
          const TextLayout& ml = *texts[it.marker].layout;
          double mb = ml.baseline() / kScale;
          painter->draw(ml, left + it.marker_x, top + it.baseline - mb);
        }
        break;
      }
      case ItemKind::kRule:
        writer->fill_rect(left + it.x, top, it.width, it.thickness, rgb(*it.color));
        break;
      case ItemKind::kImage: {
        const Image& image = *images[it.image];
        writer->draw_image(writer->image(&image, image.data()), left + it.x, top, it.width, it.height);
        break;
      }
      case ItemKind::kRow:
        draw_row(it, top, left);
        break;
      case ItemKind::kTocEntry: {
        const Heading& h = headings[it.toc_level];
        const TextLayout& l = *texts[it.text].layout;
        double x = left + it.x;
        painter->draw(l, x, top);
        TextStyle ns = body_style(Ctx{});
        ns.width = -1;
        ns.hyphenate = false;
        ns.justify = false;
        ns.bold = h.level == 1;
        int num = make_plain(std::to_string(h.page), ns);
        double nw = text_width(num);
        double right = left + it.width;
        painter->draw(*texts[num].layout, right - nw, top);
        // Dot leaders from the end of the title's last line to the number.
        const TextLayout::Line& last = l.lines().back();
        double lx = x + last.width / kScale + 4;  // the line's own extent, as before
        double ly = top + it.baseline;
        if (right - nw - 4 > lx) {
          const double dash[] = {0.6, 2.4};
          writer->stroke_line(lx, ly, right - nw - 4, ly, 0.6, rgb(theme->muted), dash);
        }
        writer->link_dest(x, top, right - x, it.height, h.id);
        break;
      }
      case ItemKind::kBreak:
        break;
    }
  }

  void draw_running(const std::string& tmpl, double baseline_y, bool footer, int page, int pages) {
    if (tmpl.empty()) return;
    std::string text = replace_fields(tmpl, std::to_string(page), std::to_string(pages), doc->settings);
    if (text.empty()) return;
    TextStyle s;
    s.font = small_font.get();
    s.color = &theme->muted;
    s.width = page_content_width;
    s.align = footer ? TextAlign::kCenter : TextAlign::kRight;
    int t = make_plain(text, s);
    check_missing_glyphs(t);
    const TextLayout& l = *texts[t].layout;
    double b = l.baseline() / kScale;
    painter->draw(l, theme->margin_left, baseline_y - b);
  }

  Result<RenderOutput> render(const PreparedDocument& prepared, const std::string& dir,
                              std::string_view creation_date) {
    reset();
    doc = &prepared;
    theme = &prepared.theme;
    base_dir = dir;
    const Theme& t = *theme;
    if (!parse_page_size(t.page_size, &page_width, &page_height)) {
      Error e = make_error(ErrorKind::kData, fmt::format("unknown page size '{}' (use a4, letter, legal, a5, a3 "
                                                         "or \"210mm x 297mm\")", t.page_size));
      e.source_name = "front matter";
      return e;
    }
    page_content_width = page_width - t.margin_left - t.margin_right;
    page_content_height = page_height - t.margin_top - t.margin_bottom;
    if (page_content_width < 72 || page_content_height < 72) {
      return make_error(ErrorKind::kData, "margins leave less than one inch for the text");
    }
    const std::string& lang = document_language(prepared.settings);
    ensure_fonts();
    language = lang;
    setup_fonts();
    hyphenation = hyphenator.set_language(lang);  // after the font map: see LayoutEngine::render

    flow_title_block();
    if (prepared.toc) {
      // Every heading of level <= 3 in document order, nested ones included, exactly as flow
      // appends them to `headings` (the entries are matched to them by position below).
      std::vector<const Block*> hs;
      auto collect = [&hs](const std::vector<Block>& blocks, auto& self) -> void {
        for (const Block& b : blocks) {
          if (b.kind == BlockKind::kHeading && b.level <= 3) hs.push_back(&b);
          self(b.children, self);
        }
      };
      collect(prepared.doc.blocks, collect);
      flow_toc(hs);
    }
    Ctx ctx;
    ctx.width = page_content_width;
    flow_blocks(prepared.doc.blocks, ctx);

    auto pages = paginate();
    const int page_count = static_cast<int>(pages.size());
    // Heading positions for the TOC and the outline.
    for (std::size_t p = 0; p < pages.size(); ++p) {
      for (const Placement& pl : pages[p]) {
        const Item& it = items[pl.item];
        if (it.kind == ItemKind::kLine && it.heading >= 0 && headings[it.heading].page == 0) {
          headings[it.heading].page = static_cast<int>(p) + 1;
          headings[it.heading].y = t.margin_top + pl.y;
        }
      }
    }
    if (prepared.toc) {
      // TOC entries refer to the level <= 3 headings in order; map them.
      std::vector<int> listed;
      for (std::size_t h = 0; h < headings.size(); ++h) {
        if (headings[h].level <= 3) listed.push_back(static_cast<int>(h));
      }
      for (Item& it : items) {
        if (it.kind == ItemKind::kTocEntry && it.toc_level < static_cast<int>(listed.size())) {
          it.toc_level = listed[it.toc_level];
        }
      }
    }

    RenderOutput out;
    PdfWriter pdf(page_width, page_height);
    TextPainter paint(&pdf);
    writer = &pdf;
    painter = &paint;
    for (int p = 0; p < page_count; ++p) {
      pdf.begin_page();
      for (const Placement& pl : pages[p]) {
        const Item& it = items[pl.item];
        bool at_top = pl.y < 0.01;
        draw_item(it, t.margin_top + pl.y, t.margin_left, at_top ? 0 : it.space_before);
      }
      draw_running(t.header, t.margin_top * 0.55, false, p + 1, page_count);
      draw_running(t.footer, page_height - t.margin_bottom * 0.45, true, p + 1, page_count);
      pdf.end_page();
    }
    writer = nullptr;
    painter = nullptr;
    // Outline (bookmarks) from the headings.
    int parents[7] = {-1, 0, 0, 0, 0, 0, 0};
    int parent_level[7] = {0, 0, 0, 0, 0, 0, 0};
    int depth = 0;
    for (const Heading& h : headings) {
      if (h.page == 0 || h.level > 4) continue;
      while (depth > 0 && parent_level[depth] >= h.level) --depth;
      int id = pdf.outline(parents[depth], h.title, h.page - 1, t.margin_left, h.y);
      if (depth < 6) {
        ++depth;
        parents[depth] = id;
        parent_level[depth] = h.level;
      }
    }
    const DocumentSettings& st = prepared.settings;
    DocumentInfo info;
    info.title = st.title;
    info.author = st.author;
    info.subject = st.subtitle;
    info.creator = "docforge";
    info.lang = lang;
    info.creation_date = std::string(creation_date);
    auto bytes = pdf.finish(info, *subsets);
    if (!bytes.ok()) return std::move(bytes).error();
    out.pdf = std::move(bytes.value());
    out.pages = page_count;
    out.warnings = std::move(warnings);
    needs_all_fonts = !missing.empty() || (font_set == FontSet::kFast && !drawn_in_theme_families());
    reset();
    return out;
  }
};

LayoutEngine::LayoutEngine()
    : subsets_(std::make_unique<FontSubsetCache>()),
      shapes_(std::make_unique<ShapeCache>()),
      impl_(std::make_unique<Impl>(FontSet::kSystem, subsets_.get())) {
  start_loading_fonts();
}
LayoutEngine::~LayoutEngine() = default;

// Whether Markdown may hold a task list item ("- [ ]", "- [x]"), drawn with a ballot box.
static bool may_have_tasks(std::string_view md) {
  return md.find("[ ]") != std::string_view::npos || md.find("[x]") != std::string_view::npos ||
         md.find("[X]") != std::string_view::npos;
}

// With the font subset (font_config.h), a document whose theme names a family outside it, or
// with a character that not all of the theme's families have, is rendered with every installed
// font instead, so that it looks as it would have without the subset (fallback fonts are
// chosen among all faces, and a warning about a missing character means that no installed
// font has it). The characters checked first are the source's and the fields drawn from the
// settings (and the ballot boxes of task lists); behind that, a glyph Pango could not find or a
// run in another face (a character written as an entity) sends the document to every font
// after the fact.
Result<RenderOutput> LayoutEngine::render(const PreparedDocument& doc, const std::string& base_dir,
                                          std::string_view source, std::string_view creation_date) {
  ShapeCache::Scope shaping(shapes_.get());
  // The hyphenation patterns load on a thread while the fonts are set up (Impl::render).
  Hyphenator::prefetch(document_language(doc.settings));
  if (impl_->layouter == nullptr) impl_->font_set = default_font_set();  // waits for that thread
  if (impl_->font_set != FontSet::kFast) return impl_->render(doc, base_dir, creation_date);
  const Theme& t = doc.theme;
  const DocumentSettings& st = doc.settings;
  const CharCoverage* chars = fast_set_chars({t.body_font, t.heading_font, t.mono_font});
  auto has = [chars, &t](std::string_view text) {
    if (!has_chars(chars, text)) return false;
    if (!t.heading_uppercase || std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) {
      return true;
    }
    gchar* up = g_utf8_strup(text.data(), static_cast<gssize>(text.size()));  // headings in capitals
    bool ok = has_chars(chars, up);
    g_free(up);
    return ok;
  };
  if (chars != nullptr && has(source) && has(t.header) && has(t.footer) && has(st.title) && has(st.subtitle) &&
      has(st.author) && has(st.date) && has(st.toc_title) && (!may_have_tasks(source) || has("\u2611\u2610"))) {
    auto out = impl_->render(doc, base_dir, creation_date);
    if (!out.ok() || !impl_->needs_all_fonts) return out;
  }
  if (!system_) system_ = std::make_unique<Impl>(FontSet::kSystem, subsets_.get());
  return system_->render(doc, base_dir, creation_date);
}

}  // namespace docforge::document::pdf
