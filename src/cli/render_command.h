// `docforge render`: one template plus data in, one document out.
//
//   docforge render TEMPLATE [--data FILE]... [--set KEY=VALUE]... [-o OUT]
//                   [--template-dir DIR]... [--autoescape | --no-autoescape]
//                   [--trim-blocks] [--lstrip-blocks] [--keep-trailing-newline]
//                   [--undefined lenient|strict|chainable] [--delimiters jinja|latex]
//                   [--line-statement-prefix P] [--line-comment-prefix P]
//
// Exit status: 0 on success, 1 for template or data errors, 2 for usage errors.

#ifndef DOCFORGE_CLI_RENDER_COMMAND_H_
#define DOCFORGE_CLI_RENDER_COMMAND_H_

#include <functional>

namespace CLI {
class App;
}

namespace docforge::cli {

// Adds the subcommand to `app`; the returned function runs it after parsing and returns the
// process exit status.
std::function<int()> add_render_command(CLI::App& app);

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_RENDER_COMMAND_H_
