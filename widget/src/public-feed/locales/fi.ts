import type { PublicFeedTranslation } from './en.js';

export const fi: PublicFeedTranslation = {
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
