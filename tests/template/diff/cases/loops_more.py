"""More of the loop object: misuse that must fail, and rarely combined attributes."""
from casekit import case

E = {"error": True}

CASES = [
    case("lp_cycle_no_args_error", "{% for x in [1] %}{{ loop.cycle() }}{% endfor %}", **E),
    case("lp_call_loop_not_recursive_error", "{% for x in [1] %}{{ loop([]) }}{% endfor %}", **E),
    case("lp_changed_no_args", "{% for x in [1, 2] %}{{ loop.changed() }}{% endfor %}"),
    case("lp_break_not_enabled_error", "{% for x in [1] %}{% break %}{% endfor %}", **E),
    case("lp_loop_outside_for", "[{{ loop is defined }}]"),
    case("lp_recursive_with_filter", "{% for n in nodes if n.show recursive %}{{ n.id }}{% if n.kids %}({{ loop(n.kids) }}){% endif %}{% endfor %}",
         {"nodes": [{"id": 1, "show": True, "kids": [{"id": 2, "show": False}, {"id": 3, "show": True}]}, {"id": 4, "show": False}]}),
    case("lp_recursive_else", "{% for n in nodes recursive %}{{ n.id }}[{{ loop(n.kids) }}]{% else %}-{% endfor %}",
         {"nodes": [{"id": 1, "kids": []}]}),
    case("lp_recursive_loop_attrs_per_level", "{% for n in nodes recursive %}{{ n.id }}:{{ loop.index }}/{{ loop.length }}{{ '!' if loop.last }}{% if n.kids %}<{{ loop(n.kids) }}>{% endif %} {% endfor %}",
         {"nodes": [{"id": "a", "kids": [{"id": "b"}, {"id": "c"}]}, {"id": "d"}]}),
    case("lp_items_of_list_of_pairs_three", "{% for a, (b, c) in [(1, (2, 3))] %}{{ a }}{{ b }}{{ c }}{% endfor %}"),
    case("lp_unpack_too_few_error", "{% for a, b, c in [[1, 2]] %}{% endfor %}", **E),
    case("lp_loop_over_map_result_length", "{% for x in [1, 2, 3]|map('string') %}{{ loop.length }}{{ loop.revindex0 }}{% endfor %}"),
    case("lp_loop_index_math", "{% for x in range(3) %}{{ (loop.index0 * 10 + loop.revindex)|string|center(4) }}{% endfor %}"),
    case("lp_previtem_after_filter", "{% for x in range(6) if x is even %}{{ loop.previtem|default('-') }}{% endfor %}"),
    case("lp_nested_loop_parent_via_set", "{% for r in [[1, 2], [3]] %}{% set outer = loop %}{% for c in r %}{{ outer.index }}.{{ loop.index }}{{ ' ' if not (loop.last and outer.last) }}{% endfor %}{% endfor %}"),
]
