import { describe, expect, it } from "vitest";
import { buildListQuery, contains, eq, oneOrMany, readList } from "../src";

describe("buildListQuery", () => {
  it("writes Strapi's list query and leaves blank filters out", () => {
    const query = buildListQuery({ filters: { q: contains(" 晶华 "), status: eq(""), kind: oneOrMany(["a", " ", "b"]) }, page: 2 });
    const params = new URLSearchParams(query);
    expect(params.get("filters[q][$containsi]")).toBe("晶华");
    expect(params.has("filters[status][$eq]")).toBe(false);
    expect(params.get("filters[kind][$in][0]")).toBe("a");
    expect(params.get("filters[kind][$in][1]")).toBe("b");
    expect(params.get("pagination[page]")).toBe("2");
    expect(params.get("pagination[pageSize]")).toBe("20");
  });

  it("falls back to page 1 for a page that is not a positive number", () => {
    const params = new URLSearchParams(buildListQuery({ page: -3, pageSize: Number.NaN, sort: "updatedAt:desc" }));
    expect(params.get("pagination[page]")).toBe("1");
    expect(params.get("pagination[pageSize]")).toBe("20");
    expect(params.get("sort")).toBe("updatedAt:desc");
  });
});

describe("readList", () => {
  it("passes the pagination and the extras of meta on", () => {
    const list = readList<{ id: string }, { unread: number }>({
      data: [{ id: "a" }],
      meta: { pagination: { page: 3, pageSize: 1, pageCount: 7, total: 7 }, unread: 2 },
    });
    expect(list.meta.pagination).toEqual({ page: 3, pageSize: 1, pageCount: 7, total: 7 });
    expect(list.meta.unread).toBe(2);
  });

  it("completes a pagination the server left out from the rows", () => {
    expect(readList([{ id: "a" }, { id: "b" }]).meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 1, total: 2 });
    expect(readList({ data: [{ id: "a" }], meta: { pagination: { total: 41, pageSize: 20 } } }).meta.pagination).toEqual({
      page: 1,
      pageSize: 20,
      pageCount: 3,
      total: 41,
    });
    expect(readList(null)).toEqual({ data: [], meta: { pagination: { page: 1, pageSize: 0, pageCount: 1, total: 0 } } });
  });
});
