import { Test } from '@nestjs/testing';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CliModule } from '../../../src/cli/cli.module';
import { DEMO_PASSWORD } from '../../../src/cli/demo-network';
import { DemoSeeder } from '../../../src/cli/demo-seeder';
import { describeNetwork } from '../../../src/cli/synthetic-network';
import { dataSourceOptions } from '../../../src/common/database/data-source-options';
import { loadConfig } from '../../../src/config/load-config';
import { periodMonthsAgo } from '../../factories/factory';
import { generatedTestNiks, leakedNiks, literalTestNiks, runLogFiles, scanRunLogs } from '../../helpers/nik-leaks';
import { createTestApp, TestApp } from '../../helpers/test-app';
import { ADMIN_DATABASE_URL, databaseUrlFor } from '../../helpers/test-env';

// The demo network as `npm run demo` seeds it (src/cli/demo-seeder.ts): the same NIKs on every machine.
const DEMO_NIKS = describeNetwork({ coops: 3, borrowers: 600, seed: 2026 }).borrowers.map((b) => b.nik);
const NIK = '3316145209930091'; // the README's demo borrower, at Pekalongan and Sukabumi
const OTHER = DEMO_NIKS.find((n) => n !== NIK)!;
const LOG_DIR = process.env.KCX_TEST_LOG_DIR;

function pgDump(url: string): string {
  return execFileSync('pg_dump', ['--no-owner', '--no-privileges', url], { maxBuffer: 1024 * 1024 * 1024 }).toString(
    'utf8',
  );
}

