"""Values as they arrive from JSON data: numbers of every shape, unicode, nesting, key order."""
from casekit import case

CASES = [
    case("data_floats", "{{ a }} {{ b }} {{ c }} {{ d }} {{ e }} {{ f }}", {"a": 12.0, "b": 1e100, "c": 0.1, "d": -0.0, "e": 1.5e-9, "f": 123456789.125}),
    case("data_ints", "{{ a }} {{ b }} {{ a + b }} {{ c * 2 }}", {"a": 9007199254740993, "b": -1, "c": 4611686018427387904}),
    case("data_big_int", "{{ big }} {{ big + 1 }} {{ big is integer }}", {"big": 2 ** 70}),
    case("data_float_arith", "{{ price * qty }} {{ (price * qty)|round(2) }} {{ price / 3 }}", {"price": 19.99, "qty": 3}),
    case("data_unicode", "{{ s }} {{ s|length }} {{ s|upper }} {{ s[0] }} {{ s|reverse }}", {"s": "Ærø – 日本語 😀"}),
    case("data_escapes_in_strings", "{{ s }}|{{ s|length }}", {"s": "tab\there\nnewline \"quote\" back\\slash \u0001"}),
    case("data_key_order", "{% for k, v in d.items() %}{{ k }}{{ v }} {% endfor %}{{ d }}", {"d": {"zeta": 1, "alpha": 2, "mid": 3, "10": 4, "2": 5}}),
    case("data_nested_access", "{{ a.b[1].c }} {{ a['b'][0] }} {{ a.b|length }}", {"a": {"b": [1, {"c": "deep"}]}}),
    case("data_null_bool", "{{ n }} {{ t }} {{ f }} {{ n is none }} {{ t is sameas true }}", {"n": None, "t": True, "f": False}),
    case("data_empty_containers", "{{ l }} {{ d }} {{ s }}| {{ l|length }} {{ d|length }}", {"l": [], "d": {}, "s": ""}),
    case("data_list_repr_mixed", "{{ xs }}", {"xs": [1, 1.5, "s", None, True, [], {}, {"k": [None]}]}),
    case("data_dict_attr_shadowing_methods", "{{ d['keys'] }} {{ d['values'] }} {{ d['items'] }} {{ d.keys()|list }}", {"d": {"keys": "K", "values": "V", "items": "I"}}),
    case("data_numeric_string_keys", "{{ d['1'] }} {{ d.get('2', 'none') }}", {"d": {"1": "one"}}),
    case("data_deep_nesting", "{{ d }}", {"d": {"a": {"b": {"c": {"d": {"e": [[[1]]]}}}}}}),
    case("data_float_integral_large", "{{ a }} {{ b }} {{ c }}", {"a": 1e15, "b": 1e16, "c": 123456789012345680.0}),
]
