import type { PublicFeedTranslation } from './en.js';

export const sv: PublicFeedTranslation = {
  heading: 'Offentlig respons och stadens svar',
  intro: 'Respons som givarna har tillåtit att publiceras, efter att staden har behandlat den. Kontaktuppgifter visas aldrig.',
  topic: 'Ämne',
  allTopics: 'Alla ämnen',
  rating: 'Betyg',
  noRating: 'Inget betyg',
  cityReply: 'Stadens svar',
  awaitingReply: 'Inget svar ännu.',
  empty: 'Ingen publicerad respons ännu.',
  previous: 'Nyare',
  next: 'Äldre',
  pageOf: 'Sida {page} av {pages}',
  loading: 'Laddar…',
  failed: 'Responsen kunde inte laddas.',
  tryAgain: 'Försök igen',
  generalFeedback: 'Allmän respons',
};
