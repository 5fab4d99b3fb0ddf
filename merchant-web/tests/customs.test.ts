import { describe, expect, it } from "vitest";
import { batchInFlight, isWaiting, stageIndex, waitingCount, type BatchProgress } from "@jmt/api-types";
import {
  cellKey,
  countEntries,
  fatalImportError,
  fieldErrorsOf,
  flowSteps,
  formFieldErrors,
  isFixable,
  isParcelWeight,
  isPlainAscii,
  overridesFrom,
  statusKey,
} from "../src/lib/customs";
import { modulePath } from "../src/lib/catalogue";

/** A batch's `progress` as GET /api/customs/batches/:id answers it (API_CONTRACT.md, Customs). */
function progress(over: Partial<BatchProgress> = {}): BatchProgress {
  return {
    stage: "orders",
    next: null,
    orders: { total: 0, byStatus: {} },
    inventories: { total: 0, byStatus: {} },
    waybill: null,
    summary: null,
    needsSummary: true,
    ...over,
  };
}

describe("出口报关 step bar (progress.stage)", () => {
  it("puts the stages in flow order", () => {
    expect(["orders", "inventories", "waybill", "summary", "done"].map(stageIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(stageIndex("nonsense")).toBe(0);
  });

  it("finishes the steps before the stage, runs the stage, waits after it", () => {
    const steps = flowSteps(
      progress({ stage: "waybill", next: { action: "declare-waybill", label: "申报清单总分单", hint: "" } }),
    );
    expect(steps.map((s) => s.state)).toEqual(["finish", "finish", "process", "wait", "wait"]);
  });

  it("finishes every step once done", () => {
    expect(flowSteps(progress({ stage: "done" })).map((s) => s.state)).toEqual([
      "finish",
      "finish",
      "finish",
      "finish",
      "finish",
    ]);
  });

  it("marks 汇总申请单 skipped for a batch declared with A (简化申报)", () => {
    const steps = flowSteps(progress({ stage: "waybill", needsSummary: false }));
    expect(steps.find((s) => s.key === "summary")?.skipped).toBe(true);
    expect(flowSteps(progress()).some((s) => s.skipped)).toBe(false);
  });

  it("shows the stage in error when its records were rejected and nothing is left to do", () => {
    const rejected = progress({ orders: { total: 2, byStatus: { rejected: 2 } } });
    expect(flowSteps(rejected)[0]?.state).toBe("error");
    const waybillRejected = progress({ stage: "waybill", waybill: { id: "w", documentId: "w", status: "rejected" } });
    // The cms offers declare-waybill again after a 退单: the step is then current, not in error.
    expect(flowSteps({ ...waybillRejected, next: { action: "declare-waybill", label: "", hint: "" } })[2]?.state).toBe(
      "process",
    );
    expect(flowSteps(waybillRejected)[2]?.state).toBe("error");
  });
});

describe("refreshing while customs answers", () => {
  it("waits on orders until 海关入库 and on inventories until 已放行", () => {
    expect(isWaiting("order", "stored")).toBe(false);
    expect(isWaiting("inventory", "stored")).toBe(true);
    expect(isWaiting("inventory", "released")).toBe(false);
    expect(isWaiting("cancellation", "approved")).toBe(false);
    expect(isWaiting("cancellation", "declaring")).toBe(true);
    expect(isWaiting("waybill", "reviewed")).toBe(false);
    expect(isWaiting("summary", "queued")).toBe(true);
  });

  it("counts what is still out", () => {
    expect(waitingCount("order", { total: 5, byStatus: { queued: 1, declaring: 2, stored: 1, rejected: 1 } })).toBe(3);
    expect(waitingCount("inventory", { total: 3, byStatus: { stored: 1, inspecting: 1, released: 1 } })).toBe(2);
    expect(waitingCount("order", undefined)).toBe(0);
  });

  it("refreshes a batch only while something is in flight", () => {
    expect(batchInFlight(progress({ orders: { total: 5, byStatus: { draft: 5 } } }))).toBe(false);
    expect(batchInFlight(progress({ orders: { total: 5, byStatus: { declaring: 1, stored: 4 } } }))).toBe(true);
    expect(batchInFlight(progress({ stage: "inventories", orders: { total: 2, byStatus: { stored: 2 } } }))).toBe(
      false,
    );
    expect(
      batchInFlight(progress({ stage: "waybill", waybill: { id: "w", documentId: "w", status: "declaring" } })),
    ).toBe(true);
    expect(
      batchInFlight(
        progress({
          stage: "done",
          waybill: { id: "w", documentId: "w", status: "reviewed" },
          summary: { id: "s", documentId: "s", status: "reviewed" },
        }),
      ),
    ).toBe(false);
    expect(batchInFlight(null)).toBe(false);
  });
});

describe("status labels and counts", () => {
  it("calls a cancellation's draft 暂存 and everything else by its status", () => {
    expect(statusKey("draft", "cancellation")).toBe("customs.status.cancellationDraft");
    expect(statusKey("draft", "order")).toBe("customs.status.draft");
    expect(statusKey("released")).toBe("customs.status.released");
  });

  it("lists non-zero counts in flow order, unknown statuses last", () => {
    expect(
      countEntries({ total: 9, byStatus: { rejected: 1, stored: 4, draft: 0, declaring: 2, mystery: 2 } }),
    ).toEqual([
      { status: "declaring", count: 2 },
      { status: "stored", count: 4 },
      { status: "rejected", count: 1 },
      { status: "mystery", count: 2 },
    ]);
  });
});

describe("forms: server field errors and local checks", () => {
  it("reads details.errors of a VALIDATION_FAILED and groups them by known field", () => {
    const details = {
      errors: [
        { field: "name", message: "请填写批次名称" },
        { field: "country", message: "运抵国应为3位海关国别代码" },
        { field: "mystery", message: "其他问题" },
        { nope: 1 },
      ],
    };
    const errors = fieldErrorsOf(details);
    expect(errors).toHaveLength(3);
    expect(formFieldErrors(errors, ["name", "country"])).toEqual({
      fields: [
        { name: "name", errors: ["请填写批次名称"] },
        { name: "country", errors: ["运抵国应为3位海关国别代码"] },
      ],
      other: ["其他问题"],
    });
    expect(fieldErrorsOf({})).toEqual([]);
    expect(fieldErrorsOf(undefined)).toEqual([]);
  });

  it("checks 每票毛重 and 提运单号 like the cms", () => {
    expect(["0.6", "1", "12.345"].every(isParcelWeight)).toBe(true);
    expect(["0", "0.000", "-1", "1.2345", "abc", ""].some(isParcelWeight)).toBe(false);
    expect(isPlainAscii("784-20261122-01")).toBe(true);
    expect(isPlainAscii("784 1234")).toBe(false);
    expect(isPlainAscii("航班")).toBe(false);
  });
});

describe("import preview (C3)", () => {
  it("turns edited cells into overrides by Excel row and field", () => {
    expect(
      overridesFrom({
        [cellKey(4, "hsCode")]: "7103992000",
        [cellKey(5, "price")]: "12.50",
        [cellKey(4, "unit")]: "个",
        bad: "x",
        "0x:y": "z",
      }),
    ).toEqual({
      "4": { hsCode: "7103992000", unit: "个" },
      "5": { price: "12.50" },
    });
  });

  it("lets only cell errors be fixed in place", () => {
    expect(
      isFixable({ row: 3, column: "HS编码", field: "hsCode", code: "HS_UNKNOWN", message: "", value: "9999999999" }),
    ).toBe(true);
    expect(isFixable({ row: 0, column: null, field: null, code: "NO_DATA", message: "", value: null })).toBe(false);
  });

  it("reads the fatal error of a 422 IMPORT_FILE_REJECTED", () => {
    const header = fatalImportError({
      errors: [
        {
          row: 0,
          column: null,
          code: "HEADER_MISMATCH",
          message: "表头与模板不一致",
          missing: ["HS编码"],
          unknown: ["订单号码"],
          duplicate: [],
        },
      ],
      fatal: true,
    });
    expect(header).toMatchObject({ code: "HEADER_MISMATCH", missing: ["HS编码"], unknown: ["订单号码"] });
    expect(fatalImportError({ errors: [] })).toBeNull();
    expect(fatalImportError({})).toBeNull();
  });
});

describe("routes", () => {
  it("sends 出口报关 and its features to the customs screens", () => {
    expect(modulePath("customs")).toBe("/customs");
    expect(modulePath("customs", "cancellations")).toBe("/customs/cancellations");
    expect(modulePath("customs", "interfaceConfig")).toBe("/customs#interfaceConfig");
    expect(modulePath("customs", "orders")).toBe("/customs#batches");
  });
});
