import { Component, type ReactNode } from 'react';

interface OptionalPartProps {
  /** What stands in its place once it failed (its code could not be fetched: offline, or a new release replaced it). */
  fallback: ReactNode;
  children: ReactNode;
}

/**
 * A part of the page shell that must never take the page down with it (the header's bell): if it throws while
 * rendering, or its chunk fails to load, the fallback shows instead, and the rest of the page goes on.
 */
export class OptionalPart extends Component<OptionalPartProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
