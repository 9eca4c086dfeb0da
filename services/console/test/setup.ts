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

// happy-dom has no layout: give virtualised scroll containers a size so they render rows.
for (const [prop, size] of typeof HTMLElement === 'undefined' ? [] : ([['clientHeight', 480], ['clientWidth', 1000]] as const)) {
  const real = Object.getOwnPropertyDescriptor(Element.prototype, prop) ?? Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement): number {
      if (this.classList.contains('sw-virtual')) return size;
      return (real?.get?.call(this) as number | undefined) ?? 0;
    },
  });
}
