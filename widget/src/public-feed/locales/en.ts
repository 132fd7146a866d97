/** The public feed's English texts; the shape every other language must match. */
export const en = {
  heading: 'Public feedback and the city’s replies',
  intro: 'Feedback that its givers allowed to be published, after the city has read it. Contact details are never shown.',
  /** This language's own name, in the language switch. */
  languageName: 'English',
  language: 'Language',
  giveFeedback: 'Give feedback',
  filters: 'Filter the feedback',
  area: 'Service area',
  allAreas: 'All service areas',
  topic: 'Topic',
  allTopics: 'All topics',
  rating: 'Rating {n}/5',
  noRating: 'No rating',
  cityReply: 'The city’s reply',
  awaitingReply: 'No reply yet.',
  empty: 'No published feedback yet.',
  emptyFiltered: 'No published feedback matches these choices. Choose another area or topic.',
  count: '{n} feedback items',
  pages: 'Pages',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'Page {page} of {pages}',
  loading: 'Loading…',
  failed: 'The feedback could not be loaded. Check your connection and try again.',
  tryAgain: 'Try again',
  generalFeedback: 'General feedback',
};

export type PublicFeedTranslation = typeof en;
