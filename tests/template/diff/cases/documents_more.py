"""More realistic documents: an HTML app shell with form macros and navigation, an invoice
grouped by tax rate, a changelog, an API reference page, a Dockerfile and a plain-text report."""
from casekit import case

FORMS = """{% macro input(name, value='', type='text', label=none) -%}
{%- if label %}<label for="{{ name }}">{{ label }}</label>{% endif -%}
<input type="{{ type }}" name="{{ name }}" id="{{ name }}" value="{{ value|e }}"{{ kwargs|xmlattr }}>
{%- endmacro %}
{% macro select(name, options, selected=none) -%}
<select name="{{ name }}">
{%- for value, text in options %}
  <option value="{{ value }}"{% if value == selected %} selected{% endif %}>{{ text }}</option>
{%- endfor %}
</select>
{%- endmacro %}
{% macro field_errors(errors) -%}
{% if errors %}<ul class="errors">{% for e in errors %}<li>{{ e }}</li>{% endfor %}</ul>{% endif %}
{%- endmacro %}
"""

LAYOUT = """<!doctype html>
<html>
<head>
  <title>{% block title %}{% endblock %} | {{ app_name }}</title>
  {% block head %}<link rel="stylesheet" href="/static/app.css">{% endblock %}
</head>
<body>
  <nav>
  {% for href, caption in nav %}
    <a href="{{ href }}"{% if href == active %} class="active"{% endif %}>{{ caption }}</a>
  {% endfor %}
  </nav>
  {% with messages = flashes|default([]) %}
  {% if messages %}
  <div class="flash">{{ messages|join('<br>'|safe) }}</div>
  {% endif %}
  {% endwith %}
  <main>{% block main %}{% endblock %}</main>
</body>
</html>
"""

SIGNUP = """{% extends "layout.html" %}
{% import "forms.html" as f %}
{% block title %}Sign up{% endblock %}
{% block head %}{{ super() }}
  <script>window.CONFIG = {{ config|tojson }};</script>
{% endblock %}
{% block main %}
<form method="post" action="/signup?next={{ next_url|urlencode }}">
  {{ f.input('email', form.email, type='email', label='E-mail', required=true) }}
  {{ f.field_errors(errors.email) }}
  {{ f.input('name', form.name, label='Name <full>', placeholder="Jane \\"JD\\" Doe") }}
  {{ f.select('plan', [('free', 'Free'), ('pro', 'Pro & more')], selected=form.plan) }}
  {{ f.input('token', 's3cr3t', type='hidden') }}
  <button>Go</button>
</form>
{% endblock %}
"""

SIGNUP_DATA = {
    "app_name": "Forge <Beta>",
    "nav": [["/", "Home"], ["/signup", "Sign up"], ["/docs?a=1&b=2", "Docs & API"]],
    "active": "/signup",
    "flashes": ["Welcome <back>!", "Check your e-mail"],
    "config": {"api": "/api/v1", "debug": False, "note": "</script><script>"},
    "next_url": "/dash board?x=1",
    "form": {"email": "a@b.c", "name": "O'Brien \"Bob\"", "plan": "pro"},
    "errors": {"email": ["Already taken", "Must be <valid>"]},
}

INVOICE_TAX = """{%- set lines = [] -%}
INVOICE {{ invoice.no }} — {{ invoice.customer }}
{% for it in invoice.lines %}
{{- "%-3d %-24s %5s %10s %10s"|format(loop.index, it.name|truncate(24, true, '…', 0), it.qty, "%.2f"|format(it.unit), "%.2f"|format(it.qty * it.unit)) }}
{% endfor %}
{%- for rate, items in invoice.lines|groupby('vat') %}
VAT {{ (rate * 100)|round(1) }}%: base {{ "%.2f"|format(items|sum(attribute='unit')) }}
{%- endfor %}
Items: {{ invoice.lines|length }}, units: {{ invoice.lines|sum(attribute='qty') }}
Cheapest: {{ (invoice.lines|min(attribute='unit')).name }}; dearest: {{ (invoice.lines|max(attribute='unit')).name }}
Due {{ invoice.due }}{{ " (overdue!)" if invoice.overdue }}
"""

INVOICE_TAX_DATA = {"invoice": {
    "no": 17, "customer": "Acme Corp.", "due": "2024-07-01", "overdue": True,
    "lines": [
        {"name": "Consulting (senior, on-site, per day)", "qty": 3, "unit": 1200.0, "vat": 0.19},
        {"name": "Travel", "qty": 1, "unit": 312.45, "vat": 0.07},
        {"name": "Books", "qty": 4, "unit": 19.9, "vat": 0.07},
        {"name": "Licence", "qty": 1, "unit": 499, "vat": 0.19},
    ]}}

CHANGELOG = """# Changelog
{% for release in releases|sort(attribute='version', reverse=true) %}

## [{{ release.version }}] - {{ release.date }}
{% for kind, changes in release.changes|groupby('kind') %}
### {{ kind|capitalize }}
{% for c in changes %}
- {{ c.text }}{% if c.issue %} ([#{{ c.issue }}]({{ repo }}/issues/{{ c.issue }})){% endif %}
{% endfor %}
{% endfor %}
{% endfor %}
"""

