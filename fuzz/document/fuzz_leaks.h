// LeakSanitizer settings for the document fuzz targets: include in exactly one file of each.
//
// fontconfig's memory looks lost to LeakSanitizer where it is not: fontconfig keeps a
// pattern's elements at an offset from the pattern, which LeakSanitizer cannot follow, so the
// patterns of the engine's font subset (build_fast_config, font_config.h) and those a
// FontMatcher keeps (font_matcher.h) look lost while they live, and here they live for the
// process (libFuzzer checks for leaks after any input that allocated more than it freed); FcInit
// also loses some once per process. The PDF tests suppress these by function, which needs full
// unwinding on every malloc (fontconfig has no frame pointers) and would halve the fuzzers'
// speed; here every allocation made inside fontconfig is suppressed instead. The tests, under
// ASan, still check that the engine releases its fontconfig objects (they delete their
// matchers), and nothing else is suppressed.
#ifndef DOCFORGE_FUZZ_DOCUMENT_FUZZ_LEAKS_H_
#define DOCFORGE_FUZZ_DOCUMENT_FUZZ_LEAKS_H_

extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

#endif  // DOCFORGE_FUZZ_DOCUMENT_FUZZ_LEAKS_H_
