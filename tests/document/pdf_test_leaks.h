// LeakSanitizer settings for the PDF test binaries: include in exactly one file of each.
//
// Leaks inside the libraries, present before any of our code changed (checked on the same
// tests at an earlier commit): fontconfig 2.14 loses 288 bytes parsing the system configuration
// (FcInit, once per process). Without this, LeakSanitizer fails every test of the binary. The
// libraries have no frame pointers: full unwinding lets the suppressions see the functions.
// build_fast_config: the <selectfont> patterns of the engine's font subset
// (font_config.h) live as long as the process, in fontconfig's current configuration, but
// fontconfig keeps a pattern's elements at an offset from the pattern, which LeakSanitizer
// cannot follow, so they look lost. (cairo's PDF surface, which lost ~800 bytes per document
// in its finish, is no longer used: the engine writes PDF itself.)
#ifndef DOCFORGE_TESTS_DOCUMENT_PDF_TEST_LEAKS_H_
#define DOCFORGE_TESTS_DOCUMENT_PDF_TEST_LEAKS_H_

extern "C" const char* __lsan_default_suppressions() {
  return "leak:FcInitLoadConfigAndFonts\nleak:build_fast_config\n";
}
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

#endif  // DOCFORGE_TESTS_DOCUMENT_PDF_TEST_LEAKS_H_
