/**
 * Test helper (node only, never imported by app code) — exported as `@jmt/strapi-provider/testing`.
 * A tiny real HTTP server for the provider tests: records every request (method, path, decoded query pairs,
 * headers, JSON body) and answers with whatever the test's route function returns. No axios mocking.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Raw request target, e.g. `/api/merchants?filters%5B...` */
  url: string;
  path: string;
  /** Decoded `key=value` pairs in order, e.g. `["filters[nameCn][$containsi]", "晶"]`. */
  query: Array<[string, string]>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** The last request, failing loudly if none arrived. */
  last(): RecordedRequest;
  close(): Promise<void>;
}

export const startServer = async (route: (req: RecordedRequest) => Reply | Promise<Reply>): Promise<TestServer> => {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const parsed = new URL(req.url ?? "/", "http://localhost");
        const recorded: RecordedRequest = {
          method: req.method ?? "GET",
          url: req.url ?? "/",
          path: parsed.pathname,
          query: [...parsed.searchParams.entries()],
          headers: req.headers,
          body: raw ? (JSON.parse(raw) as unknown) : undefined,
        };
        requests.push(recorded);
        try {
          const reply = await route(recorded);
          const status = reply.status ?? 200;
          if (reply.body === undefined) {
            res.writeHead(status, reply.headers);
            res.end();
            return;
          }
          const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
          res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...reply.headers });
          res.end(text);
        } catch (error) {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(error));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    last() {
      const request = requests.at(-1);
      if (!request) throw new Error("the server received no request");
      return request;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
};

/** A Strapi 5 list body. */
export const strapiList = (data: unknown[], pagination: { page: number; pageSize: number; total: number }) => ({
  data,
  meta: {
    pagination: { ...pagination, pageCount: Math.max(1, Math.ceil(pagination.total / pagination.pageSize)) },
  },
});
