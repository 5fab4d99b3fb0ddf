export { strapiDataProvider, type StrapiDataProviderOptions, type StrapiRecord } from "./data-provider";
export {
  createStrapiAxios,
  createWebTokenStore,
  fromResponse,
  toHttpError,
  DEFAULT_ERROR_MESSAGES,
  type ApiErrorBody,
  type ApiErrorDetails,
  type ApiHttpError,
  type ErrorMessages,
  type StorageLike,
  type StrapiAxiosOptions,
  type TokenStore,
  type WebTokenStore,
} from "./http";
export { normalizeDocument, toStrapiData, type StrapiDocumentIds } from "./normalize";
export {
  buildFilters,
  buildPagination,
  buildSort,
  filterToStrapi,
  metaToQuery,
  stringifyQuery,
  UnsupportedFilterError,
  DEFAULT_PAGE_SIZE,
  type StrapiFilterObject,
  type StrapiMeta,
} from "./query";
export { buildListQuery, clean, contains, eq, oneOrMany, readList, LIST_PAGE_SIZE, type FieldFilter, type ListQuery } from "./list-query";
