import type { ApplicationDetail, KindField, KindInfo, StaffTodo } from "@jmt/api-types";
import { createStrapiAxios } from "@jmt/strapi-provider";
import { startServer, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applies, extraEntries, fieldsOfKind, fileSlotsFor, getPath, groupFields, setPath } from "../src/lib/application-data";
import {
  buildApplicationQuery,
  countsByKind,
  filtersToApplicationParams,
  platformStatesOf,
  resolveStatusFilter,
  splitDuration,
  waitingMs,
  waitingTone,
} from "../src/lib/application-query";
import { hasPermission } from "../src/lib/permissions";
import { createWorkflowApi, createWorkflowDataProvider } from "../src/providers/workflow";
import captured from "./fixtures/workflow-responses.json";

/** Real responses of the workflow plugin (see the fixture's `_comment`). */
const REAL_KINDS = captured.kinds.data as unknown as KindInfo[];
const REAL_REGISTRATION = REAL_KINDS.find((kind) => kind.kind === "business-registration") as KindInfo;
const REAL_DXP = REAL_KINDS.find((kind) => kind.kind === "dxp-id") as KindInfo;
const REAL_DETAIL = captured.registrationDetail.data as unknown as ApplicationDetail;

/** A field as the kinds list sends it (every key present). */
const field = (f: Pick<KindField, "path" | "label"> & Partial<KindField>): KindField => ({
  type: "text",
  required: false,
  options: null,
  placeholder: null,
  when: null,
  ...f,
});

const REGISTRATION: KindInfo = {
  kind: "business-registration",
  module: "registration",
  label: "工商注册",
  description: "",
  order: 0,
  states: [
    { key: "filling", label: "材料填报", owner: "merchant", terminal: false, success: false, editable: true },
    { key: "initial_review", label: "材料初审", owner: "platform", terminal: false, success: false, editable: false },
    { key: "onsite_check", label: "现场核验", owner: "platform", terminal: false, success: false, editable: false },
    { key: "approved", label: "核准通过", owner: "none", terminal: true, success: true, editable: false },
  ],
  steps: [
    { key: "filling", label: "材料填报" },
    { key: "initial_review", label: "材料初审" },
    { key: "onsite_check", label: "现场核验" },
    { key: "approved", label: "核准通过" },
  ],
  transitions: [],
  templates: [],
  fileSlots: [
    { key: "business_licence", label: "营业执照", required: true, hint: null, when: { path: "path", in: ["existing"] } },
    { key: "id_card_front", label: "法人身份证人像面", required: true, hint: null, when: null },
    { key: "lease_contract", label: "经营场所证明", required: false, hint: null, when: { path: "path", in: ["new"] } },
  ],
  fields: [
    field({ path: "path", label: "办理方式", type: "select", options: [{ value: "existing", label: "已有营业执照" }] }),
    field({ path: "companyName", label: "企业名称", when: { path: "path", in: ["existing"] } }),
    field({ path: "nameOptions.0", label: "拟用名称（首选）", when: { path: "path", in: ["new"] } }),
    field({ path: "legalPerson.name", label: "法定代表人" }),
    field({ path: "contact.phone", label: "联系人手机号", type: "phone" }),
  ],
  prerequisites: [],
  requiresRegistration: false,
};