CHANGELOG_DATA = {"repo": "https://git.example/forge", "releases": [
    {"version": "1.0.0", "date": "2024-01-10", "changes": [
        {"kind": "added", "text": "First stable release"}, {"kind": "fixed", "text": "Crash on empty input", "issue": 12}]},
    {"version": "1.1.0", "date": "2024-03-02", "changes": [
        {"kind": "added", "text": "LaTeX output", "issue": 40}, {"kind": "added", "text": "Batch mode"},
        {"kind": "changed", "text": "Faster PDF"}]},
]}

APIDOC = """{% for ep in endpoints %}
### `{{ ep.method|upper }} {{ ep.path }}`
{{ ep.summary }}
{% if ep.params %}

| Name | In | Type | Required | Description |
|------|----|------|----------|-------------|
{% for p in ep.params|sort(attribute='name') %}
| `{{ p.name }}` | {{ p.in }} | {{ p.type }} | {{ 'yes' if p.required else 'no' }} | {{ p.desc|default('—') }} |
{% endfor %}
{% endif %}

Example:

```json
{{ ep.example|tojson(indent=2) }}
```
{% endfor %}
"""

APIDOC_DATA = {"endpoints": [
    {"method": "get", "path": "/users/{id}", "summary": "Fetch one user.",
     "params": [{"name": "id", "in": "path", "type": "int", "required": True},
                {"name": "expand", "in": "query", "type": "str", "required": False, "desc": "Related objects, comma-separated"}],
     "example": {"id": 7, "name": "Ann", "roles": ["admin"], "manager": None}},
    {"method": "post", "path": "/ping", "summary": "Liveness probe.", "params": [], "example": {"ok": True}},
]}

DOCKERFILE = """FROM {{ base }}:{{ version }}
{% if labels %}
LABEL {% for k, v in labels.items() %}{{ k }}="{{ v }}"{{ " \\\\\\n      " if not loop.last }}{% endfor %}

{% endif %}
{% for pkg in packages|batch(3) %}
RUN apt-get install -y {{ pkg|join(' ') }}
{% endfor %}
ENV {{ env|dictsort|map('join', '=')|join(' ') }}
EXPOSE {{ ports|join(' ') }}
CMD {{ cmd|tojson }}
"""

DOCKER_DATA = {"base": "debian", "version": "12-slim", "labels": {"maintainer": "ops@example.com", "version": "1.2"},
               "packages": ["curl", "ca-certificates", "libfmt9", "libzstd1", "tini"],
               "env": {"TZ": "UTC", "LANG": "C.UTF-8"}, "ports": [8080, 9090], "cmd": ["docforge", "serve", "--listen", "0.0.0.0:8080"]}

REPORT = """{{ title|upper|center(50) }}
{{ '=' * 50 }}
{% for s in sections %}
{{ loop.index }}. {{ s.name }}
{{ '-' * (s.name|length + 3) }}
{{ s.body|wordwrap(48)|indent(3, true) }}
{% if s.metrics %}
   {% for k, v in s.metrics|dictsort %}{{ k.ljust(12, '.') }}{{ '{:>10,.1f}'.format(v) }}{{ '\\n   ' if not loop.last }}{% endfor %}

{% endif %}
{% endfor %}
Generated for {{ who|default('someone') }}. {{ sections|length }} section{{ 's' if sections|length != 1 }}.
"""

REPORT_DATA = {"title": "Quarterly report", "who": "the board", "sections": [
    {"name": "Revenue", "body": "Revenue grew strongly in all regions, driven by the new subscription tiers and a one-off licence deal in the public sector.",
     "metrics": {"q1": 1204533.5, "q2": 1398001.25, "growth_pct": 16.06}},
    {"name": "Costs", "body": "Flat.", "metrics": {}},
]}

CASES = [
    case("doc2_signup_page", templates={"signup.html": SIGNUP, "layout.html": LAYOUT, "forms.html": FORMS},
         data=SIGNUP_DATA, main="signup.html", autoescape="by-name"),
    case("doc2_signup_page_trim", templates={"signup.html": SIGNUP, "layout.html": LAYOUT, "forms.html": FORMS},
         data=SIGNUP_DATA, main="signup.html", autoescape="by-name", trim_blocks=True, lstrip_blocks=True),
    case("doc2_invoice_tax_groups", INVOICE_TAX, INVOICE_TAX_DATA),
    case("doc2_changelog", CHANGELOG, CHANGELOG_DATA, main="CHANGELOG.md.j2", trim_blocks=True),
    case("doc2_changelog_lstrip", CHANGELOG, CHANGELOG_DATA, main="CHANGELOG.md.j2", trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True),
    case("doc2_api_reference", APIDOC, APIDOC_DATA, trim_blocks=True),
    case("doc2_dockerfile", DOCKERFILE, DOCKER_DATA, trim_blocks=True, keep_trailing_newline=True),
    case("doc2_text_report", REPORT, REPORT_DATA, trim_blocks=True),
    case("doc2_text_report_plain", REPORT, REPORT_DATA),
]
