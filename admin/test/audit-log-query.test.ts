import dayjs from "dayjs";
import { describe, expect, it } from "vitest";
import { buildAuditExportUrl, buildAuditLogQuery, exportFileName, filtersToAuditParams, searchValuesToFilters } from "../src/lib/audit-log-query";

describe("buildAuditLogQuery", () => {
  it("writes Strapi's list format: filters (actor, module, time range), then pagination", () => {
    const query = buildAuditLogQuery({
      pageSize: 20,
      page: 2,
      to: "2025-01-31T15:59:59.999Z",
      from: "2024-12-31T16:00:00.000Z",
      module: "merchant",
      actor: "13800000000",
    });
    expect(query).toBe(
      "filters[actor][$containsi]=13800000000&filters[module][$eq]=merchant" +
        "&filters[createdAt][$gte]=2024-12-31T16%3A00%3A00.000Z&filters[createdAt][$lte]=2025-01-31T15%3A59%3A59.999Z" +
        "&pagination[page]=2&pagination[pageSize]=20",
    );
    expect([...new URLSearchParams(query).entries()]).toEqual([
      ["filters[actor][$containsi]", "13800000000"],
      ["filters[module][$eq]", "merchant"],
      ["filters[createdAt][$gte]", "2024-12-31T16:00:00.000Z"],
      ["filters[createdAt][$lte]", "2025-01-31T15:59:59.999Z"],
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "20"],
    ]);
  });

  it("skips empty filters and trims the phone", () => {
    expect(buildAuditLogQuery({ actor: "  138 ", module: "", from: undefined, page: 1, pageSize: 20 })).toBe(
      "filters[actor][$containsi]=138&pagination[page]=1&pagination[pageSize]=20",
    );
    expect(buildAuditLogQuery({})).toBe("pagination[page]=1&pagination[pageSize]=20");
  });

  it("keeps an open-ended time range open", () => {
    expect(buildAuditLogQuery({ to: "2025-01-31T15:59:59.999Z" })).toBe(
      "filters[createdAt][$lte]=2025-01-31T15%3A59%3A59.999Z&pagination[page]=1&pagination[pageSize]=20",
    );
  });
});

describe("CSV export URL", () => {
  it("carries the same filters and no paging", () => {
    expect(buildAuditExportUrl("/api", { actor: "13800000000", module: "auth", from: "2025-01-01T00:00:00.000Z", to: undefined })).toBe(
      "/api/audit-logs/export?filters[actor][$containsi]=13800000000&filters[module][$eq]=auth&filters[createdAt][$gte]=2025-01-01T00%3A00%3A00.000Z",
    );
    expect(buildAuditExportUrl("/api/", {})).toBe("/api/audit-logs/export");
  });

  it("is built from the table's filters (the search form → Refine filters → URL)", () => {
    const start = dayjs("2025-03-01T10:20:00");
    const end = dayjs("2025-03-07T08:00:00");
    const filters = searchValuesToFilters({ actor: "13900000001", module: "merchant", range: [start, end] });
    const params = filtersToAuditParams(filters);
    expect(params).toEqual({
      actor: "13900000001",
      module: "merchant",
      from: start.startOf("day").toISOString(),
      to: end.endOf("day").toISOString(),
    });
    const url = new URL(buildAuditExportUrl("/api", params), "http://127.0.0.1:8001");
    expect(url.pathname).toBe("/api/audit-logs/export");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      "filters[actor][$containsi]": "13900000001",
      "filters[module][$eq]": "merchant",
      "filters[createdAt][$gte]": start.startOf("day").toISOString(),
      "filters[createdAt][$lte]": end.endOf("day").toISOString(),
    });
  });

  it("handles open-ended and cleared ranges", () => {
    const onlyStart = filtersToAuditParams(searchValuesToFilters({ range: [dayjs("2025-03-01"), null] }));
    expect(onlyStart.from).toBe(dayjs("2025-03-01").startOf("day").toISOString());
    expect(onlyStart.to).toBeUndefined();
    expect(filtersToAuditParams(searchValuesToFilters({ actor: "", module: undefined, range: null }))).toEqual({
      actor: undefined,
      module: undefined,
    });
  });

  it("names the file after the moment of export", () => {
    expect(exportFileName(new Date(2025, 0, 2, 3, 4))).toBe("操作日志-20250102-0304.csv");
  });
});
