// Turns the converter's input (Markdown with front matter + ConvertOptions) into what every
// backend needs: the parsed document, the merged settings and the theme.
//
// Settings precedence: ConvertOptions (when set) > front matter > theme defaults.
//
// Thread safety: pure function; the optional theme cache is owned by the caller.

#ifndef DOCFORGE_DOCUMENT_PREPARE_H_
#define DOCFORGE_DOCUMENT_PREPARE_H_

#include <map>
#include <string>
#include <string_view>

#include "docforge/document.h"
#include "document/front_matter.h"
#include "document/markdown.h"
#include "document/theme.h"

namespace docforge::document {

struct PreparedDocument {
  MarkdownDocument doc;
  DocumentSettings settings;  // with options applied
  Theme theme;                // with front-matter page size / margins / header / footer applied
  bool toc = false;
};

// Parsed themes by name or path; reused across documents by a long-lived engine.
using ThemeCache = std::map<std::string, Theme, std::less<>>;

Result<PreparedDocument> prepare_document(std::string_view markdown, const ConvertOptions& options,
                                          ThemeCache* cache);

// Today's date in UTC as "Month D, YYYY" (the default {date}).
std::string today_string();

}  // namespace docforge::document

#endif  // DOCFORGE_DOCUMENT_PREPARE_H_
