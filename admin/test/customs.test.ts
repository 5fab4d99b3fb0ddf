import type { BatchProgress, StaffCustomsConfig } from "@jmt/api-types";
import { createStrapiAxios } from "@jmt/strapi-provider";
import { startServer, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCustomsQuery,
  configFormValues,
  configInput,
  configStatusCounts,
  customsTimelineColor,
  filterValue,
  hintsByPlacement,
  outboxListLink,
  rejectedCount,
  splitVerifyErrors,
  stageSteps,
  statusEntries,
} from "../src/lib/customs";
import { createCustomsApi, createCustomsDataProvider } from "../src/providers/customs";
import { createWorkflowApi } from "../src/providers/workflow";

const progress = (over: Partial<BatchProgress> = {}): BatchProgress => ({
  stage: "orders",
  next: null,
  orders: { total: 0, byStatus: {} },
  inventories: { total: 0, byStatus: {} },
  waybill: null,
  summary: null,
  needsSummary: true,
  ...over,
});

const states = (p: BatchProgress) => stageSteps(p).map((step) => step.state);

describe("customs list query", () => {
  it("sends Strapi's list parameters, trimmed, without empty ones", () => {
    expect(buildCustomsQuery({ q: " PC2026 ", merchant: "", status: undefined, page: 2, pageSize: 50 })).toBe(
      "filters[q][$containsi]=PC2026&pagination[page]=2&pagination[pageSize]=50",
    );
    expect(buildCustomsQuery({})).toBe("pagination[page]=1&pagination[pageSize]=20");
    expect(
      filterValue(
        [
          { field: "q", operator: "eq", value: "  晶华 " },
          { field: "merchant", operator: "eq", value: "" },
        ],
        "q",
      ),
    ).toBe("晶华");
    expect(filterValue([{ field: "merchant", operator: "eq", value: "" }], "merchant")).toBeUndefined();
  });

  it("links into an outbox list on a status tab the way Refine's syncWithLocation reads it", () => {
    const link = outboxListLink("/customs/failures", "pending");
    const search = new URLSearchParams(link.split("?")[1]);
    expect(link.startsWith("/customs/failures?")).toBe(true);
    expect([...search.entries()]).toEqual([
      ["filters[0][field]", "status"],
      ["filters[0][operator]", "eq"],
      ["filters[0][value]", "pending"],
    ]);
  });
});

describe("where a batch stands", () => {
  it("marks the steps before, on and after the current stage", () => {
    expect(states(progress({ stage: "orders" }))).toEqual(["process", "wait", "wait", "wait", "wait"]);
    expect(states(progress({ stage: "waybill" }))).toEqual(["finish", "finish", "process", "wait", "wait"]);
    expect(states(progress({ stage: "done" }))).toEqual(["finish", "finish", "finish", "finish", "finish"]);
  });

  it("shows a rejected 总分单 / 汇总 as an error on its step and skips 汇总 for A batches", () => {
    const rejected = progress({ stage: "waybill", waybill: { id: "w", documentId: "w", status: "rejected" } });
    expect(states(rejected)[2]).toBe("error");
    const a = stageSteps(progress({ stage: "done", needsSummary: false }));
    expect(a[3]).toEqual({ key: "summary", state: "finish", skipped: true });
    expect(stageSteps(null)[0]).toEqual({ key: "orders", state: "process", skipped: false });
  });

  it("orders status counts by the vocabulary and adds up rejections", () => {
    const p = progress({
      orders: { total: 6, byStatus: { rejected: 1, stored: 3, draft: 0, declaring: 2 } },
      inventories: { total: 2, byStatus: { rejected: 2 } },
    });
    expect(statusEntries(p.orders)).toEqual([
      { status: "declaring", count: 2 },
      { status: "stored", count: 3 },
      { status: "rejected", count: 1 },
    ]);
    expect(statusEntries({ total: 1, byStatus: { mystery: 1, queued: 2 } }).map((e) => e.status)).toEqual(["queued", "mystery"]);
    expect(rejectedCount(p)).toBe(3);
    expect(rejectedCount(undefined)).toBe(0);
    expect(customsTimelineColor("rejected")).toBe("red");
    expect(customsTimelineColor("declaring")).toBe("blue");
    expect(customsTimelineColor("draft")).toBe("gray");
  });
});

