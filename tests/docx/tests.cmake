# Word and OpenDocument files with real producers and consumers: pandoc
# makes .docx and .odt from draft.md (docx.pandoc), and LibreOffice reads
# back what --fix wrote, changes accepted and rejected (docx.libreoffice).
# Each skips with a message naming the missing tool; scripts/setup
# installs them, so CI runs both. Included by tests/CMakeLists.txt.
add_test(NAME docx.pandoc
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/pandoc.sh $<TARGET_FILE:framelint>)
add_test(NAME docx.libreoffice
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/libreoffice.sh $<TARGET_FILE:framelint>)
set_tests_properties(docx.pandoc docx.libreoffice PROPERTIES LABELS docx TIMEOUT 180
                     SKIP_REGULAR_EXPRESSION "SKIPPED: ")

# Pathological files, made at test time (nothing big is committed): a zip
# bomb in one part, one spread over parts, and a 50 MB document.
foreach(case part-bomb package-bomb fifty-mb)
  add_test(NAME docx.bad.${case}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/bad.sh $<TARGET_FILE:framelint> ${case})
  set_tests_properties(docx.bad.${case} PROPERTIES LABELS "docx;bad" TIMEOUT 300
                       SKIP_REGULAR_EXPRESSION "SKIPPED: ")
endforeach()
