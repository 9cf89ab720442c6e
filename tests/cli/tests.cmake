# CLI tests, include()d by tests/CMakeLists.txt: every folder under tests/cli
# that holds an `args` file is a golden case (cli.<case>), and each script
# under bad/ checks one pathological input (cli.bad.<name>).
set(FL_CLI_DIR ${CMAKE_CURRENT_LIST_DIR})

file(GLOB FL_CLI_ARGS CONFIGURE_DEPENDS ${FL_CLI_DIR}/*/args)
list(SORT FL_CLI_ARGS)
foreach(args_file IN LISTS FL_CLI_ARGS)
  get_filename_component(case_dir ${args_file} DIRECTORY)
  get_filename_component(case ${case_dir} NAME)
  add_test(NAME cli.${case}
    COMMAND ${CMAKE_COMMAND} -DFRAMELINT=$<TARGET_FILE:framelint>
            -DCASE_DIR=${case_dir} -P ${FL_CLI_DIR}/run_case.cmake)
  # A hang guard, not a speed test: each case takes milliseconds.
  set_tests_properties(cli.${case} PROPERTIES LABELS cli TIMEOUT 120)
endforeach()

# Pathological inputs are generated at test time into the build tree. The
# sanitizer build runs about three times slower, so its long line is shorter.
# The pattern-heavy one-sentence line is slower per megabyte (every
# triggered pattern reads the sentence once), so it is shorter still; at 10 MB
# the quadratic version it guards against takes over two minutes.
if(FL_SANITIZE)
  set(FL_BAD_LONG_LINE_MB 10)
  set(FL_BAD_PATTERN_LINE_MB 2)
else()
  set(FL_BAD_LONG_LINE_MB 50)
  set(FL_BAD_PATTERN_LINE_MB 10)
endif()
set(FL_BAD_WORK ${CMAKE_CURRENT_BINARY_DIR}/cli-bad)

function(fl_bad_test name script)
  add_test(NAME cli.bad.${name}
    COMMAND ${CMAKE_COMMAND} -DFRAMELINT=$<TARGET_FILE:framelint>
            -DWORK_DIR=${FL_BAD_WORK}/${name} ${ARGN}
            -P ${FL_CLI_DIR}/bad/${script})
  set_tests_properties(cli.bad.${name} PROPERTIES LABELS "cli;bad" TIMEOUT 300)
endfunction()

fl_bad_test(long-line long_line.cmake -DSIZE_MB=${FL_BAD_LONG_LINE_MB})
# Rules gated on a word anywhere in the paragraph once scanned every list hit
# of the paragraph for each match, so one huge paragraph was quadratic (32 MB
# took minutes). Regression test for the linear version.
fl_bad_test(long-paragraph-gates long_line.cmake -DSIZE_MB=${FL_BAD_LONG_LINE_MB} -DMIX=paragraph-gates)
set_tests_properties(cli.bad.long-paragraph-gates PROPERTIES TIMEOUT 120)
fl_bad_test(long-sentence-findings long_line.cmake -DSIZE_MB=${FL_BAD_LONG_LINE_MB} -DMIX=one-sentence)
set_tests_properties(cli.bad.long-sentence-findings PROPERTIES TIMEOUT 120)
fl_bad_test(long-sentence-patterns long_line.cmake -DSIZE_MB=${FL_BAD_PATTERN_LINE_MB} -DMIX=one-sentence-patterns)
set_tests_properties(cli.bad.long-sentence-patterns PROPERTIES TIMEOUT 120)
fl_bad_test(deep-quotes deep_nesting.cmake -DKIND=quote -DDEPTH=10000)
fl_bad_test(over-limit over_limit.cmake)
fl_bad_test(deep-lists deep_nesting.cmake -DKIND=list -DDEPTH=10000)
fl_bad_test(deep-divs deep_nesting.cmake -DKIND=div -DDEPTH=10000)
fl_bad_test(catastrophic-regex catastrophic_regex.cmake)
fl_bad_test(yaml-alias-bomb yaml_alias_bomb.cmake)
fl_bad_test(yaml-deep-brackets yaml_deep_brackets.cmake)
fl_bad_test(device-stdin device_stdin.cmake)
set_tests_properties(cli.bad.device-stdin PROPERTIES TIMEOUT 30)
