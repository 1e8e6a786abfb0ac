#include "data/json_reader.h"

#include <simdjson.h>

#include <string>
#include <unordered_map>

#include "data/json_parser.h"

namespace docforge::data {
namespace {

// simdjson's own depth limit; deeper documents (when a caller raises max_depth) go straight to
// the exact parser, whose explicit stack has no recursion.
constexpr std::size_t kFastPathMaxDepth = 1024;

// Object keys repeat (every record of a list has the same ones): like Python's json module,
// keep one shared string Value per distinct short key instead of allocating it again each time.
class KeyTable {
 public:
  Value get(std::string_view key) {
    if (key.size() > kMaxKeyLength) return Value::string(key);
    auto it = keys_.find(key);
    if (it != keys_.end()) return it->second;
    Value v = Value::string(key);
    if (keys_.size() < kMaxKeys) keys_.emplace(v.as_string(), v);  // view into v's own bytes
    return v;
  }

 private:
  static constexpr std::size_t kMaxKeyLength = 64;
  static constexpr std::size_t kMaxKeys = 4096;
  std::unordered_map<std::string_view, Value> keys_;
};

// Converts a simdjson DOM element into a Value. Returns false when the exact parser must decide
// (integers beyond 64 bits, depth over the limit).
bool to_value(simdjson::dom::element e, std::size_t depth, std::size_t max_depth, KeyTable& keys,
              Value* out) {
  using simdjson::dom::element_type;
  switch (e.type()) {
    case element_type::ARRAY: {
      if (depth >= max_depth) return false;
      simdjson::dom::array a = e.get_array().value_unsafe();
      Value v = Value::list();
      List& items = v.list_mut();
      items.reserve(a.size());
      for (simdjson::dom::element item : a) {
        items.emplace_back();
        if (!to_value(item, depth + 1, max_depth, keys, &items.back())) return false;
      }
      *out = std::move(v);
      return true;
    }
    case element_type::OBJECT: {
      if (depth >= max_depth) return false;
      simdjson::dom::object o = e.get_object().value_unsafe();
      Value v = Value::map();
      Map& m = v.map_mut();
      m.reserve(o.size());
      for (simdjson::dom::key_value_pair kv : o) {
        Value item;
        if (!to_value(kv.value, depth + 1, max_depth, keys, &item)) return false;
        m.set(keys.get(kv.key), std::move(item));
      }
      *out = std::move(v);
      return true;
    }
    case element_type::INT64:
      *out = Value::integer(e.get_int64().value_unsafe());
      return true;
    case element_type::UINT64: {
      BigInt b;
      if (!BigInt::parse(std::to_string(e.get_uint64().value_unsafe()), &b)) return false;
      *out = Value::big_integer(std::move(b));
      return true;
    }
    case element_type::DOUBLE:
      *out = Value::floating(e.get_double().value_unsafe());
      return true;
    case element_type::STRING:
      *out = Value::string(e.get_string().value_unsafe());
      return true;
    case element_type::BOOL:
      *out = Value::boolean(e.get_bool().value_unsafe());
      return true;
    case element_type::NULL_VALUE:
      *out = Value::none();
      return true;
  }
  return false;
}

}  // namespace

struct JsonReader::Impl {
  JsonOptions options;
  simdjson::dom::parser parser;
  KeyTable keys;
};

JsonReader::JsonReader(const JsonOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}

JsonReader::~JsonReader() = default;

Result<Value> JsonReader::parse(std::string_view text, std::string_view source_name) {
  return parse_padded(text, 0, source_name);
}

Result<Value> JsonReader::parse_padded(std::string_view text, std::size_t padding,
                                       std::string_view source_name) {
  std::size_t bom = 0;
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    bom = 3;
    text.remove_prefix(3);
  }
  const JsonOptions& opt = impl_->options;
  if (opt.max_depth <= kFastPathMaxDepth) {
    simdjson::dom::element root;
    auto err = impl_->parser
                   .parse(text.data(), text.size(), /*realloc_if_needed=*/
                          padding < simdjson::SIMDJSON_PADDING)
                   .get(root);
    if (!err) {
      Value v;
      if (to_value(root, 0, opt.max_depth, impl_->keys, &v)) return v;
    }
  }
  return parse_json_exact(text, source_name, opt, bom);
}

Result<Value> parse_json(std::string_view text, std::string_view source_name,
                         const JsonOptions& options) {
  JsonReader reader(options);
  return reader.parse(text, source_name);
}

Result<Value> parse_json_padded(std::string_view text, std::string_view source_name,
                                const JsonOptions& options) {
  JsonReader reader(options);
  return reader.parse_padded(text, kJsonPadding, source_name);
}

}  // namespace docforge::data
