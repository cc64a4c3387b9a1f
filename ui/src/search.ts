// Entity search box with autocomplete (GET /api/search).
import { api, ApiError } from "./api";
import { entityColor } from "./colors";
import { debounce, h, setChildren } from "./dom";
import type { Node } from "./types";

export interface SearchBox {
  el: HTMLElement;
  input: HTMLInputElement;
  /** The entity picked last (path endpoints use it). */
  value: Node | null;
  set(n: Node | null): void;
}

/** Builds a search box; onPick is called with the chosen entity. */
export function searchBox(opts: { placeholder: string; label: string; testid: string; onPick: (n: Node) => void; keepValue?: boolean }): SearchBox {
  const listId = `${opts.testid}-listbox`;
  // an ARIA 1.2 combobox: the input owns a listbox popup and points at the active option
  const input = h("input", {
    type: "search",
    placeholder: opts.placeholder,
    "aria-label": opts.label,
    "data-testid": opts.testid,
    autocomplete: "off",
    spellcheck: "false",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    "aria-haspopup": "listbox",
  });
  const list = h("ul", { class: "ac-list", role: "listbox", id: listId, "aria-label": `${opts.label}: matches`, hidden: true, "data-testid": `${opts.testid}-results` });
  const optionId = (i: number) => `${opts.testid}-option-${i}`;
  /** Keeps the combobox's state attributes in step with the popup. */
  const syncAria = () => {
    input.setAttribute("aria-expanded", String(!list.hidden));
    if (!list.hidden && active >= 0 && items[active]) input.setAttribute("aria-activedescendant", optionId(active));
    else input.removeAttribute("aria-activedescendant");
  };
  const el = h("div", { class: "ac" }, input, list);
  let items: Node[] = [];
  let active = -1;
  let ctrl: AbortController | null = null;
  const box: SearchBox = {
    el,
    input,
    value: null,
    set(n) {
      box.value = n;
      input.value = n ? n.name : "";
    },
  };

  const close = () => {
    list.hidden = true;
    active = -1;
    syncAria();
  };
  const pick = (n: Node) => {
    close();
    if (opts.keepValue) box.set(n);
    else input.value = "";
    opts.onPick(n);
  };
  const render = () => {
    setChildren(
      list,
      items.map((n, i) =>
        h(
          "li",
          { role: "option", id: optionId(i), class: i === active ? "active" : "", "aria-selected": i === active ? "true" : "false", "data-id": n.id, onmousedown: (e: Event) => (e.preventDefault(), pick(n)) },
          h("span", { class: "dot", style: `background:${entityColor(n.type)}` }),
          h(
            "span",
            { class: "ac-name" },
            n.name,
            // what the query matched when it is not the name as typed: an alias, or another spelling
            n.matchedBy === "variant"
              ? h("span", { class: "ac-match", "data-testid": "ac-matched", title: "spelling or transliteration variant" }, ` ≈ “${n.matched}” (spelling variant)`)
              : n.matchedBy === "alias"
                ? h("span", { class: "ac-match", "data-testid": "ac-matched" }, ` · alias “${n.matched}”`)
                : n.aliases?.length
                  ? h("span", { class: "muted" }, ` · ${n.aliases.slice(0, 3).join(", ")}`)
                  : null,
          ),
          h("span", { class: "ac-type" }, n.type, n.degree ? ` · ${n.degree}` : ""),
        ),
      ),
    );
    list.hidden = items.length === 0 && !list.dataset.msg;
    syncAria();
  };
  const run = debounce(async (q: string) => {
    ctrl?.abort();
    if (q.trim().length < 1) {
      items = [];
      render();
      return;
    }
    ctrl = new AbortController();
    try {
      const r = await api.search(q.trim(), { limit: 12 }, ctrl.signal);
      items = r.results ?? [];
      active = items.length ? 0 : -1;
      render();
      if (!items.length) {
        setChildren(list, h("li", { class: "muted", role: "option", "aria-disabled": "true" }, `No entity matches “${q}”`));
        list.hidden = false;
        syncAria();
      }
    } catch (e) {
      if ((e as Error).name === "AbortError") return;
      setChildren(list, h("li", { class: "error", role: "option", "aria-disabled": "true" }, e instanceof ApiError ? `${e.code}: ${e.message}` : String(e)));
      list.hidden = false;
      syncAria();
    }
  }, 120);
  input.addEventListener("input", () => {
    box.value = null;
    run(input.value);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      render();
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (items[active]) pick(items[active]);
    } else if (e.key === "Escape") {
      close();
      input.blur();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
  input.addEventListener("focus", () => {
    if (items.length) {
      list.hidden = false;
      syncAria();
    }
  });
  return box;
}
