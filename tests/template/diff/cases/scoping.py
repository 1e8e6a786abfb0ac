"""Jinja2's scoping rules: where a `set` is visible, shadowing, loop/macro/block/include
frames, and late binding."""
from casekit import case

CASES = [
    case("scope_set_in_if_in_loop", "{% set x = 'out' %}{% for i in [1] %}{% if true %}{% set x = 'in' %}{% endif %}{{ x }}{% endfor %}{{ x }}"),
    case("scope_set_before_use_in_loop", "{% set x = 1 %}{% for i in [1, 2] %}{{ x }}{% set x = 5 %}{{ x }} {% endfor %}{{ x }}"),
    case("scope_loop_var_shadows", "{% set i = 'outer' %}{% for i in [1, 2] %}{{ i }}{% endfor %}{{ i }}"),
    case("scope_nested_same_name", "{% for x in [1, 2] %}{% for x in 'ab' %}{{ x }}{% endfor %}{{ x }}{% endfor %}"),
    case("scope_macro_sees_later_global", "{% macro m() %}{{ g }}{% endmacro %}{% set g = 'set after' %}{{ m() }}"),
    case("scope_macro_arg_shadows", "{% set a = 'global' %}{% macro m(a) %}{{ a }}{% endmacro %}{{ m('arg') }}{{ a }}"),
    case("scope_block_sees_top_set", "{% set t = 'top' %}{% block b %}{{ t }}{% endblock %}"),
    case("scope_child_set_outside_block", "{% extends 'base' %}{% set v = 'child' %}{% block b %}[{{ v }}]{% endblock %}",
         templates={"base": "{% block b %}{% endblock %}|{{ v }}"}),
    case("scope_block_set_no_leak", "{% block a %}{% set x = 1 %}{{ x }}{% endblock %}[{{ x }}]"),
    case("scope_include_sees_loop", "{% for item in ['p', 'q'] %}{% include 'i' %}{% endfor %}", templates={"i": "{{ item }}{{ loop is defined }};"}),
    case("scope_include_sees_macro_locals", "{% macro m(v) %}{% include 'i' %}{% endmacro %}{{ m('mv') }}", templates={"i": "[{{ v }}]"}),
    case("scope_with_in_loop", "{% for i in [1, 2] %}{% with j = i * 10 %}{{ j }}{% endwith %}{% endfor %}"),
    case("scope_namespace_across_include", "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% include 'inc' %}{% endfor %}{{ ns.n }}", templates={"inc": "{% set ns.n = ns.n + 1 %}"}),
    case("scope_set_in_call_block", "{% macro m() %}{{ caller() }}{% endmacro %}{% set x = 1 %}{% call m() %}{% set x = 2 %}{{ x }}{% endcall %}{{ x }}"),
    case("scope_loop_in_macro_in_loop", "{% macro m() %}{% for j in 'ab' %}{{ loop.index }}{% endfor %}{% endmacro %}{% for i in [1, 2] %}{{ loop.index }}{{ m() }} {% endfor %}"),
    case("scope_filter_block_set", "{% filter upper %}{% set s = 'x' %}{{ s }}{% endfilter %}[{{ s }}]"),
    case("scope_if_set_else", "{% if false %}{% set v = 1 %}{% else %}{% set v = 2 %}{% endif %}{{ v }}"),
    case("scope_data_then_loop_set", "{% for i in [1] %}{% set name = 'loop' %}{% endfor %}{{ name }}", {"name": "data"}),
    case("scope_recursive_loop_vars", "{% for n in tree recursive %}{% set lvl = loop.depth %}{{ n.v }}{{ lvl }}{% if n.c %}({{ loop(n.c) }}){% endif %}{% endfor %}",
         {"tree": [{"v": "a", "c": [{"v": "b"}]}, {"v": "c"}]}),
    case("scope_super_sees_child_vars", "{% extends 'base' %}{% block b %}{% set w = 'child' %}{{ super() }}{% endblock %}",
         templates={"base": "{% block b %}[{{ w }}]{% endblock %}"}, data={"w": "data"}),
    case("scope_macro_default_uses_global", "{% set d = 'dg' %}{% macro m(x=d) %}{{ x }}{% endmacro %}{{ m() }}"),
    case("scope_caller_sees_loop_of_call_site", "{% macro m() %}{{ caller() }}{% endmacro %}{% for i in 'xy' %}{% call m() %}{{ i }}{{ loop.index }}{% endcall %}{% endfor %}"),
    case("scope_set_after_include", "{% include 'i' %}{% set late = 1 %}", templates={"i": "[{{ late }}]"}),
    case("scope_import_context_cached", "{% set v = 1 %}{% import 'm' as a with context %}{% set v = 2 %}{{ a.show() }}", templates={"m": "{% macro show() %}{{ v }}{% endmacro %}"}),
]
