/**
 * Everything the benchmark started (servers, PostgreSQL clusters, child processes) is
 * registered here and torn down on the way out, also after an error, a Ctrl-C or the
 * overall deadline.
 */
const tasks: Array<() => unknown> = [];

export function onCleanup(task: () => unknown): () => void {
  tasks.push(task);
  return () => {
    const i = tasks.indexOf(task);
    if (i !== -1) tasks.splice(i, 1);
  };
}

export async function cleanupAll(): Promise<void> {
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    try {
      await task();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}
