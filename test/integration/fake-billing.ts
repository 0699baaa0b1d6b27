import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * moto 5.2 has no Cost and Usage Report service (cur:*), no Data Exports (bcm-data-exports:*), no
 * account:GetContactInformation, no account:ListRegions and no Access Analyzer. This proxy sits in front of moto_server: it answers those
 * APIs (CUR reports and Access Analyzer analyzers from memory, the others as an account without any) and forwards every other
 * request to moto, so the built CLI runs end to end with one --endpoint-url. It checks no credentials (auth tests cannot
 * cover them), except that it refuses Access Analyzer writes signed by a key in `readOnlyKeys`, as IAM would for a
 * caller with the audit policy.
 */
export interface FakeBilling {
  endpoint: string;
  reports: Map<string, Record<string, unknown>>;
  /** Access Analyzer analyzers, keyed `REGION/NAME`. */
  analyzers: Map<string, FakeAnalyzer>;
  /** Access key ids whose CreateAnalyzer/DeleteAnalyzer calls get AccessDeniedException. */
  readOnlyKeys: Set<string>;
  stop(): Promise<void>;
}

export interface FakeAnalyzer {
  arn: string;
  name: string;
  type: string;
  status: string;
  createdAt: string;
}

/** The two regions the fake account:ListRegions reports enabled. */
export const FAKE_ENABLED_REGIONS = ['eu-west-1', 'us-east-1'];

/** The region and access key id of a SigV4-signed request (the SDK signs for the client's region). */
function signedBy(req: IncomingMessage): { region: string; accessKeyId: string } {
  const auth = req.headers.authorization ?? '';
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(auth);
  return { accessKeyId: m?.[1] ?? '', region: m?.[2] ?? '' };
}

/** Access Analyzer's REST API, just the three calls harden and the audit make (ListAnalyzers, CreateAnalyzer, DeleteAnalyzer). */
function accessAnalyzer(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  fake: Pick<FakeBilling, 'analyzers' | 'readOnlyKeys'>,
): void {
  const { region, accessKeyId } = signedBy(req);
  const error = (status: number, type: string, message: string): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
    res.end(JSON.stringify({ message }));
  };
  const path = new URL(req.url ?? '/', 'http://fake').pathname;
  if (req.method === 'GET' && path === '/analyzer') {
    const analyzers = [...fake.analyzers.entries()]
      .filter(([key]) => key.startsWith(`${region}/`))
      .map(([, a]) => a);
    json(res, 200, { analyzers }, 'application/json');
    return;
  }
  if (req.method !== 'PUT' && req.method !== 'DELETE') {
    error(400, 'ValidationException', `fake Access Analyzer: ${req.method} ${path} not implemented`);
    return;
  }
  const action = req.method === 'PUT' ? 'CreateAnalyzer' : 'DeleteAnalyzer';
  if (fake.readOnlyKeys.has(accessKeyId)) {
    error(403, 'AccessDeniedException', `User is not authorized to perform: access-analyzer:${action}`);
    return;
  }
  if (req.method === 'PUT' && path === '/analyzer') {
    const input = JSON.parse(body.toString('utf8') || '{}') as { analyzerName?: string; type?: string };
    const name = String(input.analyzerName);
    const type = String(input.type);
    const key = `${region}/${name}`;
    // AWS allows one account analyzer per type per region.
    const taken = [...fake.analyzers.entries()].some(
      ([k, a]) => k === key || (k.startsWith(`${region}/`) && a.type === type && type === 'ACCOUNT'),
    );
    if (taken) {
      error(409, 'ConflictException', `an ${type} analyzer already exists in ${region}`);
      return;
    }
    const arn = `arn:aws:access-analyzer:${region}:123456789012:analyzer/${name}`;
    fake.analyzers.set(key, { arn, name, type, status: 'ACTIVE', createdAt: new Date().toISOString() });
    json(res, 200, { arn }, 'application/json');
    return;
  }
  const name = decodeURIComponent(path.replace(/^\/analyzer\//, ''));
  if (!fake.analyzers.delete(`${region}/${name}`)) {
    error(404, 'ResourceNotFoundException', `analyzer ${name} not found in ${region}`);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end();
}

const CUR_PREFIX = 'AWSOrigamiServiceGatewayService.';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, type = 'application/x-amz-json-1.1'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(JSON.stringify(body));
}

export async function startFakeBilling(motoEndpoint: string): Promise<FakeBilling> {
  const target = new URL(motoEndpoint);
  const reports = new Map<string, Record<string, unknown>>();
  const analyzers = new Map<string, FakeAnalyzer>();
  const readOnlyKeys = new Set<string>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const amzTarget = req.headers['x-amz-target'];
      if (typeof amzTarget === 'string' && amzTarget.startsWith(CUR_PREFIX)) {
        const op = amzTarget.slice(CUR_PREFIX.length);
        const input = JSON.parse(body.toString('utf8') || '{}') as {
          ReportDefinition?: Record<string, unknown>;
          ReportName?: string;
        };
        if (op === 'DescribeReportDefinitions') {
          json(res, 200, { ReportDefinitions: [...reports.values()] });
        } else if (op === 'PutReportDefinition' && input.ReportDefinition) {
          const name = String(input.ReportDefinition.ReportName);
          if (reports.has(name)) {
            json(res, 400, { __type: 'DuplicateReportNameException', message: `${name} exists` });
            return;
          }
          reports.set(name, input.ReportDefinition);
          json(res, 200, {});
        } else if (op === 'DeleteReportDefinition') {
          reports.delete(String(input.ReportName));
          json(res, 200, { ResponseMessage: 'deleted' });
        } else {
          json(res, 400, { __type: 'ValidationException', message: `fake CUR: ${op} not implemented` });
        }
        return;
      }
      if (typeof amzTarget === 'string' && amzTarget.startsWith('AWSBillingAndCostManagementDataExports.')) {
        json(res, 200, { Exports: [] }, 'application/x-amz-json-1.1');
        return;
      }
      if ((req.url ?? '').startsWith('/analyzer')) {
        accessAnalyzer(req, body, res, { analyzers, readOnlyKeys });
        return;
      }
      // account:ListRegions (moto lacks it): an account with two enabled regions.
      if (req.method === 'POST' && req.url === '/listRegions') {
        const Regions = FAKE_ENABLED_REGIONS.map((RegionName) => ({
          RegionName,
          RegionOptStatus: 'ENABLED_BY_DEFAULT',
        }));
        json(res, 200, { Regions }, 'application/json');
        return;
      }
      if (req.method === 'POST' && req.url === '/getContactInformation') {
        json(res, 200, { ContactInformation: { FullName: 'Moto Test Account' } }, 'application/json');
        return;
      }
      const upstream = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (err) => {
        res.writeHead(502);
        res.end(String(err));
      });
      upstream.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    reports,
    analyzers,
    readOnlyKeys,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
