// Test setup: React Testing Library cleanup between tests, and the browser APIs @xyflow/react
// measures with, which happy-dom leaves out.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => cleanup());

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
const g = globalThis as Record<string, unknown>;
g['ResizeObserver'] ??= NoopResizeObserver;
g['IS_REACT_ACT_ENVIRONMENT'] = true;
