/**
 * Minimal plain-node HTTP plumbing for the 点点通 simulator, in the house style of
 * cms/simulators/http-util.ts (which lives in another workspace, so it is not imported).
 */
import http from 'node:http';

export function refuseInProduction(name: string): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`[jmt] the ${name} simulator never runs in production`);
  }
}

/** What a handler answers: JSON, an XML document, or nothing at all (`hang`: the reply never comes). */
export type Reply = { status?: number; json: unknown } | { status?: number; xml: string } | { hang: true };

export interface Request {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (req: Request) => Promise<Reply> | Reply;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface Served {
  server: http.Server;
  port: number;
}

/**
 * Serves `routes` ("METHOD /path") on 127.0.0.1. `onHang` receives the response of a request its
 * handler chose not to answer, so the owner can end it later (and on close).
 */
export function serve(name: string, port: number, routes: Record<string, Handler>, onHang: (res: http.ServerResponse) => void): Promise<Served> {
  const server = http.createServer((req, res) => {
    void handle(req, res);
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let reply: Reply;
    try {
      const body = await readBody(req);
      const handler = routes[`${req.method ?? 'GET'} ${url.pathname}`];
      if (!handler) throw new HttpError(404, `no route ${req.method ?? ''} ${url.pathname}`, 'NOT_FOUND');
      reply = await handler({ method: req.method ?? 'GET', url, headers: req.headers, body });
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const code = error instanceof HttpError ? error.code : 'INTERNAL';
      reply = { status, json: { error: (error as Error).message, code } };
    }
    if (res.destroyed || res.writableEnded) return;
    if ('hang' in reply) {
      onHang(res);
      return;
    }
    const status = reply.status ?? 200;
    if ('xml' in reply) {
      res.writeHead(status, { 'content-type': 'application/xml; charset=utf-8' });
      res.end(reply.xml);
    } else {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply.json));
    }
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      // eslint-disable-next-line no-console
      if (process.env.NODE_ENV !== 'test') console.log(`[sim] ${name} simulator on http://127.0.0.1:${actual}`);
      resolve({ server, port: actual });
    });
  });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`, 'TOO_LARGE');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON body as a plain object (empty body → {}); 400 otherwise. */
export function jsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'body is not valid JSON', 'BAD_JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'body must be a JSON object', 'BAD_JSON');
  return value as Record<string, unknown>;
}
