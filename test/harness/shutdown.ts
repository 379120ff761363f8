// Whatever the harness starts must stop with it, also on Ctrl-C (SIGINT), SIGTERM or SIGHUP:
// children run in their own process groups (so that their own children stop too), which a
// terminal's Ctrl-C does not reach. Cleanups registered here run once, newest first.
type Cleanup = () => Promise<void> | void;

const cleanups: Cleanup[] = [];
const groups = new Set<number>();
let installed = false;
let shuttingDown = false;

export function onShutdown(cleanup: Cleanup): () => void {
  install();
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) {
      cleanups.splice(index, 1);
    }
  };
}

/** Remembers a process group to SIGKILL if the harness exits while it still runs. */
export function trackProcessGroup(pid: number): () => void {
  install();
  groups.add(pid);
  return () => groups.delete(pid);
}

function install(): void {
  if (installed) {
    return;
  }
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => void shutdown(code));
  }
  // Last resort on any exit (including process.exit from elsewhere): no group outlives us.
  process.on('exit', () => {
    for (const pid of groups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) {
    return;
  }
  shuttingDown = true;
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      process.stderr.write(`cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  process.exit(code);
}
