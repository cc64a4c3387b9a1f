// Side panels: entity details, relation evidence, document reader, path list.
import { entityColor, relationColor } from "./colors";
import { h, setChildren } from "./dom";
import { displayName, pathSteps, splitTrigger, yearsOf } from "./state";
import type { DocumentInfo, Edge, EntityDetail, Evidence, Node, Path } from "./types";

const pct = (c: number | undefined) => (c === undefined ? "–" : `${Math.round(c * 100)}%`);

export function chip(type: string, kind: "entity" | "relation"): HTMLElement {
  const color = kind === "entity" ? entityColor(type) : relationColor(type);
  return h("span", { class: "chip", style: `--c:${color}` }, type);
}

export interface EntityActions {
  expand(limit: number, rel?: string): void;
  hide(): void;
  pin(): void;
  pathFrom(): void;
  pathTo(): void;
  pinned: boolean;
  truncated: boolean;
  shown: boolean;
  /** Relations of this entity drawn now, per type. */
  shownByType: Map<string, number>;
}

/** Entity details: type, aliases, relation counts, documents, and actions. */
export function renderEntity(el: HTMLElement, d: EntityDetail, a: EntityActions): void {
  const limit = h("input", { type: "number", min: 1, max: 500, value: 25, class: "num", "data-testid": "expand-limit", title: "neighbours to add", "aria-label": "Neighbours to add" });
  const degrees = Object.entries(d.degreeByType ?? {}).sort((x, y) => y[1] - x[1]);
  const props = Object.entries(d.properties ?? {}).filter(([, v]) => v !== null && v !== "" && typeof v !== "object");
  setChildren(
    el,
    h("div", { class: "panel-head" }, h("h2", { "data-testid": "entity-name" }, d.name), chip(d.type, "entity")),
    d.aliases?.length ? h("p", { class: "muted" }, "Also: ", d.aliases.join(", ")) : null,
    props.length ? h("dl", { class: "props" }, props.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))])) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { class: "primary", "data-testid": "expand", onclick: () => a.expand(Number(limit.value) || 25) }, "Expand"),
      limit,
      h("button", { onclick: a.pathFrom, title: "Use as path start" }, "Path from"),
      h("button", { onclick: a.pathTo, title: "Use as path end" }, "Path to"),
      a.shown ? h("button", { onclick: a.hide }, "Hide") : null,
      a.shown ? h("button", { onclick: a.pin }, a.pinned ? "Unpin" : "Pin") : null,
    ),
    a.truncated ? h("p", { class: "warn", "data-testid": "truncated" }, "More neighbours exist than were added: expand again with a higher limit.") : null,
    degrees.length
      ? h(
          "section",
          {},
          h("h3", {}, `Relations (${d.degree ?? degrees.reduce((s, [, n]) => s + n, 0)}) · ${[...a.shownByType.values()].reduce((s, n) => s + n, 0)} shown`),
          h(
            "ul",
            { class: "counts" },
            degrees.map(([t, n]) =>
              h(
                "li",
                {},
                h(
                  "button",
                  { class: "rel", title: `Expand only ${t} relations`, "data-testid": `expand-rel-${t}`, onclick: () => a.expand(Math.max(n, Number(limit.value) || 25), t) },
                  chip(t, "relation"),
                  ` ${a.shownByType.get(t) ?? 0}/${n}`,
                ),
              ),
            ),
          ),
          h("p", { class: "muted small" }, "shown/total; click a type to expand only those relations"),
        )
      : null,
    d.documents?.length
      ? h("section", {}, h("h3", {}, `Documents (${d.documents.length})`), h("ul", { class: "docs" }, d.documents.map((doc) => h("li", {}, doc.title || doc.path || doc.id))))
      : null,
  );
}

/** Relation evidence: every supporting sentence with the trigger marked. */
export function renderEdge(el: HTMLElement, e: Edge, names: (id: string) => string, openDoc: (ev: Evidence) => void): void {
  const ev = e.evidence ?? [];
  const years = yearsOf(e);
  const items = Array.isArray(e.properties?.["items"]) ? (e.properties?.["items"] as unknown[]).map(String) : [];
  const rule = typeof e.properties?.["rule"] === "string" ? (e.properties["rule"] as string) : "";
  setChildren(
    el,
    h(
      "div",
      { class: "panel-head" },
      h("h2", { "data-testid": "edge-title" }, names(e.source), " ", chip(e.type, "relation"), " ", names(e.target)),
    ),
    h(
      "p",
      { class: "muted" },
      `Confidence ${pct(e.confidence)}`,
      years.length ? ` · years ${years.join(", ")}` : "",
      items.length ? ` · items: ${items.join(", ")}` : "",
      rule ? ` · rule ${rule}` : "",
    ),
    h("h3", {}, `Evidence (${ev.length}${e.evidenceCount && e.evidenceCount > ev.length ? ` of ${e.evidenceCount}` : ""})`),
    ev.length === 0 ? h("p", { class: "muted" }, "No supporting sentence was returned.") : null,
    h(
      "ol",
      { class: "evidence", "data-testid": "evidence-list" },
      ev.map((x) => {
        const [pre, trig, post] = splitTrigger(x.sentence, x.start, x.triggerStart, x.triggerEnd);
        return h(
          "li",
          { "data-testid": "evidence" },
          h("blockquote", {}, pre, trig ? h("mark", { title: "trigger" }, trig) : null, post),
          h(
            "div",
            { class: "ev-meta" },
            h("button", { class: "link", "data-testid": "open-document", onclick: () => openDoc(x) }, x.documentTitle || x.document),
            ` · confidence ${pct(x.confidence ?? e.confidence)}`,
            x.rule ? ` · rule ${x.rule}` : "",
          ),
        );
      }),
    ),
  );
}

