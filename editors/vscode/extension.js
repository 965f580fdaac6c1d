// Starts `cachec lsp` for .cache files. Diagnostics, hover, definition, completion and the
// outline all come from the server; this file only connects the two.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate() {
  const command = vscode.workspace.getConfiguration('cachec').get('path') || 'cachec';
  const server = { command, args: ['lsp'] };
  client = new LanguageClient('cachec', 'cachec', server, {
    documentSelector: [
      { scheme: 'file', language: 'cache' },
      { scheme: 'untitled', language: 'cache' },
    ],
  });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
