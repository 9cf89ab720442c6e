# Runs quickfix.vim in Vim with no user config (-u NONE) and the shipped
# compiler plugin on its runtimepath, and compares the quickfix list with
# quickfix.expected. Also checks docs/integrations.md shows the plugin as is.
# cmake -DVIM=... -DFRAMELINT_DIR=... -DSOURCE_DIR=... -DWORK=... -P vim_quickfix.cmake
set(here ${SOURCE_DIR}/tests/editors)
set(plugin ${SOURCE_DIR}/contrib/vim/compiler/framelint.vim)
include(${here}/doc_shows.cmake)
fl_doc_shows(${plugin} Vim)
if(NOT VIM)
  message("SKIPPED: vim is not installed (scripts/setup installs vim-nox)")
  return()
endif()

file(REMOVE_RECURSE ${WORK})
file(COPY ${here}/drafts/ DESTINATION ${WORK})
set(ENV{PATH} "${FRAMELINT_DIR}:$ENV{PATH}")
set(ENV{FL_OUT} ${WORK}/quickfix.out)
execute_process(
  COMMAND ${VIM} -es -N -u NONE -i NONE -n --cmd "set rtp^=${SOURCE_DIR}/contrib/vim"
          -S ${here}/quickfix.vim
  WORKING_DIRECTORY ${WORK} INPUT_FILE /dev/null TIMEOUT 60
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT EXISTS ${WORK}/quickfix.out)
  message(FATAL_ERROR "vim wrote nothing (exit ${rc}): ${out}")
endif()
file(READ ${WORK}/quickfix.out got)
file(READ ${here}/quickfix.expected want)
if(NOT rc EQUAL 0 OR NOT got STREQUAL want)
  message(FATAL_ERROR "quickfix list differs (vim exit ${rc}).\n"
                      "expected:\n${want}\ngot:\n${got}\n${out}")
endif()
