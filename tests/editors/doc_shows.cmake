# fl_doc_shows(FILE SECTION): fails unless docs/integrations.md shows FILE
# exactly as it is, so a shipped editor file and its documented copy never
# drift. Needs SOURCE_DIR. Included by the editor tests that run such files.
function(fl_doc_shows file section)
  file(READ ${file} text)
  file(READ ${SOURCE_DIR}/docs/integrations.md doc)
  string(FIND "${doc}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "docs/integrations.md does not show ${file} as it is: "
                        "copy the file into the ${section} section")
  endif()
endfunction()
