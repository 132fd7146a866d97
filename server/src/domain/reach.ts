import { DomainError } from './errors.js';
import type { Feedback, Official, ServiceArea } from './model.js';
import type { FeedbackFilter, Store } from './store-port.js';

/**
 * Whose feedback a member of staff may see and handle, in one place: an admin all of it, a
 * manager their service area's (every item of the area, and every item routed to one of
 * its people, wherever it came from), anyone else the items routed to them. The inbox
 * lists exactly what `handledItem` opens.
 */
export type Reach = { kind: 'all' } | { kind: 'own'; officialId: string } | { kind: 'area'; area: ServiceArea; officialIds: string[] };

/** What `official` reaches. A manager whose area is gone is refused (`conflict`): they head nothing. */
export async function reachOf(store: Store, official: Official): Promise<Reach> {
  if (official.role === 'admin') return { kind: 'all' };
  if (official.role !== 'manager') return { kind: 'own', officialId: official.id };
  const area = await managedArea(store, official);
  const officialIds = (await store.listOfficials()).filter((o) => o.serviceAreaId === area.id).map((o) => o.id);
  return { kind: 'area', area, officialIds };
}

/** The service area a manager heads (their own): refused when it does not exist. */
export async function managedArea(store: Store, manager: Official): Promise<ServiceArea> {
  const area = await store.getServiceArea(manager.serviceAreaId);
  if (!area) {
    throw new DomainError(
      'conflict',
      'manager_without_area',
      `${manager.name} is a manager, but their service area "${manager.serviceAreaId}" does not exist: an admin must give them the area they head.`,
    );
  }
  return area;
}

/** The reach as a store filter, to narrow any other filter with. */
export function reachFilter(reach: Reach): FeedbackFilter {
  if (reach.kind === 'own') return { officialId: reach.officialId };
  if (reach.kind === 'area') return { reach: { serviceAreaId: reach.area.id, officialIds: reach.officialIds } };
  return {};
}

/** Whether one item is within the reach (the same rule as `reachFilter`, for one item). */
export function withinReach(reach: Reach, feedback: Pick<Feedback, 'officialId' | 'serviceAreaId'>): boolean {
  if (reach.kind === 'own') return feedback.officialId === reach.officialId;
  if (reach.kind === 'area') return feedback.serviceAreaId === reach.area.id || reach.officialIds.includes(feedback.officialId);
  return true;
}
