// The shared libraries the docforge executable asks the dynamic loader for (its ELF NEEDED
// entries, read with readelf): each costs a fresh process ~0.3-0.4 ms, so the ones a render
// can do without stay out (src/document/pdf/README.md).
#include <gtest/gtest.h>

#include <string>

#include "e2e/run_process.h"

namespace docforge::testing {
namespace {

TEST(StartupLibraries, DocforgeDoesNotLinkTheLibrariesItCanDoWithout) {
  ProcessResult r = run_process({"/usr/bin/readelf", "-d", DOCFORGE_EXE});
  if (r.exit_code != 0) GTEST_SKIP() << "readelf (binutils) not available: " << r.err;
  ASSERT_NE(r.out.find("(NEEDED)"), std::string::npos) << r.out;
  // Linked statically (libyaml, re2, fribidi), header-only (toml++, fmt), dlopen()ed on the
  // first CFF font subset (hb-subset); text laid out without Pango (and so without GObject,
  // GIO and their dependencies: pdf/text_layout.h).
  for (const char* lib : {"[libyaml-0.so", "[libre2.so", "[libtomlplusplus.so", "[libfmt.so", "[libharfbuzz-subset.so",
                          "[libfribidi.so", "[libpango-1.0.so", "[libpangoft2-1.0.so", "[libgobject-2.0.so",
                          "[libgio-2.0.so"}) {
    EXPECT_EQ(r.out.find(lib), std::string::npos) << lib << " is NEEDED again:\n" << r.out;
  }
}

}  // namespace
}  // namespace docforge::testing
