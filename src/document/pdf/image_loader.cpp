#include "document/pdf/image_loader.h"
#include "document/pdf/deflate.h"
#include "document/pdf/font_config.h"

#include <cairo.h>  // types only: cairo is reached through librsvg (svg_library)
#include <dlfcn.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>  // types only, as cairo
#include <pango/pangofc-fontmap.h>
#include <png.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

namespace docforge::document::pdf {
namespace {

constexpr double kPxToPt = 0.75;  // CSS pixels (96 dpi) to points
constexpr double kSvgScale = 3;   // SVG pixels per CSS pixel: 288 dpi at the natural size
constexpr double kSvgMaxPixels = 4e6;
constexpr int kMaxSide = 20000;  // pixels: a larger PNG or JPEG is refused

// librsvg is opened on first use, and cairo, Pango and GObject through it (its dependencies):
// linked directly, librsvg pulls ~15 libraries (ICU, libxml2, gdk-pixbuf, ...) and cairo ~11
// (pixman, X11, xcb, ...) into every process, and their loading and relocation cost a fresh
// docforge process more time than laying a document out. Loaded once, never unloaded;
// immutable afterwards.
struct SvgLibrary {
  RsvgHandle* (*new_from_data)(const guint8*, gsize, GError**) = nullptr;
  gboolean (*intrinsic_size)(RsvgHandle*, gdouble*, gdouble*) = nullptr;
  gboolean (*render_document)(RsvgHandle*, cairo_t*, const RsvgRectangle*, GError**) = nullptr;
  cairo_surface_t* (*image_surface_create)(cairo_format_t, int, int) = nullptr;
  unsigned char* (*image_surface_get_data)(cairo_surface_t*) = nullptr;
  int (*image_surface_get_stride)(cairo_surface_t*) = nullptr;
  void (*surface_flush)(cairo_surface_t*) = nullptr;
  void (*surface_destroy)(cairo_surface_t*) = nullptr;
  cairo_t* (*create)(cairo_surface_t*) = nullptr;
  void (*destroy)(cairo_t*) = nullptr;
  PangoFontMap* (*font_map_new)() = nullptr;
  void (*font_map_set_default)(PangoCairoFontMap*) = nullptr;
  void (*font_map_set_config)(PangoFcFontMap*, FcConfig*) = nullptr;
  void (*object_unref)(gpointer) = nullptr;
  bool ok = false;
};

template <typename F>
bool lookup(void* lib, const char* name, F* f) {
  *f = reinterpret_cast<F>(dlsym(lib, name));  // searches librsvg's dependencies too
  return *f != nullptr;
}

const SvgLibrary& svg_library() {
  static const SvgLibrary lib = [] {
    SvgLibrary r;
    void* h = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) return r;
    r.ok = lookup(h, "rsvg_handle_new_from_data", &r.new_from_data) &&
           lookup(h, "rsvg_handle_get_intrinsic_size_in_pixels", &r.intrinsic_size) &&
           lookup(h, "rsvg_handle_render_document", &r.render_document) &&
           lookup(h, "cairo_image_surface_create", &r.image_surface_create) &&
           lookup(h, "cairo_image_surface_get_data", &r.image_surface_get_data) &&
           lookup(h, "cairo_image_surface_get_stride", &r.image_surface_get_stride) &&
           lookup(h, "cairo_surface_flush", &r.surface_flush) && lookup(h, "cairo_surface_destroy", &r.surface_destroy) &&
           lookup(h, "cairo_create", &r.create) && lookup(h, "cairo_destroy", &r.destroy) &&
           lookup(h, "pango_cairo_font_map_new", &r.font_map_new) &&
           lookup(h, "pango_cairo_font_map_set_default", &r.font_map_set_default) &&
           lookup(h, "pango_fc_font_map_set_config", &r.font_map_set_config) &&
           lookup(h, "g_object_unref", &r.object_unref);
    return r;
  }();
  return lib;
}

// For its lifetime, this thread's default PangoCairo font map (which librsvg lays SVG text out
// with) is one on the system's fonts and rules, when the engine's font subset took the place of
// fontconfig's current configuration: SVG text then comes out as it always did.
class SystemFontsForSvg {
 public:
  explicit SystemFontsForSvg(const SvgLibrary& lib) : lib_(lib) {
    FcConfig* config = system_config_in_place_of_subset();
    if (config == nullptr) return;
    PangoFontMap* map = lib_.font_map_new();
    lib_.font_map_set_config(reinterpret_cast<PangoFcFontMap*>(map), config);
    lib_.font_map_set_default(reinterpret_cast<PangoCairoFontMap*>(map));
    lib_.object_unref(map);  // the default holds it
    set_ = true;
  }
  ~SystemFontsForSvg() {
    if (set_) lib_.font_map_set_default(nullptr);  // frees it
  }
  SystemFontsForSvg(const SystemFontsForSvg&) = delete;
  SystemFontsForSvg& operator=(const SystemFontsForSvg&) = delete;

