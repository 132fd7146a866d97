import type { MailFailure } from '../domain/model.js';

/** Network errors that mean the mail server could not be reached (nodemailer's own, and the system's). */
const UNREACHABLE = new Set(['ECONNECTION', 'ESOCKET', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EDNS']);
/** File errors: the outbox directory could not be written. */
const OUTBOX = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EDQUOT']);

/**
 * Why sending failed, as an admin can act on it (contract MAIL_FAILURES), and the mail
 * server's reply code when it answered. Never its message: a refusal may quote the address.
 */
export function mailFailureOf(error: unknown): { code: MailFailure; smtpCode: number | null } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const smtpCode = typeof responseCode === 'number' ? responseCode : null;
  if (smtpCode !== null) return { code: smtpCode < 500 ? 'temporary' : 'rejected', smtpCode };
  const name = typeof code === 'string' ? code : '';
  if (name === 'ETIMEDOUT' || name === 'ETIME') return { code: 'timeout', smtpCode };
  if (name === 'EAUTH') return { code: 'authentication', smtpCode };
  if (name === 'ETLS') return { code: 'tls', smtpCode };
  if (UNREACHABLE.has(name)) return { code: 'unreachable', smtpCode };
  if (OUTBOX.has(name)) return { code: 'outbox', smtpCode };
  return { code: 'other', smtpCode };
}
