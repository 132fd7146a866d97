import { z } from 'zod';
import type { ApiDescription } from './api-description.js';

/** What a city's IT calls: the health checks and the metrics (README, "Operating Suora"). */
export function describeOperations(api: ApiDescription): void {
  api.describe({
    method: 'get',
    path: '/healthz',
    tag: 'Operations',
    summary: 'Liveness: the process serves',
    description: 'Never cached; a successful probe is logged at `debug` level only.',
    access: 'public',
    answers: { status: 200, description: 'Serving.', schema: z.object({ status: z.literal('ok') }) },
  });
  api.describe({
    method: 'get',
    path: '/readyz',
    tag: 'Operations',
    summary: 'Readiness: the store can take a change now',
    description: 'lowdb: the data directory and its folders may be written and the disk is not full; PostgreSQL: it answers and is not a read-only standby. Writes nothing.',
    access: 'public',
    answers: [
      { status: 200, description: 'Ready.', schema: z.object({ status: z.literal('ready') }) },
      {
        status: 503,
        description: 'Not ready, with `Retry-After: 5`; also while the server shuts down.',
        schema: z.object({ status: z.literal('unavailable'), reason: z.string().meta({ description: 'Why, in words, e.g. “The data directory is on a read-only file system (EROFS).”' }) }),
      },
    ],
  });
  api.describe({
    method: 'get',
    path: '/metrics',
    tag: 'Operations',
    summary: 'Prometheus metrics',
    description:
      'Requests by route pattern and status, latency histograms, submissions by channel, store commit time, the mail queue and its failures, and the process’s own metrics.',
    onlyWhen: '`SUORA_METRICS_TOKEN` is set',
    access: 'metrics-token',
    answers: { status: 200, description: 'The Prometheus text format (version 0.0.4).', mediaType: 'text/plain' },
  });
}
