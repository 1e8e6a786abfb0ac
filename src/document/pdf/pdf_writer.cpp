#include "document/pdf/pdf_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "document/pdf/deflate.h"
#include "value/utf8.h"

namespace docforge::document::pdf {
namespace {

// The smallest glyph position correction written in a TJ array, in 1/1000 em: 0.01 pt at 10 pt.
constexpr double kMinAdjust = 1.0;

// A non-negative integer, written at p; returns its end. At most 20 bytes.
char* put_uint(char* p, unsigned long long v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n > 0) *p++ = digits[--n];
  return p;
}

// A number with up to three decimals, without trailing zeros, written at p; returns its end
// (snprintf-free: content streams hold tens of thousands of them). At most 24 bytes.
char* put_num(char* p, double v) {
  long long m = std::llround(v * 1000.0);
  if (m < 0) {
    *p++ = '-';
    m = -m;
  }
  p = put_uint(p, static_cast<unsigned long long>(m / 1000));
  const int frac = static_cast<int>(m % 1000);
  if (frac != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + frac / 100);
    if (frac % 100 != 0) {
      *p++ = static_cast<char>('0' + frac / 10 % 10);
      if (frac % 10 != 0) *p++ = static_cast<char>('0' + frac % 10);
    }
  }
  return p;
}

void num(std::string& s, double v) {
  char buf[24];
  s.append(buf, static_cast<std::size_t>(put_num(buf, v) - buf));
}

void num_sp(std::string& s, double v) {
  char buf[25];
  char* end = put_num(buf, v);
  *end++ = ' ';
  s.append(buf, static_cast<std::size_t>(end - buf));
}

void uint_sp(std::string& s, unsigned long long v) {
  char buf[21];
  char* end = put_uint(buf, v);
  *end++ = ' ';
  s.append(buf, static_cast<std::size_t>(end - buf));
}

char* put_hex4(char* p, uint32_t v) {
  static const char kHex[] = "0123456789ABCDEF";
  p[0] = kHex[(v >> 12) & 15];
  p[1] = kHex[(v >> 8) & 15];
  p[2] = kHex[(v >> 4) & 15];
  p[3] = kHex[v & 15];
  return p + 4;
}

// A two-byte glyph code inside a literal string: (, ) and \\ escaped, and CR (which a reader
// would take for an end of line and turn into LF); other bytes as they are. At most 4 bytes.
char* put_code_bytes(char* p, uint32_t v) {
  for (const auto b : {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)}) {
    if (b == '(' || b == ')' || b == '\\') {
      *p++ = '\\';
      *p++ = b;
    } else if (b == '\r') {
      *p++ = '\\';
      *p++ = 'r';
    } else {
      *p++ = b;
    }
  }
  return p;
}

void hex4(std::string& s, uint32_t v) {
  char digits[4];
  put_hex4(digits, v);
  s.append(digits, 4);  // one append: four += were 0.45 M instructions per warm resume
}

// "r g b op\n", appended at once.
void color_ops(std::string& s, const Rgb& c, const char* op) {
  char buf[3 * 25 + 4];
  char* p = put_num(buf, c.r);
  *p++ = ' ';
  p = put_num(p, c.g);
  *p++ = ' ';
  p = put_num(p, c.b);
  *p++ = ' ';
  while (*op != '\0') *p++ = *op++;
  *p++ = '\n';
  s.append(buf, static_cast<std::size_t>(p - buf));
}

// UTF-8 to UTF-16 code units (invalid bytes become U+FFFD, as utf8::decode reads them).
std::vector<uint16_t> utf16(std::string_view s) {
  std::vector<uint16_t> out;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = utf8::decode(s, &i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<uint16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<uint16_t>(cp));
    }
  }
  return out;
}

// The first max_units UTF-16 code units of UTF-8 text, in hexadecimal (as utf16() gives them,
// without a vector per text).
void append_utf16_hex(std::string& s, std::string_view utf8, std::size_t max_units) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < utf8.size() && units < max_units;) {
    char32_t cp = utf8::decode(utf8, &i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      hex4(s, static_cast<uint16_t>(0xD800 + (cp >> 10)));
      if (++units == max_units) break;
      hex4(s, static_cast<uint16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      hex4(s, static_cast<uint16_t>(cp));
    }
    ++units;
  }
}

