/**
 * The console's shell: navigation, routing, and the login gate for an api with bearer auth on.
 */
import { Link, matchRoute, paths, useLocation, type Route } from './router.js';
import { PreviewPage } from '../pages/PreviewPage.js';
import { EditorPage } from '../pages/EditorPage.js';
import { StateMachinesPage } from '../pages/StateMachinesPage.js';
import { StateMachinePage } from '../pages/StateMachinePage.js';
import { ExecutionsPage } from '../pages/ExecutionsPage.js';
import { ExecutionPage } from '../pages/ExecutionPage.js';
import { ApprovalsPage } from '../pages/ApprovalsPage.js';
import { ActivitiesPage } from '../pages/ActivitiesPage.js';
import { Login } from './Login.js';
import { setToken, useAuth } from '../api/auth.js';

const NAV: readonly { readonly to: string; readonly label: string; readonly pages: readonly Route['page'][] }[] = [
  { to: paths.stateMachines(), label: 'State machines', pages: ['stateMachines', 'stateMachine', 'newStateMachine', 'editStateMachine'] },
  { to: paths.executions(), label: 'Executions', pages: ['executions', 'execution'] },
  { to: paths.approvals(), label: 'Approvals', pages: ['approvals'] },
  { to: paths.activities(), label: 'Activities', pages: ['activities'] },
];

function Page({ route }: { readonly route: Route }): React.JSX.Element {
  switch (route.page) {
    case 'stateMachines':
      return <StateMachinesPage />;
    case 'newStateMachine':
      return <EditorPage />;
    case 'stateMachine':
      return <StateMachinePage key={route.arn} arn={route.arn} />;
    case 'editStateMachine':
      return <EditorPage key={route.arn} arn={route.arn} />;
    case 'executions':
      return <ExecutionsPage stateMachineArn={route.stateMachineArn} statusFilter={route.statusFilter} />;
    case 'execution':
      return <ExecutionPage key={route.arn} arn={route.arn} />;
    case 'approvals':
      return <ApprovalsPage />;
    case 'activities':
      return <ActivitiesPage />;
    case 'preview':
      return <PreviewPage />;
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
  const auth = useAuth();
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
        {auth.token ? (
          <p>
            <button type="button" className="sw-link" style={{ color: '#dbe4f5' }} onClick={() => setToken(undefined)}>
              Sign out
            </button>
          </p>
        ) : null}
      </nav>
      <main className="sw-main">{auth.needed ? <Login /> : <Page route={route} />}</main>
    </div>
  );
}
