import { Alert, Button, ColorSwatch, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { WALL_DRAWING_HEIGHT, WALL_DRAWING_MAX_STROKES, WALL_DRAWING_WIDTH } from '../../../../../shared/wall/limits';
import { TOUCH_TARGET_PX, touchTarget } from '../../../app/layout/media';
import { useWallT } from '../i18n';
import { canRedo, canUndo, emptyHistory, extendStroke, isBlank, isFull, record, redo, startStroke, undo, type DrawingHistory, type DrawingTool, type Stroke } from './model';
import { DRAWING_COLORS, DRAWING_COLOR_NAMES, PEN_SIZES, PEN_SIZE_NAMES, type DrawingColor, type PenSize } from './palette';
import { paintDrawing, paintStroke } from './render';

interface DrawingDialogProps {
  /** The stored drawing to draw over (« Modifier le dessin »), or null for a blank page. */
  baseUrl: string | null;
  /** Keeps the drawing: resolves to an error to show (the dialog then stays open, nothing lost), or null when done. */
  onDone: (png: Blob) => Promise<string | null>;
  /** Closes without keeping anything: the card being written is untouched. */
  onCancel: () => void;
}

/** The pointer's position in the drawing's own pixels, whatever size the canvas is shown at. */
function pointOf(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }) {
  const box = canvas.getBoundingClientRect();
  return { x: ((event.clientX - box.left) * WALL_DRAWING_WIDTH) / box.width, y: ((event.clientY - box.top) * WALL_DRAWING_HEIGHT) / box.height };
}

/**
 * The drawing canvas of a card: a pen in a few colours and sizes, an eraser, undo and redo, « tout effacer »; with a
 * finger, a stylus or a mouse (Pointer Events; the canvas takes no touch gesture, so drawing never scrolls the page).
 */
