import type { z } from 'zod';
import { toMillis } from '../src/api/common.js';
import * as G from '../src/api/graph.js';
import * as J from '../src/api/jamf.js';
import { emptyCollected } from '../src/model/collected.js';
import { DATASETS } from '../src/model/datasets.js';
import { buildFleet } from '../src/model/join.js';
import * as R from '../src/model/records.js';
import type {
  Collected,
  DatasetState,
  DatasetStatus,
  Fleet,
  MacLogEvidence,
  NetworkProbeResult,
} from '../src/model/types.js';

/**
 * Test builder of fleets from payloads in the APIs' own wire shapes (validated by the same schemas as the
 * snapshot reader). Every dataset is complete unless a test says otherwise.
 */
export class FleetBuilder {
  private readonly c: Collected;
  private readonly statuses = new Map<string, Partial<DatasetState> & { status: DatasetStatus }>();
  private seq = 0;

  constructor(asOf = '2026-11-29T09:30:00Z') {
    this.c = emptyCollected({
      asOf: toMillis(asOf)!,
      tenant: { id: 'tenant-1', name: 'Contoso' },
      jamfUrl: 'https://contoso.jamfcloud.com',
      jamfVersion: '11.12.0',
      checkInFrequency: 15,
    });
  }

  private id(prefix: string): string {
    this.seq++;
    return `${prefix}-${String(this.seq).padStart(4, '0')}`;
  }

