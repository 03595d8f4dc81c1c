// Writes an experiment spec (plain objects, arrays, strings, numbers, booleans) as YAML in the style
// of examples/specs/. Only writes: specs are parsed by the server.

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') {
    return String(v);
  }
  if (v === null || v === undefined) {
    return 'null';
  }
  const s = String(v);
  // Plain only when YAML reads it back as the same string; otherwise a JSON string, which YAML reads.
  if (/^[A-Za-z_/][A-Za-z0-9_./@+-]*$/.test(s) && !RESERVED.test(s)) {
    return s;
  }
  return JSON.stringify(s);
}

function isScalar(v) {
  return v === null || typeof v !== 'object';
}

function lines(value, indent) {
  const pad = ' '.repeat(indent);
  const out = [];
  for (const [k, v] of Object.entries(value)) {
    const key = scalar(k);
    if (isScalar(v)) {
      out.push(pad + key + ': ' + scalar(v));
    } else if (Array.isArray(v) && v.every(isScalar)) {
      out.push(pad + key + ': [' + v.map(scalar).join(', ') + ']');
    } else if (Array.isArray(v)) {
      out.push(pad + key + ':');
      for (const item of v) {
        const inner = isScalar(item) ? [' '.repeat(indent + 4) + scalar(item)] : lines(item, indent + 4);
        if (!inner.length) {
          out.push(pad + '  - {}');
          continue;
        }
        inner[0] = pad + '  - ' + inner[0].trimStart();
        out.push(...inner);
      }
    } else if (Object.keys(v).length === 0) {
      out.push(pad + key + ': {}');
    } else if (Object.values(v).every(isScalar) && Object.keys(v).length <= 3 && indent > 0) {
      out.push(pad + key + ': {' + Object.entries(v).map(([a, b]) => scalar(a) + ': ' + scalar(b)).join(', ') + '}');
    } else {
      out.push(pad + key + ':');
      out.push(...lines(v, indent + 2));
    }
  }
  return out;
}

/** The YAML text of a spec object. */
export function toYaml(spec) {
  return lines(spec, 0).join('\n') + '\n';
}
