import { describe, expect, it } from 'vitest';
import { mxParentDomains } from './mx-parent';

const withMx = (records: Array<{ exchange: string; priority: number }>) => ({ resolveMx: async () => records });

describe("the MX host's parent domains", () => {
  it('takes the most preferred MX and its parents down to two labels, at most two', async () => {
    const found = await mxParentDomains('user.example', withMx([{ exchange: 'backup.other.example', priority: 20 }, { exchange: 'MX1.Mail.Provider.Example.', priority: 10 }]));
    expect(found).toEqual({ mxHost: 'mx1.mail.provider.example', parents: ['mail.provider.example', 'provider.example'] });
  });

  it("never repeats the user's own domain", async () => {
    expect(await mxParentDomains('user.example', withMx([{ exchange: 'mx.user.example', priority: 0 }]))).toEqual({ mxHost: 'mx.user.example', parents: [] });
  });

  it('ignores a null MX, hostile exchanges and lookup failures', async () => {
    expect(await mxParentDomains('a.example', withMx([{ exchange: '', priority: 0 }, { exchange: 'evil host;.example', priority: 1 }]))).toBeNull();
    expect(await mxParentDomains('a.example', { resolveMx: () => Promise.reject(new Error('ENOTFOUND')) })).toBeNull();
  });
});
