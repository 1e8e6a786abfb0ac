// find_builtin_filter (builtins.h): the name -> function table of all of Jinja2's builtin
// filters plus docforge's `latex`.

#include <algorithm>
#include <array>
#include <string_view>

#include "template/builtins.h"
#include "template/builtins/filter_fns.h"

namespace docforge {
namespace {

struct FilterEntry {
  std::string_view name;
  FilterFn fn;
};

// Sorted by name (checked by a test through find_builtin_filter on every name).
constexpr std::array kFilters = {
    FilterEntry{"abs", filters::f_abs},
    FilterEntry{"attr", filters::f_attr},
    FilterEntry{"batch", filters::f_batch},
    FilterEntry{"capitalize", filters::f_capitalize},
    FilterEntry{"center", filters::f_center},
    FilterEntry{"count", filters::f_length},
    FilterEntry{"d", filters::f_default},
    FilterEntry{"default", filters::f_default},
    FilterEntry{"dictsort", filters::f_dictsort},
    FilterEntry{"e", filters::f_escape},
    FilterEntry{"escape", filters::f_escape},
    FilterEntry{"filesizeformat", filters::f_filesizeformat},
    FilterEntry{"first", filters::f_first},
    FilterEntry{"float", filters::f_float},
    FilterEntry{"forceescape", filters::f_forceescape},
    FilterEntry{"format", filters::f_format},
    FilterEntry{"groupby", filters::f_groupby},
    FilterEntry{"indent", filters::f_indent},
    FilterEntry{"int", filters::f_int},
    FilterEntry{"items", filters::f_items},
    FilterEntry{"join", filters::f_join},
    FilterEntry{"last", filters::f_last},
    FilterEntry{"latex", filters::f_latex},
    FilterEntry{"length", filters::f_length},
    FilterEntry{"list", filters::f_list},
    FilterEntry{"lower", filters::f_lower},
    FilterEntry{"map", filters::f_map},
    FilterEntry{"max", filters::f_max},
    FilterEntry{"min", filters::f_min},
    FilterEntry{"pprint", filters::f_pprint},
    FilterEntry{"random", filters::f_random},
    FilterEntry{"reject", filters::f_reject},
    FilterEntry{"rejectattr", filters::f_rejectattr},
    FilterEntry{"replace", filters::f_replace},
    FilterEntry{"reverse", filters::f_reverse},
    FilterEntry{"round", filters::f_round},
    FilterEntry{"safe", filters::f_safe},
    FilterEntry{"select", filters::f_select},
    FilterEntry{"selectattr", filters::f_selectattr},
    FilterEntry{"slice", filters::f_slice},
    FilterEntry{"sort", filters::f_sort},
    FilterEntry{"string", filters::f_string},
    FilterEntry{"striptags", filters::f_striptags},
    FilterEntry{"sum", filters::f_sum},
    FilterEntry{"title", filters::f_title},
    FilterEntry{"tojson", filters::f_tojson},
    FilterEntry{"trim", filters::f_trim},
    FilterEntry{"truncate", filters::f_truncate},
    FilterEntry{"unique", filters::f_unique},
    FilterEntry{"upper", filters::f_upper},
    FilterEntry{"urlencode", filters::f_urlencode},
    FilterEntry{"urlize", filters::f_urlize},
    FilterEntry{"wordcount", filters::f_wordcount},
    FilterEntry{"wordwrap", filters::f_wordwrap},
    FilterEntry{"xmlattr", filters::f_xmlattr},
};

}  // namespace

FilterFn find_builtin_filter(std::string_view name) noexcept {
  auto it = std::lower_bound(kFilters.begin(), kFilters.end(), name,
                             [](const FilterEntry& e, std::string_view n) { return e.name < n; });
  if (it != kFilters.end() && it->name == name) return it->fn;
  return nullptr;
}

}  // namespace docforge
