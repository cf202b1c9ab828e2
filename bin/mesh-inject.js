#!/usr/bin/env node
// Starts the single-file bundle when built (fast start for hooks), else the compiled sources.
import { existsSync } from 'node:fs';

const candidates = ['../dist/bundle/mesh-inject.js', '../dist/plugin/cli/entry.js'].map((p) => new URL(p, import.meta.url));
const entry = candidates.find((url) => existsSync(url));
if (!entry) {
  process.stderr.write('mesh-inject: not built yet; run `npm run build` in the mesh-inject checkout\n');
  process.exit(2);
}
await import(entry.href);
