# The template engine: lexer, parser (with name resolution), interpreter, runtime objects,
# Environment/Template and loaders. Included by src/template/CMakeLists.txt.
docforge_add_library(template
  SOURCES
    ${CMAKE_CURRENT_SOURCE_DIR}/lexer.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/parser.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/interpreter.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/runtime_objects.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/environment.cpp
  DEPS docforge::builtins docforge::value fmt::fmt-header-only)
