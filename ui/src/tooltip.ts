// The tooltip of an edge under the pointer: its type, confidence and first
// evidence sentence (a bundle of parallel edges: its count and types).
import { h, setChildren } from "./dom";

export interface Tooltip {
  show(content: (HTMLElement | string | null)[], at: { x: number; y: number }): void;
  hide(): void;
  readonly el: HTMLElement;
}

/** A tooltip inside host (positioned), kept inside it. */
export function tooltip(host: HTMLElement): Tooltip {
  const el = h("div", { class: "tip", role: "tooltip", id: "edge-tip", "data-testid": "edge-tip", hidden: true });
  host.append(el);
  return {
    el,
    show(content, at) {
      setChildren(el, content);
      el.hidden = false;
      const r = el.getBoundingClientRect();
      const hr = host.getBoundingClientRect();
      const x = Math.max(4, Math.min(at.x + 14, hr.width - r.width - 4));
      const y = at.y + 16 + r.height > hr.height ? Math.max(4, at.y - r.height - 10) : at.y + 16;
      el.style.left = `${x}px`;
      el.style.top = `${y}px`;
    },
    hide() {
      el.hidden = true;
    },
  };
}