describe("application list query", () => {
  it("sends Strapi's list parameters, leaving out empty ones", () => {
    expect(
      buildApplicationQuery({
        kind: "business-registration",
        status: ["initial_review", "onsite_check"],
        q: " 紫晶 ",
        page: 2,
        pageSize: 20,
      }),
    ).toBe(
      "filters[kind][$eq]=business-registration&filters[status][$in][0]=initial_review&filters[status][$in][1]=onsite_check&filters[q][$containsi]=%E7%B4%AB%E6%99%B6&pagination[page]=2&pagination[pageSize]=20",
    );
    expect(buildApplicationQuery({ stuckDays: 3, merchant: "", status: "" })).toBe("filters[stuckDays][$gte]=3&pagination[page]=1&pagination[pageSize]=20");
    expect(buildApplicationQuery({ stuckDays: 0 })).toBe("pagination[page]=1&pagination[pageSize]=20");
  });

  it("reads Refine filters", () => {
    expect(
      filtersToApplicationParams([
        { field: "kind", operator: "eq", value: "eport-card" },
        { field: "status", operator: "eq", value: "submitted" },
        { field: "q", operator: "eq", value: "  " },
        { field: "stuckDays", operator: "eq", value: "7" },
        { field: "other", operator: "eq", value: "x" },
      ]),
    ).toEqual({ kind: "eport-card", status: "submitted", q: undefined, stuckDays: 7 });
  });

  it("knows which states wait on the platform", () => {
    expect(platformStatesOf("business-registration", [REGISTRATION])).toEqual(["initial_review", "onsite_check"]);
    expect(platformStatesOf("eport-card")).toEqual(["submitted", "processing"]);
    expect(resolveStatusFilter("platform", "dxp-id")).toEqual(["submitted", "processing"]);
    expect(resolveStatusFilter("all", "dxp-id")).toBeUndefined();
    expect(resolveStatusFilter("returned", "dxp-id")).toBe("returned");
  });

  it("measures waiting time", () => {
    const now = Date.parse("2026-01-10T12:00:00Z");
    expect(waitingMs({ lastTransitionAt: "2026-01-07T10:00:00Z" }, now)).toBe((3 * 24 + 2) * 3_600_000);
    expect(waitingMs({ submittedAt: "2026-01-10T11:00:00Z" }, now)).toBe(3_600_000);
    expect(waitingMs({}, now)).toBeUndefined();
    expect(waitingMs({ waitingSince: "2026-01-10T10:00:00Z", lastTransitionAt: "2026-01-10T11:00:00Z" }, now)).toBe(2 * 3_600_000);
    expect(splitDuration((3 * 24 + 2) * 3_600_000 + 5 * 60_000)).toEqual({ days: 3, hours: 2, minutes: 5 });
    expect(waitingTone(3_600_000)).toBe("normal");
    expect(waitingTone(30 * 3_600_000)).toBe("warning");
    expect(waitingTone(80 * 3_600_000)).toBe("overdue");
  });

  it("adds up the staff to-dos per kind", () => {
    const todos: StaffTodo[] = [
      { kind: "business-registration", label: "工商注册", module: "registration", status: "initial_review", statusLabel: "材料初审", count: 2 },
      { kind: "business-registration", label: "工商注册", module: "registration", status: "onsite_check", statusLabel: "现场核验", count: 1 },
      { kind: "eport-card", label: "电子口岸卡", module: "filing", status: "submitted", statusLabel: "待受理", count: 4 },
    ];
    expect(countsByKind(todos)).toEqual({ "business-registration": 3, "eport-card": 4 });
    expect(countsByKind(undefined)).toEqual({});
  });
});

describe("application data", () => {
  const data = {
    path: "existing",
    companyName: "东海县晶华水晶饰品有限公司",
    legalPerson: { name: "王晶", idNumber: "320722199001011234" },
    contact: { phone: "13900000001" },
    nameOptions: ["甲", "乙"],
    extra: { note: "x", list: ["a"] },
    files: { business_licence: "file-1", id_card_front: "file-2", unknown_slot: "file-9" },
  };

  it("reads and writes dotted paths without mutating", () => {
    expect(getPath(data, "legalPerson.name")).toBe("王晶");
    expect(getPath(data, "nameOptions.1")).toBe("乙");
    expect(getPath(data, "missing.deep")).toBeUndefined();
    const next = setPath(data, "legalPerson.phone", "13911112222");
    expect(getPath(next, "legalPerson.phone")).toBe("13911112222");
    expect(getPath(next, "legalPerson.name")).toBe("王晶");
    expect(getPath(data, "legalPerson.phone")).toBeUndefined();
    expect(setPath({}, "nameOptions.0", "丙")).toEqual({ nameOptions: ["丙"] });
  });

  it("applies the kinds' conditions and groups the fields into sections", () => {
    expect(applies({ path: "path", in: ["new"] }, data)).toBe(false);
    expect(applies(undefined, data)).toBe(true);
    const groups = groupFields("business-registration", fieldsOfKind(REGISTRATION), data);
    expect(groups.map((group) => [group.section, group.fields.map((field) => field.path)])).toEqual([
      ["application", ["path"]],
      ["entity", ["companyName"]],
      ["legalPerson", ["legalPerson.name"]],
      ["contact", ["contact.phone"]],
    ]);
    expect(groupFields("eport-card", fieldsOfKind(REGISTRATION), data)[0]?.section).toBe("filing");
  });

  it("lists the file slots that apply, plus unknown uploads", () => {
    expect(fileSlotsFor(REGISTRATION.fileSlots, data).map((slot) => [slot.key, slot.documentId])).toEqual([
      ["business_licence", "file-1"],
      ["id_card_front", "file-2"],
      ["unknown_slot", "file-9"],
    ]);
  });

  it("flattens data no field describes", () => {
    expect(extraEntries(data, fieldsOfKind(REGISTRATION))).toEqual([
      ["extra.note", "x"],
      ["extra.list.1", "a"],
    ]);
  });
});

