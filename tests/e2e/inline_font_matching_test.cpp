// run_font_matching_inline(): Pango's font-set matching threads run on the renderer's thread,
// with the same PDF as a result; other GLib threads are still threads.

#include "cli/inline_font_matching.h"

#include <glib.h>
#include <gtest/gtest.h>

#include <string>

#include "docforge/document.h"
#include "document/pdf_test_leaks.h"

namespace docforge::cli {
namespace {

constexpr const char* kDocument =
    "---\ntitle: Matching\n---\n# Heading\n\nBody text with **bold**, *italic* and `code`, "
    "and a character the theme's fonts lack: \xce\xb1\xce\xb2\xce\xb3 \xe2\x86\x92 \xe2\x9c\x93.\n\n"
    "| a | b |\n|---|---|\n| 1 | 2 |\n";

std::string render_pdf() {
  document::PdfEngine engine;  // its own font map: every font set is new to it
  auto r = engine.render(kDocument);
  EXPECT_TRUE(r.ok());
  return r.ok() ? r.value().bytes : std::string();
}

TEST(InlineFontMatching, SamePdfWithPangosThreadsRunInline) {
  const std::string threaded = render_pdf();
  EXPECT_EQ(font_matching_runs_inline(), 0);
  run_font_matching_inline();
  const std::string inlined = render_pdf();
  EXPECT_GT(font_matching_runs_inline(), 0);  // Pango 1.50 made its threads, and they ran here
  ASSERT_FALSE(inlined.empty());
  EXPECT_EQ(threaded, inlined);
}

TEST(InlineFontMatching, OtherThreadsAreStillThreads) {
  run_font_matching_inline();
  const int before = font_matching_runs_inline();
  GThread* self = g_thread_self();
  GThread* t = g_thread_new(
      "docforge-test", [](gpointer data) -> gpointer { return g_thread_self() == data ? nullptr : data; }, self);
  EXPECT_EQ(g_thread_join(t), self);  // ran on another thread
  EXPECT_EQ(font_matching_runs_inline(), before);
}

}  // namespace
}  // namespace docforge::cli
