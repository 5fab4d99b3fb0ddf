import { describe, expect, it } from "vitest";
import { formatProblem as fieldProblem, idNumberCheck, isCreditCode, isIdNumber, whenHolds } from "@jmt/api-types";
import {
  compact,
  getIn,
  isPrefilled,
  isRatio,
  mergeData,
  namePath,
  ratioSum,
  ratiosComplete,
  registrationProblems,
  resumeStep,
  stepOfField,
  wizardSteps,
} from "../src/lib/applications";
import { activeSlots, kindAsks, stepKeys } from "../src/lib/applications";
import { filenameFrom } from "../src/providers/apiClient";
import type { BusinessRegistrationData } from "@jmt/api-types";

const COMPLETE_COMPANY: BusinessRegistrationData = {
  path: "new",
  entityType: "company",
  nameOptions: ["东海县晶彩水晶有限公司"],
  registeredAddress: "江苏省连云港市东海县牛山街道水晶大道 88 号",
  businessScope: "水晶饰品加工、销售；货物进出口",
  registeredCapital: "50",
  legalPerson: { name: "张晶", idNumber: "320722199001011230", phone: "13912345678" },
  shareholders: [
    { name: "张晶", idNumber: "320722199001011230", ratio: "66.67" },
    { name: "李紫", idNumber: "320722199202023457", ratio: "33.33" },
  ],
  contact: { name: "张晶", phone: "13912345678" },
  files: { id_card_front: "f1", id_card_back: "f2" },
};

describe("field checks mirror the cms", () => {
  it("统一社会信用代码: 18 characters without I, O, Z, S, V", () => {
    expect(isCreditCode("91320722MA1XKQ2P31")).toBe(true);
    expect(isCreditCode("91320722ma1xkq2p31")).toBe(true);
    expect(isCreditCode("91320722MA1XKQ2P32")).toBe(false); // wrong check character
    expect(isCreditCode("91320722MA1XKQ2P3")).toBe(false);
    expect(isCreditCode("91320722MA1XKQ2P311")).toBe(false);
    expect(isCreditCode("91320722MA1XKQ2PI1")).toBe(false);
    expect(isCreditCode("")).toBe(false);
  });

  it("身份证号: 18 characters, a real birth date, the mod-11 check character", () => {
    expect(isIdNumber("320722199001011230")).toBe(true);
    expect(isIdNumber("320722198512125673")).toBe(true);
    expect(isIdNumber("320722199001011231")).toBe(false); // wrong check character
    expect(isIdNumber("320722199002301236")).toBe(false); // 2 月 30 日
    expect(isIdNumber("3207221990010112")).toBe(false);
    expect(isIdNumber(`32072220990101123${idNumberCheck("32072220990101123")}`, new Date("2026-11-22"))).toBe(false); // future
    const x = ["11010519491231002", "11010119900307803"]
      .map((b) => b + idNumberCheck(b))
      .find((id) => id.endsWith("X"));
    if (x) expect(isIdNumber(x.toLowerCase())).toBe(true);
  });

  it("shareholder ratios: each in (0, 100], summing to exactly 100 without float drift", () => {
    expect(isRatio("60")).toBe(true);
    expect(isRatio("0")).toBe(false);
    expect(isRatio("100.5")).toBe(false);
    expect(isRatio("abc")).toBe(false);
    expect(ratioSum([{ ratio: "33.33" }, { ratio: "66.67" }])).toBe(100);
    expect(ratiosComplete([{ ratio: "0.1" }, { ratio: "0.2" }, { ratio: "99.7" }])).toBe(true);
    expect(ratiosComplete([{ ratio: "60" }, { ratio: "30" }])).toBe(false);
    expect(ratiosComplete([])).toBe(false);
  });

  it("filing field types", () => {
    expect(fieldProblem("phone", "12345")).toBe("phone");
    expect(fieldProblem("phone", "13900000001")).toBeNull();
    expect(fieldProblem("email", "a@b")).toBe("email");
    expect(fieldProblem("creditCode", "91320722MA1XKQ2P31")).toBeNull();
    expect(fieldProblem("customsCode", "32079600AB")).toBeNull();
    expect(fieldProblem("customsCode", "3207")).toBe("customsCode");
    expect(fieldProblem("decimal", "-1")).toBe("number");
    expect(fieldProblem("text", "anything")).toBeNull();
    expect(fieldProblem("phone", "")).toBeNull();
  });
});

