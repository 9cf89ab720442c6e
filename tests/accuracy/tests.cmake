# Accuracy: fl_accuracy lints the labelled corpora (corpora/<lang>/) and fails
# when precision drops below 0.95 or recall below 0.90. `cmake --build build
# --target accuracy` prints the figures for every language.
add_executable(fl_accuracy ${CMAKE_CURRENT_LIST_DIR}/accuracy.c)
target_link_libraries(fl_accuracy PRIVATE framelint_lib)
target_compile_definitions(fl_accuracy PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
fl_target_warnings(fl_accuracy)

file(GLOB FL_CORPUS_DIRS LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/corpora/*)
set(FL_CORPORA "")
foreach(dir IN LISTS FL_CORPUS_DIRS)
  if(EXISTS ${dir}/items.tsv)
    get_filename_component(lang ${dir} NAME)
    list(APPEND FL_CORPORA ${dir})
    add_test(NAME accuracy.${lang}
             COMMAND fl_accuracy --min-precision 0.95 --min-recall 0.90 ${dir})
    set_tests_properties(accuracy.${lang} PROPERTIES LABELS accuracy TIMEOUT 300)
  endif()
endforeach()
add_custom_target(accuracy
  COMMAND fl_accuracy ${FL_CORPORA}
  DEPENDS fl_accuracy
  COMMENT "Precision, recall and F1 per category and language"
  VERBATIM USES_TERMINAL)
