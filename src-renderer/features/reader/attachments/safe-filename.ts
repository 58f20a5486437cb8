/**
 * The name an attachment is saved under. The name in the message is the sender's choice
 * (RFC 2183 §2.3 asks the receiver to treat it as a suggestion only): it may carry a path
 * ("../../.bashrc", "C:\Windows\…"), control characters, bidirectional overrides that make
 * "invoice‮fdp.exe" read as "…exe.pdf", characters Windows refuses, or a device name.
 */

// C0 and C1 controls, and the bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const invisible = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Refused in Windows file names; '/' and '\' are gone already as path separators.
const reserved = /[<>:"|?*]/g;
const deviceName = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_LENGTH = 200;

export function safeFilename(suggested: string): string {
  const lastSegment = suggested.split(/[/\\]/).pop() ?? '';
  // Leading dots would hide the file (or be ".."); trailing dots and spaces Windows drops.
  let name = lastSegment.replace(invisible, '').replace(reserved, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '') return 'attachment';
  if (deviceName.test(name)) name = `_${name}`;
  if (name.length <= MAX_LENGTH) return name;
  // Too long for most file systems: shorten the stem and keep a short extension.
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  return name.slice(0, MAX_LENGTH - extension.length) + extension;
}
