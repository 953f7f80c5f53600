import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';

test.describe('access control (auth enabled)', () => {
  test('an unauthenticated request answers 401 and a page sends the browser to the login', async ({
    page,
    request,
  }) => {
    expect((await request.get('/api/tables')).status()).toBe(401);
    expect((await request.get('/metrics')).status()).toBe(401);
    expect((await request.get('/api/healthz')).status()).toBe(200);
    await page.goto('/replicas');
    await expect(page).toHaveURL(/\/login\?next=%2Freplicas/);
    await page.getByLabel('Username').fill('viewer');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await page.getByLabel('Password').fill('viewer-pass');
    await page.getByRole('button', { name: /sign in/i }).click();
    await expect(page).toHaveURL(/\/replicas$/);
    await expect(page.locator('[data-testid="replica-pair-card"][data-pair="demo"]')).toBeVisible();
    await expect(page.getByTestId('connection-state')).toContainText(/live|connected/i);
    const me = await (await page.request.get('/api/me')).json();
    expect(me).toMatchObject({ authEnabled: true, role: 'viewer' });
    // A viewer cannot use a write: a cross-site form post is refused before anything else.
    const cross = await page.request.post('/api/logout', {
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      data: 'x=1',
    });
    expect(cross.status()).toBe(403);

    await expect(page.getByTestId('user-name')).toContainText('viewer');
    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get('/api/tables')).status()).toBe(401);
  });

  test('an API token grants read access, a wrong one does not', async ({ request }) => {
    expect((await request.get('/api/tables', { headers: { authorization: 'Bearer e2e-token' } })).status()).toBe(200);
    expect((await request.get('/api/tables', { headers: { authorization: 'Bearer nope' } })).status()).toBe(401);
  });

  test('security headers, no caching of signed-in pages, re-sign-in, and no unknown Host (issue #17.8–9)', async ({
    page,
    baseURL,
  }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    const signIn = () =>
      page.request.post('/api/login', {
        headers: { origin: baseURL ?? '' },
        data: { username: 'viewer', password: 'viewer-pass' },
      });
    expect((await signIn()).status()).toBe(200);
    const res = await page.goto('/');
    const headers = res?.headers() ?? {};
    expect(headers['cache-control']).toBe('private, no-store');
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    // The page still works under its policy: scripts run, the socket connects, nothing was refused.
    await expect(page.getByTestId('connection-state')).toContainText(/live|connected/i);
    expect(violations).toEqual([]);
    // Signing in again while signed in (the cookie goes along, no CSRF token): fine.
    expect((await signIn()).status()).toBe(200);
    // A DNS-rebinding page's requests carry its own name as Host: refused.
    const url = new URL('/api/healthz', baseURL);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { headers: { host: `rebind.evil.example:${url.port}` } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});
