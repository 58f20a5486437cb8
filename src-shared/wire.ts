/**
 * Frames of the web host's WebSocket, which carries the same contract as Electron's IPC:
 * an `invoke` is answered by exactly one `result` with the same id; `event` frames are
 * pushed by the engine. Both ends validate every frame they receive.
 */
import { z } from 'zod';

export const clientFrameSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  command: z.string().max(100),
  args: z.unknown(),
});
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.union([
  z.object({ type: z.literal('result'), id: z.number().int().nonnegative(), ok: z.literal(true), value: z.unknown() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int().nonnegative(),
    ok: z.literal(false),
    error: z.object({ message: z.string(), code: z.string().optional() }),
  }),
  z.object({ type: z.literal('event'), event: z.string().max(100), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;

/** Path of the socket; the per-run token travels as a cookie set by the page or a query parameter. */
export const socketPath = '/tern-socket';
export const tokenCookie = 'tern_token';
