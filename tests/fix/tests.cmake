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
set_tests_properties(fix.before-after fix.cli PROPERTIES LABELS fix TIMEOUT 120)
