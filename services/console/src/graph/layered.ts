/**
 * A layered (Sugiyama-style) layout sized for state machines, in linear-ish time. General
 * libraries lay out long chains badly: dagre rebuilds a layer graph per rank per sweep and adds a
 * dummy node per rank an edge crosses, so a 1,000-state chain whose Catches all lead to one Fail
 * state takes minutes; elkjs's bundle alone (480 KB gzip) is over the console's budget. Here:
 *
 * 1. ranks: longest path from the start over forward edges (back edges found by DFS);
 * 2. order within a rank: barycenter sweeps over each node's neighbours' positions;
 * 3. x: each node wants the mean x of its predecessors, overlaps pushed apart in order;
 * 4. routes: one-rank edges straight down; longer forward edges down the right side of the graph,
 *    back edges up its left side, so neither crosses the boxes in between.
 */
export interface LayeredNode {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

export interface LayeredEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Room to keep between the two ranks for the edge's label. */
  readonly labelled?: boolean;
}

export interface Pt {
  readonly x: number;
  readonly y: number;
}

export interface LayeredResult {
  /** Top-left corner of each node. */
  readonly positions: ReadonlyMap<string, Pt>;
  readonly routes: ReadonlyMap<string, readonly Pt[]>;
  readonly width: number;
  readonly height: number;
}

export interface LayeredOptions {
  readonly nodeSep?: number;
  readonly rankSep?: number;
  readonly margin?: number;
}

/** Ranks (longest path over forward edges) and the set of back edges. */
export function rankNodes(nodes: readonly string[], edges: readonly LayeredEdge[], start: string | undefined): { rank: Map<string, number>; back: Set<string> } {
  const out = new Map<string, LayeredEdge[]>(nodes.map((n) => [n, []]));
  for (const e of edges) out.get(e.source)?.push(e);
  const state = new Map<string, 1 | 2>();
  const back = new Set<string>();
  for (const root of start !== undefined ? [start, ...nodes] : nodes) {
    if (state.has(root) || !out.has(root)) continue;
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = out.get(top[0]) ?? [];
      if (top[1] >= list.length) {
        state.set(top[0], 2);
        stack.pop();
        continue;
      }
      const e = list[top[1]++]!;
      const st = state.get(e.target);
      if (st === 1) back.add(e.id);
      else if (st === undefined && out.has(e.target)) {
        state.set(e.target, 1);
        stack.push([e.target, 0]);
      }
    }
  }
  const indeg = new Map<string, number>(nodes.map((n) => [n, 0]));
  for (const e of edges) if (!back.has(e.id) && indeg.has(e.target)) indeg.set(e.target, (indeg.get(e.target) ?? 0) + 1);
  const rank = new Map<string, number>(nodes.map((n) => [n, 0]));
  const queue = nodes.filter((n) => indeg.get(n) === 0);
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    for (const e of out.get(n) ?? []) {
      if (back.has(e.id) || !indeg.has(e.target)) continue;
      rank.set(e.target, Math.max(rank.get(e.target) ?? 0, (rank.get(n) ?? 0) + 1));
      const d = (indeg.get(e.target) ?? 1) - 1;
      indeg.set(e.target, d);
      if (d === 0) queue.push(e.target);
    }
  }
  return { rank, back };
}

