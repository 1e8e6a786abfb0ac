"""Every binary operator against every pair of operand types. For each operator one case
prints all pairs Jinja2 accepts (a table, one line per pair), and a few of the pairs Jinja2
rejects are separate error cases. The split between the two is computed here with Jinja2."""
import jinja2

from casekit import case

OPERANDS = [
    ("int", "7"), ("negint", "-3"), ("float", "2.5"), ("negfloat", "-0.5"), ("big", "(2 ** 70)"),
    ("str", "'ab'"), ("list", "[1, 2]"), ("tuple", "(1,)"), ("none", "none"), ("bool", "true"),
    ("dict", "{'k': 1}"), ("zero", "0"), ("fzero", "0.0"), ("markup", "mk"),
]
OPS = [("add", "+"), ("sub", "-"), ("mul", "*"), ("div", "/"), ("floordiv", "//"), ("mod", "%"),
       ("pow", "**"), ("concat", "~"), ("lt", "<"), ("ge", ">="), ("eq", "=="), ("ne", "!="),
       ("in", "in"), ("and", "and"), ("or", "or")]

_env = jinja2.Environment(autoescape=True)
# The Markup operand is a variable: Jinja2's optimizer would fold a constant `'<m>'|safe` into
# an all-constant expression and lose the Markup mark (see edge_safe_then_concat_number).
PRELUDE = "{% set mk = '<m>'|safe %}"


def _ok(expr):
    try:
        out = _env.from_string(PRELUDE + "{{ " + expr + " }}").render()
    except Exception:
        return False
    if "j)" in out:
        return False  # complex results (negative ** fractional): docforge has no complex type
    return len(out) < 200  # huge results make poor test text


CASES = []
for op_name, op in OPS:
    lines = []
    errors = []
    for ln, lv in OPERANDS:
        for rn, rv in OPERANDS:
            if op == "**" and rn == "big":
                continue  # x ** 2**70: Python computes for ever (or instantly fails) — not a useful case
            expr = f"{lv} {op} {rv}"
            if _ok(expr):
                lines.append(f"{ln} {op} {rn} = {{{{ {expr} }}}}")
            else:
                errors.append((ln, rn, expr))
    CASES.append(case(f"matrix_{op_name}", PRELUDE + "\n".join(lines) + "\n", autoescape=True))
    # A spread of the rejected pairs (every twelfth), each its own error case.
    for ln, rn, expr in errors[::12]:
        CASES.append(case(f"matrix_{op_name}_{ln}_{rn}_fails", PRELUDE + "{{ " + expr + " }}",
                          autoescape=True, error=True))

UNARY = ["-", "+", "not "]
CASES.append(case("matrix_unary", PRELUDE + "\n".join(
    f"{u.strip()} {n} = {{{{ {u}{v} }}}}" for u in UNARY for n, v in OPERANDS
    if _ok(f"{u}{v}")) + "\n", autoescape=True))
