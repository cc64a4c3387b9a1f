// Legend that doubles as the filter panel: entity and relation types,
// minimum confidence, time slicer, hidden nodes.
import { entityColor, relationColor, relationFamily, ENTITY_TYPES, RELATION_FAMILIES } from "./colors";
import { h, setChildren } from "./dom";
import { allYears, toggleInList, typeCounts, type Filters, type ViewState } from "./state";
import type { Schema } from "./types";

export interface LegendHooks {
  setFilters(f: Partial<Filters>): void;
  showHidden(): void;
  /** Colour nodes by Louvain community instead of entity type. */
  colorByCommunity(on: boolean): void;
  communities: number | null;
}

export function renderLegend(el: HTMLElement, s: ViewState, schema: Schema | null, hooks: LegendHooks): void {
  const { entities, relations } = typeCounts(s);
  const f = s.filters;
  const etypes = schema?.entityTypes?.length ? schema.entityTypes : ENTITY_TYPES;
  const rtypes = schema?.relationTypes?.map((r) => r.type) ?? [...relations.keys()];
  for (const t of relations.keys()) if (!rtypes.includes(t)) rtypes.push(t);
  // relation types by family (the palette's hue bands), those present in the view first
  const families = [...RELATION_FAMILIES.map((f) => f.name), "Other"];
  const byFamily = families
    .map((name) => ({ name, types: rtypes.filter((t) => relationFamily(t) === name).sort((a, b) => (relations.get(b) ?? 0) - (relations.get(a) ?? 0)) }))
    .filter((f) => f.types.length);
  const desc = new Map(schema?.relationTypes?.map((r) => [r.type, r.description]) ?? []);

  const row = (kind: "entity" | "relation", t: string, n: number, off: boolean) =>
    h(
      "button",
      {
        class: `lg-row${off ? " off" : ""}${n ? "" : " empty"}`,
        "data-testid": `legend-${kind}-${t}`,
        "aria-pressed": off ? "false" : "true",
        title: (kind === "relation" ? (desc.get(t) ?? t) + "\n" : "") + "Click: show/hide · Alt+click: only this",
        onclick: (ev: Event) => {
          const e = ev as MouseEvent;
          const all = kind === "entity" ? etypes : rtypes;
          const key = kind === "entity" ? "hiddenEntityTypes" : "hiddenRelTypes";
          const cur = kind === "entity" ? f.hiddenEntityTypes : f.hiddenRelTypes;
          hooks.setFilters({ [key]: e.altKey ? all.filter((x) => x !== t) : toggleInList(cur, t) });
        },
      },
      h("span", { class: kind === "entity" ? "dot" : "bar", style: `background:${kind === "entity" ? entityColor(t) : relationColor(t)}` }),
      h("span", { class: "lg-name" }, kind === "relation" ? t.replace(/_/g, " ").toLowerCase() : t),
      h("span", { class: "lg-n" }, n ? String(n) : ""),
    );

  const conf = h("input", { type: "range", min: 0, max: 1, step: 0.05, value: f.minConfidence, "data-testid": "min-confidence", "aria-label": "Minimum confidence" });
  const confLabel = h("output", {}, `${Math.round(f.minConfidence * 100)}%`);
  conf.addEventListener("input", () => (confLabel.textContent = `${Math.round(Number(conf.value) * 100)}%`));
  conf.addEventListener("change", () => hooks.setFilters({ minConfidence: Number(conf.value) }));

  const years = allYears(s.edges.values());
  let slicer: HTMLElement | null = null;
  if (years.length) {
    const lo = years[0];
    const hi = years[years.length - 1];
    const cur = f.years ?? [lo, hi];
    const from = h("input", { type: "range", min: lo, max: hi, step: 1, value: Math.max(lo, cur[0]), "data-testid": "year-from", "aria-label": "From year" });
    const to = h("input", { type: "range", min: lo, max: hi, step: 1, value: Math.min(hi, cur[1]), "data-testid": "year-to", "aria-label": "To year" });
    const label = h("output", { "data-testid": "year-label" }, f.years ? `${cur[0]}–${cur[1]}` : `all (${lo}–${hi})`);
    const apply = () => {
      let a = Number(from.value);
      let b = Number(to.value);
      if (a > b) [a, b] = [b, a];
      hooks.setFilters({ years: a === lo && b === hi ? null : [a, b] });
    };
    const show = () => (label.textContent = `${Math.min(+from.value, +to.value)}–${Math.max(+from.value, +to.value)}`);
    from.addEventListener("input", show);
    to.addEventListener("input", show);
    from.addEventListener("change", apply);
    to.addEventListener("change", apply);
    // histogram of edges per year
    const perYear = new Map<number, number>();
    for (const e of s.edges.values()) {
      const ys = e.properties?.["years"];
      if (Array.isArray(ys)) for (const y of ys) perYear.set(Number(y), (perYear.get(Number(y)) ?? 0) + 1);
    }
    const max = Math.max(1, ...perYear.values());
    const bars = h(
      "div",
      { class: "histo", title: "relations per year" },
      Array.from({ length: hi - lo + 1 }, (_, i) => {
        const y = lo + i;
        const n = perYear.get(y) ?? 0;
        const inRange = !f.years || (y >= f.years[0] && y <= f.years[1]);
        return h("span", { class: inRange ? "in" : "", style: `height:${Math.round((n / max) * 100)}%`, title: `${y}: ${n}` });
      }),
    );
    const undated = h("input", { type: "checkbox", checked: f.undated, "data-testid": "undated", onchange: (e: Event) => hooks.setFilters({ undated: (e.target as HTMLInputElement).checked }) });
    slicer = h(
      "section",
      { class: "slicer" },
      h("h2", {}, "Time ", label),
      bars,
      h("div", { class: "range2" }, from, to),
      h("label", { class: "check" }, undated, " keep relations without a year"),
      f.years ? h("button", { class: "link", onclick: () => hooks.setFilters({ years: null }) }, "all years") : null,
    );
  }

  setChildren(
    el,
    h(
      "section",
      { class: "reading", "data-testid": "legend-reading" },
      h("h2", {}, "Reading the graph"),
      h("p", {}, h("span", { class: "size-demo" }, h("i"), h("i"), h("i")), "node size: degree (relations in the whole graph)"),
      h("p", {}, h("span", { class: "width-demo" }, h("i"), h("i"), h("i")), "edge width: confidence"),
      h("p", {}, h("span", { class: "badge-demo" }, "×3"), "parallel relations drawn as one; click to draw them apart"),
    ),
    h(
      "section",
      {},
      h("h2", {}, "Colour"),
      h(
        "div",
        { class: "seg" },
        h("button", { class: hooks.communities === null ? "on" : "", onclick: () => hooks.colorByCommunity(false) }, "by type"),
        h("button", { class: hooks.communities !== null ? "on" : "", "data-testid": "color-community", onclick: () => hooks.colorByCommunity(true) }, "by community"),
      ),
      hooks.communities !== null ? h("p", { class: "muted", "data-testid": "community-count" }, `${hooks.communities} communities (Louvain)`) : null,
    ),
    h("section", {}, h("h2", {}, "Entities"), etypes.map((t) => row("entity", t, entities.get(t) ?? 0, f.hiddenEntityTypes.includes(t)))),
    h("section", {}, h("h2", {}, "Minimum confidence ", confLabel), conf),
    slicer,
    h(
      "section",
      {},
      h("h2", {}, "Relations"),
      byFamily.map((fam) => h("div", { class: "family", "data-testid": "legend-family" }, h("h3", {}, fam.name), fam.types.map((t) => row("relation", t, relations.get(t) ?? 0, f.hiddenRelTypes.includes(t))))),
    ),
    s.hidden.size ? h("button", { class: "link", "data-testid": "show-hidden", onclick: hooks.showHidden }, `Show ${s.hidden.size} hidden node${s.hidden.size > 1 ? "s" : ""}`) : null,
  );
}
