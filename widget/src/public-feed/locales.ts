import type { Locale } from '../shared/localize.js';

const en = {
  heading: 'Public feedback and the city’s replies',
  intro: 'Feedback that its givers allowed to be published, after the city has read it. Contact details are never shown.',
  topic: 'Topic',
  allTopics: 'All topics',
  rating: 'Rating',
  noRating: 'No rating',
  cityReply: 'The city’s reply',
  awaitingReply: 'No reply yet.',
  empty: 'No published feedback yet.',
  previous: 'Newer',
  next: 'Older',
  pageOf: 'Page {page} of {pages}',
  loading: 'Loading…',
  failed: 'The feedback could not be loaded.',
  tryAgain: 'Try again',
  generalFeedback: 'General feedback',
};

export type PublicFeedTranslation = typeof en;

const fi: PublicFeedTranslation = {
  heading: 'Julkinen palaute ja kaupungin vastaukset',
  intro: 'Palaute, jonka antajat ovat sallineet julkaista, kaupungin käsittelyn jälkeen. Yhteystietoja ei koskaan näytetä.',
  topic: 'Aihe',
  allTopics: 'Kaikki aiheet',
  rating: 'Arvio',
  noRating: 'Ei arviota',
  cityReply: 'Kaupungin vastaus',
  awaitingReply: 'Ei vielä vastausta.',
  empty: 'Ei vielä julkaistua palautetta.',
  previous: 'Uudemmat',
  next: 'Vanhemmat',
  pageOf: 'Sivu {page}/{pages}',
  loading: 'Ladataan…',
  failed: 'Palautteita ei voitu ladata.',
  tryAgain: 'Yritä uudelleen',
  generalFeedback: 'Yleinen palaute',
};

const sv: PublicFeedTranslation = {
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

export const PUBLIC_FEED_TRANSLATIONS: Record<Locale, PublicFeedTranslation> = { fi, sv, en };
