"""Lexical corners: delimiters inside strings, braces in expressions, spacing, names."""
from casekit import case

CASES = [
    case("lex_delims_in_strings", "{{ '}}' }} {{ '{%' }} {{ \"#}\" }} {{ '{{' ~ '}}' }}"),
    case("lex_nested_dict_braces", "{{ {'a': {'b': 1}} }} {{ {'a': {'b': 1}}['a']['b'] }}"),
    case("lex_no_spaces", "{{1+2}}{%if true%}y{%endif%}{%for x in [1,2]%}{{x}}{%endfor%}{#c#}"),
    case("lex_tabs_newlines_in_tags", "{{\t1\n+\n2\t}}{%\tif\ttrue\t%}t{%\nendif\n%}"),
    case("lex_raw_no_spaces", "{%raw%}{{ x }}{%endraw%}|{%- raw -%}  {{ y }}  {%- endraw -%}|"),
    case("lex_comment_with_braces", "a{# {{ x }} {% if %} { } #}b{#}#}c"),
    case("lex_text_braces", "{ } {x} {{ '{' }} }} %} #}"),
    case("lex_block_start_without_name_error", "a {%% %}", error=True),
    case("lex_names_like_keywords", "{{ true_value }} {{ none_x }} {{ in_ }} {{ iff }} {{ notx }} {{ or_ }}", {"true_value": 1, "none_x": 2, "in_": 3, "iff": 4, "notx": 5, "or_": 6}),
    case("lex_unicode_identifier", "{% set café = 'ok' %}{{ café }}"),
    case("lex_minus_number_vs_strip", "{{ -1 }}|{{- 1 }}|{{ 1 -}} |{{- -1 -}} |"),
    case("lex_concat_no_space", "{{ \"a\"~\"b\"~1 }}"),
    case("lex_dot_int_chain", "{{ x.0.1 }} {{ x[0][1] }}", {"x": [["a", "b"]]}),
    case("lex_float_attr_like", "{{ 1.5.is_integer() }} {{ (1).real }}"),
    case("lex_string_with_newline_escape_in_tag", "{% set s = 'a\\nb' %}{{ s|length }}"),
    case("lex_operators_dense", "{{ 2*3**2//4%3 }} {{ 10-2-3 }} {{ 2**-1 }} {{ not(1) }}"),
    case("lex_comment_spanning_lines_line_count", "{#\n\n\n#}{{ x.y }}", error=True),
    case("lex_raw_spanning_lines_line_count", "{% raw %}\n\n{% endraw %}\n{{ 1 / 0 }}", error=True),
    case("lex_string_spanning_lines_line_count", "{{ 'a\nb\nc' }}\n{{ 1 // 0 }}", error=True),
    case("lex_block_end_in_string", "{% set s = '%}' %}[{{ s }}]"),
    case("lex_variable_end_in_dict_string", "{{ {'k': '}}'}['k'] }}"),
    case("lex_endraw_in_string_inside_raw", "{% raw %}'{% endraw %}'"),
    case("lex_empty_comment_and_blocks", "{##}a{#  #}b"),
]