 private:
  const SvgLibrary& lib_;
  bool set_ = false;
};

// What the PDF writer embeds for w x h pixels, pixel(x, y, rgb) giving each one's RGB samples
// and returning its alpha: the RGB samples and, when any pixel is not opaque, an alpha mask
// (/SMask), both deflated.
template <typename Pixel>
ImageData embed_pixels(int w, int h, Pixel pixel) {
  std::string rgb(static_cast<std::size_t>(w) * h * 3, '\0');
  std::string alpha(static_cast<std::size_t>(w) * h, '\0');
  bool translucent = false;
  std::size_t o = 0;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x, ++o) {
      const unsigned char a = pixel(x, y, reinterpret_cast<unsigned char*>(&rgb[3 * o]));
      alpha[o] = static_cast<char>(a);
      translucent |= a != 255;
    }
  }
  ImageData out;
  out.width = w;
  out.height = h;
  out.components = 3;
  deflate_append(rgb, &out.data);
  if (translucent) deflate_append(alpha, &out.alpha);
  return out;
}

// cairo's ARGB32 (premultiplied, in native-endian words), un-premultiplied.
ImageData from_argb32(const unsigned char* data, int w, int h, int stride) {
  return embed_pixels(w, h, [&](int x, int y, unsigned char* rgb) {
    uint32_t p;
    std::memcpy(&p, data + static_cast<std::size_t>(y) * stride + 4 * static_cast<std::size_t>(x), 4);
    const unsigned a = p >> 24;
    unsigned c[3] = {(p >> 16) & 255, (p >> 8) & 255, p & 255};
    for (int k = 0; k < 3; ++k) {
      if (a != 255 && a != 0) c[k] = std::min(255u, (c[k] * 255 + a / 2) / a);
      rgb[k] = static_cast<unsigned char>(c[k]);
    }
    return static_cast<unsigned char>(a);
  });
}

// A PNG decoded with libpng's simplified API to 8-bit sRGB, RGBA when it has any transparency.
std::unique_ptr<Image> load_png(const std::string& path, const std::string& data, std::string* why) {
  png_image png{};
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&png, data.data(), data.size())) {
    *why = "cannot decode PNG '" + path + "': " + png.message;
    return nullptr;
  }
  if (png.width > kMaxSide || png.height > kMaxSide) {
    png_image_free(&png);
    *why = "PNG '" + path + "' is too large (" + std::to_string(png.width) + "x" + std::to_string(png.height) +
           " pixels; at most " + std::to_string(kMaxSide) + " a side)";
    return nullptr;
  }
  const bool has_alpha = (png.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  png.format = has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  std::string pixels(PNG_IMAGE_SIZE(png), '\0');
  if (!png_image_finish_read(&png, nullptr, pixels.data(), 0, nullptr)) {
    *why = "cannot decode PNG '" + path + "': " + png.message;
    png_image_free(&png);
    return nullptr;
  }
  const int w = static_cast<int>(png.width), h = static_cast<int>(png.height);
  const std::size_t channels = has_alpha ? 4 : 3, stride = PNG_IMAGE_ROW_STRIDE(png);
  const auto* samples = reinterpret_cast<const unsigned char*>(pixels.data());
  ImageData d = embed_pixels(w, h, [&](int x, int y, unsigned char* rgb) {
    const unsigned char* p = samples + static_cast<std::size_t>(y) * stride + channels * static_cast<std::size_t>(x);
    std::memcpy(rgb, p, 3);
    return has_alpha ? p[3] : static_cast<unsigned char>(255);
  });
  return std::make_unique<Image>(w * kPxToPt, h * kPxToPt, std::move(d));
}

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Width, height and components from the first SOF marker of a JPEG.
bool jpeg_size(const std::string& d, int* w, int* h, int* components) {
  std::size_t i = 2;
  while (i + 10 < d.size()) {
    if (static_cast<unsigned char>(d[i]) != 0xFF) return false;
    unsigned char m = static_cast<unsigned char>(d[i + 1]);
    std::size_t len = (static_cast<unsigned char>(d[i + 2]) << 8) | static_cast<unsigned char>(d[i + 3]);
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      *h = (static_cast<unsigned char>(d[i + 5]) << 8) | static_cast<unsigned char>(d[i + 6]);
      *w = (static_cast<unsigned char>(d[i + 7]) << 8) | static_cast<unsigned char>(d[i + 8]);
      *components = static_cast<unsigned char>(d[i + 9]);
      return *w > 0 && *h > 0 && (*components == 1 || *components == 3 || *components == 4);
    }
    i += 2 + len;
  }
  return false;
}

}  // namespace

