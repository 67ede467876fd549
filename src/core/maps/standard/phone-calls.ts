import type { TableMap } from '../types.ts';
import { copy, text } from './build.ts';
import { activityMap } from './activity.ts';

/** ERP activities of type PhoneCall ↔ CRM phonecalls (activity.ts), with the number called. */
export const phoneCalls: TableMap = activityMap('phone-calls', 'PhoneCall', 'phonecalls', 'Activities: phone calls (phonecalls)', [copy('PhoneNumber', 'phonenumber', text(30, 200))]);
