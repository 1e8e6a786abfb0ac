#include "cli/render_command.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/data_context.h"
#include "cli/document_output.h"
#include "cli/output_file.h"
#include "docforge/environment.h"
#include "docforge/error.h"

namespace docforge::cli {
namespace {

struct RenderFlags {
  std::string template_path;
  std::vector<std::string> data_files;
  std::vector<std::string> sets;
  std::string output;
  std::vector<std::string> template_dirs;
  bool autoescape = false;
  bool no_autoescape = false;
  bool trim_blocks = false;
  bool lstrip_blocks = false;
  bool keep_trailing_newline = false;
  std::string undefined = "lenient";
  std::string delimiters = "jinja";
  std::string line_statement_prefix;
  std::string line_comment_prefix;
  DataFlags data;
  DocumentFlags document;
};

Options make_options(const RenderFlags& f, const CLI::App& cmd) {
  Options o;
  o.syntax = f.delimiters == "latex" ? Syntax::latex() : Syntax::jinja();
  if (cmd.count("--line-statement-prefix") > 0) o.syntax.line_statement_prefix = f.line_statement_prefix;
  if (cmd.count("--line-comment-prefix") > 0) o.syntax.line_comment_prefix = f.line_comment_prefix;
  o.trim_blocks = f.trim_blocks;
  o.lstrip_blocks = f.lstrip_blocks;
  o.keep_trailing_newline = f.keep_trailing_newline;
  if (f.autoescape) o.autoescape = AutoescapeMode::kOn;
  if (f.no_autoescape) o.autoescape = AutoescapeMode::kOff;
  if (f.undefined == "strict") o.undefined = UndefinedPolicy::kStrict;
  if (f.undefined == "chainable") o.undefined = UndefinedPolicy::kChainable;
  return o;
}

int report(const Error& e) {
  std::cerr << e.format_with_context() << '\n';
  return e.kind == ErrorKind::kUsage ? 2 : 1;
}

int run_render(const RenderFlags& f, const CLI::App& cmd) {
  Options options = make_options(f, cmd);

  std::vector<std::string> roots = f.template_dirs;
  if (roots.empty()) {
    std::filesystem::path parent = std::filesystem::path(f.template_path).parent_path();
    roots.push_back(parent.empty() ? std::string(".") : parent.string());
  }

  Environment env(options);
  env.set_loader(make_file_loader(roots));

  Result<Value> context = build_context(f.data_files, f.sets, f.data);
  if (!context.ok()) return report(context.error());
  context = check_context(std::move(context).value(), f.data, f.template_path);
  if (!context.ok()) return report(context.error());

  Result<std::string> source = read_input(f.template_path);
  if (!source.ok()) return report(source.error());

  auto tpl = env.from_string(*source, f.template_path);
  if (!tpl.ok()) return report(tpl.error());

  Result<std::string> text = (*tpl)->render(*context);
  if (!text.ok()) return report(text.error());

  Result<Document> doc = make_document(std::move(text).value(), f.document, f.template_path, f.output);
  if (!doc.ok()) return report(doc.error());
  for (const std::string& w : doc->warnings) std::cerr << f.template_path << ": warning: " << w << '\n';

  Status written = write_output(f.output, doc->bytes);
  if (!written.ok()) return report(written.error());
  return 0;
}

}  // namespace

std::function<int()> add_render_command(CLI::App& app) {
  auto flags = std::make_shared<RenderFlags>();
  CLI::App* cmd = app.add_subcommand(
      "render",
      "Render one template with data into one document.\n"
      "The output format follows the -o extension; without -o the text goes to stdout.");
  cmd->footer(
      "PDF fonts: a document whose text the theme's own fonts cover is laid out with those fonts\n"
      "only, found without reading fontconfig's rules (faster start-up); anything else uses every\n"
      "installed font with the system's rules. DOCFORGE_FONTS=system in the environment always\n"
      "does the latter: for your own fontconfig rules or font directories.");
  cmd->add_option("TEMPLATE", flags->template_path, "The template file to render")
      ->required()
      ->type_name("TEMPLATE");
  cmd->add_option("--data", flags->data_files,
                  "Data file whose top-level object becomes the template's variables ('-' reads "
                  "stdin). Repeatable: later files override earlier keys")
      ->type_name("FILE");
  cmd->add_option("--set", flags->sets,
                  "Set one variable: KEY=VALUE, VALUE parsed as JSON when it parses, else taken "
                  "as a string. Applied after --data. Repeatable")
      ->type_name("KEY=VALUE");
  cmd->add_option("-o,--output", flags->output, "Write the document here instead of stdout")
      ->type_name("OUT");
  cmd->add_option("--template-dir", flags->template_dirs,
                  "Folder that include/import/extends names resolve against, searched in order "
                  "(default: the template's own folder). Names never leave these folders")
      ->type_name("DIR");
  auto* on = cmd->add_flag("--autoescape", flags->autoescape,
                           "HTML-escape every {{ }} output (default: on for .html .htm .xml "
                           "templates, ignoring a trailing .j2)");
  auto* off = cmd->add_flag("--no-autoescape", flags->no_autoescape, "Never autoescape");
  on->excludes(off);
  cmd->add_flag("--trim-blocks", flags->trim_blocks,
                "Remove the first newline after a block tag (Jinja2 trim_blocks)");
  cmd->add_flag("--lstrip-blocks", flags->lstrip_blocks,
                "Strip spaces and tabs from the start of a line up to a block tag");
  cmd->add_flag("--keep-trailing-newline", flags->keep_trailing_newline,
                "Keep the template's final newline (by default one is removed, as in Jinja2)");
  cmd->add_option("--undefined", flags->undefined,
                  "What an undefined variable does: lenient prints nothing, chainable also "
                  "allows attribute access, strict is an error")
      ->check(CLI::IsMember({"lenient", "strict", "chainable"}))
      ->default_str("lenient");
  cmd->add_option("--delimiters", flags->delimiters,
                  "jinja: {% %} {{ }} {# #}; latex: \\BLOCK{ } \\VAR{ } \\#{ }, line statements "
                  "%% and line comments %#")
      ->check(CLI::IsMember({"jinja", "latex"}))
      ->default_str("jinja");
  cmd->add_option("--line-statement-prefix", flags->line_statement_prefix,
                  "Lines starting with P are statements (e.g. '#' or '%%')")
      ->type_name("P");
  cmd->add_option("--line-comment-prefix", flags->line_comment_prefix,
                  "Lines starting with P are comments (e.g. '##')")
      ->type_name("P");
  add_data_flags(*cmd, flags->data);
  add_document_flags(*cmd, flags->document);
  return [flags, cmd]() { return run_render(*flags, *cmd); };
}

}  // namespace docforge::cli
