import http from "node:http";
import type { AddressInfo } from "node:net";
import { keys } from "@refinedev/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filterOf, invalidateLists, isResourceListKey } from "../src/hooks/useResourceList";
import { createDataProvider } from "../src/providers";
import { queryClient } from "../src/providers/queryClient";

/** The key Refine's useList gives a list of `resource` (the layout invalidateLists relies on). */
const listKey = (resource: string, params: object = {}) =>
  keys().data("default").resource(resource).action("list").params(params).get();

describe("the list screens' query keys", () => {
  it("match Refine's own list keys by route prefix, and nothing else", () => {
    expect(isResourceListKey(listKey("customs/batches"), "customs")).toBe(true);
    expect(isResourceListKey(listKey("customs/batches/abc/orders"), "customs")).toBe(true);
    expect(isResourceListKey(listKey("customs"), "customs")).toBe(true);
    expect(isResourceListKey(listKey("customs-hints"), "customs")).toBe(false);
    expect(isResourceListKey(listKey("fx/settlements"), "customs")).toBe(false);
    expect(
      isResourceListKey(keys().data("default").resource("customs/batches").action("one").id("x").get(), "customs"),
    ).toBe(false);
    expect(isResourceListKey(["customs", "config"], "customs")).toBe(false);
  });

  it("invalidateLists marks the lists under the prefix stale and leaves the others", async () => {
    queryClient.setQueryData(listKey("customs/batches", { page: 1 }), { data: [], total: 0 });
    queryClient.setQueryData(listKey("fx/ledger", { page: 1 }), { data: [], total: 0 });
    await invalidateLists("customs");
    expect(queryClient.getQueryState(listKey("customs/batches", { page: 1 }))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(listKey("fx/ledger", { page: 1 }))?.isInvalidated).toBe(false);
    queryClient.clear();
  });

  it("filterOf leaves a blank search out and trims what was typed", () => {
    expect(filterOf("q", "contains", "  ")).toEqual([]);
    expect(filterOf("q", "contains", undefined)).toEqual([]);
    expect(filterOf("q", "contains", " 紫水晶 ")).toEqual([{ field: "q", operator: "contains", value: "紫水晶" }]);
    expect(filterOf("read", "eq", false)).toEqual([{ field: "read", operator: "eq", value: false }]);
  });
});

describe("a list screen's request, through the app's data provider", () => {
  let server: http.Server;
  let baseURL = "";
  const seen: string[] = [];
  const tokens: (string | undefined)[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(decodeURIComponent(req.url ?? ""));
      tokens.push(req.headers.authorization);
      res.setHeader("Content-Type", "application/json");
      res.end(
        JSON.stringify({
          data: [{ id: "b1", documentId: "b1", name: "11月 TikTok 美国站" }],
          meta: { pagination: { page: 2, pageSize: 10, pageCount: 3, total: 21 }, counts: { processing: 2 } },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("speaks Strapi's list format: filters, pagination, the bearer token; meta extras come back", async () => {
    const provider = createDataProvider({ baseURL, getToken: () => "jwt-1" });
    const answer = await provider.getList({
      resource: "customs/batches",
      filters: [...filterOf("q", "contains", " 紫水晶 "), ...filterOf("status", "eq", "")],
      pagination: { currentPage: 2, pageSize: 10, mode: "server" },
    });
    expect(seen.at(-1)).toBe(
      "/api/customs/batches?filters[q][$containsi]=紫水晶&pagination[page]=2&pagination[pageSize]=10",
    );
    expect(tokens.at(-1)).toBe("Bearer jwt-1");
    expect(answer.total).toBe(21);
    expect(answer.data[0]).toMatchObject({ id: "b1", name: "11月 TikTok 美国站" });
    expect((answer as { meta?: { counts?: unknown } }).meta?.counts).toEqual({ processing: 2 });
  });
});
