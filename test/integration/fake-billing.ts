import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * moto 5.2 has no Cost and Usage Report service (cur:*), no Data Exports (bcm-data-exports:*), no
 * account:GetContactInformation, no account:ListRegions and no Access Analyzer. This proxy sits in front of moto_server: it answers those
 * APIs (CUR from memory, the others as an account without any) and forwards every other request to moto, so the
 * built CLI runs end to end with one --endpoint-url. It checks no credentials: auth tests cannot cover them.
 */
export interface FakeBilling {
  endpoint: string;
  reports: Map<string, Record<string, unknown>>;
  stop(): Promise<void>;
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
      if (req.method === 'GET' && (req.url ?? '').startsWith('/analyzer')) {
        json(res, 200, { analyzers: [] }, 'application/json');
        return;
      }
      // account:ListRegions (moto lacks it): an account with two enabled regions.
      if (req.method === 'POST' && req.url === '/listRegions') {
        const Regions = [
          { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
          { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
        ];
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
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
