# bash completion for framelint: options, their values, rule ids for
# --explain (from `framelint --list-rules`) and files. Works with or without
# the bash-completion package.

# Rule ids, read from the framelint being completed, with the rule files
# named on the command line.
_framelint_rule_ids()
{
    local -a extra=()
    local i
    for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
        case ${COMP_WORDS[i]} in
            -r | --rules) extra+=(--rules "${COMP_WORDS[i + 1]}") ;;
            --no-default-rules) extra+=(--no-default-rules) ;;
        esac
    done
    "${COMP_WORDS[0]}" "${extra[@]}" --list-rules 2>/dev/null |
        awk 'NR > 1 { print $1 }'
}

_framelint_files()
{
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

_framelint()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # `--format=j` arrives as three words, since '=' breaks words.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi
    COMPREPLY=()
    local values=
    case $prev in
        -f | --format) values='text gnu json jsonl sarif checkstyle github html' ;;
        --fail-on) values='error warning suggestion' ;;
        --color | --colour) values='auto always never' ;;
        --lang) values='en fr es de' ;;
        --explain)
            mapfile -t COMPREPLY < <(compgen -W "$(_framelint_rule_ids)" -- "$cur")
            return
            ;;
        -r | --rules | --config | --stdin-filename)
            _framelint_files "$cur"
            return
            ;;
    esac
    if [[ -n $values ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
    elif [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W '-f --format --stdin-filename -r --rules
            --no-default-rules --config --no-config --lang --fail-on --fix --diff
            --color --colour --list-rules --explain -h --help --version' -- "$cur")
    else
        _framelint_files "$cur"
    fi
}

complete -F _framelint framelint
