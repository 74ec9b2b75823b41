import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/load-config';
import { WorkerModule } from '../../../src/worker.module';

// The worker boots its own module graph; importing nothing else here keeps other modules' entity registrations
// (made when their files load) from hiding one the worker lacks.
describe('worker process (integration)', () => {
  it('starts with every entity it touches registered', async () => {
    const env = { ...process.env, REDIS_KEY_PREFIX: `${process.env.KCX_TEST_REDIS_PREFIX}:boot` };
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(loadConfig(env))] }).compile();
    moduleRef.useLogger(false);
    const app = await moduleRef.init();
    try {
      const tables = app.get(DataSource).entityMetadatas.map((m) => m.tableName);
      expect(tables).toEqual(expect.arrayContaining(['submissions', 'loans', 'cooperatives']));
    } finally {
      await app.close();
    }
  });
});
