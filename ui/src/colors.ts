// Colours of entity and relation types (same in light and dark themes).

const ENTITY: Record<string, string> = {
  Person: "#e15759",
  Organization: "#4e79a7",
  Country: "#59a14f",
  Location: "#9c755f",
  Event: "#f28e2b",
  Item: "#b07aa1",
  Vessel: "#76b7b2",
};

const RELATION: Record<string, string> = {
  SUPPLIES: "#d62728",
  TRADES_WITH: "#ff7f0e",
  FINANCES: "#bcbd22",
  SUPPORTS: "#2ca02c",
  ALLIED_WITH: "#17becf",
  COOPERATES_WITH: "#1f77b4",
  LINKED_TO: "#7f7f7f",
  PART_OF: "#8c564b",
  LEADS: "#9467bd",
  MEMBER_OF: "#c5b0d5",
  PRAISED: "#98df8a",
  OPPOSES: "#ff9896",
  ATTACKED: "#a50026",
  INTERCEPTED: "#e377c2",
  SANCTIONED: "#f7b6d2",
  PRODUCES: "#dbdb8d",
  DEPLOYED_TO: "#9edae5",
  OPERATES: "#aec7e8",
  LOCATED_IN: "#c49c94",
  MENTIONED_WITH: "#c7c7c7",
};

function hashColor(s: string): string {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const extra = ["#8dd3c7", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd"];
  return extra[h % extra.length];
}

export function entityColor(type: string): string {
  return ENTITY[type] ?? hashColor(type);
}

export function relationColor(type: string): string {
  return RELATION[type] ?? hashColor(type);
}

export const ENTITY_TYPES = Object.keys(ENTITY);
