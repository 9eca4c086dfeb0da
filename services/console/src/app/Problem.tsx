// An api error shown as text, with a retry button.
export function Problem({ error, retry }: { readonly error: Error; readonly retry?: () => void }): React.JSX.Element {
  return (
    <div className="sw-error-box" role="alert">
      <span aria-hidden="true">✗</span> {error.message}{' '}
      {retry ? (
        <button type="button" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
