#include "document/pdf/image_loader.h"
#include "document/pdf/deflate.h"
#include "document/pdf/font_config.h"

#include <cairo.h>
#include <dlfcn.h>
#include <sys/stat.h>
#include <librsvg/rsvg.h>

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

// librsvg is opened on first use: linked directly it pulls ~15 libraries (ICU, libxml2,
// gdk-pixbuf, ...) into every process and their relocation alone cost a fresh docforge process
// more time than rendering a document. Loaded once, never unloaded; immutable afterwards.
struct Rsvg {
  RsvgHandle* (*new_from_data)(const guint8*, gsize, GError**) = nullptr;
  gboolean (*intrinsic_size)(RsvgHandle*, gdouble*, gdouble*) = nullptr;
  gboolean (*render_document)(RsvgHandle*, cairo_t*, const RsvgRectangle*, GError**) = nullptr;
  bool ok = false;
};

const Rsvg& rsvg() {
  static const Rsvg lib = [] {
    Rsvg r;
    void* h = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (h == nullptr) return r;
    r.new_from_data = reinterpret_cast<decltype(r.new_from_data)>(dlsym(h, "rsvg_handle_new_from_data"));
    r.intrinsic_size =
        reinterpret_cast<decltype(r.intrinsic_size)>(dlsym(h, "rsvg_handle_get_intrinsic_size_in_pixels"));
    r.render_document = reinterpret_cast<decltype(r.render_document)>(dlsym(h, "rsvg_handle_render_document"));
    r.ok = r.new_from_data != nullptr && r.intrinsic_size != nullptr && r.render_document != nullptr;
    return r;
  }();
  return lib;
}

// The pixels of an image surface as RGB samples and (when any pixel is not opaque) an alpha
// mask, both deflated. cairo keeps ARGB32 premultiplied in native-endian words.
ImageData from_surface(cairo_surface_t* s) {
  cairo_surface_flush(s);
  const int w = cairo_image_surface_get_width(s);
  const int h = cairo_image_surface_get_height(s);
  const int stride = cairo_image_surface_get_stride(s);
  const bool has_alpha = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
  const unsigned char* data = cairo_image_surface_get_data(s);
  std::string rgb, alpha;
  rgb.resize(static_cast<std::size_t>(w) * h * 3);
  if (has_alpha) alpha.resize(static_cast<std::size_t>(w) * h);
  bool translucent = false;
  std::size_t o = 0;
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<std::size_t>(y) * stride);
    for (int x = 0; x < w; ++x, ++o) {
      uint32_t p = row[x];
      unsigned a = has_alpha ? p >> 24 : 255;
      unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
      if (a != 255) {
        translucent = true;
        if (a != 0) {
          r = std::min(255u, (r * 255 + a / 2) / a);
          g = std::min(255u, (g * 255 + a / 2) / a);
          b = std::min(255u, (b * 255 + a / 2) / a);
        }
      }
      rgb[3 * o] = static_cast<char>(r);
      rgb[3 * o + 1] = static_cast<char>(g);
      rgb[3 * o + 2] = static_cast<char>(b);
      if (has_alpha) alpha[o] = static_cast<char>(a);
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
    cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(s);
      *why = "cannot decode PNG '" + path + "'";
      return nullptr;
    }
    double w = cairo_image_surface_get_width(s) * kPxToPt, h = cairo_image_surface_get_height(s) * kPxToPt;
    auto image = std::make_unique<Image>(w, h, from_surface(s));
    cairo_surface_destroy(s);
    return image;
  }
  if (data.size() > 4 && static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xD8) {
    int w = 0, h = 0, components = 0;
    if (!jpeg_size(data, &w, &h, &components) || w > 20000 || h > 20000) {
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
    if (!rsvg().ok) {
      *why = "cannot draw SVG '" + path + "': librsvg-2.so.2 is not installed";
      return nullptr;
    }
    GError* err = nullptr;
    RsvgHandle* h = rsvg().new_from_data(reinterpret_cast<const guint8*>(data.data()), data.size(), &err);
    if (h == nullptr) {
      *why = "cannot parse SVG '" + path + "'" + (err ? std::string(": ") + err->message : std::string());
      if (err) g_error_free(err);
      return nullptr;
    }
    gdouble w = 0, hh = 0;
    if (!rsvg().intrinsic_size(h, &w, &hh) || w <= 0 || hh <= 0) {
      w = 400;
      hh = 300;
    }
    // Pixels at kSvgScale times the natural size, at most kSvgMaxPixels.
    double scale = kSvgScale;
    if (w * hh * scale * scale > kSvgMaxPixels) scale = std::sqrt(kSvgMaxPixels / (w * hh));
    const int pw = std::max(1, static_cast<int>(std::lround(w * scale)));
    const int ph = std::max(1, static_cast<int>(std::lround(hh * scale)));
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
    cairo_t* cr = cairo_create(s);
    RsvgRectangle viewport{0, 0, static_cast<double>(pw), static_cast<double>(ph)};
    {
      SystemFontsForDefaultFontMap fonts;  // librsvg lays SVG text out with the default font map
      rsvg().render_document(h, cr, &viewport, nullptr);
    }
    cairo_destroy(cr);
    g_object_unref(h);
    auto image = std::make_unique<Image>(w * kPxToPt, hh * kPxToPt, from_surface(s));
    cairo_surface_destroy(s);
    return image;
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
