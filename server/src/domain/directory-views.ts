import { LOCALES, type AdminDirectory, type HandlersResponse, type Locale, type LocalizedText, type Me, type TopicsResponse } from '../../../contract/api.js';
import { directoryProblems, type DirectoryProblem } from './directory.js';
import { isOffered } from './retired-areas.js';
import { mayReceiveFeedback, type Official, type ServiceArea, type Topic } from './model.js';
import type { Store } from './store-port.js';

/** The directory as its readers get it: the widget's topics, an admin's overview, a signed-in person's own profile. */

/** The topics the widget offers (neither they nor their area retired), named in one language, each with its service area. */
export async function topicsOffered(store: Store, locale: Locale): Promise<TopicsResponse> {
  const [topics, areas] = await Promise.all([store.listTopics(), store.listServiceAreas()]);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  return {
    locale,
    topics: topics.filter((topic) => isOffered(topic, areaById)).map((topic) => {
      const area = areaById.get(topic.serviceAreaId);
      return {
        id: topic.id,
        name: topic.name[locale],
        serviceArea: { id: topic.serviceAreaId, name: area?.name[locale] ?? topic.serviceAreaId },
        forBusinesses: topic.forBusinesses,
      };
    }),
  };
}

/** Whom staff can forward feedback to: those who may receive it, by name, without contact data. */
export async function handlersOffered(store: Store, locale: Locale): Promise<HandlersResponse> {
  const [officials, areas] = await Promise.all([store.listOfficials(), store.listServiceAreas()]);
  const areaById = new Map(areas.map((a) => [a.id, a]));
  return {
    officials: officials
      .filter(mayReceiveFeedback)
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .map((o) => ({ id: o.id, name: o.name, title: o.title, serviceArea: { id: o.serviceAreaId, name: areaById.get(o.serviceAreaId)?.name[locale] ?? o.serviceAreaId } })),
  };
}

/** The whole directory for admins, with what in it breaks its rules. */
export async function directoryOverview(
  store: Store,
): Promise<AdminDirectory> {
  const [serviceAreas, topics, officials, problems] = await Promise.all([
    store.listServiceAreas(),
    store.listTopics(),
    store.listOfficials(),
    directoryProblems(store),
  ]);
  return { serviceAreas, topics, officials, problems };
}

/** Who is signed in, with their service area's names (empty if the area is gone) and the city's time zone. */
export async function profileOf(store: Store, official: Official, timeZone: string): Promise<Me> {
  const area = await store.getServiceArea(official.serviceAreaId);
  return {
    id: official.id,
    name: official.name,
    title: official.title,
    role: official.role,
    serviceArea: { id: official.serviceAreaId, name: area?.name ?? NO_NAME },
    locale: official.locale,
    timeZone,
  };
}

/** A deleted area's name: empty in every language. */
const NO_NAME = Object.fromEntries(LOCALES.map((locale) => [locale, ''])) as LocalizedText;
