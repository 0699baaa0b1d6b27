import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster.js';

describe('parseRoster', () => {
  it('reads people with optional columns, any column order, a BOM and blank lines', () => {
    const csv =
      '\ufeffstatus,name,userName,email,employeeId\nactive,John Smith,JS1234,john@example.com,1234\n\nleft,Ann Lee,,ann@example.com,\n';
    expect(parseRoster(csv, 'people.csv')).toEqual([
      {
        name: 'John Smith',
        status: 'active',
        userName: 'JS1234',
        email: 'john@example.com',
        employeeId: '1234',
      },
      { name: 'Ann Lee', status: 'left', email: 'ann@example.com' },
    ]);
  });

  it('accepts quoted fields with commas and a status in capitals', () => {
    expect(parseRoster('name,status\n"Smith, John",Active\n', 'p.csv')).toEqual([
      { name: 'Smith, John', status: 'active' },
    ]);
  });

  it.each([
    ['', 'p.csv: empty; expected a header line name,userName,email,employeeId,status'],
    [
      'name,status,team\n',
      'p.csv: line 1: unknown column "team" (expected name,userName,email,employeeId,status)',
    ],
    ['name,userName\nJohn,js\n', 'p.csv: line 1: missing column "status"'],
    ['name,status\nJohn,active\nAnn\n', 'p.csv: line 3: expected 2 fields like the header, got 1'],
    ['name,status\n"John,active\n', 'p.csv: line 2: a quoted field is never closed'],
    ['name,status\nJohn,gone\n', 'p.csv: line 2: status must be "active" or "left", got "gone"'],
    ['name,status\n,active\n', 'p.csv: line 2: name is empty'],
    [
      'name,userName,status\nJohn,js,active\nJane,JS,active\n',
      'p.csv: line 3: userName "JS" is already on line 2',
    ],
  ])('rejects %j with one line', (csv, message) => {
    expect(() => parseRoster(csv, 'p.csv')).toThrow(message);
    try {
      parseRoster(csv, 'p.csv');
    } catch (err) {
      expect((err as Error).message).toBe(message);
    }
  });
});