describe("registration completeness (what submission refuses)", () => {
  it("a complete new company has no problems", () => {
    expect(registrationProblems(COMPLETE_COMPANY)).toEqual([]);
  });

  it("ratios not summing to 100 are reported on shareholders", () => {
    const data = { ...COMPLETE_COMPANY, shareholders: [{ name: "张晶", idNumber: "320722199001011230", ratio: "60" }] };
    expect(registrationProblems(data)).toEqual([{ field: "shareholders", reason: "ratioSum" }]);
  });

  it("an individual needs no capital or shareholders", () => {
    const { registeredCapital: _c, shareholders: _s, ...rest } = COMPLETE_COMPANY;
    expect(registrationProblems({ ...rest, entityType: "individual" })).toEqual([]);
  });

  it("path existing needs the credit code and its four files", () => {
    const problems = registrationProblems({
      path: "existing",
      entityType: "company",
      companyName: "东海县晶华水晶饰品有限公司",
      creditCode: "91320722MA1XKQ2P32",
      registeredAddress: "东海县",
      legalPerson: { name: "王", idNumber: "320722199001011230", phone: "13900000001" },
      contact: { name: "王", phone: "13900000001" },
      files: { id_card_front: "a", id_card_back: "b" },
    });
    expect(problems.map((p) => p.field)).toEqual(["creditCode", "files.business_licence", "files.bank_permit"]);
    // The kind's own slot list (with labels and conditions) wins over the built-in one.
    expect(
      registrationProblems({ path: "new" }, { slots: [{ key: "x", required: true }] }).map((p) => p.field),
    ).toContain("files.x");
    expect(problems[0]?.reason).toBe("creditCode");
  });

  it("an empty draft resumes at the first step; a filled one at the step still missing something", () => {
    expect(resumeStep({})).toBe(0);
    expect(resumeStep({ path: "new", entityType: "company" })).toBe(1);
    const noFiles = { ...COMPLETE_COMPANY, files: {} };
    expect(wizardSteps("new")[resumeStep(noFiles)]).toBe("files");
    expect(wizardSteps("new")[resumeStep(COMPLETE_COMPANY)]).toBe("confirm");
  });

  it("server field paths map to wizard steps and form name paths", () => {
    expect(stepOfField("legalPerson.idNumber")).toBe("people");
    expect(stepOfField("shareholders[1].ratio")).toBe("people");
    expect(stepOfField("shareholders.1.ratio")).toBe("people");
    expect(stepOfField("nameOptions.0")).toBe("name");
    expect(stepOfField("files.id_front")).toBe("files");
    expect(stepOfField("creditCode")).toBe("name");
    expect(stepOfField("registeredCapital")).toBe("scope");
    expect(namePath("shareholders[1].ratio")).toEqual(["shareholders", 1, "ratio"]);
    expect(namePath("shareholders.1.ratio")).toEqual(["shareholders", 1, "ratio"]);
    expect(getIn(COMPLETE_COMPANY, "shareholders[1].name")).toBe("李紫");
    expect(wizardSteps("existing")).not.toContain("scope");
  });
});

