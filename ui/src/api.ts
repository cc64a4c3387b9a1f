// Typed client of the Nexus JSON API. Every call throws ApiError on failure.
import type {
  CypherResult,
  DocumentInfo,
  Edge,
  EntityDetail,
  ErrorCode,
  NeighborParams,
  Node,
  Path,
  PathParams,
  Schema,
  Stats,
  Subgraph,
} from "./types";

/** An API failure with the server's error code, HTTP status and request id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Position of a Cypher syntax error, when the message carries one. */
  get position(): { line: number; column: number; offset?: number } | undefined {
    return parseErrorPosition(this.message);
  }
}

/** Finds "line L, column C (offset: O)" (Neo4j's wording) in an error message. */
export function parseErrorPosition(
  msg: string,
): { line: number; column: number; offset?: number } | undefined {
  const lc = /line\s+(\d+),\s*column\s+(\d+)/i.exec(msg);
  const off = /offset:?\s*(\d+)/i.exec(msg);
  if (lc) {
    return { line: Number(lc[1]), column: Number(lc[2]), offset: off ? Number(off[1]) : undefined };
  }
  if (off) return { line: 0, column: 0, offset: Number(off[1]) };
  return undefined;
}

/** Turns a line/column (1-based) into an offset into the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  let off = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) off += lines[i].length + 1;
  return Math.min(text.length, off + Math.max(0, column - 1));
}

let base = "";
/** Sets the API origin (default: same origin). */
export function setApiBase(url: string): void {
  base = url.replace(/\/$/, "");
}

function qs(params: Record<string, string | number | boolean | string[] | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
    u.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const s = u.toString();
  return s ? "?" + s : "";
}

async function call<T>(path: string, init?: RequestInit, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(base + path, { ...init, signal, headers: { Accept: "application/json", ...(init?.headers ?? {}) } });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "network", `cannot reach the server: ${(e as Error).message}`);
  }
  const rid = res.headers.get("X-Request-ID") ?? undefined;
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? statusCode(res.status), err?.message ?? (text.slice(0, 200) || res.statusText), rid);
  }
  if (body === undefined) throw new ApiError(res.status, "internal", "response is not JSON", rid);
  return body as T;
}

function statusCode(status: number): ErrorCode {
  switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 404: return "not_found";
    case 413: return "too_large";
    case 422: return "write_refused";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    case 504: return "timeout";
    default: return "internal";
  }
}

const enc = encodeURIComponent;

export const api = {
  search(q: string, opts: { types?: string[]; limit?: number } = {}, signal?: AbortSignal) {
    return call<{ results: Node[] }>(`/api/search${qs({ q, types: opts.types, limit: opts.limit ?? 10 })}`, undefined, signal);
  },
  entity(id: string) {
    return call<EntityDetail>(`/api/entities/${enc(id)}`);
  },
  neighbors(id: string, p: NeighborParams = {}) {
    return call<Subgraph>(
      `/api/entities/${enc(id)}/neighbors${qs({
        depth: p.depth,
        rel: p.rel,
        types: p.types,
        direction: p.direction,
        minConfidence: p.minConfidence || undefined,
        limit: p.limit,
        includeWeak: p.includeWeak,
      })}`,
    );
  },
  paths(p: PathParams) {
    return call<{ paths: Path[] }>(
      `/api/paths${qs({
        from: p.from,
        to: p.to,
        mode: p.mode,
        k: p.mode === "k" ? p.k : undefined,
        maxHops: p.maxHops,
        rel: p.rel,
        minConfidence: p.minConfidence || undefined,
      })}`,
    );
  },
  relation(id: string) {
    return call<Edge>(`/api/relations/${enc(id)}`);
  },
  documents() {
    return call<{ documents: DocumentInfo[] }>(`/api/documents`);
  },
  document(id: string) {
    return call<DocumentInfo>(`/api/documents/${enc(id)}`);
  },
  stats() {
    return call<Stats>(`/api/stats`);
  },
  schema() {
    return call<Schema>(`/api/schema`);
  },
  cypher(query: string, params: Record<string, unknown> = {}, signal?: AbortSignal) {
    return call<CypherResult>(
      `/api/cypher`,
      { method: "POST", body: JSON.stringify({ query, params }), headers: { "Content-Type": "application/json" } },
      signal,
    );
  },
};
