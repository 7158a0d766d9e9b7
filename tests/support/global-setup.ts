// Replaced by the PostgreSQL/Chromium harness (Foundation issue).
export default async function setup(): Promise<void> {}
