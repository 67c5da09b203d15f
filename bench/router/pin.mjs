// Where the router benchmarks run their processes: with `taskset` (Linux) and at least two CPUs, the load
// generator (the bench's own process, autocannon in it, all its threads) on the first CPUs and every server on
// the last one, so that a server never waits for the load generator's core and the servers all get the same
// core whichever slice they serve. Without taskset, or with `--no-pin`, nothing is pinned (and the output says so).
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/**
 * Pins this process (unless `--no-pin` is given or taskset is missing) and says how to start a server:
 * `command(args)` gives the executable and arguments that run `node <args>` on the servers' CPU.
 */
export function pinProcesses(argv = process.argv) {
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  const plain = (note) => ({ pinned: false, note, command: (args) => [process.execPath, args] });
  if (argv.includes('--no-pin')) return plain('not pinned (--no-pin)');
  if (cpus < 2) return plain(`not pinned (${cpus} CPU)`);
  const server = String(cpus - 1);
  const generator = cpus === 2 ? '0' : `0-${cpus - 2}`;
  // -a: every thread of this process (libuv's, V8's helpers), not only the main one.
  const own = spawnSync('taskset', ['-a', '-p', '-c', generator, String(process.pid)], { encoding: 'utf8' });
  if (own.error || own.status !== 0) return plain('not pinned (taskset not available)');
  return {
    pinned: true,
    note: `pinned with taskset: load generator on CPU ${generator}, servers on CPU ${server}`,
    command: (args) => ['taskset', ['-c', server, process.execPath, ...args]],
  };
}