describe('no NIK sent by the tests reaches a database dump or a log line (integration)', () => {
  const name = `kcx_leak_${Date.now().toString(36)}_${process.pid}`;
  const url = databaseUrlFor(name);
  let t: TestApp;

  beforeAll(async () => {
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const migrator = new DataSource(dataSourceOptions(url, 2));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    const cli = await Test.createTestingModule({
      imports: [CliModule.forRoot(loadConfig({ ...process.env, DATABASE_URL: url }))],
    }).compile();
    cli.useLogger(false);
    await cli.init();
    await cli.get(DemoSeeder).seed();
    await cli.close();
    t = await createTestApp({ DATABASE_URL: url, WORKER_IN_PROCESS: 'true' });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const login = async (email: string) => {
    const res = await t.http.post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  };

  /** A refused request: a 4xx whose answer does not hold the NIK. */
  const refused = (res: { status: number; text: string }) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toContain(NIK);
  };

  it("a seeded network, its users' day and hostile requests leave no NIK in the dump or the logs", async () => {
    const officer = await login('officer.pekalongan@kcx.demo');
    const submitter = await login('submitter.pekalongan@kcx.demo');
    const auditor = await login('auditor.pekalongan@kcx.demo');
    const admin = await login('admin@kcx.demo');

    // An officer's ordinary check, a refused one, an auditor's search and a subject access report.
    const consent = await t.http
      .post('/api/v1/consents')
      .set(officer)
      .send({
        nik: NIK,
        purpose: 'NEW_APPLICATION',
        evidence: { type: 'SIGNED_FORM', reference: 'FORM-PK-2026-000123' },
      });
    expect(consent.status).toBe(201);
    const profile = await t.http
      .post('/api/v1/profiles/query')
      .set(officer)
      .send({ nik: NIK, purpose: 'NEW_APPLICATION' });
    expect(profile.status).toBe(200);
    expect(profile.text).not.toContain(NIK);
    refused(await t.http.post('/api/v1/profiles/query').set(officer).send({ nik: OTHER, purpose: 'NEW_APPLICATION' }));
    expect((await t.http.post('/api/v1/audit-events/search').set(auditor).send({ nik: NIK })).status).toBe(200);
    expect((await t.http.post('/api/v1/subject-access-reports').set(admin).send({ nik: NIK })).status).toBe(200);
    const csv =
      `nik;nama;tanggal_lahir;no_rekening;jenis_fasilitas;plafon_awal;tanggal_mulai;kondisi;periode;baki_debet;hari_tunggakan\n` +
      `${NIK};Budi;12-12-1993;LEAK-1;INSTALLMENT;1.000.000;01/01/2025;00;${periodMonthsAgo(1)};500.000;-4\n`;
    const upload = await t.http
      .post('/api/v1/submissions/csv?mode=PARTIAL')
      .set(submitter)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(upload.status).toBe(202);

    // A NIK everywhere it does not belong: URLs, free text, keys, headers, CSV header cells.
    refused(await t.http.post(`/api/v1/profiles/query?nik=${NIK}`).set(officer).send({ purpose: 'NEW_APPLICATION' }));
    refused(await t.http.get(`/api/v1/profiles/${NIK}`).set(officer));
    refused(await t.http.get(`/api/v1/audit-events?cursor=${NIK}`).set(auditor));
    refused(await t.http.get(`/console/${NIK}`));
    refused(
      await t.http
        .post('/api/v1/consents')
        .set(officer)
        .send({ nik: OTHER, purpose: 'NEW_APPLICATION', evidence: { type: 'SIGNED_FORM', reference: `KTP ${NIK}` } }),
    );
    const record = {
      nik: OTHER,
      fullName: 'Budi',
      birthDate: '1990-01-01',
      loanRef: `${NIK}-01`,
      facilityType: 'INSTALLMENT',
      principal: 1000000,
      disbursedAt: '2025-01-01',
      condition: '00',
      period: periodMonthsAgo(1),
      outstanding: 500000,
      daysPastDue: 0,
    };
    refused(
      await t.http
        .post('/api/v1/submissions')
        .set(submitter)
        .send({ records: [record] }),
    );
    refused(
      await t.http
        .post('/api/v1/submissions')
        .set(submitter)
        .send({ records: [{ ...record, loanRef: 'L-1', [NIK]: 'x' }] }),
    );
    refused(
      await t.http
        .post('/api/v1/submissions')
        .set(submitter)
        .set('Idempotency-Key', `key-${NIK}`)
        .send({ records: [{ ...record, loanRef: 'L-1' }] }),
    );
    const badHeader = await t.http
      .post('/api/v1/submissions/csv')
      .set(submitter)
      .set('Content-Type', 'text/csv')
      .send(`nik,${NIK}\n${OTHER},x\n`);
    expect(badHeader.text).not.toContain(NIK);
    const withId = await t.http.get('/api/v1/auth/me').set(officer).set('X-Request-Id', `req-${NIK}`);
    expect(withId.headers['x-request-id']).not.toContain(NIK);

    // Let the queued file finish, so what the worker stores and logs is in the dump and the logs too.
    for (let i = 0; i < 200; i++) {
      const s = await t.http.get(`/api/v1/submissions/${upload.body.id}`).set(submitter);
      if (['COMPLETED', 'REJECTED', 'FAILED'].includes(s.body.status)) break;
      await new Promise((r) => setTimeout(r, 50));
    }

    const known = new Set([...DEMO_NIKS, ...literalTestNiks(), ...generatedTestNiks(LOG_DIR)]);
    expect(leakedNiks(pgDump(url), known)).toEqual([]);
    // The run's own database as the rest of the suite has left it so far.
    expect(leakedNiks(pgDump(databaseUrlFor(process.env.KCX_TEST_DATABASE!)), known)).toEqual([]);
    expect(runLogFiles(LOG_DIR).length).toBeGreaterThan(0);
    expect(scanRunLogs(LOG_DIR, known)).toEqual([]);
  }, 120_000);

  it("the checks can fail: a NIK in a dump's bytea, a log line or an unseeded literal is found", () => {
    const known = new Set([NIK]);
    expect(leakedNiks(`COPY t (x) FROM stdin;\n\\\\x${Buffer.from(`a${NIK}`).toString('hex')}\n`, known)).toEqual([
      NIK,
    ]);
    expect(leakedNiks(`{"msg":"GET /api/v1/profiles/${NIK}"}`, known)).toEqual([NIK]);
    expect(leakedNiks(`{"msg":"GET /api/v1/profiles/[NIK]"}`, known)).toEqual([]);
    expect(literalTestNiks().has(NIK)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'kcx-leak-'));
    appendFileSync(join(dir, 'api.log'), `{"level":30,"req":{"url":"/console/${NIK}"}}\n`);
    expect(scanRunLogs(dir, known)).toEqual([{ file: join(dir, 'api.log'), niks: [`${NIK.slice(0, 4)}…`] }]);
  });
});
