// Colours of entity and relation types, the same in the light and the dark
// theme: every one is a mid-tone whose contrast is at least 3:1 against both
// backgrounds (WCAG 2 non-text contrast; colors.test.ts checks it against
// the themes' --bg in style.css). Relations are grouped in families, each a
// band of hues, so that a glance tells transfers from alliances, structure
// and hostility.

export interface RelationFamily {
  name: string;
  types: string[];
}

export const RELATION_FAMILIES: RelationFamily[] = [
  { name: "Transfers and money", types: ["SUPPLIES", "TRADES_WITH", "FINANCES", "PRODUCES"] },
  { name: "Support and alliance", types: ["SUPPORTS", "ALLIED_WITH", "COOPERATES_WITH", "PRAISED"] },
  { name: "Structure and control", types: ["PART_OF", "MEMBER_OF", "LEADS", "OPERATES", "LOCATED_IN"] },
  { name: "Force and enforcement", types: ["ATTACKED", "OPPOSES", "INTERCEPTED", "SANCTIONED", "DEPLOYED_TO"] },
  { name: "Weak ties", types: ["LINKED_TO", "MENTIONED_WITH"] },
];

const ENTITY: Record<string, string> = {
  Person: "#de4444",
  Organization: "#3878c0",
  Country: "#2f8e37",
  Location: "#9e734c",
  Event: "#c4770a",
  Item: "#aa5eba",
  Vessel: "#228888",
};

const RELATION: Record<string, string> = {
  // transfers and money: reds, oranges, ochre, brown
  SUPPLIES: "#e11c1c",
  TRADES_WITH: "#c06210",
  FINANCES: "#a27b09",
  PRODUCES: "#a45c3e",
  // support and alliance: greens and teals
  SUPPORTS: "#248e24",
  ALLIED_WITH: "#198c66",
  COOPERATES_WITH: "#158993",
  PRAISED: "#60952b",
  // structure and control: blues and violets
  PART_OF: "#316ec4",
  MEMBER_OF: "#6a72d4",
  LEADS: "#8754cd",
  OPERATES: "#1584bb",
  LOCATED_IN: "#7e74ac",
  // force and enforcement: crimson, magentas, rose
  ATTACKED: "#c31c4e",
  OPPOSES: "#d62696",
  INTERCEPTED: "#b63ecf",
  SANCTIONED: "#e442cf",
  DEPLOYED_TO: "#ad545c",
  // weak ties: greys
  LINKED_TO: "#757b89",
  MENTIONED_WITH: "#8d9198",
};

/** Colours for types the viewer does not know, with the same contrast. */
const EXTRA = ["#757b89", "#8d6e63", "#5c7f99", "#8a7b3c", "#7c6f9c", "#4f8a72"];

function hashColor(s: string): string {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return EXTRA[h % EXTRA.length];
}

export function entityColor(type: string): string {
  return ENTITY[type] ?? hashColor(type);
}

export function relationColor(type: string): string {
  return RELATION[type] ?? hashColor(type);
}

/** The family of a relation type ("Other" for types outside the vocabulary). */
export function relationFamily(type: string): string {
  return RELATION_FAMILIES.find((f) => f.types.includes(type))?.name ?? "Other";
}

export const ENTITY_TYPES = Object.keys(ENTITY);
export const ENTITY_COLORS: Readonly<Record<string, string>> = ENTITY;
export const RELATION_COLORS: Readonly<Record<string, string>> = RELATION;
export const EXTRA_COLORS: readonly string[] = EXTRA;

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const ch = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
