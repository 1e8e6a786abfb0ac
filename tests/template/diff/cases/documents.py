"""Realistic documents: invoices (Markdown tables, arithmetic, formatting), resumes (LaTeX
delimiters), READMEs, HTML pages with autoescape, configuration files."""
from casekit import case

ORDER = {
    "number": "INV-2024-0042",
    "date": "2024-03-15",
    "currency": "EUR",
    "customer": {"name": "Müller & Söhne GmbH", "street": "Hauptstraße 5", "city": "Berlin", "vat_id": "DE123456789"},
    "items": [
        {"sku": "A-1", "desc": "Widget, large", "qty": 3, "price": 19.99, "tax": 0.19},
        {"sku": "B-22", "desc": "Gadget | pro", "qty": 1, "price": 249.0, "tax": 0.19},
        {"sku": "C-7", "desc": "Manual (print)", "qty": 10, "price": 2.5, "tax": 0.07},
        {"sku": "D-9", "desc": "Support hour", "qty": 2.5, "price": 80, "tax": 0.19},
    ],
    "discount": 0.05,
    "notes": None,
    "paid": False,
}

INVOICE_MD = """# Invoice {{ number }}

**Date:** {{ date }}
**Bill to:** {{ customer.name }}, {{ customer.street }}, {{ customer.city }}
{%- if customer.vat_id %} (VAT ID {{ customer.vat_id }}){% endif %}

| # | SKU | Description | Qty | Unit | Amount |
|--:|-----|-------------|----:|-----:|-------:|
{% set ns = namespace(net=0, tax=0) -%}
{% for it in items -%}
{% set amount = it.qty * it.price -%}
{% set ns.net = ns.net + amount -%}
{% set ns.tax = ns.tax + amount * it.tax -%}
| {{ loop.index }} | {{ it.sku }} | {{ it.desc|replace('|', '\\\\|') }} | {{ it.qty }} | {{ '%.2f'|format(it.price) }} | {{ '%.2f'|format(amount) }} |
{% endfor %}
{%- set discount = ns.net * discount %}
Net: {{ '{:,.2f}'.format(ns.net) }} {{ currency }}
Discount ({{ (discount_rate * 100)|round|int }}%): -{{ '%.2f'|format(discount) }}
Tax: {{ ns.tax|round(2) }}
**Total: {{ '{:,.2f}'.format(ns.net - discount + ns.tax) }} {{ currency }}**
{% if notes %}
Notes: {{ notes }}
{% endif -%}
Status: {{ 'PAID' if paid else 'DUE' }}
"""

INVOICE_TXT = """{%- set w = 44 -%}
{{ 'INVOICE'|center(w) }}
{{ '=' * w }}
{% for it in items -%}
{{ '%-20s'|format(it.desc[:20]) }}{{ '%6s'|format(it.qty) }} x {{ '%8.2f'|format(it.price) }}
{{ ('= %.2f'|format(it.qty * it.price))|indent(30, true) }}
{% endfor -%}
{{ '-' * w }}
{{ 'TOTAL'.ljust(30) }}{{ '%14.2f'|format(items|sum(attribute='price')) }}
"""

RESUME = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\begin{document}
\section*{\VAR{ name|latex }}
\VAR{ email } \textbar{} \VAR{ phone }

\subsection*{Experience}
%% for job in jobs
\textbf{\VAR{ job.title|latex }} at \VAR{ job.company|latex } \hfill \VAR{ job.start }--\VAR{ job.end or 'present' }
\begin{itemize}
%% for b in job.bullets
  \item \VAR{ b|latex }
%% endfor
\end{itemize}
%% endfor

\subsection*{Skills}
\VAR{ skills|map('latex')|join(', ') }
%# a comment line that disappears
\BLOCK{ if awards }
\subsection*{Awards}
\BLOCK{ for a in awards }\VAR{ a.year }: \VAR{ a.name|latex }\BLOCK{ if not loop.last }\\\BLOCK{ endif }
\BLOCK{ endfor }
\BLOCK{ endif }
\end{document}
"""

RESUME_DATA = {
    "name": "Jane Q. Doe",
    "email": "jane@example.com",
    "phone": "+1 555 0100",
    "jobs": [
        {"title": "Senior Engineer", "company": "R&D Labs", "start": 2019, "end": None,
         "bullets": ["Cut costs by 30% ($1.2M)", "Led team_of_5 on C# & C++ ports", "Owned {infra} ~ on-call"]},
        {"title": "Engineer", "company": "Acme #1", "start": 2015, "end": 2019, "bullets": ["Shipped v2^3"]},
    ],
    "skills": ["C++", "Python", "TeX & LaTeX", "100% test coverage"],
    "awards": [{"year": 2021, "name": "Best_Paper"}, {"year": 2018, "name": "Hackathon #1"}],
}

README = """# {{ project.name }}

