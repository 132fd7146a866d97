import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { STORES, startTestServerOn } from '../helpers/both-stores.js';
import { asStaff, signInAs, type TestServer } from '../helpers/test-server.js';

const TEXT = { fi: 'Kiitos palautteesta.', sv: 'Tack för responsen.', en: 'Thank you for your feedback.' };

for (const kind of STORES) describe(`reply templates: admins keep them, officials read those of their area and for all (${kind})`, () => {
  let server: TestServer;
  let tiina: string;
  let aino: string;
  let laura: string;

  before(async () => {
    server = await startTestServerOn(kind);
    [tiina, aino, laura] = (await Promise.all(['tiina', 'aino', 'laura'].map((id) => signInAs(server, id)))) as [string, string, string];
  });
  after(() => server.close());

  it('adds, changes and removes a template, audited', async () => {
    const added = await asStaff(server, tiina, 'POST', '/api/admin/templates', { name: 'Kiitos', text: TEXT });
    assert.equal(added.status, 201, added.text);
    assert.deepEqual({ ...added.json, id: undefined }, { id: undefined, name: 'Kiitos', serviceAreaId: null, text: TEXT });
    const changed = await asStaff(server, tiina, 'PATCH', `/api/admin/templates/${added.json.id}`, { name: 'Kiitos ja hei', serviceAreaId: 'urban' });
    assert.equal(changed.status, 200, changed.text);
    assert.deepEqual([changed.json.name, changed.json.serviceAreaId, changed.json.text], ['Kiitos ja hei', 'urban', TEXT]);
    assert.equal((await asStaff(server, tiina, 'DELETE', `/api/admin/templates/${added.json.id}`)).status, 204);
    assert.equal((await asStaff(server, tiina, 'DELETE', `/api/admin/templates/${added.json.id}`)).status, 404);
    assert.deepEqual((await asStaff(server, tiina, 'GET', '/api/templates')).json.templates, []);
    const actions = (await asStaff(server, tiina, 'GET', '/api/admin/audit')).json.items.filter((e: any) => e.targetId === added.json.id).map((e: any) => e.action);
    assert.deepEqual(actions, ['template-remove', 'template-change', 'template-add']);
  });

  it('refuses a template missing a language, naming the language', async () => {
    for (const [locale, language] of [['fi', 'Finnish'], ['sv', 'Swedish'], ['en', 'English']] as const) {
      const text: Record<string, string> = { ...TEXT };
      delete text[locale];
      const { status, json } = await asStaff(server, tiina, 'POST', '/api/admin/templates', { name: 'Vajaa', text });
      assert.equal(status, 400);
      assert.match(json.error.message, new RegExp(`${language} \\(${locale}\\)`));
      assert.ok(json.error.fields[`text.${locale}`]);
      const blank = await asStaff(server, tiina, 'POST', '/api/admin/templates', { name: 'Tyhjä', text: { ...TEXT, [locale]: '  ' } });
      assert.equal(blank.status, 400);
      assert.match(blank.json.error.message, new RegExp(language));
    }
    const cases = [
      { text: TEXT },
      { name: 'x'.repeat(201), text: TEXT },
      { name: 'Pitkä', text: { ...TEXT, sv: 'x'.repeat(4001) } },
      { name: 'Alue', serviceAreaId: 'nowhere', text: TEXT },
      { name: 'Kieli', text: { ...TEXT, de: 'Danke' } },
    ];
    for (const body of cases) assert.equal((await asStaff(server, tiina, 'POST', '/api/admin/templates', body)).status, 400, JSON.stringify(body).slice(0, 80));
    const ok = await asStaff(server, tiina, 'POST', '/api/admin/templates', { name: 'Kaikki', text: TEXT });
    const partial = await asStaff(server, tiina, 'PATCH', `/api/admin/templates/${ok.json.id}`, { text: { fi: 'Vain suomeksi' } });
    assert.equal(partial.status, 400);
    assert.match(partial.json.error.message, /Swedish \(sv\)/);
    await asStaff(server, tiina, 'DELETE', `/api/admin/templates/${ok.json.id}`);
  });

  it('shows an official the templates for every area and for their own, an admin all', async () => {
    const add = async (name: string, serviceAreaId?: string) =>
      (await asStaff(server, tiina, 'POST', '/api/admin/templates', { name, text: TEXT, ...(serviceAreaId && { serviceAreaId }) })).json.id;
    await add('Kaikille');
    await add('Elinvoima', 'vitality');
    await add('Kaupunkiympäristö', 'urban');
    const names = async (cookie: string) => (await asStaff(server, cookie, 'GET', '/api/templates')).json.templates.map((t: any) => t.name);
    assert.deepEqual(await names(aino), ['Elinvoima', 'Kaikille']);
    assert.deepEqual(await names(laura), ['Kaikille', 'Kaupunkiympäristö']);
    assert.deepEqual(await names(tiina), ['Elinvoima', 'Kaikille', 'Kaupunkiympäristö']);
  });

  it('lets only admins manage templates, and nobody signed out read them', async () => {
    const some = (await asStaff(server, tiina, 'GET', '/api/templates')).json.templates[0].id;
    assert.equal((await asStaff(server, aino, 'POST', '/api/admin/templates', { name: 'Oma', text: TEXT })).status, 403);
    assert.equal((await asStaff(server, aino, 'PATCH', `/api/admin/templates/${some}`, { name: 'Oma' })).status, 403);
    assert.equal((await asStaff(server, aino, 'DELETE', `/api/admin/templates/${some}`)).status, 403);
    assert.equal((await asStaff(server, await signInAs(server, 'kari'), 'GET', '/api/templates')).status, 403);
    assert.equal((await asStaff(server, undefined, 'GET', '/api/templates')).status, 401);
  });
});
