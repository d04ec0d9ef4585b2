import { join } from 'node:path';
import type { Jurisdiction, Role } from '../store/port.ts';

/**
 * The demo catalogue behind `registry seed --demo`: fictitious organisations, people and submissions, all
 * marked "(demo)" and on `.example` domains so nobody mistakes them for real authorities or credentials.
 */

/** Where the shipped example specs live (schemas/examples/<CODE>/). */
export const examplesDir = join(import.meta.dirname, '..', '..', 'schemas', 'examples');

/** A demo account; `key` names it in this catalogue only. */
export interface DemoUser {
  key: string;
  email: string;
  name: string;
  role: Role;
  org: string;
  jurisdiction?: Jurisdiction;
}

/** One workflow step, done by the submission's vendor (submit) or by the jurisdiction's demo regulator. */
export type DemoStep =
  | { action: 'submit' }
  | { action: 'review'; jurisdiction: Jurisdiction }
  | { action: 'approve' | 'request_changes'; jurisdiction: Jurisdiction; comment?: string }
  | { action: 'suspend'; jurisdiction: Jurisdiction; reason: string };

/** A demo submission: a shipped example spec, sent by a demo vendor, then taken through `steps` in order. */
export interface DemoSubmission {
  key: string;
  vendor: string;
  standard: string;
  /** File name (without .json) under schemas/examples/<standard>/. */
  example: string;
  jurisdictions: Jurisdiction[];
  steps: DemoStep[];
}

/**
 * The demo admin: its email is the marker that the demo data is there. It is created last, so a seed that
 * stopped part-way is not mistaken for a complete one.
 */
export const demoAdmin: DemoUser = {
  key: 'admin', email: 'admin@registry.demo.example', name: 'Registry Administrator (demo)', role: 'admin', org: 'IR–RU Conformity Registry (demo)',
};

/** Every other demo account: one regulator and one customs officer per jurisdiction, and three vendors. */
export const demoUsers: readonly DemoUser[] = [
  { key: 'regulator-ir', email: 'reviewer@cra.demo.example', name: 'CRA Reviewer (demo)', role: 'regulator', org: 'CRA — Communications Regulatory Authority of I.R. Iran (demo)', jurisdiction: 'IR' },
  { key: 'regulator-ru', email: 'reviewer@rkn.demo.example', name: 'Roskomnadzor Reviewer (demo)', role: 'regulator', org: 'Roskomnadzor — Federal Service for Supervision of Communications, Information Technology and Mass Media (demo)', jurisdiction: 'RU' },
  { key: 'customs-ir', email: 'officer@irica.demo.example', name: 'IRICA Customs Officer (demo)', role: 'customs', org: 'I.R. Iran Customs Administration (demo)', jurisdiction: 'IR' },
  { key: 'customs-ru', email: 'officer@fcs.demo.example', name: 'FCS Customs Officer (demo)', role: 'customs', org: 'Federal Customs Service of Russia (demo)', jurisdiction: 'RU' },
  { key: 'pars', email: 'vendor@pars.demo.example', name: 'Pars Electronics Compliance Desk (demo)', role: 'vendor', org: 'Pars Electronics Trading (demo)' },
  { key: 'volga', email: 'vendor@volga.demo.example', name: 'Volga Telecom Certification Team (demo)', role: 'vendor', org: 'Volga Telecom Supply (demo)' },
  { key: 'caspian', email: 'vendor@caspian.demo.example', name: 'Caspian Network Systems Imports (demo)', role: 'vendor', org: 'Caspian Network Systems (demo)' },
];

const review = (jurisdiction: Jurisdiction): DemoStep[] => [{ action: 'submit' }, { action: 'review', jurisdiction }];

/** The demo submissions, across seven standards and every open workflow state; three end with certificates. */
export const demoSubmissions: readonly DemoSubmission[] = [
  {
    key: 'charger-approved-ir', vendor: 'pars', standard: 'IRRU-EPS', example: 'conforming-65w-usb-c-pd-charger', jurisdictions: ['IR'],
    steps: [...review('IR'), { action: 'approve', jurisdiction: 'IR', comment: 'Conforms; certificate issued (demo).' }],
  },
  {
    key: 'switch-approved-ru-then-suspended', vendor: 'volga', standard: 'IRRU-ETHSW', example: 'conforming-managed-48p-poe-plus-class-a', jurisdictions: ['RU'],
    steps: [
      ...review('RU'), { action: 'approve', jurisdiction: 'RU' },
      { action: 'suspend', jurisdiction: 'RU', reason: 'Market surveillance found units without the EAC mark; suspended pending re-inspection (demo).' },
    ],
  },
  {
    key: 'smartphone-approved-ir-under-review-ru', vendor: 'caspian', standard: 'IRRU-UE', example: 'conforming-5g-smartphone', jurisdictions: ['IR', 'RU'],
    steps: [...review('IR'), { action: 'approve', jurisdiction: 'IR' }, { action: 'review', jurisdiction: 'RU' }],
  },
  { key: 'router-submitted', vendor: 'volga', standard: 'IRRU-WLAN', example: 'conforming-dual-band-home-router', jurisdictions: ['IR', 'RU'], steps: [{ action: 'submit' }] },
  { key: 'camera-under-review', vendor: 'pars', standard: 'IRRU-IPCAM', example: 'conforming-outdoor-poe-bullet-camera', jurisdictions: ['IR'], steps: review('IR') },
  {
    key: 'ont-changes-requested', vendor: 'pars', standard: 'IRRU-ONT', example: 'conforming-gpon-sfu-no-wifi-no-pots', jurisdictions: ['IR'],
    steps: [...review('IR'), { action: 'request_changes', jurisdiction: 'IR', comment: 'Please attach the laboratory test report cited in the spec (demo).' }],
  },
  { key: 'iot-module-failing-draft', vendor: 'caspian', standard: 'IRRU-IOTM', example: 'fails-5.2.5-class-5-above-20-dbm', jurisdictions: ['IR', 'RU'], steps: [] },
  { key: 'vsat-failing-draft', vendor: 'volga', standard: 'IRRU-SATUT', example: 'fails-5.3.2-off-axis-mask-exceeded', jurisdictions: ['RU'], steps: [] },
  { key: 'charger-failing-draft', vendor: 'caspian', standard: 'IRRU-EPS', example: 'fails-8.1-no-load-power-too-high', jurisdictions: ['IR', 'RU'], steps: [] },
];
