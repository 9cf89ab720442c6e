-- Neovim's own LSP client against `framelint lsp`: loads the shipped
-- contrib/neovim/framelint.lua, opens the draft, waits for diagnostics,
-- applies the preferred quick fix of each one, and writes the buffer to
-- $FL_OUT. Any failure writes "FAIL: why" there and quits with status 1.
local out = os.getenv('FL_OUT')

local function finish(text, status)
  local f = assert(io.open(out, 'wb'))
  f:write(text)
  f:close()
  vim.cmd((status == 0 and 'qall!' or 'cquit! ' .. status))
end

local function fail(why)
  finish('FAIL: ' .. why .. '\n', 1)
  error(why)
end

local ok, err = pcall(function()
  vim.cmd('luafile ' .. vim.fn.fnameescape(os.getenv('FL_PLUGIN')))
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('FL_DRAFT')))
  local buf = vim.api.nvim_get_current_buf()
  if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
    fail('no diagnostics within 10 s')
  end
  local client = vim.lsp.get_active_clients()[1]
  if not client or client.name ~= 'framelint' then
    fail('the framelint client is not running')
  end
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
    vim.lsp.util.make_position_params(0, client.offset_encoding), 5000)
  -- Fix one finding at a time, as a writer would, until none has a fix.
  for _ = 1, 20 do
    local fixed = false
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
      local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
      params.context = { diagnostics = {} }
      local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 5000)
      for _, answer in pairs(answers or {}) do
        for _, action in ipairs(answer.result or {}) do
          if action.isPreferred and not fixed then
            local tick = vim.api.nvim_buf_get_changedtick(buf)
            local count = #vim.diagnostic.get(buf)
            vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
            if vim.api.nvim_buf_get_changedtick(buf) == tick then
              fail('the quick fix changed nothing: ' .. action.title)
            end
            if not vim.wait(10000, function() return #vim.diagnostic.get(buf) < count end, 20) then
              fail('the diagnostics did not follow the fix: ' .. action.title)
            end
            fixed = true
          end
        end
      end
      if fixed then
        break
      end
    end
    if not fixed then
      break
    end
  end
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local text = table.concat(lines, '\n') .. '\n'
  if not hover or vim.tbl_isempty(hover) then
    fail('no hover answer')
  end
  finish(text, 0)
end)
if not ok then
  finish('FAIL: ' .. tostring(err) .. '\n', 1)
end
