"""How the Markup (safe) mark flows through filters, methods and operators under autoescape."""
from casekit import case

S = {"s": "<b>Tom & 'Jerry'</b>", "t": "plain <i>text</i> that is long enough to wrap and truncate"}
AE = {"autoescape": True}

CASES = [
    case("mk_replace_on_safe", "{{ (s|safe)|replace('Tom', '<T>') }}", S, **AE),
    case("mk_replace_on_plain", "{{ s|replace('Tom', '<T>'|safe) }}", S, **AE),
    case("mk_truncate_safe", "{{ (t|safe)|truncate(20) }}|{{ t|truncate(20) }}", S, **AE),
    case("mk_center_safe", "[{{ ('<x>'|safe)|center(9) }}][{{ '<x>'|center(9) }}]", **AE),
    case("mk_indent_safe", "{{ ('<p>\na</p>'|safe)|indent(2) }}|{{ '<p>\na</p>'|indent(2) }}", **AE),
    case("mk_title_capitalize_safe", "{{ ('<b>hi there</b>'|safe)|title }} {{ ('<b>hi</b>'|safe)|capitalize }}", **AE),
    case("mk_lower_upper_safe", "{{ ('<B>X</B>'|safe)|lower }} {{ '<b>x</b>'|upper }}", **AE),
    case("mk_trim_safe", "[{{ ('  <b>  '|safe)|trim }}][{{ '  <b>  '|trim }}]", **AE),
    case("mk_wordwrap_safe", "{{ (t|safe)|wordwrap(15) }}", S, **AE),
    case("mk_striptags_markup", "{{ (s|safe)|striptags }}|{{ s|striptags }}", S, **AE),
    case("mk_urlize_safe_input", "{{ ('go to <b>http://x.com</b>'|safe)|urlize }}|{{ 'go to <b>http://x.com</b>'|urlize }}", **AE),
    # first iterates (plain str characters: escaped), last indexes from the end (Markup: kept).
    case("mk_first_last_of_safe", "{{ ('<b>'|safe)|first }} {{ ('<b>'|safe)|last }} {{ ('<b>'|safe)[0] }}", **AE),
    case("mk_first_last_of_safe_var", "{% set m = s|safe %}{{ m|first }} {{ m|last }} {{ m[-1] }}", {"s": "<b>"}, **AE),
    case("mk_slice_of_safe", "{{ ('<b>x</b>'|safe)[0:3] }} {{ ('<b>x</b>'|safe)[::-1] }}", **AE),
    case("mk_list_of_safe", "{{ ('<b>'|safe)|list }} {{ ('<b>'|safe)|list|join }}", **AE),
    case("mk_join_all_safe", "{{ ['<a>'|safe, '<b>'|safe]|join(', ') }}", **AE),
    case("mk_default_safe_filter", "{{ none|default('<i>') }} {{ missing|default('<i>'|safe) }}", **AE),
    case("mk_string_filter_keeps_safe", "{{ ('<b>'|safe)|string }} {{ '<b>'|string }}", **AE),
    case("mk_format_method_on_safe", "{{ ('<p>{}</p>'|safe).format('<x>') }} {{ '<p>{}</p>'.format('<x>'|safe) }}", **AE),
    case("mk_percent_tuple_safe", "{{ ('<p>%s %s</p>'|safe) % ('<a>', '<b>'|safe) }}", **AE),
    case("mk_split_of_safe", "{{ ('<a>,<b>'|safe).split(',') }}", **AE),
    case("mk_strip_methods_of_safe", "{{ ('  <a>  '|safe).strip() }} {{ ('<a>'|safe).upper() }}", **AE),
    case("mk_macro_caller_safe_concat", "{% macro m() %}<div>{% endmacro %}{{ m() ~ '<p>' }} {{ m() + '<p>' }}", **AE),
    case("mk_set_block_concat", "{% set a %}<a>{% endset %}{{ a ~ '<b>' }} {{ a|length }}", **AE),
    case("mk_escape_then_replace", "{{ ('<b>'|e)|replace('&lt;', '[') }}", **AE),
    case("mk_forceescape_markup_twice", "{{ ('<b>'|e)|forceescape }}", **AE),
    case("mk_tojson_is_safe", "{{ (d|tojson) ~ '<' }}", {"d": {"a": "<"}}, **AE),
    # The same with a constant operand: Jinja2's optimizer folds the whole expression to a plain
    # str (losing the Markup mark of tojson's result), so the oracle escapes the JSON too.
    case("quirk_fold_tojson_concat_constant", "{{ ({'a': '<'}|tojson) ~ '<' }}", **AE),
    case("mk_safe_number", "{{ 5|safe }} {{ (5|safe) ~ '<' }}", **AE),
    case("mk_xmlattr_autoescape_off", "<p{{ {'a': '<b>'}|xmlattr }}>"),
    case("mk_in_operator_safe", "{{ '<' in ('<b>'|safe) }} {{ '&lt;' in ('<b>'|e) }}", **AE),
    case("mk_eq_safe_plain", "{{ ('<b>'|safe) == '<b>' }} {{ ('<b>'|e) == '&lt;b&gt;' }}", **AE),
    case("mk_loop_over_safe_string", "{% for c in '<b>'|safe %}[{{ c }}]{% endfor %}", **AE),
    case("mk_map_escape", "{{ ['<a>', '<b>']|map('e')|join }} {{ ['<a>', '<b>']|map('safe')|join }}", **AE),
    case("mk_select_strings_safe", "{{ ['<a>'|safe, '<b>']|select('escaped')|list }}", **AE),
    case("mk_sum_safe_strings_error_free", "{{ ['<a>'|safe, '<b>']|join('') }}", **AE),
    case("mk_autoescape_false_block_filters", "{% autoescape false %}{{ '<a>'|center(5) }}{{ '<b>' ~ ('<c>'|safe) }}{% endautoescape %}", **AE),
]
