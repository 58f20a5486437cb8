/**
 * Telling "the host could not be reached" (try again later) from "the host was reached but
 * the TLS handshake failed" (a certificate problem the user must decide on). Node reports
 * the first kind with these system error codes and the second with TLS codes such as
 * DEPTH_ZERO_SELF_SIGNED_CERT or ERR_TLS_CERT_ALTNAME_INVALID.
 */
const reachabilityCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED',
]);

export function isReachabilityError(code: string | undefined): boolean {
  return code !== undefined && reachabilityCodes.has(code);
}
