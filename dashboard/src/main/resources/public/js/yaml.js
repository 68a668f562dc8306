// A small YAML emitter for plain JSON data, for the editor's "Copy YAML".

const YAML_RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function yamlScalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  const plain = /^[A-Za-z_/][\w./-]*$/.test(text) || /^\d+[A-Za-z]+$/.test(text);
  // JSON's double-quoted strings are valid YAML double-quoted scalars.
  return plain && !YAML_RESERVED.test(text) ? text : JSON.stringify(text);
}

const isBlock = (value) => value !== null && typeof value === 'object' && Object.keys(value).length > 0;
const inlineYaml = (value) => (Array.isArray(value) ? '[]' : value !== null && typeof value === 'object' ? '{}' : yamlScalar(value));

function yamlBlock(value, indent) {
  if (Array.isArray(value)) {
    return value.map((item) => (isBlock(item)
      ? `${indent}- ${yamlBlock(item, `${indent}  `).slice(indent.length + 2)}`
      : `${indent}- ${inlineYaml(item)}`)).join('\n');
  }
  return Object.entries(value).map(([key, item]) => (isBlock(item)
    ? `${indent}${yamlScalar(key)}:\n${yamlBlock(item, `${indent}  `)}`
    : `${indent}${yamlScalar(key)}: ${inlineYaml(item)}`)).join('\n');
}

export function toYaml(value) {
  return `${yamlBlock(value, '')}\n`;
}
