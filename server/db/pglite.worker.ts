import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { Artifacts, FromThread, SerializedError, ThreadStart, ToThread } from './pglite-thread.ts';

/**
 * The embedded database's thread (started by db/pglite-thread.ts): one PGlite instance
 * answering the main thread's messages. PGlite runs each statement to completion
 * synchronously; here that blocks this thread only, never the event loop serving requests.
 * Messages are handled as they arrive; PGlite runs its calls one at a time, in order.
 * Erasable TypeScript only: Node 24 runs this file without a loader.
 */
const port: MessagePort = parentPort ?? notAWorker();
const { dataDir, loadDataDir, ...artifacts } = workerData as ThreadStart & Artifacts;

const pglite = await PGlite.create({ ...artifacts, ...(dataDir ? { dataDir } : loadDataDir ? { loadDataDir } : {}) });

const reply = (message: FromThread) => port.postMessage(message);

port.on('message', (message: ToThread) => {
  handle(message).then(
    (result) => reply({ kind: 'result', id: message.id, result }),
    (error: unknown) => reply({ kind: 'error', id: message.id, error: serializeError(error) }),
  );
});
reply({ kind: 'ready' });

async function handle(message: ToThread): Promise<unknown> {
  if (message.op === 'query') {
    const { rows, fields, affectedRows } = await pglite.query(message.text, message.params);
    return { rows, fields, affectedRows };
  }
  await pglite.close();
  // Nothing else keeps this thread alive: it ends once the reply is on its way.
  setImmediate(() => port.close());
  return undefined;
}

/**
 * An Error loses its own fields in a structured clone (only name and message survive), and
 * the code reads PostgreSQL's: code, detail, constraint, position… Every field holding a
 * plain value crosses; the parameters (which may be large) do not.
 */
function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields: SerializedError = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value;
  }
  return fields;
}

function notAWorker(): never {
  throw new Error('pglite.worker.ts runs as a worker thread (db/pglite-thread.ts starts it)');
}