describe("点点通 config form", () => {
  const missing: StaffCustomsConfig = { merchant: { documentId: "m2", nameCn: "东海县晶莹水晶制品厂" }, configured: false, status: "missing" };

  it("starts a new config from the merchant's name and 连云港海关; a saved one from its values, never the secret", () => {
    expect(configFormValues(missing)).toMatchObject({ ebcName: "东海县晶莹水晶制品厂", customsCode: "2305", portCode: "2305", dxpId: undefined });
    const saved: StaffCustomsConfig = { ...missing, configured: true, status: "valid", dxpId: "DXPENT0000777001", customsCode: "2301", hasSecret: true };
    const values = configFormValues(saved);
    expect(values).toMatchObject({ dxpId: "DXPENT0000777001", customsCode: "2301", ebcName: undefined });
    expect(values.appSecret).toBeUndefined();
  });

  it("sends every field trimmed (codes upper case, empty = cleared) and the secret only when typed", () => {
    const input = configInput({ dxpId: " dxpent0000777001 ", ebcName: " 晶莹 ", agentCode: "", appKey: "jy-key", appSecret: "" });
    expect(input).toMatchObject({ dxpId: "DXPENT0000777001", ebcName: "晶莹", agentCode: null, appKey: "jy-key", portCode: null });
    expect("appSecret" in input).toBe(false);
    expect(configInput({ appSecret: " s3cret " }).appSecret).toBe(" s3cret ");
  });

  it("puts 点点通's errors under the fields, the rest above", () => {
    expect(
      splitVerifyErrors([
        { field: "dxpId", message: "点点通未找到该 DXP ID，请核对后重新填写" },
        { field: "customsCode", message: "申报海关代码格式不正确" },
        { field: "dxpId", message: "second" },
        { field: "", message: "暂时无法连接点点通校验" },
        { field: "somethingElse", message: "unknown field" },
      ]),
    ).toEqual({
      byField: { dxpId: ["点点通未找到该 DXP ID，请核对后重新填写", "second"], customsCode: ["申报海关代码格式不正确"] },
      general: ["暂时无法连接点点通校验", "unknown field"],
    });
    expect(splitVerifyErrors(undefined)).toEqual({ byField: {}, general: [] });
  });

  it("counts merchants by config status", () => {
    expect(configStatusCounts([{ status: "valid" }, { status: "missing" }, { status: "missing" }])).toEqual({
      valid: 1,
      invalid: 0,
      unverified: 0,
      missing: 2,
    });
  });
});

describe("hints by placement", () => {
  it("keeps the flow's order, empty placements too, and others last", () => {
    const groups = hintsByPlacement([
      { key: "summary-reminder", title: "汇总", body: "…", placement: "batch.summary" },
      { key: "hs-code", title: "HS", body: "…", placement: "orders.import" },
      { key: "x", title: "X", body: "…", placement: "somewhere.else" },
    ]);
    expect(groups.map((group) => [group.placement, group.hints.map((hint) => hint.key)])).toEqual([
      ["batch.create", []],
      ["orders.import", ["hs-code"]],
      ["batch.summary", ["summary-reminder"]],
      ["somewhere.else", ["x"]],
    ]);
  });
});

