// HTML and LaTeX escaping (builtins.h).
//
// HTML follows markupsafe.escape: & < > " ' become &amp; &lt; &gt; &#34; &#39;. The loop scans
// for the next special byte and appends the plain run in one piece, so large tables escape at
// memory speed.
//
// LaTeX (docforge's `latex` filter and .tex autoescape) maps:
//   \ -> \textbackslash{}   { -> \{   } -> \}   $ -> \$   & -> \&   # -> \#
//   ^ -> \textasciicircum{} _ -> \_   % -> \%   ~ -> \textasciitilde{}
// Every other byte (including UTF-8 sequences) is copied unchanged.

#include <cstdint>
#include <cstring>
#include <iterator>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "template/builtins.h"

namespace docforge {
namespace {

// 0: plain; otherwise an index into the replacement table.
struct EscapeTable {
  unsigned char index[256] = {};
  const char* text[16] = {};
  unsigned char length[16] = {};
};

constexpr EscapeTable make_html_table() {
  EscapeTable t;
  const char* reps[] = {nullptr, "&amp;", "&lt;", "&gt;", "&#34;", "&#39;"};
  const unsigned char lens[] = {0, 5, 4, 4, 5, 5};
  const unsigned char chars[] = {0, '&', '<', '>', '"', '\''};
  for (int i = 1; i < 6; ++i) {
    t.index[chars[i]] = static_cast<unsigned char>(i);
    t.text[i] = reps[i];
    t.length[i] = lens[i];
  }
  return t;
}

constexpr EscapeTable make_latex_table() {
  EscapeTable t;
  const char* reps[] = {nullptr,  "\\textbackslash{}", "\\{", "\\}", "\\$", "\\&",
                        "\\#",    "\\textasciicircum{}", "\\_", "\\%", "\\textasciitilde{}"};
  const unsigned char chars[] = {0, '\\', '{', '}', '$', '&', '#', '^', '_', '%', '~'};
  for (int i = 1; i < 11; ++i) {
    t.index[chars[i]] = static_cast<unsigned char>(i);
    t.text[i] = reps[i];
    std::size_t n = 0;
    while (reps[i][n] != '\0') ++n;
    t.length[i] = static_cast<unsigned char>(n);
  }
  return t;
}

constexpr EscapeTable kHtml = make_html_table();
constexpr EscapeTable kLatex = make_latex_table();

inline void escape_with(std::string& out, std::string_view s, const EscapeTable& t) {
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  while (p != end) {
    unsigned char idx = t.index[static_cast<unsigned char>(*p)];
    if (idx == 0) {
      ++p;
      continue;
    }
    out.append(run, static_cast<std::size_t>(p - run));
    out.append(t.text[idx], t.length[idx]);
    ++p;
    run = p;
  }
  out.append(run, static_cast<std::size_t>(p - run));
}

#if defined(__SSE2__)
struct HtmlMasks {
  __m128i amp = _mm_set1_epi8('&');
  __m128i lt = _mm_set1_epi8('<');
  __m128i gt = _mm_set1_epi8('>');
  __m128i quot = _mm_set1_epi8('"');
  __m128i apos = _mm_set1_epi8('\'');
};
#endif

#if defined(__SSE2__)
// Lanes of v that hold one of & < > " '.
inline unsigned html_special_mask(__m128i v, const HtmlMasks& k) {
  __m128i m = _mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, k.amp), _mm_cmpeq_epi8(v, k.lt)),
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, k.gt), _mm_cmpeq_epi8(v, k.quot)),
                   _mm_cmpeq_epi8(v, k.apos)));
  return static_cast<unsigned>(_mm_movemask_epi8(m));
}

// Loads n bytes (4 <= n <= 16) from p into one vector without reading outside [p, p + n): two
// overlapping halves, so some bytes may appear twice (harmless for a membership test).
inline __m128i load_short(const char* p, std::size_t n) {
  if (n >= 8) {
    std::uint64_t a;
    std::uint64_t b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
    return _mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a));
  }
  std::uint32_t a;
  std::uint32_t b;
  std::memcpy(&a, p, 4);
  std::memcpy(&b, p + n - 4, 4);
  return _mm_set_epi32(0, 0, static_cast<int>(b), static_cast<int>(a));
}
#endif

// Whether [p, end) holds a byte HTML escaping replaces. Short strings (table cells, names) are
// the common case: they take one or two vector tests instead of a byte loop.
bool has_html_special(const char* p, const char* end) {
  std::size_t n = static_cast<std::size_t>(end - p);
#if defined(__SSE2__)
  const HtmlMasks k;
  if (n >= 16) {
    for (; end - p >= 16; p += 16) {
      if (html_special_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), k) != 0) {
        return true;
      }
    }
    if (p == end) return false;
    // The last, partial block: the final 16 bytes, overlapping bytes already tested.
    return html_special_mask(_mm_loadu_si128(reinterpret_cast<const __m128i*>(end - 16)), k) != 0;
  }
  if (n >= 4) return html_special_mask(load_short(p, n), k) != 0;
