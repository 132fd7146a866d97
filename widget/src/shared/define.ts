/**
 * Defines a custom element unless the page already has one by that name: city pages load
 * the script twice (a CMS block and a template), and a second `define` would throw.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, constructor);
}