{{ project.description|wordwrap(60) }}

## Install

```sh
{% for cmd in project.install -%}
$ {{ cmd }}
{% endfor -%}
```

## Features
{% for f in project.features %}
- **{{ f.name }}**{% if f.since %} (since {{ f.since }}){% endif %}: {{ f.text }}
{%- endfor %}

## License

{{ project.license|default('MIT') }} © {{ project.year }} {{ project.authors|join(', ') }}
"""

README_DATA = {"project": {
    "name": "docforge",
    "description": "docforge turns templates plus data into documents, fast: one document from the command line, millions in a streaming batch.",
    "install": ["apt install docforge", "docforge --version"],
    "features": [{"name": "Templates", "text": "Jinja2 compatible", "since": "0.1"},
                 {"name": "PDF", "text": "native output"}],
    "year": 2024, "authors": ["A. Author", "B. Writer"]}}

PAGE = """<!DOCTYPE html>
<html lang="{{ lang|default('en') }}">
<head><title>{% block title %}{{ site.title }}{% endblock %}</title></head>
<body>
{% block content %}{% endblock %}
<footer>{{ site.footer|safe }}</footer>
</body>
</html>
"""

POSTS = """{% extends "base.html" %}
{% block title %}Posts – {{ super() }}{% endblock %}
{% block content %}
<ul class="posts">
{% for p in posts %}
  <li class="{{ loop.cycle('odd', 'even') }}">
    <a href="/posts/{{ p.slug|urlencode }}">{{ p.title }}</a>
    <span>{{ p.tags|join(', ') }}</span>
    {% if p.excerpt %}<p>{{ p.excerpt|truncate(40) }}</p>{% endif %}
  </li>
{% else %}
  <li>No posts.</li>
{% endfor %}
</ul>
<p>{{ posts|length }} post{{ 's' if posts|length != 1 }} by {{ author }}</p>
{% endblock %}
"""

SITE = {
    "site": {"title": "Tom & Jerry's <blog>", "footer": "&copy; 2024 <a href=\"/\">home</a>"},
    "author": "<script>alert('x')</script>",
    "posts": [
        {"slug": "hello world", "title": "Hello \"World\"", "tags": ["<intro>", "meta"],
         "excerpt": "A first post about <things> & stuff that goes on and on."},
        {"slug": "r&d", "title": "R&D notes", "tags": [], "excerpt": None},
    ],
}

NGINX = """{# nginx config #}
{% for s in servers %}
server {
    listen {{ s.port|default(80) }};
    server_name {{ s.names|join(' ') }};
    {% if s.tls %}
    ssl_certificate /etc/ssl/{{ s.names[0] }}.pem;
    {% endif %}
    {% for path, target in s.routes|dictsort %}
    location {{ path }} {
        proxy_pass {{ target }};
    }
    {% endfor %}
}
{% endfor %}
"""

NGINX_DATA = {"servers": [
    {"names": ["example.com", "www.example.com"], "tls": True, "port": 443,
     "routes": {"/api": "http://127.0.0.1:8080", "/": "http://127.0.0.1:3000"}},
    {"names": ["internal.local"], "routes": {"/": "http://10.0.0.2"}},
]}

ENV_FILE = """# generated
{% for k, v in env|dictsort -%}
{{ k|upper }}={{ v|string|tojson if v is string and ' ' in v else v }}
{% endfor -%}
DEBUG={{ debug|lower }}
"""

YAML_CFG = """app:
  name: {{ app.name }}
  replicas: {{ app.replicas }}
  ports:
{%- for p in app.ports %}
    - {{ p }}
{%- endfor %}
  env:
{{ app.env|dictsort|map('join', ': ')|join('\\n')|indent(4, true) }}
  limits: {{ app.limits|tojson }}
"""

CASES = [
    case("doc_invoice_markdown", INVOICE_MD, dict(ORDER, discount_rate=0.05), main="invoice.md.j2"),
    case("doc_invoice_markdown_trim", INVOICE_MD, dict(ORDER, discount_rate=0.05), main="invoice.md.j2", trim_blocks=True, lstrip_blocks=True),
    case("doc_invoice_paid_notes", INVOICE_MD, dict(ORDER, discount_rate=0.05, paid=True, notes="Thanks!", items=ORDER["items"][:1]), main="invoice.md.j2"),
    case("doc_invoice_text", INVOICE_TXT, ORDER),
    case("doc_invoice_empty", INVOICE_MD, dict(ORDER, discount_rate=0, items=[], customer={"name": "X", "street": "S", "city": "C"}), main="invoice.md.j2"),
    case("doc_resume_latex", RESUME, RESUME_DATA, main="resume.tex.j2", delimiters="latex"),
    case("doc_resume_latex_trim", RESUME, RESUME_DATA, main="resume.tex.j2", delimiters="latex", trim_blocks=True, lstrip_blocks=True),
    case("doc_resume_latex_no_awards", RESUME, dict(RESUME_DATA, awards=[], jobs=RESUME_DATA["jobs"][1:]), main="resume.tex.j2", delimiters="latex", keep_trailing_newline=True),
    case("doc_readme", README, README_DATA, main="README.md.j2"),
    case("doc_readme_keep_newline", README, README_DATA, main="README.md.j2", keep_trailing_newline=True, trim_blocks=True),
    case("doc_html_posts", templates={"posts.html": POSTS, "base.html": PAGE}, data=SITE, main="posts.html", autoescape="by-name"),
    case("doc_html_posts_trim", templates={"posts.html": POSTS, "base.html": PAGE}, data=SITE, main="posts.html", autoescape="by-name", trim_blocks=True, lstrip_blocks=True),
    case("doc_html_no_posts", templates={"posts.html": POSTS, "base.html": PAGE}, data=dict(SITE, posts=[]), main="posts.html", autoescape=True),
    case("doc_nginx_conf", NGINX, NGINX_DATA, trim_blocks=True, lstrip_blocks=True),
    case("doc_nginx_conf_plain", NGINX, NGINX_DATA),
    case("doc_env_file", ENV_FILE, {"env": {"db_host": "localhost", "port": 5432, "greeting": "hello world"}, "debug": False}),
    case("doc_yaml_config", YAML_CFG, {"app": {"name": "web", "replicas": 3, "ports": [80, 443],
                                               "env": {"MODE": "prod", "LOG": "info"}, "limits": {"cpu": "500m", "mem": 512}}}),
    case("doc_email_text", "Dear {{ user.first|title }},\n\n{% if orders %}You have {{ orders|length }} open order{{ orders|length != 1 and 's' or '' }}:\n{% for o in orders %}  * #{{ o.id }} – {{ '%.2f'|format(o.total) }} ({{ o.status|capitalize }})\n{% endfor %}{% else %}You have no open orders.\n{% endif %}\nTotal due: {{ '%.2f'|format(orders|sum(attribute='total')) }}\n-- \n{{ signature|default('The Team') }}",
         {"user": {"first": "aLICE"}, "orders": [{"id": 7, "total": 12.5, "status": "SHIPPED"}, {"id": 9, "total": 100.0, "status": "pending"}]}),
    case("doc_csv_export", "{{ cols|join(',') }}\n{% for r in rows %}{% for c in cols %}{% set v = r[c] %}{% if v is string and (',' in v or '\"' in v) %}\"{{ v|replace('\"', '\"\"') }}\"{% else %}{{ v }}{% endif %}{% if not loop.last %},{% endif %}{% endfor %}\n{% endfor %}",
         {"cols": ["id", "name", "note"], "rows": [{"id": 1, "name": "a, b", "note": "say \"hi\""}, {"id": 2, "name": "c", "note": None}]}),
    case("doc_report_groupby", "{% for dept, people in staff|groupby('dept') %}## {{ dept }} ({{ people|length }})\n{% for p in people|sort(attribute='salary', reverse=true) %}- {{ p.name }}: {{ '{:,}'.format(p.salary) }}\n{% endfor %}Avg: {{ '%.1f'|format((people|sum(attribute='salary')) / people|length) }}\n\n{% endfor %}",
         {"staff": [{"name": "A", "dept": "Eng", "salary": 120000}, {"name": "B", "dept": "Ops", "salary": 90000},
                    {"name": "C", "dept": "Eng", "salary": 135000}, {"name": "D", "dept": "Eng", "salary": 99500}]}),
    case("doc_sitemap_xml", "<?xml version=\"1.0\"?>\n<urlset>\n{% for u in urls %}  <url><loc>{{ base }}{{ u.path }}</loc>{% if u.prio %}<priority>{{ '%.1f'|format(u.prio) }}</priority>{% endif %}</url>\n{% endfor %}</urlset>",
         {"base": "https://ex.com", "urls": [{"path": "/?a=1&b=2", "prio": 1}, {"path": "/<odd>"}]}, main="sitemap.xml", autoescape="by-name"),
]
