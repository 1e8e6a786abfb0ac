// Stub: being implemented (see include/docforge/value.h).
#include "docforge/value.h"

namespace docforge {}  // namespace docforge
