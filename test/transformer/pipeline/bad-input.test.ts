import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../config/defaults.js';
import { presetFor } from '../../../transformer/mesh/preset-for.js';
import { transformText } from '../../../transformer/pipeline/transform-text.js';

const dir = new URL('./bad-input/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('bad input: an error with file:line:col and no change', () => {
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const [, code, line, column] = /^# expect: (\S+) (\d+):(\d+)/.exec(text) ?? [];
    it(`${file} → ${code} at ${line}:${column}`, () => {
      const config = defaultConfig();
      const outcome = transformText(text, { mode: 'inject', config, preset: presetFor(config), path: file });
      const errors = outcome.results.filter((r) => r.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatchObject({ code, file: { path: file, line: Number(line), column: Number(column) } });
      expect(errors[0]!.message.length).toBeGreaterThan(20);
      expect(outcome.changed).toBe(false);
      expect(outcome.text).toBe(text);
    });
  }
});
