import type { MerchantFields } from "@jmt/api-types";

/** A merchant (商户) as the console receives it from @jmt/strapi-provider (`id` = documentId). */
export interface Merchant extends MerchantFields {
  id: string;
  _numericId?: number;
}