describe("the workflow plugin's real responses", () => {
  const individual = { ...REAL_DETAIL.data, entityType: "individual" };
  const existing = { path: "existing", entityType: "company", companyName: "东海县晶华水晶饰品有限公司", files: { bank_permit: "f1" } };

  it("evaluates lists of conditions (all must hold) and ignores malformed ones", () => {
    const capital = fieldsOfKind(REAL_REGISTRATION).find((field) => field.path === "registeredCapital");
    expect(Array.isArray(capital?.when)).toBe(true);
    expect(applies(capital?.when, REAL_DETAIL.data)).toBe(true); // new + company
    expect(applies(capital?.when, individual)).toBe(false);
    expect(applies(capital?.when, existing)).toBe(false);
    expect(applies([], existing)).toBe(true);
    expect(applies({ in: ["x"] } as never, existing)).toBe(true);
    expect(applies([{ path: "path", in: ["existing"] }, null] as never, existing)).toBe(true);
  });

  it("lays out a new company's registration (the 滞留件 of the seed) without throwing", () => {
    const groups = groupFields(REAL_REGISTRATION.kind, fieldsOfKind(REAL_REGISTRATION), REAL_DETAIL.data);
    const paths = groups.flatMap((group) => group.fields.map((field) => field.path));
    expect(groups.map((group) => group.section)).toEqual(["application", "entity", "legalPerson", "contact"]);
    expect(paths).toContain("registeredCapital");
    expect(paths).toContain("nameOptions.0");
    expect(paths).not.toContain("companyName");
    expect(fieldsOfKind(REAL_REGISTRATION).every((field) => field.options === undefined || Array.isArray(field.options))).toBe(true);
    expect(extraEntries(REAL_DETAIL.data, fieldsOfKind(REAL_REGISTRATION))).toEqual([]);
    expect(fileSlotsFor(REAL_REGISTRATION.fileSlots, REAL_DETAIL.data).map((slot) => [slot.key, Boolean(slot.documentId)])).toEqual([
      ["id_card_front", true],
      ["id_card_back", true],
      ["lease_contract", true],
    ]);
    expect(groupFields(REAL_REGISTRATION.kind, fieldsOfKind(REAL_REGISTRATION), existing).flatMap((g) => g.fields.map((f) => f.path))).toContain("companyName");
  });

  it("lays out a filing kind as one section with its slots", () => {
    const dxpData = { companyName: "东海县晶华水晶饰品有限公司", accessMode: "platform", files: { application_form: "f1" } };
    const groups = groupFields(REAL_DXP.kind, fieldsOfKind(REAL_DXP), dxpData);
    expect(groups.map((group) => group.section)).toEqual(["filing"]);
    expect(fileSlotsFor(REAL_DXP.fileSlots, dxpData).map((slot) => [slot.key, slot.documentId])).toEqual([
      ["application_form", "f1"],
      ["commitment_letter", undefined],
    ]);
  });

  it("reads the detail, the steps and the staff queues", () => {
    expect(REAL_DETAIL.timeline.length).toBeGreaterThan(0);
    expect(REAL_DETAIL.allowedTransitions.map((transition) => transition.to).sort()).toEqual(["onsite_check", "rejected", "returned"]);
    expect(REAL_REGISTRATION.steps.map((step) => step.key)).toEqual(["filling", "initial_review", "onsite_check", "approved"]);
    expect(platformStatesOf("dxp-id", REAL_KINDS)).toEqual(["submitted", "processing"]);
    const counts = countsByKind(captured.todos.data as StaffTodo[]);
    expect(Object.keys(counts).sort()).toEqual(
      ["business-registration", "cloud-signature", "customs-registration", "dxp-id", "enterprise-filing", "eport-card"].sort(),
    );
  });
});

