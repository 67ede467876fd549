import type { TableMap } from '../types.ts';
import { copy, text } from './build.ts';
import { activityMap } from './activity.ts';

/** ERP activities of type Appointment ↔ CRM appointments (activity.ts), with where they take place. */
export const appointments: TableMap = activityMap('appointments', 'Appointment', 'appointments', 'Activities: appointments (appointments)', [copy('Location', 'location', text(100, 200))]);
