import { describe, expect, it } from 'vitest';
import {
  ADVANCED_URL_MAX,
  addIntuneUserKeys,
  addJamfUserKeys,
  BATCH_MAX,
  batchBody,
  batchesOf,
  IN_MAX,
  lookupItems,
  newUserKeys,
} from './users.js';

const filterOf = (url: string) => decodeURIComponent(/\$filter=([^&]*)/.exec(url)![1]!);
const values = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(4, '0')}@contoso.example`);

describe('users look-up requests', () => {
  it('15 values a look-up, 20 look-ups a batch: exactly 20 is one batch, 21 are two', () => {
    expect(IN_MAX).toBe(15);
    expect(BATCH_MAX).toBe(20);
    expect(lookupItems('userPrincipalName', values(15))).toHaveLength(1);
    expect(lookupItems('userPrincipalName', values(16)).map((i) => i.values.length)).toEqual([15, 1]);
    const twenty = lookupItems('id', values(300));
    expect(twenty).toHaveLength(20);
    expect(batchesOf(twenty).map((b) => b.length)).toEqual([20]);
    const twentyOne = lookupItems('id', values(301));
    expect(twentyOne).toHaveLength(21);
    expect(batchesOf(twentyOne).map((b) => b.length)).toEqual([20, 1]);
    expect(batchesOf([])).toEqual([]);
    // Every value asked once, in order, ids unique within the run (numbered from `first`).
    expect(twentyOne.flatMap((i) => i.values)).toEqual(values(301));
    expect(new Set(twentyOne.map((i) => i.id)).size).toBe(21);
    expect(lookupItems('mail', values(2), 41)[0]!.id).toBe('41');
  });

  it('advanced queries: as many values as fit in the URL length, with ConsistencyLevel: eventual and $count', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`);
    const items = lookupItems('id', ids, 1, true);
    const length = (url: string) => 'https://graph.microsoft.com/v1.0'.length + url.length;
    for (const [n, item] of items.entries()) {
      expect(item.headers).toEqual({ ConsistencyLevel: 'eventual' });
      expect(item.url).toContain('&$count=true');
      expect(length(item.url)).toBeLessThanOrEqual(ADVANCED_URL_MAX);
      // Full: one more value would not fit (the last look-up takes what is left).
      if (n < items.length - 1) {
        const next = items[n + 1]!.values[0]!;
        const more = lookupItems('id', [...item.values, next], 1, true);
        expect(more).toHaveLength(2);
      }
    }
    expect(items.flatMap((i) => i.values)).toEqual(ids);
    // About 40 ids a look-up (41 URL characters each), against 15 without advanced queries.
    expect(items[0]!.values.length).toBeGreaterThan(35);
    expect(items.length).toBe(Math.ceil(500 / items[0]!.values.length));
    expect(lookupItems('id', ids.slice(0, 3))[0]!.headers).toBeUndefined();
    expect(JSON.parse(batchBody(items.slice(0, 1))).requests[0].headers).toEqual({ ConsistencyLevel: 'eventual' });
  });

  it('a look-up is a relative GET of users with an `in` filter (quotes doubled) and the wire schema $select', () => {
    const [item] = lookupItems('userPrincipalName', ["o'brien@contoso.example", 'ada@contoso.example']);
    expect(item!.method).toBe('GET');
    expect(item!.url.startsWith('/users?$filter=')).toBe(true);
    expect(filterOf(item!.url)).toBe("userPrincipalName in ('ada@contoso.example','o''brien@contoso.example')");
    expect(item!.url).toContain('&$select=id,userPrincipalName,mail,displayName,accountEnabled,assignedPlans');
    expect(item!.url).toContain('&$top=999');
    // The batch body names each request by id, method and url only (https://learn.microsoft.com/graph/json-batching).
    expect(JSON.parse(batchBody([item!]))).toEqual({ requests: [{ id: '1', method: 'GET', url: item!.url }] });
  });
});

