// Turning a rendered template into the requested document: the output format follows --to or
// the -o extension, the source format follows --from or the template's name (x.md.j2 is
// Markdown). Markdown converts to HTML, PDF or plain text; any other pairing where the source
// already is the target passes the text through unchanged.

#ifndef DOCFORGE_CLI_DOCUMENT_OUTPUT_H_
#define DOCFORGE_CLI_DOCUMENT_OUTPUT_H_

#include <string>
#include <vector>

#include "docforge/error.h"

namespace CLI {
class App;
}

namespace docforge::cli {

struct DocumentFlags {
  std::string to;    // html | pdf | md | txt | tex; empty: from the -o extension
  std::string from;  // markdown | html | latex | text; empty: from the template name
  bool fragment = false;
  std::string theme;
};

void add_document_flags(CLI::App& cmd, DocumentFlags& flags);

struct Document {
  std::string bytes;
  std::vector<std::string> warnings;
};

// `text` is what the template rendered; `template_path` and `output_path` (may be empty) give
// the default formats. `base_dir` is where relative image paths resolve (the template's folder).
Result<Document> make_document(std::string text, const DocumentFlags& flags,
                               const std::string& template_path, const std::string& output_path);

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_DOCUMENT_OUTPUT_H_
