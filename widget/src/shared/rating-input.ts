import { html, nothing, type TemplateResult } from 'lit';
import type { Rating } from '../../../contract/api.js';
import type { Translation } from './localize.js';

const RATINGS: Rating[] = [1, 2, 3, 4, 5];

export interface RatingInputOptions {
  /** Prefix for element ids, unique within the shadow root. */
  id: string;
  value: number | undefined;
  t: Translation;
  error?: string | undefined;
  /** `event.isTrusted` tells a person's choice from a script's. */
  onChange(value: number, event: Event): void;
}

/**
 * A 1–5 rating as native radio buttons in a fieldset: arrow keys move between them, the
 * legend and each option's full label ("4, Satisfied") are what a screen reader reads.
 */
export function renderRatingInput({ id, value, t, error, onChange }: RatingInputOptions): TemplateResult {
  return html`
    <fieldset class="rating" aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}" part="rating">
      <legend>${t.rating}</legend>
      <p class="hint" id="${id}-hint">${t.ratingHint}</p>
      ${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
      <div class="rating-options">
        ${RATINGS.map(
          (n) => html`
            <label class="rating-option">
              <input
                type="radio"
                name="${id}"
                value=${n}
                .checked=${value === n}
                data-field=${n === (value ?? 1) ? 'rating' : nothing}
                aria-invalid=${error ? 'true' : 'false'}
                @change=${(event: Event) => onChange(n, event)}
              />
              <span class="rating-number" aria-hidden="true">${n}</span>
              <span class="visually-hidden">${n}, ${t.ratingLabels[n - 1]}</span>
            </label>
          `,
        )}
      </div>
    </fieldset>
  `;
}
