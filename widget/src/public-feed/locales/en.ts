/** The public feed's English texts; the shape every other language must match. */
export const en = {
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
