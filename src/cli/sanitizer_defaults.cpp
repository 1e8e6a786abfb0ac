// Built into the `docforge` executable only with DOCFORGE_SANITIZE (the asan preset), so the
// end-to-end tests, which run the CLI as a process, see the same LeakSanitizer settings as the
// document tests (tests/document/pdf_test_leaks.h explains each suppression): leaks inside
// fontconfig's configuration parse and the PDF engine's font subset (fontconfig keeps pattern
// elements at offsets LeakSanitizer cannot follow). fontconfig has no frame pointers, so full
// unwinding is needed for the suppressions to match.

extern "C" const char* __lsan_default_suppressions() {
  return "leak:FcInitLoadConfigAndFonts\nleak:build_fast_config\n";
}
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }
