// Where this worker's fake backend listens. scripts/serve-test starts one backend
// per worker, on E2E_PORT (8181), 8182, ...: a worker's tests reset and read its
// own backend's state, so workers run side by side without seeing each other.
// Playwright sets TEST_PARALLEL_INDEX (0 .. workers-1) in each worker process.
export const PORT = Number(process.env.E2E_PORT ?? 8181) + Number(process.env.TEST_PARALLEL_INDEX ?? 0);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
