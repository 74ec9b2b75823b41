import type { Queue } from 'bullmq';
import { JobName, RAISE_ALERTS_JOB_OPTIONS } from '../../../common/jobs/queues';
import { MonitoringTrigger, NUDGE_DEBOUNCE_MS } from './monitoring-trigger';

const settle = () => new Promise((resolve) => setTimeout(resolve, NUDGE_DEBOUNCE_MS + 50));

describe('MonitoringTrigger', () => {
  it('turns a burst of nudges into one add of the fixed-id job', async () => {
    const add = jest.fn().mockResolvedValue({});
    const trigger = new MonitoringTrigger({ add } as unknown as Queue);
    for (let i = 0; i < 50; i++) trigger.nudge();
    expect(add).not.toHaveBeenCalled();
    await settle();
    expect(add).toHaveBeenCalledTimes(1);
    expect(add).toHaveBeenCalledWith(JobName.RAISE_ALERTS, {}, RAISE_ALERTS_JOB_OPTIONS);
    trigger.nudge();
    await settle();
    expect(add).toHaveBeenCalledTimes(2);
  });

  it('never throws nor rejects when Redis refuses the add', async () => {
    const add = jest.fn().mockRejectedValue(new Error('Connection is closed.'));
    const trigger = new MonitoringTrigger({ add } as unknown as Queue);
    expect(() => trigger.nudge()).not.toThrow();
    await settle();
    expect(add).toHaveBeenCalledTimes(1);
  });

  it('drops a pending nudge on shutdown', async () => {
    const add = jest.fn().mockResolvedValue({});
    const trigger = new MonitoringTrigger({ add } as unknown as Queue);
    trigger.nudge();
    trigger.onModuleDestroy();
    await settle();
    expect(add).not.toHaveBeenCalled();
  });
});
