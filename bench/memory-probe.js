// Preloaded into the API and the worker by the soak (NODE_OPTIONS=--require bench/memory-probe.js): every
// KCX_BENCH_MEMORY_EVERY_MS (default 10 s) appends the process's memoryUsage() as a JSON line to
// KCX_BENCH_MEMORY_FILE, so the soak can follow the heap from outside. Does nothing when the file is not set.
const { appendFileSync } = require('node:fs');

const file = process.env.KCX_BENCH_MEMORY_FILE;
if (file) {
  const every = Number(process.env.KCX_BENCH_MEMORY_EVERY_MS) || 10_000;
  const write = () => {
    try {
      appendFileSync(file, JSON.stringify({ at: Date.now(), ...process.memoryUsage() }) + '\n');
    } catch {
      // the soak removed its temp directory: nothing left to report to
    }
  };
  write();
  setInterval(write, every).unref();
}
