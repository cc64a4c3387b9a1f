import { describe, expect, it } from "vitest";
import { deleteView, loadViews, saveView } from "./views";

class MemStore implements Storage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) { this.m.set(k, v); }
}

describe("saved views", () => {
  it("saves, replaces by name, lists newest first, deletes", () => {
    const s = new MemStore();
    expect(loadViews(s)).toEqual([]);
    saveView({ name: "a", hash: "n=komid", positions: { komid: [1, 2] }, savedAt: "t1" }, s);
    saveView({ name: "b", hash: "n=ssrc", positions: {}, savedAt: "t2" }, s);
    saveView({ name: "a", hash: "n=komid,ssrc", positions: {}, savedAt: "t3" }, s);
    expect(loadViews(s).map((v) => [v.name, v.hash])).toEqual([["a", "n=komid,ssrc"], ["b", "n=ssrc"]]);
    expect(deleteView("a", s).map((v) => v.name)).toEqual(["b"]);
  });
  it("ignores garbage", () => {
    const s = new MemStore();
    s.setItem("nexus.views", "{not json");
    expect(loadViews(s)).toEqual([]);
    s.setItem("nexus.views", JSON.stringify([{ name: 1 }, { name: "ok", hash: "" }]));
    expect(loadViews(s).map((v) => v.name)).toEqual(["ok"]);
  });
});
