// The TextMate grammar against every example and UI case: each line tokenizes, every
// non-whitespace character gets a scope besides the base `source.cache`, and none is marked
// `invalid.illegal` (the grammar's catch-all for characters a program cannot contain). A few
// tokens of the fa-063 example are checked for their exact scope.
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const oniguruma = require('vscode-oniguruma');
const vsctm = require('vscode-textmate');

const root = path.resolve(__dirname, '..', '..', '..');
const grammarPath = path.join(__dirname, '..', 'syntaxes', 'cache.tmLanguage.json');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.cache'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  return registry.loadGrammar('source.cache');
}

// Every token of a file: its line, text and innermost scopes.
function tokenize(grammar, text) {
  const tokens = [];
  let stack = vsctm.INITIAL;
  text.split(/\r?\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      tokens.push({ line: index + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = result.ruleStack;
  });
  return tokens;
}

// UI cases that are deliberately no .cache program at all (a Python file given to cachec): the
// grammar must flag something in them instead.
const NOT_PROGRAMS = ['syntax_not_a_cache_program.cache'];

function programs() {
  const examples = fs
    .readdirSync(path.join(root, 'examples'))
    .map((name) => path.join(root, 'examples', name, 'stack.cache'))
    .filter((file) => fs.existsSync(file));
  const ui = fs
    .readdirSync(path.join(root, 'tests', 'ui'))
    .filter((name) => name.endsWith('.cache') && !NOT_PROGRAMS.includes(name))
    .map((name) => path.join(root, 'tests', 'ui', name));
  return [...examples, ...ui];
}

test('a file that is no program gets invalid scopes', async () => {
  const grammar = await loadGrammar();
  for (const name of NOT_PROGRAMS) {
    const text = fs.readFileSync(path.join(root, 'tests', 'ui', name), 'utf8');
    const tokens = tokenize(grammar, text);
    assert.ok(
      tokens.some((t) => t.scopes.some((s) => s.startsWith('invalid.'))),
      `${name}: nothing is marked invalid`,
    );
  }
});

test('every example and UI case is fully and legally scoped', async (t) => {
  const grammar = await loadGrammar();
  const files = programs();
  assert.ok(files.length > 10, `found only ${files.length} programs`);
  for (const file of files) {
    await t.test(path.relative(root, file), () => {
      for (const token of tokenize(grammar, fs.readFileSync(file, 'utf8'))) {
        if (token.text.trim() === '') continue;
        const where = `${path.relative(root, file)}:${token.line} \`${token.text}\``;
        assert.ok(token.scopes.length > 1, `${where} has no scope besides source.cache`);
        assert.ok(
          !token.scopes.some((s) => s.startsWith('invalid.')),
          `${where} is scoped ${token.scopes.join(' ')}`,
        );
      }
    });
  }
});

test('the fa-063 example gets the expected scopes', async () => {
  const grammar = await loadGrammar();
  const text = fs.readFileSync(path.join(root, 'examples', 'fa-063', 'stack.cache'), 'utf8');
  const tokens = tokenize(grammar, text);
  const scopeOf = (line, tokenText) => {
    const token = tokens.find((t) => t.line === line && t.text === tokenText);
    assert.ok(token, `no token \`${tokenText}\` on line ${line}`);
    return token.scopes[token.scopes.length - 1];
  };
  const lineOf = (needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const cache = lineOf('replication_group cache');
  assert.strictEqual(scopeOf(cache, 'replication_group'), 'storage.type.cache');
  assert.strictEqual(scopeOf(cache, 'cache'), 'entity.name.type.cache');
  assert.strictEqual(scopeOf(cache, '{'), 'punctuation.section.block.begin.cache');
  assert.strictEqual(scopeOf(lineOf('engine  '), 'engine'), 'support.type.property-name.cache');
  assert.strictEqual(scopeOf(lineOf('engine  '), 'redis'), 'string.quoted.double.cache');
  assert.strictEqual(scopeOf(lineOf('port  '), '6379'), 'constant.numeric.integer.cache');
  assert.strictEqual(scopeOf(lineOf('multi_az'), 'true'), 'constant.language.boolean.cache');
  assert.strictEqual(scopeOf(1, text.split('\n')[0]), 'comment.line.number-sign.cache');
  assert.strictEqual(scopeOf(lineOf('stack "fa-063"'), 'fa-063'), 'string.quoted.double.cache');
  const env = lineOf('PRIMARY_ENDPOINT_ADDRESS');
  assert.strictEqual(scopeOf(env, 'cache'), 'variable.other.cache');
  assert.strictEqual(scopeOf(env, '.'), 'punctuation.accessor.cache');
  assert.strictEqual(scopeOf(env, 'primary_address'), 'variable.other.cache');
  assert.strictEqual(scopeOf(lineOf('environment {'), 'environment'), 'storage.type.cache');
  const endpoints = lineOf('endpoint ssm');
  assert.strictEqual(scopeOf(endpoints, 'ssmmessages'), 'entity.name.type.cache');
  assert.strictEqual(scopeOf(endpoints, 'interface'), 'variable.other.cache');
});

test('a value followed by a block on the same line leaves the block a block', async () => {
  const grammar = await loadGrammar();
  const tokens = tokenize(grammar, 'function f { subnet = lambda  environment { A = 1 } }\n@');
  const scope = (text) => {
    const token = tokens.find((t) => t.text === text);
    return token.scopes[token.scopes.length - 1];
  };
  assert.strictEqual(scope('lambda'), 'variable.other.cache');
  assert.strictEqual(scope('environment'), 'storage.type.cache');
  assert.strictEqual(scope('@'), 'invalid.illegal.character.cache');
});
