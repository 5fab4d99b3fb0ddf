/**
 * Parent side of worker.ts: runs an import in a child process and hands back its summary first, then — only if
 * asked — its orders one chunk at a time, so the caller can persist them inside its transaction without ever
 * holding the whole file.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ImportOptions, ImportResult, ImportedOrder } from './parse';
import type { WorkerRun } from './worker';

export interface WorkerImport {
  /** The result without `orders` (see `chunks`), plus every order number in the file when it is clean. */
  summary: ImportResult;
  orderNos: string[];
  /** The orders, `chunk` at a time; at most one chunk ahead of the caller is in flight. */
  chunks(): AsyncGenerator<ImportedOrder[]>;
  /** Ends the child (always call it, also after `chunks()` finished). */
  stop(): void;
}

export interface WorkerOptions extends Omit<ImportOptions, 'isKnownOrderNo' | 'isKnownHsCode'> {
  isKnownOrderNo?: (nos: string[]) => Promise<Set<string>>;
  /** Orders per chunk (default 1000). */
  chunk?: number;
  /** Heap limit of the child in MB (default 384). */
  maxHeapMb?: number;
}

type FromChild =
  | { type: 'known?'; id: number; nos: string[] }
  | { type: 'summary'; result: ImportResult; orderNos: string[] }
  | { type: 'orders'; orders: ImportedOrder[] }
  | { type: 'end' }
  | { type: 'failed'; message: string; code?: string };

/** The compiled worker next to this file; from the TypeScript sources (tests), the one in dist/. */
export function workerPath(): string {
  const here = path.join(__dirname, 'worker.js');
  if (fs.existsSync(here)) return here;
  return path.resolve(__dirname, '..', '..', '..', 'dist', 'import', 'worker.js');
}

export class ImportWorkerError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function importInWorker(file: string, options: WorkerOptions = {}): Promise<WorkerImport> {
  const { isKnownOrderNo, chunk, maxHeapMb, ...rest } = options;
  const child: ChildProcess = fork(workerPath(), [], {
    execArgv: [`--max-old-space-size=${maxHeapMb ?? 384}`],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let waiting: ((msg: FromChild) => void) | null = null;
  let failure: Error | null = null;
  const queue: FromChild[] = [];
  const deliver = (msg: FromChild): void => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(msg);
    } else queue.push(msg);
  };
  child.on('message', (msg: FromChild) => {
    if (msg.type === 'known?') {
      const answer = isKnownOrderNo ? isKnownOrderNo(msg.nos) : Promise.resolve(new Set<string>());
      answer.then(
        (known) => child.send({ type: 'known', id: msg.id, nos: [...known] }),
        (e: unknown) => {
          failure = e instanceof Error ? e : new Error(String(e));
          deliver({ type: 'failed', message: failure.message });
          child.kill();
        },
      );
      return;
    }
    deliver(msg);
  });
  child.on('exit', (code, signal) => {
    if (code !== 0) deliver({ type: 'failed', message: `import worker exited (${signal ?? code})` });
  });
  child.on('error', (e) => deliver({ type: 'failed', message: e.message }));

  const next = (): Promise<FromChild> => (queue.length ? Promise.resolve(queue.shift() as FromChild) : new Promise((resolve) => (waiting = resolve)));
  const stop = (): void => {
    if (child.connected) child.send({ type: 'stop' });
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill(), 2000).unref();
  };

  const run: WorkerRun = { type: 'run', file, options: { ...rest, checkKnown: Boolean(isKnownOrderNo) }, chunk };
  child.send(run);
  const first = await next();
  if (first.type !== 'summary') {
    stop();
    if (failure) throw failure;
    throw new ImportWorkerError(first.type === 'failed' ? first.message : `unexpected ${first.type}`, first.type === 'failed' ? first.code : undefined);
  }
  return {
    summary: { ...first.result, orders: [] },
    orderNos: first.orderNos,
    async *chunks() {
      child.send({ type: 'next' });
      for (;;) {
        const msg = await next();
        if (msg.type === 'end') return;
        if (msg.type !== 'orders') throw new ImportWorkerError(msg.type === 'failed' ? msg.message : `unexpected ${msg.type}`);
        child.send({ type: 'next' }); // the child prepares the next chunk while the caller stores this one
        yield msg.orders;
      }
    },
    stop,
  };
}
