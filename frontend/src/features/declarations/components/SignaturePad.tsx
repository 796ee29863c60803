import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef } from 'react';

export interface SignaturePadHandle {
  clear: () => void;
  isEmpty: () => boolean;
  /** The drawing as a PNG (ink on white), or null when nothing was drawn. */
  toPng: () => Promise<Blob | null>;
}

/**
 * A signature pad on an HTML canvas, drawn with pointer events (finger, pen or mouse). The
 * canvas keeps its CSS size and draws at the device's pixel ratio so strokes stay sharp.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { height?: number; onChange?: (empty: boolean) => void }>(
  function SignaturePad({ height = 220, onChange }, ref) {
    const canvas = useRef<HTMLCanvasElement>(null);
    const drawing = useRef<{ id: number; x: number; y: number } | null>(null);
    /** Every stroke drawn, in CSS pixels: replayed when the canvas is resized. */
    const strokes = useRef<{ x: number; y: number }[][]>([]);

    const ctx = () => canvas.current?.getContext('2d') ?? null;

    const resize = useCallback(() => {
      const c = canvas.current;
      if (!c) return;
      const ratio = Math.max(1, window.devicePixelRatio || 1);
      const w = c.clientWidth;
      const h = c.clientHeight;
      if (c.width === Math.round(w * ratio) && c.height === Math.round(h * ratio)) return;
      c.width = Math.round(w * ratio);
      c.height = Math.round(h * ratio);
      const g = c.getContext('2d');
      if (!g) return;
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.lineCap = 'round';
      g.lineJoin = 'round';
      g.lineWidth = 2.6;
      g.strokeStyle = '#111';
      g.fillStyle = '#111';
      // Resizing clears a canvas: draw the signature again.
      for (const stroke of strokes.current) {
        g.beginPath();
        g.arc(stroke[0].x, stroke[0].y, 1.2, 0, Math.PI * 2);
        g.fill();
        g.beginPath();
        g.moveTo(stroke[0].x, stroke[0].y);
        for (const p of stroke.slice(1)) g.lineTo(p.x, p.y);
        g.stroke();
      }
    }, []);

    useEffect(() => {
      resize();
      window.addEventListener('resize', resize);
      return () => window.removeEventListener('resize', resize);
    }, [resize]);

    const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
      const r = e.currentTarget.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };

    const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
      if (e.button !== 0 && e.pointerType === 'mouse') return;
      e.preventDefault();
      e.currentTarget.setPointerCapture?.(e.pointerId);
      const p = point(e);
      drawing.current = { id: e.pointerId, ...p };
      strokes.current.push([p]);
      const g = ctx();
      if (g) {
        g.beginPath();
        g.arc(p.x, p.y, 1.2, 0, Math.PI * 2);
        g.fillStyle = '#111';
        g.fill();
      }
    };

    const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
      const d = drawing.current;
      if (!d || d.id !== e.pointerId) return;
      e.preventDefault();
      const p = point(e);
      const g = ctx();
      if (g) {
        g.beginPath();
        g.moveTo(d.x, d.y);
        g.lineTo(p.x, p.y);
        g.stroke();
      }
      drawing.current = { id: d.id, ...p };
      strokes.current[strokes.current.length - 1]?.push(p);
    };

    const up = (e: React.PointerEvent<HTMLCanvasElement>) => {
      if (!drawing.current || drawing.current.id !== e.pointerId) return;
      drawing.current = null;
      onChange?.(false);
    };

    useImperativeHandle(
      ref,
      () => ({
        clear: () => {
          const c = canvas.current;
          const g = ctx();
          if (c && g) {
            g.save();
            g.setTransform(1, 0, 0, 1, 0, 0);
            g.clearRect(0, 0, c.width, c.height);
            g.restore();
          }
          strokes.current = [];
          onChange?.(true);
        },
        isEmpty: () => strokes.current.length === 0,
        toPng: async () => {
          const c = canvas.current;
          if (!c || strokes.current.length === 0) return null;
          // Ink on white, so that the signature shows on any background.
          const out = document.createElement('canvas');
          out.width = c.width;
          out.height = c.height;
          const g = out.getContext('2d');
          if (!g) return null;
          g.fillStyle = '#fff';
          g.fillRect(0, 0, out.width, out.height);
          g.drawImage(c, 0, 0);
          return new Promise<Blob | null>((resolve) => out.toBlob((b) => resolve(b), 'image/png'));
        },
      }),
      [onChange],
    );

    return (
      <canvas
        ref={canvas}
        className="signature-canvas"
        data-testid="signature-canvas"
        aria-label="签名区域"
        style={{ height, touchAction: 'none' }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={(e) => {
          if (e.pointerType === 'mouse') up(e);
        }}
      />
    );
  },
);
