// The viewer's controller: wires API calls, view state, canvas and panels.
import { api, ApiError } from "./api";
import { $, debounce, h, setChildren } from "./dom";
import { GraphView, yieldToEventLoop } from "./graphview";
import { renderLegend } from "./legend";
import { chip, renderBundle, renderDocument, renderEdge, renderEntity, renderPaths } from "./panels";
import { bundleLabel } from "./parallel";
import { tooltip, type Tooltip } from "./tooltip";
import { searchBox, type SearchBox } from "./search";
import {
  applySpec,
  canUndo,
  clearGraph,
  decodeView,
  displayName,
  emptyState,
  encodeView,
  hideNodes,
  mergeSubgraph,
  pathIds,
  removeNodes,
  replaceWith,
  restrictTo,
  setFilters,
  togglePin,
  undo,
  unhideAll,
  visibleGraph,
  type Filters,
  type PathSelection,
  type ViewSpec,
  type ViewState,
} from "./state";
import type { Edge, Evidence, Node, Path, Schema, Subgraph } from "./types";
import { deleteView, loadViews, saveView } from "./views";
import type { CypherConsole } from "./cypher";

const DEFAULT_LIMIT = 25;

export class App {
  state: ViewState = emptyState();
  readonly view: GraphView;
  schema: Schema | null = null;
  private symmetric = new Set<string>(["TRADES_WITH", "ALLIED_WITH", "COOPERATES_WITH", "LINKED_TO", "MENTIONED_WITH"]);
  paths: Path[] = [];
  pathIndex = 0;
  private openEntityId: string | null = null;
  private search: SearchBox;
  private fromBox: SearchBox;
  private toBox: SearchBox;
  private console: CypherConsole | null = null;
  private busyCount = 0;
  private tip: Tooltip;
  /** First evidence sentence of relations whose tooltip was shown (null: none). */
  private firstEvidence = new Map<string, Evidence | null>();
  private restoring = false;
  /** Last layout run, for the bench and tests. */
  lastLayout: { ms: number; converged: boolean; nodes: number; movement: number; iterations: number } | null = null;

  constructor() {
    this.view = new GraphView($("#sigma"), {
      clickNode: (id, e) => this.onClickNode(id, e),
      rightClickNode: (id, e) => this.contextMenu(id, e),
      doubleClickNode: (id) => void this.expand(id, DEFAULT_LIMIT),
      clickEdge: (id) => void this.openEdge(id),
      hoverEdge: (id, at) => this.edgeTip(id, at),
      clickStage: () => {
        this.closeMenu();
        if (this.view.selected.size) {
          this.view.selected.clear();
          this.view.refreshStyles();
        }
      },
      dragged: (id) => {
        this.state = togglePin(this.state, id, true);
        this.updateUrl();
      },
      layoutStopped: (info) => {
        this.lastLayout = info;
        this.setLayoutButton();
        document.dispatchEvent(new CustomEvent("nexus:layout", { detail: info }));
      },
    });
    this.tip = tooltip($("#sigma"));
    this.search = searchBox({ placeholder: "Search entities  ( / )", label: "Search entities", testid: "search", onPick: (n) => void this.openEntity(n, true) });
    $("#search-slot").append(this.search.el);
    this.fromBox = searchBox({ placeholder: "From…", label: "Path from", testid: "path-from", keepValue: true, onPick: () => {} });
    this.toBox = searchBox({ placeholder: "To…", label: "Path to", testid: "path-to", keepValue: true, onPick: () => {} });
    this.buildPathFinder();
    this.bindToolbar();
    this.bindKeys();
    window.addEventListener("hashchange", () => {
      if (location.hash.slice(1) !== this.currentHash()) void this.restore(decodeView(location.hash));
    });
  }

  // ---------- state commits ----------

  /** Makes s the current state and redraws. */
  /** Commits so far; a sliced one finishes only if none came after it. */
  private commits = 0;

  /**
   * Makes s the view: draws it, lays out what is new, updates the panels and
   * the URL. A view that adds thousands of items is built in slices with the
   * event loop free between them; the promise resolves once it is drawn (or
   * a newer commit took over).
   */
  commit(s: ViewState, opts: { parent?: string; layout?: "new" | "all" | "none"; fit?: boolean } = {}): Promise<void> {
    this.state = s;
    const n = ++this.commits;
    const vis = visibleGraph(s);
    const sopts = { parent: opts.parent, pinned: s.pinned, truncated: s.truncated, symmetric: this.symmetric };
    if (!this.view.isBulk(vis.nodes, vis.edges)) {
      const { added } = this.view.sync(vis.nodes, vis.edges, sopts);
      this.layoutAfterCommit(opts, added);
      this.afterCommit(s, opts);
      return Promise.resolve();
    }
    return this.view.syncSliced(vis.nodes, vis.edges, sopts).then(async (r) => {
      if (!r || n !== this.commits) return;
      this.layoutAfterCommit(opts, r.added);
      // the panels' update is a task of its own
      await yieldToEventLoop();
      if (n === this.commits) this.afterCommit(s, opts);
    });
  }

  private layoutAfterCommit(opts: { layout?: "new" | "all" | "none" }, added: string[]): void {
    const layout = opts.layout ?? "new";
    if (layout === "all" || (layout === "new" && added.length)) {
      this.view.startLayout({ onlyNew: layout === "new" && this.view.graph.order > added.length ? added : undefined });
      this.setLayoutButton();
    }
  }

