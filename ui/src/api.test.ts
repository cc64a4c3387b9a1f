import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError, offsetOf, parseErrorPosition } from "./api";

describe("error positions", () => {
  it("reads Neo4j's line/column/offset", () => {
    const msg = "Invalid input 'LIMT': expected ... (line 1, column 20 (offset: 19))";
    expect(parseErrorPosition(msg)).toEqual({ line: 1, column: 20, offset: 19 });
    expect(parseErrorPosition("Invalid input (line 3, column 2)")).toEqual({ line: 3, column: 2, offset: undefined });
    expect(parseErrorPosition("query would write")).toBeUndefined();
  });
  it("turns line and column into an offset", () => {
    const q = "MATCH (n)\nRETURN n\nLIMT 5";
    expect(offsetOf(q, 3, 1)).toBe(19);
    expect(q.slice(offsetOf(q, 2, 8))).toBe("n\nLIMT 5");
    expect(offsetOf(q, 99, 99)).toBe(q.length);
  });
});

describe("client", () => {
  afterEach(() => vi.unstubAllGlobals());
  const reply = (status: number, body: unknown) =>
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "X-Request-ID": "rid1" } }));

  it("builds query strings and leaves defaults out", async () => {
    const f = reply(200, { nodes: [], edges: [] });
    vi.stubGlobal("fetch", f);
    await api.neighbors("a b", { limit: 10, rel: ["SUPPLIES", "SUPPORTS"], minConfidence: 0 });
    expect((f.mock.calls[0] as unknown[])[0]).toBe("/api/entities/a%20b/neighbors?rel=SUPPLIES%2CSUPPORTS&limit=10");
    await api.paths({ from: "x", to: "y", mode: "shortest", k: 5, maxHops: 4 });
    expect((f.mock.calls[1] as unknown[])[0]).toBe("/api/paths?from=x&to=y&mode=shortest&maxHops=4");
  });

  it("turns error bodies into ApiError with code, status and request id", async () => {
    vi.stubGlobal("fetch", reply(422, { error: { code: "write_refused", message: "query would write" } }));
    const err = await api.cypher("CREATE (n)").catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect([err.status, err.code, err.message, err.requestId]).toEqual([422, "write_refused", "query would write", "rid1"]);
  });

  it("names the code from the status when the body is not the API's", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("gateway timeout", { status: 504 })));
    const err = await api.stats().catch((e) => e);
    expect([err.code, err.message]).toEqual(["timeout", "gateway timeout"]);
  });
});
