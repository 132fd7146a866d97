import type { Request } from 'express';

/** The origin this request was addressed to, as a browser on Suora's own pages would send it. */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}
