"""Line statements / line comments combined with whitespace options, and more of the LaTeX
convention."""
from casekit import case

LX = {"delimiters": "latex"}

CASES = [
    case("ls2_trim_lstrip_latex", "  %% for x in xs\n  \\item \\VAR{ x }\n  %% endfor\nend\n", {"xs": [1, 2]}, trim_blocks=True, lstrip_blocks=True, **LX),
    case("ls2_keep_trailing_latex", "%% if true\nx\n%% endif\n", keep_trailing_newline=True, **LX),
    case("ls2_line_comment_after_statement", "%% set a = 1 %# set a\n\\VAR{ a }\n", error=True, **LX),
    case("ls2_line_comment_trim", "a\n%# c1\n%# c2\nb\n", trim_blocks=True, **LX),
    case("ls2_line_comment_lstrip", "a\n   %# indented comment\nb", lstrip_blocks=True, **LX),
    case("ls2_mixed_block_and_line", "%% for i in range(2)\n\\BLOCK{ if i }odd\\BLOCK{ else }even\\BLOCK{ endif }\n%% endfor\n", **LX),
    case("ls2_line_statement_multiline_parens", "%% set xs = [1,\n%%   2]\n\\VAR{ xs }", error=True, **LX),
    case("ls2_line_statement_with_minus_like_text", "%% if true\n- item\n%% endif\n", **LX),
    case("ls2_latex_tabular", "\\begin{tabular}{lr}\n%% for r in rows\n\\VAR{ r.k|latex } & \\VAR{ '%.2f'|format(r.v) } \\\\\n%% endfor\n\\end{tabular}\n",
         {"rows": [{"k": "a_b", "v": 1.005}, {"k": "50%", "v": 2}]}, **LX),
    case("ls2_latex_macro_line_statements", "%% macro cv(e)\n\\cventry{\\VAR{ e.y }}{\\VAR{ e.t|latex }}\n%% endmacro\n%% for e in es\n\\VAR{ cv(e) }\n%% endfor\n",
         {"es": [{"y": 2020, "t": "R&D"}, {"y": 2021, "t": "Q&A"}]}, **LX),
    case("ls2_latex_blank_lines_swallowed_count", "%% set x = 1\n\n\n\n\\VAR{ x }\n\n%% set y = 2\n\n\\VAR{ y }", **LX),
    case("ls2_hash_prefix_trim", "# for i in [1, 2]\n  {{ i }}\n# endfor\n", line_statement_prefix="#", trim_blocks=True),
    case("ls2_hash_prefix_lstrip", "    # if true\n    yes\n    # endif\n", line_statement_prefix="#", lstrip_blocks=True),
    case("ls2_double_hash_comments_with_blocks", "{% for i in [1] %}{{ i }} ## note\n{% endfor %}## end", line_comment_prefix="##"),
    case("ls2_latex_vars_in_braces", "\\newcommand{\\name}{\\VAR{ n }}\\name{}", {"n": "X"}, **LX),
    case("ls2_latex_comment_block_multiline", "a\\#{ multi\nline\ncomment }b", **LX),
    case("ls2_latex_escape_all_specials", "\\VAR{ '\\\\{}$&#^_%~'|latex }", **LX),
    case("ls2_latex_escape_unicode", "\\VAR{ 'café – 10€'|latex }", **LX),
    case("ls2_latex_escape_numbers_none", "\\VAR{ 3.5|latex } \\VAR{ none|latex } \\VAR{ [1, '_']|latex }", **LX),
]