/** The relations between two entities (a bundle of parallel edges, opened). */
export function renderBundle(
  el: HTMLElement,
  a: string,
  b: string,
  edges: Edge[],
  names: (id: string) => string,
  on: { edge(e: Edge): void; collapse(): void },
): void {
  const sorted = [...edges].sort((x, y) => y.confidence - x.confidence || x.type.localeCompare(y.type));
  setChildren(
    el,
    h("div", { class: "panel-head" }, h("h2", { "data-testid": "bundle-title" }, `${names(a)} – ${names(b)}: ${edges.length} relations`)),
    h("p", { class: "muted" }, "Drawn apart on the canvas; click one for its evidence."),
    h(
      "ul",
      { class: "bundle", "data-testid": "bundle-list" },
      sorted.map((e) =>
        h(
          "li",
          {},
          h(
            "button",
            { class: "rel", "data-testid": "bundle-edge", onclick: () => on.edge(e) },
            names(e.source),
            " —",
            chip(e.type, "relation"),
            "→ ",
            names(e.target),
            " ",
            h("span", { class: "muted" }, pct(e.confidence)),
          ),
        ),
      ),
    ),
    h("div", { class: "actions" }, h("button", { onclick: on.collapse, "data-testid": "bundle-collapse" }, "Draw as one edge again")),
  );
}

/** Splits a text by code-point offsets. */
function cpSlice(cps: string[], a: number, b: number): string {
  return cps.slice(Math.max(0, a), Math.max(0, b)).join("");
}

/** The document reader: full text, the evidence sentence highlighted and scrolled to. */
export function renderDocument(el: HTMLElement, doc: DocumentInfo, ev: Evidence | null): HTMLElement | null {
  const cps = Array.from(doc.text ?? "");
  let mark: HTMLElement | null = null;
  let body: (HTMLElement | string)[];
  if (ev && ev.end > ev.start && ev.start < cps.length) {
    const ts = ev.triggerStart ?? -1;
    const te = ev.triggerEnd ?? -1;
    const inside = ts >= ev.start && te <= ev.end && te > ts;
    mark = h(
      "mark",
      { class: "sentence", "data-testid": "doc-highlight" },
      inside ? cpSlice(cps, ev.start, ts) : cpSlice(cps, ev.start, ev.end),
      inside ? h("strong", { class: "trigger" }, cpSlice(cps, ts, te)) : null,
      inside ? cpSlice(cps, te, ev.end) : null,
    );
    body = [cpSlice(cps, 0, ev.start), mark, cpSlice(cps, ev.end, cps.length)];
  } else {
    body = [doc.text ?? ""];
  }
  setChildren(
    el,
    h("div", { class: "doc-head" }, h("h2", { "data-testid": "doc-title" }, doc.title || doc.path || doc.id), h("span", { class: "muted" }, [doc.path, doc.format, doc.chars ? `${doc.chars} chars` : ""].filter(Boolean).join(" · "))),
    // A long document scrolls: keyboard users reach it with Tab (WCAG 2.1.1).
    h("div", { class: "doc-text", "data-testid": "doc-text", tabindex: "0", role: "region", "aria-label": "Document text" }, body),
  );
  return mark;
}

/** Path results: each path as numbered steps; click a path to focus it. */
export function renderPaths(
  el: HTMLElement,
  paths: Path[],
  active: number,
  on: { focus(i: number): void; edge(e: Edge): void; node(n: Node): void },
): void {
  if (!paths.length) {
    setChildren(el, h("p", { class: "muted", "data-testid": "no-path" }, "No path found with these settings. Try more hops, another mode or fewer filters."));
    return;
  }
  setChildren(
    el,
    h("p", { class: "muted" }, `${paths.length} path${paths.length > 1 ? "s" : ""} · click one to highlight it`),
    h(
      "ol",
      { class: "paths", "data-testid": "path-list" },
      paths.map((p, i) =>
        h(
          "li",
          { class: i === active ? "active" : "", "data-testid": "path", onclick: () => on.focus(i) },
          h("div", { class: "path-head" }, `Path ${i + 1} · ${p.edges.length} hop${p.edges.length === 1 ? "" : "s"}`),
          h(
            "ol",
            { class: "steps" },
            pathSteps(p).map((s) =>
              h(
                "li",
                {},
                h("button", { class: "link", onclick: (ev: Event) => (ev.stopPropagation(), on.node(s.from)), title: s.from.name }, displayName(s.from)),
                h(
                  "button",
                  { class: "rel", "data-testid": "path-edge", title: "show evidence", onclick: (ev: Event) => (ev.stopPropagation(), i !== active && on.focus(i), on.edge(s.edge)) },
                  s.forward ? " —" : " ←",
                  chip(s.edge.type, "relation"),
                  s.forward ? "→ " : "— ",
                  h("span", { class: "muted" }, pct(s.edge.confidence)),
                ),
                h("button", { class: "link", onclick: (ev: Event) => (ev.stopPropagation(), on.node(s.to)), title: s.to.name }, displayName(s.to)),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
