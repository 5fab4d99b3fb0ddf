import { describe, expect, it } from "vitest";
import { buildFilters, filterToStrapi, UnsupportedFilterError } from "../src";

describe("filterToStrapi", () => {
  it("maps negative and one-sided operators", () => {
    expect(filterToStrapi({ field: "a", operator: "nin", value: ["x"] })).toEqual({ a: { $notIn: ["x"] } });
    expect(filterToStrapi({ field: "a", operator: "in", value: "x" })).toEqual({ a: { $in: ["x"] } });
    expect(filterToStrapi({ field: "a", operator: "ncontains", value: "x" })).toEqual({ a: { $notContainsi: "x" } });
    expect(filterToStrapi({ field: "a", operator: "containss", value: "X" })).toEqual({ a: { $contains: "X" } });
    expect(filterToStrapi({ field: "a", operator: "nbetween", value: [1, 2] })).toEqual({ a: { $not: { $between: [1, 2] } } });
    expect(filterToStrapi({ field: "a", operator: "startswith", value: "x" })).toEqual({ a: { $startsWithi: "x" } });
    expect(filterToStrapi({ field: "a", operator: "null", value: false })).toEqual({ a: { $notNull: true } });
    expect(filterToStrapi({ field: "a", operator: "between", value: ["2025-01-01", undefined] })).toEqual({ a: { $gte: "2025-01-01" } });
    expect(filterToStrapi({ field: "a", operator: "between", value: [null, 9] })).toEqual({ a: { $lte: 9 } });
    expect(filterToStrapi({ key: "merchant", operator: "or", value: [{ field: "nameCn", operator: "eq", value: "x" }] })).toEqual({
      merchant: { $or: [{ nameCn: { $eq: "x" } }] },
    });
  });

  it("drops empty groups and refuses operators Strapi cannot express", () => {
    expect(filterToStrapi({ operator: "or", value: [{ field: "a", operator: "eq", value: "" }] })).toBeUndefined();
    expect(() => filterToStrapi({ field: "a", operator: "ina", value: ["x"] })).toThrow(UnsupportedFilterError);
  });

  it("merges filters on distinct fields and keeps the caller's objects untouched", () => {
    const first = { field: "price", operator: "gte", value: 1 } as const;
    const second = { field: "price", operator: "lte", value: 9 } as const;
    expect(buildFilters([first, second])).toEqual({ price: { $gte: 1, $lte: 9 } });
    expect(buildFilters([])).toBeUndefined();
    expect(first.value).toBe(1);
  });
});
