/**
 * The binding between a transport (Electron IPC, the web host's WebSocket) and the
 * handler table: it checks that the command exists, validates the untrusted arguments
 * against the contract, runs the handler, and turns any failure into a RemoteError with a
 * message meant for the user.
 */
import { z } from 'zod';
import { commands, type CommandHandlers, type CommandName, type RemoteError } from '../../src-shared/contract';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: RemoteError };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export async function dispatch(handlers: CommandHandlers, command: unknown, rawArgs: unknown): Promise<Outcome> {
  if (!isCommandName(command)) {
    return { ok: false, error: { message: `Unknown command ${JSON.stringify(command)}`, code: 'unknown-command' } };
  }
  const parsed = commands[command].args.safeParse(rawArgs);
  if (!parsed.success) {
    return { ok: false, error: { message: `Invalid arguments for ${command}: ${z.prettifyError(parsed.error)}`, code: 'invalid-arguments' } };
  }
  try {
    const handler = handlers[command] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: { message: error instanceof Error ? error.message : String(error) } };
  }
}
