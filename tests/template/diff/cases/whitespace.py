"""Whitespace control: - and + markers, trim_blocks, lstrip_blocks, keep_trailing_newline."""
from casekit import case

BLOCKY = "<ul>\n  {% for x in xs %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n"
IFS = "a\n  {% if t %}\n  yes\n  {% else %}\n  no\n  {% endif %}\nb\n"
D = {"xs": [1, 2], "t": True}

CASES = [
    case("ws_default_block", BLOCKY, D),
    case("ws_trim_blocks", BLOCKY, D, trim_blocks=True),
    case("ws_lstrip_blocks", BLOCKY, D, lstrip_blocks=True),
    case("ws_trim_and_lstrip", BLOCKY, D, trim_blocks=True, lstrip_blocks=True),
    case("ws_keep_trailing_newline", BLOCKY, D, keep_trailing_newline=True),
    case("ws_all_three", BLOCKY, D, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True),
    case("ws_if_default", IFS, D),
    case("ws_if_trim_lstrip", IFS, D, trim_blocks=True, lstrip_blocks=True),
    case("ws_if_lstrip_only", IFS, D, lstrip_blocks=True),
    case("ws_minus_both", "a  {%- if true -%}  b  {%- endif -%}  c"),
    case("ws_minus_newlines", "x\n\n  {{- 'y' -}}\n\n  z"),
    case("ws_minus_left_only", "1\n   {%- set a = 1 %}\n2"),
    case("ws_minus_right_only", "1\n{% set a = 1 -%}\n   2"),
    case("ws_minus_comment", "a  {#- note -#}  b {# keep #} c"),
    case("ws_minus_loop", "{% for x in xs -%}\n  {{ x }}\n{%- endfor %}", {"xs": [1, 2, 3]}),
    case("ws_plus_disables_lstrip", "  {%+ if true %}x{% endif %}\n", lstrip_blocks=True),
    case("ws_plus_disables_trim", "{% if true +%}\nx{% endif +%}\ny", trim_blocks=True),
    case("ws_trim_only_one_newline", "{% if true %}\n\nx{% endif %}\n\ny", trim_blocks=True),
    case("ws_trim_comment", "a\n{# c #}\nb", trim_blocks=True),
    case("ws_lstrip_comment", "a\n    {# c #}\nb", lstrip_blocks=True),
    case("ws_lstrip_not_variables", "    {{ 'v' }}\n    {% if true %}x{% endif %}", lstrip_blocks=True),
    case("ws_lstrip_text_before", "text {% if true %}x{% endif %}", lstrip_blocks=True),
    case("ws_lstrip_tabs", "\t\t{% if true %}x\n\t{% endif %}y", lstrip_blocks=True),
    case("ws_trailing_newline_default", "line\n"),
    case("ws_trailing_newlines_two", "line\n\n"),
    case("ws_trailing_newline_kept", "line\n", keep_trailing_newline=True),
    case("ws_crlf_source", "a\r\n{% if true %}\r\nb\r\n{% endif %}\r\n", trim_blocks=True),
    case("ws_crlf_keep", "a\r\nb\r\n", keep_trailing_newline=True),
    case("ws_raw_with_minus", "a {%- raw -%} {{ x }} {%- endraw -%} b"),
    case("ws_macro_trim", "{% macro m() %}\n  body\n{% endmacro %}\n[{{ m() }}]", trim_blocks=True, lstrip_blocks=True),
    case("ws_set_block_trim", "{% set x %}\n  v\n{% endset %}\n[{{ x }}]", trim_blocks=True),
    case("ws_nested_loops_trim", "{% for r in rows %}\n  {% for c in r %}\n    {{ c }},\n  {% endfor %}\n{% endfor %}\n", {"rows": [[1, 2], [3]]}, trim_blocks=True, lstrip_blocks=True),
    case("ws_variable_no_trim", "{{ 'a' }}\n{{ 'b' }}\n", trim_blocks=True),
    case("ws_minus_inside_expression_var", "{{- 'x' -}} {{ 'y' }}"),
    case("ws_lstrip_with_minus", "  x\n    {%- if true %}y{% endif %}", lstrip_blocks=True),
    case("ws_only_whitespace_template", "   \n\t\n"),
    case("ws_empty_template", ""),
]
