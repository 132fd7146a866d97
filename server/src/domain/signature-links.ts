import { z } from 'zod';
import { assertNotRetired } from './retired-areas.js';
import { newTypableId } from './secrets.js';
import type { Store } from './store-port.js';
import { audit, type Actor } from './audit.js';
import { parse, requireHandler } from './directory.js';
import { DomainError } from './errors.js';
import { LINK_CHANNELS, type Official, type ServiceArea, type SignatureLink } from './model.js';
import { ID_PATTERN } from './validation.js';

const id = (label: string) => z.string({ error: `${label} must be text.` }).regex(ID_PATTERN, { error: `${label} is not a valid identifier.` });

/** A new link as an admin, the command line or the demo seed asks for it. */
export const newLinkInput = z.strictObject({
  officialId: id('The official').meta({ description: 'Whose link: an active official, manager or admin.' }),
  serviceAreaId: id('The service area').optional().meta({ description: 'Default: the official’s own service area.' }),
  channel: z.enum(LINK_CHANNELS, { error: `The channel is ${LINK_CHANNELS.join(' or ')}.` }).optional().meta({ description: 'Default `email`.' }),
});

/** A link with the official and area it stands for, as commands and pages show it. */
export interface LinkDetails {
  link: SignatureLink;
  official: Official;
  serviceArea: ServiceArea;
}

/**
 * A new link for an official who may receive feedback (`invalid_input` for anyone else): a 21-character
 * nanoid token (126 random bits). Audited in `actor`'s name.
 */
export async function createLink(store: Store, actor: Actor, input: unknown, now = new Date()): Promise<LinkDetails> {
  const details = await newLink(store, input, now);
  await audit(store, actor, 'link-create', { targetId: details.link.id });
  return details;
}

async function newLink(store: Store, given: unknown, now: Date): Promise<LinkDetails> {
  const input = parse(newLinkInput, given);
  const channel = input.channel ?? 'email';
  const official = await requireHandler(store, input.officialId, 'officialId');
  const areaId = input.serviceAreaId ?? official.serviceAreaId;
  const serviceArea = await store.getServiceArea(areaId);
  if (!serviceArea) throw new DomainError('invalid_input', 'unknown_service_area', `There is no service area "${areaId}".`);
  assertNotRetired(serviceArea);

  const link: SignatureLink = {
    id: newTypableId(10),
    token: newTypableId(),
    officialId: official.id,
    serviceAreaId: serviceArea.id,
    channel,
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  await store.saveLink(link);
  return { link, official, serviceArea };
}

/** The token of the link with this id (admins address links by id, so tokens stay out of URLs and logs). */
export async function tokenOfLink(store: Store, linkId: string): Promise<string> {
  const link = (await store.listLinks()).find((l) => l.id === linkId);
  if (!link) throw new DomainError('not_found', 'unknown_link', 'There is no such signature link.');
  return link.token;
}

/** Stops a link: its survey page says it is gone and it takes no feedback. Feedback already given stays. Audited. */
export async function revokeLink(store: Store, actor: Actor, token: string, now = new Date()): Promise<SignatureLink> {
  const link = await store.getLinkByToken(token);
  if (!link) throw new DomainError('not_found', 'unknown_link', 'There is no such signature link.');
  if (link.revokedAt) return link;
  const revoked = { ...link, revokedAt: now.toISOString() };
  await store.saveLink(revoked);
  await audit(store, actor, 'link-revoke', { targetId: link.id });
  return revoked;
}

/**
 * Revokes a link and gives the same official and area a new one on the same channel; the
 * official must still be one who may receive feedback (checked before anything changes).
 * One audit entry names the new link and the one it replaces.
 */
export async function rotateLink(store: Store, actor: Actor, token: string, now = new Date()): Promise<LinkDetails> {
  const old = await store.getLinkByToken(token);
  if (!old) throw new DomainError('not_found', 'unknown_link', 'There is no such signature link.');
  await requireHandler(store, old.officialId, 'officialId');
  if (!old.revokedAt) await store.saveLink({ ...old, revokedAt: now.toISOString() });
  const details = await newLink(store, { officialId: old.officialId, serviceAreaId: old.serviceAreaId, channel: old.channel }, now);
  await audit(store, actor, 'link-rotate', { targetId: details.link.id }, { replaces: old.id });
  return details;
}

/** Every link with its official and area (links whose official or area is gone are left out). */
export async function listLinkDetails(store: Store, filter: { officialId?: string | undefined } = {}): Promise<LinkDetails[]> {
  const [links, officials, areas] = await Promise.all([listLinks(store, filter), store.listOfficials(), store.listServiceAreas()]);
  return links.flatMap((link) => {
    const official = officials.find((o) => o.id === link.officialId);
    const serviceArea = areas.find((a) => a.id === link.serviceAreaId);
    return official && serviceArea ? [{ link, official, serviceArea }] : [];
  });
}

export async function listLinks(store: Store, filter: { officialId?: string | undefined } = {}): Promise<SignatureLink[]> {
  const links = await store.listLinks();
  return filter.officialId === undefined ? links : links.filter((l) => l.officialId === filter.officialId);
}

/**
 * The live link behind a token, with its official and area. Unknown and malformed tokens
 * are the same `not_found`, so answers reveal nothing about which tokens exist; a revoked one is `gone`.
 */
export async function findLiveLink(store: Store, token: string): Promise<LinkDetails> {
  const link = ID_PATTERN.test(token) ? await store.getLinkByToken(token) : undefined;
  if (!link) throw new DomainError('not_found', 'unknown_link', 'This survey link is not in use.');
  if (link.revokedAt) throw new DomainError('gone', 'link_revoked', 'This survey link is no longer in use.');
  const [official, serviceArea] = await Promise.all([
    store.getOfficial(link.officialId),
    store.getServiceArea(link.serviceAreaId),
  ]);
  if (!official || !serviceArea) throw new DomainError('gone', 'link_revoked', 'This survey link is no longer in use.');
  return { link, official, serviceArea };
}
