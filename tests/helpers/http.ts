import { request as httpRequest } from 'node:http';
import { CSRF_HEADER, type MeResponse } from '../../shared/identity/api';

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  setCookies: string[];
}

/**
 * A small HTTP client with a cookie jar and the CSRF token, like a browser tab of Préau.
 * `localAddress` picks the source IP on loopback (127.0.0.x), to act as another machine.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly options: { localAddress?: string; origin?: string | null; headers?: Record<string, string> } = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async send<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const allHeaders: Record<string, string> = {
      ...(this.options.origin === null ? {} : { Origin: this.options.origin ?? this.baseUrl }),
      ...(payload ? { 'Content-Type': 'application/json' } : {}),
      ...(this.cookies.size ? { Cookie: this.cookieHeader } : {}),
      ...(this.csrfToken && method !== 'GET' ? { [CSRF_HEADER]: this.csrfToken } : {}),
      ...this.options.headers,
      ...headers,
    };
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        { method, headers: allHeaders, ...(this.options.localAddress ? { localAddress: this.options.localAddress } : {}) },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            const setCookies = res.headers['set-cookie'] ?? [];
            for (const line of setCookies) {
              const [pair] = line.split(';');
              const eq = pair!.indexOf('=');
              const name = pair!.slice(0, eq);
              const value = pair!.slice(eq + 1);
              if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            let parsed: unknown = text;
            if ((res.headers['content-type'] ?? '').includes('json') && text) parsed = JSON.parse(text);
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, setCookies });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  get<T = unknown>(path: string): Promise<HttpAnswer<T>> {
    return this.send<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown = {}): Promise<HttpAnswer<T>> {
    return this.send<T>('POST', path, body);
  }

  /** Signs in and keeps the session cookie and CSRF token. */
  async login(login: string, password: string): Promise<HttpAnswer<MeResponse>> {
    const answer = await this.post<MeResponse>('/api/auth/login', { login, password });
    if (answer.status === 200) this.csrfToken = answer.body.csrfToken;
    return answer;
  }

  /** Accepts every pending charter. */
  async acceptCharters(): Promise<void> {
    const me = await this.get<MeResponse>('/api/me');
    for (const pending of me.body.charter.pending) {
      const answer = await this.post('/api/charter/accept', pending);
      if (answer.status !== 200) throw new Error(`charter acceptance failed: ${answer.status}`);
    }
  }
}
