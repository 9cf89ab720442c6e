-- framelint as a language server in Neovim's built-in LSP client (0.7 and
-- later): diagnostics as you type, quick fixes with vim.lsp.buf.code_action(),
-- the rule's explanation with vim.lsp.buf.hover(). Put this file in
-- ~/.config/nvim/plugin/, or `luafile` it from your init.lua.
local client_id

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('framelint_lsp', { clear = true }),
  pattern = { 'markdown', 'text', 'html' },
  callback = function(args)
    -- One server for every draft: it finds each file's .framelint.yml itself.
    if not client_id or vim.lsp.client_is_stopped(client_id) then
      client_id = vim.lsp.start_client({
        name = 'framelint',
        cmd = { 'framelint', 'lsp' },
        root_dir = vim.fn.getcwd(),
      })
    end
    if client_id then
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