  /** What follows a commit's drawing: legend, URL, undo, counts, hint, fit. */
  private afterCommit(s: ViewState, opts: { fit?: boolean }): void {
    if (this.communities !== null) void this.colorByCommunity(true);
    else this.renderLegend();
    this.updateUrl();
    ($("#undo") as HTMLButtonElement).disabled = !canUndo(s);
    $("#counts").textContent = `${this.view.graph.order} nodes · ${this.view.relationIds().length} relations shown`;
    if (s.nodes.size === 0) this.setHint("empty");
    else if (this.hintKind === "empty" || this.paths.length || s.history.length > 2) this.setHint(null);
    if (opts.fit) setTimeout(() => this.view.fit(), 50);
  }

  private communities: number | null = null;
  private hintKind: "landing" | "empty" | null = null;
  /** Cypher queries whose results are drawn (replace starts the list again). */
  private cypherQueries: string[] = [];

  private renderLegend(): void {
    renderLegend($("#legend"), this.state, this.schema, {
      setFilters: (f) => this.applyFilters(f),
      showHidden: () => this.commit(unhideAll(this.state), { layout: "none" }),
      colorByCommunity: (on) => void this.colorByCommunity(on),
      communities: this.communities,
    });
  }

  async colorByCommunity(on: boolean): Promise<void> {
    const n = await this.view.colorByCommunity(on);
    this.communities = on ? n : null;
    this.renderLegend();
  }

  applyFilters(f: Partial<Filters>): void {
    this.commit(setFilters(this.state, f), { layout: "none" });
  }

  private currentHash(): string {
    return encodeView(this.state, { pathIndex: this.pathIndex, selected: this.openEntityId });
  }

  private updateUrl = debounce(() => {
    if (this.restoring) return;
    const hash = this.currentHash();
    if (location.hash.slice(1) !== hash) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }, 100);

  // ---------- feedback ----------

