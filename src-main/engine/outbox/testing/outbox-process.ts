/**
 * For the crash test: an outbox in a process of its own, so the test can kill it with
 * SIGKILL in the middle of a submission, as a power cut or crash would. Reads its spool
 * directory, account and password from the environment and runs until killed.
 */
import { accountSchema } from '../../../../src-shared/model';
import { createMemorySecrets } from '../../testing/memory-secrets';
import { DEFAULT_OUTBOX_TIMING, Outbox } from '../outbox';
import { OutboxSpool } from '../outbox-spool';

const account = accountSchema.parse(JSON.parse(process.env.TERN_ACCOUNT ?? ''));
await Outbox.open({
  spool: new OutboxSpool(process.env.TERN_OUTBOX_DIR ?? ''),
  secrets: createMemorySecrets({ [account.id]: process.env.TERN_PASSWORD ?? '' }),
  accountOf: (id) => (id === account.id ? account : null),
  relayAddress: () => null,
  publish: (entries) => console.log(JSON.stringify(entries.map((e) => e.state))),
  timing: DEFAULT_OUTBOX_TIMING,
});
