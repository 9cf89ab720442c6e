" Vim compiler file for framelint: `:compiler framelint`, then `:make %:S`
" (the current file) or `:make drafts/` fills the quickfix list.
" framelint counts columns in characters, so they are read with %v.
" Suggestions become 'i' (info) entries and notices 'n' (note) entries.

if exists('current_compiler')
  finish
endif
let current_compiler = 'framelint'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

CompilerSet makeprg=framelint\ --format\ gnu
CompilerSet errorformat=%f:%l:%v:\ %trror:\ %m,
                       \%f:%l:%v:\ %tarning:\ %m,
                       \%f:%l:%v:\ suggest%ton:\ %m,
                       \%f:%l:%v:\ %totice:\ %m,
                       \framelint:\ %f:%l:%v:\ %m

let &cpo = s:cpo_save
unlet s:cpo_save
