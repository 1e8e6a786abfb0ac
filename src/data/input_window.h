// A sliding window over an input (a file descriptor, or text in memory) for the streaming
// readers: the unconsumed bytes are always contiguous, followed by at least kPadding readable
// bytes (simdjson reads ahead), and memory stays proportional to the largest record, not to
// the input.
//
// Thread safety: one thread at a time.

#ifndef DOCFORGE_DATA_INPUT_WINDOW_H_
#define DOCFORGE_DATA_INPUT_WINDOW_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "docforge/error.h"

namespace docforge::data {

class InputWindow {
 public:
  static constexpr std::size_t kPadding = 64;
  static constexpr std::size_t kChunk = std::size_t{1} << 20;

  // Reads from fd (closed on destruction when owns_fd).
  InputWindow(int fd, bool owns_fd, std::string name);
  // Reads from text in memory (not copied; must outlive the window).
  explicit InputWindow(std::string_view text);
  ~InputWindow();
  InputWindow(const InputWindow&) = delete;
  InputWindow& operator=(const InputWindow&) = delete;

  std::string_view data() const { return {begin_, static_cast<std::size_t>(end_ - begin_)}; }
  // Readable bytes after data().end() (at least kPadding for fd input).
  std::size_t padding() const { return static_cast<std::size_t>(limit_ - end_); }
  bool eof() const { return eof_; }
  void consume(std::size_t n) {
    begin_ += n;
    consumed_ += n;
  }
  std::uint64_t consumed() const { return consumed_; }
  // Reads more input (growing the window so at least as much again as is unconsumed can be
  // read). kIo error on a read failure; sets eof() at the end.
  Status fill();

 private:
  int fd_ = -1;
  bool owns_fd_ = false;
  std::string name_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0;
  const char* begin_ = nullptr;
  const char* end_ = nullptr;
  const char* limit_ = nullptr;
  bool eof_ = false;
  std::uint64_t consumed_ = 0;
};

}  // namespace docforge::data

#endif  // DOCFORGE_DATA_INPUT_WINDOW_H_
