// Images for the PDF engine, read once into what the PDF writer embeds (pdf_writer.h):
//   JPEG  embedded as it is (DCTDecode), never decoded: only its size and components are read;
//   PNG   decoded (libpng's simplified API, 8-bit sRGB) to RGB, plus an 8-bit alpha mask
//         (/SMask) when any pixel is not opaque, both deflated;
//   SVG   drawn by librsvg (dlopen()ed on the first SVG, with the cairo it draws through) into
//         pixels at 3x its natural size (288 dpi when drawn at that size, at most 4
//         megapixels), then as PNG. The images
//         are only ever drawn at their natural size or smaller, so this is print resolution;
//         keeping vectors would need an SVG-to-PDF-operators path of our own (librsvg draws
//         only through cairo), which is not worth it for the charts and logos documents hold.
//
// Thread safety: an Image is immutable after load_image.
#ifndef DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_
#define DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_

#include <memory>
#include <string>
#include <unordered_map>

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

// Images loaded before, by path, while the file keeps its size and modification time: a
// templated document draws the same logo every time, and a document may draw an image twice
// (the writer embeds it once: it is the same object). When it holds kEntries images or kBytes
// of image data it is emptied.
//
// Thread safety: thread-compatible (one per LayoutEngine).
class ImageCache {
 public:
  static constexpr std::size_t kEntries = 32;
  static constexpr std::size_t kBytes = 32u << 20;

  // As load_image.
  std::shared_ptr<const Image> load(const std::string& path, std::string* why);

 private:
  struct Entry {
    std::shared_ptr<const Image> image;
    long long size = 0, mtime_ns = 0;
  };
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_IMAGE_LOADER_H_
