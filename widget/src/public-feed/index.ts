/** The public feed's bundle, served at /public-feed.js: for /public and any city page. */
export { SuoraPublicFeed } from './suora-public-feed.js';
