import { accountDelaySeconds, LOGIN_DELAY_MAX_SECONDS } from './throttles';

describe('accountDelaySeconds', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1],
    [6, 2],
    [8, 8],
    [9, 16],
    [10, LOGIN_DELAY_MAX_SECONDS],
    [1000, LOGIN_DELAY_MAX_SECONDS],
  ])('%d failures on the account (5 free): %d s between attempts', (failures, seconds) => {
    expect(accountDelaySeconds(failures, 5)).toBe(seconds);
  });
});
