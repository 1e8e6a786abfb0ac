// Images for the PDF engine, read once into what the PDF writer embeds (pdf_writer.h):
//   JPEG  embedded as it is (DCTDecode), never decoded: only its size and components are read;
//   PNG   decoded (cairo's PNG reader) to 8-bit RGB, plus an 8-bit alpha mask (/SMask) when
//         any pixel is not opaque, both deflated;
//   SVG   drawn by librsvg (dlopen()ed on the first SVG) into pixels at 3x its natural size
//         (288 dpi when drawn at that size, at most 4 megapixels), then as PNG. The images
//         are only ever drawn at their natural size or smaller, so this is print resolution;
//         keeping vectors would need an SVG-to-PDF-operators path of our own (librsvg draws
//         only through cairo), which is not worth it for the charts and logos documents hold.
//
// Thread safety: an Image is immutable after load_image.
#ifndef DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_
#define DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_

#include <memory>
#include <string>

#include "document/pdf/pdf_writer.h"

namespace docforge::document::pdf {

class Image {
 public:
  Image(double width_pt, double height_pt, ImageData data)
      : width_pt_(width_pt), height_pt_(height_pt), data_(std::move(data)) {}
  double width_pt() const { return width_pt_; }  // natural size at 96 dpi
  double height_pt() const { return height_pt_; }
  const ImageData& data() const { return data_; }

 private:
  double width_pt_, height_pt_;
  ImageData data_;
};

// nullptr and *why set when the file cannot be read or decoded.
std::unique_ptr<Image> load_image(const std::string& path, std::string* why);

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_
