# Editor and install integration: the Vim quickfix recipe, the man page, the
# shell completions, an install into a scratch prefix, and the rules
# catalogue's freshness. Tools that are missing skip their test by name.
set(FL_EDITORS_DIR ${CMAKE_CURRENT_LIST_DIR})
set(FL_EDITORS_WORK ${CMAKE_CURRENT_BINARY_DIR}/editors)

find_program(FL_VIM NAMES vim)
add_test(NAME editors.vim-quickfix
  COMMAND ${CMAKE_COMMAND} -DVIM=${FL_VIM} -DFRAMELINT_DIR=$<TARGET_FILE_DIR:framelint>
          -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DWORK=${FL_EDITORS_WORK}/vim
          -P ${FL_EDITORS_DIR}/vim_quickfix.cmake)
set_tests_properties(editors.vim-quickfix PROPERTIES LABELS editors TIMEOUT 120
  SKIP_REGULAR_EXPRESSION "SKIPPED:")

add_test(NAME editors.bash-completion
  COMMAND bash ${FL_EDITORS_DIR}/completion.bash
          ${CMAKE_SOURCE_DIR}/contrib/completions/framelint.bash
          $<TARGET_FILE:framelint> ${FL_EDITORS_WORK}/bash)
set_tests_properties(editors.bash-completion PROPERTIES LABELS editors TIMEOUT 60)

find_program(FL_ZSH NAMES zsh)
if(FL_ZSH)
  add_test(NAME editors.zsh-completion
    COMMAND ${FL_ZSH} -f ${FL_EDITORS_DIR}/completion.zsh
            ${CMAKE_SOURCE_DIR}/contrib/completions $<TARGET_FILE_DIR:framelint>
            ${FL_EDITORS_WORK}/zsh)
else()
  add_test(NAME editors.zsh-completion
    COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: zsh is not installed")
endif()
set_tests_properties(editors.zsh-completion PROPERTIES LABELS editors TIMEOUT 120
  SKIP_REGULAR_EXPRESSION "SKIPPED:")

find_program(FL_GROFF NAMES groff)
add_test(NAME editors.man-page
  COMMAND ${CMAKE_COMMAND} -DGROFF=${FL_GROFF} -DFRAMELINT=$<TARGET_FILE:framelint>
          -DPAGE=${CMAKE_SOURCE_DIR}/docs/framelint.1 -P ${FL_EDITORS_DIR}/man_check.cmake)
set_tests_properties(editors.man-page PROPERTIES LABELS editors TIMEOUT 60
  SKIP_REGULAR_EXPRESSION "SKIPPED:")

add_test(NAME editors.install
  COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR} -DPREFIX=${FL_EDITORS_WORK}/prefix
          -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DCC=${CMAKE_C_COMPILER} -DSANITIZE=${FL_SANITIZE}
          -DBINDIR=${CMAKE_INSTALL_BINDIR} -DLIBDIR=${CMAKE_INSTALL_LIBDIR}
          -DINCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR} -DMANDIR=${CMAKE_INSTALL_MANDIR}
          -DDATADIR=${CMAKE_INSTALL_DATADIR}
          -DAPI_VERSION=${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
          -P ${FL_EDITORS_DIR}/install_check.cmake)
set_tests_properties(editors.install PROPERTIES LABELS editors TIMEOUT 300)

add_test(NAME docs.catalog
  COMMAND ${CMAKE_COMMAND} -DCATALOG=$<TARGET_FILE:fl_catalog>
          -DGENERATED=${FL_EDITORS_WORK}/rules-catalog.md
          -DCOMMITTED=${CMAKE_SOURCE_DIR}/docs/rules-catalog.md
          -P ${FL_EDITORS_DIR}/catalog_check.cmake)
set_tests_properties(docs.catalog PROPERTIES LABELS docs TIMEOUT 60)
