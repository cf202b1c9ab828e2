/** A problem found in a config before it becomes a `Result`: validate.ts adds the key path, file and position. */
import type { Segment } from './schema-walk.js';

export interface Finding {
  severity: 'error' | 'warning';
  /** Key path from the config root; the message is shown after it. */
  path: Segment[];
  message: string;
}