// A literal string with (, ) and \ escaped; bytes as they are.
std::string literal(std::string_view s) {
  std::string out = "(";
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    if (c == '\r') {
      out += "\\r";
      continue;
    }
    out += c;
  }
  out += ')';
  return out;
}

// A text string (metadata, outline titles): ASCII as a literal, anything else as UTF-16BE.
std::string text_string(std::string_view s) {
  bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
  if (ascii) return literal(s);
  std::string out = "<FEFF";
  for (uint16_t u : utf16(s)) hex4(out, u);
  out += '>';
  return out;
}

}  // namespace

PdfWriter::PdfWriter(double page_width, double page_height) : width_(page_width), height_(page_height) {
  offsets_.push_back(0);
  catalog_ = reserve();
  pages_ = reserve();
  resources_ = reserve();
  out_.reserve(64 * 1024);
  out_ += "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
}

void PdfWriter::begin_object(int n) {
  offsets_[static_cast<std::size_t>(n)] = out_.size();
  out_ += fmt::format("{} 0 obj\n", n);
}

void PdfWriter::write_stream(int n, std::string_view dict, std::string_view deflated) {
  begin_object(n);
  out_ += fmt::format("<< /Length {} /Filter /FlateDecode{} >>\nstream\n", deflated.size(), dict);
  out_.append(deflated);
  out_ += "\nendstream\nendobj\n";
}

void PdfWriter::begin_page() {
  page_objects_.push_back(reserve());
  content_.clear();
  annots_.clear();
  fill_set_ = false;
  stroke_set_ = false;
  // Top-left origin, y downwards, for everything drawn on the page.
  content_ += "1 0 0 -1 0 ";
  num(content_, height_);
  content_ += " cm\n";
}

void PdfWriter::end_page() {
  int contents = reserve();
  contents_.push_back(PageContent{contents, std::move(content_), std::move(cff_codes_)});
  content_.clear();
  cff_codes_.clear();
  std::string annots;
  for (const Annot& a : annots_) {
    int n = reserve();
    begin_object(n);
    out_ += "<< /Type /Annot /Subtype /Link /Rect [";
    num_sp(out_, a.x0);
    num_sp(out_, a.y0);
    num_sp(out_, a.x1);
    num(out_, a.y1);
    out_ += "] /Border [0 0 0] ";
    if (a.uri) {
      out_ += "/A << /S /URI /URI " + literal(a.target) + " >>";
    } else {
      out_ += "/Dest " + literal(a.target);
    }
    out_ += " >>\nendobj\n";
    annots += fmt::format("{} 0 R ", n);
  }
  begin_object(page_objects_.back());
  out_ += fmt::format("<< /Type /Page /Parent {} 0 R /MediaBox [0 0 ", pages_);
  num_sp(out_, width_);
  num(out_, height_);
  out_ += fmt::format("] /Resources {} 0 R /Contents {} 0 R", resources_, contents);
  if (!annots.empty()) {
    annots.pop_back();
    out_ += " /Annots [" + annots + "]";
  }
  out_ += " >>\nendobj\n";
}

void PdfWriter::set_fill(const Rgb& c) {
  if (fill_set_ && fill_ == c) return;
  color_ops(content_, c, "rg");
  fill_ = c;
  fill_set_ = true;
}

void PdfWriter::set_stroke(const Rgb& c, double width) {
  if (!stroke_set_ || !(stroke_ == c)) color_ops(content_, c, "RG");
  if (!stroke_set_ || stroke_width_ != width) {
    num_sp(content_, width);
    content_ += "w\n";
  }
  stroke_ = c;
  stroke_width_ = width;
  stroke_set_ = true;
}

