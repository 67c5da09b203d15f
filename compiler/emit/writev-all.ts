/** Writing many buffers to one file descriptor with as few system calls as it takes. */
import { writevSync } from 'node:fs';

/** Buffers one writev may take at most (IOV_MAX is 1024 on Linux). */
const batchLimit = 1024;

/** writev until every buffer is written (a write may be short; IOV_MAX limits one call's buffers). */
export function writevAll(fd: number, buffers: readonly Uint8Array[]): void {
  let rest = buffers.filter((b) => b.length > 0);
  while (rest.length > 0) {
    const batch = rest.slice(0, batchLimit);
    let wrote = writevSync(fd, batch);
    let i = 0;
    while (i < batch.length && wrote >= batch[i]!.length) wrote -= batch[i++]!.length;
    rest = [...(i < batch.length ? [batch[i]!.subarray(wrote)] : []), ...batch.slice(i + 1), ...rest.slice(batch.length)];
  }
}
