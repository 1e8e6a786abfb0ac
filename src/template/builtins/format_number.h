// Private: the digits of Python's integer and float formatting, shared by the `%` operator
// (percent_format.cpp) and str.format's mini-language (format_spec.cpp). Signs, prefixes and
// padding are left to the callers, which follow different rules.
//
// Thread safety: pure functions.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_FORMAT_NUMBER_H_
#define DOCFORGE_TEMPLATE_BUILTINS_FORMAT_NUMBER_H_

#include <cstdint>
#include <string>

#include "docforge/value.h"

namespace docforge::fmtnum {

// Digits of |v| in base 2, 8, 10 or 16 (lowercase letters); *negative tells the sign.
// REQUIRES: v is an int, big int or bool.
std::string int_abs_digits(const Value& v, int base, bool* negative);

// |d| formatted like C's printf conversion `type` ('e', 'E', 'f', 'F', 'g', 'G') with
// `precision`, '#' when alt; infinities and NaN as Python spells them ("inf", "nan", upper case
// for upper-case types). *negative is the sign bit (false for NaN, as Python prints it).
std::string float_abs_body(double d, char type, int precision, bool alt, bool* negative);

// round(ad * 10**precision), half to even, computed on the exact binary value of ad (what a
// correctly rounded "%.{precision}f" shows, without the decimal point). Returns false, leaving
// *scaled alone, outside the fast range (precision > 9 or ad >= 2**53, or a result >= 2**64).
// REQUIRES: ad is finite and >= 0.
bool round_scaled(double ad, int precision, std::uint64_t* scaled);

// Python's repr() of a float without sign handling (the shortest round-trip form).
std::string float_repr(double d);

}  // namespace docforge::fmtnum

#endif  // DOCFORGE_TEMPLATE_BUILTINS_FORMAT_NUMBER_H_
