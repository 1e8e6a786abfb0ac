// YAML -> Value through libyaml's event parser (the reference C implementation, the parser
// under PyYAML). yaml-cpp 0.7 was the first choice but hangs forever on inputs as small as ","
// (found by fuzz_data_yaml); libyaml's parser has no recursion and is fuzzed upstream.
// Anchors map straight to shared Values, so an alias "bomb" costs one reference per use instead
// of an exponential copy. Scalars are typed by the YAML 1.2 core schema (scalar_types.h).

#include <yaml.h>

#include <fmt/format.h>

#include <cmath>
#include <unordered_map>
#include <vector>

#include "data/scalar_types.h"
#include "data/source_location.h"
#include "docforge/data.h"

namespace docforge::data {
namespace {

constexpr std::size_t kMaxYamlDepth = 1000;
constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

struct Mark {
  int line = 0;    // 0-based, as libyaml reports
  int column = 0;
};

class ValueBuilder {
 public:
  ValueBuilder(std::string_view text, std::string_view name) : text_(text), name_(name) {}

  std::vector<Value> documents;
  std::optional<Error> error;

  // Each handler returns false after setting `error`.
  bool document_start() {
    stack_.clear();
    anchors_.clear();
    have_root_ = false;
    root_ = Value::none();
    return true;
  }
  bool document_end() {
    documents.push_back(have_root_ ? root_ : Value::none());
    return true;
  }
  bool alias(const Mark& mark, std::string_view anchor) {
    auto it = anchors_.find(std::string(anchor));
    if (it == anchors_.end()) {
      return fail(mark, it == anchors_.end() && open_anchor(anchor)
                            ? fmt::format("alias *{} refers to a node that contains it (a "
                                          "recursive alias)",
                                          anchor)
                            : fmt::format("alias *{} refers to an unknown anchor", anchor));
    }
    return add(mark, it->second, {}, false);
  }
  bool scalar(const Mark& mark, const char* tag, std::string_view anchor, std::string_view value,
              bool plain) {
    Value v;
    if (!typed_scalar(mark, tag, value, plain, &v)) return false;
    return add(mark, std::move(v), anchor, plain && tag == nullptr && value == "<<");
  }
  bool open(const Mark& mark, bool is_map, std::string_view anchor) {
    if (stack_.size() >= kMaxYamlDepth) {
      return fail(mark, fmt::format("nesting too deep: more than {} levels", kMaxYamlDepth),
                  ErrorKind::kLimit);
    }
    Frame f;
    f.container = is_map ? Value::map() : Value::list();
    f.is_map = is_map;
    f.anchor = std::string(anchor);
    f.mark = mark;
    stack_.push_back(std::move(f));
    return true;
  }
  bool close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.is_map && !f.merges.empty() && !apply_merges(f)) return false;
    return add(f.mark, std::move(f.container), f.anchor, false);
  }

  bool fail(const Mark& mark, std::string message, ErrorKind kind = ErrorKind::kData) {
    error = make_data_error_at(kind, std::move(message), name_, text_, mark.line + 1,
                               mark.column + 1);
    return false;
  }

 private:
  struct Frame {
    Value container;
    bool is_map = false;
    std::string anchor;
    Mark mark;
    bool have_key = false;
    bool key_is_merge = false;
    Value key;
    std::vector<Value> merges;  // values of "<<" keys, applied at the end
  };

  bool open_anchor(std::string_view anchor) const {
    for (const Frame& f : stack_) {
      if (f.anchor == anchor) return true;
    }
    return false;
  }

  bool typed_scalar(const Mark& mark, const char* tag_c, std::string_view value, bool plain,
                    Value* out) {
    if (tag_c == nullptr) {
      *out = plain ? resolve_yaml_core_scalar(value) : Value::string(value);
      return true;
    }
    std::string_view tag(tag_c);
    if (tag == "!") {
      *out = Value::string(value);
      return true;
    }
    if (tag.substr(0, kTagPrefix.size()) != kTagPrefix) {
      // Application tags (!thing): typed by content.
      *out = plain ? resolve_yaml_core_scalar(value) : Value::string(value);
      return true;
    }
    std::string_view t = tag.substr(kTagPrefix.size());
    if (t == "str") {
      *out = Value::string(value);
      return true;
    }
    if (t == "null") {
      if (is_core_null(value)) {
        *out = Value::none();
        return true;
      }
    } else if (t == "bool") {
      if (auto b = parse_core_bool(value)) {
        *out = Value::boolean(*b);
        return true;
      }
    } else if (t == "int") {
      if (auto i = parse_core_int(value)) {
        *out = std::move(*i);
        return true;
      }
    } else if (t == "float") {
      if (auto f = parse_core_float(value)) {
        *out = std::move(*f);
        return true;
      }
      if (auto i = parse_core_int(value)) {
        *out = Value::floating(i->to_double());
        return true;
      }
    } else {
      *out = plain ? resolve_yaml_core_scalar(value) : Value::string(value);
      return true;
    }
    std::string shown(value.substr(0, 40));
    return fail(mark, fmt::format("'{}' is not a valid !!{}", shown, t));
  }