void PdfWriter::fill_rect(double x, double y, double w, double h, const Rgb& color) {
  set_fill(color);
  num_sp(content_, x);
  num_sp(content_, y);
  num_sp(content_, w);
  num_sp(content_, h);
  content_ += "re f\n";
}

void PdfWriter::stroke_line(double x0, double y0, double x1, double y1, double width, const Rgb& color,
                            const double* dash) {
  set_stroke(color, width);
  if (dash != nullptr) {
    content_ += '[';
    num_sp(content_, dash[0]);
    num(content_, dash[1]);
    content_ += "] 0 d ";
  }
  num_sp(content_, x0);
  num_sp(content_, y0);
  content_ += "m ";
  num_sp(content_, x1);
  num_sp(content_, y1);
  content_ += "l S\n";
  if (dash != nullptr) content_ += "[] 0 d\n";
}

void PdfWriter::stroke_rect(double x, double y, double w, double h, double width, const Rgb& color) {
  set_stroke(color, width);
  num_sp(content_, x);
  num_sp(content_, y);
  num_sp(content_, w);
  num_sp(content_, h);
  content_ += "re S\n";
}

int PdfWriter::font(const std::shared_ptr<const FontFace>& face) {
  auto [it, added] = font_index_.emplace(face.get(), static_cast<int>(fonts_.size()));
  if (added) {
    DocFont f;
    f.face = face;
    f.object = reserve();
    fonts_.push_back(std::move(f));
  }
  return it->second;
}

namespace {

// Appends to a string through a stack buffer: one append per ~1 kB instead of one (with its
// capacity check) per number or glyph code.
class Chunked {
 public:
  explicit Chunked(std::string& s) : s_(s) {}
  ~Chunked() { flush(); }
  Chunked(const Chunked&) = delete;
  Chunked& operator=(const Chunked&) = delete;
  // Where the next `room` (at most kRoom) bytes go; commit(end) after writing them.
  char* at(std::size_t room) {
    if (n_ + room > sizeof buf_) flush();
    return buf_ + n_;
  }
  void commit(char* end) { n_ = static_cast<std::size_t>(end - buf_); }
  void put(std::string_view v) {
    if (v.size() > kRoom) {
      flush();
      s_.append(v);
      return;
    }
    char* p = at(v.size());
    std::memcpy(p, v.data(), v.size());
    commit(p + v.size());
  }
  std::size_t size() const { return s_.size() + n_; }  // of the string, once flushed
  static constexpr std::size_t kRoom = 256;

 private:
  void flush() {
    s_.append(buf_, n_);
    n_ = 0;
  }
  std::string& s_;
  char buf_[1024];
  std::size_t n_ = 0;
};

}  // namespace

