import { Component, type ErrorInfo, type ReactNode } from 'react';
import './view-error-boundary.css';

interface Props {
  /** Which view this guards, named in the message ("the operation page"). */
  viewName: string;
  /** When this changes (e.g. the route), a crashed view gets a fresh try. */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
  resetKey: string | undefined;
}

/**
 * Catches a crash in one view so the rest of the portal keeps working and the user sees what
 * happened instead of a blank area.
 */
export class ViewErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: undefined };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Portico: ${this.props.viewName} crashed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="view-error" role="alert">
        <h2 className="view-error__title">Something went wrong in {this.props.viewName}</h2>
        <p className="view-error__message">{error.message || error.name}</p>
        <p className="view-error__hint">
          The rest of the portal still works. Reloading the view keeps your settings and the values
          you typed.
        </p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => this.setState({ error: undefined })}
        >
          Reload view
        </button>
      </div>
    );
  }
}
