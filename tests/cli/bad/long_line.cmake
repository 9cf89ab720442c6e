# A Markdown file of one line, SIZE_MB megabytes of realistic sentences (a
# single 50 MB paragraph), linted with the shipped rules: it must end with a
# normal result, and stderr may only hold notices (such as the findings cap).
# MIX=paragraph-gates adds sentences for the rules with paragraph-wide gates;
# MIX=one-sentence makes the line one sentence with a finding in every clause.
include(${CMAKE_CURRENT_LIST_DIR}/common.cmake)
if(NOT DEFINED SIZE_MB)
  set(SIZE_MB 50)
endif()

set(sentences
  "The council opened two new shelters on Monday and thanked the volunteers who helped. "
  "Officials warned of a flood of migrants reaching the coast before winter. "
  "In 2023, 12,400 people arrived, 18% more than in 2022, with 41% on work visas, 28% as students and 9% joining family. "
  "Amina, a nurse at St Mary's, said the new clinic “changed everything” for her patients. "
  "Some papers still call them illegal immigrants, but the charity says undocumented migrants is the accurate term. ")
# Sentences whose rules look for a migration word anywhere in the paragraph,
# which here is the whole 50 MB line.
if(MIX STREQUAL "paragraph-gates")
  list(APPEND sentences
    "Residents said these people deserve a fair hearing, and the mayor agreed. "
    "Critics called it an invasion, while teachers described classrooms full of curious children. ")
endif()
# One sentence of the whole line, a finding every few words and no full
# stop: each finding's rewrite once read its sentence back to the line's
# start to see whether it was a headline, so the line was quadratic in its
# findings (a 22 MB line took six minutes). Regression test for the bounded
# read.
if(MIX STREQUAL "one-sentence")
  set(sentences "a flood of migrants reached the coast, ")
endif()
# The same with a pattern rule's match in every clause: the regex library
# checked the text from each match to the sentence's end before the next
# (2 MB took 29 s); a rule now stops after FL_REGEX_SENTENCE_MATCHES in one
# sentence.
if(MIX STREQUAL "one-sentence-patterns")
  set(sentences "a flood of migrants reached the coast, these people must go home, ")
endif()
string(JOIN "" block ${sentences})
string(LENGTH "${block}" block_len)
math(EXPR count "${SIZE_MB} * 1048576 / ${block_len}")
string(REPEAT "${block}" ${count} text)
file(WRITE "${WORK_DIR}/long.md" "${text}\n")
set(text "")

fl_bad_run(--no-config -f gnu long.md)
fl_bad_expect_code(0 1)
fl_bad_expect_only_notices()
if(bad_code EQUAL 1)
  fl_bad_expect_stdout("^long\\.md:1:[0-9]+: ")
endif()
fl_bad_done()
