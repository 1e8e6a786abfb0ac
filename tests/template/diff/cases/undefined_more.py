"""More uses of undefined values under the three policies."""
from casekit import case

CASES = []
USES = [
    ("print_attr_chain", "[{{ a.b }}]"),
    ("default_attr", "{{ a.b|default('D') }}"),
    ("is_defined_attr", "{{ a.b is defined }}"),
    ("iterate_attr", "[{% for x in a.b %}{{ x }}{% endfor %}]"),
    ("length_attr", "{{ a.b|length }}"),
    ("if_attr", "{% if a.b %}T{% else %}F{% endif %}"),
    ("concat_attr", "[{{ a.b ~ 'z' }}]"),
    ("item_then_attr", "[{{ a['x'].y }}]"),
    ("upper_attr", "[{{ a.b|upper }}]"),
    ("eq_attr", "{{ a.b == none }}"),
    ("in_attr", "{{ 'x' in a.b }}"),
    ("string_attr", "[{{ a.b|string }}]"),
    ("list_attr", "{{ a.b|list }}"),
    ("not_attr", "{{ not a.b }}"),
    ("tojson_missing", "{{ m|tojson }}"),
    ("join_missing", "[{{ m|join }}]"),
    ("bool_missing", "{{ m is none }} {{ m is string }}"),
    ("missing_in_list", "{{ [m, 1]|length }}"),
    ("format_missing", "[{{ '%s'|format(m) }}]"),
    ("call_method_missing", "[{{ m.upper() }}]"),
    ("attr_of_existing", "[{{ d.missing }}][{{ d.missing.deeper|default('dd') }}]"),
]
for name, tpl in USES:
    for pol in ("lenient", "chainable", "strict"):
        import jinja2  # noqa: E402  (classify with the oracle: error or not)
        cls = {"lenient": jinja2.Undefined, "chainable": jinja2.ChainableUndefined,
               "strict": jinja2.StrictUndefined}[pol]
        try:
            jinja2.Environment(undefined=cls).from_string(tpl).render(a={}, d={})
            fails = False
        except Exception:
            fails = True
        CASES.append(case(f"undef2_{name}_{pol}", tpl, {"a": {}, "d": {}}, undefined=pol, error=fails))
