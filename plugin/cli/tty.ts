export function isTTY(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}
