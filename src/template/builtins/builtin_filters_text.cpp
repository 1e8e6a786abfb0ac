// String filters: capitalize, center, escape/e, forceescape, format, indent, latex, lower,
// replace, safe, string, striptags, title, trim, truncate, upper, wordcount, wordwrap.
//
// Markup (safe strings) follows markupsafe: methods of a Markup string (upper, center, strip,
// replace, ...) return Markup and escape their plain-string arguments; filters that build with
// str.join (title, wordwrap, striptags) return plain strings.
// `escape`, `forceescape` and `latex` escape for the context's escape format (HTML unless the
// template autoescapes for LaTeX); `latex` always escapes for LaTeX.

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include "template/builtins.h"
#include "template/builtins/filter_common.h"
#include "template/builtins/filter_fns.h"
#include "template/builtins/methods_str.h"

namespace docforge::filters {
namespace {

// escape() for the context's format.
std::string escaped_for(CallContext& ctx, std::string_view s) {
  std::string out;
  if (ctx.escape_format() == EscapeFormat::kLatex) {
    append_latex_escaped(out, s);
  } else {
    append_html_escaped(out, s);
  }
  return out;
}

}  // namespace

Value f_upper(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("upper", args);
  if (v.is_string() && ascii_without(v.as_string(), 'a', 'z')) return v;  // already upper
  return string_like(v, str_upper(ctx, to_str(ctx, v)));
}

Value f_lower(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("lower", args);
  if (v.is_string() && ascii_without(v.as_string(), 'A', 'Z')) return v;  // already lower
  return string_like(v, str_lower(ctx, to_str(ctx, v)));
}

Value f_capitalize(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("capitalize", args);
  CallArgs none;
  Value r = ops::find_str_method("capitalize")(ctx, Value::string(to_str(ctx, v)), none);
  return string_like(v, std::string(r.as_string()));
}

// "".join(item[0].upper() + item[1:].lower() for item in re.split(r"([-\s({\[<]+)", s) if item)
Value f_title(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("title", args);
  std::u32string s = decode_utf8(to_str(ctx, v));
  auto is_sep = [](char32_t c) {
    return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || py_isspace(c);
  };
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    bool sep = is_sep(s[i]);
    while (j < s.size() && is_sep(s[j]) == sep) ++j;
    std::u32string_view item = std::u32string_view(s).substr(i, j - i);
    if (sep) {
      out += encode_utf8(item);
    } else {
      out += str_upper(ctx, encode_utf8(item.substr(0, 1)));
      out += str_lower(ctx, encode_utf8(item.substr(1)));
    }
    i = j;
  }
  return plain(std::move(out));
}

Value f_center(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("center", args, {"width"});
  std::int64_t width = a.int_or(0, 80);
  std::string s = to_str(ctx, v);
  std::int64_t len = static_cast<std::int64_t>(count_code_points(s));
  std::int64_t marg = width - len;
  if (marg <= 0) return string_like(v, std::move(s));
  ctx.charge_value_size(s.size() + static_cast<std::size_t>(marg));
  std::int64_t left = marg / 2 + (marg & width & 1);
  std::int64_t right = marg - left;
  std::string out(static_cast<std::size_t>(left), ' ');
  out += s;
  out.append(static_cast<std::size_t>(right), ' ');
  return string_like(v, std::move(out));
}

Value f_trim(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("trim", args, {"chars"});
  std::u32string s = decode_utf8(to_str(ctx, v));
  const Value* chars = a.get(0);
  std::u32string set;
  bool whitespace = chars == nullptr || chars->is_none();
  if (!whitespace) {
    if (!chars->is_string()) type_error("strip arg must be None or str");
    set = decode_utf8(to_str(ctx, *chars));  // Markup.strip does not escape its argument
  }
  // Sorted set: membership stays O(log m) however long `chars` is.
  std::sort(set.begin(), set.end());
  auto strip = [&](char32_t c) {
    return whitespace ? py_isspace(c) : std::binary_search(set.begin(), set.end(), c);
  };
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && strip(s[b])) ++b;
  while (e > b && strip(s[e - 1])) --e;
  return string_like(v, encode_utf8(std::u32string_view(s).substr(b, e - b)));
}

