/** Edits the undo record inside an injected manifest, as a hand edit or a crafted change would. */
import { parseDocument } from 'yaml';
import { RECORD_ANNOTATION } from '../../../transformer/record/format.js';

export type RawRecord = {
  v: number;
  d?: string;
  o?: string;
  added?: unknown[][];
  replaced?: Array<{ path: unknown[]; text: string; column: number }>;
  removed?: Array<{ path: unknown[]; text: string; before: unknown; gap: number }>;
};

/**
 * The record annotation in `text` passed through `edit`. Its digests go (`d`, `o`): they are no
 * secret, so a crafted record would carry matching ones or none, and the checks under test must
 * hold without them.
 */
export function editRecord(text: string, edit: (record: RawRecord) => void): string {
  // `key: 'json'` in block style, `"key": "json",` in JSON style (the comma when more follows).
  const line = new RegExp(`^(\\s*"?${RECORD_ANNOTATION.replace(/[./]/g, '\\$&')}"?: )(.*?)(,?)(\\r?)$`, 'm');
  const match = line.exec(text);
  if (!match) throw new Error('no record in the text');
  const value = parseDocument(match[2]!).toJS() as string;
  const record = JSON.parse(value) as RawRecord;
  delete record.d;
  delete record.o;
  edit(record);
  const json = JSON.stringify(record);
  const quoted = match[2]!.startsWith('"') ? JSON.stringify(json) : `'${json.replaceAll("'", "''")}'`;
  return text.replace(line, `${match[1]}${quoted}${match[3]}${match[4]}`);
}
