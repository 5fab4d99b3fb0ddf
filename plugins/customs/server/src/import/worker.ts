/**
 * The e-order import run in a child process (started by run-in-worker.ts). A 100,000-row workbook makes the
 * parser allocate a few hundred MB that the cms's long-lived heap would keep until a full collection; here it
 * is returned to the operating system when the child exits, and the cms only ever holds one chunk of orders.
 *
 * Protocol (IPC, advanced serialisation):
 *   parent → { type: 'run', file, options }                       start
 *   child  → { type: 'known?', id, nos }  parent → { type: 'known', id, nos }   duplicate check against the database
 *   child  → { type: 'summary', result }   the ImportResult without `orders`, plus `orderNos`
 *   parent → { type: 'next' }  child → { type: 'orders', orders } … { type: 'end' }   orders, one chunk per request
 *   child  → { type: 'failed', message, code? }
 */
import { importOrders, type ImportOptions, type ImportedOrder } from './parse';

export interface WorkerRun {
  type: 'run';
  file: string;
  options: Omit<ImportOptions, 'isKnownOrderNo' | 'isKnownHsCode'> & { checkKnown: boolean };
  chunk?: number;
}

type FromParent = WorkerRun | { type: 'known'; id: number; nos: string[] } | { type: 'next' } | { type: 'stop' };

const send = (message: unknown): void => {
  process.send?.(message);
};

let nextId = 0;
const pending = new Map<number, (nos: Set<string>) => void>();
let orders: ImportedOrder[] = [];
let chunk = 1000;

function askKnown(nos: string[]): Promise<Set<string>> {
  const id = ++nextId;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    send({ type: 'known?', id, nos });
  });
}

async function run(msg: WorkerRun): Promise<void> {
  chunk = msg.chunk ?? 1000;
  const { checkKnown, ...options } = msg.options;
  const result = await importOrders(msg.file, { ...options, ...(checkKnown ? { isKnownOrderNo: askKnown } : {}) });
  orders = result.orders;
  send({ type: 'summary', result: { ...result, orders: [] }, orderNos: orders.map((o) => o.orderNo) });
}

process.on('message', (raw: FromParent) => {
  switch (raw.type) {
    case 'run':
      run(raw).catch((e: unknown) => send({ type: 'failed', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string })?.code }));
      break;
    case 'known':
      pending.get(raw.id)?.(new Set(raw.nos));
      pending.delete(raw.id);
      break;
    case 'next':
      if (orders.length === 0) send({ type: 'end' });
      else send({ type: 'orders', orders: orders.splice(0, chunk) });
      break;
    case 'stop':
      process.exit(0);
  }
});

process.on('disconnect', () => process.exit(0));