Value f_replace(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("replace", args, {"old", "new", "count"}, 2);
  const Value& old_v = *a.get(0);
  const Value& new_v = *a.get(1);
  std::int64_t count = a.int_or(2, -1);
  std::string s;
  std::string old_s;
  std::string new_s;
  bool safe = false;
  if (!ctx.autoescape()) {
    s = to_str(ctx, v);
    old_s = to_str(ctx, old_v);
    new_s = to_str(ctx, new_v);
  } else {
    if ((old_v.is_safe() || new_v.is_safe()) && !v.is_safe()) {
      s = escaped_for(ctx, to_str(ctx, v));
      safe = true;
    } else {
      s = to_str(ctx, v);
      safe = v.is_safe();
    }
    old_s = to_str(ctx, old_v);
    new_s = to_str(ctx, new_v);
    // Markup.replace escapes `new` only.
    if (safe && !new_v.is_safe()) new_s = escaped_for(ctx, new_s);
  }
  std::string out;
  if (old_s.empty()) {
    // Python inserts `new` before every code point and at the end.
    std::u32string cps = decode_utf8(s);
    std::size_t n = cps.size() + 1;
    if (count >= 0 && static_cast<std::size_t>(count) < n) n = static_cast<std::size_t>(count);
    ctx.charge_value_size(s.size() + n * new_s.size());
    std::size_t done = 0;
    for (char32_t c : cps) {
      if (done < n) {
        out += new_s;
        ++done;
      }
      append_utf8(out, c);
    }
    if (done < n) out += new_s;
  } else {
    std::size_t hits = 0;
    for (std::size_t pos = s.find(old_s); pos != std::string::npos;
         pos = s.find(old_s, pos + old_s.size())) {
      if (count >= 0 && hits >= static_cast<std::size_t>(count)) break;
      ++hits;
    }
    if (new_s.size() > old_s.size()) {
      ctx.charge_value_size(s.size() + hits * (new_s.size() - old_s.size()));
    }
    std::size_t start = 0;
    for (std::size_t i = 0; i < hits; ++i) {
      std::size_t pos = s.find(old_s, start);
      out.append(s, start, pos - start);
      out += new_s;
      start = pos + old_s.size();
    }
    out.append(s, start, std::string::npos);
  }
  return safe ? Value::safe_string(std::move(out)) : Value::string(std::move(out));
}

Value f_truncate(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("truncate", args, {"length", "killwords", "end", "leeway"});
  std::int64_t length = a.int_or(0, 255);
  bool killwords = a.bool_or(1, false);
  std::string end = a.has(2) ? to_str(ctx, *a.get(2)) : std::string("...");
  std::int64_t leeway = a.int_or(3, 5);
  std::int64_t end_len = static_cast<std::int64_t>(count_code_points(end));
  if (length < end_len) {
    value_error("expected length >= " + std::to_string(end_len) + ", got " +
                std::to_string(length));
  }
  if (leeway < 0) value_error("expected leeway >= 0, got " + std::to_string(leeway));
  std::string s = to_str(ctx, v);
  std::u32string cps = decode_utf8(s);
  if (static_cast<std::int64_t>(cps.size()) <= length + leeway) {
    return v.is_string() ? v : Value::string(std::move(s));
  }
  std::u32string head = cps.substr(0, static_cast<std::size_t>(length - end_len));
  if (!killwords) {
    std::size_t sp = head.rfind(U' ');
    if (sp != std::u32string::npos) head.resize(sp);
  }
  // s[:n] + end: concatenating with a Markup escapes the plain side.
  bool end_safe = a.has(2) && a.get(2)->is_safe();
  std::string out = encode_utf8(head);
  if (end_safe && !v.is_safe()) out = escaped_for(ctx, out);
  out += (v.is_safe() && !end_safe) ? escaped_for(ctx, end) : end;
  if (v.is_safe() || end_safe) return Value::safe_string(std::move(out));
  return plain(std::move(out));
}

Value f_wordcount(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("wordcount", args);
  std::int64_t n = 0;
  bool in_word = false;
  for (char32_t c : decode_utf8(to_str(ctx, v))) {
    bool w = py_isword(c);
    if (w && !in_word) ++n;
    in_word = w;
  }
  return Value::integer(n);
}

