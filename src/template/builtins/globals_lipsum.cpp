// lipsum(): deterministic placeholder text in the shape of Jinja2's generate_lorem_ipsum —
// n paragraphs of min..max words, capitalised sentences with commas and full stops, wrapped in
// <p> (and Markup) when html is true. Jinja2 draws from Python's random module; docforge uses a
// fixed-seed generator instead so every render of a template is byte for byte the same.
#include <cstdint>
#include <string>
#include <vector>

#include "template/builtins/globals_objects.h"
#include "template/builtins/ops_util.h"

namespace docforge::ops {
namespace {

constexpr const char* kWords[] = {
    "lorem",      "ipsum",     "dolor",      "sit",        "amet",      "consectetur",
    "adipiscing", "elit",      "sed",        "do",         "eiusmod",   "tempor",
    "incididunt", "ut",        "labore",     "et",         "dolore",    "magna",
    "aliqua",     "enim",      "ad",         "minim",      "veniam",    "quis",
    "nostrud",    "exercitation", "ullamco", "laboris",    "nisi",      "aliquip",
    "ex",         "ea",        "commodo",    "consequat",  "duis",      "aute",
    "irure",      "in",        "reprehenderit", "voluptate", "velit",   "esse",
    "cillum",     "eu",        "fugiat",     "nulla",      "pariatur",  "excepteur",
    "sint",       "occaecat",  "cupidatat",  "non",        "proident",  "sunt",
    "culpa",      "qui",       "officia",    "deserunt",   "mollit",    "anim",
    "id",         "est",       "laborum",    "integer",    "vitae",     "justo",
    "eget",       "magnis",    "dis",        "parturient", "montes",    "nascetur",
};
constexpr std::size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// A small deterministic generator (SplitMix64).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform-ish in [lo, hi); lo when the range is empty.
  std::int64_t range(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo));
  }

 private:
  std::uint64_t state_;
};

}  // namespace

Value lorem_ipsum(CallContext& ctx, std::int64_t n, bool html, std::int64_t min,
                  std::int64_t max) {
  if (n < 0) n = 0;
  if (n > 0 && max <= min) {
    throw_value_error("empty range for randrange() (" + std::to_string(min) + ", " +
                      std::to_string(max) + ", " + std::to_string(max - min) + ")");
  }
  // Charge an upper bound first: at most max words of at most 16 bytes per paragraph.
  std::uint64_t bound = static_cast<std::uint64_t>(n) * static_cast<std::uint64_t>(max) * 16;
  if (n > (1 << 20) || max > (1 << 20)) bound = UINT64_MAX / 2;
  ctx.charge_value_size(static_cast<std::size_t>(bound));
  Rng rng(0x6C6F72656D69707Full);  // "loremipsum"
  std::vector<std::string> paragraphs;
  for (std::int64_t p = 0; p < n; ++p) {
    bool capitalize = true;
    std::int64_t last_comma = 0;
    std::int64_t last_stop = 0;
    std::size_t last = kWordCount;
    std::string text;
    std::int64_t words = rng.range(min, max);
    for (std::int64_t idx = 0; idx < words; ++idx) {
      std::size_t w = 0;
      do {
        w = static_cast<std::size_t>(rng.next() % kWordCount);
      } while (w == last);
      last = w;
      std::string word = kWords[w];
      if (capitalize) {
        word[0] = static_cast<char>(word[0] - 'a' + 'A');
        capitalize = false;
      }
      if (idx - rng.range(3, 8) > last_comma) {
        last_comma = idx;
        last_stop += 2;
        word += ',';
      }
      if (idx - rng.range(10, 20) > last_stop) {
        last_comma = last_stop = idx;
        word += '.';
        capitalize = true;
      }
      if (!text.empty()) text += ' ';
      text += word;
    }
    if (!text.empty() && text.back() == ',') text.back() = '.';
    else if (text.empty() || text.back() != '.') text += '.';
    paragraphs.push_back(std::move(text));
  }
  std::string out;
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (html) {
      if (i > 0) out += '\n';
      out += "<p>";
      out += paragraphs[i];  // only ASCII letters and punctuation: nothing to escape
      out += "</p>";
    } else {
      if (i > 0) out += "\n\n";
      out += paragraphs[i];
    }
  }
  return html ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
}

}  // namespace docforge::ops
