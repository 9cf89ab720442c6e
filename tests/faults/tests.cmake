# Faults from outside the program: a full disk on stdout, and (for --fix)
# signals. Each script drives the built command on throwaway files.
function(fl_fault_test name script)
  add_test(NAME faults.${name}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${script} $<TARGET_FILE:framelint> ${ARGN})
  set_tests_properties(faults.${name} PROPERTIES LABELS faults TIMEOUT 300
                       SKIP_RETURN_CODE 77)
endfunction()

fl_fault_test(stdout-full full.sh)
fl_fault_test(fix-signals signals.sh 5)
