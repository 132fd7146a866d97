import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LowdbStore } from '../../server/src/store/lowdb/lowdb-store.js';
import { describeStoreContract } from './contract.js';
import { describeDueDatesContract } from './due-dates.js';
import { describeIntegrationsContract } from './integrations.js';
import { describeAggregatesContract } from './aggregates-contract.js';

describeStoreContract('lowdb', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'suora-contract-'));
  return { open: () => LowdbStore.open(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describeDueDatesContract('lowdb', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'suora-contract-'));
  return { open: () => LowdbStore.open(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describeIntegrationsContract('lowdb', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'suora-contract-'));
  return { open: () => LowdbStore.open(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describeAggregatesContract('lowdb', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'suora-contract-'));
  return { open: () => LowdbStore.open(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});
