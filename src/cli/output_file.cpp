#include "cli/output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace docforge::cli {
namespace {

Error io_error(const std::string& path, const std::string& what) {
  Error e = make_error(ErrorKind::kIo, what + ": " + std::strerror(errno));
  e.source_name = path;
  return e;
}

}  // namespace

Status write_output(const std::string& path, std::string_view bytes) {
  if (path.empty() || path == "-") {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    if (!std::cout) return make_error(ErrorKind::kIo, "cannot write to standard output");
    return {};
  }
  std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) return io_error(path, "cannot create output file");
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = (std::fclose(f) == 0) && ok;
    if (!ok) {
      Error e = io_error(path, "cannot write output file");
      std::remove(tmp.c_str());
      return e;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    Error e = io_error(path, "cannot move output file into place");
    std::remove(tmp.c_str());
    return e;
  }
  return {};
}

Result<std::string> read_input(const std::string& path) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    Error e = make_error(ErrorKind::kIo, "is a directory, not a file");
    e.source_name = path;
    return e;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(path, "cannot open");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return io_error(path, "cannot read");
  return text;
}

}  // namespace docforge::cli
