" Follows the Vim recipe in docs/integrations.md: `:compiler framelint`, then
" `:make`, `:cexpr` and `:cgetfile`. Writes each quickfix entry, and where jumping to it
" lands, as one JSON list per line to $FL_OUT; any Vim error fails the test.
set nomore

function! s:Entries() abort
  let lines = []
  for e in getqflist()
    call add(lines, json_encode([bufname(e.bufnr), e.lnum, e.col, e.vcol, e.type,
          \ e.text, e.valid]))
  endfor
  return lines
endfunction

" The text at the cursor after `:cc N`: proves the column is the right one
" on a line with accents and dashes before the finding.
function! s:Landings() abort
  let lines = []
  for i in range(1, len(getqflist()))
    execute 'cc' i
    call add(lines, json_encode([bufname('%'), line('.'),
          \ strpart(getline('.'), col('.') - 1, 12)]))
  endfor
  return lines
endfunction

try
  " :make reads the buffer-local options that `:compiler` sets ...
  edit press\ release.md
  compiler framelint
  silent make! %:S
  let s:out = ['make:'] + s:Entries() + ['jumps:'] + s:Landings()
  " ... :cexpr and :cgetfile the global ones, which `:compiler!` sets.
  compiler! framelint
  cexpr system('framelint --format gnu ' . shellescape('press release.md'))
  let s:out += ['cexpr:'] + s:Entries()
  call system('framelint --format gnu ''press release.md'' > findings.txt')
  cgetfile findings.txt
  let s:out += ['cgetfile:'] + s:Entries()
  call writefile(s:out, $FL_OUT)
catch
  call writefile(['vim error: ' . v:exception . ' at ' . v:throwpoint], $FL_OUT)
  cquit
endtry
qall!
