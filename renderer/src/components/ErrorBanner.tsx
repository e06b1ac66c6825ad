export function ErrorBanner({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-icon" aria-hidden="true">
        !
      </span>
      <span className="error-text">{message}</span>
      <button type="button" className="icon-button" onClick={onDismiss} aria-label="Dismiss error" title="Dismiss (Esc)">
        {'\u00D7'}
      </button>
    </div>
  );
}
