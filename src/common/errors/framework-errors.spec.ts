import { parserRefusal, routerRefusal } from './framework-errors';

describe('routerRefusal', () => {
  it.each([
    ['FST_ERR_BAD_URL', 400, 'BAD_REQUEST'],
    ['FST_ERR_MAX_PARAM_LENGTH', 400, 'BAD_REQUEST'],
    // no route uses async constraints: failing one would be ours
    ['FST_ERR_ASYNC_CONSTRAINT', 500, 'INTERNAL'],
  ])('%s answers %s %s', (code, status, errorCode) => {
    expect(routerRefusal({ code })).toMatchObject({ status, code: errorCode });
  });
});

describe('parserRefusal', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'PAYLOAD_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'BAD_REQUEST'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'BAD_REQUEST'],
    ['HPE_INVALID_METHOD', 400, 'BAD_REQUEST'],
    [undefined, 400, 'BAD_REQUEST'],
  ])('%s answers %s %s', (code, status, errorCode) => {
    expect(parserRefusal(code)).toMatchObject({ status, code: errorCode });
  });
});