std::unique_ptr<Image> load_image(const std::string& path, std::string* why) {
  std::string data;
  if (!read_file(path, &data)) {
    *why = "cannot read image '" + path + "'";
    return nullptr;
  }
  if (data.size() > 8 && std::memcmp(data.data(), "\x89PNG", 4) == 0) {
    return load_png(path, data, why);
  }
  if (data.size() > 4 && static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xD8) {
    int w = 0, h = 0, components = 0;
    if (!jpeg_size(data, &w, &h, &components) || w > kMaxSide || h > kMaxSide) {
      *why = "cannot read JPEG size of '" + path + "'";
      return nullptr;
    }
    ImageData d;
    d.width = w;
    d.height = h;
    d.jpeg = true;
    d.components = components;
    d.data = std::move(data);
    return std::make_unique<Image>(w * kPxToPt, h * kPxToPt, std::move(d));
  }
  if (data.find("<svg") != std::string::npos) {
    const SvgLibrary& svg = svg_library();
    if (!svg.ok) {
      *why = "cannot draw SVG '" + path + "': librsvg-2.so.2 is not installed";
      return nullptr;
    }
    GError* err = nullptr;
    RsvgHandle* h = svg.new_from_data(reinterpret_cast<const guint8*>(data.data()), data.size(), &err);
    if (h == nullptr) {
      *why = "cannot parse SVG '" + path + "'" + (err ? std::string(": ") + err->message : std::string());
      if (err) g_error_free(err);
      return nullptr;
    }
    gdouble w = 0, hh = 0;
    if (!svg.intrinsic_size(h, &w, &hh) || w <= 0 || hh <= 0) {
      w = 400;
      hh = 300;
    }
    // Pixels at kSvgScale times the natural size, at most kSvgMaxPixels.
    double scale = kSvgScale;
    if (w * hh * scale * scale > kSvgMaxPixels) scale = std::sqrt(kSvgMaxPixels / (w * hh));
    const int pw = std::max(1, static_cast<int>(std::lround(w * scale)));
    const int ph = std::max(1, static_cast<int>(std::lround(hh * scale)));
    cairo_surface_t* s = svg.image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
    cairo_t* cr = svg.create(s);
    RsvgRectangle viewport{0, 0, static_cast<double>(pw), static_cast<double>(ph)};
    {
      SystemFontsForSvg fonts(svg);
      svg.render_document(h, cr, &viewport, nullptr);
    }
    svg.destroy(cr);
    svg.object_unref(h);
    svg.surface_flush(s);
    ImageData pixels = from_argb32(svg.image_surface_get_data(s), pw, ph, svg.image_surface_get_stride(s));
    svg.surface_destroy(s);
    return std::make_unique<Image>(w * kPxToPt, hh * kPxToPt, std::move(pixels));
  }
  *why = "unsupported image format '" + path + "' (PNG, JPEG and SVG are supported)";
  return nullptr;
}

std::shared_ptr<const Image> ImageCache::load(const std::string& path, std::string* why) {
  struct stat st {};
  const bool exists = stat(path.c_str(), &st) == 0;
  const long long mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  auto it = entries_.find(path);
  if (exists && it != entries_.end() && it->second.size == st.st_size && it->second.mtime_ns == mtime) {
    return it->second.image;
  }
  std::shared_ptr<const Image> image = load_image(path, why);
  if (!image || !exists) return image;
  const std::size_t bytes = image->data().data.size() + image->data().alpha.size();
  if (entries_.size() >= kEntries || bytes_ + bytes > kBytes) {
    entries_.clear();
    bytes_ = 0;
  }
  if (bytes <= kBytes) {
    auto& e = entries_[path];
    if (e.image) bytes_ -= e.image->data().data.size() + e.image->data().alpha.size();
    e = Entry{image, static_cast<long long>(st.st_size), mtime};
    bytes_ += bytes;
  }
  return image;
}

}  // namespace docforge::document::pdf