  toast(msg: string, kind: "info" | "error" | "warn" = "info"): void {
    const t = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, msg);
    $("#toasts").append(t);
    setTimeout(() => t.remove(), kind === "error" ? 8000 : 4000);
  }

  private async busy<T>(p: Promise<T>): Promise<T> {
    this.busyCount++;
    document.body.classList.add("busy");
    try {
      return await p;
    } finally {
      if (--this.busyCount === 0) document.body.classList.remove("busy");
    }
  }

  private fail(e: unknown, what: string): void {
    const msg = e instanceof ApiError ? `${what}: ${e.message} (${e.code})` : `${what}: ${String(e)}`;
    this.toast(msg, "error");
  }

  // ---------- entities ----------

  private weakAllowed(): boolean {
    return !this.state.filters.hiddenRelTypes.includes("MENTIONED_WITH");
  }

  /** Adds an entity's neighbours (with a limit) around it. */
  async expand(id: string, limit: number, rel?: string): Promise<Subgraph | null> {
    try {
      const sg = await this.busy(
        api.neighbors(id, {
          limit,
          rel: rel ? [rel] : undefined,
          includeWeak: rel === "MENTIONED_WITH" || this.weakAllowed(),
          minConfidence: this.state.filters.minConfidence || undefined,
        }),
      );
      // a relation type asked for by name is shown even if the legend hid it
      if (rel && this.state.filters.hiddenRelTypes.includes(rel)) {
        this.state = setFilters(this.state, { hiddenRelTypes: this.state.filters.hiddenRelTypes.filter((t) => t !== rel) });
      }
      const before = this.state.nodes.size + (this.state.nodes.has(id) ? 0 : 1);
      this.commit(mergeSubgraph(this.state, sg, { expandedFrom: { id, limit } }), { parent: id, layout: "new" });
      const added = Math.max(0, this.state.nodes.size - before);
      const name = this.state.nodes.get(id)?.name ?? id;
      this.toast(`${name}: ${added} new node${added === 1 ? "" : "s"}${sg.truncated ? ` — more neighbours exist (limit ${limit}), expand again with a higher limit` : ""}`, sg.truncated ? "warn" : "info");
      if (this.openEntityId === id) void this.openEntity({ id } as Node, false);
      return sg;
    } catch (e) {
      this.fail(e, `Expand ${id}`);
      return null;
    }
  }

  /** Shows an entity's details; with add, puts it on the canvas first. */
  async openEntity(n: Pick<Node, "id"> & Partial<Node>, add: boolean): Promise<void> {
    this.openEntityId = n.id;
    this.updateUrl();
    const el = $("#details");
    el.hidden = false;
    $("#right").hidden = false;
    try {
      const d = await this.busy(api.entity(n.id));
      if (add && !this.state.nodes.has(d.id)) {
        this.commit(mergeSubgraph(this.state, { nodes: [d], edges: [] }), { layout: "none" });
        // an entity alone says little: bring its neighbours along
        await this.expand(d.id, DEFAULT_LIMIT);
      }
      if (add) {
        this.view.selected.clear();
        this.view.selected.add(d.id);
        this.view.refreshStyles();
        setTimeout(() => this.view.fit([d.id, ...this.view.graph.neighbors(d.id)]), 80);
      }
      if (this.openEntityId !== n.id) return;
      const shown = this.state.nodes.has(d.id);
      renderEntity(el, d, {
        expand: (limit, rel) => void this.expand(d.id, limit, rel),
        hide: () => this.commit(hideNodes(this.state, [d.id]), { layout: "none" }),
        pin: () => {
          this.commit(togglePin(this.state, d.id), { layout: "none" });
          void this.openEntity(d, false);
        },
        pathFrom: () => this.setPathEnd("from", d),
        pathTo: () => this.setPathEnd("to", d),
        pinned: this.state.pinned.has(d.id),
        truncated: this.state.truncated.has(d.id),
        shown,
        shownByType: this.shownByType(d.id),
      });
    } catch (e) {
      if (e instanceof ApiError && e.code === "not_found") setChildren(el, h("p", { class: "muted" }, `No entity “${n.id}”.`));
      else this.fail(e, "Entity");
    }
  }

  /** Relations of a node drawn now, per type. */
  private shownByType(id: string): Map<string, number> {
    const out = new Map<string, number>();
    const g = this.view.graph;
    if (!g.hasNode(id)) return out;
    g.forEachEdge(id, (e, a) => {
      const b = this.view.bundle(e);
      for (const t of b ? b.members.map((m) => m.type) : [a.relType]) out.set(t, (out.get(t) ?? 0) + 1);
    });
    return out;
  }

  private onClickNode(id: string, e: MouseEvent): void {
    this.closeMenu();
    if (e.shiftKey || e.metaKey || e.ctrlKey) {
      if (this.view.selected.has(id)) this.view.selected.delete(id);
      else this.view.selected.add(id);
      this.view.refreshStyles();
      this.renderSelection();
      return;
    }
    this.view.selected.clear();
    this.view.selected.add(id);
    this.view.refreshStyles();
    void this.openEntity({ id }, false);
  }

  private renderSelection(): void {
    const ids = [...this.view.selected];
    if (ids.length < 2) return;
    const el = $("#details");
    el.hidden = false;
    $("#right").hidden = false;
    this.openEntityId = null;
    setChildren(
      el,
      h("div", { class: "panel-head" }, h("h2", { "data-testid": "selection-title" }, `${ids.length} selected`)),
      h("p", { class: "muted" }, ids.map((id) => this.state.nodes.get(id)?.name ?? id).join(", ")),
      h(
        "div",
        { class: "actions" },
        h("button", { class: "primary", onclick: async () => { for (const id of ids) await this.expand(id, DEFAULT_LIMIT); } }, "Expand all"),
        h("button", { onclick: () => this.hideSelected() }, "Hide"),
        h("button", { onclick: () => { let s = this.state; for (const id of ids) s = togglePin(s, id, true); this.commit(s, { layout: "none" }); } }, "Pin"),
        h("button", { onclick: () => this.view.fit(ids) }, "Zoom to"),
        ids.length === 2 ? h("button", { onclick: () => { this.setPathEnd("from", this.state.nodes.get(ids[0])!); this.setPathEnd("to", this.state.nodes.get(ids[1])!); void this.findPaths(); } }, "Paths between") : null,
        h("button", { onclick: () => { this.view.selected.clear(); this.view.refreshStyles(); el.replaceChildren(); } }, "Clear selection"),
      ),
    );
  }

  private hideSelected(): void {
    if (!this.view.selected.size) return;
    this.commit(hideNodes(this.state, this.view.selected), { layout: "none" });
  }

  // ---------- evidence and documents ----------

  private nameOf = (id: string): string => {
    const n = this.state.nodes.get(id);
    return n ? displayName(n) : id;
  };

  async openEdge(id: string): Promise<void> {
    this.closeMenu();
    this.tip.hide();
    const el = $("#details");
    el.hidden = false;
    $("#right").hidden = false;
    this.openEntityId = null;
    const bundle = this.view.bundle(id);
    if (bundle) {
      // a bundle of parallel relations: draw them apart and list them
      this.view.setPairOpen(bundle.source, bundle.target, true);
      this.view.refreshStyles();
      this.showPair(bundle.source, bundle.target);
      return;
    }
    try {
      const e = await this.busy(api.relation(id));
      // keep the evidence with the edge (no undo step)
      if (this.state.nodes.has(e.source) && this.state.nodes.has(e.target)) {
        this.state = mergeSubgraph(this.state, { nodes: [], edges: [e] }, { record: false });
      }
      renderEdge(el, e, this.nameOf, (ev) => void this.openDocument(ev));
      // the details sit below the path list: bring the evidence into view
      el.scrollIntoView({ block: "start" });
    } catch (e) {
      this.fail(e, "Relation");
    }
  }

  /** Lists the relations between two entities (an opened bundle), each opening its evidence. */
  private showPair(a: string, b: string): void {
    const edges = [...this.state.edges.values()].filter((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
    renderBundle($("#details"), a, b, edges, this.nameOf, {
      edge: (e) => void this.openEdge(e.id),
      collapse: () => {
        this.view.setPairOpen(a, b, false);
        this.view.refreshStyles();
        $("#details").replaceChildren();
      },
    });
    $("#details").scrollIntoView({ block: "start" });
  }

  /** The tooltip of the edge under the pointer. */
  private edgeTip(id: string | null, at?: { x: number; y: number }): void {
    if (!id || !at) {
      this.tip.hide();
      return;
    }
    this.tip.el.dataset.edge = id;
    // a bundle of parallel relations: its types with counts, then the most
    // confident one's type, confidence and first sentence, as for one edge
    const b = this.view.bundle(id);
    const e = b ? b.members.reduce((x, y) => ((y.confidence ?? 0) > (x.confidence ?? 0) ? y : x)) : this.state.edges.get(id);
    if (!e) return;
    this.tip.el.dataset.lead = e.id;
    const show = (ev: Evidence | null | undefined) =>
      this.tip.show(
        [
          b
            ? h("div", {}, h("strong", {}, `${this.nameOf(b.source)} – ${this.nameOf(b.target)}`), h("div", { "data-testid": "tip-bundle" }, bundleLabel(b)))
            : null,
          h("div", {}, b ? "strongest: " : "", h("strong", {}, this.nameOf(e.source)), " ", chip(e.type, "relation"), " ", h("strong", {}, this.nameOf(e.target))),
          h("div", { "data-testid": "tip-confidence" }, `confidence ${Math.round((e.confidence ?? 0) * 100)}%`, e.evidenceCount ? ` · ${e.evidenceCount} sentence${e.evidenceCount > 1 ? "s" : ""}` : ""),
          ev === undefined
            ? h("div", { class: "muted" }, "loading evidence…")
            : ev
              ? h("blockquote", { "data-testid": "tip-evidence" }, ev.sentence)
              : h("div", { class: "muted" }, "no supporting sentence"),
          b ? h("div", { class: "muted" }, "click to draw them apart") : null,
        ],
        at,
      );
    const known = e.evidence?.length ? e.evidence[0] : this.firstEvidence.get(e.id);
    show(known);
    if (known !== undefined) return;
    void api.relation(e.id).then(
      (r) => {
        const ev = r.evidence?.[0] ?? null;
        this.firstEvidence.set(e.id, ev);
        // still the edge under the pointer
        if (!this.tip.el.hidden && this.tip.el.dataset.edge === id) show(ev);
      },
      () => this.firstEvidence.set(e.id, null),
    );
  }

  async openDocument(ev: Evidence): Promise<void> {
    const modal = $("#doc-modal");
    const body = $("#doc-body");
    setChildren(body, h("p", { class: "muted" }, "Loading…"));
    modal.hidden = false;
    try {
      const doc = await this.busy(api.document(ev.document));
      const mark = renderDocument(body, doc, ev);
      requestAnimationFrame(() => mark?.scrollIntoView({ block: "center" }));
    } catch (e) {
      setChildren(body, h("p", { class: "error" }, e instanceof ApiError ? `${e.code}: ${e.message}` : String(e)));
    }
    ($("#doc-close") as HTMLButtonElement).focus();
  }

  // ---------- paths ----------

  private buildPathFinder(): void {
    const el = $("#pathfinder");
    const mode = h(
      "select",
      { "data-testid": "path-mode", id: "path-mode", "aria-label": "Path mode" },
      h("option", { value: "shortest" }, "Shortest"),
      h("option", { value: "all_shortest" }, "All shortest"),
      h("option", { value: "k" }, "K shortest"),
    );
    const k = h("input", { type: "number", min: 1, max: 20, value: 3, class: "num", id: "path-k", title: "K" });
    const hops = h("input", { type: "number", min: 1, max: 6, value: 4, class: "num", id: "path-hops", title: "maximum hops" });
    const useFilters = h("input", { type: "checkbox", checked: true, id: "path-filters" });
    setChildren(
      el,
      h("div", { class: "panel-head" }, h("h2", {}, "Paths"), h("button", { class: "icon", title: "Close", onclick: () => this.togglePaths(false) }, "×")),
      h("div", { class: "path-ends" }, this.fromBox.el, h("button", { class: "icon", title: "Swap", onclick: () => { const a = this.fromBox.value; this.fromBox.set(this.toBox.value); this.toBox.set(a); } }, "⇅"), this.toBox.el),
      h("div", { class: "path-opts" }, mode, h("label", {}, "k ", k), h("label", {}, "hops ≤ ", hops)),
      h("label", { class: "check" }, useFilters, " use the graph's relation and confidence filters"),
      h("div", { class: "actions" }, h("button", { class: "primary", "data-testid": "path-find", onclick: () => void this.findPaths() }, "Find paths"), h("button", { onclick: () => this.clearPaths() }, "Clear")),
      h("div", { id: "path-results" }),
    );
    mode.addEventListener("change", () => (k.disabled = mode.value !== "k"));
    k.disabled = true;
  }

  togglePaths(show?: boolean): void {
    const el = $("#pathfinder");
    el.hidden = show === undefined ? !el.hidden : !show;
    if (!el.hidden) $("#right").hidden = false;
    if (!el.hidden && !this.fromBox.value) this.fromBox.input.focus();
  }

  setPathEnd(which: "from" | "to", n: Pick<Node, "id" | "name">): void {
    this.togglePaths(true);
    (which === "from" ? this.fromBox : this.toBox).set(n as Node);
    if (this.fromBox.value && this.toBox.value) void this.findPaths();
    else this.toast(`Path ${which} ${n.name}: now pick the other end (right-click → “Path ${which === "from" ? "to" : "from"} here”)`);
  }

  private pathSelection(): PathSelection | null {
    const from = this.fromBox.value?.id;
    const to = this.toBox.value?.id;
    if (!from || !to) return null;
    return {
      from,
      to,
      mode: ($("#path-mode") as HTMLSelectElement).value as PathSelection["mode"],
      k: Number(($("#path-k") as HTMLInputElement).value) || 3,
      maxHops: Number(($("#path-hops") as HTMLInputElement).value) || 4,
    };
  }

  async findPaths(sel?: PathSelection, index = 0): Promise<void> {
    if (sel) {
      ($("#path-mode") as HTMLSelectElement).value = sel.mode;
      ($("#path-k") as HTMLInputElement).value = String(sel.k);
      ($("#path-k") as HTMLInputElement).disabled = sel.mode !== "k";
      ($("#path-hops") as HTMLInputElement).value = String(sel.maxHops);
      for (const [box, id] of [[this.fromBox, sel.from], [this.toBox, sel.to]] as const) {
        if (box.value?.id !== id) box.set(this.state.nodes.get(id) ?? ({ id, name: id, type: "" } as Node));
      }
    }
    const p = sel ?? this.pathSelection();
    if (!p) {
      this.toast("Pick both ends of the path first", "warn");
      return;
    }
    this.togglePaths(true);
    const useFilters = ($("#path-filters") as HTMLInputElement).checked;
    const f = this.state.filters;
    let rel: string[] | undefined;
    if (useFilters && this.schema) {
      const hiddenStrong = f.hiddenRelTypes.filter((t) => t !== "MENTIONED_WITH");
      if (hiddenStrong.length) rel = this.schema.relationTypes.map((r) => r.type).filter((t) => !f.hiddenRelTypes.includes(t));
    }
    const res = $("#path-results");
    setChildren(res, h("p", { class: "muted" }, "Searching…"));
    try {
      const r = await this.busy(api.paths({ ...p, rel, minConfidence: useFilters ? f.minConfidence : undefined }));
      this.paths = r.paths ?? [];
      this.state = { ...this.state, path: p };
      if (this.paths.length) {
        const sg: Subgraph = { nodes: this.paths.flatMap((x) => x.nodes), edges: this.paths.flatMap((x) => x.edges) };
        // path edges must be drawn even when their type is filtered out
        const need = new Set(sg.edges.map((e) => e.type));
        const hiddenRel = f.hiddenRelTypes.filter((t) => !need.has(t));
        let s = mergeSubgraph(this.state, sg);
        if (hiddenRel.length !== f.hiddenRelTypes.length) s = setFilters(s, { hiddenRelTypes: hiddenRel });
        const conf = Math.min(f.minConfidence, ...sg.edges.map((e) => e.confidence));
        if (conf < f.minConfidence) s = setFilters(s, { minConfidence: Math.floor(conf * 20) / 20 });
        this.commit(s, { parent: p.from, layout: "new" });
      }
      this.focusPath(Math.min(index, Math.max(0, this.paths.length - 1)));
    } catch (e) {
      setChildren(res, h("p", { class: "error" }, e instanceof ApiError ? `${e.message} (${e.code})` : String(e)));
      this.paths = [];
      this.view.setFocus(null);
    }
  }

  focusPath(i: number): void {
    this.pathIndex = i;
    const p = this.paths[i];
    this.view.setFocus(p ? pathIds(p) : null);
    renderPaths($("#path-results"), this.paths, i, {
      focus: (j) => this.focusPath(j),
      edge: (e: Edge) => void this.openEdge(e.id),
      node: (n: Node) => void this.openEntity(n, false),
    });
    if (p) setTimeout(() => this.view.fit(p.nodes.map((n) => n.id)), 60);
    if (p) this.setHint(null);
    this.updateUrl();
  }

  clearPaths(): void {
    this.paths = [];
    this.pathIndex = 0;
    this.state = { ...this.state, path: null };
    this.view.setFocus(null);
    $("#path-results").replaceChildren();
    this.updateUrl();
  }

  // ---------- context menu ----------

  private contextMenu(id: string, e: MouseEvent): void {
    const menu = $("#ctx-menu");
    const n = this.state.nodes.get(id);
    if (!n) return;
    const item = (label: string, fn: () => void, testid?: string) =>
      h("button", { role: "menuitem", "data-testid": testid, onclick: () => (this.closeMenu(), fn()) }, label);
    const sel = this.view.selected;
    setChildren(
      menu,
      h("div", { class: "menu-title" }, n.name),
      item("Details", () => void this.openEntity(n, false)),
      item(`Expand (${DEFAULT_LIMIT})`, () => void this.expand(id, DEFAULT_LIMIT), "ctx-expand"),
      item("Expand (100)", () => void this.expand(id, 100)),
      item("Path from here", () => this.setPathEnd("from", n), "ctx-path-from"),
      item("Path to here", () => this.setPathEnd("to", n), "ctx-path-to"),
      item(this.state.pinned.has(id) ? "Unpin" : "Pin", () => this.commit(togglePin(this.state, id), { layout: "none" })),
      item(sel.has(id) ? "Deselect" : "Add to selection", () => {
        if (sel.has(id)) sel.delete(id);
        else sel.add(id);
        this.view.refreshStyles();
        this.renderSelection();
      }),
      item("Hide", () => this.commit(hideNodes(this.state, sel.has(id) ? sel : [id]), { layout: "none" }), "ctx-hide"),
      item("Remove from canvas", () => this.commit(removeNodes(this.state, [id]), { layout: "none" })),
    );
    menu.hidden = false;
    const r = menu.getBoundingClientRect();
    menu.style.left = `${Math.min(e.clientX, window.innerWidth - r.width - 8)}px`;
    menu.style.top = `${Math.min(e.clientY, window.innerHeight - r.height - 8)}px`;
  }

  private closeMenu(): void {
    $("#ctx-menu").hidden = true;
    for (const m of document.querySelectorAll<HTMLElement>(".dropdown")) m.hidden = true;
  }

  // ---------- cypher ----------

  async toggleConsole(show?: boolean): Promise<void> {
    const el = $("#console");
    el.hidden = show === undefined ? !el.hidden : !show;
    document.body.classList.toggle("console-open", !el.hidden);
    // the canvas's ResizeObserver redraws it at its new size
    if (el.hidden) return;
    if (!this.console) {
      setChildren($("#console-body"), h("p", { class: "muted" }, "Loading editor…"));
      const { createConsole } = await import("./cypher");
      this.console = createConsole($("#console-body"), {
        run: (q, signal) => api.cypher(q, {}, signal),
        showGraph: (g, mode, query) => {
          this.cypherQueries = mode === "replace" ? [query] : [...this.cypherQueries, query];
          const s = mode === "replace" ? replaceWith(this.state, g) : mergeSubgraph(this.state, g);
          this.clearPaths();
          void this.commit(s, { layout: mode === "replace" ? "all" : "new", fit: mode === "replace" });
        },
      });
    }
    this.console.focus();
  }

  // ---------- toolbar, keys, theme ----------

  private setLayoutButton(): void {
    const b = $("#layout");
    b.textContent = this.view.isLayoutRunning() ? "Stop layout" : "Layout";
  }

  private bindToolbar(): void {
    $("#undo").addEventListener("click", () => this.undo());
    $("#skip-to-canvas").addEventListener("click", () => $("#sigma").focus());
    $("#help-btn").addEventListener("click", () => ($("#help").hidden = !$("#help").hidden));
    $("#fit").addEventListener("click", () => this.view.fit());
    $("#layout").addEventListener("click", () => {
      if (this.view.isLayoutRunning()) this.view.stopLayout();
      else this.view.startLayout({ maxMs: 15000 });
      this.setLayoutButton();
    });
    $("#clear").addEventListener("click", () => {
      this.clearPaths();
      // nothing drawn is left to describe: the details panel empties too
      this.openEntityId = null;
      this.view.selected.clear();
      $("#details").replaceChildren();
      this.tip.hide();
      this.cypherQueries = [];
      this.commit(clearGraph(this.state), { layout: "none" });
    });
    $("#paths-btn").addEventListener("click", () => this.togglePaths());
    $("#cypher-btn").addEventListener("click", () => void this.toggleConsole());
    $("#console-close").addEventListener("click", () => void this.toggleConsole(false));
    $("#doc-close").addEventListener("click", () => ($("#doc-modal").hidden = true));
    $("#doc-modal").addEventListener("click", (e) => {
      if (e.target === e.currentTarget) $("#doc-modal").hidden = true;
    });
    $("#hint-close").addEventListener("click", () => {
      this.setHint(null);
    });
    const dropdown = (btn: string, menu: string, fill?: () => void) =>
      $(btn).addEventListener("click", (e) => {
        e.stopPropagation();
        const m = $(menu);
        const open = m.hidden;
        this.closeMenu();
        if (open) fill?.();
        m.hidden = !open;
      });
    dropdown("#export-btn", "#export-menu");
    dropdown("#views-btn", "#views-menu", () => this.fillViewsMenu());
    document.addEventListener("click", (e) => {
      if (!(e.target as HTMLElement).closest(".dropdown, #ctx-menu")) this.closeMenu();
    });
    $("#export-menu").addEventListener("click", (e) => {
      const kind = (e.target as HTMLElement).dataset.export;
      if (!kind) return;
      this.closeMenu();
      void this.exportView(kind as "png" | "graphml" | "gexf" | "json");
    });
    $("#share").addEventListener("click", async () => {
      this.updateUrl();
      const url = location.origin + location.pathname + "#" + this.currentHash();
      try {
        await navigator.clipboard.writeText(url);
        this.toast("Link copied: it reproduces this view");
      } catch {
        prompt("Link to this view:", url);
      }
    });
    $("#theme").addEventListener("click", () => {
      const dark = document.documentElement.dataset.theme !== "dark";
      localStorage.setItem("nexus.theme", dark ? "dark" : "light");
      this.setTheme(dark);
    });
  }

  /** The view's query in words, for exports: what produced what is drawn. */
  describeView(): string {
    const name = (id: string) => this.nameOf(id);
    const parts: string[] = [];
    const p = this.state.path;
    if (p && this.paths.length) {
      const mode = p.mode === "k" ? `${p.k} shortest` : p.mode === "all_shortest" ? "all shortest" : "shortest";
      parts.push(`Paths ${name(p.from)} → ${name(p.to)}, ${mode}, ≤ ${p.maxHops} hops (path ${this.pathIndex + 1} of ${this.paths.length} highlighted)`);
    }
    for (const q of this.cypherQueries) parts.push(`Cypher: ${q.replace(/\s+/g, " ").trim()}`);
    if (this.state.expanded.length) parts.push(`neighbourhoods of ${[...new Set(this.state.expanded.map((x) => name(x.id)))].join(", ")}`);
    if (!parts.length) parts.push(`${this.view.graph.order} entities chosen by hand`);
    const f = this.state.filters;
    const hidden = f.hiddenRelTypes.filter((t) => t !== "MENTIONED_WITH");
    if (hidden.length) parts.push(`hiding ${hidden.join(", ")}`);
    if (f.hiddenEntityTypes.length) parts.push(`hiding ${f.hiddenEntityTypes.join(", ")}`);
    if (f.minConfidence > 0) parts.push(`confidence ≥ ${Math.round(f.minConfidence * 100)}%`);
    if (f.years) parts.push(`years ${f.years[0]}–${f.years[1]}`);
    const s = parts.join("; ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  /**
   * Relations drawn, with their evidence: relations whose sentences the
   * view has not fetched yet are asked for, a few at a time.
   */
  private async withEvidence(ids: string[]): Promise<Edge[]> {
    const out = new Map<string, Edge>();
    const todo: string[] = [];
    for (const id of ids) {
      const e = this.state.edges.get(id);
      if (e?.evidence?.length || (e && !e.evidenceCount)) out.set(id, e);
      else todo.push(id);
    }
    if (todo.length > 20) this.toast(`Fetching the evidence of ${todo.length} relations for the export…`);
    const workers = Array.from({ length: Math.min(6, todo.length) }, async () => {
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
        try {
          out.set(id, await api.relation(id));
        } catch {
          const e = this.state.edges.get(id);
          if (e) out.set(id, e);
        }
      }
    });
    await this.busy(Promise.all(workers));
    return ids.map((id) => out.get(id)).filter((e): e is Edge => !!e);
  }

  /** Exports the drawn view with its provenance and what produced it. */
  async exportView(kind: "png" | "graphml" | "gexf" | "json"): Promise<void> {
    const ex = await import("./exporting");
    const g = this.view.graph;
    const meta = {
      title: `Nexus — ${this.view.graph.order} entities, ${this.view.relationIds().length} relations`,
      query: this.describeView(),
      url: location.origin + location.pathname + "#" + this.currentHash(),
      date: new Date().toISOString(),
    };
    const drawn = new Map(g.mapNodes((id, a) => [id, { x: a.x, y: a.y, size: a.size, color: a.color }] as const));
    const nodes = g.nodes().map((id) => this.state.nodes.get(id) ?? ({ id, name: id, type: "" } as Node));
    if (kind === "png") {
      const css = getComputedStyle(document.body);
      const rel = new Set<string>();
      for (const id of this.view.relationIds()) {
        const e = this.state.edges.get(id);
        if (e) rel.add(e.type);
      }
      await ex.exportPNG(this.view.sigma, meta, {
        background: css.getPropertyValue("--bg").trim() || "#fff",
        foreground: css.getPropertyValue("--fg").trim() || "#111",
        muted: css.getPropertyValue("--muted").trim() || "#666",
        entityTypes: [...new Set(nodes.map((n) => n.type).filter(Boolean))].sort(),
        relationTypes: [...rel].sort(),
      });
      return;
    }
    const edges = await this.withEvidence(this.view.relationIds());
    if (kind === "graphml") ex.exportGraphML(meta, nodes, drawn, edges);
    if (kind === "gexf") await ex.exportGEXF(meta, nodes, drawn, edges);
    if (kind === "json") ex.exportJSON(meta, nodes, drawn, edges);
  }

  private fillViewsMenu(): void {
    const m = $("#views-menu");
    const views = loadViews();
    setChildren(
      m,
      h("button", { "data-testid": "save-view", onclick: () => this.saveCurrentView() }, "Save this view…"),
      views.length ? h("hr") : null,
      views.map((v) =>
        h(
          "div",
          { class: "view-row" },
          h("button", { class: "grow", title: v.savedAt, onclick: () => (this.closeMenu(), void this.loadSavedView(v.name)) }, v.name),
          h("button", { class: "icon", title: "Delete", onclick: (e: Event) => (e.stopPropagation(), deleteView(v.name), this.fillViewsMenu()) }, "×"),
        ),
      ),
    );
  }

  saveCurrentView(name?: string): void {
    const n = name ?? prompt("Name of this view:", `View ${new Date().toLocaleString()}`);
    if (!n) return;
    saveView({ name: n, hash: this.currentHash(), positions: this.view.getPositions(), savedAt: new Date().toISOString() });
    this.closeMenu();
    this.toast(`Saved view “${n}” (with node positions)`);
  }

  async loadSavedView(name: string): Promise<void> {
    const v = loadViews().find((x) => x.name === name);
    if (!v) return;
    await this.restore(decodeView(v.hash), v.positions);
  }

  setTheme(dark: boolean): void {
    document.documentElement.dataset.theme = dark ? "dark" : "light";
    this.view.setDark(dark);
  }

  undo(): void {
    if (!canUndo(this.state)) return;
    const s = undo(this.state);
    this.commit(s, { layout: "none" });
    const f = this.view.getFocus();
    if (f && [...f.nodes].some((id) => !s.nodes.has(id))) this.clearPaths();
  }

  private bindKeys(): void {
    document.addEventListener("keydown", (e) => {
      // the innermost target: the Cypher editor sits in a shadow root, whose host the event is retargeted to
      const t = (e.composedPath()[0] ?? e.target) as HTMLElement;
      const typing = t.closest("input, textarea, select, .cm-editor, [contenteditable]");
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && !e.shiftKey && !typing) {
        e.preventDefault();
        this.undo();
        return;
      }
      if (e.key === "Escape") {
        this.closeMenu();
        if (!$("#doc-modal").hidden) $("#doc-modal").hidden = true;
        else if (this.view.getFocus()) this.view.setFocus(null);
        else if (this.view.selected.size) {
          this.view.selected.clear();
          this.view.refreshStyles();
        }
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t.id === "sigma" && this.canvasKey(e)) {
        e.preventDefault();
        return;
      }
      if (e.key === "/") {
        e.preventDefault();
        this.search.input.focus();
      } else if (e.key === "f") this.view.fit();
      else if (e.key === "p") {
        // the panel focuses its first box: the key must not be typed into it
        e.preventDefault();
        this.togglePaths();
      } else if (e.key === "c") {
        e.preventDefault();
        void this.toggleConsole();
      }
      else if (e.key === "l") $("#layout").click();
      else if (e.key === "Delete" || e.key === "h") this.hideSelected();
      else if (e.key === "?") $("#help").hidden = !$("#help").hidden;
    });
  }

  /** Node chosen from the keyboard on the canvas (n / Shift+n). */
  private keyNode: string | null = null;

  /**
   * Keys of the focused canvas: arrows pan, + and - zoom, 0 fits, n and
   * Shift+n step through the nodes (by name), Enter expands the chosen one.
   * Returns whether the key was the canvas's.
   */
  private canvasKey(e: KeyboardEvent): boolean {
    const cam = this.view.sigma.getCamera();
    const st = cam.getState();
    const step = 0.12 * st.ratio;
    const pan: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (pan[e.key]) {
      const [dx, dy] = pan[e.key];
      void cam.animate({ x: st.x + dx, y: st.y + dy }, { duration: 120 });
      return true;
    }
    if (e.key === "+" || e.key === "=") return void cam.animatedZoom(1.5), true;
    if (e.key === "-" || e.key === "_") return void cam.animatedUnzoom(1.5), true;
    if (e.key === "0") return this.view.fit(), true;
    if (e.key === "n" || e.key === "N") {
      const g = this.view.graph;
      const ids = g.nodes().sort((a, b) => g.getNodeAttribute(a, "label").localeCompare(g.getNodeAttribute(b, "label")));
      if (!ids.length) return true;
      const at = this.keyNode ? ids.indexOf(this.keyNode) : -1;
      const next = ids[(at + (e.shiftKey ? -1 : 1) + ids.length) % ids.length];
      this.keyNode = next;
      this.view.selected.clear();
      this.view.selected.add(next);
      this.view.refreshStyles();
      const n = this.state.nodes.get(next);
      $("#canvas-status").textContent = n ? `${n.name}, ${n.type}, ${g.degree(next)} relations shown` : next;
      void this.openEntity({ id: next }, false);
      return true;
    }
    if (e.key === "Enter" && this.keyNode && this.view.graph.hasNode(this.keyNode)) {
      void this.expand(this.keyNode, DEFAULT_LIMIT);
      return true;
    }
    return false;
  }

  // ---------- start-up ----------

  async start(): Promise<void> {
    const [schema, stats] = await Promise.allSettled([api.schema(), api.stats()]);
    if (schema.status === "fulfilled") {
      this.schema = schema.value;
      this.symmetric = new Set(schema.value.relationTypes.filter((r) => r.symmetric).map((r) => r.type));
    }
    if (stats.status === "fulfilled") {
      const s = stats.value;
      $("#stats").textContent = `Graph: ${s.entities} entities · ${s.relations} relations · ${s.documents} documents`;
    } else {
      $("#stats").textContent = "API not reachable: " + (stats.reason instanceof Error ? stats.reason.message : String(stats.reason));
    }
    const spec = decodeView(location.hash);
    if (spec.ids.length || spec.expanded.length || spec.path) await this.restore(spec);
    else await this.landing();
  }

  /** The first view: the KOMID–SSRC neighbourhood, or an explanation. */
  private async landing(): Promise<void> {
    const [komid, ssrc, assad] = await Promise.all([
      this.resolve("komid", "KOMID"),
      this.resolve("ssrc", "SSRC"),
      this.resolve("bashar-al-assad", "Bashar al-Assad"),
    ]);
    const centres = [komid, ssrc].filter((x): x is Node => !!x);
    const got = await Promise.allSettled(centres.map((c) => api.neighbors(c.id, { limit: 20 })));
    let s = this.state;
    let found = 0;
    for (const [i, r] of got.entries()) {
      if (r.status !== "fulfilled") continue;
      found++;
      s = mergeSubgraph(s, r.value, { record: false, expandedFrom: { id: centres[i].id, limit: 20 } });
    }
    if (found) {
      this.commit(s, { layout: "all", fit: true });
      const from = komid ?? ssrc!;
      this.setHint("landing", [
        h("strong", {}, `${centres.map((c) => displayName(c)).join(" – ")} neighbourhood.`),
        " ",
        assad
          ? h("button", { class: "link", "data-testid": "hint-path", onclick: () => void this.findPaths({ from: from.id, to: assad.id, mode: "shortest", k: 3, maxHops: 4 }) }, `Trace ${displayName(from)} → ${assad.name}`)
          : null,
        assad ? " · " : "",
        "a path between any two: right-click → “Path from here”, then “Path to here”, or ",
        h("kbd", {}, "p"),
        " · click an edge for its evidence · double-click a node to expand it",
      ]);
      void this.openEntity({ id: from.id }, false);
    } else {
      this.commit(this.state, { layout: "none" });
      this.setHint("empty");
    }
  }

  /**
   * The hint bar above the canvas (in the page's flow, so it never covers
   * a node): the landing view's, the empty canvas's, or none.
   */
  private setHint(kind: "landing" | "empty" | null, content?: (HTMLElement | string | null)[]): void {
    if (kind === "landing" && content) setChildren($("#hint-text"), content);
    if (kind === "empty")
      setChildren($("#hint-text"), "The canvas is empty: search an entity to begin (press ", h("kbd", {}, "/"), "). Ingest documents with ", h("code", {}, "nexus ingest"), " if the graph itself is empty.");
    this.hintKind = kind;
    $("#hint").hidden = kind === null;
  }

  /** Finds an entity by name or alias through search, else by id. */
  private async resolve(id: string, name: string): Promise<Node | null> {
    const want = name.toLowerCase();
    try {
      const r = await api.search(name, { limit: 5 });
      const hit = r.results.find((n) => n.id === id || n.name.toLowerCase() === want || n.aliases?.some((a) => a.toLowerCase() === want));
      if (hit) return hit;
    } catch {
      /* fall through to the id */
    }
    try {
      return await api.entity(id);
    } catch {
      return null;
    }
  }

  /** Rebuilds a view from its URL (or a saved view with positions). */
  async restore(spec: ViewSpec, positions?: Record<string, [number, number]>): Promise<void> {
    this.restoring = true;
    try {
      if (positions) this.view.setPositions(positions);
      let s: ViewState = { ...emptyState(), history: this.state.history.length ? [...this.state.history] : [] };
      const parts = await this.busy(Promise.allSettled(spec.expanded.map((x) => api.neighbors(x.id, { limit: x.limit, includeWeak: !spec.filters.hiddenRelTypes.includes("MENTIONED_WITH") }))));
      parts.forEach((r, i) => {
        if (r.status === "fulfilled") s = mergeSubgraph(s, r.value, { record: false, expandedFrom: spec.expanded[i] });
      });
      const ids = spec.ids.slice(0, 5000);
      if (ids.length) {
        // the nodes the URL names, and the relations among them
        try {
          const r = await this.busy(
            api.cypher("MATCH (n:Entity) WHERE n.id IN $ids OPTIONAL MATCH (n)-[r]->(m:Entity) WHERE m.id IN $ids RETURN n, r, m", { ids }),
          );
          s = mergeSubgraph(s, r.graph, { record: false });
        } catch {
          const missing = ids.filter((id) => !s.nodes.has(id)).slice(0, 50);
          const ents = await Promise.allSettled(missing.map((id) => api.entity(id)));
          s = mergeSubgraph(s, { nodes: ents.flatMap((x) => (x.status === "fulfilled" ? [x.value] : [])), edges: [] }, { record: false });
        }
        s = restrictTo(s, ids);
      }
      s = applySpec(s, spec);
      const hadPositions = !!positions && Object.keys(positions).length > 0;
      await this.commit(s, { layout: hadPositions ? "none" : "all", fit: true });
      if (spec.path) await this.findPaths(spec.path, spec.pathIndex);
      if (spec.selected) void this.openEntity({ id: spec.selected }, false);
    } finally {
      this.restoring = false;
      this.updateUrl();
    }
  }
}
