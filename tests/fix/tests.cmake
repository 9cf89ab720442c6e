# --fix and --diff: the before/after golden file for every rule that can
# rewrite (FL_UPDATE_GOLDEN=1 regenerates it), and the command's behaviour on
# disk (mode, links, temporary files, stdin, a second run, a refused edit).
add_executable(fl_fix_before_after ${CMAKE_CURRENT_LIST_DIR}/before_after.c)
target_link_libraries(fl_fix_before_after PRIVATE framelint_lib)
fl_target_warnings(fl_fix_before_after)

add_test(NAME fix.before-after
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/golden.sh
                 $<TARGET_FILE:fl_fix_before_after> ${CMAKE_CURRENT_LIST_DIR}/before-after.txt)
add_test(NAME fix.cli COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/cli.sh $<TARGET_FILE:framelint>)
add_test(NAME fix.git-paths COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/gitpaths.sh $<TARGET_FILE:framelint>)
set_tests_properties(fix.before-after fix.cli fix.git-paths PROPERTIES LABELS fix TIMEOUT 120)
set_tests_properties(fix.git-paths PROPERTIES SKIP_RETURN_CODE 77)

# The --fix guarantees as a property (property.c): every real and hand-written
# text the project carries, every rule example. fix.property-catches shows the
# checker failing on rule files with deliberately broken rewrites.
add_executable(fl_fix_property ${CMAKE_CURRENT_LIST_DIR}/property.c)
target_link_libraries(fl_fix_property PRIVATE framelint_lib PkgConfig::FL_JSON)
target_compile_definitions(fl_fix_property PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
fl_target_warnings(fl_fix_property)
file(GLOB FL_REAL_SETS ${CMAKE_SOURCE_DIR}/corpora/real/*.jsonl)
add_test(NAME fix.property
         COMMAND fl_fix_property --examples --min-texts 1000 ${FL_REAL_SETS}
                 ${CMAKE_SOURCE_DIR}/corpora/en ${CMAKE_SOURCE_DIR}/corpora/fr
                 ${CMAKE_SOURCE_DIR}/corpora/es ${CMAKE_SOURCE_DIR}/corpora/de
                 ${CMAKE_SOURCE_DIR}/corpora/drafts)
add_test(NAME fix.property-catches
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/catches.sh $<TARGET_FILE:fl_fix_property>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(fix.property fix.property-catches PROPERTIES LABELS fix TIMEOUT 600)