void PdfWriter::show_glyphs(int font, double size, const Rgb& color, const PositionedGlyph* glyphs,
                            std::size_t n, const Synthetic& synthetic) {
  if (n == 0 || size <= 0) return;
  DocFont& f = fonts_[static_cast<std::size_t>(font)];
  set_fill(color);
  const bool plain = synthetic.xx == 1 && synthetic.xy == 0 && synthetic.yx == 0 && synthetic.yy == 1;
  if (synthetic.bold) {
    // Fill and stroke; the text state (Tr) and the stroke outlast ET, so inside q ... Q (which
    // restores the stroke state set_stroke knows).
    content_ += "q ";
    color_ops(content_, color, "RG");
    num_sp(content_, size / 24);
    content_ += "w 2 Tr\n";
  }
  Chunked s(content_);
  {
    char* p = s.at(64);
    std::memcpy(p, "BT /F", 5);
    p = put_uint(p + 5, static_cast<unsigned>(font) + 1);
    *p++ = ' ';
    p = put_num(p, size);
    std::memcpy(p, " Tf ", 4);
    s.commit(p + 4);
  }
  double pen_x = 0, pen_y = 0;
  bool open = false;  // inside [ ... ] TJ
  bool in_string = false;  // inside a string of glyph codes
  const bool cff = f.face->cff();
  // Codes: two bytes a glyph in a literal string, or four hex digits for CFF fonts, whose codes
  // finish() rewrites in place (a fixed width).
  const char open_string = cff ? '<' : '(';
  const char close_string = cff ? '>' : ')';
  const double scale = 1000.0 / size;
  for (std::size_t i = 0; i < n; ++i) {
    const PositionedGlyph& g = glyphs[i];
    if (g.id >= f.glyphs.size()) f.glyphs.resize(std::max<std::size_t>(g.id + 1, f.glyphs.size() * 2));
    GlyphUse& use = f.glyphs[g.id];
    if (use.width < 0) use.width = static_cast<int>(std::lround(f.face->advance(g.id)));
    // At most: "> ] TJ\n", the text matrix (4 + 2 numbers), "Tm [", an adjustment, "<", a code.
    char* p = s.at(Chunked::kRoom);
    if (!open || std::fabs(g.y - pen_y) > 0.0005) {
      if (open) {
        if (in_string) *p++ = close_string;
        std::memcpy(p, "] TJ\n", 5);
        p += 5;
      }
      // The text matrix: glyph space (y up) into the page's y-down space, with the slant if any.
      if (plain) {
        std::memcpy(p, "1 0 0 -1 ", 9);
        p += 9;
      } else {
        for (double m : {synthetic.xx, -synthetic.yx, synthetic.xy, -synthetic.yy}) {
          p = put_num(p, m);
          *p++ = ' ';
        }
      }
      p = put_num(p, g.x);
      *p++ = ' ';
      p = put_num(p, g.y);
      std::memcpy(p, " Tm [", 5);
      p += 5;
      open = true;
      in_string = false;
      pen_x = g.x;
      pen_y = g.y;
    } else {
      // Where the viewer's pen is (after the /W advances) against where Pango put the glyph,
      // in 1/1000 em. Below kMinAdjust the difference is left to accumulate (rounded widths,
      // Pango's 1/1024 pt grid) until it is worth a number.
      double adjust = (pen_x - g.x) * scale;
      if (std::fabs(adjust) >= kMinAdjust) {
        if (in_string) *p++ = close_string;
        in_string = false;
        p = put_num(p, adjust);
        pen_x -= std::round(adjust * 1000.0) / 1000.0 / scale;
      }
    }
    if (!in_string) {
      *p++ = open_string;
      in_string = true;
    }
    if (cff) {
      s.commit(p);
      cff_codes_.push_back(CffCode{s.size(), font, g.id});
      p = put_hex4(p, g.id);
    } else {
      p = put_code_bytes(p, g.id);
    }
    s.commit(p);
    pen_x += use.width * size / 1000.0;
  }
  if (in_string) s.put(cff ? ">] TJ ET\n" : ")] TJ ET\n");
  else s.put("] TJ ET\n");
  if (synthetic.bold) s.put("Q\n");
}

void PdfWriter::map_text(int font, uint32_t glyph, std::string_view utf8) {
  DocFont& f = fonts_[static_cast<std::size_t>(font)];
  if (glyph >= f.glyphs.size() || f.glyphs[glyph].text >= 0 || utf8.empty()) return;
  f.glyphs[glyph].text = static_cast<int>(f.texts.size());
  f.texts.emplace_back(utf8);
}

int PdfWriter::image(const void* key, const ImageData& data) {
  auto it = image_index_.find(key);
  if (it != image_index_.end()) return it->second;
  int smask = 0;
  if (!data.alpha.empty()) {
    smask = reserve();
    write_stream(smask,
                 fmt::format(" /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /DeviceGray "
                             "/BitsPerComponent 8",
                             data.width, data.height),
                 data.alpha);
  }
  int n = reserve();
  const char* space = data.components == 1 ? "/DeviceGray" : data.components == 4 ? "/DeviceCMYK" : "/DeviceRGB";
  std::string dict = fmt::format(" /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace {} "
                                 "/BitsPerComponent 8",
                                 data.width, data.height, space);
  if (smask != 0) dict += fmt::format(" /SMask {} 0 R", smask);
  if (data.jpeg) {
    begin_object(n);
    out_ += fmt::format("<< /Length {} /Filter /DCTDecode{} >>\nstream\n", data.data.size(), dict);
    out_ += data.data;
    out_ += "\nendstream\nendobj\n";
  } else {
    write_stream(n, dict, data.data);
  }
  image_objects_.push_back(n);
  int index = static_cast<int>(image_objects_.size()) - 1;
  image_index_.emplace(key, index);
  return index;
}

