import { Notification, Portal, VisuallyHidden } from '@mantine/core';

/** The notice of `RateLimitNotice` on screen: the countdown shown, the full sentence said once to screen readers. */
export function RateLimitToast({ shown, announced, closeLabel, onClose }: { shown: string; announced: string; closeLabel: string; onClose: () => void }) {
  return (
    <Portal>
      <Notification
        pos="fixed"
        top={80}
        left="50%"
        style={{ transform: 'translateX(-50%)', zIndex: 410, maxWidth: 420, width: 'calc(100% - 32px)' }}
        color="orange"
        withBorder
        onClose={onClose}
        closeButtonProps={{ 'aria-label': closeLabel }}
        data-testid="rate-limited"
      >
        <span aria-hidden="true">{shown}</span>
        <VisuallyHidden role="status">{announced}</VisuallyHidden>
      </Notification>
    </Portal>
  );
}
