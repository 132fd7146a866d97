import { PostgresStore } from '../../server/src/store/postgres/postgres-store.js';
import { startPostgres } from '../helpers/postgres.js';
import { describeStoreContract } from './contract.js';
import { describeDueDatesContract } from './due-dates.js';
import { describeIntegrationsContract } from './integrations.js';
import { describeAggregatesContract } from './aggregates-contract.js';

describeStoreContract('PostgreSQL', async () => {
  const server = await startPostgres();
  return { open: () => PostgresStore.open(server.url), cleanup: () => server.stop() };
});

describeDueDatesContract('PostgreSQL', async () => {
  const server = await startPostgres();
  return { open: () => PostgresStore.open(server.url), cleanup: () => server.stop() };
});

describeIntegrationsContract('PostgreSQL', async () => {
  const server = await startPostgres();
  return { open: () => PostgresStore.open(server.url), cleanup: () => server.stop() };
});

describeAggregatesContract('PostgreSQL', async () => {
  const server = await startPostgres();
  return { open: () => PostgresStore.open(server.url), cleanup: () => server.stop() };
});
