// Helpers for the engine's unit tests: render a template string with a JSON context.

#ifndef DOCFORGE_TESTS_TEMPLATE_ENGINE_TEST_UTIL_H_
#define DOCFORGE_TESTS_TEMPLATE_ENGINE_TEST_UTIL_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "docforge/environment.h"

namespace docforge::testing {

// A small JSON reader for test contexts (keeps these tests independent of the data module).
class MiniJson {
 public:
  explicit MiniJson(std::string_view t) : t_(t) {}
  Value parse() {
    ws();
    Value v = value();
    ws();
    if (i_ != t_.size()) bad_ = true;
    return bad_ ? Value::string("<bad json>") : v;
  }

 private:
  void ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\t' || t_[i_] == '\r')) ++i_;
  }
  bool eat(char c) {
    ws();
    if (i_ < t_.size() && t_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  std::string str() {
    std::string out;
    ++i_;  // opening quote
    while (i_ < t_.size() && t_[i_] != '"') {
      char c = t_[i_++];
      if (c == '\\' && i_ < t_.size()) {
        char e = t_[i_++];
        switch (e) {
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'u': {
            unsigned cp = static_cast<unsigned>(std::stoul(std::string(t_.substr(i_, 4)), nullptr, 16));
            i_ += 4;
            if (cp < 0x80) {
              out += static_cast<char>(cp);
            } else if (cp < 0x800) {
              out += static_cast<char>(0xC0 | (cp >> 6));
              out += static_cast<char>(0x80 | (cp & 0x3F));
            } else {
              out += static_cast<char>(0xE0 | (cp >> 12));
              out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
              out += static_cast<char>(0x80 | (cp & 0x3F));
            }
            break;
          }
          default: out += e;
        }
      } else {
        out += c;
      }
    }
    ++i_;
    return out;
  }
  Value value() {
    ws();
    if (i_ >= t_.size()) {
      bad_ = true;
      return Value();
    }
    char c = t_[i_];
    if (c == '{') {
      ++i_;
      Value m = Value::map();
      if (eat('}')) return m;
      do {
        ws();
        std::string k = str();
        if (!eat(':')) bad_ = true;
        m.map_mut().set(k, value());
      } while (eat(','));
      if (!eat('}')) bad_ = true;
      return m;
    }
    if (c == '[') {
      ++i_;
      List items;
      if (eat(']')) return Value::list();
      do {
        items.push_back(value());
      } while (eat(','));
      if (!eat(']')) bad_ = true;
      return Value::list(std::move(items));
    }
    if (c == '"') return Value::string(str());
    if (t_.substr(i_, 4) == "true") {
      i_ += 4;
      return Value::boolean(true);
    }
    if (t_.substr(i_, 5) == "false") {
      i_ += 5;
      return Value::boolean(false);
    }
    if (t_.substr(i_, 4) == "null") {
      i_ += 4;
      return Value::none();
    }
    std::size_t b = i_;
    bool is_float = false;
    while (i_ < t_.size() && std::string_view("+-0123456789.eE").find(t_[i_]) != std::string_view::npos) {
      if (t_[i_] == '.' || t_[i_] == 'e' || t_[i_] == 'E') is_float = true;
      ++i_;
    }
    if (b == i_) {
      bad_ = true;
      return Value();
    }
    std::string num(t_.substr(b, i_ - b));
    return is_float ? Value::floating(std::stod(num)) : Value::integer(std::stoll(num));
  }

  std::string_view t_;
  std::size_t i_ = 0;
  bool bad_ = false;
};

inline Value json(std::string_view text) {
  if (text.empty()) return Value::map();
  return MiniJson(text).parse();
}

// Renders `src` and returns the output, or "ERROR: <formatted error>".
inline std::string render_with(const Environment& env, std::string_view src,
                               std::string_view ctx = "", std::string_view name = "t.txt") {
  auto t = env.from_string(src, name);
  if (!t.ok()) return "ERROR: " + t.error().format();
  auto r = (*t)->render(json(ctx));
  if (!r.ok()) return "ERROR: " + r.error().format();
  return std::move(r.value());
}

inline std::string render(std::string_view src, std::string_view ctx = "",
                          Options options = {}) {
  Environment env(std::move(options));
  return render_with(env, src, ctx);
}

inline Error render_error(const Environment& env, std::string_view src, std::string_view ctx = "",
                          std::string_view name = "t.txt") {
  auto t = env.from_string(src, name);
  if (!t.ok()) return t.error();
  auto r = (*t)->render(json(ctx));
  if (!r.ok()) return r.error();
  Error none;
  none.message = "no error; output: " + r.value();
  return none;
}

inline std::unique_ptr<Loader> map_loader(
    std::vector<std::pair<std::string, std::string>> sources) {
  return make_map_loader(std::move(sources));
}

}  // namespace docforge::testing

#endif  // DOCFORGE_TESTS_TEMPLATE_ENGINE_TEST_UTIL_H_
