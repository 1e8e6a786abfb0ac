"""Where errors are reported in larger templates: deep in loops, macros called from other
templates, blocks of multi-level inheritance, includes inside loops, LaTeX and line-statement
syntax. Every case must fail; the runner checks template name and line."""
from casekit import case

E = {"error": True}

PAGE = """<html>
<body>
{% for row in rows %}
  <tr>
  {% for cell in row %}
    <td>{{ cell.value / cell.div }}</td>
  {% endfor %}
  </tr>
{% endfor %}
</body>
</html>
"""

LIB = """{% macro money(v) -%}
  {{ '%.2f'|format(v) }}
{%- endmacro %}

{% macro ratio(a, b) -%}
  {{ a // b }}
{%- endmacro %}
"""

CASES = [
    case("loc_nested_loop_division", PAGE, {"rows": [[{"value": 1, "div": 1}], [{"value": 1, "div": 0}]]}, **E),
    case("loc_macro_from_import", "{% import 'lib' as lib %}\nok {{ lib.money(1) }}\n{{ lib.ratio(1, 0) }}\n", templates={"lib": LIB}, **E),
    case("loc_macro_bad_format_arg", "{% from 'lib' import money %}\n\n\n{{ money('x') }}", templates={"lib": LIB}, **E),
    case("loc_three_level_block_error", "{% extends 'mid' %}\n{% block content %}\nchild\n{{ super() }}\n{% endblock %}",
         templates={"mid": "{% extends 'top' %}\n{% block content %}\nmid\n{{ 1 // 0 }}\n{% endblock %}",
                    "top": "top\n{% block content %}{% endblock %}"}, **E),
    case("loc_error_in_top_template", "{% extends 'top' %}{% block a %}x{% endblock %}",
         templates={"top": "1\n2\n3\n{{ missing.attr }}\n{% block a %}{% endblock %}"}, **E),
    case("loc_include_in_loop_error", "{% for i in [1, 2, 0] %}\n{% include 'row' %}\n{% endfor %}", templates={"row": "row\n{{ 10 / i }}"}, **E),
    case("loc_syntax_error_late_line", "\n".join(["line %d {{ %d }}" % (i, i) for i in range(1, 30)]) + "\n{% if %}\n", **E),
    case("loc_syntax_error_in_third_template", "{% include 'a' %}", templates={"a": "{% include 'b' %}", "b": "b\nb\n{{ 1 + }}"}, **E),
    case("loc_strict_undefined_deep", "a\n{% if true %}\n  {% for x in [1] %}\n    {% with y = x %}\n      {{ y ~ nope }}\n    {% endwith %}\n  {% endfor %}\n{% endif %}", undefined="strict", **E),
    case("loc_filter_type_error_in_set_block", "{% set s %}\nline\n{{ 5|join }}\n{% endset %}{{ s }}", **E),
    case("loc_call_block_error", "{% macro w() %}[{{ caller() }}]{% endmacro %}\n{% call w() %}\n\n{{ 1 % 0 }}\n{% endcall %}", **E),
    case("loc_error_after_trim_blocks", "{% if true %}\n{% for x in xs %}\n{{ x.y.z }}\n{% endfor %}\n{% endif %}", {"xs": [1]}, trim_blocks=True, **E),
    case("loc_latex_syntax_unclosed_block", "\\documentclass{article}\n\\BLOCK{ for x in xs }\n\\VAR{ x }\n", delimiters="latex", **E),
    case("loc_latex_line_statement_unknown", "a\n%% frob x\nb", delimiters="latex", **E),
    case("loc_line_statement_runtime", "# for x in [1, 0]\n{{ 1 / x }}\n# endfor", line_statement_prefix="#", **E),
    case("loc_unknown_filter_deep", "{% for x in [1] %}\n\n\n  {{ x|nope }}\n{% endfor %}", **E),
    case("loc_unknown_test_in_included", "{% include 'p' %}", templates={"p": "\n{% if 1 is notatest %}{% endif %}"}, **E),
    case("loc_unexpected_endblock_in_child", "{% extends 'base' %}\n{% block a %}\n{% endif %}\n{% endblock %}", templates={"base": "{% block a %}{% endblock %}"}, **E),
    case("loc_not_found_include_in_block", "{% extends 'base' %}{% block a %}\n\n{% include 'ghost' %}{% endblock %}", templates={"base": "x{% block a %}{% endblock %}"}, **E),
    case("loc_attribute_call_error", "{% set xs = [3, 1] %}\n{{ xs.sort(key=none, nonsense=1) }}", **E),
    case("loc_multiline_if_tag_error", "{% if\n  x >\n  %}\n{% endif %}", **E),
    case("loc_error_in_recursive_loop", "{% for n in tree recursive %}\n{{ n.v }}\n{% if n.c %}{{ loop(n.c) }}{% endif %}\n{{ 1 / n.v }}\n{% endfor %}",
         {"tree": [{"v": 1, "c": [{"v": 0}]}]}, **E),
    case("loc_error_in_macro_default", "{% macro m(a=1 // 0) %}{{ a }}{% endmacro %}\n{{ m() }}", **E),
    case("loc_error_in_filter_block", "{% filter upper %}\nok\n{{ [1] + 1 }}\n{% endfilter %}", **E),
    case("loc_unclosed_string_multiline", "a\nb {{ \"unterminated\n}}\nc", **E),
]
