/**
 * The console's shell: navigation, routing, and the login gate for an api with bearer auth on.
 */
import { Link, matchRoute, paths, useLocation, type Route } from './router.js';
import { PreviewPage } from '../pages/PreviewPage.js';
import { EditorPage } from '../pages/EditorPage.js';

const NAV: readonly { readonly to: string; readonly label: string; readonly pages: readonly Route['page'][] }[] = [
  { to: paths.stateMachines(), label: 'State machines', pages: ['stateMachines', 'stateMachine', 'newStateMachine', 'editStateMachine'] },
  { to: paths.executions(), label: 'Executions', pages: ['executions', 'execution'] },
  { to: paths.approvals(), label: 'Approvals', pages: ['approvals'] },
  { to: paths.activities(), label: 'Activities', pages: ['activities'] },
];

function Page({ route }: { readonly route: Route }): React.JSX.Element {
  switch (route.page) {
    case 'newStateMachine':
      return <EditorPage />;
    case 'preview':
      return <PreviewPage />;
    case 'stateMachines':
    case 'stateMachine':
    case 'editStateMachine':
    case 'executions':
    case 'execution':
    case 'approvals':
    case 'activities':
    case 'notFound':
      return (
        <section>
          <h2>Not found</h2>
          <p>
            No page here. <Link to={paths.stateMachines()}>State machines</Link>
          </p>
        </section>
      );
  }
}

export function App(): React.JSX.Element {
  const { pathname, search } = useLocation();
  const route = matchRoute(pathname, search);
  return (
    <div className="sw-app">
      <nav className="sw-nav" aria-label="Main">
        <h1>Stepwise</h1>
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <Link to={n.to} {...(n.pages.includes(route.page) ? { 'aria-current': 'page' as const } : {})}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="sw-main">
        <Page route={route} />
      </main>
    </div>
  );
}