void PdfWriter::draw_image(int image, double x, double y, double w, double h) {
  content_ += "q ";
  num_sp(content_, w);
  content_ += "0 0 ";
  num_sp(content_, -h);
  num_sp(content_, x);
  num_sp(content_, y + h);
  content_ += fmt::format("cm /Im{} Do Q\n", image + 1);
}

void PdfWriter::link_uri(double x, double y, double w, double h, std::string_view uri) {
  // A PDF URI is 7-bit ASCII: other bytes (UTF-8 in an IRI) are percent-encoded.
  std::string ascii;
  for (char c : uri) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || b < 0x20) {
      ascii += fmt::format("%{:02X}", b);
    } else {
      ascii += c;
    }
  }
  annots_.push_back(Annot{x, height_ - y - h, x + w, height_ - y, std::move(ascii), true});
}

void PdfWriter::link_dest(double x, double y, double w, double h, std::string_view name) {
  annots_.push_back(Annot{x, height_ - y - h, x + w, height_ - y, std::string(name), false});
}

void PdfWriter::named_dest(std::string_view name, double x, double y) {
  dests_.emplace(std::string(name), Dest{pages() - 1, x, height_ - y});
}

int PdfWriter::outline(int parent, std::string_view title, int page, double x, double y) {
  int id = static_cast<int>(outline_.size());
  Outline o;
  o.parent = parent;
  o.title = std::string(title);
  o.page = page;
  o.x = x;
  o.y = height_ - y;
  int* first = parent < 0 ? &first_outline_ : &outline_[static_cast<std::size_t>(parent)].first;
  int* last = parent < 0 ? &last_outline_ : &outline_[static_cast<std::size_t>(parent)].last;
  if (*first < 0) *first = id;
  if (*last >= 0) {
    o.prev = *last;
    outline_[static_cast<std::size_t>(*last)].next = id;
  }
  *last = id;
  if (parent < 0) {
    ++top_outlines_;
  } else {
    ++outline_[static_cast<std::size_t>(parent)].children;
  }
  outline_.push_back(std::move(o));
  return id;
}

