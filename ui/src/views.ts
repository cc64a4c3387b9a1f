// Saved views in localStorage: the URL state plus node positions.

export interface SavedView {
  name: string;
  hash: string;
  positions: Record<string, [number, number]>;
  savedAt: string;
}

const KEY = "nexus.views";

export function loadViews(store: Storage = localStorage): SavedView[] {
  try {
    const v = JSON.parse(store.getItem(KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x) => x && typeof x.name === "string" && typeof x.hash === "string") : [];
  } catch {
    return [];
  }
}

/** Saves (or replaces, by name) a view; newest first. */
export function saveView(v: SavedView, store: Storage = localStorage): SavedView[] {
  const list = [v, ...loadViews(store).filter((x) => x.name !== v.name)].slice(0, 30);
  store.setItem(KEY, JSON.stringify(list));
  return list;
}

export function deleteView(name: string, store: Storage = localStorage): SavedView[] {
  const list = loadViews(store).filter((x) => x.name !== name);
  store.setItem(KEY, JSON.stringify(list));
  return list;
}
