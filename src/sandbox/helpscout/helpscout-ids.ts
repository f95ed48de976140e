/**
 * Help Scout ids: plain integers, as Help Scout's. Each kind owns a numeric
 * range and an object is `base + organization * slots + slot`, so an id
 * decodes to (organization, slot) by arithmetic and GET by id needs no table.
 */

/** Id layout of each kind: first id and slots per organization. */
export const HELPSCOUT_ID_LAYOUT = {
  /** Customers: one slot per user of the organization (at most 64). */
  customer: { base: 500_000_000, slots: 64 },
  /** Conversations: one slot per support request (at most 8). */
  conversation: { base: 2_000_000_000, slots: 8 },
} as const;

export type HelpScoutIdKind = keyof typeof HELPSCOUT_ID_LAYOUT;

/** Threads per conversation slot (customer message, note, reply, spare). */
export const THREAD_SLOTS = 4;
const THREAD_BASE = 6_000_000_000;

/** An object's place: organization index and slot within it. */
export interface SlotRef {
  org: number;
  slot: number;
}

/** The id of an object. */
export function helpScoutId(kind: HelpScoutIdKind, ref: SlotRef): number {
  const { base, slots } = HELPSCOUT_ID_LAYOUT[kind];
  return base + ref.org * slots + ref.slot;
}

/** Decodes an id (number or path text) of `kind`; undefined when it is not one. */
export function decodeHelpScoutId(kind: HelpScoutIdKind, id: string | number): SlotRef | undefined {
  const text = String(id);
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const { base, slots } = HELPSCOUT_ID_LAYOUT[kind];
  const n = Number(text) - base;
  if (n < 0 || n >= 0x4000000 * slots) return undefined;
  return { org: Math.floor(n / slots), slot: n % slots };
}

/** The id of thread `k` of a conversation. */
export function threadId(conversation: SlotRef, k: number): number {
  return THREAD_BASE + (conversation.org * HELPSCOUT_ID_LAYOUT.conversation.slots + conversation.slot) * THREAD_SLOTS + k;
}

/** The conversation number shown in the UI (unique, increasing with the organization). */
export function conversationNumber(ref: SlotRef): number {
  return 1000 + ref.org * HELPSCOUT_ID_LAYOUT.conversation.slots + ref.slot;
}