void PdfWriter::write_font(const DocFont& f, const FontSubset& subset, const std::vector<uint32_t>& glyphs,
                           FontSubsetCache& subsets) {
  const FontFace& face = *f.face;
  const std::string name = subset.tag + "+" + face.postscript_name();
  int file = reserve();
  if (subset.cff) {
    write_stream(file, " /Subtype /OpenType", subset.deflated);
  } else {
    write_stream(file, fmt::format(" /Length1 {}", subset.length), subset.deflated);
  }
  int descriptor = reserve();
  begin_object(descriptor);
  const int* bb = face.bbox();
  // Flags: symbolic (4), italic (64).
  out_ += fmt::format(
      "<< /Type /FontDescriptor /FontName /{} /Flags {} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} "
      "/Descent {} /CapHeight {} /StemV 80 /{} {} 0 R >>\nendobj\n",
      name, face.italic() ? 68 : 4, bb[0], bb[1], bb[2], bb[3], face.italic() ? -12 : 0, face.ascent(),
      face.descent(), face.cap_height(), subset.cff ? "FontFile3" : "FontFile2", file);
  // Widths by character code (the glyph's id in the subset): runs of consecutive codes,
  // "first [w w w]".
  std::vector<std::pair<uint32_t, int>> widths;
  for (uint32_t g : glyphs) widths.emplace_back(subset.code(g), f.glyphs[g].width);
  std::sort(widths.begin(), widths.end());
  std::string w;
  for (std::size_t i = 0; i < widths.size();) {
    std::size_t j = i;
    uint_sp(w, widths[i].first);
    w += '[';
    while (j < widths.size() && (j == i || widths[j].first == widths[j - 1].first + 1)) {
      const int width = widths[j].second;
      if (width < 0) w += '-';
      uint_sp(w, static_cast<unsigned>(width < 0 ? -width : width));
      ++j;
    }
    w.back() = ']';
    w += ' ';
    i = j;
  }
  int cid = reserve();
  begin_object(cid);
  out_ += fmt::format(
      "<< /Type /Font /Subtype /{} /BaseFont /{} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
      "/Supplement 0 >> /FontDescriptor {} 0 R /DW 0 /W [{}]{} >>\nendobj\n",
      subset.cff ? "CIDFontType0" : "CIDFontType2", name, descriptor, w,
      subset.cff ? "" : " /CIDToGIDMap /Identity");
  // ToUnicode: glyph id -> the characters it stands for, 100 entries per block.
  std::vector<std::pair<uint32_t, const std::string*>> map;
  for (uint32_t g : glyphs) {
    if (f.glyphs[g].text >= 0) {
      map.emplace_back(subset.code(g), &f.texts[static_cast<std::size_t>(f.glyphs[g].text)]);
    }
  }
  std::sort(map.begin(), map.end());
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
      "/Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (std::size_t i = 0; i < map.size(); i += 100) {
    std::size_t end = std::min(map.size(), i + 100);
    cmap += fmt::format("{} beginbfchar\n", end - i);
    for (std::size_t k = i; k < end; ++k) {
      cmap += '<';
      hex4(cmap, map[k].first);
      cmap += "> <";
      append_utf16_hex(cmap, *map[k].second, 64);
      cmap += ">\n";
    }
    cmap += "endbfchar\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  int to_unicode = reserve();
  write_stream(to_unicode, "", subsets.deflated_cmap(cmap));  // the same CMap deflates once
  begin_object(f.object);
  out_ += fmt::format(
      "<< /Type /Font /Subtype /Type0 /BaseFont /{} /Encoding /Identity-H /DescendantFonts [{} 0 R] "
      "/ToUnicode {} 0 R >>\nendobj\n",
      name, cid, to_unicode);
}

