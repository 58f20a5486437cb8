/**
 * The user-facing text of a failure. Errors from the engine arrive as Error objects whose
 * message was written for people (see RemoteError in the contract), so it is shown as is.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'Something went wrong.';
}
