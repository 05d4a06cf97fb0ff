// Drives yaml-language-server over stdio as an editor would: initialize, open each file
// given, print the diagnostics the server publishes for it, then ask for completions at
// a line and column. Offline: the schema store is off, schemas come from the modelines.
// Usage: node lsp-client.js SERVER FILE... [--complete FILE LINE COLUMN]
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const args = process.argv.slice(2);
const server = args.shift();
let completion = null;
const files = [];
while (args.length > 0) {
  const arg = args.shift();
  if (arg === '--complete') {
    completion = { file: args.shift(), line: Number(args.shift()), column: Number(args.shift()) };
  } else {
    files.push(arg);
  }
}

const settings = {
  yaml: {
    validate: true, hover: true, completion: true, format: { enable: false },
    schemaStore: { enable: false }, schemas: {}, customTags: [],
  },
  http: { proxy: '', proxyStrictSSL: true },
  editor: { tabSize: 2 },
};

const child = spawn(server, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (chunk) => { stderr += chunk; });
const timer = setTimeout(() => { fail('no answer from the server within 60 seconds'); }, 60000);

function fail(message) {
  console.log(`lsp-client: ${message}`);
  if (stderr) { console.log(`server stderr: ${stderr.trim()}`); }
  child.kill();
  process.exit(1);
}

let nextId = 1;
const pending = new Map();
const diagnostics = new Map(); // uri -> [resolve, list]
function send(message) {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}
function notify(method, params) { send({ method, params }); }

let buffer = Buffer.alloc(0);
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) { return; }
    const match = /Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString());
    if (!match) { fail('a message without Content-Length'); }
    const length = Number(match[1]);
    if (buffer.length < end + 4 + length) { return; }
    const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString());
    buffer = buffer.slice(end + 4 + length);
    handle(message);
  }
});

function handle(message) {
  if (message.id !== undefined && message.method) {
    // A request from the server: its settings, or anything else answered with nothing.
    let result = null;
    if (message.method === 'workspace/configuration') {
      result = message.params.items.map((item) => (item.section ? settings[item.section] ?? null : settings));
    }
    send({ id: message.id, result });
    return;
  }
  if (message.id !== undefined) {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) { fail(`error from the server: ${JSON.stringify(message.error)}`); }
    if (resolve) { resolve(message.result); }
    return;
  }
  if (message.method === 'textDocument/publishDiagnostics') {
    const waiting = diagnostics.get(message.params.uri);
    if (waiting) { waiting(message.params.diagnostics); }
  }
}

const severities = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

async function open(file) {
  const uri = pathToFileURL(path.resolve(file)).href;
  const published = new Promise((resolve) => diagnostics.set(uri, resolve));
  notify('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') },
  });
  // The server publishes once per validation; a document with a schema is validated
  // once its schema has been read, so wait for the diagnostics of this version.
  const list = await published;
  diagnostics.delete(uri);
  return { uri, list };
}

async function main() {
  const root = process.cwd();
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: path.basename(root) }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        publishDiagnostics: { relatedInformation: false },
        completion: { completionItem: { snippetSupport: false } },
        hover: { contentFormat: ['plaintext'] },
      },
    },
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings });
  const opened = new Map();
  for (const file of files) {
    const { uri, list } = await open(file);
    opened.set(file, uri);
    console.log(`diagnostics of ${file}: ${list.length}`);
    // In the order of the file, whatever order the server found them in.
    list.sort((a, b) => a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character || a.message.localeCompare(b.message));
    for (const d of list) {
      console.log(`  ${d.range.start.line + 1}:${d.range.start.character + 1} ` +
        `${severities[d.severity] || d.severity}: ${d.message.replace(/\s+/g, ' ').trim()}`);
    }
  }
  if (completion) {
    const uri = opened.get(completion.file);
    const result = await request('textDocument/completion', {
      textDocument: { uri },
      position: { line: completion.line - 1, character: completion.column - 1 },
    });
    const items = Array.isArray(result) ? result : (result ? result.items : []);
    const labels = items.map((item) => item.label).sort();
    console.log(`completions at ${completion.file}:${completion.line}:${completion.column}: ${labels.join(', ')}`);
  }
  await request('shutdown', null);
  notify('exit', null);
  clearTimeout(timer);
}

main().catch((error) => fail(String(error && error.stack || error)));
