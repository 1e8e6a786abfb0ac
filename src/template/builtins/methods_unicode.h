// Private: the Unicode character properties Python's str methods need (case mapping, cased /
// alpha / digit / space classes, line boundaries).
//
// Case mapping and character classes come from glibc's C.UTF-8 locale (simple case mapping)
// plus Python's full mappings for the few characters templates meet in practice (ß -> SS,
// titlecase digraphs). Thread safety: pure functions (the locale handle is created once and
// never changed).

#ifndef DOCFORGE_TEMPLATE_BUILTINS_METHODS_UNICODE_H_
#define DOCFORGE_TEMPLATE_BUILTINS_METHODS_UNICODE_H_

#include <string>

namespace docforge::ops {

bool uni_is_space(char32_t c);      // str.isspace
bool uni_is_linebreak(char32_t c);  // str.splitlines boundaries
bool uni_is_alpha(char32_t c);
bool uni_is_decimal(char32_t c);  // str.isdecimal (approximated by digits)
bool uni_is_digit(char32_t c);    // str.isdigit
bool uni_is_numeric(char32_t c);  // str.isnumeric
bool uni_is_upper(char32_t c);
bool uni_is_lower(char32_t c);
bool uni_is_cased(char32_t c);
bool uni_is_titlecase(char32_t c);
void uni_append_upper(std::u32string& out, char32_t c);
void uni_append_lower(std::u32string& out, char32_t c);
void uni_append_title(std::u32string& out, char32_t c);

}  // namespace docforge::ops

#endif  // DOCFORGE_TEMPLATE_BUILTINS_METHODS_UNICODE_H_
