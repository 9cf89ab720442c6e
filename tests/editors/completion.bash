#!/usr/bin/env bash
# Sources contrib/completions/framelint.bash in a plain bash and checks what
# it offers for a few command lines, as bash would call it (COMP_WORDS and
# COMP_CWORD set, the word being completed last).
# Usage: completion.bash COMPLETION_FILE FRAMELINT WORK_DIR
set -u
source "$1" || exit 1
framelint=$2
work=$3
failed=0

# Completes the last of the given words; prints the offers sorted, on one line.
offers()
{
    COMP_WORDS=("$framelint" "$@")
    COMP_CWORD=$#
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _framelint framelint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd ' ' -
}

expect()
{
    local want=$1
    shift
    local got
    got=$(offers "$@")
    if [[ $got != "$want" ]]; then
        echo "FAIL: framelint $* <TAB> offers '$got', expected '$want'"
        failed=1
    fi
}

rm -rf "$work" && mkdir -p "$work/drafts" && cd "$work" || exit 1
touch "drafts/my draft.md" drafts/notes.txt

expect '--format' --form
expect '--fail-on --fix --format' --f
expect 'json jsonl' --format j
expect 'json jsonl' -f j
expect 'json jsonl' --format = j
expect 'checkstyle' --format c
expect 'suggestion' --fail-on s
expect 'always auto' --colour a
expect 'de' --lang d
expect 'drafts/my draft.md' drafts/my
expect 'drafts/my draft.md drafts/notes.txt' --rules drafts/
expect 'drafts/my draft.md' --format gnu --stdin-filename drafts/m

# Rule ids come from the binary: every terminology.w* rule it lists.
want=$("$framelint" --list-rules | awk 'NR > 1 && $1 ~ /^terminology\.w/ { print $1 }' |
       LC_ALL=C sort | paste -sd ' ' -)
if [[ -z $want ]]; then
    echo "FAIL: framelint --list-rules lists no terminology.w* rule"
    failed=1
fi
expect "$want" --explain terminology.w
expect 'terminology.water-metaphor' --explain terminology.water-m
expect '' --explain no-such-rule

if ((failed)); then
    exit 1
fi
echo "bash completion: all offers as expected"
