/** A merchant (商户) as the console receives it from @jmt/strapi-provider (`id` = documentId). */
export interface Merchant {
  id: string;
  documentId: string;
  _numericId?: number;
  nameCn: string;
  nameEn?: string | null;
  type?: "individual" | "company" | null;
  addressCn?: string | null;
  addressEn?: string | null;
  legalPersonName?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  registrationStatus?: string | null;
  creatorPhone?: string | null;
  createdAt?: string;
  updatedAt?: string;
}
