/**
 * A tiny history-API router: the console's few routes do not justify a routing library. Deep
 * links (`/state-machines/<arn>`, `/executions/<arn>`, `/approvals`) carry ARNs URL-encoded.
 */
import { useSyncExternalStore } from 'react';

const EVENT = 'stepwise:navigate';

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://x');
  return { pathname: url.pathname, search: url.searchParams };
}

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
}

export const paths = {
  stateMachines: () => '/state-machines',
  newStateMachine: () => '/state-machines/new',
  stateMachine: (arn: string) => `/state-machines/${encodeURIComponent(arn)}`,
  editStateMachine: (arn: string) => `/state-machines/${encodeURIComponent(arn)}/edit`,
  executions: (stateMachineArn?: string) => (stateMachineArn ? `/executions?stateMachineArn=${encodeURIComponent(stateMachineArn)}` : '/executions'),
  execution: (arn: string) => `/executions/${encodeURIComponent(arn)}`,
  approvals: () => '/approvals',
  activities: () => '/activities',
};

export interface LinkProps extends React.AnchorHTMLAttributes<HTMLAnchorElement> {
  readonly to: string;
}

export function Link({ to, onClick, children, ...rest }: LinkProps): React.JSX.Element {
  return (
    <a
      href={to}
      {...rest}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export type Route =
  | { readonly page: 'stateMachines' }
  | { readonly page: 'newStateMachine' }
  | { readonly page: 'stateMachine'; readonly arn: string }
  | { readonly page: 'editStateMachine'; readonly arn: string }
  | { readonly page: 'executions'; readonly stateMachineArn?: string; readonly statusFilter?: string }
  | { readonly page: 'execution'; readonly arn: string }
  | { readonly page: 'approvals' }
  | { readonly page: 'activities' }
  | { readonly page: 'preview' }
  | { readonly page: 'notFound' };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function matchRoute(pathname: string, search: URLSearchParams): Route {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/state-machines') return { page: 'stateMachines' };
  if (p === '/state-machines/new') return { page: 'newStateMachine' };
  let m = /^\/state-machines\/([^/]+)\/edit$/.exec(p);
  if (m?.[1]) return { page: 'editStateMachine', arn: decode(m[1]) };
  m = /^\/state-machines\/([^/]+)$/.exec(p);
  if (m?.[1]) return { page: 'stateMachine', arn: decode(m[1]) };
  if (p === '/executions') {
    const sm = search.get('stateMachineArn');
    const st = search.get('statusFilter');
    return { page: 'executions', ...(sm ? { stateMachineArn: sm } : {}), ...(st ? { statusFilter: st } : {}) };
  }
  m = /^\/executions\/([^/]+)$/.exec(p);
  if (m?.[1]) return { page: 'execution', arn: decode(m[1]) };
  if (p === '/approvals') return { page: 'approvals' };
  if (p === '/activities') return { page: 'activities' };
  if (p === '/preview') return { page: 'preview' };
  return { page: 'notFound' };
}
