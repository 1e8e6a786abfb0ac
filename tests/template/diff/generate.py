#!/usr/bin/env python3
"""Renders every differential case with Jinja2 and writes expected/<group>.json.

Usage: python3 tests/template/diff/generate.py [--check]
  --check   write nothing; exit 1 when an expected file would change (for CI / review)

Jinja2 (python3-jinja2 3.1) is the oracle. For each case file cases/<group>.py this writes
expected/<group>.json:

  {"group": G, "jinja2": VERSION,
   "cases": [{"name", "main", "templates": {name: source}, "data", "options",
              "output": TEXT}                     # when rendering succeeds, or
             ... "error": {"template": NAME, "line": N, "type": EXC, "message": MSG}}]}

error.line is TemplateSyntaxError.lineno for syntax errors; for runtime errors it is the line
of the innermost template frame of the (Jinja2-rewritten) traceback, and error.template is that
frame's template. Every case is rendered twice in fresh environments and must give the same
bytes (so nothing nondeterministic slips in). A case that errors without error=True, or renders
although it has error=True, stops the generator: fix the case, never the expected file.

The `latex` filter is docforge's, registered here as its Python equivalent (see latex_escape).
"""

import importlib.util
import json
import os
import sys

import jinja2
from jinja2 import (BaseLoader, ChainableUndefined, Environment, StrictUndefined,
                    TemplateNotFound, TemplateSyntaxError, Undefined)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import casekit  # noqa: E402

# docforge's latex escape filter: each character of str(value) maps as below, others unchanged.
LATEX_MAP = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}


def latex_escape(value):
    return "".join(LATEX_MAP.get(c, c) for c in str(value))


UNDEFINED = {"lenient": Undefined, "chainable": ChainableUndefined, "strict": StrictUndefined}

LATEX_SYNTAX = dict(
    block_start_string="\\BLOCK{", block_end_string="}",
    variable_start_string="\\VAR{", variable_end_string="}",
    comment_start_string="\\#{", comment_end_string="}",
    line_statement_prefix="%%", line_comment_prefix="%#",
)


def autoescape_by_name(name):
    """docforge's by-name rule: on for .html .htm .xml, ignoring a trailing .j2."""
    if name is None:
        return False
    n = name.lower()
    if n.endswith(".j2"):
        n = n[:-3]
    return n.endswith((".html", ".htm", ".xml"))


class NamedDictLoader(BaseLoader):
    """DictLoader whose templates carry their name as filename, so that the frames of template
    code in a rewritten traceback name the template they belong to."""

    def __init__(self, mapping):
        self.mapping = mapping

    def get_source(self, environment, template):
        if template not in self.mapping:
            raise TemplateNotFound(template)
        return self.mapping[template], template, lambda: True


def make_env(c):
    o = c["options"]
    kw = {}
    if o["delimiters"] == "latex":
        kw.update(LATEX_SYNTAX)
    for k in casekit.EXTRA_OPTIONS:
        if k in o:
            kw[k] = o[k]
    ae = o["autoescape"]
    env = Environment(
        loader=NamedDictLoader(c["templates"]),
        trim_blocks=o["trim_blocks"],
        lstrip_blocks=o["lstrip_blocks"],
        keep_trailing_newline=o["keep_trailing_newline"],
        autoescape=autoescape_by_name if ae == "by-name" else ae,
        undefined=UNDEFINED[o["undefined"]],
        **kw,
    )
    env.filters["latex"] = latex_escape
    return env


def render_once(c):
    env = make_env(c)
    # The data exactly as docforge will see it: through JSON.
    data = json.loads(json.dumps(c["data"]))
    try:
        return {"output": env.get_template(c["main"]).render(data)}
    except TemplateSyntaxError as e:
        return {"error": {"template": e.name, "line": e.lineno, "type": type(e).__name__,
                          "message": e.message}}
    except Exception as e:  # runtime errors of every kind
        where = None
        tb = e.__traceback__
        while tb is not None:
            fn = tb.tb_frame.f_code.co_filename
            if fn in c["templates"]:
                where = (fn, tb.tb_lineno)
            tb = tb.tb_next
        if where is None:
            raise RuntimeError(f"case {c['name']}: {type(e).__name__}: {e} has no template frame")
        return {"error": {"template": where[0], "line": where[1], "type": type(e).__name__,
                          "message": str(e)}}


def load_group(path):
    spec = importlib.util.spec_from_file_location("case_" + os.path.basename(path)[:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.CASES


def build_group(group, cases, problems):
    out = []
    for c in cases:
        first = render_once(c)
        second = render_once(c)
        if first != second:
            problems.append(f"{c['name']}: nondeterministic result:\n{first}\n{second}")
        if c["expect_error"] and "error" not in first:
            problems.append(f"{c['name']}: expected an error, got {first['output']!r}")
        if not c["expect_error"] and "error" in first:
            problems.append(f"{c['name']}: unexpected error {first['error']}")
        rec = {"name": c["name"], "main": c["main"], "templates": c["templates"],
               "data": c["data"], "options": c["options"]}
        rec.update(first)
        out.append(rec)
    return {"group": group, "jinja2": jinja2.__version__, "cases": out}


def main(argv):
    check = "--check" in argv
    case_dir = os.path.join(HERE, "cases")
    exp_dir = os.path.join(HERE, "expected")
    os.makedirs(exp_dir, exist_ok=True)
    seen = {}
    changed = []
    groups = sorted(f[:-3] for f in os.listdir(case_dir)
                    if f.endswith(".py") and not f.startswith("_"))
    total = 0
    problems = []
    for g in groups:
        if not g.replace("_", "").isalnum():
            raise RuntimeError(f"group file name {g!r}: use [A-Za-z0-9_] (it names gtest suites)")
        cases = load_group(os.path.join(case_dir, g + ".py"))
        for c in cases:
            if c["name"] in seen:
                raise RuntimeError(f"case name {c['name']} in {g} and {seen[c['name']]}")
            seen[c["name"]] = g
        doc = build_group(g, cases, problems)
        total += len(cases)
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        path = os.path.join(exp_dir, g + ".json")
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if problems:
            continue
        if old != text:
            changed.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s): nothing written for the groups after the first "
              "problem; fix the cases", file=sys.stderr)
        return 2
    stale = [f for f in os.listdir(exp_dir)
             if f.endswith(".json") and f[:-5] not in groups]
    for f in stale:
        changed.append(os.path.join(exp_dir, f))
        if not check:
            os.remove(os.path.join(exp_dir, f))
    print(f"{total} cases in {len(groups)} groups; "
          f"{len(changed)} file(s) {'would change' if check else 'written'}")
    return 1 if (check and changed) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
