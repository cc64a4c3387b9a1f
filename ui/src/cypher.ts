// Cypher console: CodeMirror 6 with the Cypher mode, results as a table and
// as a graph. Loaded lazily (dynamic import) so the first page stays small.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { EditorSelection, Prec } from "@codemirror/state";
import { StreamLanguage } from "@codemirror/language";
import { cypher } from "@codemirror/legacy-modes/mode/cypher";
import { ApiError, offsetOf } from "./api";
import { h, setChildren } from "./dom";
import type { CypherResult, Subgraph } from "./types";

export interface ConsoleHooks {
  run(query: string, signal: AbortSignal): Promise<CypherResult>;
  /** Draw the result graph: add to the canvas or replace it. */
  showGraph(g: Subgraph, mode: "add" | "replace", query: string): void;
}

export interface CypherConsole {
  setQuery(q: string): void;
  run(): Promise<void>;
  focus(): void;
}

const EXAMPLES: [string, string][] = [
  ["Suppliers of SSRC", "MATCH (a:Entity)-[r:SUPPLIES]->(b:Entity {id: 'ssrc'})\nRETURN a, r, b LIMIT 50"],
  ["Most connected", "MATCH (n:Entity)-[r]-()\nRETURN n.name AS name, n.type AS type, count(r) AS degree\nORDER BY degree DESC LIMIT 20"],
  ["KOMID neighbourhood", "MATCH p = (:Entity {id: 'komid'})-[*1..2]-(:Entity)\nRETURN p LIMIT 100"],
];

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.name === "string" && typeof o.type === "string") return `${o.name} (${o.type})`;
    if (typeof o.type === "string" && typeof o.source === "string") return `${o.source} -${o.type}→ ${o.target}`;
    const s = JSON.stringify(v);
    return s.length > 300 ? s.slice(0, 300) + "…" : s;
  }
  return String(v);
}

export function createConsole(root: HTMLElement, hooks: ConsoleHooks): CypherConsole {
  const editorEl = h("div", { class: "cm-host", "data-testid": "cypher-editor" });
  const status = h("div", { class: "cy-status", "data-testid": "cypher-status", role: "status" });
  const out = h("div", { class: "cy-out", "data-testid": "cypher-result" });
  const runBtn = h("button", { class: "primary", "data-testid": "cypher-run", title: "Ctrl+Enter" }, "Run");
  const addBtn = h("button", { disabled: true, "data-testid": "cypher-add" }, "Add to graph");
  const replBtn = h("button", { disabled: true, "data-testid": "cypher-replace" }, "Replace graph");
  const examples = h(
    "select",
    { title: "examples", "aria-label": "Example queries", onchange: (e: Event) => { const s = e.target as HTMLSelectElement; if (s.value) setQuery(s.value); s.value = ""; } },
    h("option", { value: "" }, "Examples…"),
    EXAMPLES.map(([label, q]) => h("option", { value: q }, label)),
  );
  setChildren(root, h("div", { class: "cy-bar" }, runBtn, addBtn, replBtn, examples, status), editorEl, out);

  let last: CypherResult | null = null;
  let lastQuery = "";
  let ctrl: AbortController | null = null;

  // The editor lives in a shadow root: there CodeMirror's style sheets are
  // constructed (adoptedStyleSheets), which the page's Content-Security-Policy
  // allows; in the document itself it would add <style> elements, which the
  // policy refuses.
  const shadow = editorEl.attachShadow({ mode: "open" });
  const view = new EditorView({
    parent: shadow,
    root: shadow,
    doc: EXAMPLES[0][1],
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (void run(), true) }])),
      basicSetup,
      StreamLanguage.define(cypher),
      EditorView.lineWrapping,
      EditorView.theme({ "&": { height: "100%" }, ".cm-scroller": { overflow: "auto" } }),
      EditorView.contentAttributes.of({ "aria-label": "Cypher query" }),
    ],
  });

  function setQuery(q: string) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: q } });
  }

  function showError(e: unknown, query: string) {
    setChildren(out);
    if (!(e instanceof ApiError)) {
      status.className = "cy-status error";
      status.textContent = String(e);
      return;
    }
    const what: Record<string, string> = {
      write_refused: "Refused: the console is read-only, write queries are not allowed",
      syntax_error: "Syntax error",
      timeout: "Timed out: the query ran longer than the server allows",
      bad_request: "Bad request",
      too_large: "Result too large",
      unavailable: "Database unavailable",
      disabled: "The Cypher console is disabled on this server",
    };
    status.className = `cy-status error code-${e.code}`;
    const pos = e.position;
    status.textContent = `${what[e.code] ?? e.code} (HTTP ${e.status})`;
    setChildren(out, h("pre", { class: "cy-error", "data-testid": "cypher-error" }, e.message, e.requestId ? `\n\nrequest id ${e.requestId}` : ""));
    if (pos) {
      const off = pos.offset ?? offsetOf(query, pos.line, pos.column);
      const a = Math.min(off, view.state.doc.length);
      const b = Math.min(view.state.doc.length, a + 1);
      view.dispatch({ selection: EditorSelection.range(a, b), scrollIntoView: true });
      view.focus();
      const ln = view.state.doc.lineAt(a);
      status.append(h("span", { class: "pos", "data-testid": "cypher-error-pos" }, ` — at line ${ln.number}, column ${a - ln.from + 1}`));
    }
  }

  function showResult(r: CypherResult) {
    const n = r.graph?.nodes?.length ?? 0;
    const m = r.graph?.edges?.length ?? 0;
    status.className = "cy-status ok";
    status.textContent = `${r.rows.length} row${r.rows.length === 1 ? "" : "s"}${r.truncated ? " (truncated)" : ""} · ${n} nodes, ${m} relations · ${Math.round(r.elapsedMs)} ms`;
    addBtn.disabled = replBtn.disabled = n === 0;
    const rows = r.rows.slice(0, 500);
    setChildren(
      out,
      h(
        "table",
        { class: "cy-table", "data-testid": "cypher-table" },
        h("thead", {}, h("tr", {}, r.columns.map((c) => h("th", {}, c)))),
        h("tbody", {}, rows.map((row) => h("tr", {}, row.map((v) => h("td", {}, cell(v)))))),
      ),
      r.rows.length > rows.length ? h("p", { class: "muted" }, `${r.rows.length - rows.length} more rows not shown`) : null,
    );
  }

  async function run() {
    const q = view.state.doc.toString().trim();
    if (!q) return;
    ctrl?.abort();
    ctrl = new AbortController();
    status.className = "cy-status";
    status.textContent = "Running…";
    runBtn.disabled = true;
    try {
      last = await hooks.run(q, ctrl.signal);
      lastQuery = q;
      showResult(last);
    } catch (e) {
      if ((e as Error).name !== "AbortError") showError(e, q);
      last = null;
      addBtn.disabled = replBtn.disabled = true;
    } finally {
      runBtn.disabled = false;
    }
  }

  runBtn.addEventListener("click", () => void run());
  addBtn.addEventListener("click", () => last && hooks.showGraph(last.graph, "add", lastQuery));
  replBtn.addEventListener("click", () => last && hooks.showGraph(last.graph, "replace", lastQuery));

  return { setQuery, run, focus: () => view.focus() };
}