describe("staff permissions", () => {
  it("grants a permission held or implied by *", () => {
    expect(hasPermission(["*"], "applications.edit")).toBe(true);
    expect(hasPermission(["platform.access", "applications.review"], "applications.edit")).toBe(false);
    expect(hasPermission(["applications.edit"], "applications.edit")).toBe(true);
    expect(hasPermission(undefined, "outbox.retry")).toBe(false);
  });
});

describe("workflow data provider", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req) => {
      if (req.path === "/api/applications/kinds") return { body: { data: [REGISTRATION] } };
      if (req.path === "/api/applications") {
        return {
          body: { data: [{ documentId: "a1", number: "BR-1", kind: "business-registration" }], meta: { pagination: { total: 41 } } },
        };
      }
      if (req.path === "/api/applications/a1/transitions") return { body: { data: { documentId: "a1", status: "returned" } } };
      if (req.path === "/api/outbox-jobs") {
        return {
          body: {
            data: [{ id: 3, status: "failed" }],
            meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 }, counts: { pending: 2, sending: 0, sent: 5, failed: 1 } },
          },
        };
      }
      return { status: 404, body: { data: null, error: { status: 404, code: "NOT_FOUND", message: "不存在" } } };
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const make = () => {
    const http = createStrapiAxios({ baseURL: server.url, adapter: "http", tokenStore: { getToken: () => "jwt" } });
    const api = createWorkflowApi(http, "/api");
    return { api, provider: createWorkflowDataProvider(api, "/api") };
  };

  it("resolves 待平台处理 into the kind's platform states and pages", async () => {
    const { provider } = make();
    const result = await provider.getList({
      resource: "applications",
      pagination: { currentPage: 3, pageSize: 20 },
      filters: [
        { field: "kind", operator: "eq", value: "business-registration" },
        { field: "status", operator: "eq", value: "platform" },
        { field: "q", operator: "eq", value: "晶华" },
      ],
    });
    expect(result.total).toBe(41);
    const req = server.last();
    expect(req.path).toBe("/api/applications");
    expect(req.query).toEqual([
      ["filters[kind][$eq]", "business-registration"],
      ["filters[status][$in][0]", "initial_review"],
      ["filters[status][$in][1]", "onsite_check"],
      ["filters[q][$containsi]", "晶华"],
      ["filters[owner][$eq]", "platform"],
      ["pagination[page]", "3"],
      ["pagination[pageSize]", "20"],
    ]);
    expect(req.headers.authorization).toBe("Bearer jwt");
  });

  it("sends transitions with a trimmed note and lists outbox jobs by status", async () => {
    const { api, provider } = make();
    await api.transition("a1", "returned", "  营业执照照片不清晰 ");
    expect(server.last().body).toEqual({ to: "returned", note: "营业执照照片不清晰" });
    await api.transition("a1", "onsite_check", "   ");
    expect(server.last().body).toEqual({ to: "onsite_check" });
    const jobs = (await provider.getList({ resource: "outbox-jobs", filters: [{ field: "status", operator: "eq", value: "failed" }] })) as {
      total: number;
      failed?: number;
      counts?: Record<string, number>;
    };
    expect(jobs).toMatchObject({ total: 1, failed: 1, counts: { pending: 2, sending: 0, sent: 5, failed: 1 } });
    expect(server.last().query).toEqual([
      ["filters[status][$eq]", "failed"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "20"],
    ]);
    // A channel (失败报文: ddt.ceb) is one more filter; a blank one is left out.
    await provider.getList({
      resource: "outbox-jobs",
      pagination: { currentPage: 2, pageSize: 50 },
      filters: [
        { field: "status", operator: "eq", value: "pending" },
        { field: "channel", operator: "eq", value: "ddt.ceb" },
      ],
    });
    expect(server.last().query).toEqual([
      ["filters[status][$eq]", "pending"],
      ["filters[channel][$eq]", "ddt.ceb"],
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "50"],
    ]);
    const all = await api.outboxJobs({ status: "sent", channel: "", pageSize: 1 });
    expect(all).toMatchObject({ total: 1, failed: 1 });
    expect(server.last().query).toEqual([
      ["filters[status][$eq]", "sent"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "1"],
    ]);
  });

  it("rejects with the API's message", async () => {
    const { api } = make();
    await expect(api.get("nope")).rejects.toMatchObject({ statusCode: 404, code: "NOT_FOUND", message: "不存在" });
  });
});
