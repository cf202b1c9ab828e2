/**
 * The largest manifest or stream mesh-inject reads. Far above any real manifest, far below what a
 * JS string can hold, so `/dev/zero` or a runaway generator gets a clear refusal, not a RangeError.
 */
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

export function tooLargeMessage(what: string): string {
  return `${what} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB; mesh-inject does not read inputs this large (split the manifests)`;
}
