# Unit tests of the template engine (lexer, parser, interpreter, environment). Included by
# tests/template/CMakeLists.txt.
docforge_add_test(template_engine
  SOURCES
    ${CMAKE_CURRENT_SOURCE_DIR}/basics_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/statements_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/syntax_test.cpp
    ${CMAKE_CURRENT_SOURCE_DIR}/loading_test.cpp
  DEPS docforge::template
  LABELS template)
