/** Queue access is granted to one agent or to one team; these name which. */
export const GRANTEE_TYPES = ['user', 'team'] as const;
export type GranteeType = (typeof GRANTEE_TYPES)[number];

export interface Grantee {
  type: GranteeType;
  id: string;
}