describe("draft helpers", () => {
  it("merge keeps nested values and replaces arrays", () => {
    const merged = mergeData(
      { legalPerson: { name: "张", phone: "1" }, nameOptions: ["a", "b"] },
      {
        legalPerson: { phone: "2" },
        nameOptions: ["c"],
      },
    );
    expect(merged).toEqual({ legalPerson: { name: "张", phone: "2" }, nameOptions: ["c"] });
  });

  it("compact trims strings and drops undefined", () => {
    expect(compact({ a: " x ", b: undefined, c: [{ d: " y" }] })).toEqual({ a: "x", c: [{ d: "y" }] });
  });

  it("G10: 已自动带入 while the value is the prefilled one", () => {
    const sources = { "contact.phone": "merchant", "legalPerson.name": "merchant" };
    const prefill = { contact: { phone: "13900000001" }, legalPerson: { name: "王" } };
    expect(isPrefilled(sources, prefill, prefill, "contact.phone")).toBe(true);
    expect(isPrefilled(sources, prefill, { contact: { phone: "13900000009" } }, "contact.phone")).toBe(false);
    expect(isPrefilled(sources, prefill, prefill, "registeredAddress")).toBe(false);
  });

  it("file names from Content-Disposition", () => {
    expect(filenameFrom('attachment; filename="a.docx"')).toBe("a.docx");
    expect(filenameFrom("attachment; filename=\"x.docx\"; filename*=UTF-8''%E6%A8%A1%E6%9D%BF.docx")).toBe("模板.docx");
    expect(filenameFrom("")).toBeNull();
  });
});

import { boardState, latestReason } from "../src/lib/applications";

describe("progress board", () => {
  const steps = ["filling", "initial_review", "onsite_check", "approved"];
  it("marks the current step, finish at the end", () => {
    expect(boardState(steps, "filling")).toEqual({ current: 0, state: "process" });
    expect(boardState(steps, "initial_review")).toEqual({ current: 1, state: "process" });
    expect(boardState(steps, "approved")).toEqual({ current: 3, state: "finish" });
  });
  it("returned shows an error where it was sent back from, with the staff reason", () => {
    const timeline = [
      { from: "filling", to: "initial_review", note: null },
      { from: "initial_review", to: "onsite_check", note: null },
      { from: "onsite_check", to: "returned", note: "租赁合同缺少签字页" },
    ];
    expect(boardState(steps, "returned", timeline)).toEqual({ current: 2, state: "error" });
    expect(latestReason("returned", timeline)).toBe("租赁合同缺少签字页");
    expect(latestReason("initial_review", timeline)).toBeNull();
  });
});

describe("kinds as the cms declares them", () => {
  it("conditions, steps, slots", () => {
    expect(whenHolds({ path: "path", in: ["new"] }, { path: "new" })).toBe(true);
    expect(whenHolds({ path: "path", in: ["new"] }, { path: "existing" })).toBe(false);
    expect(whenHolds(null, {})).toBe(true);
    const newCompany = [
      { path: "path", in: ["new"] },
      { path: "entityType", in: ["company"] },
    ];
    expect(whenHolds(newCompany, { path: "new", entityType: "company" })).toBe(true);
    expect(whenHolds(newCompany, { path: "existing", entityType: "company" })).toBe(false);
    expect(stepKeys([{ key: "filling" }, { key: "submitted" }])).toEqual(["filling", "submitted"]);
    const slots = [
      { key: "business_licence", label: "营业执照", required: true, when: { path: "path", in: ["existing"] } },
      { key: "id_card_front", label: "人像面", required: true, when: null },
    ];
    expect(activeSlots(slots, { path: "new" }, []).map((s) => s.key)).toEqual(["id_card_front"]);
    expect(activeSlots([], { path: "new" }, [{ key: "a", required: true }]).map((s) => s.key)).toEqual(["a"]);
    expect(
      kindAsks([{ path: "registeredCapital", when: { path: "entityType", in: ["company"] } }], "registeredCapital", {
        entityType: "company",
      }),
    ).toBe(true);
    expect(kindAsks([], "registeredCapital", {})).toBe(false);
  });
});