describe("customs client and data provider (real HTTP)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req) => {
      if (req.path === "/api/customs/board") {
        return {
          body: {
            data: [{ id: "b1", number: "PC1" }],
            meta: { pagination: { page: 2, pageSize: 20, pageCount: 2, total: 21 } },
            failedMessages: 3,
            stuckMessages: 1,
          },
        };
      }
      if (req.path === "/api/customs/batches/b1/orders") {
        return { body: { data: [{ id: "o1", orderNo: "TT1" }], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 } } } };
      }
      if (req.path === "/api/customs/configs/m2" && req.method === "PUT") {
        return {
          body: {
            data: {
              merchant: { documentId: "m2", nameCn: "晶莹" },
              configured: true,
              status: "invalid",
              verifyErrors: [{ field: "dxpId", message: "未找到" }],
            },
          },
        };
      }
      if (req.path === "/api/customs/receipts/poll") return { body: { data: { applied: 4 } } };
      if (req.path === "/api/customs/hints/hs-code") return { body: { data: { key: "hs-code", title: "T", body: "B", placement: "orders.import" } } };
      if (req.path === "/api/customs/hints") return { body: { data: [{ key: "hs-code", title: "T", body: "B", placement: "orders.import" }] } };
      if (req.path === "/api/outbox-jobs")
        return {
          body: { data: [], meta: { pagination: { page: 1, pageSize: 1, pageCount: 0, total: 0 }, counts: { pending: 0, sending: 0, sent: 4, failed: 9 } } },
        };
      return { status: 404, body: { data: null, error: { status: 404, code: "NOT_FOUND", message: "不存在" } } };
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const http = () => createStrapiAxios({ baseURL: server.url, adapter: "http", tokenStore: { getToken: () => "jwt" } });

  it("lists the board with its message counts through the provider", async () => {
    const provider = createCustomsDataProvider(createCustomsApi(http(), "/api"), "/api");
    const result = (await provider.getList({
      resource: "customs-board",
      pagination: { currentPage: 2, pageSize: 20 },
      filters: [
        { field: "q", operator: "eq", value: "PC" },
        { field: "merchant", operator: "eq", value: "m1" },
      ],
    })) as { total: number; failedMessages?: number; stuckMessages?: number };
    expect(result).toMatchObject({ total: 21, failedMessages: 3, stuckMessages: 1 });
    expect(server.last().query).toEqual([
      ["filters[q][$containsi]", "PC"],
      ["filters[merchant][$eq]", "m1"],
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "20"],
    ]);
    expect(server.last().headers.authorization).toBe("Bearer jwt");
    const orders = await provider.getList({
      resource: "customs-orders",
      meta: { batchId: "b1" },
      filters: [{ field: "status", operator: "eq", value: "rejected" }],
    });
    expect(orders.total).toBe(1);
    expect(server.last().query).toEqual([
      ["filters[status][$eq]", "rejected"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "20"],
    ]);
    expect(await provider.getList({ resource: "customs-orders" })).toEqual({ data: [], total: 0 });
  });

  it("saves a config as sent, polls receipts, saves hints", async () => {
    const api = createCustomsApi(http(), "/api");
    const saved = await api.saveConfig("m2", { dxpId: "DXPINVALID0001", appKey: null });
    expect(server.last().method).toBe("PUT");
    expect(server.last().body).toEqual({ dxpId: "DXPINVALID0001", appKey: null });
    expect(saved.verifyErrors?.[0]?.field).toBe("dxpId");
    expect(await api.pollReceipts()).toBe(4);
    expect(server.last().path).toBe("/api/customs/receipts/poll");
    await api.saveHint("hs-code", { title: "T", body: "B" });
    expect(server.last().body).toEqual({ title: "T", body: "B" });
    expect(await api.hints()).toHaveLength(1);
    await expect(api.batch("nope")).rejects.toMatchObject({ statusCode: 404, code: "NOT_FOUND", message: "不存在" });
  });

  it("filters outbox jobs by channel", async () => {
    const api = createWorkflowApi(http(), "/api");
    const result = await api.outboxJobs({ status: "sent", channel: "ddt.ceb", pageSize: 1 });
    expect(server.last().query).toEqual([
      ["filters[status][$eq]", "sent"],
      ["filters[channel][$eq]", "ddt.ceb"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "1"],
    ]);
    // The 失败报文 badge: the channel's failed jobs, counted beside whatever tab is listed.
    expect(result).toMatchObject({ total: 0, failed: 9 });
  });
});
