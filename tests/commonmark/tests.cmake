# The CommonMark spec's examples through the Markdown reader
# (commonmark.spec): see spec_test.c and README.md. Included by
# tests/CMakeLists.txt.
add_executable(fl_spec_test ${CMAKE_CURRENT_LIST_DIR}/spec_test.c)
target_include_directories(fl_spec_test PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_link_libraries(fl_spec_test PRIVATE fl_objs)
target_compile_definitions(fl_spec_test PRIVATE FRAMELINT_STATIC_DEFINE)
fl_target_warnings(fl_spec_test)
add_test(NAME commonmark.spec
         COMMAND fl_spec_test ${CMAKE_CURRENT_LIST_DIR}/spec-examples.txt
                 ${CMAKE_CURRENT_LIST_DIR}/known-exceptions.txt)
set_tests_properties(commonmark.spec PROPERTIES LABELS commonmark TIMEOUT 60)
