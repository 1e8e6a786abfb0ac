// Private: the builtin filter functions, one per Jinja2 filter, grouped by the file that
// defines them. builtin_filters.cpp maps names to them (find_builtin_filter).
//
// Every function has the FilterFn signature (builtins.h) and throws TemplateError on misuse.
// Thread safety: reentrant.

#ifndef DOCFORGE_TEMPLATE_BUILTINS_FILTER_FNS_H_
#define DOCFORGE_TEMPLATE_BUILTINS_FILTER_FNS_H_

#include "template/builtins.h"

namespace docforge::filters {

#define DOCFORGE_FILTER(name) Value name(CallContext& ctx, const Value& v, CallArgs& args)

// builtin_filters_text.cpp
DOCFORGE_FILTER(f_capitalize);
DOCFORGE_FILTER(f_center);
DOCFORGE_FILTER(f_escape);
DOCFORGE_FILTER(f_forceescape);
DOCFORGE_FILTER(f_format);
DOCFORGE_FILTER(f_indent);
DOCFORGE_FILTER(f_latex);
DOCFORGE_FILTER(f_lower);
DOCFORGE_FILTER(f_replace);
DOCFORGE_FILTER(f_safe);
DOCFORGE_FILTER(f_string);
DOCFORGE_FILTER(f_striptags);
DOCFORGE_FILTER(f_title);
DOCFORGE_FILTER(f_trim);
DOCFORGE_FILTER(f_truncate);
DOCFORGE_FILTER(f_upper);
DOCFORGE_FILTER(f_wordcount);
DOCFORGE_FILTER(f_wordwrap);

// builtin_filters_seq.cpp
DOCFORGE_FILTER(f_attr);
DOCFORGE_FILTER(f_batch);
DOCFORGE_FILTER(f_default);
DOCFORGE_FILTER(f_dictsort);
DOCFORGE_FILTER(f_first);
DOCFORGE_FILTER(f_groupby);
DOCFORGE_FILTER(f_items);
DOCFORGE_FILTER(f_join);
DOCFORGE_FILTER(f_last);
DOCFORGE_FILTER(f_length);
DOCFORGE_FILTER(f_list);
DOCFORGE_FILTER(f_map);
DOCFORGE_FILTER(f_max);
DOCFORGE_FILTER(f_min);
DOCFORGE_FILTER(f_random);
DOCFORGE_FILTER(f_reject);
DOCFORGE_FILTER(f_rejectattr);
DOCFORGE_FILTER(f_reverse);
DOCFORGE_FILTER(f_select);
DOCFORGE_FILTER(f_selectattr);
DOCFORGE_FILTER(f_slice);
DOCFORGE_FILTER(f_sort);
DOCFORGE_FILTER(f_sum);
DOCFORGE_FILTER(f_unique);

// builtin_filters_number.cpp
DOCFORGE_FILTER(f_abs);
DOCFORGE_FILTER(f_filesizeformat);
DOCFORGE_FILTER(f_float);
DOCFORGE_FILTER(f_int);
DOCFORGE_FILTER(f_round);

// builtin_filters_markup.cpp
DOCFORGE_FILTER(f_pprint);
DOCFORGE_FILTER(f_tojson);
DOCFORGE_FILTER(f_urlencode);
DOCFORGE_FILTER(f_urlize);
DOCFORGE_FILTER(f_xmlattr);

#undef DOCFORGE_FILTER

}  // namespace docforge::filters

#endif  // DOCFORGE_TEMPLATE_BUILTINS_FILTER_FNS_H_
