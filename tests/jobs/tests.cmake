# -j: linting on several threads prints exactly what one thread prints, in
# the same order, on a corpus with findings, notices and errors
# (jobs.same-output), and stops where one thread stops when a config is
# broken halfway through (same script, STOP=1).
foreach(variant same-output stop)
  set(stop 0)
  if(variant STREQUAL "stop")
    set(stop 1)
  endif()
  add_test(NAME jobs.${variant}
    COMMAND ${CMAKE_COMMAND} -DFRAMELINT=$<TARGET_FILE:framelint>
            -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DSTOP=${stop}
            -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/jobs/${variant}
            -P ${CMAKE_CURRENT_LIST_DIR}/same_output.cmake)
  set_tests_properties(jobs.${variant} PROPERTIES LABELS jobs TIMEOUT 300)
endforeach()
