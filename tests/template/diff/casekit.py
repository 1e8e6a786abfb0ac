"""The vocabulary of the differential case files (tests/template/diff/cases/*.py).

Each case file defines CASES, a list built with case():

    case("name", "template source", {"data": 1})                  # one template named "main"
    case("name", "{% include 'x' %}", templates={"x": "..."})      # extra templates
    case("name", templates={"page.html": "..."}, main="page.html") # only named templates
    case("name", "{{ x.y }}", undefined="strict", error=True)     # rendering must fail

Options (all optional; defaults are Jinja2's):
    trim_blocks, lstrip_blocks, keep_trailing_newline   bool
    autoescape        False | True | "by-name"  (by-name: on for .html .htm .xml, a trailing
                      .j2 ignored — docforge's rule, given to Jinja2 as a function)
    undefined         "lenient" (Undefined) | "chainable" (ChainableUndefined) | "strict"
    delimiters        "jinja" | "latex"  (latex: \\BLOCK{ } \\VAR{ } \\#{ }, line statements
                      "%%", line comments "%#")
    line_statement_prefix, line_comment_prefix   override the delimiter set's prefixes

Case names are [A-Za-z0-9_] and unique within the whole suite (they become gtest names).
"""

import re

OPTION_DEFAULTS = {
    "trim_blocks": False,
    "lstrip_blocks": False,
    "keep_trailing_newline": False,
    "autoescape": False,
    "undefined": "lenient",
    "delimiters": "jinja",
}
EXTRA_OPTIONS = ("line_statement_prefix", "line_comment_prefix")

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def case(name, template=None, data=None, *, templates=None, main="main", error=False, **options):
    if not _NAME.match(name):
        raise ValueError(f"bad case name {name!r}")
    all_templates = {}
    if template is not None:
        all_templates[main] = template
    if templates:
        for k, v in templates.items():
            if k in all_templates:
                raise ValueError(f"{name}: template {k!r} given twice")
            all_templates[k] = v
    if main not in all_templates:
        raise ValueError(f"{name}: no main template {main!r}")
    opts = dict(OPTION_DEFAULTS)
    for k, v in options.items():
        if k not in OPTION_DEFAULTS and k not in EXTRA_OPTIONS:
            raise ValueError(f"{name}: unknown option {k!r}")
        opts[k] = v
    if opts["autoescape"] not in (False, True, "by-name"):
        raise ValueError(f"{name}: bad autoescape {opts['autoescape']!r}")
    if opts["undefined"] not in ("lenient", "chainable", "strict"):
        raise ValueError(f"{name}: bad undefined {opts['undefined']!r}")
    if opts["delimiters"] not in ("jinja", "latex"):
        raise ValueError(f"{name}: bad delimiters {opts['delimiters']!r}")
    return {
        "name": name,
        "main": main,
        "templates": all_templates,
        "data": {} if data is None else data,
        "options": opts,
        "expect_error": bool(error),
    }
