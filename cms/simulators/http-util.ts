import http from 'node:http';

export type Handler = (req: http.IncomingMessage, url: URL, body: string) => Promise<{ status?: number; json: unknown }> | { status?: number; json: unknown };

export function refuseInProduction(name: string): void {
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`[jmt] the ${name} simulator never runs in production`);
  }
}

export function serve(name: string, port: number, routes: Record<string, Handler>): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const handler = routes[`${req.method} ${url.pathname}`];
    res.setHeader('access-control-allow-origin', '*');
    if (!handler) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `no route ${req.method} ${url.pathname}` }));
      return;
    }
    try {
      const { status = 200, json } = await handler(req, url, body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(json));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: (error as Error).message }));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      // eslint-disable-next-line no-console
      console.log(`[sim] ${name} simulator on http://127.0.0.1:${port}`);
      resolve(server);
    });
  });
}
