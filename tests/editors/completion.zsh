# Loads contrib/completions/_framelint in an interactive zsh on a
# pseudo-terminal, presses Tab after a few command lines, and checks the
# words offered (caught by wrapping compadd).
# Usage: zsh -f completion.zsh COMPLETION_DIR FRAMELINT_DIR WORK_DIR
zmodload zsh/zpty || exit 1
dir=$1 bindir=$2 work=$3
failed=0
rm -rf $work && mkdir -p $work/drafts || exit 1
touch "$work/drafts/my draft.md" $work/drafts/notes.txt

cat > $work/zshrc <<RC
fpath=($dir \$fpath)
PATH=$bindir:\$PATH
cd $work
autoload -Uz compinit && compinit -u -d $work/zcompdump
bindkey '^I' complete-word
# Records what each call would offer, then offers it as usual; calls that
# only ask for matches (-O, -A, -D) are passed through untouched.
compadd() {
  local arg
  for arg; do
    [[ \$arg == (-|--) ]] && break
    [[ \$arg == -[a-zA-Z]#[OAD]* ]] && { builtin compadd "\$@"; return }
  done
  local -a hits
  builtin compadd -A hits "\$@"
  (( \$#hits )) && print -rl -- \$hits >> $work/offers
  builtin compadd "\$@"
}
RC

# Completes `line` (Tab at its end) and compares the sorted offers with `want`.
expect() {
  local want=$1 line=$2 got i
  rm -f $work/offers $work/done
  zpty z zsh -f -i
  zpty -w z "source $work/zshrc"
  zpty -w -n z "$line"$'\t'
  # zle skips completion when more keys are waiting: type the next line only
  # once the offers are in.
  for (( i = 0; i < 200; i++ )); do
    [[ -e $work/offers ]] && break
    sleep 0.05
  done
  sleep 0.2
  zpty -w -n z $'\C-u'"print done > $work/done"$'\n'
  for (( i = 0; i < 200; i++ )); do
    [[ -e $work/done ]] && break
    sleep 0.05
  done
  zpty -d z
  got=$( [[ -e $work/offers ]] && LC_ALL=C sort -u $work/offers | paste -sd ' ' -)
  if [[ $got != "$want" ]]; then
    print -r -- "FAIL: '$line<TAB>' offers '$got', expected '$want'"
    failed=1
  fi
}

expect '--format' 'framelint --form'
expect 'json jsonl' 'framelint --format j'
expect 'json jsonl' 'framelint --format=j'
expect 'always auto' 'framelint --colour a'
expect 'suggestion' 'framelint --fail-on s'
expect 'terminology.water-metaphor' 'framelint --explain terminology.water-m'
expect 'my\ draft.md' 'framelint drafts/my'
(( failed )) && exit 1
print "zsh completion: all offers as expected"
