# Neovim's built-in LSP client drives `framelint lsp` (nvim_quickfix.lua) on
# a Markdown draft, applies the quick fixes, and the buffer must read as
# `framelint --fix` writes the draft. Also checks docs/integrations.md shows
# contrib/neovim/framelint.lua as it is.
# cmake -DNVIM=... -DFRAMELINT=... -DSOURCE_DIR=... -DWORK=... -P nvim_quickfix.cmake
set(plugin ${SOURCE_DIR}/contrib/neovim/framelint.lua)
include(${SOURCE_DIR}/tests/editors/doc_shows.cmake)
fl_doc_shows(${plugin} "Neovim: the built-in client")
if(NOT NVIM)
  message("SKIPPED: nvim is not installed (scripts/setup installs neovim)")
  return()
endif()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
# An emoji and accents before findings: Neovim counts UTF-16 units.
file(WRITE ${WORK}/draft.md
  "# Café 🚢 news: a flood of migrants\n\n"
  "Naïve reporting on the coast: they call them illegal aliens.\n\n"
  "> Quoted: “a swarm of people” — kept as written.\n")
execute_process(COMMAND ${FRAMELINT} --fix --stdin-filename ${WORK}/draft.md -
                INPUT_FILE ${WORK}/draft.md OUTPUT_FILE ${WORK}/expected.md
                RESULT_VARIABLE rc)
get_filename_component(dir ${FRAMELINT} DIRECTORY)
set(ENV{PATH} "${dir}:$ENV{PATH}")
set(ENV{FL_PLUGIN} ${plugin})
set(ENV{FL_DRAFT} ${WORK}/draft.md)
set(ENV{FL_OUT} ${WORK}/buffer.md)
set(ENV{HOME} ${WORK})
execute_process(
  COMMAND ${NVIM} --headless --clean -n --cmd "filetype on"
          -c "luafile ${SOURCE_DIR}/tests/lsp/nvim_quickfix.lua"
  WORKING_DIRECTORY ${WORK} INPUT_FILE /dev/null TIMEOUT 120
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT EXISTS ${WORK}/buffer.md)
  message(FATAL_ERROR "nvim wrote nothing (exit ${rc}): ${out}")
endif()
file(READ ${WORK}/buffer.md got)
file(READ ${WORK}/expected.md want)
if(NOT rc EQUAL 0 OR NOT got STREQUAL want)
  message(FATAL_ERROR "the buffer differs from --fix (nvim exit ${rc}).\n"
                      "--fix:\n${want}\nbuffer:\n${got}\n${out}")
endif()
message("the buffer reads as --fix writes it")
