/**
 * Preloaded with `node --import` when /usr/bin/time is missing: on exit, writes the process's own
 * peak RSS and CPU time to the file named by FLOWC_BENCH_USAGE_FILE (bench/build/run.mjs reads it).
 */
import { writeFileSync } from 'node:fs';

const target = process.env.FLOWC_BENCH_USAGE_FILE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // maxRSS is in kilobytes; CPU times in microseconds.
    writeFileSync(target, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
