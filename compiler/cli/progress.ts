/** A one-line progress display on a terminal (stderr), redrawn at most every 100 ms and erased at the end. */
export interface Progress {
  update(stage: string, done: number, total: number): void;
  done(): void;
}

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now): Progress {
  let last = -Infinity;
  let shown = false;
  return {
    update(stage, done, total) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      shown = true;
      write(`\r\x1b[K${stage} ${done}/${total}`);
    },
    done() {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