namespace {

bool wrap_space(char32_t c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

// Regex classes of textwrap.TextWrapper.wordsep_re: [^\d\W] (letters and '_'), \w, and the
// punctuation that may precede an em-dash.
bool wrap_letter(char32_t c) { return py_isword(c) && !py_isdigit(c); }
bool wrap_word_punct(char32_t c) {
  return py_isword(c) || c == '!' || c == '"' || c == '\'' || c == '&' || c == '.' || c == ',' ||
         c == '?';
}

// textwrap's chunking (TextWrapper._split_chunks): whitespace runs and words; with
// break_on_hyphens words also split after hyphens between letters and around em-dashes,
// exactly as wordsep_re does.
// Chunks are views into `s` (which outlives them), so splitting a long word is O(1).
std::vector<std::u32string_view> wrap_chunks(std::u32string_view s, bool break_on_hyphens) {
  std::vector<std::u32string_view> chunks;
  const std::size_t n = s.size();
  auto letter_at = [&](std::size_t i) { return i < n && wrap_letter(s[i]); };
  // -{2,}\w starting at i
  auto emdash_at = [&](std::size_t i) {
    std::size_t j = i;
    while (j < n && s[j] == '-') ++j;
    return j - i >= 2 && j < n && py_isword(s[j]);
  };
  std::size_t p = 0;
  while (p < n) {
    if (wrap_space(s[p])) {
      std::size_t j = p;
      while (j < n && wrap_space(s[j])) ++j;
      chunks.push_back(s.substr(p, j - p));
      p = j;
      continue;
    }
    if (!break_on_hyphens) {
      std::size_t j = p;
      while (j < n && !wrap_space(s[j])) ++j;
      chunks.push_back(s.substr(p, j - p));
      p = j;
      continue;
    }
    // Em-dash between words.
    if (p > 0 && wrap_word_punct(s[p - 1]) && emdash_at(p)) {
      std::size_t j = p;
      while (j < n && s[j] == '-') ++j;
      chunks.push_back(s.substr(p, j - p));
      p = j;
      continue;
    }
    // A word, as short as possible.
    std::size_t end = n;
    for (std::size_t q = p + 1; q <= n; ++q) {
      if (wrap_space(s[q - 1])) break;  // unreachable: s[p, q) holds no whitespace
      if (q < n && s[q] == '-') {
        // hyphenated word: lookbehind at q+1 and lookahead letter -? letter
        bool behind = (q >= 2 && letter_at(q - 2) && letter_at(q - 1)) ||
                      (q >= 3 && letter_at(q - 3) && s[q - 2] == '-' && letter_at(q - 1));
        bool ahead = letter_at(q + 1) &&
                     (letter_at(q + 2) || (q + 2 < n && s[q + 2] == '-' && letter_at(q + 3)));
        if (behind && ahead) {
          end = q + 1;
          break;
        }
      }
      if (q == n || wrap_space(s[q])) {
        end = q;
        break;
      }
      if (wrap_word_punct(s[q - 1]) && emdash_at(q)) {
        end = q;
        break;
      }
    }
    chunks.push_back(s.substr(p, end - p));
    p = end;
  }
  return chunks;
}

bool all_space(std::u32string_view c) { return std::all_of(c.begin(), c.end(), py_isspace); }

std::vector<std::u32string> textwrap(std::u32string_view text, std::size_t width,
                                     bool break_long_words, bool break_on_hyphens) {
  std::vector<std::u32string_view> chunks = wrap_chunks(text, break_on_hyphens);
  std::reverse(chunks.begin(), chunks.end());
  std::vector<std::u32string> lines;
  while (!chunks.empty()) {
    std::vector<std::u32string_view> cur;
    std::size_t cur_len = 0;
    if (all_space(chunks.back()) && !lines.empty()) chunks.pop_back();
    while (!chunks.empty()) {
      std::size_t l = chunks.back().size();
      if (cur_len + l <= width) {
        cur.push_back(chunks.back());
        chunks.pop_back();
        cur_len += l;
      } else {
        break;
      }
    }
    if (!chunks.empty() && chunks.back().size() > width) {
      std::size_t space_left = width < 1 ? 1 : width - cur_len;
      if (break_long_words) {
        std::size_t end = space_left;
        std::u32string_view& chunk = chunks.back();
        if (break_on_hyphens && chunk.size() > space_left) {
          std::size_t hyphen = space_left == 0 ? std::u32string::npos
                                               : chunk.rfind(U'-', space_left - 1);
          if (hyphen != std::u32string::npos && hyphen > 0 &&
              std::any_of(chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(hyphen),
                          [](char32_t c) { return c != '-'; })) {
            end = hyphen + 1;
          }
        }
        cur.push_back(chunk.substr(0, end));
        chunk.remove_prefix(end);
      } else if (cur.empty()) {
        cur.push_back(chunks.back());
        chunks.pop_back();
      }
    }
    if (!cur.empty() && all_space(cur.back())) cur.pop_back();
    if (!cur.empty()) {
      std::u32string line;
      for (auto& c : cur) line += c;
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

}  // namespace

Value f_wordwrap(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("wordwrap", args, {"width", "break_long_words", "wrapstring", "break_on_hyphens"});
  std::int64_t width = a.int_or(0, 79);
  bool break_long = a.bool_or(1, true);
  std::string wrap = (a.has(2) && !a.get(2)->is_none()) ? to_str(ctx, *a.get(2)) : "\n";
  bool hyphens = a.bool_or(3, true);
  std::string s = to_str(ctx, v);
  std::u32string text = decode_utf8(s);
  if (width <= 0) {
    bool any = false;
    for (const auto& line : splitlines(text)) any = any || !line.empty();
    if (any) value_error("invalid width " + std::to_string(width) + " (must be > 0)");
  }
  // Upper bound of the result: every code point could start a new line.
  std::size_t breaks = text.size() / static_cast<std::size_t>(std::max<std::int64_t>(width, 1)) +
                       text.size() / 2 + 2;
  if (wrap.size() > 1) ctx.charge_value_size(s.size() + breaks * wrap.size());
  std::string out;
  bool first_para = true;
  for (const auto& para : splitlines(text)) {
    if (!first_para) out += wrap;
    first_para = false;
    bool first_line = true;
    for (const auto& line : textwrap(para, static_cast<std::size_t>(std::max<std::int64_t>(width, 1)),
                                     break_long, hyphens)) {
      if (!first_line) out += wrap;
      first_line = false;
      out += encode_utf8(line);
    }
  }
  return plain(std::move(out));
}

Value f_indent(CallContext& ctx, const Value& v, CallArgs& args) {
  BoundArgs a("indent", args, {"width", "first", "blank"});
  std::string indention;
  const Value* w = a.get(0);
  if (w != nullptr && w->is_string()) {
    indention = std::string(w->as_string());
  } else {
    std::int64_t n = a.int_or(0, 4);
    if (n > 0) {
      ctx.charge_value_size(static_cast<std::size_t>(n));
      indention.assign(static_cast<std::size_t>(n), ' ');
    }
  }
  bool first = a.bool_or(1, false);
  bool blank = a.bool_or(2, false);
  std::string s = to_str(ctx, v);
  std::u32string text = decode_utf8(s);
  text.push_back('\n');
  std::vector<std::u32string> lines = splitlines(text);
  ctx.charge_value_size(s.size() + (lines.size() + 1) * (indention.size() + 1));
  std::string out;
  if (first) out += indention;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      out += '\n';
      if (blank || !lines[i].empty()) out += indention;
    }
    out += encode_utf8(lines[i]);
  }
  return string_like(v, std::move(out));
}

namespace {

struct Entity {
  std::string_view name;
  char32_t cp;
};

// The HTML entities markupsafe's unescape (html.unescape) meets most often.
constexpr Entity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},    {"apos", '\''},
    {"nbsp", 0xA0},    {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"laquo", 0xAB},   {"raquo", 0xBB},  {"lsquo", 0x2018},
    {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bull", 0x2022}, {"middot", 0xB7},
    {"euro", 0x20AC},  {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},   {"sect", 0xA7},
    {"para", 0xB6},    {"deg", 0xB0},     {"times", 0xD7},   {"divide", 0xF7}, {"plusmn", 0xB1},
    {"frac12", 0xBD},  {"shy", 0xAD},     {"iexcl", 0xA1},   {"iquest", 0xBF}, {"acute", 0xB4},
};

// Entities html.unescape also accepts without the trailing ';'.
bool legacy_entity(std::string_view name) {
  return name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "nbsp" ||
         name == "copy" || name == "reg";
}

std::string html_unescape(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c != '&') {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (j < s.size() && s[j] == '#') {
      ++j;
      bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      std::size_t k = j;
      std::uint64_t cp = 0;
      while (k < s.size() && (hex ? std::isxdigit(static_cast<unsigned char>(s[k]))
                                  : std::isdigit(static_cast<unsigned char>(s[k])))) {
        if (cp < 0x110000) {
          cp = cp * (hex ? 16 : 10) +
               static_cast<std::uint64_t>(std::isdigit(static_cast<unsigned char>(s[k]))
                                              ? s[k] - '0'
                                              : (std::tolower(static_cast<unsigned char>(s[k])) - 'a' + 10));
        }
        ++k;
      }
      if (k == j) {
        out.push_back('&');
        ++i;
        continue;
      }
      if (k < s.size() && s[k] == ';') ++k;
      if (cp == 0 || cp >= 0x110000 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
      append_utf8(out, static_cast<char32_t>(cp));
      i = k;
      continue;
    }
    std::size_t k = j;
    while (k < s.size() && std::isalnum(static_cast<unsigned char>(s[k]))) ++k;
    std::string_view name = s.substr(j, k - j);
    bool done = false;
    for (const Entity& e : kEntities) {
      if (e.name != name) continue;
      if (k < s.size() && s[k] == ';') {
        append_utf8(out, e.cp);
        i = k + 1;
        done = true;
      } else if (legacy_entity(name)) {
        append_utf8(out, e.cp);
        i = k;
        done = true;
      }
      break;
    }
    if (!done) {
      out.push_back('&');
      ++i;
    }
  }
  return out;
}

}  // namespace

Value f_striptags(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("striptags", args);
  std::string s = to_str(ctx, v);
  // markupsafe: repeatedly remove the first "<!--" ... "-->" (the end searched from the start
  // mark, so "<!-->" is a whole comment), then tags. Removing a comment can join text into a
  // new "<!--" across the cut, so the scan re-examines the last 3 kept bytes.
  std::string no_comments;
  std::size_t i = 0;  // s[i:] is the unprocessed rest; value = no_comments + s[i:]
  auto at = [&](std::size_t k) {
    return k < no_comments.size() ? no_comments[k] : s[i + k - no_comments.size()];
  };
  while (true) {
    std::size_t total = no_comments.size() + (s.size() - i);
    auto match = [&](std::size_t k, std::string_view w) {
      if (k + w.size() > total) return false;
      for (std::size_t m = 0; m < w.size(); ++m) {
        if (at(k + m) != w[m]) return false;
      }
      return true;
    };
    std::size_t start = std::string::npos;
    for (std::size_t k = no_comments.size() >= 3 ? no_comments.size() - 3 : 0;
         k < no_comments.size(); ++k) {
      if (match(k, "<!--")) {
        start = k;
        break;
      }
    }
    if (start == std::string::npos) {
      std::size_t f = s.find("<!--", i);
      if (f == std::string::npos) break;
      start = no_comments.size() + (f - i);
    }
    std::size_t end = std::string::npos;
    for (std::size_t k = start; k < no_comments.size(); ++k) {
      if (match(k, "-->")) {
        end = k;
        break;
      }
    }
    if (end == std::string::npos) {
      std::size_t from = start > no_comments.size() ? i + (start - no_comments.size()) : i;
      std::size_t f = s.find("-->", from);
      if (f == std::string::npos) break;
      end = no_comments.size() + (f - i);
    }
    std::size_t cut_end = end + 3;  // value coordinates, >= no_comments.size()
    std::size_t old_size = no_comments.size();
    if (start <= old_size) {
      no_comments.resize(start);
    } else {
      no_comments.append(s, i, start - old_size);
    }
    i += cut_end - old_size;
  }
  no_comments.append(s, i, std::string::npos);
  std::string no_tags;
  for (std::size_t k = 0; k < no_comments.size();) {
    if (no_comments[k] == '<') {
      std::size_t end = no_comments.find('>', k + 1);
      if (end == std::string::npos) {
        no_tags.append(no_comments, k, std::string::npos);
        break;
      }
      k = end + 1;
      continue;
    }
    no_tags.push_back(no_comments[k]);
    ++k;
  }
  // " ".join(value.split())
  std::string joined;
  bool pending_space = false;
  for (char32_t c : decode_utf8(no_tags)) {
    if (py_isspace(c)) {
      pending_space = !joined.empty();
      continue;
    }
    if (pending_space) joined.push_back(' ');
    pending_space = false;
    append_utf8(joined, c);
  }
  return plain(html_unescape(joined));
}

Value f_string(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("string", args);
  if (v.is_string()) return v;
  return plain(to_str(ctx, v));
}

Value f_escape(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("escape", args);
  if (v.is_safe()) return v;
  return Value::safe_string(escaped_for(ctx, to_str(ctx, v)));
}

Value f_forceescape(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("forceescape", args);
  return Value::safe_string(escaped_for(ctx, to_str(ctx, v)));
}

Value f_safe(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("safe", args);
  if (v.is_safe()) return v;
  return Value::safe_string(to_str(ctx, v));
}

Value f_latex(CallContext& ctx, const Value& v, CallArgs& args) {
  expect_no_args("latex", args);
  if (v.is_safe()) return v;
  std::string out;
  append_latex_escaped(out, to_str(ctx, v));
  return Value::safe_string(std::move(out));
}

Value f_format(CallContext& ctx, const Value& v, CallArgs& args) {
  if (!args.positional.empty() && !args.keyword.empty()) {
    type_error("can't handle positional and keyword arguments at the same time");
  }
  Value fmt = v.is_string() ? v : plain(to_str(ctx, v));
  if (!args.keyword.empty()) {
    Map m;
    for (auto& [k, val] : args.keyword) m.set(k, val);
    return python_percent_format(ctx, fmt, Value::map(std::move(m)));
  }
  return python_percent_format(ctx, fmt, args.positional);
}

}  // namespace docforge::filters