  private parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    return schema.parse(value);
  }

  /** The tenant's Jamf Pro check-in frequency in minutes (null: not collected); 15 unless a test says otherwise. */
  checkInFrequency(minutes: number | null): this {
    this.c.checkInFrequency = minutes;
    return this;
  }

  /** The legacy Jamf partner (deviceManagementPartners), enabled with a fresh heartbeat by default. */
  legacyPartner(p: Record<string, unknown> = {}): this {
    this.c.legacyPartners.push(
      R.legacyPartner(
        this.parse(G.deviceManagementPartner, {
          id: this.id('dmp'),
          displayName: 'Jamf',
          isConfigured: true,
          partnerState: 'enabled',
          partnerAppType: 'singleTenantApp',
          lastHeartbeatDateTime: '2026-11-29T09:00:00Z',
          ...p,
        }),
      ),
    );
    return this;
  }

  /** The Jamf Device Compliance partner (complianceManagementPartners), onboarded for macOS by default. */
  compliancePartner(p: Record<string, unknown> = {}): this {
    this.c.compliancePartners.push(
      R.compliancePartner(
        this.parse(G.complianceManagementPartner, {
          id: this.id('cmp'),
          displayName: 'Jamf Device Compliance',
          partnerState: 'enabled',
          macOsOnboarded: true,
          lastHeartbeatDateTime: '2026-11-29T09:00:00Z',
          macOsEnrollmentAssignments: [
            { target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: 'grp-mac-users' } },
          ],
          ...p,
        }),
      ),
    );
    return this;
  }

  intune(d: Record<string, unknown>): this {
    this.c.managedDevices.push(
      R.intuneDevice(
        this.parse(G.managedDevice, {
          id: this.id('md'),
          operatingSystem: 'macOS',
          managementAgent: 'jamf',
          complianceState: 'compliant',
          lastSyncDateTime: '2026-11-29T08:00:00Z',
          ...d,
        }),
      ),
    );
    return this;
  }

  entra(d: Record<string, unknown>): this {
    this.c.devices.push(
      R.entraDevice(
        this.parse(G.entraDevice, {
          id: this.id('obj'),
          operatingSystem: 'MacMDM',
          accountEnabled: true,
          isCompliant: true,
          trustType: 'Workplace',
          ...d,
        }),
      ),
    );
    return this;
  }

  /** A Jamf computer (computers-inventory record, v1 shape), managed and checked in recently by default. */
  jamf(d: Record<string, unknown> & { general?: Record<string, unknown> }, apiVersion = 1): this {
    const { general, ...rest } = d;
    this.c.computers.push(
      R.jamfComputer(
        this.parse(J.computerInventory, {
          id: this.id('j'),
          udid: null,
          general: {
            name: 'Mac',
            remoteManagement: { managed: true },
            lastContactTime: '2026-11-29T09:00:00Z',
            ...general,
          },
          hardware: { serialNumber: null },
          localUserAccounts: [],
          ...rest,
        }),
        apiVersion,
      ),
    );
    return this;
  }

  jamfCompliance(computerId: string, info: Record<string, unknown>): this {
    this.c.jamfCompliance.push(R.jamfComplianceInfo(computerId, this.parse(J.deviceComplianceInformation, info)));
    return this;
  }

  /**
   * The CONFIGURATION_PROFILES and/or APPLICATIONS sections of a computer, as `computers-inventory?section=…&
   * filter=id=in=(…)` returns its record (`{ id, configurationProfiles, applications }`).
   */
  computerSection(record: Record<string, unknown>): this {
    const r = this.parse(J.computerSection, record);
    const profiles = R.installedProfiles(r);
    if (profiles) {
      this.c.jamfInstalledProfiles ??= new Map();
      this.c.jamfInstalledProfiles.set(r.id, profiles);
    }
    const apps = R.jamfApplications(r);
    if (apps) {
      this.c.jamfApplications ??= new Map();
      this.c.jamfApplications.set(r.id, apps);
    }
    return this;
  }

  /** A Classic macOS configuration profile as `GET /JSSResource/osxconfigurationprofiles/id/{id}` returns it. */
  macosProfile(body: Record<string, unknown>, listId = 'p'): this {
    this.c.macosProfiles ??= [];
    this.c.macosProfiles.push(R.macosProfile(listId, this.parse(J.macosProfile, body)));
    return this;
  }

  user(u: Record<string, unknown>): this {
    this.c.users.push(R.user(this.parse(G.user, { id: this.id('u'), accountEnabled: true, assignedPlans: [], ...u })));
    return this;
  }

  policy(p: Record<string, unknown>): this {
    this.c.compliancePolicies.push(
      R.compliancePolicy(
        this.parse(G.compliancePolicy, {
          '@odata.type': '#microsoft.graph.macOSCompliancePolicy',
          id: this.id('pol'),
          ...p,
        }),
      ),
    );
    return this;
  }

  /**
   * A group and (unless `members` is null) its members: `@odata.type`s, or directory objects as
   * `groups/{id}/transitiveMembers?$select=id` returns them (`{ '@odata.type', id }`).
   */
  group(
    g: Record<string, unknown> & { id: string },
    members: Array<string | Record<string, unknown>> | null = [],
    membersStatus: DatasetStatus = 'complete',
  ): this {
    const grp = R.group(this.parse(G.group, g));
    if (members) {
      const objs = members.map((m, i) =>
        this.parse(G.directoryObject, typeof m === 'string' ? { '@odata.type': m, id: `${g.id}-member-${i}` } : m),
      );
      grp.memberTypes = objs.map((m) => (m['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '') || 'unknown');
      grp.memberIds = objs.map((m) => m.id.toLowerCase());
      grp.membersStatus = membersStatus;
    }
    this.c.groups.set(grp.id, grp);
    return this;
  }

  application(a: Record<string, unknown>): this {
    this.c.applications.push(R.application(this.parse(G.application, { id: this.id('app'), ...a })));
    return this;
  }

  /** A service principal; `assignments` are its appRoleAssignments (null: not collected). */
  servicePrincipal(sp: Record<string, unknown>, assignments: Array<Record<string, unknown>> | null = []): this {
    const p = R.servicePrincipal(this.parse(G.servicePrincipal, { id: this.id('sp'), ...sp }));
    if (assignments) {
      p.appRoleAssignments = assignments.map((a) => R.appRoleAssignment(this.parse(G.appRoleAssignment, a)));
      p.appRoleAssignmentsStatus = 'complete';
    }
    this.c.servicePrincipals.push(p);
    return this;
  }

  conditionalAccess(p: Record<string, unknown>): this {
    this.c.conditionalAccessPolicies.push(
      R.conditionalAccessPolicy(this.parse(G.conditionalAccessPolicy, { id: this.id('ca'), state: 'enabled', ...p })),
    );
    return this;
  }

  /** The Jamf Pro version as `GET /api/v1/jamf-pro-version` reads it (null: not read). Default 11.12.0. */
  jamfVersion(version: string | null): this {
    this.c.jamfVersion = version;
    return this;
  }

  /** Log evidence of a Mac folder (dataset `macs`), as src/logs/analyze.ts makes it. */
  macLogs(evidence: MacLogEvidence): this {
    this.c.macLogs = [...(this.c.macLogs ?? []), evidence];
    return this;
  }

  network(results: NetworkProbeResult[]): this {
    this.c.network = results;
    return this;
  }

  /** Marks a dataset (logical id) with a status other than complete. */
  status(id: string, status: DatasetStatus, extra: Partial<DatasetState> = {}): this {
    this.statuses.set(id, { status, ...extra });
    return this;
  }

  build(): Fleet {
    for (const def of Object.values(DATASETS)) {
      const path = def.id === DATASETS.computers.id ? 'jamf/api/v1/computers-inventory' : def.id;
      this.c.datasets.set(def.id, { id: def.id, path, status: 'complete', records: 0 });
    }
    if (this.c.network === null)
      this.c.datasets.set(DATASETS.networkProbe.id, {
        id: DATASETS.networkProbe.id,
        path: null,
        status: 'missing',
        records: 0,
      });
    for (const [id, st] of this.statuses) {
      const prev = this.c.datasets.get(id);
      this.c.datasets.set(id, { id, path: prev?.path ?? id, records: 0, ...st });
    }
    return buildFleet(this.c);
  }
}

export const fleet = (asOf?: string): FleetBuilder => new FleetBuilder(asOf);