  bool apply_merges(Frame& f) {
    Value merged = Value::map();
    Map& out = merged.map_mut();
    for (const Value& src : f.merges) {
      std::vector<Value> sources;
      if (src.is_map()) {
        sources.push_back(src);
      } else if (src.is_list()) {
        for (const Value& s : src.as_list()) {
          if (!s.is_map()) {
            return fail(f.mark, "a merge key '<<' takes a mapping or a list of mappings");
          }
          sources.push_back(s);
        }
      } else {
        return fail(f.mark, "a merge key '<<' takes a mapping or a list of mappings");
      }
      for (const Value& s : sources) {
        for (const auto& [k, v] : s.as_map()) {
          if (out.find(k) == nullptr) out.set(k, v);
        }
      }
    }
    for (const auto& [k, v] : f.container.as_map()) out.set(k, v);
    f.container = std::move(merged);
    return true;
  }

  bool add(const Mark& mark, Value v, std::string_view anchor, bool is_merge_key) {
    if (!anchor.empty()) anchors_[std::string(anchor)] = v;
    if (stack_.empty()) {
      root_ = std::move(v);
      have_root_ = true;
      return true;
    }
    Frame& top = stack_.back();
    if (!top.is_map) {
      top.container.list_mut().push_back(std::move(v));
      return true;
    }
    if (!top.have_key) {
      if (v.is_list() || v.is_map()) {
        return fail(mark, "a mapping key must be a scalar (lists and mappings cannot be keys)");
      }
      if (v.is_float() && std::isnan(v.as_float())) {
        return fail(mark, "a mapping key cannot be NaN");
      }
      top.key = std::move(v);
      top.have_key = true;
      top.key_is_merge = is_merge_key;
      return true;
    }
    top.have_key = false;
    if (top.key_is_merge) {
      top.merges.push_back(std::move(v));
      return true;
    }
    top.container.map_mut().set(std::move(top.key), std::move(v));
    return true;
  }

  std::string_view text_;
  std::string_view name_;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Value> anchors_;
  Value root_;
  bool have_root_ = false;
};

std::string_view anchor_of(const yaml_char_t* a) {
  return a == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(a));
}

// Feeds libyaml's events to the builder. Returns false with builder.error set on failure.
bool run_parser(yaml_parser_t* parser, ValueBuilder* b, std::string_view text,
                std::string_view name) {
  while (true) {
    yaml_event_t ev;
    if (!yaml_parser_parse(parser, &ev)) {
      std::string msg = parser->problem != nullptr ? parser->problem : "invalid YAML";
      if (parser->context != nullptr) msg += fmt::format(" ({})", parser->context);
      ErrorKind kind = parser->error == YAML_MEMORY_ERROR ? ErrorKind::kLimit : ErrorKind::kData;
      b->error = make_data_error_at(kind, std::move(msg), name, text,
                                    static_cast<int>(parser->problem_mark.line) + 1,
                                    static_cast<int>(parser->problem_mark.column) + 1);
      return false;
    }
    Mark mark{static_cast<int>(ev.start_mark.line), static_cast<int>(ev.start_mark.column)};
    bool ok = true;
    bool end = false;
    switch (ev.type) {
      case YAML_STREAM_END_EVENT: end = true; break;
      case YAML_DOCUMENT_START_EVENT: ok = b->document_start(); break;
      case YAML_DOCUMENT_END_EVENT: ok = b->document_end(); break;
      case YAML_ALIAS_EVENT: ok = b->alias(mark, anchor_of(ev.data.alias.anchor)); break;
      case YAML_SCALAR_EVENT:
        ok = b->scalar(mark, reinterpret_cast<const char*>(ev.data.scalar.tag),
                       anchor_of(ev.data.scalar.anchor),
                       std::string_view(reinterpret_cast<const char*>(ev.data.scalar.value),
                                        ev.data.scalar.length),
                       ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE);
        break;
      case YAML_SEQUENCE_START_EVENT:
        ok = b->open(mark, false, anchor_of(ev.data.sequence_start.anchor));
        break;
      case YAML_MAPPING_START_EVENT:
        ok = b->open(mark, true, anchor_of(ev.data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT: ok = b->close(); break;
      default: break;
    }
    yaml_event_delete(&ev);
    if (!ok) return false;
    if (end) return true;
  }
}

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
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    return make_error(ErrorKind::kInternal, "cannot initialise the YAML parser");
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
  ValueBuilder builder(text, source_name);
  bool ok = run_parser(&parser, &builder, text, source_name);
  yaml_parser_delete(&parser);
  if (!ok) return std::move(*builder.error);
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
