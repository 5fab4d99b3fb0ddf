import { describe, expect, it } from "vitest";
import { diffJson, flatten } from "../src/lib/json-diff";

describe("diffJson", () => {
  it("lists changed, removed and added fields by path", () => {
    const rows = diffJson(
      { nameCn: "晶华", contact: { phone: "13900000001", email: "a@x.cn" }, tags: ["热销"], memo: "x" },
      { nameCn: "晶华", contact: { phone: "13900000009", email: "a@x.cn" }, tags: ["热销", "新品"], type: "company" },
    );
    expect(rows).toEqual([
      { path: "nameCn", before: "晶华", after: "晶华", kind: "unchanged" },
      { path: "contact.phone", before: "13900000001", after: "13900000009", kind: "changed" },
      { path: "contact.email", before: "a@x.cn", after: "a@x.cn", kind: "unchanged" },
      { path: "tags[0]", before: "热销", after: "热销", kind: "unchanged" },
      { path: "memo", before: "x", after: undefined, kind: "removed" },
      { path: "tags[1]", before: undefined, after: "新品", kind: "added" },
      { path: "type", before: undefined, after: "company", kind: "added" },
    ]);
  });

  it("treats a create (no before) and a delete (no after) as all added / all removed", () => {
    expect(diffJson(null, { a: 1 })).toEqual([{ path: "a", before: undefined, after: 1, kind: "added" }]);
    expect(diffJson({ a: 1 }, undefined)).toEqual([{ path: "a", before: 1, after: undefined, kind: "removed" }]);
    expect(diffJson(null, null)).toEqual([]);
  });

  it("keeps empty containers and scalars as leaves", () => {
    expect([...flatten({ a: {}, b: [], c: null })]).toEqual([
      ["a", {}],
      ["b", []],
      ["c", null],
    ]);
    expect([...flatten("x")]).toEqual([["(value)", "x"]]);
  });
});