#endif
  for (; p != end; ++p) {
    if (kHtml.index[static_cast<unsigned char>(*p)] != 0) return true;
  }
  return false;
}

// Bytes HTML escaping adds to s (each special byte grows to its entity).
std::size_t html_extra_bytes(const char* p, const char* end) {
  std::size_t extra = 0;
#if defined(__SSE2__)
  const HtmlMasks k;
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i four = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, k.amp), _mm_cmpeq_epi8(v, k.quot)),
                                _mm_cmpeq_epi8(v, k.apos));
    __m128i three = _mm_or_si128(_mm_cmpeq_epi8(v, k.lt), _mm_cmpeq_epi8(v, k.gt));
    unsigned m4 = static_cast<unsigned>(_mm_movemask_epi8(four));
    unsigned m3 = static_cast<unsigned>(_mm_movemask_epi8(three));
    if ((m4 | m3) != 0) {
      extra += 4u * static_cast<unsigned>(__builtin_popcount(m4)) +
               3u * static_cast<unsigned>(__builtin_popcount(m3));
    }
    p += 16;
  }
#endif
  for (; p != end; ++p) {
    unsigned char idx = kHtml.index[static_cast<unsigned char>(*p)];
    if (idx != 0) extra += kHtml.length[idx] - 1u;
  }
  return extra;
}

}  // namespace

// Counts the growth first (one vectorised pass; none: plain append), sizes the output once,
// then copies 16-byte blocks and patches the entities in.
void append_html_escaped(std::string& out, std::string_view s) {
  const char* p = s.data();
  const char* end = p + s.size();
  if (!has_html_special(p, end)) {
    out.append(p, s.size());
    return;
  }
  std::size_t extra = html_extra_bytes(p, end);
  std::size_t old_size = out.size();
  out.resize(old_size + s.size() + extra);
  char* w = out.data() + old_size;
#if defined(__SSE2__)
  // Output left >= input left at every step, so the 16-byte stores stay inside `out`.
  const HtmlMasks k;
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, k.amp), _mm_cmpeq_epi8(v, k.lt)),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, k.gt), _mm_cmpeq_epi8(v, k.quot)),
                     _mm_cmpeq_epi8(v, k.apos)));
    unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(m));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);
    if (mask == 0) {
      w += 16;
      p += 16;
      continue;
    }
    unsigned pos = 0;  // bytes of this block already placed at w
    while (mask != 0) {
      unsigned b = static_cast<unsigned>(__builtin_ctz(mask));
      w += b - pos;
      unsigned char idx = kHtml.index[static_cast<unsigned char>(p[b])];
      std::memcpy(w, kHtml.text[idx], kHtml.length[idx]);
      w += kHtml.length[idx];
      pos = b + 1;
      mask &= mask - 1;
      std::memcpy(w, p + pos, 16 - pos);  // the rest of the block, after the entity
    }
    w += 16 - pos;
    p += 16;
  }
#endif
  for (; p != end; ++p) {
    unsigned char idx = kHtml.index[static_cast<unsigned char>(*p)];
    if (idx == 0) {
      *w++ = *p;
    } else {
      std::memcpy(w, kHtml.text[idx], kHtml.length[idx]);
      w += kHtml.length[idx];
    }
  }
}

// Skips plain 16-byte blocks with one vector test each; specials are replaced as found.
void append_latex_escaped(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size());
#if defined(__SSE2__)
  const char* p = s.data();
  const char* end = p + s.size();
  const char* run = p;
  const __m128i specials[] = {
      _mm_set1_epi8('\\'), _mm_set1_epi8('{'), _mm_set1_epi8('}'), _mm_set1_epi8('$'),
      _mm_set1_epi8('&'),  _mm_set1_epi8('#'), _mm_set1_epi8('^'), _mm_set1_epi8('_'),
      _mm_set1_epi8('%'),  _mm_set1_epi8('~')};
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i hit = _mm_cmpeq_epi8(v, specials[0]);
    for (std::size_t i = 1; i < std::size(specials); ++i) {
      hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, specials[i]));
    }
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit)); mask != 0;
         mask &= mask - 1) {
      const char* q = p + __builtin_ctz(mask);
      out.append(run, static_cast<std::size_t>(q - run));
      const unsigned char idx = kLatex.index[static_cast<unsigned char>(*q)];
      out.append(kLatex.text[idx], kLatex.length[idx]);
      run = q + 1;
    }
    p += 16;
  }
  out.append(run, static_cast<std::size_t>(p - run));
  escape_with(out, std::string_view(p, static_cast<std::size_t>(end - p)), kLatex);
#else
  escape_with(out, s, kLatex);
#endif
}

}  // namespace docforge
