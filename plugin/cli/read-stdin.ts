/** Stdin as strict UTF-8 text, or the result saying why it is refused (too large, invalid bytes). */
import type { Result } from '../../transformer/index.js';
import { decodeSource, isByteProblem } from '../../transformer/pipeline/source-bytes.js';
import type { Io } from './io.js';
import { invalidEncoding, machineResult } from './machine-results.js';
import { MAX_SOURCE_BYTES, tooLargeMessage } from './source-size.js';

export const STDIN = '<stdin>';

export async function readStdinText(io: Io): Promise<{ text: string } | { result: Result }> {
  const bytes = io.readStdinBytes ? await io.readStdinBytes(MAX_SOURCE_BYTES) : new TextEncoder().encode(await io.readStdin());
  if (bytes.length > MAX_SOURCE_BYTES) return { result: machineResult('io-error', STDIN, tooLargeMessage('stdin')) };
  const decoded = decodeSource(bytes);
  return isByteProblem(decoded) ? { result: invalidEncoding(STDIN, decoded) } : decoded;
}