describe('the user keys of a Mac, as the model joins users', () => {
  // The computer inventory example of Jamf Pro's API reference (GET /v1/computers-inventory-detail/{id},
  // https://developer.jamf.com/jamf-pro/reference/get_v1-computers-inventory-detail-id), sections USER_AND_LOCATION
  // and LOCAL_USER_ACCOUNTS as documented; Jamf's example ids are "1".
  const jamfDocExample = {
    id: '1',
    udid: '123',
    userAndLocation: {
      username: 'Madison Anderson',
      realname: '13-inch MacBook',
      email: 'email@com.pl',
      position: 'IT Team Lead',
      phone: '123-456-789',
      departmentId: '1',
      buildingId: '1',
      room: '5',
      extensionAttributes: [],
    },
    localUserAccounts: [
      {
        uid: '501',
        userGuid: '844F1177-0CF5-40C6-901F-38EDD9969C1C',
        username: 'admin',
        fullName: 'John Smith',
        admin: true,
        homeDirectory: '/Users/admin',
        homeDirectorySize: 30,
        fileVault2Enabled: true,
        userAccountType: 'LOCAL',
        passwordMinLength: 4,
        passwordMaxAge: 5,
        passwordMinComplexCharacters: 5,
        passwordHistoryDepth: 5,
        passwordRequireAlphanumeric: true,
        computerAzureActiveDirectoryId: '1',
        userAzureActiveDirectoryId: '1',
        azureActiveDirectoryId: 'ACTIVATED',
      },
    ],
  };

  it('Jamf: the e-mail (trimmed, lower-cased) and the local accounts Entra user object ids; not the username', () => {
    const keys = newUserKeys();
    addJamfUserKeys(jamfDocExample, keys);
    // Jamf's own example id "1" is no Entra object id: it can name no user, so it is not asked.
    expect([...keys.ids]).toEqual([]);
    expect([...keys.names]).toEqual(['email@com.pl']);

    const registered = structuredClone(jamfDocExample);
    registered.userAndLocation.email = '  Ada.Lovelace@Contoso.com ';
    registered.localUserAccounts[0]!.userAzureActiveDirectoryId = '0F9E8D7C-6B5A-4F3E-8D2C-1B0A9F8E7D6C';
    registered.localUserAccounts.push({
      ...registered.localUserAccounts[0]!,
      username: 'localadmin',
      userAzureActiveDirectoryId: '',
    } as never);
    const k2 = newUserKeys();
    addJamfUserKeys(registered, k2);
    expect([...k2.ids]).toEqual(['0f9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c']);
    expect([...k2.names]).toEqual(['ada.lovelace@contoso.com']);
    // Near misses: the username ("Madison Anderson") is no key; an e-mail without @ can be nobody's UPN or mail;
    // no section at all (read without USER_AND_LOCATION / LOCAL_USER_ACCOUNTS).
    const k3 = newUserKeys();
    addJamfUserKeys({ userAndLocation: { username: 'ada.lovelace@contoso.com', email: 'n/a' } }, k3);
    addJamfUserKeys({ id: '2', userAndLocation: null, localUserAccounts: null }, k3);
    expect([...k3.names, ...k3.ids]).toEqual([]);
  });

  // The managedDevice of Graph's reference (GET /deviceManagement/managedDevices/{id}, example response,
  // https://learn.microsoft.com/graph/api/intune-devices-manageddevice-get?view=graph-rest-1.0), trimmed to the
  // fields around the user: its placeholder values ("User Principal Name value") are no user names.
  const intuneDocExample = {
    '@odata.type': '#microsoft.graph.managedDevice',
    id: '705c034c-034c-705c-4c03-5c704c035c70',
    userId: 'User Id value',
    deviceName: 'Device Name value',
    managedDeviceOwnerType: 'company',
    operatingSystem: 'Operating System value',
    managementAgent: 'mdm',
    emailAddress: 'Email Address value',
    azureADDeviceId: 'Azure ADDevice Id value',
    userPrincipalName: 'User Principal Name value',
    serialNumber: 'Serial Number value',
    userDisplayName: 'User Display Name value',
  };

  it('Intune: userPrincipalName, else emailAddress when the UPN is empty; never userId', () => {
    const keys = newUserKeys();
    addIntuneUserKeys(intuneDocExample, keys);
    expect([...keys.names, ...keys.ids]).toEqual([]);
    const mac = {
      ...intuneDocExample,
      operatingSystem: 'macOS',
      userId: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
      userPrincipalName: 'Ada.Lovelace@contoso.com',
      emailAddress: 'ada@contoso.com',
    };
    addIntuneUserKeys(mac, keys);
    addIntuneUserKeys({ ...mac, userPrincipalName: '', emailAddress: 'Grace.Hopper@contoso.com' }, keys);
    addIntuneUserKeys({ ...mac, userPrincipalName: null, emailAddress: null }, keys);
    expect([...keys.names]).toEqual(['ada.lovelace@contoso.com', 'grace.hopper@contoso.com']);
    // The Intune userId is no key of the model: a user read by it would be joined to no Mac.
    expect([...keys.ids]).toEqual([]);
  });
});
