/** Whether the signed-in staff member holds a permission (`GET /api/me` → `permissions`; `*` = all). */
export const hasPermission = (permissions: readonly string[] | null | undefined, permission: string): boolean =>
  Array.isArray(permissions) && (permissions.includes("*") || permissions.includes(permission));
