// Stub: being implemented (see builtins.h for the contract).
#include "template/builtins.h"

namespace docforge {}  // namespace docforge
