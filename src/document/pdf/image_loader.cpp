#include "document/pdf/image_loader.h"
#include "document/pdf/font_config.h"

#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>

#include <cstring>
#include <fstream>
#include <sstream>

namespace docforge::document::pdf {
namespace {

constexpr double kPxToPt = 0.75;  // CSS pixels (96 dpi) to points

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

class SurfaceImage : public Image {
 public:
  explicit SurfaceImage(cairo_surface_t* s) : surface_(s) {}
  ~SurfaceImage() override { cairo_surface_destroy(surface_); }
  double width_pt() const override { return cairo_image_surface_get_width(surface_) * kPxToPt; }
  double height_pt() const override { return cairo_image_surface_get_height(surface_) * kPxToPt; }
  void draw(cairo_t* cr, double x, double y, double w, double h) const override {
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / cairo_image_surface_get_width(surface_), h / cairo_image_surface_get_height(surface_));
    cairo_set_source_surface(cr, surface_, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
  }

 private:
  cairo_surface_t* surface_;
};

class SvgImage : public Image {
 public:
  SvgImage(RsvgHandle* h, double w, double hgt) : handle_(h), w_(w), h_(hgt) {}
  ~SvgImage() override { g_object_unref(handle_); }
  double width_pt() const override { return w_ * kPxToPt; }
  double height_pt() const override { return h_ * kPxToPt; }
  void draw(cairo_t* cr, double x, double y, double w, double h) const override {
    RsvgRectangle viewport{x, y, w, h};
    SystemFontsForDefaultFontMap fonts;  // librsvg lays SVG text out with the default font map
    rsvg().render_document(handle_, cr, &viewport, nullptr);
  }

 private:
  RsvgHandle* handle_;
  double w_, h_;
};

bool read_file(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

// Width and height from the first SOF marker of a JPEG.
bool jpeg_size(const std::string& d, int* w, int* h) {
  std::size_t i = 2;
  while (i + 9 < d.size()) {
    if (static_cast<unsigned char>(d[i]) != 0xFF) return false;
    unsigned char m = static_cast<unsigned char>(d[i + 1]);
    std::size_t len = (static_cast<unsigned char>(d[i + 2]) << 8) | static_cast<unsigned char>(d[i + 3]);
    if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      *h = (static_cast<unsigned char>(d[i + 5]) << 8) | static_cast<unsigned char>(d[i + 6]);
      *w = (static_cast<unsigned char>(d[i + 7]) << 8) | static_cast<unsigned char>(d[i + 8]);
      return *w > 0 && *h > 0;
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
    return std::make_unique<SurfaceImage>(s);
  }
  if (data.size() > 4 && static_cast<unsigned char>(data[0]) == 0xFF && static_cast<unsigned char>(data[1]) == 0xD8) {
    int w = 0, h = 0;
    if (!jpeg_size(data, &w, &h) || w > 20000 || h > 20000) {
      *why = "cannot read JPEG size of '" + path + "'";
      return nullptr;
    }
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    auto* copy = new std::string(std::move(data));  // owned by cairo's destroy callback
    cairo_surface_set_mime_data(
        s, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
        [](void* p) { delete static_cast<std::string*>(p); }, copy);
    return std::make_unique<SurfaceImage>(s);
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
    return std::make_unique<SvgImage>(h, w, hh);
  }
  *why = "unsupported image format '" + path + "' (PNG, JPEG and SVG are supported)";
  return nullptr;
}

}  // namespace docforge::document::pdf
