// The packaged extension: `dist/extension.js` (built by `npm test` first) is one self-contained
// bundle that needs nothing but `vscode` and Node's own modules; `vsce` would package the bundle,
// grammar, icon and license and none of the sources or node_modules; the manifest names its
// license and a 128x128 PNG icon.
const assert = require('node:assert');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { test } = require('node:test');

const here = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));

test('the bundle needs only vscode and Node built-ins', () => {
  const bundle = path.join(here, manifest.main);
  // What VS Code provides, as far as loading goes: the client's classes extend some of its classes.
  const classes = {};
  const vscode = new Proxy({}, { get: (_, key) => (classes[key] ??= class {}) });
  const asked = [];
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (parent && parent.filename === bundle) asked.push(request);
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  try {
    const extension = require(bundle);
    assert.strictEqual(typeof extension.activate, 'function');
    assert.strictEqual(typeof extension.deactivate, 'function');
  } finally {
    Module._load = load;
  }
  const outside = asked.filter((r) => r !== 'vscode' && !Module.isBuiltin(r));
  assert.deepStrictEqual(outside, [], 'the bundle requires modules it does not hold');
});

test('vsce packages the bundle and its assets, not sources or node_modules', () => {
  const vsce = path.join(here, 'node_modules', '.bin', 'vsce');
  const listed = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: here, encoding: 'utf8' });
  assert.strictEqual(listed.status, 0, listed.stderr);
  const files = listed.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  for (const wanted of [manifest.main.replace('./', ''), 'icon.png', 'LICENSE.md', 'package.json',
    'syntaxes/cache.tmLanguage.json', 'language-configuration.json']) {
    assert.ok(files.includes(wanted), `${wanted} is not packaged: ${files}`);
  }
  const stray = files.filter((f) => /^(node_modules|test|scripts)\//.test(f) || f === 'extension.js');
  assert.deepStrictEqual(stray, []);
});

test('the manifest names a license and a 128x128 PNG icon', () => {
  assert.strictEqual(manifest.license, 'MIT OR Apache-2.0');
  const icon = fs.readFileSync(path.join(here, manifest.icon));
  assert.deepStrictEqual([...icon.subarray(1, 4)], [...Buffer.from('PNG')]);
  assert.strictEqual(icon.readUInt32BE(16), 128);
  assert.strictEqual(icon.readUInt32BE(20), 128);
});