Result<std::string> PdfWriter::finish(const DocumentInfo& info, FontSubsetCache& subsets) {
  // Fonts.
  std::vector<std::shared_ptr<const FontSubset>> font_subsets;
  for (std::size_t i = 0; i < fonts_.size(); ++i) {
    const DocFont& f = fonts_[i];
    std::vector<uint32_t> glyphs;
    for (std::size_t g = 0; g < f.glyphs.size(); ++g) {
      if (f.glyphs[g].width >= 0) glyphs.push_back(static_cast<uint32_t>(g));
    }
    auto subset = subsets.get(*f.face, glyphs);
    if (!subset.ok()) return std::move(subset).error();
    write_font(f, **subset, glyphs, subsets);
    font_subsets.push_back(std::move(subset.value()));
  }
  // Page contents, with the codes of CFF glyphs changed to their ids in the subsets.
  for (PageContent& page : contents_) {
    for (const CffCode& c : page.cff_codes) {
      put_hex4(page.ops.data() + c.at, font_subsets[static_cast<std::size_t>(c.font)]->code(c.glyph));
    }
    std::string deflated;
    deflate_append(page.ops, &deflated);
    write_stream(page.object, "", deflated);
  }
  // Resources, shared by every page.
  begin_object(resources_);
  out_ += "<< /Font <<";
  for (std::size_t i = 0; i < fonts_.size(); ++i) out_ += fmt::format(" /F{} {} 0 R", i + 1, fonts_[i].object);
  out_ += " >>";
  if (!image_objects_.empty()) {
    out_ += " /XObject <<";
    for (std::size_t i = 0; i < image_objects_.size(); ++i) out_ += fmt::format(" /Im{} {} 0 R", i + 1, image_objects_[i]);
    out_ += " >>";
  }
  out_ += " >>\nendobj\n";
  // Pages.
  begin_object(pages_);
  out_ += "<< /Type /Pages /Kids [";
  for (std::size_t i = 0; i < page_objects_.size(); ++i) out_ += fmt::format("{}{} 0 R", i ? " " : "", page_objects_[i]);
  out_ += fmt::format("] /Count {} >>\nendobj\n", page_objects_.size());
  auto dest_array = [this](int page, double x, double y) {
    std::string s = fmt::format("[{} 0 R /XYZ ", page_objects_[static_cast<std::size_t>(page)]);
    num_sp(s, x);
    num_sp(s, y);
    s += "0]";
    return s;
  };
  // Named destinations (a name tree with one leaf: its keys sorted, as std::map keeps them).
  int names = 0;
  if (!dests_.empty()) {
    names = reserve();
    begin_object(names);
    out_ += "<< /Names [";
    for (const auto& [name, d] : dests_) out_ += literal(name) + " " + dest_array(d.page, d.x, d.y) + "\n";
    out_ += "] >>\nendobj\n";
  }
  // Outline: every entry closed, so /Count of an entry with children is minus their number.
  int outlines = 0;
  if (!outline_.empty()) {
    outlines = reserve();
    std::vector<int> objs(outline_.size());
    for (int& o : objs) o = reserve();
    auto ref = [&objs](int id) { return objs[static_cast<std::size_t>(id)]; };
    for (std::size_t i = 0; i < outline_.size(); ++i) {
      const Outline& o = outline_[i];
      begin_object(objs[i]);
      out_ += "<< /Title " + text_string(o.title) +
              fmt::format(" /Parent {} 0 R", o.parent < 0 ? outlines : ref(o.parent));
      if (o.prev >= 0) out_ += fmt::format(" /Prev {} 0 R", ref(o.prev));
      if (o.next >= 0) out_ += fmt::format(" /Next {} 0 R", ref(o.next));
      if (o.first >= 0) {
        out_ += fmt::format(" /First {} 0 R /Last {} 0 R /Count -{}", ref(o.first), ref(o.last), o.children);
      }
      if (o.page >= 0 && o.page < pages()) out_ += " /Dest " + dest_array(o.page, o.x, o.y);
      out_ += " >>\nendobj\n";
    }
    begin_object(outlines);
    out_ += fmt::format("<< /Type /Outlines /First {} 0 R /Last {} 0 R /Count {} >>\nendobj\n", ref(first_outline_),
                        ref(last_outline_), top_outlines_);
  }
  // Document information.
  int info_obj = reserve();
  begin_object(info_obj);
  out_ += "<<";
  if (!info.title.empty()) out_ += " /Title " + text_string(info.title);
  if (!info.author.empty()) out_ += " /Author " + text_string(info.author);
  if (!info.subject.empty()) out_ += " /Subject " + text_string(info.subject);
  if (!info.creator.empty()) out_ += " /Creator " + text_string(info.creator) + " /Producer " + text_string(info.creator);
  if (!info.creation_date.empty()) out_ += " /CreationDate " + literal(info.creation_date);
  out_ += " >>\nendobj\n";
  begin_object(catalog_);
  out_ += fmt::format("<< /Type /Catalog /Pages {} 0 R", pages_);
  if (outlines != 0) out_ += fmt::format(" /Outlines {} 0 R", outlines);
  if (names != 0) out_ += fmt::format(" /Names << /Dests {} 0 R >>", names);
  if (!info.lang.empty()) out_ += " /Lang " + literal(info.lang);
  out_ += " >>\nendobj\n";
  // Cross-reference table and trailer.
  const std::size_t xref = out_.size();
  out_ += fmt::format("xref\n0 {}\n0000000000 65535 f \n", offsets_.size());
  for (std::size_t i = 1; i < offsets_.size(); ++i) out_ += fmt::format("{:010d} 00000 n \n", offsets_[i]);
  out_ += fmt::format("trailer\n<< /Size {} /Root {} 0 R /Info {} 0 R >>\nstartxref\n{}\n%%EOF\n", offsets_.size(),
                      catalog_, info_obj, xref);
  return std::move(out_);
}

}  // namespace docforge::document::pdf
