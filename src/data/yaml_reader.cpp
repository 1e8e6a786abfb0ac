// YAML -> Value through yaml-cpp's event parser (not its node tree): anchors map straight to
// shared Values, so an alias "bomb" costs one reference per use instead of an exponential copy,
// and every problem carries yaml-cpp's line/column mark.

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <fmt/format.h>

#include <cmath>
#include <istream>
#include <streambuf>
#include <vector>

#include "data/scalar_types.h"
#include "data/source_location.h"
#include "docforge/data.h"

namespace docforge::data {
namespace {

constexpr std::size_t kMaxYamlDepth = 1000;
constexpr const char* kTagPrefix = "tag:yaml.org,2002:";

// An istream over text we do not own (no copy).
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
};

struct BuildError {
  Error error;
};

class ValueBuilder : public YAML::EventHandler {
 public:
  ValueBuilder(std::string_view text, std::string_view name) : text_(text), name_(name) {}

  std::vector<Value> documents;

  void OnDocumentStart(const YAML::Mark&) override {
    stack_.clear();
    anchors_.clear();
    have_root_ = false;
    root_ = Value::none();
  }
  void OnDocumentEnd() override { documents.push_back(have_root_ ? root_ : Value::none()); }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(mark, Value::none(), anchor, false);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || anchors_[anchor].is_undefined()) {
      fail(mark, "alias refers to an anchor that is not complete here (recursive alias?)");
    }
    add(mark, anchors_[anchor], 0, false);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    add(mark, typed_scalar(mark, tag, value), anchor, tag == "?" && value == "<<");
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, Value::list(), anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, Value::map(), anchor, true);
  }
  void OnMapEnd() override { close(); }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message,
                         ErrorKind kind = ErrorKind::kData) {
    throw BuildError{make_data_error_at(kind, std::move(message), name_, text_, mark.line + 1,
                                        mark.column + 1)};
  }

 private:
  struct Frame {
    Value container;
    bool is_map = false;
    YAML::anchor_t anchor = 0;
    YAML::Mark mark;
    bool have_key = false;
    bool key_is_merge = false;
    Value key;
    std::vector<Value> merges;  // values of "<<" keys, applied at the end
  };

  Value typed_scalar(const YAML::Mark& mark, const std::string& tag, const std::string& value) {
    if (tag == "!") return Value::string(value);  // quoted, or explicitly non-specific
    if (tag == "?" || tag.empty()) return resolve_yaml_core_scalar(value);
    if (tag.rfind(kTagPrefix, 0) == 0) {
      std::string_view t = std::string_view(tag).substr(std::string_view(kTagPrefix).size());
      if (t == "str") return Value::string(value);
      if (t == "null") {
        if (is_core_null(value)) return Value::none();
      } else if (t == "bool") {
        if (auto b = parse_core_bool(value)) return Value::boolean(*b);
      } else if (t == "int") {
        if (auto i = parse_core_int(value)) return std::move(*i);
      } else if (t == "float") {
        if (auto f = parse_core_float(value)) return std::move(*f);
        if (auto i = parse_core_int(value)) return Value::floating(i->to_double());
      } else {
        return resolve_yaml_core_scalar(value);
      }
      fail(mark, fmt::format("'{}' is not a valid !!{}", value, t));
    }
    return resolve_yaml_core_scalar(value);  // application tags: resolve by content
  }

  void open(const YAML::Mark& mark, Value container, YAML::anchor_t anchor, bool is_map) {
    if (stack_.size() >= kMaxYamlDepth) {
      fail(mark, fmt::format("nesting too deep: more than {} levels", kMaxYamlDepth),
           ErrorKind::kLimit);
    }
    Frame f;
    f.container = std::move(container);
    f.is_map = is_map;
    f.anchor = anchor;
    f.mark = mark;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.is_map && !f.merges.empty()) apply_merges(f);
    add(f.mark, std::move(f.container), f.anchor, false);
  }

  void apply_merges(Frame& f) {
    Value merged = Value::map();
    Map& out = merged.map_mut();
    for (const Value& src : f.merges) {
      std::vector<Value> sources;
      if (src.is_map()) {
        sources.push_back(src);
      } else if (src.is_list()) {
        for (const Value& s : src.as_list()) {
          if (!s.is_map()) fail(f.mark, "a merge key '<<' takes a mapping or a list of mappings");
          sources.push_back(s);
        }
      } else {
        fail(f.mark, "a merge key '<<' takes a mapping or a list of mappings");
      }
      for (const Value& s : sources) {
        for (const auto& [k, v] : s.as_map()) {
          if (out.find(k) == nullptr) out.set(k, v);
        }
      }
    }
    for (const auto& [k, v] : f.container.as_map()) out.set(k, v);
    f.container = std::move(merged);
  }

  void add(const YAML::Mark& mark, Value v, YAML::anchor_t anchor, bool is_merge_key) {
    if (anchor != 0) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
      anchors_[anchor] = v;
    }
    if (stack_.empty()) {
      root_ = std::move(v);
      have_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (!top.is_map) {
      top.container.list_mut().push_back(std::move(v));
      return;
    }
    if (!top.have_key) {
      if (v.is_list() || v.is_map()) {
        fail(mark, "a mapping key must be a scalar (lists and mappings cannot be keys)");
      }
      if (v.is_float() && std::isnan(v.as_float())) fail(mark, "a mapping key cannot be NaN");
      top.key = std::move(v);
      top.have_key = true;
      top.key_is_merge = is_merge_key;
      return;
    }
    top.have_key = false;
    if (top.key_is_merge) {
      top.merges.push_back(std::move(v));
      return;
    }
    top.container.map_mut().set(std::move(top.key), std::move(v));
  }

  std::string_view text_;
  std::string_view name_;
  std::vector<Frame> stack_;
  std::vector<Value> anchors_;
  Value root_;
  bool have_root_ = false;
};

}  // namespace

