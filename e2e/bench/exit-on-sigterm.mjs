/**
 * Preloaded into a benchmark child that runs under `node --cpu-prof` (bench-env.ts,
 * cpuProfileArgs): the SIGTERM that stops it ends it with process.exit, so that Node writes
 * the profile, which a death by the signal itself would lose.
 */
process.once("SIGTERM", () => process.exit(0));
