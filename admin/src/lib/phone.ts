/** Mainland mobile numbers: the shared rule and mask (@jmt/api-types). */
export { MAINLAND_PHONE, isMainlandPhone, maskPhone } from "@jmt/api-types";
