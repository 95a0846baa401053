// The real web app (createApp over openDatabase) on 127.0.0.1 and a random port, for bench/load.bench.ts.
// Same as `claimtrail serve` except the login rate limit, which lets one bench client per user log in from one IP.
// Usage: tsx bench/load-server.ts DB_PATH LOGINS [ROOT]   (ROOT: the checkout whose code to run; default this one)
// Prints "listening PORT" on stdout once it accepts connections.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [dbPath, logins, root = new URL('..', import.meta.url).pathname] = process.argv.slice(2);
const from = (file: string) => import(pathToFileURL(join(root, file)).href);
const { openDatabase } = await from('src/storage/connect.ts');
const { createApp, defaultConfig } = await from('src/web/app.ts');
const db = await openDatabase(dbPath);
const app = createApp(
  db,
  defaultConfig({
    secureCookies: false,
    requireLoginToRead: false,
    // every client logs in at once, as one user from one address: a login in flight counts against both limits
    loginFailuresPerAccount: Number(logins),
    loginFailuresPerAddress: Number(logins),
  }),
);
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
const stop = () => server.close(() => void db.destroy().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