export function DrawingDialog({ baseUrl, onDone, onCancel }: DrawingDialogProps) {
  const { t } = useWallT();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [history, setHistory] = useState<DrawingHistory>(emptyHistory);
  const [tool, setTool] = useState<DrawingTool>('pen');
  const [color, setColor] = useState<DrawingColor>('noir');
  const [size, setSize] = useState<PenSize>('moyen');
  const [base, setBase] = useState<HTMLImageElement | null>(null);
  const [baseState, setBaseState] = useState<'none' | 'loading' | 'ready' | 'failed'>(baseUrl ? 'loading' : 'none');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The stroke being drawn lives outside React's state: a pointer move paints its new segment at once.
  const current = useRef<{ pointerId: number; stroke: Stroke } | null>(null);

  useEffect(() => {
    if (!baseUrl) return;
    const image = new Image();
    image.onload = () => {
      setBase(image);
      setBaseState('ready');
    };
    image.onerror = () => setBaseState('failed');
    image.src = baseUrl;
  }, [baseUrl]);

  const repaint = useCallback(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (ctx) paintDrawing(ctx, base, history, current.current?.stroke ?? null);
  }, [base, history]);
  useEffect(repaint, [repaint]);

  const full = isFull(history);
  const busy = saving || baseState === 'loading';

  const down = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    // One finger draws; a second one (a palm, a pinch) is ignored.
    if (!event.isPrimary || current.current || full || busy || event.button > 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const stroke = startStroke(tool, DRAWING_COLORS[color], PEN_SIZES[size], pointOf(event.currentTarget, event));
    current.current = { pointerId: event.pointerId, stroke };
    const ctx = event.currentTarget.getContext('2d');
    if (ctx) paintStroke(ctx, stroke);
  };
  const move = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const drawing = current.current;
    if (!drawing || drawing.pointerId !== event.pointerId) return;
    const canvas = event.currentTarget;
    const before = drawing.stroke.points.length;
    // A stylus reports more points than frames: the coalesced ones keep its curves smooth.
    const events = typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
    for (const each of events.length > 0 ? events : [event]) drawing.stroke = extendStroke(drawing.stroke, pointOf(canvas, each));
    const ctx = canvas.getContext('2d');
    if (ctx && drawing.stroke.points.length > before) paintStroke(ctx, drawing.stroke, before);
  };
  const up = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const drawing = current.current;
    if (!drawing || drawing.pointerId !== event.pointerId) return;
    current.current = null;
    setHistory((previous) => record(previous, { type: 'stroke', stroke: drawing.stroke }));
  };

  const keep = async () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    setSaving(true);
    setError(null);
    const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    const refused = png ? await onDone(png) : t('drawing.failed');
    setSaving(false);
    if (refused) setError(refused);
  };

  /** Ctrl+Z undoes, Ctrl+Maj+Z and Ctrl+Y redo (⌘ on a Mac), as in every drawing program. */
  const shortcut = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || current.current) return;
    const key = event.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    event.preventDefault();
    setHistory(key === 'y' || event.shiftKey ? redo : undo);
  };

  const blank = isBlank(history, baseState === 'ready');
  const toggle = (pressed: boolean) => ({ variant: pressed ? 'filled' : 'default', 'aria-pressed': pressed, style: touchTarget }) as const;

  return (
    <Modal opened onClose={onCancel} title={t('drawing.title')} size={WALL_DRAWING_WIDTH + 40} closeOnClickOutside={false} fullScreen={typeof window !== 'undefined' && window.innerWidth < 576}>
      <Stack gap="xs" onKeyDown={shortcut}>
        <Group gap="xs" role="toolbar" aria-label={t('drawing.tools')}>
          <Button {...toggle(tool === 'pen')} onClick={() => setTool('pen')}>
            {t('drawing.pen')}
          </Button>
          <Button {...toggle(tool === 'eraser')} onClick={() => setTool('eraser')}>
            {t('drawing.eraser')}
          </Button>
          {PEN_SIZE_NAMES.map((name) => (
            <Button key={name} {...toggle(size === name)} onClick={() => setSize(name)}>
              {t(`drawing.sizes.${name}`)}
            </Button>
          ))}
        </Group>
        <Group gap={6} role="toolbar" aria-label={t('drawing.colorsLabel')}>
          {DRAWING_COLOR_NAMES.map((name) => (
            <ColorSwatch
              key={name}
              component="button"
              type="button"
              color={DRAWING_COLORS[name]}
              aria-pressed={color === name}
              aria-label={t(`drawing.colors.${name}`)}
              onClick={() => {
                setColor(name);
                setTool('pen');
              }}
              size={TOUCH_TARGET_PX}
              style={{ border: color === name ? '4px solid #f59f00' : '1px solid #adb5bd', cursor: 'pointer' }}
            />
          ))}
        </Group>
        <div style={{ position: 'relative' }}>
          <canvas
            ref={canvasRef}
            width={WALL_DRAWING_WIDTH}
            height={WALL_DRAWING_HEIGHT}
            aria-label={t('drawing.canvas')}
            data-testid="wall-drawing-canvas"
            onPointerDown={down}
            onPointerMove={move}
            onPointerUp={up}
            onPointerCancel={up}
            style={{ display: 'block', width: '100%', height: 'auto', aspectRatio: `${WALL_DRAWING_WIDTH} / ${WALL_DRAWING_HEIGHT}`, touchAction: 'none', background: '#fff', border: '2px solid #495057', borderRadius: 6, cursor: 'crosshair' }}
          />
          {baseState === 'loading' && <Loader style={{ position: 'absolute', top: '45%', left: '48%' }} aria-label={t('drawing.loading')} />}
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={() => setHistory(undo)} disabled={!canUndo(history)} style={touchTarget} data-testid="wall-drawing-undo">
            {t('drawing.undo')}
          </Button>
          <Button variant="default" onClick={() => setHistory(redo)} disabled={!canRedo(history)} style={touchTarget} data-testid="wall-drawing-redo">
            {t('drawing.redo')}
          </Button>
          <Button variant="default" color="red" onClick={() => setHistory((previous) => record(previous, { type: 'clear' }))} disabled={blank || full} style={touchTarget}>
            {t('drawing.clear')}
          </Button>
        </Group>
        {full && (
          <Text fz="sm" c="orange.9" role="status">
            {t('drawing.full', { max: WALL_DRAWING_MAX_STROKES })}
          </Text>
        )}
        {baseState === 'failed' && (
          <Alert color="orange" role="alert" py="xs">
            {t('drawing.baseFailed')}
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert" py="xs">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} style={touchTarget} data-testid="wall-drawing-cancel">
            {t('drawing.cancel')}
          </Button>
          <Button onClick={() => void keep()} loading={saving} disabled={blank || busy} style={touchTarget} data-testid="wall-drawing-keep">
            {t('drawing.keep')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
