#!/usr/bin/env node
// Uses the single-file bundle when built (fast start for hooks), else the compiled sources.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/mesh-inject.mjs', import.meta.url);
const entry = existsSync(bundle) ? bundle : new URL('../dist/plugin/cli/entry.js', import.meta.url);
await import(entry.href);
