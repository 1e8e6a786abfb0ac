// docforge's command-line entry point: parses the subcommand and hands over to it.
// Each subcommand lives in its own file (render_command.cpp, ...); this file holds no logic.

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>

#include "cli/heap_tuning.h"
#include "cli/render_command.h"
#include "cli/version.h"

int main(int argc, char** argv) {
  docforge::cli::prefer_huge_heap_pages();  // one render and exit: see heap_tuning.h
  CLI::App app{
      "docforge — templates plus data in, documents out.\n"
      "Jinja2-compatible templates; data from JSON, JSON Lines, YAML, CSV, TOML;\n"
      "output as text, Markdown, HTML or PDF (by the -o extension or --to)."};
  app.name("docforge");
  app.set_version_flag("--version", docforge::cli::kVersion);
  app.require_subcommand(1);
  app.fallthrough(false);

  std::function<int()> render = docforge::cli::add_render_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // usage error
  }

  if (app.got_subcommand("render")) return render();
  return 2;
}
