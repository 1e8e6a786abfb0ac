// UTF-8 helpers shared by the value model, the template builtins and the data readers.
//
// Strings in docforge are UTF-8 byte strings. Python counts and slices strings in code points;
// these helpers do the same. Counting and slicing treat every byte that is not a continuation
// byte (10xxxxxx) as the start of a code point, which is exact for valid UTF-8 and never reads
// out of bounds for invalid input. decode() is strict: overlong forms, surrogates, values beyond
// U+10FFFF and truncated sequences decode as U+FFFD, consuming one byte.
//
// Thread safety: all functions are pure.

#ifndef DOCFORGE_VALUE_UTF8_H_
#define DOCFORGE_VALUE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace docforge::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at s[*pos] and advances *pos past it. Invalid input yields
// kReplacement and advances by one byte. REQUIRES: *pos < s.size().
char32_t decode(std::string_view s, std::size_t* pos) noexcept;

// Number of code points in s.
std::size_t count(std::string_view s) noexcept;

// Offset of the first byte that is not part of a valid UTF-8 sequence; s.size() when all of s
// is valid.
std::size_t validate(std::string_view s) noexcept;
inline bool is_valid(std::string_view s) noexcept { return validate(s) == s.size(); }

// Appends the UTF-8 encoding of cp (surrogates and values beyond U+10FFFF as U+FFFD).
void append(std::string& out, char32_t cp);

// Byte offset of code point number `index` (s.size() when index >= count(s)).
std::size_t byte_offset(std::string_view s, std::size_t index) noexcept;

// The code points [begin, end) of s, clamped to the string (Python s[begin:end] for
// non-negative indices).
std::string_view slice(std::string_view s, std::size_t begin, std::size_t end) noexcept;

// Whether code point cp is printable in the sense of Python's str.isprintable() (used by repr).
bool is_printable(char32_t cp) noexcept;

}  // namespace docforge::utf8

#endif  // DOCFORGE_VALUE_UTF8_H_
