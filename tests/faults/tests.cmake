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
fl_fault_test(fix-kill-big kill-big.sh 6)

# Allocation failures, one at a time, in real runs of the command. The
# interposed malloc cannot sit beside the sanitizers' own, and it calls
# glibc's __libc_malloc underneath, so it is built only without them, on
# glibc. Every 3rd allocation fails (about 1,100 runs, half a minute);
# `bash tests/faults/alloc.sh build/framelint build/tests/libfl_failmalloc.so
# tests/cli/rules/basic.yml 1` tries every one (about 3,200).
if(NOT FL_SANITIZE AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  add_library(fl_failmalloc MODULE ${CMAKE_CURRENT_LIST_DIR}/failmalloc.c)
  fl_target_warnings(fl_failmalloc)
  target_compile_definitions(fl_failmalloc PRIVATE _DEFAULT_SOURCE)
  fl_fault_test(alloc alloc.sh $<TARGET_FILE:fl_failmalloc>
                ${CMAKE_SOURCE_DIR}/tests/cli/rules/basic.yml 3)
endif()
