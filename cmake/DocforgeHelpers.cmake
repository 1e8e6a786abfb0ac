# docforge_add_library(NAME SOURCES a.cpp ... [DEPS target ...])
#   A static library docforge_NAME with the public headers in include/ and src/ on its path.
function(docforge_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(docforge_${name} STATIC ${ARG_SOURCES})
  target_include_directories(docforge_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(docforge_${name} PUBLIC ${ARG_DEPS})
  add_library(docforge::${name} ALIAS docforge_${name})
endfunction()

# docforge_add_test(NAME SOURCES a_test.cpp ... [DEPS target ...] [LABELS l ...])
#   A GoogleTest binary NAME_test; each TEST becomes its own ctest entry so ctest -j runs
#   them in parallel.
function(docforge_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name}_test ${ARG_SOURCES})
  target_include_directories(${name}_test PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name}_test PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name}_test PRIVATE
    DOCFORGE_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    DOCFORGE_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name}_test
    DISCOVERY_MODE PRE_TEST
    PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
