// framelint for VS Code: starts `framelint lsp` and connects VS Code's
// language client to it. Everything else (diagnostics, quick fixes, hover,
// "Fix all" on save through source.fixAll) comes from the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration('framelint');
  const serverOptions: ServerOptions = {
    command: config.get<string>('path', 'framelint'),
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'html' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: { debounceMs: config.get<number>('debounceMs', 150) },
  };
  client = new LanguageClient('framelint', 'framelint', serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // A new command path or debounce takes a new server.
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('framelint.path') || e.affectsConfiguration('framelint.debounceMs')) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
