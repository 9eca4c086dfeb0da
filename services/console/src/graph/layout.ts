/**
 * Lays out a definition graph scope by scope from the inside out: each Parallel branch and Map
 * item processor is laid out on its own (layered.ts), then sized as one box in its parent's
 * layout. Nested groups come out exact, and the work stays near-linear: a 1,000-state definition
 * lays out in milliseconds.
 */
import { layered, type LayeredNode } from './layered.js';
import { END_ID, START_ID, type EdgeKind, type GraphScope, type GraphState } from './definition-graph.js';

export const STATE_W = 200;
export const STATE_H = 58;
const MARKER = 36;
const PAD = 16;
const HEADER = 30;
const BRANCH_GAP = 16;

export type LaidKind = 'state' | 'group' | 'branch' | 'start' | 'end';

export interface LaidNode {
  readonly id: string;
  readonly kind: LaidKind;
  readonly parentId?: string;
  /** Position relative to the parent (or the canvas when there is none), top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly state?: GraphState;
  readonly label?: string;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LaidEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
  readonly label?: string;
  /** Absolute canvas points of the route (empty for Retry self-loops). */
  readonly points: readonly Point[];
}

export interface GraphLayout {
  readonly nodes: readonly LaidNode[];
  readonly edges: readonly LaidEdge[];
  readonly width: number;
  readonly height: number;
}

interface Box {
  readonly width: number;
  readonly height: number;
  /** Emits this box's nodes and edges, given its absolute origin and the parent node id. */
  readonly emit: (x: number, y: number, parentX: number, parentY: number, parentId: string | undefined, out: Sink) => void;
}

interface Sink {
  readonly nodes: LaidNode[];
  readonly edges: LaidEdge[];
}

/** Lays out the top scope with Start and End markers. */
export function layoutGraph(root: GraphScope): GraphLayout {
  const box = scopeBox(root, true);
  const out: Sink = { nodes: [], edges: [] };
  box.emit(0, 0, 0, 0, undefined, out);
  return { nodes: out.nodes, edges: out.edges, width: box.width, height: box.height };
}

function stateBox(state: GraphState): Box {
  if (state.scopes.length === 0) {
    return {
      width: STATE_W,
      height: STATE_H,
      emit: (x, y, px, py, parentId, out) => {
        out.nodes.push({ id: state.id, kind: 'state', x: x - px, y: y - py, width: STATE_W, height: STATE_H, state, ...(parentId ? { parentId } : {}) });
      },
    };
  }
  const inner = state.scopes.map((sc) => scopeBox(sc, false));
  const many = state.type === 'Parallel';
  const innerW = inner.reduce((w, b) => w + b.width, 0) + BRANCH_GAP * Math.max(0, inner.length - 1);
  const innerH = inner.reduce((h, b) => Math.max(h, b.height), 0);
  const width = Math.max(STATE_W, innerW + PAD * 2);
  const height = HEADER + innerH + PAD * 2 + (many ? HEADER : 0);
  return {
    width,
    height,
    emit: (x, y, px, py, parentId, out) => {
      out.nodes.push({ id: state.id, kind: 'group', x: x - px, y: y - py, width, height, state, ...(parentId ? { parentId } : {}) });
      let cx = x + (width - innerW) / 2;
      const cy = y + HEADER + PAD;
      inner.forEach((b, i) => {
        const scope = state.scopes[i];
        if (!scope) return;
        if (many) {
          const bw = b.width;
          const bh = innerH + HEADER;
          out.nodes.push({ id: scope.id, kind: 'branch', parentId: state.id, x: cx - x, y: cy - y, width: bw, height: bh, label: scope.label });
          b.emit(cx, cy + HEADER, cx, cy, scope.id, out);
        } else {
          b.emit(cx, cy, x, y, state.id, out);
        }
        cx += b.width + BRANCH_GAP;
      });
    },
  };
}

function scopeBox(scope: GraphScope, markers: boolean): Box {
  const boxes = new Map<string, Box>();
  const items: LayeredNode[] = [];
  for (const s of scope.states) {
    const b = stateBox(s);
    boxes.set(s.id, b);
    items.push({ id: s.id, width: b.width, height: b.height });
  }
  if (markers) {
    items.push({ id: START_ID, width: MARKER, height: MARKER }, { id: END_ID, width: MARKER, height: MARKER });
  }
  const routed = scope.edges.filter((e) => e.kind !== 'retry');
  const start = markers ? START_ID : scope.states.find((s) => s.isStart)?.id;
  const lay = layered(items, routed.map((e) => ({ id: e.id, source: e.source, target: e.target, labelled: e.label !== undefined })), start, { margin: markers ? 24 : 0 });
  const width = Math.max(lay.width, markers ? MARKER : STATE_W);
  const height = Math.max(lay.height, markers ? MARKER : STATE_H);
  return {
    width,
    height,
    emit: (x, y, px, py, parentId, out) => {
      for (const item of items) {
        const p = lay.positions.get(item.id);
        if (!p) continue;
        const left = x + p.x;
        const top = y + p.y;
        if (item.id === START_ID || item.id === END_ID) {
          out.nodes.push({ id: item.id, kind: item.id === START_ID ? 'start' : 'end', x: left - px, y: top - py, width: MARKER, height: MARKER, label: item.id === START_ID ? 'Start' : 'End' });
          continue;
        }
        boxes.get(item.id)?.emit(left, top, px, py, parentId, out);
      }
      for (const e of routed) {
        const points = (lay.routes.get(e.id) ?? []).map((p) => ({ x: x + p.x, y: y + p.y }));
        out.edges.push({ id: e.id, source: e.source, target: e.target, kind: e.kind, points, ...(e.label !== undefined ? { label: e.label } : {}) });
      }
      for (const e of scope.edges) {
        if (e.kind === 'retry') out.edges.push({ id: e.id, source: e.source, target: e.target, kind: e.kind, points: [], ...(e.label !== undefined ? { label: e.label } : {}) });
      }
    },
  };
}
