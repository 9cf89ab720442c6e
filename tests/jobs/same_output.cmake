# Runs framelint over one generated corpus with -j 1 and with more threads,
# in every format, and fails unless stdout, stderr and the exit code are
# byte for byte the same.
#   cmake -DFRAMELINT=exe -DSOURCE_DIR=repo -DWORK_DIR=dir -DSTOP=0|1 -P same_output.cmake
cmake_minimum_required(VERSION 3.25)

# --- the corpus -------------------------------------------------------------
# Sizes vary a lot and the biggest draft comes first, so with several threads
# later drafts finish before earlier ones: reporting in the order work ends
# would show up as a difference.
file(REMOVE_RECURSE "${WORK_DIR}")
set(tree "${WORK_DIR}/tree")
file(GLOB drafts "${SOURCE_DIR}/corpora/en/*.md" "${SOURCE_DIR}/corpora/en/*.html"
     "${SOURCE_DIR}/corpora/en/*.txt" "${SOURCE_DIR}/corpora/drafts/*")
list(SORT drafts)
set(big "")
foreach(d IN LISTS drafts)
  file(READ "${d}" text)
  string(APPEND big "${text}\n\n")
endforeach()
string(REPEAT "${big}" 6 big)
file(WRITE "${tree}/a-big/00-everything.md" "${big}")
foreach(copy RANGE 1 6)
  foreach(d IN LISTS drafts)
    get_filename_component(name "${d}" NAME)
    file(COPY "${d}" DESTINATION "${tree}/b-copy-${copy}")
  endforeach()
endforeach()
# Other languages, so a second ruleset is built while the first is in use.
file(GLOB others "${SOURCE_DIR}/corpora/fr/*.md" "${SOURCE_DIR}/corpora/de/*.md"
     "${SOURCE_DIR}/corpora/es/*.md")
file(COPY ${others} DESTINATION "${tree}/c-languages")
# Notices: invalid UTF-8, a lone UTF-16 surrogate, a binary file.
file(COPY "${SOURCE_DIR}/tests/cli/invalid-utf8/bad.txt"
     "${SOURCE_DIR}/tests/cli/utf16-utf32/lone-surrogate.txt"
     "${SOURCE_DIR}/tests/cli/utf16-utf32/utf16le.txt"
     DESTINATION "${tree}/d-notices")
file(COPY "${SOURCE_DIR}/tests/cli/folder-binary-only/tree/bin.md" DESTINATION "${tree}/d-notices")
# Errors: damaged Word files.
file(COPY "${SOURCE_DIR}/tests/cli/docx-damaged/cut.docx"
     "${SOURCE_DIR}/tests/cli/docx-damaged/not-word.docx"
     DESTINATION "${tree}/e-errors")
# A config that ignores some drafts and names the language.
file(COPY ${drafts} DESTINATION "${tree}/f-config")
file(WRITE "${tree}/f-config/.framelint.yml" "language: en\nignore:\n  - '*.txt'\n")
if(STOP)
  # A config that does not load, halfway: drafts before it are reported,
  # none after it.
  file(COPY ${drafts} DESTINATION "${tree}/e-errors/z-broken")
  file(WRITE "${tree}/e-errors/z-broken/.framelint.yml" "langauge: en\n")
endif()

# --- runs -------------------------------------------------------------------
function(run_framelint out_prefix)
  execute_process(COMMAND "${FRAMELINT}" ${ARGN}
    WORKING_DIRECTORY "${WORK_DIR}"
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code TIMEOUT 240)
  set(${out_prefix}_out "${out}" PARENT_SCOPE)
  set(${out_prefix}_err "${err}" PARENT_SCOPE)
  set(${out_prefix}_code "${code}" PARENT_SCOPE)
endfunction()

set(failures 0)
function(compare what a b)
  foreach(part out err code)
    if(NOT "${${a}_${part}}" STREQUAL "${${b}_${part}}")
      file(WRITE "${WORK_DIR}/${what}.${a}.${part}" "${${a}_${part}}")
      file(WRITE "${WORK_DIR}/${what}.${b}.${part}" "${${b}_${part}}")
      message(NOTICE "${what}: ${part} differs between ${a} and ${b}: compare "
                     "${WORK_DIR}/${what}.${a}.${part} and ${WORK_DIR}/${what}.${b}.${part}")
      math(EXPR n "${failures} + 1")
      set(failures ${n} PARENT_SCOPE)
    endif()
  endforeach()
endfunction()

# The corpus must hold what the test is about, or it proves nothing.
run_framelint(one -j 1 -f gnu tree)
foreach(want "warning: " "notice: " "skipped: binary file" "cut.docx: not a readable zip")
  if(NOT "${one_out}${one_err}" MATCHES "${want}")
    message(FATAL_ERROR "the -j 1 run has no '${want}': the corpus does not test it")
  endif()
endforeach()
if(NOT one_code EQUAL 2)
  message(FATAL_ERROR "the -j 1 run exited with ${one_code}, expected 2 (damaged files)")
endif()
if(STOP AND (NOT one_err MATCHES "unknown key 'langauge'" OR one_out MATCHES "f-config/"))
  message(FATAL_ERROR "the -j 1 run did not stop at the broken config")
endif()

foreach(format gnu text json jsonl sarif checkstyle github html)
  set(args -f ${format} tree)
  if(format STREQUAL "text")
    list(PREPEND args --color always)
  endif()
  run_framelint(one -j 1 ${args})
  foreach(n 2 3 8)
    run_framelint(many${n} -j ${n} ${args})
    compare(${format} one many${n})
  endforeach()
endforeach()
run_framelint(one -j 1 --diff tree)
run_framelint(many -j 4 --diff tree)
compare(diff one many)

# Record streams go through the same pool: the real-text sets (thousands of
# records, several languages) and a stream with bad lines, in the formats that
# carry record ids, and framelint stats over them.
file(GLOB streams "${SOURCE_DIR}/corpora/real/*.jsonl")
list(SORT streams)
list(APPEND streams "${SOURCE_DIR}/tests/cli/records-jsonl/posts.jsonl")
run_framelint(one -j 1 --input jsonl -f jsonl ${streams})
if(NOT one_out MATCHES "\"record\": " OR NOT one_err MATCHES "notice: skipped")
  message(FATAL_ERROR "the -j 1 records run has no record ids or no bad lines: it tests nothing")
endif()
foreach(format jsonl json sarif gnu)
  run_framelint(one -j 1 --input jsonl -f ${format} ${streams})
  run_framelint(many -j 3 --input jsonl -f ${format} ${streams})
  compare(records-${format} one many)
endforeach()
run_framelint(one stats -j 1 --input jsonl --by month -f json ${streams})
run_framelint(many stats -j 3 --input jsonl --by month -f json ${streams})
compare(records-stats one many)

if(failures)
  message(FATAL_ERROR "${failures} differences between -j 1 and -j N")
endif()
