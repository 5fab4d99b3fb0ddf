/** Shapes every route shares: the error body, Strapi's list format, `{ data }`, ids. */
import * as z from 'zod/mini';

export const errorBody = z.object({
  data: z.null(),
  error: z.object({
    status: z.number(),
    /** Stable, for programs. */
    code: z.string(),
    name: z.optional(z.string()),
    /** Simplified Chinese, for people. */
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** `details.errors` of VALIDATION_FAILED: one entry per bad field. */
export const fieldErrors = z.array(z.object({ field: z.string(), message: z.string() }));

export const pagination = z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() });
export type Pagination = z.infer<typeof pagination>;

/** `{ data: T }` */
export const dataOf = <T extends z.ZodMiniType>(item: T) => z.object({ data: item });

/** Strapi's list answer: `{ data: T[], meta: { pagination, ...extra } }`. */
export const listOf = <T extends z.ZodMiniType, M extends Record<string, z.ZodMiniType> = Record<never, never>>(item: T, extraMeta?: M) =>
  z.object({ data: z.array(item), meta: z.object({ pagination, ...(extraMeta ?? ({} as M)) }) });

/** A timestamp as JSON carries it. */
export const timestamp = z.string();
/** Nullable in answers. */
export const maybe = <T extends z.ZodMiniType>(t: T) => z.nullable(t);

/** Any JSON object (application data, receipts' raw fields …). */
export const anyObject = z.record(z.string(), z.unknown());

/** Strapi's list request: `pagination[page]`, `pagination[pageSize]`, `filters[…]`, `sort`. Checked by the route's ListSpec. */
export const listQuery = z.object({
  pagination: z.optional(z.object({ page: z.optional(z.string()), pageSize: z.optional(z.string()) })),
  filters: z.optional(z.record(z.string(), z.unknown())),
  sort: z.optional(z.union([z.string(), z.array(z.string())])),
});
