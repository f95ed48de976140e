/** One workspace-owning organization of the synthetic company's customers (a "space" owner in the product). */
export interface Organization {
  /** Position in signup order (0 = the oldest). */
  index: number;
  /** Product-side id (Firestore document id, Amplitude `group` value), stable for a seed. */
  id: string;
  name: string;
  /** Unique web domain; users' emails are at this domain. */
  domain: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  industry: string;
  /** Signup time, epoch ms. */
  createdAt: number;
  /** Number of product users (members of its spaces). */
  userCount: number;
  /** Number of spaces (workspaces) in the product. */
  spaceCount: number;
  /** Whether it ever started a paid plan (then it is a Stripe customer). */
  paying: boolean;
}

/** One product user of an organization. */
export interface OrganizationUser {
  /** Organization index. */
  organization: number;
  /** Position within the organization (0 = the owner, who signed up). */
  index: number;
  /** Product-side id, stable for a seed. */
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Account creation, epoch ms. */
  createdAt: number;
}
