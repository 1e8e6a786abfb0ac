"""Global functions: range, dict, cycler, joiner, namespace, lipsum (structure only)."""
from casekit import case

CASES = [
    case("g_range", "{{ range(4)|list }} {{ range(2, 5)|list }} {{ range(10, 0, -3)|list }} {{ range(0)|list }} {{ range(3, 1)|list }}"),
    case("g_range_repr", "{{ range(3) }} {{ range(1, 10, 2) }}"),
    case("g_range_length_index", "{{ range(10)|length }} {{ range(10)[3] }} {{ 5 in range(10) }} {{ range(10)[2:5]|list }}"),
    case("g_dict", "{{ dict(a=1, b='x') }} {{ dict() }} {{ dict(z=1, a=2)|dictsort }}"),
    case("g_dict_items_loop", "{% for k, v in dict(one=1, two=2).items() %}{{ k }}{{ v }}{% endfor %}"),
    case("g_cycler", "{% set c = cycler('a', 'b', 'c') %}{% for i in range(5) %}{{ c.next() }}{% endfor %} {{ c.current }}"),
    case("g_cycler_reset", "{% set c = cycler(1, 2) %}{{ c.next() }}{{ c.next() }}{% set _ = c.reset() %}{{ c.next() }}{{ c.current }}"),
    case("g_joiner", "{% set comma = joiner(', ') %}{% for x in ['a', 'b', 'c'] %}{{ comma() }}{{ x }}{% endfor %}"),
    case("g_joiner_default", "{% set j = joiner() %}{% for x in [1, 2, 3] %}{{ j() }}{{ x }}{% endfor %}"),
    case("g_joiner_conditional", "{% set pipe = joiner(' | ') %}{% if a %}{{ pipe() }}A{% endif %}{% if b %}{{ pipe() }}B{% endif %}{% if c %}{{ pipe() }}C{% endif %}", {"a": False, "b": True, "c": True}),
    case("g_namespace", "{% set ns = namespace() %}{% set ns.x = 1 %}{{ ns.x }} {{ namespace(a=1).a }}"),
    case("g_namespace_loop_last", "{% set ns = namespace(last=none) %}{% for x in [3, 8, 5] %}{% if x > 4 %}{% set ns.last = x %}{% endif %}{% endfor %}{{ ns.last }}"),
    case("g_lipsum_paragraph_count", "{{ lipsum(3, false).split('\n\n')|length }} {{ lipsum(2).count('<p>') }} {{ lipsum(2).count('</p>') }}"),
    case("g_lipsum_html_shape", "{{ lipsum(1).startswith('<p>') }} {{ lipsum(1).endswith('</p>') }} {{ lipsum(1, false).startswith('<p>') }}"),
    case("g_lipsum_word_bounds", "{% set w = lipsum(1, false, 5, 6)|wordcount %}{{ w >= 5 and w <= 6 }} {{ lipsum(1, false, 30, 40)|wordcount >= 30 }}"),
    case("g_lipsum_ends_period", "{{ lipsum(1, false).strip()[-1] }} {{ lipsum(1, false)[0] is upper }}"),
    case("g_globals_shadowed_by_data", "{{ range }}", {"range": "data wins"}),
    case("g_globals_shadowed_by_set", "{% set joiner = 'x' %}{{ joiner }}"),
    case("g_range_in_loop_sum", "{{ range(1, 101)|sum }}"),
    case("g_cycler_in_nested", "{% set row = cycler('odd', 'even') %}{% for r in range(3) %}<tr class=\"{{ row.next() }}\">{% endfor %}"),
]
