// Images for the PDF engine: PNG (cairo), JPEG (embedded as-is through cairo's MIME data, no
// decoding) and SVG (librsvg, drawn as vectors).
//
// Thread safety: an Image is used by one thread at a time.

#ifndef DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_
#define DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_

#include <memory>
#include <string>

typedef struct _cairo cairo_t;

namespace docforge::document::pdf {

class Image {
 public:
  virtual ~Image() = default;
  virtual double width_pt() const = 0;   // natural size at 96 dpi
  virtual double height_pt() const = 0;
  // Draws the image scaled into the box (x, y, w, h).
  virtual void draw(cairo_t* cr, double x, double y, double w, double h) const = 0;
};

// nullptr and *why set when the file cannot be read or decoded.
std::unique_ptr<Image> load_image(const std::string& path, std::string* why);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_
