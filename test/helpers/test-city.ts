import { addOfficial, addServiceArea, addTopic, updateServiceArea } from '../../server/src/domain/directory.js';
import type { Store } from '../../server/src/domain/store-port.js';

/**
 * A small city for tests: two service areas, three officials, a decision-maker, an admin,
 * three topics (one for businesses). Built through the same directory functions the command line uses.
 */
export async function seedTestCity(store: Store): Promise<void> {
  const names = (fi: string, sv: string, en: string) => ({ fi, sv, en });
  await addServiceArea(store, 'server', { id: 'vitality', name: names('Elinvoima', 'Livskraft', 'Vitality') });
  await addServiceArea(store, 'server', { id: 'urban', name: names('Kaupunkiympäristö', 'Stadsmiljö', 'Urban Environment') });
  await addOfficial(store, 'server', { id: 'aino', name: 'Aino Virtanen', email: 'aino@example.fi', serviceAreaId: 'vitality' });
  await addOfficial(store, 'server', { id: 'jussi', name: 'Jussi Korhonen', email: 'jussi@example.fi', serviceAreaId: 'vitality' });
  await addOfficial(store, 'server', { id: 'laura', name: 'Laura Nieminen', email: 'laura@example.fi', serviceAreaId: 'urban' });
  await addOfficial(store, 'server', { id: 'kari', name: 'Kari Salo', email: 'kari@example.fi', serviceAreaId: 'urban', role: 'decision-maker' });
  await addOfficial(store, 'server', { id: 'tiina', name: 'Tiina Hämäläinen', email: 'tiina@example.fi', serviceAreaId: 'urban', role: 'admin' });
  await updateServiceArea(store, 'server', 'urban', { officialId: 'laura' });
  await addTopic(store, 'server', {
    id: 'business',
    name: names('Yritykset ja elinkeinopolitiikka', 'Företag och näringspolitik', 'Businesses and economic policy'),
    serviceAreaId: 'vitality',
    officialId: 'aino',
    forBusinesses: true,
  });
  await addTopic(store, 'server', {
    id: 'employment',
    name: names('Työllisyys', 'Sysselsättning', 'Employment'),
    serviceAreaId: 'vitality',
    officialId: 'jussi',
  });
  await addTopic(store, 'server', {
    id: 'streets',
    name: names('Kadut', 'Gator', 'Streets'),
    serviceAreaId: 'urban',
    officialId: 'laura',
  });
}
