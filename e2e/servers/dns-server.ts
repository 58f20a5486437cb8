import { createSocket, type Socket } from 'node:dgram';

/** The records one test name answers with; a name missing from the table is NXDOMAIN. */
export interface DnsRecords {
  /** `exchange: '.'` with preference 0 is a null MX (RFC 7505). */
  mx?: Array<{ preference: number; exchange: string }>;
  a?: string[];
  aaaa?: string[];
  /** RFC 2782 service records; target '.' says the service is not offered. */
  srv?: Array<{ priority: number; weight: number; port: number; target: string }>;
}

export interface DnsServer {
  port: number;
  /** Names are matched case-insensitively, without the trailing dot. */
  zone: Map<string, DnsRecords>;
  /** How many queries were answered, per `name/TYPE`. */
  queries: Map<string, number>;
  /** Names whose queries are silently dropped, as if DNS were unreachable. */
  dropped: Set<string>;
  close(): Promise<void>;
}

const TYPE = { A: 1, MX: 15, AAAA: 28, SRV: 33 } as const;
const TYPE_NAME: Record<number, string> = { 1: 'A', 15: 'MX', 28: 'AAAA', 33: 'SRV' };

/**
 * A tiny authoritative DNS server over UDP on 127.0.0.1 (RFC 1035 §4) answering A, AAAA,
 * MX and SRV from an in-memory table, so MX tests never need real DNS. Malformed queries are dropped.
 */
export async function startDnsServer(port: number, zone = new Map<string, DnsRecords>()): Promise<DnsServer> {
  const socket: Socket = createSocket('udp4');
  const queries = new Map<string, number>();
  const dropped = new Set<string>();
  socket.on('message', (query, peer) => {
    const answer = answerQuery(query, zone, queries, dropped);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    zone,
    queries,
    dropped,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answerQuery(query: Buffer, zone: Map<string, DnsRecords>, queries: Map<string, number>, dropped: Set<string>): Buffer | undefined {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return undefined;
  const parsed = readName(query, 12);
  if (!parsed || parsed.end + 4 > query.length || dropped.has(parsed.name)) return undefined;
  const qtype = query.readUInt16BE(parsed.end);
  const question = query.subarray(12, parsed.end + 4);
  const key = `${parsed.name}/${TYPE_NAME[qtype] ?? qtype}`;
  queries.set(key, (queries.get(key) ?? 0) + 1);
  const records = zone.get(parsed.name);
  const answers = records ? encodeAnswers(records, qtype) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  // QR=1, AA=1, RD copied; RCODE 3 (NXDOMAIN) for an unknown name.
  header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (records ? 0 : 3), 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, question, ...answers]);
}

function encodeAnswers(records: DnsRecords, qtype: number): Buffer[] {
  if (qtype === TYPE.MX) {
    return (records.mx ?? []).map((mx) => {
      const rdata = Buffer.concat([u16(mx.preference), encodeName(mx.exchange)]);
      return resourceRecord(TYPE.MX, rdata);
    });
  }
  if (qtype === TYPE.SRV) {
    return (records.srv ?? []).map((srv) => resourceRecord(TYPE.SRV, Buffer.concat([u16(srv.priority), u16(srv.weight), u16(srv.port), encodeName(srv.target)])));
  }
  if (qtype === TYPE.A) return (records.a ?? []).map((ip) => resourceRecord(TYPE.A, Buffer.from(ip.split('.').map(Number))));
  if (qtype === TYPE.AAAA) return (records.aaaa ?? []).map((ip) => resourceRecord(TYPE.AAAA, ipv6Bytes(ip)));
  return [];
}

/** An answer whose owner is a compression pointer to the question name at offset 12. */
function resourceRecord(type: number, rdata: Buffer): Buffer {
  const fixed = Buffer.alloc(12);
  fixed.writeUInt16BE(0xc00c, 0);
  fixed.writeUInt16BE(type, 2);
  fixed.writeUInt16BE(1, 4);
  fixed.writeUInt32BE(60, 6);
  fixed.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([fixed, rdata]);
}

function readName(buf: Buffer, offset: number): { name: string; end: number } | undefined {
  const labels: string[] = [];
  let at = offset;
  while (at < buf.length) {
    const len = buf[at] ?? 0;
    if (len === 0) return { name: labels.join('.').toLowerCase(), end: at + 1 };
    if (len > 63 || at + 1 + len > buf.length) return undefined;
    labels.push(buf.toString('latin1', at + 1, at + 1 + len));
    at += 1 + len;
  }
  return undefined;
}

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
  return Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l, 'latin1')])), Buffer.from([0])]);
}

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value, 0);
  return b;
}

function ipv6Bytes(ip: string): Buffer {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.concat(groups.map((g) => u16(parseInt(g, 16))));
}