Result<std::vector<Value>> parse_yaml_documents(std::string_view text,
                                                std::string_view source_name) {
  std::size_t bad = find_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    return make_data_error(ErrorKind::kData,
                           fmt::format("invalid UTF-8 (byte 0x{:02X} at byte offset {})",
                                       static_cast<unsigned char>(text[bad]), bad),
                           source_name, text, bad);
  }
  ViewBuf buf(text);
  std::istream in(&buf);
  ValueBuilder builder(text, source_name);
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (BuildError& e) {
    return std::move(e.error);
  } catch (const YAML::DeepRecursion& e) {
    return make_data_error_at(ErrorKind::kLimit, "nesting too deep", source_name, text,
                              e.mark.line + 1, e.mark.column + 1);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) {
      Error err = make_error(ErrorKind::kData, e.msg);
      err.source_name = std::string(source_name);
      return err;
    }
    return make_data_error_at(ErrorKind::kData, e.msg, source_name, text, e.mark.line + 1,
                              e.mark.column + 1);
  } catch (const std::exception& e) {
    Error err = make_error(ErrorKind::kData, fmt::format("cannot read YAML: {}", e.what()));
    err.source_name = std::string(source_name);
    return err;
  }
  return std::move(builder.documents);
}

Result<Value> parse_yaml(std::string_view text, std::string_view source_name) {
  auto docs = parse_yaml_documents(text, source_name);
  if (!docs.ok()) return std::move(docs).error();
  if (docs->empty()) return Value::none();
  if (docs->size() > 1) {
    Error e = make_error(ErrorKind::kData,
                         fmt::format("expected a single YAML document, found {} (separated by "
                                     "'---')",
                                     docs->size()));
    e.source_name = std::string(source_name);
    return e;
  }
  return std::move((*docs)[0]);
}

Result<FrontMatter> parse_front_matter(std::string_view text, std::string_view source_name) {
  std::string_view body = text;
  std::size_t start = 0;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  auto line_end = [&](std::size_t from) {
    std::size_t nl = text.find('\n', from);
    return nl == std::string_view::npos ? text.size() : nl;
  };
  auto trimmed_line = [&](std::size_t from, std::size_t to) {
    std::string_view l = text.substr(from, to - from);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) {
      l.remove_suffix(1);
    }
    return l;
  };
  std::size_t first_end = line_end(start);
  if (trimmed_line(start, first_end) != "---") return FrontMatter{Value::none(), 0};
  std::size_t pos = first_end < text.size() ? first_end + 1 : text.size();
  while (pos < text.size()) {
    std::size_t end = line_end(pos);
    std::string_view l = trimmed_line(pos, end);
    if (l == "---" || l == "...") {
      // YAML from the opening '---' (a document marker) to just before the closing one, so
      // error lines match the file.
      auto v = parse_yaml(text.substr(0, pos), source_name);
      if (!v.ok()) return std::move(v).error();
      Value data = std::move(v).value();
      if (!data.is_map() && !data.is_none()) {
        return make_data_error_at(ErrorKind::kData,
                                  fmt::format("front matter must be a mapping, got {}",
                                              data.type_name()),
                                  source_name, text, 2, 1);
      }
      if (data.is_none()) data = Value::map();
      return FrontMatter{std::move(data), end < text.size() ? end + 1 : text.size()};
    }
    pos = end < text.size() ? end + 1 : text.size();
  }
  return make_data_error_at(ErrorKind::kData,
                            "front matter is not closed: expected a line '---' after the YAML",
                            source_name, text, 1, 1);
}

}  // namespace docforge::data
