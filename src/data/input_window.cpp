#include "data/input_window.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace docforge::data {

InputWindow::InputWindow(int fd, bool owns_fd, std::string name)
    : fd_(fd), owns_fd_(owns_fd), name_(std::move(name)) {}

InputWindow::InputWindow(std::string_view text)
    : begin_(text.data()), end_(text.data() + text.size()), limit_(end_), eof_(true) {}

InputWindow::~InputWindow() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

Status InputWindow::fill() {
  if (eof_) return {};
  std::size_t live = static_cast<std::size_t>(end_ - begin_);
  std::size_t want = std::max(kChunk, live);  // read at least as much again: linear time
  if (buf_ == nullptr || live + want + kPadding > cap_) {
    // Room for twice what is needed now, so a window of steady small records never reallocates.
    std::size_t cap = 2 * (live + want) + kPadding;
    auto nb = std::make_unique_for_overwrite<char[]>(cap);
    if (live) std::memcpy(nb.get(), begin_, live);
    buf_ = std::move(nb);
    cap_ = cap;
  } else if (begin_ != buf_.get()) {
    std::memmove(buf_.get(), begin_, live);
  }
  char* base = buf_.get();
  begin_ = base;
  end_ = base + live;
  limit_ = base + cap_;
  std::size_t room = cap_ - kPadding - live;
  while (true) {
    ssize_t r = ::read(fd_, base + live, room);
    if (r < 0) {
      if (errno == EINTR) continue;
      Error e = make_error(ErrorKind::kIo, fmt::format("cannot read: {}", std::strerror(errno)));
      e.source_name = name_;
      return e;
    }
    if (r == 0) eof_ = true;
    end_ = base + live + static_cast<std::size_t>(r);
    std::memset(const_cast<char*>(end_), 0, kPadding);
    return {};
  }
}

}  // namespace docforge::data