export function layered(nodes: readonly LayeredNode[], edges: readonly LayeredEdge[], start: string | undefined, opts: LayeredOptions = {}): LayeredResult {
  const nodeSep = opts.nodeSep ?? 36;
  const rankSep = opts.rankSep ?? 44;
  const margin = opts.margin ?? 0;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const valid = edges.filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target);
  const { rank, back } = rankNodes(
    nodes.map((n) => n.id),
    valid,
    start,
  );
  const forward = valid.filter((e) => !back.has(e.id));
  const preds = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const succs = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of forward) {
    preds.get(e.target)!.push(e.source);
    succs.get(e.source)!.push(e.target);
  }

  // Layers in first-seen order (a BFS from the start keeps branches next to each other).
  const maxRank = Math.max(0, ...rank.values());
  const layers: string[][] = Array.from({ length: maxRank + 1 }, () => []);
  const seen = new Set<string>();
  const bfs = start !== undefined && byId.has(start) ? [start] : [];
  for (let i = 0; i < bfs.length; i++) {
    const n = bfs[i]!;
    if (seen.has(n)) continue;
    seen.add(n);
    layers[rank.get(n) ?? 0]!.push(n);
    for (const s of succs.get(n) ?? []) if (!seen.has(s)) bfs.push(s);
  }
  for (const n of nodes) if (!seen.has(n.id)) layers[rank.get(n.id) ?? 0]!.push(n.id);

  // Barycenter sweeps: down by predecessors, up by successors.
  const pos = new Map<string, number>();
  const index = (): void => layers.forEach((l) => l.forEach((n, i) => pos.set(n, i / Math.max(1, l.length - 1))));
  index();
  const sweep = (layer: string[], nbrs: Map<string, string[]>): void => {
    const keyed = layer.map((n, i) => {
      const ns = nbrs.get(n) ?? [];
      const bary = ns.length > 0 ? ns.reduce((s, m) => s + (pos.get(m) ?? 0), 0) / ns.length : (pos.get(n) ?? i);
      return { n, bary, i };
    });
    keyed.sort((a, b) => a.bary - b.bary || a.i - b.i);
    keyed.forEach((k, i) => {
      layer[i] = k.n;
      pos.set(k.n, i / Math.max(1, layer.length - 1));
    });
  };
  for (let it = 0; it < 2; it++) {
    for (let r = 1; r <= maxRank; r++) if (layers[r]!.length > 1) sweep(layers[r]!, preds);
    for (let r = maxRank - 1; r >= 0; r--) if (layers[r]!.length > 1) sweep(layers[r]!, succs);
  }

  // y by rank; x centred on predecessors, overlaps pushed apart in order.
  const labelled = new Set(valid.filter((e) => e.labelled).map((e) => rank.get(e.source) ?? 0));
  const cx = new Map<string, number>();
  const positions = new Map<string, Pt>();
  let y = margin;
  const rankTop: number[] = [];
  const rankBottom: number[] = [];
  for (let r = 0; r <= maxRank; r++) {
    const layer = layers[r]!;
    const want = layer.map((n) => {
      const ps = (preds.get(n) ?? []).filter((p) => cx.has(p));
      return ps.length > 0 ? ps.reduce((s, p) => s + cx.get(p)!, 0) / ps.length : 0;
    });
    // Place left to right at the wanted centres, keeping order and gaps, then shift to balance.
    const placed: number[] = [];
    layer.forEach((n, i) => {
      const w = byId.get(n)!.width;
      const prev = i > 0 ? placed[i - 1]! + byId.get(layer[i - 1]!)!.width / 2 + nodeSep + w / 2 : -Infinity;
      placed.push(Math.max(want[i]!, prev));
    });
    const shift = layer.length > 0 ? placed.reduce((s, p, i) => s + (want[i]! - p), 0) / layer.length : 0;
    const h = layer.reduce((m, n) => Math.max(m, byId.get(n)!.height), 0);
    rankTop.push(y);
    layer.forEach((n, i) => {
      const node = byId.get(n)!;
      const c = placed[i]! + shift;
      cx.set(n, c);
      positions.set(n, { x: c - node.width / 2, y: y + (h - node.height) / 2 });
    });
    rankBottom.push(y + h);
    y += h + rankSep + (labelled.has(r) ? 12 : 0);
  }
  // Normalise to the margin.
  let minX = Infinity;
  let maxX = -Infinity;
  for (const [n, p] of positions) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x + byId.get(n)!.width);
  }
  if (!Number.isFinite(minX)) [minX, maxX] = [0, 0];
  // Side lanes: back edges go up the left, long forward edges down the right.
  const LANES = 72;
  const needLeft = valid.some((e) => back.has(e.id)) ? LANES : 0;
  const needRight = valid.some((e) => !back.has(e.id) && (rank.get(e.target) ?? 0) - (rank.get(e.source) ?? 0) > 1) ? LANES : 0;
  const dx = margin - minX + needLeft;
  for (const [n, p] of positions) positions.set(n, { x: p.x + dx, y: p.y });
  const width = maxX - minX + margin * 2 + needLeft + needRight;
  const height = Math.max(0, y - rankSep) + margin;

  // Routes.
  const routes = new Map<string, Pt[]>();
  const rightLane = maxX + dx + 16;
  const leftLane = margin + needLeft - 16;
  let lane = 0;
  for (const e of valid) {
    const a = positions.get(e.source)!;
    const b = positions.get(e.target)!;
    const na = byId.get(e.source)!;
    const nb = byId.get(e.target)!;
    const from = { x: a.x + na.width / 2, y: a.y + na.height };
    const to = { x: b.x + nb.width / 2, y: b.y };
    const rs = rank.get(e.source) ?? 0;
    const rt = rank.get(e.target) ?? 0;
    if (!back.has(e.id) && rt - rs <= 1) {
      routes.set(e.id, [from, to]);
    } else if (!back.has(e.id)) {
      const lx = rightLane + (lane++ % 6) * 8;
      const yOut = (rankBottom[rs] ?? from.y) + rankSep / 2;
      const yIn = (rankTop[rt] ?? to.y) - rankSep / 2;
      routes.set(e.id, [from, { x: from.x, y: yOut }, { x: lx, y: yOut }, { x: lx, y: yIn }, { x: to.x, y: yIn }, to]);
    } else {
      const lx = leftLane - (lane++ % 6) * 8;
      const yOut = (rankBottom[rs] ?? from.y) + rankSep / 2;
      const yIn = (rankTop[rt] ?? to.y) - rankSep / 2;
      routes.set(e.id, [from, { x: from.x, y: yOut }, { x: lx, y: yOut }, { x: lx, y: yIn }, { x: to.x, y: yIn }, to]);
    }
  }
  return { positions, routes, width, height };
}
