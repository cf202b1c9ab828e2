/**
 * The files a command reads, from the candidates discovery found: each one's real path (symlink
 * rules), then its bytes as strict UTF-8, a file reached twice read once. Shared by `inject` and
 * friends, `patches` and `policy`, so all of them take the same files and refuse the same faults.
 */
import type { Result } from '../../transformer/index.js';
import type { Candidate } from './discover-files.js';
import type { Host } from './host.js';
import { displayPath } from './machine-results.js';
import { mapLimit } from './map-limit.js';
import { isSourceFile, readSourceFile, type SourceFile } from './read-source.js';
import { resolveCandidate } from './resolve-candidate.js';

/** Files read at once: enough to keep the disk busy, few enough descriptors for any `ulimit -n`. */
const READ_CONCURRENCY = 16;

/** Each candidate's real path (symlink rules), then its bytes as strict UTF-8; the problems go to `problems`. */
export async function readCandidates(candidates: readonly Candidate[], cwd: string, host: Host, problems: Result[]): Promise<SourceFile[]> {
  const resolved = await mapLimit(candidates, READ_CONCURRENCY, (candidate) => resolveCandidate(candidate, cwd, host.fs));
  const realPaths = new Set<string>();
  for (const entry of resolved) {
    if (entry === undefined) continue;
    if ('severity' in entry) problems.push(entry);
    else realPaths.add(entry.path);
  }
  const read = await mapLimit([...realPaths], READ_CONCURRENCY, (path) => readSourceFile(path, displayPath(cwd, path), host.fs));
  const sources: SourceFile[] = [];
  for (const entry of read) {
    if (isSourceFile(entry)) sources.push(entry);
    else problems.push(entry);
  }
  return sources;
}
