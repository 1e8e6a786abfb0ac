// Helpers for PDF tests: write a PDF to a temporary file and run poppler-utils / qpdf on it.
#ifndef DOCFORGE_TESTS_DOCUMENT_PDF_TEST_UTIL_H_
#define DOCFORGE_TESTS_DOCUMENT_PDF_TEST_UTIL_H_

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace docforge::document::testing {

// A PDF on disk for the life of the object.
class TempPdf {
 public:
  explicit TempPdf(const std::string& bytes) {
    char name[] = "/tmp/docforge_pdf_test_XXXXXX";
    int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    path_ = name;
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~TempPdf() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A fresh directory under /tmp for the life of the object (unique: test binaries of other
// checkouts may run at the same time).
class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/docforge_pdf_test_dir_XXXXXX";
    if (mkdtemp(name) != nullptr) path_ = name;
  }
  ~TempDir() {
    if (!path_.empty()) std::system(("rm -rf '" + path_ + "'").c_str());
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Runs a shell command and returns its standard output (and the exit status in *status).
inline std::string run(const std::string& command, int* status = nullptr) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = pclose(p);
  if (status != nullptr) *status = rc;
  return out;
}

inline bool have_tool(const char* tool) {
  return run(std::string("command -v ") + tool + " >/dev/null 2>&1 && echo yes") == "yes\n";
}

// Number of non-overlapping occurrences of needle in hay.
inline int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t pos = hay.find(needle); pos != std::string::npos; pos = hay.find(needle, pos + needle.size())) ++n;
  return n;
}

}  // namespace docforge::document::testing

#endif  // DOCFORGE_TESTS_DOCUMENT_PDF_TEST_UTIL_H_
