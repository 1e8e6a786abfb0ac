// The docforge version string printed by --version and used in cache keys later.
#ifndef DOCFORGE_CLI_VERSION_H_
#define DOCFORGE_CLI_VERSION_H_

namespace docforge::cli {
inline constexpr const char* kVersion = "docforge 0.1.0";
}

#endif  // DOCFORGE_CLI_VERSION_H_
