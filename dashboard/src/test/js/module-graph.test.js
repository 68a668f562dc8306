import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const DIR = new URL('../../main/resources/public/js/', import.meta.url);

function importsOf(file) {
  const source = readFileSync(new URL(file, DIR), 'utf8');
  return [...source.matchAll(/^import\s[^;]*?from\s+'\.\/([\w-]+\.js)';/gms)].map((match) => match[1]);
}

function cycles(graph) {
  const found = [];
  const done = new Set();
  const walk = (file, path) => {
    if (path.includes(file)) {
      found.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) walk(next, [...path, file]);
    done.add(file);
  };
  for (const file of graph.keys()) walk(file, []);
  return found;
}

test('the page modules import each other without a cycle', () => {
  const graph = new Map(readdirSync(DIR).filter((file) => file.endsWith('.js')).map((file) => [file, importsOf(file)]));
  assert.ok(graph.get('main.js').length > 5, 'the import reader sees main.js wiring the others');
  assert.deepEqual(cycles(graph), []);
});

test('the cycle finder finds a cycle', () => {
  assert.deepEqual(cycles(new Map([['a.js', ['b.js']], ['b.js', ['a.js']]])), ['a.js -> b.js -> a.js']);
});
