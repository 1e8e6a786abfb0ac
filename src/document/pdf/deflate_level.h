// The zlib level of the PDF streams cairo writes.
//
// cairo 1.16 compresses every PDF stream (page contents, font subsets, images) with
// deflateInit(Z_DEFAULT_COMPRESSION), level 6, and has no setting for it. At level 6 deflate was
// a quarter of a warm render; level 1 is several times faster and the PDFs grow by about 2 %.
// This module defines zlib's deflateInit_ (the function behind the deflateInit macro), so the
// dynamic linker binds cairo's calls to it: inside a DeflateLevelScope, a stream opened on that
// thread with the default level gets the scope's level; everywhere else (other threads, other
// code, an explicit level) the call is passed to zlib unchanged.
//
// Thread safety: the level is per thread; scopes nest.
#ifndef DOCFORGE_DOCUMENT_PDF_DEFLATE_LEVEL_H_
#define DOCFORGE_DOCUMENT_PDF_DEFLATE_LEVEL_H_

namespace docforge::document::pdf {

class DeflateLevelScope {
 public:
  // REQUIRES: 0 <= level <= 9.
  explicit DeflateLevelScope(int level);
  ~DeflateLevelScope();
  DeflateLevelScope(const DeflateLevelScope&) = delete;
  DeflateLevelScope& operator=(const DeflateLevelScope&) = delete;

 private:
  int saved_;
};

}  // namespace docforge::document::pdf

#endif  // DOCFORGE_DOCUMENT_PDF_DEFLATE_LEVEL_H_
